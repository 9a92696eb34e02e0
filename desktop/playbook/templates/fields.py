"""The fields templates can use, and the context made ready for them.

Most fields may be empty (no first name, no position, no profile), so the
context is completed and cleaned before rendering, and a few ready-made fields
let built-in and user templates read well either way.
"""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from jinja2 import UndefinedError
from jinja2.utils import missing

_PERSON_KEYS = ("first_name", "last_name", "full_name", "title", "email")
ME_KEYS = ("name", "first_name", "signature", "email", "phone", "linkedin")
_SKILL_KEYS = ("what", "gap", "learned_on")
_TEXT_KEYS = (
    "company",
    "position",
    "interviewed_on",
    "rejected_on",
    "applied_on",
    "what_they_said",
    "hired_candidate",
    "today",
)

#: The fields templates can use, with a description, for the Templates help panel.
FIELDS: list[tuple[str, str]] = [
    ("greeting", 'Ready-made greeting: "Hi Dana," or, without a first name, "Hello,"'),
    ("person.first_name", "First name of the person you are writing to"),
    ("person.last_name", "Their last name"),
    ("person.full_name", "Their full name"),
    ("person.title", 'Their job title, e.g. "Head of Analytics"'),
    ("person.email", "Their e-mail address"),
    ("company", "The company you applied to"),
    ("position", 'The job you applied for, e.g. "Senior Data Analyst"'),
    ("the_role", 'Ready-made: "the Senior Data Analyst role", or "the role"'),
    ("applied_on", 'When you applied, e.g. "14 February" (reads well after "on")'),
    ("interviewed_on", 'When you were interviewed, e.g. "3 March"'),
    ("rejected_on", 'When you heard the decision, e.g. "12 March"'),
    ("what_they_said", "What they told you about the decision, in your words"),
    ("hired_candidate", "The name of the person they hired, if you know it"),
    ("new_skills", "What you have learned since: {% for skill in new_skills %} … {% endfor %}"),
    ("skill.what", 'Inside that loop: what you did, to follow "since then I …"'),
    ("skill.gap", 'Inside that loop: the gap it closes, to follow "you asked about …"'),
    ("skill.learned_on", "Inside that loop: when you did it"),
    ("me.name", "Your name"),
    ("me.first_name", "Your first name"),
    ("me.signature", "Your signature from your profile"),
    ("me.email", "Your e-mail address"),
    ("me.phone", "Your phone number"),
    ("me.linkedin", "Your LinkedIn address"),
    ("my_signature", "Ready-made: your signature, or your name, or nothing"),
    ("today", "Today's date"),
]


class FieldGroup(dict):
    """A group of fields (person, me, a skill) that knows its name for error messages."""

    # Underscored so that templates can't read it: the sandbox refuses such names.
    __slots__ = ("_path",)

    def __init__(self, path: str, values: Mapping[str, Any]) -> None:
        super().__init__(values)
        self._path = path


class UnknownField(UndefinedError):
    """A field the context doesn't have; knows its dotted name and its neighbours."""

    def __init__(self, message: str, field: str, choices: list[str], owner: str) -> None:
        super().__init__(message)
        self.field = field
        self.choices = choices
        self.owner = owner

    @classmethod
    def for_access(cls, obj: Any, name: Any, message: str) -> "UnknownField":
        """The error for looking up ``name`` on ``obj`` (``missing``: a top-level name)."""
        if obj is missing:
            return cls(message, str(name), [], "")
        if isinstance(obj, FieldGroup):
            path = obj._path
            choices = [str(key) for key in obj]
            if path == "new_skills":  # an item of the list: its loop name is unknown here
                return cls(message, str(name), choices, "each new skill")
            return cls(message, f"{path}.{name}", choices, f"`{path}`")
        if not isinstance(name, str):
            return cls(message, str(name), [], "position")
        if isinstance(obj, str):
            return cls(message, name, [], "text")
        return cls(message, name, [], "")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B}"
    return str(value).strip()


