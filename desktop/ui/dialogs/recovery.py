"""What the user sees when the database cannot be used: plain words and safe choices.

A damaged file is always kept (never overwritten, never deleted) before a backup
is put in its place. Restoring is the default choice only over a file that fails
SQLite's check: a sound file is never replaced by an older backup at a keypress.
"""

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.paths import BACKUP_DIR_NAME, DATABASE_NAME, DataFolderProblem
from desktop.store import backups
from desktop.store.connection import DAMAGE_MESSAGE, looks_like_sqlite, quick_check
from desktop.store.data_format import DatabaseDamaged, DatabaseTooNew, MigrationFailed
from desktop.store.failures import WriteFailed
from desktop.store.lifecycle import DatabaseMissing
from desktop.ui.widgets.formatting import friendly_datetime


class Recovery(Enum):
    """What the user chose in the recovery dialog."""

    RESTORED = "restored"
    START_EMPTY = "start-empty"
    QUIT = "quit"


def offer_recovery(parent: QWidget | None, data_dir: Path, exc: DatabaseDamaged) -> Recovery:
    """Explain the damage (or the missing file) and offer the newest good backup."""
    db_path = data_dir / DATABASE_NAME
    missing = isinstance(exc, DatabaseMissing)
    backup = backups.newest_good_backup(data_dir / BACKUP_DIR_NAME)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    if missing:
        box.setWindowTitle("Your Rebound data is missing")
        box.setText(exc.detail)
    else:
        box.setWindowTitle("Your Rebound data is damaged")
        box.setText(DAMAGE_MESSAGE)
    box.setDetailedText(f"{db_path}\n\n{exc.detail}")
    open_folder = box.addButton("Open data folder", QMessageBox.ButtonRole.HelpRole)
    restore = start_empty = None
    sound = _passes_check(db_path)
    if backup is not None:
        when = friendly_datetime(backup.created)
        kept = ("" if missing else " The damaged file will be kept beside it, renamed, in "
                "case you or a specialist want to recover more from it.")
        box.setInformativeText(f"The newest good backup is from {when}. Restoring it brings "
                               f"back everything up to that moment.{kept}")
        restore = box.addButton(f"Restore backup from {when}", QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText(
            "There is no good backup to restore. Nothing in the data folder has been "
            "touched; keep a copy of it before trying anything else.")
    if missing:
        start_empty = box.addButton("Start with no data…", QMessageBox.ButtonRole.DestructiveRole)
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore if restore is not None and not sound else quit_button)
    while True:
        box.exec()
        clicked = box.clickedButton()
        if clicked is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(data_dir)))
            continue
        if clicked is start_empty and not _confirm_start_empty(parent):
            continue
        break
    if clicked is start_empty:
        return Recovery.START_EMPTY
    if restore is None or clicked is not restore:
        return Recovery.QUIT
    from desktop.operations import data  # only when restoring

    aside = data.restore(data_dir, backup.path).detail.kept
    kept = (f"\n\nThe damaged file was kept as {aside.name} in the data folder."
            if aside is not None else "")
    QMessageBox.information(
        parent, "Backup restored",
        f"Your data from {friendly_datetime(backup.created)} is back.{kept}")
    return Recovery.RESTORED


def _passes_check(db_path: Path) -> bool:
    """True when the file is there and SQLite finds nothing wrong with it."""
    try:
        present = db_path.is_file() and db_path.stat().st_size > 0
    except OSError:
        return False
    return present and looks_like_sqlite(db_path) and quick_check(db_path) == "ok"


def _confirm_start_empty(parent: QWidget | None) -> bool:
    answer = QMessageBox.question(
        parent, "Start with no data?",
        "Rebound will start with no people, companies or applications. Your backups stay "
        "where they are: you can restore one later from File → Backups….",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes


def explain_too_new(parent: QWidget | None, exc: DatabaseTooNew) -> None:
    QMessageBox.critical(parent, "Rebound needs updating", str(exc))


def explain_cannot_open(parent: QWidget | None,
                        exc: MigrationFailed | DataFolderProblem | WriteFailed) -> None:
    """A data folder Rebound cannot use, data it could not update, or a disk that
    refused the first write: what and why."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    text = str(exc)
    if isinstance(exc, MigrationFailed):
        box.setWindowTitle("Rebound could not update your data")
        box.setDetailedText(exc.detail)
    elif isinstance(exc, WriteFailed):
        box.setWindowTitle("Rebound cannot open your data")
        text = f"{exc.what}, so Rebound cannot open your data. {exc.remedy}"
        box.setDetailedText(exc.detail)
    else:
        box.setWindowTitle("Rebound cannot use its data folder")
    box.setText(text)
    box.exec()
