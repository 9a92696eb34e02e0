"""Opening and closing the store: the running marker, checks after a crash, privacy."""

import os
import stat
from datetime import timedelta

import pytest

from desktop import processes
from desktop.clock import utcnow
from desktop.store import lifecycle, people
from desktop.store.lifecycle import (
    QUICK_CHECK_INTERVAL,
    RUNNING_MARKER,
    close_store,
    open_store,
    quick_check_due,
    record_quick_check,
)


def test_marker_exists_only_while_the_store_is_open(data_dir):
    store = open_store(data_dir)
    assert (data_dir / RUNNING_MARKER).read_text() == processes.this_process()
    close_store(store)
    assert not (data_dir / RUNNING_MARKER).exists()

    again = open_store(data_dir)
    close_store(again)
    assert not again.recovered_from_unclean_exit


def test_data_survives_a_clean_close_and_reopen(data_dir):
    store = open_store(data_dir)
    people.save_person(None, {"first_name": "Zoë", "company": "Ærø Shipping"})
    close_store(store)
    store = open_store(data_dir)
    try:
        (row,) = people.person_rows("zoe", "name", False, 0, 10)
        assert (row.first_name, row.company) == ("Zoë", "Ærø Shipping")
    finally:
        close_store(store)


def test_start_after_a_crash_checks_the_file_and_records_it(data_dir):
    close_store(open_store(data_dir))
    (data_dir / RUNNING_MARKER).write_text("999999")
    store = open_store(data_dir)
    try:
        assert store.recovered_from_unclean_exit
        # The check at start counts as today's check.
        assert not quick_check_due()
        assert quick_check_due(utcnow() + QUICK_CHECK_INTERVAL + timedelta(minutes=1))
    finally:
        close_store(store)


def test_quick_check_is_due_daily(store):
    assert quick_check_due()  # never checked yet
    now = utcnow()
    record_quick_check(now)
    assert not quick_check_due(now + QUICK_CHECK_INTERVAL - timedelta(seconds=1))
    assert quick_check_due(now + QUICK_CHECK_INTERVAL)
    assert lifecycle.run_quick_check(store) == "ok"


def test_recording_a_check_is_not_a_change_to_back_up(store):
    from desktop.store.backups import backup_due

    lifecycle.backup_now(store)
    record_quick_check()
    assert not backup_due(store.db_path)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_data_folder_is_private(tmp_path):
    data_dir = tmp_path / "shared" / "data"
    old = os.umask(0o022)
    try:
        store = open_store(data_dir)
    finally:
        os.umask(old)
    close_store(store)
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
