"""Telling the user a change was not saved, and letting them try again.

The message comes from the store (``WriteFailed``) and is true in the failure
case: it says the change was not saved, why, and what to do. The caller keeps
what the user typed on screen.
"""

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.store.failures import WriteFailed


def tell_not_saved(parent: QWidget | None, exc: WriteFailed, can_retry: bool = False) -> bool:
    """Show why the change was not saved; True when the user asks to try again."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Not saved")
    box.setText(exc.message)
    if can_retry:
        box.setInformativeText("What you typed is still there.")
    if exc.detail:
        box.setDetailedText(exc.detail)
    retry = box.addButton("Try again", QMessageBox.ButtonRole.AcceptRole) if can_retry else None
    later = box.addButton("Not now" if can_retry else "OK", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry or later)
    box.exec()
    return retry is not None and box.clickedButton() is retry

