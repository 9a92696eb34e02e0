"""The board, driven as a user drives it: cards in their stage's column, moved by a
drop or by the keys, Rejected asking first and planning the follow-ups, and a move
the disk refuses leaving the card where it was."""

import datetime
import sqlite3

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from desktop.clock import local_today
from desktop.store import applications, people, steps
from desktop.store.connection import db
from desktop.ui.dialogs.turned_down import TurnedDownDialog
from desktop.ui.shell.menus import view_row
from desktop.ui.widgets.board_cards import (
    CARD_MIME_TYPE,
    ApplicationIdRole,
    CardRole,
    company_line,
)
from desktop.vocabulary import Stage


@pytest.fixture
def board(window):
    """Two applications at Northwind and Cobalt, the first with two people linked."""
    first = applications.save_application(None, {"company": "Northwind", "position": "Analyst",
                                                 "stage": "interviewing"})
    applications.save_application(None, {"company": "Cobalt Ledger", "position": "Data Lead"})
    for first_name, role in (("Priya", "hiring_manager"), ("Tom", "recruiter")):
        person = people.save_person(None, {"first_name": first_name, "last_name": "Raman",
                                           "company": "Northwind", "hiring_role": role})
        applications.link_person(first.id, person.id, role)
    window.show_view(view_row("Board"))
    view = window.current_view()
    view.reload()
    return view, first.id


def column_titles(view, stage: Stage) -> list[str]:
    cards = view.columns[stage].cards.cards()
    return [cards.index(row).data() for row in range(cards.rowCount())]


