"""What the follow-ups achieved, computed in SQL: the funnel from notes sent to
offers, what feedback requests yielded, response rates and days to a reply, the
doors kept open, and the applications month by month.

A note counts as answered when its person wrote back (any incoming contact) within
``ANSWER_DAYS`` of it; how far it went is the best outcome logged in that time
(a reply, a conversation, an interview, an offer). The notes and their answers are
worked out once per reading (``notes_sent``: two index lookups per note); each
figure is then one query over that table or over indexed columns, for the window
and ``rebound insights`` alike.
"""

import datetime
from contextlib import contextmanager

from desktop.store.connection import db

#: How long after a note a contact from that person counts as its answer.
ANSWER_DAYS = 90
#: How far each outcome goes: a funnel counts the answers that went at least so far.
_RANK = ("CASE j.outcome WHEN 'offer' THEN 4 WHEN 'interview' THEN 3 "
         "WHEN 'conversation' THEN 2 ELSE 1 END")
#: The notes sent since :since, each with the best outcome of its answers (0: none),
#: the time of its first answer and its person's role in the application. Worked out
#: once per reading into a temporary table (``notes_sent``): every figure below reads it.
_NOTES_SENT = f"""
CREATE TEMP TABLE insight_notes AS
WITH sent AS (
    SELECT s.id, s.kind, i.person_id, i.occurred_at AS sent_at, s.application_id,
           coalesce(nullif(v.role, ''), nullif(p.hiring_role, ''), 'other') AS role
    FROM step s
    JOIN interaction i ON i.id = s.interaction_id
    JOIN person p ON p.id = i.person_id
    LEFT JOIN involvement v ON v.application_id = s.application_id
                           AND v.person_id = s.person_id
    WHERE s.status = 'sent' AND i.occurred_at >= :since
)
SELECT sent.*, max(CASE WHEN j.id IS NULL THEN 0 ELSE {_RANK} END) AS best,
       min(j.occurred_at) AS first_answer
FROM sent LEFT JOIN interaction j
  ON j.person_id = sent.person_id AND j.direction = 'incoming'
 AND j.occurred_at > sent.sent_at
 AND j.occurred_at <= datetime(sent.sent_at, '+{ANSWER_DAYS} days')
GROUP BY sent.id"""
_SENT = "WITH notes AS (SELECT * FROM temp.insight_notes)"


@contextmanager
def notes_sent(since: datetime.date):
    """The notes sent since ``since``, with their answers, for the figures read
    inside this block (one pass over the contacts instead of one per figure)."""
    db.execute_sql("DROP TABLE IF EXISTS temp.insight_notes")
    _rows(_NOTES_SENT, since)
    try:
        yield
    finally:
        db.execute_sql("DROP TABLE IF EXISTS temp.insight_notes")


def _rows(sql: str, since: datetime.date) -> list[tuple]:
    return db.execute_sql(sql.replace(":since", "?"), (since.isoformat(),)
                          * sql.count(":since")).fetchall()


def funnel(since: datetime.date) -> list[tuple[str, int, int, int, int, int]]:
    """(kind, sent, replied, conversations, interviews, offers) per step kind."""
    return _rows(f"""{_SENT}
        SELECT kind, count(*), sum(best >= 1), sum(best >= 2), sum(best >= 3), sum(best >= 4)
        FROM notes GROUP BY kind ORDER BY count(*) DESC""", since)


def response_by(group: str, since: datetime.date) -> list[tuple[str, int, int, float | None]]:
    """(kind or role, sent, answered, median days to the first answer) — ``group`` is
    "kind" or "role"."""
    column = {"kind": "kind", "role": "role"}[group]
    return _rows(f"""{_SENT}, answered AS (
            SELECT {column} AS grp,
                   julianday(first_answer) - julianday(sent_at) AS days
            FROM notes WHERE first_answer IS NOT NULL
        ), ranked AS (
            SELECT grp, days, row_number() OVER (PARTITION BY grp ORDER BY days) AS n,
                   count(*) OVER (PARTITION BY grp) AS total
            FROM answered
        ), medians AS (
            SELECT grp, round(avg(days), 1) AS median FROM ranked
            WHERE n IN ((total + 1) / 2, (total + 2) / 2) GROUP BY grp
        )
        SELECT notes.{column}, count(*), sum(best >= 1), medians.median
        FROM notes LEFT JOIN medians ON medians.grp = notes.{column}
        GROUP BY notes.{column} ORDER BY count(*) DESC""", since)


