"""A list of records with a filter box, a paged table and a detail pane beside it.

People, Companies and Applications are each one of these, configured with their
columns, their form and what deleting one means.
"""

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.operations import Changes
from desktop.store.listing import Listing
from desktop.ui.shell.change_hub import hub
from desktop.ui.shell.view import View
from desktop.ui.views.detail_form import DetailForm
from desktop.ui.views.table_model import Column, IdRole, PagedTableModel

#: How long the row count waits for typing to pause; the rows themselves update
#: on every keystroke.
COUNT_DELAY_MS = 150


class ListView(View):
    """Table on the left, ``DetailForm`` on the right."""

    #: Set by subclasses: ("person", "people").
    noun = ("item", "items")

    def __init__(self, listing: Listing, columns: tuple[Column, ...], form: DetailForm,
                 parent=None):
        super().__init__(parent)
        self.setObjectName(f"{self.name}View")
        self.model = PagedTableModel(listing, columns, self)
        self.form = form

        self.filter_box = QLineEdit(objectName="filterBox")
        self.filter_box.setPlaceholderText(f"Filter {self.noun[1]}…  (Ctrl+F)")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self._on_filter)
        self.count_label = QLabel(objectName="countLabel")

        self.table = QTableView(objectName=f"{self.name}Table")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 10
        )
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        char = self.table.fontMetrics().averageCharWidth()
        for section, column in enumerate(columns):
            header.resizeSection(section, column.width * char + 16)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        # Enter opens the selected record for editing.
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.table, self.open_current,
                      context=Qt.ShortcutContext.WidgetShortcut)

        self.form.saved.connect(self._on_saved)
        self.form.changed.connect(lambda changes: hub().did_execute(changes, source=self))
        self.form.deleteRequested.connect(self.delete_current)
        self.form.dirtyChanged.connect(self.dirtyChanged)

        self._count_timer = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self.update_count)
        self._selecting = False

        top = QHBoxLayout()
        top.addWidget(self.filter_box, 1)
        top.addWidget(self.count_label)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, childrenCollapsible=False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.form)
        # The form gets as much room as the table: its fields must stay readable in a
        # small window, while the table scrolls sideways happily.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([560, 560])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)

    # Set up by subclasses -------------------------------------------------

    def confirm_delete_text(self, record_id: int) -> str:
        """What the deletion confirmation says about this record."""
        raise NotImplementedError

    def delete_record(self, record_id: int) -> Changes:
        """Delete through an operation; returns its Changes."""
        raise NotImplementedError

    # Loading ----------------------------------------------------------------

    def main_widget(self):
        return self.table

    def reload(self) -> None:
        """Re-read rows (keeping those loaded) and the selected record.

        Unsaved edits in the form are kept: only the table is refreshed then.
        """
        self.refresh_rows(load_form=not self.form.dirty)

    def refresh_rows(self, load_form: bool = False) -> None:
        """Re-read the table's rows, keeping the selection."""
        current = self.current_id()
        self.model.refresh()
        self.update_count()
        if current is not None and not self.select_id(current, load_form=load_form):
            self.form.show_empty()

    def activate(self) -> None:
        self.update_count()

    def has_unsaved_changes(self) -> bool:
        return self.form.dirty

    def update_count(self) -> None:
        total = self.model.total()
        noun = self.noun[0] if total == 1 else self.noun[1]
        text = f"{total:,} {noun}"
        if self.model.filter_text:
            text += " match"
        self.count_label.setText(text)
        self.statusMessage.emit(text)

    def _show_everything(self) -> None:
        """Clear the filter without asking: the record to be shown is hidden by it."""
        self.filter_box.blockSignals(True)
        self.filter_box.clear()
        self.filter_box.blockSignals(False)
        self.model.set_filter("")

    def _on_filter(self, text: str) -> None:
        if not self.confirm_leave():
            self.filter_box.blockSignals(True)
            self.filter_box.setText(self.model.filter_text)
            self.filter_box.blockSignals(False)
            return
        self.model.set_filter(text)
        self.form.show_empty()
        self._count_timer.start()

    # Selection ----------------------------------------------------------------

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    def select_id(self, record_id: int, load_form: bool = True) -> bool:
        """Select the row showing ``record_id``, fetching pages until it appears."""
        row = self.model.row_of_id(record_id)
        while row < 0 and self.model.canFetchMore():
            self.model.fetchMore()
            row = self.model.row_of_id(record_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self._selecting = True
        try:
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._selecting = False
        self.table.scrollTo(index)
        if load_form:
            self.form.load(record_id)
        return True

    def show_record(self, record_id: int, found_id: int | None = None) -> bool:
        """Go to a record found elsewhere (a search, the board): a filter that hides
        it is cleared, and the table takes the focus."""
        if record_id == self.current_id() and not self.form.dirty:
            self.table.setFocus()
            return True
        if not self.confirm_leave():
            return False
        if self.model.filter_text and self.model.row_of_id(record_id) < 0:
            self._show_everything()
            self.update_count()
        if not self.select_id(record_id):
            return False
        self.table.setFocus()
        return True

    def _on_current_changed(self, current, previous) -> None:
        if self._selecting:
            return
        # Ids, not indexes: saving pending edits below re-reads the rows.
        target = current.data(IdRole) if current.isValid() else None
        before = previous.data(IdRole) if previous.isValid() else None
        if not self.confirm_leave():
            if before is not None:
                self.select_id(before, load_form=False)
            return
        if target is None:
            self.form.show_empty()
        else:
            self.select_id(target)

    def confirm_leave(self) -> bool:
        """Ask what to do with unsaved changes; False means stay where we are."""
        if not self.form.dirty:
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            f"Save your changes to {self.form.header.text()}?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.form.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.form.revert()
            return True
        return False

    # Actions --------------------------------------------------------------

    def new_record(self) -> None:
        if not self.confirm_leave():
            return
        self._selecting = True
        try:
            self.table.clearSelection()
            self.table.setCurrentIndex(self.model.index(-1, -1))
        finally:
            self._selecting = False
        self.form.start_new()

    def open_current(self) -> None:
        if self.current_id() is not None:
            self.form.focus_first()

    def focus_filter(self) -> None:
        self.filter_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_box.selectAll()

    def save(self) -> None:
        self.form.save()

    def delete_current(self) -> None:
        record_id = self.form.record_id if self.form.record_id is not None else self.current_id()
        if record_id is None:
            return
        answer = QMessageBox.warning(
            self,
            f"Delete {self.noun[0]}",
            self.confirm_delete_text(record_id),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        row = self.model.row_of_id(record_id)
        if hub().run(self.delete_record, record_id, source=self, parent=self) is None:
            return
        self.form.show_empty()
        self.model.refresh()
        self.update_count()
        if self.model.rowCount():
            next_row = min(max(row, 0), self.model.rowCount() - 1)
            self.table.selectRow(next_row)

    def _on_saved(self, record_id: int) -> None:
        self.model.refresh()
        if self.model.row_of_id(record_id) < 0 and self.model.filter_text:
            self._show_everything()  # a new record the filter hides: make it seen
        self.select_id(record_id, load_form=False)
        self.update_count()

    # Persistence ------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(f"{self.name}/header", self.table.horizontalHeader().saveState())
        settings.setValue(f"{self.name}/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        header = settings.value(f"{self.name}/header")
        if header is not None:
            view_header = self.table.horizontalHeader()
            view_header.restoreState(header)
            self.model.sort(view_header.sortIndicatorSection(), view_header.sortIndicatorOrder())
        splitter = settings.value(f"{self.name}/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
