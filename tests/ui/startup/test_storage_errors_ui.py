"""What the window says when the disk, not the data, is the problem, and when the data
is missing, damaged or read-only: true in each of those cases.

Before this was fixed, saving on a full disk or under a file-size limit showed
"Your Rebound data is damaged" with *Restore backup* as the default button, which
replaced a sound database with an older backup; a locked database showed "Your
saved data is safe" although the edit was not saved.
"""

import json
import os
import resource
import sqlite3
import stat

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from desktop.store import backups, lifecycle, people
from desktop.store.connection import DAMAGE_MESSAGE, quick_check
from desktop.store.data_format import DatabaseDamaged, MigrationFailed
from desktop.store.lifecycle import close_store, open_store
from desktop.store.migrations import MIGRATIONS, Migration
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.startup.app import Rebound

DISK_FULL = "Your disk is full: the last change was not saved. Free some space, then try again."


class ModalBoxes:
    """Answers the modal message boxes as they come up, and keeps what each said."""

    def __init__(self):
        self.seen: list[dict] = []
        self._answers: list = []

    def answer(self, *buttons, then=None) -> None:
        """Press these buttons, in order, one per box; ``then`` runs before a press."""
        for button in buttons:
            self._answers.append((button, then))
        QTimer.singleShot(0, self._press)

    def _press(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, self._press)
            return
        button_text, then = self._answers.pop(0)
        default = box.defaultButton()
        self.seen.append({"title": box.windowTitle(), "text": box.text(),
                          "info": box.informativeText(),
                          "default": default.text() if default else None,
                          "buttons": [b.text() for b in box.buttons()]})
        if then is not None:
            then()
        for button in box.buttons():
            if button.text().startswith(button_text):
                button.click()
                break
        else:
            raise AssertionError(f"no button {button_text!r} in {self.seen[-1]}")
        if self._answers:
            QTimer.singleShot(0, self._press)


@pytest.fixture
def boxes():
    return ModalBoxes()


@pytest.fixture
def window_on(qtbot, monkeypatch):
    """The main window on an open store in ``data_dir``; closed (and the store) after."""
    opened = []

    def make(data_dir):
        store = open_store(data_dir)
        settings = QSettings(str(data_dir / "ui-state.ini"), QSettings.Format.IniFormat)
        window = MainWindow(store, settings)  # closed below, once unsaved edits can be dropped
        window.show()
        opened.append((window, store))
        return window

    yield make
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard))
    for window, store in opened:
        window.close()
        close_store(store)


def _new_person_form(window, qtbot, first_name: str, notes: str = ""):
    """People → New, with a name (and notes) typed: the form, not yet saved."""
    window.show_view(1)
    form = window.current_view().form
    window.current_view().new_record()
    qtbot.keyClicks(form.editor("first_name"), first_name)
    if notes:
        form.editor("notes").set_value(notes)
        form._on_edited()
    return form


# --- A full disk and a file-size limit ---------------------------------------------------


def test_saving_on_a_full_disk_says_so_keeps_the_edit_and_retries(small_disk, window_on,
                                                                   qtbot, boxes):
    disk = small_disk("4m")
    window = window_on(disk.path / "data")
    people.save_person(None, {"first_name": "Already", "last_name": "Saved"})
    filler = disk.fill()
    form = _new_person_form(window, qtbot, "Grace", notes="Met at the meetup. " * 400)

    boxes.answer("Not now")
    assert not form.save()

    (shown,) = boxes.seen
    assert shown["title"] == "Not saved"
    assert shown["text"] == DISK_FULL
    assert shown["default"] == "Try again"
    assert form.dirty and form.editor("first_name").value() == "Grace"
    assert form.error.text() == DISK_FULL
    assert quick_check(window.store.db_path) == "ok"

    boxes.answer("Try again", then=filler.unlink)  # free space, then try again
    assert form.save()
    assert not form.dirty
    assert people.count_people("grace") == 1
    assert [b["title"] for b in boxes.seen] == ["Not saved", "Not saved"]


def test_a_file_size_limit_is_not_called_damage(window_on, data_dir, qtbot, boxes):
    window = window_on(data_dir)
    form = _new_person_form(window, qtbot, "Lin", notes="x" * 9000)
    wal = data_dir / "rebound.db-wal"
    limit = max(wal.stat().st_size if wal.exists() else 0, 4096) + 4096
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    boxes.answer("Not now")
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        saved = form.save()
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))

    assert not saved
    (shown,) = boxes.seen
    assert shown["title"] == "Not saved"
    assert shown["text"].startswith("Your data file has reached the largest size")
    assert "damaged" not in shown["text"]
    assert form.dirty and form.editor("notes").value() == "x" * 9000
    assert quick_check(data_dir / "rebound.db") == "ok"


