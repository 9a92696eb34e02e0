"""Long work off the window's thread: an import keeps the window painting, Stop and
Escape stop it with nothing written, and the composer's autosave waits for it
instead of for SQLite's write lock."""

import threading
import time

from PySide6.QtCore import QTimer

from desktop.operations import Changes
from desktop.store import people, steps
from desktop.store.connection import transaction
from desktop.ui.dialogs.import_wizard import ImportWizard
from desktop.ui.shell.change_hub import hub
from desktop.ui.shell.long_work import LongWork

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def big_file(tmp_path, rows: int):
    path = tmp_path / "Connections.csv"
    path.write_text(HEADER + "\n".join(
        f"Person{i},Test,,p{i}@example.com,Acme,Tester,01 Jan 2025" for i in range(rows))
        + "\n", encoding="utf-8")
    return path


def start_import(wizard) -> None:
    wizard.show()
    wizard.next()  # preview
    wizard.next()  # the commit page starts the import


def test_the_window_keeps_painting_while_an_import_runs(window, tmp_path, qtbot):
    wizard = ImportWizard(big_file(tmp_path, 20_000), window)
    qtbot.addWidget(wizard)
    ticks_while_importing = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks_while_importing.append(1)
                          if wizard.work is not None and wizard.work.isRunning() else None)
    timer.start()
    start_import(wizard)
    qtbot.waitUntil(wizard.import_page.isComplete, timeout=60_000)
    timer.stop()
    assert len(ticks_while_importing) >= 3  # the window's own timers ran meanwhile
    assert "Imported 20,000" in wizard.import_page.summary.text()
    assert people.count_people() == 20_000
    qtbot.waitUntil(lambda: not hub().busy)  # the thread's end follows its result


def test_escape_during_an_import_stops_it_and_writes_nothing(window, tmp_path, qtbot):
    wizard = ImportWizard(big_file(tmp_path, 20_000), window)
    qtbot.addWidget(wizard)
    start_import(wizard)
    qtbot.waitUntil(lambda: wizard.import_page.progress.value() > 0, timeout=30_000)
    wizard.reject()  # what Escape and the close button do
    assert wizard.isVisible()  # it stays to say what happened
    qtbot.waitUntil(wizard.import_page.isComplete, timeout=30_000)
    assert wizard.import_page.summary.text() == (
        "Stopped. Nothing was imported: your data is as it was.")
    assert people.count_people() == 0
    qtbot.waitUntil(lambda: not hub().busy)
    wizard.reject()
    assert not wizard.isVisible()


def holding_the_write_lock(release: threading.Event):
    """An operation that keeps a write transaction open until ``release`` is set."""

    def operation(progress, cancelled) -> Changes:
        with transaction():
            people.save_person(None, {"first_name": "Held", "last_name": "Lock"})
            while not release.wait(0.01):
                pass
        return Changes.all()

    return operation


def test_autosave_waits_for_long_work_then_saves(window, tmp_path, qtbot):
    person = people.save_person(None, {"first_name": "Ada", "last_name": "Byrne"})
    composer = window.write_check_in(person.id)
    composer.body.setPlainText("Hi Ada,\n\nA note typed while an import runs.\n\nSam")
    release = threading.Event()
    work = LongWork(holding_the_write_lock(release))
    hub().start_long(work)
    assert hub().busy
    started = time.monotonic()
    composer._save_timer.timeout.emit()  # the autosave comes due
    assert time.monotonic() - started < 1  # it did not wait on the lock
    assert composer.step_id is None  # nothing saved yet, nothing said to have failed
    assert "not saved" not in composer.status.text()
    release.set()
    qtbot.waitUntil(lambda: not hub().busy, timeout=10_000)
    qtbot.waitUntil(lambda: composer.step_id is not None, timeout=5_000)
    assert "typed while an import runs" in steps.get_step(composer.step_id).draft_body
    assert composer.status.text() == "Draft saved."
    composer.close()


def test_a_swap_of_the_data_keeps_the_window_painting_and_reports_here(window):
    """``wait_for`` (restore, move): the window's timers run while the work does, and
    the work's result, or its error, comes back on the window's thread."""
    import pytest

    from desktop.ui.shell.long_work import wait_for

    release = threading.Event()
    ticks = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    QTimer.singleShot(150, release.set)

    def slow() -> Changes:
        release.wait(5)
        return Changes.all(detail="restored")

    assert wait_for(LongWork(slow, stoppable=False), window, "Restoring…").detail == "restored"
    timer.stop()
    assert len(ticks) >= 3

    def refused() -> Changes:
        raise RuntimeError("the backup does not verify")

    with pytest.raises(RuntimeError, match="does not verify"):
        wait_for(LongWork(refused, stoppable=False), window, "Restoring…")


def test_an_import_the_disk_refuses_says_nothing_was_imported(window, tmp_path, qtbot,
                                                              monkeypatch):
    """A failure on the worker comes back as the wizard's message, in the disk's words."""
    from desktop.operations import data
    from desktop.store.failures import Problem, WriteFailed

    def disk_full(*_args, **_kwargs):
        raise WriteFailed(Problem.DISK_FULL)

    monkeypatch.setattr(data, "import_file", disk_full)
    wizard = ImportWizard(big_file(tmp_path, 10), window)
    qtbot.addWidget(wizard)
    start_import(wizard)
    qtbot.waitUntil(wizard.import_page.isComplete, timeout=10_000)
    said = wizard.import_page.summary.text()
    assert said.startswith("Nothing was imported. Your disk is full.")
    assert people.count_people() == 0
    qtbot.waitUntil(lambda: not hub().busy)
