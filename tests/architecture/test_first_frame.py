"""The first-frame rules of ``desktop.ui.startup.boot``, held by tests.

The modules on the way to the first frame are read from a real start (a child
process, as a user starts Rebound, stopped when the first frame is reached); the
rules are then checked on their source. Each checker is also run on a module that
breaks its rule, so a checker that can no longer fail is noticed.
"""

import ast
import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.devdata.sample import load_sample_data
from desktop.store import lifecycle
from desktop.ui.startup import boot

#: Stops a real start at the first frame and prints the modules loaded by then,
#: in the order their imports began.
LOADED_AT_FIRST_FRAME = """
    import json, sys

    from desktop.ui.startup import boot

    def reached():
        from PySide6.QtWidgets import QApplication

        print(json.dumps(list(sys.modules)), flush=True)
        QApplication.exit(0)

    boot.first_frame_reached = reached
    from desktop.cli import run
    run(["--data-dir", sys.argv[1]])
"""


@pytest.fixture(scope="module")
def loaded_at_first_frame(tmp_path_factory) -> list[str]:
    data_dir = tmp_path_factory.mktemp("first-frame")
    store = lifecycle.open_store(data_dir)
    load_sample_data()  # Today has rows to paint
    lifecycle.close_store(store)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(LOADED_AT_FIRST_FRAME), str(data_dir)],
        env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def first_frame_sources(loaded: list[str]) -> dict[str, str]:
    """Rebound's own modules among ``loaded``, with their source."""
    sources = {}
    for name in loaded:
        if name == "desktop" or name.startswith("desktop."):
            origin = importlib.util.find_spec(name).origin
            sources[name] = Path(origin).read_text(encoding="utf-8")
    return sources


def below_the_window(name: str) -> bool:
    """Modules rule 2 wants loaded before PySide6: all that Rebound's window builds on."""
    return name == "peewee" or (name.startswith("desktop.") and not name.startswith("desktop.ui."))


def loaded_after_qt(loaded: list[str]) -> list[str]:
    qt_at = loaded.index("PySide6")
    return [name for name in loaded[qt_at:] if below_the_window(name)]


def qt_namespace_uses(source: str) -> list[int]:
    """Lines that import PySide6's ``Qt`` namespace or reach it as ``QtCore.Qt``."""
    def imports_qt(node) -> bool:
        return (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6")
                and any(alias.name == "Qt" for alias in node.names))

    def reaches_qt(node) -> bool:
        return (isinstance(node, ast.Attribute) and node.attr == "Qt"
                and isinstance(node.value, ast.Name) and node.value.id == "QtCore")

    return [node.lineno for node in ast.walk(ast.parse(source))
            if imports_qt(node) or reaches_qt(node)]


def dialog_classes_imported(source: str) -> list[str]:
    """The dialog classes (``boot.DIALOG_CLASSES``) ``source`` imports as it loads,
    that is in its top-level statements, not inside a function or a type-checking
    block."""
    return [alias.name for node in ast.parse(source).body
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6")
            for alias in node.names if alias.name in boot.DIALOG_CLASSES]


