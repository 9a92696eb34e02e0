"""Today: what to send now (overdue first), what comes in the next two weeks, and
who is going cold. The default view at start-up.

Because it is built before the first paint, this module keeps ``boot``'s rule 3 and
never touches PySide6's ``Qt`` namespace: roles are plain ints, keys are matched as
a QKeySequence, and heading rows are told apart by carrying no id rather than by
item flags. Even ``QBrush(QColor)`` would do it (a ``Qt.BrushStyle`` default
argument), so the late colour is set as a QColor.

For the same reason Today has no style sheet (see ``style``): its fonts, colours and
row spacing are set in code.
"""

import datetime

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop.clock import local_today
from desktop.operations.changes import Record
from desktop.playbook import today as today_reading
from desktop.playbook.kinds import StepKind
from desktop.playbook.today import HORIZON_DAYS, PAGE_ROWS, TodayReading, Window
from desktop.store.today_queries import StepRow
from desktop.ui.dialogs.step_actions import ask_skip, snooze_menu, snooze_step
from desktop.ui.shell.view import View
from desktop.ui.startup.boot import FOREGROUND_ROLE, USER_ROLE
from desktop.ui.widgets.formatting import counted, days_ago, friendly_date
from desktop.vocabulary import StepStatus

# Columns of the tree.
WHEN, STEP, PERSON, ABOUT, STATUS = range(5)
COLUMN_TITLES = ("When", "Step", "Person", "About", "Status")

#: Item roles: the step's id, or for a cold contact the person's id.
StepIdRole = USER_ROLE + 10
PersonIdRole = USER_ROLE + 11
#: True on a "Show more" row.
MoreRole = USER_ROLE + 12
#: On a group heading: its window's place in ``TodayView._windows``.
WindowRole = USER_ROLE + 13

#: Text colour of the "When" cell of a late step.
LATE_COLOUR = "#a3211b"
LATE_COLOUR_ON_DARK = "#ff8a80"
#: Backgrounds darker than this (HSL lightness, 0-255) are a dark colour scheme.
DARK_BELOW = 128
#: The date heading's size, in pixels.
TITLE_PIXEL_SIZE = 20
#: Space under the summary line and the empty-state text.
QUIET_TEXT_GAP = 6
#: Extra height of each row, so the list reads easily.
ROW_PADDING = 6


def when_text(due: datetime.date, today: datetime.date) -> str:
    """"3 days late", "Today", "Tomorrow", "Thu 26 Nov"."""
    days = (due - today).days
    if days < -1:
        return f"{-days} days late"
    if days == -1:
        return "1 day late"
    if days == 0:
        return "Today"
    if days == 1:
        return "Tomorrow"
    return f"{due:%a} {friendly_date(due)}"


def _quiet(label: QLabel) -> QLabel:
    """A secondary line of text: the palette's softer text colour (so it reads in a
    light and a dark scheme alike), a little space below."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setContentsMargins(0, 0, 0, QUIET_TEXT_GAP)
    return label


def late_colour(palette: QPalette) -> QColor:
    """The "days late" red, lighter on a dark background so it stays readable."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < DARK_BELOW
    return QColor(LATE_COLOUR_ON_DARK if dark else LATE_COLOUR)


class RoomyRows(QStyledItemDelegate):
    """Rows ``ROW_PADDING`` taller than the style's default."""

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        size.setHeight(size.height() + ROW_PADDING)
        return size


class StepTree(QTreeWidget):
    """Today's tree, where Enter opens the current row on every platform.

    Item views emit ``activated`` on Enter except on macOS, where Enter starts
    editing; Today has nothing to edit, so Enter always means "open".
    """

    openRequested = Signal()

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.InsertParagraphSeparator):
            self.openRequested.emit()
            return
        super().keyPressEvent(event)


