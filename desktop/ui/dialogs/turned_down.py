"""Moving a card to Rejected on the board: when they said no, and what they said,
before Rebound plans the follow-ups. It says what will be planned, and for whom,
so the move holds no surprise."""

import datetime

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
)

from desktop.clock import local_today
from desktop.ui.widgets.fields import DateBox, TextBlock


def plan_sentence(people: tuple[str, ...]) -> str:
    """What marking it rejected will plan, in the user's words."""
    if not people:
        return ("Nobody is linked to this application yet, so no follow-ups are planned "
                "now: add the people you met and Rebound plans theirs.")
    names = people[0] if len(people) == 1 else f"{', '.join(people[:-1])} and {people[-1]}"
    return (f"Rebound then plans the thank-you, the feedback request and the check-ins "
            f"for {names}.")


class TurnedDownDialog(QDialog):
    """Asks before a card moves to Rejected; ``values()`` gives the day and words."""

    def __init__(self, title: str, people: tuple[str, ...], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Mark it as turned down?")
        self.setObjectName("turnedDown")
        heading = QLabel(f"<b>{_escaped(title)}</b> moves to Rejected.", wordWrap=True)
        explanation = QLabel(plan_sentence(people), objectName="planSentence", wordWrap=True)
        self.on = DateBox()
        self.on.set_value(local_today())
        self.what_they_said = TextBlock("Their words, as close as you remember them "
                                        "(you can add them later)")
        self.what_they_said.setMaximumHeight(90)
        self.error = QLabel(objectName="formError", wordWrap=True, visible=False)
        form = QFormLayout()
        form.addRow("Turned down on", self.on)
        form.addRow("What they said", self.what_they_said)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm = buttons.addButton("Mark as turned down",
                                         QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def accept(self) -> None:
        """A date that is not one is said, not guessed; an empty date means today."""
        if self.on.problem:
            self.error.setText(f"Turned down on: {self.on.problem}")
            self.error.show()
            self.on.setFocus()
            return
        super().accept()

    def values(self) -> tuple[datetime.date, str]:
        return self.on.value() or local_today(), self.what_they_said.value()


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
