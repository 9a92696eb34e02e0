"""iCalendar export of planned steps, read back with the icalendar library."""

import datetime

import icalendar
import pytest

from desktop.clock import local_today
from desktop.devdata.sample import load_sample_data
from desktop.exchange.exporters.ics import (
    WHERE_THE_NOTE_IS,
    export_steps_ics,
    select_steps,
    step_uid,
)
from desktop.playbook import catalog
from desktop.playbook.kinds import StepKind
from desktop.store import note_templates
from desktop.store.models import Person, Step
from desktop.store.people import save_person
from desktop.store.steps import create_step, update_step


@pytest.fixture
def sample(store):
    load_sample_data()
    return store


def read_events(path) -> list:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return calendar.walk("VEVENT")


def person_id(first_name: str) -> int:
    return Person.get(Person.first_name == first_name).id


def event_for(events, step_id: int):
    return next(event for event in events if str(event["UID"]) == step_uid(step_id))


def test_one_all_day_event_per_open_step_with_a_morning_reminder(sample, tmp_path):
    path = tmp_path / "steps.ics"
    assert export_steps_ics(path) == 10
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert str(calendar["VERSION"]) == "2.0" and "Rebound" in str(calendar["PRODID"])
    events = calendar.walk("VEVENT")
    assert len(events) == 10
    for event in events:
        step = Step.get_by_id(int(str(event["UID"]).removeprefix("step-").split("@")[0]))
        assert event["DTSTART"].params["VALUE"] == "DATE"
        assert event.decoded("DTSTART") == step.due_on
        assert event.decoded("DTEND") == step.due_on + datetime.timedelta(days=1)
        # iCalendar times are whole seconds.
        changed = step.updated_at.replace(microsecond=0, tzinfo=datetime.UTC)
        assert event.decoded("DTSTAMP") == event.decoded("LAST-MODIFIED") == changed
        assert int(event["SEQUENCE"]) >= 0
        assert "URL" not in event  # no link that nothing on the system would open
        assert "rebound://" not in event.to_ical().decode()
        assert str(event["DESCRIPTION"]).endswith(WHERE_THE_NOTE_IS)
        assert StepKind(step.kind).why in str(event["DESCRIPTION"])
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == datetime.timedelta(hours=9)
        assert alarm["TRIGGER"].params.get("RELATED", "START") == "START"
        assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])


def test_summary_and_description_name_the_person_company_and_subject(sample, tmp_path):
    path = tmp_path / "steps.ics"
    export_steps_ics(path)
    events = read_events(path)
    priya = person_id("Priya")
    thank_you = Step.get((Step.person == priya) & (Step.kind == "thank_you"))
    event = event_for(events, thank_you.id)
    assert str(event["SUMMARY"]) == "Thank-you note to Priya Raman (Northwind Health)"
    # Priya is the hiring manager, so her note uses the default thank-you template.
    expected = catalog.render_for(catalog.get_template("thank_you"), priya,
                                  thank_you.application_id).subject
    assert expected
    assert f"Subject: {expected}" in str(event["DESCRIPTION"])
    assert "Product Analyst at Northwind Health" in str(event["DESCRIPTION"])

    check_in = Step.get((Step.person == priya) & (Step.kind == "check_in"))
    assert str(event_for(events, check_in.id)["SUMMARY"]) == (
        "Check-in with Priya Raman (Northwind Health)")


def test_a_saved_draft_subject_is_used(sample, tmp_path):
    step = Step.get((Step.person == person_id("Tom")) & (Step.kind == "feedback"))
    update_step(step.id, draft_subject="Could you share a little feedback?", status="drafted")
    path = tmp_path / "steps.ics"
    export_steps_ics(path)
    description = str(event_for(read_events(path), step.id)["DESCRIPTION"])
    assert description.startswith("Subject: Could you share a little feedback?\n\n")


