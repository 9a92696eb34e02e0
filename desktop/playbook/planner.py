"""Turning a rejection into planned steps, and keeping the plan current as contacts happen.

Rules (from the product brief): on rejection day D, a thank-you to everyone
involved (D+1), a feedback request through the recruiter when there is one
(about D+7), a stay-connected ask to the hiring manager (about D+14), a new-hire
check (about D+90), and a check-in with each person every few months counted
from the last real contact, so every logged call or reply moves it.
"""

import datetime
from collections.abc import Iterable

from desktop.clock import local_today, to_local, utcnow
from desktop.playbook.kinds import StepKind
from desktop.playbook.settings import PlaybookSettings, load_playbook_settings
from desktop.store import applications, interactions, people, steps
from desktop.store.connection import transaction
from desktop.store.validation import ValidationError, clean_text
from desktop.vocabulary import Channel, Direction, HiringRole, StepStatus

#: Who a step goes to, by kind: the first role in the list that someone holds.
#: None means everyone involved.
RECIPIENT_ROLES: dict[StepKind, tuple[HiringRole, ...] | None] = {
    StepKind.THANK_YOU: None,
    StepKind.FEEDBACK: (HiringRole.RECRUITER, HiringRole.HR, HiringRole.HIRING_MANAGER,
                        HiringRole.INTERVIEWER),
    StepKind.NETWORK: (HiringRole.HIRING_MANAGER, HiringRole.INTERVIEWER, HiringRole.OTHER),
    StepKind.HIRE_WATCH: (HiringRole.HIRING_MANAGER, HiringRole.RECRUITER, HiringRole.HR),
}


def recipients(kind: StepKind, involved: list) -> list:
    """The people involved in an application who should get a step of ``kind``."""
    roles = RECIPIENT_ROLES.get(kind)
    if roles is None:
        return list(involved)
    for role in roles:
        holders = [p for p in involved if p.role == role.value]
        if holders:
            return holders
    return involved[:1]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Calendar months later (31 Jan + 1 month = 28 or 29 Feb), by dateutil."""
    from dateutil.relativedelta import relativedelta  # imported on first use, not at start

    return day + relativedelta(months=months)


def _checkin_months(person_id: int, settings: PlaybookSettings) -> int:
    return people.checkin_months(person_id) or settings.checkin_months


def next_checkin_date(person_id: int, settings: PlaybookSettings,
                      fallback: datetime.date) -> datetime.date:
    """The last real contact (or ``fallback`` if none) plus the person's cadence."""
    last = people.person_values(person_id)["last_contact_at"]
    base = to_local(last).date() if last else fallback
    return add_months(base, _checkin_months(person_id, settings))


def plan_rejection(application_id: int, settings: PlaybookSettings | None = None,
                   person_ids: Iterable[int] | None = None) -> list[int]:
    """Plan the follow-ups for a turned-down application; returns the new step ids.

    Steps already planned are not planned twice, so this is safe to call again
    (for instance after linking another person to the application).
    """
    settings = settings or load_playbook_settings()
    values = applications.application_values(application_id)
    rejected_on = values["rejected_on"] or local_today()
    involved = applications.involved_people(application_id)
    wanted = {p.person_id for p in involved} if person_ids is None else set(person_ids)
    created = []
    with transaction():
        for kind in (StepKind.THANK_YOU, StepKind.FEEDBACK, StepKind.NETWORK,
                     StepKind.HIRE_WATCH):
            if not settings.is_enabled(kind):
                continue
            due = rejected_on + datetime.timedelta(days=settings.offset(kind))
            for person in recipients(kind, involved):
                if person.person_id not in wanted:
                    continue
                if steps.open_step(person.person_id, kind, application_id) is None:
                    created.append(steps.create_step(kind, person.person_id, application_id,
                                                     due))
        if settings.is_enabled(StepKind.CHECK_IN):
            for person in involved:
                if person.person_id not in wanted:
                    continue
                if steps.open_step(person.person_id, StepKind.CHECK_IN,
                                   any_application=True) is None:
                    due = next_checkin_date(person.person_id, settings, rejected_on)
                    created.append(steps.create_step(StepKind.CHECK_IN, person.person_id,
                                                     application_id, due))
    return created


