"""A one-line offer across the top of the window, answered once: "Get reminders…?
[Set up…] [Not now]". Quieter than a dialog at start-up, and it waits for the user."""

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton


class OfferBar(QFrame):
    #: The user took the offer (True) or declined it (False); the bar then closes.
    answered = Signal(bool)

    def __init__(self, text: str, take: str, parent=None):
        super().__init__(parent, objectName="offerBar")
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        label = QLabel(text, wordWrap=True)
        label.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.take_button = QPushButton(take, objectName="takeOffer")
        self.decline_button = QPushButton("Not now", objectName="declineOffer")
        self.take_button.clicked.connect(lambda: self._answer(True))
        self.decline_button.clicked.connect(lambda: self._answer(False))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(label, 1)
        layout.addWidget(self.take_button)
        layout.addWidget(self.decline_button)

    def _answer(self, taken: bool) -> None:
        self.hide()
        self.answered.emit(taken)
        self.deleteLater()
