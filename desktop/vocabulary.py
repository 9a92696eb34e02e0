"""Rebound's vocabulary: every fixed value stored as text (stages, hiring roles,
channels, directions, outcomes, step statuses, step kinds) with the words the
user sees for it, and the name a person is shown by. One module, so a label is
written once and every view, dialog, export and command says the same.

Values are stored; labels are shown. Adding a value never needs a migration,
so validation lives here rather than in CHECK constraints.
"""

from enum import StrEnum


class LabelledChoice(StrEnum):
    """A stored value with a human label, in the order it should be offered."""

    @property
    def label(self) -> str:
        return self._labels()[self]

    @classmethod
    def _labels(cls) -> dict:
        raise NotImplementedError

    @classmethod
    def parse(cls, value: str | None, default=None):
        """The member for ``value`` (its value or its label, any case), else ``default``."""
        if value is None:
            return default
        text = str(value).strip().lower().replace("-", " ").replace("_", " ")
        for member in cls:
            if text in (member.value.replace("_", " "), member.label.lower()):
                return member
        return default


class Stage(LabelledChoice):
    APPLIED = "applied"
    SCREENING = "screening"
    INTERVIEWING = "interviewing"
    FINAL_ROUND = "final_round"
    OFFER = "offer"
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @classmethod
    def _labels(cls):
        return _STAGE_LABELS

    @property
    def is_closed(self) -> bool:
        return self in (Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN)


#: The stages a process moves through, in order: how far one went is one of these.
REACHED_STAGES = (Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.FINAL_ROUND,
                  Stage.OFFER, Stage.HIRED)
#: Reaching one of these and being turned down makes the user a runner-up there.
LAST_ROUNDS = (Stage.FINAL_ROUND, Stage.OFFER)

#: How far a process that ended had gone, as the lists say it.
_REACH_WORDS = {Stage.SCREENING: "after screening", Stage.INTERVIEWING: "after interviews",
                Stage.FINAL_ROUND: "after the final round", Stage.OFFER: "at the offer stage"}


def is_runner_up(stage: str, furthest: str) -> bool:
    """The process reached the last rounds and then ended without a hire."""
    return (Stage.parse(stage) in (Stage.REJECTED, Stage.WITHDRAWN)
            and Stage.parse(furthest) in LAST_ROUNDS)


def how_far(stage: str, furthest: str) -> str:
    """"Rejected after the final round · runner-up" for a process that ended; an open
    one's stage as it is."""
    current = Stage.parse(stage, Stage.APPLIED)
    reached = Stage.parse(furthest)
    words = current.label
    if current in (Stage.REJECTED, Stage.WITHDRAWN) and reached in _REACH_WORDS:
        words = f"{words} {_REACH_WORDS[reached]}"
        if is_runner_up(stage, furthest):
            words += " · runner-up"
    return words


_STAGE_LABELS = {
    Stage.APPLIED: "Applied",
    Stage.SCREENING: "Screening",
    Stage.INTERVIEWING: "Interviewing",
    Stage.FINAL_ROUND: "Final round",
    Stage.OFFER: "Offer",
    Stage.HIRED: "Hired",
    Stage.REJECTED: "Rejected",
    Stage.WITHDRAWN: "Withdrawn",
}


class HiringRole(LabelledChoice):
    """The part someone plays in hiring, in general or in one application."""

    NONE = ""
    HIRING_MANAGER = "hiring_manager"
    RECRUITER = "recruiter"
    INTERVIEWER = "interviewer"
    HR = "hr"
    REFERRER = "referrer"
    OTHER = "other"

    @classmethod
    def _labels(cls):
        return _ROLE_LABELS


_ROLE_LABELS = {
    HiringRole.NONE: "—",
    HiringRole.HIRING_MANAGER: "Hiring manager",
    HiringRole.RECRUITER: "Recruiter",
    HiringRole.INTERVIEWER: "Interviewer",
    HiringRole.HR: "HR",
    HiringRole.REFERRER: "Referrer",
    HiringRole.OTHER: "Other",
}


class Channel(LabelledChoice):
    EMAIL = "email"
    PHONE = "phone"
    VIDEO = "video"
    IN_PERSON = "in_person"
    LINKEDIN = "linkedin"
    MESSAGE = "message"
    OTHER = "other"

    @classmethod
    def _labels(cls):
        return _CHANNEL_LABELS


