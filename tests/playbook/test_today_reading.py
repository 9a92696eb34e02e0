"""Today's reading, and start-up's first look at the file (``boot`` rule 7): the
first look reads what the open store reads, and steps aside for every file that
needs the store's own opening first."""

import datetime
import shutil
import sqlite3
import subprocess
import sys

import pytest

from desktop.clock import local_today
from desktop.devdata.sample import load_sample_data
from desktop.paths import DATABASE_NAME, RUNNING_MARKER
from desktop.playbook import today as today_reading
from desktop.playbook.settings import load_playbook_settings, save_playbook_settings
from desktop.store import lifecycle, steps
from desktop.store.data_format import SCHEMA_VERSION


@pytest.fixture
def sample_dir(tmp_path):
    """The sample data, with Lars not heard from for 200 days (so someone is going
    cold), closed cleanly as a window leaves it."""
    data_dir = tmp_path / "data"
    store = lifecycle.open_store(data_dir)
    load_sample_data()
    lifecycle.close_store(store)
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    with conn:
        conn.execute("UPDATE person SET last_contact_at = ? WHERE first_name = 'Lars'",
                     (f"{local_today() - datetime.timedelta(days=200)} 09:00:00",))
    conn.close()
    return data_dir


def look(data_dir, today):
    """The first look's reading, its connection let go of; None when it stepped aside."""
    first = today_reading.first_look(data_dir, today)
    if first is None:
        return None
    first.close()
    return first.reading


def test_the_first_look_reads_what_the_open_store_reads(sample_dir):
    today = local_today()
    first = look(sample_dir, today)
    assert first is not None
    store = lifecycle.open_store(sample_dir)
    try:
        assert today_reading.from_store(today) == first
    finally:
        lifecycle.close_store(store)
    # The sample has something in every part, so the comparison compared something.
    assert first.due.total and first.due.first_page
    assert first.coming.total and first.cold and first.results.sent
    assert first.late <= first.due.total


def test_the_first_look_follows_the_saved_check_in_cadence(sample_dir):
    today = local_today()
    assert look(sample_dir, today).cold
    store = lifecycle.open_store(sample_dir)
    settings = load_playbook_settings()
    settings.checkin_months = 120
    save_playbook_settings(settings)
    lifecycle.close_store(store)
    assert look(sample_dir, today).cold == []


def test_more_steps_continue_where_the_first_page_stopped(sample_dir, monkeypatch):
    monkeypatch.setattr(today_reading, "PAGE_ROWS", 2)
    today = local_today() + datetime.timedelta(days=60)  # everything planned is due
    first = look(sample_dir, today)
    assert first.due.total > 4
    store = lifecycle.open_store(sample_dir)
    try:
        second = today_reading.more_steps(first.due, 2)
        every = steps.open_steps_between(None, today)  # all of them, earliest first
    finally:
        lifecycle.close_store(store)
    assert [row.id for row in first.due.first_page + second] == [row.id for row in every[:4]]


# Every file that needs the store's own opening first ------------------------------


def _set_format(db_path, version: int) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


def _left_running(data_dir) -> None:
    (data_dir / RUNNING_MARKER).write_text("4242:1")


def _log_left_behind(data_dir) -> None:
    (data_dir / f"{DATABASE_NAME}-wal").write_bytes(b"\x37\x7f\x06\x82" + bytes(28))


def _not_sqlite(data_dir) -> None:
    (data_dir / DATABASE_NAME).write_bytes(b"This is a letter, not a database.\n" * 200)


def _damaged(data_dir) -> None:
    path = data_dir / DATABASE_NAME
    data = bytearray(path.read_bytes())
    data[100:4096] = bytes(len(data[100:4096]))  # the schema's page, zeroed
    path.write_bytes(bytes(data))


def _empty(data_dir) -> None:
    (data_dir / DATABASE_NAME).write_bytes(b"")


def _missing(data_dir) -> None:
    (data_dir / DATABASE_NAME).unlink()


def _a_folder_in_its_place(data_dir) -> None:
    _missing(data_dir)
    (data_dir / DATABASE_NAME).mkdir()


@pytest.mark.parametrize("change", [
    _left_running, _log_left_behind, _not_sqlite, _damaged, _empty, _missing,
    _a_folder_in_its_place,
    lambda data_dir: _set_format(data_dir / DATABASE_NAME, SCHEMA_VERSION - 1),
    lambda data_dir: _set_format(data_dir / DATABASE_NAME, SCHEMA_VERSION + 1),
], ids=["unclean exit", "write-ahead log left", "not SQLite", "damaged", "empty",
        "missing", "a folder", "older format", "newer format"])
def test_the_first_look_steps_aside(sample_dir, change):
    change(sample_dir)
    assert look(sample_dir, local_today()) is None


def test_the_first_look_steps_aside_for_data_that_cannot_be_written(sample_dir, monkeypatch):
    # Tests may run as root, whom permissions do not stop: the check is asked instead.
    db_path = sample_dir / DATABASE_NAME
    monkeypatch.setattr(today_reading.os, "access",
                        lambda path, mode: not (mode == today_reading.os.W_OK
                                                and str(path) == str(db_path)))
    assert look(sample_dir, local_today()) is None


def test_the_first_look_changes_nothing(sample_dir):
    """The data file is as it was; SQLite may leave its empty shared-memory and log
    files beside it (a reader cannot remove them), which the store's opening takes
    over, and which the next first look accepts."""
    before = sorted(path.name for path in sample_dir.iterdir())
    kept = sample_dir.parent / "kept.db"
    shutil.copyfile(sample_dir / DATABASE_NAME, kept)
    for _start in range(2):
        assert look(sample_dir, local_today()) is not None
    assert (sample_dir / DATABASE_NAME).read_bytes() == kept.read_bytes()
    sqlite_own = {f"{DATABASE_NAME}-wal", f"{DATABASE_NAME}-shm"}
    assert sorted(path.name for path in sample_dir.iterdir()
                  if path.name not in sqlite_own) == before
    assert (sample_dir / f"{DATABASE_NAME}-wal").stat().st_size == 0


# Whether the first frame still shows the data once the store is open ---------------


def test_opening_the_store_changes_nothing_the_first_look_saw(sample_dir):
    first = today_reading.first_look(sample_dir, local_today())
    store = lifecycle.open_store(sample_dir)
    try:
        assert first.unchanged()
    finally:
        first.close()
        lifecycle.close_store(store)


def test_a_change_saved_after_the_first_look_is_noticed(sample_dir):
    first = today_reading.first_look(sample_dir, local_today())
    store = lifecycle.open_store(sample_dir)
    try:
        settings = load_playbook_settings()
        settings.checkin_months = 6
        save_playbook_settings(settings)
        assert not first.unchanged()
    finally:
        first.close()
        lifecycle.close_store(store)


def test_a_change_saved_by_another_program_is_noticed(sample_dir):
    first = today_reading.first_look(sample_dir, local_today())
    try:
        subprocess.run([sys.executable, "-c", (
            "import sqlite3, sys; conn = sqlite3.connect(sys.argv[1]); "
            "conn.execute(\"UPDATE person SET notes = 'met again' WHERE id = 1\"); "
            "conn.commit()"), str(sample_dir / DATABASE_NAME)], check=True)
        assert not first.unchanged()
    finally:
        first.close()


def test_a_first_look_that_cannot_tell_says_changed(sample_dir):
    first = today_reading.first_look(sample_dir, local_today())
    first.close()
    assert not first.unchanged()
