"""Note templates: the built-in ones, and rendering them safely.

A template is a subject line and a plain-text e-mail body written in Jinja. The
built-in templates live in ``resources/templates/<key>.txt``::

    kind: thank_you
    name: Thank-you note
    description: A day or two after the news: thank them and leave the door open.
    subject: Thank you{% if position %} - {{ position }} interview{% endif %}
    ---
    {{ greeting }}

    Thank you for ...

    With thanks,
    {{ my_signature }}

``kind`` is a :class:`~desktop.playbook.kinds.StepKind` value, ``name`` is shown
in the template picker and ``description`` says when to use it. Everything after
the ``---`` line is the body.

Fields available to templates
-----------------------------
The app builds the context as a plain dict (nothing here reads the database):

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

Rendering adds three ready-made fields, so built-in and user templates read
well when the optional fields are empty (a context may override them):

``greeting``
    "Hi Dana," with a first name, "Hello Dana Whitfield," with only a full name,
    otherwise "Hello,".
``the_role``
    "the Senior Data Analyst role", or "the role" without a position.
``my_signature``
    ``me.signature``, else ``me.name``, else "" (the note then ends with its
    closing line, such as "With thanks,").

Before rendering, missing keys are filled in ("" for text, [] for
``new_skills``), ``None`` becomes "", text is stripped of surrounding spaces,
``person.full_name`` is built from the first and last names when absent,
``me.first_name`` is taken from ``me.name`` when absent, ``date`` values become
friendly dates, and trailing full stops are dropped from each skill's ``what``
and ``gap`` (they sit mid-sentence).

Rendering rules
---------------
* Jinja runs in a sandbox with ``StrictUndefined``: a misspelt field is an
  error that names the field and its line, never a silent blank.
* A line holding nothing but one block tag (``{% if … %}``, ``{% endfor %}``)
  leaves nothing behind; every other line break is kept as written, even after
  a tag that ends a line of text (``trim_blocks`` and ``lstrip_blocks``, with
  ``+%}`` added to such line-ending tags before compiling).
* The subject becomes one line with single spaces. In the body, trailing spaces
  are removed from every line, runs of spaces between words become one space,
  three or more line breaks become one blank line, and leading and trailing
  blank lines are dropped.
* Rendering is bounded: at most :data:`MAX_OUTPUT_CHARS` characters of output
  and :data:`MAX_RENDER_SECONDS` seconds. Time is enforced by a ``sys.settrace``
  hook that only traces the frames of the compiled template (matched by their
  code file name) and raises once the deadline has passed, so even a loop that
  produces no output stops; the previous trace function is restored afterwards.
  Operations that could build a huge value in a single step (``*``, ``**``,
  ``+``, ``%`` and ``~``, block captures, and filters such as ``center``,
  ``join`` or ``replace``) are checked before they run, templates may only call
  their own macros, a few Jinja helpers and simple text methods, and no value
  larger than ten times the output limit is accepted.
* Every failure is a :class:`TemplateProblem` written for a job seeker editing a
  template, with the line number when there is one.
"""

import copy
import datetime as dt
import difflib
import functools
import itertools
import re
import sys
import time
import types
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.runtime import LoopContext, Macro, Undefined, markup_join
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace, missing

from desktop.paths import resource_path
from desktop.playbook.kinds import StepKind

__all__ = [
    "FIELDS",
    "MAX_OUTPUT_CHARS",
    "MAX_RENDER_SECONDS",
    "MAX_SOURCE_CHARS",
    "Rendered",
    "Template",
    "TemplateProblem",
    "builtin",
    "builtin_templates",
    "parse_template_file",
    "render",
    "render_text",
    "sample_context",
    "sparse_context",
    "validate",
]

#: Longest output (subject and body together) a template may produce.
MAX_OUTPUT_CHARS = 20_000
#: Longest a template may take to fill in.
MAX_RENDER_SECONDS = 0.5
#: Longest subject or body text accepted as a template.
MAX_SOURCE_CHARS = 50_000

# Largest value (in characters, roughly) a template may build along the way.
_MAX_VALUE_CHARS = 10 * MAX_OUTPUT_CHARS
# Largest whole number a template may build, in bits (about 1,200 digits).
_MAX_INT_BITS = 4_096

TEMPLATES_DIR_NAME = "templates"

_PERSON_KEYS = ("first_name", "last_name", "full_name", "title", "email")
_ME_KEYS = ("name", "first_name", "signature", "email", "phone", "linkedin")
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
_DERIVED_KEYS = ("greeting", "the_role", "my_signature")

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


# --------------------------------------------------------------------------------------
# Templates and problems


@dataclass(frozen=True)
class Template:
    """One note template: when to use it, its subject line and its body (both Jinja)."""

    key: str
    kind: StepKind
    name: str
    description: str
    subject: str
    body: str
    builtin: bool = False


