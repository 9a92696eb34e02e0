"""Run slow store work (backups, integrity checks) off the GUI thread.

The callable runs in Qt's global thread pool; its result or error comes back as
a queued signal on the GUI thread.
"""

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    """One call in the background; connect to ``signals`` before ``start``."""

    def __init__(self, name: str, work: Callable[[], object]):
        super().__init__()
        self.name = name
        self.work = work
        self.signals = _Signals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:
            log.exception("Background job %s failed", self.name)
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


def start(job: Job) -> Job:
    QThreadPool.globalInstance().start(job)
    return job


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Let running jobs finish (at exit, before the database closes)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
