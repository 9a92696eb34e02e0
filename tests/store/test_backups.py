"""Verified backups, knowing when one is due, rotation, and finding a good one to restore."""

import shutil
from datetime import datetime, timedelta

import pytest

from desktop.store import backups, copies, people
from desktop.store.backups import (
    KEEP_NEWEST,
    BackupFailed,
    BackupInfo,
    BackupReason,
    backup_due,
    backup_name,
    create_backup,
    list_backups,
    newest_good_backup,
    prune,
    to_prune,
)
from desktop.store.lifecycle import backup_now, close_store, open_store
from desktop.store.validation import ValidationError

NOW = datetime(2025, 6, 18, 12, 0)  # a Wednesday


def _save(name: str = "Ada") -> int:
    return people.save_person(None, {"first_name": name, "email": f"{name.lower()}@x.example"}).id


def _names_in(path) -> set[str]:
    from desktop.store.models import Person

    conn = backups.sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute(f"SELECT first_name FROM {Person._meta.table_name}").fetchall()
    finally:
        conn.close()
    return {row[0] for row in rows}


# --- Making a backup -------------------------------------------------------------------


def test_backup_is_a_sound_self_contained_copy_of_the_data(store, helpers):
    _save("Ada")
    _save("Zoë")
    path = create_backup(store.db_path, store.backup_dir, BackupReason.MANUAL)

    assert path.parent == store.backup_dir
    assert backups.integrity_check(path) == "ok"
    assert _names_in(path) == {"Ada", "Zoë"}
    assert helpers.pragma(path, "journal_mode") == "delete"
    assert not path.with_name(path.name + "-wal").exists()
    assert not list(store.backup_dir.glob("*.partial"))
    (info,) = list_backups(store.backup_dir)
    assert (info.path, info.reason) == (path, BackupReason.MANUAL)
    assert info.size == path.stat().st_size > 0


def test_backup_holds_writes_still_in_the_wal(store):
    """The live file is in WAL mode; a backup must include what is not checkpointed yet."""
    for i in range(30):
        _save(f"P{i}")
    assert (store.db_path.parent / (store.db_path.name + "-wal")).stat().st_size > 0
    path = backup_now(store)
    assert len(_names_in(path)) == 30


def test_backup_due_tracks_changes_since_the_last_backup(store):
    assert backup_due(store.db_path)  # a new store was never backed up
    create_backup(store.db_path, store.backup_dir, BackupReason.AUTO)
    assert not backup_due(store.db_path)

    _save("Ada")
    assert backup_due(store.db_path)
    backup_now(store)
    assert not backup_due(store.db_path)

    # Reading and rejected input are not changes.
    people.person_rows("", "name", False, 0, 10)
    with pytest.raises(ValidationError):
        people.save_person(None, {"email": "not-an-address"})
    assert not backup_due(store.db_path)

    people.delete_person(people.person_rows("ada", "name", False, 0, 1)[0].id)
    assert backup_due(store.db_path)


def test_backup_due_survives_closing_and_reopening(data_dir):
    store = open_store(data_dir)
    backup_now(store)
    close_store(store)
    store = open_store(data_dir)
    try:
        assert not backup_due(store.db_path)
        _save()
    finally:
        close_store(store)
    assert backup_due(store.db_path)


def test_failed_verification_raises_keeps_nothing_and_prunes_nothing(store, monkeypatch):
    _save()
    old = _fill_with_old_autos(store.backup_dir, count=15, template=_real_copy(store))
    _save("Bob")  # changed since that copy: a backup is due
    before = sorted(p.name for p in store.backup_dir.iterdir())
    real_check = copies.integrity_check
    monkeypatch.setattr(
        copies,
        "integrity_check",
        lambda path: "*** in database main ***\nPage 7: btreeInitPage() returns error code 11",
    )

    with pytest.raises(BackupFailed, match="did not verify"):
        create_backup(store.db_path, store.backup_dir, BackupReason.AUTO, now=NOW)

    assert sorted(p.name for p in store.backup_dir.iterdir()) == before
    assert backup_due(store.db_path)  # the failed copy does not count as a backup

    # Control: the same call with a working check does prune those old copies.
    monkeypatch.setattr(copies, "integrity_check", real_check)
    create_backup(store.db_path, store.backup_dir, BackupReason.AUTO, now=NOW)
    assert len(list_backups(store.backup_dir)) < len(old) + 1
    assert not backup_due(store.db_path)


