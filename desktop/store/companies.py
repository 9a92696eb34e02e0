"""Companies: the named operations the UI needs, each write one transaction."""

from dataclasses import dataclass

import peewee

from desktop.store.connection import transaction
from desktop.store.listing import Listing, like_all, ordering
from desktop.store.models import Application, Company, Person
from desktop.store.validation import ValidationError, check_url, clean_text, require

EDITABLE_FIELDS = ("name", "website", "industry", "location", "notes")


def company_values(company_id: int) -> dict:
    company = Company.get_by_id(company_id)
    return {name: getattr(company, name) for name in EDITABLE_FIELDS}


def find_company(name: str) -> Company | None:
    name = clean_text(name)
    if not name:
        return None
    # NOCASE, exactly as the unique index compares names: Python's lower() also folds
    # "É" while SQLite's lower() does not, so "Électricité" was never found and
    # company_for_name then hit the unique index with an IntegrityError.
    return Company.get_or_none(Company.name.collate("NOCASE") == name)


def company_for_name(name: str) -> Company | None:
    """The company called ``name`` (any case), created if new; None for a blank name.

    Call inside the transaction of the action that needs it.
    """
    name = clean_text(name)
    if not name:
        return None
    return find_company(name) or Company.create(name=name)


def company_names() -> list[str]:
    """All names, sorted, for the company box's completer."""
    query = Company.select(Company.name).order_by(Company.name.collate("NOCASE"))
    return [name for (name,) in query.tuples()]


def save_company(company_id: int | None, values: dict) -> Company:
    """Create (``company_id`` None) or update a company from form values."""
    fields = _cleaned(values)
    with transaction():
        other = find_company(fields["name"])
        if other is not None and other.id != company_id:
            raise ValidationError("name", f"There is already a company called “{other.name}”.")
        company = Company() if company_id is None else Company.get_by_id(company_id)
        for name, value in fields.items():
            setattr(company, name, value)
        company.save()
    return company


def _cleaned(values: dict) -> dict:
    fields = {name: clean_text(values.get(name, "")) for name in EDITABLE_FIELDS}
    fields["name"] = require(fields["name"], "name", "The company name")
    fields["website"] = check_url(fields["website"], "website")
    return fields


@dataclass(frozen=True)
class DeletionImpact:
    """What else a company's deletion touches, for the confirmation message."""

    applications: int
    people: int


def deletion_impact(company_id: int) -> DeletionImpact:
    return DeletionImpact(
        applications=Application.select().where(Application.company == company_id).count(),
        people=Person.select().where(Person.company == company_id).count(),
    )


def delete_company(company_id: int) -> None:
    """Delete a company and its applications; its people stay, without a company."""
    with transaction():
        Company.delete_by_id(company_id)


def applications_of_company(company_id: int) -> list:
    """(id, position, stage, applied_on, furthest_stage) rows, newest first."""
    return list(
        Application.select(
            Application.id, Application.position, Application.stage, Application.applied_on,
            Application.furthest_stage,
        )
        .where(Application.company == company_id)
        .order_by(Application.applied_on.desc(), Application.id.desc())
        .namedtuples()
    )


def people_at_company(company_id: int) -> list:
    """(id, first_name, last_name, title) rows in name order."""
    return list(
        Person.select(Person.id, Person.first_name, Person.last_name, Person.title)
        .where(Person.company == company_id)
        .order_by(Person.first_name.collate("NOCASE"), Person.last_name.collate("NOCASE"))
        .namedtuples()
    )


_APPLICATION_COUNT = (
    Application.select(peewee.fn.COUNT(Application.id))
    .where(Application.company == Company.id)
)
_PEOPLE_COUNT = Person.select(peewee.fn.COUNT(Person.id)).where(Person.company == Company.id)

_SORTS = {
    "name": (Company.name.collate("NOCASE"),),
    "industry": (Company.industry.collate("NOCASE"),),
    "location": (Company.location.collate("NOCASE"),),
    # A bare subquery has no asc()/desc(); as an expression it sorts like a column.
    "applications": (peewee.NodeList((_APPLICATION_COUNT,)),),
    "people": (peewee.NodeList((_PEOPLE_COUNT,)),),
}


def _filtered(text: str):
    query = Company.select(
        Company.id,
        Company.name,
        Company.industry,
        Company.location,
        _APPLICATION_COUNT.alias("applications"),
        _PEOPLE_COUNT.alias("people"),
    )
    condition = like_all(text, (Company.name, Company.industry, Company.location))
    return query if condition is None else query.where(condition)


def company_rows(text: str, sort: str, descending: bool, offset: int, limit: int) -> list:
    query = _filtered(text).order_by(*ordering(_SORTS[sort], descending, Company.id))
    return list(query.offset(offset).limit(limit).namedtuples())


def count_companies(text: str = "") -> int:
    condition = like_all(text, (Company.name, Company.industry, Company.location))
    query = Company.select()
    return (query if condition is None else query.where(condition)).count()


COMPANIES = Listing(sort_keys=tuple(_SORTS), rows=company_rows, count=count_companies)
