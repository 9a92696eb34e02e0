"""Every change a user can make, through the one way in: what it does, and what it
reports as changed. Real SQLite files, no Qt."""

import datetime

import pytest

from desktop.operations import Changes, Record, notes
from desktop.operations import applications as application_operations
from desktop.operations import companies as company_operations
from desktop.operations import people as person_operations
from desktop.operations import steps as step_operations
from desktop.operations.steps import NewNote
from desktop.playbook.kinds import StepKind
from desktop.store import applications, companies, interactions, people, steps
from desktop.store.validation import ValidationError
from desktop.vocabulary import StepStatus


@pytest.fixture
def rejected(store):
    """An application at Northwind turned down, with a hiring manager and a recruiter."""
    app = application_operations.save_application(
        None, {"company": "Northwind", "position": "Analyst", "stage": "interviewing"}).created
    hana = person_operations.save_person(None, {"first_name": "Hana"}).created
    rick = person_operations.save_person(None, {"first_name": "Rick"}).created
    application_operations.link_person(app, hana, "hiring_manager")
    application_operations.link_person(app, rick, "recruiter")
    changes = application_operations.mark_rejected(app, datetime.date(2026, 11, 2),
                                                   "We chose someone else.")
    return app, hana, rick, changes


def test_turning_an_application_down_plans_its_follow_ups_and_says_so(rejected):
    app, _hana, _rick, changes = rejected
    assert changes.touches(Record.STEP, Record.APPLICATION)
    assert len(changes.planned) == len(steps.steps_for_application(app)) > 0
    assert changes.ids_of(Record.STEP) == set(changes.planned)
    values = applications.application_values(app)
    assert (values["stage"], values["rejection_reason"]) == ("rejected",
                                                              "We chose someone else.")


def test_unlinking_someone_closes_their_open_steps_for_that_application(rejected):
    app, hana, rick, _ = rejected
    drafted = next(s for s in steps.steps_for_application(app) if s.person_id == hana)
    step_operations.save_draft(drafted.id, "thank_you", "Thank you", "My own words")

    changes = application_operations.unlink_person(app, hana)

    hanas = [s for s in steps.steps_for_application(app) if s.person_id == hana]
    assert hanas and not any(s.is_open for s in hanas)
    assert {s.skip_reason for s in hanas} == {application_operations.UNLINKED}
    kept = steps.get_step(drafted.id)
    assert kept.draft_body == "My own words"  # what was typed stays
    assert any(s.is_open for s in steps.steps_for_application(app) if s.person_id == rick)
    assert changes.ids_of(Record.STEP) == {s.id for s in hanas}
    assert changes.touches(Record.STEP, Record.APPLICATION, Record.PERSON)


def test_linking_after_the_rejection_plans_the_new_persons_steps(rejected):
    app, *_ = rejected
    lou = person_operations.save_person(None, {"first_name": "Lou"}).created
    changes = application_operations.link_person(app, lou, "interviewer")
    assert {steps.get_step(i).kind for i in changes.planned} == {"thank_you", "check_in"}
    assert changes.ids_of(Record.PERSON) == {lou}


def test_a_note_outside_the_plan_gets_its_step_with_its_first_draft(store):
    maya = person_operations.save_person(None, {"first_name": "Maya"}).created
    new = NewNote(StepKind.CHECK_IN, maya)
    drafted = step_operations.save_draft(None, "check_in", "Hello", "A first draft", new=new)
    step = steps.get_step(drafted.created)
    assert (step.kind, step.status, step.draft_body) == ("check_in", "drafted", "A first draft")

    sent = step_operations.send(drafted.created, "Hello", "Sent words", "check_in")
    assert steps.get_step(drafted.created).status == StepStatus.SENT
    assert people.person_timeline(maya)[0].body == "Sent words"
    assert sent.touches(Record.CONTACT, Record.STEP, Record.PERSON)


def test_a_send_that_fails_midway_leaves_no_half_made_step(store, monkeypatch):
    """The step a new note needs and the sending are one transaction."""
    maya = person_operations.save_person(None, {"first_name": "Maya"}).created

    def fails(*_args, **_kwargs):
        raise ValidationError("status", "refused for the test")

    monkeypatch.setattr("desktop.playbook.planner.mark_sent", fails)
    with pytest.raises(ValidationError):
        step_operations.send(None, "Hello", "Words", new=NewNote(StepKind.CHECK_IN, maya))
    assert steps.steps_for_person(maya) == []


def test_snooze_skip_and_reopen_report_the_step(rejected):
    app, *_ = rejected
    step_id = steps.steps_for_application(app)[0].id
    later = datetime.date.today() + datetime.timedelta(days=5)
    assert step_operations.snooze(step_id, later).ids_of(Record.STEP) == {step_id}
    assert steps.get_step(step_id).status == StepStatus.SNOOZED
    step_operations.skip(step_id, "We spoke at the meetup")
    assert steps.get_step(step_id).status == StepStatus.SKIPPED
    step_operations.reopen(step_id)
    assert steps.get_step(step_id).is_open


