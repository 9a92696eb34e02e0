"""The questions the composer asks before a note leaves Rebound or its window closes.

Both default to the careful answer: not sending a note the tone check still
faults, and keeping open a draft that could not be saved.
"""

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.ui.widgets.formatting import counted

#: Errors named in the "send anyway?" question; the rest are counted.
ERRORS_LISTED = 3


def ask_send_anyway(parent: QWidget, errors: list, action: str) -> bool:
    """True when the user will ``action`` (e.g. "Copy it") with ``errors`` still listed."""
    listed = "\n".join(f"• {f.message}" for f in errors[:ERRORS_LISTED])
    more = (f"\n…and {len(errors) - ERRORS_LISTED} more."
            if len(errors) > ERRORS_LISTED else "")
    answer = QMessageBox.question(
        parent, "Send anyway?",
        f"The tone check still lists {counted(len(errors), 'thing', 'things')} to fix:"
        f"\n\n{listed}{more}\n\n{action} anyway?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class UnsavedClose(Enum):
    COPY_AND_CLOSE = "copy and close"
    CLOSE = "close"
    KEEP_OPEN = "keep open"


def ask_close_unsaved(parent: QWidget, reason: str) -> UnsavedClose:
    """The draft could not be saved (``reason``): close anyway, copying it first?"""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Draft not saved")
    box.setText(reason)
    box.setInformativeText("Close anyway? Copy the note first to keep it somewhere else.")
    buttons = {
        box.addButton("Copy note and close", QMessageBox.ButtonRole.AcceptRole):
            UnsavedClose.COPY_AND_CLOSE,
        box.addButton("Close without saving", QMessageBox.ButtonRole.DestructiveRole):
            UnsavedClose.CLOSE,
    }
    keep = box.addButton("Keep it open", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    return buttons.get(box.clickedButton(), UnsavedClose.KEEP_OPEN)
