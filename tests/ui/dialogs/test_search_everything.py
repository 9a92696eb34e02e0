"""Search everything (Ctrl+K), driven from the window: results grouped as you type,
the arrow keys choosing among hits (never a heading), and Enter opening the record
in its own view."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.operations import applications, people, steps
from desktop.operations.steps import NewNote
from desktop.playbook.kinds import StepKind
from desktop.ui.dialogs.search_everything import SearchEverythingDialog
from desktop.ui.shell.menus import view_row
from desktop.ui.views.people import InteractionIdRole
from desktop.ui.widgets.search_results import HeadingRole, HitRole
from desktop.vocabulary import Found


@pytest.fixture
def found(window):
    """Tomasz, who was sent a thank-you mentioning marmalade; an application whose
    reflection mentions cohorts."""
    tomasz = people.save_person(None, {"first_name": "Tomasz", "last_name": "Nowak",
                                       "company": "Acme"}).created
    application = applications.save_application(None, {
        "company": "Acme", "position": "Data Analyst",
        "stumped_questions": "A cohort retention question"}).created
    sent = steps.send(None, "Thank you", "I enjoyed the marmalade forecasting story.",
                      new=NewNote(StepKind.THANK_YOU, tomasz, application))
    contact = next(i for kind, i in sent.ids if kind == "contact")
    return {"tomasz": tomasz, "application": application, "contact": contact}


def rows(dialog) -> list[tuple[bool, str]]:
    model = dialog.model
    return [(bool(model.index(r).data(HeadingRole)), model.index(r).data())
            for r in range(model.rowCount())]


def search_from_the_window(window, qtbot, typed: str, then) -> None:
    """Press Ctrl+K, type, and let ``then(dialog)`` act before the box closes."""
    seen = []

    def drive():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SearchEverythingDialog)
        qtbot.keyClicks(dialog.box, typed)
        seen.append(rows(dialog))
        then(dialog)
        if dialog.isVisible():
            dialog.reject()

    QTimer.singleShot(0, drive)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert seen, "Ctrl+K opened no search box"
    return seen[0]


def test_a_word_only_in_a_sent_note_is_found_and_enter_opens_its_person(window, found,
                                                                       qtbot):
    shown = search_from_the_window(
        window, qtbot, "marmalade",
        lambda dialog: qtbot.keyClick(dialog.box, Qt.Key.Key_Return))

    assert shown == [(True, "Notes sent"),
                     (False, "Thank you — Tomasz Nowak · " + shown[1][1].split(" · ")[1])]
    assert "marmalade forecasting" in shown[1][1]
    people_view = window.view(view_row("People"))
    assert window.current_view() is people_view
    assert people_view.form.record_id == found["tomasz"]
    assert people_view.form.timeline.currentItem().data(InteractionIdRole) == found["contact"]
    assert window.windowTitle().startswith("People")


def test_results_are_grouped_and_the_arrows_skip_the_headings(window, found, qtbot):
    def walk(dialog):
        chosen = [dialog.current_hit().group]
        qtbot.keyClick(dialog.box, Qt.Key.Key_Down)
        chosen.append(dialog.current_hit().group)
        qtbot.keyClick(dialog.box, Qt.Key.Key_Down)
        chosen.append(dialog.current_hit().group)
        qtbot.keyClick(dialog.box, Qt.Key.Key_Down)  # already on the last: stays
        chosen.append(dialog.current_hit().group)
        qtbot.keyClick(dialog.box, Qt.Key.Key_Up)
        chosen.append(dialog.current_hit().group)
        walked.extend(chosen)
        qtbot.keyClick(dialog.box, Qt.Key.Key_Return)

    walked = []
    shown = search_from_the_window(window, qtbot, "acme", walk)
    assert [text for heading, text in shown if heading] == ["People", "Companies",
                                                           "Applications"]
    assert walked == [Found.PERSON, Found.COMPANY, Found.APPLICATION, Found.APPLICATION,
                      Found.COMPANY]
    companies_view = window.view(view_row("Companies"))
    assert window.current_view() is companies_view
    assert companies_view.form.header.text() == "Acme"


def test_a_reflection_opens_its_application(window, found, qtbot):
    shown = search_from_the_window(window, qtbot, "cohort",
                                   lambda dialog: qtbot.keyClick(dialog.box, Qt.Key.Key_Return))
    assert shown[0] == (True, "Reflections")
    view = window.view(view_row("Applications"))
    assert window.current_view() is view
    assert view.form.record_id == found["application"]


def test_nothing_found_is_said(window, found, qtbot):
    said = []
    search_from_the_window(window, qtbot, "zanzibar",
                           lambda dialog: said.append(dialog.summary.text()))
    assert said == ["Nothing found for “zanzibar”."]
    assert window.current_view() is window.today  # nothing opened


def test_a_filter_that_hides_the_record_is_cleared_to_show_it(window, found, qtbot):
    window.show_view(view_row("People"))
    view = window.current_view()
    qtbot.keyClicks(view.filter_box, "nobody-like-this")
    window.navigator.open(Found.PERSON, found["tomasz"])
    assert view.filter_box.text() == ""
    assert view.form.record_id == found["tomasz"]


def test_a_record_gone_since_is_said_not_shown(window, found):
    people.delete_person(found["tomasz"])
    assert not window.navigator.open(Found.PERSON, found["tomasz"])
    assert window.statusBar().currentMessage() == "That record is no longer there."


def test_the_hits_are_read_out_whole(window, found, qtbot):
    dialog = SearchEverythingDialog(window)
    qtbot.addWidget(dialog)
    dialog.box.setText("marmalade")
    hit_row = dialog.model.first_hit_row()
    spoken = dialog.model.index(hit_row).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Thank you — Tomasz Nowak")
    assert "\x02" not in spoken and "marmalade" in spoken
    assert dialog.model.index(hit_row).data(HitRole).found_id == found["contact"]
