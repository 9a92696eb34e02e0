"""The demo filler: proportions, search and last-contact bookkeeping must look like
real use, because the benchmarks and screenshots rely on it."""

import pytest

from desktop.devdata.demo import DemoRefused, fill_demo
from desktop.store import people
from desktop.store.companies import save_company
from desktop.store.connection import db
from desktop.store.models import Application, Company, Interaction, Involvement, Person
from desktop.vocabulary import Stage

N = 500


@pytest.fixture
def filled(store):
    return fill_demo(N, seed=7)


def test_counts_are_proportionate(filled):
    assert filled["people"] == Person.select().count() == N
    assert filled["companies"] == Company.select().count() == N // 10
    assert filled["applications"] == Application.select().count() == N // 5
    assert filled["interactions"] == Interaction.select().count()
    own = filled["interactions"] - filled["sent"] - filled["answered"]  # not follow-ups
    assert 1.5 * N <= own <= 2.5 * N
    assert filled["involvements"] == Involvement.select().count() >= N // 5
    assert filled["seconds"] >= 0


def test_stages_are_spread_and_rejections_say_why(filled):
    stages = {app.stage for app in Application.select(Application.stage)}
    assert {Stage.APPLIED, Stage.INTERVIEWING, Stage.REJECTED} <= stages
    rejected = list(Application.select().where(Application.stage == Stage.REJECTED))
    assert rejected
    assert all(app.rejected_on and app.rejected_on >= app.applied_on for app in rejected)
    assert all(app.skill_gaps for app in rejected)
    assert sum(bool(app.rejection_reason) for app in rejected) > len(rejected) / 2


def test_full_text_search_finds_a_generated_person(filled):
    person = Person.select().where(Person.company.is_null(False)).order_by(Person.id).get()
    typed = f"{person.first_name[:3]} {person.last_name}"
    assert people.count_people(typed) >= 1
    rows = people.person_rows(typed, "name", False, 0, 200)
    assert person.id in {row.id for row in rows}
    company_rows = people.person_rows(person.company.name, "name", False, 0, 200)
    assert person.id in {row.id for row in company_rows}


def test_accented_names_are_found_without_accents(filled):
    accented = Person.select().where(Person.first_name == "Zoë").count()
    assert accented, "seed 7 should produce at least one Zoë among 500 people"
    assert people.count_people("zoe") >= accented


def test_last_contact_is_the_newest_interaction(filled):
    mismatched = db.execute_sql(
        "SELECT count(*) FROM person p WHERE p.last_contact_at IS NOT "
        "(SELECT max(i.occurred_at) FROM interaction i WHERE i.person_id = p.id)"
    ).fetchone()[0]
    assert mismatched == 0
    assert Person.select().where(Person.last_contact_at.is_null(False)).count() > N / 2


def test_same_seed_same_people(store):
    fill_demo(50, seed=3)
    first = [(p.first_name, p.last_name, p.title) for p in Person.select().order_by(Person.id)]
    with db.atomic():
        for model in (Interaction, Involvement, Application, Person, Company):
            model.delete().execute()
    fill_demo(50, seed=3)
    again = [(p.first_name, p.last_name, p.title) for p in Person.select().order_by(Person.id)]
    assert first == again


def test_refuses_a_database_that_holds_data(store):
    save_company(None, {"name": "Acme"})
    with pytest.raises(DemoRefused, match="empty"):
        fill_demo(10)
    assert Person.select().count() == 0
    assert Company.select().count() == 1


def test_refuses_a_second_fill(filled):
    with pytest.raises(DemoRefused):
        fill_demo(10)
    assert Person.select().count() == N


def test_the_demo_plans_follow_ups_with_the_real_planner_and_lives_the_old_ones(store):
    """A spread of late, due, coming and done steps, notes sent with some answered:
    Today, the calendar and Insights have real work."""
    import datetime

    from desktop.clock import local_today
    from desktop.store.connection import db

    counts = fill_demo(600, seed=5)
    assert counts["steps"] > 0 and counts["sent"] > 0 and counts["answered"] > 0
    today = local_today().isoformat()

    def one(sql, *args):
        return db.execute_sql(sql, args).fetchone()[0]

    # Only the people of rejected applications have plans, as the planner makes them.
    assert one("SELECT count(*) FROM step s JOIN application a ON a.id = s.application_id "
               "WHERE a.stage <> 'rejected'") == 0
    assert one("SELECT count(*) FROM step WHERE status IN ('planned') AND due_on < ?",
               today) > 0  # late
    assert one("SELECT count(*) FROM step WHERE status = 'planned' AND due_on > ?", today) > 0
    assert one("SELECT count(*) FROM step WHERE status = 'skipped'") > 0
    # Every note sent is on the timeline, an e-mail the user sent, never before it was due.
    assert one("SELECT count(*) FROM step s LEFT JOIN interaction i ON i.id = s.interaction_id "
               "WHERE s.status = 'sent' AND (i.id IS NULL OR i.direction <> 'outgoing' "
               "OR date(i.occurred_at) < s.due_on)") == 0
    assert one("SELECT count(*) FROM interaction WHERE direction = 'incoming' "
               "AND outcome <> ''") == counts["answered"]
    newest = one("SELECT max(occurred_at) FROM interaction")
    assert str(newest)[:10] <= (local_today() + datetime.timedelta(days=1)).isoformat()


def test_the_demo_without_steps_plans_none(store):
    from desktop.store.connection import db

    counts = fill_demo(200, seed=5, steps=False)
    assert "steps" not in counts
    assert db.execute_sql("SELECT count(*) FROM step").fetchone()[0] == 0


def test_a_demo_of_2000_exports_a_calendar_with_events(tmp_path, rebound_cli):
    data, calendar = tmp_path / "data", tmp_path / "steps.ics"
    assert rebound_cli("--data-dir", data, "demo", "--people", "2000").returncode == 0
    done = rebound_cli("--data-dir", data, "export", "steps", "--format", "ics", "-o", calendar)
    assert done.returncode == 0, done.stderr
    assert calendar.read_text(encoding="utf-8").count("BEGIN:VEVENT") > 100
