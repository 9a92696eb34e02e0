"""People: everyone met along the way, with their timeline of contacts."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
)

from desktop.operations import Changes, Record
from desktop.operations import people as person_operations
from desktop.store import companies, people, steps
from desktop.ui.dialogs.interaction import InteractionDialog
from desktop.ui.shell.change_hub import hub
from desktop.ui.views.detail_form import DetailForm
from desktop.ui.views.list_view import ListView
from desktop.ui.views.table_model import Column
from desktop.ui.widgets.fields import (
    ChoiceBox,
    CompanyLine,
    LinkLine,
    MonthsBox,
    TextBlock,
    TextLine,
    wrapping,
)
from desktop.ui.widgets.formatting import choice_label, days_ago, friendly_datetime, next_step_text
from desktop.ui.widgets.steps_list import StepsList
from desktop.vocabulary import Channel, Direction, HiringRole, how_far, person_name

#: Item role holding the interaction id in the timeline list.
InteractionIdRole = Qt.ItemDataRole.UserRole + 2


#: What a job seeker looks for first (who, where, when last, what next) comes first.
COLUMNS = (
    Column("Name", "name", people.row_name, width=16),
    Column("Company", "company", lambda row: row.company or "", width=16),
    Column("Title", "title", lambda row: row.title, width=16),
    Column("Last contact", "last_contact", lambda row: days_ago(row.last_contact_at),
           tooltip=lambda row: friendly_datetime(row.last_contact_at), width=12),
    Column("Next step", "next_step", lambda row: next_step_text(row.next_step), width=20),
    Column("Role", "role", lambda row: choice_label(HiringRole, row.hiring_role)
           if row.hiring_role else "", width=12),
    Column("E-mail", "email", lambda row: row.email, width=22),
)


class PersonForm(DetailForm):
    new_title = "New person"
    empty_text = "Select someone to see their details and your history with them,\n" \
                 "or press Ctrl+N to add a person."

    #: A contact was logged or removed: "last contact" changed in the table.
    timelineChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.add_field("first_name", "First name", TextLine("First name"))
        self.add_field("last_name", "Last name", TextLine("Last name"))
        self.company_line = self.add_field("company", "Company", CompanyLine())
        self.add_field("title", "Title", TextLine("e.g. Engineering Manager"))
        self.add_field("hiring_role", "Role in hiring", ChoiceBox(HiringRole))
        self.add_field("email", "E-mail", LinkLine("name@example.com", scheme="mailto"))
        self.add_field("phone", "Phone", TextLine("Phone"))
        self.add_field("linkedin_url", "LinkedIn", LinkLine("https://www.linkedin.com/in/…"))
        self.add_field("how_met", "How you met", TextLine("e.g. Interviewed me for the QA role"))
        self.add_field("checkin_months", "Check in every",
                       MonthsBox("the usual interval (Settings)"))
        self.add_field("notes", "Notes", TextBlock("Anything worth remembering"))

        self.applications_list = wrapping(QListWidget(objectName="personApplications"))
        self.applications_list.setMaximumHeight(90)
        self.applications_list.setWordWrap(True)
        self.timeline = wrapping(QListWidget(objectName="timeline"))
        self.timeline.setWordWrap(True)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setSpacing(2)
        self.timeline.setMinimumHeight(180)
        self.log_button = QPushButton("Log a contact…", objectName="logContact")
        self.log_button.setToolTip("Record a call, an e-mail or a meeting with this person")
        self.log_button.clicked.connect(self.log_contact)
        self.remove_button = QPushButton("Remove entry")
        self.remove_button.clicked.connect(self.remove_contact)
        self.timeline.currentItemChanged.connect(
            lambda item, _old: self.remove_button.setEnabled(item is not None)
        )
        timeline_buttons = QHBoxLayout()
        timeline_buttons.addWidget(self.log_button)
        timeline_buttons.addWidget(self.remove_button)
        timeline_buttons.addStretch(1)

        self.extra.addWidget(QLabel("Applications", objectName="sectionTitle"))
        self.extra.addWidget(self.applications_list)
        self.steps_list = StepsList("No follow-ups planned with this person.",
                                    show_person=False)
        self.extra.addWidget(QLabel("Follow-ups", objectName="sectionTitle"))
        self.extra.addWidget(self.steps_list)
        self.extra.addWidget(QLabel("Timeline", objectName="sectionTitle"))
        self.extra.addLayout(timeline_buttons)
        self.extra.addWidget(self.timeline)

    def load_values(self, record_id: int) -> dict:
        self.company_line.set_names(companies.company_names())
        return people.person_values(record_id)

    def new_values(self) -> dict:
        self.company_line.set_names(companies.company_names())
        return {"hiring_role": HiringRole.NONE.value}

    def save_values(self, record_id: int | None, values: dict) -> Changes:
        return person_operations.save_person(record_id, values)

    def describe(self, values: dict) -> tuple[str, str]:
        name = person_name(values["first_name"], values["last_name"])
        role = " at ".join(v for v in (values["title"], values["company"]) if v)
        contact = f"Last contact: {days_ago(values['last_contact_at'])}"
        return name or values["email"], " · ".join(v for v in (role, contact) if v)

    def after_load(self) -> None:
        saved = self.record_id is not None
        self.log_button.setEnabled(saved)
        self.remove_button.setEnabled(False)
        self.timeline.clear()
        self.applications_list.clear()
        self.steps_list.set_steps(steps.steps_for_person(self.record_id) if saved else [])
        if not saved:
            self.timeline.addItem("Save the person to start their timeline.")
            return
        for link in people.person_applications(self.record_id):
            self.applications_list.addItem(
                f"{link.position} — {link.company}  ({choice_label(HiringRole, link.role)}, "
                f"{how_far(link.stage, link.furthest_stage).lower()})"
            )
        if not self.applications_list.count():
            self.applications_list.addItem("Not linked to any application yet.")
        entries = people.person_timeline(self.record_id)
        for entry in entries:
            arrow = "→" if entry.direction == Direction.OUTGOING else "←"
            lines = [
                f"{friendly_datetime(entry.occurred_at)}  {arrow} "
                f"{choice_label(Channel, entry.channel)}",
                entry.summary,
            ]
            if entry.application:
                lines.append(f"About: {entry.application}")
            item = QListWidgetItem("\n".join(line for line in lines if line))
            item.setData(InteractionIdRole, entry.id)
            if entry.body:
                item.setToolTip(entry.body)
            self.timeline.addItem(item)
        if not entries:
            self.timeline.addItem("No contact logged yet.")

    def log_contact(self) -> None:
        if self.record_id is None:
            return
        dialog = InteractionDialog(self.record_id, self.header.text(), self)
        if dialog.exec():
            self._reload_keeping_edits()  # the hub told the other views

    def remove_contact(self) -> None:
        item = self.timeline.currentItem()
        interaction_id = item.data(InteractionIdRole) if item else None
        if interaction_id is None:
            return
        if hub().run(person_operations.forget_contact, interaction_id, self.record_id,
                     source=self, parent=self) is not None:
            self._reload_keeping_edits()

    def point_out_contact(self, interaction_id: int) -> None:
        """Select a contact in the timeline and scroll it into sight."""
        for row in range(self.timeline.count()):
            item = self.timeline.item(row)
            if item.data(InteractionIdRole) == interaction_id:
                self.timeline.setCurrentItem(item)
                self.timeline.scrollToItem(item)
                self.scroll_to(self.timeline)
                return

    def _reload_keeping_edits(self) -> None:
        """Refresh the timeline without losing edits typed into the fields."""
        pending = self.values() if self.dirty else None
        self.load(self.record_id)
        if pending is not None:
            for name, value in pending.items():
                self.editor(name).set_value(value)
            self._on_edited()
        self.timelineChanged.emit()


class PeopleView(ListView):
    name = "people"
    noun = ("person", "people")
    shows = frozenset({Record.PERSON, Record.COMPANY, Record.APPLICATION, Record.STEP,
                       Record.CONTACT})

    def __init__(self, parent=None):
        form = PersonForm()
        super().__init__(people.PEOPLE, COLUMNS, form, parent)
        form.timelineChanged.connect(self.refresh_rows)
        form.steps_list.stepActivated.connect(self.composeRequested)

    def show_record(self, record_id: int, found_id: int | None = None) -> bool:
        shown = super().show_record(record_id)
        if shown and found_id is not None:
            self.form.point_out_contact(found_id)
        return shown

    def confirm_delete_text(self, record_id: int) -> str:
        name = people.display_name(record_id)
        return (
            f"Delete {name}? Their timeline of contacts and their part in applications "
            "will be deleted too. This cannot be undone (but a backup from today can "
            "bring it back)."
        )

    def delete_record(self, record_id: int) -> Changes:
        return person_operations.delete_person(record_id)


