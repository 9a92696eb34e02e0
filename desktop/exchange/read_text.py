"""Opening an imported file as text without asking the user for its encoding.

Contacts files come from Excel and Outlook on Windows (UTF-16 with a BOM, or the
Windows code page), from web exports (UTF-8, often with a BOM) and from phones.
The rules, in order: a BOM decides; UTF-16 without a BOM shows as every other
byte being zero; a file that is valid UTF-8 throughout is UTF-8; anything else
is cp1252, which decodes almost every byte. This small detector is enough for
those sources, and it never guesses an exotic code page from a few bytes.

Files that are not text at all (a workbook, an image, random bytes) are refused
here, before any reader sees them.
"""

import codecs
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from desktop.exchange.import_refused import ImportRefused

#: What format detection and header finding look at: the header is always near the top.
HEAD_BYTES = 64 * 1024
_CHUNK = 1024 * 1024
#: Share of control characters above which a "text" file is taken to be binary.
#: Random bytes give about 13%; real text files, even with stray NULs, next to none.
_BINARY_SHARE = 0.05

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive (an Excel .xlsx workbook is one); save it as CSV first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Office document (.xls); save it as CSV first"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x1f\x8b", "a gzip archive"),
)

_TEXT_CONTROLS = frozenset("\t\n\r\f\v")


@dataclass(frozen=True)
class TextFile:
    """A file found to be text: how to decode it, and its first HEAD_BYTES as text."""

    path: Path
    encoding: str
    #: The start of the file, decoded, cut after its last complete line.
    head: str
    #: Line feeds in the whole file: a cheap estimate of how many rows it holds.
    newlines: int


def sniff_text(path) -> TextFile:
    """Decide how to read ``path``, reading it once in chunks; refuses non-text files."""
    path = Path(path)
    name = path.name
    try:
        handle = path.open("rb")
    except IsADirectoryError:
        raise ImportRefused(f"“{name}” is a folder, not a file.") from None
    except OSError as exc:
        raise ImportRefused(f"Cannot read “{name}”: {exc.strerror or exc}.") from None
    with handle:
        head = handle.read(HEAD_BYTES)
        for signature, what in _SIGNATURES:
            if head.startswith(signature):
                raise ImportRefused(f"“{name}” is {what}, not a contacts file.")
        encoding = _declared_encoding(head)
        utf8 = codecs.getincrementaldecoder("utf-8")() if encoding is None else None
        newlines = 0
        chunk = head
        while chunk:
            newlines += chunk.count(b"\n")
            if utf8 is not None:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = None
                    encoding = "cp1252"
            chunk = handle.read(_CHUNK)
    if encoding is None:
        try:
            utf8.decode(b"", final=True)
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1252"
    text = head.decode(encoding, errors="replace")
    if len(head) == HEAD_BYTES and "\n" in text:
        text = text[: text.rindex("\n") + 1]
    if not text.strip():
        raise ImportRefused(f"“{name}” is empty.")
    if _looks_binary(text):
        raise ImportRefused(f"“{name}” is not a text file (it holds binary data).")
    return TextFile(path, encoding, text, newlines)


def open_text(text_file: TextFile) -> TextIO:
    """The file as text for reading row by row (``newline=""``, as the csv module wants).

    Undecodable bytes become U+FFFD rather than stopping the import halfway.
    """
    return text_file.path.open(encoding=text_file.encoding, errors="replace", newline="")


def _declared_encoding(head: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    # UTF-16 without a BOM: ASCII characters leave one byte of each pair zero.
    sample = head[:4096]
    pairs = len(sample) // 2
    if pairs >= 2:
        even_zero = sample[0 : pairs * 2 : 2].count(0) / pairs
        odd_zero = sample[1 : pairs * 2 : 2].count(0) / pairs
        if odd_zero > 0.3 and even_zero < 0.05:
            return "utf-16-le"
        if even_zero > 0.3 and odd_zero < 0.05:
            return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    controls = sum(
        1 for ch in text if (ch < " " and ch not in _TEXT_CONTROLS) or ch in "\x7f\ufffd"
    )
    return controls > len(text) * _BINARY_SHARE
