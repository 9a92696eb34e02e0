"""Upgrading old files, refusing newer ones, and rolling back a migration that fails."""

import functools
import shutil
import sqlite3

import pytest

from desktop.paths import DATABASE_NAME
from desktop.store import backups, migrations, people
from desktop.store.connection import db, user_version
from desktop.store.data_format import SCHEMA_VERSION, DatabaseTooNew, MigrationFailed
from desktop.store.lifecycle import RUNNING_MARKER, close_store, open_store
from desktop.store.migrations import MIGRATIONS, Migration
from desktop.store.models import Application, Company, Interaction, Involvement, Person

V1_TABLES = ("meta", "company", "person", "application", "involvement", "interaction")


@pytest.fixture
def v1_copy(data_dir, helpers):
    """The committed schema-1 database, copied to where Rebound looks for it."""
    data_dir.mkdir(parents=True)
    target = data_dir / DATABASE_NAME
    shutil.copyfile(helpers.FIXTURES / "schema_v1.db", target)
    return target


def test_fixture_really_is_schema_version_1(v1_copy, helpers):
    assert helpers.pragma(v1_copy, "user_version") == 1
    assert helpers.pragma(v1_copy, "integrity_check") == "ok"
    conn = helpers.read_only(v1_copy)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    assert "person_search" not in tables
    assert set(V1_TABLES) <= tables


def test_upgrading_a_version_1_file_keeps_every_row(v1_copy, data_dir, helpers):
    before = {table: helpers.table_rows(v1_copy, table) for table in V1_TABLES}
    assert len(before["person"]) == 5

    store = open_store(data_dir)
    try:
        assert store.schema_version == SCHEMA_VERSION
        assert user_version() == SCHEMA_VERSION
        assert [m.version for m in store.migrations_applied] == list(
            range(2, SCHEMA_VERSION + 1)
        )
        # Every row of every table comes through unchanged (later migrations may
        # only append columns, with their defaults).
        for table in V1_TABLES:
            if table == "meta":
                continue
            after = helpers.table_rows(v1_copy, table)
            assert len(after) == len(before[table]), table
            assert [row[: len(old)] for row, old in zip(after, before[table], strict=True)] \
                == before[table], table

        # ...and reads back through the models as the user entered it.
        zoe = Person.get_by_id(1)
        assert (zoe.first_name, zoe.last_name, zoe.company.name) == (
            "Zoë", "Ångström", "Müller & Söhne GmbH"
        )
        assert Application.get_by_id(1).rejection_reason.startswith("Went with someone")
        assert Interaction.get_by_id(2).body == "Danke für das Gespräch!"
        assert Involvement.select().count() == 3
        assert Company.get_by_id(3).location == "Mladá Boleslav"

        # The new search index covers the people who were already there.
        assert {r.id for r in people.person_rows("zoe", "name", False, 0, 50)} == {1}
        assert {r.id for r in people.person_rows("nunez", "name", False, 0, 50)} == {2}
        assert {r.id for r in people.person_rows("skoda", "name", False, 0, 50)} == {4, 5}
        assert people.count_people("łukasz dabrowski") == 1
        assert people.count_people("mueller") == 1  # e-mail
        assert people.count_people() == 5
        # The user's own revision counter is carried over, not reset.
        meta = dict(helpers.table_rows(v1_copy, "meta"))
        assert meta["revision"] == "14"
    finally:
        close_store(store)


def test_upgrade_leaves_a_backup_of_the_old_file(v1_copy, data_dir, helpers):
    old_people = helpers.table_rows(v1_copy, "person")
    store = open_store(data_dir)
    close_store(store)

    found = backups.list_backups(store.backup_dir)
    assert [b.reason for b in found] == [backups.BackupReason.MIGRATION] * (SCHEMA_VERSION - 1)
    oldest = found[-1]
    assert helpers.pragma(oldest.path, "user_version") == 1
    assert backups.integrity_check(oldest.path) == "ok"
    assert helpers.table_rows(oldest.path, "person") == old_people


def _schema(path) -> set[tuple]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    finally:
        conn.close()
    return {(kind, name, table, " ".join((sql or "").split())) for kind, name, table, sql in rows}


def test_upgraded_file_has_exactly_the_schema_of_a_new_one(v1_copy, data_dir, tmp_path):
    """Same tables, indexes and triggers either way. This also fails if a shipped
    migration is edited instead of a new one being added."""
    close_store(open_store(data_dir))
    fresh_dir = tmp_path / "fresh"
    close_store(open_store(fresh_dir))
    upgraded, fresh = _schema(v1_copy), _schema(fresh_dir / DATABASE_NAME)
    assert upgraded - fresh == set()
    assert fresh - upgraded == set()