def test_a_broken_template_falls_back_to_the_kinds_label(sample, tmp_path):
    # Saved through the store, which does not validate: as an older version might have.
    note_templates.save_template("thank_you", "thank_you", "Thank-you note", "",
                                 "Thanks {{ no_such_field }}", "Body")
    path = tmp_path / "steps.ics"
    export_steps_ics(path)
    step = Step.get((Step.person == person_id("Priya")) & (Step.kind == "thank_you"))
    description = str(event_for(read_events(path), step.id)["DESCRIPTION"])
    assert description.startswith("Subject: Thank-you note\n\n")


def test_uids_are_stable_across_exports_and_unique_per_step(sample, tmp_path):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    export_steps_ics(first)
    export_steps_ics(second)
    uids = [str(event["UID"]) for event in read_events(first)]
    assert len(uids) == len(set(uids)) == 10
    assert uids == [str(event["UID"]) for event in read_events(second)]
    assert first.read_bytes() == second.read_bytes(), "nothing changed, nothing differs"


def test_an_edited_step_gets_a_higher_sequence(sample, tmp_path):
    step = Step.get((Step.person == person_id("Tom")) & (Step.kind == "feedback"))
    before, after = tmp_path / "before.ics", tmp_path / "after.ics"
    export_steps_ics(before)
    update_step(step.id, due_on=step.due_on + datetime.timedelta(days=3))
    # SEQUENCE counts whole seconds, like DTSTAMP: make the edit a minute later.
    Step.update(updated_at=step.updated_at + datetime.timedelta(minutes=1)).where(
        Step.id == step.id).execute()
    export_steps_ics(after)
    old = event_for(read_events(before), step.id)
    new = event_for(read_events(after), step.id)
    assert str(old["UID"]) == str(new["UID"])
    assert int(new["SEQUENCE"]) > int(old["SEQUENCE"])
    assert new.decoded("DTSTART") == step.due_on + datetime.timedelta(days=3)


def test_selection_next_days_one_person_and_all_open(sample, tmp_path):
    today = local_today()
    # Sample steps are due -4, -4, -4, 2, 9, 85, 79, 87, 72 and -2 days from today.
    assert len(select_steps(days=10, today=today)) == 6
    assert len(select_steps(days=0, today=today)) == 4
    assert len(select_steps(days=80, today=today)) == 8
    assert len(select_steps(days=None)) == 10
    priya = select_steps(days=None, person_id=person_id("Priya"))
    assert [s.kind for s in priya] == ["thank_you", "network", "check_in", "hire_watch"]
    assert len(select_steps(days=10, person_id=person_id("Priya"), today=today)) == 2
    due = [s.due_on for s in select_steps(days=None)]
    assert due == sorted(due)

    path = tmp_path / "priya.ics"
    assert export_steps_ics(path, days=None, person_id=person_id("Priya")) == 4
    assert {str(e["SUMMARY"]).split(" (")[0].rsplit(" ", 2)[-2:] == ["Priya", "Raman"]
            for e in read_events(path)} == {True}


def test_done_steps_are_left_out(sample, tmp_path):
    tom = person_id("Tom")
    sent = Step.get((Step.person == tom) & (Step.kind == "thank_you"))
    skipped = Step.get((Step.person == tom) & (Step.kind == "feedback"))
    update_step(sent.id, status="sent")
    update_step(skipped.id, status="skipped")
    update_step(Step.get((Step.person == tom) & (Step.kind == "check_in")).id,
                status="snoozed")
    path = tmp_path / "steps.ics"
    assert export_steps_ics(path, days=None) == 8
    uids = {str(event["UID"]) for event in read_events(path)}
    assert step_uid(sent.id) not in uids and step_uid(skipped.id) not in uids


def test_person_without_company_or_application(store, tmp_path):
    person = save_person(None, {"first_name": "Zoë", "last_name": "Ñúñez"})
    create_step("check_in", person.id, None, local_today() + datetime.timedelta(days=5))
    path = tmp_path / "steps.ics"
    assert export_steps_ics(path) == 1
    (event,) = read_events(path)
    assert str(event["SUMMARY"]) == "Check-in with Zoë Ñúñez"
    assert "Subject: " in str(event["DESCRIPTION"])


def test_no_open_steps_gives_an_empty_calendar(store, tmp_path):
    path = tmp_path / "steps.ics"
    assert export_steps_ics(path) == 0
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert calendar.walk("VEVENT") == []
