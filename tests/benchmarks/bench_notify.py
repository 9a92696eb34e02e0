"""What ``rebound notify`` costs as a whole process at 100,000 people: the time from
start to exit and the peak memory, as the system's scheduler would run it.

Not a pytest test: run it by hand,

    uv run python tests/benchmarks/bench_notify.py [--people 100000] [--runs 11]

It builds the demo (``rebound demo``), whose rejected applications have their
follow-ups planned by the real planner and the old ones sent, skipped or late.
Each run is a child process of
``rebound notify --dry-run --json`` (everything but the notification itself),
reaped with ``os.wait4`` for its peak resident memory.

Baseline, in the same run: the bare interpreter (``python -c pass``), started the
same way, so the figures say what Rebound adds to starting Python.

Targets: median under 0.3 s and peak memory under 40 MB. Exit status 0 when met.
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

TARGET_SECONDS, TARGET_MB = 0.3, 40


def build(data_dir: Path, people: int) -> int:
    """The demo, its follow-ups planned by the real planner; returns the steps made."""
    made = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "demo",
                           "--people", str(people)], check=True, capture_output=True, text=True)
    return json.loads(made.stdout)["steps"]


def timed(command: list[str]) -> tuple[float, float, str]:
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    output = child.stdout.read().decode("utf-8")  # all of it first: a full pipe blocks
    child.stdout.close()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command} failed")
    return seconds, usage.ru_maxrss / 1024, output


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        steps = build(data_dir, args.people)
        notify = [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "notify",
                  "--dry-run", "--json"]
        bare = [sys.executable, "-c", "pass"]
        timed(notify)  # warm the page cache and the bytecode
        app, baseline, output = [], [], ""
        for _ in range(args.runs):
            seconds, mb, output = timed(notify)
            app.append((seconds, mb))
            baseline.append(timed(bare)[:2])
    due = json.loads(output)
    report = {
        "people": args.people, "steps": steps, "due_now": len(due["due"]),
        "title": due["title"], "body": due["body"],
        "notify_seconds_median": round(statistics.median(s for s, _ in app), 3),
        "notify_peak_mb_median": round(statistics.median(m for _, m in app), 1),
        "bare_python_seconds_median": round(statistics.median(s for s, _ in baseline), 3),
        "bare_python_peak_mb_median": round(statistics.median(m for _, m in baseline), 1),
        "targets": {"seconds": TARGET_SECONDS, "peak_mb": TARGET_MB},
    }
    report["met"] = (report["notify_seconds_median"] < TARGET_SECONDS
                     and report["notify_peak_mb_median"] < TARGET_MB)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0 if report["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
