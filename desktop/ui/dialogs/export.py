"""Export: your data in the formats other programs read — spreadsheets, contacts,
calendars — and a full copy as JSON that does not depend on SQLite."""

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
)

from desktop.exchange.export_formats import find_format
from desktop.store import people

#: The choices offered: (label, kind, format, suggested file name).
CHOICES = (
    ("People, as a spreadsheet (CSV)", "people", "csv", "rebound-people"),
    ("People, as contacts (vCard)", "people", "vcard", "rebound-people"),
    ("Companies, as a spreadsheet (CSV)", "companies", "csv", "rebound-companies"),
    ("Applications, as a spreadsheet (CSV)", "applications", "csv", "rebound-applications"),
    ("Follow-ups, for your calendar (iCalendar)", "steps", "ics", "rebound-follow-ups"),
    ("Everything, as a complete copy (JSON)", "all", "json", "rebound-export"),
)
STEPS_CHOICE = 4


class ExportDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.choice = QButtonGroup(self)
        what = QGroupBox("What to export")
        what_layout = QVBoxLayout(what)
        for index, (label, *_rest) in enumerate(CHOICES):
            button = QRadioButton(label)
            self.choice.addButton(button, index)
            what_layout.addWidget(button)
        self.choice.button(STEPS_CHOICE).setChecked(True)
        self.choice.idToggled.connect(lambda _i, _on: self._update())

        self.steps_box = QGroupBox("Which follow-ups")
        self.steps_scope = QComboBox(objectName="stepsScope")
        self.steps_scope.addItems(["Planned for the next", "Every planned follow-up",
                                   "Everything planned with one person"])
        self.days = QSpinBox(minimum=1, maximum=730, value=90, suffix=" days")
        self.person = QComboBox(objectName="stepsPerson")
        for match in people.search_people("", limit=500):
            self.person.addItem(match.name, match.id)
        self.steps_scope.currentIndexChanged.connect(lambda _i: self._update())
        scope_row = QHBoxLayout(self.steps_box)
        scope_row.addWidget(self.steps_scope)
        scope_row.addWidget(self.days)
        scope_row.addWidget(self.person, 1)
        hint = QLabel("Each follow-up becomes an all-day event with a reminder at 9:00 that "
                      "morning. Export again later: calendars update the same events instead "
                      "of adding copies.", wordWrap=True)

        self.status = QLabel(objectName="exportStatus", wordWrap=True)
        self.reveal = QPushButton("Show in folder")
        self.reveal.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton("Export…", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.choose_and_export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(self.steps_box)
        layout.addWidget(hint)
        layout.addWidget(self.status)
        layout.addWidget(self.reveal)
        layout.addWidget(buttons)
        self._written: Path | None = None
        self.reveal.clicked.connect(self._reveal)
        self._update()

    def _update(self) -> None:
        steps = self.choice.checkedId() == STEPS_CHOICE
        self.steps_box.setEnabled(steps)
        scope = self.steps_scope.currentIndex()
        self.days.setVisible(scope == 0)
        self.person.setVisible(scope == 2)

    def step_options(self) -> dict:
        scope = self.steps_scope.currentIndex()
        if scope == 0:
            return {"days": self.days.value()}
        if scope == 1:
            return {"days": None}
        return {"days": None, "person_id": self.person.currentData()}

    def choose_and_export(self) -> None:
        _label, kind, file_format, name = CHOICES[self.choice.checkedId()]
        suffix = find_format(kind, file_format).suffix
        target, _filter = QFileDialog.getSaveFileName(
            self, "Export to", str(Path.home() / f"{name}{suffix}"), f"*{suffix}")
        if target:
            self.export_to(Path(target))

    def export_to(self, target: Path) -> int:
        """Write the chosen export to ``target``; returns how many records it holds."""
        _label, kind, file_format, _name = CHOICES[self.choice.checkedId()]
        chosen = find_format(kind, file_format)
        options = self.step_options() if kind == "steps" else {}
        try:
            count = chosen.write(target, **options)
        except OSError as exc:
            self.status.setText(f"Could not write {target}: {exc.strerror or exc}")
            return 0
        self._written = target
        self.status.setText(f"Wrote {count:,} {chosen.noun} to {target}.")
        self.reveal.show()
        return count

    def _reveal(self) -> None:
        if self._written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._written.parent)))