@dataclass(frozen=True)
class Rendered:
    """A filled-in note, ready for the composer."""

    subject: str
    body: str


_WHERE_PREFIX = re.compile(r"^(?:Line \d+|Subject(?:, line \d+)?): ")


class TemplateProblem(Exception):
    """Why a template can't be used, in words for someone editing it.

    ``message`` is the whole explanation (it starts with "Line 3:" or "Subject:"
    when that is known); ``explanation`` is the same without that prefix, for a
    view that shows the place itself. ``line`` is 1-based within ``part``: "subject" or "body" for
    rendering problems, "header" (a line of the template file) for
    :func:`parse_template_file`. ``field`` is the unknown field's name, if that was
    the problem. ``code`` is one of "header", "syntax", "unknown_field",
    "not_allowed", "too_much", "too_slow", "too_long" or "error".
    """

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        part: str = "body",
        field: str | None = None,
        code: str = "error",
    ) -> None:
        super().__init__(message)
        self.message = message
        bare = _WHERE_PREFIX.sub("", message, count=1)
        self.explanation = bare[:1].upper() + bare[1:]
        self.line = line
        self.part = part
        self.field = field
        self.code = code

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"TemplateProblem({self.message!r}, line={self.line!r}, part={self.part!r})"


# --------------------------------------------------------------------------------------
# Template files

_HEADER_KEYS = ("kind", "name", "description", "subject")


def parse_template_file(text: str, key: str, *, builtin: bool = False) -> Template:
    """Read a template file (header lines, ``---``, body); TemplateProblem if malformed."""
    if not key or not key.strip():
        raise TemplateProblem(
            "A template needs a key (its file name).", part="header", code="header"
        )
    lines = text.removeprefix("\ufeff").splitlines()
    separator = next((i for i, line in enumerate(lines) if line.strip() == "---"), None)
    if separator is None:
        raise TemplateProblem(
            'The line "---" that separates the header from the note\'s text is missing.',
            part="header",
            code="header",
        )
    header: dict[str, str] = {}
    for number, line in enumerate(lines[:separator], start=1):
        if not line.strip():
            continue
        name, colon, value = line.partition(":")
        name = name.strip().lower()
        if not colon or not name:
            raise _header_problem(
                number, f'expected a header line such as "name: Thank-you note", not {line!r}.'
            )
        if name not in _HEADER_KEYS:
            raise _header_problem(
                number,
                f'"{name}" is not a header this file can have; use '
                + ", ".join(_HEADER_KEYS)
                + ".",
            )
        if name in header:
            raise _header_problem(number, f'"{name}" is given twice.')
        header[name] = value.strip()
    for name in _HEADER_KEYS:
        if not header.get(name):
            raise TemplateProblem(
                f'The header has no "{name}:" line (or it is empty).', part="header", code="header"
            )
    try:
        kind = StepKind(header["kind"])
    except ValueError:
        kinds = ", ".join(kind.value for kind in StepKind)
        raise TemplateProblem(
            f'"{header["kind"]}" is not a kind of step; use one of: {kinds}.',
            part="header",
            code="header",
        ) from None
    body_lines = lines[separator + 1 :]
    while body_lines and not body_lines[0].strip():
        body_lines.pop(0)
    body = "\n".join(line.rstrip() for line in body_lines).rstrip()
    if not body:
        raise TemplateProblem('The note has no text after "---".', part="header", code="header")
    return Template(
        key=key.strip(),
        kind=kind,
        name=header["name"],
        description=header["description"],
        subject=header["subject"],
        body=body,
        builtin=builtin,
    )


def _header_problem(number: int, text: str) -> TemplateProblem:
    return TemplateProblem(f"Line {number}: {text}", line=number, part="header", code="header")


@functools.cache
def _load_builtins() -> tuple[Template, ...]:
    folder = resource_path(TEMPLATES_DIR_NAME)
    found = []
    for path in sorted(folder.glob("*.txt")):
        try:
            found.append(
                parse_template_file(path.read_text(encoding="utf-8"), path.stem, builtin=True)
            )
        except TemplateProblem as problem:
            raise TemplateProblem(
                f"Built-in template {path.name}: {problem.message}",
                line=problem.line,
                part=problem.part,
                code=problem.code,
            ) from None
    order = list(StepKind)
    # In the picker: by step order, the plain template of each kind first.
    found.sort(key=lambda t: (order.index(t.kind), t.key != t.kind.value, t.key))
    return tuple(found)


def builtin_templates() -> list[Template]:
    """The templates shipped with Rebound, in step order (read once, then cached)."""
    return list(_load_builtins())


def builtin(key: str) -> Template:
    """The built-in template called ``key``; KeyError if there is none."""
    for template in _load_builtins():
        if template.key == key:
            return template
    raise KeyError(f"No built-in template called {key!r}")


