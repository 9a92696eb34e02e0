"""Dates typed as people write them, in the field and in the parser."""

import datetime

import pytest
from PySide6.QtCore import Qt

from desktop.ui.widgets.fields import DateBox
from desktop.ui.widgets.typed_dates import NotADate, display, parse_typed_date

TODAY = datetime.date(2026, 11, 30)


@pytest.mark.parametrize(("typed", "day_first", "expected"), [
    ("2026-10-20", True, datetime.date(2026, 10, 20)),
    ("2026-10-20", False, datetime.date(2026, 10, 20)),
    ("20 Oct 2026", True, datetime.date(2026, 10, 20)),
    ("20 October 2026", False, datetime.date(2026, 10, 20)),
    ("Oct 20", True, datetime.date(2026, 10, 20)),  # no year: this year
    ("20/10/2026", True, datetime.date(2026, 10, 20)),
    ("10/20/2026", False, datetime.date(2026, 10, 20)),
    ("03/04/2026", True, datetime.date(2026, 4, 3)),  # the locale decides
    ("03/04/2026", False, datetime.date(2026, 3, 4)),
    ("  ", True, None),
])
def test_typed_dates_are_read_in_the_users_order(typed, day_first, expected):
    assert parse_typed_date(typed, day_first, TODAY) == expected


@pytest.mark.parametrize("typed", ["Not set2026-10-20", "tomorrowish", "20 Oct 202", "31/02/2026"])
def test_what_is_not_a_date_says_how_to_type_one(typed):
    with pytest.raises(NotADate) as caught:
        parse_typed_date(typed, True, TODAY)
    assert str(caught.value) == (f"“{typed}” is not a date. Type it like 30 Nov 2026, "
                                 "30/11/2026 or 2026-11-30, or leave it empty.")


def test_typing_a_date_into_an_empty_field_sets_it_and_reads_as_a_date_when_left(qtbot):
    box = DateBox()
    qtbot.addWidget(box)
    box.show()
    box.setFocus()
    edited = []
    box.edited.connect(lambda: edited.append(box.value()))
    qtbot.keyClicks(box._line, "2026-10-20")
    assert box.value() == datetime.date(2026, 10, 20)
    assert box.problem == ""
    box._line.editingFinished.emit()  # leaving the field
    assert box.text() == "20 Oct 2026"
    assert edited[-1] == datetime.date(2026, 10, 20)


def test_typing_over_a_selected_date_replaces_it_whole(qtbot):
    box = DateBox()
    qtbot.addWidget(box)
    box.show()
    box.set_value(datetime.date(2026, 10, 29))
    box.setFocus()
    box._line.selectAll()
    qtbot.keyClicks(box._line, "20 Oct 2026")
    assert box.value() == datetime.date(2026, 10, 20)


def test_text_that_is_not_a_date_stays_marked_and_keeps_the_last_date(qtbot):
    box = DateBox()
    qtbot.addWidget(box)
    box.set_value(datetime.date(2026, 10, 29))
    box._line.selectAll()
    qtbot.keyClicks(box._line, "soon")
    assert box.text() == "soon"  # nothing typed is lost
    assert box.problem.startswith("“soon” is not a date.")
    assert box._line.property("invalid") is True
    assert box.value() == datetime.date(2026, 10, 29)
    box._line.selectAll()
    qtbot.keyClick(box._line, Qt.Key.Key_Delete)
    assert box.value() is None and box.problem == ""


def test_display_reads_as_everywhere_in_rebound():
    assert display(datetime.date(2026, 3, 4)) == "4 Mar 2026"
    assert display(None) == ""


def test_tab_leaves_a_date_field_after_typing(sample_window, qtbot):
    from PySide6.QtWidgets import QApplication

    sample_window.show_view(3)
    sample_window.current_view().table.selectRow(0)
    form = sample_window.current_view().form
    applied = form.editor("applied_on")
    applied.setFocus()
    applied._line.selectAll()
    qtbot.keyClicks(applied._line, "20/10/2026")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.editor("interviewed_on")._line
    assert applied.text() == "20 Oct 2026"