# --- Damage, checked before it is called damage ------------------------------------------


@pytest.fixture
def running(data_dir, qtbot, monkeypatch):
    """Rebound open on a store of 30 people with a backup, its window shown."""
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: exits.append(code)))
    exits: list[int] = []
    rebound = Rebound(data_dir)
    rebound.open()
    for i in range(30):
        people.save_person(None, {"first_name": f"Kept{i}"})
    lifecycle.backup_now(rebound.store)
    window = rebound.show_window()
    rebound.exits = exits
    yield rebound
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard))
    window.close()
    rebound.close()


def test_a_disk_error_on_a_sound_file_is_never_a_damage_dialog(running, boxes):
    import sqlite3

    error = sqlite3.OperationalError("disk I/O error")
    boxes.answer("OK")
    running.handle_storage_error(error)

    (shown,) = boxes.seen
    assert shown["title"] == "Not saved"
    assert "the last change was not saved" in shown["text"]
    assert "Restore" not in " ".join(shown["buttons"])
    assert not any(p.name.startswith("rebound-damaged-") for p in running.data_dir.iterdir())
    assert people.count_people() == 30  # the store is still open and whole


def test_the_damage_dialog_defaults_to_restore_only_over_a_failing_file(running, boxes,
                                                                          helpers):
    db_path = running.store.db_path
    sound = DatabaseDamaged(db_path, "database disk image is malformed")
    from desktop.ui.dialogs.recovery import offer_recovery

    boxes.answer("Quit")
    offer_recovery(running.window, running.data_dir, sound)
    assert boxes.seen[-1]["default"] == "Quit"  # the file passes its check

    lifecycle.close_store(running.store)
    page = helpers.pragma(db_path, "page_size")
    helpers.overwrite(db_path, page * 2, page)
    boxes.answer("Quit")
    offer_recovery(running.window, running.data_dir, sound)
    assert boxes.seen[-1]["default"].startswith("Restore backup from")
    assert boxes.seen[-1]["text"] == DAMAGE_MESSAGE


def test_quit_in_the_damage_dialog_quits_even_with_a_second_report(running, boxes, helpers):
    db_path = running.store.db_path
    damage = DatabaseDamaged(db_path, "database disk image is malformed")
    boxes.answer("Quit")
    running.handle_storage_error(damage)
    running.handle_storage_error(damage)  # a second report, queued behind the first

    assert len(boxes.seen) == 1
    assert running.exits == [3]


# --- Missing, read-only, not updatable ---------------------------------------------------


def test_a_missing_database_offers_the_backup_and_creates_nothing_first(data_dir, qtbot,
                                                                          boxes, monkeypatch):
    store = open_store(data_dir)
    people.save_person(None, {"first_name": "Back", "last_name": "Again"})
    lifecycle.backup_now(store)
    close_store(store)
    (data_dir / "rebound.db").write_bytes(b"")
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a: None))
    boxes.answer("Restore backup", then=lambda: _assert_nothing_created(data_dir))

    rebound = Rebound(data_dir)
    rebound.open()
    try:
        (shown,) = boxes.seen
        assert shown["title"] == "Your Rebound data is missing"
        assert shown["default"].startswith("Restore backup from")
        assert "Start with no data…" in shown["buttons"]
        assert [p.name for p in people.search_people("")] == ["Back Again"]
    finally:
        rebound.close()


def _assert_nothing_created(data_dir):
    assert (data_dir / "rebound.db").stat().st_size == 0
    assert not (data_dir / "rebound.db-wal").exists()


def test_starting_with_no_data_is_confirmed_and_keeps_the_backups(data_dir, boxes,
                                                                   monkeypatch):
    store = open_store(data_dir)
    people.save_person(None, {"first_name": "Old"})
    backup = lifecycle.backup_now(store)
    close_store(store)
    (data_dir / "rebound.db").unlink()
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    boxes.answer("Start with no data")

    rebound = Rebound(data_dir)
    rebound.open()
    try:
        assert people.count_people() == 0
        assert backups.record_count(backup) == 1
    finally:
        rebound.close()


