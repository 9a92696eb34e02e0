"""People: the named operations the UI needs, each write one transaction."""

import peewee

from desktop.store.choices import HiringRole
from desktop.store.companies import company_for_name
from desktop.store.connection import transaction
from desktop.store.listing import Listing, fts_query, ordering
from desktop.store.models import Application, Company, Interaction, Involvement, Person
from desktop.store.validation import ValidationError, check_email, check_url, clean_text

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


def get_person(person_id: int) -> Person:
    return Person.get_by_id(person_id)


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


def search_people(text: str, limit: int = 20) -> list[Person]:
    """People whose name, e-mail, title or company start with the words typed."""
    match = fts_query(text)
    query = Person.select(Person, Company).join(Company, peewee.JOIN.LEFT_OUTER)
    if match:
        query = query.where(Person.id.in_(_matching_ids(match)))
    return list(query.order_by(*_SORTS["name"], Person.id).limit(limit))


def _matching_ids(match: str):
    return peewee.SQL("(SELECT rowid FROM person_search WHERE person_search MATCH ?)", [match])


def person_timeline(person_id: int) -> list[Interaction]:
    """Every interaction with the person, newest first, with its application."""
    return list(
        Interaction.select(Interaction, Application)
        .join(Application, peewee.JOIN.LEFT_OUTER)
        .where(Interaction.person == person_id)
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
    )


def person_applications(person_id: int) -> list[Involvement]:
    """The applications the person took part in, with their role and the company."""
    return list(
        Involvement.select(Involvement, Application, Company)
        .join(Application)
        .join(Company)
        .where(Involvement.person == person_id)
        .order_by(Application.applied_on.desc(), Application.id.desc())
    )


_SORTS = {
    "name": (Person.last_name.collate("NOCASE"), Person.first_name.collate("NOCASE")),
    "company": (Company.name.collate("NOCASE"),),
    "title": (Person.title.collate("NOCASE"),),
    "role": (Person.hiring_role,),
    "email": (Person.email.collate("NOCASE"),),
    "last_contact": (Person.last_contact_at,),
}


def person_rows(text: str, sort: str, descending: bool, offset: int, limit: int) -> list:
    """One page of the People table: id, name parts, company, title, role, e-mail,
    last contact."""
    query = Person.select(
        Person.id,
        Person.first_name,
        Person.last_name,
        Company.name.alias("company"),
        Person.title,
        Person.hiring_role,
        Person.email,
        Person.last_contact_at,
    ).join(Company, peewee.JOIN.LEFT_OUTER)
    if match := fts_query(text):
        query = query.where(Person.id.in_(_matching_ids(match)))
    query = query.order_by(*ordering(_SORTS[sort], descending, Person.id))
    return list(query.offset(offset).limit(limit).namedtuples())


def count_people(text: str = "") -> int:
    if match := fts_query(text):
        sql = "SELECT count(*) FROM person_search WHERE person_search MATCH ?"
        return Person._meta.database.execute_sql(sql, (match,)).fetchone()[0]
    return Person.select().count()


PEOPLE = Listing(sort_keys=tuple(_SORTS), rows=person_rows, count=count_people)
