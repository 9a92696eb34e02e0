"""vCard export: read back with vobject, field by field, including awkward text."""

import pytest
import vobject

from desktop.devdata.sample import load_sample_data
from desktop.exchange.exporters.vcard import card_uid, escape, export_people_vcard, fold
from desktop.store.models import Person
from desktop.store.people import save_person


@pytest.fixture
def sample(store):
    load_sample_data()
    return store


def read_cards(path) -> list:
    return list(vobject.readComponents(path.read_text(encoding="utf-8")))


def card_named(cards, full_name):
    return next(card for card in cards if card.fn.value == full_name)


def test_every_person_becomes_a_card_vobject_reads(sample, tmp_path):
    path = tmp_path / "people.vcf"
    assert export_people_vcard(path) == 6
    cards = read_cards(path)
    assert len(cards) == 6
    assert {card.version.value for card in cards} == {"4.0"}
    assert {card.fn.value for card in cards} == {
        "Priya Raman", "Tom Becker", "Aisha Okafor", "Lars de Vries", "Maya Lindqvist",
        "Daniel Kim"}

    priya = card_named(cards, "Priya Raman")
    assert priya.n.value.given == "Priya" and priya.n.value.family == "Raman"
    assert priya.email.value == "priya.raman@northwind-health.example"
    assert priya.org.value == ["Northwind Health"]
    assert priya.title.value == "Head of Product Analytics"
    assert priya.note.value == "How we met: Led my second and final interview"

    tom = card_named(cards, "Tom Becker")
    assert tom.tel.value == "+44 113 496 0123"

    aisha = card_named(cards, "Aisha Okafor")
    assert aisha.url.value == "https://www.linkedin.com/in/aisha-okafor-example"
    assert aisha.url.params["TYPE"] == ["linkedin"]
    assert not hasattr(aisha, "email")

    maya = card_named(cards, "Maya Lindqvist")
    assert maya.note.value == ("How we met: Interviewed me for Junior Producer\n\n"
                               "Mentioned they may open a producer role next year.")


def test_awkward_text_survives_escaping_and_folding(store, tmp_path):
    notes = ("Met at the café; she said: call back in June, maybe July.\n"
             "Second line with a backslash \\ and \"quotes\".\n\n" + "Long line ✓ " * 20)
    save_person(None, {
        "first_name": "Zoë", "last_name": "Łukasiewicz-Ñúñez", "company": "Smith; Sons, Ltd",
        "title": "Head of Data, EMEA; interim", "email": "zoe@example.com",
        "how_met": "Recruiter call, then a panel; all good", "notes": notes,
        "linkedin_url": "linkedin.com/in/zoë-łukasiewicz",
    })
    save_person(None, {"first_name": "小龙", "last_name": "李"})
    path = tmp_path / "people.vcf"
    assert export_people_vcard(path) == 2
    raw = path.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n"), "every line ends in CRLF"
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # folding never splits a character

    cards = read_cards(path)
    zoe = card_named(cards, "Zoë Łukasiewicz-Ñúñez")
    assert zoe.n.value.given == "Zoë" and zoe.n.value.family == "Łukasiewicz-Ñúñez"
    assert zoe.org.value == ["Smith; Sons, Ltd"]
    assert zoe.title.value == "Head of Data, EMEA; interim"
    how_met = "How we met: Recruiter call, then a panel; all good"
    assert zoe.note.value == f"{how_met}\n\n{notes.strip()}"
    assert zoe.url.value == "https://linkedin.com/in/zoë-łukasiewicz"
    li = card_named(cards, "小龙 李")
    assert li.n.value.given == "小龙" and li.n.value.family == "李"


def test_person_with_only_an_email_is_named_by_it(store, tmp_path):
    save_person(None, {"email": "talent@northwind.example"})
    path = tmp_path / "people.vcf"
    export_people_vcard(path)
    (card,) = read_cards(path)
    assert card.fn.value == "talent@northwind.example"
    assert not hasattr(card, "n")


def test_uids_are_stable_and_a_subset_can_be_exported(sample, tmp_path):
    first, second = tmp_path / "a.vcf", tmp_path / "b.vcf"
    export_people_vcard(first)
    export_people_vcard(second)
    assert first.read_bytes() == second.read_bytes()
    uids = [card.uid.value for card in read_cards(first)]
    assert len(set(uids)) == 6
    priya = Person.get(Person.first_name == "Priya")
    assert card_uid(priya.id) in uids

    subset = tmp_path / "one.vcf"
    assert export_people_vcard(subset, [priya.id]) == 1
    (card,) = read_cards(subset)
    assert card.uid.value == card_uid(priya.id)


def test_escape_and_fold():
    assert escape("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"
    folded = fold("NOTE:" + "é" * 100)
    lines = folded.split("\r\n")
    assert folded.endswith("\r\n") and lines[-1] == ""
    assert all(len(line.encode()) <= 75 for line in lines)
    assert all(line.startswith(" ") for line in lines[1:-1])
    assert "".join(line[1:] if i else line for i, line in enumerate(lines)) == "NOTE:" + "é" * 100


def people_as_contacts() -> set[tuple]:
    """What a vCard carries about each person, comparable across databases."""
    fields = ("first_name", "last_name", "email", "phone", "title", "linkedin_url")
    return {
        (*(getattr(p, name) for name in fields), p.company.name if p.company_id else "")
        for p in Person.select()
    }


def test_export_then_import_into_an_empty_store_gives_the_same_people(sample, tmp_path):
    from desktop.exchange.import_contacts import import_contacts
    from desktop.store.lifecycle import close_store, open_store

    save_person(None, {"first_name": "Zoë", "last_name": "Ñúñez", "company": "Smith; Sons, Ltd",
                       "title": "Head of Data, EMEA", "phone": "+33 1 23 45 67 89",
                       "how_met": "Panel; then coffee", "notes": "Likes, commas\nand lines"})
    path = tmp_path / "people.vcf"
    assert export_people_vcard(path) == 7
    before = people_as_contacts()
    notes_before = {p.email or p.first_name: (p.how_met, p.notes) for p in Person.select()}
    close_store(sample)

    second = open_store(tmp_path / "second")
    try:
        result = import_contacts(path, "vcard")
        assert result.imported == 7 and not result.rejected
        assert people_as_contacts() == before
        for person in Person.select():
            how_met, notes = notes_before[person.email or person.first_name]
            imported = f"{person.how_met}\n{person.notes}"
            assert how_met in imported and notes in imported
    finally:
        close_store(second)
