"""What the Today view reads, written as SQL over a plain ``sqlite3`` connection.

One set of queries for two callers: the window's first frame, drawn from a
read-only connection of its own before Peewee has loaded (``playbook.today``,
``boot`` rule 7), and every later reading, through the open store's connection
(``steps`` hands its own to these same functions). Rows come back as the
records ``steps`` gives elsewhere, with dates turned into dates.
"""

import datetime
import json
import sqlite3
from typing import NamedTuple

from desktop.store.schema_v7 import SENT
from desktop.store.stored_values import stored_date, stored_datetime
from desktop.vocabulary import OPEN_STEP_STATUSES, Outcome, StepStatus, person_name

_OPEN = tuple(status.value for status in OPEN_STEP_STATUSES)
_OPEN_MARKS = ", ".join("?" * len(_OPEN))

# Records are NamedTuples rather than frozen dataclasses: this module loads before
# the first frame (``desktop.ui.startup.boot``, rule 4).


class StepRow(NamedTuple):
    """A step with what the Today view and the composer show about it."""

    id: int
    kind: str
    due_on: datetime.date
    status: str
    person_id: int
    person_name: str
    email: str
    application_id: int | None
    position: str
    company: str
    template_key: str
    draft_subject: str
    draft_body: str
    skip_reason: str

    @property
    def is_open(self) -> bool:
        return StepStatus(self.status).is_open


class ColdContact(NamedTuple):
    person_id: int
    name: str
    company: str
    last_contact_at: datetime.datetime | None
    months: int


class Results(NamedTuple):
    """What the follow-ups led to, for the Today view's summary line."""

    sent: int
    replied: int
    conversations: int
    interviews: int
    offers: int


def _between(after: datetime.date | None, until: datetime.date) -> tuple[str, tuple]:
    """The WHERE clause (and its values) of open steps due in (after, until]."""
    where = f"status IN ({_OPEN_MARKS}) AND due_on <= ?"
    values = (*_OPEN, until.isoformat())
    if after is None:
        return where, values
    return f"{where} AND due_on > ?", (*values, after.isoformat())


def count_open_between(conn: sqlite3.Connection, after: datetime.date | None,
                       until: datetime.date) -> int:
    """How many open steps are due after ``after`` (None: however long ago) and on
    or before ``until``."""
    where, values = _between(after, until)
    return conn.execute(f"SELECT count(*) FROM step WHERE {where}", values).fetchone()[0]


def open_steps_between(conn: sqlite3.Connection, after: datetime.date | None,
                       until: datetime.date, limit: int | None = None,
                       offset: int = 0) -> list[StepRow]:
    """The open steps due after ``after`` (None: however long ago) and on or before
    ``until``, earliest first; one page of ``limit`` of them (Today reads what fits,
    not all of them), or all."""
    where, values = _between(after, until)
    # The page's ids first, from the index alone; then the joins, for those rows only.
    return step_rows(conn, (
        f"s.id IN (SELECT id FROM step WHERE {where} ORDER BY due_on, id LIMIT ? OFFSET ?)",
        (*values, -1 if limit is None else limit, offset)))


def step_rows(conn: sqlite3.Connection, condition: tuple[str, tuple]) -> list[StepRow]:
    """The steps matching ``condition`` (SQL over the step as ``s``, and its values),
    with their person, application and company, earliest first."""
    where, values = condition
    rows = conn.execute(
        "SELECT s.id, s.kind, s.due_on, s.status, p.id, p.first_name, p.last_name, "
        "p.email, a.id, a.position, c.name, s.template_key, s.draft_subject, "
        "s.draft_body, s.skip_reason "
        "FROM step s JOIN person p ON p.id = s.person_id "
        "LEFT JOIN application a ON a.id = s.application_id "
        "LEFT JOIN company c ON c.id = a.company_id "
        f"WHERE {where} ORDER BY s.due_on, s.id", values)
    return [StepRow(step_id, kind, stored_date(due), status, person_id,
                    person_name(first, last) or email, email, app_id, position or "",
                    company or "", template_key, subject, body, skip_reason)
            for (step_id, kind, due, status, person_id, first, last, email, app_id, position,
                 company, template_key, subject, body, skip_reason) in rows]


def people_going_cold(conn: sqlite3.Connection, today: datetime.date, default_months: int,
                      quiet_until: datetime.date, limit: int = 50) -> list[ColdContact]:
    """People from your applications not contacted for longer than their check-in cadence,
    coldest first: those never contacted, then by oldest last contact.

    Those with a step already due by ``quiet_until`` are left out: they are listed there.
    Both queries walk the ``last_contact_at`` index and stop early, so this stays quick
    with 100,000 people.
    """
    # Nobody's cadence is shorter than a month, so later contacts cannot be cold.
    latest_possible = str(datetime.datetime.combine(today, datetime.time())
                          - datetime.timedelta(days=28))

    def query(condition: str, since: str, order: str, rows: int) -> list[tuple]:
        # Correlated EXISTS: checked per candidate through an index, never built whole.
        return conn.execute(
            "SELECT p.id, p.first_name, p.last_name, p.email, c.name, p.last_contact_at, "
            "COALESCE(p.checkin_months, :months) "
            "FROM person p LEFT JOIN company c ON c.id = p.company_id "
            f"WHERE {condition} "
            "AND EXISTS (SELECT 1 FROM involvement i WHERE i.person_id = p.id) "
            "AND NOT EXISTS (SELECT 1 FROM step s WHERE s.person_id = p.id "
            f"AND s.status IN ({', '.join(f':open{n}' for n in range(len(_OPEN)))}) "
            "AND s.due_on <= :quiet) "
            f"AND date({since}, printf('+%d months', COALESCE(p.checkin_months, :months))) "
            f"<= :today ORDER BY {order} LIMIT :limit",
            {"months": default_months, "latest": latest_possible,
             "quiet": quiet_until.isoformat(), "today": today.isoformat(), "limit": rows,
             **{f"open{n}": status for n, status in enumerate(_OPEN)}}).fetchall()

    # Oldest first by id (the order they were added), which the index already holds.
    found = query("p.last_contact_at IS NULL AND p.created_at <= :latest",
                  "p.created_at", "p.id", limit)
    if len(found) < limit:
        found += query("p.last_contact_at <= :latest", "p.last_contact_at",
                       "p.last_contact_at", limit - len(found))
    return [ColdContact(person_id, person_name(first, last) or email, company or "",
                        stored_datetime(contacted), months)
            for person_id, first, last, email, company, contacted, months in found]


def follow_up_results(conn: sqlite3.Connection) -> Results:
    """Notes sent so far, and how many contacts had each outcome: a few rows of the
    tally the store keeps as they are saved (``schema_v7``)."""
    counts = dict(conn.execute("SELECT what, n FROM follow_up_tally"))
    return Results(counts.get(SENT, 0), counts.get(Outcome.REPLIED, 0),
                   counts.get(Outcome.CONVERSATION, 0), counts.get(Outcome.INTERVIEW, 0),
                   counts.get(Outcome.OFFER, 0))


def stored_format(conn: sqlite3.Connection) -> int:
    """The data format the file was saved in (``data_format.SCHEMA_VERSION``'s kind)."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


def stored_setting(conn: sqlite3.Connection, key: str) -> object:
    """The JSON value kept under ``key`` in the settings table; None when there is
    none or it cannot be read as JSON."""
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    try:
        return json.loads(row[0]) if row else None
    except ValueError:
        return None
