"""The one SQLite connection, how it is opened, how damage is recognised, and the
transaction every write runs in.

``db`` is deferred (Vorta's pattern): models bind to it at import time and
``connect`` points it at a file at start-up.
"""

import sqlite3
from contextlib import contextmanager
from pathlib import Path

import peewee

from desktop.store.data_format import DatabaseDamaged
from desktop.store.failures import (
    Problem,
    WriteFailed,
    classify,
    may_be_damage,
    original_error,
    says_damaged,
    storage_error_in,
)
from desktop.store.sqlite_file import looks_like_sqlite, read_only

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
#: For data on read-only media: nothing that would write, not even the journal mode.
READ_ONLY_PRAGMAS = {"foreign_keys": 1, "cache_size": -16000}


#: What the user is told when the file is damaged, by the window and the commands alike.
DAMAGE_MESSAGE = ("Your Rebound data is damaged: Rebound cannot read its database file, "
                  "perhaps because of a disk problem or a crash.")

#: Write transactions begin IMMEDIATE: they take the write lock first, so SQLite's
#: busy timeout applies while another program holds it. A DEFERRED transaction
#: that reads, then writes, fails at once with "database is locked" instead.
db = peewee.SqliteDatabase(None, lock_type="IMMEDIATE")
#: The file ``db`` is open on (``db.database`` may be a URI).
_connected: dict[str, Path] = {}


def explain_failure(exc: BaseException, path: Path | None = None, *,
                    check: bool = True) -> BaseException:
    """What a failed read or write of the database really was, in the user's terms.

    The file is checked before anything is called damage: DatabaseDamaged only
    when ``quick_check`` (or, for SQLite's own "malformed", ``integrity_check``)
    finds it; WriteFailed for a full disk, a size limit, a read-only folder, a
    lock held too long or a disk error on a sound file; anything else unchanged.
    """
    if isinstance(exc, DatabaseDamaged | WriteFailed):
        return exc
    found = storage_error_in(original_error(exc))
    if found is None:
        return exc
    exc = found
    path = path or connected_path()
    if check and path is not None and may_be_damage(exc):
        try:
            verdict = quick_check(path)
            if verdict == "ok" and says_damaged(exc):
                verdict = check_file(path, "integrity_check")
        except sqlite3.Error:  # the check could not run either: nothing proves damage
            verdict = "ok"
        if verdict != "ok":
            return DatabaseDamaged(path, verdict)
    return WriteFailed(classify(exc, path) or Problem.DISK_ERROR, str(exc))


def connect(path: Path, read_only: bool = False) -> None:
    """Point ``db`` at ``path`` and connect, refusing a file that is not SQLite.

    ``read_only`` is for data on read-only media: SQLite's read-only mode, which
    reads the -wal where there is one, else the file as immutable (read-only
    mode needs to create the -shm, which such media do not allow).
    """
    if not looks_like_sqlite(path):
        raise DatabaseDamaged(path, "the file is not a Rebound database (wrong header)")
    if not db.is_closed():
        db.close()
    attempts = [(str(path), PRAGMAS, {})]
    if read_only:
        uri = Path(path).absolute().as_uri()
        attempts = [(f"{uri}?mode=ro", READ_ONLY_PRAGMAS, {"uri": True}),
                    (f"{uri}?immutable=1", READ_ONLY_PRAGMAS, {"uri": True})]
    new = not path.exists() or path.stat().st_size == 0
    for number, (database, pragmas, options) in enumerate(attempts, start=1):
        db.init(database, pragmas=pragmas, **options)
        try:
            db.connect()
            if read_only:  # read-only mode fails only at the first read
                db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
        except peewee.DatabaseError as exc:
            db.close()
            if number < len(attempts):
                continue
            # A file that held nothing cannot be damaged: it is the disk.
            explained = explain_failure(exc, Path(path), check=not new)
            if explained is exc:
                raise
            raise explained from exc
        _connected["path"] = Path(path)
        return


def close_thread_connection() -> None:
    """Close this thread's own connection, which ``db`` opened on first use.

    Each thread that touches ``db`` gets its own SQLite connection (Peewee keeps
    one per thread), so work on a worker thread never shares the window's. A
    worker closes its connection as it ends; the window's stays open.
    """
    if not db.is_closed():
        db.close()


def connected_path() -> Path | None:
    """The database file ``db`` was last opened on."""
    return _connected.get("path")


def user_version() -> int:
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


def check_file(path: Path, pragma: str = "quick_check") -> str:
    """Run ``PRAGMA quick_check`` (or ``integrity_check``) on its own read-only
    connection: "ok" when sound, else SQLite's description of the damage.

    A check that could not run (a full disk, a lock, a file it cannot open) proves
    nothing about the file: its error is raised, not returned as damage. A
    separate connection lets it run in a worker thread while the UI goes on.
    """
    if pragma not in ("quick_check", "integrity_check"):
        raise ValueError(pragma)
    try:
        with read_only(path) as conn:
            rows = conn.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.DatabaseError as exc:
        if says_damaged(exc):
            return str(exc)
        raise
    result = "; ".join(str(row[0]) for row in rows)
    return "ok" if result == "ok" else result


def quick_check(path: Path) -> str:
    return check_file(path, "quick_check")


@contextmanager
def transaction():
    """One user action that writes: all of it commits, or none of it does.

    The outermost one begins IMMEDIATE (see ``db``); inner ones are savepoints.
    Each commit bumps the store's revision so start-up knows whether the data
    changed since the newest backup. A failure is explained before it reaches the
    caller (``explain_failure``): WriteFailed or DatabaseDamaged, never SQLite's
    "cannot rollback - no transaction is active" that follows a full disk.
    """
    if db.transaction_depth():
        with db.atomic() as savepoint:
            yield savepoint
        return
    try:
        with db.atomic("IMMEDIATE") as txn:
            yield txn
            db.execute_sql("UPDATE meta SET value = value + 1 WHERE key = 'revision'")
    except (sqlite3.Error, peewee.DatabaseError) as exc:
        explained = explain_failure(exc)
        if explained is exc:
            raise
        raise explained from original_error(exc)
