"""Synthetic data: for trying Rebound out, for screenshots, and for measuring it at
100,000 people.

Everything is drawn from one ``random.Random(seed)``, so a seed always gives the
same people (dates are relative to the moment of filling). All rows go in with
multi-row INSERTs inside one ``transaction()``: one commit and one fsync instead
of one per row, while the person_search triggers still index every person.
Ids are given explicitly, which is safe only because the database is empty.
"""

import datetime
import functools
import random
import time
import unicodedata
from collections import defaultdict

from desktop.clock import utcnow
from desktop.store.choices import Channel, Direction, HiringRole, Stage
from desktop.store.connection import db, transaction
from desktop.store.models import Application, Company, Interaction, Involvement, Person


class DemoRefused(Exception):
    """The database already holds data; demo data is only ever added to an empty one."""


# --- Vocabulary --------------------------------------------------------------------

FIRST_NAMES = (
    "Aaliyah", "Adebayo", "Agnieszka", "Ahmed", "Aiko", "Aisha", "Alejandro", "Aleksandr",
    "Amara", "Ana", "Anders", "André", "Anh", "Ananya", "Arjun", "Astrid", "Ayşe", "Beatriz",
    "Benjamin", "Björn", "Camille", "Carlos", "Chen", "Chiara", "Chloé", "Chidi", "Daniel",
    "Dmitri", "Elena", "Elif", "Emeka", "Emily", "Émilie", "Erik", "Fatima", "Fatoumata",
    "Felipe", "François", "Freya", "Gabriel", "Grace", "Hana", "Hannah", "Hiroshi", "Ibrahim",
    "Ines", "Ingrid", "Isabella", "Ivan", "Jakub", "James", "Javier", "Jia", "João", "José",
    "Julia", "Kai", "Kavya", "Kenji", "Kofi", "Lars", "Layla", "Leila", "Liam", "Lucía", "Luis",
    "Łukasz", "Maël", "Malik", "Marco", "Margarida", "María", "Mariam", "Mark", "Marta",
    "Martin", "Martina", "Mateo", "Mei", "Mia", "Mohammed", "Nadia", "Naveen", "Nguyen",
    "Nia", "Niamh", "Nikolai", "Noah", "Noémie", "Oisín", "Olga", "Oliver", "Olivia", "Omar",
    "Priya", "Rafael", "Rahul", "Ravi", "Rosa", "Ruth", "Saanvi", "Samuel", "Sara", "Seo-yeon",
    "Siobhán", "Sofía", "Søren", "Sunita", "Takumi", "Tamar", "Thabo", "Thomas", "Tomás",
    "Wei", "Wiktoria", "Yara", "Yasmin", "Yuki", "Zainab", "Zoë", "Zofia",
)

LAST_NAMES = (
    "Abdullah", "Adeyemi", "Ahmed", "Akhtar", "Álvarez", "Andersen", "Bauer", "Becker",
    "Bianchi", "Brown", "Byrne", "Castillo", "Chen", "Choi", "Costa", "Dąbrowski", "da Silva",
    "de Jong", "Dubois", "Dupont", "Eriksson", "Fernández", "Fischer", "Fitzgerald",
    "García", "Gómez", "González", "Gupta", "Haddad", "Hansen", "Hernández", "Hoffmann",
    "Horvath", "Huang", "Ivanova", "Jansen", "Jensen", "Johansson", "Johnson", "Kaczmarek",
    "Kim", "Kowalski", "Kumar", "Larsen", "Laurent", "Lee", "Lewandowski", "Li", "Lindqvist",
    "Liu", "López", "Martin", "Martínez", "Mendes", "Meyer", "Mikkelsen", "Moreau", "Müller",
    "Murphy", "Nakamura", "Nguyen", "Nielsen", "Novák", "Nowak", "Núñez", "O'Brien",
    "Okafor", "Okonkwo", "Olsen", "Osei", "Park", "Patel", "Pereira", "Petrov", "Popescu",
    "Ramírez", "Reddy", "Richter", "Rodríguez", "Romano", "Rossi", "Sánchez", "Santos",
    "Sato", "Schmidt", "Schneider", "Shah", "Sharma", "Silva", "Singh", "Smith", "Sokolov",
    "Suzuki", "Svensson", "Szabó", "Takahashi", "Tanaka", "Taylor", "Thompson", "Tran",
    "Van den Berg", "Vargas", "Wagner", "Walsh", "Wang", "Watanabe", "Weber", "Williams",
    "Wiśniewski", "Wójcik", "Wu", "Yamamoto", "Y\u0131lmaz", "Yusuf", "Zhang", "Zhou", "Żak",
)

