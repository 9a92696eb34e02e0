"""Dates and times as SQLite hands them back to a raw query (text), turned into the
values the models give: for the readers that skip Peewee's models for speed."""

import datetime


def stored_date(value) -> datetime.date | None:
    """A DATE column (or the date part of a DATETIME); None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def stored_datetime(value) -> datetime.datetime | None:
    """A stored naive-UTC DATETIME; None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.fromisoformat(str(value))


def parse_next_step(value: str | None) -> tuple[datetime.date, str] | None:
    """(due date, kind) from the text of ``steps.next_step_subquery``."""
    if not value:
        return None
    due, _, kind = value.partition(" ")
    return datetime.date.fromisoformat(due), kind
