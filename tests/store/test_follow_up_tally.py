"""Format 7's tally of what the follow-ups led to: after every kind of change it
says what counting the rows says, and a format-6 file is brought forward with the
right counts."""

import datetime

from desktop.devdata.sample import load_sample_data
from desktop.operations import people as people_ops
from desktop.operations import steps as step_ops
from desktop.store import lifecycle, today_queries
from desktop.store.connection import db
from desktop.store.data_format import SCHEMA_VERSION
from desktop.store.models import Interaction, Step
from desktop.store.schema_v7 import SENT
from desktop.store.today_queries import Results
from desktop.vocabulary import Outcome, StepStatus
from tests.store.older_formats import drop_follow_up_tally, reopened_as_older


def tally() -> Results:
    """What Today's summary reads: the tally."""
    return today_queries.follow_up_results(db.connection())


def counted_row_by_row() -> Results:
    """What the tally stands for, counted the slow way."""
    sent = db.execute_sql("SELECT count(*) FROM step WHERE status = ?",
                          (StepStatus.SENT.value,)).fetchone()[0]
    outcomes = dict(db.execute_sql(
        "SELECT outcome, count(*) FROM interaction WHERE outcome != '' GROUP BY outcome"))
    return Results(sent, *(outcomes.get(outcome, 0) for outcome in (
        Outcome.REPLIED, Outcome.CONVERSATION, Outcome.INTERVIEW, Outcome.OFFER)))


def test_the_tally_counts_what_the_rows_hold_after_every_change(store):
    load_sample_data()
    assert tally() == counted_row_by_row() == Results(2, 1, 1, 0, 0)

    planned = Step.select().where(Step.status == StepStatus.PLANNED.value).first()
    step_ops.send(planned.id, "Thank you", "Thank you for your time.")
    assert tally().sent == 3

    person = planned.person_id
    people_ops.log_contact(person, channel="email", direction="incoming", summary="Replied kindly",
                           outcome=Outcome.INTERVIEW.value,
                           occurred_at=datetime.datetime(2026, 11, 28, 9, 0))
    assert tally().interviews == 1

    contact = Interaction.select().where(Interaction.outcome == Outcome.INTERVIEW.value).get()
    with db.atomic():  # an outcome edited, as a timeline editor would save it
        Interaction.update(outcome=Outcome.OFFER.value).where(
            Interaction.id == contact.id).execute()
    assert (tally().interviews, tally().offers) == (0, 1)

    with db.atomic():  # a sent step taken back to planned
        Step.update(status=StepStatus.PLANNED.value).where(Step.id == planned.id).execute()
    assert tally().sent == 2

    people_ops.forget_contact(contact.id, person)
    assert tally().offers == 0
    assert tally() == counted_row_by_row()

    # Removing a person removes their steps and contacts with them.
    sender = Step.select().where(Step.status == SENT).first().person_id
    people_ops.delete_person(sender)
    assert tally() == counted_row_by_row()
    assert tally().sent < 2


def test_the_tally_counts_the_same_words_the_steps_use():
    assert StepStatus.SENT.value == SENT


def test_a_format_6_file_comes_forward_with_its_counts(store, data_dir):
    load_sample_data()
    before = counted_row_by_row()
    store = reopened_as_older(store, data_dir, drop_follow_up_tally)
    try:
        assert [m.version for m in store.migrations_applied] == [7]
        assert store.schema_version == SCHEMA_VERSION
        assert tally() == before == Results(2, 1, 1, 0, 0)
    finally:
        lifecycle.close_store(store)
