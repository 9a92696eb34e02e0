"""The Templates view: edit, preview, explain errors without losing text, duplicate, reset."""

from PySide6.QtWidgets import QMessageBox

from desktop.playbook import catalog, templates
from desktop.store import people
from desktop.ui.shell.menus import view_row
from desktop.ui.views.templates import KeyRole


def open_templates(window):
    window.show_view(view_row("Templates"))
    return window.current_view()


def select(view, key):
    for row in range(view.list.count()):
        if view.list.item(row).data(KeyRole) == key:
            view.list.setCurrentRow(row)
            return
    raise AssertionError(key)


def test_lists_every_built_in_and_previews_it(window):
    view = open_templates(window)
    keys = {view.list.item(r).data(KeyRole) for r in range(view.list.count())}
    assert {t.key for t in templates.builtin_templates()} <= keys
    select(view, "thank_you")
    preview = view.preview.toPlainText()
    assert preview.startswith("Subject: ")
    assert "{{" not in preview


def test_preview_against_a_real_person(window):
    people.save_person(None, {"first_name": "Ingrid", "last_name": "Holm",
                              "company": "Fjord AS"})
    view = open_templates(window)
    view.reload()
    select(view, "thank_you")
    index = next(i for i in range(view.preview_person.count())
                 if view.preview_person.itemText(i).startswith("Ingrid"))
    view.preview_person.setCurrentIndex(index)
    assert "Ingrid" in view.preview.toPlainText()


def test_a_broken_template_says_where_and_keeps_the_text(window, qtbot):
    view = open_templates(window)
    select(view, "feedback")
    original = view.body.toPlainText()
    broken = original + "\n{% if person.first_name %}never closed"
    view.body.setPlainText(broken)
    qtbot.waitUntil(lambda: view.error.isVisible(), timeout=2000)
    line = broken.count("\n") + 1
    assert f"Line {line}" in view.error.text()
    assert not view.save()
    assert view.body.toPlainText() == broken  # nothing lost
    assert catalog.get_template("feedback").body == original

    view.body.setPlainText(original + "\n{{ person.nickname }}")
    qtbot.waitUntil(lambda: "nickname" in view.error.text(), timeout=2000)

    view.body.setPlainText("{{ ''.__class__ }}")
    qtbot.waitUntil(lambda: "__class__" in view.error.text(), timeout=2000)


def test_edit_save_and_reset_a_built_in(window, qtbot, answer):
    view = open_templates(window)
    select(view, "network")
    original = view.body.toPlainText()
    view.body.setPlainText(original + "\nP.S. I enjoyed your talk at the meetup.")
    assert view.has_unsaved_changes()
    assert view.save()
    assert "enjoyed your talk" in catalog.get_template("network").body
    assert catalog.is_changed_builtin("network")
    assert "(changed)" in view.list.currentItem().text()

    answer(question=QMessageBox.StandardButton.Yes)
    view.reset()
    assert catalog.get_template("network").body == original
    assert not catalog.is_changed_builtin("network")


def test_duplicate_makes_an_editable_copy(window):
    view = open_templates(window)
    select(view, "check_in")
    view.duplicate()
    copy = catalog.get_template(view.list.currentItem().data(KeyRole))
    assert not copy.builtin
    assert copy.name.endswith("(copy)")
    assert copy.body == catalog.get_template("check_in").body
    view.name_line.setText("My warm check-in")
    view.name_line.textEdited.emit("My warm check-in")
    assert view.save()
    assert catalog.get_template(copy.key).name == "My warm check-in"


def test_switching_away_with_unsaved_edits_asks(window, answer):
    view = open_templates(window)
    select(view, "thank_you")
    view.body.setPlainText(view.body.toPlainText() + "\nExtra line")
    answer(question=QMessageBox.StandardButton.Cancel)
    select(view, "feedback")
    assert view.template.key == "thank_you"
    assert view.list.currentItem().data(KeyRole) == "thank_you"
    assert view.body.toPlainText().endswith("Extra line")
