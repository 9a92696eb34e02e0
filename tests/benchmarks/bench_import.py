"""How long ``rebound import`` takes on a 100,000-row LinkedIn Connections.csv.

Not a pytest test: run it by hand,

    uv run python tests/benchmarks/bench_import.py [--rows 100000]

It writes the CSV (preamble, BOM, a URL per row, a company per ten people) in a
temporary folder, imports it into an empty data folder through the real command
(a child process, as a user would run it), then imports it a second time with
``--on-duplicate update`` so every row is matched against 100,000 people already
there. Prints one JSON line with the seconds for each and the child's peak memory.
Target: each import under 60 seconds. Exit status 0 when met, 1 when not.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 60.0
PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\r\n\r\n'
)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
FIRST = ("Priya", "Tomás", "Aiko", "Lars", "Mei", "Grace", "Jürgen", "Søren", "Ana", "Wei")
LAST = ("Sharma", "Núñez", "Tanaka", "Eriksson", "Chen", "Okafor", "Müller", "Nielsen")
TITLES = ("Engineering Manager", "Technical Recruiter", "Staff Engineer, Platform", "CTO")


def write_csv(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write(PREAMBLE + HEADER)
        for n in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            email = f"{first.lower()}.{n}@example.org" if n % 5 == 0 else ""
            company = f"Company {n % (rows // 10 or 1)}"
            handle.write(
                f"{first},{last},https://www.linkedin.com/in/{first.lower()}-{n:x},{email},"
                f'{company},"{rng.choice(TITLES)}",{1 + n % 28:02d} Mar 2024\r\n'
            )


def timed_import(data_dir: Path, csv_path: Path, policy: str) -> dict:
    command = [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "import",
               str(csv_path), "--on-duplicate", policy]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    summary = child.stdout.read().splitlines()[:1]
    error = child.stderr.read().strip()
    return {
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "summary": summary[0] if summary else "",
        "exit": os.waitstatus_to_exitcode(status),
        **({"stderr": error[-500:]} if error else {}),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "Connections.csv"
        write_csv(csv_path, args.rows)
        file_mb = round(csv_path.stat().st_size / 2**20, 1)
        data_dir = Path(folder) / "data"
        first = timed_import(data_dir, csv_path, "skip")
        again = timed_import(data_dir, csv_path, "update")
    report = {
        "rows": args.rows,
        "file_mb": file_mb,
        "first_import": first,
        "second_import_update": again,
        "target_seconds": TARGET_SECONDS,
    }
    print(json.dumps(report))
    ok = all(r["exit"] == 0 and r["seconds"] < TARGET_SECONDS for r in (first, again))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
