"""The import wizard on a LinkedIn export, and the export dialog writing a calendar."""

import icalendar
from PySide6.QtWidgets import QWizard

from desktop.devdata.sample import load_sample_data
from desktop.store import people
from desktop.ui.dialogs.export import CHOICES, ExportDialog
from desktop.ui.dialogs.import_wizard import ImportWizard

LINKEDIN = (
    "\ufeffNotes:\n"
    "\"When exporting your connection data, you may notice that some of the email "
    "addresses are missing.\"\n"
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Priya,Raman,https://www.linkedin.com/in/priya-raman,,Northwind Health,Head of Product "
    "Analytics,15 Mar 2024\n"
    "Jonas,Berg,https://www.linkedin.com/in/jonasberg,jonas@berg.example,Fjord AS,CTO,"
    "02 Jan 2025\n"
    ",,https://www.linkedin.com/in/nobody,,,,03 Jan 2025\n"
)


def write_linkedin(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(LINKEDIN, encoding="utf-8")
    return path


def test_wizard_previews_and_imports_a_linkedin_file(window, tmp_path, qtbot):
    people.save_person(None, {"first_name": "Jonas", "last_name": "Berg",
                              "email": "jonas@berg.example"})
    wizard = ImportWizard(write_linkedin(tmp_path), window)
    qtbot.addWidget(wizard)
    wizard.show()
    assert "LinkedIn" in wizard.choose_page.detected.text()
    wizard.next()
    table = wizard.preview_page.table
    assert table.rowCount() == 3
    assert table.item(0, 1).text() == "Priya"
    assert "Will not be imported" in table.item(2, 1).text()
    assert wizard.preview_page.chosen_policy() == "update"  # fill in what is missing
    wizard.next()  # the commit page: imports, on a worker thread
    page = wizard.import_page
    qtbot.waitUntil(page.isComplete)
    assert "Imported 1, updated 1" in page.summary.text()
    assert page.report.toPlainText() == "line 7: There is no name and no e-mail address."
    assert people.count_people() == 2
    jonas = people.person_values(people.search_people("jonas")[0].id)
    assert jonas["company"] == "Fjord AS"  # filled in, e-mail matched
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()


def test_wizard_refuses_a_file_that_is_not_contacts(window, tmp_path, qtbot):
    junk = tmp_path / "photo.csv"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    wizard = ImportWizard(junk, window)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.choose_page.error.isVisible()
    assert not wizard.choose_page.isComplete()
    assert people.count_people() == 0


def test_stopping_an_import_changes_nothing(window, tmp_path, qtbot, monkeypatch):
    path = tmp_path / "big.csv"
    rows = "\n".join(f"Person{i},Test,,p{i}@example.com,Acme,Tester,01 Jan 2025"
                     for i in range(3000))
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    + rows + "\n", encoding="utf-8")
    wizard = ImportWizard(path, window)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    # Press Stop as soon as the first progress report arrives.
    real_progress = wizard.import_page.progress.setValue
    monkeypatch.setattr(wizard.import_page.progress, "setValue",
                        lambda value: (real_progress(value), wizard.stop()))
    wizard.next()
    qtbot.waitUntil(wizard.import_page.isComplete)
    assert "Stopped" in wizard.import_page.summary.text()
    assert people.count_people() == 0


def test_dropping_a_file_opens_the_wizard(window, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(ImportWizard, "exec", lambda self: opened.append(self.path))
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    data = QMimeData()
    path = write_linkedin(tmp_path)
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert opened == [path]


def test_export_next_quarters_follow_ups_to_a_calendar(window, tmp_path, qtbot):
    load_sample_data()
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    steps_index = next(i for i, c in enumerate(CHOICES) if c[1] == "steps")
    dialog.choice.button(steps_index).setChecked(True)
    dialog.days.setValue(90)
    target = tmp_path / "follow-ups.ics"
    count = dialog.export_to(target)
    assert count > 0
    assert f"Wrote {count}" in dialog.status.text()
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == count
    assert all(e.get("UID").endswith("@rebound.local") for e in events)


def test_export_people_as_a_spreadsheet(window, tmp_path, qtbot):
    load_sample_data()
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    dialog.choice.button(0).setChecked(True)
    assert dialog.export_to(tmp_path / "people.csv") == 6
    assert (tmp_path / "people.csv").read_bytes().startswith(b"\xef\xbb\xbf")
