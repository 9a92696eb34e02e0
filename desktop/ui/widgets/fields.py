"""Editors for the detail forms, each with ``value()``, ``set_value()`` and ``edited``.

One small interface lets a form load, compare and collect values without
knowing which widget holds which field.
"""

from datetime import date

from PySide6.QtCore import QDate, QLocale, QStringListModel, Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from desktop.clock import local_today
from desktop.launcher import open_external
from desktop.ui.widgets.typed_dates import NotADate, display, parse_typed_date
from desktop.vocabulary import LabelledChoice


def wrapping(lines: QListWidget) -> QListWidget:
    """A list in a form: long entries wrap instead of widening the form, which would
    scroll sideways in a narrow window."""
    lines.setWordWrap(True)
    lines.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    lines.setResizeMode(QListWidget.ResizeMode.Adjust)
    return lines


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


def locale_puts_day_first() -> bool:
    """Whether the system writes numeric dates day first (20/10/2026), as most do."""
    short = QLocale().dateFormat(QLocale.FormatType.ShortFormat).lower()
    return short.find("d") < short.find("m")


class DateBox(QWidget):
    """A date that may be unset, typed as people write dates ("20 Oct 2026",
    "20/10/2026" in the system's order, "2026-10-20") or picked from a calendar
    (Alt+Down). Empty means not set.

    Text that is not a date stays as typed, marked, with ``problem`` saying how to
    type one; ``value`` keeps the last date until then, and the form refuses to save.
    """

    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._value: date | None = None
        #: Why the text is not a date ("" when it is one, or empty).
        self.problem = ""
        self._line = QLineEdit(placeholderText="Not set")
        self._line.setToolTip(f"Type a date, e.g. {display(local_today())}, or pick one "
                              "(Alt+Down)")
        self._line.textEdited.connect(self._on_typed)
        self._line.editingFinished.connect(self._tidy)
        self._calendar = QCalendarWidget()
        self._calendar.clicked.connect(self._on_picked)
        picker = QWidgetAction(self)
        picker.setDefaultWidget(self._calendar)
        menu = QMenu(self)
        menu.addAction(picker)
        menu.aboutToShow.connect(
            lambda: self._calendar.setSelectedDate(QDate(self._value or local_today())))
        self._pick = QToolButton(text="Pick…", autoRaise=True, toolTip="Pick from a calendar")
        self._pick.setMenu(menu)
        self._pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # Buttons must not be tab stops, or typing lands elsewhere.
        self._pick.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        QShortcut(QKeySequence("Alt+Down"), self._line, self._pick.showMenu,
                  context=Qt.ShortcutContext.WidgetShortcut)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._line, 1)
        layout.addWidget(self._pick)

    def setFocus(self, *reason) -> None:
        """The form points at a field by focusing it: the text takes the focus. (Not a
        focus proxy: Qt sends Tab from a child proxy back to its owner, trapping it.)"""
        self._line.setFocus(*reason)

    def value(self) -> date | None:
        return self._value

    def set_value(self, value: date | None) -> None:
        self._value = value
        self._line.setText(display(value))
        self._mark("")

    def text(self) -> str:
        return self._line.text()

    def _on_typed(self, text: str) -> None:
        try:
            typed = parse_typed_date(text, locale_puts_day_first(), local_today())
        except NotADate as exc:
            self._mark(str(exc))
        else:
            self._mark("")
            self._value = typed
        self.edited.emit()

    def _tidy(self) -> None:
        """Leaving the field: a date reads as dates do everywhere in Rebound."""
        if not self.problem:
            self._line.setText(display(self._value))

    def _on_picked(self, picked: QDate) -> None:
        self._pick.menu().hide()
        self.set_value(picked.toPython())
        self.edited.emit()

    def _mark(self, problem: str) -> None:
        self.problem = problem
        self._line.setProperty("invalid", bool(problem))
        self._line.setToolTip(problem or f"Type a date, e.g. {display(local_today())}, or "
                                         "pick one (Alt+Down)")
        self._line.style().unpolish(self._line)
        self._line.style().polish(self._line)


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
        self._update_open()

    def setFocus(self, *reason) -> None:
        """The text takes the focus (see ``DateBox.setFocus``)."""
        self._line.setFocus(*reason)

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
        """Open it with the system's program; when nothing opens, say so."""
        if not self.value():
            return
        launch = open_external(self.url().toString())
        if not launch.opened:
            QMessageBox.information(
                self, "Nothing opened",
                f"Nothing on this computer opened {self.value()} ({launch.problem}). "
                "Copy it into your browser or mail app instead.")

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
