"""Companies: where you applied and who you know there."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget

from desktop.operations import Changes, Record
from desktop.operations import companies as company_operations
from desktop.store import companies
from desktop.ui.views.detail_form import DetailForm
from desktop.ui.views.list_view import ListView
from desktop.ui.views.table_model import Column
from desktop.ui.widgets.fields import LinkLine, TextBlock, TextLine, wrapping
from desktop.ui.widgets.formatting import friendly_date
from desktop.vocabulary import how_far, person_name

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

COLUMNS = (
    Column("Name", "name", lambda row: row.name, width=24),
    Column("Industry", "industry", lambda row: row.industry, width=20),
    Column("Location", "location", lambda row: row.location, width=14),
    Column("Applications", "applications", lambda row: str(row.applications or ""),
           alignment=_RIGHT, width=13),
    Column("People", "people", lambda row: str(row.people or ""), alignment=_RIGHT, width=8),
)


class CompanyForm(DetailForm):
    new_title = "New company"
    empty_text = "Select a company to see its applications and people,\n" \
                 "or press Ctrl+N to add one."

    def __init__(self, parent=None):
        super().__init__(parent)
        self.add_field("name", "Name", TextLine("Company name"))
        self.add_field("website", "Website", LinkLine("https://…"))
        self.add_field("industry", "Industry", TextLine("e.g. Healthcare software"))
        self.add_field("location", "Location", TextLine("City, or Remote"))
        self.add_field("notes", "Notes", TextBlock("Culture, products, what you learned"))
        self.applications_list = wrapping(QListWidget(objectName="companyApplications"))
        self.people_list = wrapping(QListWidget(objectName="companyPeople"))
        for widget in (self.applications_list, self.people_list):
            widget.setMaximumHeight(140)
        self.extra.addWidget(QLabel("Applications", objectName="sectionTitle"))
        self.extra.addWidget(self.applications_list)
        self.extra.addWidget(QLabel("People", objectName="sectionTitle"))
        self.extra.addWidget(self.people_list)

    def load_values(self, record_id: int) -> dict:
        return companies.company_values(record_id)

    def save_values(self, record_id: int | None, values: dict) -> Changes:
        return company_operations.save_company(record_id, values)

    def describe(self, values: dict) -> tuple[str, str]:
        return values["name"], " · ".join(v for v in (values["industry"], values["location"]) if v)

    def after_load(self) -> None:
        self.applications_list.clear()
        self.people_list.clear()
        if self.record_id is None:
            return
        for app in companies.applications_of_company(self.record_id):
            applied = f", applied {friendly_date(app.applied_on)}" if app.applied_on else ""
            self.applications_list.addItem(
                f"{app.position}  ({how_far(app.stage, app.furthest_stage)}{applied})"
            )
        for person in companies.people_at_company(self.record_id):
            name = person_name(person.first_name, person.last_name)
            self.people_list.addItem(f"{name}  {person.title}".strip())
        if not self.applications_list.count():
            self.applications_list.addItem("No applications yet.")
        if not self.people_list.count():
            self.people_list.addItem("Nobody here yet.")


class CompaniesView(ListView):
    name = "companies"
    noun = ("company", "companies")
    shows = frozenset({Record.COMPANY, Record.APPLICATION, Record.PERSON})

    def __init__(self, parent=None):
        super().__init__(companies.COMPANIES, COLUMNS, CompanyForm(), parent)

    def confirm_delete_text(self, record_id: int) -> str:
        name = companies.company_values(record_id)["name"]
        impact = companies.deletion_impact(record_id)
        lines = [f"Delete {name}?"]
        if impact.applications:
            plural = "application" if impact.applications == 1 else "applications"
            lines.append(
                f"Its {impact.applications} {plural}, with their reflections, will be "
                "deleted too. Contacts logged about them stay in each person's timeline."
            )
        if impact.people:
            plural = "person stays" if impact.people == 1 else "people stay"
            lines.append(f"The {impact.people} {plural} in Rebound, without a company.")
        lines.append("This cannot be undone (but a backup from today can bring it back).")
        return "\n\n".join(lines)

    def delete_record(self, record_id: int) -> Changes:
        return company_operations.delete_company(record_id)
