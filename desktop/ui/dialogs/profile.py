"""Who the notes are from: asked before the first note, so no note goes out unsigned."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.operations import notes
from desktop.playbook.settings import load_profile
from desktop.ui.shell.change_hub import hub


class ProfileDialog(QDialog):
    """Your name (needed) and the lines under it (optional)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Who are your notes from?")
        profile = load_profile()
        intro = QLabel("Rebound signs every note with your name. Add lines to go under it "
                       "if you like, such as your phone number or a portfolio link. You can "
                       "change both later in File → Settings.", wordWrap=True)
        self.name = QLineEdit(profile.name, placeholderText="Your name as you sign e-mails",
                              objectName="profileName")
        self.signature = QPlainTextEdit(profile.signature, objectName="profileSignature")
        self.signature.setPlaceholderText("Optional: lines under your name")
        self.signature.setTabChangesFocus(True)
        self.signature.setMaximumHeight(80)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Under your name", self.signature)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Later")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            bool(self.name.text().strip()))

    def accept(self) -> None:
        profile = load_profile()
        profile.name = self.name.text().strip()
        profile.signature = self.signature.toPlainText().strip()
        if hub().run(notes.save_sender, profile, source=self, parent=self) is not None:
            super().accept()


def ask_for_name_once(parent: QWidget | None) -> None:
    """Before a note is written: ask for the sender's name if there is none yet."""
    if not load_profile().name.strip():
        ProfileDialog(parent).exec()
