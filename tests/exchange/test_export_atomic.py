"""Atomic writes: a failure halfway leaves the old file whole and no temporary file."""

import csv
import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from desktop.devdata.sample import load_sample_data
from desktop.exchange.exporters import csv_files as export_csv
from desktop.exchange.exporters import ics as export_ics
from desktop.exchange.exporters import json_copy
from desktop.exchange.exporters import vcard as export_vcard
from desktop.exchange.exporters.atomic import atomic_write

REPO = Path(__file__).resolve().parents[2]
OLD = b"the previous export, which must survive\r\n"
REAL_CSV_WRITER = csv.writer


@pytest.fixture
def sample(store):
    load_sample_data()
    return store


@pytest.fixture
def out(tmp_path):
    """A folder for the exports alone (tmp_path also holds the data folder)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def only_the_target(folder, target) -> bool:
    return sorted(p.name for p in folder.iterdir()) == [target.name]


def test_success_replaces_the_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_bytes(OLD)
    with atomic_write(target) as handle:
        handle.write("new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert only_the_target(tmp_path, target)


@pytest.mark.parametrize("error", [OSError("disk full"), KeyboardInterrupt()])
def test_failure_keeps_the_old_file_and_removes_the_temporary(tmp_path, error):
    target = tmp_path / "out.txt"
    target.write_bytes(OLD)
    with pytest.raises(type(error)), atomic_write(target) as handle:
        handle.write("half of the new" * 10_000)
        handle.flush()
        assert len(list(tmp_path.iterdir())) == 2, "written beside the target"
        raise error
    assert target.read_bytes() == OLD
    assert only_the_target(tmp_path, target)


def test_failure_on_a_new_file_leaves_nothing(tmp_path):
    target = tmp_path / "new.txt"
    with pytest.raises(RuntimeError), atomic_write(target, binary=True) as handle:
        handle.write(b"partial")
        raise RuntimeError
    assert list(tmp_path.iterdir()) == []


class FailingWriter:
    """A csv writer that writes the header and two rows, then fails like a full disk."""

    def __init__(self, handle, **options):
        self.writer = REAL_CSV_WRITER(handle, **options)
        self.rows = 0

    def writerow(self, row):
        if self.rows == 3:
            raise OSError(28, "No space left on device")
        self.rows += 1
        return self.writer.writerow(row)


def test_csv_export_failing_midway_keeps_the_old_file(sample, out, monkeypatch):
    target = out / "people.csv"
    target.write_bytes(OLD)
    monkeypatch.setattr(export_csv.csv, "writer", FailingWriter)
    with pytest.raises(OSError, match="No space"):
        export_csv.export_people_csv(target)
    assert target.read_bytes() == OLD
    assert only_the_target(out, target)


def test_vcard_export_failing_midway_keeps_the_old_file(sample, out, monkeypatch):
    target = out / "people.vcf"
    target.write_bytes(OLD)
    real_card, written = export_vcard.person_card, []

    def card_then_fail(person, company):
        if written:
            raise RuntimeError("crash after the first card")
        written.append(person)
        return real_card(person, company)

    monkeypatch.setattr(export_vcard, "person_card", card_then_fail)
    with pytest.raises(RuntimeError):
        export_vcard.export_people_vcard(target)
    assert written and target.read_bytes() == OLD
    assert only_the_target(out, target)


def test_json_export_failing_midway_keeps_the_old_file(sample, out, monkeypatch):
    target = out / "rebound.json"
    target.write_bytes(OLD)
    real_rows = json_copy.table_rows

    def rows_then_fail(model):
        yield from real_rows(model)
        if model._meta.table_name == "person":
            raise OSError("write failed after the people")

    monkeypatch.setattr(json_copy, "table_rows", rows_then_fail)
    with pytest.raises(OSError, match="after the people"):
        json_copy.export_json(target)
    assert target.read_bytes() == OLD
    assert only_the_target(out, target)


def test_ics_export_failing_keeps_the_old_file(sample, out, monkeypatch):
    target = out / "steps.ics"
    target.write_bytes(OLD)

    def fail(*args, **kwargs):
        raise OSError("write failed")

    monkeypatch.setattr(export_ics.icalendar.Calendar, "to_ical", fail)
    with pytest.raises(OSError):
        export_ics.export_steps_ics(target)
    assert target.read_bytes() == OLD
    assert only_the_target(out, target)


def test_a_good_export_over_an_old_file_replaces_it_whole(sample, out):
    target = out / "people.csv"
    target.write_bytes(OLD)
    assert export_csv.export_people_csv(target) == 6
    assert target.read_bytes().startswith(b"\xef\xbb\xbfFirst name")
    assert only_the_target(out, target)


HOURS_AGO = time.time() - 2 * 3600


def dead_pid() -> int:
    """The PID of a process that has run, exited and been reaped."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert not psutil.pid_exists(child.pid)
    return child.pid


