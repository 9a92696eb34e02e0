"""The fields a note template can use, gathered for one person and application."""

import datetime

from desktop.clock import local_today
from desktop.playbook.settings import load_profile
from desktop.store import applications, people, skills
from desktop.vocabulary import HiringRole, Stage, person_name

#: Who is taken to have given the decision, when the application records it nowhere:
#: the first of these roles that someone linked to the application holds.
NEWS_GIVERS = (HiringRole.RECRUITER, HiringRole.HIRING_MANAGER, HiringRole.HR)

#: At most this many new skills go into a note, the newest (a note should stay brief).
MAX_NEW_SKILLS = 3


def long_date(value: datetime.date | None) -> str:
    """"12 March", with the year only when it is not this year."""
    if value is None:
        return ""
    if value.year == local_today().year:
        return f"{value.day} {value:%B}"
    return f"{value.day} {value:%B %Y}"


def news_giver_role(application_id: int) -> str:
    """The role of whoever is taken to have told the user the decision ("" if nobody).

    Rebound does not record who gave the news; a recruiter usually does, else the
    hiring manager, else HR (see :data:`NEWS_GIVERS`)."""
    held = {person.role for person in applications.involved_people(application_id)}
    return next((role.value for role in NEWS_GIVERS if role.value in held), "")


def build_context(person_id: int, application_id: int | None) -> dict:
    """Everything a template may refer to; optional values are empty strings, never None."""
    person = people.person_values(person_id)
    app = applications.application_values(application_id) if application_id else {}
    profile = load_profile()
    since = app.get("interviewed_on") or app.get("rejected_on") or app.get("applied_on")
    if application_id:
        role = applications.role_in(application_id, person_id)
        turned_down = app["stage"] == Stage.REJECTED or app.get("rejected_on") is not None
        told = bool(role) and turned_down and role == news_giver_role(application_id)
    else:
        role = person["hiring_role"]
        told = False
    return {
        "person": {
            "first_name": person["first_name"],
            "last_name": person["last_name"],
            "full_name": person_name(person["first_name"], person["last_name"]),
            "title": person["title"],
            "email": person["email"],
        },
        "company": app.get("company") or person["company"],
        "position": app.get("position", ""),
        "applied_on": long_date(app.get("applied_on")),
        "interviewed_on": long_date(app.get("interviewed_on")),
        "rejected_on": long_date(app.get("rejected_on")),
        "what_they_said": app.get("rejection_reason", ""),
        "stumped_questions": app.get("stumped_questions", ""),
        "should_have_mentioned": app.get("should_have_mentioned", ""),
        "skill_gaps": app.get("skill_gaps", ""),
        "hired_candidate": app.get("hired_candidate", ""),
        "recipient_role": role or "",
        "told_me_the_news": told,
        "me": {
            "name": profile.name,
            "first_name": profile.first_name,
            "signature": profile.signature,
            "email": profile.email,
            "phone": profile.phone,
            "linkedin": profile.linkedin,
        },
        "new_skills": _new_skills(person_id, application_id, since),
        "today": long_date(local_today()),
    }


def _new_skills(person_id: int, application_id: int | None,
                since: datetime.date | None) -> list[dict]:
    """What the user learned since the interview, for this person's notes.

    A skill logged against another application answers that company's questions,
    so it stays out; skills logged against no application are news for anyone.
    Without an application, the applications the person took part in count."""
    if application_id:
        relevant = {application_id}
    else:
        relevant = {app_id for app_id, _ in applications.applications_for_person(person_id)}
    found = [s for s in skills.skills_since(since)
             if s.application_id is None or s.application_id in relevant]
    return [
        {"what": s.what, "gap": s.gap, "learned_on": long_date(s.learned_on)}
        for s in found[-MAX_NEW_SKILLS:]
    ]
