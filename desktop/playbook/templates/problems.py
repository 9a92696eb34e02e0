"""Why a template can't be used, told to someone editing it.

The people writing templates are job seekers, not programmers: Jinja's own
errors ("'dict object' has no attribute 'frist_name'") are turned into plain
sentences that name the line and, where it helps, the field they meant.
"""

import difflib
import functools
import re

from desktop.playbook.templates.fields import FIELDS, UnknownField
from desktop.playbook.templates.limits import MAX_OUTPUT_CHARS, MAX_RENDER_SECONDS
from desktop.playbook.templates.sandbox import NotAllowed

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


def say(part: str, line: int | None, text: str) -> str:
    """The message with where it happened in front: "Line 3: …" or "Subject: …"."""
    if part == "subject":
        prefix = f"Subject, line {line}: " if line and line > 1 else "Subject: "
    elif part == "body" and line:
        prefix = f"Line {line}: "
    else:
        return text[:1].upper() + text[1:]
    return prefix + text


def limit_problem(part: str, code: str, line: int | None) -> TemplateProblem:
    """Too slow or too much text, with where to look for the cause."""
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
    return TemplateProblem(say(part, line, text), line=line, part=part, code=code)


def unknown_field_problem(part: str, exc: UnknownField, line: int | None) -> TemplateProblem:
    """A misspelt or missing field, with the likely one meant and those there are."""
    if exc.owner == "position":
        text = (
            f"there is nothing at position {exc.field} (positions count from 0, and a list "
            "may be empty); a {% for %} loop is safer."
        )
        return TemplateProblem(say(part, line, text), line=line, part=part, code="error")
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
        say(part, line, text), line=line, part=part, field=exc.field, code="unknown_field"
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


def not_allowed_problem(part: str, exc: Exception, line: int | None) -> TemplateProblem:
    """Something the sandbox refused (``exc``: NotAllowed or Jinja's SecurityError)."""
    if isinstance(exc, NotAllowed):
        what = f"calling `{exc.name}` is not allowed"
    else:
        match = _UNSAFE_ATTRIBUTE.search(str(exc))
        what = f"`{match.group(1)}` is not allowed" if match else "that is not allowed"
    text = f"templates can only use the note's fields; {what}."
    return TemplateProblem(say(part, line, text), line=line, part=part, code="not_allowed")


def plain_error(exc: Exception) -> str:
    """Any other error's own message, reworded where Python's would puzzle."""
    text = str(exc).strip() or type(exc).__name__
    if isinstance(exc, ZeroDivisionError):
        return "division by zero"
    if isinstance(exc, OverflowError) and "Range too big" in text:
        return "range() can count at most to 100,000"
    return text.rstrip(".")
