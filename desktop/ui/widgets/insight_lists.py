"""The lists on Insights: what feedback requests yielded, company by company and
recruiter by recruiter, and the runner-up radar's companies."""

import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem

from desktop.ui.widgets.formatting import due_text, friendly_date, percent
from desktop.vocabulary import Found

#: Item role holding the company id of a runner-up row.
CompanyIdRole = Qt.ItemDataRole.UserRole + 5
_NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _date(text: str | None) -> str:
    return friendly_date(datetime.date.fromisoformat(text)) if text else ""


class _List(QTreeWidget):
    #: Columns: headings, and which of them hold numbers.
    headings: tuple[str, ...] = ()
    numbers: tuple[int, ...] = ()
    #: What the list says when it is empty.
    empty = ""
    #: Rows open to show more (the answers under a company).
    nested = False

    def __init__(self, parent=None, **properties):
        super().__init__(parent, **properties)
        self.setHeaderLabels(list(self.headings))
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setRootIsDecorated(self.nested)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setStretchLastSection(False)
        for column in range(1, len(self.headings)):
            self.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setMinimumHeight(150)

    def add(self, cells, parent=None) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent or self, [str(cell) for cell in cells])
        for column in self.numbers:
            item.setTextAlignment(column, _NUMBER)
        return item

    def show_empty(self) -> None:
        if self.topLevelItemCount() == 0:
            item = QTreeWidgetItem(self, [self.empty])
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            item.setFirstColumnSpanned(True)


class FeedbackByCompany(_List):
    headings = ("Company", "Asked", "Answered", "Rate")
    numbers = (1, 2, 3)
    empty = "No feedback requests sent yet."
    nested = True

    def set_rows(self, rows: list[dict]) -> None:
        self.clear()
        for row in rows:
            item = self.add((row["company"], f"{row['sent']:,}", f"{row['answered']:,}",
                             percent(row["answered"], row["sent"])))
            for answer in row["answers"]:
                said = " ".join(answer["said"].split())
                child = QTreeWidgetItem(item, [f"{_date(answer['on'])} · {answer['person']}: "
                                               f"“{said}”"])
                child.setFirstColumnSpanned(True)
                child.setToolTip(0, answer["said"])
        self.show_empty()


class FeedbackByRecruiter(_List):
    headings = ("Recruiter", "Asked", "Answered", "Rate")
    numbers = (1, 2, 3)
    empty = "No feedback asked of a recruiter yet."

    def set_rows(self, rows: list[dict]) -> None:
        self.clear()
        for row in rows:
            self.add((row["person"], f"{row['sent']:,}", f"{row['answered']:,}",
                      percent(row["answered"], row["sent"])))
        self.show_empty()


class RunnerUps(_List):
    """Companies where the user reached the last rounds; Enter or a double-click
    opens the company."""

    openRequested = Signal(object, int)
    headings = ("Company", "Reached", "Turned down", "Last contact", "Next follow-up")
    empty = ("No runner-up places yet: when a process reaches the final round or an offer "
             "and ends, the company is listed here to keep in touch with.")

    def __init__(self, parent=None, **properties):
        super().__init__(parent, **properties)
        self.itemActivated.connect(self._open)

    def set_rows(self, rows: list[dict]) -> None:
        self.clear()
        for row in rows:
            step = row["next_step"]
            following = "none planned"
            if step:
                due = datetime.date.fromisoformat(step["due_on"])
                following = f"{due_text(due)} · {step['label']} to {step['person']}"
            item = self.add((f"{row['company']} — {row['positions']}", row["reached"],
                             _date(row["turned_down_on"]), _date(row["last_contact_at"]),
                             following))
            item.setData(0, CompanyIdRole, row["company_id"])
            item.setToolTip(0, row["positions"])
        self.show_empty()

    def _open(self, item: QTreeWidgetItem, _column: int) -> None:
        company_id = item.data(0, CompanyIdRole)
        if company_id is not None:
            self.openRequested.emit(Found.COMPANY, company_id)
