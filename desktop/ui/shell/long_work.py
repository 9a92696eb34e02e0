"""Long operations on a worker thread, with progress and a way to stop them.

An import of 100,000 rows takes seconds; run on the window's thread it would
freeze the window (or need ``processEvents``, which lets every timer write in the
middle of it). ``LongWork`` runs the operation on a ``QThread`` with its own
database connection (``operations.worker``) and reports back through queued
signals; the change hub says when such work starts and ends, so periodic writes
such as the composer's autosave wait for it instead of for SQLite's lock.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from desktop.operations import Changes
from desktop.operations.worker import on_worker_thread


class LongWork(QThread):
    """``operation(*args, progress=..., cancelled=..., **kwargs)`` on a worker thread.

    The operation must take ``progress(done, total)`` and ``cancelled()`` keyword
    arguments and write in one transaction, so that stopping it leaves the data as
    it was. Connect to the signals before ``hub().start_long(work)``.
    """

    #: (done, total) as the operation reports them.
    progressed = Signal(int, int)
    #: The operation's Changes.
    succeeded = Signal(object)
    #: The exception it raised, for the window's thread to explain.
    failed = Signal(object)

    def __init__(self, operation: Callable[..., Changes], *args,
                 parent: QObject | None = None, **kwargs):
        super().__init__(parent)
        self._operation = operation
        self._args = args
        self._kwargs = kwargs
        self._stop_requested = False

    def stop(self) -> None:
        """Ask the operation to stop at its next check; ``failed`` then reports it."""
        self._stop_requested = True

    def stop_requested(self) -> bool:
        return self._stop_requested

    def run(self) -> None:
        try:
            changes = on_worker_thread(self._operation, *self._args,
                                       progress=self.progressed.emit,
                                       cancelled=self.stop_requested, **self._kwargs)
        except Exception as exc:  # every failure goes back to the window's thread
            self.failed.emit(exc)
        else:
            self.succeeded.emit(changes)
