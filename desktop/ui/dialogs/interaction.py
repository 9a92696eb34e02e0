"""Log a contact with a person: when, how, which application, what was said."""

from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
)

from desktop.clock import from_local
from desktop.operations import people as contacts
from desktop.store import applications
from desktop.store.validation import ValidationError
from desktop.ui.shell.change_hub import hub
from desktop.ui.widgets.fields import ChoiceBox, TextBlock, TextLine
from desktop.vocabulary import Channel, Direction, Outcome


class InteractionDialog(QDialog):
    """Records one interaction for ``person_id`` when accepted."""

    def __init__(self, person_id: int, person_name: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Log contact with {person_name}")
        self.person_id = person_id
        self.when = QDateTimeEdit(QDateTime.currentDateTime(), calendarPopup=True)
        self.when.setDisplayFormat("d MMM yyyy  HH:mm")
        self.channel = ChoiceBox(Channel)
        self.direction = ChoiceBox(Direction)
        self.application = QComboBox()
        self.application.addItem("Not about a particular application", None)
        for app_id, label in applications.applications_for_person(person_id):
            self.application.addItem(label, app_id)
        self.outcome = ChoiceBox(Outcome)
        self.outcome.setToolTip("Did it lead somewhere? Rebound counts what follow-ups achieve.")
        self.summary = TextLine("e.g. Thanked her for the interview")
        self.body = TextBlock("What was said, or the message itself (optional)", lines=5)
        self.error = QLabel(objectName="formError", wordWrap=True, visible=False)

        form = QFormLayout()
        form.addRow("When", self.when)
        form.addRow("How", self.channel)
        form.addRow("Who reached out", self.direction)
        form.addRow("Application", self.application)
        form.addRow("Led to", self.outcome)
        form.addRow("Summary", self.summary)
        form.addRow("Details", self.body)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.summary.setFocus()
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        occurred: datetime = self.when.dateTime().toPython()
        try:
            changes = hub().run(
                contacts.log_contact,
                self.person_id,
                occurred_at=from_local(occurred),
                channel=self.channel.value(),
                direction=self.direction.value(),
                summary=self.summary.value(),
                body=self.body.value(),
                application_id=self.application.currentData(),
                outcome=self.outcome.value(),
                source=self, parent=self,
            )
        except ValidationError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return
        if changes is not None:
            super().accept()
