"""What an import tells the user beyond its counts: every row left out, and every field
stored shorter than the file had it, by the line it starts on."""

import pytest

from desktop.exchange.import_contacts import import_contacts
from desktop.store.import_rows import MAX_TEXT_CHARS
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


UNCLOSED = (
    "A quote opened on this line is never closed, so the rest of the file (lines 7 to 8) "
    "was read as part of this row. None of it was imported: close the quote and "
    "import the file again."
)


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_an_unclosed_quote_is_reported_where_it_opened(tmp_path, stored_people, ending):
    path = tmp_path / "unclosed.csv"
    lines = [
        "Name,Email,Notes",
        "Ann Lee,ann@example.org,first",
        '"Multi Line",multi@example.org,"a note',
        'over two lines"',
        "Bo Diaz,bo@example.org,fine",
        'Cy Broken,cy@example.org,"the quote is never closed',
        "Di Gone,di@example.org,swallowed",
        "Ed Gone,ed@example.org,swallowed too",
    ]
    path.write_bytes(ending.join(lines).encode() + ending.encode())
    result = import_contacts(path)

    assert [p["email"] for p in stored_people()] == [
        "ann@example.org", "multi@example.org", "bo@example.org"
    ]
    assert reported(result) == [(6, UNCLOSED)]


def test_an_unclosed_quote_swallowing_one_line_in_a_tab_separated_file(tmp_path):
    path = tmp_path / "tabs.csv"
    path.write_text('Name\tEmail\n"Ann Lee\tann@example.org\nBo\tbo@example.org\n',
                    encoding="utf-8")
    result = import_contacts(path)

    assert result.imported == 0
    assert reported(result) == [(2, "A quote opened on this line is never closed, so the rest "
                                    "of the file (line 3) was read as part of this row. None of "
                                    "it was imported: close the quote and import the file again.")]


def test_an_unclosed_quote_on_the_last_line(tmp_path, stored_people):
    path = tmp_path / "last.csv"
    path.write_text('Name,Email\nAnn Lee,ann@example.org\nBo,"bo@example.org', encoding="utf-8")
    result = import_contacts(path)

    assert [p["email"] for p in stored_people()] == ["ann@example.org"]
    assert reported(result) == [
        (3, "A quote opened on this line is never closed. The row was not imported.")
    ]


def test_the_last_row_without_a_line_end_is_imported(tmp_path, stored_people):
    path = tmp_path / "no-end.csv"
    path.write_text('Name,Email\nAnn Lee,ann@example.org\nBo,"bo@example.org"', encoding="utf-8")
    result = import_contacts(path)

    assert (result.imported, reported(result)) == (2, [])
