"""Start-up, memory and filter-latency figures for Rebound at 100,000 people.

Not a pytest test (pytest only collects ``test_*.py``): run it by hand, e.g.

    uv run python tests/benchmarks/bench_startup.py            # build the data, measure
    uv run python tests/benchmarks/bench_startup.py --reuse    # reuse the data if present

Start-up and memory are judged against a baseline measured in the same run on the
same machine (``baseline_window.py``: a bare PySide6 table window), because
absolute milliseconds say more about the machine than about Rebound.

The data is ``rebound demo --people N``: at 100,000 people, 20,000 applications and
the follow-ups the planner made for the rejected ones (about 64,000 steps, 38,000
of them sent, 12,000 answered).

Targets: app start-up <= 1.3 x baseline; app peak RSS <= baseline + 30 MB;
median filter latency per keystroke < 16 ms (one frame at 60 Hz); Insights opens
in under 150 ms; the board's frames under 16.7 ms (60 a second) at the 95th
percentile.

How each figure is taken:

* Start-up: each process reports its own age at its first paint, taken with the
  same clock, ``desktop.startup_clock.process_age_seconds()``, in a Paint event
  filter on the viewport: for the app (``rebound --self-test``) the first view's
  main widget (the Today view's tree), for the baseline its table. The age counts
  from process creation as the OS records it, so interpreter start and imports
  are included; on Linux it is read from /proc/self/stat's starttime against
  CLOCK_BOOTTIME, so it carries no whole-second boot-time rounding and the figures
  are used as reported. Medians of ``--runs`` runs, app and baseline interleaved,
  after one untimed warm-up run of each.
* Peak RSS: measured here, not trusted to the child: each child is reaped with
  ``os.wait4``, whose rusage ``ru_maxrss`` is that one process's peak resident
  set over its whole life (start-up, paint and clean exit). The children's own
  ``peak_rss_mb`` is shown alongside as a cross-check.
* Bytecode: the children may write and use a bytecode cache (under a temporary
  PYTHONPYCACHEPREFIX) even when PYTHONDONTWRITEBYTECODE is set, as an installed
  app would; ``--cold-bytecode`` measures without it.
* Filter latency: a separate offscreen Python process opens the store on the
  demo data and types words one keystroke at a time. Each keystroke is timed
  through the People table model when ``desktop.ui`` provides it
  (``set_filter`` + ``total()`` + formatting the first screenful of cells), and
  through the store alone (``person_rows(text, "name", False, 0, 200)`` +
  ``count_people(text)``); both are reported, the model's is judged.
* Views at scale (``views_at_scale.py``, its own offscreen process, ``VIEW_RUNS``
  times, medians): opening Insights and the board in the real window, the
  board's frames while its fullest column scrolls; baselines in the same run:
  opening the Companies list, and a plain list scrolled the same way.

Exit status: 0 when every target is met, 1 when one is missed, 2 when something
could not be measured (for instance ``rebound --self-test`` failing).
"""

import argparse
import json
import math
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
BASELINE = HERE / "baseline_window.py"

STARTUP_RATIO_TARGET = 1.3
RSS_MARGIN_TARGET_MB = 30.0
LATENCY_MEDIAN_TARGET_MS = 16.0
INSIGHTS_OPEN_TARGET_MS = 150.0
FRAME_TARGET_MS = 1000 / 60
VIEW_RUNS = 3
VIEWS = HERE / "views_at_scale.py"

#: What a user might type into the People filter: first names, surnames (typed
#: without accents), a company word, a title, and a two-word name.
WORDS = ("martin", "garcia", "lukasz", "okafor", "nakamura", "summit", "recruiter", "maria lo")

CHILD_TIMEOUT_S = 120
PYCACHE_NAME = "rebound-bench-pycache"


# --- Child processes -------------------------------------------------------------------


@dataclass
class ChildRun:
    returncode: int
    stdout: str
    stderr: str
    peak_rss_mb: float
    report: dict | None = None


