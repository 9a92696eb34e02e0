"""Time in one place: stored timestamps are naive UTC, shown in local time.

Dates the user picks (applied on, rejected on) are plain calendar dates and are
never converted. Everything that asks "what is now" or "what is today" asks here,
so a test can fix the moment (``fixed``) and see what a user would see on that
day: a step three days late, a check-in that lands on the last day of February.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime


def _system_now() -> datetime:
    return datetime.now(UTC)


#: Where "now" comes from: the system clock, or the moment ``fixed`` set.
_now = _system_now


def utcnow() -> datetime:
    """Now, as the naive UTC value the database stores."""
    return _now().replace(tzinfo=None)


def to_local(stored: datetime) -> datetime:
    """A stored naive-UTC timestamp as a naive local time for display and editing."""
    return stored.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def from_local(local: datetime) -> datetime:
    """A naive local time the user entered, as the naive UTC value to store."""
    return local.astimezone(UTC).replace(tzinfo=None)


def local_today() -> date:
    """Today's date where the user is."""
    return _now().astimezone().date()


@contextmanager
def fixed(moment: datetime) -> Iterator[None]:
    """Make ``moment`` (naive: local time) "now" until the block ends: the seam
    tests use to fix today."""
    global _now
    aware = moment if moment.tzinfo is not None else moment.astimezone()
    _now = lambda: aware.astimezone(UTC)  # noqa: E731  (a one-line clock)
    try:
        yield
    finally:
        _now = _system_now
