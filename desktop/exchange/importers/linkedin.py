"""LinkedIn's "Connections.csv" (Settings → Data privacy → Get a copy of your data).

The file opens with a "Notes:" paragraph and a blank line before the header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On``; older
exports have no URL column. E-mail is usually empty (members hide it), so the
profile address is what recognises the same person on a second import.
"""

from collections.abc import Sequence

from desktop.exchange.importers.csv_files import CsvFormat, Getter, normalise_header
from desktop.store.import_rows import ContactRow

_ALL_COLUMNS = frozenset(
    {"first name", "last name", "url", "email address", "company", "position", "connected on"}
)


def is_header(cells: Sequence[str]) -> bool:
    names = {normalise_header(cell) for cell in cells if cell.strip()}
    if not {"first name", "last name"} <= names:
        return False
    return "connected on" in names or ("position" in names and names <= _ALL_COLUMNS)


def _finish(row: ContactRow, _get: Getter) -> None:
    # "Connected On" was copied into how_met as it is written ("15 Mar 2024").
    since = row.how_met
    row.how_met = f"LinkedIn connection since {since}" if since else "LinkedIn connection"


LINKEDIN = CsvFormat(
    "linkedin",
    is_header,
    {
        "first_name": ("first name",),
        "last_name": ("last name",),
        "email": ("email address",),
        "company": ("company",),
        "title": ("position",),
        "linkedin_url": ("url",),
        "how_met": ("connected on",),
    },
    _finish,
)
