"""One row of an import as Rebound stores it: the fields, how each is cleaned and
checked, and what the import reports about rows it left out or shortened.

Readers of file formats (``desktop.exchange``) produce ``ContactRow`` and
``Rejected`` items; ``bulk_import`` stores them.
"""

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import NamedTuple
from urllib.parse import urlsplit

from desktop.store.validation import ValidationError, check_email, check_url

#: Names, addresses, titles: one line each. Longer than this is not a name but a
#: broken file (an unclosed quote swallowing the rows after it), so the row is refused.
MAX_LINE_CHARS = 1_000
#: Notes and how-met text are cut here: enough for any real note, and a 10 MB
#: cell never reaches the database or the detail form.
MAX_TEXT_CHARS = 10_000

#: New people per INSERT statement; 12 columns each stays far below SQLite's limit
#: of 32,766 bound parameters.
INSERT_CHUNK = 500
#: Items between two calls of the progress and cancel callbacks.
PROGRESS_EVERY = 100

_LINE_FIELDS = ("first_name", "last_name", "email", "phone", "company", "title", "linkedin_url")
_TEXT_FIELDS = ("how_met", "notes")
_TEXT_LABELS = {"how_met": "“How we met” was", "notes": "The notes were"}
_LABELS = {
    "first_name": "The first name",
    "last_name": "The last name",
    "email": "The e-mail address",
    "phone": "The phone number",
    "company": "The company",
    "title": "The job title",
    "linkedin_url": "The LinkedIn address",
}
COLUMNS = (
    "id", "created_at", "updated_at", "first_name", "last_name", "company_id", "title",
    "email", "phone", "linkedin_url", "how_met", "notes",
)


class DuplicatePolicy(StrEnum):
    """What to do with a row that matches someone already there."""

    SKIP = "skip"
    #: Fill only the fields the existing person has empty; never overwrite.
    UPDATE = "update"
    NEW = "new"


@dataclass(slots=True)
class ContactRow:
    """One person as a file describes them, before the store has checked anything.

    ``line`` is the 1-based physical line of the file where the row or card starts.
    """

    line: int
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    company: str = ""
    title: str = ""
    linkedin_url: str = ""
    how_met: str = ""
    notes: str = ""


#: The text fields of a ContactRow, in order.
CONTACT_FIELDS = tuple(f.name for f in fields(ContactRow) if f.name != "line")


class Rejected(NamedTuple):
    """A row that was not imported: where it starts in the file, and why."""

    line: int
    reason: str


class Cut(NamedTuple):
    """A notes or how-met field stored shorter than the file had it."""

    line: int
    field: str
    #: Characters in the file (line ends counted as one, NULs and edges left out).
    length: int

    @property
    def reason(self) -> str:
        return (f"{_TEXT_LABELS[self.field]} cut from {self.length:,} "
                f"to {MAX_TEXT_CHARS:,} characters.")


@dataclass
class ImportResult:
    imported: int = 0
    updated: int = 0
    skipped: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    #: Fields cut to MAX_TEXT_CHARS, in the rows imported or updated with them.
    cut: list[Cut] = field(default_factory=list)

    @property
    def report(self) -> list[Rejected | Cut]:
        """What to show the user after the counts, in file order: each item has a
        ``line`` and a ``reason``. A cut row was imported; only its text is shorter."""
        return sorted([*self.rejected, *self.cut], key=lambda item: item.line)


class ImportCancelled(Exception):
    """The user stopped the import; the transaction was rolled back, nothing changed."""


def profile_key(url: str) -> str:
    """A profile address in one spelling, so the same person's link always compares equal:
    https, lowercase host and path, no query, fragment or trailing slash, and any
    LinkedIn host (``linkedin.com``, ``uk.linkedin.com``) as ``www.linkedin.com``.

    Raises ValueError for text that is not an address at all.
    """
    url = url.strip()
    if not url:
        return ""
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host or any(ch.isspace() for ch in url):
        raise ValueError(url)
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        host = "www.linkedin.com"
    return f"https://{host}{parts.path.rstrip('/').lower()}"


def is_linkedin(url: str) -> bool:
    try:
        return profile_key(url).startswith("https://www.linkedin.com/")
    except ValueError:
        return False


def prepare_row(row: ContactRow) -> ContactRow | Rejected:
    """The row exactly as it would be stored, or why it cannot be.

    NUL characters go, one-line fields lose inner line breaks, notes are cut at
    MAX_TEXT_CHARS. An e-mail or LinkedIn address that does not parse is kept in
    the notes rather than lost, unless the row has nothing else to go by.
    """
    values = {}
    for name in _LINE_FIELDS:
        value = " ".join(str(getattr(row, name)).replace("\x00", "").split())
        if len(value) > MAX_LINE_CHARS:
            return Rejected(
                row.line,
                f"{_LABELS[name]} is {len(value):,} characters long; "
                f"at most {MAX_LINE_CHARS:,} are accepted.",
            )
        values[name] = value
    for name in _TEXT_FIELDS:
        value = _clean_text(getattr(row, name))
        if len(value) > MAX_TEXT_CHARS:
            value = value[:MAX_TEXT_CHARS] + f"\n[cut at {MAX_TEXT_CHARS:,} characters on import]"
        values[name] = value
    kept = []
    try:
        values["email"] = check_email(values["email"])
    except ValidationError as exc:
        if not (values["first_name"] or values["last_name"]):
            return Rejected(row.line, f"There is no name, and {exc.message[0].lower()}"
                                      f"{exc.message[1:]}")
        kept.append(f"E-mail in the imported file: {values['email']}")
        values["email"] = ""
    if not (values["first_name"] or values["last_name"] or values["email"]):
        return Rejected(row.line, "There is no name and no e-mail address.")
    try:
        values["linkedin_url"] = check_url(profile_key(values["linkedin_url"]), "linkedin_url")
    except (ValueError, ValidationError):
        kept.append(f"LinkedIn in the imported file: {values['linkedin_url']}")
        values["linkedin_url"] = ""
    if kept:
        values["notes"] = "\n".join(filter(None, [values["notes"], *kept]))
    return ContactRow(row.line, **values)


def _clean_text(value) -> str:
    """Notes or how-met text as stored, before any cut: no NULs, one kind of line end."""
    value = str(value).replace("\x00", "")
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def text_cuts(row: ContactRow) -> list[Cut]:
    """The text fields of a row as read that ``prepare_row`` cuts."""
    cuts = []
    for name in _TEXT_FIELDS:
        raw = getattr(row, name)
        # Cleaning only shortens: text within the limit as read needs no second look.
        if len(raw) > MAX_TEXT_CHARS and (length := len(_clean_text(raw))) > MAX_TEXT_CHARS:
            cuts.append(Cut(row.line, name, length))
    return cuts
