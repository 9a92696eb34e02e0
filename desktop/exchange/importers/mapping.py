"""Which column of a CSV file holds which field: proposed from the header, or given.

A CSV from another program has headers in its own words ("E-mail address",
"Organisation", "Full name", "Prénom"). ``propose_mapping`` matches them against
known words, exact matches first, then words contained in the header, so the
import wizard can show a sensible mapping the user only corrects.
"""

import re
import unicodedata
from collections.abc import Mapping, Sequence

from desktop.exchange.import_refused import ImportRefused

#: Fields a column can be mapped to. ``full_name`` is split into first and last
#: name for rows where those are empty.
FIELDS = (
    "first_name", "last_name", "full_name", "email", "phone", "company", "title",
    "linkedin_url", "how_met", "notes",
)
FIELD_LABELS = {
    "first_name": "First name",
    "last_name": "Last name",
    "full_name": "Full name (split into first and last)",
    "email": "E-mail",
    "phone": "Phone",
    "company": "Company",
    "title": "Job title",
    "linkedin_url": "LinkedIn profile",
    "how_met": "How we met",
    "notes": "Notes",
}
#: The fields that identify a person: a mapping needs at least one.
NAMING_FIELDS = ("first_name", "last_name", "full_name", "email")

# Headers squashed to lowercase ASCII letters and digits ("E-mail Address" -> "emailaddress").
_EXACT = {
    "first_name": {"firstname", "givenname", "forename", "first", "prenom", "vorname",
                   "nombre"},
    "last_name": {"lastname", "surname", "familyname", "last", "nom", "nachname", "apellido",
                  "apellidos"},
    "full_name": {"name", "fullname", "displayname", "contact", "contactname", "person"},
    "email": {"email", "emailaddress", "mail", "emailaddress1", "email1", "primaryemail",
              "workemail", "courriel"},
    "phone": {"phone", "phonenumber", "mobile", "mobilephone", "telephone", "tel", "cell",
              "cellphone", "businessphone", "workphone"},
    "company": {"company", "companyname", "organisation", "organization", "org", "employer",
                "organisationname", "organizationname", "business", "firma", "entreprise"},
    "title": {"title", "jobtitle", "position", "role", "occupation", "organizationtitle"},
    "linkedin_url": {"linkedin", "linkedinurl", "linkedinprofile", "url", "profileurl",
                     "profile"},
    "how_met": {"howmet", "howwemet", "met", "source", "connectedon", "context"},
    "notes": {"notes", "note", "comments", "comment", "description", "remarks"},
}
# Words a header may contain, tried in this order once exact matches are taken.
_CONTAINS = (
    ("email", ("email", "mail")),
    ("linkedin_url", ("linkedin",)),
    ("phone", ("phone", "mobile", "tel")),
    ("company", ("company", "organisation", "organization", "employer")),
    ("first_name", ("firstname", "givenname", "forename")),
    ("last_name", ("lastname", "surname", "familyname")),
    ("title", ("title", "position")),
    ("notes", ("note", "comment")),
    ("how_met", ("howmet", "howwemet")),
    ("full_name", ("name",)),
)
# Columns that describe another column, or a name that is not the person's.
_NOT_A_VALUE = ("type", "label", "nick", "user", "phonetic", "yomi", "fileas", "display")

_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "da", "das", "do", "dos", "del", "della", "di", "du",
     "la", "le", "bin", "al", "ter", "ten"}
)


def squash(header: str) -> str:
    """A header as compared: lowercase ASCII letters and digits only."""
    plain = unicodedata.normalize("NFKD", header)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def propose_mapping(header: Sequence[str]) -> dict[str, str]:
    """``{field: column}`` for the columns whose names say what they hold.

    Each column is used once and each field takes the leftmost column that fits.
    """
    squashed = [squash(name) for name in header]
    mapping: dict[str, str] = {}
    used: set[int] = set()
    for field_name in FIELDS:
        for index, name in enumerate(squashed):
            if index not in used and name in _EXACT[field_name]:
                mapping[field_name] = header[index]
                used.add(index)
                break
    for field_name, words in _CONTAINS:
        if field_name in mapping:
            continue
        for index, name in enumerate(squashed):
            if index in used or any(word in name for word in _NOT_A_VALUE):
                continue
            if any(word in name for word in words):
                mapping[field_name] = header[index]
                used.add(index)
                break
    return {name: mapping[name] for name in FIELDS if name in mapping}


def check_mapping(header: Sequence[str], mapping: Mapping[str, str]) -> dict[str, str]:
    """The mapping with blank entries dropped; refuses unknown fields or columns."""
    checked = {}
    for field_name, column in mapping.items():
        if field_name not in FIELDS:
            raise ImportRefused(
                f"“{field_name}” is not a field a column can go to "
                f"(choose from: {', '.join(FIELDS)})."
            )
        if not column:
            continue
        if column not in header:
            raise ImportRefused(f"The file has no column called “{column}”.")
        checked[field_name] = column
    if not any(name in checked for name in NAMING_FIELDS):
        raise ImportRefused(
            "Choose a column for the name or the e-mail address: without one, "
            "no row says who the person is."
        )
    return checked


def split_full_name(name: str) -> tuple[str, str]:
    """("Jane Q.", "Doe") from "Jane Q. Doe" or "Doe, Jane Q."; particles such as
    "van der" stay with the last name."""
    name = " ".join(name.split())
    if "," in name:
        last, _, first = name.partition(",")
        return first.strip(), last.strip()
    words = name.split(" ")
    if len(words) < 2:
        return name, ""
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return " ".join(words[:start]), " ".join(words[start:])
