"""Interactions: every contact logged with a person, and the "last contact" they feed."""

import datetime

import peewee

from desktop.clock import utcnow
from desktop.store.connection import transaction
from desktop.store.models import Interaction, Person
from desktop.store.validation import ValidationError, clean_text
from desktop.vocabulary import Channel, Direction, Outcome


def log_interaction(
    person_id: int,
    *,
    occurred_at: datetime.datetime | None = None,
    channel: str = Channel.EMAIL,
    direction: str = Direction.OUTGOING,
    summary: str = "",
    body: str = "",
    application_id: int | None = None,
    outcome: str = "",
) -> Interaction:
    """Record a contact with a person (times are naive UTC) and refresh their last contact."""
    channel_value = Channel.parse(channel)
    direction_value = Direction.parse(direction)
    if channel_value is None:
        raise ValidationError("channel", f"“{channel}” is not a way of getting in touch.")
    if direction_value is None:
        raise ValidationError("direction", f"“{direction}” is not a direction.")
    outcome_value = Outcome.parse(outcome, None) if outcome else Outcome.NONE
    if outcome_value is None:
        raise ValidationError("outcome", f"“{outcome}” is not an outcome.")
    summary, body = clean_text(summary), clean_text(body)
    if not summary and not body:
        raise ValidationError("summary", "Say in a few words what the contact was about.")
    with transaction():
        interaction = Interaction.create(
            person=person_id,
            application=application_id,
            occurred_at=occurred_at or utcnow(),
            channel=channel_value.value,
            direction=direction_value.value,
            summary=summary,
            body=body,
            outcome=outcome_value.value,
        )
        refresh_last_contact(person_id)
    return interaction


def delete_interaction(interaction_id: int) -> None:
    with transaction():
        interaction = Interaction.get_by_id(interaction_id)
        interaction.delete_instance()
        refresh_last_contact(interaction.person_id)


def refresh_last_contact(person_id: int) -> None:
    """Set the person's last contact to their newest interaction (inside a transaction)."""
    newest = (
        Interaction.select(peewee.fn.MAX(Interaction.occurred_at))
        .where(Interaction.person == person_id)
    )
    Person.update(last_contact_at=newest).where(Person.id == person_id).execute()
