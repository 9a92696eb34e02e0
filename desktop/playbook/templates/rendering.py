"""Filling in a template: a finished note, or one clear problem.

This is the one place that runs template code, so it is where the time and
output budget is kept and where every error, whatever raised it, becomes a
:class:`TemplateProblem` for the person editing the template.
"""

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateSyntaxError
from jinja2.exceptions import SecurityError

from desktop.playbook.templates.fields import UnknownField, prepare_context
from desktop.playbook.templates.files import Template
from desktop.playbook.templates.limits import (
    MAX_OUTPUT_CHARS,
    MAX_SOURCE_CHARS,
    Budget,
    OverLimit,
    deadline_trace,
)
from desktop.playbook.templates.problems import (
    TemplateProblem,
    limit_problem,
    not_allowed_problem,
    plain_error,
    say,
    unknown_field_problem,
)
from desktop.playbook.templates.samples import sample_context, sparse_context
from desktop.playbook.templates.sandbox import (
    FILENAMES,
    TRACED_FILES,
    NotAllowed,
    compile_template,
)
from desktop.playbook.templates.syntax import syntax_problem


@dataclass(frozen=True)
class Rendered:
    """A filled-in note, ready for the composer."""

    subject: str
    body: str


def render(
    template_or_subject_body: Template | tuple[str, str], context: Mapping[str, Any]
) -> Rendered:
    """Fill in a template (or a ``(subject, body)`` pair) with ``context``.

    ``context`` is a plain dict, completed first (see
    :func:`~desktop.playbook.templates.fields.prepare_context`). Jinja runs with
    ``StrictUndefined``, so a misspelt field is a problem naming it, never a
    silent blank. A line holding nothing but one block tag leaves nothing behind;
    every other line break is kept as written. The subject becomes one line with
    single spaces and the body is tidied (see :func:`_tidy`). Subject and body
    share one budget of :data:`MAX_OUTPUT_CHARS` characters and
    :data:`MAX_RENDER_SECONDS` seconds.

    Raises :class:`TemplateProblem` when the template can't be filled in.
    """
    if isinstance(template_or_subject_body, Template):
        subject, body = template_or_subject_body.subject, template_or_subject_body.body
    else:
        subject, body = template_or_subject_body
    compiled_subject = _compile_part("subject", subject)
    compiled_body = _compile_part("body", body)
    prepared = prepare_context(context)
    budget = Budget()  # the clock starts once both parts are compiled
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
    """Trailing spaces and runs of spaces between words go, as do blank lines at
    either end; three or more line breaks become one blank line."""
    lines = [_BETWEEN_WORDS.sub(" ", line.rstrip()) for line in text.splitlines()]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines).strip("\n"))


def _compile_part(part: str, source: str) -> Any:
    """The compiled subject or body, or the problem with its length or syntax."""
    if len(source) > MAX_SOURCE_CHARS:
        raise TemplateProblem(
            say(part, None, f"the {part} is too long (over {MAX_SOURCE_CHARS:,} characters)."),
            part=part,
            code="too_long",
        )
    try:
        return compile_template(part, source)
    except TemplateSyntaxError as exc:
        raise syntax_problem(part, source, exc) from None


def _run_part(
    part: str, source: str, compiled: Any, context: dict[str, Any], budget: Budget
) -> str:
    """Fill in one compiled part within the shared time and size budget."""
    filename = FILENAMES[part]
    pieces: list[str] = []
    chunks = compiled.generate(context)
    try:
        with deadline_trace(budget.deadline, TRACED_FILES):
            for chunk in chunks:
                budget.chars += len(chunk)
                if budget.chars > MAX_OUTPUT_CHARS:
                    raise OverLimit("too_much", _generator_line(chunks, compiled))
                if time.perf_counter() > budget.deadline:
                    raise OverLimit("too_slow", _generator_line(chunks, compiled))
                pieces.append(chunk)
    except OverLimit as exc:
        raise limit_problem(part, exc.code, exc.line or _traceback_line(exc, filename)) from None
    except UnknownField as exc:
        raise unknown_field_problem(part, exc, _traceback_line(exc, filename)) from None
    except (SecurityError, NotAllowed) as exc:
        raise not_allowed_problem(part, exc, _traceback_line(exc, filename)) from None
    except TemplateSyntaxError as exc:
        raise syntax_problem(part, source, exc) from None
    except RecursionError as exc:
        line = _traceback_line(exc, filename)
        text = "a macro or loop keeps calling itself and never finishes."
        raise TemplateProblem(
            say(part, line, text), line=line, part=part, code="too_slow"
        ) from None
    except MemoryError as exc:
        raise limit_problem(part, "too_much", _traceback_line(exc, filename)) from None
    except Exception as exc:
        line = _traceback_line(exc, filename)
        if "no loader" in str(exc):
            text = "a template can't include, import or extend another one; copy the text in."
            raise TemplateProblem(
                say(part, line, text), line=line, part=part, code="not_allowed"
            ) from None
        text = f"this part could not be filled in ({plain_error(exc)})."
        raise TemplateProblem(say(part, line, text), line=line, part=part, code="error") from None
    finally:
        chunks.close()
    return "".join(pieces)


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
