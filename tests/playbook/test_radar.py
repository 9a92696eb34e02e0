"""The runner-up radar on hand-made processes: what it recalls about a company or a
person, whom it suggests writing to first and why, and the runner-up list."""

import datetime

import pytest

from desktop.operations import applications, people, steps
from desktop.playbook import radar
from desktop.playbook.insights import gather
from desktop.playbook.kinds import StepKind
from desktop.store import radar as radar_store
from desktop.store import steps as step_store
from desktop.vocabulary import Stage

DAY0 = datetime.date(2026, 9, 1)


def at(days: int) -> datetime.datetime:
    return datetime.datetime.combine(DAY0 + datetime.timedelta(days=days), datetime.time(11))


def _person(first: str, last: str) -> int:
    return people.save_person(None, {"first_name": first, "last_name": last}).created


def _process(company: str, position: str, reached: Stage, links, ended=Stage.REJECTED,
             on=DAY0) -> int:
    app = applications.save_application(None, {"company": company, "position": position}
                                        ).created
    applications.move_to_stage(app, reached)
    applications.link_people(app, links)
    if ended == Stage.REJECTED:
        applications.mark_rejected(app, on, "They chose someone with more SQL.")
    else:
        applications.move_to_stage(app, ended)
    return app


@pytest.fixture
def acme(store):
    """Acme turned the user down after the final round. Priya (hiring manager) and Tom
    (recruiter) were in it; the user thanked both; only Tom answered, offering a call."""
    priya, tom = _person("Priya", "Raman"), _person("Tom", "Becker")
    app = _process("Acme", "Analyst", Stage.FINAL_ROUND,
                   [(priya, "hiring_manager"), (tom, "recruiter")])
    for person in (priya, tom):
        steps.send(step_store.open_step(person, StepKind.THANK_YOU, app), "Thank you", "…",
                   sent_at=at(1))
    people.log_contact(tom, occurred_at=at(4), channel="phone", direction="incoming",
                       summary="Happy to have a call about the platform team",
                       outcome="conversation")
    return {"app": app, "priya": priya, "tom": tom}


def test_coming_back_to_a_company_recalls_the_process_and_who_to_write_first(acme):
    new = applications.save_application(None, {"company": "ACME", "position": "Senior Analyst"}
                                        ).created
    history = radar.company_history("acme", excluding=new)
    assert [(p.position, p.furthest_stage, p.rejected_on, p.rejection_reason)
            for p in history.processes] == [
        ("Analyst", "final_round", DAY0, "They chose someone with more SQL.")]
    by_name = {c.first_name: c for c in history.people}
    assert (by_name["Tom"].notes_sent, by_name["Tom"].best_answer,
            by_name["Tom"].last_words) == (1, 2, "Happy to have a call about the platform team")
    assert (by_name["Priya"].notes_sent, by_name["Priya"].best_answer) == (1, 0)
    # Planned at the rejection: feedback is asked of the recruiter, the manager is
    # asked to stay connected.
    assert (by_name["Tom"].next_kind, by_name["Priya"].next_kind) == (
        StepKind.FEEDBACK, StepKind.NETWORK)
    assert history.write_first == radar.Suggestion(
        acme["tom"], "Tom Becker", "answered one of your notes and offered a conversation")
    # The new application itself is not history, and a company never met has none.
    assert new not in [p.application_id for p in history.processes]
    assert not radar.company_history("Umbra")


def test_with_no_answers_the_hiring_manager_comes_first(store):
    aisha, priya, tom = _person("Aisha", "Khan"), _person("Priya", "Raman"), _person("Tom", "B")
    _process("Acme", "Analyst", Stage.INTERVIEWING,
             [(aisha, "interviewer"), (tom, "recruiter"), (priya, "hiring_manager")])
    # The recruiter's e-mail saying no is not a door left open.
    people.log_contact(tom, occurred_at=at(0), channel="email", direction="incoming",
                       summary="We went with another candidate")
    suggestion = radar.company_history("Acme").write_first
    assert (suggestion.name, suggestion.why) == (
        "Priya Raman", "the hiring manager: they decide when the team hires again")
    # Someone who wrote afterwards is.
    people.log_contact(aisha, occurred_at=at(20), channel="linkedin", direction="incoming",
                       summary="Saw your post on dashboards: nice work")
    suggestion = radar.company_history("Acme").write_first
    assert (suggestion.name, suggestion.why) == (
        "Aisha Khan", "wrote to you after the process ended")


def test_linking_someone_met_before_recalls_that_process(acme):
    again = applications.save_application(None, {"company": "Umbra", "position": "Lead"}).created
    history = radar.person_history(acme["tom"], excluding=again)
    assert [(p.company, p.position) for p in history.processes] == [("Acme", "Analyst")]
    assert [c.first_name for c in history.people] == ["Tom"]
    assert not radar.person_history(_person("New", "Face"))


def test_the_runner_up_list_keeps_the_last_rounds_only(acme):
    zed = _person("Zed", "Ortiz")
    _process("Umbra", "BI Analyst", Stage.INTERVIEWING, [(zed, "interviewer")])
    _process("Cobalt", "Data Lead", Stage.OFFER, [(zed, "recruiter")], ended=Stage.WITHDRAWN)
    _process("Hired Co", "Analyst", Stage.FINAL_ROUND, [], ended=Stage.HIRED)
    runner_ups = {row.company: row for row in radar_store.runner_ups()}
    assert set(runner_ups) == {"Acme", "Cobalt"}
    acme_row = runner_ups["Acme"]
    assert (acme_row.furthest_stage, acme_row.positions, acme_row.turned_down_on) == (
        "final_round", "Analyst", DAY0)
    assert acme_row.last_contact_at.date() == datetime.date(2026, 9, 5)  # Tom's call
    assert acme_row.next_kind == StepKind.FEEDBACK and acme_row.next_person == "Tom Becker"
    assert runner_ups["Cobalt"].furthest_stage == "offer"
    assert [row["company"] for row in gather()["runner_ups"]] == ["Acme", "Cobalt"]