def plant(folder: Path, name: str, *, old: bool = True) -> Path:
    path = folder / name
    path.write_bytes(b"half an export")
    if old:
        os.utime(path, (HOURS_AGO, HOURS_AGO))
    return path


def test_stale_temporary_files_of_dead_exports_are_removed_and_nothing_else(sample, out):
    dead, alive = dead_pid(), os.getpid()
    stale = [
        plant(out, f".people.csv.rebound-{dead}-abcd_123.tmp"),
        plant(out, f".companies.csv.rebound-{dead}-zz9k2qxw.tmp"),
        plant(out, f".my export.2024.csv.rebound-{dead}-0000aaaa.tmp"),
    ]
    kept = [
        plant(out, f".people.csv.rebound-{alive}-abcd_123.tmp"),  # still being written
        plant(out, f".people.csv.rebound-{dead}-freshnow.tmp", old=False),  # too recent to tell
        plant(out, ".notes.csv.abcd_123.tmp"),  # the older naming, of a file not exported now
        plant(out, ".hidden"),
        plant(out, f".people.csv.rebound-{dead}-short.tmp"),
        plant(out, f".people.csv.rebound-{dead}-abcd_123.tmp.bak"),
        plant(out, f"people.csv.rebound-{dead}-abcd_123.tmp"),
        plant(out, f".people.csv.rebound-x{dead}-abcd_123.tmp"),
        plant(out, ".people.csv.rebound-9999999999-abcd_123.tmp"),  # no such process id
        plant(out, ".people.csv.rebound-99999999999999999999-abcd_123.tmp"),
    ]
    folder = out / f".notes.rebound-{dead}-abcd_123.tmp"
    folder.mkdir()
    os.utime(folder, (HOURS_AGO, HOURS_AGO))

    assert export_csv.export_people_csv(out / "people.csv") == 6

    assert not any(path.exists() for path in stale)
    assert all(path.exists() for path in kept) and folder.is_dir()


CHILD_EXPORT = """
import sys
from desktop.exchange.exporters.atomic import atomic_write

with atomic_write(sys.argv[1]) as handle:
    handle.write("the first rows of a long export")
    handle.flush()
    print(handle.name, flush=True)
    sys.stdin.read()  # until killed
"""


@pytest.mark.slow
def test_an_export_killed_midway_is_cleaned_up_by_the_next_one(sample, out):
    target = out / "people.csv"
    child = subprocess.Popen([sys.executable, "-c", CHILD_EXPORT, str(target)], cwd=REPO,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        temporary = Path(child.stdout.readline().strip())
        assert temporary.parent == out
        assert temporary.name.startswith(f".people.csv.rebound-{child.pid}-")
        os.utime(temporary, (HOURS_AGO, HOURS_AGO))

        export_csv.export_people_csv(target)  # the child is still writing: left alone
        assert temporary.exists()
    finally:
        child.kill()  # SIGKILL where there is one: no clean-up of its own
        child.wait()
    assert temporary.exists(), "a killed export leaves its temporary file"

    export_csv.export_people_csv(target)
    assert only_the_target(out, target)


def test_litter_of_the_older_naming_goes_once_it_is_old(sample, out):
    """Rebound 0.1 named its temporary files without a process id: the 35 files a
    killed-export run left (484 MB) go at the next export of the same file."""
    old_litter = [plant(out, ".people.csv.k3j9x_2a.tmp"), plant(out, ".people.csv.00aa11bb.tmp")]
    recent = plant(out, ".people.csv.zz99yy88.tmp", old=False)  # may be being written
    other_file = plant(out, ".companies.csv.k3j9x_2a.tmp")  # another export's: not judged now
    not_ours = plant(out, ".people.csv.backup.tmp")

    assert export_csv.export_people_csv(out / "people.csv") == 6

    assert not any(path.exists() for path in old_litter)
    assert recent.exists() and other_file.exists() and not_ours.exists()
