"""The fields a template sees for a real person and application."""

import datetime

from desktop.playbook.context import build_context, long_date
from desktop.playbook.settings import Profile, load_playbook_settings, save_settings
from desktop.store import applications, people, skills


def test_context_for_a_person_and_their_application(store):
    save_settings(Profile(name="Sam Rivera", signature="Sam Rivera\nportfolio.example"),
                  load_playbook_settings())
    app = applications.save_application(None, {
        "company": "Northwind", "position": "Analyst", "stage": "rejected",
        "interviewed_on": datetime.date(2026, 3, 1), "rejected_on": datetime.date(2026, 3, 9),
        "rejection_reason": "More clinical data experience."})
    person = people.save_person(None, {"first_name": "Priya", "email": "p@example.com"})
    skills.add_skill("finished an SQL course", datetime.date(2026, 4, 2), "window functions")
    skills.add_skill("older skill", datetime.date(2026, 2, 1), "")
    context = build_context(person.id, app.id)
    assert context["person"]["first_name"] == "Priya"
    assert context["person"]["last_name"] == ""
    assert context["company"] == "Northwind"
    assert context["position"] == "Analyst"
    assert context["what_they_said"] == "More clinical data experience."
    assert context["rejected_on"] == long_date(datetime.date(2026, 3, 9))
    assert context["me"]["first_name"] == "Sam"
    # Only what was learned since the interview.
    assert [s["what"] for s in context["new_skills"]] == ["finished an SQL course"]


def test_long_dates_drop_the_year_only_this_year():
    today = datetime.date.today()
    assert long_date(today.replace(day=1)) == f"1 {today:%B}"
    assert long_date(datetime.date(2001, 7, 4)) == "4 July 2001"
    assert long_date(None) == ""
