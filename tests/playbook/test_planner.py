"""The playbook's plan for a rejection, and how contacts move it."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta

from desktop.clock import from_local, local_today
from desktop.operations import applications as operations
from desktop.playbook import planner
from desktop.playbook.kinds import StepKind
from desktop.playbook.settings import load_playbook_settings, save_playbook_settings
from desktop.store import applications, interactions, people, steps, today_queries
from desktop.store.connection import db
from desktop.store.validation import ValidationError
from desktop.vocabulary import StepStatus

D = datetime.date(2026, 11, 2)


def person(first, last="Test"):
    return people.save_person(None, {"first_name": first, "last_name": last}).id


@pytest.fixture
def application(store):
    return applications.save_application(
        None, {"company": "Northwind", "position": "Analyst", "stage": "interviewing"}
    ).id


def reject(application_id, on=D):
    return list(operations.mark_rejected(application_id, on, "We chose someone else.").planned)


def plan_of(application_id):
    """{(kind, person name): due date} for the application's open steps."""
    return {(s.kind, s.person_name): s.due_on
            for s in steps.steps_for_application(application_id) if s.is_open}


def test_plan_with_a_recruiter(application):
    manager, recruiter, interviewer = person("Hana"), person("Rick"), person("Ines")
    applications.link_person(application, manager, "hiring_manager")
    applications.link_person(application, recruiter, "recruiter")
    applications.link_person(application, interviewer, "interviewer")
    created = reject(application)
    plan = plan_of(application)
    assert len(created) == len(plan) == 9
    for name in ("Hana Test", "Rick Test", "Ines Test"):
        assert plan[("thank_you", name)] == D + datetime.timedelta(days=1)
        # No contact yet, so the first check-in counts from the rejection.
        assert plan[("check_in", name)] == D + relativedelta(months=3)
    # Feedback goes through the recruiter, who usually says more.
    assert [k for k in plan if k[0] == "feedback"] == [("feedback", "Rick Test")]
    assert plan[("feedback", "Rick Test")] == D + datetime.timedelta(days=7)
    assert plan[("network", "Hana Test")] == D + datetime.timedelta(days=14)
    assert plan[("hire_watch", "Hana Test")] == D + datetime.timedelta(days=90)


def test_plan_without_a_recruiter_asks_the_hiring_manager_for_feedback(application):
    manager, interviewer = person("Hana"), person("Ines")
    applications.link_person(application, manager, "hiring_manager")
    applications.link_person(application, interviewer, "interviewer")
    reject(application)
    plan = plan_of(application)
    assert [k for k in plan if k[0] == "feedback"] == [("feedback", "Hana Test")]
    assert ("thank_you", "Ines Test") in plan


def test_planning_twice_does_not_duplicate(application):
    applications.link_person(application, person("Hana"), "hiring_manager")
    first = reject(application)
    assert first
    assert planner.plan_rejection(application) == []


def test_linking_someone_after_the_rejection_plans_their_steps(application):
    applications.link_person(application, person("Hana"), "hiring_manager")
    reject(application)
    late = person("Lou")
    created = operations.link_person(application, late, "interviewer").planned
    kinds = {steps.get_step(i).kind for i in created}
    assert kinds == {"thank_you", "check_in"}


def test_the_check_in_counts_from_the_last_real_contact(application):
    hana = person("Hana")
    applications.link_person(application, hana, "hiring_manager")
    interview = from_local(datetime.datetime(2026, 10, 20, 10, 0))
    interactions.log_interaction(hana, occurred_at=interview, summary="Final interview")
    reject(application)
    assert plan_of(application)[("check_in", "Hana Test")] == datetime.date(2027, 1, 20)


def test_sending_a_step_logs_it_and_moves_the_next_check_in(application):
    hana = person("Hana")
    applications.link_person(application, hana, "hiring_manager")
    reject(application)
    thank_you = steps.open_step(hana, StepKind.THANK_YOU, application)
    sent_at = from_local(datetime.datetime(2026, 11, 3, 9, 30))
    interaction_id = planner.mark_sent(thank_you, "Thank you", "Hi Hana, thank you...",
                                       sent_at=sent_at)

    sent = steps.get_step(thank_you)
    assert sent.status == StepStatus.SENT
    timeline = people.person_timeline(hana)
    assert [(e.id, e.summary) for e in timeline] == [(interaction_id, "Thank you")]
    assert plan_of(application)[("check_in", "Hana Test")] == datetime.date(2027, 2, 3)
    with pytest.raises(ValidationError):
        planner.mark_sent(thank_you, "again", "again")


def test_sending_a_check_in_plans_the_next_one(application):
    hana = person("Hana")
    applications.link_person(application, hana, "hiring_manager")
    reject(application)
    check_in = steps.open_step(hana, StepKind.CHECK_IN, any_application=True)
    planner.mark_sent(check_in, "Catching up", "Hi Hana",
                      sent_at=from_local(datetime.datetime(2027, 2, 1, 12, 0)))
    following = steps.open_step(hana, StepKind.CHECK_IN, any_application=True)
    assert following not in (None, check_in)
    assert steps.get_step(following).due_on == datetime.date(2027, 5, 1)


