"""A table model that pages rows in from the store as the view scrolls.

It holds only the pages already shown; sorting and filtering go back to the
store, which answers from indexes. Views reach rows through ``IdRole``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.store.listing import PAGE_SIZE, Listing

#: The row's database id, for selection and the detail pane.
IdRole = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """A table column: its title, the store's sort key, and how a row shows in it."""

    title: str
    sort_key: str
    display: Callable[[object], str]
    tooltip: Callable[[object], str] | None = None
    #: Starting width in characters, until the user resizes the column.
    width: int = 16
    alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class PagedTableModel(QAbstractTableModel):
    """Rows of a store ``Listing``: filtered, sorted, fetched a page at a time."""

    def __init__(self, listing: Listing, columns: tuple[Column, ...], parent=None):
        super().__init__(parent)
        self._listing = listing
        self._columns = columns
        self._rows: list = []
        self._filter = ""
        self._sort_key = columns[0].sort_key
        self._descending = False
        self._exhausted = False

    # Qt's model interface -------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row)
        if role == IdRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.alignment.value)
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        return None

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:
        if parent.isValid() or self._exhausted:
            return
        page = self._fetch(len(self._rows), PAGE_SIZE)
        self._exhausted = len(page) < PAGE_SIZE
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        self._sort_key = self._columns[column].sort_key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # What views ask for ---------------------------------------------------

    @property
    def filter_text(self) -> str:
        return self._filter

    def set_filter(self, text: str) -> None:
        """Show only rows matching ``text`` (every word, as a prefix or substring)."""
        if text != self._filter:
            self._filter = text
            self.reload()

    def reload(self, keep: int = 0) -> None:
        """Fetch again from the start, keeping at least ``keep`` rows loaded."""
        self.beginResetModel()
        self._rows = self._fetch(0, max(PAGE_SIZE, keep))
        self._exhausted = len(self._rows) < max(PAGE_SIZE, keep)
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read after an edit, keeping as many rows as are loaded now."""
        self.reload(keep=len(self._rows))

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    def total(self) -> int:
        """How many rows match the filter, loaded or not."""
        return self._listing.count(self._filter)

    def row_of_id(self, row_id: int) -> int:
        """The row showing ``row_id`` among the loaded rows, or -1."""
        return next((i for i, row in enumerate(self._rows) if row.id == row_id), -1)

    def _fetch(self, offset: int, limit: int) -> list:
        return self._listing.rows(self._filter, self._sort_key, self._descending, offset, limit)
