"""Command-line entry: the window by default, and a few commands for scripts and checks.

Qt is imported only when a window is needed, so ``demo``, ``backup``, ``export`` and
``check-note`` run on machines without a display.
"""

import argparse
import gc
import importlib
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

from desktop import __version__
from desktop.paths import data_dir_is_fixed, ensure_private_dir, resolve_data_dir
from desktop.playbook.kinds import StepKind

EXPORT_KINDS = ("people", "companies", "applications", "steps", "all")
EXPORT_FORMATS = ("csv", "vcard", "ics", "json")
DEFAULT_EXPORT_DAYS = 90

#: What the window needs from the layers below it, loaded before Qt (see ``run``).
WINDOW_BACKEND_MODULES = ("desktop.store.lifecycle", "desktop.store.steps",
                          "desktop.playbook.settings")


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
    export = commands.add_parser(
        "export", help="write people, companies, applications, steps or everything to a file"
    )
    # Spelled out rather than read from desktop.exchange, which would load the
    # calendar and template libraries on every start of the window.
    export.add_argument("kind", choices=EXPORT_KINDS, metavar="KIND",
                        help="people, companies, applications, steps or all")
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS, dest="format_name",
                        help="csv (people, companies, applications), vcard (people), "
                        "ics (steps) or json (all)")
    export.add_argument("-o", "--output", required=True, metavar="FILE")
    export.add_argument("--days", type=int, metavar="N",
                        help="steps: those due within N days, overdue ones included "
                        f"(default {DEFAULT_EXPORT_DAYS}; with --person, all of theirs)")
    export.add_argument("--person", type=int, metavar="ID", help="steps: only this person's")
    export.add_argument("--all-open", action="store_true",
                        help="steps: every open step, whatever its date")
    imports = commands.add_parser(
        "import",
        help="add people from a LinkedIn, Google or Outlook CSV, any CSV, or a vCard file",
    )
    imports.add_argument("file", metavar="FILE")
    # Spelled out, as for export: desktop.exchange loads vobject, not wanted at every start.
    imports.add_argument(
        "--format",
        default="auto",
        dest="format_name",
        choices=("auto", "linkedin", "google", "outlook", "csv", "vcard", "json"),
        help="the kind of file (default: detected from its content)",
    )
    imports.add_argument(
        "--on-duplicate",
        default="skip",
        choices=("skip", "update", "new"),
        help="for someone already there (same e-mail, LinkedIn profile, or name and "
        "company): skip the row, fill only their empty fields, or add them again "
        "(default: skip)",
    )
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
    if args.command == "import":
        return _import(data_dir, args.file, args.format_name, args.on_duplicate)
    if args.command == "export":
        return _export(data_dir, args)
    if args.self_test:
        # The self-test needs no screen; a real one would only flash a window.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # No garbage collection until the window's first frame: see
    # desktop.ui.app.resume_collector, which resumes it then.
    gc.disable()
    try:
        # The store before Qt: once PySide6 is loaded, PySide's __feature__ support
        # reads the source of each module that runs an import statement (Peewee's
        # 8,000 lines among them): 3% of the work to the first frame.
        for name in WINDOW_BACKEND_MODULES:
            importlib.import_module(name)
        from desktop.ui.app import run_app

        return run_app(data_dir, self_test=args.self_test,
                       data_dir_fixed=data_dir_is_fixed(args.data_dir))
    finally:
        gc.enable()


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


def _export_usage(message: str) -> int:
    print(f"rebound export: {message}", file=sys.stderr)
    return 2


def _export(data_dir, args) -> int:
    from desktop.exchange.export_formats import UnsupportedExport, find_format
    from desktop.store.lifecycle import close_store

    try:
        chosen = find_format(args.kind, args.format_name)
    except UnsupportedExport as exc:
        return _export_usage(str(exc))
    step_options = args.days is not None or args.person is not None or args.all_open
    if args.kind != "steps" and step_options:
        return _export_usage("--days, --person and --all-open apply to steps only.")
    if args.days is not None and (args.all_open or args.days < 0):
        return _export_usage("--days takes a number of days from 0 up, and not with --all-open.")
    options = {}
    if args.kind == "steps":
        every_date = args.all_open or (args.person is not None and args.days is None)
        days = DEFAULT_EXPORT_DAYS if args.days is None else args.days
        options = {"days": None if every_date else days, "person_id": args.person}
    path = Path(args.output).absolute()
    try:
        store = _open(data_dir)
    except Exception as exc:
        return _fail(str(exc))
    try:
        if args.person is not None:
            from desktop.store.models import Person

            if Person.get_or_none(Person.id == args.person) is None:
                return _fail(f"there is no person with id {args.person}.")
        count = chosen.write(path, **options)
    except OSError as exc:
        return _fail(f"cannot write {path}: {exc.strerror or exc}")
    finally:
        close_store(store)
    print(f"Wrote {count} {chosen.noun} to {path}")
    return 0


def _import(data_dir, file: str, format_name: str, on_duplicate: str) -> int:
    """Summary on the first line, then ``line L: reason`` for each row left out.

    Exit 0 when the file was read, rejected rows or not; 1 when it was refused
    (nothing written).
    """
    from desktop.exchange.import_contacts import ImportRefused, import_contacts
    from desktop.store.lifecycle import close_store

    try:
        store = _open(data_dir)
    except Exception as exc:
        return _fail(str(exc))
    try:
        result = import_contacts(Path(file), format_name, on_duplicate)
    except ImportRefused as exc:
        return _fail(exc.reason)
    finally:
        close_store(store)
    print(f"imported {result.imported}, updated {result.updated}, "
          f"skipped {result.skipped}, rejected {len(result.rejected)}")
    for line, reason in result.rejected:
        print(f"line {line}: {reason}")
    return 0
