"""Who a note is from and for, as the tone check needs them: the recipient's names
and company, the sender's name, and where to look up everyone else.

Everyone else is looked up when a greeting names someone (through the people
search index), not loaded: a composer opens as fast with 100,000 people.
"""

from desktop.playbook import tone
from desktop.playbook.settings import load_profile
from desktop.store import applications, people


def note_people(person_id: int, application_id: int | None = None) -> tone.People:
    person = people.person_values(person_id)
    company = person["company"]
    if application_id is not None:
        company = applications.application_values(application_id).get("company") or company
    recipient = tone.Contact(person["first_name"], person["last_name"], company)
    return tone.People(recipient, sender=load_profile().name,
                       companies=applications.applied_companies(), find_person=_someone_named)


def _someone_named(name: str) -> tone.Contact | None:
    found = people.people_named(name, limit=1)
    return tone.Contact(*found[0]) if found else None
