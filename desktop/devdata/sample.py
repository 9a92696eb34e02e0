"""A small, realistic example for a new user to explore: Help → Load sample data,
and Help → Remove sample data to take exactly it away again.

Dates are relative to today so the example always looks current. It goes only
into an empty database: it must never mix with someone's real contacts. What it
added is remembered by id, so removing it leaves everything the user added since.
"""

from datetime import date, datetime, time, timedelta

from desktop.clock import from_local, local_today
from desktop.store.connection import transaction
from desktop.store.models import (
    Application,
    Company,
    Interaction,
    Involvement,
    Person,
    Skill,
    Step,
)
from desktop.store.settings import get_setting, set_setting


class SampleRefused(Exception):
    """The database already holds data; the sample would mix with it."""


class NoSample(Exception):
    """There is no sample data to remove."""


#: The setting that remembers the ids of what the sample added.
SAMPLE_KEY = "sample_data"


def is_empty() -> bool:
    return not (Company.select().exists() or Person.select().exists()
                or Application.select().exists())


_COMPANIES = {
    "northwind": dict(name="Northwind Health", website="https://northwind-health.example",
                      industry="Healthcare software", location="Leeds",
                      notes="Patient-reminder products for GP surgeries. Small, kind team."),
    "brightpath": dict(name="Brightpath Logistics", website="https://brightpath.example",
                       industry="Logistics", location="Rotterdam"),
    "fernhill": dict(name="Fernhill Studios", website="https://fernhill.example",
                     industry="Games", location="Remote",
                     notes="Makes cosy puzzle games. Producer track starts junior."),
    "cobalt": dict(name="Cobalt Ledger", website="https://cobalt-ledger.example",
                   industry="Fintech", location="Dublin"),
}

_PEOPLE = {
    "priya": dict(first_name="Priya", last_name="Raman", company="northwind",
                  title="Head of Product Analytics", hiring_role="hiring_manager",
                  email="priya.raman@northwind-health.example",
                  how_met="Led my second and final interview"),
    "tom": dict(first_name="Tom", last_name="Becker", company="northwind",
                title="Talent Partner", hiring_role="recruiter",
                email="tom.becker@northwind-health.example", phone="+44 113 496 0123",
                how_met="Reached out about the Product Analyst role"),
    "aisha": dict(first_name="Aisha", last_name="Okafor", company="northwind",
                  title="Senior Data Analyst", hiring_role="interviewer",
                  linkedin_url="https://www.linkedin.com/in/aisha-okafor-example",
                  how_met="Ran the SQL exercise"),
    "lars": dict(first_name="Lars", last_name="de Vries", company="brightpath",
                 title="Operations Director", hiring_role="hiring_manager",
                 email="lars.devries@brightpath.example"),
    "maya": dict(first_name="Maya", last_name="Lindqvist", company="fernhill",
                 title="Studio Producer", hiring_role="hiring_manager",
                 email="maya@fernhill.example", how_met="Interviewed me for Junior Producer",
                 notes="Mentioned they may open a producer role next year."),
    "daniel": dict(first_name="Daniel", last_name="Kim", company="cobalt",
                   title="Analytics Engineer", hiring_role="referrer",
                   email="daniel.kim@cobalt-ledger.example",
                   how_met="We studied statistics together"),
}


def _days_ago(days: int) -> date:
    return local_today() - timedelta(days=days)


def _at(days: int, hour: int) -> datetime:
    """A stored timestamp ``days`` ago at ``hour`` o'clock local time."""
    return from_local(datetime.combine(_days_ago(days), time(hour)))


