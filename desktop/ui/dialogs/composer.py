"""The composer: a note for one step (or a fresh one for anyone), drafted from a
template, checked for tone as you type, then copied or opened in the mail app.

Drafts save themselves a moment after typing stops and when the window closes,
so nothing typed is lost.
"""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
)

from desktop.operations import steps as step_operations
from desktop.playbook import catalog, tone
from desktop.playbook.kinds import StepKind
from desktop.playbook.recipients import note_people
from desktop.playbook.templates import TemplateProblem
from desktop.store import applications, people, steps
from desktop.store.failures import WriteFailed
from desktop.ui.dialogs.note_questions import UnsavedClose, ask_close_unsaved, ask_send_anyway
from desktop.ui.dialogs.sending import SendButtons, put_on_clipboard
from desktop.ui.dialogs.step_actions import ask_skip, snooze_menu, snooze_step
from desktop.ui.dialogs.write_failure import tell_not_saved
from desktop.ui.shell.change_hub import hub
from desktop.ui.shell.style import apply_style
from desktop.ui.widgets.tone_editor import ToneEditor
from desktop.ui.widgets.tone_panel import TonePanel
from desktop.vocabulary import StepStatus, person_name

#: Pause after typing before the tone check runs, and before the draft is saved.
TONE_DELAY_MS = 300
AUTOSAVE_DELAY_MS = 1500