def reschedule_checkin(person_id: int, settings: PlaybookSettings | None = None,
                       application_id: int | None = None) -> int | None:
    """Move the person's next check-in to their last contact plus their cadence.

    People not in any plan yet are left alone. Returns the check-in step id.
    """
    if not steps.has_steps(person_id):
        return None
    settings = settings or load_playbook_settings()
    if not settings.is_enabled(StepKind.CHECK_IN):
        return None
    due = next_checkin_date(person_id, settings, local_today())
    step_id = steps.open_step(person_id, StepKind.CHECK_IN, any_application=True)
    if step_id is None:
        return steps.create_step(StepKind.CHECK_IN, person_id, application_id, due)
    steps.update_step(step_id, due_on=due)
    return step_id


def record_contact(person_id: int, **interaction) -> int:
    """Log any contact with a person (a call, their reply...) and move their check-in."""
    with transaction():
        logged = interactions.log_interaction(person_id, **interaction)
        reschedule_checkin(person_id, application_id=interaction.get("application_id"))
    return logged.id


def forget_contact(interaction_id: int, person_id: int) -> None:
    """Delete a logged contact; the check-in goes back to follow the one before."""
    with transaction():
        interactions.delete_interaction(interaction_id)
        reschedule_checkin(person_id)


def save_draft(step_id: int, template_key: str, subject: str, body: str) -> None:
    step = steps.get_step(step_id)
    status = StepStatus.DRAFTED if step.is_open else StepStatus(step.status)
    steps.update_step(step_id, template_key=template_key, draft_subject=subject,
                      draft_body=body, status=status.value)


def mark_sent(step_id: int, subject: str, body: str, template_key: str = "",
              sent_at: datetime.datetime | None = None) -> int:
    """Log the sent note as an interaction, close the step, plan the next check-in.

    Returns the interaction's id.
    """
    step = steps.get_step(step_id)
    if not step.is_open:
        raise ValidationError("status", "This step is already closed.")
    when = sent_at or utcnow()
    kind = StepKind(step.kind)
    with transaction():
        logged = interactions.log_interaction(
            step.person_id,
            occurred_at=when,
            channel=Channel.EMAIL,
            direction=Direction.OUTGOING,
            summary=clean_text(subject) or kind.label,
            body=body,
            application_id=step.application_id,
        )
        steps.update_step(step_id, status=StepStatus.SENT.value, interaction=logged.id,
                          draft_subject=subject, draft_body=body, template_key=template_key,
                          done_at=when)
        reschedule_checkin(step.person_id, application_id=step.application_id)
    return logged.id


def snooze(step_id: int, until: datetime.date) -> None:
    if until <= local_today() - datetime.timedelta(days=1):
        raise ValidationError("due_on", "Pick today or a later date.")
    steps.update_step(step_id, due_on=until, status=StepStatus.SNOOZED.value)


def skip(step_id: int, reason: str = "") -> None:
    """Close a step without sending it; a skipped check-in plans the next one."""
    step = steps.get_step(step_id)
    with transaction():
        steps.update_step(step_id, status=StepStatus.SKIPPED.value,
                          skip_reason=clean_text(reason), done_at=utcnow())
        if step.kind == StepKind.CHECK_IN:
            settings = load_playbook_settings()
            due = add_months(local_today(), _checkin_months(step.person_id, settings))
            steps.create_step(StepKind.CHECK_IN, step.person_id, step.application_id, due)


def reopen(step_id: int) -> None:
    """Undo a skip: the step is planned again for today."""
    steps.update_step(step_id, status=StepStatus.PLANNED.value, skip_reason="", done_at=None,
                      due_on=local_today())