def test_backup_of_a_damaged_database_fails(store, helpers):
    for i in range(200):
        _save(f"P{i}")
    close_store(store)
    size = store.db_path.stat().st_size
    helpers.overwrite(store.db_path, size // 2, 8192)
    with pytest.raises(BackupFailed):
        create_backup(store.db_path, store.backup_dir, BackupReason.AUTO)
    assert list_backups(store.backup_dir) == []


# --- Rotation --------------------------------------------------------------------------


def _info(created: datetime, reason=BackupReason.AUTO) -> BackupInfo:
    from pathlib import Path

    return BackupInfo(Path(backup_name(created, reason)), created, reason)


def _kept(infos: list[BackupInfo], now=NOW) -> list[BackupInfo]:
    dropped = set(to_prune(infos, now))
    return [b for b in infos if b not in dropped]


def test_rotation_keeps_the_newest_ten_of_a_busy_day():
    infos = [_info(NOW - timedelta(minutes=20 * i)) for i in range(25)]  # all today
    kept = _kept(infos)
    assert kept == infos[:KEEP_NEWEST]


def test_rotation_keeps_one_a_day_for_two_weeks_then_one_a_week():
    # Four backups a day (06:00, 10:00, 14:00, 18:00) for 120 days.
    infos = [
        _info(datetime(2025, 6, 18, hour) - timedelta(days=day))
        for day in range(120)
        for hour in (18, 14, 10, 6)
    ]
    infos = [b for b in infos if b.created <= NOW]
    kept = _kept(infos)
    newest = sorted(infos, key=lambda b: b.created, reverse=True)

    # The newest ten, whatever their day.
    assert set(newest[:KEEP_NEWEST]) <= set(kept)
    # Two weeks of days: each day's latest backup.
    for day in range(15):
        date = (NOW - timedelta(days=day)).date()
        day_backups = [b for b in newest if b.created.date() == date]
        if day_backups and NOW - day_backups[0].created <= timedelta(days=14):
            assert day_backups[0] in kept, date
    daily = [b for b in kept if NOW - b.created <= timedelta(days=14)]
    beyond_newest = [b for b in daily if b not in newest[:KEEP_NEWEST]]
    assert len({b.created.date() for b in beyond_newest}) == len(beyond_newest)
    # Then one per ISO week, the newest of that week, up to about three months.
    weekly = [b for b in kept if timedelta(days=14) < NOW - b.created <= timedelta(days=92)]
    weeks = [b.created.isocalendar()[:2] for b in weekly]
    assert len(weeks) == len(set(weeks))
    for backup in weekly:
        same_week = [
            b for b in infos
            if b.created.isocalendar()[:2] == backup.created.isocalendar()[:2]
            and timedelta(days=14) < NOW - b.created <= timedelta(days=92)
        ]
        assert backup == max(same_week, key=lambda b: b.created)
    expected_weeks = {
        b.created.isocalendar()[:2]
        for b in infos
        if timedelta(days=14) < NOW - b.created <= timedelta(days=92)
    }
    assert set(weeks) == expected_weeks
    assert 11 <= len(weeks) <= 13
    # Nothing older survives.
    assert all(NOW - b.created <= timedelta(days=92) for b in kept)
    assert len(kept) == len(daily) + len(weekly)


def test_rotation_by_hand_for_a_small_history():
    fresh = [_info(NOW - timedelta(hours=h)) for h in range(KEEP_NEWEST)]
    same_day_older = _info(datetime(2025, 6, 10, 8, 0))
    same_day_newer = _info(datetime(2025, 6, 10, 20, 0))
    week_old_mon = _info(datetime(2025, 5, 19, 9, 0))  # ISO week 21
    week_old_fri = _info(datetime(2025, 5, 23, 9, 0))  # ISO week 21, newer
    ancient = _info(datetime(2025, 1, 2, 9, 0))  # 167 days
    manual_ancient = _info(datetime(2024, 1, 2), BackupReason.MANUAL)
    upgrade_ancient = _info(datetime(2023, 1, 2), BackupReason.MIGRATION)
    restore_ancient = _info(datetime(2023, 1, 3), BackupReason.RESTORE)
    everything = [*fresh, same_day_older, same_day_newer, week_old_mon, week_old_fri, ancient,
                  manual_ancient, upgrade_ancient, restore_ancient]

    assert set(to_prune(everything, NOW)) == {same_day_older, week_old_mon, ancient}


def test_rotation_never_drops_the_only_backups_however_old():
    old = [_info(NOW - timedelta(days=300 + i)) for i in range(12)]
    kept = _kept(old)
    assert kept == old[:KEEP_NEWEST]


def test_rotation_never_drops_manual_or_before_upgrade_copies():
    specials = [
        _info(NOW - timedelta(days=d, minutes=i), reason)
        for d in range(0, 400, 7)
        for i, reason in enumerate(
            (BackupReason.MANUAL, BackupReason.MIGRATION, BackupReason.RESTORE)
        )
    ]
    autos = [_info(NOW - timedelta(days=d, hours=1)) for d in range(400)]
    dropped = to_prune(specials + autos, NOW)
    assert dropped
    assert all(b.reason is BackupReason.AUTO for b in dropped)


def _real_copy(store):
    return create_backup(store.db_path, store.backup_dir, BackupReason.MANUAL, now=NOW)


def _fill_with_old_autos(backup_dir, count: int, template) -> list:
    made = []
    for i in range(count):
        created = NOW - timedelta(days=200 + i)
        target = backup_dir / backup_name(created, BackupReason.AUTO)
        shutil.copyfile(template, target)
        made.append(target)
    return made


def test_prune_deletes_only_rotated_automatic_files(store):
    template = _real_copy(store)
    olds = _fill_with_old_autos(store.backup_dir, count=14, template=template)
    manual_old = store.backup_dir / backup_name(NOW - timedelta(days=500), BackupReason.MANUAL)
    shutil.copyfile(template, manual_old)
    stranger = store.backup_dir / "my-notes.txt"
    stranger.write_text("keep me")
    unparsable = store.backup_dir / "rebound-yesterday-auto.db"
    shutil.copyfile(template, unparsable)

    removed = prune(store.backup_dir, now=NOW)

    assert sorted(removed) == sorted(olds[KEEP_NEWEST:])
    assert all(not path.exists() for path in removed)
    assert all(path.exists() for path in olds[:KEEP_NEWEST])
    assert template.exists() and manual_old.exists()
    assert stranger.read_text() == "keep me"
    assert unparsable.exists()


def test_backup_names_round_trip():
    for reason in BackupReason:
        created = datetime(2025, 2, 3, 4, 5, 6, 789)
        info = backups.parse_backup_name(backups.Path(backup_name(created, reason)))
        assert (info.created, info.reason) == (created, reason)
        assert reason.label
    assert backups.parse_backup_name(backups.Path("rebound-2025-auto.db")) is None
    assert backups.parse_backup_name(backups.Path("rebound.db")) is None


# --- Finding a good backup -------------------------------------------------------------


def test_newest_good_backup_skips_a_damaged_newest(store, helpers):
    _save("Ada")
    good = create_backup(store.db_path, store.backup_dir, BackupReason.AUTO,
                         now=NOW - timedelta(hours=2))
    _save("Bob")
    damaged = create_backup(store.db_path, store.backup_dir, BackupReason.AUTO, now=NOW)
    assert newest_good_backup(store.backup_dir).path == damaged

    size = damaged.stat().st_size
    helpers.overwrite(damaged, size // 3, size // 3)
    assert backups.integrity_check(damaged) != "ok"

    found = newest_good_backup(store.backup_dir)
    assert found.path == good
    assert _names_in(found.path) == {"Ada"}


def test_newest_good_backup_skips_a_file_that_is_not_a_database(store):
    good = create_backup(store.db_path, store.backup_dir, BackupReason.AUTO,
                         now=NOW - timedelta(days=1))
    junk = store.backup_dir / backup_name(NOW, BackupReason.MANUAL)
    junk.write_bytes(b"\x00garbage" * 512)
    assert newest_good_backup(store.backup_dir).path == good


def test_newest_good_backup_is_none_without_backups(store):
    assert newest_good_backup(store.backup_dir) is None
    assert list_backups(store.backup_dir) == []
