"""Insights on hand-made data: every figure worked out by hand from the contacts
below, and checked against what ``rebound insights --json`` prints."""

import datetime
import json

import pytest

from desktop.operations import applications, people, steps
from desktop.operations.steps import NewNote
from desktop.playbook.insights import gather
from desktop.playbook.kinds import StepKind
from desktop.store import steps as step_store
from tests.in_process import run_cli

DAY0 = datetime.date(2026, 10, 1)  # the day Acme said no


def at(days: int, hour: int = 15) -> datetime.datetime:
    return datetime.datetime.combine(DAY0 + datetime.timedelta(days=days),
                                     datetime.time(hour))


@pytest.fixture
def history(store):
    """Acme turned the user down on 1 October; Priya (hiring manager) and Tom
    (recruiter) were in it.

    - thank-you to Priya the same day; she answers on day 5 (a conversation) and on
      day 20 (an interview)
    - feedback request to Tom on day 2, thank-you to Tom on day 3; he answers on day 4
      ("Go deeper on SQL"), and makes an offer on day 200: too late to count
    """
    app = applications.save_application(None, {
        "company": "Acme", "position": "Analyst", "stage": "interviewing",
        "applied_on": DAY0 - datetime.timedelta(days=30),
        "skill_gaps": "SQL window functions; stakeholder management"}).created
    applications.save_application(None, {
        "company": "Umbra", "position": "BI Analyst",
        "applied_on": DAY0 - datetime.timedelta(days=3),
        "skill_gaps": "sql window functions\nPython"})
    priya = people.save_person(None, {"first_name": "Priya", "last_name": "Raman"}).created
    tom = people.save_person(None, {"first_name": "Tom", "last_name": "Becker"}).created
    applications.link_people(app, [(priya, "hiring_manager"), (tom, "recruiter")])
    applications.mark_rejected(app, DAY0)

    def send(person, kind, days):
        step = step_store.open_step(person, kind, app)
        steps.send(step, f"{kind} note", "…", sent_at=at(days))

    send(priya, StepKind.THANK_YOU, 0)
    send(tom, StepKind.FEEDBACK, 2)
    send(tom, StepKind.THANK_YOU, 3)
    # A check-in on day 250, after Tom's last word: never answered.
    steps.send(None, "Catching up", "…", new=NewNote(StepKind.CHECK_IN, tom, app),
               sent_at=at(250))
    for person, days, said, outcome in ((priya, 5, "Coffee next week?", "conversation"),
                                        (priya, 20, "Would you interview again?", "interview"),
                                        (tom, 4, "Go deeper on SQL", "replied"),
                                        (tom, 200, "We have an offer", "offer")):
        people.log_contact(person, occurred_at=at(days), channel="email",
                           direction="incoming", summary=said, outcome=outcome)
    return {"application": app}


def test_every_figure_matches_the_contacts(history):
    figures = gather()
    by_kind = {row["kind"]: row for row in figures["funnel"]["by_kind"]}
    assert by_kind["thank_you"] == {
        "kind": "thank_you", "label": "Thank-you note", "sent": 2, "replied": 2,
        "conversations": 1, "interviews": 1, "offers": 0}  # Tom's offer came too late
    assert (by_kind["feedback"]["sent"], by_kind["feedback"]["replied"]) == (1, 1)
    assert (by_kind["check_in"]["sent"], by_kind["check_in"]["replied"]) == (1, 0)
    assert figures["thank_you_within_a_day"] == {"sent": 2, "within_a_day": 1, "share": 0.5}

    feedback = figures["feedback"]
    assert (feedback["sent"], feedback["answered"]) == (1, 1)
    assert feedback["by_company"] == [{
        "company": "Acme", "sent": 1, "answered": 1, "rate": 1.0,
        "answers": [{"on": "2026-10-05", "person": "Tom Becker", "said": "Go deeper on SQL"}]}]
    assert feedback["by_recruiter"] == [{"person": "Tom Becker", "sent": 1, "answered": 1,
                                         "rate": 1.0}]
    assert feedback["themes"][0] == {"gap": "sql window functions", "applications": 2}

    kinds = {row["kind"]: row for row in figures["response"]["by_kind"]}
    assert kinds["thank_you"]["median_days_to_answer"] == 3.0  # 5 days and 1 day
    assert kinds["feedback"]["median_days_to_answer"] == 2.0
    roles = {row["role"]: (row["sent"], row["answered"]) for row in figures["response"]["by_role"]}
    assert roles == {"recruiter": (3, 2), "hiring_manager": (1, 1)}
    assert figures["doors_kept_open"] == 2
    assert {row["month"]: row["stages"] for row in figures["applications_by_month"]} == {
        "2026-09": {"Rejected": 1, "Applied": 1}}


def test_since_leaves_out_what_came_before(history):
    later = gather(DAY0 + datetime.timedelta(days=3))
    assert later["funnel"]["total"]["sent"] == 2  # Tom's thank-you (day 3), check-in (250)
    assert later["doors_kept_open"] == 0


def test_the_command_prints_the_same_figures(history, data_dir):
    expected = gather()
    done = run_cli("--data-dir", data_dir, "insights", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == expected
    refused = run_cli("--data-dir", data_dir, "insights", "--since", "October")
    assert refused.returncode == 1 and "'October' is not a day" in refused.stderr
