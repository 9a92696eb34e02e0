"""The log of skills gained since an interview: check-in notes draw on it
("you asked about X; since then I ...")."""

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from desktop.clock import local_today
from desktop.operations import notes
from desktop.store import skills
from desktop.store.validation import ValidationError
from desktop.ui.shell.change_hub import hub
from desktop.ui.widgets.fields import DateBox, TextLine
from desktop.ui.widgets.formatting import friendly_date

SkillIdRole = Qt.ItemDataRole.UserRole + 50


class SkillDialog(QDialog):
    def __init__(self, application_id: int | None, skill_gaps: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle("Skills gained since the interview")
        self.application_id = application_id
        self.list = QListWidget(objectName="skillList")
        self.delete_button = QPushButton("Remove")
        self.delete_button.clicked.connect(self.remove_selected)
        self.list.currentItemChanged.connect(
            lambda item, _old: self.delete_button.setEnabled(
                item is not None and item.data(SkillIdRole) is not None))
        self.what = TextLine("e.g. finished a course on SQL window functions")
        self.learned_on = DateBox()
        self.learned_on.set_value(local_today())
        self.gap = QComboBox(editable=True, objectName="skillGap")
        self.gap.lineEdit().setPlaceholderText("Which gap from the interview it answers")
        for gap in (g.strip() for g in re.split(r"[;\n]", skill_gaps)):
            if gap:
                self.gap.addItem(gap)
        self.gap.setCurrentText("")
        self.error = QLabel(objectName="formError", wordWrap=True, visible=False)
        add = QPushButton("Add to the log", objectName="addSkill")
        add.clicked.connect(self.add)
        form = QFormLayout()
        form.addRow("What I learned or did", self.what)
        form.addRow("When", self.learned_on)
        form.addRow("Answers the gap", self.gap)
        form.addRow("", add)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Your log", objectName="sectionTitle"))
        layout.addWidget(self.list)
        layout.addWidget(self.delete_button)
        layout.addWidget(QLabel("Add", objectName="sectionTitle"))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.resize(560, 480)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for skill in skills.all_skills():
            gap = f" (answers: {skill.gap})" if skill.gap else ""
            item = QListWidgetItem(f"{friendly_date(skill.learned_on)} — {skill.what}{gap}")
            item.setData(SkillIdRole, skill.id)
            self.list.addItem(item)
        if not self.list.count():
            self.list.addItem("Nothing logged yet.")
        self.delete_button.setEnabled(False)

    def add(self) -> None:
        if self.learned_on.problem:  # typed text that is not a date stays, and is said
            self.error.setText(self.learned_on.problem)
            self.error.show()
            return
        try:
            changes = hub().run(notes.add_skill, self.what.value(),
                                self.learned_on.value() or local_today(), self.gap.currentText(),
                                self.application_id, source=self, parent=self)
        except ValidationError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return
        if changes is None:
            return
        self.error.hide()
        self.what.clear()
        self.gap.setCurrentText("")
        self.refresh()

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None and item.data(SkillIdRole) is not None and hub().run(
                notes.delete_skill, item.data(SkillIdRole), source=self, parent=self):
            self.refresh()
