"""Putting a backup in place of the data from outside the window (``rebound restore``).

Over sound data, the current data is backed up first, verified, so the restore
can be undone from the backups list. Over damaged or missing data, whatever file
is there is kept under a dated name. Either way the swap itself is crash-safe
(see ``backups.restore_backup``), and it is refused while Rebound runs on the
same folder, whose open connection would go on writing to the replaced file.
"""

from pathlib import Path
from typing import NamedTuple

from desktop.paths import DataFolderProblem
from desktop.store import backups, lifecycle
from desktop.store.connection import looks_like_sqlite, quick_check


class RestoreRefused(Exception):
    """The restore did not start; the data is as it was."""


class Restored(NamedTuple):
    backup: Path
    #: Where the data from before went: a verified backup, or the file set aside.
    kept: Path | None
    #: True when ``kept`` is a backup (the data was sound), False when set aside.
    backed_up: bool

    def summary(self) -> str:
        done = f"Restored {self.backup}."
        if self.kept is None:
            return done
        if self.backed_up:
            return f"{done} Your data from before is backed up as {self.kept}."
        return f"{done} The damaged file was kept as {self.kept}."


def restore(data_dir: Path, backup: Path | None = None) -> Restored:
    """Restore ``backup`` (by default the newest that verifies) into ``data_dir``."""
    store = lifecycle.Store(Path(data_dir))
    try:
        lifecycle.refuse_folder_in_the_way(store.db_path)
    except DataFolderProblem as exc:
        raise RestoreRefused(str(exc)) from exc
    chosen = Path(backup) if backup is not None else _newest(store)
    if not chosen.is_file():
        raise RestoreRefused(f"There is no backup file {chosen}.")
    try:
        with lifecycle.holding_marker(store) as held:
            if _is_sound(store.db_path):
                safety = backups.restore_over_healthy(store.db_path, store.backup_dir, chosen)
                done = Restored(chosen, safety, True)
            else:
                aside = backups.restore_backup(store.db_path, chosen,
                                               set_aside_label="damaged")
                done = Restored(chosen, aside, False)
            held.finished()
    except lifecycle.FolderInUse as exc:
        raise RestoreRefused(str(exc)) from exc
    return done


def _newest(store: lifecycle.Store) -> Path:
    found = backups.newest_good_backup(store.backup_dir)
    if found is None:
        raise RestoreRefused(f"There is no backup that verifies in {store.backup_dir}.")
    return found.path


def _is_sound(db_path: Path) -> bool:
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return False
    return looks_like_sqlite(db_path) and quick_check(db_path) == "ok"
