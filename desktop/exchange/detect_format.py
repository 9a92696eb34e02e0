"""Which kind of contacts file this is, from its first lines, so the user never has to say.

Known exports are recognised by their headers (LinkedIn, Google, Outlook), vCard
by its first line, Rebound's own JSON export by its "rebound_export" key; any
other CSV qualifies when a column names a person or an e-mail address. Anything
else is refused with the reason, before a row is read.
"""

import re

from desktop.exchange.formats import IMPORT_FORMATS
from desktop.exchange.import_refused import ImportRefused
from desktop.exchange.importers.csv_files import (
    MAX_HEADER_ROWS,
    CsvFormat,
    find_header,
    is_mappable_header,
)
from desktop.exchange.importers.google import GOOGLE
from desktop.exchange.importers.linkedin import LINKEDIN
from desktop.exchange.importers.outlook import OUTLOOK
from desktop.exchange.importers.vcard import is_vcard
from desktop.exchange.read_text import TextFile, sniff_text

#: Every format an import accepts (named in ``formats``).
FORMATS = IMPORT_FORMATS
#: The CSV exports recognised by their header, in the order they are tried.
KNOWN_CSV: dict[str, CsvFormat] = {f.name: f for f in (LINKEDIN, GOOGLE, OUTLOOK)}

_REBOUND_KEY = re.compile(r'"rebound_export"\s*:')


def detect_format(path) -> str:
    """One of FORMATS for the file at ``path``; raises ImportRefused for anything else."""
    return detect_text_format(sniff_text(path))


def detect_text_format(text_file: TextFile) -> str:
    head = text_file.head
    name = text_file.path.name
    if head.lstrip().startswith(("{", "[")):
        if is_rebound_json(head):
            return "json"
        raise ImportRefused(
            f"“{name}” is a JSON file but not a Rebound export; Rebound imports contacts "
            "from CSV and vCard files, and its own JSON exports."
        )
    if is_vcard(head):
        return "vcard"
    for format_name, csv_format in KNOWN_CSV.items():
        if find_header(head, csv_format.is_header) is not None:
            return format_name
    if find_header(head, is_mappable_header) is not None:
        return "csv"
    raise ImportRefused(
        f"“{name}” does not look like a contacts file: it is not a vCard, and none of its "
        f"first {MAX_HEADER_ROWS} rows is a header with a column for a name or an e-mail "
        "address."
    )


def is_rebound_json(head: str) -> bool:
    """A JSON object with a "rebound_export" key near its start (the export's header)."""
    return head.lstrip().startswith("{") and _REBOUND_KEY.search(head) is not None
