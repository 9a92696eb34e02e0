"""Which format and which encoding a file is in, found without asking."""

import pytest

from desktop.exchange.detect_format import detect_format
from desktop.exchange.exporters import json_copy
from desktop.exchange.import_contacts import ImportRefused, import_contacts, preview
from desktop.exchange.read_text import HEAD_BYTES, sniff_text
from desktop.store.lifecycle import close_store, open_store
from desktop.store.people import save_person


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("linkedin_connections.csv", "linkedin"),
        ("linkedin_no_url.csv", "linkedin"),
        ("google_current.csv", "google"),
        ("google_legacy.csv", "google"),
        ("outlook_utf16.csv", "outlook"),
        ("european_cp1252.csv", "csv"),
        ("malformed.csv", "csv"),
        ("google_contacts.vcf", "vcard"),
        ("apple_contacts.vcf", "vcard"),
        ("outlook_21.vcf", "vcard"),
        ("multi_v4.vcf", "vcard"),
    ],
)
def test_detect_format_of_each_fixture(contacts_file, name, expected):
    assert detect_format(contacts_file(name)) == expected


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("linkedin_connections.csv", "utf-8-sig"),
        ("outlook_utf16.csv", "utf-16"),
        ("european_cp1252.csv", "cp1252"),
        ("outlook_21.vcf", "cp1252"),
        ("multi_v4.vcf", "utf-8"),
    ],
)
def test_encoding_of_each_fixture(contacts_file, name, encoding):
    assert sniff_text(contacts_file(name)).encoding == encoding


TEXT = "First Name,Last Name,Email\nZoë,Ødegaard,zoe@example.org\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "utf-16-be",
         "cp1252"],
)
def test_encodings_are_detected(tmp_path, data, encoding, store, stored_people):
    path = tmp_path / "people.csv"
    path.write_bytes(data)

    assert sniff_text(path).encoding == encoding
    assert import_contacts(path).imported == 1
    assert stored_people()[0]["first_name"] == "Zoë"
    assert stored_people()[0]["last_name"] == "Ødegaard"


def test_a_windows_byte_far_down_the_file_makes_it_cp1252(tmp_path, store, stored_people):
    """The whole file is checked, not just the start the format is detected from."""
    filler = "".join(f"Person {n},Example,p{n}@example.org\n" for n in range(3000))
    assert len(filler) > HEAD_BYTES
    path = tmp_path / "late.csv"
    path.write_bytes(("First Name,Last Name,Email\n" + filler + "José,Gómez,j@example.org\n")
                     .encode("cp1252"))

    assert sniff_text(path).encoding == "cp1252"
    import_contacts(path)
    assert stored_people()[-1]["first_name"] == "José"


def export_of_one_person(tmp_path):
    """A Rebound JSON export holding one person, made in another store."""
    other = open_store(tmp_path / "other")
    save_person(None, {"first_name": "Ines", "last_name": "Costa", "company": "Fernworks"})
    path = tmp_path / "rebound.json"
    json_copy.export_json(path)
    close_store(other)
    return path


def test_a_rebound_json_export_is_detected_and_loaded(tmp_path, data_dir, stored_people):
    path = export_of_one_person(tmp_path)
    assert detect_format(path) == "json"
    store = open_store(data_dir)
    try:
        shown = preview(path)
        assert (shown.format, shown.total_estimate) == ("json", 1)
        assert (shown.rows[0].first_name, shown.rows[0].company) == ("Ines", "Fernworks")
        assert import_contacts(path).imported == 1
        assert stored_people()[0]["company"] == "Fernworks"
        # A full export goes only into an empty database: refused, with the reason.
        with pytest.raises(ImportRefused, match="empty Rebound database"):
            import_contacts(path)
    finally:
        close_store(store)
