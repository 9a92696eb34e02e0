"""What the follow-ups achieved, computed in SQL: the funnel from notes sent to
offers, what feedback requests yielded, response rates and days to a reply, the
doors kept open, and the applications month by month.

A note counts as answered when its person wrote back (any incoming contact) within
``ANSWER_DAYS`` of it; how far it went is the best outcome logged in that time
(a reply, a conversation, an interview, an offer). The notes and their answers are
kept on each sent step by the triggers of format 6 (``schema_v6``), so each figure
is one query over the notes sent, for the window and ``rebound insights`` alike.
"""

import datetime

from desktop.store.connection import db
from desktop.store.schema_v6 import ANSWER_DAYS, APPLIED_MONTH_DAY

#: The notes sent since :since with what each led to, as the triggers of format 6 keep
#: it on the step (``best``: 0 none, 1 a reply, 2 a conversation, 3 an interview,
#: 4 an offer; ``role``: the person's part).
_SENT = """WITH notes AS (
    SELECT s.id, s.kind, s.person_id, s.application_id, s.sent_at, s.sent_role AS role,
           s.answer_rank AS best, s.answered_at AS first_answer
    FROM step s WHERE s.sent_at IS NOT NULL AND s.sent_at >= :since)"""
#: Notes sent since :since, by kind or by role: read from that group's index alone.
_GROUP_COLUMN = {"kind": "kind", "role": "sent_role"}
_IN_WINDOW = "sent_at IS NOT NULL AND sent_at >= :since"


def _rows(sql: str, since: datetime.date) -> list[tuple]:
    return db.execute_sql(sql.replace(":since", "?"), (since.isoformat(),)
                          * sql.count(":since")).fetchall()


def funnel(since: datetime.date) -> list[tuple[str, int, int, int, int, int]]:
    """(kind, sent, replied, conversations, interviews, offers) per step kind."""
    return _rows(f"""
        SELECT kind, count(*), sum(answer_rank >= 1), sum(answer_rank >= 2),
               sum(answer_rank >= 3), sum(answer_rank >= 4)
        FROM step WHERE {_IN_WINDOW}
        GROUP BY kind ORDER BY count(*) DESC, kind""", since)


def response_by(group: str, since: datetime.date, counts: list[tuple] | None = None
                ) -> list[tuple[str, int, int, float | None]]:
    """(kind or role, sent, answered, median days to the first answer) — ``group`` is
    "kind" or "role"; ``counts`` ((group, sent, answered), most sent first) when the
    caller has them already (the funnel counts by kind).

    Each group's median is read by walking its index in order of days to the answer
    to the middle (one or two rows), rather than sorting every answer."""
    column = _GROUP_COLUMN[group]
    if counts is None:
        counts = _rows(f"""
            SELECT {column}, count(*), sum(answer_rank >= 1) FROM step
            WHERE {_IN_WINDOW}
            GROUP BY {column} ORDER BY count(*) DESC, {column}""", since)
    middle = f"""SELECT round(avg(answer_days), 1) FROM (
        SELECT answer_days FROM step
        WHERE {column} = ? AND answer_days IS NOT NULL AND {_IN_WINDOW.replace(":since", "?")}
        ORDER BY answer_days LIMIT ? OFFSET ?)"""
    return [(key, sent, answered,
             db.execute_sql(middle, (key, since.isoformat(), 2 - answered % 2,
                                     (answered - 1) // 2)).fetchone()[0]
             if answered else None)
            for key, sent, answered in counts]


def thank_you_within_a_day(since: datetime.date) -> tuple[int, int]:
    """(thank-you notes sent, of them within a day of the rejection)."""
    sent, quick = _rows(f"""{_SENT}
        SELECT count(*), coalesce(sum(julianday(date(notes.sent_at))
                                      - julianday(a.rejected_on) <= 1), 0)
        FROM notes JOIN application a ON a.id = notes.application_id
        WHERE notes.kind = 'thank_you' AND a.rejected_on IS NOT NULL""", since)[0]
    return sent, quick


def feedback_by_company(since: datetime.date, limit: int = 20
                        ) -> list[tuple[int, str, int, int]]:
    """(company id, name, feedback requests sent, answered), the most asked first."""
    return _rows(f"""{_SENT}
        SELECT c.id, c.name, count(*), sum(best >= 1) FROM notes
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


def feedback_answers(since: datetime.date, companies: list[int], per_company: int = 5
                     ) -> list[tuple[str, str, str, str, str]]:
    """(company, answered at, first name, last name, what they said) — the first answer
    to each feedback request, the newest few per company, for ``companies`` (ids)."""
    if not companies:
        return []
    among = ", ".join(str(int(company)) for company in companies)
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
            WHERE notes.kind = 'feedback' AND a.company_id IN ({among})
        )
        SELECT company, at, first_name, last_name, words FROM said
        WHERE n <= {int(per_company)} ORDER BY company, at DESC""", since)


def skill_gap_themes(since: datetime.date, limit: int = 15) -> list[tuple[str, int]]:
    """(skill gap, applications naming it) from the reflections' "Skill gaps", split
    at semicolons, commas and line ends (a closing full stop dropped), most named first."""
    return _rows(f"""
        WITH RECURSIVE parts(application, rest, gap) AS (
            SELECT id, replace(replace(skill_gaps, char(10), ';'), ',', ';') || ';', ''
            FROM application
            WHERE skill_gaps <> '' AND {APPLIED_MONTH_DAY} >= :since
            UNION ALL
            SELECT application, substr(rest, instr(rest, ';') + 1),
                   lower(trim(substr(rest, 1, instr(rest, ';') - 1), ' .'))
            FROM parts WHERE rest <> ''
        )
        SELECT gap, count(DISTINCT application) FROM parts WHERE gap <> ''
        GROUP BY gap ORDER BY count(DISTINCT application) DESC, gap
        LIMIT {int(limit)}""", since)


def doors_kept_open(since: datetime.date) -> int:
    """People who wrote within 90 days after being part of a rejection (from the day
    after: the message saying no is not a door kept open)."""
    return _rows(f"""
        SELECT count(DISTINCT v.person_id) FROM involvement v
        JOIN application a ON a.id = v.application_id
        WHERE a.stage = 'rejected' AND a.rejected_on >= :since AND EXISTS (
            SELECT 1 FROM interaction j WHERE j.person_id = v.person_id
            AND j.direction = 'incoming' AND j.occurred_at >= date(a.rejected_on, '+1 day')
            AND j.occurred_at < date(a.rejected_on, '+{ANSWER_DAYS + 1} days'))""",
                 since)[0][0]


def applications_by_month(since: datetime.date) -> list[tuple[str, str, int]]:
    """(month "2026-10", stage, applications) by the month applied."""
    return _rows(f"""
        SELECT substr({APPLIED_MONTH_DAY}, 1, 7) AS month, stage, count(*)
        FROM application WHERE {APPLIED_MONTH_DAY} >= :since
        GROUP BY month, stage ORDER BY month, stage""", since)
