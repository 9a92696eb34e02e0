"""Smaller rules of the house, read from the source: modules stay small enough to
read, and "now" comes from one place so tests can fix it."""

import ast

from tests.architecture.test_layers import DESKTOP, module_name, modules

#: A module longer than this holds more than one idea; split it by what it holds.
MAX_MODULE_LINES = 400

#: Calls that read the system clock for a date or time of day.
SYSTEM_CLOCK = {("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow"),
                ("date", "today")}


def test_no_module_is_over_400_lines():
    long = {module_name(path): n for path in DESKTOP.rglob("*.py")
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def clock_reads(tree: ast.Module) -> list[int]:
    """Lines calling ``datetime.now()``, ``date.today()`` and the like."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(
                owner, "id", "")
            if (owner_name, node.func.attr) in SYSTEM_CLOCK:
                found.append(node.lineno)
    return found


def test_only_the_clock_module_reads_the_system_clock():
    """Everything else asks ``desktop.clock``, whose ``fixed`` lets a test set today."""
    readers = {module: lines for module, tree in modules().items()
               if module != "desktop.clock" and (lines := clock_reads(tree))}
    assert readers == {}


def test_the_clock_check_sees_each_spelling():
    source = ("import datetime\nfrom datetime import date, datetime as dt\n"
              "a = datetime.datetime.now()\nb = date.today()\nc = datetime.date.today()\n")
    assert clock_reads(ast.parse(source)) == [3, 4, 5]
