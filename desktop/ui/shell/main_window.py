"""The main window: a sidebar of views, the current view, menus and the status bar.

It only arranges views and routes window-wide actions to the current one; each
view owns its table, form and store calls.
"""

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, QSize, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.operations.changes import Changes
from desktop.playbook.today import TodayReading
from desktop.ui.shell.change_hub import hub
from desktop.ui.shell.composers import Composers
from desktop.ui.shell.menus import VIEWS, build_menus, view_class
from desktop.ui.shell.navigator import Navigator
from desktop.ui.shell.style import NAVIGATION_SHEET, apply_style, restyle
from desktop.ui.shell.view import View
from desktop.ui.views.today import TodayView

if TYPE_CHECKING:  # the store loads after the first frame (``boot``, rule 7)
    from desktop.store.lifecycle import Store


def _made_in(view: View, source) -> bool:
    """True when ``source`` is the view or sits in it (a form, a dialog opened from it)."""
    widget = source if isinstance(source, QWidget) else None
    while widget is not None:
        if widget is view:
            return True
        widget = widget.parentWidget()
    return False


#: The window's size at its first start, made smaller where the screen is.
DEFAULT_SIZE = QSize(1180, 740)
#: Room left for the window's frame: each side's border, and the title bar with the
#: top border (the frame is the system's, and unknown until the window is shown).
FRAME_ALLOWANCE = QSize(8, 40)


