"""The whole application started in-process by ``run_app(argv, exec=False)``: the
same path as a double-click, from the command-line options to the shown window and
its deferred work, driven here without a child process."""

import sys

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from desktop.devdata.sample import load_sample_data
from desktop.store import lifecycle
from desktop.ui.startup import boot
from desktop.ui.startup.app import Rebound, run_app


@pytest.fixture
def sample_folder(tmp_path):
    folder = tmp_path / "sample"
    store = lifecycle.open_store(folder)
    load_sample_data()
    lifecycle.close_store(store)
    return folder


@pytest.fixture
def started(sample_folder, qtbot, monkeypatch):
    """Rebound started on the sample data; its background work is replaced by a record."""
    ran = []
    monkeypatch.setattr(Rebound, "start_background_checks", lambda self: ran.append("checks"))
    rebound = run_app(["--data-dir", str(sample_folder)], exec=False)
    assert isinstance(rebound, Rebound)
    rebound.ran = ran
    yield rebound
    rebound.window.close()
    rebound.close()
    rebound.window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_run_app_opens_the_window_on_today_with_the_data(started, qtbot):
    """Data closed cleanly: Today is drawn from the first look, the store opens once
    the frame is drawn, and Today then shows the same from the store."""
    window = started.window
    assert started.store is None and window.store is None
    first_look = [window.today.tree.topLevelItem(i).text(0)
                  for i in range(window.today.tree.topLevelItemCount())]
    assert "Due now (" in first_look[0]
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: started.store is not None, timeout=boot.DEFERRED_WORK_LATEST_MS)
    assert window.store is started.store
    assert started.store.db_path.parent == started.data_dir
    assert window.current_view() is window.today
    assert window.today.first_reading is None  # read again from the store
    assert [window.today.tree.topLevelItem(i).text(0)
            for i in range(window.today.tree.topLevelItemCount())] == first_look


def test_the_deferred_work_runs_once_the_window_is_painted(started, qtbot):
    qtbot.waitUntil(lambda: started.ran == ["checks"], timeout=boot.DEFERRED_WORK_LATEST_MS)


def test_a_second_start_on_the_same_folder_brings_the_first_forward(started, qtbot):
    with qtbot.waitSignal(started.instance.activated, timeout=3000):
        assert run_app(["--data-dir", str(started.data_dir)], exec=False) == 0


def test_closing_lets_go_of_the_folder_and_the_error_hook(sample_folder, qtbot):
    before = sys.excepthook
    rebound = run_app(["--data-dir", str(sample_folder)], exec=False)
    assert sys.excepthook == rebound.errors.handle
    rebound.window.close()
    rebound.close()
    assert sys.excepthook is before
    again = run_app(["--data-dir", str(sample_folder)], exec=False)
    assert isinstance(again, Rebound), "the folder was still claimed after close"
    again.window.close()
    again.close()


def test_damaged_data_the_user_does_not_restore_ends_the_start_with_status_2(
        tmp_path, qtbot, monkeypatch):
    from desktop.ui.dialogs import recovery

    offered = []

    def quit_instead(_parent, _data_dir, exc):
        offered.append(exc)
        return recovery.Recovery.QUIT

    monkeypatch.setattr(recovery, "offer_recovery", quit_instead)
    folder = tmp_path / "damaged"
    folder.mkdir()
    (folder / "rebound.db").write_bytes(b"this is not a database" * 500)
    before = sys.excepthook

    assert run_app(["--data-dir", str(folder)], exec=False) == 2

    assert len(offered) == 1
    assert sys.excepthook is before
    assert (folder / "rebound.db").read_bytes() == b"this is not a database" * 500
