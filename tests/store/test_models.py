"""Models and constraints, exercised through the store's named operations."""

import datetime

import peewee
import pytest

from desktop.store import applications, companies, interactions, people
from desktop.store.connection import db, transaction
from desktop.store.models import (
    ALL_MODELS,
    Application,
    Company,
    Interaction,
    Involvement,
    Person,
)
from desktop.store.validation import ValidationError

pytestmark = pytest.mark.usefixtures("store")


def _person(**values) -> Person:
    return people.save_person(None, {"first_name": "Ada", "last_name": "Lovelace", **values})


def _application(company="Acme Corp", position="Backend Engineer", **values) -> Application:
    return applications.save_application(
        None, {"company": company, "position": position, **values}
    )


# --- Creating through the named functions -------------------------------------------


def test_save_person_stores_cleaned_values_and_creates_company_by_name():
    person = people.save_person(
        None,
        {
            "first_name": "  Grace ",
            "last_name": "Hopper\n",
            "email": " grace@navy.example ",
            "linkedin_url": "linkedin.com/in/grace",
            "hiring_role": "hiring_manager",
            "company": " US Navy ",
        },
    )
    stored = Person.get_by_id(person.id)
    assert (stored.first_name, stored.last_name) == ("Grace", "Hopper")
    assert stored.full_name == "Grace Hopper"
    assert stored.email == "grace@navy.example"
    assert stored.linkedin_url == "https://linkedin.com/in/grace"
    assert stored.company.name == "US Navy"
    assert Company.select().count() == 1


def test_people_typing_a_company_in_another_case_share_one_company():
    first = _person(company="Acme Corp")
    second = _person(first_name="Bob", company="ACME corp")
    assert first.company_id == second.company_id
    assert Company.select().count() == 1
    assert [row.id for row in companies.people_at_company(first.company_id)] == [
        first.id,
        second.id,
    ]


def test_people_at_a_company_with_a_non_ascii_name_share_one_company():
    # Regression: find_company compared Python's lower() with SQLite's ASCII-only
    # lower(), so the second person at "Électricité de France" hit the unique index.
    first = _person(company="Électricité de France")
    second = _person(first_name="Bob", company="Électricité de France")
    assert first.company_id == second.company_id
    assert companies.company_names() == ["Électricité de France"]


def test_updating_a_person_keeps_their_id_and_can_clear_the_company():
    person = _person(company="Acme Corp", title="CTO")
    people.save_person(person.id, {"first_name": "Ada", "title": "CEO", "company": ""})
    stored = Person.get_by_id(person.id)
    assert stored.title == "CEO"
    assert stored.company is None
    assert Person.select().count() == 1


def test_save_application_creates_company_and_keeps_dates():
    application = _application(
        company="Initech",
        stage="Final round",
        applied_on=datetime.date(2024, 5, 2),
        rejected_on=None,
        job_url="initech.example/jobs/7",
    )
    stored = Application.get_by_id(application.id)
    assert stored.company.name == "Initech"
    assert stored.stage == "final_round"
    assert stored.applied_on == datetime.date(2024, 5, 2)
    assert stored.rejected_on is None
    assert stored.job_url == "https://initech.example/jobs/7"


def test_link_person_records_role_once_and_updates_it():
    application = _application()
    person = _person()
    applications.link_person(application.id, person.id, "Recruiter")
    applications.link_person(application.id, person.id, "interviewer")
    involved = applications.involved_people(application.id)
    assert [(i.person_id, i.role) for i in involved] == [(person.id, "interviewer")]
    assert [(a.application_id, a.role) for a in people.person_applications(person.id)] == [
        (application.id, "interviewer")
    ]
    applications.unlink_person(application.id, person.id)
    assert applications.involved_people(application.id) == []


# --- Validation: the right field is named, nothing is written --------------------------


@pytest.mark.parametrize(
    ("save", "values", "field"),
    [
        (companies.save_company, {"name": "   "}, "name"),
        (companies.save_company, {"name": "Acme", "website": "not a url"}, "website"),
        (applications.save_application, {"company": "Acme", "position": " "}, "position"),
        (applications.save_application, {"company": "Acme"}, "position"),
        (applications.save_application, {"company": "", "position": "Dev"}, "company"),
        (applications.save_application, {"company": "Acme", "position": "Dev",
                                         "stage": "ghosted"}, "stage"),
        (applications.save_application, {"company": "Acme", "position": "Dev",
                                         "applied_on": "yesterday"}, "applied_on"),
        (people.save_person, {"first_name": "Ada", "email": "ada(at)example.org"}, "email"),
        (people.save_person, {"first_name": "Ada", "email": "ada@example"}, "email"),
        (people.save_person, {"first_name": " ", "last_name": "", "email": ""}, "first_name"),
        (people.save_person, {"title": "CTO", "company": "Acme"}, "first_name"),
        (people.save_person, {"first_name": "Ada", "hiring_role": "boss"}, "hiring_role"),
    ],
)
def test_invalid_input_names_the_field_and_writes_nothing(save, values, field):
    with pytest.raises(ValidationError) as caught:
        save(None, values)
    assert caught.value.field == field
    assert caught.value.message
    # Not even the company typed in the same form was created.
    assert Company.select().count() == 0
    assert Person.select().count() == 0
    assert Application.select().count() == 0


