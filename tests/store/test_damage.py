"""Damaged files are recognised, never written to, and can be replaced by a backup."""

import sqlite3

import peewee
import pytest

from desktop.paths import DATABASE_NAME
from desktop.store import backups, people
from desktop.store.backups import BackupFailed, BackupReason, create_backup, restore_backup
from desktop.store.connection import db
from desktop.store.data_format import DatabaseDamaged
from desktop.store.failures import says_damaged, storage_error_in
from desktop.store.lifecycle import (
    RUNNING_MARKER,
    close_store,
    open_store,
    run_quick_check,
)
from desktop.store.models import Company, Person


@pytest.fixture
def filled(data_dir, add_people):
    """A closed store of 300 people (a few hundred KB), plus a verified backup of it."""
    store = open_store(data_dir)
    add_people(300, company="Acme Corp")
    backup = create_backup(store.db_path, store.backup_dir, BackupReason.AUTO)
    close_store(store)
    return store, backup


def _unclean(data_dir) -> None:
    """Leave the marker a session writes at start and removes at a clean exit."""
    (data_dir / RUNNING_MARKER).write_text("31337")


def _siblings(path):
    return {p.name for p in path.parent.iterdir() if p.name.startswith(path.name)}


# --- Not a database at all -------------------------------------------------------------


@pytest.mark.parametrize("unclean", [False, True], ids=["clean", "after-crash"])
def test_garbage_file_is_refused_and_left_untouched(data_dir, helpers, unclean):
    data_dir.mkdir()
    path = data_dir / DATABASE_NAME
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 64)  # e.g. a zip saved over it
    if unclean:
        _unclean(data_dir)
    digest = helpers.sha256(path)

    with pytest.raises(DatabaseDamaged) as caught:
        open_store(data_dir)

    assert caught.value.path == path
    assert "not a Rebound database" in caught.value.detail
    assert helpers.sha256(path) == digest
    assert _siblings(path) == {DATABASE_NAME}  # no -wal or -shm created next to it
    assert db.is_closed()


def test_empty_file_becomes_a_new_database(data_dir):
    data_dir.mkdir()
    (data_dir / DATABASE_NAME).write_bytes(b"")
    store = open_store(data_dir)
    try:
        people.save_person(None, {"first_name": "Ada"})
        assert people.count_people() == 1
    finally:
        close_store(store)


# --- Truncated and corrupted files -----------------------------------------------------


