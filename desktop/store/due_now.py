"""The notes due now, read with ``sqlite3`` alone: for ``rebound notify``, a small
process the system starts every day, where loading Peewee and its models would be
most of the cost (see README, "Performance").

It asks what ``steps.open_steps_until`` asks (open steps due on or before a day,
earliest first), and a test holds the two to the same answer. The file is opened
read-only; on read-only media, where SQLite cannot make its -shm file, as
immutable.
"""

import datetime
import json
import sqlite3
from pathlib import Path

from desktop.vocabulary import OPEN_STEP_STATUSES, person_name

_SQLITE_HEADER = b"SQLite format 3\x00"
_OPEN = tuple(status.value for status in OPEN_STEP_STATUSES)


class NotADatabase(Exception):
    """The file is not an SQLite database (damaged, or something else)."""


def _connect(path: Path) -> sqlite3.Connection:
    with path.open("rb") as handle:
        if handle.read(len(_SQLITE_HEADER)) != _SQLITE_HEADER:
            raise NotADatabase(str(path))
    uri = path.absolute().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
    try:
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.OperationalError as exc:
        conn.close()
        if getattr(exc, "sqlite_errorname", "") != "SQLITE_CANTOPEN":
            raise
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True)
    return conn


def read_due(path: Path, today: datetime.date, setting_key: str
             ) -> tuple[object, list[tuple[int, str, str, datetime.date]]]:
    """(the JSON value of ``setting_key``, or None; the open steps due on or before
    ``today`` as (id, kind, person, due date)). Raises sqlite3.DatabaseError or
    NotADatabase for a file it cannot read."""
    conn = _connect(Path(path))
    try:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (setting_key,)).fetchone()
        setting = json.loads(row[0]) if row else None
        marks = ", ".join("?" * len(_OPEN))
        rows = conn.execute(
            "SELECT s.id, s.kind, p.first_name, p.last_name, p.email, s.due_on "
            "FROM step s JOIN person p ON p.id = s.person_id "
            f"WHERE s.status IN ({marks}) AND s.due_on <= ? ORDER BY s.due_on, s.id",
            (*_OPEN, today.isoformat())).fetchall()
    finally:
        conn.close()
    return setting, [(step_id, kind, person_name(first, last) or email,
                      datetime.date.fromisoformat(due[:10]))
                     for step_id, kind, first, last, email, due in rows]
