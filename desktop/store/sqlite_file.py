"""The database file as plain ``sqlite3`` sees it, without Peewee: its header, and a
read-only connection of its own. ``connection`` builds on these; ``due_now`` uses
them alone, so ``rebound notify`` starts without loading Peewee."""

import sqlite3
from contextlib import contextmanager
from pathlib import Path

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
