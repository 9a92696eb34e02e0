"""Saves go through while ``rebound backup`` and ``rebound import`` run beside them.

Before this was fixed, a save that read before it wrote (every form save does)
failed at once with "database is locked" whenever another process had written
in between: SQLite cannot upgrade such a read to a write, and its busy timeout
never applied. Write transactions now begin IMMEDIATE.
"""

import json
import subprocess
import sys
import threading

import pytest

from desktop.store import people
from desktop.store.lifecycle import close_store, open_store

pytestmark = pytest.mark.slow

SAVES = 1000

#: The "window": saves people one by one, as a user clicking Save would (a few
#: milliseconds apart, so the commands beside it get going), and counts every save
#: that did not go through, whatever the error.
WRITER = """
import json, sys, time
from pathlib import Path
from desktop.store import people
from desktop.store.lifecycle import close_store, open_store

store = open_store(Path(sys.argv[1]))
print("ready", flush=True)
saved, failed = [], []
for i in range(int(sys.argv[2])):
    values = {"first_name": f"Writer{i}", "last_name": "Busy", "company": f"Firm {i % 7}"}
    try:
        saved.append(people.save_person(None, values).id)
    except Exception as exc:
        failed.append(f"{type(exc).__name__}: {exc}")
    time.sleep(0.004)
close_store(store)
print(json.dumps({"saved": saved, "failed": failed}), flush=True)
"""


def test_no_save_fails_while_backups_and_imports_run(tmp_path, rebound_cli):
    data_dir = tmp_path / "data"
    assert rebound_cli("--data-dir", data_dir, "demo", "--people", "2000").returncode == 0
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("First Name,Last Name,Email Address,Company\n" + "".join(
        f"Imported{i},Row,imported{i}@example.org,Import Co\n" for i in range(150)),
        encoding="utf-8")

    beside = {"backup": 0, "import": 0}
    failures_beside = []
    stop = threading.Event()

    def keep_running(name, *args):
        while not stop.is_set():
            done = rebound_cli("--data-dir", data_dir, *args)
            beside[name] += 1
            if done.returncode:
                failures_beside.append(done.stderr)

    loops = [threading.Thread(target=keep_running, args=("backup", "backup")),
             threading.Thread(target=keep_running,
                              args=("import", "import", contacts, "--on-duplicate", "new"))]
    for loop in loops:
        loop.start()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir), str(SAVES)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
        output = writer.stdout.read()
        writer.wait(300)
        overlapped = dict(beside)
    finally:
        stop.set()
        for loop in loops:
            loop.join(300)
    report = json.loads(output.strip().splitlines()[-1])

    assert report["failed"] == [], report["failed"][:3]
    assert len(report["saved"]) == SAVES
    assert overlapped["backup"] >= 2 and overlapped["import"] >= 2, overlapped
    assert failures_beside == []
    store = open_store(data_dir)
    try:
        assert people.count_people("writer") == SAVES
        assert people.count_people("imported") == 150 * beside["import"]
    finally:
        close_store(store)
