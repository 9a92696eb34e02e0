"""Saves go through while ``rebound backup`` and ``rebound import`` run beside them.

Before this was fixed, a save that read before it wrote (every form save does)
failed at once with "database is locked" whenever another process had written
in between: SQLite cannot upgrade such a read to a write, and its busy timeout
never applied. Write transactions now begin IMMEDIATE.
"""

import json
import subprocess
import sys
import time

import pytest

from desktop.store import people
from desktop.store.lifecycle import close_store, open_store

pytestmark = pytest.mark.slow

SAVES = 1000

#: The "window": saves people one by one, as a user clicking Save would, and counts
#: every save that did not go through, whatever the error.
WRITER = """
import json, sys
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

    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir), str(SAVES)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
    beside = {"backup": 0, "import": 0}
    failures_beside = []
    while writer.poll() is None:
        for name, args in (("backup", ("backup",)),
                           ("import", ("import", contacts, "--on-duplicate", "new"))):
            done = rebound_cli("--data-dir", data_dir, *args)
            beside[name] += 1
            if done.returncode:
                failures_beside.append(done.stderr)
        time.sleep(0.01)
    report = json.loads(writer.stdout.read().strip().splitlines()[-1])

    assert report["failed"] == [], report["failed"][:3]
    assert len(report["saved"]) == SAVES
    assert beside["backup"] >= 2 and beside["import"] >= 2, beside  # they really overlapped
    assert failures_beside == []
    store = open_store(data_dir)
    try:
        assert people.count_people("writer") == SAVES
        assert people.count_people("imported") == 150 * beside["import"]
    finally:
        close_store(store)
