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


def test_cancel_changes_nothing(store, qtbot, answer):
    from PySide6.QtWidgets import QMessageBox

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("Nobody")
    answer(question=QMessageBox.StandardButton.Discard)
    dialog.reject()
    assert load_profile().name == ""


def test_where_notes_open_is_chosen_and_kept(store, qtbot):
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    assert dialog.send_with.currentText() == "Your mail app"
    labels = [dialog.send_with.itemText(i) for i in range(dialog.send_with.count())]
    assert labels == ["Your mail app", "Gmail, in the browser",
                      "Outlook on the web (work or school account)",
                      "Outlook.com (personal account)"]
    dialog.send_with.setCurrentIndex(1)
    dialog.accept()
    assert load_profile().send_with == "gmail"
    again = SettingsDialog()
    qtbot.addWidget(again)
    assert again.send_with.currentText() == "Gmail, in the browser"


def test_escape_asks_before_throwing_typed_settings_away(store, qtbot, answer):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes at once
    assert not dialog.isVisible()

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Sam Rivera")
    answer(question=QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.name.text() == "Sam Rivera"  # kept
    answer(question=QMessageBox.StandardButton.Discard)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert load_profile().name == ""


def test_ctrl_return_saves_even_from_the_signature(store, qtbot):
    from PySide6.QtCore import Qt

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.signature.setFocus()
    qtbot.keyClicks(dialog.signature, "portfolio.example")
    qtbot.keyClick(dialog.signature, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert load_profile().signature == "portfolio.example"