def thank_you_within_a_day(since: datetime.date) -> tuple[int, int]:
    """(thank-you notes sent, of them within a day of the rejection)."""
    sent, quick = _rows(f"""{_SENT}
        SELECT count(*), coalesce(sum(julianday(date(notes.sent_at))
                                      - julianday(a.rejected_on) <= 1), 0)
        FROM notes JOIN application a ON a.id = notes.application_id
        WHERE notes.kind = 'thank_you' AND a.rejected_on IS NOT NULL""", since)[0]
    return sent, quick


def feedback_by_company(since: datetime.date, limit: int = 20) -> list[tuple[str, int, int]]:
    """(company, feedback requests sent, answered), the most asked first."""
    return _rows(f"""{_SENT}
        SELECT c.name, count(*), sum(best >= 1) FROM notes
        JOIN application a ON a.id = notes.application_id
        JOIN company c ON c.id = a.company_id
        WHERE notes.kind = 'feedback' GROUP BY c.id ORDER BY count(*) DESC, c.name
        LIMIT {int(limit)}""", since)


def feedback_by_recruiter(since: datetime.date, limit: int = 20
                          ) -> list[tuple[str, str, str, int, int]]:
    """(first name, last name, e-mail, requests sent, answered) for recruiters."""
    return _rows(f"""{_SENT}
        SELECT p.first_name, p.last_name, p.email, count(*), sum(best >= 1) FROM notes
        JOIN person p ON p.id = notes.person_id
        WHERE notes.kind = 'feedback' AND notes.role = 'recruiter'
        GROUP BY p.id ORDER BY count(*) DESC, p.last_name LIMIT {int(limit)}""", since)


def feedback_answers(since: datetime.date, per_company: int = 5
                     ) -> list[tuple[str, str, str, str, str]]:
    """(company, answered at, first name, last name, what they said) — the first answer
    to each feedback request, the newest few per company."""
    return _rows(f"""{_SENT}, said AS (
            SELECT c.name AS company, j.occurred_at AS at, p.first_name, p.last_name,
                   coalesce(nullif(j.summary, ''), j.body) AS words,
                   row_number() OVER (PARTITION BY c.id ORDER BY j.occurred_at DESC) AS n
            FROM notes
            JOIN interaction j ON j.person_id = notes.person_id
                              AND j.occurred_at = notes.first_answer
                              AND j.direction = 'incoming'
            JOIN person p ON p.id = notes.person_id
            JOIN application a ON a.id = notes.application_id
            JOIN company c ON c.id = a.company_id
            WHERE notes.kind = 'feedback'
        )
        SELECT company, at, first_name, last_name, words FROM said
        WHERE n <= {int(per_company)} ORDER BY company, at DESC""", since)


def skill_gap_themes(since: datetime.date, limit: int = 15) -> list[tuple[str, int]]:
    """(skill gap, applications naming it) from the reflections' "Skill gaps", split
    at semicolons, commas and line ends, most named first."""
    return _rows(f"""
        WITH RECURSIVE parts(application, rest, gap) AS (
            SELECT id, replace(replace(skill_gaps, char(10), ';'), ',', ';') || ';', ''
            FROM application
            WHERE skill_gaps <> '' AND coalesce(applied_on, date(created_at)) >= :since
            UNION ALL
            SELECT application, substr(rest, instr(rest, ';') + 1),
                   lower(trim(substr(rest, 1, instr(rest, ';') - 1)))
            FROM parts WHERE rest <> ''
        )
        SELECT gap, count(DISTINCT application) FROM parts WHERE gap <> ''
        GROUP BY gap ORDER BY count(DISTINCT application) DESC, gap
        LIMIT {int(limit)}""", since)


def doors_kept_open(since: datetime.date) -> int:
    """People who wrote back within 90 days of being part of a rejection."""
    return _rows(f"""
        SELECT count(DISTINCT v.person_id) FROM involvement v
        JOIN application a ON a.id = v.application_id
        WHERE a.stage = 'rejected' AND a.rejected_on >= :since AND EXISTS (
            SELECT 1 FROM interaction j WHERE j.person_id = v.person_id
            AND j.direction = 'incoming' AND date(j.occurred_at) >= a.rejected_on
            AND date(j.occurred_at) <= date(a.rejected_on, '+{ANSWER_DAYS} days'))""",
                 since)[0][0]


def applications_by_month(since: datetime.date) -> list[tuple[str, str, int]]:
    """(month "2026-10", stage, applications) by the month applied."""
    return _rows("""
        SELECT strftime('%Y-%m', coalesce(applied_on, created_at)) AS month, stage, count(*)
        FROM application WHERE coalesce(applied_on, date(created_at)) >= :since
        GROUP BY month, stage ORDER BY month, stage""", since)
