"""Settings: who the notes are from, and how follow-ups are planned."""

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from desktop.operations import notes
from desktop.playbook.kinds import StepKind
from desktop.playbook.settings import Profile, load_playbook_settings, load_profile
from desktop.ui.shell.change_hub import hub
from desktop.vocabulary import SendWith


class SettingsDialog(QDialog):
    #: Move the data to this folder (done by whoever owns the open store).
    moveRequested = Signal(Path)

    def __init__(self, data_dir: Path | None = None, data_dir_fixed: bool = False,
                 parent=None):
        super().__init__(parent)
        self.setWindowTitle("Settings")
        profile = load_profile()
        self.name = QLineEdit(profile.name, placeholderText="Your name as you sign e-mails")
        self.email = QLineEdit(profile.email, placeholderText="you@example.com")
        self.phone = QLineEdit(profile.phone)
        self.linkedin = QLineEdit(profile.linkedin,
                                  placeholderText="https://www.linkedin.com/in/…")
        self.signature = QPlainTextEdit(profile.signature)
        self.signature.setPlaceholderText("Optional: lines under your name, e.g. your phone "
                                          "number or portfolio link")
        self.signature.setTabChangesFocus(True)
        self.signature.setMaximumHeight(80)
        me = QGroupBox("You")
        me_form = QFormLayout(me)
        me_form.addRow("Name", self.name)
        me_form.addRow("E-mail", self.email)
        me_form.addRow("Phone", self.phone)
        me_form.addRow("LinkedIn", self.linkedin)
        me_form.addRow("Signature", self.signature)
        self.send_with = QComboBox(objectName="sendWith")
        for choice in SendWith:
            self.send_with.addItem(choice.label, choice.value)
        self.send_with.setCurrentIndex(max(self.send_with.findData(profile.send_with), 0))
        self.send_with.setToolTip("Where “Open in…” in the composer opens a new e-mail "
                                  "with the note")
        me_form.addRow("Send notes with", self.send_with)

        settings = load_playbook_settings()
        plan = QGroupBox("When an application is turned down, plan…")
        grid = QGridLayout(plan)
        self.enabled: dict[StepKind, QCheckBox] = {}
        self.offsets: dict[StepKind, QSpinBox] = {}
        for row, kind in enumerate(k for k in StepKind if k != StepKind.CHECK_IN):
            box = QCheckBox(kind.label, checked=settings.is_enabled(kind))
            box.setToolTip(kind.why)
            days = QSpinBox(minimum=0, maximum=365, suffix=" days after",
                            value=settings.offset(kind))
            box.toggled.connect(days.setEnabled)
            days.setEnabled(box.isChecked())
            grid.addWidget(box, row, 0)
            grid.addWidget(days, row, 1)
            self.enabled[kind], self.offsets[kind] = box, days
        row = grid.rowCount()
        self.checkins = QCheckBox("Check-ins, every", checked=settings.is_enabled(
            StepKind.CHECK_IN))
        self.checkins.setToolTip(StepKind.CHECK_IN.why)
        self.months = QSpinBox(minimum=1, maximum=24, suffix=" months after the last contact",
                               value=settings.checkin_months)
        self.checkins.toggled.connect(self.months.setEnabled)
        grid.addWidget(self.checkins, row, 0)
        grid.addWidget(self.months, row, 1)
        note = QLabel("Changes apply to plans made from now on; each planned step can still "
                      "be moved with Snooze.", wordWrap=True)

        data = QGroupBox("Your data")
        data_layout = QHBoxLayout(data)
        self.data_label = QLabel(str(data_dir or ""), wordWrap=True,
                                 textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        self.move_button = QPushButton("Move…", objectName="moveData")
        self.move_button.setEnabled(data_dir is not None and not data_dir_fixed)
        if data_dir_fixed:
            self.move_button.setToolTip("This folder was chosen with --data-dir or "
                                        "REBOUND_DATA_DIR for this run.")
        self.move_button.clicked.connect(self.choose_new_folder)
        data_layout.addWidget(self.data_label, 1)
        data_layout.addWidget(self.move_button)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(me)
        layout.addWidget(plan)
        layout.addWidget(note)
        layout.addWidget(data)
        layout.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # save from any field...
            QShortcut(QKeySequence(keys), self, self.accept)
        self.signature.installEventFilter(self)  # ...the signature too, which takes Return
        self._as_opened = self._values()

    def choose_new_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Move your Rebound data to an empty folder", str(Path.home()))
        if folder:
            self.moveRequested.emit(Path(folder))

    def show_data_dir(self, data_dir: Path) -> None:
        self.data_label.setText(str(data_dir))

    def eventFilter(self, watched, event) -> bool:
        if (watched is self.signature and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def _values(self) -> tuple:
        """Everything the dialog can change, to tell whether anything was."""
        return (self.name.text(), self.email.text(), self.phone.text(), self.linkedin.text(),
                self.signature.toPlainText(), self.send_with.currentIndex(),
                self.checkins.isChecked(), self.months.value(),
                *(box.isChecked() for box in self.enabled.values()),
                *(days.value() for days in self.offsets.values()))

    def reject(self) -> None:
        """Escape or Cancel: what was typed is thrown away only when the user says so."""
        if self._values() != self._as_opened:
            answer = QMessageBox.question(
                self, "Discard your changes?",
                "You changed your settings. Close without saving them?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def accept(self) -> None:
        profile = Profile(
            name=self.name.text().strip(), email=self.email.text().strip(),
            phone=self.phone.text().strip(), linkedin=self.linkedin.text().strip(),
            signature=self.signature.toPlainText().strip(),
            send_with=self.send_with.currentData(),
        )
        settings = load_playbook_settings()
        for kind, box in self.enabled.items():
            settings.enabled[kind.value] = box.isChecked()
            settings.offsets[kind.value] = self.offsets[kind].value()
        settings.enabled[StepKind.CHECK_IN.value] = self.checkins.isChecked()
        settings.checkin_months = self.months.value()
        if hub().run(notes.save_all_settings, profile, settings, source=self,
                     parent=self) is not None:
            super().accept()
