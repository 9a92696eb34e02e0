"""The log of skills gained and gaps closed since an interview."""

import datetime
from dataclasses import dataclass

from desktop.store.connection import transaction
from desktop.store.models import Skill
from desktop.store.validation import ValidationError, clean_text, require


@dataclass(frozen=True)
class SkillEntry:
    id: int
    what: str
    learned_on: datetime.date
    gap: str
    application_id: int | None


def _entry(skill: Skill) -> SkillEntry:
    return SkillEntry(skill.id, skill.what, skill.learned_on, skill.gap, skill.application_id)


def add_skill(what: str, learned_on: datetime.date, gap: str = "",
              application_id: int | None = None) -> SkillEntry:
    what = require(what, "what", "What you learned")
    if not isinstance(learned_on, datetime.date):
        raise ValidationError("learned_on", "Pick the date from the calendar.")
    with transaction():
        skill = Skill.create(what=what, learned_on=learned_on, gap=clean_text(gap),
                             application=application_id)
    return _entry(skill)


def delete_skill(skill_id: int) -> None:
    with transaction():
        Skill.delete_by_id(skill_id)


def all_skills() -> list[SkillEntry]:
    """Newest first."""
    return [_entry(s) for s in Skill.select().order_by(Skill.learned_on.desc(), Skill.id.desc())]


def skills_since(day: datetime.date | None) -> list[SkillEntry]:
    """Skills learned on or after ``day`` (all of them when ``day`` is None), oldest first."""
    query = Skill.select().order_by(Skill.learned_on, Skill.id)
    if day is not None:
        query = query.where(Skill.learned_on >= day)
    return [_entry(s) for s in query]
