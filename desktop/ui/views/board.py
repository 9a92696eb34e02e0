"""The board: every application as a card in the column of its stage.

Drag a card to another column to move it, or use the keys: the arrows go from card
to card and column to column, Ctrl+Left and Ctrl+Right move the chosen card one
stage, the menu key (or a right click) moves it anywhere, and Enter opens it.
Moving a card to Rejected asks when they said no, then plans the follow-ups, as
the application form does.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.operations import Changes, Record
from desktop.operations import applications as application_operations
from desktop.store import board
from desktop.store.board import Card
from desktop.store.listing import words
from desktop.ui.dialogs.turned_down import TurnedDownDialog
from desktop.ui.shell.change_hub import hub
from desktop.ui.shell.view import View
from desktop.ui.widgets.board_cards import CardList
from desktop.ui.widgets.formatting import counted
from desktop.vocabulary import Found, Stage

#: No largest width (Qt's QWIDGETSIZE_MAX).
QWIDGETSIZE_MAX = (1 << 24) - 1
#: A column's narrowest width: a card's four lines stay readable.
COLUMN_MIN_WIDTH = 160
#: An empty column's width: a strip with its name running down it (see
#: ``CardList.paintEvent``), so the columns with cards have the room, and a card can
#: still be dropped on it.
EMPTY_COLUMN_WIDTH = 40


def matches(card: Card, tokens: list[str]) -> bool:
    """Every word of the filter starts a word of the card's company, position or
    people (as the other filters match)."""
    text = " ".join((card.company, card.position, *card.people)).lower()
    card_words = words(text)
    return all(any(word.startswith(token) for word in card_words) for token in tokens)


def popup(menu: QMenu, where) -> None:
    """Show a menu until it is answered (a seam: tests answer it instead)."""
    menu.exec(where)


class BoardColumn(QFrame):
    """A stage's heading, with its count, above its cards."""

    def __init__(self, stage: Stage, parent=None):
        super().__init__(parent, objectName="boardColumn")
        self.stage = stage
        self.heading = QLabel(objectName="boardHeading")
        self.cards = CardList(stage)
        self.heading.setBuddy(self.cards)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.cards, 1)

    def set_cards(self, cards: list[Card]) -> None:
        self.cards.cards().set_cards(cards)
        self.heading.setVisible(bool(cards))
        if cards:
            self.setMinimumWidth(COLUMN_MIN_WIDTH)
            self.setMaximumWidth(QWIDGETSIZE_MAX)
        else:
            self.setFixedWidth(EMPTY_COLUMN_WIDTH)
        self.setToolTip("" if cards else f"{self.stage.label}: no applications. Drop a "
                        "card here to move it.")
        self.heading.setText(f"<b>{self.stage.label}</b>  {len(cards)}")
        self.cards.setAccessibleName(f"{self.stage.label}, {len(cards)} applications")


