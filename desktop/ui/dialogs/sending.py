"""How a note leaves Rebound: copied, opened as a new e-mail where the user writes,
or saved as an e-mail draft file. Each says what really happened, including when
nothing opened.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QStandardPaths, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QWidget

from desktop.exchange.mail_draft import draft_file_name, draft_message, write_draft
from desktop.launcher import open_external
from desktop.operations import Record
from desktop.playbook.notes import compose_url, to_html
from desktop.playbook.settings import load_profile
from desktop.ui.shell.change_hub import hub
from desktop.vocabulary import SendWith

#: Where to change where notes open, as the messages name it.
SETTING = "Settings → Send notes with"


def put_on_clipboard(body: str) -> None:
    """The body as plain text and as HTML, so pasted paragraphs keep their breaks."""
    data = QMimeData()
    data.setText(body)
    data.setHtml(to_html(body))
    QGuiApplication.clipboard().setMimeData(data)


def button_text(send_with: SendWith) -> str:
    return {SendWith.MAIL_APP: "Open in mail app", SendWith.GMAIL: "Open in Gmail"}.get(
        send_with, "Open in Outlook")


def open_as_new_email(send_with: SendWith, address: str, subject: str, body: str) -> str:
    """Open the note as a new e-mail in ``send_with``; the note is copied as well, so
    it can be pasted whatever happens. Returns what happened, in one message."""
    put_on_clipboard(body)
    if not address and send_with is SendWith.MAIL_APP:
        return ("There is no e-mail address for this person, so the note was copied "
                "instead: paste it into a new e-mail.")
    url = compose_url(send_with, address, subject, body)
    if url is None:
        return "The note is too long for a mail link, so it was copied instead: paste it " \
               "into a new e-mail."
    launch = open_external(url)
    if not launch.opened:
        where = ("No mail app is set up to open e-mail links on this computer"
                 if send_with is SendWith.MAIL_APP else "The browser could not be opened")
        return (f"Nothing opened. {where} ({launch.problem}). The note is copied: paste it "
                f"into a new e-mail, or choose Gmail or Outlook in {SETTING}.")
    if send_with is SendWith.MAIL_APP:
        done = "Handed to your mail app as a new e-mail"
    else:
        done = f"Opened {send_with.place}'s new e-mail page in your browser"
    return (f"{done}. The note is copied too, in case it does not appear there. Come back "
            "and mark it sent once it has gone.")


def save_as_draft(parent: QWidget, to: str, to_name: str, sender: str, sender_name: str,
                  subject: str, body: str) -> str | None:
    """Ask where, write the ``.eml`` draft and open it; None when the user cancelled."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = Path(folder or Path.home()) / draft_file_name(subject)
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, "Save the note as an e-mail draft", str(suggested), "E-mail (*.eml)")
    if not chosen:
        return None
    path = Path(chosen) if chosen.lower().endswith(".eml") else Path(chosen + ".eml")
    try:
        write_draft(path, draft_message(to, to_name, sender, sender_name, subject, body))
    except OSError as exc:
        return f"The draft was not saved: {exc.strerror or exc} ({path})."
    launch = open_external(str(path))
    if not launch.opened:
        return (f"Saved as {path}. Nothing opened it ({launch.problem}): open it from your "
                "mail app, or double-click it, to send it from there.")
    return (f"Saved as {path.name} and opened: your mail app shows it as a draft ready to "
            "send. Come back and mark it sent once it has gone.")


class SendButtons(QWidget):
    """Copy note, Copy subject, Open in …, Save as e-mail file…, for the composer.

    ``note()`` gives (subject, body); ``may_send(action)`` asks before a note the tone
    check faults leaves Rebound; what happened goes out through ``said``.
    """

    said = Signal(str)

    def __init__(self, note: Callable[[], tuple[str, str]], to: str, to_name: str,
                 may_send: Callable[[str], bool], parent=None):
        super().__init__(parent)
        self._note, self._to, self._to_name, self._may_send = note, to, to_name, may_send
        self.copy_button = QPushButton("Copy note", objectName="copyNote")
        self.copy_button.setToolTip("Copy the body as plain text and formatted text "
                                    "(Ctrl+Shift+C)")
        self.copy_button.clicked.connect(self.copy_note)
        self.copy_subject_button = QPushButton("Copy subject")
        self.copy_subject_button.clicked.connect(self.copy_subject)
        self.mail_button = QPushButton(button_text(send_with()), objectName="openMail")
        self.mail_button.setToolTip(f"Opens a new e-mail with the note; where is set in "
                                    f"{SETTING}")
        self.mail_button.clicked.connect(self.open_in_mail)
        self.eml_button = QPushButton("Save as e-mail file…", objectName="saveEml")
        self.eml_button.setToolTip("An .eml file that Outlook, Apple Mail and Thunderbird "
                                   "open as a draft ready to send, formatting included")
        self.eml_button.clicked.connect(self.save_as_eml)
        hub().changed.connect(self._on_changes)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.copy_button, self.copy_subject_button, self.mail_button,
                       self.eml_button):
            row.addWidget(button)

    def _on_changes(self, changes, _source) -> None:
        if changes.touches(Record.SETTINGS):  # "Send notes with" may have changed
            self.mail_button.setText(button_text(send_with()))

    def copy_note(self) -> None:
        if self._may_send("Copy it"):
            put_on_clipboard(self._note()[1])
            self.said.emit("Copied. Paste it into a new e-mail; the paragraphs come along.")

    def copy_subject(self) -> None:
        QGuiApplication.clipboard().setText(self._note()[0])
        self.said.emit("Subject copied.")

    def open_in_mail(self) -> None:
        where = send_with()
        if self._may_send(f"Open it in {where.place}"):
            self.said.emit(open_as_new_email(where, self._to, *self._note()))

    def save_as_eml(self) -> None:
        if not self._may_send("Save it as an e-mail draft"):
            return
        profile = load_profile()
        said = save_as_draft(self, self._to, self._to_name, profile.email, profile.name,
                             *self._note())
        if said is not None:
            self.said.emit(said)


def send_with() -> SendWith:
    """Where the user chose to write their notes (Settings)."""
    return SendWith.parse(load_profile().send_with, SendWith.MAIL_APP)