def drop_on(view, application_id: int, stage: Stage) -> None:
    """Drop a dragged card on a column, as the mouse would."""
    target = view.columns[stage].cards
    mime = QMimeData()
    mime.setData(CARD_MIME_TYPE, str(application_id).encode())
    centre = QPoint(target.viewport().width() // 2, 20)
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    enter = QDragEnterEvent(centre.toPointF(), actions, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target.viewport(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(centre.toPointF(), actions, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target.viewport(), drop)


def test_each_card_sits_in_its_stage_and_says_who_and_what_next(board):
    view, _first = board
    assert column_titles(view, Stage.INTERVIEWING) == ["Analyst — Northwind"]
    assert column_titles(view, Stage.APPLIED) == ["Data Lead — Cobalt Ledger"]
    card = view.columns[Stage.INTERVIEWING].cards.cards().index(0).data(CardRole)
    assert card.people == ("Priya Raman", "Tom Raman")
    text = view.columns[Stage.INTERVIEWING].cards.cards().index(0).data(
        Qt.ItemDataRole.AccessibleTextRole)
    assert text == ("Analyst at Northwind. Interviewing. Priya Raman, Tom Raman. "
                    "No step planned.")
    assert "Interviewing</b>  1" in view.columns[Stage.INTERVIEWING].heading.text()
    assert view.count_label.text() == "2 applications"


def test_dropping_a_card_on_a_column_moves_the_application(board, window):
    view, first = board
    drop_on(view, first, Stage.FINAL_ROUND)
    assert applications.application_values(first)["stage"] == "final_round"
    assert column_titles(view, Stage.FINAL_ROUND) == ["Analyst — Northwind"]
    assert column_titles(view, Stage.INTERVIEWING) == []
    assert window.statusBar().currentMessage() == "Moved Analyst — Northwind to Final round."


def test_something_else_dropped_on_the_board_is_refused(board):
    view, first = board
    target = view.columns[Stage.OFFER].cards
    mime = QMimeData()
    mime.setText("Analyst")
    enter = QDragEnterEvent(QPointF(10, 10), Qt.DropAction.MoveAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target.viewport(), enter)
    assert not enter.isAccepted()
    assert applications.application_values(first)["stage"] == "interviewing"


def test_rejected_asks_when_then_plans_the_follow_ups_as_the_form_does(board, window,
                                                                      monkeypatch):
    view, first = board
    asked = []

    def answer(dialog):
        asked.append(dialog.findChild(object, "planSentence").text())
        dialog.on.set_value(local_today() - datetime.timedelta(days=1))
        dialog.what_they_said.set_value("They hired internally.")
        return True

    monkeypatch.setattr(TurnedDownDialog, "exec", answer)
    drop_on(view, first, Stage.REJECTED)

    assert asked == ["Rebound then plans the thank-you, the feedback request and the "
                     "check-ins for Priya Raman and Tom Raman."]
    values = applications.application_values(first)
    assert (values["stage"], values["rejected_on"], values["rejection_reason"]) == (
        "rejected", local_today() - datetime.timedelta(days=1), "They hired internally.")
    planned = steps.steps_for_application(first)
    assert {step.person_name for step in planned} == {"Priya Raman", "Tom Raman"}
    message = window.statusBar().currentMessage()
    assert message == (f"Moved Analyst — Northwind to Rejected. Planned {len(planned)} "
                       "follow-ups: see Today.")
    assert window.due_count >= 1  # Today heard of it through the hub


def test_cancelling_the_rejection_leaves_the_card_where_it_was(board, monkeypatch):
    view, first = board
    monkeypatch.setattr(TurnedDownDialog, "exec", lambda dialog: False)
    drop_on(view, first, Stage.REJECTED)
    assert applications.application_values(first)["stage"] == "interviewing"
    assert column_titles(view, Stage.INTERVIEWING) == ["Analyst — Northwind"]
    assert steps.steps_for_application(first) == []


def test_nobody_linked_is_said_before_and_after_the_rejection(board, window, monkeypatch):
    view, _first = board
    lone = applications.save_application(None, {"company": "Umbra", "position": "BI Analyst"})
    view.reload()
    asked = []
    monkeypatch.setattr(TurnedDownDialog, "exec", lambda dialog: asked.append(
        dialog.findChild(object, "planSentence").text()) or True)
    drop_on(view, lone.id, Stage.REJECTED)
    assert asked[0].startswith("Nobody is linked to this application yet")
    assert window.statusBar().currentMessage() == (
        "Moved BI Analyst — Umbra to Rejected. No follow-ups planned: nobody is linked "
        "to it yet.")


def test_the_keys_do_what_the_mouse_does(board, window, qtbot):
    view, first = board
    interviewing = view.columns[Stage.INTERVIEWING].cards
    interviewing.setFocus()
    interviewing.setCurrentIndex(interviewing.cards().index(0))
    qtbot.keyClick(interviewing, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert applications.application_values(first)["stage"] == "final_round"
    final_round = view.columns[Stage.FINAL_ROUND].cards
    assert QApplication.focusWidget() is final_round  # the card keeps the focus
    assert final_round.current_application() == first

    qtbot.keyClick(final_round, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert applications.application_values(first)["stage"] == "interviewing"

    # Plain arrows go from column to column; Enter opens the card's application.
    for _ in range(2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    applied = view.columns[Stage.APPLIED].cards
    assert QApplication.focusWidget() is applied
    opened = applied.current_application()
    qtbot.keyClick(applied, Qt.Key.Key_Return)
    assert window.current_view() is window.view(view_row("Applications"))
    assert window.current_view().form.record_id == opened


def test_the_filter_keeps_the_cards_that_match(board, qtbot):
    view, _first = board
    qtbot.keyClicks(view.filter_box, "priya")
    assert column_titles(view, Stage.INTERVIEWING) == ["Analyst — Northwind"]
    assert column_titles(view, Stage.APPLIED) == []
    assert view.count_label.text() == "1 application match"


def test_a_move_the_disk_refuses_is_said_and_the_card_stays(board, window, data_dir,
                                                           monkeypatch):
    view, first = board
    told = []
    monkeypatch.setattr("desktop.ui.dialogs.write_failure.tell_not_saved",
                        lambda parent, exc, can_retry=False: told.append(exc.message) and False)
    db.execute_sql("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(data_dir / "rebound.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        drop_on(view, first, Stage.OFFER)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert len(told) == 1 and told[0].startswith("Another program was using your "
                                                 "Rebound data")
    assert applications.application_values(first)["stage"] == "interviewing"
    assert column_titles(view, Stage.INTERVIEWING) == ["Analyst — Northwind"]
    assert not window.statusBar().currentMessage().startswith("Moved")


def test_a_board_of_two_thousand_cards_reads_them_all(board):
    view, _first = board
    rows = [f"('{n}', 'Role {n}', 'applied', 1, '2026-01-01', '2026-01-01')"
            for n in range(2000)]
    db.execute_sql("INSERT INTO application (job_url, position, stage, company_id, "
                   "created_at, updated_at) VALUES " + ", ".join(rows))
    view.reload()
    assert view.columns[Stage.APPLIED].cards.cards().rowCount() == 2001
    assert view.count_label.text() == "2,002 applications"
    assert view.columns[Stage.APPLIED].cards.cards().index(0).data(ApplicationIdRole)


def test_the_sample_board_fits_a_small_window_with_empty_columns_as_strips(sample_window,
                                                                          qtbot):
    sample_window.resize(1024, 640)
    sample_window.show_view(view_row("Board"))
    view = sample_window.current_view()
    qtbot.waitUntil(lambda: view.scroll.horizontalScrollBar().maximum() == 0)
    empty = [c for c in view.columns.values() if not c.cards.cards().rowCount()]
    full = [c for c in view.columns.values() if c.cards.cards().rowCount()]
    assert empty and full
    assert all(c.width() < 60 and not c.heading.isVisible() for c in empty)
    assert all(c.width() >= 160 for c in full)
    assert "no applications" in empty[0].toolTip()


def test_the_menu_key_moves_a_card_to_any_stage(board, qtbot, monkeypatch):
    """The keyboard's way to what a long drag does: Menu → Move to → Offer."""
    view, first = board
    offered = []

    def choose(menu, *_where):
        move = next(a.menu() for a in menu.actions() if a.text() == "Move to")
        offered.extend((a.text(), a.isEnabled()) for a in move.actions())
        next(a for a in move.actions() if a.text() == "Offer").trigger()

    monkeypatch.setattr("desktop.ui.views.board.popup", choose)
    interviewing = view.columns[Stage.INTERVIEWING].cards
    interviewing.setFocus()
    interviewing.setCurrentIndex(interviewing.cards().index(0))
    qtbot.keyClick(interviewing, Qt.Key.Key_Menu)
    assert ("Interviewing", False) in offered and ("Rejected", True) in offered
    assert applications.application_values(first)["stage"] == "offer"
    assert column_titles(view, Stage.OFFER) == ["Analyst — Northwind"]


def test_a_move_reads_only_the_moved_card_again(board, monkeypatch):
    """After a drop the board reads the one card (the same as reading all would give
    for it), not the whole board."""
    from desktop.store import board as board_store

    view, first = board
    reads = []
    whole = board_store.board_cards
    monkeypatch.setattr(board_store, "board_cards",
                        lambda application_id=None: reads.append(application_id)
                        or whole(application_id))
    drop_on(view, first, Stage.OFFER)
    assert reads == [first]
    assert whole(first) == [c for c in whole() if c.application_id == first]
    assert column_titles(view, Stage.OFFER) == ["Analyst — Northwind"]
    assert column_titles(view, Stage.APPLIED) == ["Data Lead — Cobalt Ledger"]


def test_a_card_turned_down_after_the_last_rounds_says_runner_up(board, window, monkeypatch):
    view, first = board
    drop_on(view, first, Stage.FINAL_ROUND)
    monkeypatch.setattr(TurnedDownDialog, "exec", lambda dialog: True)
    drop_on(view, first, Stage.REJECTED)
    index = view.columns[Stage.REJECTED].cards.cards().index(0)
    assert company_line(index.data(CardRole)) == "Northwind · runner-up"
    assert index.data(Qt.ItemDataRole.AccessibleTextRole).startswith(
        "Analyst at Northwind. Rejected after the final round · runner-up.")
