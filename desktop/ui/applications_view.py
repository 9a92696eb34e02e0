"""Applications: each job you went for, how far it got, and what you learned."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton

from desktop.store import applications, companies
from desktop.store.choices import HiringRole, Stage
from desktop.ui.detail_form import DetailForm
from desktop.ui.fields import ChoiceBox, CompanyLine, DateBox, LinkLine, TextBlock, TextLine
from desktop.ui.formatting import choice_label, friendly_date, friendly_datetime
from desktop.ui.link_person_dialog import LinkPersonDialog
from desktop.ui.list_view import ListView
from desktop.ui.table_model import Column

#: Item role holding the person id in the "People involved" list.
PersonIdRole = Qt.ItemDataRole.UserRole + 4

COLUMNS = (
    Column("Company", "company", lambda row: row.company, width=20),
    Column("Position", "position", lambda row: row.position, width=26),
    Column("Stage", "stage", lambda row: choice_label(Stage, row.stage), width=12),
    Column("Applied", "applied_on", lambda row: friendly_date(row.applied_on), width=11),
    Column("Turned down", "rejected_on", lambda row: friendly_date(row.rejected_on), width=11),
    Column("Updated", "updated_at", lambda row: friendly_datetime(row.updated_at), width=15),
)


class ApplicationForm(DetailForm):
    new_title = "New application"
    empty_text = "Select an application to see its details and reflection,\n" \
                 "or press Ctrl+N to add one."

    def __init__(self, parent=None):
        super().__init__(parent)
        self.company_line = self.add_field("company", "Company", CompanyLine())
        self.add_field("position", "Position", TextLine("e.g. Senior Data Analyst"))
        self.add_field("stage", "Stage", ChoiceBox(Stage))
        self.add_field("job_url", "Job posting", LinkLine("https://…"))
        self.add_field("source", "Found via", TextLine("e.g. LinkedIn, a referral"))
        self.add_field("applied_on", "Applied on", DateBox())
        self.add_field("interviewed_on", "Last interview", DateBox())
        self.add_section("When they said no")
        self.add_field("rejected_on", "Turned down on", DateBox())
        self.add_field("rejection_reason", "What they said",
                       TextBlock("Their words, as close as you remember them"))
        self.add_field("hired_candidate", "Who was hired", TextLine("If you know"))
        self.add_section("Reflection")
        self.add_field("stumped_questions", "Questions that stumped me",
                       TextBlock("Which questions tripped you up?"))
        self.add_field("should_have_mentioned", "What I should have mentioned",
                       TextBlock("Experience or results you left out"))
        self.add_field("skill_gaps", "Skill gaps", TextBlock("What they wanted that you lack"))
        self.add_field("lessons", "Lessons", TextBlock("What you will do differently"))
        self.add_field("notes", "Notes", TextBlock(""))

        self.people_list = QListWidget(objectName="involvedPeople")
        self.people_list.setMaximumHeight(140)
        self.add_person_button = QPushButton("Add person…", objectName="addInvolved")
        self.add_person_button.clicked.connect(self.add_person)
        self.remove_person_button = QPushButton("Remove")
        self.remove_person_button.clicked.connect(self.remove_person)
        self.people_list.currentItemChanged.connect(
            lambda item, _old: self.remove_person_button.setEnabled(
                item is not None and item.data(PersonIdRole) is not None
            )
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_person_button)
        buttons.addWidget(self.remove_person_button)
        buttons.addStretch(1)
        self.extra.addWidget(QLabel("People involved", objectName="sectionTitle"))
        self.extra.addLayout(buttons)
        self.extra.addWidget(self.people_list)

    def load_values(self, record_id: int) -> dict:
        self.company_line.set_names(companies.company_names())
        return applications.application_values(record_id)

    def new_values(self) -> dict:
        self.company_line.set_names(companies.company_names())
        return {"stage": Stage.APPLIED.value}

    def save_values(self, record_id: int | None, values: dict) -> int:
        return applications.save_application(record_id, values).id

    def describe(self, values: dict) -> tuple[str, str]:
        return (f"{values['position']} — {values['company']}",
                choice_label(Stage, values["stage"]))

    def after_load(self) -> None:
        saved = self.record_id is not None
        self.add_person_button.setEnabled(saved)
        self.remove_person_button.setEnabled(False)
        self.people_list.clear()
        if not saved:
            self.people_list.addItem("Save the application to link people to it.")
            return
        for person in applications.involved_people(self.record_id):
            details = " · ".join(v for v in (choice_label(HiringRole, person.role),
                                             person.title, person.email) if v)
            item = QListWidgetItem(f"{person.name}  ({details})")
            item.setData(PersonIdRole, person.person_id)
            self.people_list.addItem(item)
        if not self.people_list.count():
            self.people_list.addItem(
                "Nobody linked yet: add the recruiter, the hiring manager and interviewers."
            )

    def add_person(self) -> None:
        dialog = LinkPersonDialog(self.header.text(), self)
        if dialog.exec() and dialog.person_id() is not None:
            applications.link_person(self.record_id, dialog.person_id(), dialog.role())
            self.after_load()

    def remove_person(self) -> None:
        item = self.people_list.currentItem()
        person_id = item.data(PersonIdRole) if item else None
        if person_id is not None:
            applications.unlink_person(self.record_id, person_id)
            self.after_load()


class ApplicationsView(ListView):
    name = "applications"
    noun = ("application", "applications")

    def __init__(self, parent=None):
        super().__init__(applications.APPLICATIONS, COLUMNS, ApplicationForm(), parent)

    def confirm_delete_text(self, record_id: int) -> str:
        values = applications.application_values(record_id)
        return (
            f"Delete the application for {values['position']} at {values['company']}? "
            "Its reflection and the list of people involved will be deleted; the people "
            "themselves and their timelines stay. This cannot be undone (but a backup "
            "from today can bring it back)."
        )

    def delete_record(self, record_id: int) -> None:
        applications.delete_application(record_id)