# --------------------------------------------------------------------------------------
# Contexts


class _Fields(dict):
    """A group of fields (person, me, a skill) that knows its name for error messages."""

    __slots__ = ("_path",)

    def __init__(self, path: str, values: Mapping[str, Any]) -> None:
        super().__init__(values)
        self._path = path


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B}"
    return str(value).strip()


def _group(path: str, value: Any, keys: tuple[str, ...]) -> _Fields:
    source = value if isinstance(value, Mapping) else {}
    values = {key: _text(source.get(key)) for key in keys}
    for key, extra in source.items():
        if key not in values:
            values[key] = _prepare_value(f"{path}.{key}", extra)
    return _Fields(path, values)


def _prepare_value(path: str, value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Mapping):
        return _Fields(path, {k: _prepare_value(f"{path}.{k}", v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return [_prepare_value(path, item) for item in value]
    if isinstance(value, (dt.date, str)):
        return _text(value)
    return value


def _prepare(context: Mapping[str, Any]) -> dict[str, Any]:
    """The context as templates see it: every documented field present, plus derived ones."""
    prepared: dict[str, Any] = {}
    for key, value in context.items():
        if key not in ("person", "me", "new_skills", *_TEXT_KEYS):
            prepared[key] = _prepare_value(key, value)
    for key in _TEXT_KEYS:
        prepared[key] = _text(context.get(key))
    person = _group("person", context.get("person"), _PERSON_KEYS)
    if not person["full_name"]:
        person["full_name"] = " ".join(p for p in (person["first_name"], person["last_name"]) if p)
    me = _group("me", context.get("me"), _ME_KEYS)
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


_SAMPLE_CONTEXT: dict[str, Any] = {
    "person": {
        "first_name": "Dana",
        "last_name": "Whitfield",
        "full_name": "Dana Whitfield",
        "title": "Head of Analytics",
        "email": "dana.whitfield@northwind-labs.example",
    },
    "company": "Northwind Labs",
    "position": "Senior Data Analyst",
    "applied_on": "14 February",
    "interviewed_on": "3 March",
    "rejected_on": "12 March",
    "what_they_said": (
        "They chose someone with more hands-on experience running A/B tests, "
        "and said my SQL answers were strong."
    ),
    "hired_candidate": "Jordan Ellis",
    "me": {
        "name": "Alex Morgan",
        "first_name": "Alex",
        "signature": "Alex Morgan\n+44 7700 900123\nlinkedin.com/in/alexmorgan-data",
        "email": "alex.morgan@example.com",
        "phone": "+44 7700 900123",
        "linkedin": "linkedin.com/in/alexmorgan-data",
    },
    "new_skills": [
        {
            "what": "finished a course on experiment design and ran two A/B tests for a "
            "community project",
            "gap": "my hands-on experience with A/B testing",
            "learned_on": "April",
        },
        {
            "what": "rebuilt a reporting pipeline in dbt, with tests and documentation",
            "gap": "my experience with dbt",
            "learned_on": "May",
        },
    ],
    "today": "14 June",
}

_SPARSE_CONTEXT: dict[str, Any] = {
    "person": {
        "first_name": "",
        "last_name": "",
        "full_name": "",
        "title": "",
        "email": "talent@northwind-labs.example",
    },
    "company": "Northwind Labs",
    "position": "Senior Data Analyst",
    "applied_on": "",
    "interviewed_on": "",
    "rejected_on": "12 March",
    "what_they_said": "",
    "hired_candidate": "",
    "me": dict.fromkeys(_ME_KEYS, ""),
    "new_skills": [],
    "today": "14 June",
}


def sample_context() -> dict[str, Any]:
    """A realistic, complete context for previews and tests (a fresh copy)."""
    return copy.deepcopy(_SAMPLE_CONTEXT)


def sparse_context() -> dict[str, Any]:
    """A context with almost nothing known: the person is only an e-mail address,
    no profile, no notes, no new skills. Templates must still read well with it."""
    return copy.deepcopy(_SPARSE_CONTEXT)


# --------------------------------------------------------------------------------------
# Bounds


class _Limit(Exception):
    """The template went past a render limit ("too_much" or "too_slow")."""

    def __init__(self, code: str, line: int | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.line = line


class _NotAllowed(Exception):
    """The template tried to call something it may not call."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class _UnknownField(UndefinedError):
    """A field the context doesn't have; knows its dotted name and its neighbours."""

    def __init__(self, message: str, field: str, choices: list[str], owner: str) -> None:
        super().__init__(message)
        self.field = field
        self.choices = choices
        self.owner = owner

    @classmethod
    def for_access(cls, obj: Any, name: Any, message: str) -> "_UnknownField":
        if obj is missing:
            return cls(message, str(name), [], "")
        if isinstance(obj, _Fields):
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


class _Undefined(StrictUndefined):
    """StrictUndefined whose error carries the unknown field's name."""

    __slots__ = ()

    def __init__(
        self,
        hint: str | None = None,
        obj: Any = missing,
        name: str | None = None,
        exc=UndefinedError,
    ) -> None:
        if exc is UndefinedError and hint is None and name is not None:
            exc = functools.partial(_UnknownField.for_access, obj, name)
        super().__init__(hint, obj, name, exc)


def _size(value: Any, budget: int = _MAX_VALUE_CHARS) -> int:
    """Roughly how many characters ``value`` would take as text, counting no further
    than just past ``budget`` (cheap on huge or self-referencing values)."""
    total = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, Undefined) or item is None or isinstance(item, bool):
            total += 1
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 1
        elif isinstance(item, float):
            total += 24
        elif isinstance(item, range):
            total += 2 + 8 * len(item)
        elif isinstance(item, Mapping):
            total += 2 + 4 * len(item)
            if total <= budget:
                stack.extend(itertools.chain.from_iterable(item.items()))
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += 2 + 2 * len(item)
            if total <= budget:
                stack.extend(item)
        elif isinstance(item, Namespace):
            total += 16
            stack.append(object.__getattribute__(item, "_Namespace__attrs"))
        else:
            total += 32
        if total > budget:
            break
    return total


def _check_value(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool):
        if value.bit_length() > _MAX_INT_BITS:
            raise _Limit("too_much")
    elif _size(value) > _MAX_VALUE_CHARS:
        raise _Limit("too_much")


def _check_number_arg(value: Any) -> None:
    """Numbers given to filters and calls are widths, counts and the like."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _MAX_VALUE_CHARS:
        raise _Limit("too_much")


_PRINTF_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\d*)(?:\.(\d*))?")


def _format_estimate(fmt: Any, args: tuple[Any, ...]) -> int:
    """Upper bound for ``fmt % args`` (and the ``format`` filter)."""
    text = str(fmt)
    widest = 0
    for match in _PRINTF_SPEC.finditer(text):
        for digits in match.groups():
            if digits:
                if len(digits) > 7:
                    return _MAX_VALUE_CHARS + 1
                widest = max(widest, int(digits))
    values: list[Any] = []
    for arg in args:
        if isinstance(arg, Mapping):
            values.extend(arg.values())
        elif isinstance(arg, tuple):
            values.extend(arg)
        else:
            values.append(arg)
    biggest = max((_size(v) for v in values), default=0)
    return len(text) + text.count("%") * (widest + biggest)


def _number(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value)
    return _size(value)


def _text_size(value: Any) -> int:
    return len(value) if isinstance(value, str) else _size(value)


def _count(value: Any) -> int:
    try:
        return len(value)
    except TypeError:
        return 1


def _replace_estimate(s: Any, old: Any, new: Any, count: Any = None) -> int:
    text, old_text, new_text = str(s), str(old), str(new)
    hits = text.count(old_text) if old_text else len(text) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * len(new_text)


# Upper bounds on the size of what these filters return, checked before they run.
_FILTER_ESTIMATES: dict[str, Callable[..., int]] = {
    "center": lambda value, width=80: _text_size(value) + _number(width),
    "indent": lambda s, width=4, first=False, blank=False: (
        _text_size(s) + (str(s).count("\n") + 1) * _number(width)
    ),
    "wordwrap": lambda s, width=79, break_long_words=True, wrapstring=None, **_: (
        _text_size(s) * (1 + len(str(wrapstring or "\n")))
    ),
    "format": lambda value, *args, **kwargs: _format_estimate(value, (*args, kwargs)),
    "join": lambda value, d="", attribute=None: _size(value) + len(str(d)) * _count(value),
    "replace": _replace_estimate,
    "truncate": lambda s, length=255, killwords=False, end="...", leeway=None: (
        min(_text_size(s), _number(length)) + len(str(end))
    ),
    "sum": lambda iterable, attribute=None, start=0: _size(iterable) + _size(start),
}
# Filters whose input may be a one-shot iterator that the estimate needs to see.
_MATERIALISE = frozenset({"join", "sum"})


def _guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    estimate = _FILTER_ESTIMATES.get(name)
    skip = 0 if getattr(func, "jinja_pass_arg", None) is None else 1

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        head, values = args[:skip], list(args[skip:])
        if values and name in _MATERIALISE and isinstance(values[0], Iterator):
            values[0] = list(itertools.islice(values[0], _MAX_VALUE_CHARS + 1))
        for position, value in enumerate(values):
            _check_value(value)
            if position:
                _check_number_arg(value)
        for value in kwargs.values():
            _check_value(value)
            _check_number_arg(value)
        if estimate is not None and values:
            try:
                expected = estimate(*values, **kwargs)
            except (TypeError, ValueError):
                expected = 0  # let the filter itself explain its wrong arguments
            if expected > _MAX_VALUE_CHARS:
                raise _Limit("too_much")
        result = func(*head, *values, **kwargs)
        if isinstance(result, (str, list, tuple, dict)):
            _check_value(result)
        return result

    return guarded


def _bounded_join(pieces: Any) -> str:
    """``"".join`` for block captures, macros and ``~``, refusing huge results."""
    parts = []
    total = 0
    for piece in pieces:
        text = piece if isinstance(piece, str) else _checked_str(piece)
        total += len(text)
        if total > _MAX_VALUE_CHARS:
            raise _Limit("too_much")
        parts.append(text)
    return "".join(parts)


def _checked_str(value: Any) -> str:
    if not isinstance(value, Undefined):
        _check_value(value)
    return str(value)


def _bounded_markup_join(pieces: Any) -> str:
    materialised = list(pieces)
    _bounded_join(str(p) if not isinstance(p, Undefined) else p for p in materialised)
    return markup_join(materialised)


def _finalize(value: Any) -> Any:
    """Runs on every ``{{ … }}`` before it is turned into text."""
    if (
        not isinstance(value, (str, Undefined))
        and _size(value, MAX_OUTPUT_CHARS) > MAX_OUTPUT_CHARS
    ):
        raise _Limit("too_much")
    return value


_STR_METHODS = frozenset(
    {
        "capitalize", "casefold", "count", "endswith", "find", "index", "isalnum",
        "isalpha", "isdecimal", "isdigit", "islower", "isnumeric", "isspace", "istitle",
        "isupper", "lower", "lstrip", "partition", "removeprefix", "removesuffix", "rfind",
        "rindex", "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith",
        "strip", "swapcase", "title", "upper",
    }
)  # fmt: skip
_MAPPING_METHODS = frozenset({"get", "items", "keys", "values"})
_HELPER_METHODS = {
    Cycler: frozenset({"next", "reset"}),
    LoopContext: frozenset({"cycle", "changed"}),
}


class _Environment(SandboxedEnvironment):
    """The sandbox with Rebound's limits on operators, filters and calls."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    concat = staticmethod(_bounded_join)

    def __init__(self) -> None:
        super().__init__(
            undefined=_Undefined,
            autoescape=False,
            keep_trailing_newline=False,
            trim_blocks=True,
            lstrip_blocks=True,
            finalize=_finalize,
        )
        self.globals.pop("lipsum", None)
        self._allowed_globals = tuple(self.globals.values())
        self.filters = {name: _guard_filter(name, f) for name, f in self.filters.items()}

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and abs(left) > 1
                and right > 0
                and (left.bit_length() - 1) * right > _MAX_INT_BITS
            ):
                raise _Limit("too_much")
        elif operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (
                    isinstance(seq, (str, list, tuple))
                    and isinstance(times, int)
                    and _size(seq) * max(times, 0) > _MAX_VALUE_CHARS
                ):
                    raise _Limit("too_much")
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and left.bit_length() + right.bit_length() > _MAX_INT_BITS
            ):
                raise _Limit("too_much")
        elif operator == "+":
            sequences = (str, list, tuple)
            if (
                isinstance(left, sequences)
                and isinstance(right, sequences)
                and _size(left) + _size(right) > _MAX_VALUE_CHARS
            ):
                raise _Limit("too_much")
        elif (
            operator == "%"
            and isinstance(left, str)
            and _format_estimate(left, (right,)) > _MAX_VALUE_CHARS
        ):
            raise _Limit("too_much")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        if not isinstance(__obj, Undefined) and not __self._may_call(__obj):
            raise _NotAllowed(getattr(__obj, "__name__", None) or type(__obj).__name__)
        for value in itertools.chain(args, (v for k, v in kwargs.items() if not k.startswith("_"))):
            _check_value(value)
            _check_number_arg(value)
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, (str, list, tuple, dict)):
            _check_value(result)
        return result

    def _may_call(self, obj: Any) -> bool:
        if isinstance(obj, (Macro, LoopContext, Joiner)):
            return True
        if any(obj is allowed for allowed in self._allowed_globals):
            return True
        if isinstance(obj, (types.MethodType, types.BuiltinMethodType)):
            owner, name = getattr(obj, "__self__", None), obj.__name__
            if isinstance(owner, str):
                return name in _STR_METHODS
            if isinstance(owner, Mapping):
                return name in _MAPPING_METHODS
            for kind, names in _HELPER_METHODS.items():
                if isinstance(owner, kind):
                    return name in names
        return False


