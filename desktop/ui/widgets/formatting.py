"""How dates, times and choices read on screen."""

from datetime import date, datetime

from desktop.clock import local_today, to_local
from desktop.playbook.kinds import StepKind
from desktop.store.stored_values import parse_next_step
from desktop.vocabulary import LabelledChoice


def counted(count: int, one: str, many: str) -> str:
    """"1 reply", "2 replies", "1,204 notes": the number with the word that fits it."""
    return f"{count:,} {one if count == 1 else many}"


def friendly_date(value: date | None) -> str:
    """"12 Mar 2026"; the year is dropped for dates in the current year."""
    if value is None:
        return ""
    if value.year == local_today().year:
        return f"{value.day} {value:%b}"
    return f"{value.day} {value:%b %Y}"


def friendly_datetime(stored: datetime | None) -> str:
    """A stored UTC timestamp as local "12 Mar 2026, 14:05"."""
    if stored is None:
        return ""
    local = to_local(stored)
    return f"{friendly_date(local.date())}, {local:%H:%M}"


def days_ago(stored: datetime | None) -> str:
    """How long ago, in the words a person would use: "today", "3 days ago"."""
    if stored is None:
        return "never"
    days = (local_today() - to_local(stored).date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 730:
        return f"{days // 30} months ago"
    return f"{days // 365} years ago"


def choice_label(choice: type[LabelledChoice], value: str) -> str:
    member = choice.parse(value)
    return member.label if member is not None else value


def next_step_text(value: str | None) -> str:
    """"24 Nov · Thank-you note" for a row's next planned step ("" when none):
    the date first, so a narrow column still says when."""
    parsed = parse_next_step(value)
    if parsed is None:
        return ""
    due, kind = parsed
    return f"{due_text(due)} · {StepKind(kind).label}"


def due_text(due: date) -> str:
    """"24 Nov", with "(late)" once the day has passed."""
    return f"{friendly_date(due)} (late)" if due < local_today() else friendly_date(due)


def percent(part: int, whole: int) -> str:
    """"64%" of a whole; "—" when there is nothing to take a share of."""
    return f"{round(100 * part / whole)}%" if whole else "—"
