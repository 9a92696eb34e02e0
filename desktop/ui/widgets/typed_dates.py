"""Dates as people type them: "20 Oct 2026", "20/10/2026", "Oct 20", "2026-10-20".

Numeric dates are read in the order the user's system writes them (day first in
most of the world, month first in the US), ISO dates always as ISO; a missing year
is this year. Parsing is python-dateutil's, which knows month names and their
abbreviations. Qt-free, so it is tested on its own.
"""

from datetime import date, datetime

from dateutil import parser

#: Years a typed date may fall in: anything else is a typing slip ("20 Oct 202").
EARLIEST_YEAR, LATEST_YEAR = 1950, 2150


class NotADate(ValueError):
    """The text is not a date; the message says how to type one."""


def display(value: date | None) -> str:
    """How a date reads in a date field: "20 Oct 2026"."""
    return f"{value.day} {value:%b %Y}" if value else ""


def parse_typed_date(text: str, day_first: bool, today: date) -> date | None:
    """The date ``text`` names (None for empty text); raises NotADate."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        parsed = parser.parse(text, dayfirst=day_first,
                              default=datetime(today.year, 1, 1)).date()
    except (ValueError, OverflowError) as exc:
        raise NotADate(_how_to_type(text, day_first, today)) from exc
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        raise NotADate(_how_to_type(text, day_first, today))
    return parsed


def _how_to_type(text: str, day_first: bool, today: date) -> str:
    numeric = f"{today:%d/%m/%Y}" if day_first else f"{today:%m/%d/%Y}"
    return (f"“{text}” is not a date. Type it like {display(today)}, {numeric} or "
            f"{today.isoformat()}, or leave it empty.")
