"""Applications: saving them (a rejection plans its follow-ups), deleting them, and
who took part in them."""

import datetime
from collections.abc import Iterable

from desktop.clock import local_today
from desktop.operations.changes import Changes, Record
from desktop.playbook import planner
from desktop.store import applications as store
from desktop.store import steps
from desktop.store.connection import transaction
from desktop.vocabulary import Stage

#: Why a step closed when its person stopped being part of the application.
UNLINKED = "No longer part of this application"


def save_application(application_id: int | None, values: dict) -> Changes:
    """Save an application; when it has just been turned down, plan its follow-ups.

    A stage of "rejected" without a date is dated today.
    """
    with transaction():
        was_rejected = (application_id is not None and
                        store.application_values(application_id)["stage"] == Stage.REJECTED)
        if values.get("stage") == Stage.REJECTED and not values.get("rejected_on"):
            values = dict(values, rejected_on=local_today())
        application = store.save_application(application_id, values)
        planned = []
        if application.stage == Stage.REJECTED and not was_rejected:
            planned = planner.plan_rejection(application.id)
    return _with_plan(application.id, planned, created=application.id)


def mark_rejected(application_id: int, on: datetime.date | None = None,
                  what_they_said: str | None = None) -> Changes:
    """Turn an application down (on a day, with what they said) and plan the follow-ups."""
    values = {**store.application_values(application_id), "stage": Stage.REJECTED.value,
              "rejected_on": on or local_today()}
    if what_they_said is not None:
        values["rejection_reason"] = what_they_said
    return save_application(application_id, values)


def move_to_stage(application_id: int, stage: Stage, on: datetime.date | None = None,
                  what_they_said: str | None = None) -> Changes:
    """The board: a card dropped on another stage. Rejected is dated (today unless
    ``on``) and plans the follow-ups, as the form does."""
    if Stage(stage) == Stage.REJECTED:
        return mark_rejected(application_id, on, what_they_said)
    values = {**store.application_values(application_id), "stage": Stage(stage).value}
    return save_application(application_id, values)


def delete_application(application_id: int) -> Changes:
    """Its reflection, links and steps go; the people and their timelines stay."""
    with transaction():
        store.delete_application(application_id)
    return Changes.of(Record.APPLICATION, Record.STEP, Record.PERSON,
                      ids=[(Record.APPLICATION, application_id)])


def link_person(application_id: int, person_id: int, role: str) -> Changes:
    """Someone took part in an application; if it was turned down, plan their steps."""
    return link_people(application_id, [(person_id, role)])


def link_people(application_id: int, links: list[tuple[int, str]]) -> Changes:
    """Several people took part, each ``(person id, role)``, in one transaction; if
    the application was turned down, their steps are planned too."""
    with transaction():
        for person_id, role in links:
            store.link_person(application_id, person_id, role)
        planned = []
        if store.application_values(application_id)["stage"] == Stage.REJECTED:
            planned = planner.plan_rejection(application_id,
                                             person_ids=[person for person, _ in links])
    return _with_plan(application_id, planned, person_ids=[person for person, _ in links])


def unlink_person(application_id: int, person_id: int) -> Changes:
    """They took no part after all: their open steps for it close too (drafts kept)."""
    with transaction():
        store.unlink_person(application_id, person_id)
        closed = steps.close_open_steps(person_id, application_id, UNLINKED)
    return Changes.of(Record.APPLICATION, Record.PERSON, Record.STEP,
                      ids=[(Record.APPLICATION, application_id), (Record.PERSON, person_id),
                           *((Record.STEP, step_id) for step_id in closed)])


def _with_plan(application_id: int, planned: list[int], created: int | None = None,
               person_ids: Iterable[int] = ()) -> Changes:
    ids = [(Record.APPLICATION, application_id), *((Record.STEP, s) for s in planned),
           *((Record.PERSON, p) for p in person_ids)]
    records = [Record.APPLICATION, Record.COMPANY, Record.PERSON]
    if planned:
        records.append(Record.STEP)
    return Changes.of(*records, ids=ids, created=created, planned=tuple(planned))
