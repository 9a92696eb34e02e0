"""Importing contacts: what the import wizard and ``rebound import`` call.

    preview(path, limit, mapping)   -> format, header, mapping, first rows as stored
    guess_header(path)              -> the columns to offer when no header was recognised
    import_contacts(path, ...)      -> ImportResult(imported, updated, skipped, rejected, cut)

``detect_format`` and ``propose_mapping`` live in their own modules. Every call
finds the format and the encoding itself. A file that cannot be imported at all
raises ImportRefused before anything is written; rows that cannot be used are
reported by line while the good ones go in, all in one transaction (see
``desktop.store.bulk_import``).
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice

from desktop.exchange.detect_format import FORMATS, KNOWN_CSV, detect_text_format
from desktop.exchange.exporters import json_copy
from desktop.exchange.import_refused import ImportRefused
from desktop.exchange.importers.csv_files import (
    csv_rows,
    find_header,
    header_like_row,
    is_mappable_header,
    mapped_format,
)
from desktop.exchange.importers.mapping import check_mapping, propose_mapping
from desktop.exchange.importers.vcard import is_vcard, vcard_rows
from desktop.exchange.read_text import TextFile, sniff_text
from desktop.store.bulk_import import import_people
from desktop.store.import_rows import (
    CONTACT_FIELDS,
    ContactRow,
    DuplicatePolicy,
    ImportCancelled,
    ImportResult,
    Rejected,
    prepare_row,
)

__all__ = [
    "FORMATS",
    "ContactRow",
    "ContactSource",
    "DuplicatePolicy",
    "ImportCancelled",
    "ImportRefused",
    "ImportResult",
    "Preview",
    "Rejected",
    "guess_header",
    "import_contacts",
    "open_contacts",
    "preview",
]

_FORMAT_LABELS = {
    "linkedin": "a LinkedIn Connections.csv",
    "google": "a Google Contacts CSV",
    "outlook": "an Outlook CSV",
}


@dataclass
class ContactSource:
    """A file opened for import: what it is, and its rows, read as they are asked for."""

    format: str
    header: list[str]
    mapping: dict[str, str]
    #: A guess for the progress bar (line count for CSV), never less than 0.
    total_estimate: int
    rows: Iterator[ContactRow | Rejected]


@dataclass(frozen=True)
class Preview:
    format: str
    header: list[str]
    #: ``{field: column}`` the import will use (proposed, or the one given).
    mapping: dict[str, str]
    #: The first rows as they would be stored, or why each would be rejected.
    rows: list[ContactRow | Rejected]
    total_estimate: int


def open_contacts(
    path, file_format: str = "auto", mapping: Mapping[str, str] | None = None
) -> ContactSource:
    """Open ``path`` as ``file_format`` ("auto" detects it); refuses a file that is not
    one. ``mapping`` ({field: column}) overrides the columns of any CSV format."""
    text_file = sniff_text(path)
    return _open_source(text_file, _format_of(text_file, file_format, mapping), mapping)


def guess_header(path) -> list[str]:
    """The row most like a header in a CSV whose header was not recognised, for the
    wizard to offer for mapping; [] when there is none. Refuses non-text files."""
    return header_like_row(sniff_text(path).head)


def _format_of(text_file: TextFile, file_format: str, mapping: Mapping[str, str] | None) -> str:
    if file_format == "auto":
        try:
            return detect_text_format(text_file)
        except ImportRefused:
            if mapping:  # the user has said which columns hold what: a CSV
                return "csv"
            raise
    if file_format not in FORMATS:
        raise ImportRefused(f"“{file_format}” is not a format Rebound imports "
                            f"(choose from: {', '.join(FORMATS)}).")
    return file_format


def _open_source(
    text_file: TextFile, file_format: str, mapping: Mapping[str, str] | None
) -> ContactSource:
    if file_format == "json":
        raise ImportRefused("A Rebound JSON export is loaded whole, not row by row.")
    if file_format == "vcard":
        if not is_vcard(text_file.head):
            raise ImportRefused(f"“{text_file.path.name}” is not a vCard file: it does not "
                                "start with BEGIN:VCARD.")
        return ContactSource("vcard", [], {}, _card_estimate(text_file), vcard_rows(text_file))
    return _open_csv(text_file, file_format, mapping)


def _open_csv(
    text_file: TextFile, file_format: str, mapping: Mapping[str, str] | None
) -> ContactSource:
    if is_vcard(text_file.head):
        raise ImportRefused(f"“{text_file.path.name}” is a vCard file, not a CSV.")
    known = KNOWN_CSV.get(file_format)
    if known is not None:
        is_header = known.is_header
    elif mapping:
        # Odd headers are the reason to give a mapping: the header is the first row
        # naming one of its columns (check_mapping then names any that is missing).
        wanted = {column for column in mapping.values() if column}

        def is_header(cells) -> bool:
            return not wanted.isdisjoint(cells)
    else:
        is_header = is_mappable_header
    header = find_header(text_file.head, is_header)
    if header is None:
        what = _FORMAT_LABELS.get(file_format, "a contacts CSV")
        raise ImportRefused(
            f"“{text_file.path.name}” is not {what}: its header row was not found."
        )
    if known is not None and mapping is None:
        csv_format, shown = known, known.mapping(header.cells)
    else:
        shown = check_mapping(header.cells, mapping or propose_mapping(header.cells))
        csv_format = mapped_format(shown)
    return ContactSource(
        file_format,
        list(header.cells),
        shown,
        max(0, text_file.newlines - header.line),
        csv_rows(text_file, header, csv_format),
    )


def _card_estimate(text_file: TextFile) -> int:
    head = text_file.head
    cards = head.upper().count("BEGIN:VCARD")
    return round(text_file.newlines * cards / max(1, head.count("\n")))


def preview(
    path, limit: int = 20, mapping: Mapping[str, str] | None = None, file_format: str = "auto"
) -> Preview:
    """The detected format, header and mapping, and the first ``limit`` rows as the store
    would take them; writes nothing."""
    text_file = sniff_text(path)
    file_format = _format_of(text_file, file_format, mapping)
    if file_format == "json":
        return _preview_json(path, limit)
    source = _open_source(text_file, file_format, mapping)
    try:
        rows = [
            item if isinstance(item, Rejected) else prepare_row(item)
            for item in islice(source.rows, limit)
        ]
    finally:
        source.rows.close()
    return Preview(source.format, source.header, source.mapping, rows, source.total_estimate)


def import_contacts(
    path,
    file_format: str = "auto",
    on_duplicate: DuplicatePolicy | str = DuplicatePolicy.SKIP,
    mapping: Mapping[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """Import every usable row of ``path`` in one transaction.

    ``on_duplicate``: "skip", "update" (fill only fields the person has empty) or
    "new". ``progress(done, total_estimate)`` is called as rows are read;
    ``cancelled()`` returning True stops the import with ImportCancelled and the
    database unchanged. Raises ImportRefused, writing nothing, for a file that is
    not a contacts file of the format given.

    A Rebound JSON export ("json") is a whole-database restore through
    ``json_copy``, into an empty database only; policy and mapping do not apply.
    """
    policy = DuplicatePolicy(on_duplicate)
    text_file = sniff_text(path)
    file_format = _format_of(text_file, file_format, mapping)
    if file_format == "json":
        return _import_json(path, progress, cancelled)
    source = _open_source(text_file, file_format, mapping)
    try:
        return import_people(
            source.rows,
            policy,
            progress=progress,
            cancelled=cancelled,
            total_estimate=source.total_estimate,
        )
    finally:
        source.rows.close()


def _load_json(path) -> dict:
    try:
        return json_copy.load_json(path)
    except (json_copy.InvalidExport, json_copy.ImportRefused) as exc:
        raise ImportRefused(str(exc)) from None


def _preview_json(path, limit: int) -> Preview:
    tables = _load_json(path)["tables"]
    companies = {row["id"]: row.get("name", "") for row in tables.get("company", [])}
    people = tables.get("person", [])
    rows = []
    for person in people[:limit]:
        values = {name: str(person.get(name) or "") for name in CONTACT_FIELDS}
        values["company"] = companies.get(person.get("company_id"), "")
        rows.append(ContactRow(0, **values))
    return Preview("json", [], {}, rows, len(people))


def _import_json(path, progress, cancelled) -> ImportResult:
    """A whole-database restore through ``json_copy``: into an empty database only."""
    if cancelled is not None and cancelled():
        raise ImportCancelled("The import was cancelled; nothing has been changed.")
    try:
        counts = json_copy.import_json(path)
    except (json_copy.InvalidExport, json_copy.ImportRefused) as exc:
        raise ImportRefused(str(exc)) from None
    people = counts.get("person", 0)
    if progress is not None:
        progress(people, people)
    return ImportResult(imported=people)
