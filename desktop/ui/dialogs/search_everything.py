"""Search everything (Ctrl+K): one box over people, companies, applications, notes
sent, timeline entries and reflections, with results grouped as you type.

Every keystroke searches at once, on the GUI thread: each group is a bounded
lookup in a full-text index (see ``store.search``), a few milliseconds even at
100,000 people (``tests/benchmarks/bench_search.py``), so there is nothing to wait
for and no stale result to drop. The arrow keys move through the hits while the
cursor stays in the box; Enter opens the chosen record in its view.
"""

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListView, QVBoxLayout

from desktop.store.search import Hit, search_everything
from desktop.ui.widgets.search_results import (
    HitRole,
    SearchResultDelegate,
    SearchResultsModel,
)

#: How far below the top of the window the box opens, as in a command palette.
TOP_OFFSET = 60
#: The keys that move through the results from the box, and by how many hits.
_MOVES = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5,
          Qt.Key.Key_PageUp: -5}

_HINT = "Type a name, a company, or a word from a note or a reflection."


class SearchEverythingDialog(QDialog):
    #: The user chose a hit: open the record it names.
    chosen = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Search everything")
        self.setObjectName("searchEverything")
        self.box = QLineEdit(objectName="searchBox")
        self.box.setPlaceholderText("Search people, companies, applications, notes and "
                                    "reflections")
        self.box.setClearButtonEnabled(True)
        self.box.setAccessibleName("Search everything")
        self.model = SearchResultsModel(self)
        self.results = QListView(objectName="searchResults")
        self.results.setModel(self.model)
        self.results.setItemDelegate(SearchResultDelegate(self.results))
        self.results.setAccessibleName("Results")
        self.results.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.summary = QLabel(_HINT, objectName="searchSummary", wordWrap=True)

        self.box.textChanged.connect(self.search)
        self.box.returnPressed.connect(self.open_current)
        self.box.installEventFilter(self)
        self.results.clicked.connect(self._open_index)
        # Enter on the list itself (after Tab): ``activated`` is not sent on macOS.
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.results, self.open_current,
                      context=Qt.ShortcutContext.WidgetShortcut)

        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.summary)
        self._place()

    def _place(self) -> None:
        """Near the top of the window, centred, as wide as reads well."""
        window = self.parentWidget()
        if window is None:
            self.resize(680, 480)
            return
        width = min(680, max(window.width() - 80, 420))
        height = min(480, max(window.height() - 2 * TOP_OFFSET, 300))
        self.resize(width, height)
        corner = window.mapToGlobal(QPoint((window.width() - width) // 2, TOP_OFFSET))
        self.move(corner)

    # Searching ----------------------------------------------------------------

    def search(self, text: str) -> None:
        hits = search_everything(text)
        self.model.set_hits(hits)
        first = self.model.first_hit_row()
        if first >= 0:
            self._select(first)
        if not text.strip():
            self.summary.setText(_HINT)
        elif not hits:
            self.summary.setText(f"Nothing found for “{text.strip()}”.")
        else:
            count = self.model.hit_count()
            noun = "result" if count == 1 else "results"
            self.summary.setText(f"{count} {noun} (the newest first in each group). "
                                 "↑ ↓ to choose, Enter to open, Esc to close.")

    def current_hit(self) -> Hit | None:
        return self.results.currentIndex().data(HitRole)

    def _select(self, row: int) -> None:
        index = self.model.index(row)
        self.results.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.results.scrollTo(index)

    def move_by(self, hits: int) -> None:
        """Move the choice ``hits`` hits down (up when negative), skipping headings."""
        row = self.results.currentIndex().row()
        step = 1 if hits > 0 else -1
        for _ in range(abs(hits)):
            found = self.model.first_hit_row(row + step, step)
            if found < 0:
                break
            row = found
        if row >= 0:
            self._select(row)

    def eventFilter(self, watched, event) -> bool:
        if (watched is self.box and event.type() == QEvent.Type.KeyPress
                and event.key() in _MOVES):
            self.move_by(_MOVES[event.key()])
            return True
        return super().eventFilter(watched, event)

    # Opening --------------------------------------------------------------------

    def open_current(self) -> None:
        hit = self.current_hit()
        if hit is not None:
            self.accept()
            self.chosen.emit(hit)

    def _open_index(self, index: QModelIndex) -> None:
        if index.data(HitRole) is not None:
            self._select(index.row())
            self.open_current()