_CHANNEL_LABELS = {
    Channel.EMAIL: "E-mail",
    Channel.PHONE: "Phone call",
    Channel.VIDEO: "Video call",
    Channel.IN_PERSON: "In person",
    Channel.LINKEDIN: "LinkedIn",
    Channel.MESSAGE: "Message",
    Channel.OTHER: "Other",
}


class Direction(LabelledChoice):
    OUTGOING = "outgoing"
    INCOMING = "incoming"

    @classmethod
    def _labels(cls):
        return _DIRECTION_LABELS


_DIRECTION_LABELS = {
    Direction.OUTGOING: "I contacted them",
    Direction.INCOMING: "They contacted me",
}


class StepStatus(LabelledChoice):
    PLANNED = "planned"
    DRAFTED = "drafted"
    SNOOZED = "snoozed"
    SENT = "sent"
    SKIPPED = "skipped"

    @classmethod
    def _labels(cls):
        return _STEP_STATUS_LABELS

    @property
    def is_open(self) -> bool:
        """Still to do: planned, drafted or snoozed."""
        return self in OPEN_STEP_STATUSES


OPEN_STEP_STATUSES = (StepStatus.PLANNED, StepStatus.DRAFTED, StepStatus.SNOOZED)

_STEP_STATUS_LABELS = {
    StepStatus.PLANNED: "Planned",
    StepStatus.DRAFTED: "Draft saved",
    StepStatus.SNOOZED: "Snoozed",
    StepStatus.SENT: "Sent",
    StepStatus.SKIPPED: "Skipped",
}


class Outcome(LabelledChoice):
    """What a contact led to, counted to show what the follow-ups achieve."""

    NONE = ""
    REPLIED = "replied"
    CONVERSATION = "conversation"
    INTERVIEW = "interview"
    OFFER = "offer"

    @classmethod
    def _labels(cls):
        return _OUTCOME_LABELS


_OUTCOME_LABELS = {
    Outcome.NONE: "—",
    Outcome.REPLIED: "They replied",
    Outcome.CONVERSATION: "They offered a conversation",
    Outcome.INTERVIEW: "A new interview",
    Outcome.OFFER: "An offer",
}


class Found(LabelledChoice):
    """The groups "Search everything" shows its results in, in this order."""

    PERSON = "person"
    COMPANY = "company"
    APPLICATION = "application"
    NOTE_SENT = "note_sent"
    TIMELINE = "timeline"
    REFLECTION = "reflection"

    @classmethod
    def _labels(cls):
        return _FOUND_LABELS


_FOUND_LABELS = {
    Found.PERSON: "People",
    Found.COMPANY: "Companies",
    Found.APPLICATION: "Applications",
    Found.NOTE_SENT: "Notes sent",
    Found.TIMELINE: "Timeline",
    Found.REFLECTION: "Reflections",
}


class SendWith(LabelledChoice):
    """Where a note is written once it leaves Rebound."""

    MAIL_APP = "mail_app"
    GMAIL = "gmail"
    OUTLOOK_WEB = "outlook_web"
    OUTLOOK_COM = "outlook_com"

    @classmethod
    def _labels(cls):
        return _SEND_WITH_LABELS

    @property
    def place(self) -> str:
        """Where the note opens, as a sentence says it: "in your mail app"."""
        return _SEND_WITH_PLACES[self]


_SEND_WITH_LABELS = {
    SendWith.MAIL_APP: "Your mail app",
    SendWith.GMAIL: "Gmail, in the browser",
    SendWith.OUTLOOK_WEB: "Outlook on the web (work or school account)",
    SendWith.OUTLOOK_COM: "Outlook.com (personal account)",
}
_SEND_WITH_PLACES = {
    SendWith.MAIL_APP: "your mail app",
    SendWith.GMAIL: "Gmail",
    SendWith.OUTLOOK_WEB: "Outlook on the web",
    SendWith.OUTLOOK_COM: "Outlook.com",
}


#: The kinds of follow-up step as the user reads them (``playbook.kinds.StepKind``
#: holds the values with the playbook's rules for each).
STEP_KIND_LABELS = {
    "thank_you": "Thank-you note",
    "feedback": "Feedback request",
    "network": "Stay-connected ask",
    "hire_watch": "New-hire check",
    "check_in": "Check-in",
}


def person_name(first_name: str, last_name: str, email: str = "") -> str:
    """The name a person is shown by: first and last name, else their e-mail."""
    return " ".join(part for part in (first_name, last_name) if part) or email
