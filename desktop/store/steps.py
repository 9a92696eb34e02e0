"""Planned follow-up steps: storing them and the queries the Today view needs."""

import datetime

import peewee

from desktop.clock import utcnow
from desktop.store import today_queries
from desktop.store.connection import db, transaction
from desktop.store.models import Step
from desktop.store.today_queries import StepRow, step_rows
from desktop.vocabulary import OPEN_STEP_STATUSES, StepStatus

_OPEN = [status.value for status in OPEN_STEP_STATUSES]


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


def get_step(step_id: int) -> StepRow:
    rows = step_rows(db.connection(), ("s.id = ?", (step_id,)))
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
    return step_rows(db.connection(), ("s.application_id = ?", (application_id,)))


def steps_for_person(person_id: int) -> list[StepRow]:
    return step_rows(db.connection(), ("s.person_id = ?", (person_id,)))


def open_steps_between(after: datetime.date | None, until: datetime.date,
                       limit: int | None = None, offset: int = 0) -> list[StepRow]:
    """The open steps due after ``after`` (None: however long ago) and on or before
    ``until``, earliest first; one page of ``limit`` of them, or all."""
    return today_queries.open_steps_between(db.connection(), after, until, limit, offset)


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

