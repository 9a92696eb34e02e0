"""Format 6: how far a process went survives its rejection, and each note sent knows
its answer, its outcome and its person's part, whatever is logged, edited or removed
afterwards, and when an older file is brought up to date."""

import datetime

import pytest

from desktop.operations import applications, people, steps
from desktop.playbook.kinds import StepKind
from desktop.store import lifecycle
from desktop.store import steps as step_store
from desktop.store.models import Application, Interaction, Step
from desktop.store.validation import ValidationError
from desktop.vocabulary import Stage
from tests.store.older_formats import drop_reach_and_answers, reopened_as_older

DAY0 = datetime.datetime(2026, 3, 2, 10)


def after(days: int) -> datetime.datetime:
    return DAY0 + datetime.timedelta(days=days)


def _reach(application_id: int) -> str:
    return Application.get_by_id(application_id).furthest_stage


def _answer(step_id: int) -> tuple:
    step = Step.get_by_id(step_id)
    return (str(step.answered_at)[:10] if step.answered_at else None, step.answer_rank,
            step.answer_days and round(step.answer_days, 1))


def test_how_far_a_process_went_outlives_the_rejection(store):
    app = applications.save_application(None, {"company": "Acme", "position": "Analyst"}
                                        ).created
    assert _reach(app) == Stage.APPLIED
    applications.move_to_stage(app, Stage.FINAL_ROUND)
    assert _reach(app) == Stage.FINAL_ROUND
    applications.move_to_stage(app, Stage.SCREENING)  # moved back by mistake
    applications.mark_rejected(app, DAY0.date())
    assert Application.get_by_id(app).stage == Stage.REJECTED
    assert _reach(app) == Stage.FINAL_ROUND
    # Entered after the fact: the user says it went to the offer stage.
    late = applications.save_application(None, {
        "company": "Umbra", "position": "BI Analyst", "stage": "rejected",
        "furthest_stage": "offer"}).created
    assert _reach(late) == Stage.OFFER


def _sent_note(store_people, kind=StepKind.THANK_YOU, days=0):
    app, person = store_people
    step = step_store.open_step(person, kind, app)
    steps.send(step, "Thanks", "…", sent_at=after(days))
    return step


def _process(role="hiring_manager"):
    app = applications.save_application(None, {"company": "Acme", "position": "Analyst"}
                                        ).created
    priya = people.save_person(None, {"first_name": "Priya", "last_name": "Raman"}).created
    applications.link_people(app, [(priya, role)])
    applications.mark_rejected(app, DAY0.date())
    return app, priya


def test_a_note_knows_its_first_answer_and_how_far_it_went(store):
    app, priya = _process()
    note = _sent_note((app, priya))
    assert _answer(note) == (None, 0, None)

    people.log_contact(priya, occurred_at=after(3), channel="email", direction="incoming",
                       summary="Thanks for writing")
    assert _answer(note) == ("2026-03-05", 1, 3.0)
    people.log_contact(priya, occurred_at=after(30), channel="video", direction="incoming",
                       summary="Interview for the new team?", outcome="interview")
    assert _answer(note) == ("2026-03-05", 3, 3.0)
    # Too late to count, from someone else, or going the other way: no change.
    people.log_contact(priya, occurred_at=after(95), channel="email", direction="incoming",
                       summary="An offer", outcome="offer")
    other = people.save_person(None, {"first_name": "Tom"}).created
    people.log_contact(other, occurred_at=after(4), channel="email", direction="incoming",
                       summary="An offer", outcome="offer")
    people.log_contact(priya, occurred_at=after(5), channel="email", direction="outgoing",
                       summary="Asked about an offer", outcome="offer")
    assert _answer(note) == ("2026-03-05", 3, 3.0)

    first = Interaction.get(Interaction.person == priya,
                            Interaction.summary == "Thanks for writing")
    people.forget_contact(first.id, priya)
    assert _answer(note) == ("2026-04-01", 3, 30.0)
    interview = Interaction.get(Interaction.person == priya, Interaction.outcome == "interview")
    interview.outcome = "conversation"
    interview.save()
    assert _answer(note) == ("2026-04-01", 2, 30.0)


def test_a_reach_that_is_not_a_stage_is_refused_by_name(store):
    with pytest.raises(ValidationError) as refused:
        applications.save_application(None, {"company": "Acme", "position": "Analyst",
                                             "furthest_stage": "rejected"})
    assert refused.value.field == "furthest_stage"


def test_the_persons_part_follows_the_link_and_their_usual_role(store):
    app, priya = _process(role="")
    note = _sent_note((app, priya))
    assert Step.get_by_id(note).sent_role == "other"
    people.save_person(priya, {"first_name": "Priya", "last_name": "Raman",
                               "hiring_role": "recruiter"})
    assert Step.get_by_id(note).sent_role == "recruiter"
    applications.link_person(app, priya, "hiring_manager")
    assert Step.get_by_id(note).sent_role == "hiring_manager"
    applications.unlink_person(app, priya)
    assert Step.get_by_id(note).sent_role == "recruiter"


def test_an_older_file_learns_its_answers_and_reach_when_updated(data_dir):
    store = lifecycle.open_store(data_dir)
    app, priya = _process()
    applications.save_application(app, {"company": "Acme", "position": "Analyst",
                                        "interviewed_on": DAY0.date()})
    note = _sent_note((app, priya), kind=StepKind.FEEDBACK, days=1)
    people.log_contact(priya, occurred_at=after(8), channel="email", direction="incoming",
                       summary="Go deeper on SQL", outcome="conversation")
    store = reopened_as_older(store, data_dir, drop_reach_and_answers)  # from format 5
    try:
        assert [m.version for m in store.migrations_applied] == [6, 7]
        assert _reach(app) == Stage.INTERVIEWING  # rejected after an interview
        assert _answer(note) == ("2026-03-10", 2, 7.0)
        assert Step.get_by_id(note).sent_role == "hiring_manager"
    finally:
        lifecycle.close_store(store)


def test_the_frozen_stage_order_is_the_vocabularys():
    """Migration 6 wrote the order of the stages into its SQL; a stage added later
    comes with a migration that says how far along it is."""
    from desktop.store.schema_v6 import STAGE_REACH
    from desktop.vocabulary import REACHED_STAGES

    assert tuple(stage.value for stage in REACHED_STAGES) == STAGE_REACH
