"""Opening and closing the store: checks, backups and migrations, in the right order.

Order at open: is the file SQLite at all; did the last session end cleanly (if
not, ``quick_check`` before anything writes); is it from a newer Rebound; back up
and migrate. A marker file says a session is running, so the next start knows
whether this one ended cleanly.
"""

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from desktop.clock import utcnow
from desktop.paths import BACKUP_DIR_NAME, DATABASE_NAME, ensure_private_dir
from desktop.store import backups
from desktop.store.connection import (
    DatabaseDamaged,
    DatabaseTooNew,
    connect,
    db,
    looks_like_sqlite,
    quick_check,
    read_only,
    user_version,
)
from desktop.store.migrations import SCHEMA_VERSION, Migration, migrate

RUNNING_MARKER = "rebound.running"
#: How often the background ``quick_check`` runs when sessions end cleanly.
QUICK_CHECK_INTERVAL = timedelta(days=1)
_LAST_CHECK_KEY = "last_quick_check"


@dataclass
class Store:
    """An open store: where it lives and what happened while opening it."""

    data_dir: Path
    schema_version: int = 0
    recovered_from_unclean_exit: bool = False
    migrations_applied: list[Migration] = field(default_factory=list)

    @property
    def db_path(self) -> Path:
        return self.data_dir / DATABASE_NAME

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / BACKUP_DIR_NAME

    @property
    def marker(self) -> Path:
        return self.data_dir / RUNNING_MARKER


def open_store(data_dir: Path) -> Store:
    """Open (creating or upgrading) the database in ``data_dir``.

    Raises DatabaseDamaged or DatabaseTooNew without having written to the file.
    """
    store = Store(ensure_private_dir(Path(data_dir)))
    path = store.db_path
    existing = path.exists() and path.stat().st_size > 0
    if existing and not looks_like_sqlite(path):
        raise DatabaseDamaged(path, "the file is not a Rebound database (wrong header)")
    store.recovered_from_unclean_exit = existing and store.marker.exists()
    if store.recovered_from_unclean_exit:
        verdict = quick_check(path)
        if verdict != "ok":
            raise DatabaseDamaged(path, verdict)
    if existing:
        _refuse_newer(path)
    connect(path)
    try:
        store.migrations_applied = migrate(
            path,
            before_each=lambda _migration: backups.create_backup(
                path, store.backup_dir, backups.BackupReason.MIGRATION
            ),
        )
        store.schema_version = user_version()
    except Exception:
        db.close()
        raise
    store.marker.write_text(str(os.getpid()), encoding="utf-8")
    if store.recovered_from_unclean_exit:
        _record_check(utcnow())
    return store


def _refuse_newer(path: Path) -> None:
    """Read the version without opening for writing, so a newer file stays untouched."""
    try:
        with read_only(path) as conn:
            found = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamaged(path, str(exc)) from exc
    if found > SCHEMA_VERSION:
        raise DatabaseTooNew(path, found, SCHEMA_VERSION)


def close_store(store: Store) -> None:
    """Close the connection and note that this session ended cleanly."""
    if not db.is_closed():
        db.execute_sql("PRAGMA optimize")
        db.close()
    store.marker.unlink(missing_ok=True)


def quick_check_due(now: datetime | None = None) -> bool:
    row = db.execute_sql("SELECT value FROM meta WHERE key = ?", (_LAST_CHECK_KEY,)).fetchone()
    if row is None:
        return True
    return (now or utcnow()) - datetime.fromisoformat(row[0]) >= QUICK_CHECK_INTERVAL


def run_quick_check(store: Store) -> str:
    """The background check: "ok", or SQLite's description of the damage.

    Uses its own connection, so it may run in a worker thread.
    """
    return quick_check(store.db_path)


def record_quick_check(now: datetime | None = None) -> None:
    """Remember a passed check (bookkeeping, not user data: no revision bump)."""
    _record_check(now or utcnow())


def _record_check(when: datetime) -> None:
    with db.atomic():
        db.execute_sql(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (_LAST_CHECK_KEY, when.isoformat()),
        )


def backup_now(store: Store, reason=backups.BackupReason.MANUAL) -> Path:
    """A verified backup of the open database; safe from a worker thread."""
    return backups.create_backup(store.db_path, store.backup_dir, reason)
