"""A start drawn from the first look at the data (``boot`` rule 7), driven in-process:
input before the store opens is held, an opening that fails after the frame is
said and ends the start, and data that needs the store's checks opens it first."""

import sqlite3

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication

from desktop.devdata.sample import load_sample_data
from desktop.paths import DATABASE_NAME, RUNNING_MARKER
from desktop.playbook.settings import Profile, save_profile
from desktop.store import lifecycle
from desktop.store.failures import Problem, WriteFailed
from desktop.ui.startup import boot
from desktop.ui.startup.app import Rebound, run_app


@pytest.fixture
def sample_folder(tmp_path):
    folder = tmp_path / "sample"
    store = lifecycle.open_store(folder)
    load_sample_data()
    save_profile(Profile(name="Sam Rivera"))  # a note opens without asking who sends it
    lifecycle.close_store(store)
    return folder


@pytest.fixture
def start(monkeypatch):
    """Starts Rebound on a folder, its background checks left out; closes it after."""
    monkeypatch.setattr(Rebound, "start_background_checks", lambda self: None)
    started = []

    def run(folder):
        rebound = run_app(["--data-dir", str(folder)], exec=False)
        started.append(rebound)
        return rebound

    yield run
    for rebound in started:
        if isinstance(rebound, Rebound):
            rebound.window.close()
            rebound.close()
            rebound.window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_keys_wait_for_the_store_behind_the_first_frame(sample_folder, start, qtbot,
                                                        monkeypatch):
    # Hold the start between its first frame and the store's opening.
    open_after_the_frame = Rebound.after_first_frame
    monkeypatch.setattr(Rebound, "after_first_frame", lambda self: None)
    rebound = start(sample_folder)
    window = rebound.window
    tree = window.today.tree
    qtbot.waitUntil(lambda: rebound._input_hold is not None)  # the frame is drawn
    assert rebound.store is None and tree.currentItem() is not None  # a step to open
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton,
                      pos=tree.visualItemRect(tree.currentItem()).center())
    assert window.composers.windows == []  # nothing opened a note without a store
    assert window.current_view() is window.today

    open_after_the_frame(rebound)
    assert rebound.store is not None
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert len(window.composers.windows) == 1  # the hold is gone with the wait
    for composer in window.composers.windows:
        composer.close()


def test_a_store_that_will_not_open_after_the_frame_is_said_and_ends_the_start(
        sample_folder, start, qtbot, monkeypatch):
    from desktop.ui.dialogs import recovery

    told, exits = [], []
    monkeypatch.setattr(lifecycle, "open_store",
                        lambda *_a, **_k: (_ for _ in ()).throw(WriteFailed(Problem.BUSY)))
    monkeypatch.setattr(recovery, "explain_cannot_open", lambda _parent, exc: told.append(exc))
    monkeypatch.setattr(QApplication, "exit", lambda code=0: exits.append(code))

    rebound = start(sample_folder)
    assert rebound.window.isVisible()  # drawn from the first look
    qtbot.waitUntil(lambda: bool(exits), timeout=boot.DEFERRED_WORK_LATEST_MS)

    assert exits == [2]
    assert [str(exc) for exc in told] == [str(WriteFailed(Problem.BUSY))]
    assert not rebound.window.isVisible()
    assert rebound.store is None


def test_a_change_saved_while_the_store_opened_shows_once_it_is_open(
        sample_folder, start, qtbot, monkeypatch):
    """Another program (a ``rebound`` command) saves between the first look and the
    store's opening: the window reads Today again rather than keep the old look."""
    open_store = lifecycle.open_store

    def open_after_a_change(data_dir, **options):
        conn = sqlite3.connect(data_dir / DATABASE_NAME)
        with conn:
            conn.execute("UPDATE step SET status = 'skipped' WHERE id = (SELECT min(id) "
                         "FROM step WHERE status IN ('planned', 'drafted'))")
        conn.close()
        return open_store(data_dir, **options)

    monkeypatch.setattr(lifecycle, "open_store", open_after_a_change)
    rebound = start(sample_folder)
    tree = rebound.window.today.tree

    def step_rows():
        return sum(tree.topLevelItem(i).childCount() for i in range(tree.topLevelItemCount()))

    before = step_rows()
    qtbot.waitUntil(lambda: rebound.store is not None, timeout=boot.DEFERRED_WORK_LATEST_MS)
    assert step_rows() == before - 1


def test_data_left_by_a_crash_is_checked_before_the_window_shows_it(
        sample_folder, start):
    (sample_folder / RUNNING_MARKER).write_text("4242:1")  # a process long gone
    rebound = start(sample_folder)
    assert rebound.store is not None  # opened (and checked) before the window
    assert rebound.store.recovered_from_unclean_exit
    assert rebound.window.today.first_reading is None
    assert rebound.window.today.tree.topLevelItemCount() > 0
