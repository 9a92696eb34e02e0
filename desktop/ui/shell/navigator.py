"""Going to a record wherever it was found: a search result, a card on the board.

The record opens in the view that edits it (a person in People, an application in
Applications), selected, with its form loaded; a contact found in a timeline is
picked out in its person's timeline.
"""

from typing import TYPE_CHECKING

from desktop.ui.shell.menus import view_row
from desktop.vocabulary import Found

if TYPE_CHECKING:  # the search module loads with the search box, not at start-up
    from desktop.store.search import Hit

#: The view each kind of record opens in, by its sidebar label.
RECORD_VIEWS = {Found.PERSON: "People", Found.COMPANY: "Companies",
                Found.APPLICATION: "Applications"}


class Navigator:
    """Opens records for the window; owns the Search everything box."""

    def __init__(self, window):
        self.window = window

    def _go_to(self, kind: Found):
        """The view that edits ``kind``, made current; None when the user stayed."""
        row = view_row(RECORD_VIEWS[Found(kind)])
        self.window.show_view(row)
        view = self.window.view(row)
        return view if self.window.current_view() is view else None

    def new(self, kind: Found) -> None:
        """Ctrl+N where the record cannot be written (the board): in its own view."""
        if (view := self._go_to(kind)) is not None:
            view.new_record()

    def open(self, opens: Found, record_id: int, found_id: int | None = None) -> bool:
        """Show the record; False when the user chose to stay (unsaved changes) or
        the record is gone."""
        view = self._go_to(opens)
        if view is None:
            return False  # the view being left kept its unsaved changes
        if view.show_record(record_id, found_id):
            return True
        self.window.statusBar().showMessage("That record is no longer there.")
        return False

    def open_hit(self, hit: "Hit") -> bool:
        return self.open(hit.opens, hit.record_id, hit.found_id)

    def search(self) -> None:
        """Ctrl+K: the box over everything; a chosen result opens in its view."""
        from desktop.ui.dialogs.search_everything import SearchEverythingDialog

        dialog = SearchEverythingDialog(self.window)
        dialog.chosen.connect(self.open_hit)
        dialog.exec()
