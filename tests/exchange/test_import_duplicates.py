"""Someone already there: recognised by e-mail, LinkedIn profile, or name and company;
skipped, filled in (never overwritten) or added again, as the user chose."""

import pytest

from desktop.exchange.import_contacts import DuplicatePolicy, import_contacts
from desktop.store.import_rows import profile_key
from desktop.store.people import save_person

pytestmark = pytest.mark.usefixtures("store")

HEADER = "First Name,Last Name,Email,Company,Title,LinkedIn,Notes\n"


def csv_file(tmp_path, *rows: str, name: str = "people.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture
def jane():
    """Jane, stored with an e-mail, a LinkedIn profile, a company, and no phone or title."""
    return save_person(None, {
        "first_name": "Jane", "last_name": "Doe", "email": "Jane.Doe@Example.org",
        "company": "Acme", "linkedin_url": "https://www.linkedin.com/in/janedoe",
        "notes": "Original notes.",
    })


@pytest.mark.parametrize(
    "row",
    [
        "Janet,Other,JANE.DOE@example.ORG,,,,",  # e-mail, any case
        "J.,D.,,,,http://LinkedIn.com/in/JaneDoe/,",  # profile, however spelled
        "Jane,Doe,,ACME,,,",  # name and company, any case
    ],
    ids=["email", "linkedin", "name+company"],
)
def test_skip_by_each_key(tmp_path, jane, stored_people, row):
    result = import_contacts(csv_file(tmp_path, row), on_duplicate="skip")

    assert (result.imported, result.updated, result.skipped) == (0, 0, 1)
    assert len(stored_people()) == 1


@pytest.mark.parametrize(
    "row",
    [
        "Janet,Other,jane.doe@example.org,Initech,Boss,,New notes.",
        "Janet,Other,,Initech,Boss,https://uk.linkedin.com/in/janedoe?trk=x,New notes.",
        "jane,DOE,,acme,Boss,,New notes.",
    ],
    ids=["email", "linkedin", "name+company"],
)
def test_update_fills_only_empty_fields(tmp_path, jane, stored_people, row):
    result = import_contacts(csv_file(tmp_path, row), on_duplicate=DuplicatePolicy.UPDATE)

    assert (result.imported, result.updated, result.skipped) == (0, 1, 0)
    [stored] = stored_people()
    # Names, e-mail, company, profile and notes were set: they stay as they were.
    assert stored["first_name"] == "Jane"
    assert stored["last_name"] == "Doe"
    assert stored["email"] == "Jane.Doe@Example.org"
    assert stored["company"] == "Acme"
    assert stored["linkedin_url"] == "https://www.linkedin.com/in/janedoe"
    assert stored["notes"] == "Original notes."
    # The title was empty: filled.
    assert stored["title"] == "Boss"


def test_update_with_nothing_new_counts_as_skipped(tmp_path, jane):
    result = import_contacts(csv_file(tmp_path, "Jane,Doe,jane.doe@example.org,Acme,,,"),
                             on_duplicate="update")
    assert (result.imported, result.updated, result.skipped) == (0, 0, 1)


def test_update_gives_a_company_to_someone_without_one(tmp_path, stored_people):
    save_person(None, {"first_name": "Sam", "email": "sam@example.org"})
    import_contacts(csv_file(tmp_path, "Sam,Lee,sam@example.org,Globex,,,"), on_duplicate="update")

    assert stored_people() == [{
        "first_name": "Sam", "last_name": "Lee", "email": "sam@example.org", "phone": "",
        "company": "Globex", "title": "", "linkedin_url": "", "how_met": "", "notes": "",
    }]


def test_new_adds_everyone_again(tmp_path, jane, stored_people):
    result = import_contacts(csv_file(tmp_path, "Jane,Doe,jane.doe@example.org,Acme,,,"),
                             on_duplicate="new")

    assert (result.imported, result.updated, result.skipped) == (1, 0, 0)
    assert [p["email"] for p in stored_people()] == ["Jane.Doe@Example.org",
                                                      "jane.doe@example.org"]


def test_same_name_and_company_with_a_different_email_is_someone_else(tmp_path, jane):
    result = import_contacts(csv_file(tmp_path, "Jane,Doe,jane@other.example,Acme,,,"))
    assert (result.imported, result.skipped) == (1, 0)


def test_same_name_at_another_company_is_someone_else(tmp_path, jane):
    result = import_contacts(csv_file(tmp_path, "Jane,Doe,,Globex,,,"))
    assert (result.imported, result.skipped) == (1, 0)


def test_duplicates_within_one_file(tmp_path, stored_people):
    path = csv_file(
        tmp_path,
        "Ann,Lee,ann@example.org,Acme,,,",
        "Ann,Lee,ANN@example.org,,Engineer,,",  # same e-mail: fills the title
        "Bo,Chan,,Acme,,linkedin.com/in/bochan,",
        "Bo,Chan,bo@example.org,Acme,,https://www.linkedin.com/in/bochan/,",  # same profile
    )
    result = import_contacts(path, on_duplicate="update")

    assert (result.imported, result.updated, result.skipped) == (2, 2, 0)
    people = stored_people()
    assert [(p["email"], p["title"]) for p in people] == [("ann@example.org", "Engineer"),
                                                          ("bo@example.org", "")]
    assert people[1]["linkedin_url"] == "https://www.linkedin.com/in/bochan"


def test_a_filled_email_is_found_by_later_rows(tmp_path, stored_people):
    save_person(None, {"first_name": "Kim", "last_name": "Park"})
    path = csv_file(
        tmp_path,
        "Kim,Park,kim@example.org,,,,",  # name match (no company on either side): fills e-mail
        "Kimberly,P.,kim@example.org,,Designer,,",  # now matches by that e-mail
    )
    result = import_contacts(path, on_duplicate="update")

    assert (result.imported, result.updated) == (0, 2)
    assert stored_people()[0]["title"] == "Designer"


def test_reimporting_the_same_file_changes_nothing(contacts_file, stored_people, db_state):
    first = import_contacts(contacts_file("linkedin_connections.csv"))
    people = stored_people()
    again = import_contacts(contacts_file("linkedin_connections.csv"), on_duplicate="update")

    assert (again.imported, again.updated, again.skipped) == (0, 0, first.imported)
    assert stored_people() == people


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.linkedin.com/in/jane/", "https://www.linkedin.com/in/jane"),
        ("http://LinkedIn.com/in/Jane", "https://www.linkedin.com/in/jane"),
        ("linkedin.com/in/jane?trk=abc#top", "https://www.linkedin.com/in/jane"),
        ("https://de.linkedin.com/in/jane", "https://www.linkedin.com/in/jane"),
        ("https://Example.org/Me/", "https://example.org/me"),
        ("", ""),
    ],
)
def test_profile_key(url, key):
    assert profile_key(url) == key
