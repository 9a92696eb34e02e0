"""Add the people who took part in an application, several at once, each with their
role in it: found as you type, or created here when they are not in Rebound yet.

A person's role starts as the one saved with them (a recruiter stays a recruiter,
which decides who is asked for feedback), else Interviewer.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop.operations import people as person_operations
from desktop.playbook.radar import History, person_history
from desktop.store import people
from desktop.ui.shell.change_hub import hub
from desktop.ui.widgets.fields import ChoiceBox
from desktop.ui.widgets.history_panel import HistoryPanel
from desktop.vocabulary import HiringRole

PersonIdRole = Qt.ItemDataRole.UserRole + 3
#: Columns of the people list.
PERSON, ROLE = range(2)
#: People listed for what is typed.
SHOWN = 50


class LinkPersonDialog(QDialog):
    """Tick the people to add; ``chosen()`` gives ``[(person id, role), ...]``."""

    def __init__(self, application_label: str, company: str = "", parent=None,
                 application_id: int | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Add people to {application_label}")
        self.company = company
        self.application_id = application_id
        #: The earlier processes of the person selected in the list.
        self.history = HistoryPanel("Met before")
        #: Ticked people and their roles, kept while the search changes.
        self._chosen: dict[int, str] = {}
        self.search = QLineEdit(placeholderText="Type a name, e-mail or company…")
        self.search.setClearButtonEnabled(True)
        self.results = QTreeWidget(objectName="linkCandidates", rootIsDecorated=False)
        self.results.setHeaderLabels(["Person", "Their role in this application"])
        self.results.header().setSectionResizeMode(PERSON, QHeaderView.ResizeMode.Stretch)
        self.results.itemChanged.connect(self._on_ticked)
        self.results.itemActivated.connect(self._toggle)
        self.results.currentItemChanged.connect(self._show_history)
        self.empty = QLabel(wordWrap=True, objectName="linkEmpty")
        self.new_button = QPushButton("New person…", objectName="newPerson")
        self.new_button.setToolTip("Add someone who is not in Rebound yet, named as typed "
                                   "above")
        self.new_button.clicked.connect(self.create_person)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.search.textChanged.connect(self._search)

        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Tick everyone who took part; their role starts as the one "
                                "saved with them.", wordWrap=True))
        layout.addLayout(row)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.history)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self._search("")
        self.resize(620, 460)

    def chosen(self) -> list[tuple[int, str]]:
        return list(self._chosen.items())

    def _search(self, text: str) -> None:
        self.results.blockSignals(True)
        self.results.clear()
        for person in people.search_people(text, limit=SHOWN):
            self._add_row(person)
        self.results.blockSignals(False)
        typed = text.strip()
        self.empty.setVisible(self.results.topLevelItemCount() == 0)
        self.empty.setText(
            f"Nobody matches “{typed}” yet: New person adds them." if typed else
            "Nobody in Rebound yet: type their name and press New person.")
        self.new_button.setEnabled(bool(typed))
        self._update_ok()

    def _add_row(self, person) -> QTreeWidgetItem:
        label = " — ".join(part for part in (person.name, person.company) if part)
        item = QTreeWidgetItem(self.results, [label, ""])
        item.setData(PERSON, PersonIdRole, person.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        role = self._chosen.get(person.id) or person.hiring_role or HiringRole.INTERVIEWER
        box = ChoiceBox(HiringRole)
        box.set_value(role)
        box.edited.connect(lambda p=person.id, b=box: self._on_role(p, b))
        self.results.setItemWidget(item, ROLE, box)
        ticked = person.id in self._chosen
        item.setCheckState(PERSON, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        return item

    def _role_box(self, item: QTreeWidgetItem) -> ChoiceBox:
        return self.results.itemWidget(item, ROLE)

    def _on_ticked(self, item: QTreeWidgetItem, column: int) -> None:
        if column != PERSON:
            return
        person_id = item.data(PERSON, PersonIdRole)
        if item.checkState(PERSON) == Qt.CheckState.Checked:
            self._chosen[person_id] = self._role_box(item).value() or HiringRole.OTHER.value
        else:
            self._chosen.pop(person_id, None)
        self._update_ok()

    def _on_role(self, person_id: int, box: ChoiceBox) -> None:
        if person_id in self._chosen:
            self._chosen[person_id] = box.value() or HiringRole.OTHER.value

    def _show_history(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        """Where the selected person was met before, and what passed since."""
        person_id = item.data(PERSON, PersonIdRole) if item is not None else None
        self.history.set_history(
            person_history(person_id, excluding=self.application_id)
            if person_id is not None else History(), with_company=True)

    def _toggle(self, item: QTreeWidgetItem, _column: int) -> None:
        checked = item.checkState(PERSON) == Qt.CheckState.Checked
        item.setCheckState(PERSON, Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def create_person(self) -> None:
        """Add the person typed in the search box (at the application's company) and
        tick them."""
        first, _, last = self.search.text().strip().partition(" ")
        values = {"first_name": first, "last_name": last.strip(), "company": self.company}
        changes = hub().run(person_operations.save_person, None, values, source=self,
                            parent=self)
        if changes is None:
            return
        self._chosen[changes.created] = HiringRole.INTERVIEWER.value
        self._search(self.search.text())

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        count = len(self._chosen)
        ok.setEnabled(count > 0)
        ok.setText("Add" if count <= 1 else f"Add {count} people")
