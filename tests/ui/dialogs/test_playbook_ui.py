"""The playbook in the real window: reject an application, see the plan in Today,
open a note, check its tone, copy it, mark it sent, snooze and skip."""

import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop.clock import local_today
from desktop.playbook.kinds import StepKind
from desktop.store import applications, people, steps
from desktop.vocabulary import StepStatus
from tests.ui.playbook_flows import finding_texts, select_step, step_for, today_rows


def test_rejecting_plans_steps_that_show_in_today(window, rejected):
    window.show_view(0)
    rows = today_rows(window)
    due_now = [r for r in rows if r[0].startswith("Due now")]
    assert {(r[2], r[3]) for r in due_now} == {
        ("Thank-you note", "Priya Raman"), ("Thank-you note", "Tom Becker")}
    assert all(r[1] == "1 day late" for r in due_now)
    upcoming = {(r[2], r[3]) for r in rows if r[0].startswith("Coming up")}
    assert ("Feedback request", "Tom Becker") in upcoming  # via the recruiter
    assert ("Stay-connected ask", "Priya Raman") in upcoming
    assert window.windowTitle() == "Today · 2 due[*] — Rebound"
    assert window.sidebar.item(0).text() == "Today  (2)"


def test_the_composer_writes_checks_copies_and_sends(window, rejected, qtbot, answer):
    window.show_view(0)
    step_id = step_for(window, "Priya Raman", "Thank-you note")
    composer = window.open_step(step_id)  # deletes itself when closed
    body = composer.body.toPlainText()
    assert "Priya" in body and "Northwind" in body
    assert "Sam Rivera" in body  # signed from the profile
    assert composer.findChildren(type(composer.due_label), "whyBox")[0].text().count(
        "remembered")
    assert finding_texts(composer) == []
    assert composer.tone_panel.summary.text().startswith("Nothing found to change. Checked for")

    # A bitter line is flagged as the user types.
    composer.body.moveCursor(composer.body.textCursor().MoveOperation.End)
    qtbot.keyClick(composer.body, Qt.Key.Key_Return)
    qtbot.keyClicks(composer.body, "Frankly, this was a waste of my time.")
    qtbot.waitUntil(lambda: composer.tone_panel.findings.count() > 0, timeout=3000)
    messages = finding_texts(composer)
    assert any(m.startswith("Fix:") for m in messages)
    assert composer.body.extraSelections()

    rules = {f.rule for f in composer.check_tone() if f.severity == "error"}
    assert rules & {"bitter", "complaint"}, rules
    assert "unsigned" in rules  # the line went in under the name
    assert composer.tone_panel.summary.text().startswith(f"{len(rules)} to fix")

    # With an error listed, copying asks first; once the user says yes, this draft is
    # not asked about again (copy, mark as sent).
    asked = answer(question=QMessageBox.StandardButton.No)
    composer.send_buttons.copy_note()
    assert [kind for kind, _ in asked] == ["question"]
    assert "Copy it anyway?" in asked[0][1]
    assert QGuiApplication.clipboard().text() != composer.body.toPlainText()
    answer(question=QMessageBox.StandardButton.Yes)
    composer.send_buttons.copy_note()
    assert len(asked) == 2

    # Copy: plain text and HTML with paragraphs.
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == composer.body.toPlainText()
    assert mime.html().count("<p>") >= 3
    composer.send_buttons.copy_subject()
    assert QGuiApplication.clipboard().text() == composer.subject.text()

    # Mark as sent: logged in the timeline, next check-in planned from today.
    sent_subject = composer.subject.text()
    # click(), not a synthesized mouse click: the composer deletes itself on close.
    composer.sent_button.click()
    assert len(asked) == 2  # sent without asking again
    assert steps.get_step(step_id).status == StepStatus.SENT
    timeline = people.person_timeline(rejected["priya"])
    assert timeline[0].summary == sent_subject
    assert "waste of my time" in timeline[0].body
    check_in = steps.open_step(rejected["priya"], StepKind.CHECK_IN, any_application=True)
    from desktop.playbook.planner import add_months

    assert steps.get_step(check_in).due_on == add_months(local_today(), 3)
    assert " · 1 due[*] — Rebound" in window.windowTitle()

    # ...and the person's timeline in the People view shows it.
    window.show_view(1)
    people_view = window.current_view()
    people_view.select_id(rejected["priya"])
    assert sent_subject in people_view.form.timeline.item(0).text()