def test_upgraded_file_accepts_new_people_and_finds_them(v1_copy, data_dir):
    store = open_store(data_dir)
    try:
        new = people.save_person(None, {"first_name": "Ingrid", "company": "Acme Corp"})
        assert new.company_id == 2  # the existing company, not a duplicate
        assert {r.id for r in people.person_rows("acme", "name", False, 0, 50)} == {2, new.id}
    finally:
        close_store(store)


def test_new_file_gets_the_current_schema_without_backups(data_dir):
    store = open_store(data_dir)
    close_store(store)
    assert store.schema_version == SCHEMA_VERSION
    assert [m.version for m in store.migrations_applied] == [m.version for m in MIGRATIONS]
    assert backups.list_backups(store.backup_dir) == []


def test_reopening_a_current_file_applies_nothing(data_dir):
    close_store(open_store(data_dir))
    store = open_store(data_dir)
    close_store(store)
    assert store.migrations_applied == []
    assert backups.list_backups(store.backup_dir) == []


# --- A migration that fails rolls back whole ---------------------------------------------


def _with_broken_last(*good: str) -> tuple[Migration, ...]:
    broken = Migration(
        SCHEMA_VERSION + 1, "broken", (*good, "INSERT INTO no_such_table VALUES (1)")
    )
    return (*MIGRATIONS, broken)


def test_failing_migration_rolls_back_and_keeps_the_version(store):
    ada = people.save_person(None, {"first_name": "Ada", "last_name": "Lovelace"})
    broken = _with_broken_last(
        'ALTER TABLE person ADD COLUMN "nickname" TEXT',
        "UPDATE person SET first_name = 'CHANGED'",
        'CREATE TABLE "reminder" ("id" INTEGER PRIMARY KEY)',
    )
    with pytest.raises(MigrationFailed) as caught:
        migrations.migrate(store.db_path, migrations=broken)
    assert caught.value.version == SCHEMA_VERSION + 1

    assert user_version() == SCHEMA_VERSION
    columns = [row[1] for row in db.execute_sql('PRAGMA table_info("person")').fetchall()]
    assert "nickname" not in columns
    assert Person.get_by_id(ada.id).first_name == "Ada"
    tables = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master").fetchall()}
    assert "reminder" not in tables
    # The store still works after the failed attempt.
    people.save_person(None, {"first_name": "Bob"})
    assert people.count_people("bob") == 1


def test_failed_upgrade_at_open_leaves_the_old_file_usable(v1_copy, data_dir, helpers,
                                                           monkeypatch):
    from desktop.store import lifecycle

    broken_v2 = Migration(2, "search, broken", (*MIGRATIONS[1].statements, "DROP TABLE nope"))
    monkeypatch.setattr(
        lifecycle, "migrate", functools.partial(migrations.migrate, migrations=(
            MIGRATIONS[0], broken_v2))
    )
    old_people = helpers.table_rows(v1_copy, "person")

    with pytest.raises(MigrationFailed) as caught:
        open_store(data_dir)
    # The user reads which version could not be reached; SQLite's words are details.
    assert str(caught.value) == ("Rebound could not update your data to format 2. Your "
                                 "data has not been changed.")
    assert "no such table: nope" in caught.value.detail

    assert db.is_closed()
    assert not (data_dir / RUNNING_MARKER).exists()
    assert helpers.pragma(v1_copy, "user_version") == 1
    assert helpers.pragma(v1_copy, "integrity_check") == "ok"
    assert helpers.table_rows(v1_copy, "person") == old_people
    conn = helpers.read_only(v1_copy)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    assert not any(name.startswith("person_search") for name in tables)
    (backup,) = backups.list_backups(data_dir / "backups")
    assert helpers.pragma(backup.path, "user_version") == 1


def test_failing_migration_keeps_the_ones_before_it(data_dir):
    """Each migration is its own step: a failure in the last keeps those before it."""
    data_dir.mkdir()
    path = data_dir / DATABASE_NAME
    from desktop.store.connection import connect

    connect(path)
    try:
        with pytest.raises(MigrationFailed, match=f"format {SCHEMA_VERSION + 1}"):
            migrations.migrate(path, migrations=_with_broken_last("CREATE TABLE t (x)"))
        assert user_version() == SCHEMA_VERSION
        tables = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master").fetchall()}
        assert "person_search" in tables
        assert "t" not in tables
    finally:
        db.close()


