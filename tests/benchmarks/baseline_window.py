"""The start-up baseline: the least any PySide6 table window costs on this machine.

A bare QMainWindow holding a QTableView on a tiny QStandardItemModel, timed the
way ``rebound --self-test`` times itself: from the process's creation as the OS
records it (``psutil.Process().create_time()``) to the first paint of the table's
viewport. Prints one JSON line: ``{"startup_ms": N, "peak_rss_mb": N, ...}``.

Run by ``bench_startup.py``; not a pytest test (the name keeps pytest away).
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

import psutil
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


class FirstPaint(QObject):
    """Records the first Paint event of the watched widget, then ends the event loop."""

    def __init__(self, app: QApplication):
        super().__init__()
        self.app = app
        self.painted_at: float | None = None
        self.painted_boottime: float | None = None

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.time()
            if hasattr(time, "CLOCK_BOOTTIME"):
                self.painted_boottime = time.clock_gettime(time.CLOCK_BOOTTIME)
            self.app.quit()
        return False


def startup_boottime_ms(painted_boottime: float | None) -> float | None:
    """Linux only: the same interval on the kernel's boot clock, free of the whole-second
    rounding in psutil's boot time. Lets the benchmark check its clock correction."""
    if painted_boottime is None:
        return None
    try:
        with Path(f"/proc/{os.getpid()}/stat").open(encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: starttime, in ticks
    return round((painted_boottime - started) * 1000, 1)


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
    created = psutil.Process().create_time()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux
    report = {
        "startup_ms": round((watcher.painted_at - created) * 1000, 1),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "startup_ms_boottime": startup_boottime_ms(watcher.painted_boottime),
    }
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
