"""Pick who took part in an application, and their role in it."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from desktop.store import people
from desktop.ui.widgets.fields import ChoiceBox
from desktop.vocabulary import HiringRole

PersonIdRole = Qt.ItemDataRole.UserRole + 3


class LinkPersonDialog(QDialog):
    """Search people as you type; ``person_id()`` and ``role()`` after acceptance."""

    def __init__(self, application_label: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Add a person to the application")
        self.search = QLineEdit(placeholderText="Type a name, e-mail or company…")
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.role_box = ChoiceBox(HiringRole)
        self.role_box.set_value(HiringRole.INTERVIEWER.value)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.search.textChanged.connect(self._search)
        self.results.currentItemChanged.connect(self._update_ok)
        self.results.itemDoubleClicked.connect(lambda _item: self.accept())
        self.role_box.currentIndexChanged.connect(self._on_role_changed)

        form = QFormLayout()
        form.addRow("Application", QLineEdit(application_label, readOnly=True))
        form.addRow("Person", self.search)
        form.addRow("", self.results)
        form.addRow("Their role", self.role_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._search("")
        self.resize(480, 420)

    def person_id(self) -> int | None:
        item = self.results.currentItem()
        return item.data(PersonIdRole) if item else None

    def role(self) -> str:
        return self.role_box.value()

    def _search(self, text: str) -> None:
        self.results.clear()
        for person in people.search_people(text, limit=50):
            label = " — ".join(part for part in (person.name, person.company) if part)
            item = QListWidgetItem(label)
            item.setData(PersonIdRole, person.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        self._update_ok()

    def _on_role_changed(self, _index: int) -> None:
        self._update_ok()

    def _update_ok(self, *_args) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.person_id() is not None and bool(self.role()))
