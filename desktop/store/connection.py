"""The one SQLite connection, how it is opened, and how damage is recognised.

``db`` is deferred (Vorta's pattern): models bind to it at import time and
``open_database`` points it at a file at start-up.
"""

import sqlite3
from contextlib import contextmanager
from pathlib import Path

import peewee

#: FULL rather than NORMAL: in WAL mode NORMAL can lose the last transactions on
#: power loss. Rebound writes a handful of rows per user action, so the extra
#: fsync per commit is not felt, and "I clicked Save" must mean saved.
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "full",
    "busy_timeout": 5000,
    "cache_size": -16000,  # 16 MB page cache: enough for 100,000 people.
}

SQLITE_HEADER = b"SQLite format 3\x00"

# SQLite result codes that mean the file itself is damaged, not that a query failed.
_DAMAGE_CODES = {"SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR"}
_DAMAGE_WORDS = ("malformed", "not a database", "disk i/o error", "corrupt")

db = peewee.SqliteDatabase(None)


class DatabaseDamaged(Exception):
    """The database file is damaged. It is kept as it is; the user decides what next."""

    def __init__(self, path: Path, detail: str):
        super().__init__(f"The database {path} is damaged: {detail}")
        self.path = Path(path)
        self.detail = detail


class DatabaseTooNew(Exception):
    """The file was written by a newer Rebound; this one will not touch it."""

    def __init__(self, path: Path, found: int, supported: int):
        super().__init__(
            f"{path} was saved by a newer version of Rebound (data format {found}; "
            f"this version understands up to {supported}). Install the newer version "
            "to open it. The file has not been changed."
        )
        self.path = Path(path)
        self.found = found
        self.supported = supported


def is_damage_error(exc: BaseException | None) -> bool:
    """True when ``exc`` (or what it wraps) says the database file is damaged."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, DatabaseDamaged):
            return True
        if isinstance(exc, sqlite3.DatabaseError | peewee.DatabaseError):
            if getattr(exc, "sqlite_errorname", "") in _DAMAGE_CODES:
                return True
            if any(word in str(exc).lower() for word in _DAMAGE_WORDS):
                return True
        wrapped = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        exc = wrapped or exc.__cause__ or exc.__context__
    return False


def looks_like_sqlite(path: Path) -> bool:
    """An empty or missing file is fine (it becomes a new database); anything else
    must start with SQLite's header."""
    if not path.exists() or path.stat().st_size == 0:
        return True
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def connect(path: Path) -> None:
    """Point ``db`` at ``path`` and connect, refusing a file that is not SQLite."""
    if not looks_like_sqlite(path):
        raise DatabaseDamaged(path, "the file is not a Rebound database (wrong header)")
    if not db.is_closed():
        db.close()
    db.init(str(path), pragmas=PRAGMAS)
    try:
        db.connect()
    except peewee.DatabaseError as exc:
        db.close()
        if is_damage_error(exc):
            raise DatabaseDamaged(path, str(exc)) from exc
        raise


def user_version() -> int:
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


@contextmanager
def read_only(path: Path):
    """A read-only connection of its own to the file at ``path``, closed afterwards:
    for checks, backups and version reads that must never write, from any thread."""
    conn = sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()


def check_file(path: Path, pragma: str = "quick_check") -> str:
    """Run ``PRAGMA quick_check`` (or ``integrity_check``) on its own read-only
    connection: "ok" when sound, else SQLite's description of the damage.

    A separate connection lets it run in a worker thread while the UI goes on.
    """
    if pragma not in ("quick_check", "integrity_check"):
        raise ValueError(pragma)
    try:
        with read_only(path) as conn:
            rows = conn.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    result = "; ".join(str(row[0]) for row in rows)
    return "ok" if result == "ok" else result


def quick_check(path: Path) -> str:
    return check_file(path, "quick_check")


@contextmanager
def transaction():
    """One user action that writes: all of it commits, or none of it does.

    Each commit bumps the store's revision so start-up knows whether the data
    changed since the newest backup.
    """
    with db.atomic() as txn:
        yield txn
        db.execute_sql("UPDATE meta SET value = value + 1 WHERE key = 'revision'")
