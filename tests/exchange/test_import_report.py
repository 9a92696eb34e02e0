"""What an import tells the user beyond its counts: every row left out, and every field
stored shorter than the file had it, by the line it starts on."""

import pytest

from desktop.exchange.import_contacts import import_contacts
from desktop.store.bulk_import import MAX_TEXT_CHARS
from desktop.store.people import save_person

pytestmark = pytest.mark.usefixtures("store")

TEN_MB = 10 * 1024 * 1024


def reported(result) -> list[tuple[int, str]]:
    return [(item.line, item.reason) for item in result.report]


def test_a_cut_field_is_reported_with_its_line_and_length(tmp_path, stored_people):
    path = tmp_path / "long.csv"
    path.write_text(
        "Name,Email,How we met,Notes\n"
        f'Big Note,big@example.org,Conference,"{"x" * TEN_MB}"\n'
        f'Long Story,story@example.org,"{"y" * 20_000}",short\n'
        ",,,no name\n"
        f"Just Right,right@example.org,,{'z' * MAX_TEXT_CHARS}\n",
        encoding="utf-8",
    )
    result = import_contacts(path)

    assert result.imported == 3
    assert [(cut.line, cut.field, cut.length) for cut in result.cut] == [
        (2, "notes", TEN_MB), (3, "how_met", 20_000),
    ]
    assert reported(result) == [
        (2, "The notes were cut from 10,485,760 to 10,000 characters."),
        (3, "“How we met” was cut from 20,000 to 10,000 characters."),
        (4, "There is no name and no e-mail address."),
    ]
    assert [len(p["notes"]) > MAX_TEXT_CHARS for p in stored_people()] == [True, False, False]


def test_a_cut_is_reported_only_where_the_long_text_was_stored(tmp_path):
    save_person(None, {"first_name": "Has", "last_name": "Notes", "email": "has@example.org",
                       "notes": "Already written"})
    save_person(None, {"first_name": "No", "last_name": "Notes", "email": "no@example.org"})
    path = tmp_path / "again.csv"
    long = "x" * 12_345
    path.write_text(f"Name,Email,Notes\nHas Notes,has@example.org,{long}\n"
                    f"No Notes,no@example.org,{long}\n", encoding="utf-8")

    skipped = import_contacts(path, on_duplicate="skip")
    assert (skipped.skipped, reported(skipped)) == (2, [])

    updated = import_contacts(path, on_duplicate="update")
    assert updated.updated == 1
    assert reported(updated) == [(3, "The notes were cut from 12,345 to 10,000 characters.")]
