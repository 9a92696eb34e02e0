"""Outlook's CSV export ("Comma Separated Values", classic Outlook and Outlook.com).

Header: ``First Name,Middle Name,Last Name,Title,Suffix,…,Company,Department,Job
Title,…,E-mail Address,…,Mobile Phone,Business Phone,…``. "Title" is the
courtesy title (Mr., Dr.), not the job; the job is "Job Title". Classic Outlook
writes the file in the Windows code page or as UTF-16, which ``read_text`` sorts out.
"""

import re
from collections.abc import Sequence

from desktop.exchange.importers.csv_files import CsvFormat, Getter, normalise_header
from desktop.exchange.importers.mapping import split_full_name
from desktop.store.import_rows import ContactRow, is_linkedin

_JOB_COLUMNS = frozenset({"job title", "business phone", "mobile phone", "company", "department"})
# "Jane Doe (jane@example.org)", as Outlook fills "E-mail Display Name".
_DISPLAY_ADDRESS = re.compile(r"\s*\([^)]*@[^)]*\)\s*$")


def is_header(cells: Sequence[str]) -> bool:
    names = {normalise_header(cell) for cell in cells if cell.strip()}
    return (
        {"first name", "last name", "e-mail address"} <= names and bool(names & _JOB_COLUMNS)
    )


def _finish(row: ContactRow, get: Getter) -> None:
    middle = get("middle name")
    if middle and row.first_name:
        row.first_name = f"{row.first_name} {middle}"
    if not (row.first_name or row.last_name):
        display = _DISPLAY_ADDRESS.sub("", get("e-mail display name"))
        if "@" not in display:
            row.first_name, row.last_name = split_full_name(display)
    web_page = get("web page")
    if is_linkedin(web_page):
        row.linkedin_url = web_page


OUTLOOK = CsvFormat(
    "outlook",
    is_header,
    {
        "first_name": ("first name",),
        "last_name": ("last name",),
        "email": ("e-mail address", "e-mail 2 address", "e-mail 3 address"),
        "phone": ("mobile phone", "business phone", "primary phone", "home phone",
                  "company main phone", "other phone"),
        "company": ("company",),
        "title": ("job title",),
        "notes": ("notes",),
    },
    _finish,
)