def dataclasses_defined(module: str, source: str) -> list[str]:
    """Qualified names of the classes ``source`` defines with ``@dataclass``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                name = target.attr if isinstance(target, ast.Attribute) else getattr(
                    target, "id", "")
                if name == "dataclass":
                    found.append(f"{module}.{node.name}")
    return found


def test_the_window_starts_in_the_preload_order(loaded_at_first_frame):
    """Rule 2: nothing the window builds on loads after PySide6."""
    late = loaded_after_qt(loaded_at_first_frame)
    assert late == [], (
        f"{late} load after PySide6 on the way to the first frame: add them (or a module "
        "that imports them) to boot.PRELOAD_BEFORE_QT")


def test_the_first_frame_path_does_not_touch_the_qt_namespace(loaded_at_first_frame):
    """Rule 3, read from the source of every module the first frame loaded."""
    sources = first_frame_sources(loaded_at_first_frame)
    assert "desktop.ui.views.today" in sources  # the probe really reached the window
    offenders = {name: lines for name, source in sources.items()
                 if (lines := qt_namespace_uses(source))}
    assert offenders == {}, f"these first-frame modules use PySide6's Qt namespace: {offenders}"


def test_the_first_frame_path_leaves_the_dialog_classes_for_later(loaded_at_first_frame):
    """Rule 8, read from the source of every module the first frame loaded."""
    offenders = {name: found for name, source in first_frame_sources(loaded_at_first_frame).items()
                 if (found := dialog_classes_imported(source))}
    assert offenders == {}, f"these first-frame modules import dialog classes: {offenders}"


def test_records_on_the_first_frame_path_are_named_tuples(loaded_at_first_frame):
    """Rule 4: only the records boot names as mutable are dataclasses."""
    found = [qualified for name, source in first_frame_sources(loaded_at_first_frame).items()
             for qualified in dataclasses_defined(name, source)]
    assert sorted(found) == sorted(boot.MUTABLE_RECORDS)


def test_only_today_is_built_before_the_first_frame(loaded_at_first_frame):
    """Rule 5: the other views, their dialogs and the tone check load when needed."""
    eager = {"desktop.ui.views.people", "desktop.ui.views.companies",
             "desktop.ui.views.applications", "desktop.ui.views.templates",
             "desktop.ui.dialogs.composer", "desktop.playbook.tone", "jinja2"}
    assert eager.isdisjoint(loaded_at_first_frame)


def test_the_first_frame_is_drawn_before_the_store_loads(loaded_at_first_frame):
    """Rule 7: on data closed cleanly, Peewee, the models and the store's opening wait
    for the frame, which is drawn from the first look."""
    assert "desktop.playbook.today" in loaded_at_first_frame
    store_stack = {"peewee", "desktop.store.connection", "desktop.store.models",
                   "desktop.store.lifecycle", "desktop.store.steps"}
    assert store_stack.isdisjoint(loaded_at_first_frame)


def test_the_role_numbers_are_qts_own():
    """Rule 3 spells two ``Qt.ItemDataRole`` values as numbers: they must be Qt's."""
    assert Qt.ItemDataRole.ForegroundRole.value == boot.FOREGROUND_ROLE
    assert Qt.ItemDataRole.UserRole.value == boot.USER_ROLE


# The checkers themselves, on modules that break each rule.

def test_the_preload_check_names_a_store_module_loaded_after_qt():
    order = ["desktop", "desktop.cli", "PySide6", "desktop.ui.views.today", "desktop.store.people"]
    assert loaded_after_qt(order) == ["desktop.store.people"]


def test_the_qt_namespace_check_sees_both_spellings():
    source = ("from PySide6.QtCore import Qt, QTimer\n"
              "from PySide6 import QtCore\n"
              "x = QtCore.Qt.Key\n")
    assert qt_namespace_uses(source) == [1, 3]
    assert qt_namespace_uses("from PySide6.QtCore import QTimer\n") == []


def test_the_dialog_class_check_sees_imports_as_the_module_loads_only():
    source = textwrap.dedent("""
        from typing import TYPE_CHECKING
        from PySide6.QtWidgets import QLabel, QMessageBox

        if TYPE_CHECKING:
            from PySide6.QtWidgets import QSystemTrayIcon

        def ask():
            from PySide6.QtWidgets import QInputDialog
    """)
    assert dialog_classes_imported(source) == ["QMessageBox"]


def test_the_dataclass_check_sees_every_spelling():
    source = textwrap.dedent("""
        import dataclasses
        from dataclasses import dataclass

        @dataclass
        class A: ...

        @dataclass(frozen=True)
        class B: ...

        @dataclasses.dataclass
        class C: ...

        class D: ...
    """)
    assert dataclasses_defined("m", source) == ["m.A", "m.B", "m.C"]