def run_child(argv: list[str], env: dict, timeout: float = CHILD_TIMEOUT_S) -> ChildRun:
    """Run ``argv`` and reap it with ``os.wait4`` so its own peak RSS can be read.

    Output goes to temporary files rather than pipes: nothing needs draining
    while the child runs, and Popen never reaps it first (which would lose the
    rusage).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=REPO)
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    divisor = 2**20 if sys.platform == "darwin" else 2**10
    return ChildRun(proc.returncode, stdout, stderr, usage.ru_maxrss / divisor, _json_line(stdout))


def _json_line(stdout: str, key: str = "startup_ms") -> dict | None:
    """The last stdout line that is a JSON object holding ``key``."""
    for line in reversed(stdout.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                data = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(data, dict) and key in data:
                return data
    return None


def child_env(cold_bytecode: bool) -> dict:
    """The children's environment: offscreen Qt without a display, and a bytecode cache.

    Installed apps run from compiled bytecode; with PYTHONDONTWRITEBYTECODE set (as
    on some dev machines and CI) every run would compile Rebound and Peewee from
    source, about 0.2 s the baseline does not pay. So the cache is allowed, under a
    temporary prefix so the source tree stays clean; the warm-up run fills it.
    """
    env = dict(os.environ)
    if sys.platform.startswith("linux") and not (
        env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")
    ):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("PYTHONUTF8", "1")
    if not cold_bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / PYCACHE_NAME))
    return env


def rebound_argv(*args: str) -> list[str]:
    """The installed ``rebound`` command of this environment, as a user would run it."""
    script = Path(sys.executable).with_name("rebound")
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-m", "desktop", *args]


# --- Demo data -------------------------------------------------------------------------


def people_in(db_path: Path) -> int:
    """How many people a database holds, read-only; 0 when it is missing or unreadable."""
    if not db_path.exists():
        return 0
    try:
        conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT count(*) FROM person").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def prepare_data(data_dir: Path, people: int, reuse: bool, env: dict) -> str:
    """Build the demo database with ``rebound demo`` unless --reuse finds one ready."""
    db_path = data_dir / "rebound.db"
    if reuse and people_in(db_path) == people:
        return f"reused {db_path} ({people:,} people)"
    shutil.rmtree(data_dir, ignore_errors=True)
    started = time.perf_counter()
    result = subprocess.run(
        rebound_argv("--data-dir", str(data_dir), "demo", "--people", str(people)),
        env=env, cwd=REPO, capture_output=True, text=True, timeout=600, check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"Building the demo data failed:\n{result.stdout}{result.stderr}")
    took = time.perf_counter() - started
    return f"built {db_path} in {took:.1f} s: {result.stdout.strip()}"


# --- Start-up and memory ---------------------------------------------------------------


@dataclass
class Series:
    """One program's start-up runs."""

    name: str
    startup_ms: list[float] = field(default_factory=list)
    #: The app's: when its store is open and the window takes input.
    store_open_ms: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    reported_rss_mb: list[float] = field(default_factory=list)
    first_view: str | None = None
    error: str | None = None

    def add(self, run: ChildRun) -> None:
        report = run.report or {}
        if run.returncode != 0 or report.get("startup_ms") is None:
            tail = "\n".join((run.stderr.strip() or run.stdout.strip()).splitlines()[-12:])
            self.error = (
                f"{self.name} exited with status {run.returncode} without a start-up figure"
                f"{': ' + report['error'] if report.get('error') else ''}\n{tail}"
            )
            return
        self.startup_ms.append(report["startup_ms"])
        if report.get("store_open_ms") is not None:
            self.store_open_ms.append(report["store_open_ms"])
        self.rss_mb.append(run.peak_rss_mb)
        if report.get("peak_rss_mb") is not None:
            self.reported_rss_mb.append(report["peak_rss_mb"])
        self.first_view = report.get("first_view", self.first_view)


