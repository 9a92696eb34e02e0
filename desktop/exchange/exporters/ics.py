"""Planned follow-up steps as an iCalendar file (RFC 5545), so they show up in the
calendar the user already looks at every morning.

Each open step is one all-day event on its due date (``DTSTART;VALUE=DATE``,
``DTEND`` the next day, as RFC 5545 wants for a one-day event), marked as free
time so it never blocks a meeting slot. Its reminder is a DISPLAY alarm with
``TRIGGER:PT9H`` relative to the start: an all-day event starts at local
midnight, so the alarm fires at 09:00 on the day, in whatever time zone the
calendar is in. (Apple Calendar writes its own "on the day at 9:00" the same way;
a negative trigger would fire the evening before.)

The UID is ``step-{id}@rebound.local``, the same in every export, and SEQUENCE,
DTSTAMP and LAST-MODIFIED come from the step's last change, so importing a newer
export again updates the events instead of adding copies.
"""

import datetime
import os
from collections.abc import Iterable
from dataclasses import dataclass

import icalendar
import peewee

from desktop import __version__
from desktop.clock import local_today
from desktop.exchange.exporters.atomic import atomic_write
from desktop.exchange.formats import STEP_EXPORT_DAYS
from desktop.playbook import catalog
from desktop.playbook.kinds import StepKind
from desktop.playbook.templates import Template, TemplateProblem
from desktop.store import applications, skills
from desktop.store.models import Application, Company, Person, Step
from desktop.vocabulary import OPEN_STEP_STATUSES

#: The default window of the export: what is due in the next three months.
DEFAULT_DAYS = STEP_EXPORT_DAYS
#: When the reminder fires, counted from the start (local midnight) of the due day.
REMINDER_AFTER_MIDNIGHT = datetime.timedelta(hours=9)
#: SEQUENCE is the number of seconds from this moment to the step's last change: it
#: grows with every edit, stays put while nothing changes, and fits the 32-bit
#: integer RFC 5545 allows until 2088.
_SEQUENCE_EPOCH = datetime.datetime(2020, 1, 1)

# "Thank-you note to Priya Raman", but "Check-in with Priya Raman".
_PREPOSITIONS = {StepKind.CHECK_IN: "with", StepKind.HIRE_WATCH: "with"}


@dataclass(frozen=True)
class PlannedStep:
    """An open step with what its calendar event says."""

    id: int
    kind: StepKind
    due_on: datetime.date
    person_id: int
    person_name: str
    hiring_role: str
    application_id: int | None
    position: str
    company: str
    template_key: str
    draft_subject: str
    created_at: datetime.datetime
    updated_at: datetime.datetime


def step_uid(step_id: int) -> str:
    return f"step-{step_id}@rebound.local"


#: Where the note is, said in each event. No link: nothing on the user's system
#: would open a ``rebound://`` address, and a link that opens nothing misleads.
WHERE_THE_NOTE_IS = "The note is waiting in Rebound, under Today."


def select_steps(days: int | None = DEFAULT_DAYS, person_id: int | None = None,
                 today: datetime.date | None = None) -> list[PlannedStep]:
    """Open steps, earliest first: those due within ``days`` of ``today`` (overdue
    ones included, they are still to do), or all of them when ``days`` is None; only
    the person's when ``person_id`` is given."""
    person_company = Company.alias()
    query = (
        Step.select(
            Step.id, Step.kind, Step.due_on, Person.id, Person.first_name, Person.last_name,
            Person.email, Person.hiring_role, Application.id, Application.position,
            Company.name, person_company.name, Step.template_key, Step.draft_subject,
            Step.created_at, Step.updated_at,
        )
        .join_from(Step, Person)
        .join_from(Person, person_company, peewee.JOIN.LEFT_OUTER,
                   on=Person.company == person_company.id)
        .join_from(Step, Application, peewee.JOIN.LEFT_OUTER)
        .join_from(Application, Company, peewee.JOIN.LEFT_OUTER)
        .where(Step.status.in_([status.value for status in OPEN_STEP_STATUSES]))
        .order_by(Step.due_on, Step.id)
        .tuples()
    )
    if days is not None:
        last_day = (today or local_today()) + datetime.timedelta(days=days)
        query = query.where(Step.due_on <= last_day)
    if person_id is not None:
        query = query.where(Step.person == person_id)
    return [
        PlannedStep(step_id, StepKind(kind), due, pid,
                    " ".join(p for p in (first, last) if p) or email, role, app_id,
                    position or "", app_company or own_company or "", template_key, subject,
                    created, updated)
        for (step_id, kind, due, pid, first, last, email, role, app_id, position, app_company,
             own_company, template_key, subject, created, updated) in query
    ]