class BoardView(View):
    name = "board"
    shows = frozenset({Record.APPLICATION, Record.COMPANY, Record.PERSON, Record.STEP})

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("boardView")
        self._cards: list[Card] = []
        self.filter_box = QLineEdit(objectName="boardFilter")
        self.filter_box.setPlaceholderText("Filter the board…  (Ctrl+F)")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self._show_cards)
        self.count_label = QLabel(objectName="countLabel")
        hint = QLabel("Drag a card to move it, or Ctrl+← / Ctrl+→. Enter opens it.",
                      objectName="boardHint")
        top = QHBoxLayout()
        top.addWidget(self.filter_box, 1)
        top.addWidget(self.count_label)
        top.addWidget(hint)

        self.columns: dict[Stage, BoardColumn] = {}
        strip = QWidget(objectName="boardStrip")
        row = QHBoxLayout(strip)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for stage in Stage:
            column = BoardColumn(stage)
            column.cards.moveRequested.connect(self.move_card)
            column.cards.openRequested.connect(
                lambda application: self.openRequested.emit(Found.APPLICATION, application))
            column.cards.stepAside.connect(lambda step, s=stage: self._step_aside(s, step))
            column.cards.menuRequested.connect(self._card_menu)
            row.addWidget(column, 1)
            self.columns[stage] = column
        self.scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        self.scroll.setWidget(strip)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its cards take the focus

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)
        self.reload()

    # Showing ---------------------------------------------------------------------

    def main_widget(self):
        return self.columns[Stage.APPLIED].cards

    def reload(self) -> None:
        self._cards = board.board_cards()
        self._show_cards()

    def _show_cards(self) -> None:
        """Deal the cards that pass the filter into their columns, keeping the one
        chosen (and the focus) where they were."""
        chosen = self.current_application()
        focused = self.focusWidget()
        tokens = [token.lower() for token in words(self.filter_box.text())]
        by_stage: dict[Stage, list[Card]] = {stage: [] for stage in Stage}
        for card in self._cards:
            if not tokens or matches(card, tokens):
                by_stage[Stage.parse(card.stage, Stage.APPLIED)].append(card)
        for stage, column in self.columns.items():
            column.set_cards(by_stage[stage])
        shown = sum(len(cards) for cards in by_stage.values())
        noun = "application" if shown == 1 else "applications"
        self.count_label.setText(f"{shown:,} {noun}" + (" match" if tokens else ""))
        if chosen is not None:
            self.select_card(chosen, focus=isinstance(focused, CardList))

    def _read_again(self, application_id: int) -> None:
        """After a move, only the moved card is read again (its stage, its next step),
        and it goes first, as the most recently changed: a board of thousands is not
        read whole for one card."""
        fresh = board.board_cards(application_id)
        self._cards = fresh + [c for c in self._cards if c.application_id != application_id]
        self._show_cards()

    def activate(self) -> None:
        self.statusMessage.emit(self.count_label.text())

    def current_application(self) -> int | None:
        focused = self.focusWidget()
        lists = [focused] if isinstance(focused, CardList) else []
        lists += [column.cards for column in self.columns.values()]
        for cards in lists:
            if (application := cards.current_application()) is not None:
                return application
        return None

    def column_of(self, application_id: int) -> BoardColumn | None:
        for column in self.columns.values():
            if column.cards.cards().row_of(application_id) >= 0:
                return column
        return None

    def select_card(self, application_id: int, focus: bool = True) -> bool:
        column = self.column_of(application_id)
        if column is None:
            return False
        for other in self.columns.values():
            if other is not column:
                other.cards.clearSelection()
        column.cards.select_application(application_id)
        self.scroll.ensureWidgetVisible(column, 0, 0)
        if focus:
            column.cards.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def show_record(self, record_id: int, found_id: int | None = None) -> bool:
        return self.select_card(record_id)

    def _step_aside(self, stage: Stage, step: int) -> None:
        """Left or right: the next column's card at about the same height."""
        stages = list(Stage)
        at = stages.index(stage) + step
        if not 0 <= at < len(stages):
            return
        here, there = self.columns[stage].cards, self.columns[stages[at]].cards
        row = max(here.currentIndex().row(), 0)
        if there.cards().rowCount():
            there.setCurrentIndex(there.cards().index(min(row, there.cards().rowCount() - 1)))
        there.setFocus(Qt.FocusReason.TabFocusReason)
        self.scroll.ensureWidgetVisible(self.columns[stages[at]], 0, 0)

    def _card_menu(self, application_id: int, where) -> None:
        card = next(card for card in self._cards if card.application_id == application_id)
        menu = QMenu(self)
        menu.addAction("Open", lambda: self.openRequested.emit(Found.APPLICATION,
                                                               application_id))
        move = menu.addMenu("Move to")
        for stage in Stage:
            action = move.addAction(stage.label,
                                    lambda s=stage: self.move_card(application_id, s))
            action.setEnabled(stage.value != card.stage)
        popup(menu, where)

    # Moving ----------------------------------------------------------------------

    def move_card(self, application_id: int, stage: Stage) -> None:
        """Move a card (dropped, or by the keys) to ``stage``, through the operation the
        form uses; Rejected asks first."""
        card = next((c for c in self._cards if c.application_id == application_id), None)
        if card is None or card.stage == stage.value:
            return
        title = f"{card.position} — {card.company}"
        arguments = ()
        if stage == Stage.REJECTED:
            dialog = TurnedDownDialog(title, card.people, self)
            if not dialog.exec():
                return
            arguments = dialog.values()
        changes = hub().run(application_operations.move_to_stage, application_id, stage,
                            *arguments, source=self, parent=self)
        if changes is None:
            return  # the hub said why; the card stays where it was
        self._read_again(application_id)
        self.select_card(application_id)
        self.statusMessage.emit(self._moved_text(card, stage, changes))

    @staticmethod
    def _moved_text(card: Card, stage: Stage, changes: Changes) -> str:
        text = f"Moved {card.position} — {card.company} to {stage.label}."
        if changes.planned:
            text += (f" Planned {counted(len(changes.planned), 'follow-up', 'follow-ups')}: "
                     "see Today.")
        elif stage == Stage.REJECTED and not card.people:
            text += " No follow-ups planned: nobody is linked to it yet."
        elif stage == Stage.REJECTED:
            text += " No new follow-ups were planned."
        return text

    # Window-wide actions -----------------------------------------------------------

    def new_record(self) -> None:
        self.newRequested.emit(Found.APPLICATION)

    def focus_filter(self) -> None:
        self.filter_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_box.selectAll()
