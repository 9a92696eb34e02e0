"""Verified copies of the database in ``backups/``, made with SQLite's backup API.

Backups use their own connections so they can run in a worker thread while the
window stays responsive; the backup API reads inside one read transaction, which
in WAL mode never blocks a writer. A copy counts only after ``integrity_check``
says it is sound (see ``copies``); older automatic copies are thinned only after
that, and never the last one that held data before the data shrank. A restore
puts a verified copy in place with one rename, the old file kept aside.
"""

import os
import shutil
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from desktop.clock import utcnow
from desktop.paths import ensure_private_dir, sync_folder
from desktop.store.connection import read_only
from desktop.store.copies import (
    BackupFailed,
    copy_database,
    integrity_check,
    remove_temporary,
    write_verified_copy,
)

_STAMP = "%Y%m%dT%H%M%S%fZ"
_PREFIX = "rebound-"
_SUFFIX = ".db"
#: A backup holding less than this share of an older one's records is a loss:
#: the older one is kept whatever the rotation says.
LOSS_SHARE = 0.5
#: Stamps this far ahead of the clock were made while the clock was wrong.
_CLOCK_SLACK = timedelta(days=1)

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


class BackupInfo(NamedTuple):  # not a dataclass: see ``boot``, rule 4
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


def list_backups(backup_dir: Path, now: datetime | None = None) -> list[BackupInfo]:
    """Every backup in the folder, newest first.

    A backup stamped in the future was made while the computer's clock was wrong
    (a day in 2099, say): it is dated by the newest change it holds instead, and
    ranked last when that is in the future too, so it never passes for the newest.
    """
    if not backup_dir.is_dir():
        return []
    found = [info for info in map(parse_backup_name, backup_dir.iterdir()) if info]
    latest_trusted = (now or utcnow()) + _CLOCK_SLACK
    dated = [info if info.created <= latest_trusted
             else info._replace(created=content_time(info.path) or info.created)
             for info in found]
    return sorted(dated, key=lambda b: (b.created <= latest_trusted, b.created), reverse=True)


#: Tables whose rows carry the time they last changed.
_DATED = ("person", "company", "application", "involvement", "interaction", "step",
          "note_template", "skill")


def content_time(path: Path) -> datetime | None:
    """When the newest record in the database at ``path`` last changed (naive UTC)."""
    try:
        with read_only(path) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            times = [conn.execute(f'SELECT max(updated_at) FROM "{table}"').fetchone()[0]
                     for table in _DATED if table in tables]
    except sqlite3.DatabaseError:
        return None
    stamps = [datetime.fromisoformat(str(t)) for t in times if t]
    return max(stamps, default=None)


def create_backup(
    db_path: Path, backup_dir: Path, reason: BackupReason, now: datetime | None = None
) -> Path:
    """Make a verified backup of ``db_path``, record it, then thin older ones."""
    try:
        ensure_private_dir(backup_dir)
    except OSError as exc:
        raise BackupFailed(f"Could not make the backups folder {backup_dir}: "
                           f"{exc.strerror or exc}") from exc
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


def to_prune(backups: list[BackupInfo], now: datetime,
             records: Callable[[BackupInfo], int] | None = None) -> list[BackupInfo]:
    """The automatic backups rotation drops. Manual and pre-upgrade copies stay.

    With ``records`` (how many records a backup holds), a backup is also kept when
    every newer one holds less than ``LOSS_SHARE`` of it: after the data was
    emptied or mostly deleted, the last copy from before stays, however many
    newer copies of the smaller data follow.
    """
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
    if records is not None:
        keep.update(before_losses(autos, records))
    return [b for b in autos if b not in keep]


def before_losses(newest_first: list[BackupInfo],
                  records: Callable[[BackupInfo], int]) -> list[BackupInfo]:
    """The backups every newer one of which holds less than LOSS_SHARE of their records."""
    kept, most_since = [], 0
    for backup in newest_first:
        count = records(backup)
        if count and most_since < count * LOSS_SHARE:
            kept.append(backup)
        most_since = max(most_since, count)
    return kept


def prune(backup_dir: Path, now: datetime | None = None) -> list[Path]:
    removed = []
    for backup in to_prune(list_backups(backup_dir, now), now or utcnow(), record_count):
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


def record_count(backup: BackupInfo | Path) -> int:
    """How many people, companies, applications, contacts and steps a backup holds."""
    path = backup.path if isinstance(backup, BackupInfo) else backup
    return sum(backup_contents(path).values())


def newest_good_backup(backup_dir: Path) -> BackupInfo | None:
    """The newest backup that passes ``integrity_check``, if there is one."""
    for backup in list_backups(backup_dir):
        if integrity_check(backup.path) == "ok":
            return backup
    return None


def aside_name(db_path: Path, label: str, now: datetime | None = None) -> Path:
    stamp = (now or utcnow()).strftime(_STAMP)
    return db_path.with_name(f"{db_path.stem}-{label}-{stamp}{db_path.suffix}")


def keep_aside(db_path: Path, label: str, now: datetime | None = None) -> Path:
    """Keep the database (and its -wal) under a dated name too, leaving it in place.

    A hard link costs nothing and leaves the file where it is until the new one is
    renamed over it; where links are not supported (FAT drives), it is copied.
    """
    aside = aside_name(db_path, label, now)
    for suffix in ("", "-wal"):
        source, kept = Path(f"{db_path}{suffix}"), Path(f"{aside}{suffix}")
        if not source.exists():
            continue
        try:
            os.link(source, kept)
        except OSError:
            shutil.copy2(source, kept)
    return aside


def restore_backup(db_path: Path, backup: Path, set_aside_label: str = "replaced") -> Path | None:
    """Put ``backup`` in place of the (closed) database at ``db_path``, crash-safely.

    The copy is written and verified under a temporary name first; the current
    file is kept under a dated name (never overwritten); then one rename puts the
    copy in place. Killed at any moment, ``db_path`` holds the old database or the
    new one. Returns where the old one was kept (None when there was none, or it
    was an empty file).
    """
    verdict = integrity_check(backup)
    if verdict != "ok":
        raise BackupFailed(f"The backup {backup.name} is damaged too: {verdict}")
    staged = write_verified_copy(backup, db_path)
    try:
        holds_something = db_path.exists() and db_path.stat().st_size > 0
        aside = keep_aside(db_path, set_aside_label) if holds_something else None
        # The old database's log must not be replayed into the new one.
        for suffix in ("-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        staged.replace(db_path)
    except BaseException:
        remove_temporary(staged)
        raise
    sync_folder(db_path.parent)
    return aside


def restore_over_healthy(db_path: Path, backup_dir: Path, backup: Path) -> Path:
    """Restore ``backup`` over a sound (closed) database: back the current data up
    first, verified, so the set-aside copy is not needed. Returns that safety backup."""
    safety = create_backup(db_path, backup_dir, BackupReason.RESTORE)
    aside = restore_backup(db_path, backup)
    if aside is not None:
        for suffix in ("", "-wal"):
            Path(f"{aside}{suffix}").unlink(missing_ok=True)
    return safety