def event_summary(step: PlannedStep) -> str:
    """"Thank-you note to Priya Raman (Northwind Health)"."""
    preposition = _PREPOSITIONS.get(step.kind, "to")
    summary = f"{step.kind.label} {preposition} {step.person_name}"
    return f"{summary} ({step.company})" if step.company else summary


class _Subjects:
    """The subject line of each step's note, as the composer would first show it:
    the saved draft's, else the step's template (or the default one) filled in.
    Templates and skills are read once per export, not once per step."""

    def __init__(self) -> None:
        self.templates: dict[str, Template] = {t.key: t for t in catalog.all_templates()}
        self.has_new_skills = bool(skills.skills_since(None))

    def subject(self, step: PlannedStep) -> str:
        if step.draft_subject.strip():
            return step.draft_subject.strip()
        template = self.templates.get(step.template_key) or self.templates.get(
            catalog.default_key(step.kind, self._role(step), self.has_new_skills))
        if template is None:
            return step.kind.label
        try:
            rendered = catalog.render_for(template, step.person_id, step.application_id)
        except TemplateProblem:
            return step.kind.label
        return rendered.subject or step.kind.label

    @staticmethod
    def _role(step: PlannedStep) -> str:
        if step.application_id is None:
            return step.hiring_role
        return applications.role_in(step.application_id, step.person_id)


def _utc(value: datetime.datetime) -> datetime.datetime:
    return value.replace(tzinfo=datetime.UTC)


def step_event(step: PlannedStep, subject: str) -> icalendar.Event:
    """One all-day event with a 09:00 reminder; ``subject`` is the note's subject line."""
    summary = event_summary(step)
    about = f"{step.position} at {step.company}" if step.position else ""
    description = "\n\n".join(part for part in (
        f"Subject: {subject}",
        about,
        step.kind.why,
        WHERE_THE_NOTE_IS,
    ) if part)
    event = icalendar.Event()
    event.add("uid", step_uid(step.id))
    event.add("dtstamp", _utc(step.updated_at))
    event.add("created", _utc(step.created_at))
    event.add("last-modified", _utc(step.updated_at))
    event.add("sequence", max(0, int((step.updated_at - _SEQUENCE_EPOCH).total_seconds())))
    event.add("dtstart", step.due_on)
    event.add("dtend", step.due_on + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    event.add("categories", ["Rebound"])
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", REMINDER_AFTER_MIDNIGHT, parameters={"RELATED": "START"})
    event.add_component(alarm)
    return event


def steps_calendar(steps: Iterable[PlannedStep]) -> icalendar.Calendar:
    """A calendar with one event per step."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//Rebound//Rebound {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # The name Apple Calendar and Outlook give the calendar when it is subscribed to.
    calendar.add("x-wr-calname", "Rebound follow-ups")
    subjects = _Subjects()
    for step in steps:
        calendar.add_component(step_event(step, subjects.subject(step)))
    return calendar


def export_steps_ics(path: str | os.PathLike, days: int | None = DEFAULT_DAYS,
                     person_id: int | None = None,
                     today: datetime.date | None = None) -> int:
    """Write the selected open steps (see :func:`select_steps`); returns how many."""
    steps = select_steps(days, person_id, today)
    data = steps_calendar(steps).to_ical()
    with atomic_write(path, binary=True) as handle:
        handle.write(data)
    return len(steps)