def measure_startup(data_dir: Path, runs: int, env: dict):
    app_argv = rebound_argv("--data-dir", str(data_dir), "--self-test")
    base_argv = [sys.executable, str(BASELINE)]
    app, base = Series("rebound --self-test"), Series("baseline_window.py")
    # Untimed warm-up of each (page cache, bytecode cache, fontconfig cache); the
    # app's also tells whether --self-test works at all.
    warm = Series(app.name)
    warm.add(run_child(app_argv, env))
    run_child(base_argv, env)
    app.error = warm.error
    for _ in range(runs):
        if not app.error:
            app.add(run_child(app_argv, env))
        base.add(run_child(base_argv, env))
    return app, base


# --- Filter latency (runs in its own process) ---------------------------------------------


def prefixes(word: str) -> list[str]:
    return [word[:i] for i in range(1, len(word) + 1)]


def latency_worker(data_dir: Path, words: list[str]) -> None:
    """Type each word a keystroke at a time; print the timings as one JSON line."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.store import people
    from desktop.store.lifecycle import close_store, open_store

    store = open_store(data_dir)
    try:
        model, _app, model_note = _people_model()
        # What start-up shows before anyone types: the first page and the count.
        people.person_rows("", "name", False, 0, 200)
        people.count_people("")
        if model is not None:
            model.set_filter("")
            model.reload()

        def via_store(text: str) -> None:
            people.person_rows(text, "name", False, 0, 200)
            people.count_people(text)

        def via_model(text: str) -> None:
            model.set_filter(text)
            model.total()
            _format_screenful(model)

        timings = {"store": [], "model": []}
        keystroke = 0
        for word in words:
            if model is not None:
                model.set_filter("")  # clearing the box between words: not timed
            for text in prefixes(word):
                keystroke += 1
                # Alternate which goes first, so neither always gets the warmer cache.
                order = [("store", via_store), ("model", via_model)]
                if keystroke % 2 == 0:
                    order.reverse()
                for name, call in order:
                    if name == "model" and model is None:
                        continue
                    started = time.perf_counter()
                    call(text)
                    timings[name].append([text, (time.perf_counter() - started) * 1000])
    finally:
        close_store(store)
    print(json.dumps({"timings": timings, "model_note": model_note}), flush=True)


def _people_model():
    """The People table's model as the UI builds it, or None with the reason."""
    try:
        from PySide6.QtWidgets import QApplication

        from desktop.store import people
        from desktop.ui.views.people import COLUMNS
        from desktop.ui.views.table_model import PagedTableModel
    except Exception as exc:
        return None, None, f"UI table model not available ({type(exc).__name__}: {exc})"
    app = QApplication.instance() or QApplication([sys.argv[0]])
    try:
        model = PagedTableModel(people.PEOPLE, COLUMNS)
        if not hasattr(model, "set_filter"):
            return None, app, "PagedTableModel has no set_filter()"
    except Exception as exc:
        return None, app, f"could not build the People model ({type(exc).__name__}: {exc})"
    return model, app, (
        "desktop.ui.views.table_model.PagedTableModel(people.PEOPLE, people_view.COLUMNS): "
        "set_filter(text) + total() + display text of the first 40 rows"
    )


def _format_screenful(model, rows: int = 40) -> None:
    """What the view asks for right after a reset: the cells that fit on screen."""
    for row in range(min(rows, model.rowCount())):
        for column in range(model.columnCount()):
            model.data(model.index(row, column))


def measure_latency(data_dir: Path, words: list[str], env: dict) -> dict:
    argv = [sys.executable, str(Path(__file__).resolve()), "--latency-worker",
            "--data-dir", str(data_dir), "--words", *words]
    result = subprocess.run(argv, env=env, cwd=REPO, capture_output=True, text=True,
                            timeout=600, check=False)
    found = _json_line(result.stdout, "timings")
    if found is None:
        raise SystemExit(f"The latency worker failed:\n{result.stdout}{result.stderr}")
    return found


