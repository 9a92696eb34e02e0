"""Damage does not go unnoticed: crash markers, wrong clocks, commands on damaged files,
and what killed processes leave behind.

Before this was fixed: every command deleted the window's crash marker, so a
kill -9 of the window went unchecked; a check stamped in 2099 put the daily check
off for good; ``import`` wrote into a file with a torn page and ``export`` printed
a traceback on it; killed backups left their partial copies for ever.
"""

import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta

import pytest

from desktop import processes
from desktop.clock import utcnow
from desktop.paths import DATABASE_NAME
from desktop.store import backups, people
from desktop.store.backups import BackupReason, create_backup, prune
from desktop.store.connection import DAMAGE_MESSAGE
from desktop.store.lifecycle import (
    RUNNING_MARKER,
    close_store,
    open_store,
    quick_check_due,
    record_quick_check,
)

pytestmark = pytest.mark.slow

FUTURE = datetime(2099, 1, 1, 9, 0)


def _one_line(done) -> str:
    assert "Traceback" not in done.stderr, done.stderr
    (line,) = done.stderr.strip().splitlines()
    return line


# --- The crash marker -------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_command_after_the_window_was_killed_leaves_its_crash_marker(tmp_path, rebound_cli):
    data_dir = tmp_path / "data"
    assert rebound_cli("--data-dir", data_dir, "demo", "--people", "30").returncode == 0
    window = subprocess.Popen([sys.executable, "-m", "desktop", "--data-dir", str(data_dir)],
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    marker = data_dir / RUNNING_MARKER
    try:
        deadline = time.monotonic() + 60
        while not (marker.exists() and marker.read_text().startswith(f"{window.pid}:")):
            assert time.monotonic() < deadline, "the window never started"
            time.sleep(0.05)
        token = marker.read_text()
        # A command while the window runs: the marker is the window's, and stays.
        assert rebound_cli("--data-dir", data_dir, "backup").returncode == 0
        assert marker.read_text() == token
    finally:
        window.send_signal(signal.SIGKILL)
        window.wait(30)

    assert rebound_cli("--data-dir", data_dir, "backup").returncode == 0
    assert rebound_cli("--data-dir", data_dir, "export", "people", "--format", "csv",
                       "-o", tmp_path / "people.csv").returncode == 0
    assert marker.read_text() == token  # only the window could have removed it

    store = open_store(data_dir)  # the window's next start
    try:
        assert store.recovered_from_unclean_exit
    finally:
        close_store(store)
    assert not marker.exists()


def test_a_marker_of_a_live_process_is_not_a_crash(data_dir):
    close_store(open_store(data_dir))
    (data_dir / RUNNING_MARKER).write_text(processes.this_process())
    store = open_store(data_dir)
    try:
        assert not store.recovered_from_unclean_exit
    finally:
        close_store(store)
    assert (data_dir / RUNNING_MARKER).exists()  # not ours to remove


# --- A clock set to 2099 -----------------------------------------------------------------


def test_a_check_recorded_in_the_future_is_due_now(store):
    record_quick_check(FUTURE)
    assert quick_check_due()


def test_recovery_never_prefers_a_backup_stamped_in_the_future(store, add_people):
    add_people(10)
    # The app ran once with the clock in 2099: its start-up backup has that stamp.
    wrong = create_backup(store.db_path, store.backup_dir, BackupReason.AUTO, now=FUTURE)
    add_people(5, prefix="Later")
    right = create_backup(store.db_path, store.backup_dir, BackupReason.AUTO)

    newest = backups.newest_good_backup(store.backup_dir)
    assert newest.path == right
    listed = backups.list_backups(store.backup_dir)
    assert [b.path for b in listed] == [right, wrong]
    assert listed[1].created < utcnow()  # dated by what it holds, not by its stamp
    prune(store.backup_dir)
    assert wrong.exists()


# --- Commands on a damaged file ----------------------------------------------------------


@pytest.fixture
def torn(tmp_path, rebound_cli, helpers):
    """A data folder whose database has one page of the people table overwritten."""
    data_dir = tmp_path / "data"
    assert rebound_cli("--data-dir", data_dir, "demo", "--people", "400").returncode == 0
    db_path = data_dir / DATABASE_NAME
    page = helpers.pragma(db_path, "page_size")
    conn = helpers.read_only(db_path)  # the page the person table starts on
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'person'"
                           ).fetchone()
    conn.close()
    helpers.overwrite(db_path, page * (root - 1), page)
    return data_dir, db_path


def test_import_refuses_a_torn_file_and_writes_nothing(torn, rebound_cli, helpers, tmp_path):
    data_dir, db_path = torn
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("First Name,Last Name\n" + "".join(
        f"Row{i},Fifty\n" for i in range(50)), encoding="utf-8")
    digest = helpers.sha256(db_path)

    done = rebound_cli("--data-dir", data_dir, "import", contacts)

    assert done.returncode == 1
    assert _one_line(done).startswith(f"rebound: {DAMAGE_MESSAGE}")
    assert helpers.sha256(db_path) == digest


def test_export_of_a_torn_file_is_one_line(torn, rebound_cli, helpers, tmp_path):
    data_dir, db_path = torn
    digest = helpers.sha256(db_path)
    done = rebound_cli("--data-dir", data_dir, "export", "people", "--format", "csv",
                       "-o", tmp_path / "people.csv")
    assert done.returncode == 1
    assert _one_line(done).startswith(f"rebound: {DAMAGE_MESSAGE}")
    assert helpers.sha256(db_path) == digest


# --- Litter --------------------------------------------------------------------------


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_copies_left_by_killed_backups_go_at_the_next_start(data_dir):
    close_store(open_store(data_dir))
    folder = data_dir / "backups"
    folder.mkdir(exist_ok=True)
    dead, alive = _dead_pid(), os.getppid()
    name = "rebound-20261101T101010000000Z-auto.db"
    stale = [f"{name}.{dead}.partial", f"{name}.{dead}.partial-journal", f"{name}.partial"]
    kept = [f"{name}.{alive}.partial", "rebound.db.partial-notes.txt", "holiday.partial"]
    for file in stale + kept:
        (folder / file).write_bytes(b"x" * 1024)
    an_hour_ago = time.time() - 2 * 3600
    os.utime(folder / f"{name}.partial", (an_hour_ago, an_hour_ago))
    fresh_legacy = folder / "rebound-20261101T111111000000Z-auto.db.partial"
    fresh_legacy.write_bytes(b"being written by an older Rebound")

    close_store(open_store(data_dir))

    left = {p.name for p in folder.iterdir()}
    assert not left & set(stale)
    assert set(kept) | {fresh_legacy.name} <= left


# --- Rotation after the data shrank ------------------------------------------------------


def test_the_last_backup_with_data_outlives_the_rotation(store, add_people):
    add_people(50)
    start = utcnow() - timedelta(hours=20)
    with_data = create_backup(store.db_path, store.backup_dir, BackupReason.AUTO, now=start)
    for person in people.search_people("", limit=100):
        people.delete_person(person.id)
    for hour in range(1, 16):  # many backups of the emptied data, all the same day
        create_backup(store.db_path, store.backup_dir, BackupReason.AUTO,
                      now=start + timedelta(hours=hour))

    assert with_data.exists()
    autos = [b for b in backups.list_backups(store.backup_dir) if b.reason is BackupReason.AUTO]
    assert len(autos) == backups.KEEP_NEWEST + 1
    assert backups.record_count(with_data) == 50
