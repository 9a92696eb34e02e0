"""Backing up, restoring and moving the data while the window runs: the store is
closed, the files are swapped on a worker (the window keeps painting), and the
store opens again into the same window."""

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.logs import setup_logging

# Qt's dialogs, the long-work runner and the background jobs are imported where
# they are used: this module loads with the window, before its first frame
# (``boot``, rule 8).

if TYPE_CHECKING:
    from desktop.ui.startup.app import Rebound


def back_up_now(rebound: "Rebound") -> None:
    """File > Back up now: the status bar says where, or a dialog says why not."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.store import backups, lifecycle

    try:
        path = lifecycle.backup_now(rebound.store)
    except backups.BackupFailed as exc:
        QMessageBox.warning(rebound.window, "Backup failed", str(exc))
        return
    rebound.window.statusBar().showMessage(f"Backed up to {path}")


def restore(rebound: "Rebound", backup: Path) -> bool:
    """Swap in a backup while running: the current data is backed up first."""
    if not rebound.window.close_composers():
        return False
    from PySide6.QtWidgets import QMessageBox

    from desktop.operations import data  # rarely used: not loaded at start-up
    from desktop.store import backups, lifecycle
    from desktop.store.restoring import RestoreRefused
    from desktop.ui.shell.long_work import LongWork, wait_for
    from desktop.ui.startup import background

    background.wait_for_all()
    lifecycle.close_store(rebound.store)

    try:
        changes = wait_for(LongWork(data.restore, rebound.data_dir, backup, stoppable=False),
                           rebound.window, "Restoring your data from the backup…")
    except (backups.BackupFailed, RestoreRefused) as exc:
        QMessageBox.warning(rebound.window, "Restore failed",
                            f"{exc}\n\nYour data has not been changed.")
        rebound.open_into_window()
        return False
    rebound.open_into_window()
    rebound.window.statusBar().showMessage(
        f"Restored. Your data from before the restore is kept as "
        f"{changes.detail.kept.name}.")
    return True


def move_data(rebound: "Rebound", new_dir: Path) -> bool:
    """Copy the data to ``new_dir``, verify it, and carry on from there."""
    if not rebound.window.close_composers():
        return False
    rebound.window.save_state()
    from PySide6.QtWidgets import QMessageBox

    from desktop.operations import data  # rarely used: not loaded at start-up
    from desktop.store import lifecycle
    from desktop.store.relocate import MoveRefused
    from desktop.ui.shell.long_work import LongWork, wait_for
    from desktop.ui.startup import background

    background.wait_for_all()
    lifecycle.close_store(rebound.store)
    old_dir = rebound.data_dir

    try:
        wait_for(LongWork(data.move, old_dir, new_dir, not rebound.data_dir_fixed,
                          stoppable=False),
                 rebound.window, f"Copying your data to {new_dir}…")
    except MoveRefused as exc:
        QMessageBox.warning(rebound.window, "Data not moved", str(exc))
        rebound.open_into_window()
        return False
    rebound.data_dir = new_dir
    setup_logging(new_dir)
    rebound.open_into_window()
    rebound.window.settings = rebound.ui_settings()
    QMessageBox.information(
        rebound.window, "Data moved",
        f"Your data now lives in {new_dir}.\n\nThe old folder {old_dir} was left as it "
        "was; delete it once you are happy with the move.")
    return True
