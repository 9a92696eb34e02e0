"""The main window: a sidebar of views, the current view, menus and the status bar.

It only arranges views and routes window-wide actions to the current one; each
view owns its table, form and store calls.
"""

from PySide6.QtCore import QSettings, QSize, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from desktop import __version__
from desktop.store import sample
from desktop.store.lifecycle import Store
from desktop.ui.applications_view import ApplicationsView
from desktop.ui.companies_view import CompaniesView
from desktop.ui.list_view import ListView
from desktop.ui.people_view import PeopleView

#: Sidebar rows, in order: (label, view class).
VIEWS = (
    ("People", PeopleView),
    ("Companies", CompaniesView),
    ("Applications", ApplicationsView),
)


class MainWindow(QMainWindow):
    """Rebound's one window."""

    backupRequested = Signal()

    def __init__(self, store: Store, settings: QSettings, parent=None):
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.setWindowTitle("Rebound")
        self.setObjectName("mainWindow")

        self.sidebar = QListWidget(objectName="sidebar")
        self.sidebar.setFixedWidth(170)
        self.sidebar.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget()
        self.views: list[ListView] = []
        self._stale: set[ListView] = set()
        for label, view_class in VIEWS:
            view = view_class()
            view.dataChanged.connect(lambda v=view: self._mark_others_stale(v))
            view.statusMessage.connect(self._show_status)
            view.form.dirtyChanged.connect(self._update_title)
            self.views.append(view)
            self.stack.addWidget(view)
            QListWidgetItem(label, self.sidebar)
        self.sidebar.currentRowChanged.connect(self._switch_to)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self.statusBar()
        self._restore_state()

    # Menus ------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        self.new_action = self._action("&New", lambda: self.current_view().new_record(),
                                       QKeySequence.StandardKey.New,
                                       "Add a person, company or application")
        self.save_action = self._action("&Save", lambda: self.current_view().save(),
                                        QKeySequence.StandardKey.Save)
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.save_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Back up now", self.backupRequested.emit,
                                         tip="Make a verified copy of your data"))
        file_menu.addAction(self._action("Open &data folder", self.open_data_folder))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit))

        edit_menu = menu.addMenu("&Edit")
        self.find_action = self._action("&Filter", lambda: self.current_view().focus_filter(),
                                        QKeySequence.StandardKey.Find)
        self.delete_action = self._action("&Delete…", lambda: self.current_view().delete_current(),
                                          QKeySequence.StandardKey.Delete)
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.delete_action)

        view_menu = menu.addMenu("&View")
        for row, (label, _view) in enumerate(VIEWS):
            view_menu.addAction(self._action(label, lambda _c=False, r=row: self.show_view(r),
                                             f"Ctrl+{row + 1}"))

        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self._action("Load &sample data", self.load_sample_data,
                                         tip="Fill an empty Rebound with an example"))
        help_menu.addAction(self._action("Open &data folder", self.open_data_folder))
        help_menu.addAction(self._action("&About Rebound", self.about))

    # Views ------------------------------------------------------------------

    def current_view(self) -> ListView:
        return self.stack.currentWidget()

    def show_view(self, row: int) -> None:
        self.sidebar.setCurrentRow(row)

    def _switch_to(self, row: int) -> None:
        if row < 0:
            return
        leaving = self.current_view()
        if leaving is not self.views[row] and not leaving.confirm_leave():
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(self.views.index(leaving))
            self.sidebar.blockSignals(False)
            return
        view = self.views[row]
        self.stack.setCurrentWidget(view)
        if view in self._stale:
            self._stale.discard(view)
            view.reload()
        view.update_count()
        self._update_title()

    def _mark_others_stale(self, changed: ListView) -> None:
        self._stale.update(v for v in self.views if v is not changed)

    def reload_all(self) -> None:
        """After sample data or a restore: every view reads the store again."""
        for view in self.views:
            view.form.show_empty()
            view.reload()
        self._stale.clear()

    def _show_status(self, text: str) -> None:
        if self.sender() is self.current_view():
            self.statusBar().showMessage(text)

    def _update_title(self, *_args) -> None:
        dirty = any(view.form.dirty for view in self.views)
        self.setWindowModified(dirty)
        self.setWindowTitle("Rebound[*]")

    # Actions ----------------------------------------------------------------

    def load_sample_data(self) -> None:
        try:
            counts = sample.load_sample_data()
        except sample.SampleRefused as exc:
            QMessageBox.information(self, "Sample data", str(exc))
            return
        self.reload_all()
        self.show_view(0)
        self.statusBar().showMessage(
            f"Loaded {counts['people']} people, {counts['companies']} companies and "
            f"{counts['applications']} applications. Explore, then delete them when you "
            "are ready for your own."
        )

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.store.data_dir)))

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About Rebound",
            f"<h3>Rebound {__version__}</h3>"
            "<p>A rejection is the start of a relationship, not the end of a file. "
            "Rebound keeps the people you met, reminds you when to get back in touch, "
            "and helps you write the note.</p>"
            f"<p>Your data: <code>{self.store.data_dir}</code></p>",
        )

    # Window state -----------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1180, 740)
        for view in self.views:
            view.restore_state(self.settings)
        row = int(self.settings.value("window/view", 0))
        self.show_view(row if 0 <= row < len(self.views) else 0)

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/view", self.views.index(self.current_view()))
        for view in self.views:
            view.save_state(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        for view in self.views:
            if view.form.dirty:
                self.show_view(self.views.index(view))
                if not view.confirm_leave():
                    event.ignore()
                    return
        self.save_state()
        event.accept()
