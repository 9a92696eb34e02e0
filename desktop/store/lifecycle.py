"""Opening and closing the store: checks, backups and migrations, in the right order.

Order at open: is the data file there (a folder with backups but no database is
damage, not a first start); is it SQLite at all; can anything be written here
(if not, the data opens read-only); did the last session end cleanly (if not,
``quick_check`` before anything writes); is it from a newer Rebound; back up and
migrate. A marker file says a session is running, so the next start knows
whether this one ended cleanly; only the process that wrote it removes it.
"""

import errno
import logging
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import peewee

from desktop import processes
from desktop.clock import utcnow
from desktop.paths import (
    BACKUP_DIR_NAME,
    DATABASE_NAME,
    RUNNING_MARKER,
    DataFolderProblem,
    DataLocation,
    create_private_file,
    prepare_data_dir,
)
from desktop.store import backups, copies
from desktop.store.connection import (
    connect,
    db,
    explain_failure,
    looks_like_sqlite,
    quick_check,
    read_only,
    user_version,
)
from desktop.store.data_format import (
    SCHEMA_VERSION,
    DatabaseDamaged,
    DatabaseTooNew,
    MigrationFailed,
)
from desktop.store.migrations import Migration, migrate

log = logging.getLogger(__name__)

#: How often the background ``quick_check`` runs when sessions end cleanly.
QUICK_CHECK_INTERVAL = timedelta(days=1)
_LAST_CHECK_KEY = "last_quick_check"


class DatabaseMissing(DatabaseDamaged):
    """``rebound.db`` is missing or empty in a folder that held data before (backups,
    a set-aside file): damage to recover from, never a first start."""

    def __init__(self, path: Path, detail: str):
        super().__init__(path, detail)
        self.args = (f"Your Rebound data is missing: {detail} Nothing was created or "
                     "changed.",)


@dataclass
class Store:
    """An open store: where it lives and what happened while opening it."""

    data_dir: Path
    schema_version: int = 0
    recovered_from_unclean_exit: bool = False
    migrations_applied: list[Migration] = field(default_factory=list)
    #: Why nothing can be saved ("" when the data opened for writing).
    read_only_reason: str = ""
    #: What this process wrote in the running marker ("" when it did not write it).
    marker_token: str = ""

    @property
    def db_path(self) -> Path:
        return self.data_dir / DATABASE_NAME

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / BACKUP_DIR_NAME

    @property
    def marker(self) -> Path:
        return self.data_dir / RUNNING_MARKER

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)


def open_store(data_dir: Path, *, start_empty: bool = False, check_first: bool = False,
               take_over_crash_marker: bool = True) -> Store:
    """Open (creating or upgrading) the database in ``data_dir``.

    ``start_empty`` makes a new database even where earlier data left traces (the
    user chose to); ``check_first`` runs ``quick_check`` before opening a file
    that is there (commands that write do). A marker left by a crashed process
    always means a check first; the window then takes it over, while commands
    (``take_over_crash_marker`` False) leave it for the window. Raises DataFolderProblem,
    DatabaseMissing, DatabaseDamaged, DatabaseTooNew or MigrationFailed without
    having written to the file.
    """
    # Callers decide first whether a missing folder may be made (cli, app): here
    # it is made, with its parents, as for the default folder.
    store = Store(prepare_data_dir(DataLocation(Path(data_dir), "default")))
    path = store.db_path
    refuse_folder_in_the_way(path)
    existing = path.exists() and path.stat().st_size > 0
    if not existing and not start_empty and (traces := earlier_data(store)):
        raise DatabaseMissing(path, traces)
    if existing and not looks_like_sqlite(path):
        raise DatabaseDamaged(path, "the file is not a Rebound database (wrong header)")
    if blocked := write_blocked(store.data_dir, path if existing else None):
        if not existing:
            raise DataFolderProblem(f"{blocked} There is no Rebound data there yet, and "
                                    "none can be made.")
        return _open_read_only(store, blocked)
    previous = _marker_token(store)
    store.recovered_from_unclean_exit = (existing and previous is not None
                                         and not processes.is_running(previous))
    checked = existing and (store.recovered_from_unclean_exit or check_first)
    if checked:
        _check_before_writing(path)
    if existing:
        _refuse_newer(path)
    else:
        create_private_file(path)  # SQLite's -wal and -shm take its permissions
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
    if previous is None or (store.recovered_from_unclean_exit and take_over_crash_marker):
        try:
            store.marker_token = _claim_marker(store)
        except OSError as exc:  # a full disk: writes will say so; opening goes on
            log.warning("Could not write the running marker: %s", exc)
    if checked:
        _record_check(utcnow())
    copies.remove_stale_temporaries(store.backup_dir)
    copies.remove_stale_temporaries(store.data_dir)
    return store


