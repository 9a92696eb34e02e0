"""What the main window expects of every view in its sidebar.

Window-wide actions (New, Save, Delete, Filter) go to the current view; a view
that has nothing to do for one simply ignores it.
"""

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QAbstractItemView, QWidget

from desktop.operations.changes import Changes, Record
from desktop.ui.shell.style import VIEWS_SHEET, apply_style


class View(QWidget):
    #: Text for the status bar.
    statusMessage = Signal(str)
    #: The view gained or lost unsaved changes.
    dirtyChanged = Signal(bool)
    #: Open the composer for a follow-up step.
    composeRequested = Signal(int)
    #: Open a record in the view that edits it: (Found kind, id).
    openRequested = Signal(object, int)
    #: Start a new record of this Found kind in the view that edits it.
    newRequested = Signal(object)

    #: Short name used for saved state and object names.
    name = "view"
    #: The style sheet it is drawn with (see ``style``); None when styled in code.
    style_sheet = VIEWS_SHEET
    #: The kinds of record it shows: a change to one of them means reading again.
    shows: frozenset[Record] = frozenset()

    def __init__(self, parent=None):
        super().__init__(parent)
        #: Records it shows changed while it was not on screen.
        self.stale = False
        if self.style_sheet:
            apply_style(self, self.style_sheet)

    def shows_any(self, changes: Changes) -> bool:
        return changes.touches(*self.shows)

    def new_record(self) -> None:
        """Ctrl+N."""

    def save(self) -> None:
        """Ctrl+S."""

    def delete_current(self) -> None:
        """Delete."""

    def focus_filter(self) -> None:
        """Ctrl+F."""

    def main_widget(self) -> QAbstractItemView | None:
        """The view's list or table: what the self-test waits to see painted."""
        return None

    def show_record(self, record_id: int, found_id: int | None = None) -> bool:
        """Select the record and show it; ``found_id`` is what inside it was found (a
        contact in a person's timeline). False when it is not there."""
        return False

    def reload(self) -> None:
        """Read the store again."""

    def activate(self) -> None:
        """The view was brought to the front."""

    def has_unsaved_changes(self) -> bool:
        return False

    def confirm_leave(self) -> bool:
        """Ask about unsaved changes before they could be lost; False to stay."""
        return True

    def save_state(self, settings: QSettings) -> None:
        """Remember column widths and the like."""

    def restore_state(self, settings: QSettings) -> None:
        """Restore what ``save_state`` remembered."""
