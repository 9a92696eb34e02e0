"""Where every change arrives and goes out: the window's one link to the operations.

Views and dialogs run an operation through ``run`` (or report one they ran
themselves with ``did_execute``); the hub emits the ``Changes`` once, and the
main window tells each view that shows those records. No view marks another
stale by hand. A write the disk refused is said here, with *Try again*.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.operations import Changes
from desktop.store.failures import WriteFailed
from desktop.ui.dialogs.write_failure import tell_not_saved


class ChangeHub(QObject):
    #: (Changes, the view or dialog that made them, or None)
    changed = Signal(object, object)

    def run(self, operation: Callable[..., Changes], *args, source: QObject | None = None,
            parent: QWidget | None = None, **kwargs) -> Changes | None:
        """Run one operation and report its changes; None when the disk refused it and
        the user did not try again (what they typed stays where it was)."""
        while True:
            try:
                changes = operation(*args, **kwargs)
            except WriteFailed as exc:
                if not tell_not_saved(parent, exc, can_retry=True):
                    return None
                continue
            self.did_execute(changes, source)
            return changes

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