def test_drafts_are_kept_when_the_composer_closes(window, rejected, qtbot):
    window.show_view(0)
    step_id = step_for(window, "Tom Becker", "Thank-you note")
    composer = window.open_step(step_id)
    composer.body.setPlainText("Hi Tom,\n\nThank you. My own words.\n\nSam")
    composer.close()
    stored = steps.get_step(step_id)
    assert stored.status == StepStatus.DRAFTED
    assert "My own words" in stored.draft_body
    reopened = window.open_step(step_id)
    assert "My own words" in reopened.body.toPlainText()
    reopened.close()


def test_snooze_and_skip_from_today(window, rejected, monkeypatch):
    window.show_view(0)
    today_view = window.today
    step_id = step_for(window, "Tom Becker", "Thank-you note")
    select_step(today_view, step_id)
    week = next(a for a in today_view.snooze_button.menu().actions() if a.text() == "For a week")
    week.trigger()
    snoozed = steps.get_step(step_id)
    assert snoozed.status == StepStatus.SNOOZED
    assert snoozed.due_on == local_today() + datetime.timedelta(days=7)
    assert not any(r[4] == step_id and r[0].startswith("Due now") for r in today_rows(window))

    other = step_for(window, "Priya Raman", "Thank-you note")
    select_step(today_view, other)
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *a, **k: ("Thanked her in person", True)))
    today_view.skip_current()
    skipped = steps.get_step(other)
    assert (skipped.status, skipped.skip_reason) == ("skipped", "Thanked her in person")
    assert other not in [r[4] for r in today_rows(window)]


def test_going_cold_offers_a_fresh_check_in(window, qtbot):
    from desktop.clock import from_local
    from desktop.store import interactions

    app = applications.save_application(None, {"company": "Fernhill", "position": "Producer"})
    maya = people.save_person(None, {"first_name": "Maya", "last_name": "Lind"})
    applications.link_person(app.id, maya.id, "hiring_manager")
    interactions.log_interaction(maya.id, summary="Interview",
                                 occurred_at=from_local(datetime.datetime(2025, 1, 10, 10)))
    window.today.reload()
    tree = window.today.tree
    cold = tree.topLevelItem(tree.topLevelItemCount() - 1)
    assert cold.text(0).startswith("Going cold")
    assert cold.child(0).text(2) == "Maya Lind"
    tree.setCurrentItem(cold.child(0))
    assert window.today.open_button.text() == "Write check-in"
    window.today.open_current()
    composer = window.composers.windows[-1]
    assert composer.kind == StepKind.CHECK_IN
    assert "Maya" in composer.body.toPlainText()
    composer.close()


def test_people_and_applications_show_the_next_step(window, rejected):
    window.show_view(1)
    people_view = window.current_view()
    people_view.reload()
    column = [c.title for c in people_view.model.columns].index("Next step")
    shown = {people_view.model.index(r, 0).data(): people_view.model.index(r, column).data()
             for r in range(people_view.model.rowCount())}
    assert shown["Priya Raman"].endswith("(late) · Thank-you note")

    people.save_person(None, {"first_name": "Aaron", "last_name": "Nobody"})
    people_view.reload()
    people_view.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    names = [people_view.model.index(r, 0).data() for r in range(people_view.model.rowCount())]
    assert names[-1] == "Aaron Nobody"  # nothing planned: after everyone with a step

    window.show_view(3)
    apps = window.current_view()
    apps.reload()
    assert apps.model.index(0, len(apps.model.columns) - 1).data().endswith("Thank-you note")


def test_removing_someone_from_an_application_takes_their_steps_out_of_today(window,
                                                                            rejected, qtbot):
    """Changes reach every view through the one hub: no view is refreshed by hand."""
    window.show_view(0)
    assert {r[3] for r in today_rows(window)} >= {"Tom Becker", "Priya Raman"}
    window.show_view(3)
    form = window.current_view().form
    tom_row = next(i for i in range(form.people_list.count())
                   if form.people_list.item(i).text().startswith("Tom Becker"))
    form.people_list.setCurrentRow(tom_row)
    qtbot.mouseClick(form.remove_person_button, Qt.MouseButton.LeftButton)

    assert not any(form.people_list.item(i).text().startswith("Tom Becker")
                   for i in range(form.people_list.count()))
    assert "Tom Becker" not in {r[3] for r in today_rows(window)}  # Today read again
    assert " · 1 due[*] — Rebound" in window.windowTitle()
