"""The notes due now, read with ``sqlite3`` alone: for ``rebound notify``, a small
process the system starts every day, where loading Peewee and its models would be
most of the cost (see README, "Performance").

It asks what ``steps.open_steps_between(None, day)`` asks (open steps due on or
before a day, earliest first), and a test holds the two to the same answer. The file is opened
through ``sqlite_file.read_only``, as every check that must never write.
"""

import datetime
import json
from pathlib import Path

from desktop.store.sqlite_file import looks_like_sqlite, read_only
from desktop.vocabulary import OPEN_STEP_STATUSES, person_name

_OPEN = tuple(status.value for status in OPEN_STEP_STATUSES)


class NotADatabase(Exception):
    """The file is empty or not an SQLite database (damaged, or something else)."""


def read_due(path: Path, today: datetime.date, setting_key: str
             ) -> tuple[object, list[tuple[int, str, str, datetime.date]]]:
    """(the JSON value of ``setting_key``, or None; the open steps due on or before
    ``today`` as (id, kind, person, due date)). Raises sqlite3.DatabaseError or
    NotADatabase for a file it cannot read."""
    path = Path(path)
    if path.stat().st_size == 0 or not looks_like_sqlite(path):
        raise NotADatabase(str(path))
    with read_only(path) as conn:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (setting_key,)).fetchone()
        setting = json.loads(row[0]) if row else None
        marks = ", ".join("?" * len(_OPEN))
        rows = conn.execute(
            "SELECT s.id, s.kind, p.first_name, p.last_name, p.email, s.due_on "
            "FROM step s JOIN person p ON p.id = s.person_id "
            f"WHERE s.status IN ({marks}) AND s.due_on <= ? ORDER BY s.due_on, s.id",
            (*_OPEN, today.isoformat())).fetchall()
    return setting, [(step_id, kind, person_name(first, last) or email,
                      datetime.date.fromisoformat(due[:10]))
                     for step_id, kind, first, last, email, due in rows]
