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
from desktop.store.sqlite_file import Moment, looks_like_sqlite
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
    """Today's reading taken before the store opened, and the moment it was read at,
    kept until the store is open to tell whether anything was saved in between."""

    def __init__(self, moment: Moment, reading: TodayReading):
        self._moment = moment
        self.reading = reading

    def unchanged(self) -> bool:
        """True when nothing has been saved since the reading, in this process or
        another; False as well when that cannot be told."""
        return self._moment.unchanged()

    def close(self) -> None:
        self._moment.close()


def first_look(data_dir: Path, today: datetime.date) -> FirstLook | None:
    """Today's reading straight from the data file, before the store is open; None
    when the file needs the store's own opening first.

    That is when it is missing or empty, is not SQLite, was saved in another
    format (a migration, or a newer Rebound), cannot be written (it opens
    read-only, and says so), or a session is still marked as running or left
    changes in SQLite's write-ahead log (it did not end cleanly, so the file is
    checked before anything reads it). A file that cannot be read here is left for
    the store's opening to explain.
    """
    path = Path(data_dir) / DATABASE_NAME
    log = path.with_name(f"{path.name}-wal")

    def in_this_format(conn) -> TodayReading | None:
        return read(conn, today) if today_queries.stored_format(conn) == SCHEMA_VERSION else None

    try:
        usable = (path.is_file() and path.stat().st_size > 0 and looks_like_sqlite(path)
                  and not (Path(data_dir) / RUNNING_MARKER).exists()
                  and not (log.exists() and log.stat().st_size > 0)
                  and os.access(data_dir, os.W_OK) and os.access(path, os.W_OK))
        if not usable:
            return None
        moment = Moment(path)
    except (OSError, sqlite3.Error):
        return None
    try:
        reading = moment.read(in_this_format)
    except sqlite3.Error:
        reading = None
    if reading is None:
        moment.close()
        return None
    return FirstLook(moment, reading)