def measure_views(data_dir: Path, env: dict) -> list[dict]:
    runs = []
    for _ in range(VIEW_RUNS):
        result = subprocess.run([sys.executable, str(VIEWS), "--data-dir", str(data_dir)],
                                env=env, cwd=REPO, capture_output=True, text=True,
                                timeout=600, check=False)
        found = _json_line(result.stdout, "insights_open_ms")
        if found is None:
            raise SystemExit(f"views_at_scale.py failed:\n{result.stdout}{result.stderr}")
        runs.append(found)
    return runs


def view_rows(runs: list[dict]) -> list[tuple]:
    def median(key, inner=None):
        return statistics.median(run[key][inner] if inner else run[key] for run in runs)

    opened = median("insights_open_ms")
    frame = median("board_frames", "p95_ms")
    return [
        ("Insights opens (drawn, median)", _ms(opened), f"< {INSIGHTS_OPEN_TARGET_MS:.0f} ms",
         verdict(opened < INSIGHTS_OPEN_TARGET_MS),
         spread([run["insights_open_ms"] for run in runs], "ms")),
        ("Companies list opens (baseline)", _ms(median("companies_open_ms")), "", "", ""),
        ("Insights opened again after a change", _ms(median("insights_reopen_ms")), "", "",
         ""),
        ("Insights lists, after the opening", _ms(median("insights_lists_after_ms")), "", "",
         "feedback, themes, doors, runner-ups: read on a worker"),
        (f"Board opens ({runs[0]['board_applications']:,} applications)",
         _ms(median("board_open_ms")), "", "", ""),
        ("Board frame p95 while scrolling", _ms(frame, 1), f"< {FRAME_TARGET_MS:.1f} ms",
         verdict(frame < FRAME_TARGET_MS),
         f"{runs[0]['board_fullest_column']['cards']:,} cards in "
         f"{runs[0]['board_fullest_column']['stage']}"),
        ("Plain list frame p95 (baseline)", _ms(median("baseline_list_frames", "p95_ms"), 1),
         "", "", ""),
    ]


# --- Report ----------------------------------------------------------------------------------


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def verdict(ok: bool | None) -> str:
    return {True: "PASS", False: "MISS", None: "n/a"}[ok]


def spread(values: list[float], unit: str) -> str:
    return f"{min(values):.0f}-{max(values):.0f} {unit}" if values else ""


