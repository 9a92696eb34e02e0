"""Search everything, on a real file: every group finds what it holds, follows every
edit, import and cascade, and shows only what still exists."""

import datetime

import pytest

from desktop.operations import applications, companies, people, steps
from desktop.operations.steps import NewNote
from desktop.playbook.kinds import StepKind
from desktop.store import lifecycle
from desktop.store.search import MARK_END, MARK_START, search_everything
from desktop.vocabulary import Found
from tests.store.older_formats import drop_search_everything, reopened_as_older


def _titles(text: str, group: Found) -> list[str]:
    return [hit.title for hit in search_everything(text) if hit.group is group]


@pytest.fixture
def world(store):
    """Acme, where Tomasz (a recruiter) and Priya work; an application turned down
    with a reflection; a note sent to Tomasz and a call logged with Priya."""
    acme = companies.save_company(None, {"name": "Acme Robotics", "industry": "Warehousing",
                                         "location": "Gdansk", "notes": ""}).created
    tomasz = people.save_person(None, {"first_name": "Tomasz", "last_name": "Nowak",
                                       "company": "Acme Robotics", "hiring_role": "recruiter",
                                       "email": "tomasz@acme.example"}).created
    priya = people.save_person(None, {"first_name": "Priya", "last_name": "Raman",
                                      "company": "Acme Robotics",
                                      "title": "Head of Data"}).created
    application = applications.save_application(None, {
        "company": "Acme Robotics", "position": "Data Analyst", "source": "LinkedIn",
        "stumped_questions": "The window functions question about cohort retention",
        "lessons": "Practise whiteboard SQL"}).created
    steps.send(None, "Thank you for the interview",
               "I enjoyed hearing about the marmalade forecasting project.",
               new=NewNote(StepKind.THANK_YOU, tomasz, application))
    people.log_contact(priya, summary="Coffee chat", body="She mentioned a quinoa budget "
                       "planning tool they are building.", channel="phone",
                       direction="incoming")
    return {"acme": acme, "tomasz": tomasz, "priya": priya, "application": application}


def test_each_group_finds_what_it_holds(world):
    assert _titles("tomasz", Found.PERSON) == ["Tomasz Nowak"]
    assert _titles("recruiter", Found.PERSON) == ["Tomasz Nowak"]
    assert _titles("warehousing", Found.COMPANY) == ["Acme Robotics"]
    assert _titles("analyst", Found.APPLICATION) == ["Data Analyst — Acme Robotics"]
    assert _titles("cohort", Found.REFLECTION) == ["Data Analyst — Acme Robotics"]
    assert _titles("cohort", Found.APPLICATION) == []
    assert _titles("quinoa", Found.TIMELINE) == ["Coffee chat"]
    assert _titles("quinoa", Found.NOTE_SENT) == []


def test_a_word_only_in_a_sent_note_is_found_there_and_opens_its_person(world):
    hits = search_everything("marmalade")
    assert [(hit.group, hit.opens, hit.record_id) for hit in hits] == [
        (Found.NOTE_SENT, Found.PERSON, world["tomasz"])]
    hit = hits[0]
    assert hit.title == "Thank you for the interview"
    assert hit.context == ("Tomasz Nowak",)
    assert f"{MARK_START}marmalade{MARK_END}" in hit.snippet
    assert hit.found_id is not None


def test_prefixes_accents_and_several_words(world):
    assert _titles("tom now", Found.PERSON) == ["Tomasz Nowak"]
    assert _titles("gdańsk", Found.COMPANY) == ["Acme Robotics"]
    assert _titles("acme head", Found.PERSON) == ["Priya Raman"]
    assert search_everything("   ") == []
    assert search_everything('"*(') == []


def test_a_match_in_the_name_comes_before_a_match_elsewhere(store):
    companies.save_company(None, {"name": "Northwind", "notes": "Partner of Zephyr Labs"})
    companies.save_company(None, {"name": "Zephyr Labs"})
    assert _titles("zephyr", Found.COMPANY) == ["Zephyr Labs", "Northwind"]


def test_each_group_is_cut_at_its_size(store):
    for n in range(8):
        people.save_person(None, {"first_name": f"Alex{n}", "last_name": "Moreau"})
    assert len(search_everything("moreau", per_group=5)) == 5
    assert _titles("moreau", Found.PERSON)[0] == "Alex7 Moreau"  # the newest first


def test_the_index_follows_edits_renames_and_deletions(world):
    companies.save_company(world["acme"], {"name": "Apex Robotics"})
    assert _titles("apex", Found.APPLICATION) == ["Data Analyst — Apex Robotics"]
    assert _titles("acme", Found.APPLICATION) == []
    applications.save_application(world["application"], {
        "company": "Apex Robotics", "position": "Data Analyst",
        "lessons": "Rehearse the pomegranate story"})
    assert _titles("pomegranate", Found.REFLECTION) == ["Data Analyst — Apex Robotics"]
    assert _titles("whiteboard", Found.REFLECTION) == []

    people.delete_person(world["tomasz"])  # the note sent to him goes with him
    assert search_everything("marmalade") == []
    companies.delete_company(world["acme"])  # and the application with the company
    assert search_everything("analyst") == []
    assert search_everything("pomegranate") == []


def test_a_note_sent_later_moves_from_its_draft_to_notes_sent(world):
    draft = steps.save_draft(None, "", "Checking in", "The tangerine launch went well?",
                             new=NewNote(StepKind.CHECK_IN, world["priya"])).created
    assert search_everything("tangerine") == []  # a draft is not a contact yet
    steps.send(draft, "Checking in", "The tangerine launch went well?",
               sent_at=datetime.datetime(2026, 11, 2, 9, 0))
    hits = search_everything("tangerine")
    assert [(hit.group, hit.when) for hit in hits] == [
        (Found.NOTE_SENT, datetime.date(2026, 11, 2))]


def test_a_file_from_before_search_everything_is_indexed_when_it_updates(tmp_path):
    """A version-4 database with a company, an application and a sent note in it:
    after the update to version 5, all three are found."""
    data_dir = tmp_path / "data"
    store = lifecycle.open_store(data_dir)
    companies.save_company(None, {"name": "Umbra Analytics"})
    tomasz = people.save_person(None, {"first_name": "Tomasz", "company": "Umbra Analytics"})
    applications.save_application(None, {"company": "Umbra Analytics", "position": "Analyst",
                                         "lessons": "Bring the saffron dashboard"})
    steps.send(None, "Thanks", "The okra pipeline", new=NewNote(StepKind.THANK_YOU,
                                                                tomasz.created))
    store = reopened_as_older(store, data_dir, drop_search_everything)  # from format 4
    try:
        assert [m.version for m in store.migrations_applied] == [5, 6, 7]
        assert _titles("umbra", Found.COMPANY) == ["Umbra Analytics"]
        assert _titles("saffron", Found.REFLECTION) == ["Analyst — Umbra Analytics"]
        assert _titles("okra", Found.NOTE_SENT) == ["Thanks"]
    finally:
        lifecycle.close_store(store)