_APPLICATIONS = {
    "analyst": dict(
        company="northwind", position="Product Analyst", stage="rejected",
        job_url="https://northwind-health.example/careers/product-analyst",
        source="Recruiter reached out", applied_on=38, interviewed_on=12, rejected_on=5,
        furthest_stage="final_round",
        rejection_reason="They chose someone with more experience of clinical data, "
        "and said my case study was one of the strongest they saw.",
        stumped_questions="How would you measure whether a patient-reminder feature works?",
        should_have_mentioned="The churn dashboard I built, which cut reporting time by half.",
        skill_gaps="SQL window functions; clinical data standards such as FHIR.",
        lessons="Prepare one metrics story for each product area named in the job ad.",
    ),
    "ops": dict(
        company="brightpath", position="Operations Data Specialist", stage="final_round",
        source="LinkedIn", applied_on=21, interviewed_on=3,
    ),
    "producer": dict(
        company="fernhill", position="Junior Producer", stage="rejected",
        source="Company website", applied_on=150, interviewed_on=130, rejected_on=124,
        furthest_stage="final_round",
        rejection_reason="The team worried the role would not stretch me enough.",
        should_have_mentioned="That I wanted the role to learn how live games are run.",
        lessons="Say plainly why a smaller role is the one I want.",
        hired_candidate="A producer from a mobile studio",
    ),
    "data_analyst": dict(
        company="cobalt", position="Data Analyst", stage="applied",
        source="Referral from Daniel", applied_on=3,
    ),
    "bi": dict(
        company="cobalt", position="BI Developer", stage="withdrawn",
        source="Job board", applied_on=60,
        notes="Withdrew: the role was mostly report maintenance.",
    ),
}

_INVOLVEMENTS = (
    ("analyst", "priya", "hiring_manager"),
    ("analyst", "tom", "recruiter"),
    ("analyst", "aisha", "interviewer"),
    ("ops", "lars", "hiring_manager"),
    ("producer", "maya", "hiring_manager"),
    ("data_analyst", "daniel", "referrer"),
)

# (person, application, days ago, hour, channel, direction, summary, body)
_INTERACTIONS = (
    ("tom", "analyst", 40, 10, "phone", "incoming",
     "Tom called about the Product Analyst opening", ""),
    ("priya", "analyst", 12, 14, "video", "outgoing", "Final interview with Priya",
     "Case study on appointment no-shows; she asked about measuring reminder impact."),
    ("aisha", "analyst", 19, 11, "video", "outgoing", "SQL exercise with Aisha", ""),
    ("tom", "analyst", 5, 16, "email", "incoming", "Tom let me know they chose someone else",
     "Thanks for your time and energy throughout the process..."),
    ("lars", "ops", 3, 9, "in_person", "outgoing", "Final round at the Rotterdam office", ""),
    ("maya", "producer", 124, 15, "email", "incoming", "Maya turned the application down", ""),
    ("maya", "producer", 122, 9, "email", "outgoing",
     "Thanked Maya and said what the role would have taught me", ""),
    ("maya", "producer", 120, 17, "email", "incoming", "Maya was glad I wrote",
     "She said few candidates reply after a no, and to keep in touch."),
    ("maya", "producer", 117, 10, "email", "outgoing",
     "Asked Maya what would have made the difference", ""),
    ("maya", "producer", 111, 13, "email", "incoming",
     "Maya's feedback: more hands-on live-ops experience",
     "She offered a call with the live team's lead to hear how they run events."),
    ("daniel", "data_analyst", 4, 19, "message", "outgoing",
     "Asked Daniel whether he would refer me", "He said yes and sent the link."),
)


# What the user learned since each interview, and the gap it closes ("you asked about
# <gap>; since then I <what>"): check-in notes draw on these, each only in notes about
# its own application.
_SKILLS = (
    ("took a short course and rewrote my churn queries with window functions", 8,
     "my experience with SQL window functions", "analyst"),
    ("built a small FHIR demo app with public test data", 3,
     "clinical data standards such as FHIR", "analyst"),
    ("ran the weekly live events for a friend's indie game for two months", 60, "",
     "producer"),
)

# Notes of the Fernhill plan already sent: (person, application, kind, the contact
# logged when it went). Maya answered both; Insights counts them.
_SENT_STEPS = (
    ("maya", "producer", "thank_you", "Thanked Maya and said what the role would have taught me"),
    ("maya", "producer", "feedback", "Asked Maya what would have made the difference"),
)
#: What Maya's answers led to, as the user marked them.
_OUTCOMES = {"Maya was glad I wrote": "replied",
             "Maya's feedback: more hands-on live-ops experience": "conversation"}

