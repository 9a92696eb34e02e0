"""Style sheets are scoped: the sidebar and the detail windows are styled, and nothing
else pays for QStyleSheetStyle (see ``desktop.ui.shell.style``)."""

from PySide6.QtWidgets import QApplication, QLabel

from desktop.store import people
from desktop.ui.dialogs.interaction import InteractionDialog
from desktop.ui.shell.style import NAVIGATION_SHEET, VIEWS_SHEET, style_sheet
from desktop.ui.views.today import TITLE_PIXEL_SIZE


def styled(widget) -> bool:
    return widget.style().metaObject().className() == "QStyleSheetStyle"


def test_both_sheets_are_read_from_resources():
    assert "#navigation" in style_sheet(NAVIGATION_SHEET)
    assert "#detailHeader" in style_sheet(VIEWS_SHEET)


def test_no_application_wide_sheet(window):
    assert QApplication.instance().styleSheet() == ""
    assert styled(window.sidebar)
    assert not styled(window.today.tree)
    assert not styled(window.today.title)


def test_detail_views_and_their_dialogs_are_styled(window):
    window.show_view(1)
    people_view = window.current_view()
    assert styled(people_view)
    header = people_view.findChild(QLabel, "detailHeader")
    assert header is not None and styled(header)
    person = people.save_person(None, {"first_name": "Noor"})
    dialog = InteractionDialog(person.id, "Noor", people_view)
    assert styled(dialog)  # inherited from the view it opens from
    dialog.deleteLater()


def test_windows_opened_from_the_main_window_are_styled(sample_window):
    sample_window.show_view(0)
    step_id = sample_window.today.current_step_id()
    composer = sample_window.open_step(step_id)
    why = composer.findChild(QLabel, "whyBox")
    assert styled(composer) and styled(why)
    composer.close()


def test_today_keeps_its_look_without_a_sheet(window):
    title = window.today.title
    assert title.font().pixelSize() == TITLE_PIXEL_SIZE
    assert title.font().bold()
    summary = window.today.summary
    assert summary.foregroundRole() == summary.palette().ColorRole.PlaceholderText  # softer
