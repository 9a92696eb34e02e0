"""Applications: each job you went for, how far it got, and what you learned."""

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
)

from desktop.operations import Changes, Record
from desktop.operations import applications as application_operations
from desktop.playbook.radar import company_history
from desktop.store import applications, companies, steps
from desktop.ui.dialogs.link_person import LinkPersonDialog
from desktop.ui.dialogs.skill import SkillDialog
from desktop.ui.shell.change_hub import hub
from desktop.ui.views.detail_form import DetailForm
from desktop.ui.views.list_view import ListView
from desktop.ui.views.table_model import Column
from desktop.ui.widgets.fields import (
    ChoiceBox,
    CompanyLine,
    DateBox,
    LinkLine,
    TextBlock,
    TextLine,
    wrapping,
)
from desktop.ui.widgets.formatting import (
    choice_label,
    friendly_date,
    friendly_datetime,
    next_step_text,
)
from desktop.ui.widgets.history_panel import HistoryPanel
from desktop.ui.widgets.steps_list import StepsList
from desktop.vocabulary import REACHED_STAGES, Found, HiringRole, Stage

#: How long after a keystroke in the company box its history is looked up.
HISTORY_SETTLE_MS = 250
#: Item role holding the person id in the "People involved" list.
PersonIdRole = Qt.ItemDataRole.UserRole + 4

COLUMNS = (
    Column("Company", "company", lambda row: row.company, width=20),
    Column("Position", "position", lambda row: row.position, width=26),
    Column("Stage", "stage", lambda row: choice_label(Stage, row.stage), width=12),
    Column("Applied", "applied_on", lambda row: friendly_date(row.applied_on), width=11),
    Column("Turned down", "rejected_on", lambda row: friendly_date(row.rejected_on), width=11),
    Column("Updated", "updated_at", lambda row: friendly_datetime(row.updated_at), width=15),
    Column("Next step", "next_step", lambda row: next_step_text(row.next_step), width=22),
)


