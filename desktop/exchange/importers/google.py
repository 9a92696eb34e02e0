"""Google Contacts CSV, in both layouts Google has exported.

Current: ``First Name,Middle Name,Last Name,…,Organization Name,Organization Title,…,
E-mail 1 - Value,…,Phone 1 - Value,…``. Legacy ("Google CSV" before 2023):
``Name,Given Name,Additional Name,Family Name,…,E-mail 1 - Value,…,Organization 1 -
Name,Organization 1 - Title``. A cell holding several values joins them with
" ::: "; the first is used and the other e-mail addresses go into the notes.
"""

from collections.abc import Sequence

from desktop.exchange.importers.csv_files import CsvFormat, Getter, normalise_header
from desktop.exchange.importers.mapping import split_full_name
from desktop.store.import_rows import ContactRow, is_linkedin

_SEPARATOR = ":::"
_WEBSITES = tuple(f"website {n} - value" for n in range(1, 6))


def is_header(cells: Sequence[str]) -> bool:
    names = {normalise_header(cell) for cell in cells if cell.strip()}
    return "e-mail 1 - value" in names or {"given name", "family name"} <= names


def _values(cell: str) -> list[str]:
    return [value.strip() for value in cell.split(_SEPARATOR) if value.strip()]


def _finish(row: ContactRow, get: Getter) -> None:
    middle = get("middle name") or get("additional name")
    if middle and row.first_name:
        row.first_name = f"{row.first_name} {middle}"
    if not (row.first_name or row.last_name):
        row.first_name, row.last_name = split_full_name(get("name") or get("file as"))
    emails = _values(row.email)
    row.email = emails[0] if emails else ""
    if len(emails) > 1:
        others = f"Other e-mail addresses: {', '.join(emails[1:])}"
        row.notes = f"{row.notes}\n{others}" if row.notes else others
    phones = _values(row.phone)
    row.phone = phones[0] if phones else ""
    for column in _WEBSITES:
        profile = next((url for url in _values(get(column)) if is_linkedin(url)), "")
        if profile:
            row.linkedin_url = profile
            break


GOOGLE = CsvFormat(
    "google",
    is_header,
    {
        "first_name": ("first name", "given name"),
        "last_name": ("last name", "family name"),
        "email": ("e-mail 1 - value", "e-mail 2 - value", "e-mail 3 - value"),
        "phone": ("phone 1 - value", "phone 2 - value", "phone 3 - value"),
        "company": ("organization name", "organization 1 - name"),
        "title": ("organization title", "organization 1 - title"),
        "notes": ("notes",),
    },
    _finish,
)