_ENV = _Environment()
_FILENAMES = {"subject": "<rebound template: subject>", "body": "<rebound template: body>"}
_TRACED_FILES = frozenset(_FILENAMES.values())


@functools.lru_cache(maxsize=128)
def _compile(part: str, source: str) -> Any:
    """The compiled Jinja template for a subject or body (cached by text)."""
    code = _ENV.compile(_keep_inline_breaks(source), name=part, filename=_FILENAMES[part])
    compiled = _ENV.template_class.from_code(_ENV, code, _ENV.make_globals(None))
    namespace = compiled.root_render_func.__globals__
    namespace["str_join"] = _bounded_join
    namespace["markup_join"] = _bounded_markup_join
    namespace["concat"] = _bounded_join
    return compiled


def _keep_inline_breaks(source: str) -> str:
    """Make ``trim_blocks`` apply only to lines holding nothing but one block tag.

    A tag ending a line of text (``… welcome.{% endif %}``) would otherwise swallow
    the line break after it; ``+%}`` tells Jinja to keep it. Lines are never added
    or removed, so line numbers still match what the user wrote.
    """
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for index, line in enumerate(lines):
        if not line.endswith("%}") or line.endswith(("-%}", "+%}")):
            continue
        stripped = line.strip()
        if stripped.startswith("{%") and stripped.count("{%") == 1 and "{{" not in stripped:
            continue
        lines[index] = line[:-2] + "+%}"
    return "\n".join(lines)


