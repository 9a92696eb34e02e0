"""Working with people in the real window: create, edit, filter, delete, log contacts."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.store import people
from desktop.ui.dialogs.interaction import InteractionDialog
from desktop.ui.views.people import COLUMNS as PEOPLE_COLUMNS
from desktop.ui.views.table_model import IdRole

#: The People table's "Last contact" column.
LAST_CONTACT = [c.title for c in PEOPLE_COLUMNS].index("Last contact")


def people_view(window):
    window.show_view(1)
    return window.current_view()


def table_names(view):
    model = view.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_create_a_person_with_ctrl_n_and_save_with_ctrl_s(window, qtbot):
    view = people_view(window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = view.form
    assert form.header.text() == "New person"
    assert form.editor("first_name").hasFocus()
    qtbot.keyClicks(form.editor("first_name"), "Grace")
    qtbot.keyClicks(form.editor("last_name"), "Hopper")
    qtbot.keyClicks(form.editor("company"), "Navy Labs")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert table_names(view) == ["Grace Hopper"]
    assert view.current_id() is not None
    assert form.header.text() == "Grace Hopper"
    assert not form.dirty
    stored = people.person_values(view.current_id())
    assert stored["company"] == "Navy Labs"
    assert view.count_label.text() == "1 person"


def test_edit_and_save_updates_the_table_and_the_database(sample_window, qtbot):
    view = people_view(sample_window)
    view.select_id(view.model.index(0, 0).data(IdRole))
    form = view.form
    title = form.editor("title")
    title.clear()
    qtbot.keyClicks(title, "Principal Analyst")
    assert form.dirty and form.save_button.isEnabled()
    assert sample_window.isWindowModified()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert not form.dirty
    assert view.model.index(view.table.currentIndex().row(), 2).data() == "Principal Analyst"
    assert people.person_values(view.current_id())["title"] == "Principal Analyst"


def test_revert_restores_the_saved_values(sample_window, qtbot):
    view = people_view(sample_window)
    view.table.selectRow(0)
    form = view.form
    original = form.editor("first_name").value()
    qtbot.keyClicks(form.editor("first_name"), "zzz")
    qtbot.mouseClick(form.revert_button, Qt.MouseButton.LeftButton)
    assert form.editor("first_name").value() == original
    assert not form.dirty


def test_a_bad_email_is_explained_and_the_typing_is_kept(window, qtbot):
    view = people_view(window)
    view.new_record()
    form = view.form
    qtbot.keyClicks(form.editor("first_name"), "Ada")
    form.editor("email").set_value("ada at example")
    assert not form.save()
    assert form.error.isVisible()
    assert "e-mail" in form.error.text()
    assert form.editor("first_name").value() == "Ada"
    assert form.editor("email").value() == "ada at example"
    assert people.count_people() == 0


def test_filter_as_you_type_narrows_the_table(sample_window, qtbot):
    view = people_view(sample_window)
    qtbot.keyClick(sample_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.filter_box.hasFocus()
    qtbot.keyClicks(view.filter_box, "north")
    assert table_names(view) == ["Aisha Okafor", "Priya Raman", "Tom Becker"]
    qtbot.keyClicks(view.filter_box, " tal")  # Northwind + "Talent Partner"
    assert table_names(view) == ["Tom Becker"]
    qtbot.waitUntil(lambda: view.count_label.text() == "1 person match")
    view.filter_box.clear()
    assert len(table_names(view)) == 6


def test_sorting_by_last_contact(sample_window):
    view = people_view(sample_window)
    view.table.sortByColumn(LAST_CONTACT, Qt.SortOrder.DescendingOrder)
    assert table_names(view)[0] == "Lars de Vries"  # contacted 3 days ago
    assert table_names(view)[-1] == "Maya Lindqvist"  # four months ago


def test_delete_asks_first_and_cancel_keeps_the_person(sample_window, answer):
    view = people_view(sample_window)
    view.table.selectRow(0)
    name = table_names(view)[0]
    asked = answer(warning=QMessageBox.StandardButton.Cancel)
    view.table.setFocus()
    view.delete_current()
    assert name in asked[0][1]
    assert name in table_names(view)

    answer(warning=QMessageBox.StandardButton.Yes)
    view.delete_current()
    assert name not in table_names(view)
    assert people.count_people() == 5


def test_delete_key_on_the_table_deletes_the_selected_person(sample_window, qtbot, answer):
    view = people_view(sample_window)
    view.table.selectRow(1)
    view.table.setFocus()
    answer(warning=QMessageBox.StandardButton.Yes)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert people.count_people() == 5


def test_delete_key_while_typing_edits_text_not_records(sample_window, qtbot, answer):
    view = people_view(sample_window)
    view.table.selectRow(0)
    asked = answer(warning=QMessageBox.StandardButton.Yes)
    line = view.form.editor("first_name")
    line.setFocus()
    line.setCursorPosition(0)
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    assert asked == []
    assert people.count_people() == 6


def test_unsaved_changes_are_not_lost_when_moving_to_another_row(sample_window, qtbot,
                                                                 answer):
    view = people_view(sample_window)
    view.table.selectRow(0)
    first_id = view.current_id()
    qtbot.keyClicks(view.form.editor("notes"), "Met at the meetup")

    answer(question=QMessageBox.StandardButton.Cancel)
    view.table.selectRow(1)
    assert view.current_id() == first_id
    assert view.form.editor("notes").value() == "Met at the meetup"

    answer(question=QMessageBox.StandardButton.Save)
    view.table.selectRow(1)
    assert view.current_id() != first_id
    assert people.person_values(first_id)["notes"] == "Met at the meetup"


def test_enter_on_the_table_opens_the_record_for_editing(sample_window, qtbot):
    view = people_view(sample_window)
    view.table.selectRow(2)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert view.form.editor("first_name").hasFocus()


def test_logging_a_contact_shows_in_the_timeline_and_last_contact(window, qtbot, monkeypatch):
    view = people_view(window)
    person = people.save_person(None, {"first_name": "Lin", "last_name": "Zhou"})
    view.reload()
    view.select_id(person.id)
    assert view.model.index(0, LAST_CONTACT).data() == "never"

    def fill_and_accept(dialog):
        dialog.summary.setText("Called to thank her for the interview")
        dialog.accept()
        return True

    monkeypatch.setattr(InteractionDialog, "exec", fill_and_accept)
    qtbot.mouseClick(view.form.log_button, Qt.MouseButton.LeftButton)

    assert "Called to thank her" in view.form.timeline.item(0).text()
    assert view.model.index(0, LAST_CONTACT).data() == "today"
    assert len(people.person_timeline(person.id)) == 1


def test_removing_a_timeline_entry(sample_window, qtbot):
    view = people_view(sample_window)
    priya = people.search_people("priya")[0].id
    view.select_id(priya)
    before = view.form.timeline.count()
    view.form.timeline.setCurrentRow(0)
    qtbot.mouseClick(view.form.remove_button, Qt.MouseButton.LeftButton)
    assert len(people.person_timeline(priya)) == before - 1
    assert view.model.index(view.model.row_of_id(priya), LAST_CONTACT).data() == "never"


def test_interaction_dialog_requires_a_summary(window, qtbot):
    person = people.save_person(None, {"first_name": "Noor"})
    dialog = InteractionDialog(person.id, "Noor")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert dialog.isVisible()  # still open, waiting for a summary
    assert dialog.error.isVisible()
    assert "what the contact was about" in dialog.error.text()
    assert people.person_timeline(person.id) == []


def tab_chain(form, start: str, end: str) -> list[str]:
    """The fields Tab visits from ``start`` to ``end``, by name."""
    from PySide6.QtWidgets import QApplication

    names = {getattr(form.editor(name), "_line", form.editor(name)): name
             for name in form._editors}
    form.editor(start).setFocus()
    visited = []
    for _ in range(30):
        widget = QApplication.focusWidget()
        visited.append(names.get(widget, type(widget).__name__))
        if visited[-1] == end:
            return visited
        form.focusNextChild()
    return visited


def test_tab_visits_the_same_fields_whether_or_not_links_are_filled(window, qtbot):
    """An Open or Clear button that is a tab stop only when enabled sends typing into
    the wrong field: they are never tab stops (Ctrl+Return opens, Ctrl+Delete clears)."""
    window.show_view(1)
    form = window.current_view().form
    window.current_view().new_record()
    qtbot.waitExposed(window)
    empty = tab_chain(form, "first_name", "notes")
    form.editor("email").set_value("ada@example.com")
    form.editor("linkedin_url").set_value("https://www.linkedin.com/in/ada")
    filled = tab_chain(form, "first_name", "notes")
    assert empty == filled
    assert "QToolButton" not in filled and "QScrollArea" not in filled
    assert filled[-1] == "notes"
