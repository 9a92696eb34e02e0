"""Planned follow-up steps: storing them and the queries the Today view needs."""

import datetime
from typing import NamedTuple

import peewee

from desktop.clock import utcnow
from desktop.store.connection import transaction
from desktop.store.models import Application, Company, Interaction, Involvement, Person, Step
from desktop.vocabulary import OPEN_STEP_STATUSES, Outcome, StepStatus

_OPEN = [status.value for status in OPEN_STEP_STATUSES]


# The records below are NamedTuples rather than frozen dataclasses: this module
# loads before the first paint (``desktop.ui.startup.boot``, rule 4).


class StepRow(NamedTuple):
    """A step with what the Today view and the composer show about it."""

    id: int
    kind: str
    due_on: datetime.date
    status: str
    person_id: int
    person_name: str
    email: str
    application_id: int | None
    position: str
    company: str
    template_key: str
    draft_subject: str
    draft_body: str
    skip_reason: str

    @property
    def is_open(self) -> bool:
        return StepStatus(self.status).is_open


def _rows(query) -> list[StepRow]:
    query = (
        query.select(
            Step.id, Step.kind, Step.due_on, Step.status, Person.id, Person.first_name,
            Person.last_name, Person.email, Application.id, Application.position,
            Company.name, Step.template_key, Step.draft_subject, Step.draft_body,
            Step.skip_reason,
        )
        .join_from(Step, Person)
        .join_from(Step, Application, peewee.JOIN.LEFT_OUTER)
        .join_from(Application, Company, peewee.JOIN.LEFT_OUTER)
        .tuples()
    )
    rows = []
    for (step_id, kind, due, status, person_id, first, last, email, app_id, position,
         company, template_key, subject, body, skip_reason) in query:
        name = " ".join(p for p in (first, last) if p) or email
        rows.append(StepRow(step_id, kind, due, status, person_id, name, email, app_id,
                            position or "", company or "", template_key, subject, body,
                            skip_reason))
    return rows


def next_step_subquery(owner_matches) -> peewee.Select:
    """The soonest open step of a row, as "YYYY-MM-DD kind" (None without one).

    ``owner_matches`` ties the step to the outer row, e.g. ``Step.person == Person.id``.
    ISO dates first, so the text sorts by due date.
    """
    return (
        Step.select(Step.due_on.concat(" ").concat(Step.kind))
        .where(owner_matches & Step.status.in_(_OPEN))
        .order_by(Step.due_on)
        .limit(1)
    )


def next_steps(owner: peewee.Field, owner_ids: list[int]) -> dict[int, str]:
    """The soonest open step of each owner in ``owner_ids`` (``Step.person`` or
    ``Step.application``), as next_step_subquery's text. One query for a page of rows,
    so filtering never evaluates it for every match."""
    if not owner_ids:
        return {}
    soonest = peewee.fn.MIN(Step.due_on.concat(" ").concat(Step.kind))
    query = (
        Step.select(owner, soonest)
        .where(owner.in_(owner_ids) & Step.status.in_(_OPEN))
        .group_by(owner)
        .tuples()
    )
    return dict(query)


def with_next_steps(page: list, owner: peewee.Field) -> list:
    """A page of listing rows with their ``next_step`` filled in (see next_steps)."""
    soonest = next_steps(owner, [row.id for row in page])
    return [row._replace(next_step=soonest.get(row.id)) for row in page]


def parse_next_step(value: str | None) -> tuple[datetime.date, str] | None:
    """(due date, kind) from ``next_step_subquery``'s text."""
    if not value:
        return None
    due, _, kind = value.partition(" ")
    return datetime.date.fromisoformat(due), kind


def get_step(step_id: int) -> StepRow:
    rows = _rows(Step.select().where(Step.id == step_id))
    if not rows:
        raise Step.DoesNotExist(f"No step {step_id}")
    return rows[0]


def create_step(kind: str, person_id: int, application_id: int | None,
                due_on: datetime.date) -> int:
    with transaction():
        return Step.create(kind=kind, person=person_id, application=application_id,
                           due_on=due_on).id


def update_step(step_id: int, **fields) -> None:
    with transaction():
        Step.update(updated_at=utcnow(), **fields).where(Step.id == step_id).execute()


def open_step(person_id: int, kind: str, application_id: int | None = None,
              any_application: bool = False) -> int | None:
    """The id of an open step of ``kind`` for the person (and application), if any."""
    query = Step.select(Step.id).where(
        (Step.person == person_id) & (Step.kind == kind) & Step.status.in_(_OPEN)
    )
    if not any_application:
        query = query.where(Step.application.is_null() if application_id is None
                            else Step.application == application_id)
    row = query.order_by(Step.due_on).first()
    return row.id if row else None


def has_steps(person_id: int) -> bool:
    return Step.select().where(Step.person == person_id).exists()


