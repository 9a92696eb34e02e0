"""What the Today view shows, read in one go: from the open store, or, at start-up,
from a first look at the data file before the store has opened.

The first look is how the window's first frame stays quick (``boot`` rule 7): it
reads the file through a read-only ``sqlite3`` connection of its own, with the same
queries as every later reading (``store.today_queries``), so Peewee, the models and
the store's checks load after the frame instead of before it. It is taken only
when nothing about the file needs those checks first; otherwise start-up opens the
store as before, and the window reads from it.
"""

import datetime
import os
import sqlite3
from pathlib import Path
from typing import NamedTuple

from desktop.paths import DATABASE_NAME, RUNNING_MARKER
from desktop.playbook.settings import PLAYBOOK_KEY, playbook_settings_from
from desktop.store import today_queries
from desktop.store.data_format import SCHEMA_VERSION
from desktop.store.sqlite_file import looks_like_sqlite
from desktop.store.today_queries import ColdContact, Results, StepRow

#: Days ahead the "Coming up" group looks.
HORIZON_DAYS = 14
#: Steps a group shows at a time; "Show more" adds as many again.
PAGE_ROWS = 50


class Window(NamedTuple):
    """A group of Today's steps: those due after ``after`` (None: however long ago)
    and on or before ``until``; how many there are; the first page of them."""

    after: datetime.date | None
    until: datetime.date
    total: int
    first_page: list[StepRow]


class TodayReading(NamedTuple):
    today: datetime.date
    due: Window
    coming: Window
    #: Steps due before today: the late ones among ``due``.
    late: int
    cold: list[ColdContact]
    results: Results


def read(conn: sqlite3.Connection, today: datetime.date) -> TodayReading:
    """Everything Today shows for ``today``, read through ``conn``."""
    horizon = today + datetime.timedelta(days=HORIZON_DAYS)

    def window(after: datetime.date | None, until: datetime.date) -> Window:
        total = today_queries.count_open_between(conn, after, until)
        page = today_queries.open_steps_between(conn, after, until, PAGE_ROWS) if total else []
        return Window(after, until, total, page)

    months = playbook_settings_from(
        today_queries.stored_setting(conn, PLAYBOOK_KEY)).checkin_months
    return TodayReading(
        today=today,
        due=window(None, today),
        coming=window(today, horizon),
        late=today_queries.count_open_between(conn, None, today - datetime.timedelta(days=1)),
        cold=today_queries.people_going_cold(conn, today, months, horizon),
        results=today_queries.follow_up_results(conn),
    )


def from_store(today: datetime.date) -> TodayReading:
    """Today's reading from the open store."""
    from desktop.store.connection import db  # loaded once the store is open

    return read(db.connection(), today)


def more_steps(window: Window, offset: int) -> list[StepRow]:
    """The next page of ``window``'s steps after the first ``offset``, from the open store."""
    from desktop.store import steps  # loaded once the store is open

    return steps.open_steps_between(window.after, window.until, PAGE_ROWS, offset)


class FirstLook:
    """Today's reading taken before the store opened, and the read-only connection it
    was read through, kept until the store is open to tell whether anything was
    saved in between (``unchanged``); ``close`` lets go of it."""

    def __init__(self, conn: sqlite3.Connection, reading: TodayReading, version: int):
        self._conn = conn
        self.reading = reading
        self._version = version

    def unchanged(self) -> bool:
        """True when no connection, in this process or another, has saved anything
        since the reading; False as well when that cannot be told."""
        try:
            return self._conn.execute("PRAGMA data_version").fetchone()[0] == self._version
        except sqlite3.Error:
            return False

    def close(self) -> None:
        self._conn.close()


def first_look(data_dir: Path, today: datetime.date) -> FirstLook | None:
    """Today's reading straight from the data file, before the store is open; None
    when the file needs the store's own opening first.

    That is when it is missing or empty, is not SQLite, was saved in another
    format (a migration, or a newer Rebound), cannot be written (it opens
    read-only, and says so), or a session is still marked as running or left
    changes in SQLite's write-ahead log (it did not end cleanly, so the file is
    checked before anything reads it). A file that cannot be read here is left for
    the store's opening to explain.

    The reading is one read transaction, so it is one moment's data, and the
    moment's ``data_version`` is kept for ``FirstLook.unchanged``.
    """
    path = Path(data_dir) / DATABASE_NAME
    log = path.with_name(f"{path.name}-wal")
    try:
        usable = (path.is_file() and path.stat().st_size > 0 and looks_like_sqlite(path)
                  and not (Path(data_dir) / RUNNING_MARKER).exists()
                  and not (log.exists() and log.stat().st_size > 0)
                  and os.access(data_dir, os.W_OK) and os.access(path, os.W_OK))
        if not usable:
            return None
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True,
                               isolation_level=None)
    except (OSError, sqlite3.Error):
        return None
    try:
        conn.execute("BEGIN")
        if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            conn.close()
            return None
        reading = read(conn, today)
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        conn.execute("COMMIT")
        conn.execute("PRAGMA shrink_memory")  # its page cache is not needed again
    except sqlite3.Error:
        conn.close()
        return None
    return FirstLook(conn, reading, version)
