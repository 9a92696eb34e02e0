"""One column of the board: its cards as a model, drawn by a delegate, in a list that
takes drags, drops and the keys that do the same.

Cards are painted, not built from widgets: a column of 2,000 applications is one
list view with uniform rows, which scrolls as smoothly as a plain list (see
``tests/benchmarks/bench_board.py``). The list says what the user asked for
(``moveRequested``, ``openRequested``); the board does it.
"""

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QDrag, QFont, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from desktop.clock import local_today
from desktop.store.board import Card
from desktop.store.stored_values import parse_next_step
from desktop.ui.views.today import late_colour
from desktop.ui.widgets.formatting import next_step_text
from desktop.vocabulary import Stage, how_far, is_runner_up

#: What a dragged card carries: the application's id, as text.
CARD_MIME_TYPE = "application/x-rebound-application"
#: The Card a row shows.
CardRole = Qt.ItemDataRole.UserRole + 1
#: The id of the application a row shows.
ApplicationIdRole = Qt.ItemDataRole.UserRole + 2

#: Lines on a card: position, company, people, next step.
CARD_LINES = 4
_MARGIN = 4
_PADDING = 8
#: How many people a card names before "and 2 more".
_NAMED_PEOPLE = 2


def people_text(card: Card) -> str:
    if not card.people:
        return "Nobody linked yet"
    named = ", ".join(card.people[:_NAMED_PEOPLE])
    more = len(card.people) - _NAMED_PEOPLE
    return f"{named} and {more} more" if more > 0 else named


def next_step_line(card: Card) -> tuple[str, bool]:
    """("24 Nov · Thank-you note", late?) or ("No step planned", False): worded as the
    Applications table's Next step column (``next_step_text``)."""
    parsed = parse_next_step(card.next_step)
    if parsed is None:
        return "No step planned", False
    return next_step_text(card.next_step), parsed[0] < local_today()


def company_line(card: Card) -> str:
    """The company, and "runner-up" where the process reached the last rounds."""
    if is_runner_up(card.stage, card.furthest_stage):
        return f"{card.company} · runner-up"
    return card.company


def card_text(card: Card) -> str:
    """The card as one sentence: for screen readers and tooltips."""
    step = next_step_line(card)[0] if card.next_step else ""
    stage = how_far(card.stage, card.furthest_stage)
    return (f"{card.position} at {card.company}. {stage}"
            f". {people_text(card)}. " + (f"Next step: {step}." if step else
                                          "No step planned."))


