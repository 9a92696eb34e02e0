"""People: saving and deleting them, and the contacts logged with them."""

import datetime

from desktop.operations.changes import Changes, Record
from desktop.playbook import planner
from desktop.store import people as store
from desktop.store.connection import transaction


def save_person(person_id: int | None, values: dict) -> Changes:
    """Create (``person_id`` None) or update a person; a new company name creates it."""
    with transaction():
        person = store.save_person(person_id, values)
    return Changes.of(Record.PERSON, Record.COMPANY, ids=[(Record.PERSON, person.id)],
                      created=person.id)


def delete_person(person_id: int) -> Changes:
    """A person goes with their timeline, their planned steps and their links."""
    with transaction():
        store.delete_person(person_id)
    return Changes.of(Record.PERSON, Record.CONTACT, Record.STEP, Record.APPLICATION,
                      ids=[(Record.PERSON, person_id)])


def log_contact(person_id: int, *, occurred_at: datetime.datetime | None = None,
                channel: str, direction: str, summary: str = "", body: str = "",
                application_id: int | None = None, outcome: str = "") -> Changes:
    """Log a call, a reply, a meeting...: the person's next check-in moves with it."""
    with transaction():
        contact_id = planner.record_contact(
            person_id, occurred_at=occurred_at, channel=channel, direction=direction,
            summary=summary, body=body, application_id=application_id, outcome=outcome)
    return Changes.of(Record.CONTACT, Record.PERSON, Record.STEP,
                      ids=[(Record.PERSON, person_id), (Record.CONTACT, contact_id)],
                      created=contact_id)


def forget_contact(contact_id: int, person_id: int) -> Changes:
    """Delete a logged contact; the check-in goes back to follow the one before."""
    with transaction():
        planner.forget_contact(contact_id, person_id)
    return Changes.of(Record.CONTACT, Record.PERSON, Record.STEP,
                      ids=[(Record.PERSON, person_id), (Record.CONTACT, contact_id)])

