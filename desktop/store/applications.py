"""Applications and the people involved in them; each write one transaction."""

import datetime
from dataclasses import dataclass

import peewee

from desktop.store import steps
from desktop.store.companies import company_for_name
from desktop.store.connection import db, transaction
from desktop.store.listing import Listing, like_all, ordering
from desktop.store.models import Application, Company, Involvement, Person, Step
from desktop.store.validation import ValidationError, check_url, clean_text, require
from desktop.vocabulary import REACHED_STAGES, HiringRole, Stage

TEXT_FIELDS = (
    "position",
    "job_url",
    "source",
    "rejection_reason",
    "stumped_questions",
    "should_have_mentioned",
    "skill_gaps",
    "lessons",
    "hired_candidate",
    "notes",
)
DATE_FIELDS = ("applied_on", "interviewed_on", "rejected_on")


def application_values(application_id: int) -> dict:
    """The application's editable fields as plain values, the company as its name."""
    application = (
        Application.select(Application, Company)
        .join(Company)
        .where(Application.id == application_id)
        .get()
    )
    values = {name: getattr(application, name) for name in (*TEXT_FIELDS, *DATE_FIELDS)}
    values["stage"] = application.stage
    values["furthest_stage"] = application.furthest_stage
    values["company"] = application.company.name
    return values


def save_application(application_id: int | None, values: dict) -> Application:
    """Create or update an application from form values; ``values["company"]`` is a name."""
    fields = _cleaned(values)
    with transaction():
        application = (
            Application() if application_id is None else Application.get_by_id(application_id)
        )
        for name, value in fields.items():
            setattr(application, name, value)
        if "company" in values or application_id is None:
            company = company_for_name(values.get("company", ""))
            if company is None:
                raise ValidationError("company", "Say which company the application is with.")
            application.company = company
        application.save()
    return application


def _cleaned(values: dict) -> dict:
    fields = {name: clean_text(values[name]) for name in TEXT_FIELDS if name in values}
    if "position" in fields or "position" not in values:
        fields["position"] = require(values.get("position"), "position", "The position")
    if "job_url" in fields:
        fields["job_url"] = check_url(fields["job_url"], "job_url")
    for name in DATE_FIELDS:
        if name in values:
            value = values[name]
            if value is not None and not isinstance(value, datetime.date):
                raise ValidationError(name, "Pick a date from the calendar.")
            fields[name] = value
    if "stage" in values:
        stage = Stage.parse(values["stage"])
        if stage is None:
            raise ValidationError("stage", f"“{values['stage']}” is not a stage.")
        fields["stage"] = stage.value
    if values.get("furthest_stage"):
        reached = Stage.parse(values["furthest_stage"])
        if reached not in REACHED_STAGES:
            raise ValidationError("furthest_stage",
                                  f"“{values['furthest_stage']}” is not a stage a process "
                                  "can reach.")
        fields["furthest_stage"] = reached.value
    return fields


def delete_application(application_id: int) -> None:
    """Delete an application; interactions logged for it stay with the people."""
    with transaction():
        Application.delete_by_id(application_id)


@dataclass(frozen=True)
class InvolvedPerson:
    person_id: int
    name: str
    title: str
    email: str
    role: str


def involved_people(application_id: int) -> list[InvolvedPerson]:
    """Who took part in the application, with their role, in name order."""
    query = (
        Involvement.select(Involvement, Person)
        .join(Person)
        .where(Involvement.application == application_id)
        .order_by(Person.first_name.collate("NOCASE"), Person.last_name.collate("NOCASE"))
    )
    return [
        InvolvedPerson(i.person.id, i.person.full_name or i.person.email, i.person.title,
                       i.person.email, i.role)
        for i in query
    ]


def role_in(application_id: int, person_id: int) -> str:
    """The person's role in the application ("" when they are not linked to it)."""
    row = Involvement.get_or_none(
        (Involvement.application == application_id) & (Involvement.person == person_id)
    )
    return row.role if row else ""


def link_person(application_id: int, person_id: int, role: str) -> Involvement:
    """Record (or update) the person's part in the application."""
    role_value = HiringRole.parse(role, HiringRole.OTHER).value
    with transaction():
        involvement, created = Involvement.get_or_create(
            application=application_id, person=person_id, defaults={"role": role_value}
        )
        if not created and involvement.role != role_value:
            involvement.role = role_value
            involvement.save()
    return involvement


def unlink_person(application_id: int, person_id: int) -> None:
    with transaction():
        Involvement.delete().where(
            (Involvement.application == application_id) & (Involvement.person == person_id)
        ).execute()


_SORTS = {
    "company": (Company.name.collate("NOCASE"),),
    "position": (Application.position.collate("NOCASE"),),
    "stage": (Application.stage,),
    "applied_on": (Application.applied_on,),
    "rejected_on": (Application.rejected_on,),
    "updated_at": (Application.updated_at,),
    "next_step": (peewee.fn.COALESCE(
        steps.next_step_subquery(Step.application == Application.id), "~"),),
}


def _filter(text: str):
    return like_all(text, (Application.position, Company.name, Application.source),
                    choices=((Application.stage, Stage),))


def application_rows(text: str, sort: str, descending: bool, offset: int, limit: int) -> list:
    """One page of the Applications table."""
    query = Application.select(
        Application.id,
        Company.name.alias("company"),
        Application.position,
        Application.stage,
        Application.applied_on,
        Application.rejected_on,
        Application.updated_at,
        peewee.Value(None).alias("next_step"),  # filled in for the page below
    ).join(Company)
    if (condition := _filter(text)) is not None:
        query = query.where(condition)
    query = query.order_by(*ordering(_SORTS[sort], descending, Application.id))
    return steps.with_next_steps(list(query.offset(offset).limit(limit).namedtuples()),
                                 Step.application)


def count_applications(text: str = "") -> int:
    query = Application.select().join(Company)
    if (condition := _filter(text)) is not None:
        query = query.where(condition)
    return query.count()


def applications_for_person(person_id: int) -> list[tuple[int, str]]:
    """(id, "Position — Company") for the applications a contact with this person
    is likely to be about: those they took part in, then those at their company."""
    person_company = Person.select(Person.company).where(Person.id == person_id)
    involved = Involvement.select(Involvement.application).where(
        Involvement.person == person_id
    )
    query = (
        Application.select(Application.id, Application.position, Company.name)
        .join(Company)
        .where(Application.id.in_(involved) | (Application.company == person_company))
        .order_by(Application.id.in_(involved).desc(), Application.updated_at.desc())
        .tuples()
    )
    return [(app_id, f"{position} — {company}") for app_id, position, company in query]


APPLICATIONS = Listing(sort_keys=tuple(_SORTS), rows=application_rows, count=count_applications)


def applied_companies() -> list[str]:
    """The companies the user has applied to: the ones a note may mix up."""
    return [name for (name,) in db.execute_sql(
        "SELECT DISTINCT c.name FROM application a JOIN company c ON c.id = a.company_id")]
