"""The live calendar file: chosen in the Reminders dialog and written at once, then
written again after changes, and a folder that cannot take it said, not hidden."""

import datetime

import icalendar
import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.clock import local_today
from desktop.operations import notes
from desktop.operations import steps as step_operations
from desktop.reminders.live_calendar import DAYS, FILE_NAME, live_folder
from desktop.store import steps
from desktop.ui.dialogs.reminders import RemindersDialog
from desktop.ui.shell.change_hub import hub
from desktop.ui.shell.live_calendar import LiveCalendar
from tests.ui.playbook_flows import today_rows


class Quiet:
    """No reminders registered, and no system asked (only the calendar file here)."""

    def __call__(self, command):
        from desktop.reminders.registration import Ran

        return Ran(1, "")


def events(path) -> list[str]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))


def test_choosing_a_folder_writes_the_file_at_once(rejected, window, tmp_path, qtbot):
    folder = tmp_path / "Synced"
    folder.mkdir()
    dialog = RemindersDialog(None, window, runner=Quiet())
    qtbot.addWidget(dialog)
    dialog.set_calendar_folder(folder)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert live_folder() == folder
    written = events(folder / FILE_NAME)
    ahead = steps.open_steps_between(None, local_today() + datetime.timedelta(days=DAYS))
    assert len(written) == len(ahead) > len(today_rows(window))  # 90 days, not Today's 14
    assert dialog.calendar_label.text().endswith(f"({len(written)} follow-ups; kept up to "
                                                 "date)")


def test_a_folder_that_cannot_take_it_is_said_and_not_kept(window, tmp_path, qtbot,
                                                           monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda _parent, _title, text: warned.append(text)))
    dialog = RemindersDialog(None, window, runner=Quiet())
    qtbot.addWidget(dialog)
    dialog.set_calendar_folder(tmp_path / "gone")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert warned == [f"The calendar file could not be written: the folder "
                      f"{tmp_path / 'gone'} is not there"]
    assert live_folder() is None


def test_the_file_follows_a_change(rejected, window, tmp_path, qtbot):
    folder = tmp_path / "Synced"
    folder.mkdir()
    notes.save_calendar_folder(folder)
    calendar = LiveCalendar(window)
    calendar.write()
    path = folder / FILE_NAME
    qtbot.waitUntil(path.exists)
    before = events(path)
    step_id = today_rows(window)[0][-1]
    hub().run(step_operations.skip, step_id, "Not needed")
    qtbot.waitUntil(lambda: events(path) != before, timeout=5000)
    assert len(events(path)) == len(before) - 1


def test_a_folder_gone_later_is_said_in_the_status_bar(rejected, window, tmp_path, qtbot):
    folder = tmp_path / "Synced"
    folder.mkdir()
    notes.save_calendar_folder(folder)
    folder.rmdir()
    LiveCalendar(window).write()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith(
        "The calendar file could not be updated"), timeout=5000)
    assert "is not there" in window.statusBar().currentMessage()


@pytest.fixture(autouse=True)
def no_pool_leftovers():
    yield
    from desktop.ui.startup import background

    background.wait_for_all()
