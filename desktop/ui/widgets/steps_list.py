"""A short list of follow-up steps inside a detail pane; double-click opens one."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from desktop.playbook.kinds import StepKind
from desktop.ui.widgets.fields import wrapping
from desktop.ui.widgets.formatting import friendly_date
from desktop.vocabulary import StepStatus

StepIdRole = Qt.ItemDataRole.UserRole + 40


class StepsList(QListWidget):
    stepActivated = Signal(int)

    def __init__(self, empty_text: str, show_person: bool, parent=None):
        super().__init__(parent)
        self.setObjectName("stepsList")
        self.setMaximumHeight(150)
        wrapping(self)
        self.empty_text = empty_text
        self.show_person = show_person
        self.itemActivated.connect(self._activated)

    def set_steps(self, rows: list) -> None:
        self.clear()
        for row in rows:
            status = StepStatus(row.status)
            when = friendly_date(row.due_on)
            text = f"{StepKind(row.kind).label} · {status.label}" + (
                f", due {when}" if status.is_open else "")
            text += f" — {row.person_name}" if self.show_person else (
                f" — {row.position}" if row.position else "")
            item = QListWidgetItem(text)
            item.setData(StepIdRole, row.id)
            item.setToolTip("Double-click to open the note")
            if not status.is_open:
                item.setForeground(Qt.GlobalColor.gray)
            self.addItem(item)
        if not rows:
            self.addItem(self.empty_text)

    def _activated(self, item: QListWidgetItem) -> None:
        step_id = item.data(StepIdRole)
        if step_id is not None:
            self.stepActivated.emit(step_id)
