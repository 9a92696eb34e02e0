"""The runner-up radar where the user works: typing the company of a new application
recalls the earlier process there, adding someone met before recalls that process,
and the company and person lists say how far each process went."""

from PySide6.QtWidgets import QMessageBox, QTreeWidgetItem

from desktop.operations import applications
from desktop.store.models import Application, Person
from desktop.ui.dialogs.link_person import PERSON, LinkPersonDialog, PersonIdRole
from desktop.ui.shell.menus import view_row
from desktop.vocabulary import Stage


def _new_application(window, qtbot, company: str):
    window.show_view(view_row("Applications"))
    view = window.current_view()
    view.new_record()
    qtbot.keyClicks(view.form.editor("company"), company)
    return view


def test_typing_a_company_that_said_no_recalls_the_process(sample_window, qtbot,
                                                           monkeypatch):
    view = _new_application(sample_window, qtbot, "northwind health")
    panel = view.form.history
    qtbot.waitUntil(panel.isVisible, timeout=3000)
    text = panel.text.text()
    assert "You have been here before" in text
    assert "Product Analyst</b>: rejected after the final round · runner-up" in text
    assert "one of the strongest they saw" in text  # what they said
    assert "Tom Becker" in text and "last wrote 5 days ago" in text
    # Nobody has answered a note yet, and Tom's e-mail was the no itself: the hiring
    # manager comes first.
    assert "Write to <a href=\"person:" in text and "Priya Raman</a> first" in text

    # Her name opens her (the half-typed application is let go when asked).
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard))
    priya = Person.get(Person.first_name == "Priya").id
    panel.text.linkActivated.emit(f"person:{priya}")
    assert sample_window.current_view() is sample_window.view(view_row("People"))
    assert sample_window.current_view().form.record_id == priya


def test_a_company_never_met_shows_nothing(sample_window, qtbot):
    view = _new_application(sample_window, qtbot, "Lumen Labs")
    qtbot.wait(400)
    assert not view.form.history.isVisible()


def test_the_process_itself_is_not_its_own_history(sample_window):
    sample_window.show_view(view_row("Applications"))
    view = sample_window.current_view()
    analyst = Application.get(Application.position == "Product Analyst").id
    assert view.show_record(analyst)
    assert not view.form.history.isVisible()  # no other process at Northwind


def test_adding_someone_met_before_recalls_where(sample_window, qtbot):
    app = applications.save_application(None, {"company": "Umbra", "position": "Lead"}).created
    dialog = LinkPersonDialog("Lead — Umbra", "Umbra", sample_window, application_id=app)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.search, "Tom")
    item: QTreeWidgetItem = dialog.results.topLevelItem(0)
    dialog.results.setCurrentItem(item)
    assert dialog.history.isVisible()
    text = dialog.history.text.text()
    assert "Met before" in text
    assert "Product Analyst</b> at Northwind Health: rejected after the final round" in text
    assert item.data(PERSON, PersonIdRole) == Person.get(Person.first_name == "Tom").id
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "Lars")
    dialog.results.setCurrentItem(dialog.results.topLevelItem(0))
    assert not dialog.history.isVisible()  # Lars's process at Brightpath is still open


def test_lists_say_how_far_a_process_went(sample_window, qtbot):
    sample_window.show_view(view_row("Companies"))
    view = sample_window.current_view()
    northwind = [view.model.index(row, 0).data()
                 for row in range(view.model.rowCount())].index("Northwind Health")
    view.table.selectRow(northwind)
    assert view.form.applications_list.item(0).text().startswith(
        "Product Analyst  (Rejected after the final round · runner-up, applied")

    sample_window.show_view(view_row("People"))
    people_view = sample_window.current_view()
    assert people_view.show_record(Person.get(Person.first_name == "Maya").id)
    assert "rejected after the final round · runner-up" in \
        people_view.form.applications_list.item(0).text()


def test_how_far_it_went_can_be_set_and_outlives_the_no(sample_window, qtbot):
    sample_window.show_view(view_row("Applications"))
    view = sample_window.current_view()
    ops = Application.get(Application.position == "Operations Data Specialist").id
    assert view.show_record(ops)
    form = view.form
    assert form.editor("furthest_stage").value() == Stage.FINAL_ROUND
    form.editor("furthest_stage").set_value(Stage.OFFER.value)
    form.editor("furthest_stage").edited.emit()
    form.editor("stage").set_value(Stage.WITHDRAWN.value)
    form.editor("stage").edited.emit()
    assert form.save()
    assert Application.get_by_id(ops).furthest_stage == Stage.OFFER
    assert form.editor("furthest_stage").findData("rejected") == -1  # not a stage reached
