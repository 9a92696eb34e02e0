"""The Jinja sandbox templates run in, with Rebound's limits built in.

Jinja's own sandbox stops templates reaching Python internals but still lets
them call any method and build any value. Here a template may only call its own
macros, a few Jinja helpers and simple text methods, and every operator, call,
filter and join that could build a huge value is checked before it runs.
"""

import functools
import itertools
import types
from collections.abc import Mapping
from typing import Any

from jinja2 import StrictUndefined, UndefinedError
from jinja2.runtime import LoopContext, Macro, Undefined, markup_join
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Cycler, Joiner, missing

from desktop.playbook.templates.fields import UnknownField
from desktop.playbook.templates.filters import format_estimate, guard_filter
from desktop.playbook.templates.limits import (
    MAX_INT_BITS,
    MAX_OUTPUT_CHARS,
    MAX_VALUE_CHARS,
    OverLimit,
    check_number_arg,
    check_value,
    size,
)


class NotAllowed(Exception):
    """The template tried to call something it may not call."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


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
            exc = functools.partial(UnknownField.for_access, obj, name)
        super().__init__(hint, obj, name, exc)


def _bounded_join(pieces: Any) -> str:
    """``"".join`` for block captures, macros and ``~``, refusing huge results."""
    parts = []
    total = 0
    for piece in pieces:
        text = piece if isinstance(piece, str) else _checked_str(piece)
        total += len(text)
        if total > MAX_VALUE_CHARS:
            raise OverLimit("too_much")
        parts.append(text)
    return "".join(parts)


def _checked_str(value: Any) -> str:
    if not isinstance(value, Undefined):
        check_value(value)
    return str(value)


def _bounded_markup_join(pieces: Any) -> str:
    materialised = list(pieces)
    _bounded_join(str(p) if not isinstance(p, Undefined) else p for p in materialised)
    return markup_join(materialised)


def _finalize(value: Any) -> Any:
    """Runs on every ``{{ … }}`` before it is turned into text."""
    if not isinstance(value, (str, Undefined)) and size(value, MAX_OUTPUT_CHARS) > MAX_OUTPUT_CHARS:
        raise OverLimit("too_much")
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
        self.filters = {name: guard_filter(name, f) for name, f in self.filters.items()}

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and abs(left) > 1
                and right > 0
                and (left.bit_length() - 1) * right > MAX_INT_BITS
            ):
                raise OverLimit("too_much")
        elif operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (
                    isinstance(seq, (str, list, tuple))
                    and isinstance(times, int)
                    and size(seq) * max(times, 0) > MAX_VALUE_CHARS
                ):
                    raise OverLimit("too_much")
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and left.bit_length() + right.bit_length() > MAX_INT_BITS
            ):
                raise OverLimit("too_much")
        elif operator == "+":
            sequences = (str, list, tuple)
            if (
                isinstance(left, sequences)
                and isinstance(right, sequences)
                and size(left) + size(right) > MAX_VALUE_CHARS
            ):
                raise OverLimit("too_much")
        elif (
            operator == "%"
            and isinstance(left, str)
            and format_estimate(left, (right,)) > MAX_VALUE_CHARS
        ):
            raise OverLimit("too_much")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        if not isinstance(__obj, Undefined) and not __self._may_call(__obj):
            raise NotAllowed(getattr(__obj, "__name__", None) or type(__obj).__name__)
        for value in itertools.chain(args, (v for k, v in kwargs.items() if not k.startswith("_"))):
            check_value(value)
            check_number_arg(value)
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, (str, list, tuple, dict)):
            check_value(result)
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


ENV = _Environment()
#: The code file name of each compiled part: how tracebacks and the time limit find them.
FILENAMES = {"subject": "<rebound template: subject>", "body": "<rebound template: body>"}
TRACED_FILES = frozenset(FILENAMES.values())


@functools.lru_cache(maxsize=128)
def compile_template(part: str, source: str) -> Any:
    """The compiled Jinja template for a subject or body (cached by text).

    Its joins are swapped for bounded ones, so text built up by block
    captures, macros and ``~`` can't grow past the value limit either.
    """
    code = ENV.compile(_keep_inline_breaks(source), name=part, filename=FILENAMES[part])
    compiled = ENV.template_class.from_code(ENV, code, ENV.make_globals(None))
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
