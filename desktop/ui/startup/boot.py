"""Every trick start-up plays to reach the window's first frame sooner, in one room.

Each rule below was measured (README, "Start-up"); ``tests/architecture/
test_first_frame.py`` fails when code on the way to the first frame breaks one, so
a change that quietly undoes a gain is caught by the tests, not by a user.

1. **The garbage collector pauses until the first frame** (``paused_collector``,
   ``first_frame_reached``). What start-up builds lives as long as the app, so
   collecting while it is built only walks it again and again; at the frame it is
   frozen out of the way of later collections.
2. **The layers below the window load before PySide6** (``PRELOAD_BEFORE_QT``).
   Once PySide6 is loaded, its ``__feature__`` support reads the source of each
   module that runs an import statement, Peewee's 8,000 lines among them. A
   store, playbook or exchange module the window needs must be reachable from
   this list.
3. **Nothing on the way to the first frame touches PySide6's ``Qt`` namespace.**
   Its first use creates all of its Python enums at once. Item roles are plain
   ints (``FOREGROUND_ROLE``, ``USER_ROLE``, pinned to Qt's values by a test),
   shortcuts are ``QKeySequence``, colours are ``QColor``.
4. **Records on the way to the first frame are NamedTuples, not dataclasses.**
   A dataclass writes its methods with ``exec`` when it is defined, several
   times the cost of a NamedTuple. ``MUTABLE_RECORDS`` names the few that are
   edited in place, and they load before Qt (rule 2), where defining them is
   cheaper.
5. **Only Today is built before the frame**: other views are imported when first
   shown (``menus.VIEWS``).
6. **Work the first frame does not need waits for it**: the tray notice, the
   start-up backup and the integrity check run once the frame is drawn, or after
   ``DEFERRED_WORK_LATEST_MS`` if it never is (a window started minimised).
7. **The first frame is drawn before the store opens**, when the data file allows
   it (``playbook.today.first_look``: a clean file, in this version's format,
   that can be written). Today is read through a read-only ``sqlite3`` connection
   with the same queries the store uses later, so Peewee (some 30 ms to import)
   and the store's opening wait for the frame; the store opens right after it,
   and until then ``first_paint.InputHold`` keeps clicks and keys from the
   window. Modules on the way to the first frame import the store where they use
   it. Any other file (an unclean exit, an older format, read-only, damaged,
   missing) opens the store first, as before.
8. **Dialog classes load when a dialog opens.** PySide6 builds a class's Python
   type, with its enums, the first time the class is named; the dialogs'
   (``DIALOG_CLASSES``) cost some 5 ms together, so modules on the way to the first
   frame import them in the functions that show them.

This module is imported before Qt, so it imports nothing of PySide6 itself.
"""

import gc
import importlib
from collections.abc import Iterator
from contextlib import contextmanager

#: What the window's first frame needs from the layers below it (rules 2 and 7),
#: loaded before PySide6; none of it loads Peewee.
PRELOAD_BEFORE_QT = (
    "desktop.playbook.today",
    "desktop.store.failures",
    "desktop.clock",
    "desktop.operations.changes",
    "desktop.logs",
)

#: The only records on the way to the first frame that are dataclasses (rule 4):
#: the two settings objects the Settings dialog edits field by field.
MUTABLE_RECORDS = (
    "desktop.playbook.settings.PlaybookSettings",
    "desktop.playbook.settings.Profile",
)

#: Classes the first frame does not need, imported where they are used (rule 8).
DIALOG_CLASSES = frozenset({
    "QMessageBox", "QDialog", "QDialogButtonBox", "QInputDialog", "QCalendarWidget",
    "QFileDialog", "QProgressDialog", "QSystemTrayIcon", "QDesktopServices",
})

#: ``Qt.ItemDataRole`` values fixed by Qt's API, spelled as numbers (rule 3).
FOREGROUND_ROLE = 9
USER_ROLE = 0x0100

#: Start the deferred work by then even if the window is never painted (rule 6).
DEFERRED_WORK_LATEST_MS = 3000


@contextmanager
def paused_collector() -> Iterator[None]:
    """Run the window's start-up with the collector paused and the layers below
    the window loaded first (rules 1 and 2); the collector is on again afterwards,
    whatever happened."""
    gc.disable()
    try:
        for name in PRELOAD_BEFORE_QT:
            importlib.import_module(name)
        yield
    finally:
        gc.enable()


def first_frame_reached() -> None:
    """End the pause (rule 1): freeze what start-up built, then collect again.

    Called once the first frame is drawn (or by the deferred-work deadline); does
    nothing when the collector is already running.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
