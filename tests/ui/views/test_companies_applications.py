"""Companies and applications in the real window."""

import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.store import applications, companies, people
from desktop.ui.dialogs.link_person import LinkPersonDialog
from desktop.ui.views.table_model import IdRole
from desktop.vocabulary import Stage
from tests.ui.playbook_flows import open_application


def names(view, column=0):
    return [view.model.index(r, column).data() for r in range(view.model.rowCount())]


def test_company_list_counts_applications_and_people(sample_window):
    sample_window.show_view(2)
    view = sample_window.current_view()
    row = names(view).index("Northwind Health")
    assert view.model.index(row, 3).data() == "1"
    assert view.model.index(row, 4).data() == "3"


def test_deleting_a_company_says_what_happens_to_its_applications(sample_window, answer):
    sample_window.show_view(2)
    view = sample_window.current_view()
    cobalt = names(view).index("Cobalt Ledger")
    view.table.selectRow(cobalt)
    asked = answer(warning=QMessageBox.StandardButton.Yes)
    view.delete_current()
    message = asked[0][1]
    assert "Its 2 applications" in message
    assert "1 person stays" in message
    assert "Cobalt Ledger" not in names(view)
    assert applications.count_applications() == 3
    assert people.count_people() == 6


def test_a_duplicate_company_name_is_refused_with_the_field_marked(sample_window, qtbot):
    sample_window.show_view(2)
    view = sample_window.current_view()
    view.new_record()
    qtbot.keyClicks(view.form.editor("name"), "northwind health")
    assert not view.form.save()
    assert "already a company" in view.form.error.text()
    assert view.form.editor("name").property("invalid") is True
    assert companies.count_companies() == 4


def test_create_an_application_for_a_new_company(window, qtbot):
    window.show_view(3)
    view = window.current_view()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = view.form
    qtbot.keyClicks(form.editor("company"), "Lumen Labs")
    qtbot.keyClicks(form.editor("position"), "QA Engineer")
    form.editor("stage").set_value(Stage.INTERVIEWING.value)
    form.editor("stage").edited.emit()
    form.editor("applied_on").set_value(datetime.date(2026, 10, 2))
    assert form.save()

    assert names(view, 1) == ["QA Engineer"]
    assert names(view, 2) == ["Interviewing"]
    stored = applications.application_values(view.current_id())
    assert stored["company"] == "Lumen Labs"
    assert stored["applied_on"] == datetime.date(2026, 10, 2)
    assert stored["rejected_on"] is None


def test_record_a_rejection_and_reflection(sample_window, qtbot):
    sample_window.show_view(3)
    view = sample_window.current_view()
    view.table.selectRow(names(view, 1).index("Operations Data Specialist"))
    form = view.form
    form.editor("stage").set_value(Stage.REJECTED.value)
    form.editor("rejected_on").set_value(datetime.date.today())
    qtbot.keyClicks(form.editor("rejection_reason"), "Another candidate spoke Dutch.")
    qtbot.keyClicks(form.editor("skill_gaps"), "Dutch, B1 level")
    assert form.dirty
    assert form.save()
    stored = applications.application_values(view.current_id())
    assert stored["stage"] == "rejected"
    assert stored["rejected_on"] == datetime.date.today()
    assert stored["skill_gaps"] == "Dutch, B1 level"
    assert "Rejected" in names(view, 2)


def test_a_turned_down_date_offers_to_mark_the_application_rejected(window, qtbot, answer):
    """Filling in when they said no, with the stage still open, asks; yes sets the
    stage to Rejected and plans the follow-ups, no keeps the stage and plans none."""
    from desktop.store import people, steps

    app = applications.save_application(None, {"company": "Lumen Labs", "position": "QA",
                                               "stage": "interviewing"})
    lee = people.save_person(None, {"first_name": "Lee", "email": "lee@lumen.example"})
    applications.link_person(app.id, lee.id, "hiring_manager")
    view = open_application(window, app.id)
    form = view.form

    asked = answer(question=QMessageBox.StandardButton.No)
    form.editor("rejected_on").set_value(datetime.date.today())
    form._on_edited()
    assert form.save()
    ((kind, text),) = asked
    assert kind == "question" and "Set the stage to Rejected?" in text
    assert applications.application_values(app.id)["stage"] == "interviewing"
    assert steps.steps_for_application(app.id) == []
    assert form.save()  # nothing new filled in: not asked again
    assert len(asked) == 1

    answer(question=QMessageBox.StandardButton.Yes)
    qtbot.keyClicks(form.editor("rejection_reason"), "We chose someone internal.")
    assert form.save()
    assert applications.application_values(app.id)["stage"] == "rejected"
    assert form.editor("stage").value() == "rejected"
    assert {s.kind for s in steps.steps_for_application(app.id)} >= {"thank_you"}


