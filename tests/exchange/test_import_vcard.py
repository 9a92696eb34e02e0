"""vCard 2.1, 3.0 and 4.0 files as Google, Apple Contacts and Outlook write them."""

import pytest

from desktop.exchange.import_contacts import import_contacts

pytestmark = pytest.mark.usefixtures("store")


def person(**fields) -> dict:
    base = dict.fromkeys(("first_name", "last_name", "email", "phone", "company", "title",
                          "linkedin_url", "how_met", "notes"), "")
    return {**base, **fields}


def test_google_vcard_with_item_groups(contacts_file, stored_people):
    result = import_contacts(contacts_file("google_contacts.vcf"))

    assert (result.imported, result.rejected) == (2, [])
    assert stored_people() == [
        person(first_name="Priya", last_name="Sharma", email="priya.sharma@northwind.example",
               phone="+44 7700 900123", company="Northwind Health", title="Engineering Manager",
               linkedin_url="https://www.linkedin.com/in/priya-sharma-4b1a2c",
               notes="Met at PyCon UK\nTalked about the platform team, and hiring."),
        # ORG "Fernworks;Talent": the company, not the department.
        person(first_name="Daniel", last_name="Becker", email="daniel@becker.example",
               company="Fernworks", title="Talent Partner"),
    ]


def test_apple_vcard_with_labels_social_profile_and_photo(contacts_file, stored_people):
    result = import_contacts(contacts_file("apple_contacts.vcf"))

    assert (result.imported, result.rejected) == (2, [])
    assert stored_people() == [
        person(first_name="Astrid", last_name="Lindqvist", email="astrid@cedarlabs.example",
               phone="+46 8 555 010 20", company="Cedar Labs", title="VP Engineering",
               linkedin_url="https://www.linkedin.com/in/astridl",
               notes="Hiring manager for the backend role."),
        # Empty N, name only in FN; the LinkedIn URL is labelled through its item group.
        person(first_name="Chidi", company="Brightloop",
               linkedin_url="https://www.linkedin.com/in/chidi-o"),
    ]


def test_outlook_21_quoted_printable_charset_and_folding(contacts_file, stored_people):
    result = import_contacts(contacts_file("outlook_21.vcf"))

    assert (result.imported, result.rejected) == (2, [])
    assert stored_people() == [
        # Raw cp1252 in N/FN/ORG, a QP note in Windows-1252 with a soft line break and
        # an encoded CRLF, bare TEL;CELL preferred over TEL;WORK, photos dropped.
        person(first_name="Jürgen", last_name="Müller", email="juergen.mueller@contoso.example",
               phone="+49 170 5550123", company="Contoso Süd GmbH", title="Head of Engineering",
               linkedin_url="https://www.linkedin.com/in/juergen-mueller",
               notes="Hat mich für die Plattform-Stelle interviewt.\nSehr freundliches "
                     'Feedback, sagte: "Bewerben Sie sich gern wieder".'),
        # A QP title over two lines, a folded note with a comma, and a QP soft break
        # right before END:VCARD (which vobject alone reads as an unclosed card).
        person(first_name="Søren", last_name="Nielsen", email="soren.nielsen@fabrikam.example",
               company="Fabrikam",
               title="Senior Technical Recruiter for the Nordic and Baltic regions",
               notes="A note folded by Outlook at seventy-five characters, which continues "
                     "on the next line after one space."),
    ]


def test_multi_card_v4_with_a_broken_card(contacts_file, stored_people):
    result = import_contacts(contacts_file("multi_v4.vcf"))

    assert result.imported == 2
    assert [line for line, _ in result.rejected] == [11]
    assert "this line has no colon" in result.rejected[0].reason
    assert stored_people() == [
        person(first_name="Ana", last_name="Pereira", email="ana.pereira@copperline.example",
               phone="+351-912-555-010", company="Copperline", title="QA Engineer",
               linkedin_url="https://www.linkedin.com/in/ana-pereira"),
        person(first_name="Wei", last_name="Zhang", email="wei.zhang@deepfern.example",
               notes="Met at the 北京 meetup."),
    ]


def write(tmp_path, text: str, encoding: str = "utf-8"):
    path = tmp_path / "cards.vcf"
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def test_cards_without_end_are_rejected_by_line(tmp_path, stored_people):
    path = write(tmp_path, "BEGIN:VCARD\nVERSION:3.0\nFN:Lost One\n"
                           "BEGIN:VCARD\nVERSION:3.0\nFN:Kept One\nEND:VCARD\n"
                           "BEGIN:VCARD\nVERSION:3.0\nFN:Cut Off\n")
    result = import_contacts(path)

    assert result.imported == 1
    assert result.rejected == [
        (1, "The card has no END:VCARD before the next card begins."),
        (8, "The card has no END:VCARD."),
    ]
    assert [p["first_name"] for p in stored_people()] == ["Kept"]


def test_unknown_charset_and_bad_escapes_do_not_lose_the_card(tmp_path, stored_people):
    path = write(tmp_path, "BEGIN:VCARD\nVERSION:2.1\n"
                           "N;CHARSET=klingon;ENCODING=QUOTED-PRINTABLE:Ren=C3=A9e;Zo=ZZ\n"
                           "PHOTO;ENCODING=BASE64:!!!not base64\n"
                           "END:VCARD\n")
    result = import_contacts(path)

    assert (result.imported, result.rejected) == (1, [])
    assert stored_people()[0]["last_name"] == "Renée"
    assert stored_people()[0]["first_name"] == "Zo=ZZ"


def test_a_card_with_no_name_or_email_is_rejected(tmp_path):
    path = write(tmp_path, "BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nFN:\nTEL:+1 555 0100\nEND:VCARD\n")
    result = import_contacts(path)

    assert result.imported == 0
    assert result.rejected == [(1, "There is no name and no e-mail address.")]


def test_vcard_in_utf16(tmp_path, stored_people):
    path = tmp_path / "utf16.vcf"
    path.write_bytes(b"\xff\xfe" + "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Ødegaard;Åse;;;\r\n"
                     "END:VCARD\r\n".encode("utf-16-le"))
    import_contacts(path)

    assert stored_people()[0]["first_name"] == "Åse"
    assert stored_people()[0]["last_name"] == "Ødegaard"


def test_a_large_folded_photo_is_dropped_quickly(tmp_path, stored_people):
    """30,000 folded lines of photo: joined once, not copied once per line."""
    photo = "\n ".join(["QUJDRA" * 12] * 30_000)
    path = write(tmp_path, f"BEGIN:VCARD\nVERSION:3.0\nN:Doe;Jo;;;\n"
                           f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}\nEND:VCARD\n")
    result = import_contacts(path)

    assert (result.imported, result.rejected) == (1, [])
    assert stored_people()[0]["first_name"] == "Jo"


def test_a_rebound_card_whose_note_was_changed_elsewhere_keeps_the_whole_note(
    tmp_path, stored_people
):
    path = write(tmp_path, "BEGIN:VCARD\nVERSION:4.0\nN:Doe;Jo;;;\n"
                           "NOTE:Edited in another address book\\nHow we met: Panel\n"
                           "X-REBOUND-HOW-MET:Panel\nEND:VCARD\n")
    import_contacts(path)

    assert stored_people()[0]["how_met"] == "Panel"
    assert stored_people()[0]["notes"] == "Edited in another address book\nHow we met: Panel"
