"""The runner-up radar in a form: "You have been here before" under the company of
an application, and "Met before" for a person being linked. It says who was in the
earlier process, when it ended and what they said, what was sent since and how they
answered, and whom to write to first. Names are links that open the person."""

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from desktop.playbook.kinds import StepKind
from desktop.playbook.radar import History
from desktop.store.radar import PastContact, PastProcess
from desktop.ui.widgets.formatting import days_ago, due_text, friendly_date
from desktop.vocabulary import HiringRole, how_far, person_name

#: The most people listed before "and N more".
SHOWN_PEOPLE = 4
#: How much of what someone said is quoted.
QUOTE_CHARS = 140
_ANSWER_WORDS = {1: "they replied", 2: "they offered a conversation",
                 3: "they offered an interview", 4: "they made an offer"}


def _quote(text: str) -> str:
    text = " ".join((text or "").split())
    if len(text) > QUOTE_CHARS:
        text = text[:QUOTE_CHARS - 1].rstrip() + "…"
    return f"“{escape(text)}”" if text else ""


def _process_line(process: PastProcess, with_company: bool) -> str:
    where = f" at {escape(process.company)}" if with_company else ""
    when = (f", turned down {friendly_date(process.rejected_on)}"
            if process.rejected_on else "")
    line = (f"<b>{escape(process.position)}</b>{where}: "
            f"{escape(how_far(process.stage, process.furthest_stage).lower())}{when}.")
    if process.rejection_reason.strip():
        line += f" They said {_quote(process.rejection_reason)}"
    return line


def _person_line(contact: PastContact) -> str:
    name = person_name(contact.first_name, contact.last_name) or contact.email
    role = HiringRole.parse(contact.role, HiringRole.NONE)
    part = f" ({escape(role.label.lower())})" if role.value else ""
    facts = []
    if contact.notes_sent:
        plural = "note" if contact.notes_sent == 1 else "notes"
        facts.append(f"{contact.notes_sent} {plural} sent, the last "
                     f"{days_ago(contact.last_note_at)}")
        facts.append(_ANSWER_WORDS.get(contact.best_answer, "no answer yet"))
    else:
        facts.append("nothing sent yet")
    if contact.last_heard_at and contact.last_words:
        facts.append(f"last wrote {days_ago(contact.last_heard_at)}: "
                     f"{_quote(contact.last_words)}")
    if contact.next_due_on:
        facts.append(f"next: {escape(StepKind(contact.next_kind).label.lower())} on "
                     f"{due_text(contact.next_due_on)}")
    return (f'<a href="person:{contact.person_id}">{escape(name)}</a>{part} — '
            + "; ".join(facts))


class HistoryPanel(QFrame):
    """Shows a ``History``; hidden when there is none."""

    #: A person's name was clicked: their id.
    personRequested = Signal(int)

    def __init__(self, heading: str, parent=None):
        super().__init__(parent, objectName="historyPanel")
        self.heading = heading
        self.text = QLabel(wordWrap=True, objectName="historyText")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.text.setOpenExternalLinks(False)
        self.text.linkActivated.connect(self._link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.text)
        self.hide()

    def set_history(self, history: History, with_company: bool = False) -> None:
        if not history:
            self.text.clear()
            self.hide()
            return
        parts = [f"<b>{escape(self.heading)}</b>"]
        parts += [_process_line(process, with_company) for process in history.processes]
        shown = history.people[:SHOWN_PEOPLE]
        parts += [_person_line(contact) for contact in shown]
        if len(history.people) > SHOWN_PEOPLE:
            parts.append(f"…and {len(history.people) - SHOWN_PEOPLE} more.")
        if history.write_first is not None:
            first = history.write_first
            parts.append(f'<b>Write to <a href="person:{first.person_id}">'
                         f"{escape(first.name)}</a> first</b>: {escape(first.why)}.")
        self.text.setText("<br>".join(parts))
        self.setAccessibleDescription(self.text.text())
        self.show()

    def _link(self, link: str) -> None:
        kind, _, number = link.partition(":")
        if kind == "person" and number.isdigit():
            self.personRequested.emit(int(number))
