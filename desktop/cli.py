"""Command-line entry: the window by default, and a few commands for scripts and checks.

Qt is imported only when a window is needed, so ``demo``, ``backup`` and ``check-note`` run on
machines without a display.
"""

import argparse
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

from desktop import __version__
from desktop.paths import ensure_private_dir, resolve_data_dir
from desktop.playbook.kinds import StepKind


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rebound",
        description="Rebound: turn a job rejection into your next offer.",
    )
    parser.add_argument("--version", action="version", version=f"Rebound {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="PATH",
        help="keep the data in PATH instead of the user data folder "
        "(also set by REBOUND_DATA_DIR)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the database and the main window, check both, print one JSON line, exit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser("demo", help="fill an empty database with synthetic people")
    demo.add_argument("--people", type=int, default=1000, metavar="N")
    demo.add_argument("--seed", type=int, default=1)
    commands.add_parser("backup", help="make a verified backup and print its path")
    check = commands.add_parser(
        "check-note",
        help="check a note's tone and print the findings as JSON (no database needed)",
    )
    check.add_argument(
        "--kind",
        choices=[kind.value for kind in StepKind],
        help="the kind of note, for its word limit and whether it must thank them",
    )
    check.add_argument("file", metavar="FILE", help="a UTF-8 text file, or - for standard input")
    return parser


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check-note":
        # Pure text in, JSON out: no data folder, no database, no Qt.
        return _check_note(args.file, args.kind)
    data_dir = resolve_data_dir(args.data_dir)
    if args.command == "demo":
        return _demo(data_dir, args.people, args.seed)
    if args.command == "backup":
        return _backup(data_dir)
    if args.self_test:
        # The self-test needs no screen; a real one would only flash a window.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.ui.app import run_app

    return run_app(data_dir, self_test=args.self_test)


def _open(data_dir):
    from desktop.logs import setup_logging
    from desktop.store.lifecycle import open_store

    ensure_private_dir(data_dir)
    setup_logging(data_dir)
    return open_store(data_dir)


def _fail(message: str) -> int:
    print(f"rebound: {message}", file=sys.stderr)
    return 1


def _demo(data_dir, people: int, seed: int) -> int:
    from desktop.store.demo import DemoRefused, fill_demo
    from desktop.store.lifecycle import close_store

    try:
        store = _open(data_dir)
    except Exception as exc:
        return _fail(str(exc))
    try:
        counts = fill_demo(people, seed=seed)
    except DemoRefused as exc:
        return _fail(str(exc))
    finally:
        close_store(store)
    print(json.dumps(counts))
    return 0


def _backup(data_dir) -> int:
    from desktop.store.lifecycle import backup_now, close_store

    try:
        store = _open(data_dir)
    except Exception as exc:
        return _fail(str(exc))
    try:
        print(backup_now(store))
    except Exception as exc:
        return _fail(str(exc))
    finally:
        close_store(store)
    return 0


def _check_note(file: str, kind: str | None) -> int:
    from desktop.playbook.tone import check_note

    try:
        if file == "-":
            data = sys.stdin.buffer.read() if sys.stdin is not None else b""
        else:
            data = Path(file).read_bytes()
    except OSError as exc:
        print(f"rebound: cannot read {file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    text = data.decode("utf-8-sig", errors="replace")
    findings = check_note(text, kind)
    print(json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2))
    return 0
