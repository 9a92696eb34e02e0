"""Fixtures for driving the real window with qtbot."""

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QMessageBox

from desktop.devdata.sample import load_sample_data
from desktop.playbook.settings import load_profile, save_profile
from desktop.ui.shell.main_window import MainWindow
from tests.ui.playbook_flows import rejected  # noqa: F401  (a fixture for every window test)


@pytest.fixture(autouse=True)
def clean_clipboard(qapp):
    """Empty the clipboard after each test, while Python is still running: Qt frees
    clipboard data at process exit, too late for PySide's wrappers, and crashes."""
    yield
    qapp.clipboard().clear()


@pytest.fixture
def settings(data_dir):
    return QSettings(str(data_dir / "ui-state.ini"), QSettings.Format.IniFormat)


def _open_window(store, settings, qtbot, monkeypatch):
    # Notes are signed by someone: the first note asks for a name when there is none
    # (tests of that clear it again).
    if not load_profile().name:
        profile = load_profile()
        profile.name = "Sam Rivera"
        save_profile(profile)
    win = MainWindow(store, settings)
    win.show()
    qtbot.waitExposed(win)
    yield win
    # A test may leave unsaved edits; closing would then ask, and nobody would answer.
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard))
    win.close()
    win.deleteLater()
    # Delete it (and its dialogs) now, not at interpreter exit, where the order in
    # which Python and Qt free objects is undefined.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(store, settings, qtbot, monkeypatch):
    """The main window on an empty store, shown offscreen."""
    yield from _open_window(store, settings, qtbot, monkeypatch)


@pytest.fixture
def sample_window(store, settings, qtbot, monkeypatch):
    """The main window on a store holding the sample data."""
    load_sample_data()
    yield from _open_window(store, settings, qtbot, monkeypatch)


@pytest.fixture
def answer(monkeypatch):
    """Answer the next message boxes: ``answer(question=..., warning=...)``."""
    asked = []

    def set_answers(**answers):
        for kind, reply in answers.items():
            def fake(*args, _kind=kind, _reply=reply, **kwargs):
                asked.append((_kind, args[2] if len(args) > 2 else ""))
                return _reply
            monkeypatch.setattr(QMessageBox, kind, staticmethod(fake))
        return asked

    return set_answers