_SENIORITY = ("", "", "", "Senior ", "Senior ", "Lead ", "Principal ", "Junior ", "Staff ")
_DISCIPLINES = (
    "Software Engineer", "Backend Engineer", "Frontend Engineer", "Data Engineer",
    "Data Scientist", "Product Manager", "Product Designer", "UX Researcher",
    "DevOps Engineer", "Site Reliability Engineer", "QA Engineer", "Mobile Developer",
    "Machine Learning Engineer", "Security Engineer", "Solutions Architect", "Data Analyst",
)
_ROLE_TITLES = {
    HiringRole.RECRUITER: ("Technical Recruiter", "Talent Acquisition Partner", "Recruiter",
                           "Senior Recruiter", "Talent Sourcer"),
    HiringRole.HIRING_MANAGER: ("Engineering Manager", "Head of Engineering", "Director of Product",
                                "VP Engineering", "Team Lead", "CTO"),
    HiringRole.HR: ("HR Business Partner", "People Operations Manager", "HR Generalist",
                    "Head of People"),
}

#: (role, weight): the part a person usually plays in hiring.
_ROLE_WEIGHTS = (
    (HiringRole.RECRUITER, 24), (HiringRole.INTERVIEWER, 26), (HiringRole.HIRING_MANAGER, 14),
    (HiringRole.HR, 7), (HiringRole.REFERRER, 7), (HiringRole.OTHER, 5), (HiringRole.NONE, 17),
)

_COMPANY_PREFIXES = (
    "Blue", "Bright", "Cedar", "Clear", "Cloud", "Copper", "Crimson", "Deep", "Ever", "Fern",
    "First", "Granite", "Green", "Harbor", "High", "Iron", "Juniper", "Lake", "Light", "Lumen",
    "Maple", "Meridian", "Nimbus", "North", "Nova", "Oak", "Open", "Orbit", "Pine", "Polar",
    "Quartz", "Red", "River", "Silver", "Solar", "Stone", "Summit", "True", "Vertex", "Zephyr",
)
_COMPANY_ROOTS = (
    "arc", "base", "beam", "bridge", "byte", "cast", "core", "craft", "dale", "field", "flow",
    "forge", "gate", "grid", "harbor", "hive", "leaf", "line", "logic", "loop", "mark",
    "mind", "nest", "path", "peak", "point", "port", "scale", "shift", "signal", "spark",
    "sphere", "stack", "stream", "tide", "trail", "vault", "view", "wave", "works",
)
_COMPANY_SUFFIXES = (
    "", "", "", "Labs", "Systems", "Technologies", "Analytics", "Health", "Software",
    "Group", "Digital", "Robotics", "Energy", "Media", "Bank", "Logistics",
)
_INDUSTRIES = (
    "Software", "Fintech", "Healthcare", "E-commerce", "Education", "Logistics", "Gaming",
    "Media", "Energy", "Consulting", "Cybersecurity", "Biotech", "Retail", "Travel",
    "Public sector", "Telecommunications", "Insurance", "Automotive",
)
_LOCATIONS = (
    "London", "Berlin", "Amsterdam", "Dublin", "Paris", "Lisbon", "Madrid", "Barcelona",
    "Warsaw", "Kraków", "Stockholm", "Copenhagen", "Oslo", "Helsinki", "Zürich", "Vienna",
    "Prague", "Milan", "New York", "San Francisco", "Austin", "Seattle", "Toronto",
    "Montréal", "São Paulo", "Mexico City", "Lagos", "Nairobi", "Cape Town", "Bangalore",
    "Singapore", "Tokyo", "Seoul", "Sydney", "Remote",
)

