"""The Reminders dialog and the first start's offer, driven as a user would, with the
system's commands answered by a recorder: "On" is said only when the system has
the reminder, and a refusal is said with what the system answered."""

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QMessageBox

from desktop.reminders import registration
from desktop.reminders.due import quiet_days, reminder_time
from desktop.ui.dialogs.reminders import RemindersDialog
from desktop.ui.startup.reminders_at_start import OFFERED_KEY, offer_once


class System:
    """A Linux with a user systemd, as far as the dialog can tell: it records the
    commands, and the units written to the (temporary) home are what status reads."""

    def __init__(self, refuse: str = ""):
        self.ran, self.refuse = [], refuse

    def __call__(self, command):
        self.ran.append(tuple(command))
        if self.refuse and self.refuse in command:
            return registration.Ran(1, "Failed to connect to bus")
        return registration.Ran(0, "")


@pytest.fixture
def home(tmp_path, monkeypatch):
    folder = tmp_path / "home"
    monkeypatch.setenv("HOME", str(folder))
    return folder


def test_switching_reminders_on_registers_them_and_says_so(window, home, qtbot):
    system = System()
    dialog = RemindersDialog(None, window, runner=system)
    qtbot.addWidget(dialog)
    assert not dialog.switch.isChecked()
    assert dialog.status.text().startswith("Off")
    dialog.switch.setChecked(True)
    dialog.time.setTime(QTime(8, 15))
    dialog.quiet[6].setChecked(True)
    dialog.quiet[7].setChecked(True)
    dialog.accept()

    assert dialog.result() == dialog.DialogCode.Accepted
    timer = home / ".config/systemd/user/rebound-reminders.timer"
    assert "OnCalendar=*-*-* 08:15:00" in timer.read_text()
    assert ("systemctl", "--user", "enable", "--now", "rebound-reminders.timer") in system.ran
    assert quiet_days() == {6, 7}
    assert reminder_time().strftime("%H:%M") == "08:15"
    assert dialog.status.text() == ("On: a systemd timer runs Rebound's check every day at "
                                    "08:15 and when you log in.")

    again = RemindersDialog(None, window, runner=system)  # opened later: it is on
    qtbot.addWidget(again)
    assert again.switch.isChecked() and again.quiet[6].isChecked()
    again.switch.setChecked(False)
    again.accept()
    assert not timer.exists()
    assert again.status.text().startswith("Off")


def test_a_refusal_is_said_and_nothing_is_claimed(window, home, qtbot, monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda _parent, title, text: warned.append(text)))
    dialog = RemindersDialog(None, window, runner=System(refuse="enable"))
    qtbot.addWidget(dialog)
    dialog.switch.setChecked(True)
    dialog.accept()
    assert dialog.isVisible() or dialog.result() != dialog.DialogCode.Accepted
    assert len(warned) == 1 and "Failed to connect to bus" in warned[0]
    assert warned[0].startswith("The system did not take the change: `systemctl --user "
                                "enable --now rebound-reminders.timer` failed")


def test_without_user_systemd_it_is_at_log_in_only(window, home, qtbot):
    system = System(refuse="show-environment")
    dialog = RemindersDialog(None, window, runner=system)
    qtbot.addWidget(dialog)
    assert not dialog.time.isEnabled()
    dialog.switch.setChecked(True)
    dialog.accept()
    assert (home / ".config/autostart/rebound-reminders.desktop").is_file()
    assert dialog.status.text() == (
        "On: your desktop's autostart runs Rebound's check when you log in (at log-in "
        "only: no user systemd runs here).")


def test_the_offer_shows_once_until_answered(window, qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr("desktop.ui.dialogs.reminders.open_reminders", opened.append)
    bar = offer_once(window, window.settings)
    assert bar is not None
    qtbot.waitUntil(bar.isVisible)
    bar.decline_button.click()
    assert window.settings.value(OFFERED_KEY, type=bool) is True
    assert opened == []
    assert offer_once(window, window.settings) is None  # answered: never again


def test_taking_the_offer_opens_the_dialog(window, qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr("desktop.ui.dialogs.reminders.open_reminders", opened.append)
    offer_once(window, window.settings).take_button.click()
    assert opened == [window]