def refuse_folder_in_the_way(db_path: Path) -> None:
    """A folder where the data file belongs is never Rebound's: say so, touch nothing."""
    if db_path.is_dir():
        raise DataFolderProblem(
            f"{db_path} is a folder, where Rebound keeps its data file. Move that folder "
            "out of the way (nothing in it is Rebound's), then start Rebound again.")


def _check_before_writing(path: Path) -> None:
    """``quick_check`` the file; raise DatabaseDamaged when it fails, or WriteFailed
    when the check itself could not run (a full disk, a lock held too long)."""
    try:
        verdict = quick_check(path)
    except sqlite3.Error as exc:
        raise explain_failure(exc, path) from exc
    if verdict != "ok":
        raise DatabaseDamaged(path, verdict)


def earlier_data(store: Store) -> str:
    """What in the data folder shows there was data before ("" when nothing does):
    backups, files set aside by a restore, a log without its database, a copy
    left by an interrupted restore."""
    traces = []
    if found := backups.list_backups(store.backup_dir):
        traces.append(f"{len(found)} backup{'s' if len(found) > 1 else ''} in "
                      f"{store.backup_dir}")
    stem, suffix = store.db_path.stem, store.db_path.suffix
    for path in sorted(store.data_dir.iterdir()):
        name = path.name
        set_aside = name.startswith(f"{stem}-") and name.endswith(suffix)
        leftover = name.startswith(f"{DATABASE_NAME}.") or (
            name == f"{DATABASE_NAME}-wal" and path.stat().st_size > 0)
        if set_aside or leftover:
            traces.append(name)
    if not traces:
        return ""
    return (f"The data file {DATABASE_NAME} is missing or empty, although this folder "
            f"held Rebound data before ({', '.join(traces)}).")


def write_blocked(data_dir: Path, db_path: Path | None) -> str:
    """Why nothing can be written in ``data_dir`` or to ``db_path`` ("" when it can).

    Tried rather than predicted: permissions, read-only media and network drives
    all answer the same way to a file being created.
    """
    probe = data_dir / f".rebound-write-test-{os.getpid()}"
    try:
        create_private_file(probe)
        probe.unlink()
    except OSError as exc:
        if exc.errno == errno.EROFS:
            return f"Your data folder {data_dir} is on a read-only disk."
        if exc.errno in (errno.EACCES, errno.EPERM):
            return f"You are not allowed to write to your data folder {data_dir}."
        return f"Rebound cannot write to your data folder {data_dir} ({exc.strerror})."
    if db_path is not None and not os.access(db_path, os.W_OK):
        return f"Your data file {db_path} is read-only."
    return ""


def _open_read_only(store: Store, reason: str) -> Store:
    """Open data that cannot be written: it can be read, and nothing is saved."""
    store.read_only_reason = reason
    _refuse_newer(store.db_path)
    connect(store.db_path, read_only=True)
    store.schema_version = user_version()
    if store.schema_version < SCHEMA_VERSION:
        db.close()
        raise MigrationFailed(
            store.db_path, SCHEMA_VERSION,
            f"{reason} This data was saved by an earlier Rebound and must be updated "
            "before this version can show it. Copy the data folder to a disk you can "
            "write to, and open it from there")
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


# The running marker --------------------------------------------------------------


def _marker_token(store: Store) -> str | None:
    """What the running marker holds, or None when there is none."""
    try:
        return store.marker.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return ""  # unreadable: treated as left by a crash


def _claim_marker(store: Store) -> str:
    """Write this process's token to the marker in one step; returns the token."""
    token = processes.this_process()
    partial = store.marker.with_name(f"{store.marker.name}.{os.getpid()}")
    partial.unlink(missing_ok=True)
    create_private_file(partial)
    partial.write_text(token, encoding="utf-8")
    partial.replace(store.marker)
    return token