def test_truncated_file_after_a_crash_is_refused_untouched(filled, data_dir, helpers):
    store, _ = filled
    data = store.db_path.read_bytes()
    store.db_path.write_bytes(data[: len(data) // 2])
    _unclean(data_dir)
    digest = helpers.sha256(store.db_path)

    with pytest.raises(DatabaseDamaged) as caught:
        open_store(data_dir)

    assert caught.value.path == store.db_path
    assert helpers.sha256(store.db_path) == digest
    assert db.is_closed()
    assert list(store.backup_dir.iterdir()) == [filled[1]]  # no new backup of a bad file


def test_corrupted_page_is_caught_at_an_unclean_start(filled, data_dir, helpers):
    store, _ = filled
    size = store.db_path.stat().st_size
    helpers.overwrite(store.db_path, size // 2, 4096)
    _unclean(data_dir)
    digest = helpers.sha256(store.db_path)

    with pytest.raises(DatabaseDamaged) as caught:
        open_store(data_dir)

    # SQLite's words depend on which page the damage hit (11 is SQLITE_CORRUPT).
    assert any(word in caught.value.detail
               for word in ("malformed", "corrupt", "error code 11")), caught.value.detail
    assert helpers.sha256(store.db_path) == digest


def test_corrupted_page_is_caught_by_the_background_check(filled, data_dir, helpers):
    store, _ = filled
    assert run_quick_check(store) == "ok"
    size = store.db_path.stat().st_size
    helpers.overwrite(store.db_path, size // 2, 4096)

    reopened = open_store(data_dir)  # clean exit last time: no check at start
    try:
        verdict = run_quick_check(reopened)
    finally:
        close_store(reopened)
    assert verdict != "ok"
    assert any(word in verdict for word in ("malformed", "corrupt", "error code 11")), verdict


# --- Restoring a backup ----------------------------------------------------------------


def test_restore_moves_the_damaged_file_aside_and_brings_back_the_backup(
    filled, data_dir, helpers
):
    store, backup = filled
    reopened = open_store(data_dir)
    people.save_person(None, {"first_name": "After", "last_name": "Backup"})
    close_store(reopened)
    size = store.db_path.stat().st_size
    helpers.overwrite(store.db_path, size // 2, 8192)
    # A crash left a -wal beside the damaged file; it must not be applied to the backup.
    wal = store.db_path.with_name(DATABASE_NAME + "-wal")
    wal.write_bytes(b"stale wal from the damaged file" * 100)
    damaged_digest = helpers.sha256(store.db_path)
    wal_digest = helpers.sha256(wal)

    aside = restore_backup(store.db_path, backup)

    assert aside.exists() and aside != store.db_path
    assert aside.parent == data_dir
    assert helpers.sha256(aside) == damaged_digest
    assert helpers.sha256(aside.with_name(aside.name + "-wal")) == wal_digest
    assert not wal.exists()
    assert backup.exists()

    restored = open_store(data_dir)
    try:
        assert run_quick_check(restored) == "ok"
        assert people.count_people() == 300
        assert people.count_people("after backup") == 0
        assert people.count_people("person0123") == 1
        assert Company.get().name == "Acme Corp"
        people.save_person(None, {"first_name": "Fresh"})
        assert people.count_people("fresh") == 1
    finally:
        close_store(restored)


def test_restore_refuses_a_damaged_backup_and_keeps_the_current_file(filled, helpers):
    store, backup = filled
    helpers.overwrite(backup, backup.stat().st_size // 3, 8192)
    digest = helpers.sha256(store.db_path)

    with pytest.raises(BackupFailed):
        restore_backup(store.db_path, backup)

    assert helpers.sha256(store.db_path) == digest
    assert sorted(p.name for p in store.data_dir.glob("rebound*.db")) == [DATABASE_NAME]


def test_newest_good_backup_then_restore_after_damage(filled, data_dir, helpers):
    """The whole recovery a user walks through: damage found, newest good copy restored."""
    store, good = filled
    reopened = open_store(data_dir)
    people.save_person(None, {"first_name": "Later"})
    newer = create_backup(store.db_path, store.backup_dir, BackupReason.MANUAL)
    close_store(reopened)
    helpers.overwrite(newer, newer.stat().st_size // 2, 8192)
    helpers.overwrite(store.db_path, store.db_path.stat().st_size // 2, 8192)
    _unclean(data_dir)
    with pytest.raises(DatabaseDamaged):
        open_store(data_dir)

    chosen = backups.newest_good_backup(store.backup_dir)
    assert chosen.path == good
    restore_backup(store.db_path, chosen.path, set_aside_label="damaged")
    assert len(list(data_dir.glob("rebound-damaged-*.db"))) == 1

    restored = open_store(data_dir)
    try:
        assert people.count_people() == 300
    finally:
        close_store(restored)


# --- Recognising damage in errors ------------------------------------------------------


def _peewee_error(path, sql: str) -> peewee.PeeweeException:
    other = peewee.SqliteDatabase(str(path))
    try:
        with pytest.raises(peewee.DatabaseError) as caught:
            other.execute_sql(sql).fetchall()
    finally:
        other.close()
    return caught.value


def test_peewee_wrapped_malformed_error_is_damage(filled, helpers):
    store, _ = filled
    conn = sqlite3.connect(store.db_path)
    root, page_size = conn.execute(
        "SELECT rootpage, (SELECT page_size FROM pragma_page_size()) "
        "FROM sqlite_master WHERE name = 'person'"
    ).fetchone()
    conn.close()
    helpers.overwrite(store.db_path, (root - 1) * page_size, page_size)

    error = _peewee_error(store.db_path, "SELECT * FROM person")

    assert "malformed" in str(error)
    # peewee's own exception type, wrapping sqlite3's.
    assert not isinstance(error, sqlite3.DatabaseError)
    assert says_damaged(error)
    assert storage_error_in(error) is error


def test_not_a_database_error_is_damage(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"\x13" * 8192)
    assert says_damaged(_peewee_error(path, "SELECT * FROM sqlite_master"))


def test_an_error_raised_while_handling_damage_leads_back_to_it():
    try:
        try:
            raise sqlite3.DatabaseError("database disk image is malformed")
        except sqlite3.DatabaseError:
            raise RuntimeError("could not load the page") from None
    except RuntimeError as outer:
        # ``from None`` hides the cause from tracebacks but keeps __context__.
        found = storage_error_in(outer)
    assert str(found) == "database disk image is malformed"
    assert says_damaged(found)


def test_ordinary_errors_are_not_damage(store):
    Company.create(name="Acme Corp")
    with pytest.raises(peewee.IntegrityError) as unique:
        Company.create(name="ACME CORP")
    assert storage_error_in(unique.value) is None
    with pytest.raises(peewee.IntegrityError) as check:
        Person.create(first_name="", last_name="", email="")
    assert storage_error_in(check.value) is None
    with pytest.raises(peewee.OperationalError) as missing:
        db.execute_sql("SELECT * FROM no_such_table")
    assert storage_error_in(missing.value) is None
    assert storage_error_in(ValueError("corrupt input")) is None  # not a database error
    assert storage_error_in(None) is None
