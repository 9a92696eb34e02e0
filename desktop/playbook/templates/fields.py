"""The fields templates can use, and the context made ready for them.

Most fields may be empty (no first name, no position, no profile), so the
context is completed and cleaned before rendering, and a few ready-made fields
let built-in and user templates read well either way.
"""

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from jinja2 import UndefinedError
from jinja2.utils import missing

from desktop.vocabulary import person_name

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
    "stumped_questions",
    "should_have_mentioned",
    "skill_gaps",
    "hired_candidate",
    "recipient_role",
    "today",
)
#: Recipient roles (``recipient_role``) of people who usually sat in the interview and
#: work on the team that was hiring.
TEAM_ROLES = ("hiring_manager", "interviewer")

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
    ("the_role_at_company", 'Ready-made: "the Senior Data Analyst role at Northwind Labs", '
     'or as much of it as is known ("the role at Northwind Labs", "the role")'),
    ("applied_on", 'When you applied, e.g. "14 February" (reads well after "on")'),
    ("interviewed_on", 'When you were interviewed, e.g. "3 March"'),
    ("rejected_on", 'When you heard the decision, e.g. "12 March"'),
    ("what_they_said", "What they told you about the decision, in your words (a note "
     "should not quote it back: use it in {% if %})"),
    ("stumped_questions", "Questions that stumped you in the interview, as you wrote them"),
    ("stumped_question", 'Ready-made: the first of them, to quote: "How would you …?"'),
    ("should_have_mentioned", "What you should have mentioned, as you wrote it"),
    ("what_i_didnt_mention", 'Ready-made: the first thing you should have mentioned, to follow '
     '"one thing I didn\'t get to mention:"'),
    ("skill_gaps", "Skill gaps the interview showed, as you wrote them"),
    ("the_gaps", 'Ready-made: those gaps in a sentence, "SQL window functions and FHIR"'),
    ("hired_candidate", "The name of the person they hired, if you know it"),
    ("recipient_role", 'Their part in the application: "hiring_manager", "recruiter", '
     '"interviewer", "hr", "referrer", "other", or empty'),
    ("told_me_the_news", "Yes when they are the one who told you the decision (the recruiter, "
     "else the hiring manager, else HR): {% if told_me_the_news %} … {% endif %}"),
    ("interviewed_me", "Yes when they are the hiring manager or an interviewer"),
    ("the_team", 'Ready-made: "your team" for the hiring manager or an interviewer, '
     'otherwise "the team"'),
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
    ("my_signature", "Ready-made: your name, then your signature's lines under it (or "
     "just one of them, or nothing)"),
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
    ``stumped_questions``, ``should_have_mentioned``, ``skill_gaps``
        The user's reflection on the interview, as typed; each may be "".
    ``hired_candidate``
        The name of the person who got the job, if known; may be "".
    ``recipient_role``
        The person's part in the application, a ``HiringRole`` value such as
        "recruiter"; may be "".
    ``told_me_the_news``
        True when this person is taken to be the one who gave the decision.
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

    Missing keys are filled in ("" for text, [] for ``new_skills``, False for
    ``told_me_the_news``), ``None`` becomes "", text is stripped of surrounding
    spaces, ``person.full_name`` is built from the first and last names when
    absent, ``me.first_name`` is taken from ``me.name`` when absent, ``date``
    values become friendly dates, trailing full stops are dropped from each
    skill's ``what`` and ``gap`` (they sit mid-sentence), and a
    ``hired_candidate`` that is a description rather than a name ("A producer
    from a mobile studio") starts with "the" so that it reads mid-sentence.

    Ready-made fields are added (``context`` may override them), so that a note
    reads as finished prose whatever is missing:

    ``greeting``
        "Hi Dana," with a first name, "Hello Dana Whitfield," with only a full
        name of two words or more, otherwise "Hello,".
    ``the_role``
        "the Senior Data Analyst role", or "the role" without a position.
    ``the_role_at_company``
        ``the_role`` followed by " at Northwind Labs" when the company is known.
    ``interviewed_me``
        True for a hiring manager or an interviewer (:data:`TEAM_ROLES`).
    ``the_team``
        "your team" when ``interviewed_me``, otherwise "the team" (a recruiter or
        HR is rarely on the team they hire for).
    ``stumped_question``
        The first question in ``stumped_questions``, ready to go in quotation
        marks (double quotes inside it become single ones).
    ``what_i_didnt_mention``
        The first item of ``should_have_mentioned``, to follow a colon mid-sentence.
    ``the_gaps``
        The items of ``skill_gaps`` (one a line, or separated by semicolons) joined
        in words: "A", "A and B", "A, B and C" (at most three).
    ``my_signature``
        ``me.name``, then the lines of ``me.signature`` under it; the signature
        alone when it already holds the name on a line of its own; "" when there
        is neither (the note then ends with its closing line, such as "With
        thanks,").
    """
    prepared: dict[str, Any] = {}
    for key, value in context.items():
        if key not in ("person", "me", "new_skills", "told_me_the_news", *_TEXT_KEYS):
            prepared[key] = _prepare_value(key, value)
    for key in _TEXT_KEYS:
        prepared[key] = _text(context.get(key))
    prepared["told_me_the_news"] = bool(context.get("told_me_the_news"))
    prepared["hired_candidate"] = _mid_sentence(prepared["hired_candidate"], articles="the")
    person = _group("person", context.get("person"), _PERSON_KEYS)
    if not person["full_name"]:
        person["full_name"] = person_name(person["first_name"], person["last_name"])
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

    interviewed_me = prepared["recipient_role"] in TEAM_ROLES
    the_role = _the_role(prepared["position"])
    company = prepared["company"]
    derived = {
        "greeting": _greeting(person),
        "the_role": the_role,
        "the_role_at_company": f"{the_role} at {company}" if company else the_role,
        "the_team": "your team" if interviewed_me else "the team",
        "stumped_question": _first_question(prepared["stumped_questions"]),
        "what_i_didnt_mention": _mid_sentence(_first_item(prepared["should_have_mentioned"])),
        "the_gaps": _in_words(
            [_mid_sentence(item) for item in _items(prepared["skill_gaps"])][:3]),
        "my_signature": _signature(me["name"], me["signature"]),
    }
    for key, value in derived.items():
        if not context.get(key):
            prepared[key] = value
    if "interviewed_me" in context:
        prepared["interviewed_me"] = bool(context["interviewed_me"])
    else:
        prepared["interviewed_me"] = interviewed_me
    return prepared


def _greeting(person: Mapping[str, str]) -> str:
    if person["first_name"]:
        return f"Hi {person['first_name']},"
    if len(person["full_name"].split()) > 1:  # "Hello Whitfield," would read oddly
        return f"Hello {person['full_name']},"
    return "Hello,"


def _the_role(position: str) -> str:
    if position.lower().startswith("the "):
        position = position[4:].strip()
    if not position:
        return "the role"
    if position.lower().endswith((" role", " position", " job")):
        return f"the {position}"
    return f"the {position} role"


#: Words that start a sentence but not a name: lowered when the text goes mid-sentence.
_COMMON_STARTS = frozenset((
    "a", "an", "the", "that", "this", "these", "those", "my", "our", "some", "someone",
    "somebody", "one", "two", "how", "what", "why", "when", "where", "which", "whether",
    "being", "having", "about", "more", "better",
))
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u2013]|\d+[.)])\s*")


def _items(text: str) -> list[str]:
    """What the user listed: one a line, or separated by semicolons; bullets dropped."""
    found = []
    for line in text.splitlines():
        for piece in line.split(";"):
            piece = _BULLET.sub("", piece).strip().rstrip(".,;:!?").strip()
            if piece:
                found.append(piece)
    return found


def _first_item(text: str) -> str:
    items = _items(text)
    return items[0] if items else ""


def _mid_sentence(text: str, articles: str = "") -> str:
    """``text`` ready to follow a word mid-sentence: a capitalised common first word
    ("The", "That") lowered; with ``articles``, a leading "A"/"An"/"The" becomes it."""
    words = text.split(maxsplit=1)
    if not words:
        return ""
    first = words[0]
    rest = words[1] if len(words) > 1 else ""
    if articles and rest and first.lower() in ("a", "an", "the"):
        return f"{articles} {rest}"
    if first.lower() in _COMMON_STARTS and first[0].isupper() and (
            len(first) == 1 or first[1:].islower()):
        return f"{first.lower()} {rest}".strip()
    return text


def _first_question(text: str) -> str:
    """The first question the user noted, fit to stand in double quotation marks."""
    for line in text.splitlines():
        line = _BULLET.sub("", line).strip()
        if not line:
            continue
        mark = line.find("?")
        question = line[: mark + 1] if mark >= 0 else line.rstrip(".;:, ")
        question = question.strip().strip("\"\u201c\u201d").strip()
        return question.replace("\u201c", "'").replace("\u201d", "'").replace('"', "'")
    return ""


def _in_words(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _signature(name: str, signature: str) -> str:
    """The name, then the signature's lines under it (the signature never replaces it)."""
    lines = [line.rstrip() for line in signature.strip("\n").splitlines()]
    while lines and not lines[-1].strip():
        lines.pop()
    if not name:
        return "\n".join(lines)
    if any(line.strip().casefold() == name.casefold() for line in lines):
        return "\n".join(lines)
    return "\n".join([name, *lines])
