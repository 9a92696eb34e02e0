"""People as vCard 4.0 (RFC 6350): one ``.vcf`` file with a card per person, for
address books (Apple Contacts, Outlook, Thunderbird, Google Contacts).

Written by hand rather than through vobject, whose writer speaks vCard 3.0: the
format is small, and the rules that matter are applied here, checked by tests
that read the file back with vobject:

* text values escape backslash, comma, semicolon and line breaks; in the
  structured ``N`` and ``ORG`` values an unescaped ``;`` separates parts;
* lines end in CRLF and are folded at 75 octets, never inside a UTF-8 character;
* the UID is derived from the person's id, so exporting again and importing into
  the same address book updates the cards rather than duplicating them.

vCard has no property for how you met someone, so "How we met" opens the NOTE,
where every address book shows it, and is also written alone in
``X-REBOUND-HOW-MET`` (other programs ignore X- properties), from which
Rebound's import takes it back and out of the note.
"""

import os
import uuid
from collections.abc import Iterable, Iterator

import peewee

from desktop.exchange.exporters.atomic import atomic_write
from desktop.store.models import Company, Person

#: Fixed namespace for Rebound's card UIDs: the same person id gives the same UID.
_UID_NAMESPACE = uuid.UUID("5f0c2a4e-8d1b-4c6e-9a57-3b2e1f7d9c10")
_FOLD_AT = 75


def escape(text: str) -> str:
    """A text value with RFC 6350's escapes; newlines of any style become ``\\n``."""
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """The content line folded into chunks of at most 75 octets, CRLF-terminated."""
    chunks, current, size = [], [], 0
    for char in line:
        width = len(char.encode("utf-8"))
        # Continuation lines start with a space, which counts towards their 75.
        limit = _FOLD_AT if not chunks else _FOLD_AT - 1
        if size + width > limit:
            chunks.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    chunks.append("".join(current))
    return "\r\n ".join(chunks) + "\r\n"


def card_uid(person_id: int) -> str:
    return f"urn:uuid:{uuid.uuid5(_UID_NAMESPACE, f'person-{person_id}')}"


#: "How we met", as written for Rebound's own import to read back.
HOW_MET_PROPERTY = "X-REBOUND-HOW-MET"


def note_text(how_met: str, notes: str) -> str:
    """The NOTE of a card: "How we met" first, for address books, then the notes."""
    parts = []
    if how_met.strip():
        parts.append(f"How we met: {how_met.strip()}")
    if notes.strip():
        parts.append(notes.strip())
    return "\n\n".join(parts)


def person_card(person: Person, company: str) -> str:
    """One person's vCard, CRLF line ends, folded."""
    name = person.full_name or person.email
    lines = ["BEGIN:VCARD", "VERSION:4.0", "KIND:individual", f"FN:{escape(name)}"]
    if person.first_name or person.last_name:
        lines.append(f"N:{escape(person.last_name)};{escape(person.first_name)};;;")
    if person.email:
        lines.append(f"EMAIL;TYPE=work:{escape(person.email)}")
    if person.phone:
        lines.append(f"TEL;VALUE=text;TYPE=work,voice:{escape(person.phone)}")
    if company:
        lines.append(f"ORG:{escape(company)}")
    if person.title:
        lines.append(f"TITLE:{escape(person.title)}")
    if person.linkedin_url:
        # A URL value is not text-escaped (RFC 6350 §4): commas in it are literal.
        lines.append(f"URL;TYPE=linkedin:{person.linkedin_url}")
    if note := note_text(person.how_met, person.notes):
        lines.append(f"NOTE:{escape(note)}")
    if how_met := person.how_met.strip():
        lines.append(f"{HOW_MET_PROPERTY}:{escape(how_met)}")
    lines.append(f"UID:{card_uid(person.id)}")
    lines.append(f"REV:{person.updated_at:%Y%m%dT%H%M%SZ}")
    lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)


def _people(person_ids: Iterable[int] | None) -> Iterator[tuple[Person, str]]:
    query = (
        Person.select(Person, Company.name.alias("company_name"))
        .join(Company, peewee.JOIN.LEFT_OUTER)
        .order_by(Person.first_name.collate("NOCASE"), Person.last_name.collate("NOCASE"),
                  Person.id)
        .objects()
    )
    if person_ids is not None:
        query = query.where(Person.id.in_(list(person_ids)))
    for person in query.iterator():
        yield person, person.company_name or ""


def export_people_vcard(path: str | os.PathLike, person_ids: Iterable[int] | None = None) -> int:
    """Everyone (or the people with ``person_ids``) as cards in one file; returns the count."""
    count = 0
    # newline="" keeps the CRLFs exactly as written on every system.
    with atomic_write(path, newline="") as handle:
        for person, company in _people(person_ids):
            handle.write(person_card(person, company))
            count += 1
    return count
