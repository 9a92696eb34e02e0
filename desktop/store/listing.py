"""What every paged table asks of the store: one sorted, filtered page of rows.

The UI's table models hold only the pages they have been shown; these functions
are the only way they reach the data.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import peewee

from desktop.vocabulary import LabelledChoice

#: Rows a table asks for at a time: a few screens' worth.
PAGE_SIZE = 200


@dataclass(frozen=True)
class Listing:
    """A named query the UI can page through: rows(filter, sort, desc, offset, limit)."""

    sort_keys: Sequence[str]
    rows: Callable[[str, str, bool, int, int], list]
    count: Callable[[str], int]


def ordering(expressions: Sequence, descending: bool, tiebreak) -> list:
    """ORDER BY terms with a unique tie-break, so pages never overlap or skip rows.

    Plain ASC/DESC (no NULLS LAST) keeps SQLite on the column's index; empty
    values sort first ascending, which puts "never contacted" at the top.
    """
    terms = [expr.desc() if descending else expr.asc() for expr in expressions]
    terms.append(tiebreak.desc() if descending else tiebreak.asc())
    return terms


def words(text: str) -> list[str]:
    """The words of a filter, as the full-text index splits them."""
    return re.findall(r"\w+", text or "")


def fts_query(text: str) -> str | None:
    """An FTS5 query matching rows that contain every word as a prefix."""
    tokens = words(text)
    if not tokens:
        return None
    return " ".join(f'"{token}"*' for token in tokens)


def labelled(choices: type[LabelledChoice], token: str) -> list[str]:
    """The stored values whose label, as the table shows it, has a word starting with
    ``token``: "interv" finds Interviewing, "manager" finds Hiring manager."""
    token = token.lower()
    return [choice.value for choice in choices if choice.value
            and any(word.startswith(token) for word in words(choice.label.lower()))]


def like_all(text: str, columns: Sequence,
             choices: Sequence[tuple[peewee.Field, type[LabelledChoice]]] = ()
             ) -> peewee.Expression | None:
    """Every word of ``text`` found in at least one of ``columns``, or in the label of
    a ``(column, choices)`` value, as the table shows it (small tables)."""
    condition = None
    for token in words(text):
        pattern = f"%{token}%"
        any_column = None
        for column in columns:
            term = column ** pattern  # ILIKE: case-insensitive in SQLite
            any_column = term if any_column is None else any_column | term
        for column, choice in choices:
            if values := labelled(choice, token):
                any_column = any_column | column.in_(values)
        condition = any_column if condition is None else condition & any_column
    return condition
