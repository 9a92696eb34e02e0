"""Moving the data folder: a verified copy first, then the switch; the old folder stays.

The database is copied with SQLite's backup API and checked with
``integrity_check`` before anything points at the new place, so a failed move
changes nothing.
"""

import shutil
from pathlib import Path

from desktop.paths import (
    BACKUP_DIR_NAME,
    DATABASE_NAME,
    ensure_private_dir,
    location_file,
)
from desktop.store.copies import BackupFailed, copy_database


class MoveRefused(Exception):
    """The new folder cannot take the data; nothing was changed."""


#: Small files that travel with the database.
_COMPANIONS = ("ui-state.ini",)


def move_data(old_dir: Path, new_dir: Path, remember: bool = True) -> Path:
    """Copy the (closed) store from ``old_dir`` to ``new_dir`` and verify it.

    With ``remember``, later starts use the new folder. Returns the new folder.
    """
    old_dir, new_dir = Path(old_dir).resolve(), Path(new_dir).resolve()
    if new_dir == old_dir:
        raise MoveRefused("That is already where your data is.")
    if new_dir.is_relative_to(old_dir):
        raise MoveRefused("Choose a folder outside the current data folder.")
    if new_dir.exists() and any(new_dir.iterdir()):
        raise MoveRefused(f"{new_dir} is not empty. Choose an empty or new folder.")
    try:
        ensure_private_dir(new_dir)
        copy_database(old_dir / DATABASE_NAME, new_dir / DATABASE_NAME)
        old_backups = old_dir / BACKUP_DIR_NAME
        if old_backups.is_dir():
            shutil.copytree(old_backups, new_dir / BACKUP_DIR_NAME)
        for name in _COMPANIONS:
            if (old_dir / name).exists():
                shutil.copy2(old_dir / name, new_dir / name)
    except (OSError, BackupFailed) as exc:
        raise MoveRefused(f"Could not copy your data to {new_dir}: {exc}") from exc
    if remember:
        pointer = location_file()
        pointer.parent.mkdir(parents=True, exist_ok=True)
        partial = pointer.with_name(pointer.name + ".partial")
        partial.write_text(str(new_dir), encoding="utf-8")
        partial.replace(pointer)
    return new_dir
