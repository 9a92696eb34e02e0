"""How far a template may go, and the measures that hold it there.

Templates are written by the user and run inside the app, so a slip such as a
loop inside a loop must stop with a clear message, never freeze the window or
fill the memory.
"""

import itertools
import sys
import time
import types
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from jinja2.runtime import Undefined
from jinja2.utils import Namespace

#: Longest output (subject and body together) a template may produce.
MAX_OUTPUT_CHARS = 20_000
#: Longest a template may take to fill in.
MAX_RENDER_SECONDS = 0.5
#: Longest subject or body text accepted as a template.
MAX_SOURCE_CHARS = 50_000

#: Largest value (in characters, roughly) a template may build along the way.
MAX_VALUE_CHARS = 10 * MAX_OUTPUT_CHARS
#: Largest whole number a template may build, in bits (about 1,200 digits).
MAX_INT_BITS = 4_096


class OverLimit(Exception):
    """The template went past a render limit ("too_much" or "too_slow")."""

    def __init__(self, code: str, line: int | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.line = line


class Budget:
    """The time and output one render may use, shared by its subject and body."""

    def __init__(self) -> None:
        self.deadline = time.perf_counter() + MAX_RENDER_SECONDS
        self.chars = 0


def size(value: Any, budget: int = MAX_VALUE_CHARS) -> int:
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


def check_value(value: Any) -> None:
    """Refuse a value larger than a template may build."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value.bit_length() > MAX_INT_BITS:
            raise OverLimit("too_much")
    elif size(value) > MAX_VALUE_CHARS:
        raise OverLimit("too_much")


def check_number_arg(value: Any) -> None:
    """Numbers given to filters and calls are widths, counts and the like."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_VALUE_CHARS:
        raise OverLimit("too_much")


@contextmanager
def deadline_trace(deadline: float, traced_files: frozenset[str]) -> Iterator[None]:
    """Interrupt template code (only) once ``deadline`` has passed.

    Checking the clock between pieces of output is not enough: a loop that
    produces nothing never yields. The global trace function is asked about
    every new frame; it returns the line tracer only for frames whose code file
    is one of ``traced_files`` (the compiled templates), so Jinja's and Python's
    own code run untraced. The line tracer raises on the first line event after
    the deadline, which also fires on every turn of a loop, even an empty one.
    The previous trace function (a debugger's, a coverage tool's) is restored.
    """

    def on_line(frame: types.FrameType, event: str, arg: Any) -> Any:
        if time.perf_counter() > deadline:
            raise OverLimit("too_slow")
        return on_line

    def on_call(frame: types.FrameType, event: str, arg: Any) -> Any:
        if frame.f_code.co_filename in traced_files:
            return on_line(frame, event, arg)
        return None

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        yield
    finally:
        sys.settrace(previous)
