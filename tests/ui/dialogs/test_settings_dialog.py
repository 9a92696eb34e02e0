"""Settings: the profile signs the notes; offsets and steps change the next plan."""

from desktop.playbook.settings import load_playbook_settings, load_profile
from desktop.ui.dialogs.settings import SettingsDialog


def test_settings_are_saved_together(store, qtbot):
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("  Sam Rivera ")
    dialog.email.setText("sam@example.com")
    dialog.signature.setPlainText("Sam Rivera\nportfolio.example")
    dialog.offsets[next(k for k in dialog.offsets if k.value == "feedback")].setValue(10)
    dialog.enabled[next(k for k in dialog.enabled if k.value == "hire_watch")].setChecked(False)
    dialog.months.setValue(4)
    dialog.accept()

    profile = load_profile()
    assert (profile.name, profile.first_name, profile.email) == (
        "Sam Rivera", "Sam", "sam@example.com")
    assert profile.signature == "Sam Rivera\nportfolio.example"
    settings = load_playbook_settings()
    assert settings.offsets["feedback"] == 10
    assert settings.enabled["hire_watch"] is False
    assert settings.checkin_months == 4


def test_cancel_changes_nothing(store, qtbot):
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("Nobody")
    dialog.reject()
    assert load_profile().name == ""
