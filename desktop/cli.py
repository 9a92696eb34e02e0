"""Command-line entry: the window by default, and a few commands for scripts and checks.

Qt is imported only when a window is needed, so ``demo``, ``backup``, ``export`` and
``check-note`` run on machines without a display.
"""

import argparse
import json
import sqlite3
import sys
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from desktop import __version__
from desktop.exchange import formats
from desktop.paths import (
    DataFolderProblem,
    DataLocation,
    prepare_data_dir,
    resolve_data_location,
)
from desktop.playbook.kinds import StepKind
from desktop.ui.startup import boot

DEFAULT_EXPORT_DAYS = 90


def window_parser(add_help: bool = True) -> argparse.ArgumentParser:
    """The options of the window itself, which ``run_app`` reads."""
    parser = argparse.ArgumentParser(
        prog="rebound",
        description="Rebound: turn a job rejection into your next offer.",
        add_help=add_help,
    )
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
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rebound",
        description="Rebound: turn a job rejection into your next offer.",
        parents=[window_parser(add_help=False)],
    )
    parser.add_argument("--version", action="version", version=f"Rebound {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser("demo", help="fill an empty database with synthetic people")
    demo.add_argument("--people", type=int, default=1000, metavar="N")
    demo.add_argument("--seed", type=int, default=1)
    commands.add_parser("backup", help="make a verified backup and print its path")
    restore = commands.add_parser(
        "restore", help="put a backup in place of the current data (which is kept)")
    restore.add_argument("backup", nargs="?", metavar="BACKUP",
                         help="the backup file (default: the newest one that verifies)")
    check = commands.add_parser(
        "check-note",
        help="check a note's tone and print the findings as JSON (no database needed "
        "unless --person is given)",
    )
    check.add_argument(
        "--kind",
        choices=[kind.value for kind in StepKind],
        help="the kind of note, for its word limit and whether it must thank them",
    )
    check.add_argument("--person", type=int, metavar="ID",
                       help="the person it is for: also checks names and the signature")
    check.add_argument("--application", type=int, metavar="ID",
                       help="the application it is about (its company is the right one)")
    check.add_argument("file", metavar="FILE", help="a UTF-8 text file, or - for standard input")
    profile = commands.add_parser("profile", help="show (or set) who the notes are from")
    profile.add_argument("--name", help="your name, as notes are signed")
    profile.add_argument("--signature", help="lines under your name (\\n between lines)")
    template_commands = commands.add_parser("templates", help="list or render note templates")
    template_actions = template_commands.add_subparsers(dest="action", metavar="ACTION",
                                                        required=True)
    template_actions.add_parser("list", help="the template keys, built-in then your own")
    render = template_actions.add_parser(
        "render", help="a template filled in for a person, as the composer would, with "
        "its tone findings, as JSON")
    render.add_argument("key", metavar="KEY")
    render.add_argument("--person", type=int, required=True, metavar="ID")
    render.add_argument("--application", type=int, metavar="ID")
    export = commands.add_parser(
        "export", help="write people, companies, applications, steps or everything to a file"
    )
    export.add_argument("kind", choices=formats.EXPORT_KINDS, metavar="KIND",
                        help="people, companies, applications, steps or all")
    export.add_argument("--format", required=True, choices=formats.EXPORT_FORMATS,
                        dest="format_name",
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
    imports.add_argument(
        "--format",
        default="auto",
        dest="format_name",
        choices=("auto", *formats.IMPORT_FORMATS),
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
    if args.command == "check-note" and args.person is None:
        # Pure text in, JSON out: no data folder, no database, no Qt.
        return _check_note(args.file, args.kind)
    if args.command is not None:
        return COMMANDS[args.command](resolve_data_location(args.data_dir), args)
    with boot.paused_collector():  # the first-frame rules: see ``boot``
        from desktop.ui.startup.app import run_app

        return run_app(argv)


class CommandFailed(Exception):
    """A command cannot go on; its message is the one line the user reads."""


def _fail(message: str) -> int:
    print(f"rebound: {message}", file=sys.stderr)
    return 1


def _data_dir(location: DataLocation) -> Path:
    """The data folder, checked (and made where that is safe) only once a command is
    about to use it: a command refused for its arguments leaves no folder behind."""
    try:
        return prepare_data_dir(location)
    except DataFolderProblem as exc:
        raise CommandFailed(str(exc)) from exc


@contextmanager
def _opened(location: DataLocation, writes: bool):
    """The store for one command, closed afterwards; every refusal is one line.

    A command that writes checks the file first (``quick_check``) and refuses
    damaged or read-only data with the words the window uses.
    """
    from desktop.logs import setup_logging
    from desktop.store.connection import DatabaseDamaged, DatabaseTooNew
    from desktop.store.lifecycle import DatabaseMissing, close_store, open_store
    from desktop.store.migrations import MigrationFailed

    data_dir = _data_dir(location)
    setup_logging(data_dir)
    try:
        # The window's crash marker is the window's: a command checks the file but
        # leaves the marker, so the window's next start checks it too.
        store = open_store(data_dir, check_first=writes, take_over_crash_marker=False)
    except DatabaseMissing as exc:
        raise CommandFailed(f"{exc.detail} Nothing was changed. Run `rebound restore` or "
                            "start Rebound to bring back the newest good backup.") from exc
    except DatabaseDamaged as exc:
        raise CommandFailed(damage_message(exc)) from exc
    except (DatabaseTooNew, MigrationFailed, DataFolderProblem) as exc:
        raise CommandFailed(str(exc)) from exc
    try:
        if writes and store.read_only:
            raise CommandFailed(f"{store.read_only_reason} Nothing can be saved there.")
        yield store
    except BaseException:
        close_store(store, optimize=False)  # the file may be damaged: write nothing more
        raise
    close_store(store)


def damage_message(exc) -> str:
    from desktop.store.connection import DAMAGE_MESSAGE

    return (f"{DAMAGE_MESSAGE} ({exc.detail}) The file was not changed. Run `rebound restore` "
            "or start Rebound to bring back the newest good backup.")


def _storage_failure(exc: BaseException, nothing_done: str) -> CommandFailed:
    """A failed write or read as one line: what happened, that ``nothing_done``, what to do."""
    from desktop.store.connection import DatabaseDamaged, explain_failure
    from desktop.store.failures import WriteFailed

    explained = explain_failure(exc)
    if isinstance(explained, DatabaseDamaged):
        return CommandFailed(damage_message(explained))
    if isinstance(explained, WriteFailed):
        return CommandFailed(f"{explained.what}: {nothing_done}. {explained.remedy}")
    raise exc


def _command(nothing_done: str):
    """Run a command's body with its refusals and storage failures as one line each."""

    def wrap(body):
        def run_command(location: DataLocation, args) -> int:
            import peewee

            from desktop.store.failures import WriteFailed

            try:
                return body(location, args)
            except CommandFailed as exc:
                return _fail(str(exc))
            except (WriteFailed, sqlite3.Error, peewee.DatabaseError) as exc:
                return _fail(str(_storage_failure(exc, nothing_done)))
        return run_command
    return wrap


@_command("nothing was added")
def _demo(location, args) -> int:
    from desktop.devdata.demo import DemoRefused
    from desktop.operations import data

    with _opened(location, writes=True):
        try:
            counts = data.make_demo(args.people, seed=args.seed).detail
        except DemoRefused as exc:
            raise CommandFailed(str(exc)) from exc
    print(json.dumps(counts))
    return 0


@_command("no backup was made")
def _backup(location, _args) -> int:
    from desktop.store.backups import BackupFailed
    from desktop.store.lifecycle import backup_now

    with _opened(location, writes=False) as store:
        try:
            print(backup_now(store))
        except BackupFailed as exc:
            raise CommandFailed(str(exc)) from exc
    return 0


@_command("your data was not changed")
def _restore(location, args) -> int:
    """Put a backup in place: over sound data after a safety backup of it, over
    damaged or missing data after keeping the old file aside."""
    from desktop.operations import data
    from desktop.store import backups, restoring

    try:
        done = data.restore(_data_dir(location), Path(args.backup) if args.backup else None)
    except (restoring.RestoreRefused, backups.BackupFailed) as exc:
        raise CommandFailed(str(exc)) from exc
    print(done.detail.summary())
    return 0


def _read_note(file: str) -> str:
    """The note to check, from a file or standard input; raises CommandFailed."""
    try:
        if file == "-":
            data = sys.stdin.buffer.read() if sys.stdin is not None else b""
        else:
            data = Path(file).read_bytes()
    except OSError as exc:
        raise CommandFailed(f"cannot read {file}: {exc.strerror or exc}") from exc
    return data.decode("utf-8-sig", errors="replace")


def _print_findings(findings) -> None:
    print(json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2))


def _check_note(file: str, kind: str | None) -> int:
    from desktop.playbook.tone import check_note

    try:
        text = _read_note(file)
    except CommandFailed as exc:
        print(f"rebound: {exc}", file=sys.stderr)
        return 2
    _print_findings(check_note(text, kind))
    return 0


@_command("nothing was checked")
def _check_note_for(location, args) -> int:
    """check-note with --person: the names and the signature are checked too."""
    from desktop.playbook.recipients import note_people
    from desktop.playbook.tone import check_note

    text = _read_note(args.file)
    with _opened(location, writes=False):
        _require_records(args.person, args.application)
        people = note_people(args.person, args.application)
        _print_findings(check_note(text, args.kind, people=people))
    return 0


def _require_records(person_id: int | None, application_id: int | None) -> None:
    from desktop.store.models import Application, Person

    if person_id is not None and Person.get_or_none(Person.id == person_id) is None:
        raise CommandFailed(f"there is no person with id {person_id}.")
    if (application_id is not None
            and Application.get_or_none(Application.id == application_id) is None):
        raise CommandFailed(f"there is no application with id {application_id}.")


@_command("the profile was not changed")
def _profile(location, args) -> int:
    """Without options, print the profile; with --name or --signature, set them."""
    from desktop.operations import notes
    from desktop.playbook.settings import load_profile

    changing = args.name is not None or args.signature is not None
    with _opened(location, writes=changing):
        profile = load_profile()
        if args.name is not None:
            profile.name = args.name.strip()
        if args.signature is not None:
            profile.signature = args.signature.replace("\\n", "\n").strip()
        if changing:
            notes.save_sender(profile)
        print(json.dumps(asdict(profile), ensure_ascii=False))
    return 0


@_command("nothing was rendered")
def _templates(location, args) -> int:
    from desktop.playbook import catalog
    from desktop.playbook.recipients import note_people
    from desktop.playbook.templates import TemplateProblem
    from desktop.playbook.tone import check_note

    with _opened(location, writes=False):
        if args.action == "list":
            for template in catalog.all_templates():
                print(template.key)
            return 0
        template = catalog.get_template(args.key)
        if template is None:
            raise CommandFailed(f"there is no template {args.key!r}; `rebound templates "
                                "list` shows them.")
        _require_records(args.person, args.application)
        try:
            rendered = catalog.render_for(template, args.person, args.application)
        except TemplateProblem as exc:
            raise CommandFailed(f"the template {args.key} does not work: {exc}") from exc
        findings = check_note(rendered.body, template.kind, subject=rendered.subject,
                              people=note_people(args.person, args.application))
        print(json.dumps({"subject": rendered.subject, "body": rendered.body,
                          "findings": [asdict(f) for f in findings]},
                         ensure_ascii=False, indent=2))
    return 0


def _export_usage(message: str) -> int:
    print(f"rebound export: {message}", file=sys.stderr)
    return 2


@_command("nothing was exported")
def _export(location, args) -> int:
    from desktop.exchange.export_formats import UnsupportedExport, find_format

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
    with _opened(location, writes=False):
        if args.person is not None:
            from desktop.store.models import Person

            if Person.get_or_none(Person.id == args.person) is None:
                raise CommandFailed(f"there is no person with id {args.person}.")
        try:
            count = chosen.write(path, **options)
        except OSError as exc:
            raise CommandFailed(f"cannot write {path}: {exc.strerror or exc}") from exc
    print(f"Wrote {count} {chosen.noun} to {path}")
    return 0


@_command("nothing was imported")
def _import(location, args) -> int:
    """Summary on the first line, then ``line L: reason`` for each row left out.

    Exit 0 when the file was read, rejected rows or not; 1 when it was refused
    (nothing written).
    """
    from desktop.exchange.import_contacts import ImportRefused
    from desktop.operations import data

    with _opened(location, writes=True):
        try:
            result = data.import_file(Path(args.file), args.format_name,
                                      args.on_duplicate).detail
        except ImportRefused as exc:
            raise CommandFailed(exc.reason) from exc
    print(f"imported {result.imported}, updated {result.updated}, "
          f"skipped {result.skipped}, rejected {len(result.rejected)}")
    for item in result.report:
        print(f"line {item.line}: {item.reason}")
    return 0


COMMANDS = {"demo": _demo, "backup": _backup, "restore": _restore, "export": _export,
            "import": _import, "profile": _profile, "templates": _templates,
            "check-note": _check_note_for}
