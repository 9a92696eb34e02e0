"""What the user sees when the database cannot be used: plain words and safe choices.

The damaged file is always moved aside (never overwritten, never deleted)
before a backup is put in its place.
"""

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.paths import BACKUP_DIR_NAME, DATABASE_NAME
from desktop.store import backups
from desktop.store.connection import DatabaseTooNew
from desktop.ui.formatting import friendly_datetime


def offer_recovery(parent: QWidget | None, data_dir: Path, detail: str) -> bool:
    """Explain the damage and offer the newest good backup.

    Returns True when a backup was restored and the store can be opened again.
    """
    db_path = data_dir / DATABASE_NAME
    backup = backups.newest_good_backup(data_dir / BACKUP_DIR_NAME)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Your Rebound data is damaged")
    box.setText("Rebound cannot read its database file: it has been damaged, perhaps by a "
                "disk problem or a crash.")
    box.setDetailedText(f"{db_path}\n\n{detail}")
    open_folder = box.addButton("Open data folder", QMessageBox.ButtonRole.HelpRole)
    if backup is not None:
        when = friendly_datetime(backup.created)
        box.setInformativeText(
            f"The newest good backup is from {when}. Restoring it brings back everything "
            "up to that moment. The damaged file will be kept beside it, renamed, in case "
            "you or a specialist want to recover more from it."
        )
        restore = box.addButton(f"Restore backup from {when}", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(restore)
    else:
        restore = None
        box.setInformativeText(
            "There is no good backup to restore. The damaged file has not been touched; "
            "keep a copy of the data folder before trying anything else."
        )
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    while True:
        box.exec()
        clicked = box.clickedButton()
        if clicked is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(data_dir)))
            continue
        break
    if restore is None or clicked is not restore:
        return False
    aside = backups.restore_backup(db_path, backup.path, set_aside_label="damaged")
    QMessageBox.information(
        parent,
        "Backup restored",
        f"Your data from {friendly_datetime(backup.created)} is back.\n\n"
        f"The damaged file was kept as {aside.name} in the data folder.",
    )
    return True


def explain_too_new(parent: QWidget | None, exc: DatabaseTooNew) -> None:
    QMessageBox.critical(parent, "Rebound needs updating", str(exc))
