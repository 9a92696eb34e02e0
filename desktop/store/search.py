"""Search everything: one box over people, companies, applications, the notes sent,
every other contact on a timeline, and the reflections written after interviews.

Each group is one lookup in its own full-text index (migrations 2, 4 and 5), walked
newest first (``ORDER BY rowid DESC``) and cut at a few rows. FTS5 reads its index
backwards and stops as soon as the group is full, so a keystroke costs about the
same at 100 people as at 100,000; ranking every match by relevance would not (a
one-letter prefix matches most rows). Matches in a record's name come first.
"""

import datetime
from typing import NamedTuple

from desktop.store.connection import db
from desktop.store.listing import fts_query
from desktop.store.stored_values import stored_date
from desktop.vocabulary import Found, HiringRole, Stage, person_name

#: Results shown in each group.
GROUP_SIZE = 5
#: Around the matched words in a ``Hit.snippet``: control characters no text holds.
MARK_START, MARK_END = "\x02", "\x03"
#: Words of context a snippet shows around what matched.
SNIPPET_WORDS = 12


class Hit(NamedTuple):
    """One result: what it is, what opens when it is chosen, and what it says."""

    group: Found
    #: The record it opens: Found.PERSON, Found.COMPANY or Found.APPLICATION.
    opens: Found
    #: The id of the record it opens.
    record_id: int
    title: str
    #: Short facts beside the title ("Recruiter", "Acme"), in order.
    context: tuple[str, ...] = ()
    #: When it happened (a contact, an application).
    when: datetime.date | None = None
    #: The matching text, with MARK_START and MARK_END around the words found.
    snippet: str = ""
    #: The record the words were found in, when that is not the one it opens (a
    #: contact opens its person).
    found_id: int | None = None


def search_everything(text: str, per_group: int = GROUP_SIZE) -> list[Hit]:
    """Up to ``per_group`` hits in each group, in ``Found`` order; [] for no words."""
    match = fts_query(text)
    if match is None:
        return []
    hits: list[Hit] = []
    for find in (_people, _companies, _applications, _notes_sent, _timeline, _reflections):
        hits.extend(find(match, per_group))
    return hits


# --- Lookups ---------------------------------------------------------------------------


def _lookup(index: str, match: str, limit: int, column: int = -1) -> list[tuple[int, str]]:
    """(rowid, snippet) of the newest rows of ``index`` matching, at most ``limit``."""
    sql = (f"SELECT rowid, snippet({index}, ?, ?, ?, '…', ?) FROM {index} "
           f"WHERE {index} MATCH ? ORDER BY rowid DESC LIMIT ?")
    return list(db.execute_sql(sql, (column, MARK_START, MARK_END, SNIPPET_WORDS, match,
                                     limit)))


def _name_first(index: str, names: str, match: str, limit: int) -> dict[int, str]:
    """Rows whose ``names`` columns match first, then rows matching anywhere."""
    found = dict(_lookup(index, f"{names} : ({match})", limit))
    if len(found) < limit:
        for rowid, snippet in _lookup(index, match, limit + len(found)):
            if rowid not in found and len(found) < limit:
                found[rowid] = snippet
    return found


def _rows_by_id(sql: str, ids) -> dict[int, tuple]:
    ids = list(ids)
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    return {row[0]: row[1:] for row in db.execute_sql(sql.format(ids=marks), ids)}


# --- Groups ----------------------------------------------------------------------------


def _people(match: str, limit: int) -> list[Hit]:
    found = _name_first("person_search", "name", match, limit)
    rows = _rows_by_id(
        "SELECT p.id, p.first_name, p.last_name, p.email, p.title, p.hiring_role, "
        "coalesce(c.name, '') FROM person p LEFT JOIN company c ON c.id = p.company_id "
        "WHERE p.id IN ({ids})", found)
    hits = []
    for person_id in found:
        first, last, email, title, role, company = rows[person_id]
        role_label = HiringRole.parse(role, HiringRole.NONE)
        context = (title, company, role_label.label if role_label.value else "")
        hits.append(Hit(Found.PERSON, Found.PERSON, person_id,
                        person_name(first, last) or email, tuple(c for c in context if c)))
    return hits


def _companies(match: str, limit: int) -> list[Hit]:
    found = _name_first("company_search", "name", match, limit)
    rows = _rows_by_id("SELECT id, name, industry, location FROM company WHERE id IN ({ids})",
                       found)
    hits = []
    for company_id, snippet in found.items():
        name, industry, location = rows[company_id]
        named = snippet.replace(MARK_START, "").replace(MARK_END, "") == name
        hits.append(Hit(Found.COMPANY, Found.COMPANY, company_id, name,
                        tuple(c for c in (industry, location) if c),
                        snippet="" if named else snippet))
    return hits


_APPLICATION_ROWS = (
    "SELECT a.id, a.position, c.name, a.stage, a.applied_on FROM application a "
    "JOIN company c ON c.id = a.company_id WHERE a.id IN ({ids})")


def _applications(match: str, limit: int) -> list[Hit]:
    found = _name_first("application_search", "{position company}",
                        f"{{position company source}} : ({match})", limit)
    return _application_hits(Found.APPLICATION, found, with_snippet=False)


def _reflections(match: str, limit: int) -> list[Hit]:
    found = dict(_lookup("application_search", f"reflection : ({match})", limit, column=3))
    return _application_hits(Found.REFLECTION, found, with_snippet=True)


def _application_hits(group: Found, found: dict[int, str], with_snippet: bool) -> list[Hit]:
    rows = _rows_by_id(_APPLICATION_ROWS, found)
    hits = []
    for application_id, snippet in found.items():
        position, company, stage, applied_on = rows[application_id]
        hits.append(Hit(group, Found.APPLICATION, application_id, f"{position} — {company}",
                        (Stage.parse(stage, Stage.APPLIED).label,), stored_date(applied_on),
                        snippet if with_snippet else ""))
    return hits


_CONTACT_ROWS = (
    "SELECT i.id, i.person_id, p.first_name, p.last_name, p.email, i.summary, "
    "i.occurred_at FROM interaction i JOIN person p ON p.id = i.person_id "
    "WHERE i.id IN ({ids})")


def _notes_sent(match: str, limit: int) -> list[Hit]:
    return _contact_hits(Found.NOTE_SENT, f'sent : "sent" AND {{summary body}} : ({match})',
                         limit)


def _timeline(match: str, limit: int) -> list[Hit]:
    return _contact_hits(Found.TIMELINE, f'{{summary body}} : ({match}) NOT sent : "sent"',
                         limit)


def _contact_hits(group: Found, match: str, limit: int) -> list[Hit]:
    found = dict(_lookup("interaction_search", match, limit, column=1))
    rows = _rows_by_id(_CONTACT_ROWS, found)
    hits = []
    for interaction_id, snippet in found.items():
        person_id, first, last, email, summary, occurred_at = rows[interaction_id]
        hits.append(Hit(group, Found.PERSON, person_id, summary or "(no subject)",
                        (person_name(first, last) or email,), stored_date(occurred_at), snippet,
                        found_id=interaction_id))
    return hits