def test_clearing_a_date(sample_window):
    sample_window.show_view(3)
    view = sample_window.current_view()
    view.table.selectRow(names(view, 1).index("Product Analyst"))
    box = view.form.editor("interviewed_on")
    assert box.value() is not None
    box.setFocus()
    box._line.selectAll()
    box._line.del_()
    box._on_typed(box.text())  # as typing does
    assert box.value() is None
    assert view.form.dirty
    assert view.form.save()
    assert applications.application_values(view.current_id())["interviewed_on"] is None


def test_link_people_to_an_application_with_their_role(window, qtbot, monkeypatch):
    """Several at once; each role starts as the one saved with the person (Rosa is a
    recruiter), else Interviewer; someone not in Rebound yet is created right there."""
    from desktop.ui.dialogs.link_person import PERSON, ROLE

    app = applications.save_application(None, {"company": "Acme", "position": "Analyst"})
    rosa = people.save_person(None, {"first_name": "Rosa", "last_name": "Diaz",
                                     "hiring_role": "recruiter"})
    ravi = people.save_person(None, {"first_name": "Ravi", "last_name": "Rao"})
    view = open_application(window, app.id)
    seen = {}

    def choose(dialog):
        qtbot.keyClicks(dialog.search, "r")
        rows = {dialog.results.topLevelItem(i).text(PERSON): dialog.results.topLevelItem(i)
                for i in range(dialog.results.topLevelItemCount())}
        seen["roles"] = {name: dialog.results.itemWidget(item, ROLE).value()
                         for name, item in rows.items()}
        for item in rows.values():
            item.setCheckState(PERSON, Qt.CheckState.Checked)
        dialog.search.clear()
        qtbot.keyClicks(dialog.search, "Mina Osei")
        assert dialog.results.topLevelItemCount() == 0
        assert dialog.empty.text() == "Nobody matches “Mina Osei” yet: New person adds them."
        dialog.create_person()
        seen["ok"] = dialog.buttons.button(dialog.buttons.StandardButton.Ok).text()
        return True

    monkeypatch.setattr(LinkPersonDialog, "exec", choose)
    qtbot.mouseClick(view.form.add_person_button, Qt.MouseButton.LeftButton)
    assert seen["roles"] == {"Rosa Diaz": "recruiter", "Ravi Rao": "interviewer"}
    assert seen["ok"] == "Add 3 people"
    involved = {p.name: p.role for p in applications.involved_people(app.id)}
    assert involved == {"Rosa Diaz": "recruiter", "Ravi Rao": "interviewer",
                        "Mina Osei": "interviewer"}
    mina = people.search_people("mina")[0]
    assert mina.company == "Acme"  # made at the application's company
    assert view.form.people_list.count() == 3
    assert ravi.id in {p.person_id for p in applications.involved_people(app.id)}
    assert rosa.id in {p.person_id for p in applications.involved_people(app.id)}

    view.form.people_list.setCurrentRow(0)
    qtbot.mouseClick(view.form.remove_person_button, Qt.MouseButton.LeftButton)
    assert len(applications.involved_people(app.id)) == 2


def test_stage_column_sorts(sample_window):
    sample_window.show_view(3)
    view = sample_window.current_view()
    view.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # applied on, newest first
    assert names(view, 1)[0] == "Data Analyst"
    ids = [view.model.index(r, 0).data(IdRole) for r in range(view.model.rowCount())]
    assert len(set(ids)) == 5
