"""The fields a template sees for a real person and application."""

import datetime

from desktop.playbook import templates
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


# --------------------------------------------------------------------------------------
# Ready-made fields (no database needed)


def test_ready_made_fields_read_well_mid_sentence():
    def field(source, context):
        return templates.render(("s", source), context).body

    # A lone last name is no way to greet someone.
    assert field("{{ greeting }}", {"person": {"last_name": "Whitfield"}}) == "Hello,"
    assert field("{{ the_role }}", {"position": "The Analyst"}) == "the Analyst role"
    assert field("{{ the_role_at_company }}", {"position": "Analyst", "company": "Acme"}) == (
        "the Analyst role at Acme")
    assert field("{{ the_role_at_company }}", {"company": "Acme"}) == "the role at Acme"
    assert field("{{ the_role_at_company }}", {}) == "the role"
    # A description of the person hired, rather than a name, reads mid-sentence.
    assert field("{{ hired_candidate }}", {"hired_candidate": "A producer from Oslo"}) == (
        "the producer from Oslo")
    assert field("{{ hired_candidate }}", {"hired_candidate": "Jordan Ellis"}) == "Jordan Ellis"
    # Who they are: "your team" only for the people on it.
    for role, team in (("hiring_manager", "your team|True"), ("interviewer", "your team|True"),
                       ("recruiter", "the team|False"), ("hr", "the team|False"),
                       ("", "the team|False")):
        assert field("{{ the_team }}|{{ interviewed_me }}", {"recipient_role": role}) == team
    assert field("{{ told_me_the_news }}", {}) == "False"
    # The interview notes, as typed, made ready for a sentence.
    notes = {
        "stumped_questions": '- Tell me about a "hard" project.\n- Why us?',
        "should_have_mentioned": "1. That I led the migration.\n2. My blog.",
        "skill_gaps": "SQL window functions\nstakeholder updates; Python; dbt",
    }
    assert field("{{ stumped_question }}", notes) == "Tell me about a 'hard' project"
    assert field("{{ what_i_didnt_mention }}", notes) == "that I led the migration"
    assert field("{{ the_gaps }}", notes) == (
        "SQL window functions, stakeholder updates and Python")
    assert field("{{ stumped_question }}{{ the_gaps }}{{ what_i_didnt_mention }}", {}) == ""


# --------------------------------------------------------------------------------------
# The sender's name and signature


def signature_for(name, signature):
    return templates.render(("s", "{{ my_signature }}"),
                            {"me": {"name": name, "signature": signature}}).body


def test_the_signature_goes_under_the_name_never_instead_of_it():
    assert signature_for("Sam Rivera", "+44 113 496 0000\nportfolio.example") == (
        "Sam Rivera\n+44 113 496 0000\nportfolio.example")
    assert signature_for("Sam Rivera", "") == "Sam Rivera"
    assert signature_for("", "portfolio.example") == "portfolio.example"
    assert signature_for("", "") == ""
    # A signature that already holds the name on a line of its own is not doubled.
    assert signature_for("Sam Rivera", "Sam Rivera\nportfolio.example\n\n") == (
        "Sam Rivera\nportfolio.example")
    assert signature_for("Sam Rivera", "SAM RIVERA\nportfolio.example") == (
        "SAM RIVERA\nportfolio.example")
    # A name merely mentioned in a longer line is not the name on its own.
    assert signature_for("Sam", "Sam Rivera Design Ltd") == "Sam\nSam Rivera Design Ltd"


def test_notes_are_signed_with_the_profile(store):
    from desktop.playbook import catalog

    save_settings(Profile(name="Sam Rivera", signature="+44 113 496 0000"),
                  load_playbook_settings())
    person = people.save_person(None, {"first_name": "Priya"})
    body = catalog.render_for(catalog.get_template("check_in"), person.id, None).body
    assert body.endswith("All the best,\nSam Rivera\n+44 113 496 0000")
    save_settings(Profile(), load_playbook_settings())
    body = catalog.render_for(catalog.get_template("check_in"), person.id, None).body
    assert body.endswith("All the best,")


# --------------------------------------------------------------------------------------
# Who the note is for, and who gave the news