class Composer(QDialog):
    """One note. ``step_id`` for a planned step; otherwise person, application, kind."""

    def __init__(self, step_id: int | None = None, *, person_id: int | None = None,
                 application_id: int | None = None, kind: StepKind = StepKind.CHECK_IN,
                 parent=None):
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("composer")
        apply_style(self)
        self.step_id = step_id
        if step_id is not None:
            step = steps.get_step(step_id)
            person_id, application_id, kind = step.person_id, step.application_id, step.kind
        self.person_id = person_id
        self.application_id = application_id
        self.kind = StepKind(kind)
        self.person = people.person_values(person_id)
        #: Who the note is from and for: the tone check checks names and the signature.
        self.people = note_people(person_id, application_id)
        #: The user chose to send this draft with errors listed: not asked again.
        self._send_anyway = False
        self._errors: list = []
        self._saved_text: tuple[str, str] = ("", "")
        self._rendered_text: tuple[str, str] = ("", "")
        self._closed_step = False
        #: Why the last draft save failed (None once one succeeds).
        self._unsaved = None

        self._build()
        self._load()
        self.resize(980, 720)

    # Layout -------------------------------------------------------------------

    def _build(self) -> None:
        name = person_name(self.person["first_name"], self.person["last_name"])
        name = name or self.person["email"]
        self.recipient_name = name
        about = ""
        if self.application_id is not None:
            app = applications.application_values(self.application_id)
            about = f" — {app['position']}, {app['company']}"
        self.setWindowTitle(f"{self.kind.label} to {name}")
        heading = QLabel(f"{self.kind.label} to {name}{about}", objectName="detailHeader",
                         wordWrap=True)
        self.due_label = QLabel(objectName="detailSubheader")
        why = QLabel(f"<b>Why this step matters.</b> {self.kind.why}", objectName="whyBox",
                     wordWrap=True)
        why.setFrameShape(QFrame.Shape.StyledPanel)

        self.template_box = QComboBox(objectName="templatePicker")
        self.template_box.setMinimumContentsLength(30)
        for template in catalog.templates_for(self.kind):
            label = template.name if template.kind == self.kind else \
                f"{template.name}  ({template.kind.label})"
            self.template_box.addItem(label, template.key)
            self.template_box.setItemData(self.template_box.count() - 1,
                                          template.description, Qt.ItemDataRole.ToolTipRole)
        self.template_box.activated.connect(self._on_template_chosen)
        self.to_line = QLineEdit(self.person["email"], readOnly=True, objectName="toLine")
        self.to_line.setPlaceholderText("No e-mail address on file: add it in People")
        self.subject = QLineEdit(objectName="subject")
        self.body = ToneEditor()
        self.subject.textEdited.connect(self._on_edited)
        self.body.textChanged.connect(self._on_edited)

        form = QFormLayout()
        form.addRow("Template", self.template_box)
        form.addRow("To", self.to_line)
        form.addRow("Subject", self.subject)

        self.tone_panel = TonePanel()
        self.tone_panel.findingChosen.connect(self.body.select_range)

        splitter = QSplitter(Qt.Orientation.Horizontal, childrenCollapsible=False)
        splitter.addWidget(self.body)
        splitter.addWidget(self.tone_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 320])

        self.status = QLabel(objectName="composerStatus", wordWrap=True)
        self.send_buttons = SendButtons(self._text, self.person["email"], self.recipient_name,
                                        self._confirm_send)
        self.send_buttons.said.connect(self.status.setText)
        self.sent_button = QPushButton("Mark as sent", objectName="markSent")
        self.sent_button.setToolTip("Log it in the timeline and plan the next check-in")
        self.sent_button.clicked.connect(self.mark_sent)
        self.draft_button = QPushButton("Save draft")
        self.draft_button.clicked.connect(self.save_draft)
        self.snooze_button = QToolButton(text="Snooze")
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snooze_button.setMenu(snooze_menu(self, self._snooze))
        self.skip_button = QPushButton("Skip…")
        self.skip_button.clicked.connect(self._skip)

        actions = QHBoxLayout()
        actions.addWidget(self.send_buttons)
        actions.addWidget(self.sent_button)
        actions.addStretch(1)
        for button in (self.draft_button, self.snooze_button, self.skip_button):
            actions.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.due_label)
        layout.addWidget(why)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addLayout(actions)

        QShortcut(QKeySequence("Ctrl+Shift+C"), self, self.send_buttons.copy_note)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_draft)

        self._tone_timer = QTimer(self, singleShot=True, interval=TONE_DELAY_MS)
        self._tone_timer.timeout.connect(self.check_tone)
        self._save_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._save_timer.timeout.connect(self._autosave)
        # An import writing on a worker thread holds the write lock: autosave waits
        # for it to end rather than for the lock.
        hub().busyChanged.connect(self._autosave_after_long_work)

    # Loading ----------------------------------------------------------------

    def _load(self) -> None:
        step = steps.get_step(self.step_id) if self.step_id is not None else None
        if step is not None:
            self.due_label.setText(
                f"Due {step.due_on:%A} {step.due_on.day} {step.due_on:%B}"
                f" · {StepStatus(step.status).label}"
            )
        else:
            self.due_label.setText("A note outside the plan")
        self.snooze_button.setEnabled(step is not None and step.is_open)
        self.skip_button.setEnabled(step is not None and step.is_open)
        self.sent_button.setEnabled(step is None or step.is_open)
        key = (step.template_key if step is not None and step.template_key else
               catalog.default_key_for(self.kind, self.person_id,
                                           self.application_id))
        self._select_template(key)
        if step is not None and (step.draft_subject or step.draft_body):
            self._set_text(step.draft_subject, step.draft_body)
            self._saved_text = (step.draft_subject, step.draft_body)
            self._rendered_text = self._render_quietly()
        else:
            self._render_template()
            self._saved_text = self._text()
        self.check_tone()

    def _select_template(self, key: str) -> None:
        index = self.template_box.findData(key)
        self.template_box.setCurrentIndex(max(index, 0))

    def _current_template(self):
        return catalog.get_template(self.template_box.currentData())

    def _render(self):
        """The chosen template filled in for this person; raises TemplateProblem."""
        return catalog.render_for(self._current_template(), self.person_id,
                                  self.application_id)

    def _render_quietly(self) -> tuple[str, str]:
        try:
            rendered = self._render()
        except TemplateProblem:
            return ("", "")
        return (rendered.subject, rendered.body)

    def _render_template(self) -> bool:
        try:
            rendered = self._render()
        except TemplateProblem as problem:
            self.status.setText(f"This template has a problem: {problem.message} "
                                "Fix it in Templates, or pick another.")
            return False
        self._set_text(rendered.subject, rendered.body)
        self._rendered_text = (rendered.subject, rendered.body)
        self.status.clear()
        return True

    def _set_text(self, subject: str, body: str) -> None:
        self.subject.setText(subject)
        self.body.blockSignals(True)
        self.body.setPlainText(body)
        self.body.blockSignals(False)

    def _text(self) -> tuple[str, str]:
        return (self.subject.text(), self.body.toPlainText())

    def _on_template_chosen(self, _index: int) -> None:
        edited = self._text() not in (self._rendered_text, ("", ""))
        if edited:
            answer = QMessageBox.question(
                self, "Replace your text?",
                "Switching templates replaces the subject and the text, including your "
                "changes. Replace them?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if self._render_template():
            self.check_tone()
            self._on_edited()

    # Tone -------------------------------------------------------------------

    def _on_edited(self) -> None:
        self._tone_timer.start()
        self._save_timer.start()

    def check_tone(self) -> list:
        text = self.body.toPlainText()
        found = tone.check_note(text, self.kind, subject=self.subject.text(), people=self.people)
        self.body.set_findings(found)
        self.tone_panel.show_findings(found, text)
        self._errors = [f for f in found if f.severity == tone.ERROR]
        return found

    def _confirm_send(self, action: str) -> bool:
        """With errors still listed, ask once per draft before it leaves Rebound."""
        self.check_tone()
        if not self._errors or self._send_anyway:
            return True
        self._send_anyway = ask_send_anyway(self, self._errors, action)
        return self._send_anyway

    # Drafts -----------------------------------------------------------------

    def save_draft(self) -> bool:
        """Save the draft if it changed; False (and the reason on screen) when the
        disk refused it. The text stays in the window either way."""
        self._save_timer.stop()
        if self._closed_step or self._text() == self._saved_text:
            return True
        subject, body = self._text()
        try:
            changes = step_operations.save_draft(self.step_id, self.template_box.currentData(),
                                                 subject, body, new=self._new_note())
        except WriteFailed as exc:
            self._unsaved = exc
            self.status.setText(f"Draft not saved. {exc.message}")
            return False
        self.step_id = changes.created
        self._unsaved = None
        self._saved_text = (subject, body)
        self.status.setText("Draft saved.")
        hub().did_execute(changes, source=self)
        return True

    def _new_note(self) -> step_operations.NewNote:
        """What a note outside the plan is: its first save creates its step."""
        return step_operations.NewNote(self.kind, self.person_id, self.application_id)

    def _autosave(self) -> None:
        if self.isVisible() and not hub().busy:
            self.save_draft()

    def _autosave_after_long_work(self, busy: bool) -> None:
        if not busy:
            self._autosave()

    def _may_close(self) -> bool:
        """Save the draft before closing; if it cannot be saved, ask before losing it."""
        if self.save_draft():
            return True
        choice = ask_close_unsaved(self, self._unsaved.message)
        if choice is UnsavedClose.COPY_AND_CLOSE:
            put_on_clipboard(self.body.toPlainText())
        return choice is not UnsavedClose.KEEP_OPEN

    def closeEvent(self, event) -> None:
        if not self._may_close():
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:  # Esc: keep the draft, close the window
        if self._may_close():
            super().reject()

    # Leaving Rebound ----------------------------------------------------------

    def _draft_saved_or_said(self) -> bool:
        """Before an action that closes the note: the draft is saved, or the user is
        told why not (and the window stays open)."""
        if self.save_draft():
            return True
        tell_not_saved(self, self._unsaved)
        return False

    def mark_sent(self) -> None:
        if not self._confirm_send("Mark it as sent"):
            return
        subject, body = self._text()
        if not self._draft_saved_or_said():
            return
        if hub().run(step_operations.send, self.step_id, subject, body,
                     self.template_box.currentData(), new=self._new_note(), source=self,
                     parent=self) is None:
            return
        self._closed_step = True
        self.accept()

    def _snooze(self, until) -> None:
        if not self._draft_saved_or_said() or not snooze_step(self, self.step_id, until):
            return
        self._closed_step = True
        self.accept()

    def _skip(self) -> None:
        if not self._draft_saved_or_said():
            return
        if ask_skip(self, self.step_id):
            self._closed_step = True
            self.accept()
