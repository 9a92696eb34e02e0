"""The board of applications: every application as a card, with what a card shows
(company, position, the people met, the next step), read in three queries whatever
the number of applications, so the board opens at once with thousands of them."""

from collections import defaultdict
from typing import NamedTuple

from desktop.store.connection import db
from desktop.vocabulary import OPEN_STEP_STATUSES, person_name

_OPEN = tuple(status.value for status in OPEN_STEP_STATUSES)


class Card(NamedTuple):
    application_id: int
    company: str
    position: str
    #: A Stage value.
    stage: str
    #: The names of the people involved, in the order they were linked.
    people: tuple[str, ...]
    #: The soonest open step, as ``steps.next_step_subquery`` gives it, or None.
    next_step: str | None
    #: How far the process went (a Stage value).
    furthest_stage: str = ""


def board_cards(application_id: int | None = None) -> list[Card]:
    """Every application, the most recently changed first; or only the one with
    ``application_id`` (after a move: the board need not read thousands again)."""
    people: dict[int, list[str]] = defaultdict(list)
    one = "" if application_id is None else "AND {column} = ?"
    only = () if application_id is None else (application_id,)
    for owner, first, last, email in db.execute_sql(
            "SELECT i.application_id, p.first_name, p.last_name, p.email "
            "FROM involvement i JOIN person p ON p.id = i.person_id WHERE 1 "
            f"{one.format(column='i.application_id')} ORDER BY i.id", only):
        people[owner].append(person_name(first, last) or email)
    marks = ", ".join("?" * len(_OPEN))
    next_steps = dict(db.execute_sql(
        "SELECT application_id, min(due_on || ' ' || kind) FROM step "
        f"WHERE application_id IS NOT NULL AND status IN ({marks}) "
        f"{one.format(column='application_id')} GROUP BY application_id", (*_OPEN, *only)))
    return [Card(owner, company, position, stage, tuple(people.get(owner, ())),
                 next_steps.get(owner), furthest)
            for owner, company, position, stage, furthest in db.execute_sql(
                "SELECT a.id, c.name, a.position, a.stage, a.furthest_stage FROM application a "
                "JOIN company c ON c.id = a.company_id WHERE 1 "
                f"{one.format(column='a.id')} ORDER BY a.updated_at DESC, a.id DESC", only)]
