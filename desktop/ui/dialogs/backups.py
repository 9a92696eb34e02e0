"""Backups: what there is, what each holds, back up now, restore one, show the folder."""

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.store import backups
from desktop.ui.widgets.formatting import friendly_datetime

# Columns of the table.
WHEN, KIND, SIZE, HOLDS = range(4)
PathRole = Qt.ItemDataRole.UserRole + 60


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:,.0f} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1024
    return ""


def describe_contents(counts: dict[str, int]) -> str:
    if not counts:
        return "Could not be read"
    parts = [(counts.get("person", 0), "person", "people"),
             (counts.get("company", 0), "company", "companies"),
             (counts.get("application", 0), "application", "applications")]
    return ", ".join(f"{n:,} {one if n == 1 else many}" for n, one, many in parts)


class BackupsDialog(QDialog):
    """Lists the backups; restoring is done by whoever owns the open store."""

    #: Make a backup now (the owner of the store does it, then calls ``refresh``).
    backupRequested = Signal()
    #: Restore this backup file.
    restoreRequested = Signal(Path)

    def __init__(self, backup_dir: Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Backups")
        self.backup_dir = backup_dir
        self.table = QTableWidget(0, 4, objectName="backupsTable")
        self.table.setHorizontalHeaderLabels(["Made", "Kind", "Size", "Holds"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(HOLDS, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        intro = QLabel(
            "Rebound backs up by itself when your data has changed and before upgrades. "
            "Restoring replaces your current data with the backup; your current data is "
            "backed up first, so a restore can be undone.", wordWrap=True)
        self.backup_button = QPushButton("Back up now", objectName="backupNow")
        self.backup_button.clicked.connect(self.backupRequested)
        self.restore_button = QPushButton("Restore…", objectName="restoreBackup")
        self.restore_button.clicked.connect(self.restore_selected)
        reveal = QPushButton("Show folder")
        reveal.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.backup_dir))))
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, reveal):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(720, 420)
        self.refresh()

    def refresh(self) -> None:
        found = backups.list_backups(self.backup_dir)
        self.table.setRowCount(len(found))
        for row, backup in enumerate(found):
            cells = (friendly_datetime(backup.created), backup.reason.label,
                     human_size(backup.size), describe_contents(backups.backup_contents(
                         backup.path)))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(PathRole, backup.path)
                if column == SIZE:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        if found:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> Path | None:
        items = self.table.selectedItems()
        return items[0].data(PathRole) if items else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def restore_selected(self) -> None:
        path = self.selected()
        if path is None:
            return
        row = self.table.currentRow()
        when = self.table.item(row, WHEN).text()
        answer = QMessageBox.question(
            self, "Restore this backup?",
            f"Replace your current data with the backup from {when}?\n\n"
            "Your current data is backed up first, so you can come back to it from this "
            "list.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self.restoreRequested.emit(path)
            self.refresh()
