"""Copies of a live database: made with SQLite's backup API under a temporary name
that carries the writing process's id, verified with ``integrity_check``, flushed,
then renamed into place in one step; and the temporary copies of processes that
are gone, removed at the next start.
"""

import os
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.clock import utcnow
from desktop.paths import create_private_file, sync_folder
from desktop.processes import pid_running
from desktop.store.connection import check_file, read_only

_SUFFIX = ".db"
_PARTIAL = ".partial"
#: A temporary copy: ``<target>.<pid>.partial`` (SQLite adds ``-journal`` while writing).
_TEMPORARY = re.compile(r"^(?P<target>.+?)\.(?:(?P<pid>\d+)\.)?partial(?:-journal|-wal|-shm)?$")
#: Temporary files without a process id (made by Rebound before 0.2) are removed
#: once they are this old: no copy takes that long.
_UNOWNED_TEMPORARY_AGE = timedelta(hours=1)

class BackupFailed(Exception):
    """A backup could not be made or did not verify; nothing was pruned."""


def integrity_check(path: Path) -> str:
    """"ok" when the file at ``path`` is a sound SQLite database, else what is wrong."""
    return check_file(path, "integrity_check")


def temporary_name(target: Path) -> Path:
    """Where a copy of ``target`` is written before it is renamed into place."""
    return target.with_name(f"{target.name}.{os.getpid()}{_PARTIAL}")


def write_verified_copy(source: Path, target: Path) -> Path:
    """Copy a live database page by page to a temporary file beside ``target``,
    verify it and flush it to disk; returns the temporary file, ready to rename."""
    partial = temporary_name(target)
    partial.unlink(missing_ok=True)
    create_private_file(partial)  # SQLite gives its journal the same permissions
    try:
        with read_only(source) as src:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                # A copy is a single self-contained file: no -wal beside it.
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
    except (sqlite3.DatabaseError, OSError) as exc:
        remove_temporary(partial)
        raise BackupFailed(f"Could not copy {source}: {exc}") from exc
    verdict = integrity_check(partial)
    if verdict != "ok":
        remove_temporary(partial)
        raise BackupFailed(f"The copy of {source} did not verify: {verdict}")
    try:
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
    except OSError as exc:
        remove_temporary(partial)
        raise BackupFailed(f"Could not copy {source}: {exc}") from exc
    return partial


def remove_temporary(partial: Path) -> None:
    for suffix in ("", "-journal"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)


def copy_database(source: Path, target: Path) -> None:
    """Copy a live database into ``target`` (replacing it), verified.

    Written to a temporary file and renamed, so ``target`` is never half a copy.
    """
    partial = write_verified_copy(source, target)
    partial.replace(target)
    sync_folder(target.parent)


def remove_stale_temporaries(folder: Path, now: datetime | None = None) -> list[Path]:
    """Remove the temporary copies that processes no longer running left in ``folder``.

    A copy being written by a live process (a backup from the command line beside
    the window, say) is left alone. Returns what was removed.
    """
    removed = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    cutoff = (now or utcnow()) - _UNOWNED_TEMPORARY_AGE
    for path in entries:
        match = _TEMPORARY.match(path.name)
        if match is None or not match["target"].endswith(_SUFFIX):
            continue
        if match["pid"] is not None:
            stale = int(match["pid"]) != os.getpid() and not pid_running(int(match["pid"]))
        else:
            try:
                stale = datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(
                    tzinfo=None) < cutoff
            except OSError:
                continue
        if stale:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
