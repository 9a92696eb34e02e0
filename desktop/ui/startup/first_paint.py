"""Knowing when the window's first frame is being drawn, and holding the user's
input until the store behind that frame is open.

Start-up does only what that frame needs; everything else (opening the store when
the frame was drawn from a first look at the file, the background backup and
integrity check, the tray notification, handing start-up's objects over to the
garbage collector) waits for it. The self-test uses the same moment as the end of
start-up.
"""

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

#: What the user does with the mouse and keyboard; held by ``InputHold``.
USER_INPUT = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.KeyPress, QEvent.Type.KeyRelease,
    QEvent.Type.ShortcutOverride, QEvent.Type.Shortcut, QEvent.Type.Wheel,
    QEvent.Type.ContextMenu,
})


class FirstPaint(QObject):
    """Calls ``callback`` once, as ``widget`` receives its first Paint event.

    The callback runs inside the paint event, so it must be quick; to do real work
    after the frame, have it schedule that work (``QTimer.singleShot(0, ...)``).
    """

    def __init__(self, widget: QWidget, callback: Callable[[], None]):
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self._callback()
        return False


class InputHold(QObject):
    """Drops the user's clicks and keys, the window's shortcuts among them, until
    ``release``.

    A window drawn from the start-up's first look has no store behind it until the
    store opens, just after the first frame (``boot``, rule 7). Anything the user
    did in between (a key pressed as the window appeared) would reach a view with
    nothing to read or write; it is dropped instead, as a window that is still
    starting does. It is the only window then, so the hold is application-wide;
    it is released before the store opens, so a dialog the opening shows can be
    used.
    """

    def __init__(self, window: QWidget):
        super().__init__(window)
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        return event.type() in USER_INPUT

    def release(self) -> None:
        QApplication.instance().removeEventFilter(self)