class TodayView(View):
    name = "today"
    style_sheet = None  # styled in code, see the module's docstring
    shows = frozenset({Record.STEP, Record.PERSON, Record.APPLICATION, Record.CONTACT,
                       Record.SETTINGS})

    #: Open the composer for a step.
    composeRequested = Signal(int)
    #: Open a fresh check-in for a person who is going cold.
    checkInRequested = Signal(int)
    #: The number of steps due today or overdue changed.
    dueCountChanged = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("todayView")
        self.title = QLabel(objectName="todayTitle")
        title_font = QFont(self.title.font())
        title_font.setPixelSize(TITLE_PIXEL_SIZE)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(title_font)
        self.summary = _quiet(QLabel(objectName="todaySummary", wordWrap=True))
        self.tree = StepTree(objectName="todayTree")
        self.tree.setItemDelegate(RoomyRows(self.tree))
        self.tree.setColumnCount(len(COLUMN_TITLES))
        self.tree.setHeaderLabels(COLUMN_TITLES)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ABOUT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((WHEN, 120), (STEP, 150), (PERSON, 170), (STATUS, 110)):
            header.resizeSection(column, width)
        self.tree.itemActivated.connect(lambda item, _col: self.open_item(item))
        self.tree.openRequested.connect(self.open_current)
        self.tree.currentItemChanged.connect(self._skip_headings)
        self.tree.currentItemChanged.connect(self._update_buttons)

        self.empty = _quiet(QLabel(objectName="todayEmpty", wordWrap=True))
        self.empty.setText(
            "Nothing to send right now. When an application is turned down, set its stage "
            "to Rejected (with the people you met linked to it) and Rebound plans the "
            "thank-you, the feedback request and the check-ins here."
        )

        self.open_button = QPushButton("Open note", objectName="openStep")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_current)
        self.snooze_button = QToolButton(text="Snooze", objectName="snoozeStep")
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snooze_button.setMenu(snooze_menu(self, self._snooze_current))
        self.skip_button = QPushButton("Skip…", objectName="skipStep")
        self.skip_button.clicked.connect(self.skip_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.snooze_button)
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        #: Steps due today or overdue; set by ``reload``, which runs when the view
        #: is shown (the main window shows it first), not here as well.
        self.due_count = 0
        #: Today's reading from the start-up's first look at the file, shown until
        #: the store is open (``MainWindow.replace_store`` clears it).
        self.first_reading: TodayReading | None = None

    # Loading ----------------------------------------------------------------

    def main_widget(self):
        return self.tree

    def reload(self) -> None:
        """Read Today again: the counts whole, the rows a page at a time (``PAGE_ROWS``
        per group), so the first frame does not grow with the number of steps."""
        reading = self.first_reading or today_reading.from_store(local_today())
        today = reading.today
        keep = self._current_key()
        self.tree.clear()
        #: The paged groups' windows, by the ``WindowRole`` of their headings.
        self._windows: list[Window] = []
        self._add_group("Due now", reading.due, today)
        self._add_group(f"Coming up in the next {HORIZON_DAYS} days", reading.coming, today)
        if reading.cold:
            group = self._group(
                f"Going cold — no contact for longer than usual ({len(reading.cold)})")
            for contact in reading.cold:
                item = QTreeWidgetItem(group)
                item.setText(WHEN, days_ago(contact.last_contact_at))
                item.setText(STEP, "Check in")
                item.setText(PERSON, contact.name)
                item.setText(ABOUT, contact.company)
                item.setText(STATUS, f"Every {contact.months} months")
                item.setData(0, PersonIdRole, contact.person_id)
        self.tree.expandAll()
        self.empty.setVisible(not (reading.due.total or reading.coming.total or reading.cold))
        self.title.setText(f"Today, {today:%A} {friendly_date(today)}")
        self._update_summary(reading)
        self._restore_current(keep)
        self._update_buttons()
        self.due_count = reading.due.total
        self.dueCountChanged.emit(self.due_count)

    def _group(self, title: str) -> QTreeWidgetItem:
        """A bold heading row; it holds no id, so the actions stay off on it."""
        group = QTreeWidgetItem(self.tree, [title])
        group.setFirstColumnSpanned(True)
        font = QFont(group.font(0))
        font.setBold(True)
        group.setFont(0, font)
        return group

    def _add_group(self, title: str, window: Window, today: datetime.date) -> None:
        """A heading with the group's whole count, its first page of steps, and a
        "Show more" row when there are more."""
        total = window.total
        group = self._group(f"{title} ({total:,})" if total else f"{title}: nothing here")
        group.setData(0, WindowRole, len(self._windows))
        self._windows.append(window)
        self._add_steps(group, window.first_page, today)

    def _show_more(self, group: QTreeWidgetItem, today: datetime.date) -> None:
        """The group's next page of steps, in place of its "Show more" row."""
        window = self._windows[group.data(0, WindowRole)]
        for index in reversed(range(group.childCount())):
            if group.child(index).data(0, MoreRole) is not None:
                group.removeChild(group.child(index))
        self._add_steps(group, today_reading.more_steps(window, group.childCount()), today)

    def _add_steps(self, group: QTreeWidgetItem, rows: list[StepRow],
                   today: datetime.date) -> None:
        """``rows`` under ``group``, then "Show more" if the group has more."""
        late = late_colour(self.palette())
        for row in rows:
            item = QTreeWidgetItem(group)
            item.setText(WHEN, when_text(row.due_on, today))
            item.setText(STEP, StepKind(row.kind).label)
            item.setText(PERSON, row.person_name)
            about = " — ".join(p for p in (row.position, row.company) if p)
            item.setText(ABOUT, about)
            item.setText(STATUS, StepStatus(row.status).label)
            item.setToolTip(STEP, StepKind(row.kind).why)
            item.setData(0, StepIdRole, row.id)
            if row.due_on < today:
                item.setData(WHEN, FOREGROUND_ROLE, late)
        left = self._windows[group.data(0, WindowRole)].total - group.childCount()
        if left > 0:
            item = QTreeWidgetItem(group, [f"Show {min(PAGE_ROWS, left):,} more "
                                           f"({left:,} not shown)"])
            item.setFirstColumnSpanned(True)
            item.setData(0, MoreRole, True)

    def _update_summary(self, reading: TodayReading) -> None:
        due, late, results = reading.due.total, reading.late, reading.results
        parts = []
        if due:
            parts.append(f"{due:,} to send" + (f", {late:,} of them late" if late else ""))
        else:
            parts.append("Nothing due today")
        if results.sent:
            led = [counted(n, one, many) for n, one, many in (
                (results.replied, "reply", "replies"),
                (results.conversations, "conversation", "conversations"),
                (results.interviews, "interview", "interviews"),
                (results.offers, "offer", "offers")) if n]
            parts.append(f"Follow-ups sent so far: {results.sent:,}"
                         + (f" — they led to {', '.join(led)}" if led else ""))
        self.summary.setText(" · ".join(parts))

    # Selection --------------------------------------------------------------

    def _current_key(self):
        item = self.tree.currentItem()
        if item is None:
            return None
        return item.data(0, StepIdRole), item.data(0, PersonIdRole)

    def _restore_current(self, key) -> None:
        first = None
        for group_index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(group_index)
            for child_index in range(group.childCount()):
                child = group.child(child_index)
                child_key = (child.data(0, StepIdRole), child.data(0, PersonIdRole))
                if child_key == (None, None):
                    continue
                if key is not None and child_key == key:
                    self.tree.setCurrentItem(child)
                    return
                first = first or child
        if first is not None:
            self.tree.setCurrentItem(first)

    def current_step_id(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, StepIdRole) if item else None

    @staticmethod
    def _actionable(item: QTreeWidgetItem | None) -> bool:
        return item is not None and (item.data(0, StepIdRole) is not None
                                     or item.data(0, PersonIdRole) is not None
                                     or item.data(0, MoreRole) is True)

    def _skip_headings(self, current, previous) -> None:
        """Arrow keys pass over the group headings to the next row that can be acted
        on, in the direction they went; at the end of the list they stay put."""
        if current is None or self._actionable(current):
            return
        going_up = previous is not None and (
            self.tree.visualItemRect(current).top() < self.tree.visualItemRect(previous).top())
        step = self.tree.itemAbove if going_up else self.tree.itemBelow
        target = step(current)
        while target is not None and not self._actionable(target):
            target = step(target)
        if target is None and self._actionable(previous):
            target = previous
        if target is not None:
            self.tree.setCurrentItem(target)

    def _update_buttons(self, *_args) -> None:
        item = self.tree.currentItem()
        is_step = self.current_step_id() is not None
        is_person = item is not None and item.data(0, PersonIdRole) is not None
        self.open_button.setEnabled(is_step or is_person)
        self.open_button.setText("Write check-in" if is_person else "Open note")
        self.snooze_button.setEnabled(is_step)
        self.skip_button.setEnabled(is_step)

    # Actions ----------------------------------------------------------------

    def changeEvent(self, event) -> None:
        """A new colour scheme: the late dates take its red."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.reload()
        super().changeEvent(event)

    def activate(self) -> None:
        self.reload()
        self.tree.setFocus()

    def open_current(self) -> None:
        if self.tree.currentItem() is not None:
            self.open_item(self.tree.currentItem())

    def open_item(self, item: QTreeWidgetItem) -> None:
        if item.data(0, MoreRole) is True:
            row = item.parent().indexOfChild(item)
            group = item.parent()
            self._show_more(group, local_today())
            self.tree.setCurrentItem(group.child(min(row, group.childCount() - 1)))
            return
        step_id = item.data(0, StepIdRole)
        person_id = item.data(0, PersonIdRole)
        if step_id is not None:
            self.composeRequested.emit(step_id)
        elif person_id is not None:
            self.checkInRequested.emit(person_id)

    def _snooze_current(self, until: datetime.date) -> None:
        step_id = self.current_step_id()
        if step_id is not None and snooze_step(self, step_id, until):
            self.reload()

    def skip_current(self) -> None:
        step_id = self.current_step_id()
        if step_id is not None and ask_skip(self, step_id):
            self.reload()