def test_a_logged_call_moves_the_check_in(application):
    hana = person("Hana")
    applications.link_person(application, hana, "hiring_manager")
    reject(application)
    planner.record_contact(hana, occurred_at=from_local(datetime.datetime(2026, 12, 10, 15)),
                           channel="phone", direction="incoming", summary="Hana called me",
                           outcome="conversation")
    assert plan_of(application)[("check_in", "Hana Test")] == datetime.date(2027, 3, 10)
    assert today_queries.follow_up_results(db.connection()).conversations == 1


def test_a_person_with_their_own_cadence(application):
    hana = person("Hana")
    people.save_person(hana, {"first_name": "Hana", "last_name": "Test", "checkin_months": 6})
    applications.link_person(application, hana, "hiring_manager")
    reject(application)
    assert plan_of(application)[("check_in", "Hana Test")] == D + relativedelta(months=6)


def test_contacts_with_people_outside_any_plan_plan_nothing(store):
    someone = person("Solo")
    planner.record_contact(someone, summary="Coffee")
    assert steps.steps_for_person(someone) == []


def test_snooze_and_skip(application):
    hana = person("Hana")
    applications.link_person(application, hana, "hiring_manager")
    reject(application, on=local_today())
    network = steps.open_step(hana, StepKind.NETWORK, application)
    later = local_today() + datetime.timedelta(days=30)
    planner.snooze(network, later)
    snoozed = steps.get_step(network)
    assert (snoozed.status, snoozed.due_on) == (StepStatus.SNOOZED, later)
    with pytest.raises(ValidationError):
        planner.snooze(network, local_today() - datetime.timedelta(days=3))

    planner.skip(network, "Already spoke at a meetup")
    skipped = steps.get_step(network)
    assert (skipped.status, skipped.skip_reason) == ("skipped", "Already spoke at a meetup")
    assert not skipped.is_open


def test_skipping_a_check_in_plans_the_next_from_today(application):
    hana = person("Hana")
    applications.link_person(application, hana, "hiring_manager")
    reject(application)
    check_in = steps.open_step(hana, StepKind.CHECK_IN, any_application=True)
    planner.skip(check_in, "Not now")
    following = steps.open_step(hana, StepKind.CHECK_IN, any_application=True)
    assert steps.get_step(following).due_on == local_today() + relativedelta(months=3)


def test_settings_change_offsets_and_which_steps_apply(application):
    settings = load_playbook_settings()
    settings.offsets["thank_you"] = 2
    settings.offsets["feedback"] = 10
    settings.enabled["hire_watch"] = False
    save_playbook_settings(settings)
    applications.link_person(application, person("Hana"), "hiring_manager")
    reject(application)
    plan = plan_of(application)
    assert plan[("thank_you", "Hana Test")] == D + datetime.timedelta(days=2)
    assert plan[("feedback", "Hana Test")] == D + datetime.timedelta(days=10)
    assert not any(kind == "hire_watch" for kind, _ in plan)


def test_a_step_can_be_moved_after_planning(application):
    applications.link_person(application, person("Hana"), "hiring_manager")
    reject(application)
    step = steps.steps_for_application(application)[0]
    planner.snooze(step.id, local_today() + datetime.timedelta(days=2))
    assert steps.get_step(step.id).due_on == local_today() + datetime.timedelta(days=2)


def test_rejecting_without_people_plans_nothing_but_saves(application):
    assert reject(application) == []
    assert applications.application_values(application)["stage"] == "rejected"


def test_due_and_going_cold(application):
    hana, old_friend = person("Hana"), person("Olga")
    applications.link_person(application, hana, "hiring_manager")
    applications.link_person(application, old_friend, "interviewer")
    long_ago = from_local(datetime.datetime(2025, 1, 5, 10))
    interactions.log_interaction(old_friend, occurred_at=long_ago, summary="Interview")
    today = datetime.date(2026, 11, 20)
    due = steps.open_steps_between(None, today)
    assert {s.kind for s in due} == set()  # not rejected yet: nothing planned
    cold = today_queries.people_going_cold(db.connection(), today, 3,
                                           quiet_until=today + datetime.timedelta(days=14))
    assert [c.name for c in cold] == ["Olga Test"]
    assert today_queries.count_open_between(db.connection(), None, today) == 0


def test_a_check_in_skipped_on_the_last_of_november_comes_back_at_the_end_of_february(
        application):
    """With today fixed (``clock.fixed``): three months from 30 November is the last
    day of February, not a day in March."""
    from desktop import clock

    hana = person("Hana")
    applications.link_person(application, hana, "hiring_manager")
    with clock.fixed(datetime.datetime(2026, 11, 30, 9, 0)):
        reject(application, on=datetime.date(2026, 11, 30))
        check_in = steps.open_step(hana, StepKind.CHECK_IN, any_application=True)
        planner.skip(check_in, "Not now")
        following = steps.open_step(hana, StepKind.CHECK_IN, any_application=True)
        assert steps.get_step(following).due_on == datetime.date(2027, 2, 28)
