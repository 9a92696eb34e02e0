"""Knowing when the window's first frame is being drawn.

Start-up does only what that frame needs; everything else (the background backup
and integrity check, the tray notification, handing start-up's objects over to the
garbage collector) waits for it. The self-test uses the same moment as the end of
start-up.
"""

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


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
