"""A folder that held data but has no usable ``rebound.db`` is damage, never a first start.

Before this was fixed, a zero-length or missing ``rebound.db`` beside backups
silently became a new empty database: the self-test said ``"ok": true`` with 0
people, and the next automatic backup copied the empty file.
"""

import json

import pytest

from desktop.paths import DATABASE_NAME
from desktop.store import backups, people
from desktop.store.lifecycle import (
    DatabaseMissing,
    backup_now,
    close_store,
    earlier_data,
    open_store,
)

pytestmark = pytest.mark.slow


@pytest.fixture
def with_backup(data_dir, add_people):
    """A closed store of 40 people and a verified backup of it."""
    store = open_store(data_dir)
    add_people(40)
    backup = backup_now(store)
    close_store(store)
    return data_dir, backup


def _folder(data_dir) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file()
            and p.name != "rebound.log"}


@pytest.mark.parametrize("how", ["zero-length", "deleted", "interrupted-restore"])
def test_self_test_refuses_a_missing_database_and_touches_nothing(with_backup, rebound_cli,
                                                                    helpers, how):
    data_dir, backup = with_backup
    db_path = data_dir / DATABASE_NAME
    if how == "zero-length":
        db_path.write_bytes(b"")
    elif how == "deleted":
        db_path.unlink()
    else:  # what a restore killed between "move the old file away" and "copy" left
        db_path.replace(data_dir / "rebound.db.partial")
    digest = helpers.sha256(backup)
    before = _folder(data_dir)

    done = rebound_cli("--data-dir", data_dir, "--self-test")

    assert done.returncode == 2, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] is False
    assert "Your Rebound data is missing" in report["error"]
    assert "1 backup" in report["error"]
    assert helpers.sha256(backup) == digest
    assert _folder(data_dir) == before  # nothing created, nothing changed
    assert not (data_dir / "rebound.db-wal").exists()


def test_a_set_aside_file_alone_also_counts_as_earlier_data(data_dir):
    data_dir.mkdir()
    (data_dir / "rebound-damaged-20261101T101010000000Z.db").write_bytes(b"junk")
    with pytest.raises(DatabaseMissing) as caught:
        open_store(data_dir)
    assert "rebound-damaged-20261101T101010000000Z.db" in caught.value.detail
    assert not (data_dir / DATABASE_NAME).exists()


def test_a_truly_first_start_still_makes_a_new_database(tmp_path, rebound_cli):
    data_dir = tmp_path / "fresh"
    done = rebound_cli("--data-dir", data_dir, "--self-test")
    report = json.loads(done.stdout)
    assert done.returncode == 0, done.stderr
    assert (report["ok"], report["people"]) == (True, 0)
    assert earlier_data(open_and_close(data_dir)) == ""


def open_and_close(data_dir):
    store = open_store(data_dir)
    close_store(store)
    return store


def test_starting_empty_is_a_choice_and_keeps_the_backups(with_backup):
    data_dir, backup = with_backup
    (data_dir / DATABASE_NAME).unlink()
    store = open_store(data_dir, start_empty=True)
    try:
        assert people.count_people() == 0
    finally:
        close_store(store)
    assert backup.exists()
    assert backups.record_count(backup) == 40


def test_restoring_brings_the_data_back(with_backup, rebound_cli):
    data_dir, backup = with_backup
    (data_dir / DATABASE_NAME).write_bytes(b"")

    done = rebound_cli("--data-dir", data_dir, "restore")

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Restored {backup}.")
    store = open_store(data_dir)
    try:
        assert people.count_people() == 40
    finally:
        close_store(store)
