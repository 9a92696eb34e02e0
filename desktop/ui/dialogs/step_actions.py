"""Snooze and skip, shared by the Today view and the composer."""

import datetime

from PySide6.QtWidgets import QMenu, QWidget

from desktop.clock import local_today
from desktop.ui.shell.change_hub import hub

#: The snooze menu: (label, days from today); None asks for a date.
SNOOZE_CHOICES = (("For a day", 1), ("For a week", 7), ("Until a date…", None))


def pick_date(parent: QWidget, title: str) -> datetime.date | None:
    # Loaded when a date is picked: Today builds its snooze menu before the first
    # frame, and these classes are not needed for it (``boot``, rule 8).
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QCalendarWidget, QDialog, QDialogButtonBox, QVBoxLayout

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    calendar = QCalendarWidget()
    calendar.setMinimumDate(QDate.currentDate())
    calendar.setSelectedDate(QDate.currentDate().addDays(14))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    calendar.activated.connect(lambda _d: dialog.accept())
    layout = QVBoxLayout(dialog)
    layout.addWidget(calendar)
    layout.addWidget(buttons)
    if dialog.exec():
        return calendar.selectedDate().toPython()
    return None


def snooze_menu(parent: QWidget, on_snooze) -> QMenu:
    """A menu whose entries call ``on_snooze(date)``."""
    menu = QMenu(parent)
    for label, days in SNOOZE_CHOICES:
        action = menu.addAction(label)
        action.triggered.connect(lambda _c=False, d=days: _choose(parent, d, on_snooze))
    return menu


def _choose(parent: QWidget, days: int | None, on_snooze) -> None:
    if days is None:
        until = pick_date(parent, "Snooze until")
        if until is None:
            return
    else:
        until = local_today() + datetime.timedelta(days=days)
    on_snooze(until)


def snooze_step(parent: QWidget, step_id: int, until: datetime.date) -> bool:
    """Snooze through the operations (loaded on first use: the Today view needs them
    only once the user acts on a step); False when the disk refused it."""
    from desktop.operations import steps as step_operations

    return hub().run(step_operations.snooze, step_id, until, source=parent,
                     parent=parent) is not None


def ask_skip(parent: QWidget, step_id: int) -> bool:
    """Ask why (optional) and skip the step; False when the user cancels."""
    from PySide6.QtWidgets import QInputDialog  # loaded when shown: ``boot``, rule 8

    reason, ok = QInputDialog.getText(
        parent, "Skip this step",
        "Why skip it? (optional — e.g. “we already spoke at the meetup”)",
    )
    if not ok:
        return False
    from desktop.operations import steps as step_operations  # see snooze_step

    return hub().run(step_operations.skip, step_id, reason, source=parent,
                     parent=parent) is not None