def test_read_only_data_shows_its_data_and_says_why_nothing_saves(small_disk, qtbot, boxes):
    disk = small_disk("8m")
    data_dir = disk.path / "data"
    store = open_store(data_dir)
    people.save_person(None, {"first_name": "Readable", "last_name": "Person"})
    close_store(store)
    disk.make_read_only()

    rebound = Rebound(data_dir)
    rebound.open()
    window = rebound.show_window()
    try:
        label = window.findChild(QLabel, "readOnlyNotice")
        assert label is not None and label.isVisible()
        assert f"Your data folder {data_dir} is on a read-only disk." in label.text()
        assert "(read-only)" in window.windowTitle()
        form = _new_person_form(window, qtbot, "Nope")
        boxes.answer("Not now")
        assert not form.save()
        assert boxes.seen[0]["text"].startswith("Your data folder is read-only: the last "
                                                "change was not saved.")
        assert form.editor("first_name").value() == "Nope"
        form.revert()
        assert window.current_view().model.rowCount() == 1
    finally:
        window.close()
        rebound.close()


def test_a_failed_update_names_the_version(data_dir, boxes, monkeypatch, helpers):
    store = open_store(data_dir)
    people.save_person(None, {"first_name": "Before"})
    close_store(store)
    broken = Migration(MIGRATIONS[-1].version + 1, "broken",
                       ('CREATE TABLE "person_search" ("x")',))
    from desktop.store import migrations

    real_migrate = migrations.migrate
    monkeypatch.setattr(lifecycle, "migrate",
                        lambda path, before_each=None: real_migrate(
                            path, before_each, migrations=(*MIGRATIONS, broken)))
    boxes.answer("OK")

    with pytest.raises(MigrationFailed):
        Rebound(data_dir).open()

    (shown,) = boxes.seen
    assert shown["title"] == "Rebound could not update your data"
    assert shown["text"] == (f"Rebound could not update your data to format {broken.version}. "
                             "Your data has not been changed.")
    assert "already exists" not in shown["text"]


def test_a_data_folder_that_is_a_file_gets_a_dialog_not_a_traceback(tmp_path, boxes):
    from desktop.ui.startup.app import run_app

    taken = tmp_path / "Rebound"
    taken.write_text("my shopping list")
    boxes.answer("OK")

    assert run_app(["--data-dir", str(taken)]) == 2

    (shown,) = boxes.seen
    assert shown["title"] == "Rebound cannot use its data folder"
    assert shown["text"].startswith(f"{taken} is a file, not a folder")
    assert taken.read_text() == "my shopping list"


def test_the_self_test_reports_a_failed_update_as_json(tmp_path, rebound_cli, helpers):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    db_path = data_dir / "rebound.db"
    db_path.write_bytes((helpers.FIXTURES / "schema_v1.db").read_bytes())
    conn = sqlite3.connect(db_path)
    conn.execute('CREATE TABLE "person_search" ("x")')  # in the way of format 2
    conn.commit()
    conn.close()

    done = rebound_cli("--data-dir", data_dir, "--self-test")

    assert done.returncode == 2
    report = json.loads(done.stdout)
    assert report["ok"] is False
    assert report["error"] == ("Rebound could not update your data to format 2. Your data "
                               "has not been changed.")
    assert helpers.pragma(db_path, "user_version") == 1


# --- Privacy on disk ---------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_every_file_rebound_makes_is_private(tmp_path, qtbot, monkeypatch):
    from desktop.logs import setup_logging

    old = os.umask(0o022)
    try:
        data_dir = tmp_path / "data"
        rebound = Rebound(data_dir)
        rebound.open()
        setup_logging(data_dir)
        people.save_person(None, {"first_name": "Private"})
        window = rebound.show_window()
        lifecycle.backup_now(rebound.store)
        import logging

        logging.getLogger("rebound").error("a line for the log")
        window.save_state()
        files = {p.name: stat.S_IMODE(p.stat().st_mode) for p in
                 [*data_dir.iterdir(), *(data_dir / "backups").iterdir()] if p.is_file()}
        window.close()
        rebound.close()
    finally:
        os.umask(old)
    for name in ("rebound.db", "rebound.db-wal", "rebound.db-shm", "rebound.log",
                 "ui-state.ini", "rebound.running"):
        assert files.pop(name) == 0o600, name
    assert files and set(files.values()) == {0o600}, files  # the backup
