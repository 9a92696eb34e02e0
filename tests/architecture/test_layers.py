"""The house's rules, read from the source: imports go one way, only the window
imports Qt, and every write the window or a command makes goes through
``desktop.operations``."""

import ast
from functools import cache
from pathlib import Path

import pytest

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"

#: Floors, from the top. A module may import its own floor and those below it.
FLOORS = ("ui", "operations", "domain", "store")
DOMAIN = ("playbook", "exchange", "devdata")
# Modules at the top level (paths, clock, vocabulary, cli...) are on no floor: every
# floor may use paths, clock and vocabulary, and only cli starts the window.

#: Store functions that manage the file rather than the data in it: opening and
#: closing it, backing it up. The window calls them as it starts and stops.
LIFECYCLE = {"open_store", "close_store", "backup_now", "create_backup", "record_quick_check",
             "leave_marker_for_next_start", "run_quick_check", "quick_check_due"}


def module_name(path: Path) -> str:
    parts = path.relative_to(DESKTOP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def floor_of(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) < 2:
        return None
    if parts[1] in DOMAIN:
        return "domain"
    return parts[1] if parts[1] in FLOORS else None


@cache
def modules() -> dict[str, ast.Module]:
    return {module_name(path): ast.parse(path.read_text(encoding="utf-8"))
            for path in DESKTOP.rglob("*.py")}


def imported(tree: ast.Module) -> list[tuple[str, str | None, int]]:
    """(module, name or None, line) for every import, wherever it is in the file."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.module, alias.name, node.lineno) for alias in node.names]
    return found


def test_imports_only_go_down():
    order = {floor: rank for rank, floor in enumerate(FLOORS)}
    upward = []
    for module, tree in modules().items():
        floor = floor_of(module)
        if floor is None:
            continue
        for target, name, line in imported(tree):
            full = f"{target}.{name}" if name and f"{target}.{name}" in modules() else target
            their_floor = floor_of(full)
            if their_floor is not None and order[their_floor] < order[floor]:
                upward.append(f"{module}:{line} imports {full}")
    assert upward == []


def test_only_the_window_imports_qt():
    qt = [f"{module}:{line}" for module, tree in modules().items()
          if not module.startswith("desktop.ui") for target, _name, line in imported(tree)
          if target.split(".")[0] in ("PySide6", "shiboken6")]
    assert qt == []


# --- Writes go through the operations ----------------------------------------------------


def local_names(tree: ast.Module) -> dict[str, tuple[str, str | None]]:
    """What each imported name stands for: (module, function) or (module, None)."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name] = (alias.name, None)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                names[alias.asname or alias.name] = ((full, None) if full in modules()
                                                     else (node.module, alias.name))
    return names


def called(function: ast.AST, names: dict) -> set[tuple[str, str]]:
    """(module, function) of the calls inside ``function`` that go to another module."""
    found = set()
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        target = node.func
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
            module, _ = names.get(target.value.id, (None, None))
            if module:
                found.add((module, target.attr))
        elif isinstance(target, ast.Name) and target.id in names:
            module, name = names[target.id]
            if name:
                found.add((module, name))
    return found


def opens_transaction(context: ast.expr) -> bool:
    """``with transaction():`` or ``with db.atomic(...):``, the database's writes (not
    ``atomic_write``, which writes a file)."""
    call = context.func if isinstance(context, ast.Call) else context
    name = call.attr if isinstance(call, ast.Attribute) else getattr(call, "id", "")
    return name in ("transaction", "atomic")


@cache
def writes() -> frozenset[tuple[str, str]]:
    """Functions of the store and the domain that write: those that open a transaction,
    and those that call one that does."""
    functions = {}
    for module, tree in modules().items():
        if floor_of(module) not in ("store", "domain"):
            continue
        names = local_names(tree)
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                opens = any(isinstance(n, ast.With) and any(
                    opens_transaction(item.context_expr) for item in n.items)
                    for n in ast.walk(node))
                functions[(module, node.name)] = (opens, called(node, names))
    writing = {key for key, (opens, _) in functions.items() if opens}
    growing = True
    while growing:
        more = {key for key, (_, calls) in functions.items() if calls & writing} - writing
        writing |= more
        growing = bool(more)
    return frozenset(key for key in writing if key[1] not in LIFECYCLE)


def callers() -> list[str]:
    return [module for module in modules()
            if module.startswith(("desktop.ui", "desktop.commands")) or module == "desktop.cli"]


@pytest.mark.parametrize("module", callers())
def test_the_window_and_the_commands_write_only_through_operations(module):
    tree = modules()[module]
    names = local_names(tree)
    direct = [f"{target}.{name}" for target, name in called(tree, names)
              if (target, name) in writes()]
    imported_writes = [f"{target}.{name}" for target, name, _ in imported(tree)
                       if (target, name) in writes()]
    assert direct + imported_writes == []


def test_the_write_finder_finds_writes():
    """The test above can fail: the finder knows the store's and the planner's writes."""
    known = writes()
    assert ("desktop.store.people", "save_person") in known
    assert ("desktop.store.steps", "update_step") in known
    assert ("desktop.playbook.planner", "snooze") in known  # writes through update_step
    assert ("desktop.store.people", "person_values") not in known
