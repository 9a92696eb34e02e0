"""The window's menus: every window-wide action, its shortcut and its status tip.

Built with the window, before its first frame, so it keeps ``boot``'s rule 3:
shortcuts are ``QKeySequence`` values, never ``Qt.Key``.
"""

import importlib

from PySide6.QtGui import QAction, QKeySequence

from desktop.ui.shell import sample_data

#: Sidebar rows, in order: (label, "module:class"). Views other than Today are
#: imported and built the first time they are shown, so start-up stays quick.
VIEWS = (
    ("Today", "desktop.ui.views.today:TodayView"),
    ("People", "desktop.ui.views.people:PeopleView"),
    ("Companies", "desktop.ui.views.companies:CompaniesView"),
    ("Applications", "desktop.ui.views.applications:ApplicationsView"),
    ("Board", "desktop.ui.views.board:BoardView"),
    ("Templates", "desktop.ui.views.templates:TemplatesView"),
    ("Insights", "desktop.ui.views.insights:InsightsView"),
)


def view_class(path: str):
    """The class a VIEWS path names, imported when first needed."""
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def view_row(label: str) -> int:
    """The sidebar row of the view called ``label``."""
    return next(row for row, (name, _path) in enumerate(VIEWS) if name == label)


def _action(window, text: str, slot, shortcut=None, tip: str = "") -> QAction:
    """A window-wide action; ``shortcut`` is a ``QKeySequence.StandardKey`` or text.

    ``setShortcuts`` gives a standard key every binding the platform has for it
    (Delete, for instance, is also Ctrl+D on KDE and GNOME). It also keeps
    start-up quick: ``setShortcut`` accepts a ``Qt.Key`` among its overloads, so
    calling it builds PySide6's whole ``Qt`` namespace before the first paint
    (``boot``, rule 3).
    """
    action = QAction(text, window)
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)
    elif shortcut is not None:
        action.setShortcuts([QKeySequence(shortcut)])
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    window.addAction(action)
    return action


def _open_reminders(window) -> None:
    from desktop.ui.dialogs.reminders import open_reminders  # loaded when first used

    open_reminders(window)


def build_menus(window) -> None:
    """File, Edit, View and Help; the actions the views answer go to the current view."""

    def add(text, slot, shortcut=None, tip=""):
        return _action(window, text, slot, shortcut, tip)

    def current():
        return window.current_view()

    standard = QKeySequence.StandardKey
    window.new_action = add("&New", lambda: current().new_record(), standard.New,
                            "Add a person, company or application")
    window.save_action = add("&Save", lambda: current().save(), standard.Save)
    window.find_action = add("&Filter", lambda: current().focus_filter(), standard.Find)
    window.delete_action = add("&Delete…", lambda: current().delete_current(), standard.Delete)

    file_menu = window.menuBar().addMenu("&File")
    file_menu.addAction(window.new_action)
    file_menu.addAction(window.save_action)
    file_menu.addAction(add("Settings…", window.open_settings, standard.Preferences,
                            "Your name and signature, and how the follow-ups are planned"))
    file_menu.addAction(add("&Reminders…", lambda: _open_reminders(window),
                            tip="A notification on days with notes due, even when "
                            "Rebound is closed"))
    file_menu.addSeparator()
    file_menu.addAction(add("&Import contacts…", lambda: window.import_file(None), "Ctrl+I",
                            "LinkedIn, Google, Apple, Outlook, vCard or any CSV"))
    file_menu.addAction(add("&Export…", window.export, "Ctrl+E",
                            "Spreadsheets, contacts, calendar, or a full copy"))
    file_menu.addSeparator()
    file_menu.addAction(add("&Back up now", window.backupRequested.emit,
                            tip="Make a verified copy of your data"))
    file_menu.addAction(add("Back&ups…", window.open_backups,
                            tip="See, make and restore backups"))
    file_menu.addAction(add("Open &data folder", window.open_data_folder))
    file_menu.addSeparator()
    file_menu.addAction(add("&Quit", window.quit, standard.Quit))

    edit_menu = window.menuBar().addMenu("&Edit")
    window.search_action = add("Search &everything…", window.navigator.search, "Ctrl+K",
                               "People, companies, applications, notes sent, timelines "
                               "and reflections")
    edit_menu.addAction(window.search_action)
    edit_menu.addAction(window.find_action)
    edit_menu.addAction(window.delete_action)

    view_menu = window.menuBar().addMenu("&View")
    for row, (label, _view) in enumerate(VIEWS):
        view_menu.addAction(add(label, lambda _c=False, r=row: window.show_view(r),
                                f"Ctrl+{row + 1}"))

    help_menu = window.menuBar().addMenu("&Help")
    help_menu.addAction(add("Load &sample data", lambda: sample_data.load_sample(window),
                            tip="Fill an empty Rebound with an example"))
    help_menu.addAction(add("&Remove sample data…", lambda: sample_data.remove_sample(window),
                            tip="Take the example away again; what you added stays"))
    help_menu.addAction(add("Open &data folder", window.open_data_folder))
    help_menu.addAction(add("&About Rebound", window.about))
