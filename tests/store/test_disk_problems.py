"""A full disk, a file-size limit, read-only media and unusable folders, on real disks.

Before this was fixed, a write that hit ``ulimit -f`` or a full disk raised
"cannot rollback - no transaction is active" and was reported as damage, and the
commands printed tracebacks for a full disk or a folder they could not use.
"""

import json
import os
import resource
import stat
import subprocess
import sys

import pytest

from desktop.paths import DATABASE_NAME
from desktop.store import people
from desktop.store.connection import quick_check
from desktop.store.failures import Problem, WriteFailed
from desktop.store.lifecycle import close_store, open_store

pytestmark = pytest.mark.slow

#: Enough text per person that a few hundred of them need a few megabytes.
NOTES = "Met at the spring meetup; talked about payments and on-call. " * 120


def _save_until_refused(limit: int = 5000) -> tuple[int, WriteFailed]:
    for saved in range(limit):
        try:
            people.save_person(None, {"first_name": f"P{saved}", "notes": NOTES})
        except WriteFailed as exc:
            return saved, exc
    raise AssertionError(f"{limit} saves and the disk never filled")


def _contacts_csv(path, rows: int):
    lines = ["First Name,Last Name,Email Address,Notes"]
    lines += [f"Ann{i},Lee,ann{i}@example.org,{NOTES[:2000]}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _one_line(done) -> str:
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


# --- A full disk --------------------------------------------------------------------


def test_a_full_disk_is_said_plainly_and_loses_nothing_saved(small_disk, helpers):
    disk = small_disk("3m")
    store = open_store(disk.path / "data")
    try:
        saved, refused = _save_until_refused()
        assert refused.problem is Problem.DISK_FULL
        assert refused.message == ("Your disk is full: the last change was not saved. Free "
                                   "some space, then try again.")
        assert "cannot rollback" not in refused.detail
        assert people.count_people() == saved
    finally:
        close_store(store)
    assert quick_check(store.db_path) == "ok"
    assert helpers.count_rows(store.db_path) == saved


def test_import_and_demo_on_a_full_disk_print_one_line(small_disk, rebound_cli, tmp_path, helpers):
    disk = small_disk("4m")
    data_dir, empty_dir = disk.path / "data", disk.path / "empty"
    assert rebound_cli("--data-dir", data_dir, "demo", "--people", "20").returncode == 0
    empty_dir.mkdir()
    disk.fill(leave=64 * 1024)
    contacts = _contacts_csv(tmp_path / "contacts.csv", 600)

    imported = rebound_cli("--data-dir", data_dir, "import", contacts)
    assert imported.returncode == 1
    assert _one_line(imported) == ("rebound: Your disk is full: nothing was imported. Free "
                                   "some space, then try again.")
    assert helpers.count_rows(data_dir / DATABASE_NAME) == 20

    demo = rebound_cli("--data-dir", empty_dir, "demo", "--people", "5000", "--steps", "none")
    assert demo.returncode == 1
    assert _one_line(demo).startswith("rebound: Your disk is full: nothing was added.")


# --- A file-size limit (ulimit -f) ----------------------------------------------------


def _limit_file_size(limit: int):
    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


SAVE_UNTIL_REFUSED = """
import json, sys
from pathlib import Path
from desktop.store import people
from desktop.store.failures import WriteFailed
from desktop.store.lifecycle import close_store, open_store

store = open_store(Path(sys.argv[1]))
saved = 0
try:
    while True:
        people.save_person(None, {"first_name": f"P{saved}", "notes": "x" * 6000})
        saved += 1
except WriteFailed as exc:
    print(json.dumps({"saved": saved, "problem": exc.problem.value, "message": exc.message,
                      "detail": exc.detail}))
finally:
    close_store(store)
"""


def test_a_file_size_limit_is_not_called_damage(tmp_path, rebound_cli, helpers):
    data_dir = tmp_path / "data"
    run = subprocess.run([sys.executable, "-c", SAVE_UNTIL_REFUSED, str(data_dir)],
                         capture_output=True, text=True, timeout=120,
                         preexec_fn=_limit_file_size(1_500_000))
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["problem"] == "file-too-large"
    assert report["message"].startswith("Your data file has reached the largest size this "
                                        "system lets a program write: the last change was "
                                        "not saved.")
    assert "cannot rollback" not in report["detail"]
    db_path = data_dir / DATABASE_NAME
    assert quick_check(db_path) == "ok"
    assert helpers.count_rows(db_path) == report["saved"] > 0


def test_import_under_a_file_size_limit_prints_one_line(tmp_path, rebound_cli, helpers):
    data_dir = tmp_path / "data"
    assert rebound_cli("--data-dir", data_dir, "demo", "--people", "10").returncode == 0
    size = (data_dir / DATABASE_NAME).stat().st_size
    contacts = _contacts_csv(tmp_path / "contacts.csv", 800)

    done = rebound_cli("--data-dir", data_dir, "import", contacts,
                       preexec_fn=_limit_file_size(size + 200_000))

    assert done.returncode == 1
    assert _one_line(done).startswith("rebound: Your data file has reached the largest size "
                                      "this system lets a program write: nothing was imported.")
    assert helpers.count_rows(data_dir / DATABASE_NAME) == 10


# --- Read-only media --------------------------------------------------------------------


def test_data_on_read_only_media_opens_read_only(small_disk, rebound_cli, tmp_path):
    disk = small_disk("8m")
    data_dir = disk.path / "data"
    assert rebound_cli("--data-dir", data_dir, "demo", "--people", "25").returncode == 0
    disk.make_read_only()

    test = rebound_cli("--data-dir", data_dir, "--self-test")
    report = json.loads(test.stdout)
    assert test.returncode == 0, test.stdout + test.stderr
    assert report["ok"] is True
    assert report["people"] == 25
    assert report["read_only"] == f"Your data folder {data_dir} is on a read-only disk."

    exported = rebound_cli("--data-dir", data_dir, "export", "people", "--format", "csv",
                           "-o", tmp_path / "people.csv")
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.startswith("Wrote 25 people")

    contacts = _contacts_csv(tmp_path / "contacts.csv", 3)
    for args in (("import", contacts), ("backup",), ("demo",)):
        done = rebound_cli("--data-dir", data_dir, *args)
        assert done.returncode == 1, args
        line = _one_line(done)
        assert "read-only disk" in line, line

    store = open_store(data_dir)
    try:
        assert store.read_only
        assert people.count_people() == 25
        with pytest.raises(WriteFailed) as refused:
            people.save_person(None, {"first_name": "Nope"})
        assert refused.value.problem is Problem.READ_ONLY
    finally:
        close_store(store)


# --- Folders Rebound cannot use -------------------------------------------------------


@pytest.mark.parametrize("case", ["folder-is-a-file", "database-is-a-folder", "missing-parent"])
def test_unusable_folders_get_one_clear_line_from_every_command(tmp_path, rebound_cli, case):
    data_dir = tmp_path / "data"
    if case == "folder-is-a-file":
        data_dir.write_text("my shopping list")
        expected = "is a file, not a folder"
    elif case == "database-is-a-folder":
        (data_dir / DATABASE_NAME).mkdir(parents=True)
        expected = "is a folder, where Rebound keeps its data file"
    else:
        data_dir = tmp_path / "unplugged-drive" / "Rebound"
        expected = "does not exist"
    contacts = _contacts_csv(tmp_path / "contacts.csv", 2)
    commands = [("backup",), ("restore",), ("demo",), ("import", contacts),
                ("export", "people", "--format", "csv", "-o", tmp_path / "out.csv")]
    for args in commands:
        done = rebound_cli("--data-dir", data_dir, *args)
        assert done.returncode == 1, (args, done.stderr)
        assert expected in _one_line(done), (args, done.stderr)
    test = rebound_cli("--data-dir", data_dir, "--self-test")
    assert test.returncode == 2
    assert expected in json.loads(test.stdout)["error"]
    assert not (tmp_path / "unplugged-drive").exists()  # nothing was created


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_an_existing_folder_keeps_its_permissions(tmp_path, rebound_cli):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    done = rebound_cli("--data-dir", shared, "backup")
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE((shared / "backups").stat().st_mode) == 0o700
