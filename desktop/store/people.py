"""People: the named operations the UI needs, each write one transaction."""

from dataclasses import dataclass
from datetime import datetime

import peewee

from desktop.store import steps
from desktop.store.companies import company_for_name
from desktop.store.connection import db, transaction
from desktop.store.listing import Listing, fts_query, ordering
from desktop.store.models import Application, Company, Interaction, Involvement, Person, Step
from desktop.store.validation import ValidationError, check_email, check_url, clean_text
from desktop.vocabulary import HiringRole, person_name

#: Text fields a form edits directly; the company is set by name.
EDITABLE_FIELDS = (
    "first_name",
    "last_name",
    "title",
    "hiring_role",
    "email",
    "phone",
    "linkedin_url",
    "how_met",
    "notes",
)


def person_values(person_id: int) -> dict:
    """The person's editable fields as plain values, with the company as its name."""
    person = (
        Person.select(Person, Company)
        .join(Company, peewee.JOIN.LEFT_OUTER)
        .where(Person.id == person_id)
        .get()
    )
    values = {name: getattr(person, name) for name in EDITABLE_FIELDS}
    values["company"] = person.company.name if person.company_id else ""
    values["last_contact_at"] = person.last_contact_at
    values["checkin_months"] = person.checkin_months
    return values


def checkin_months(person_id: int) -> int | None:
    """The person's own check-in cadence, or None for the playbook's default."""
    return Person.get_by_id(person_id).checkin_months


def _months(months: int | None) -> int | None:
    if months is not None and not 1 <= months <= 24:
        raise ValidationError("checkin_months", "Choose between 1 and 24 months.")
    return months


def display_name(person_id: int) -> str:
    person = Person.get_by_id(person_id)
    return person.full_name or person.email


def save_person(person_id: int | None, values: dict) -> Person:
    """Create (``person_id`` None) or update a person from form values.

    ``values["company"]`` is a company name; a new name creates the company in
    the same transaction.
    """
    fields = _cleaned(values)
    with transaction():
        person = Person() if person_id is None else Person.get_by_id(person_id)
        for name, value in fields.items():
            setattr(person, name, value)
        if "company" in values:
            person.company = company_for_name(values["company"])
        if "checkin_months" in values:
            person.checkin_months = _months(values["checkin_months"])
        person.save()
    return person


def _cleaned(values: dict) -> dict:
    fields = {name: clean_text(values[name]) for name in EDITABLE_FIELDS if name in values}
    if "email" in fields:
        fields["email"] = check_email(fields["email"])
    if "linkedin_url" in fields:
        fields["linkedin_url"] = check_url(fields["linkedin_url"], "linkedin_url")
    if "hiring_role" in fields and HiringRole.parse(fields["hiring_role"]) is None:
        raise ValidationError("hiring_role", f"“{fields['hiring_role']}” is not a hiring role.")
    named = any(fields.get(name) for name in ("first_name", "last_name", "email"))
    if not named:
        raise ValidationError("first_name", "Give the person a name (or at least an e-mail).")
    return fields


def delete_person(person_id: int) -> None:
    """Delete a person with their interactions and their part in applications."""
    with transaction():
        Person.delete_by_id(person_id)


@dataclass(frozen=True)
class PersonMatch:
    id: int
    name: str
    company: str
    #: Their usual part in hiring (a HiringRole value, "" when not known).
    hiring_role: str = ""


def search_people(text: str, limit: int = 20) -> list[PersonMatch]:
    """People whose name, e-mail, title or company start with the words typed."""
    return [
        PersonMatch(row.id, row_name(row), row.company or "", row.hiring_role or "")
        for row in person_rows(text, "name", False, 0, limit)
    ]


def row_name(row) -> str:
    return person_name(row.first_name, row.last_name, row.email)


def _matching_ids(match: str):
    return peewee.SQL("(SELECT rowid FROM person_search WHERE person_search MATCH ?)", [match])


@dataclass(frozen=True)
class TimelineEntry:
    """One interaction as the timeline shows it."""

    id: int
    occurred_at: datetime
    channel: str
    direction: str
    summary: str
    body: str
    application: str  # "Position — Company", or "" when not tied to one


