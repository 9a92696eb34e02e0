"""Bad rows, bad files, huge cells, cancelling: reported or refused, never half-written."""

import random
import zipfile

import pytest

from desktop.exchange.import_contacts import (
    ImportCancelled,
    ImportRefused,
    guess_header,
    import_contacts,
    preview,
)
from desktop.store.import_rows import MAX_TEXT_CHARS, ContactRow, Rejected
from desktop.store.people import count_people, save_person, search_people

pytestmark = pytest.mark.usefixtures("store")


def test_rejected_rows_are_reported_by_physical_line(contacts_file, stored_people):
    result = import_contacts(contacts_file("malformed.csv"))

    assert [line for line, _ in result.rejected] == [3, 4, 5, 6]
    reasons = dict(result.rejected)
    assert reasons[3] == "There is no name and no e-mail address."
    assert "6 cells where the header has 4" in reasons[4]
    assert "“not-an-email” does not look like an e-mail address" in reasons[5]
    assert "1,500 characters long" in reasons[6]
    # The row with a line break inside quotes starts on line 7; the next one is line 9.
    assert [(p["first_name"], p["email"]) for p in stored_people()] == [
        ("Good", "good.row@example.org"),
        ("Multi Line", "multi.line@example.org"),
        ("Also", "also.good@example.org"),
    ]


def test_an_import_is_one_transaction(contacts_file, db_state):
    people, companies, revision = db_state()
    result = import_contacts(contacts_file("linkedin_connections.csv"))

    assert db_state() == (people + result.imported, companies + 3, str(int(revision) + 1))


def test_a_10_mb_cell_nul_bytes_and_embedded_newlines(tmp_path, stored_people):
    huge = "x" * (10 * 1024 * 1024)
    path = tmp_path / "big.csv"
    path.write_text(
        "Name,Email,Notes,Company\n"
        f'Big Note,big@example.org,"{huge}",Acme\n'
        f'Big Name {huge},bigname@example.org,,Acme\n'
        'Nul\x00 Byte,nul@example.org,"a\x00b",Ac\x00me\n'
        '"Quote ""Q"" Person",q@example.org,"line one\nline two, with ""quotes""\n",Acme\n'
        "Last,last@example.org,,Acme\n",
        encoding="utf-8",
    )
    result = import_contacts(path)

    assert result.imported == 4
    assert result.rejected == [
        # "Big Name xxx…" is split into first name "Big Name" and a 10 MB last name.
        (3, f"The last name is {len(huge):,} characters long; at most 1,000 are accepted."),
    ]
    people = {p["email"]: p for p in stored_people()}
    notes = people["big@example.org"]["notes"]
    assert notes.startswith("x" * MAX_TEXT_CHARS)
    assert notes.endswith("[cut at 10,000 characters on import]")
    assert len(notes) < MAX_TEXT_CHARS + 100
    assert people["nul@example.org"]["first_name"] == "Nul"
    assert people["nul@example.org"]["last_name"] == "Byte"
    assert people["nul@example.org"]["notes"] == "ab"
    assert people["nul@example.org"]["company"] == "Acme"
    assert people["q@example.org"]["first_name"] == 'Quote "Q"'
    assert people["q@example.org"]["notes"] == 'line one\nline two, with "quotes"'
    assert people["last@example.org"]["first_name"] == "Last"


def test_an_unclosed_quote_swallowing_the_file_is_a_rejected_row(tmp_path, stored_people):
    path = tmp_path / "unclosed.csv"
    path.write_text("Name,Email\nAnn,ann@example.org\n" + '"Broken,b@example.org\n'
                    + "".join(f"P{n},p{n}@example.org\n" for n in range(200)), encoding="utf-8")
    result = import_contacts(path)

    assert result.imported == 1
    assert [line for line, _ in result.rejected] == [3]
    assert result.rejected[0].reason.startswith("A quote opened on this line is never closed")


def cancel_after(calls: int):
    seen = []

    def cancelled() -> bool:
        seen.append(1)
        return len(seen) > calls

    return cancelled


def test_cancel_mid_import_leaves_the_database_unchanged(tmp_path, db_state, stored_people):
    save_person(None, {"first_name": "Already", "last_name": "There", "email": "a@example.org"})
    path = tmp_path / "many.csv"
    path.write_text("Name,Email,Company\n" + "".join(
        f"Person {n},p{n}@example.org,Company {n % 7}\n" for n in range(2000)
    ) + "Already There,a@example.org,Filled In\n", encoding="utf-8")
    before, people = db_state(), stored_people()
    progress = []

    with pytest.raises(ImportCancelled):
        # Cancelled after 1,000 rows: two chunks of 500 people are already INSERTed.
        import_contacts(path, on_duplicate="update", cancelled=cancel_after(10),
                        progress=lambda done, total: progress.append((done, total)))

    assert progress[-1] == (1000, 2001)
    assert db_state() == before
    assert stored_people() == people


def test_progress_reaches_the_end(tmp_path):
    path = tmp_path / "some.csv"
    path.write_text("Name,Email\n" + "".join(f"P {n},p{n}@example.org\n" for n in range(250)),
                    encoding="utf-8")
    seen = []
    import_contacts(path, progress=lambda done, total: seen.append((done, total)))

    assert seen == [(100, 250), (200, 250), (250, 250)]


def random_bytes(size: int) -> bytes:
    return random.Random(size).randbytes(size)


