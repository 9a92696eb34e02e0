"""A restore killed at any moment leaves the old database or the new one, never neither.

Before this was fixed, a restore first moved ``rebound.db`` aside and then copied
the backup into place: a SIGKILL in between left no ``rebound.db`` at all, only a
``.partial`` copy, which the next start took for a first start.
"""

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from desktop.paths import DATABASE_NAME
from desktop.store import backups, people
from desktop.store.backups import BackupFailed, BackupReason, create_backup, restore_backup
from desktop.store.connection import quick_check
from desktop.store.lifecycle import close_store, open_store

#: Restores to interrupt, and the latest moment to kill one, as a share of a whole
#: restore: some kills land after it finished (the new database must be there).
KILLS = 10
LATEST = 1.3
#: Later kills allowed when none of the first landed after a restore finished.
EXTRA_KILLS = 4


def test_the_old_file_is_kept_and_the_new_one_is_verified(store, add_people, helpers):
    add_people(5)
    backup = create_backup(store.db_path, store.backup_dir, BackupReason.MANUAL)
    add_people(3, prefix="Later")
    close_store(store)
    before = helpers.sha256(store.db_path)

    aside = restore_backup(store.db_path, backup, set_aside_label="replaced")

    assert helpers.sha256(aside) == before
    assert helpers.count_rows(store.db_path) == 5
    assert quick_check(store.db_path) == "ok"
    assert not list(store.data_dir.glob("*.partial*"))


def test_a_damaged_backup_is_refused_before_anything_moves(store, add_people, helpers):
    add_people(5)
    backup = create_backup(store.db_path, store.backup_dir, BackupReason.MANUAL)
    close_store(store)
    helpers.overwrite(backup, 4096, 4096)
    before = helpers.sha256(store.db_path)

    with pytest.raises(BackupFailed, match="damaged too"):
        restore_backup(store.db_path, backup)

    assert helpers.sha256(store.db_path) == before
    assert sorted(p.name for p in store.data_dir.iterdir() if p.is_file()) == [DATABASE_NAME]


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_a_100k_restore_leaves_old_or_new(tmp_path, rebound_cli, helpers):
    data_dir = tmp_path / "data"
    made = rebound_cli("--data-dir", data_dir, "demo", "--people", "100000", "--steps", "none")
    assert made.returncode == 0, made.stderr
    db_path = data_dir / DATABASE_NAME
    store = open_store(data_dir)
    smaller = create_backup(db_path, store.backup_dir, BackupReason.MANUAL)
    people.save_person(None, {"first_name": "Only", "last_name": "InTheLarger"})
    larger = create_backup(db_path, store.backup_dir, BackupReason.MANUAL)
    close_store(store)
    counts = {smaller: 100_000, larger: 100_001}

    # One restore to the end, timed, so the kills below spread over a whole restore.
    started = time.monotonic()
    done = rebound_cli("--data-dir", data_dir, "restore", smaller)
    whole = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert helpers.count_rows(db_path) == 100_000

    rng = random.Random(9)
    state = {"current": 100_000}
    outcomes = {"old": 0, "new": 0}

    def kill_a_restore_after(delay: float) -> None:
        current = state["current"]
        target = larger if current == 100_000 else smaller
        child = subprocess.Popen(
            [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "restore",
             str(target)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(60)

        assert db_path.is_file(), "a kill left no database in place"
        assert quick_check(db_path) == "ok"
        found = helpers.count_rows(db_path)
        assert found in (current, counts[target]), found
        outcomes["old" if found == current else "new"] += 1
        state["current"] = found
        for safety in backups.list_backups(store.backup_dir):
            if safety.reason is BackupReason.RESTORE:  # keep the folder small
                safety.path.unlink()

    # Spread over the whole restore and a little after: one random moment in each
    # tenth of 1.3 times its length.
    for kill in range(KILLS):
        kill_a_restore_after(whole * LATEST * (kill + rng.random()) / KILLS)
    # A machine busier than during the timed restore makes every kill land before
    # the swap: a few later ones then, so that both sides are seen.
    for later in range(1, EXTRA_KILLS + 1):
        if outcomes["new"]:
            break
        kill_a_restore_after(whole * (LATEST + later))
    current = state["current"]

    assert outcomes["old"] and outcomes["new"], outcomes  # kills landed on both sides
    # The next start opens what is there and clears what the kills left behind.
    reopened = open_store(data_dir)
    try:
        assert people.count_people() == current
    finally:
        close_store(reopened)
    leftovers = [p.name for p in [*data_dir.iterdir(), *store.backup_dir.iterdir()]
                 if ".partial" in p.name]
    assert leftovers == []
