"""What a reminder says: the notes due today and overdue, read without writing.

``rebound notify`` runs when the system wakes it (a scheduled task, a timer, a
log-in), with Rebound closed. It opens the data read-only, asks what Today's "Due
now" would show, and says it in one line: "3 notes due", "Thank-you to Tomasz
Nowak and 2 more". Data it cannot read is said too, in one notice, and never
touched.
"""

import datetime
from pathlib import Path
from typing import NamedTuple

from desktop.paths import DATABASE_NAME
from desktop.playbook.kinds import StepKind

#: The step kinds as a reminder names them, before "to <name>".
KIND_PHRASES = {StepKind.THANK_YOU: "Thank-you", StepKind.FEEDBACK: "Feedback request",
                StepKind.NETWORK: "Stay-connected ask", StepKind.HIRE_WATCH: "New-hire check",
                StepKind.CHECK_IN: "Check-in"}
#: The setting holding the days with no reminders: ISO weekdays, 1 Monday … 7 Sunday.
QUIET_DAYS_KEY = "reminders.quiet_days"
#: The setting holding the time of day the reminder was asked for ("09:00").
TIME_KEY = "reminders.at"


def quiet_days() -> set[int]:
    """The weekdays with no reminders (from the open store)."""
    from desktop.store.settings import get_setting

    return _weekdays(get_setting(QUIET_DAYS_KEY, []))


def reminder_time() -> datetime.time:
    from desktop.store.settings import get_setting

    try:
        return datetime.time.fromisoformat(get_setting(TIME_KEY, "09:00"))
    except (TypeError, ValueError):
        return datetime.time(9, 0)


class DueNote(NamedTuple):
    step_id: int
    kind: str
    person: str
    due_on: datetime.date


class Reminder(NamedTuple):
    """What ``notify`` shows, or why it shows nothing."""

    #: The notes due (today's and overdue), earliest first.
    due: tuple[DueNote, ...]
    #: The notification's title and text; empty when there is nothing to show.
    title: str = ""
    body: str = ""
    #: Why nothing is shown: "nothing due", "a quiet day"; "" when something is.
    silent_because: str = ""
    #: True when the title and body say the data could not be read.
    problem: bool = False

    @property
    def shows(self) -> bool:
        return bool(self.title)

    def as_json(self) -> dict:
        return {"shows": self.shows, "title": self.title, "body": self.body,
                "silent_because": self.silent_because, "problem": self.problem,
                "due": [{"step": note.step_id, "kind": note.kind, "person": note.person,
                         "due_on": note.due_on.isoformat()} for note in self.due]}


def headline(due: list[DueNote]) -> tuple[str, str]:
    """("3 notes due", "Thank-you to Tomasz Nowak and 2 more")."""
    count = len(due)
    first = due[0]
    phrase = KIND_PHRASES.get(StepKind(first.kind), "Note")
    more = f" and {count - 1} more" if count > 1 else ""
    return f"{count} note{'s' if count != 1 else ''} due", f"{phrase} to {first.person}{more}"


def reminder_for(due: list[DueNote], today: datetime.date, quiet_days: set[int]) -> Reminder:
    if today.isoweekday() in quiet_days:
        return Reminder(tuple(due), silent_because="a quiet day")
    if not due:
        return Reminder((), silent_because="nothing due")
    title, body = headline(due)
    return Reminder(tuple(due), title, body)


def unreadable(why: str) -> Reminder:
    """The one notice for data that is missing or cannot be read."""
    return Reminder((), "Rebound could not check your follow-ups",
                    f"{why} Open Rebound to see what is wrong; nothing was changed.",
                    problem=True)


def read_reminder(data_dir: Path, today: datetime.date) -> Reminder:
    """Open the data read-only, read what is due, and close it again."""
    import json
    import sqlite3

    from desktop.store.due_now import NotADatabase, read_due

    path = Path(data_dir) / DATABASE_NAME
    if not path.is_file():
        return unreadable(f"Your data is not where Rebound keeps it ({path}).")
    try:
        quiet, rows = read_due(path, today, QUIET_DAYS_KEY)
    except (NotADatabase, sqlite3.DatabaseError, json.JSONDecodeError) as exc:
        damaged = isinstance(exc, NotADatabase) or getattr(
            exc, "sqlite_errorname", "") in ("SQLITE_CORRUPT", "SQLITE_NOTADB")
        return unreadable("Your data file looks damaged." if damaged
                          else f"Your data could not be read ({exc}).")
    except OSError as exc:
        return unreadable(f"Your data could not be read ({exc.strerror or exc}).")
    return reminder_for([DueNote(*row) for row in rows], today, _weekdays(quiet))


def _weekdays(days) -> set[int]:
    """The quiet days as ISO weekdays, whatever else the setting holds ignored."""
    if not isinstance(days, list):
        return set()
    return {int(day) for day in days if str(day).isdigit() and 1 <= int(day) <= 7}
