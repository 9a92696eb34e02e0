"""The start-up baseline: the least any PySide6 table window costs on this machine.

A bare QMainWindow holding a QTableView on a tiny QStandardItemModel, timed
exactly as ``rebound --self-test`` times itself: ``process_age_seconds()`` from
``desktop.startup_clock`` (process creation as the OS records it; standard
library only on Linux) taken at the first Paint event of the table's viewport.
Prints one JSON line: ``{"startup_ms": N, "peak_rss_mb": N}``.

Run by ``bench_startup.py``; not a pytest test (the name keeps pytest away).
"""

import json
import resource
import sys

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

from desktop.startup_clock import process_age_seconds


class FirstPaint(QObject):
    """Notes the process age at the watched widget's first Paint, then ends the event loop."""

    def __init__(self, app: QApplication):
        super().__init__()
        self.app = app
        #: Process age (seconds) at the first paint.
        self.age_at_paint: float | None = None

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.age_at_paint is None:
            self.age_at_paint = process_age_seconds()
            self.app.quit()
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Baseline")
    model = QStandardItemModel(3, 3, window)
    for row in range(3):
        for column in range(3):
            model.setItem(row, column, QStandardItem(f"r{row} c{column}"))
    table = QTableView(window)
    table.setModel(model)
    window.setCentralWidget(table)
    window.resize(1000, 700)
    watcher = FirstPaint(app)
    table.viewport().installEventFilter(watcher)
    window.show()
    app.exec()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mb = peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes / KB
    report = {
        "startup_ms": round(watcher.age_at_paint * 1000, 1),
        "peak_rss_mb": round(peak_mb, 1),
    }
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
