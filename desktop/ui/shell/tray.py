"""Rebound kept in the tray (optional, off by default): closing the window leaves it
running there, its tooltip saying how many notes are due, and it says so when a
note comes due (a snoozed one, or tomorrow's after midnight) while the window is
closed. Quit (in its menu, or File → Quit) ends it."""

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from desktop.ui.widgets.formatting import counted

#: The window-state key of the choice.
KEEP_RUNNING_KEY = "tray/keep_running"
#: How often Today is read again while in the tray: a note snoozed until today,
#: or a new day, makes more notes due without any change in the data.
CHECK_MS = 10 * 60 * 1000


def tray_available() -> bool:
    """Whether this desktop shows tray icons (some GNOME setups do not)."""
    return QSystemTrayIcon.isSystemTrayAvailable()


def keeps_running(settings) -> bool:
    """True when the user chose it and the desktop has a tray to keep it in."""
    return settings.value(KEEP_RUNNING_KEY, False, type=bool) and tray_available()


def due_text(due: int) -> str:
    if not due:
        return "Rebound: nothing due"
    return f"Rebound: {counted(due, 'note', 'notes')} due"


class TrayKeeper(QObject):
    """The tray icon of a window closed into the tray."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._due = window.due_count
        self.icon = QSystemTrayIcon(QApplication.windowIcon(), self)
        menu = QMenu(window)
        menu.addAction("Open Rebound", self.bring_forward)
        menu.addSeparator()
        menu.addAction("Quit Rebound", window.quit)
        self.icon.setContextMenu(menu)
        self.icon.activated.connect(self._on_activated)
        self.icon.messageClicked.connect(self.bring_forward)
        self.icon.setToolTip(due_text(self._due))
        window.today.dueCountChanged.connect(self._due_changed)
        self.timer = QTimer(self, interval=CHECK_MS)
        self.timer.timeout.connect(window.today.reload)

    def keep(self, announce: bool = True) -> None:
        """The window was closed into the tray (``announce``: say so), or Rebound
        started there at log-in."""
        QApplication.instance().setQuitOnLastWindowClosed(False)
        for other in self.window.findChildren(QSystemTrayIcon):
            if other is not self.icon:
                other.hide()  # the start-up notice's icon: one Rebound in the tray
        self.icon.show()
        self.timer.start()
        if announce:
            self.icon.showMessage("Rebound is still running",
                                  f"{due_text(self._due)}. Click here to open it; quit "
                                  "from its menu.", QSystemTrayIcon.MessageIcon.Information,
                                  5000)

    def _due_changed(self, due: int) -> None:
        came_due = due - self._due
        self._due = due
        self.icon.setToolTip(due_text(due))
        if came_due > 0 and not self.window.isVisible():
            noun = "note has" if came_due == 1 else "notes have"
            self.icon.showMessage("Rebound", f"{came_due} {noun} come due. {due_text(due)}.",
                                  QSystemTrayIcon.MessageIcon.Information, 8000)

    def _on_activated(self, reason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger,
                      QSystemTrayIcon.ActivationReason.DoubleClick):
            self.bring_forward()

    def bring_forward(self) -> None:
        self.timer.stop()
        self.window.show_view(0)
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()


def start_up_notice(window, bring_forward) -> QSystemTrayIcon | None:
    """At start-up, a desktop notice when follow-ups are due (where the system has a
    tray to show it from); its icon, or None."""
    due = window.due_count
    if not due or not tray_available():
        return None
    icon = QSystemTrayIcon(QApplication.windowIcon(), window)
    icon.setToolTip("Rebound")
    icon.activated.connect(lambda _reason: bring_forward())
    icon.messageClicked.connect(bring_forward)
    icon.show()
    noun = "note is" if due == 1 else "notes are"
    icon.showMessage("Rebound", f"{due} follow-up {noun} due. Open Today to write them.",
                     QSystemTrayIcon.MessageIcon.Information, 8000)
    return icon
