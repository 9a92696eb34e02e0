"""Jinja's filters, guarded so that none can build a huge value in one step.

A filter such as ``center(10**9)`` or ``replace`` on a long text would fill the
memory before the output limit could notice, so the size of what it returns is
estimated, and refused if too large, before it runs.
"""

import functools
import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from desktop.playbook.templates.limits import (
    MAX_VALUE_CHARS,
    OverLimit,
    check_number_arg,
    check_value,
    size,
)

_PRINTF_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\d*)(?:\.(\d*))?")


def format_estimate(fmt: Any, args: tuple[Any, ...]) -> int:
    """Upper bound for ``fmt % args`` (and the ``format`` filter)."""
    text = str(fmt)
    widest = 0
    for match in _PRINTF_SPEC.finditer(text):
        for digits in match.groups():
            if digits:
                if len(digits) > 7:
                    return MAX_VALUE_CHARS + 1
                widest = max(widest, int(digits))
    values: list[Any] = []
    for arg in args:
        if isinstance(arg, Mapping):
            values.extend(arg.values())
        elif isinstance(arg, tuple):
            values.extend(arg)
        else:
            values.append(arg)
    biggest = max((size(v) for v in values), default=0)
    return len(text) + text.count("%") * (widest + biggest)


def _number(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value)
    return size(value)


def _text_size(value: Any) -> int:
    return len(value) if isinstance(value, str) else size(value)


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
    "format": lambda value, *args, **kwargs: format_estimate(value, (*args, kwargs)),
    "join": lambda value, d="", attribute=None: size(value) + len(str(d)) * _count(value),
    "replace": _replace_estimate,
    "truncate": lambda s, length=255, killwords=False, end="...", leeway=None: (
        min(_text_size(s), _number(length)) + len(str(end))
    ),
    "sum": lambda iterable, attribute=None, start=0: size(iterable) + size(start),
}
# Filters whose input may be a one-shot iterator that the estimate needs to see.
_MATERIALISE = frozenset({"join", "sum"})


def guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """The filter ``func`` called ``name``, refusing huge arguments and results."""
    estimate = _FILTER_ESTIMATES.get(name)
    skip = 0 if getattr(func, "jinja_pass_arg", None) is None else 1

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        head, values = args[:skip], list(args[skip:])
        if values and name in _MATERIALISE and isinstance(values[0], Iterator):
            values[0] = list(itertools.islice(values[0], MAX_VALUE_CHARS + 1))
        for position, value in enumerate(values):
            check_value(value)
            if position:
                check_number_arg(value)
        for value in kwargs.values():
            check_value(value)
            check_number_arg(value)
        if estimate is not None and values:
            try:
                expected = estimate(*values, **kwargs)
            except (TypeError, ValueError):
                expected = 0  # let the filter itself explain its wrong arguments
            if expected > MAX_VALUE_CHARS:
                raise OverLimit("too_much")
        result = func(*head, *values, **kwargs)
        if isinstance(result, (str, list, tuple, dict)):
            check_value(result)
        return result

    return guarded