def test_backup_runs_before_each_migration_of_an_existing_file(store):
    seen = []
    extra = Migration(SCHEMA_VERSION + 1, "reminders", ('CREATE TABLE "reminder" ("id")',))
    applied = migrations.migrate(
        store.db_path,
        before_each=lambda m: seen.append((m.version, user_version())),
        migrations=(*MIGRATIONS, extra),
    )
    assert applied == [extra]
    # The hook saw the file as it was, before the migration changed anything.
    assert seen == [(SCHEMA_VERSION + 1, SCHEMA_VERSION)]
    assert user_version() == SCHEMA_VERSION + 1


# --- A file from a newer Rebound is refused, untouched -----------------------------------


def _make_too_new(data_dir, journal_mode: str) -> None:
    store = open_store(data_dir)
    people.save_person(None, {"first_name": "Future", "last_name": "Self"})
    close_store(store)
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute(f"PRAGMA journal_mode = {journal_mode}")
    conn.close()


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
@pytest.mark.parametrize("unclean", [False, True], ids=["clean", "after-crash"])
def test_newer_file_is_refused_and_left_byte_identical(data_dir, helpers, unclean,
                                                       journal_mode):
    """Not even the journal mode is switched: the newer Rebound gets its file back as is."""
    _make_too_new(data_dir, journal_mode)
    path = data_dir / DATABASE_NAME
    if unclean:
        (data_dir / RUNNING_MARKER).write_text("4242")
    digest = helpers.sha256(path)

    with pytest.raises(DatabaseTooNew) as caught:
        open_store(data_dir)

    assert caught.value.found == SCHEMA_VERSION + 1
    assert caught.value.supported == SCHEMA_VERSION
    assert "newer version" in str(caught.value)
    assert helpers.sha256(path) == digest
    assert helpers.pragma(path, "user_version") == SCHEMA_VERSION + 1
    assert not (data_dir / "backups").exists() or not any((data_dir / "backups").iterdir())
    assert db.is_closed()


def test_migrate_itself_refuses_a_newer_file(store):
    db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    with pytest.raises(DatabaseTooNew):
        migrations.migrate(store.db_path)
    assert user_version() == SCHEMA_VERSION + 5


def test_the_roles_in_the_people_search_read_as_the_role_column_does():
    """Migration 4 wrote the role labels into the search index's triggers; a label
    changed in ``vocabulary`` must come with a migration that rebuilds the index."""
    from desktop.store.migrations import ROLE_LABELS_IN_SEARCH
    from desktop.vocabulary import HiringRole

    assert {role.value: role.label for role in HiringRole
                                     if role.value} == ROLE_LABELS_IN_SEARCH


def test_people_from_before_migration_4_are_found_by_their_role(tmp_path):
    """A version-3 database with a recruiter in it: after the update, "recruiter"
    finds her, and a role changed later is found by its new name."""
    from desktop.store import lifecycle, people
    from desktop.store.migrations import MIGRATIONS

    data_dir = tmp_path / "data"
    store = lifecycle.open_store(data_dir)
    lifecycle.close_store(store)
    import sqlite3

    from tests.store.older_formats import drop_search_everything

    conn = sqlite3.connect(data_dir / "rebound.db")
    with conn:  # back to format 3, as an older Rebound left it
        drop_search_everything(conn)
        conn.execute("PRAGMA user_version = 0")
        for statement in ("DROP TRIGGER person_search_insert", "DROP TRIGGER person_search_update",
                          "DROP TRIGGER person_search_delete",
                          "DROP TRIGGER person_search_company_rename",
                          "DROP TABLE person_search"):
            conn.execute(statement)
        for statement in MIGRATIONS[1].statements:
            conn.execute(statement)
        conn.execute("INSERT INTO person (first_name, last_name, hiring_role, created_at, "
                     "updated_at) VALUES ('Rita', 'Osei', 'recruiter', '2026-01-01', "
                     "'2026-01-01')")
        conn.execute("PRAGMA user_version = 3")
    conn.close()

    store = lifecycle.open_store(data_dir)
    try:
        assert [m.version for m in store.migrations_applied] == [4, 5, 6, 7]
        assert [r.first_name for r in people.person_rows("recruiter", "name", False, 0, 9)] \
            == ["Rita"]
        rita = people.person_rows("rita", "name", False, 0, 9)[0].id
        people.save_person(rita, {**people.person_values(rita), "hiring_role": "hr"})
        assert people.count_people("recruiter") == 0
        assert people.count_people("hr osei") == 1
    finally:
        lifecycle.close_store(store)


def test_the_format_start_up_looks_for_is_the_last_migrations():
    """``data_format.SCHEMA_VERSION`` is what the first look and the opening expect:
    a new migration that forgot it would open every file as an older one."""
    assert MIGRATIONS[-1].version == SCHEMA_VERSION