class CardModel(QAbstractListModel):
    """The cards of one stage, fed by the board (which runs the query)."""

    def __init__(self, stage: Stage, parent=None):
        super().__init__(parent)
        self.stage = stage
        self._cards: list[Card] = []

    def set_cards(self, cards: list[Card]) -> None:
        self.beginResetModel()
        self._cards = cards
        self.endResetModel()

    def row_of(self, application_id: int) -> int:
        return next((row for row, card in enumerate(self._cards)
                     if card.application_id == application_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        card = self._cards[index.row()]
        if role == CardRole:
            return card
        if role == ApplicationIdRole:
            return card.application_id
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{card.position} — {card.company}"
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return card_text(card)
        return None

    def flags(self, index):
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled)

    def mimeTypes(self) -> list[str]:
        return [CARD_MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        if indexes:
            data.setData(CARD_MIME_TYPE, QByteArray(str(indexes[0].data(ApplicationIdRole))
                                                    .encode("ascii")))
        return data


def dropped_application(mime: QMimeData) -> int | None:
    """The application a drag carries, or None when it carries something else."""
    if not mime.hasFormat(CARD_MIME_TYPE):
        return None
    text = bytes(mime.data(CARD_MIME_TYPE).data()).decode("ascii", "replace")
    return int(text) if text.isdigit() else None


class CardDelegate(QStyledItemDelegate):
    """A card: a rounded box with the position in bold, the company, the people and
    the next step (in the late colour when it is overdue)."""

    def sizeHint(self, option, index) -> QSize:
        line = option.fontMetrics.height()
        return QSize(180, CARD_LINES * line + 2 * _PADDING + 2 * _MARGIN + 3)

    def paint(self, painter: QPainter, option, index) -> None:
        card: Card = index.data(CardRole)
        palette = option.palette
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = option.rect.adjusted(_MARGIN, _MARGIN, -_MARGIN, -_MARGIN)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        border = (palette.color(QPalette.ColorRole.Highlight) if selected
                  else palette.color(QPalette.ColorRole.Mid))
        painter.setPen(border)
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(box, 6, 6)
        if selected:  # a second line inside: the chosen card reads at a glance
            painter.drawRoundedRect(box.adjusted(1, 1, -1, -1), 5, 5)

        text = box.adjusted(_PADDING, _PADDING, -_PADDING, -_PADDING)
        line = option.fontMetrics.height()
        bold = QFont(option.font)
        bold.setBold(True)
        step, late = next_step_line(card)
        lines = ((card.position, bold, QPalette.ColorRole.Text, None),
                 (company_line(card), option.font, QPalette.ColorRole.Text, None),
                 (people_text(card), option.font, QPalette.ColorRole.PlaceholderText, None),
                 (step, option.font, QPalette.ColorRole.PlaceholderText,
                  late_colour(palette) if late else None))
        for row, (words, font, role, colour) in enumerate(lines):
            painter.setFont(font)
            painter.setPen(colour if colour is not None else palette.color(role))
            rect = QRect(text.left(), text.top() + row * line, text.width(), line)
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft, QFontMetrics(font).elidedText(
                words, Qt.TextElideMode.ElideRight, text.width()))
        painter.restore()


class CardList(QListView):
    """A column's list of cards: drag a card out, drop one in, or use the keys."""

    #: Move this application to that stage (a drop here, or Ctrl+arrow).
    moveRequested = Signal(int, object)
    #: Open this application.
    openRequested = Signal(int)
    #: Left or right without Ctrl: focus the next column (-1 or 1).
    stepAside = Signal(int)
    #: The context menu was asked for on this card (at this global position).
    menuRequested = Signal(int, object)

    def __init__(self, stage: Stage, parent=None):
        super().__init__(parent)
        self.stage = stage
        self.setObjectName(f"board_{stage.value}")
        self.setModel(CardModel(stage, self))
        self.setItemDelegate(CardDelegate(self))
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self.setAccessibleName(f"{stage.label} column")
        #: A card is being dragged over this column: it is outlined where it would land.
        self._drop_here = False

    def cards(self) -> CardModel:
        return self.model()

    def paintEvent(self, event) -> None:
        """An empty column is a narrow strip: its name runs down it, so the columns
        with cards keep their room while it still takes a dropped card."""
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        if self._drop_here:
            painter.setPen(self.palette().color(QPalette.ColorRole.Highlight))
            painter.drawRect(self.viewport().rect().adjusted(1, 1, -2, -2))
        if self.cards().rowCount():
            painter.end()
            return
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.translate(self.viewport().width() / 2 + self.fontMetrics().ascent() / 2 - 2,
                          _PADDING)
        painter.rotate(90)
        painter.drawText(0, 0, f"{self.stage.label}  ·  0")
        painter.end()

    def current_application(self) -> int | None:
        index = self.currentIndex()
        return index.data(ApplicationIdRole) if index.isValid() else None

    def select_application(self, application_id: int) -> bool:
        row = self.cards().row_of(application_id)
        if row < 0:
            return False
        self.setCurrentIndex(self.cards().index(row))
        self.scrollTo(self.cards().index(row))
        return True

    # Keys ----------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        sideways = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(key)
        application = self.current_application()
        if sideways and ctrl and application is not None:
            stages = list(Stage)
            target = stages.index(self.stage) + sideways
            if 0 <= target < len(stages):
                self.moveRequested.emit(application, stages[target])
            return
        if sideways:
            self.stepAside.emit(sideways)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and application is not None:
            self.openRequested.emit(application)
            return
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Menu or (key == Qt.Key.Key_F10 and shift):
            self._menu_at(self.currentIndex())  # on every system, not only where the
            return                              # menu key is turned into a menu event
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:
        if event.reason() == event.Reason.Mouse:
            self._menu_at(self.indexAt(event.pos()), event.globalPos())
        else:
            self._menu_at(self.currentIndex())

    def _menu_at(self, index, where=None) -> None:
        """Ask for the card's menu, beside the card when the keyboard asked."""
        if not index.isValid():
            return
        self.setCurrentIndex(index)
        if where is None:
            where = self.viewport().mapToGlobal(self.visualRect(index).center())
        self.menuRequested.emit(index.data(ApplicationIdRole), where)

    def mouseDoubleClickEvent(self, event) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid():
            self.openRequested.emit(index.data(ApplicationIdRole))

    # Dragging --------------------------------------------------------------------

    def startDrag(self, supported_actions) -> None:
        """Drag a picture of the card; the board moves it when it is dropped."""
        index = self.currentIndex()
        if not index.isValid():
            return
        drag = QDrag(self)
        drag.setMimeData(self.cards().mimeData([index]))
        rect = self.visualRect(index)
        picture = QPixmap(rect.size() * self.devicePixelRatioF())
        picture.setDevicePixelRatio(self.devicePixelRatioF())
        picture.fill(QColor(0, 0, 0, 0))
        painter = QPainter(picture)
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.rect = QRect(0, 0, rect.width(), rect.height())
        option.state |= QStyle.StateFlag.State_Selected
        self.itemDelegate().paint(painter, option, index)
        painter.end()
        drag.setPixmap(picture)
        drag.setHotSpot(self.viewport().mapFromGlobal(self.cursor().pos()) - rect.topLeft())
        drag.exec(Qt.DropAction.MoveAction)

    def dragEnterEvent(self, event) -> None:
        if dropped_application(event.mimeData()) is not None:
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
            self._outline(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dragLeaveEvent(self, event) -> None:
        self._outline(False)

    def _outline(self, shown: bool) -> None:
        if shown != self._drop_here:
            self._drop_here = shown
            self.viewport().update()

    def dropEvent(self, event) -> None:
        self._outline(False)
        application = dropped_application(event.mimeData())
        if application is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        if self.cards().row_of(application) < 0:  # dropped on its own column: no move
            self.moveRequested.emit(application, self.stage)
