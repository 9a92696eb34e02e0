"""People, companies and applications as CSV files that spreadsheets open correctly.

Excel only recognises UTF-8 when the file starts with a byte-order mark, and
expects CRLF line ends; LibreOffice is happy with both. Values are quoted only
where needed (a comma, a quote, a line break), so multi-line notes stay in one
cell. Headers are the names the user sees in Rebound, dates are ISO (2024-05-01),
which both programs read as dates, and times are local, as on screen.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return, which Excel skips before looking) would be run as a formula when the
file is opened: a contact named ``=HYPERLINK(...)`` could send data elsewhere.
Such cells get a leading single quote, which makes them plain text. So does a
value that already starts with quotes before such a character, so that the
import can take exactly one quote off again (``unneutralise``) and Rebound's own
export reads back as it was written.
"""

import csv
import datetime
import os
from collections.abc import Iterable, Iterator, Sequence

import peewee

from desktop.clock import to_local
from desktop.exchange.exporters.atomic import atomic_write
from desktop.store.models import Application, Company, Involvement, Person
from desktop.vocabulary import HiringRole, Stage

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

PEOPLE_COLUMNS = (
    "First name", "Last name", "Company", "Title", "Role", "E-mail", "Phone", "LinkedIn",
    "How we met", "Notes", "Last contact",
)
COMPANY_COLUMNS = ("Name", "Website", "Industry", "Location", "Applications", "People", "Notes")
APPLICATION_COLUMNS = (
    "Company", "Position", "Stage", "Applied on", "Interviewed on", "Rejected on", "Source",
    "Job link", "People involved", "What they said", "Questions that stumped me",
    "Should have mentioned", "Skill gaps", "Lessons", "Who was hired", "Notes",
)


def neutralise(value: str) -> str:
    """The text as a spreadsheet will show it, never run it as a formula."""
    return f"'{value}" if value.lstrip("'").startswith(_FORMULA_STARTS) else value


def unneutralise(cell: str) -> str:
    """The value ``neutralise`` was given, for a cell it may have written: one quote
    fewer before a formula character, any other cell as it is."""
    if cell.startswith("'") and cell.lstrip("'").startswith(_FORMULA_STARTS):
        return cell[1:]
    return cell


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return to_local(value).isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return neutralise(str(value))


def write_csv(path: str | os.PathLike, header: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Write ``rows`` under ``header`` as an Excel-friendly CSV file; returns the row count."""
    count = 0
    # utf-8-sig writes the byte-order mark; newline="" lets csv choose the line ends.
    with atomic_write(path, encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([_cell(value) for value in row])
            count += 1
    return count


def _role_label(value: str) -> str:
    role = HiringRole.parse(value)
    if role is None:
        return value
    return "" if role is HiringRole.NONE else role.label


def _people_rows() -> Iterator[tuple]:
    query = (
        Person.select(
            Person.first_name, Person.last_name, Company.name, Person.title,
            Person.hiring_role, Person.email, Person.phone, Person.linkedin_url,
            Person.how_met, Person.notes, Person.last_contact_at,
        )
        .join(Company, peewee.JOIN.LEFT_OUTER)
        .order_by(Person.first_name.collate("NOCASE"), Person.last_name.collate("NOCASE"),
                  Person.id)
        .tuples()
    )
    for first, last, company, title, role, *rest in query.iterator():
        yield (first, last, company, title, _role_label(role), *rest)


def export_people_csv(path: str | os.PathLike) -> int:
    """Every person, with their company's name, role label and last contact."""
    return write_csv(path, PEOPLE_COLUMNS, _people_rows())


def export_companies_csv(path: str | os.PathLike) -> int:
    """Every company, with how many applications and people it has."""
    applications = (Application.select(peewee.fn.COUNT(Application.id))
                    .where(Application.company == Company.id))
    people = Person.select(peewee.fn.COUNT(Person.id)).where(Person.company == Company.id)
    query = (
        Company.select(Company.name, Company.website, Company.industry, Company.location,
                       applications, people, Company.notes)
        .order_by(Company.name.collate("NOCASE"), Company.id)
        .tuples()
    )
    return write_csv(path, COMPANY_COLUMNS, query.iterator())


def _involved_by_application() -> dict[int, str]:
    """"Priya Raman (Hiring manager); Tom Becker (Recruiter)" for each application."""
    query = (
        Involvement.select(Involvement.application, Person.first_name, Person.last_name,
                           Person.email, Involvement.role)
        .join(Person)
        .order_by(Person.first_name.collate("NOCASE"), Person.last_name.collate("NOCASE"))
        .tuples()
    )
    names: dict[int, list[str]] = {}
    for application_id, first, last, email, role in query.iterator():
        name = " ".join(part for part in (first, last) if part) or email
        label = _role_label(role)
        names.setdefault(application_id, []).append(f"{name} ({label})" if label else name)
    return {key: "; ".join(value) for key, value in names.items()}


def _stage_label(value: str) -> str:
    stage = Stage.parse(value)
    return stage.label if stage is not None else value


def _application_rows() -> Iterator[tuple]:
    involved = _involved_by_application()
    query = (
        Application.select(
            Application.id, Company.name, Application.position, Application.stage,
            Application.applied_on, Application.interviewed_on, Application.rejected_on,
            Application.source, Application.job_url, Application.rejection_reason,
            Application.stumped_questions, Application.should_have_mentioned,
            Application.skill_gaps, Application.lessons, Application.hired_candidate,
            Application.notes,
        )
        .join(Company)
        .order_by(Company.name.collate("NOCASE"), Application.applied_on.desc(),
                  Application.id)
        .tuples()
    )
    for app_id, company, position, stage, applied, interviewed, rejected, source, url, \
            *reflections in query.iterator():
        yield (company, position, _stage_label(stage), applied, interviewed, rejected, source,
               url, involved.get(app_id, ""), *reflections)


def export_applications_csv(path: str | os.PathLike) -> int:
    """Every application, with its stage label, dates, people and reflections."""
    return write_csv(path, APPLICATION_COLUMNS, _application_rows())
