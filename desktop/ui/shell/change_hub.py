"""Where every change arrives and goes out: the window's one link to the operations.

Views and dialogs run an operation through ``run`` (or report one they ran
themselves with ``did_execute``); the hub emits the ``Changes`` once, and the
main window tells each view that shows those records. No view marks another
stale by hand. A write the disk refused is said here, with *Try again*. Long
operations on a worker thread start here too (``start_long``), and ``busyChanged``
tells periodic writers to wait while one runs.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.operations import Changes
from desktop.store.failures import WriteFailed

if TYPE_CHECKING:  # loaded when long work first runs (``boot``, rule 8)
    from desktop.ui.shell.long_work import LongWork


class ChangeHub(QObject):
    #: (Changes, the view or dialog that made them, or None)
    changed = Signal(object, object)
    #: True when a long operation starts on a worker thread, False when the last ends.
    busyChanged = Signal(bool)

    def __init__(self):
        super().__init__()
        self._running: list[LongWork] = []

    @property
    def busy(self) -> bool:
        """A long operation is writing on a worker thread."""
        return bool(self._running)

    def run(self, operation: Callable[..., Changes], *args, source: QObject | None = None,
            parent: QWidget | None = None, **kwargs) -> Changes | None:
        """Run one operation and report its changes; None when the disk refused it and
        the user did not try again (what they typed stays where it was)."""
        while True:
            try:
                changes = operation(*args, **kwargs)
            except WriteFailed as exc:
                from desktop.ui.dialogs.write_failure import tell_not_saved  # rule 8

                if not tell_not_saved(parent, exc, can_retry=True):
                    return None
                continue
            self.did_execute(changes, source)
            return changes

    def start_long(self, work: "LongWork", source: QObject | None = None) -> None:
        """Start ``work`` on its thread; its Changes reach the views like any other.

        The hub owns ``work`` from here (whoever made it may go first) and deletes it
        once its thread has ended, never while it runs.
        """
        work.setParent(self)
        work.succeeded.connect(lambda changes: self.did_execute(changes, source))
        work.finished.connect(lambda: self._ended(work))
        self._running.append(work)
        if len(self._running) == 1:
            self.busyChanged.emit(True)
        work.start()

    def _ended(self, work: "LongWork") -> None:
        self._running.remove(work)
        work.deleteLater()
        if not self._running:
            self.busyChanged.emit(False)

    def did_execute(self, changes: Changes, source: QObject | None = None) -> None:
        """An operation ran (with its errors handled by the caller): tell the views."""
        if changes:
            self.changed.emit(changes, source)


_hub: list[ChangeHub] = []


def hub() -> ChangeHub:
    """The application's hub (made on first use, on the GUI thread)."""
    if not _hub:
        _hub.append(ChangeHub())
    return _hub[0]
