"""The composer's side panel: what the tone check found, and only what it checked.

Each finding reads "Fix: …" (an error) or "Consider: …" (a warning) with its
suggested rewrite; choosing one asks for its words to be selected in the text.
A clear check says exactly what was checked for, never that the note is good.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.playbook import tone

#: What a clear check says: only what was checked, never more.
CHECKED_CLEAR = ("Nothing found to change. Checked for sarcasm, arguing with the decision, "
                 "blame, demands, threats, guilt trips, desperation, complaints, bitterness "
                 "and grovelling; for placeholders, names, length, thanks, an ask and your "
                 "signature.")

#: Item role holding a finding's (start, end) in the findings list.
RangeRole = Qt.ItemDataRole.UserRole + 20


class TonePanel(QWidget):
    #: (start, end) of the finding the user chose, in the note's text.
    findingChosen = Signal(int, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.findings = QListWidget(objectName="findings")
        self.findings.setWordWrap(True)
        self.findings.itemActivated.connect(self._choose)
        self.findings.itemClicked.connect(self._choose)
        self.summary = QLabel(objectName="toneSummary", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Tone check", objectName="sectionTitle"))
        layout.addWidget(self.summary)
        layout.addWidget(self.findings, 1)

    def show_findings(self, found: list, text: str) -> None:
        """List ``found`` (the check of ``text``) and sum them up."""
        self.findings.clear()
        for finding in found:
            marker = "Fix" if finding.severity == tone.ERROR else "Consider"
            item = QListWidgetItem(f"{marker}: {finding.message}\n→ {finding.suggestion}")
            item.setData(RangeRole, (finding.start, finding.end))
            item.setToolTip(text[finding.start:finding.end])
            self.findings.addItem(item)
        errors = sum(1 for f in found if f.severity == tone.ERROR)
        if not found and text.strip():
            self.summary.setText(CHECKED_CLEAR)
        elif not found:
            self.summary.setText("Nothing to check yet.")
        else:
            self.summary.setText(f"{errors} to fix, {len(found) - errors} to consider. "
                                 "Click one to see it in the text.")

    def _choose(self, item: QListWidgetItem) -> None:
        self.findingChosen.emit(*item.data(RangeRole))