def test_contacts_move_the_check_in_and_report_it(rejected):
    _app, hana, *_ = rejected
    logged = person_operations.log_contact(hana, channel="phone", direction="incoming",
                                           summary="She called back")
    assert logged.touches(Record.CONTACT, Record.STEP)
    assert people.person_values(hana)["last_contact_at"] is not None
    person_operations.forget_contact(logged.created, hana)
    assert interactions.Interaction.select().where(
        interactions.Interaction.id == logged.created).count() == 0


def test_deleting_reports_what_went_with_it(rejected):
    app, hana, *_ = rejected
    company = applications.application_values(app)["company"]
    assert person_operations.delete_person(hana).touches(Record.STEP, Record.CONTACT)
    changes = company_operations.delete_company(companies.find_company(company).id)
    assert changes.touches(Record.APPLICATION, Record.STEP)
    assert steps.steps_for_application(app) == []


def test_notes_skills_templates_and_settings_report_their_kind(store):
    from desktop.playbook import catalog
    from desktop.playbook.settings import Profile, load_playbook_settings

    assert notes.add_skill("Built a dbt project", datetime.date(2026, 10, 1)).touches(
        Record.SKILL)
    template = catalog.get_template("thank_you")
    assert notes.duplicate_template(template).touches(Record.TEMPLATE)
    assert notes.save_all_settings(Profile(name="Sam"), load_playbook_settings()).touches(
        Record.SETTINGS)
    assert Changes() == Changes.of() and not Changes()


def test_work_on_a_worker_thread_uses_and_closes_its_own_connection(store):
    """The window's connection stays open and untouched; the worker's is closed at
    the end, also when the operation fails."""
    import threading

    from desktop.operations.worker import on_worker_thread
    from desktop.store.connection import db

    window_connection = db.connection()
    seen = {}

    def add_someone() -> Changes:
        seen["connection"] = db.connection()
        return person_operations.save_person(None, {"first_name": "Worker"})

    def fail() -> Changes:
        db.connection()
        raise RuntimeError("the operation failed")

    def on_thread(operation):
        try:
            seen["result"] = on_worker_thread(operation)
        except RuntimeError as exc:
            seen["result"] = exc
        seen["closed after"] = db.is_closed()

    for operation in (add_someone, fail):
        thread = threading.Thread(target=on_thread, args=(operation,))
        thread.start()
        thread.join()
        assert seen["closed after"]
    assert seen["connection"] is not window_connection
    assert not db.is_closed() and db.connection() is window_connection
    assert people.count_people() == 1  # the worker's write is committed
    assert str(seen["result"]) == "the operation failed"


def test_removing_the_sample_takes_exactly_what_it_added(store):
    """The user's own people and applications stay, and so does a sample company they
    put something at; everything of the sample goes, with its steps and timeline."""
    from desktop.devdata.sample import NoSample
    from desktop.operations import data
    from desktop.store.models import Company, Interaction, Skill, Step

    loaded = data.load_sample().detail
    mine = person_operations.save_person(
        None, {"first_name": "Mine", "company": "Northwind Health"}).created
    elsewhere = person_operations.save_person(
        None, {"first_name": "Elsewhere", "company": "My Own Co"}).created
    my_app = application_operations.save_application(
        None, {"company": "Fernhill Studios", "position": "Designer",
               "stage": "applied"}).created

    changes = data.remove_sample()

    gone = changes.detail
    assert (gone["people"], gone["applications"]) == (loaded["people"], loaded["applications"])
    assert gone["companies kept"] == 2  # Northwind (Mine) and Fernhill (my application)
    assert {p.id for p in people.search_people("")} == {mine, elsewhere}
    assert [a.id for a in applications.application_rows("", "position", False, 0, 99)] \
        == [my_app]
    assert {c.name for c in Company.select()} == {"Northwind Health", "Fernhill Studios",
                                                  "My Own Co"}
    assert Step.select().count() == 0
    assert Interaction.select().count() == 0
    assert Skill.select().count() == 0
    assert changes.touches(Record.PERSON)
    with pytest.raises(NoSample):
        data.remove_sample()


def test_linking_several_people_to_a_turned_down_application_plans_for_each(rejected):
    """One transaction for all of them; each gets their follow-ups."""
    app = rejected[0]
    ids = [person_operations.save_person(None, {"first_name": name}).created
           for name in ("Ines", "Omar")]
    changes = application_operations.link_people(app, [(ids[0], "interviewer"),
                                                       (ids[1], "hr")])
    assert changes.ids_of(Record.PERSON) == set(ids)
    planned_for = {steps.get_step(step_id).person_id for step_id in changes.planned}
    assert planned_for == set(ids)
    assert {p.role for p in applications.involved_people(app) if p.person_id in ids} == {
        "interviewer", "hr"}
