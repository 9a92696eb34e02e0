"""The note's body editor: tone findings underlined in the text, explained on hover."""

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from desktop.playbook.tone import Finding

_UNDERLINE = {"error": QColor("#c0392b"), "warning": QColor("#d68910")}


class ToneEditor(QPlainTextEdit):
    """Plain text, so what is copied is exactly what is seen."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("noteBody")
        self.setTabChangesFocus(True)
        self._findings: list[Finding] = []

    def set_findings(self, findings: list[Finding]) -> None:
        self._findings = findings
        selections = []
        length = len(self.toPlainText())
        for finding in findings:
            if finding.start >= length or finding.end <= finding.start:
                continue
            selection = QTextEdit.ExtraSelection()
            text_format = QTextCharFormat()
            text_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            text_format.setUnderlineColor(_UNDERLINE.get(finding.severity, _UNDERLINE["warning"]))
            if finding.severity == "error":
                text_format.setBackground(QColor(192, 57, 43, 28))
            text_format.setProperty(QTextFormat.Property.UserProperty, finding.message)
            cursor = QTextCursor(self.document())
            cursor.setPosition(finding.start)
            cursor.setPosition(min(finding.end, length), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = text_format
            selections.append(selection)
        self.setExtraSelections(selections)

    def findings_at(self, position: int) -> list[Finding]:
        return [f for f in self._findings if f.start <= position < f.end]

    def select_range(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            position = self.cursorForPosition(event.pos()).position()
            here = self.findings_at(position)
            if here:
                text = "\n\n".join(f"{f.message}\n→ {f.suggestion}" for f in here)
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
