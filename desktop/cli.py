"""Command-line entry: the window by default, and a few commands for scripts and checks.

This module parses; the commands are in ``desktop.commands`` and the window starts
in ``desktop.ui.startup``. Qt is imported only when a window is needed, so the
commands run on machines without a display.
"""

import argparse
import importlib

from desktop import __version__
from desktop.paths import resolve_data_location
from desktop.playbook.kinds import StepKind


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
        "--in-tray", action="store_true",
        help="start in the tray, as at log-in (when Rebound is kept in the tray)")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the database and the main window, check both, print one JSON line, exit",
    )
    return parser


#: The window's switches, as ``read_window_options`` finds them.
_WINDOW_SWITCHES = {"--in-tray": "in_tray", "--self-test": "self_test"}


def read_window_options(argv: list[str]) -> argparse.Namespace | None:
    """The window's options (``window_parser``'s) when ``argv`` holds them and nothing
    else, spelled out in full; None for anything else (a command, --help, a short
    form, a mistake), which argparse then reads, helps with and explains as always.

    Read by hand because argparse's first use costs some 9 ms of a window's start:
    each of its messages is looked up through gettext, which searches the disk for
    translations on every call. A test holds the two readings together.
    """
    options = argparse.Namespace(data_dir=None, in_tray=False, self_test=False)
    words = iter(argv)
    for word in words:
        if word in _WINDOW_SWITCHES:
            setattr(options, _WINDOW_SWITCHES[word], True)
        elif word == "--data-dir":
            options.data_dir = next(words, None)
            if options.data_dir is None or options.data_dir.startswith("-"):
                return None
        elif word.startswith("--data-dir="):
            options.data_dir = word.partition("=")[2]
        else:
            return None
    return options


def build_parser() -> argparse.ArgumentParser:
    from desktop.exchange import formats  # the commands' choices: not for the window

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
    demo.add_argument("--steps", choices=("planned", "none"), default="planned",
                      help="plan the rejected applications' follow-ups with the real "
                      "planner and handle the old ones (default), or make none")
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
                        f"(default {formats.STEP_EXPORT_DAYS}; with --person, all of theirs)")
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
    insights = commands.add_parser(
        "insights", help="what the follow-ups achieved: the funnel, feedback, response "
        "rates, doors kept open, applications by month")
    insights.add_argument("--since", metavar="YYYY-MM-DD",
                          help="only what happened on or after this day (default: all)")
    insights.add_argument("--json", action="store_true", help="print the figures as JSON")
    notify = commands.add_parser(
        "notify", help="show a notification for the notes due today and overdue (what "
        "the system runs each day; opens the data read-only)")
    notify.add_argument("--dry-run", action="store_true",
                        help="say what would be shown, show nothing")
    notify.add_argument("--json", action="store_true", help="print it as JSON")
    reminders = commands.add_parser(
        "reminders", help="have the system run `notify` daily and at log-in, for you only")
    reminders.add_argument("action", choices=("status", "install", "remove"))
    reminders.add_argument("--at", default="09:00", metavar="HH:MM",
                           help="the time of day (default 09:00)")
    reminders.add_argument("--dry-run", action="store_true",
                           help="print the files and commands it would use, change nothing")
    return parser


def run(argv: list[str]) -> int:
    if read_window_options(argv) is None:  # a command, or words only argparse reads
        args = build_parser().parse_args(argv)
        if args.command == "check-note" and args.person is None:
            # Pure text in, JSON out: no data folder, no database, no Qt.
            from desktop.commands.notes import check_text

            return check_text(args.file, args.kind)
        if args.command is not None:
            return command(args.command)(resolve_data_location(args.data_dir), args)
    from desktop.ui.startup import boot  # the window's package: not for the commands

    with boot.paused_collector():  # the first-frame rules: see ``boot``
        from desktop.ui.startup.app import run_app

        return run_app(argv)


#: The commands by name: (module in ``desktop.commands``, function), each function
#: ``(location, args) -> exit status``. Imported only when one runs, so starting the
#: window loads none of them (``boot``).
COMMANDS = {"demo": ("data", "demo"), "backup": ("data", "backup"),
            "restore": ("data", "restore"), "export": ("data", "export"),
            "import": ("data", "import_file"), "profile": ("notes", "profile"),
            "templates": ("notes", "templates"), "check-note": ("notes", "check_for_person"),
            "notify": ("reminders", "notify"), "reminders": ("reminders", "reminders"),
            "insights": ("notes", "insights")}


def command(name: str):
    module, function = COMMANDS[name]
    return getattr(importlib.import_module(f"desktop.commands.{module}"), function)
