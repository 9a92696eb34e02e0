"""Contacts from CSV files: finding the header row, then streaming the rows with the
physical line each one starts on, turned into ``ContactRow``.

Every CSV flavour (LinkedIn, Google, Outlook, any other through a column mapping)
is a ``CsvFormat``: how to recognise its header, which columns feed which field,
and an optional last touch for what a plain column copy cannot do. The file is
read once, row by row, so its size does not matter; a row the csv module cannot
parse is reported with its line and the next one is read. A quote that is never
closed makes the csv module read the rest of the file as one cell: that row is
reported at the line where the quote opened, and nothing from there on is
imported, rather than one person with the rest of the file in a field.

A cell that starts with a quote before a formula character (``'+44 113 496 0123``)
loses that one quote: Rebound's CSV export adds it so that spreadsheets show the
value instead of running it, and other programs that guard cells do the same.
"""

import csv
import io
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, islice

from desktop.exchange.exporters.csv_files import unneutralise
from desktop.exchange.importers.mapping import NAMING_FIELDS, propose_mapping, split_full_name
from desktop.exchange.read_text import TextFile, open_text
from desktop.store.import_rows import ContactRow, Rejected

#: A header further down than this many rows is not a header.
MAX_HEADER_ROWS = 50
#: Excel writes ";" where the decimal separator is a comma, and "Unicode text" is tabbed.
DELIMITERS = (",", ";", "\t")
#: Cells up to this size are read whole (the store then cuts notes to size); a larger
#: one is reported as an unreadable row. The csv module's default is 128 KB.
MAX_CSV_FIELD = 32 * 1024 * 1024

# Process-wide, but only ever raised: no other reader is limited by it.
csv.field_size_limit(max(csv.field_size_limit(), MAX_CSV_FIELD))

#: Given to the csv reader after the file's last line. Read alone, it is a row of its
#: own; when a quote is still open, it ends that quote's cell instead, which is how
#: an unclosed quote is told from a last cell that spans lines.
_END_OF_FILE = "\ue000end of file\ue000"

#: ``get(column)``: a cell of the current row by normalised header name ("" if none).
Getter = Callable[[str], str]


def normalise_header(name: str) -> str:
    """A header as formats name it: lowercase, single spaces, no BOM."""
    return " ".join(name.replace("\ufeff", "").lower().split())


@dataclass(frozen=True)
class CsvFormat:
    name: str
    #: True for the header row of this format (cells as written).
    is_header: Callable[[Sequence[str]], bool]
    #: Field -> normalised header names; the first non-empty cell among them wins.
    columns: Mapping[str, tuple[str, ...]]
    #: Fills what a plain copy cannot (a date into a sentence, a name to split).
    finish: Callable[[ContactRow, Getter], None] | None = None

    def mapping(self, header: Sequence[str]) -> dict[str, str]:
        """``{field: column}`` as the file spells the columns, for the preview."""
        spelled = {normalise_header(name): name for name in reversed(header)}
        mapping = {}
        for field_name, candidates in self.columns.items():
            present = [spelled[name] for name in candidates if name in spelled]
            if present:
                mapping[field_name] = present[0]
        return mapping


@dataclass(frozen=True)
class Header:
    """Where a CSV file's header is and how its cells are separated."""

    delimiter: str
    cells: list[str]
    #: Rows the csv reader returns up to and including the header (blank ones too).
    rows_before_data: int
    #: The physical line the header ends on.
    line: int


def find_header(head: str, is_header: Callable[[Sequence[str]], bool]) -> Header | None:
    """The first row among the first MAX_HEADER_ROWS that ``is_header`` accepts."""
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)
        try:
            for count, cells in enumerate(islice(reader, MAX_HEADER_ROWS), start=1):
                if any(cell.strip() for cell in cells) and is_header(cells):
                    return Header(delimiter, cells, count, reader.line_num)
        except csv.Error:
            continue
    return None


