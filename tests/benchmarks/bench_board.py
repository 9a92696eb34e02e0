"""How the board of applications opens and scrolls with 2,000 applications.

Not a pytest test: run it by hand,

    uv run python tests/benchmarks/bench_board.py [--applications 2000]

It builds the demo (``rebound demo``, a fifth as many applications as people),
opens the real board offscreen at 1280x800, and measures:

* reading the board: ``board_cards()`` and dealing the cards into the columns
  (``BoardView.reload``), median of 5;
* scrolling: the fullest column scrolled 300 times by 40 pixels, each step
  repainted synchronously and timed (a frame);
* the baseline, in the same run: a plain ``QListView`` over a ``QStringListModel``
  holding as many rows, scrolled and timed the same way.

Target: the board's frames under 16.7 ms (60 frames a second) at the 95th
percentile. Exit status 0 when met, 1 when not.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FRAME_MS = 1000 / 60
STEPS, STEP_PX = 300, 40


def build(data_dir: Path, applications: int) -> None:
    subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "demo",
                    "--people", str(applications * 5)], check=True, stdout=subprocess.DEVNULL)


def frames(view) -> list[float]:
    """Milliseconds per synchronous repaint while scrolling ``view`` down and back."""
    bar = view.verticalScrollBar()
    times = []
    for step in range(STEPS):
        value = (step * STEP_PX) % max(bar.maximum(), 1)
        started = time.perf_counter()
        bar.setValue(value)
        view.viewport().repaint()
        times.append((time.perf_counter() - started) * 1000)
    return times


def summary(values: list[float]) -> dict:
    ordered = sorted(values)
    return {"median_ms": round(statistics.median(values), 3),
            "p95_ms": round(ordered[round(0.95 * (len(ordered) - 1))], 3),
            "max_ms": round(ordered[-1], 3)}


def measure(data_dir: Path) -> dict:
    from PySide6.QtCore import QStringListModel
    from PySide6.QtWidgets import QApplication, QListView

    from desktop.store import lifecycle
    from desktop.ui.views.board import BoardView

    app = QApplication.instance() or QApplication([])
    store = lifecycle.open_store(data_dir)
    try:
        board = BoardView()
        board.resize(1280, 800)
        board.show()
        app.processEvents()
        reads = []
        for _ in range(5):
            started = time.perf_counter()
            board.reload()
            reads.append((time.perf_counter() - started) * 1000)
        app.processEvents()
        fullest = max(board.columns.values(), key=lambda c: c.cards.cards().rowCount())
        rows = fullest.cards.cards().rowCount()
        board_frames = frames(fullest.cards)

        plain = QListView()
        plain.setModel(QStringListModel([f"Application {n}" for n in range(rows)]))
        plain.resize(fullest.cards.size())
        plain.show()
        app.processEvents()
        baseline_frames = frames(plain)
        cards = sum(column.cards.cards().rowCount() for column in board.columns.values())
        return {"applications": cards, "fullest_column": fullest.stage.label,
                "cards_in_it": rows, "read_board_ms": round(statistics.median(reads), 1),
                "board_frames": summary(board_frames),
                "baseline_list_frames": summary(baseline_frames)}
    finally:
        lifecycle.close_store(store)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        build(data_dir, args.applications)
        report = measure(data_dir)
    report["target_frame_ms"] = round(FRAME_MS, 1)
    report["met"] = report["board_frames"]["p95_ms"] < FRAME_MS
    print(json.dumps(report, indent=2))
    return 0 if report["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