class ApplicationForm(DetailForm):
    #: Follow-ups were planned (their number): the Today view should show them.
    planned = Signal(int)

    new_title = "New application"
    empty_text = "Select an application to see its details and reflection,\n" \
                 "or press Ctrl+N to add one."

    def __init__(self, parent=None):
        super().__init__(parent)
        self.company_line = self.add_field("company", "Company", CompanyLine())
        self.history = HistoryPanel("You have been here before")
        self.form.addRow("", self.history)
        self._history_timer = QTimer(self, singleShot=True, interval=HISTORY_SETTLE_MS)
        self._history_timer.timeout.connect(self.show_history)
        self.company_line.edited.connect(self._history_timer.start)
        self.add_field("position", "Position", TextLine("e.g. Senior Data Analyst"))
        self.add_field("stage", "Stage", ChoiceBox(Stage))
        reach = self.add_field("furthest_stage", "How far it went", ChoiceBox(REACHED_STAGES))
        reach.setToolTip("The furthest stage this process reached, kept as the stage moves "
                         "on. A final round or an offer that ends in a no puts the company "
                         "on the runner-up radar (Insights).")
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
        self.skill_button = QPushButton("Log a skill gained since…", objectName="logSkill")
        self.skill_button.setToolTip("Record what you have learned that answers a gap from "
                                     "this interview; check-in notes mention it")
        self.skill_button.clicked.connect(self.log_skill)
        self.form.addRow("", self.skill_button)
        self.add_field("notes", "Notes", TextBlock(""))

        self.people_list = wrapping(QListWidget(objectName="involvedPeople"))
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
        self.steps_list = StepsList("No follow-ups planned. Set the stage to Rejected and "
                                    "Rebound plans them for the people above.",
                                    show_person=True)
        self.extra.addWidget(QLabel("Follow-ups", objectName="sectionTitle"))
        self.extra.addWidget(self.steps_list)

    def load_values(self, record_id: int) -> dict:
        self.company_line.set_names(companies.company_names())
        return applications.application_values(record_id)

    def new_values(self) -> dict:
        self.company_line.set_names(companies.company_names())
        return {"stage": Stage.APPLIED.value}

    def save_values(self, record_id: int | None, values: dict) -> Changes:
        if self._newly_turned_down(values) and self._ask_to_mark_rejected():
            values = {**values, "stage": Stage.REJECTED.value}
            self.editor("stage").set_value(Stage.REJECTED.value)
        changes = application_operations.save_application(record_id, values)
        if changes.planned:
            self.planned.emit(len(changes.planned))
        return changes

    def _newly_turned_down(self, values: dict) -> bool:
        """A turned-down date or their words were just filled in, with the stage
        still open: the user has been told no but has not said so."""
        told = (values.get("rejected_on"), (values.get("rejection_reason") or "").strip())
        before = (self._loaded.get("rejected_on"),
                  (self._loaded.get("rejection_reason") or "").strip())
        open_stage = not Stage(values.get("stage") or Stage.APPLIED).is_closed
        return open_stage and any(told) and told != before

    def _ask_to_mark_rejected(self) -> bool:
        answer = QMessageBox.question(
            self, "Mark it as turned down?",
            "You noted that they said no. Set the stage to Rejected? Rebound then plans "
            "the thank-you, the feedback request and the check-ins for the people linked "
            "to it.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        return answer == QMessageBox.StandardButton.Yes

    def describe(self, values: dict) -> tuple[str, str]:
        return (f"{values['position']} — {values['company']}",
                choice_label(Stage, values["stage"]))

    def show_history(self) -> None:
        """Earlier processes at the company typed: who was in them and whom to write
        to first."""
        self.history.set_history(company_history(self.company_line.value(),
                                                 excluding=self.record_id))

    def after_load(self) -> None:
        self.show_history()
        saved = self.record_id is not None
        self.add_person_button.setEnabled(saved)
        self.skill_button.setEnabled(saved)
        self.remove_person_button.setEnabled(False)
        self.people_list.clear()
        self.steps_list.set_steps(steps.steps_for_application(self.record_id) if saved else [])
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
        dialog = LinkPersonDialog(self.header.text(), self.editor("company").value(), self,
                                  application_id=self.record_id)
        if not dialog.exec() or not dialog.chosen():
            return
        changes = hub().run(application_operations.link_people, self.record_id,
                            dialog.chosen(), source=self, parent=self)
        if changes is not None:
            self.after_load()
            if changes.planned:
                self.planned.emit(len(changes.planned))

    def log_skill(self) -> None:
        values = self.values()
        SkillDialog(self.record_id, values.get("skill_gaps", ""), self).exec()

    def remove_person(self) -> None:
        item = self.people_list.currentItem()
        person_id = item.data(PersonIdRole) if item else None
        if person_id is not None and hub().run(
                application_operations.unlink_person, self.record_id, person_id,
                source=self, parent=self) is not None:
            self.after_load()


class ApplicationsView(ListView):
    name = "applications"
    noun = ("application", "applications")
    shows = frozenset({Record.APPLICATION, Record.COMPANY, Record.PERSON, Record.STEP,
                       Record.SKILL})

    def __init__(self, parent=None):
        form = ApplicationForm()
        super().__init__(applications.APPLICATIONS, COLUMNS, form, parent)
        form.planned.connect(self._on_planned)
        form.steps_list.stepActivated.connect(self.composeRequested)
        form.history.personRequested.connect(
            lambda person_id: self.openRequested.emit(Found.PERSON, person_id))

    def _on_planned(self, count: int) -> None:
        noun = "follow-up" if count == 1 else "follow-ups"
        # After the save has finished updating the row count in the status bar.
        QTimer.singleShot(0, lambda: self.statusMessage.emit(f"Planned {count} {noun}: "
                                                             "see Today."))

    def confirm_delete_text(self, record_id: int) -> str:
        values = applications.application_values(record_id)
        return (
            f"Delete the application for {values['position']} at {values['company']}? "
            "Its reflection and the list of people involved will be deleted; the people "
            "themselves and their timelines stay. This cannot be undone (but a backup "
            "from today can bring it back)."
        )

    def delete_record(self, record_id: int) -> Changes:
        return application_operations.delete_application(record_id)
