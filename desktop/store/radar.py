"""The runner-up radar's readings: earlier processes at a company or with a person,
who took part in them and what has passed between you since, and the companies
where the user reached the last rounds.

Each reading is a handful of indexed queries, whatever the size of the data: the
radar is shown as the user types a company name."""

import datetime
from typing import NamedTuple

from desktop.store.connection import db
from desktop.store.stored_values import stored_date, stored_datetime
from desktop.vocabulary import LAST_ROUNDS, OPEN_STEP_STATUSES, Stage

_CLOSED = (Stage.REJECTED.value, Stage.WITHDRAWN.value)
_OPEN = tuple(status.value for status in OPEN_STEP_STATUSES)


def _marks(values: tuple) -> str:
    return ", ".join("?" * len(values))


class PastProcess(NamedTuple):
    """An application that ended: how far it went and what they said."""

    application_id: int
    company_id: int
    company: str
    position: str
    stage: str
    furthest_stage: str
    applied_on: datetime.date | None
    rejected_on: datetime.date | None
    rejection_reason: str
    hired_candidate: str


class PastContact(NamedTuple):
    """Someone met in an earlier process, and what has passed between you since."""

    person_id: int
    first_name: str
    last_name: str
    email: str
    role: str
    application_id: int
    last_contact_at: datetime.datetime | None
    notes_sent: int
    last_note_at: datetime.datetime | None
    #: How far the notes sent to them went (0 unanswered, 1 a reply ... 4 an offer).
    best_answer: int
    last_heard_at: datetime.datetime | None
    last_words: str
    next_due_on: datetime.date | None
    next_kind: str
    #: They wrote after the day the process ended (the no itself does not count).
    heard_since: bool


_PROCESS = """SELECT a.id, c.id, c.name, a.position, a.stage, a.furthest_stage, a.applied_on,
    a.rejected_on, a.rejection_reason, a.hired_candidate
    FROM application a JOIN company c ON c.id = a.company_id"""


def _processes(where: str, params: tuple) -> list[PastProcess]:
    rows = db.execute_sql(
        f"""{_PROCESS} WHERE a.stage IN ({_marks(_CLOSED)}) AND {where}
        ORDER BY coalesce(a.rejected_on, a.applied_on, date(a.created_at)) DESC, a.id DESC""",
        (*_CLOSED, *params)).fetchall()
    return [PastProcess(*row[:6], stored_date(row[6]), stored_date(row[7]), *row[8:])
            for row in rows]


def processes_at(company_id: int, excluding: int | None = None) -> list[PastProcess]:
    """The processes that ended at this company, newest first (not ``excluding``)."""
    return _processes("a.company_id = ? AND a.id IS NOT ?", (company_id, excluding))


def processes_with(person_id: int, excluding: int | None = None) -> list[PastProcess]:
    """The processes that ended in which this person took part (not ``excluding``)."""
    return _processes(
        "a.id IN (SELECT application_id FROM involvement WHERE person_id = ?) AND a.id IS NOT ?",
        (person_id, excluding))


