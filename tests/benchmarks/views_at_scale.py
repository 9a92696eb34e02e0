"""Opening Insights and scrolling the board on the benchmark's data, in the real
window (offscreen). ``bench_startup.py`` runs it as a child process, so the
start-up memory it measures is not disturbed; it can also be run by hand:

    uv run python tests/benchmarks/views_at_scale.py --data-dir /tmp/rebound-bench-100000

Each view is opened the way the user opens it (``show_view``: the module is
imported, the view built and read) and the whole window is then repainted
synchronously, so a figure is what the user waits for. The baseline, in the same
run: opening the Companies view (a list) the same way, and a plain ``QListView``
scrolled like the board's fullest column.

Prints one JSON line.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_board import frames, summary


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def measure(data_dir: Path) -> dict:
    from PySide6.QtCore import QEventLoop, QSettings, QStringListModel
    from PySide6.QtWidgets import QApplication, QListView

    from desktop.operations import Changes, Record
    from desktop.store import lifecycle
    from desktop.ui.shell.main_window import MainWindow
    from desktop.ui.shell.menus import view_row

    app = QApplication.instance() or QApplication([])
    store = lifecycle.open_store(data_dir)
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "ui.ini"), QSettings.Format.IniFormat)
        window = MainWindow(store, settings)
        window.resize(1280, 800)
        window.show()
        app.processEvents()

        def open_view(label: str) -> float:
            started = time.perf_counter()
            window.show_view(view_row(label))
            window.repaint()
            return _ms(started)

        try:
            report = {"companies_open_ms": open_view("Companies"),
                      "insights_open_ms": open_view("Insights")}
            insights = window.current_view()
            started = time.perf_counter()
            while insights.is_reading():
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            window.repaint()
            report["insights_lists_after_ms"] = _ms(started)
            # Opened again after a change elsewhere: read and drawn again.
            window.show_view(view_row("Today"))
            window.apply_changes(Changes.of(Record.CONTACT))
            report["insights_reopen_ms"] = open_view("Insights")
            while insights.is_reading():
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

            report["board_open_ms"] = open_view("Board")
            board = window.current_view()
            fullest = max(board.columns.values(), key=lambda c: c.cards.cards().rowCount())
            rows = fullest.cards.cards().rowCount()
            report["board_applications"] = sum(column.cards.cards().rowCount()
                                               for column in board.columns.values())
            report["board_fullest_column"] = {"stage": fullest.stage.label, "cards": rows}
            report["board_frames"] = summary(frames(fullest.cards))
            plain = QListView()
            plain.setModel(QStringListModel([f"Application {n}" for n in range(rows)]))
            plain.resize(fullest.cards.size())
            plain.show()
            app.processEvents()
            report["baseline_list_frames"] = summary(frames(plain))
            plain.close()
        finally:
            window.close()
            lifecycle.close_store(store)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    args = parser.parse_args()
    print(json.dumps(measure(args.data_dir)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