def rejected_application(**fields):
    return applications.save_application(None, {
        "company": "Northwind", "position": "Analyst", "stage": "rejected",
        "rejected_on": datetime.date(2026, 3, 9), **fields})


def linked(app, first_name, role):
    person = people.save_person(None, {"first_name": first_name})
    applications.link_person(app.id, person.id, role)
    return person


def news(person, app):
    context = build_context(person.id, app.id if app else None)
    return context["recipient_role"], context["told_me_the_news"]


def test_the_recruiter_is_taken_to_have_given_the_news(store):
    app = rejected_application()
    manager = linked(app, "Priya", "hiring_manager")
    recruiter = linked(app, "Tom", "recruiter")
    interviewer = linked(app, "Aisha", "interviewer")
    assert news(recruiter, app) == ("recruiter", True)
    assert news(manager, app) == ("hiring_manager", False)
    assert news(interviewer, app) == ("interviewer", False)
    # Without a recruiter, the hiring manager; without either, HR.
    applications.unlink_person(app.id, recruiter.id)
    assert news(manager, app) == ("hiring_manager", True)
    applications.unlink_person(app.id, manager.id)
    hr = linked(app, "Ola", "hr")
    assert news(hr, app) == ("hr", True)
    assert news(interviewer, app) == ("interviewer", False)


def test_nobody_gave_news_that_was_never_given(store):
    app = applications.save_application(None, {"company": "Northwind", "position": "Analyst",
                                               "stage": "interviewing"})
    recruiter = linked(app, "Tom", "recruiter")
    assert news(recruiter, app) == ("recruiter", False)
    # Without an application (a check-in for someone going cold): their usual role.
    person = people.save_person(None, {"first_name": "Lee", "hiring_role": "recruiter"})
    assert news(person, None) == ("recruiter", False)
    stranger = people.save_person(None, {"first_name": "Kim"})
    assert news(stranger, None) == ("", False)


def test_what_the_user_noted_after_the_interview_reaches_the_notes(store):
    app = rejected_application(
        rejection_reason="They wanted more clinical data experience.",
        stumped_questions="How would you measure a reminder feature?\nWhy us?",
        should_have_mentioned="The churn dashboard I built.",
        skill_gaps="SQL window functions; FHIR")
    person = linked(app, "Priya", "hiring_manager")
    context = build_context(person.id, app.id)
    assert context["stumped_questions"].startswith("How would you measure")
    assert context["should_have_mentioned"] == "The churn dashboard I built."
    assert context["skill_gaps"] == "SQL window functions; FHIR"
    fields = templates.render(
        ("s", "{{ stumped_question }}|{{ what_i_didnt_mention }}|{{ the_gaps }}|"
              "{{ the_team }}|{{ interviewed_me }}"), context).body
    assert fields == ("How would you measure a reminder feature?|the churn dashboard I built|"
                      "SQL window functions and FHIR|your team|True")


def test_skills_for_another_application_stay_out_of_the_note(store):
    here = rejected_application(interviewed_on=datetime.date(2026, 3, 1))
    elsewhere = applications.save_application(None, {"company": "Brightpath",
                                                     "position": "Ops", "stage": "rejected"})
    person = linked(here, "Priya", "hiring_manager")
    skills.add_skill("learned dbt", datetime.date(2026, 4, 1), "dbt", here.id)
    skills.add_skill("learned forklift routing", datetime.date(2026, 4, 2), "routing",
                     elsewhere.id)
    skills.add_skill("gave a talk on dashboards", datetime.date(2026, 4, 3))
    found = [s["what"] for s in build_context(person.id, here.id)["new_skills"]]
    assert found == ["learned dbt", "gave a talk on dashboards"]
    # Without an application: the skills of the applications they took part in.
    found = [s["what"] for s in build_context(person.id, None)["new_skills"]]
    assert "learned forklift routing" not in found
    assert "learned dbt" in found
    # A note stays brief: the newest few.
    for day in range(5, 10):
        skills.add_skill(f"skill {day}", datetime.date(2026, 4, day))
    found = [s["what"] for s in build_context(person.id, here.id)["new_skills"]]
    assert found == ["skill 7", "skill 8", "skill 9"]
