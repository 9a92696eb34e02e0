"""``rebound notify``: what it would show is what Today shows as due, quiet days and
nothing due show nothing, and data it cannot read is said once and never touched."""

import datetime
import json

import pytest

from desktop.clock import local_today
from desktop.operations import applications, people
from desktop.reminders.due import DueNote, headline, read_reminder, reminder_for
from desktop.store import steps
from desktop.store.lifecycle import close_store, open_store
from desktop.store.settings import set_setting
from tests.in_process import run_cli

TODAY = datetime.date(2026, 11, 30)  # a Monday


def note(kind="thank_you", person="Tomasz Nowak") -> DueNote:
    return DueNote(1, kind, person, TODAY)


def test_the_headline_names_the_first_note_and_counts_the_rest():
    assert headline([note(), note("feedback", "Priya Raman"), note()]) == (
        "3 notes due", "Thank-you to Tomasz Nowak and 2 more")
    assert headline([note("check_in", "Priya Raman")]) == ("1 note due",
                                                           "Check-in to Priya Raman")


def test_nothing_due_or_a_quiet_day_shows_nothing():
    assert reminder_for([], TODAY, set()).silent_because == "nothing due"
    quiet = reminder_for([note()], TODAY, {1})  # Mondays are quiet
    assert not quiet.shows and quiet.silent_because == "a quiet day"
    assert reminder_for([note()], TODAY + datetime.timedelta(days=1), {1}).shows


@pytest.fixture
def rejected_with_people(store):
    """An application turned down today, with two people: their follow-ups planned."""
    app = applications.save_application(None, {"company": "Northwind", "position": "Analyst",
                                               "stage": "interviewing"}).created
    for first, role in (("Priya", "hiring_manager"), ("Tom", "recruiter")):
        person = people.save_person(None, {"first_name": first, "last_name": "Raman"}).created
        applications.link_person(app, person, role)
    applications.mark_rejected(app, local_today() - datetime.timedelta(days=3))
    return store


def test_the_dry_run_lists_exactly_what_today_shows_as_due(rejected_with_people, data_dir):
    today_due = [(s.id, s.kind) for s in steps.open_steps_between(None, local_today())]
    assert today_due  # the thank-yous are due
    close_store(rejected_with_people)
    before = (data_dir / "rebound.db").read_bytes()
    done = run_cli("--data-dir", data_dir, "notify", "--dry-run", "--json")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert [(n["step"], n["kind"]) for n in shown["due"]] == today_due
    assert shown["shows"] and shown["title"] == f"{len(today_due)} notes due"
    assert (data_dir / "rebound.db").read_bytes() == before  # read, never written
    open_store(data_dir)  # the fixture closes it again


def test_quiet_days_come_from_the_settings(rejected_with_people, data_dir):
    set_setting("reminders.quiet_days", [local_today().isoweekday()])
    close_store(rejected_with_people)
    done = run_cli("--data-dir", data_dir, "notify", "--dry-run")
    assert done.stdout.strip() == "No notification: a quiet day."
    open_store(data_dir)


def test_missing_data_is_said_once_and_nothing_is_made(tmp_path):
    folder = tmp_path / "nowhere"
    reminder = read_reminder(folder, TODAY)
    assert reminder.problem and reminder.title == "Rebound could not check your follow-ups"
    assert "not where Rebound keeps it" in reminder.body
    done = run_cli("--data-dir", folder, "notify", "--dry-run")
    assert done.stdout.startswith("Would show: Rebound could not check your follow-ups")
    assert not folder.exists()


def test_a_damaged_file_is_said_and_left_as_it_was(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "rebound.db").write_bytes(b"this is not a database at all" * 100)
    before = (folder / "rebound.db").read_bytes()
    reminder = read_reminder(folder, TODAY)
    assert reminder.problem and "damaged" in reminder.body
    assert (folder / "rebound.db").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["rebound.db"]


def test_notify_reads_what_the_store_reads_without_loading_peewee(rejected_with_people,
                                                                  data_dir):
    """``store.due_now`` (plain sqlite3, for a small daily process) and
    ``steps.open_steps_between`` (what Today lists) give the same notes, in order; and
    the command runs without Peewee or Qt."""
    import subprocess
    import sys

    from desktop.store.due_now import read_due

    expected = [(s.id, s.kind, s.person_name, s.due_on)
                for s in steps.open_steps_between(None, local_today())]
    assert read_due(data_dir / "rebound.db", local_today(), "x")[1] == expected
    close_store(rejected_with_people)
    probe = ("import sys, runpy; sys.argv = ['rebound', '--data-dir', sys.argv[1], 'notify', "
             "'--dry-run']\ntry:\n    runpy.run_module('desktop', run_name='__main__')\n"
             "except SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('peewee', 'PySide6')))")
    done = subprocess.run([sys.executable, "-c", probe, str(data_dir)], capture_output=True,
                          text=True, check=False)
    assert done.stdout.strip().endswith("[]"), done.stdout + done.stderr
    open_store(data_dir)


def test_a_click_starts_rebound_detached_on_the_same_data(tmp_path, monkeypatch):
    """The click starts the window (a running one is brought forward on Today by the
    single-instance channel), with the data folder the notification was about."""
    import subprocess
    import sys

    from desktop.commands.reminders import open_rebound
    from desktop.paths import DataLocation

    started = []
    monkeypatch.setattr(subprocess, "Popen",
                        lambda argv, **options: started.append((argv, options)))
    open_rebound(DataLocation(tmp_path / "data", "given"))
    open_rebound(DataLocation(tmp_path / "usual", "default"))
    assert [argv for argv, _ in started] == [
        [sys.executable, "-m", "desktop", "--data-dir", str(tmp_path / "data")],
        [sys.executable, "-m", "desktop"]]
    assert all(options.get("start_new_session") for _, options in started)