def xlsx(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("empty.csv", lambda p: p.write_bytes(b""), "is empty"),
        ("blank.csv", lambda p: p.write_bytes(b"\xef\xbb\xbf \r\n\r\n"), "is empty"),
        ("noise.csv", lambda p: p.write_bytes(random_bytes(8192)), "binary data"),
        ("photo.vcf", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + random_bytes(500)),
         "PNG image"),
        ("people.csv", xlsx, "save it as CSV"),
        ("letter.csv", lambda p: p.write_text("Dear Sam,\nthanks for the chat.\n"),
         "does not look like a contacts file"),
        ("data.json", lambda p: p.write_text('{"people": []}'), "not a Rebound export"),
    ],
)
def test_files_that_are_not_contacts_are_refused(tmp_path, db_state, name, make, message):
    path = tmp_path / name
    make(path)
    before = db_state()

    with pytest.raises(ImportRefused, match=message):
        import_contacts(path)
    with pytest.raises(ImportRefused, match=message):
        preview(path)
    assert db_state() == before


@pytest.mark.parametrize(
    ("fixture", "claimed", "message"),
    [
        ("google_current.csv", "linkedin", "not a LinkedIn Connections.csv"),
        ("linkedin_connections.csv", "outlook", "not an Outlook CSV"),
        ("outlook_utf16.csv", "google", "not a Google Contacts CSV"),
        ("linkedin_connections.csv", "vcard", "does not start with BEGIN:VCARD"),
        ("apple_contacts.vcf", "csv", "is a vCard file, not a CSV"),
        ("multi_v4.vcf", "linkedin", "is a vCard file, not a CSV"),
        ("google_legacy.csv", "json", "not a Rebound export"),
        ("google_legacy.csv", "xlsx", "not a format Rebound imports"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused(
    contacts_file, db_state, fixture, claimed, message
):
    before = db_state()
    with pytest.raises(ImportRefused, match=message):
        import_contacts(contacts_file(fixture), claimed)
    assert db_state() == before


def test_a_missing_file_and_a_folder_are_refused(tmp_path):
    with pytest.raises(ImportRefused, match="Cannot read"):
        import_contacts(tmp_path / "nothing-here.csv")
    with pytest.raises(ImportRefused, match="is a folder"):
        import_contacts(tmp_path)


def test_preview_shows_rows_as_stored_and_writes_nothing(contacts_file, db_state):
    before = db_state()
    shown = preview(contacts_file("linkedin_connections.csv"), limit=3)

    assert shown.format == "linkedin"
    assert shown.header == ["First Name", "Last Name", "URL", "Email Address", "Company",
                            "Position", "Connected On"]
    assert shown.mapping["linkedin_url"] == "URL"
    assert shown.mapping["how_met"] == "Connected On"
    assert shown.total_estimate == 5
    assert shown.rows == [
        ContactRow(5, "Priya", "Sharma", "", "", "Northwind Health", "Engineering Manager",
                   "https://www.linkedin.com/in/priya-sharma-4b1a2c",
                   "LinkedIn connection since 15 Mar 2024", ""),
        ContactRow(6, "Tomás", "Núñez", "tomas.nunez@brightloop.example", "",
                   "Brightloop, Inc.", "Senior Technical Recruiter",
                   "https://www.linkedin.com/in/tomasnunez",
                   "LinkedIn connection since 02 Jan 2023", ""),
        Rejected(7, "There is no name and no e-mail address."),
    ]
    assert db_state() == before


def test_preview_of_a_generic_csv_proposes_a_mapping(contacts_file):
    shown = preview(contacts_file("european_cp1252.csv"))

    assert shown.format == "csv"
    assert shown.mapping == {"full_name": "Full name", "email": "E-mail address",
                             "company": "Organisation", "title": "Position",
                             "notes": "Comments"}
    assert [row.first_name for row in shown.rows] == ["José", "Zoë"]


def test_preview_with_a_mapping(contacts_file):
    mapping = {"full_name": "Who", "email": "Reach them at"}
    shown = preview(contacts_file("odd_headers.csv"), mapping=mapping, file_format="csv")

    assert shown.mapping == mapping
    assert [(row.first_name, row.last_name, row.company) for row in shown.rows] == [
        ("Ana", "Pereira", ""), ("Hiroshi", "Nakamura", "")
    ]


def test_odd_headers_are_offered_for_mapping_then_imported(contacts_file, stored_people):
    path = contacts_file("odd_headers.csv")
    header = guess_header(path)
    assert header == ["Who", "Reach them at", "Employer org", "Function", "Remarks"]

    # Format left to detection: a mapping says it is a CSV.
    result = import_contacts(path, mapping={"full_name": header[0], "email": header[1]})
    assert result.imported == 2
    assert stored_people()[1]["last_name"] == "Nakamura"


def test_imported_people_are_found_by_the_filter(contacts_file):
    import_contacts(contacts_file("linkedin_connections.csv"))

    assert [m.name for m in search_people("northwind")] == ["Aiko Tanaka", "Priya Sharma"]
    assert count_people("Núñez") == 1


def test_preview_of_a_vcard(contacts_file):
    shown = preview(contacts_file("multi_v4.vcf"))

    assert (shown.format, shown.header, shown.mapping, shown.total_estimate) == (
        "vcard", [], {}, 3
    )
    assert [type(row).__name__ for row in shown.rows] == ["ContactRow", "Rejected", "ContactRow"]
