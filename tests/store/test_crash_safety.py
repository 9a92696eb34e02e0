"""A save the user was told about survives the process being killed mid-write."""

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop.store import people
from desktop.store.backups import integrity_check
from desktop.store.connection import db
from desktop.store.lifecycle import close_store, open_store
from desktop.store.models import Person

WRITER = Path(__file__).with_name("crash_writer.py")
ACKNOWLEDGED_BEFORE_KILL = 250
TIMEOUT = 30


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_acknowledged_saves_survive_sigkill(data_dir):
    data_dir.mkdir()
    child = subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    acknowledged: list[int] = []
    enough = threading.Event()

    def read_acknowledgements():
        for line in child.stdout:
            if not line.endswith("\n"):
                break  # cut off by the kill: never acknowledged
            if line.strip() == "ready":
                continue
            acknowledged.append(int(line))
            if len(acknowledged) >= ACKNOWLEDGED_BEFORE_KILL:
                enough.set()
        enough.set()

    reader = threading.Thread(target=read_acknowledgements, daemon=True)
    reader.start()
    try:
        assert enough.wait(TIMEOUT), "the writer did not get going"
        assert child.poll() is None, child.stderr.read()
        os.kill(child.pid, signal.SIGKILL)
        child.wait(TIMEOUT)
        reader.join(TIMEOUT)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    assert len(acknowledged) >= ACKNOWLEDGED_BEFORE_KILL
    assert len(set(acknowledged)) == len(acknowledged)

    db_path = data_dir / "rebound.db"
    assert integrity_check(db_path) == "ok"

    store = open_store(data_dir)
    try:
        assert store.recovered_from_unclean_exit
        stored = {pid for (pid,) in Person.select(Person.id).tuples()}
        missing = set(acknowledged) - stored
        assert not missing, f"{len(missing)} acknowledged saves were lost"
        # The search index is as complete as the table it indexes.
        assert people.count_people("crash") == len(stored)
        assert people.count_people("test") == len(stored)
    finally:
        close_store(store)


def test_every_commit_is_synced_to_disk(store):
    """SIGKILL cannot lose what the OS already holds; power loss can. FULL sync in WAL
    mode is what makes "saved" mean saved then too (NORMAL may drop the last commits)."""
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
