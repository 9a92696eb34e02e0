"""``rebound export``: every kind and format through ``cli.run``, and misuse."""

import csv
import json
from pathlib import Path

import icalendar
import pytest
import vobject

from desktop.devdata.sample import load_sample_data
from desktop.exchange import formats
from desktop.exchange.export_formats import FORMATS, find_format
from desktop.store.lifecycle import close_store
from desktop.store.models import Person
from tests.in_process import run_cli

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def sample_dir(store):
    """A data folder holding the sample, closed so the command opens it as it would."""
    load_sample_data()
    priya = Person.get(Person.first_name == "Priya").id
    close_store(store)
    return store.data_dir, priya


def rebound(data_dir, *args):
    return run_cli("--data-dir", data_dir, "export", *args)


@pytest.mark.slow
def test_every_kind_and_format(sample_dir, tmp_path):
    data_dir, _ = sample_dir
    runs = {
        ("people", "csv"): 6, ("people", "vcard"): 6, ("companies", "csv"): 4,
        ("applications", "csv"): 5, ("steps", "ics"): 10, ("all", "json"): None,
    }
    for (kind, format_name), count in runs.items():
        path = tmp_path / f"{kind}.{format_name}"
        result = rebound(data_dir, kind, "--format", format_name, "-o", str(path))
        assert result.returncode == 0, result.stderr
        noun = FORMATS[kind, format_name].noun
        if count is not None:
            assert result.stdout == f"Wrote {count} {noun} to {path}\n"
        else:
            assert result.stdout.startswith("Wrote ") and str(path) in result.stdout
        assert path.exists()

    with (tmp_path / "people.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 6
    assert len(list(vobject.readComponents((tmp_path / "people.vcard").read_text("utf-8")))) == 6
    calendar = icalendar.Calendar.from_ical((tmp_path / "steps.ics").read_bytes())
    assert len(calendar.walk("VEVENT")) == 10
    tables = json.loads((tmp_path / "all.json").read_text("utf-8"))["tables"]
    total = sum(len(rows) for rows in tables.values())
    assert f"Wrote {total} rows to" in rebound(
        data_dir, "all", "--format", "json", "-o", str(tmp_path / "again.json")).stdout


@pytest.mark.slow
def test_step_selection_options(sample_dir, tmp_path):
    data_dir, priya = sample_dir
    path = str(tmp_path / "steps.ics")
    expectations = {
        ("--days", "10"): 6,
        ("--all-open",): 10,
        ("--person", str(priya)): 4,
        ("--person", str(priya), "--days", "10"): 2,
    }
    for options, count in expectations.items():
        result = rebound(data_dir, "steps", "--format", "ics", "-o", path, *options)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"Wrote {count} follow-ups to "), options


@pytest.mark.slow
@pytest.mark.parametrize(("args", "message"), [
    (("people", "--format", "ics"), "people can be exported as csv or vcard, not as ics"),
    (("all", "--format", "csv"), "all can be exported as json, not as csv"),
    (("steps", "--format", "vcard"), "steps can be exported as ics, not as vcard"),
    (("people", "--format", "csv", "--days", "5"), "apply to steps only"),
    (("steps", "--format", "ics", "--days", "5", "--all-open"), "not with --all-open"),
    (("steps", "--format", "ics", "--days", "-1"), "from 0 up"),
    (("people", "--format", "pdf"), "invalid choice"),
    (("people",), "--format"),
])
def test_wrong_combinations_exit_2_with_a_message(tmp_path, args, message):
    out = tmp_path / "out.file"
    result = rebound(tmp_path / "data", *args, "-o", str(out))
    assert result.returncode == 2
    assert message in result.stderr
    assert not out.exists()
    assert not (tmp_path / "data").exists(), "refused before opening any database"


@pytest.mark.slow
def test_unknown_person_and_unwritable_path_fail_clearly(sample_dir, tmp_path):
    data_dir, _ = sample_dir
    result = rebound(data_dir, "steps", "--format", "ics", "--person", "999",
                     "-o", str(tmp_path / "x.ics"))
    assert result.returncode == 1 and "no person with id 999" in result.stderr
    missing = tmp_path / "no" / "such" / "folder" / "x.csv"
    result = rebound(data_dir, "people", "--format", "csv", "-o", str(missing))
    assert result.returncode == 1 and "cannot write" in result.stderr


def test_the_cli_offers_exactly_the_formats_the_exporters_have():
    assert tuple(FORMATS) == formats.EXPORTS  # every export the commands offer has a writer
    assert set(formats.EXPORT_KINDS) == {kind for kind, _ in FORMATS}
    assert find_format("people", "vcard").suffix == ".vcf"


def test_the_command_runs_as_its_own_process(tmp_path, rebound_cli):
    """The one child-process smoke test of the commands (the others call ``cli.run``):
    ``python -m desktop`` fills a folder and exports from it, Qt never loaded."""
    data_dir, out = tmp_path / "data", tmp_path / "people.csv"
    assert rebound_cli("--version").stdout.startswith("Rebound ")
    made = rebound_cli("--data-dir", data_dir, "demo", "--people", 40)
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["people"] == 40
    done = rebound_cli("--data-dir", data_dir, "export", "people", "--format", "csv", "-o", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Wrote 40 people to {out}"
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 40
