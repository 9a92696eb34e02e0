"""The database file as plain ``sqlite3`` sees it, without Peewee: its header, and a
read-only connection of its own. ``connection`` builds on these; ``due_now`` and the
window's first look (``Moment``) use them alone, so ``rebound notify`` and the
window's first frame come without loading Peewee."""

import sqlite3
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

SQLITE_HEADER = b"SQLite format 3\x00"


def looks_like_sqlite(path: Path) -> bool:
    """An empty or missing file is fine (it becomes a new database); anything else
    must start with SQLite's header."""
    if not path.exists() or path.stat().st_size == 0:
        return True
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


@contextmanager
def read_only(path: Path):
    """A read-only connection of its own to the file at ``path``, closed afterwards:
    for checks, backups and version reads that must never write, from any thread.

    On read-only media, where SQLite cannot make the -shm file its read-only mode
    needs, the file is read as immutable instead.
    """
    uri = Path(path).absolute().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
    try:
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorname", "") != "SQLITE_CANTOPEN":
            conn.close()
            raise
        conn.close()
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True)
    except sqlite3.DatabaseError:
        conn.close()
        raise
    try:
        yield conn
    finally:
        conn.close()


class Moment:
    """One consistent reading of the file through a read-only connection of its own,
    kept afterwards so that ``unchanged`` can tell whether any connection, in this
    process or another, has saved anything since; ``close`` lets go of it.

    Raises sqlite3.Error when the file cannot be opened or read.
    """

    def __init__(self, path: Path):
        self._conn = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True,
                                     isolation_level=None)
        self._version: int | None = None

    def read(self, reader: Callable[[sqlite3.Connection], T]) -> T:
        """``reader(connection)``, run in one read transaction: one moment's data."""
        self._conn.execute("BEGIN")
        try:
            result = reader(self._conn)
            self._version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        finally:
            self._conn.execute("COMMIT")
        self._conn.execute("PRAGMA shrink_memory")  # its page cache is not needed again
        return result

    def unchanged(self) -> bool:
        """True when nothing was saved since ``read``; False as well when that
        cannot be told (no reading, or the connection gone)."""
        try:
            now = self._conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return False
        return self._version is not None and now == self._version

    def close(self) -> None:
        self._conn.close()