@contextmanager
def _deadline_trace(deadline: float) -> Iterator[None]:
    """Interrupt template code (only) once ``deadline`` has passed.

    The global trace function is asked about every new frame; it returns the
    line tracer only for frames of compiled templates, so Jinja's and Python's
    own code run untraced. The line tracer raises on the first line event after
    the deadline, which also fires on every turn of a loop, even an empty one.
    """

    def on_line(frame: types.FrameType, event: str, arg: Any) -> Any:
        if time.perf_counter() > deadline:
            raise _Limit("too_slow")
        return on_line

    def on_call(frame: types.FrameType, event: str, arg: Any) -> Any:
        if frame.f_code.co_filename in _TRACED_FILES:
            return on_line(frame, event, arg)
        return None

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        yield
    finally:
        sys.settrace(previous)


# --------------------------------------------------------------------------------------
# Rendering


class _Budget:
    def __init__(self) -> None:
        self.deadline = time.perf_counter() + MAX_RENDER_SECONDS
        self.chars = 0


def render(
    template_or_subject_body: Template | tuple[str, str], context: Mapping[str, Any]
) -> Rendered:
    """Fill in a template (or a ``(subject, body)`` pair) with ``context``.

    Raises :class:`TemplateProblem` when the template can't be filled in.
    """
    if isinstance(template_or_subject_body, Template):
        subject, body = template_or_subject_body.subject, template_or_subject_body.body
    else:
        subject, body = template_or_subject_body
    compiled_subject = _compile_part("subject", subject)
    compiled_body = _compile_part("body", body)
    prepared = _prepare(context)
    budget = _Budget()  # the clock starts once both parts are compiled
    subject_text = _run_part("subject", subject, compiled_subject, prepared, budget)
    body_text = _run_part("body", body, compiled_body, prepared, budget)
    return Rendered(subject=" ".join(subject_text.split()), body=_tidy(body_text))