def test_a_person_with_only_an_email_is_allowed():
    person = people.save_person(None, {"email": "jobs@initech.example"})
    assert Person.get_by_id(person.id).full_name == ""


def test_database_refuses_rows_the_forms_would_refuse():
    """The schema's CHECKs back up validation for any code path that skips it."""
    with pytest.raises(peewee.IntegrityError):
        Company.create(name="  ")
    company = Company.create(name="Acme")
    with pytest.raises(peewee.IntegrityError):
        Person.create(first_name="", last_name=" ", email="")
    with pytest.raises(peewee.IntegrityError):
        Application.create(company=company, position="")


# --- Company names are unique, case-insensitively --------------------------------------


def test_company_names_are_unique_ignoring_case():
    acme = companies.save_company(None, {"name": "Acme Corp"})
    with pytest.raises(ValidationError) as caught:
        companies.save_company(None, {"name": "ACME CORP"})
    assert caught.value.field == "name"
    assert "Acme Corp" in caught.value.message
    other = companies.save_company(None, {"name": "Globex"})
    with pytest.raises(ValidationError):
        companies.save_company(other.id, {"name": "acme corp"})
    # Renaming a company to a different case of its own name is fine.
    companies.save_company(acme.id, {"name": "ACME Corp"})
    assert companies.company_names() == ["ACME Corp", "Globex"]


def test_duplicate_non_ascii_company_name_is_a_validation_error():
    companies.save_company(None, {"name": "Škoda Digital"})
    with pytest.raises(ValidationError) as caught:
        companies.save_company(None, {"name": "Škoda Digital"})
    assert caught.value.field == "name"


def test_schema_refuses_case_variants_of_a_company_name():
    Company.create(name="Acme Corp")
    with pytest.raises(peewee.IntegrityError):
        Company.create(name="acme CORP")


# --- Deleting ------------------------------------------------------------------------


def test_deleting_a_company_deletes_its_applications_but_keeps_its_people():
    recruiter = _person(first_name="Rita", company="Acme Corp")
    outsider = _person(first_name="Olga", company="Globex")
    application = _application(company="Acme Corp")
    kept_application = _application(company="Globex", position="SRE")
    applications.link_person(application.id, recruiter.id, "recruiter")
    applications.link_person(application.id, outsider.id, "referrer")
    call = interactions.log_interaction(
        recruiter.id, summary="Phone screen", application_id=application.id
    )
    acme = recruiter.company_id

    impact = companies.deletion_impact(acme)
    assert (impact.applications, impact.people) == (1, 1)
    companies.delete_company(acme)

    assert Company.get_or_none(Company.id == acme) is None
    assert Application.get_or_none(Application.id == application.id) is None
    assert Involvement.select().count() == 0
    assert Person.get_by_id(recruiter.id).company is None
    assert Person.get_by_id(outsider.id).company.name == "Globex"
    assert Application.get_by_id(kept_application.id).position == "SRE"
    # The logged call stays in Rita's history, no longer tied to the application.
    assert Interaction.get_by_id(call.id).application is None
    assert [i.summary for i in people.person_timeline(recruiter.id)] == ["Phone screen"]


def test_deleting_a_person_removes_their_interactions_and_involvements():
    ada = _person()
    bob = _person(first_name="Bob")
    application = _application()
    applications.link_person(application.id, ada.id, "interviewer")
    applications.link_person(application.id, bob.id, "recruiter")
    interactions.log_interaction(ada.id, summary="Interview", application_id=application.id)
    bobs_call = interactions.log_interaction(bob.id, summary="Screen")

    people.delete_person(ada.id)

    assert Person.get_or_none(Person.id == ada.id) is None
    assert Interaction.select().where(Interaction.person == ada.id).count() == 0
    assert Involvement.select().where(Involvement.person == ada.id).count() == 0
    assert [i.person_id for i in applications.involved_people(application.id)] == [bob.id]
    assert Interaction.get_by_id(bobs_call.id).summary == "Screen"
    assert Application.get_by_id(application.id).position == "Backend Engineer"


