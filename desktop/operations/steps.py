"""Follow-up steps: drafting a note, sending it, snoozing or skipping the step.

A note written outside the plan (a fresh check-in) has no step yet: the first
draft or the sending creates it, in the same transaction.
"""

import datetime
from typing import NamedTuple

from desktop.clock import local_today
from desktop.operations.changes import Changes, Record
from desktop.playbook import planner
from desktop.playbook.kinds import StepKind
from desktop.store import steps
from desktop.store.connection import transaction


class NewNote(NamedTuple):
    """A note not planned yet: who it is for, about what, of what kind."""

    kind: StepKind
    person_id: int
    application_id: int | None = None


def _step_for(step_id: int | None, new: NewNote | None) -> int:
    if step_id is not None:
        return step_id
    if new is None:
        raise ValueError("A note needs its step, or what a new one is for.")
    return steps.create_step(new.kind, new.person_id, new.application_id, local_today())


def save_draft(step_id: int | None, template_key: str, subject: str, body: str,
               new: NewNote | None = None) -> Changes:
    """Keep the draft (creating its step for a note outside the plan)."""
    with transaction():
        step_id = _step_for(step_id, new)
        planner.save_draft(step_id, template_key, subject, body)
    return Changes.of(Record.STEP, ids=[(Record.STEP, step_id)], created=step_id)


def send(step_id: int | None, subject: str, body: str, template_key: str = "",
         new: NewNote | None = None, sent_at: datetime.datetime | None = None) -> Changes:
    """The note went out: log it in the timeline, close the step, plan the next check-in."""
    with transaction():
        step_id = _step_for(step_id, new)
        contact_id = planner.mark_sent(step_id, subject, body, template_key, sent_at=sent_at)
        person_id = steps.get_step(step_id).person_id
    return Changes.of(Record.STEP, Record.CONTACT, Record.PERSON,
                      ids=[(Record.STEP, step_id), (Record.CONTACT, contact_id),
                           (Record.PERSON, person_id)],
                      created=step_id)


def snooze(step_id: int, until: datetime.date) -> Changes:
    with transaction():
        planner.snooze(step_id, until)
    return Changes.of(Record.STEP, ids=[(Record.STEP, step_id)])


def skip(step_id: int, reason: str = "") -> Changes:
    """Close a step without sending it; a skipped check-in plans the next one."""
    with transaction():
        planner.skip(step_id, reason)
    return Changes.of(Record.STEP, ids=[(Record.STEP, step_id)])


def reopen(step_id: int) -> Changes:
    """Undo a skip: the step is planned again for today."""
    with transaction():
        planner.reopen(step_id)
    return Changes.of(Record.STEP, ids=[(Record.STEP, step_id)])
