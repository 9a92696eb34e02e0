"""Keeping Rebound in the tray: off by default; when chosen, closing the window
leaves it running with the number due in its tooltip, a note coming due while it
is closed is said, and Quit still quits."""

import pytest
from PySide6.QtWidgets import QApplication

from desktop.ui.dialogs.reminders import RemindersDialog
from desktop.ui.shell import tray
from desktop.ui.shell.tray import KEEP_RUNNING_KEY


@pytest.fixture
def with_a_tray(monkeypatch):
    monkeypatch.setattr(tray, "tray_available", lambda: True)
    yield
    QApplication.instance().setQuitOnLastWindowClosed(True)


def test_closing_quits_unless_chosen(sample_window):
    assert sample_window.close() is True
    assert sample_window.tray_keeper is None


def test_closing_into_the_tray_keeps_rebound_running(sample_window, with_a_tray, qtbot):
    sample_window.settings.setValue(KEEP_RUNNING_KEY, True)
    assert sample_window.close() is False  # the close was turned into a hide
    assert not sample_window.isVisible()
    keeper = sample_window.tray_keeper
    assert keeper is not None and keeper.timer.isActive()
    assert QApplication.instance().quitOnLastWindowClosed() is False
    assert keeper.icon.toolTip() == f"Rebound: {sample_window.due_count} notes due"

    said = []
    keeper.icon.showMessage = lambda title, text, *rest: said.append(text)
    more = sample_window.due_count + 1
    keeper._due_changed(more)  # a snoozed note came due
    assert said == [f"1 note has come due. Rebound: {more} notes due."]

    keeper.bring_forward()
    qtbot.waitUntil(sample_window.isVisible)
    assert sample_window.current_view() is sample_window.today
    assert not keeper.timer.isActive()
    keeper._due_changed(sample_window.due_count + 5)  # on screen: Today says it
    assert len(said) == 1


def test_quit_quits_even_when_kept_in_the_tray(sample_window, with_a_tray):
    sample_window.settings.setValue(KEEP_RUNNING_KEY, True)
    sample_window.quit()
    assert sample_window.quitting and not sample_window.isVisible()
    assert sample_window.tray_keeper is None


def test_the_choice_is_made_in_the_reminders_dialog(window, with_a_tray, qtbot):
    from desktop.reminders.registration import Ran

    dialog = RemindersDialog(None, window, runner=lambda command: Ran(1, ""),
                             settings=window.settings)
    qtbot.addWidget(dialog)
    assert dialog.tray.isEnabled() and not dialog.tray.isChecked()
    dialog.tray.setChecked(True)
    dialog.accept()
    assert window.settings.value(KEEP_RUNNING_KEY, type=bool) is True


def test_starting_at_log_in_goes_to_the_tray(data_dir, with_a_tray, qtbot):
    """``rebound --in-tray`` (the login item) with Rebound kept in the tray: no window
    until the icon is clicked."""
    from PySide6.QtCore import QSettings

    from desktop.ui.startup.app import run_app

    data_dir.mkdir(parents=True, exist_ok=True)
    state = QSettings(str(data_dir / "ui-state.ini"), QSettings.Format.IniFormat)
    state.setValue(KEEP_RUNNING_KEY, True)
    state.sync()
    rebound = run_app(["--data-dir", str(data_dir), "--in-tray"], exec=False)
    try:
        window = rebound.window
        assert not window.isVisible()
        assert window.tray_keeper is not None and window.tray_keeper.icon.isVisible()
        window.tray_keeper.bring_forward()
        qtbot.waitUntil(window.isVisible)
    finally:
        window.quit()
        rebound.close()


def test_start_at_log_in_is_offered_beside_keeping_it_in_the_tray(window, with_a_tray,
                                                                  qtbot, tmp_path,
                                                                  monkeypatch):
    from desktop.reminders.registration import Ran

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    dialog = RemindersDialog(None, window, runner=lambda command: Ran(1, ""),
                             settings=window.settings)
    qtbot.addWidget(dialog)
    assert not dialog.at_login.isEnabled()  # only with the tray
    dialog.tray.setChecked(True)
    dialog.at_login.setChecked(True)
    dialog.accept()
    entry = tmp_path / "home/.config/autostart/rebound.desktop"
    assert entry.is_file() and entry.read_text().rstrip().endswith(
        "X-GNOME-Autostart-enabled=true")
    assert "--in-tray" in entry.read_text()


def test_a_login_item_that_cannot_be_written_is_said(window, with_a_tray, qtbot, tmp_path,
                                                    monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.reminders.registration import Ran

    home = tmp_path / "home"
    home.mkdir()
    (home / ".config").write_text("a file where the folder should be")
    monkeypatch.setenv("HOME", str(home))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda _parent, title, text: warned.append(title)))
    dialog = RemindersDialog(None, window, runner=lambda command: Ran(1, ""),
                             settings=window.settings)
    qtbot.addWidget(dialog)
    dialog.tray.setChecked(True)
    dialog.at_login.setChecked(True)
    dialog.accept()
    assert warned == ["Start at log-in not changed"]
    assert dialog.result() != dialog.DialogCode.Accepted


def test_closing_into_the_tray_leaves_one_rebound_icon(sample_window, with_a_tray):
    """The start-up notice's icon gives way to the tray keeper's."""
    from PySide6.QtWidgets import QSystemTrayIcon

    notice = tray.start_up_notice(sample_window, lambda: None)
    assert notice is not None and notice.isVisible()
    sample_window.settings.setValue(KEEP_RUNNING_KEY, True)
    sample_window.close()
    shown = [icon for icon in sample_window.findChildren(QSystemTrayIcon) if icon.isVisible()]
    assert shown == [sample_window.tray_keeper.icon]