# (person, application, kind, days from today, status): the Northwind plan as the
# playbook makes it, plus Maya's check-in from the older rejection.
_STEPS = (
    ("priya", "analyst", "thank_you", -4, "planned"),
    ("tom", "analyst", "thank_you", -4, "planned"),
    ("aisha", "analyst", "thank_you", -4, "planned"),
    ("tom", "analyst", "feedback", 2, "planned"),
    ("priya", "analyst", "network", 9, "planned"),
    ("priya", "analyst", "hire_watch", 85, "planned"),
    ("priya", "analyst", "check_in", 79, "planned"),
    ("tom", "analyst", "check_in", 87, "planned"),
    ("aisha", "analyst", "check_in", 72, "planned"),
    ("maya", "producer", "check_in", -2, "planned"),
)


def load_sample_data() -> dict:
    """Fill an empty database with the example; returns how many of each were added."""
    with transaction():
        if not is_empty():
            raise SampleRefused(
                "Sample data goes only into an empty database, so it never mixes with "
                "your own. Your data has not been changed."
            )
        companies = {key: Company.create(**fields) for key, fields in _COMPANIES.items()}
        people = {
            key: Person.create(**{**fields, "company": companies[fields["company"]]})
            for key, fields in _PEOPLE.items()
        }
        applications = {}
        for key, fields in _APPLICATIONS.items():
            values = dict(fields, company=companies[fields["company"]])
            for name in ("applied_on", "interviewed_on", "rejected_on"):
                if name in values:
                    values[name] = _days_ago(values[name])
            applications[key] = Application.create(**values)
        for app_key, person_key, role in _INVOLVEMENTS:
            Involvement.create(application=applications[app_key], person=people[person_key],
                               role=role)
        contacts = {}
        for person, app, days, hour, channel, direction, summary, body in _INTERACTIONS:
            contacts[summary] = Interaction.create(
                person=people[person], application=applications[app],
                occurred_at=_at(days, hour), channel=channel, direction=direction,
                summary=summary, body=body, outcome=_OUTCOMES.get(summary, ""))
        for person in people.values():
            newest = max(i.occurred_at for i in person.interactions)
            Person.update(last_contact_at=newest).where(Person.id == person.id).execute()
        for what, days, gap, app in _SKILLS:
            Skill.create(what=what, learned_on=_days_ago(days), gap=gap,
                         application=applications[app])
        for person, app, kind, days, status in _STEPS:
            Step.create(person=people[person], application=applications[app], kind=kind,
                        due_on=local_today() + timedelta(days=days), status=status)
        for person, app, kind, summary in _SENT_STEPS:
            sent = contacts[summary]
            Step.create(person=people[person], application=applications[app], kind=kind,
                        due_on=sent.occurred_at.date(), status="sent", interaction=sent,
                        done_at=sent.occurred_at)
        set_setting(SAMPLE_KEY, {
            "companies": [c.id for c in companies.values()],
            "people": [p.id for p in people.values()],
            "applications": [a.id for a in applications.values()],
            "skills": [s.id for s in Skill.select(Skill.id)],
        })
    return {"companies": len(companies), "people": len(people),
            "applications": len(applications), "interactions": len(_INTERACTIONS)}


def remove_sample_data() -> dict:
    """Remove what ``load_sample_data`` added, with what hangs on it (their notes,
    plans and timeline); returns how many of each went, and how many companies
    stayed because something of the user's is at them. Raises NoSample."""
    with transaction():
        added = get_setting(SAMPLE_KEY)
        if not added:
            raise NoSample("There is no sample data to remove.")
        people = Person.delete().where(Person.id.in_(added["people"])).execute()
        applications = Application.delete().where(
            Application.id.in_(added["applications"])).execute()
        Skill.delete().where(Skill.id.in_(added["skills"])).execute()
        in_use = (Company.id.in_(Person.select(Person.company).where(Person.company.is_null(False)))
                  | Company.id.in_(Application.select(Application.company)))
        unused = Company.select(Company.id).where(Company.id.in_(added["companies"]) & ~in_use)
        companies = Company.delete().where(Company.id.in_(unused)).execute()
        set_setting(SAMPLE_KEY, None)
    return {"people": people, "applications": applications, "companies": companies,
            "companies kept": len(added["companies"]) - companies}
