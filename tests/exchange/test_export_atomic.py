"""Atomic writes: a failure halfway leaves the old file whole and no temporary file."""

import csv

import pytest

from desktop.exchange import export_csv, export_ics, export_vcard, json_export
from desktop.exchange.atomic import atomic_write
from desktop.store.sample import load_sample_data

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
    real_rows = json_export.table_rows

    def rows_then_fail(model):
        yield from real_rows(model)
        if model._meta.table_name == "person":
            raise OSError("write failed after the people")

    monkeypatch.setattr(json_export, "table_rows", rows_then_fail)
    with pytest.raises(OSError, match="after the people"):
        json_export.export_json(target)
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