def render_text(subject: str, body: str, context: Mapping[str, Any]) -> Rendered:
    """:func:`render` for a subject and body being edited (not yet a Template)."""
    return render((subject, body), context)


def validate(subject: str, body: str) -> TemplateProblem | None:
    """The first problem filling in subject and body with the sample and the sparse
    context, or None if the template works with both."""
    for context in (sample_context(), sparse_context()):
        try:
            render((subject, body), context)
        except TemplateProblem as problem:
            return problem
    return None


_BETWEEN_WORDS = re.compile(r"(?<=\S) {2,}(?=\S)")
_BLANK_RUNS = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    lines = [_BETWEEN_WORDS.sub(" ", line.rstrip()) for line in text.splitlines()]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines).strip("\n"))


def _compile_part(part: str, source: str) -> Any:
    if len(source) > MAX_SOURCE_CHARS:
        raise TemplateProblem(
            _say(part, None, f"the {part} is too long (over {MAX_SOURCE_CHARS:,} characters)."),
            part=part,
            code="too_long",
        )
    try:
        return _compile(part, source)
    except TemplateSyntaxError as exc:
        raise _syntax_problem(part, source, exc) from None


def _run_part(
    part: str, source: str, compiled: Any, context: dict[str, Any], budget: _Budget
) -> str:
    """Fill in one compiled part within the shared time and size budget."""
    filename = _FILENAMES[part]
    pieces: list[str] = []
    chunks = compiled.generate(context)
    try:
        with _deadline_trace(budget.deadline):
            for chunk in chunks:
                budget.chars += len(chunk)
                if budget.chars > MAX_OUTPUT_CHARS:
                    raise _Limit("too_much", _generator_line(chunks, compiled))
                if time.perf_counter() > budget.deadline:
                    raise _Limit("too_slow", _generator_line(chunks, compiled))
                pieces.append(chunk)
    except TemplateProblem:
        raise
    except _Limit as exc:
        raise _limit_problem(part, exc.code, exc.line or _traceback_line(exc, filename)) from None
    except _UnknownField as exc:
        raise _unknown_field_problem(part, exc, _traceback_line(exc, filename)) from None
    except (SecurityError, _NotAllowed) as exc:
        raise _not_allowed_problem(part, exc, _traceback_line(exc, filename)) from None
    except TemplateSyntaxError as exc:
        raise _syntax_problem(part, source, exc) from None
    except RecursionError as exc:
        line = _traceback_line(exc, filename)
        text = "a macro or loop keeps calling itself and never finishes."
        raise TemplateProblem(
            _say(part, line, text), line=line, part=part, code="too_slow"
        ) from None
    except MemoryError as exc:
        raise _limit_problem(part, "too_much", _traceback_line(exc, filename)) from None
    except Exception as exc:
        line = _traceback_line(exc, filename)
        if "no loader" in str(exc):
            text = "a template can't include, import or extend another one; copy the text in."
            raise TemplateProblem(
                _say(part, line, text), line=line, part=part, code="not_allowed"
            ) from None
        text = f"this part could not be filled in ({_plain_error(exc)})."
        raise TemplateProblem(_say(part, line, text), line=line, part=part, code="error") from None
    finally:
        chunks.close()
    return "".join(pieces)