#: (stage, weight, applied this many days ago at least, at most).
_STAGES = (
    (Stage.APPLIED, 22, 0, 60),
    (Stage.SCREENING, 10, 5, 90),
    (Stage.INTERVIEWING, 11, 10, 120),
    (Stage.FINAL_ROUND, 5, 20, 150),
    (Stage.OFFER, 2, 25, 180),
    (Stage.HIRED, 1, 30, 364),
    (Stage.REJECTED, 43, 5, 364),
    (Stage.WITHDRAWN, 6, 10, 364),
)
_INTERVIEWED_STAGES = {Stage.INTERVIEWING, Stage.FINAL_ROUND, Stage.OFFER, Stage.HIRED}
_SOURCES = ("LinkedIn", "Referral", "Company website", "Recruiter", "Indeed", "Meetup",
            "Hacker News", "Glassdoor", "Job fair")
_REJECTION_REASONS = (
    "We decided to move forward with candidates whose experience more closely matches the role.",
    "The team was looking for deeper experience with {skill}.",
    "Strong interview, but another candidate had more domain experience in {industry}.",
    "The position was filled internally.",
    "The role has been put on hold for budget reasons.",
    "Feedback: system design answers lacked depth on {skill}.",
    "They wanted someone who could start sooner.",
    "Not enough hands-on experience with {skill} at scale.",
    "Culture-add feedback was positive, but the take-home fell short on testing.",
    "",
)
_SKILLS = (
    "Kubernetes", "distributed systems", "Rust", "Go", "React", "TypeScript", "PostgreSQL",
    "data modelling", "stakeholder management", "machine learning in production", "AWS",
    "Terraform", "accessibility", "A/B testing", "Kafka", "system design", "Python packaging",
    "mobile release processes", "SQL performance tuning", "people management",
)
_STUMPED = (
    "How would you design a rate limiter for a public API?",
    "Tell me about a time you disagreed with your manager.",
    "Estimate how many messages per second the system would need to handle.",
    "How would you roll back a bad database migration?",
    "What would you do in your first 90 days?",
    "Walk me through debugging a memory leak in production.",
)
_LESSONS = (
    "Prepare two concrete stories about leading without authority.",
    "Practise whiteboard system design out loud, with timings.",
    "Ask about the team's on-call before the final round.",
    "Quantify impact: numbers, not adjectives.",
    "Research the product properly before the first call.",
    "Follow up within 24 hours with a thank-you note.",
)
_HOW_MET = (
    "Reached out on LinkedIn", "Interviewed me", "Met at a meetup", "Introduced by a friend",
    "Former colleague", "Met at a conference", "Recruiter call", "Alumni network",
    "Referred me for a role", "",
)
_PERSON_NOTES = (
    "", "", "", "", "Prefers e-mail over calls.", "Open to a coffee chat every few months.",
    "Said to check back when the new team opens.", "Very helpful with interview prep.",
    "Knows the hiring manager on the platform team.", "Moving to a new company soon.",
)

#: (channel, weight)
_CHANNEL_WEIGHTS = (
    (Channel.EMAIL, 45), (Channel.LINKEDIN, 18), (Channel.VIDEO, 14), (Channel.PHONE, 10),
    (Channel.MESSAGE, 6), (Channel.IN_PERSON, 5), (Channel.OTHER, 2),
)
_SUMMARIES = (
    "Thank-you note after the interview", "Asked for feedback on the {position} application",
    "Intro call about the {position} role", "Followed up on next steps",
    "Sent portfolio and references", "Coffee chat about the team at {company}",
    "Congratulated {first} on the new role", "Asked whether {company} is hiring again",
    "Shared an article on {skill}", "Scheduled the technical interview",
    "Feedback call after the rejection", "Checked in after a few months",
)
_BODIES = (
    "", "", "", "Thanks again for your time today. I enjoyed hearing about the team's plans.",
    "They suggested I brush up on {skill} and re-apply in six months.",
    "Promised to pass my CV on to the platform team.",
    "Good conversation; they will be in touch in two weeks.",
)

_CHUNK_VARIABLES = 30_000  # under SQLite's default limit of 32,766 bound parameters.
_PERSON_COMPANY_SHARE = 0.92  # the rest were met outside any company (meetups, friends).
_ASCII_FALLBACKS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae",
                                  "ß": "ss", "đ": "d", "\u0131": "i", "'": "", " ": ""})


# --- Entry point -------------------------------------------------------------------


