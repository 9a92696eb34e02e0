"""``rebound profile``, ``rebound templates`` and ``rebound check-note --person``,
through ``cli.run`` in this process: JSON out."""

import json

import pytest

from desktop.devdata.sample import load_sample_data
from desktop.store.lifecycle import close_store, open_store
from desktop.store.models import Person

BUILT_IN = {"thank_you", "thank_you_recruiter", "thank_you_overqualified", "feedback",
            "feedback_recruiter", "network", "hire_watch", "hire_watch_not_worked_out",
            "check_in", "check_in_new_skills"}


@pytest.fixture
def sample(tmp_path):
    """A data folder with the sample data; the ids of Priya (hiring manager) and Tom."""
    data_dir = tmp_path / "data"
    store = open_store(data_dir)
    load_sample_data()
    ids = {p.first_name: p.id for p in Person.select()}
    close_store(store)
    return data_dir, ids


def test_profile_is_set_and_shown(sample, rebound_run):
    data_dir, _ = sample
    done = rebound_run("--data-dir", data_dir, "profile", "--name", "Sam Rivera",
                       "--signature", "Data analyst\\n+44 7700 900123")
    assert done.returncode == 0, done.stderr
    shown = json.loads(rebound_run("--data-dir", data_dir, "profile").stdout)
    assert (shown["name"], shown["signature"]) == ("Sam Rivera",
                                                   "Data analyst\n+44 7700 900123")


def test_templates_are_listed_and_rendered_as_the_composer_would(sample, rebound_run):
    data_dir, ids = sample
    rebound_run("--data-dir", data_dir, "profile", "--name", "Sam Rivera")
    listed = rebound_run("--data-dir", data_dir, "templates", "list").stdout.split()
    assert set(listed) >= BUILT_IN

    done = rebound_run("--data-dir", data_dir, "templates", "render", "thank_you",
                       "--person", ids["Priya"], "--application", 1)
    assert done.returncode == 0, done.stderr
    note = json.loads(done.stdout)
    assert set(note) == {"subject", "body", "findings"}
    assert note["body"].startswith("Hi Priya,")
    assert note["body"].endswith("Sam Rivera")
    assert note["findings"] == []

    missing = rebound_run("--data-dir", data_dir, "templates", "render", "no_such",
                          "--person", ids["Priya"])
    assert missing.returncode == 1 and "no template 'no_such'" in missing.stderr


def test_check_note_with_a_person_checks_names_and_the_signature(sample, rebound_run):
    data_dir, ids = sample
    rebound_run("--data-dir", data_dir, "profile", "--name", "Sam Rivera")
    note = ("Hi Priya,\n\nThank you for letting me know. I'd like to stay in touch and be "
            "considered for future roles.\n\nBest wishes,")
    done = rebound_run("--data-dir", data_dir, "check-note", "--kind", "thank_you",
                       "--person", ids["Tom"], "--application", 1, "-", input=note)
    assert done.returncode == 0, done.stderr
    found = {f["rule"]: f for f in json.loads(done.stdout)}
    assert set(found) == {"wrong-name", "unsigned"}
    assert note[found["wrong-name"]["start"]:found["wrong-name"]["end"]] == "Priya"
    assert "Sam Rivera" in found["unsigned"]["suggestion"]

    unknown = rebound_run("--data-dir", data_dir, "check-note", "--person", 999, "-",
                          input=note)
    assert unknown.returncode == 1 and "no person with id 999" in unknown.stderr
