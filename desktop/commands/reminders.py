"""Reminders with Rebound closed: ``notify`` (what the system runs) and ``reminders``
(asking the system to run it, or not, and saying whether it does)."""

import datetime
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from desktop.commands.running import CommandFailed, command

#: What ``reminders status`` calls each way of being woken.
METHODS = {"windows": "a Task Scheduler task", "macos": "a LaunchAgent",
           "systemd": "a systemd user timer", "autostart": "an XDG autostart entry"}


def _fixed_folder(location) -> Path | None:
    """The data folder to name in a command the system runs: only one given for this
    run (--data-dir, REBOUND_DATA_DIR); the usual one and a moved one are found anyway."""
    return location.path if location.source == "given" else None


def open_rebound(location) -> None:
    """Start Rebound (or bring the running one forward) after a click, detached."""
    from desktop.reminders.registration import notify_command

    rebound = notify_command(_fixed_folder(location))[:-1]  # the window, not notify
    options = ({"creationflags": subprocess.DETACHED_PROCESS} if sys.platform == "win32"
               else {"start_new_session": True})
    subprocess.Popen(rebound, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, **options)


@command("no notification was shown")
def notify(location, args) -> int:
    """Show one notification for the notes due today and overdue (or for data that
    cannot be read); nothing when nothing is due or today is a quiet day."""
    from desktop.clock import local_today
    from desktop.reminders.due import read_reminder

    reminder = read_reminder(location.path, local_today())
    if args.json:
        print(json.dumps(reminder.as_json(), ensure_ascii=False, indent=2))
    elif not reminder.shows:
        print(f"No notification: {reminder.silent_because}.")
    elif args.dry_run:
        print(f"Would show: {reminder.title} — {reminder.body}")
    if args.dry_run or not reminder.shows:
        return 0
    from desktop.reminders import notifier  # asyncio and D-Bus: only to show it

    outcome = notifier.show(reminder.title, reminder.body, lambda: open_rebound(location))
    if not outcome.shown:
        raise CommandFailed(f"the notification could not be shown: {outcome.problem}.")
    return 0


def _time(text: str) -> datetime.time:
    try:
        return datetime.time.fromisoformat(text)
    except ValueError as exc:
        raise CommandFailed(f"{text!r} is not a time of day; give it as 09:00.") from exc


@command("nothing was registered or removed")
def reminders(location, args) -> int:
    from desktop.reminders import registration

    method = registration.system_method()
    if args.action == "status":
        found = registration.status(method)
        if not found.registered:
            print(f"Reminders are off: nothing of Rebound's is registered (looked for "
                  f"{METHODS[method]}).")
            return 0
        note = f" ({found.note})" if found.note else ""
        print(f"Reminders are on, through {METHODS[method]}{note}. It runs: {found.runs}")
        return 0
    install = args.action == "install"
    chosen = registration.plan(install, method,
                               registration.notify_command(_fixed_folder(location)),
                               _time(args.at), folder=Path(tempfile.gettempdir()))
    if args.dry_run:
        for path, text in chosen.writes:
            print(f"Would write {path}:\n{text}")
        for words in chosen.commands:
            print(f"Would run: {subprocess.list2cmdline(words)}")
        for path in chosen.deletes:
            print(f"Would delete {path}")
        return 0
    try:
        done = registration.carry_out(chosen)
    except registration.PlanFailed as exc:
        raise CommandFailed(str(exc)) from exc
    except OSError as exc:
        raise CommandFailed(f"could not write the reminder's files: {exc}") from exc
    print("\n".join(done))
    what = (f"Reminders are on: {METHODS[method]} runs `rebound notify`"
            + (" at log-in." if method == "autostart" else f" daily at {args.at} and at log-in.")
            if install else "Reminders are off: nothing of Rebound's is registered.")
    print(what)
    return 0
