"""Long operations on a worker thread, with progress and a way to stop them.

An import of 100,000 rows takes seconds; run on the window's thread it would
freeze the window (or need ``processEvents``, which lets every timer write in the
middle of it). ``LongWork`` runs the operation on a ``QThread`` with its own
database connection (``operations.worker``) and reports back through queued
signals; the change hub says when such work starts and ends, so periodic writes
such as the composer's autosave wait for it instead of for SQLite's lock.
"""

from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.operations import Changes
from desktop.operations.worker import on_worker_thread


class LongWork(QThread):
    """``operation(*args, progress=..., cancelled=..., **kwargs)`` on a worker thread.

    With ``stoppable`` the operation must take ``progress(done, total)`` and
    ``cancelled()`` keyword arguments and write in one transaction, so that stopping
    it leaves the data as it was. Connect to the signals before
    ``hub().start_long(work)`` (or ``wait_for(work, ...)``).
    """

    #: (done, total) as the operation reports them.
    progressed = Signal(int, int)
    #: The operation's Changes.
    succeeded = Signal(object)
    #: The exception it raised, for the window's thread to explain.
    failed = Signal(object)

    def __init__(self, operation: Callable[..., Changes], *args,
                 parent: QObject | None = None, stoppable: bool = True, **kwargs):
        super().__init__(parent)
        self._operation = operation
        self._args = args
        self._kwargs = kwargs
        if stoppable:
            self._kwargs.update(progress=self.progressed.emit, cancelled=self.stop_requested)
        self._stop_requested = False

    def stop(self) -> None:
        """Ask the operation to stop at its next check; ``failed`` then reports it."""
        self._stop_requested = True

    def stop_requested(self) -> bool:
        return self._stop_requested

    def run(self) -> None:
        try:
            changes = on_worker_thread(self._operation, *self._args, **self._kwargs)
        except Exception as exc:  # every failure goes back to the window's thread
            self.failed.emit(exc)
        else:
            self.succeeded.emit(changes)


#: Show the busy window only for work that takes longer than this.
BUSY_WINDOW_AFTER_MS = 400


def wait_for(work: LongWork, parent: QWidget, text: str) -> Changes:
    """Run ``work`` while the window shows ``text`` and keeps painting; returns its
    Changes or raises what it raised, here on the window's thread.

    For work that swaps the data under the window (restore, move): the store is
    closed meanwhile, so the changes go to the caller, not to the views.
    """
    busy = QProgressDialog(text, "", 0, 0, parent)
    busy.setCancelButton(None)  # the swap cannot be stopped half-way
    busy.setModal(True)  # not Qt.WindowModality: this module loads before the first frame
    busy.setMinimumDuration(BUSY_WINDOW_AFTER_MS)
    outcome: dict = {}
    work.succeeded.connect(lambda changes: outcome.update(changes=changes))
    work.failed.connect(lambda exc: outcome.update(error=exc))
    loop = QEventLoop()
    work.finished.connect(loop.quit)
    work.start()
    loop.exec()
    busy.close()
    busy.deleteLater()
    work.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["changes"]