def _group(path: str, value: Any, keys: tuple[str, ...]) -> FieldGroup:
    source = value if isinstance(value, Mapping) else {}
    values = {key: _text(source.get(key)) for key in keys}
    for key, extra in source.items():
        if key not in values:
            values[key] = _prepare_value(f"{path}.{key}", extra)
    return FieldGroup(path, values)


def _prepare_value(path: str, value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Mapping):
        return FieldGroup(path, {k: _prepare_value(f"{path}.{k}", v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return [_prepare_value(path, item) for item in value]
    if isinstance(value, (dt.date, str)):
        return _text(value)
    return value


def prepare_context(context: Mapping[str, Any]) -> dict[str, Any]:
    """The context as templates see it: every documented field present, plus derived ones.

    The app builds ``context`` as a plain dict (nothing here reads the database):

    ``person``
        The person the note is for: ``first_name``, ``last_name``, ``full_name``,
        ``title``, ``email``. Any of them may be "".
    ``company``, ``position``
        The application's company name and job title (``position`` may be "").
    ``interviewed_on``, ``rejected_on``, ``applied_on``
        Friendly dates such as "12 March", written to follow "on"; may be "".
    ``what_they_said``
        What the company said about the decision, in the user's words; may be "".
    ``hired_candidate``
        The name of the person who got the job, if known; may be "".
    ``me``
        The user's profile: ``name``, ``first_name``, ``signature``, ``email``,
        ``phone``, ``linkedin``. Any of them may be "".
    ``new_skills``
        A list (maybe empty) of what the user has learned since the interview, each
        with ``what`` (written to follow "since then I …", e.g. "finished a course on
        experiment design"), ``gap`` (written to follow "you asked about …", e.g.
        "my experience with A/B testing") and ``learned_on`` (a friendly date or "").
    ``today``
        Today's date, friendly formatted.

    Missing keys are filled in ("" for text, [] for ``new_skills``), ``None``
    becomes "", text is stripped of surrounding spaces, ``person.full_name`` is
    built from the first and last names when absent, ``me.first_name`` is taken
    from ``me.name`` when absent, ``date`` values become friendly dates, and
    trailing full stops are dropped from each skill's ``what`` and ``gap`` (they
    sit mid-sentence).

    Three ready-made fields are added (``context`` may override them):

    ``greeting``
        "Hi Dana," with a first name, "Hello Dana Whitfield," with only a full
        name, otherwise "Hello,".
    ``the_role``
        "the Senior Data Analyst role", or "the role" without a position.
    ``my_signature``
        ``me.signature``, else ``me.name``, else "" (the note then ends with its
        closing line, such as "With thanks,").
    """
    prepared: dict[str, Any] = {}
    for key, value in context.items():
        if key not in ("person", "me", "new_skills", *_TEXT_KEYS):
            prepared[key] = _prepare_value(key, value)
    for key in _TEXT_KEYS:
        prepared[key] = _text(context.get(key))
    person = _group("person", context.get("person"), _PERSON_KEYS)
    if not person["full_name"]:
        person["full_name"] = " ".join(p for p in (person["first_name"], person["last_name"]) if p)
    me = _group("me", context.get("me"), ME_KEYS)
    if not me["first_name"] and me["name"]:
        me["first_name"] = me["name"].split()[0]
    skills = []
    for item in context.get("new_skills") or ():
        skill = _group("new_skills", item, _SKILL_KEYS)
        skill["what"] = skill["what"].rstrip(". ")
        skill["gap"] = skill["gap"].rstrip(". ")
        skills.append(skill)
    prepared.update(person=person, me=me, new_skills=skills)

    if person["first_name"]:
        greeting = f"Hi {person['first_name']},"
    elif person["full_name"]:
        greeting = f"Hello {person['full_name']},"
    else:
        greeting = "Hello,"
    position = prepared["position"]
    if not position:
        the_role = "the role"
    elif position.lower().endswith((" role", " position", " job")):
        the_role = f"the {position}"
    else:
        the_role = f"the {position} role"
    derived = {
        "greeting": greeting,
        "the_role": the_role,
        "my_signature": me["signature"] or me["name"],
    }
    for key, value in derived.items():
        if not context.get(key):
            prepared[key] = value
    return prepared
