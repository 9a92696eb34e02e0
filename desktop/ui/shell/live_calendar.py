"""Keeping the live calendar file in step: after changes to follow-ups, people or
applications settle for a moment, the file is written again on a worker thread.
A write that fails is said in the status bar; nothing claims it was written."""

from PySide6.QtCore import QObject, QTimer

from desktop.operations import Changes, Record
from desktop.reminders.live_calendar import live_folder, write_on_worker
from desktop.ui.shell.change_hub import hub
from desktop.ui.startup import background

#: How long changes settle before the file is written (a burst of edits: one write).
SETTLE_MS = 500
#: The records a calendar event shows.
SHOWN = (Record.STEP, Record.PERSON, Record.APPLICATION, Record.COMPANY, Record.SETTINGS)


class LiveCalendar(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._timer.timeout.connect(self.write)
        self._job: background.Job | None = None
        hub().changed.connect(self._on_changed)

    def _on_changed(self, changes: Changes, _source=None) -> None:
        if changes.touches(*SHOWN):
            self._timer.start()

    def write(self) -> None:
        folder = live_folder()
        if folder is None or self.window.store.read_only:
            return
        if self._job is not None:  # one at a time: write again once it is done
            self._timer.start()
            return
        self._job = background.Job("live calendar", lambda: write_on_worker(folder))
        self._job.signals.finished.connect(self._done)
        self._job.signals.failed.connect(self._failed)
        background.start(self._job)

    def _done(self, _written) -> None:
        self._job = None

    def _failed(self, exc: BaseException) -> None:
        self._job = None
        self.window.statusBar().showMessage(
            f"The calendar file could not be updated: {exc}. Choose another folder in "
            "File → Reminders….")
