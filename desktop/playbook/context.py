"""The fields a note template can use, gathered for one person and application."""

import datetime

from desktop.clock import local_today
from desktop.playbook.settings import load_profile
from desktop.store import applications, people, skills


def long_date(value: datetime.date | None) -> str:
    """"12 March", with the year only when it is not this year."""
    if value is None:
        return ""
    if value.year == local_today().year:
        return f"{value.day} {value:%B}"
    return f"{value.day} {value:%B %Y}"


def build_context(person_id: int, application_id: int | None) -> dict:
    """Everything a template may refer to; optional values are empty strings, never None."""
    person = people.person_values(person_id)
    app = applications.application_values(application_id) if application_id else {}
    profile = load_profile()
    since = app.get("interviewed_on") or app.get("rejected_on") or app.get("applied_on")
    return {
        "person": {
            "first_name": person["first_name"],
            "last_name": person["last_name"],
            "full_name": " ".join(p for p in (person["first_name"], person["last_name"]) if p),
            "title": person["title"],
            "email": person["email"],
        },
        "company": app.get("company") or person["company"],
        "position": app.get("position", ""),
        "applied_on": long_date(app.get("applied_on")),
        "interviewed_on": long_date(app.get("interviewed_on")),
        "rejected_on": long_date(app.get("rejected_on")),
        "what_they_said": app.get("rejection_reason", ""),
        "hired_candidate": app.get("hired_candidate", ""),
        "me": {
            "name": profile.name,
            "first_name": profile.first_name,
            "signature": profile.signature,
            "email": profile.email,
            "phone": profile.phone,
            "linkedin": profile.linkedin,
        },
        # Skills since the interview (all of them when there is no application).
        "new_skills": [
            {"what": s.what, "gap": s.gap, "learned_on": long_date(s.learned_on)}
            for s in skills.skills_since(since)
        ],
        "today": long_date(local_today()),
    }
