"""Verified copies of the database in ``backups/``, made with SQLite's backup API.

Backups use their own connections so they can run in a worker thread while the
window stays responsive. A copy counts only after ``integrity_check`` says it is
sound; older automatic copies are thinned only after that.
"""

import os
import sqlite3
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from desktop.clock import utcnow
from desktop.paths import ensure_private_dir
from desktop.store.connection import check_file, read_only

_STAMP = "%Y%m%dT%H%M%S%fZ"
_PREFIX = "rebound-"
_SUFFIX = ".db"
_PARTIAL = ".partial"

#: Rotation of automatic backups: the newest few, then one a day, then one a week.
KEEP_NEWEST = 10
KEEP_DAILY_FOR = timedelta(days=14)
KEEP_WEEKLY_FOR = timedelta(days=92)


class BackupReason(StrEnum):
    AUTO = "auto"
    MANUAL = "manual"
    MIGRATION = "before-upgrade"
    RESTORE = "before-restore"

    @property
    def label(self) -> str:
        return {
            BackupReason.AUTO: "Automatic",
            BackupReason.MANUAL: "Manual",
            BackupReason.MIGRATION: "Before an upgrade",
            BackupReason.RESTORE: "Before a restore",
        }[self]


class BackupFailed(Exception):
    """A backup could not be made or did not verify; nothing was pruned."""


class BackupInfo(NamedTuple):  # not a dataclass: cheaper to define at start-up
    path: Path
    created: datetime  # naive UTC
    reason: BackupReason

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def backup_name(created: datetime, reason: BackupReason) -> str:
    return f"{_PREFIX}{created.strftime(_STAMP)}-{reason.value}{_SUFFIX}"


def parse_backup_name(path: Path) -> BackupInfo | None:
    """The BackupInfo a file name describes, or None for anything else in the folder."""
    name = path.name
    if not (name.startswith(_PREFIX) and name.endswith(_SUFFIX)):
        return None
    stamp, _, reason = name[len(_PREFIX) : -len(_SUFFIX)].partition("-")
    try:
        return BackupInfo(path, datetime.strptime(stamp, _STAMP), BackupReason(reason))
    except ValueError:
        return None


def list_backups(backup_dir: Path) -> list[BackupInfo]:
    """Every backup in the folder, newest first."""
    if not backup_dir.is_dir():
        return []
    found = (parse_backup_name(path) for path in backup_dir.iterdir())
    return sorted((info for info in found if info), key=lambda b: b.created, reverse=True)


def integrity_check(path: Path) -> str:
    """"ok" when the file at ``path`` is a sound SQLite database, else what is wrong."""
    return check_file(path, "integrity_check")


def copy_database(source: Path, target: Path) -> None:
    """Copy a live database page by page into ``target`` (replacing it), then verify.

    Written to a partial file and renamed, so ``target`` is never half a copy.
    """
    partial = target.with_name(target.name + _PARTIAL)
    partial.unlink(missing_ok=True)
    try:
        with read_only(source) as src:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                # A copy is a single self-contained file: no -wal beside it.
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
    except sqlite3.DatabaseError as exc:
        partial.unlink(missing_ok=True)
        raise BackupFailed(f"Could not copy {source}: {exc}") from exc
    verdict = integrity_check(partial)
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise BackupFailed(f"The copy of {source} did not verify: {verdict}")
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())
    partial.replace(target)


def create_backup(
    db_path: Path, backup_dir: Path, reason: BackupReason, now: datetime | None = None
) -> Path:
    """Make a verified backup of ``db_path``, record it, then thin older ones."""
    ensure_private_dir(backup_dir)
    created = now or utcnow()
    target = backup_dir / backup_name(created, reason)
    copy_database(db_path, target)
    _record_backup(db_path, _revision_of(target))
    prune(backup_dir, now=created)
    return target


def _revision_of(path: Path) -> int:
    try:
        with read_only(path) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
    except sqlite3.DatabaseError:
        row = None
    return int(row[0]) if row else 0


def _record_backup(db_path: Path, revision: int) -> None:
    """Note which revision the newest backup holds (not itself a change to back up)."""
    conn = sqlite3.connect(db_path, timeout=10, isolation_level=None)
    try:
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'backup_revision'", (str(revision),)
        )
    except sqlite3.OperationalError:
        pass  # A database without a schema yet has nothing to record.
    finally:
        conn.close()


def backup_due(db_path: Path) -> bool:
    """True when the data changed since the newest backup was made."""
    try:
        with read_only(db_path) as conn:
            values = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.DatabaseError:
        return False
    return values.get("revision") != values.get("backup_revision")


def to_prune(backups: list[BackupInfo], now: datetime) -> list[BackupInfo]:
    """The automatic backups rotation drops. Manual and pre-upgrade copies stay."""
    autos = sorted(
        (b for b in backups if b.reason is BackupReason.AUTO),
        key=lambda b: b.created,
        reverse=True,
    )
    keep = set(autos[:KEEP_NEWEST])
    days, weeks = set(), set()
    for backup in autos:
        age = now - backup.created
        if age <= KEEP_DAILY_FOR:
            bucket, seen = backup.created.date(), days
        elif age <= KEEP_WEEKLY_FOR:
            bucket, seen = backup.created.isocalendar()[:2], weeks
        else:
            continue
        if bucket not in seen:
            seen.add(bucket)
            keep.add(backup)
    return [b for b in autos if b not in keep]


def prune(backup_dir: Path, now: datetime | None = None) -> list[Path]:
    removed = []
    for backup in to_prune(list_backups(backup_dir), now or utcnow()):
        backup.path.unlink(missing_ok=True)
        removed.append(backup.path)
    return removed


#: Tables whose row counts describe what a backup holds.
_COUNTED = ("person", "company", "application", "interaction", "step")


def backup_contents(path: Path) -> dict[str, int]:
    """How many people, companies, applications... a backup holds ({} if unreadable)."""
    try:
        with read_only(path) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            return {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                    for table in _COUNTED if table in tables}
    except sqlite3.DatabaseError:
        return {}


def newest_good_backup(backup_dir: Path) -> BackupInfo | None:
    """The newest backup that passes ``integrity_check``, if there is one."""
    for backup in list_backups(backup_dir):
        if integrity_check(backup.path) == "ok":
            return backup
    return None


def set_aside(db_path: Path, label: str, now: datetime | None = None) -> Path:
    """Move the database (and its -wal/-shm) aside under a dated name; never delete it."""
    stamp = (now or utcnow()).strftime(_STAMP)
    aside = db_path.with_name(f"{db_path.stem}-{label}-{stamp}{db_path.suffix}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{db_path}{suffix}")
        if source.exists():
            source.replace(Path(f"{aside}{suffix}"))
    return aside


def restore_backup(db_path: Path, backup: Path, set_aside_label: str = "replaced") -> Path:
    """Put ``backup`` in place of the (closed) database at ``db_path``.

    The current file is moved aside first, never overwritten; returns where it went.
    """
    verdict = integrity_check(backup)
    if verdict != "ok":
        raise BackupFailed(f"The backup {backup.name} is damaged too: {verdict}")
    aside = set_aside(db_path, set_aside_label)
    copy_database(backup, db_path)
    return aside


def restore_over_healthy(db_path: Path, backup_dir: Path, backup: Path) -> Path:
    """Restore ``backup`` over a sound (closed) database: back the current data up
    first, verified, so the set-aside copy is not needed. Returns that safety backup."""
    safety = create_backup(db_path, backup_dir, BackupReason.RESTORE)
    aside = restore_backup(db_path, backup)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{aside}{suffix}").unlink(missing_ok=True)
    return safety