def fill_demo(people: int, seed: int = 1) -> dict:
    """Fill an empty database with ``people`` synthetic people and what goes with them.

    Proportions: a company per ten people, an application per five, about two
    interactions per person. Returns the counts and the seconds taken.
    """
    started = time.perf_counter()
    if people < 0:
        raise DemoRefused(f"Cannot make {people} people; give a number of 0 or more.")
    _refuse_unless_empty()
    rng = random.Random(seed)
    now = utcnow().replace(microsecond=0)

    companies = _companies(rng, round(people / 10) if people else 0, now)
    persons, employees = _people(rng, people, companies, now)
    applications = _applications(rng, round(people / 5), companies, now)
    involvements, person_apps = _involvements(rng, applications, employees, persons, now)
    interactions = _interactions(rng, persons, person_apps, applications, companies, now)
    _set_last_contact(persons, interactions)

    columns = _column_order()
    with transaction():
        for model, rows in (
            (Company, companies),
            (Person, persons),
            (Application, applications),
            (Involvement, involvements),
            (Interaction, interactions),
        ):
            _insert(model, columns[model], rows)
    return {
        "people": len(persons),
        "companies": len(companies),
        "applications": len(applications),
        "involvements": len(involvements),
        "interactions": len(interactions),
        "seconds": round(time.perf_counter() - started, 2),
    }


def _refuse_unless_empty() -> None:
    for model, what in ((Company, "companies"), (Person, "people"), (Application, "applications")):
        if model.select().exists():
            raise DemoRefused(
                f"The database already holds {what}; demo data only goes into an empty "
                "database. Use a new data folder (--data-dir) to try the demo."
            )


# --- Rows ----------------------------------------------------------------------------
# Rows are dicts keyed by column name while they are built, turned into tuples in
# column order at insert time.


def _column_order() -> dict:
    return {
        model: [field.column_name for field in model._meta.sorted_fields]
        for model in (Company, Person, Application, Involvement, Interaction)
    }