def steps_for_application(application_id: int) -> list[StepRow]:
    return _rows(Step.select().where(Step.application == application_id)
                 .order_by(Step.due_on, Step.id))


def steps_for_person(person_id: int) -> list[StepRow]:
    return _rows(Step.select().where(Step.person == person_id).order_by(Step.due_on, Step.id))


def _between(after: datetime.date | None, until: datetime.date):
    condition = Step.status.in_(_OPEN) & (Step.due_on <= until)
    return condition if after is None else condition & (Step.due_on > after)


def open_steps_between(after: datetime.date | None, until: datetime.date,
                       limit: int | None = None, offset: int = 0) -> list[StepRow]:
    """The open steps due after ``after`` (None: however long ago) and on or before
    ``until``, earliest first; one page of ``limit`` of them (Today reads what fits,
    not all of them), or all."""
    # The page's ids first, from the index alone; then the joins, for those rows only.
    page = (Step.select(Step.id).where(_between(after, until))
            .order_by(Step.due_on, Step.id).limit(limit).offset(offset))
    return _rows(Step.select().where(Step.id.in_(page)).order_by(Step.due_on, Step.id))


def count_open_between(after: datetime.date | None, until: datetime.date) -> int:
    return Step.select().where(_between(after, until)).count()


class ColdContact(NamedTuple):
    person_id: int
    name: str
    company: str
    last_contact_at: datetime.datetime | None
    months: int


def people_going_cold(today: datetime.date, default_months: int, quiet_until: datetime.date,
                      limit: int = 50) -> list[ColdContact]:
    """People from your applications not contacted for longer than their check-in cadence,
    coldest first: those never contacted, then by oldest last contact.

    Those with a step already due by ``quiet_until`` are left out: they are listed there.
    Both queries walk the ``last_contact_at`` index and stop early, so this stays quick
    with 100,000 people.
    """
    months = peewee.fn.COALESCE(Person.checkin_months, default_months)
    # Correlated EXISTS: checked per candidate through an index, never built whole.
    involved = peewee.fn.EXISTS(
        Involvement.select(peewee.SQL("1")).where(Involvement.person == Person.id))
    busy = peewee.fn.EXISTS(
        Step.select(peewee.SQL("1")).where((Step.person == Person.id) & Step.status.in_(_OPEN)
                                           & (Step.due_on <= quiet_until)))
    # Nobody's cadence is shorter than a month, so later contacts cannot be cold.
    latest_possible = datetime.datetime.combine(today, datetime.time()) - datetime.timedelta(
        days=28)

    def query(condition, since):
        cold_from = peewee.fn.date(since, peewee.fn.printf("+%d months", months))
        return (
            Person.select(Person.id, Person.first_name, Person.last_name, Person.email,
                          Company.name, Person.last_contact_at, months.alias("months"))
            .join(Company, peewee.JOIN.LEFT_OUTER)
            .where(condition & involved & ~busy & (cold_from <= today))
            .limit(limit)
            .tuples()
        )

    # Oldest first by id (the order they were added), which the index already holds.
    never = query(Person.last_contact_at.is_null() & (Person.created_at <= latest_possible),
                  Person.created_at).order_by(Person.id)
    lapsed = query(Person.last_contact_at <= latest_possible,
                   Person.last_contact_at).order_by(Person.last_contact_at)
    rows = list(never)
    if len(rows) < limit:
        rows += list(lapsed.limit(limit - len(rows)))
    return [
        ColdContact(pid, " ".join(p for p in (first, last) if p) or email, company or "",
                    contacted, months)
        for pid, first, last, email, company, contacted, months in rows
    ]


class Results(NamedTuple):
    """What the follow-ups led to, for the Today view's summary line."""

    sent: int
    replied: int
    conversations: int
    interviews: int
    offers: int


def follow_up_results() -> Results:
    sent = Step.select().where(Step.status == StepStatus.SENT).count()
    counts = dict(
        Interaction.select(Interaction.outcome, peewee.fn.COUNT(Interaction.id))
        .where(Interaction.outcome != "")
        .group_by(Interaction.outcome)
        .tuples()
    )
    return Results(sent, counts.get(Outcome.REPLIED, 0), counts.get(Outcome.CONVERSATION, 0),
                   counts.get(Outcome.INTERVIEW, 0), counts.get(Outcome.OFFER, 0))


def close_open_steps(person_id: int, application_id: int, reason: str) -> list[int]:
    """Close (as skipped, with ``reason``) the person's open steps for an application;
    their drafts are kept. Returns the ids closed."""
    ids = [row.id for row in Step.select(Step.id).where(
        (Step.person == person_id) & (Step.application == application_id)
        & Step.status.in_(_OPEN))]
    if ids:
        with transaction():
            Step.update(status=StepStatus.SKIPPED.value, skip_reason=reason, done_at=utcnow(),
                        updated_at=utcnow()).where(Step.id.in_(ids)).execute()
    return ids