def marker_held_by_another(data_dir: Path) -> bool:
    """True when another running Rebound process holds the data folder's marker."""
    token = _marker_token(Store(Path(data_dir)))
    return bool(token) and token != processes.this_process() and processes.is_running(token)


class FolderInUse(Exception):
    """Another Rebound is running with this data folder."""


class _HeldMarker:
    """The marker held by an operation on the closed store (a restore)."""

    def __init__(self, store: Store, previous: str | None):
        self.store = store
        self.previous = previous
        self.done = False

    def finished(self) -> None:
        """The operation left a sound database: the marker can go at the end."""
        self.done = True


@contextmanager
def holding_marker(store: Store):
    """Hold the running marker while working on the closed database, so a window
    started meanwhile sees the folder in use. If the work fails, the marker is put
    back as it was: a crash marker found before still asks for a check."""
    if marker_held_by_another(store.data_dir):
        raise FolderInUse("Rebound is running with this data folder. Close it first, or "
                          "restore from File → Backups… in that window.")
    previous = _marker_token(store)
    store.marker_token = _claim_marker(store)
    held = _HeldMarker(store, previous)
    try:
        yield held
    finally:
        if held.done or previous is None:
            store.marker.unlink(missing_ok=True)
        else:
            store.marker.write_text(previous, encoding="utf-8")
        store.marker_token = ""


def close_store(store: Store, optimize: bool = True) -> None:
    """Close the connection; the marker goes only if this process wrote it.

    ``optimize`` lets SQLite refresh its statistics (a write): not after an error,
    when the file may be damaged and must not be written.
    """
    if not db.is_closed():
        if optimize and not store.read_only:
            try:
                db.execute_sql("PRAGMA optimize")
            except peewee.DatabaseError as exc:  # an optimisation: a full disk may refuse it
                log.warning("PRAGMA optimize failed at close: %s", exc)
        db.close()
    if store.marker_token and _marker_token(store) == store.marker_token:
        store.marker.unlink(missing_ok=True)
    store.marker_token = ""


def leave_marker_for_next_start(store: Store) -> None:
    """After damage the user chose not to repair: the next start checks the file again."""
    if store.read_only:
        return
    try:
        store.marker.write_text("damaged", encoding="utf-8")
    except OSError as exc:  # a full disk; the daily check will still find the damage
        log.warning("Could not leave the running marker: %s", exc)


# The daily check ------------------------------------------------------------------


def quick_check_due(now: datetime | None = None) -> bool:
    """True once a day, and whenever the last check's time cannot be trusted: a time
    in the future was stored while the clock was wrong, and must not put the check
    off for decades."""
    row = db.execute_sql("SELECT value FROM meta WHERE key = ?", (_LAST_CHECK_KEY,)).fetchone()
    if row is None:
        return True
    now = now or utcnow()
    try:
        last = datetime.fromisoformat(row[0])
    except ValueError:
        return True
    return last > now or now - last >= QUICK_CHECK_INTERVAL


def run_quick_check(store: Store) -> str:
    """The background check: "ok", or SQLite's description of the damage.

    Uses its own connection, so it may run in a worker thread.
    """
    return quick_check(store.db_path)


def record_quick_check(now: datetime | None = None) -> None:
    """Remember a passed check (bookkeeping, not user data: no revision bump)."""
    _record_check(now or utcnow())


def _record_check(when: datetime) -> None:
    """Note when the file last passed its check. Bookkeeping: on a full disk it is
    skipped (the check simply runs again next time), never reported as a lost change."""
    try:
        with db.atomic():
            db.execute_sql(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (_LAST_CHECK_KEY, when.isoformat()),
            )
    except peewee.DatabaseError as exc:
        log.warning("Could not record the integrity check: %s", exc)


def backup_now(store: Store, reason=backups.BackupReason.MANUAL) -> Path:
    """A verified backup of the open database; safe from a worker thread."""
    if store.read_only:
        raise backups.BackupFailed(f"{store.read_only_reason} No backup can be made there.")
    return backups.create_backup(store.db_path, store.backup_dir, reason)
