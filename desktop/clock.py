"""Time in one place: stored timestamps are naive UTC, shown in local time.

Dates the user picks (applied on, rejected on) are plain calendar dates and are
never converted.
"""

from datetime import UTC, date, datetime


def utcnow() -> datetime:
    """Now, as the naive UTC value the database stores."""
    return datetime.now(UTC).replace(tzinfo=None)


def to_local(stored: datetime) -> datetime:
    """A stored naive-UTC timestamp as a naive local time for display and editing."""
    return stored.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def from_local(local: datetime) -> datetime:
    """A naive local time the user entered, as the naive UTC value to store."""
    return local.astimezone(UTC).replace(tzinfo=None)


def local_today() -> date:
    return datetime.now().date()
