"""The templates shipped with Rebound, read from text files.

They live in ``resources/templates/<key>.txt`` rather than in code so that their
wording can be read and edited as plain text::

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
"""

import functools
from dataclasses import dataclass

from desktop.paths import resource_path
from desktop.playbook.kinds import StepKind
from desktop.playbook.templates.problems import TemplateProblem

#: The folder under resources/ that holds the built-in templates.
TEMPLATES_DIR_NAME = "templates"


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
