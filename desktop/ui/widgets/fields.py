"""Editors for the detail forms, each with ``value()``, ``set_value()`` and ``edited``.

One small interface lets a form load, compare and collect values without
knowing which widget holds which field.
"""

from datetime import date

from PySide6.QtCore import QDate, QStringListModel, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

from desktop.vocabulary import LabelledChoice

#: The date a QDateEdit shows as "not set" (its minimum, shown as special text).
_NO_DATE = QDate(1900, 1, 1)


class TextLine(QLineEdit):
    edited = Signal()

    def __init__(self, placeholder: str = "", parent=None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(False)
        self.textEdited.connect(self.edited)

    def value(self) -> str:
        return self.text().strip()

    def set_value(self, value) -> None:
        self.setText(value or "")
        self.setCursorPosition(0)


class TextBlock(QPlainTextEdit):
    """Several lines of notes; Tab moves focus on rather than typing a tab."""

    edited = Signal()

    def __init__(self, placeholder: str = "", lines: int = 3, parent=None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        line_height = self.fontMetrics().lineSpacing()
        self.setMinimumHeight(line_height * lines + 12)
        self._loading = False
        self.textChanged.connect(self._on_changed)

    def _on_changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def value(self) -> str:
        return self.toPlainText().strip()

    def set_value(self, value) -> None:
        self._loading = True
        try:
            self.setPlainText(value or "")
        finally:
            self._loading = False


class ChoiceBox(QComboBox):
    """A fixed vocabulary (stage, role...): shows labels, stores values."""

    edited = Signal()

    def __init__(self, choices: type[LabelledChoice], parent=None):
        super().__init__(parent)
        for member in choices:
            self.addItem(member.label, member.value)
        self.activated.connect(lambda _index: self.edited.emit())

    def value(self) -> str:
        return self.currentData()

    def set_value(self, value) -> None:
        index = self.findData(value or "")
        self.setCurrentIndex(max(index, 0))


class _OptionalDateEdit(QDateEdit):
    """A QDateEdit whose minimum means "not set"; touching it starts from today,
    not from the sentinel year 1900."""

    def _start_today(self) -> bool:
        if self.date() == _NO_DATE:
            self.setDate(QDate.currentDate())
            return True
        return False

    def mousePressEvent(self, event) -> None:
        self._start_today()
        super().mousePressEvent(event)

    def stepBy(self, steps: int) -> None:
        if not self._start_today():
            super().stepBy(steps)


class DateBox(QWidget):
    """A date that may be unset: a calendar editor and a button to clear it."""

    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._edit = _OptionalDateEdit()
        self._edit.setCalendarPopup(True)
        self._edit.setMinimumDate(_NO_DATE)
        self._edit.setSpecialValueText("Not set")
        self._edit.setDisplayFormat("d MMM yyyy")
        self._edit.setDate(_NO_DATE)
        self._edit.dateChanged.connect(self._on_changed)
        self._clear = QToolButton(text="Clear", toolTip="Remove this date (Ctrl+Delete)",
                                  autoRaise=True)
        self._clear.clicked.connect(self._on_clear)
        # Buttons that come and go must not be tab stops, or typing lands elsewhere.
        self._clear.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        QShortcut(QKeySequence("Ctrl+Delete"), self._edit, self._on_clear,
                  context=Qt.ShortcutContext.WidgetShortcut)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._edit, 1)
        layout.addWidget(self._clear)
        self.setFocusProxy(self._edit)
        self._loading = False
        self._update_clear()

    def value(self) -> date | None:
        qdate = self._edit.date()
        return None if qdate == _NO_DATE else qdate.toPython()

    def set_value(self, value: date | None) -> None:
        self._loading = True
        try:
            self._edit.setDate(QDate(value) if value else _NO_DATE)
        finally:
            self._loading = False
        self._update_clear()

    def _on_changed(self) -> None:
        self._update_clear()
        if not self._loading:
            self.edited.emit()

    def _on_clear(self) -> None:
        self._edit.setDate(_NO_DATE)

    def _update_clear(self) -> None:
        self._clear.setEnabled(self.value() is not None)


class LinkLine(QWidget):
    """A web address or e-mail with a button that opens it."""

    edited = Signal()

    def __init__(self, placeholder: str = "", scheme: str = "", parent=None):
        super().__init__(parent)
        self._scheme = scheme
        self._line = TextLine(placeholder)
        self._line.edited.connect(self.edited)
        self._line.textChanged.connect(self._update_open)
        self._open = QToolButton(text="Open", autoRaise=True)
        self._open.setToolTip(("Open in your browser" if not scheme else "Write an e-mail")
                              + " (Ctrl+Return)")
        self._open.clicked.connect(self.open_link)
        self._open.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a tab stop only when enabled
        QShortcut(QKeySequence("Ctrl+Return"), self._line, self.open_link,
                  context=Qt.ShortcutContext.WidgetShortcut)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._line, 1)
        layout.addWidget(self._open)
        self.setFocusProxy(self._line)
        self._update_open()

    def value(self) -> str:
        return self._line.value()

    def set_value(self, value) -> None:
        self._line.set_value(value)

    def url(self) -> QUrl:
        text = self.value()
        if self._scheme:
            return QUrl(f"{self._scheme}:{text}")
        return QUrl.fromUserInput(text)

    def open_link(self) -> None:
        if self.value():
            QDesktopServices.openUrl(self.url())

    def _update_open(self) -> None:
        self._open.setEnabled(bool(self._line.text().strip()))


class CompanyLine(TextLine):
    """A company name with completion from the companies already known."""

    def __init__(self, parent=None):
        super().__init__("Company", parent)
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        completer.activated.connect(lambda _text: self.edited.emit())

    def set_names(self, names: list[str]) -> None:
        self._names.setStringList(names)


class MonthsBox(QSpinBox):
    """A number of months, where the lowest value means "the usual" (None)."""

    edited = Signal()

    def __init__(self, usual_text: str, parent=None):
        super().__init__(parent)
        self.setRange(0, 24)
        self.setSpecialValueText(usual_text)
        self.setSuffix(" months")
        self.valueChanged.connect(self._on_changed)
        self._loading = False

    def _on_changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def value(self) -> int | None:  # type: ignore[override]
        number = super().value()
        return number or None

    def set_value(self, value: int | None) -> None:
        self._loading = True
        try:
            self.setValue(value or 0)
        finally:
            self._loading = False