class MainWindow(QMainWindow):
    """Rebound's one window."""

    backupRequested = Signal()
    #: Replace the data with this backup (done by the owner of the open store).
    restoreRequested = Signal(Path)
    #: Move the data folder here (done by the owner of the open store).
    moveRequested = Signal(Path)

    def __init__(self, store: "Store | None", settings: QSettings,
                 first_reading: TodayReading | None = None, parent=None):
        """``store`` is None when the window is drawn from ``first_reading``, Today
        read by start-up's first look at the file before the store opens;
        ``replace_store`` hands the store over then."""
        super().__init__(parent)
        self.store = store
        self.settings = settings
        #: The data folder was given for this run (--data-dir): it cannot be moved.
        self.data_dir_fixed = False
        self.setWindowTitle("Rebound")
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)  # drop a contacts file to import it

        self.sidebar = QListWidget(objectName="navigation")
        self.sidebar.setFixedWidth(170)
        self.sidebar.setIconSize(QSize(20, 20))
        apply_style(self.sidebar, NAVIGATION_SHEET)
        self.stack = QStackedWidget()
        #: Built views by sidebar row; the others are placeholders until first shown.
        self._views: dict[int, View] = {}
        self._due = 0
        self.composers = Composers(self)
        self.navigator = Navigator(self)
        for label, _path in VIEWS:
            self.stack.addWidget(QWidget())
            QListWidgetItem(label, self.sidebar)
        self.sidebar.currentRowChanged.connect(self._switch_to)
        self.today: TodayView = self.view(0)
        self.today.first_reading = first_reading
        hub().changed.connect(self.apply_changes)
        self.today.checkInRequested.connect(self.write_check_in)
        self.today.dueCountChanged.connect(self._set_due_count)

        central = QWidget()
        #: A notice across the top (read-only data), above the sidebar and the view.
        self._page = QVBoxLayout(central)
        self._page.setContentsMargins(0, 0, 0, 0)
        self._page.setSpacing(0)
        layout = QHBoxLayout()
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self._page.addLayout(layout, 1)
        self.setCentralWidget(central)
        #: Why nothing can be saved, when the data opened read-only.
        self.read_only_reason = ""
        #: Quit was chosen: closing ends Rebound even when it is kept in the tray.
        self.quitting = False
        #: The tray icon once the window was closed into the tray (``tray.TrayKeeper``).
        self.tray_keeper = None
        build_menus(self)
        self.statusBar()
        self._restore_state()

    # Views ------------------------------------------------------------------

    def view(self, row: int) -> View:
        """The view in sidebar row ``row``, built on first use."""
        if row not in self._views:
            view = view_class(VIEWS[row][1])()
            view.statusMessage.connect(self._show_status)
            view.dirtyChanged.connect(self._update_title)
            view.composeRequested.connect(self.open_step)
            view.openRequested.connect(self.navigator.open)
            view.newRequested.connect(self.navigator.new)
            view.restore_state(self.settings)
            placeholder = self.stack.widget(row)
            was_current = self.stack.currentWidget() is placeholder
            self.stack.insertWidget(row, view)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            if was_current:
                self.stack.setCurrentWidget(view)
            self._views[row] = view
        return self._views[row]

    @property
    def views(self) -> list[View]:
        """The views built so far, in sidebar order."""
        return [self._views[row] for row in sorted(self._views)]

    def current_view(self) -> View:
        return self.view(self.stack.currentIndex())

    def show_view(self, row: int) -> None:
        self.sidebar.setCurrentRow(row)

    def _switch_to(self, row: int) -> None:
        if row < 0:
            return
        leaving = self.stack.currentIndex()
        if leaving != row and not self.current_view().confirm_leave():
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(leaving)
            self.sidebar.blockSignals(False)
            return
        view = self.view(row)
        self.stack.setCurrentWidget(view)
        self.statusBar().clearMessage()  # what the last view said is not about this one
        if view.stale:
            view.stale = False
            view.reload()
        view.activate()
        self._update_title()

    def apply_changes(self, changes: Changes, source=None) -> None:
        """The one place changes arrive: each view that shows what changed reads again
        now if it is on screen (Today always: its count is in the title), else when
        next shown. The view that made the change (or holds the form or dialog that
        did) has already updated itself."""
        for view in self.views:
            if _made_in(view, source) or not view.shows_any(changes):
                continue
            if view is self.current_view() or view is self.today:
                view.stale = False
                view.reload()
            else:
                view.stale = True

    def replace_store(self, store: "Store", reread: bool = True) -> None:
        """The store opened after the first frame, or after a restore, a move or a
        recovery. The views read the data again from it, unless it is known to be
        what the first frame showed (``reread`` False)."""
        self.store = store
        self.today.first_reading = None
        if reread:
            self.apply_changes(Changes.all())

    def _show_status(self, text: str) -> None:
        if self.sender() is self.current_view():
            self.statusBar().showMessage(text)

    def show_notice(self, notice: QWidget) -> None:
        """A bar across the top of the window, above the sidebar and the view."""
        self._page.insertWidget(0, notice)

    def show_read_only(self, reason: str) -> None:
        """Say, for as long as the data cannot be written, that nothing can be saved
        and why; "" (data opened again where it can be written) takes that away."""
        self.read_only_reason = reason
        notice = self.findChild(QLabel, "readOnlyNotice")
        if not reason:
            if notice is not None:
                notice.deleteLater()
        else:
            if notice is None:
                notice = QLabel(objectName="readOnlyNotice", wordWrap=True)
                notice.setContentsMargins(12, 8, 12, 8)
                notice.setAutoFillBackground(True)
                notice.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
                notice.setForegroundRole(QPalette.ColorRole.ToolTipText)
                self.show_notice(notice)
            notice.setText(f"<b>Read-only.</b> {reason} You can look through your data, but "
                           "nothing you change can be saved.")
        self._update_title()

    def _update_title(self, *_args) -> None:
        """"People — Rebound", with what is due and whether anything is unsaved."""
        dirty = any(view.has_unsaved_changes() for view in self.views)
        self.setWindowModified(dirty)
        label = VIEWS[max(self.stack.currentIndex(), 0)][0]
        due = f" · {self._due:,} due" if self._due else ""
        read_only = " (read-only)" if self.read_only_reason else ""
        # Ending with the app's name keeps Qt from appending it again.
        self.setWindowTitle(f"{label}{due}[*]{read_only} — Rebound")
        item = self.sidebar.item(0)
        item.setText(f"Today  ({self._due:,})" if self._due else "Today")

    def _set_due_count(self, due: int) -> None:
        self._due = due
        self._update_title()

    @property
    def due_count(self) -> int:
        return self._due

    # Composers --------------------------------------------------------------

    def open_step(self, step_id: int):
        """Open (or bring forward) the composer for a step."""
        return self.composers.open_step(step_id)

    def write_check_in(self, person_id: int):
        """A check-in note to a person, outside the plan."""
        return self.composers.write_check_in(person_id)

    def close_composers(self) -> bool:
        """Close every composer (each saves its draft); False when one stayed open."""
        return self.composers.close_all()

    # Dialogs ----------------------------------------------------------------

    def import_file(self, path: Path | None) -> None:
        """The import wizard, for ``path`` if a file was dropped on the window."""
        from desktop.ui.dialogs.import_wizard import ImportWizard

        ImportWizard(path, self).exec()

    def export(self) -> None:
        from desktop.ui.dialogs.export import ExportDialog

        ExportDialog(self).exec()

    def dragEnterEvent(self, event) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.import_file(files[0])

    def open_backups(self) -> None:
        from desktop.ui.dialogs.backups import BackupsDialog

        dialog = BackupsDialog(self.store.backup_dir, self)
        dialog.backupRequested.connect(self.backupRequested)
        dialog.backupRequested.connect(dialog.refresh)
        dialog.restoreRequested.connect(self.restoreRequested)
        dialog.exec()

    def open_settings(self) -> None:
        from desktop.ui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(self.store.data_dir, self.data_dir_fixed, self)
        dialog.moveRequested.connect(self.moveRequested)
        dialog.moveRequested.connect(lambda _path: dialog.show_data_dir(self.store.data_dir))
        dialog.exec()

    # Actions ----------------------------------------------------------------

    # The classes these two use load when they are used (``boot``, rule 8).

    def open_data_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.store.data_dir)))

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

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
            self.resize(DEFAULT_SIZE)
        self.fit_on_screen()
        self.show_view(0)  # Today: what is due is the first thing to see.

    def fit_on_screen(self) -> None:
        """Keep the window within the screen's free area: a size saved on a larger
        screen, or at another scale factor, must not come back larger than the screen
        or beyond its edge. The frame is not known before the window is shown, so
        room is left for a usual one (``FRAME_ALLOWANCE``)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        free = screen.availableGeometry()
        side, top = FRAME_ALLOWANCE.width(), FRAME_ALLOWANCE.height()
        room = QSize(free.width() - 2 * side, free.height() - top - side)
        size = self.size().boundedTo(room)
        if size != self.size():
            self.resize(size)
        x = min(max(self.x(), free.left()), free.right() + 1 - size.width() - 2 * side)
        y = min(max(self.y(), free.top()), free.bottom() + 1 - size.height() - top - side)
        if (x, y) != (self.x(), self.y()):
            self.move(x, y)

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        for view in self.views:
            view.save_state(self.settings)
        self.settings.sync()

    def changeEvent(self, event) -> None:
        """The system switched between light and dark: the views' sheets follow."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            restyle(self)
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        for row, view in sorted(self._views.items()):
            if view.has_unsaved_changes():
                self.show_view(row)
                if not view.confirm_leave():
                    event.ignore()
                    return
        if not self.close_composers():
            event.ignore()
            return
        self.save_state()
        from desktop.ui.shell.tray import TrayKeeper, keeps_running  # not on the first frame

        if not self.quitting and keeps_running(self.settings):
            event.ignore()  # closed into the tray: Rebound goes on (``tray``)
            self.hide()
            self.tray_keeper = self.tray_keeper or TrayKeeper(self)
            self.tray_keeper.keep()
            return
        event.accept()

    def quit(self) -> None:
        """File → Quit and the tray's Quit: really close, even when kept in the tray."""
        self.quitting = True
        if not self.close():
            self.quitting = False