def report(app: Series, base: Series, latency: dict, runs: int,
           views: list[dict]) -> int:
    rows = []  # (figure, measured, target, result, note)
    app_ms = statistics.median(app.startup_ms) if app.startup_ms else None
    base_ms = statistics.median(base.startup_ms) if base.startup_ms else None
    first_view = f", first view: {app.first_view}" if app.first_view else ""
    rows.append(("Start-up, rebound (median)", _ms(app_ms), "", "",
                 spread(app.startup_ms, "ms") + first_view))
    rows.append(("Start-up, baseline (median)", _ms(base_ms), "", "",
                 spread(base.startup_ms, "ms")))
    if app.store_open_ms:
        rows.append(("Store open, rebound (median)", _ms(statistics.median(app.store_open_ms)),
                     "", "", "the window takes input from here; "
                     + spread(app.store_open_ms, "ms")))
    ratio = app_ms / base_ms if app_ms and base_ms else None
    rows.append(("Start-up ratio rebound/baseline", f"{ratio:.2f}" if ratio else "n/a",
                 f"<= {STARTUP_RATIO_TARGET}",
                 verdict(None if ratio is None else ratio <= STARTUP_RATIO_TARGET), ""))

    app_rss = statistics.median(app.rss_mb) if app.rss_mb else None
    base_rss = statistics.median(base.rss_mb) if base.rss_mb else None
    rows.append(("Peak RSS, rebound (median, wait4)", _mb(app_rss), "", "",
                 _self_reported(app)))
    rows.append(("Peak RSS, baseline (median, wait4)", _mb(base_rss), "", "",
                 _self_reported(base)))
    margin = app_rss - base_rss if app_rss is not None and base_rss is not None else None
    rows.append(("Peak RSS, rebound - baseline",
                 "n/a" if margin is None else f"{margin:+.1f} MB",
                 f"<= +{RSS_MARGIN_TARGET_MB:.0f} MB",
                 verdict(None if margin is None else margin <= RSS_MARGIN_TARGET_MB), ""))

    judged = "model" if latency["timings"].get("model") else "store"
    for name in ("model", "store"):
        values = [ms for _text, ms in latency["timings"].get(name) or []]
        if not values:
            continue
        median = statistics.median(values)
        target = f"< {LATENCY_MEDIAN_TARGET_MS:.0f} ms" if name == judged else ""
        result = verdict(median < LATENCY_MEDIAN_TARGET_MS) if name == judged else ""
        label = "table model" if name == "model" else "store calls"
        rows.append((f"Filter keystroke median ({label})", _ms(median, 2), target, result,
                     f"{len(values)} keystrokes"))
        rows.append((f"Filter keystroke p95 ({label})", _ms(p95(values), 2), "", "",
                     f"max {max(values):.1f} ms"))

    rows += view_rows(views)
    width = max(len(row[0]) for row in rows)
    print()
    print(f"{'Figure':<{width}}  {'Measured':>10}  {'Target':<11}  {'Result':<6}  Note")
    print("-" * (width + 50))
    for figure, measured, target, result, note in rows:
        print(f"{figure:<{width}}  {measured:>10}  {target:<11}  {result:<6}  {note}")
    print()
    print(f"Start-up: medians of {runs} runs each, process creation to first paint as "
          "each process reports it (desktop.startup_clock.process_age_seconds).")
    print(f"Filter latency judged on: {judged}. {latency['model_note']}")
    slowest = sorted(latency["timings"][judged], key=lambda item: -item[1])[:5]
    print("  Slowest keystrokes: " + ", ".join(f"{text!r} {ms:.1f} ms" for text, ms in slowest))

    missing = [series.error for series in (app, base) if series.error]
    for error in missing:
        print(f"\nCOULD NOT MEASURE: {error}", file=sys.stderr)
    if missing:
        return 2
    return 1 if any(row[3] == "MISS" for row in rows) else 0


def _ms(value: float | None, digits: int = 0) -> str:
    return "n/a" if value is None else f"{value:.{digits}f} ms"


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f} MB"


def _self_reported(series: Series) -> str:
    if not series.reported_rss_mb:
        return ""
    return f"self-reported {statistics.median(series.reported_rss_mb):.1f} MB"


# --- Entry point -------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="timed start-ups of each program")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse the demo database from an earlier run if it is complete")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="where the demo database lives (default: a folder in the temp dir)")
    parser.add_argument("--cold-bytecode", action="store_true",
                        help="keep PYTHONDONTWRITEBYTECODE as set (compile from source each run)")
    parser.add_argument("--words", nargs="+", default=list(WORDS), help=argparse.SUPPRESS)
    parser.add_argument("--latency-worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    data_dir = args.data_dir or Path(tempfile.gettempdir()) / f"rebound-bench-{args.people}"
    if args.latency_worker:
        latency_worker(data_dir, args.words)
        return 0

    env = child_env(args.cold_bytecode)
    print(prepare_data(data_dir, args.people, args.reuse, env), flush=True)
    cache = env.get("PYTHONPYCACHEPREFIX") or "next to the sources"
    if env.get("PYTHONDONTWRITEBYTECODE"):
        cache = "none (PYTHONDONTWRITEBYTECODE is set)"
    print(f"Bytecode cache for the children: {cache}", flush=True)
    print(f"Measuring start-up: {args.runs} runs each after a warm-up ...", flush=True)
    app, base = measure_startup(data_dir, args.runs, env)
    if app.error:
        print(f"rebound --self-test is not usable yet, start-up and memory of the app "
              f"cannot be measured:\n{app.error}", file=sys.stderr, flush=True)
    print("Measuring filter latency ...", flush=True)
    latency = measure_latency(data_dir, args.words, env)
    print("Measuring Insights and the board ...", flush=True)
    views = measure_views(data_dir, env)
    return report(app, base, latency, args.runs, views)


if __name__ == "__main__":
    sys.exit(main())
