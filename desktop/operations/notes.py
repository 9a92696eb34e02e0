"""What the user keeps beside the plan: skills learned, note templates, settings."""

import datetime
from pathlib import Path

from desktop.operations.changes import Changes, Record
from desktop.playbook import catalog
from desktop.playbook.settings import PlaybookSettings, Profile, save_profile, save_settings
from desktop.playbook.templates import Template
from desktop.store import skills
from desktop.store.connection import transaction


def add_skill(what: str, learned_on: datetime.date, gap: str = "",
              application_id: int | None = None) -> Changes:
    """Something learned since an interview: later check-ins mention it."""
    with transaction():
        skill = skills.add_skill(what, learned_on, gap, application_id)
    return Changes.of(Record.SKILL, ids=[(Record.SKILL, skill.id)], created=skill.id)


def delete_skill(skill_id: int) -> Changes:
    with transaction():
        skills.delete_skill(skill_id)
    return Changes.of(Record.SKILL, ids=[(Record.SKILL, skill_id)])


def save_template(template: Template, name: str, description: str, subject: str,
                  body: str) -> Changes:
    """Keep the user's version of a template; one that does not render is refused."""
    with transaction():
        catalog.save_template(template, name, description, subject, body)
    return Changes.of(Record.TEMPLATE)


def duplicate_template(template: Template) -> Changes:
    with transaction():
        copy = catalog.duplicate(template)
    return Changes.of(Record.TEMPLATE, detail=copy)


def reset_template(key: str) -> Changes:
    """Back to the built-in's words (or a template of the user's own is deleted)."""
    with transaction():
        catalog.reset(key)
    return Changes.of(Record.TEMPLATE)


def save_all_settings(profile: Profile, playbook: PlaybookSettings) -> Changes:
    """The Settings dialog's Save: who notes are from, and how follow-ups are planned."""
    save_settings(profile, playbook)
    return Changes.of(Record.SETTINGS)


def save_sender(profile: Profile) -> Changes:
    """Who the notes are from."""
    with transaction():
        save_profile(profile)
    return Changes.of(Record.SETTINGS)


def save_reminder_settings(quiet_days: set[int], at: str) -> Changes:
    """The days with no reminders and the time they come (the registration with the
    system is the reminders dialog's, not the data's)."""
    from desktop.reminders.due import QUIET_DAYS_KEY, TIME_KEY
    from desktop.store.settings import set_setting

    with transaction():
        set_setting(QUIET_DAYS_KEY, sorted(quiet_days))
        set_setting(TIME_KEY, at)
    return Changes.of(Record.SETTINGS)


def save_calendar_folder(folder: Path | None) -> Changes:
    """Where the live calendar file is kept (None: not kept)."""
    from desktop.reminders.live_calendar import FOLDER_KEY
    from desktop.store.settings import set_setting

    with transaction():
        set_setting(FOLDER_KEY, str(folder) if folder else "")
    return Changes.of(Record.SETTINGS)