def test_deleting_an_application_keeps_the_interactions_logged_for_it():
    ada = _person()
    application = _application()
    call = interactions.log_interaction(ada.id, summary="Offer call", application_id=application.id)
    applications.delete_application(application.id)
    assert Interaction.get_by_id(call.id).application is None
    assert Person.get_by_id(ada.id).last_contact_at == call.occurred_at


# --- Interactions and last contact ----------------------------------------------------


def test_last_contact_follows_the_newest_interaction():
    ada = _person()
    assert Person.get_by_id(ada.id).last_contact_at is None
    march = datetime.datetime(2024, 3, 1, 9, 30)
    january = datetime.datetime(2024, 1, 15, 16, 0)
    april = datetime.datetime(2024, 4, 2, 11, 0, 0, 500000)

    march_call = interactions.log_interaction(ada.id, occurred_at=march, summary="Call")
    assert Person.get_by_id(ada.id).last_contact_at == march
    # Logging an older contact does not move "last contact" back.
    january_mail = interactions.log_interaction(ada.id, occurred_at=january, summary="Mail")
    assert Person.get_by_id(ada.id).last_contact_at == march
    april_chat = interactions.log_interaction(
        ada.id, occurred_at=april, channel="LinkedIn", direction="incoming", body="Ping"
    )
    assert Person.get_by_id(ada.id).last_contact_at == april

    interactions.delete_interaction(april_chat.id)
    assert Person.get_by_id(ada.id).last_contact_at == march
    interactions.delete_interaction(march_call.id)
    assert Person.get_by_id(ada.id).last_contact_at == january
    interactions.delete_interaction(january_mail.id)
    assert Person.get_by_id(ada.id).last_contact_at is None


def test_last_contact_of_one_person_ignores_others():
    ada = _person()
    bob = _person(first_name="Bob")
    interactions.log_interaction(ada.id, occurred_at=datetime.datetime(2024, 1, 1), summary="x")
    interactions.log_interaction(bob.id, occurred_at=datetime.datetime(2025, 1, 1), summary="y")
    assert Person.get_by_id(ada.id).last_contact_at == datetime.datetime(2024, 1, 1)


def test_timeline_is_newest_first_with_channel_and_direction_values():
    ada = _person()
    interactions.log_interaction(
        ada.id, occurred_at=datetime.datetime(2024, 1, 1), channel="Phone call", summary="a"
    )
    interactions.log_interaction(
        ada.id,
        occurred_at=datetime.datetime(2024, 2, 1),
        channel="in person",
        direction="They contacted me",
        summary="b",
        application_id=_application().id,
    )
    timeline = people.person_timeline(ada.id)
    assert [(i.summary, i.channel, i.direction, i.application) for i in timeline] == [
        ("b", "in_person", "incoming", "Backend Engineer — Acme Corp"),
        ("a", "phone", "outgoing", ""),
    ]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"summary": "  ", "body": ""}, "summary"),
        ({"summary": "Call", "channel": "pigeon"}, "channel"),
        ({"summary": "Call", "direction": "sideways"}, "direction"),
    ],
)
def test_invalid_interaction_names_the_field_and_keeps_last_contact(kwargs, field):
    ada = _person()
    with pytest.raises(ValidationError) as caught:
        interactions.log_interaction(ada.id, **kwargs)
    assert caught.value.field == field
    assert Interaction.select().count() == 0
    assert Person.get_by_id(ada.id).last_contact_at is None


# --- Transactions --------------------------------------------------------------------


def test_a_failed_action_leaves_nothing_half_written():
    with pytest.raises(RuntimeError), transaction():
        _person(company="Acme Corp")
        _application(company="Acme Corp")
        raise RuntimeError("power cut")
    assert Person.select().count() == 0
    assert Company.select().count() == 0
    assert Application.select().count() == 0


# --- The models match the migrated schema -----------------------------------------------


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m._meta.table_name)
def test_model_columns_match_the_migrated_schema(model):
    table = model._meta.table_name
    info = db.execute_sql(f'PRAGMA table_info("{table}")').fetchall()
    assert info, f"table {table} is missing from the migrated schema"
    schema = {row[1]: {"notnull": bool(row[3]), "pk": bool(row[5])} for row in info}
    fields = {field.column_name: field for field in model._meta.sorted_fields}
    assert set(fields) == set(schema)
    for name, field in fields.items():
        # A model field that may be None must not meet a NOT NULL column, and vice versa.
        nullable_in_schema = not schema[name]["notnull"] and not schema[name]["pk"]
        assert field.null == nullable_in_schema, f"{table}.{name} nullability differs"