def header_like_row(head: str) -> list[str]:
    """The first row of two cells or more, split by the delimiter that gives the most
    cells: what the import wizard offers to map when no header was recognised."""
    best: list[str] = []
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)
        try:
            for cells in islice(reader, MAX_HEADER_ROWS):
                if sum(1 for cell in cells if cell.strip()) >= 2:
                    if len(cells) > len(best):
                        best = cells
                    break
        except csv.Error:
            continue
    return best


def is_mappable_header(cells: Sequence[str]) -> bool:
    """A header of an unknown CSV: two columns or more, one of which says who the
    person is. (A single column is too easily a line of prose.)"""
    if sum(1 for cell in cells if cell.strip()) < 2:
        return False
    return any(name in propose_mapping(cells) for name in NAMING_FIELDS)


def mapped_format(mapping: Mapping[str, str]) -> CsvFormat:
    """A format for any CSV from a checked ``{field: column}`` mapping."""
    full_name = normalise_header(mapping.get("full_name", ""))

    def finish(row: ContactRow, get: Getter) -> None:
        if full_name and not (row.first_name or row.last_name):
            row.first_name, row.last_name = split_full_name(get(full_name))

    columns = {
        name: (normalise_header(column),) for name, column in mapping.items() if name != "full_name"
    }
    return CsvFormat("csv", is_mappable_header, columns, finish if full_name else None)


def csv_rows(
    text_file: TextFile, header: Header, csv_format: CsvFormat
) -> Iterator[ContactRow | Rejected]:
    """Every data row after the header, in file order; blank rows are passed over."""
    make = _RowMaker(csv_format, header.cells)
    with open_text(text_file) as handle:
        reader = csv.reader(chain(handle, [_END_OF_FILE]), delimiter=header.delimiter)
        for _ in islice(reader, header.rows_before_data):
            pass
        while True:
            line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield Rejected(line, f"The row cannot be read as CSV: {exc}.")
                continue
            if cells and cells[-1].endswith(_END_OF_FILE):
                if cells != [_END_OF_FILE]:
                    yield _unclosed_quote(line, reader.line_num - 1)
                return
            if any(cell.strip() for cell in cells):
                yield make(line, cells)


def _unclosed_quote(line: int, last_line: int) -> Rejected:
    """The row whose quote swallowed the rest of the file, up to ``last_line``."""
    if last_line == line:
        return Rejected(line, "A quote opened on this line is never closed. "
                              "The row was not imported.")
    lines = (f"line {last_line:,}" if last_line == line + 1
             else f"lines {line + 1:,} to {last_line:,}")
    return Rejected(
        line,
        f"A quote opened on this line is never closed, so the rest of the file ({lines}) "
        "was read as part of this row. None of it was imported: close the quote and "
        "import the file again.",
    )


class _RowMaker:
    """Turns one row's cells into a ContactRow, by column positions found once."""

    def __init__(self, csv_format: CsvFormat, header: Sequence[str]):
        self.index: dict[str, int] = {}
        for position, name in enumerate(header):
            self.index.setdefault(normalise_header(name), position)
        self.width = len(header)
        self.fields = [
            (field_name, [self.index[name] for name in candidates if name in self.index])
            for field_name, candidates in csv_format.columns.items()
        ]
        self.finish = csv_format.finish

    def __call__(self, line: int, cells: list[str]) -> ContactRow | Rejected:
        if len(cells) > self.width and any(cell.strip() for cell in cells[self.width :]):
            return Rejected(
                line,
                f"The row has {len(cells)} cells where the header has {self.width} "
                "(a separator inside a value without quotes around it?).",
            )
        row = ContactRow(line)
        count = len(cells)
        for field_name, positions in self.fields:
            for position in positions:
                if position < count and (value := unneutralise(cells[position]).strip()):
                    setattr(row, field_name, value)
                    break
        if self.finish is not None:
            index = self.index

            def get(name: str) -> str:
                position = index.get(name, count)
                return unneutralise(cells[position]).strip() if position < count else ""

            self.finish(row, get)
        return row