def _say(part: str, line: int | None, text: str) -> str:
    """The message with where it happened in front: "Line 3: …" or "Subject: …"."""
    if part == "subject":
        prefix = f"Subject, line {line}: " if line and line > 1 else "Subject: "
    elif part == "body" and line:
        prefix = f"Line {line}: "
    else:
        return text[:1].upper() + text[1:]
    return prefix + text


def _traceback_line(exc: BaseException, filename: str) -> int | None:
    """The template line of the innermost template frame (Jinja maps them for us)."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _generator_line(chunks: Any, compiled: Any) -> int | None:
    """Which template line was producing output when a limit was reached."""
    try:
        inner = chunks.gi_yieldfrom
        while inner is not None and getattr(inner, "gi_yieldfrom", None) is not None:
            inner = inner.gi_yieldfrom
        frame = inner.gi_frame if inner is not None else None
        if frame is None:
            return None
        return compiled.get_corresponding_lineno(frame.f_lineno)
    except AttributeError:
        return None


def _limit_problem(part: str, code: str, line: int | None) -> TemplateProblem:
    if code == "too_slow":
        text = (
            f"the template took too long to fill in (more than {MAX_RENDER_SECONDS:g} seconds). "
            "Look for a loop inside a loop, or a loop over something very large."
        )
    else:
        text = (
            f"the template produces too much text (more than {MAX_OUTPUT_CHARS:,} characters). "
            "Look for a loop that repeats too often or text multiplied by a large number."
        )
    return TemplateProblem(_say(part, line, text), line=line, part=part, code=code)


def _unknown_field_problem(part: str, exc: _UnknownField, line: int | None) -> TemplateProblem:
    if exc.owner == "position":
        text = (
            f"there is nothing at position {exc.field} (positions count from 0, and a list "
            "may be empty); a {% for %} loop is safer."
        )
        return TemplateProblem(_say(part, line, text), line=line, part=part, code="error")
    if exc.owner == "text":
        text = (
            f"text fields have no `{exc.field}` of their own; use the field itself, "
            "like {{ company }}."
        )
    elif exc.owner:
        choices = exc.choices
        name = exc.field.rsplit(".", 1)[-1]
        text = f"{exc.owner} has no field `{name}`."
        if exc.owner == "each new skill":
            text = f"a new skill has no field `{name}`."
        close = difflib.get_close_matches(name, choices, n=1)
        if close:
            text += f" Did you mean `{close[0]}`?"
        text += " It has: " + ", ".join(choices) + "."
    else:
        names = [name for name, _ in FIELDS if not name.startswith("skill.")]
        text = f"there is no field called `{exc.field}`."
        close = difflib.get_close_matches(exc.field, names, n=1)
        if close:
            text += f" Did you mean `{close[0]}`?"
        text += f" Fields you can use: {_field_overview()}."
    return TemplateProblem(
        _say(part, line, text), line=line, part=part, field=exc.field, code="unknown_field"
    )


@functools.cache
def _field_overview() -> str:
    """FIELDS as one line: "greeting, person (first_name, …), company, …"."""
    groups: dict[str, list[str]] = {}
    for name, _ in FIELDS:
        head, _, tail = name.partition(".")
        head = "new_skills" if head == "skill" else head
        groups.setdefault(head, [])
        if tail:
            groups[head].append(tail)
    return ", ".join(f"{h} ({', '.join(t)})" if t else h for h, t in groups.items())


_UNSAFE_ATTRIBUTE = re.compile(r"attribute '([^']+)'")


def _not_allowed_problem(part: str, exc: Exception, line: int | None) -> TemplateProblem:
    if isinstance(exc, _NotAllowed):
        what = f"calling `{exc.name}` is not allowed"
    else:
        match = _UNSAFE_ATTRIBUTE.search(str(exc))
        what = f"`{match.group(1)}` is not allowed" if match else "that is not allowed"
    text = f"templates can only use the note's fields; {what}."
    return TemplateProblem(_say(part, line, text), line=line, part=part, code="not_allowed")


def _plain_error(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    if isinstance(exc, ZeroDivisionError):
        return "division by zero"
    if isinstance(exc, OverflowError) and "Range too big" in text:
        return "range() can count at most to 100,000"
    return text.rstrip(".")


# Syntax errors, in plain words


def _syntax_problem(part: str, source: str, exc: TemplateSyntaxError) -> TemplateProblem:
    line, text = _explain_syntax(source, exc)
    return TemplateProblem(_say(part, line, text), line=line, part=part, code="syntax")


def _explain_syntax(source: str, exc: TemplateSyntaxError) -> tuple[int | None, str]:
    message = exc.message or str(exc)
    line = exc.lineno or None
    innermost = re.search(r"innermost block that needs to be closed is '(\w+)'", message)
    if message.startswith("Unexpected end of template") and innermost:
        tag = innermost.group(1)
        opened = _open_blocks(source)
        if opened and opened[-1][0] == tag:
            line = opened[-1][1]
        return line, f"a {{% {tag} %}} is never closed with {{% end{tag} %}}."
    if match := re.match(r"Encountered unknown tag '(\w+)'", message):
        tag = match.group(1)
        if tag.startswith("end"):
            text = f"there is a {{% {tag} %}} without a matching {{% {tag[3:]} %}} before it."
            if innermost:
                block = innermost.group(1)
                text += f" The open {{% {block} %}} needs a {{% end{block} %}} first."
            return line, text
        if tag in ("else", "elif"):
            return line, f"this {{% {tag} %}} is not inside an {{% if %}} (or a {{% for %}})."
        return line, f"{{% {tag} %}} is not something templates understand."
    if "expected 'end of print statement'" in message and "end of template" in message:
        return line, "a {{ is never closed with }}."
    if "expected 'end of statement block'" in message and "end of template" in message:
        return line, "a {% is never closed with %}."
    if message.startswith(
        ("unexpected 'end of print statement'", "Expected an expression, got 'end of print")
    ):
        return line, "there is an empty {{ }}; put a field name inside, like {{ company }}."
    if match := re.match(r"expected token 'end of print statement', got '([^']*)'", message):
        return line, (
            f"inside {{{{ … }}}} the template didn't expect `{match.group(1)}`; "
            "write one field per {{ }}, like {{ person.first_name }}."
        )
    if match := re.match(r"expected token 'end of statement block', got '([^']*)'", message):
        if match.group(1) == "if":
            return line, "write {% elif … %} rather than {% else if … %}."
        return line, f"inside {{% … %}} the template didn't expect `{match.group(1)}`."
    if match := re.match(r"No (filter|test) named '([^']*)'", message):
        return line, f"there is no {match.group(1)} called `{match.group(2)}`."
    if match := re.match(r"unexpected char '(.*)' at", message):
        return line, f"the character `{match.group(1)}` can't be used there."
    if match := re.match(r"unexpected '([^']*)'", message):
        return line, f"`{match.group(1)}` is not expected there."
    return line, f"the template can't be read here ({message.rstrip('.')})."


_BLOCK_TAGS = frozenset(
    {"if", "for", "macro", "call", "filter", "block", "with", "autoescape", "set", "trans"}
)


def _open_blocks(source: str) -> list[tuple[str, int]]:
    """The block tags still open at the end of ``source``, with the line each opened on."""
    try:
        tokens = [t for t in _ENV.lex(source) if t[1] != "whitespace"]
    except TemplateSyntaxError:
        return []
    stack: list[tuple[str, int]] = []
    index = 0
    while index < len(tokens):
        lineno, kind, _ = tokens[index]
        if kind == "block_begin" and index + 1 < len(tokens) and tokens[index + 1][1] == "name":
            tag = tokens[index + 1][2]
            end = index + 1
            assigns = False
            while end < len(tokens) and tokens[end][1] != "block_end":
                assigns = assigns or (tokens[end][1] == "operator" and tokens[end][2] == "=")
                end += 1
            if tag in _BLOCK_TAGS and not (tag == "set" and assigns):
                stack.append((tag, lineno))
            elif tag.startswith("end") and stack and stack[-1][0] == tag[3:]:
                stack.pop()
            index = end
        index += 1
    return stack
