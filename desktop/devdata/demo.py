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
from desktop.devdata import demo_words as words
from desktop.store.connection import db, transaction
from desktop.store.models import Application, Company, Interaction, Involvement, Person
from desktop.vocabulary import REACHED_STAGES, Direction, HiringRole, Stage


class DemoRefused(Exception):
    """The database already holds data; demo data is only ever added to an empty one."""


# --- Vocabulary --------------------------------------------------------------------

_CHUNK_VARIABLES = 30_000  # under SQLite's default limit of 32,766 bound parameters.
_PERSON_COMPANY_SHARE = 0.92  # the rest were met outside any company (meetups, friends).
_ASCII_FALLBACKS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae",
                                  "ß": "ss", "đ": "d", "\u0131": "i", "'": "", " ": ""})


# --- Entry point -------------------------------------------------------------------


def fill_demo(people: int, seed: int = 1, steps: bool = True) -> dict:
    """Fill an empty database with ``people`` synthetic people and what goes with them.

    Proportions: a company per ten people, an application per five, about two
    interactions per person. With ``steps``, the rejected applications' follow-ups
    are planned by the real planner and the old ones handled (``demo_plan``).
    Returns the counts and the seconds taken.
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
        lived = {}
        if steps:
            from desktop.clock import local_today
            from desktop.devdata.demo_plan import plan_and_live

            lived = plan_and_live(rng, local_today(), now)
    return {
        "people": len(persons),
        "companies": len(companies),
        "applications": len(applications),
        "involvements": len(involvements),
        # the timeline's contacts, the follow-ups sent and answered included
        "interactions": len(interactions) + lived.get("sent", 0) + lived.get("answered", 0),
        **lived,
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
        for prefix in words.COMPANY_PREFIXES
        for root in words.COMPANY_ROOTS
        for suffix in dict.fromkeys(words.COMPANY_SUFFIXES)
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
            "industry": rng.choice(words.INDUSTRIES),
            "location": rng.choice(words.LOCATIONS),
            "notes": rng.choice(("", "", "", "Glassdoor reviews mention good mentoring.",
                                 "Hybrid: two days a week in the office.",
                                 "Engineering blog is worth reading before interviews.")),
        })
    return rows


def _title(rng: random.Random, role: HiringRole) -> str:
    titles = words.ROLE_TITLES.get(role)
    if titles and rng.random() < 0.85:
        return rng.choice(titles)
    return rng.choice(words.SENIORITY) + rng.choice(words.DISCIPLINES)


def _people(rng: random.Random, count: int, companies: list[dict], now: datetime.datetime):
    """The people, and which of them work at each company (company id -> person rows)."""
    roles = [role for role, _ in words.ROLE_WEIGHTS]
    role_weights = [weight for _, weight in words.ROLE_WEIGHTS]
    # A few big employers (a few hundred people) and a long tail of small ones.
    company_weights = [rng.lognormvariate(0.0, 1.1) for _ in companies]
    employers = (
        rng.choices(companies, weights=company_weights, k=count) if companies else [None] * count
    )
    employees = defaultdict(list)
    rows = []
    for person_id in range(1, count + 1):
        first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
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
            "how_met": rng.choice(words.HOW_MET),
            "notes": rng.choice(words.PERSON_NOTES),
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
    stages = [stage for stage, *_ in words.STAGES]
    weights = [weight for _, weight, *_ in words.STAGES]
    ranges = {stage: (low, high) for stage, _, low, high in words.STAGES}
    today = now.date()
    rows = []
    for app_id in range(1, count + 1):
        company = rng.choice(companies)
        stage = rng.choices(stages, weights)[0]
        low, high = ranges[stage]
        days_ago = rng.randint(low, high)
        applied = today - datetime.timedelta(days=days_ago)
        interviewed = rejected = None
        if stage in words.INTERVIEWED_STAGES or (stage == Stage.REJECTED and rng.random() < 0.5):
            wait = datetime.timedelta(days=rng.randint(3, max(3, min(30, days_ago))))
            interviewed = min(applied + wait, today)
        if stage == Stage.REJECTED:
            since = interviewed or applied
            rejected = min(today, since + datetime.timedelta(days=rng.randint(1, 21)))
        skill = rng.choice(words.SKILLS)
        created = min(now, datetime.datetime.combine(applied, datetime.time(rng.randint(7, 22))))
        updated = datetime.datetime.combine(rejected or interviewed or applied, datetime.time(23))
        row = {
            "id": app_id,
            **_timestamps(created, min(updated, now)),
            "company_id": company["id"],
            "position": rng.choice(words.SENIORITY) + rng.choice(words.DISCIPLINES),
            "job_url": f"https://careers.{_ascii(company['name'])}.example/jobs/{app_id}",
            "source": rng.choice(words.SOURCES),
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
            "furthest_stage": _furthest(rng, stage, interviewed),
            "notes": rng.choice(("", "", "Salary band shared on the first call.",
                                 "Four-stage process: screen, tech, system design, values.")),
        }
        if stage == Stage.REJECTED:
            row["rejection_reason"] = rng.choice(words.REJECTION_REASONS).format(
                skill=skill, industry=company["industry"].lower()
            )
            row["skill_gaps"] = ", ".join(rng.sample(words.SKILLS, rng.randint(1, 3)))
            if interviewed:
                row["stumped_questions"] = rng.choice(words.STUMPED)
                row["should_have_mentioned"] = f"My project work with {rng.choice(words.SKILLS)}."
            row["lessons"] = rng.choice(words.LESSONS) if rng.random() < 0.7 else ""
            row["hired_candidate"] = rng.choice(("", "", "Internal candidate",
                                                 "Someone with more domain experience"))
        rows.append(row)
    return rows


def _furthest(rng: random.Random, stage: Stage, interviewed) -> str:
    """How far the process went: its stage while open; for a rejection after an
    interview, the interviews, the final round or (rarely) the offer stage."""
    if stage in REACHED_STAGES:
        return stage.value
    if interviewed is None:
        return rng.choice((Stage.APPLIED, Stage.SCREENING)).value
    return rng.choices((Stage.INTERVIEWING, Stage.FINAL_ROUND, Stage.OFFER),
                       (60, 30, 10))[0].value


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
    channels = [channel for channel, _ in words.CHANNEL_WEIGHTS]
    channel_weights = [weight for _, weight in words.CHANNEL_WEIGHTS]
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
            skill = rng.choice(words.SKILLS)
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
                "summary": rng.choice(words.SUMMARIES).format(**fill),
                "body": rng.choice(words.BODIES).format(**fill),
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

