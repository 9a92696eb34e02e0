"""Unexpected errors: logged with their traceback and shown plainly, never a crash.

Qt calls ``sys.excepthook`` for exceptions raised in slots; Rebound's hook logs
them, then shows a dialog, or hands errors of the database file or the disk to
the owner of the store, which checks the file before it says anything.
"""

import logging
import sys
import traceback
from collections.abc import Callable

from PySide6.QtWidgets import QApplication

from desktop.paths import LOG_NAME
from desktop.store.data_format import DatabaseDamaged
from desktop.store.failures import WriteFailed, storage_error_in

log = logging.getLogger("rebound")


class ErrorReporter:
    """Installs itself as ``sys.excepthook`` while the application runs."""

    def __init__(self, on_storage_error: Callable[[BaseException], None]):
        self._on_storage_error = on_storage_error
        self._showing = False
        self._previous = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        sys.excepthook = self._previous

    def handle(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("Unexpected error:\n%s", details)
        if self._showing:
            return  # One dialog at a time; the rest are in the log.
        self._showing = True
        try:
            if isinstance(exc, DatabaseDamaged | WriteFailed):
                self._on_storage_error(exc)
            elif (found := storage_error_in(exc)) is not None:
                self._on_storage_error(found)
            else:
                show_error(exc, details)
        finally:
            self._showing = False


def show_error(exc: BaseException, details: str) -> None:
    from PySide6.QtWidgets import QMessageBox  # loaded when shown: ``boot``, rule 8

    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Something went wrong")
    box.setText("Rebound ran into a problem and could not finish what you asked.")
    box.setInformativeText(
        f"{exc}\n\nWhat you had saved before is unchanged; this last action may not "
        f"have been completed. The details are in {LOG_NAME} in the data folder "
        "(Help → Open data folder)."
    )
    box.setDetailedText(details)
    box.exec()