def _insert(model, columns: list[str], rows: list[dict]) -> None:
    """Multi-row INSERTs, as many rows per statement as SQLite's parameter limit allows.

    Plain SQL through the cursor: Peewee's insert_many builds a node per value,
    which costs more than the database work at this size.
    """
    if not rows:
        return
    # Columns the generator does not fill (added by later migrations) take their defaults.
    columns = [name for name in columns if name in rows[0]]
    per_chunk = max(1, _CHUNK_VARIABLES // len(columns))
    quoted = ", ".join(f'"{name}"' for name in columns)
    row_marks = "(" + ", ".join("?" * len(columns)) + ")"
    cursor = db.cursor()
    for start in range(0, len(rows), per_chunk):
        chunk = rows[start : start + per_chunk]
        sql = (
            f'INSERT INTO "{model._meta.table_name}" ({quoted}) VALUES '
            + ", ".join([row_marks] * len(chunk))
        )
        cursor.execute(sql, [row[name] for row in chunk for name in columns])


def _timestamps(created: datetime.datetime, updated: datetime.datetime | None = None) -> dict:
    return {"created_at": created, "updated_at": updated or created}


@functools.cache
def _ascii(text: str) -> str:
    """A name as it would appear in an e-mail address: no accents, spaces or apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_FALLBACKS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _company_names(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct names (ignoring case, as the unique index does) from word parts."""
    combos = [
        (prefix, root, suffix)
        for prefix in _COMPANY_PREFIXES
        for root in _COMPANY_ROOTS
        for suffix in dict.fromkeys(_COMPANY_SUFFIXES)
    ]
    rng.shuffle(combos)
    names, seen, round_ = [], set(), 1
    while len(names) < count:
        for prefix, root, suffix in combos:
            name = f"{prefix}{root}"
            if round_ > 1:
                name = f"{name} {round_}"
            if suffix:
                name = f"{name} {suffix}"
            if name.lower() not in seen:
                seen.add(name.lower())
                names.append(name)
                if len(names) == count:
                    break
        round_ += 1
    return names


def _companies(rng: random.Random, count: int, now: datetime.datetime) -> list[dict]:
    rows = []
    for company_id, name in enumerate(_company_names(rng, count), start=1):
        slug = _ascii(name)
        created = now - datetime.timedelta(days=rng.randint(30, 400), seconds=rng.randint(0, 86399))
        rows.append({
            "id": company_id,
            **_timestamps(created),
            "name": name,
            "website": f"https://www.{slug}.example",
            "industry": rng.choice(_INDUSTRIES),
            "location": rng.choice(_LOCATIONS),
            "notes": rng.choice(("", "", "", "Glassdoor reviews mention good mentoring.",
                                 "Hybrid: two days a week in the office.",
                                 "Engineering blog is worth reading before interviews.")),
        })
    return rows


def _title(rng: random.Random, role: HiringRole) -> str:
    titles = _ROLE_TITLES.get(role)
    if titles and rng.random() < 0.85:
        return rng.choice(titles)
    return rng.choice(_SENIORITY) + rng.choice(_DISCIPLINES)


def _people(rng: random.Random, count: int, companies: list[dict], now: datetime.datetime):
    """The people, and which of them work at each company (company id -> person rows)."""
    roles = [role for role, _ in _ROLE_WEIGHTS]
    role_weights = [weight for _, weight in _ROLE_WEIGHTS]
    # A few big employers (a few hundred people) and a long tail of small ones.
    company_weights = [rng.lognormvariate(0.0, 1.1) for _ in companies]
    employers = (
        rng.choices(companies, weights=company_weights, k=count) if companies else [None] * count
    )
    employees = defaultdict(list)
    rows = []
    for person_id in range(1, count + 1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        role = rng.choices(roles, role_weights)[0]
        company = employers[person_id - 1] if rng.random() < _PERSON_COMPANY_SHARE else None
        domain = _ascii(company["name"]) + ".example" if company else "mail.example"
        handle = f"{_ascii(first)}.{_ascii(last)}"
        created = now - datetime.timedelta(days=rng.randint(0, 365), seconds=rng.randint(0, 86399))
        row = {
            "id": person_id,
            **_timestamps(created),
            "first_name": first,
            "last_name": last,
            "company_id": company["id"] if company else None,
            "title": _title(rng, role),
            "hiring_role": role.value,
            "email": f"{handle}{rng.randint(1, 99) if not company else ''}@{domain}"
            if rng.random() < 0.85 else "",
            "phone": f"+1 555-01{rng.randint(0, 99):02d}" if rng.random() < 0.35 else "",
            "linkedin_url": f"https://www.linkedin.com/in/{handle.replace('.', '-')}-{person_id:x}"
            if rng.random() < 0.55 else "",
            "how_met": rng.choice(_HOW_MET),
            "notes": rng.choice(_PERSON_NOTES),
            "last_contact_at": None,
        }
        rows.append(row)
        if company:
            employees[company["id"]].append(row)
    return rows, employees


def _applications(
    rng: random.Random, count: int, companies: list[dict], now: datetime.datetime
) -> list[dict]:
    if not companies:
        return []
    stages = [stage for stage, *_ in _STAGES]
    weights = [weight for _, weight, *_ in _STAGES]
    ranges = {stage: (low, high) for stage, _, low, high in _STAGES}
    today = now.date()
    rows = []
    for app_id in range(1, count + 1):
        company = rng.choice(companies)
        stage = rng.choices(stages, weights)[0]
        low, high = ranges[stage]
        days_ago = rng.randint(low, high)
        applied = today - datetime.timedelta(days=days_ago)
        interviewed = rejected = None
        if stage in _INTERVIEWED_STAGES or (stage == Stage.REJECTED and rng.random() < 0.5):
            wait = datetime.timedelta(days=rng.randint(3, max(3, min(30, days_ago))))
            interviewed = min(applied + wait, today)
        if stage == Stage.REJECTED:
            since = interviewed or applied
            rejected = min(today, since + datetime.timedelta(days=rng.randint(1, 21)))
        skill = rng.choice(_SKILLS)
        created = min(now, datetime.datetime.combine(applied, datetime.time(rng.randint(7, 22))))
        updated = datetime.datetime.combine(rejected or interviewed or applied, datetime.time(23))
        row = {
            "id": app_id,
            **_timestamps(created, min(updated, now)),
            "company_id": company["id"],
            "position": rng.choice(_SENIORITY) + rng.choice(_DISCIPLINES),
            "job_url": f"https://careers.{_ascii(company['name'])}.example/jobs/{app_id}",
            "source": rng.choice(_SOURCES),
            "stage": stage.value,
            "applied_on": applied,
            "interviewed_on": interviewed,
            "rejected_on": rejected,
            "rejection_reason": "",
            "stumped_questions": "",
            "should_have_mentioned": "",
            "skill_gaps": "",
            "lessons": "",
            "hired_candidate": "",
            "notes": rng.choice(("", "", "Salary band shared on the first call.",
                                 "Four-stage process: screen, tech, system design, values.")),
        }
        if stage == Stage.REJECTED:
            row["rejection_reason"] = rng.choice(_REJECTION_REASONS).format(
                skill=skill, industry=company["industry"].lower()
            )
            row["skill_gaps"] = ", ".join(rng.sample(_SKILLS, rng.randint(1, 3)))
            if interviewed:
                row["stumped_questions"] = rng.choice(_STUMPED)
                row["should_have_mentioned"] = f"My project work with {rng.choice(_SKILLS)}."
            row["lessons"] = rng.choice(_LESSONS) if rng.random() < 0.7 else ""
            row["hired_candidate"] = rng.choice(("", "", "Internal candidate",
                                                 "Someone with more domain experience"))
        rows.append(row)
    return rows


def _involvements(rng, applications, employees, persons, now):
    """Link one to four people to each application: the company's own staff when it has
    any, otherwise a referrer from anywhere. Returns the rows and person id -> app ids."""
    rows, person_apps = [], defaultdict(list)
    involvement_id = 0
    for app in applications:
        staff = employees.get(app["company_id"]) or []
        wanted = rng.randint(1, 4)
        chosen = rng.sample(staff, min(wanted, len(staff))) if staff else [rng.choice(persons)]
        for person in chosen:
            role = person["hiring_role"] or HiringRole.INTERVIEWER.value
            if not staff:
                role = HiringRole.REFERRER.value
            involvement_id += 1
            rows.append({
                "id": involvement_id,
                **_timestamps(min(app["created_at"] + datetime.timedelta(days=2), now)),
                "application_id": app["id"],
                "person_id": person["id"],
                "role": role,
            })
            person_apps[person["id"]].append(app["id"])
    return rows, person_apps


def _interactions(rng, persons, person_apps, applications, companies, now):
    """About two per person (none for some, up to four), tied to their applications
    when they took part in one."""
    channels = [channel for channel, _ in _CHANNEL_WEIGHTS]
    channel_weights = [weight for _, weight in _CHANNEL_WEIGHTS]
    counts = rng.choices((0, 1, 2, 3, 4), (15, 24, 25, 20, 16), k=len(persons))
    company_names = {company["id"]: company["name"] for company in companies}
    year = 365 * 86400
    rows = []
    for person, how_many in zip(persons, counts, strict=True):
        apps = person_apps.get(person["id"], ())
        for _ in range(how_many):
            app = applications[rng.choice(apps) - 1] if apps and rng.random() < 0.7 else None
            if app is not None:
                start = datetime.datetime.combine(app["applied_on"], datetime.time(8))
                span = max(60, int((now - start).total_seconds()))
                occurred = start + datetime.timedelta(seconds=rng.randrange(span))
                occurred = min(occurred, now)
                position = app["position"]
                company = company_names[app["company_id"]]
            else:
                occurred = now - datetime.timedelta(seconds=rng.randrange(year))
                position = "open"
                company = company_names.get(person["company_id"], "their company")
            skill = rng.choice(_SKILLS)
            direction = Direction.OUTGOING if rng.random() < 0.6 else Direction.INCOMING
            fill = {"position": position, "company": company, "first": person["first_name"],
                    "skill": skill}
            rows.append({
                "id": len(rows) + 1,
                **_timestamps(occurred),
                "person_id": person["id"],
                "application_id": app["id"] if app else None,
                "occurred_at": occurred,
                "channel": rng.choices(channels, channel_weights)[0].value,
                "direction": direction.value,
                "summary": rng.choice(_SUMMARIES).format(**fill),
                "body": rng.choice(_BODIES).format(**fill),
            })
    return rows


def _set_last_contact(persons: list[dict], interactions: list[dict]) -> None:
    """What ``refresh_last_contact`` would store, computed before the rows go in."""
    for interaction in interactions:
        person = persons[interaction["person_id"] - 1]
        occurred = interaction["occurred_at"]
        newest = person["last_contact_at"]
        if newest is None or occurred > newest:
            person["last_contact_at"] = occurred
            person["updated_at"] = max(person["updated_at"], occurred)
        # Nobody is contacted before they were added.
        person["created_at"] = min(person["created_at"], occurred)