def people_from(application_ids: list[int], person_id: int | None = None
                ) -> list[PastContact]:
    """Who took part in these processes (or only ``person_id``), with the notes sent to
    them, their best answer, their last words to you and the next step planned."""
    if not application_ids:
        return []
    apps = _marks(tuple(application_ids))
    only = "AND v.person_id = ?" if person_id is not None else ""
    rows = db.execute_sql(f"""
        SELECT p.id, p.first_name, p.last_name, p.email, v.role, v.application_id,
               p.last_contact_at,
               (SELECT count(*) FROM step s WHERE s.person_id = p.id
                 AND s.sent_at IS NOT NULL),
               (SELECT max(s.sent_at) FROM step s WHERE s.person_id = p.id
                 AND s.sent_at IS NOT NULL),
               (SELECT coalesce(max(s.answer_rank), 0) FROM step s WHERE s.person_id = p.id
                 AND s.sent_at IS NOT NULL),
               heard.occurred_at, coalesce(nullif(heard.summary, ''), heard.body, ''),
               next.due_on, coalesce(next.kind, ''),
               EXISTS (SELECT 1 FROM interaction j WHERE j.person_id = p.id
                       AND j.direction = 'incoming'
                       AND j.occurred_at >= date(a.rejected_on, '+1 day'))
        FROM involvement v JOIN person p ON p.id = v.person_id
        JOIN application a ON a.id = v.application_id
        LEFT JOIN interaction heard ON heard.id = (
            SELECT j.id FROM interaction j WHERE j.person_id = p.id
            AND j.direction = 'incoming' ORDER BY j.occurred_at DESC LIMIT 1)
        LEFT JOIN step next ON next.id = (
            SELECT s.id FROM step s WHERE s.person_id = p.id
            AND s.status IN ({_marks(_OPEN)}) ORDER BY s.due_on, s.id LIMIT 1)
        WHERE v.application_id IN ({apps}) {only}
        ORDER BY v.application_id DESC, p.last_name, p.first_name""",
                          (*_OPEN, *application_ids,
                           *(() if person_id is None else (person_id,)))).fetchall()
    seen: set[int] = set()
    contacts = []
    for row in rows:  # someone met in two processes is listed once, for the newest
        if row[0] not in seen:
            seen.add(row[0])
            contacts.append(PastContact(
                *row[:6], stored_datetime(row[6]), row[7], stored_datetime(row[8]), row[9],
                stored_datetime(row[10]), row[11], stored_date(row[12]), row[13],
                bool(row[14])))
    return contacts

class RunnerUp(NamedTuple):
    """A company where the user reached the last rounds and was turned down."""

    company_id: int
    company: str
    furthest_stage: str
    positions: str
    turned_down_on: datetime.date | None
    last_contact_at: datetime.datetime | None
    next_due_on: datetime.date | None
    next_kind: str
    next_person: str


def runner_ups(limit: int = 50) -> list[RunnerUp]:
    """Companies where a process reached the final round or the offer and then
    ended, the most recent first, with the last contact with anyone from those
    processes and the next follow-up planned for them."""
    reach = _marks(LAST_ROUNDS)
    rows = db.execute_sql(f"""
        WITH near AS (
            SELECT a.company_id, max(CASE a.furthest_stage WHEN 'offer' THEN 2 ELSE 1 END)
                   AS best, max(a.rejected_on) AS turned_down
            FROM application a
            WHERE a.furthest_stage IN ({reach}) AND a.stage IN ({_marks(_CLOSED)})
            GROUP BY a.company_id ORDER BY turned_down DESC, a.company_id LIMIT ?
        )
        SELECT near.company_id, c.name, CASE best WHEN 2 THEN 'offer' ELSE 'final_round' END,
               (SELECT group_concat(position, ' · ') FROM (
                    SELECT DISTINCT a.position FROM application a
                    WHERE a.company_id = near.company_id AND a.furthest_stage IN ({reach})
                      AND a.stage IN ({_marks(_CLOSED)}) ORDER BY a.position)),
               near.turned_down,
               (SELECT max(p.last_contact_at) FROM application a
                JOIN involvement v ON v.application_id = a.id
                JOIN person p ON p.id = v.person_id
                WHERE a.company_id = near.company_id),
               next.due_on, coalesce(next.kind, ''),
               coalesce(trim(np.first_name || ' ' || np.last_name), '')
        FROM near JOIN company c ON c.id = near.company_id
        LEFT JOIN step next ON next.id = (
            SELECT s.id FROM application a JOIN step s ON s.application_id = a.id
            WHERE a.company_id = near.company_id AND s.status IN ({_marks(_OPEN)})
            ORDER BY s.due_on, s.id LIMIT 1)
        LEFT JOIN person np ON np.id = next.person_id
        ORDER BY near.turned_down DESC, c.name""",
                          (*LAST_ROUNDS, *_CLOSED, int(limit), *LAST_ROUNDS, *_CLOSED,
                           *_OPEN)).fetchall()
    return [RunnerUp(*row[:4], stored_date(row[4]), stored_datetime(row[5]),
                     stored_date(row[6]), *row[7:]) for row in rows]