def person_timeline(person_id: int) -> list[TimelineEntry]:
    """Every interaction with the person, newest first, with its application."""
    query = (
        Interaction.select(
            Interaction.id,
            Interaction.occurred_at,
            Interaction.channel,
            Interaction.direction,
            Interaction.summary,
            Interaction.body,
            Application.position,
            Company.name,
        )
        .join(Application, peewee.JOIN.LEFT_OUTER)
        .join(Company, peewee.JOIN.LEFT_OUTER)
        .where(Interaction.person == person_id)
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        .tuples()
    )
    return [
        TimelineEntry(*row[:6], f"{row[6]} — {row[7]}" if row[6] else "") for row in query
    ]


@dataclass(frozen=True)
class PersonApplication:
    """An application the person took part in, and their part in it."""

    application_id: int
    position: str
    company: str
    stage: str
    role: str
    furthest_stage: str


def person_applications(person_id: int) -> list[PersonApplication]:
    query = (
        Involvement.select(
            Application.id, Application.position, Company.name, Application.stage,
            Involvement.role, Application.furthest_stage,
        )
        .join(Application)
        .join(Company)
        .where(Involvement.person == person_id)
        .order_by(Application.applied_on.desc(), Application.id.desc())
        .tuples()
    )
    return [PersonApplication(*row) for row in query]


_SORTS = {
    "name": (Person.first_name.collate("NOCASE"), Person.last_name.collate("NOCASE")),
    "company": (Company.name.collate("NOCASE"),),
    "title": (Person.title.collate("NOCASE"),),
    "role": (Person.hiring_role,),
    "email": (Person.email.collate("NOCASE"),),
    "last_contact": (Person.last_contact_at,),
    # People with nothing planned sort after everyone with a step.
    "next_step": (peewee.fn.COALESCE(steps.next_step_subquery(Step.person == Person.id), "~"),),
}


#: Sort keys an index of ``person`` keeps in order (with the id as the tie-break).
_INDEXED_SORTS = frozenset({"name", "email", "last_contact"})


def _walk_sort_index(text_matches: int, offset: int, limit: int) -> bool:
    """Whether to read people in the sort index's order, keeping those that match,
    rather than fetch every match and sort them.

    Walking stops after ``offset + limit`` hits, reading about
    ``(offset + limit) * people / matches`` rows; sorting reads every match. So a
    short filter ("s" matches most people) walks, and a rare name sorts (the gain
    at 100,000 people is in the README, "Performance").
    """
    people = Person.select(peewee.fn.MAX(Person.id)).scalar() or 0
    return 2 * text_matches * text_matches > (offset + limit) * people


def person_rows(text: str, sort: str, descending: bool, offset: int, limit: int) -> list:
    """One page of the People table: id, name parts, company, title, role, e-mail,
    last contact, and the next planned step ("YYYY-MM-DD kind")."""
    query = Person.select(
        Person.id,
        Person.first_name,
        Person.last_name,
        Company.name.alias("company"),
        Person.title,
        Person.hiring_role,
        Person.email,
        Person.last_contact_at,
        peewee.Value(None).alias("next_step"),  # filled in for the page below
    ).join(Company, peewee.JOIN.LEFT_OUTER)
    if match := fts_query(text):
        matched = Person.id
        if sort in _INDEXED_SORTS and _walk_sort_index(count_people(text), offset, limit):
            # "id + 0" cannot drive the lookup, so SQLite walks the sort's index.
            matched = Person.id + 0
        query = query.where(matched.in_(_matching_ids(match)))
    query = query.order_by(*ordering(_SORTS[sort], descending, Person.id))
    return steps.with_next_steps(list(query.offset(offset).limit(limit).namedtuples()),
                                 Step.person)


def people_named(name: str, limit: int = 5) -> list[tuple[str, str, str]]:
    """(first name, last name, company) of people with ``name`` among their names,
    accents ignored, found through the search index (instant at 100,000 people)."""
    words = [w for w in name.replace('"', " ").split() if w]
    if not words:
        return []
    match = "name : " + " ".join(f'"{w}"' for w in words)
    return list(db.execute_sql(
        "SELECT p.first_name, p.last_name, coalesce(c.name, '') "
        "FROM person p LEFT JOIN company c ON c.id = p.company_id "
        "WHERE p.id IN (SELECT rowid FROM person_search WHERE person_search MATCH ?) "
        "LIMIT ?", (match, limit)))


def count_people(text: str = "") -> int:
    if match := fts_query(text):
        sql = "SELECT count(*) FROM person_search WHERE person_search MATCH ?"
        return Person._meta.database.execute_sql(sql, (match,)).fetchone()[0]
    return Person.select().count()


PEOPLE = Listing(sort_keys=tuple(_SORTS), rows=person_rows, count=count_people)
