"""Contacts from vCard files (.vcf): 2.1 as Outlook writes it, 3.0 from Google and
Apple Contacts, and 4.0; one card or thousands in a file.

The file is cut into cards here, line by line, so a broken card costs only that
card (reported with the line of its BEGIN:VCARD) and memory holds one card at a
time. Each card is tidied before vobject parses it, because real 2.1 files trip
it up: quoted-printable values are decoded here with their CHARSET (a soft line
break just before END:VCARD otherwise swallows the end of the card, and an
unknown charset or a bad escape raises), and photos, logos and keys are
dropped (a damaged base64 photo would lose the whole contact, and Rebound keeps
no pictures).

A card from Rebound's own export carries "How we met" in X-REBOUND-HOW-MET as
well as at the top of its NOTE; it goes back into "How we met" and out of the
notes, so that exporting and importing again changes nothing.
"""

import quopri
import re
from collections.abc import Iterator

import vobject

from desktop.exchange.exporters.vcard import HOW_MET_PROPERTY, note_text
from desktop.exchange.importers.mapping import split_full_name
from desktop.exchange.read_text import TextFile, open_text
from desktop.store.import_rows import ContactRow, Rejected, is_linkedin

#: A card larger than this (in characters) is reported rather than parsed.
MAX_CARD_CHARS = 32 * 1024 * 1024

_BINARY_PROPERTIES = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_BASE64 = frozenset({"ENCODING=B", "ENCODING=BASE64", "BASE64"})
_QUOTED_PRINTABLE = frozenset({"ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE"})
# group.NAME;PARAM;PARAM=VALUE:value. Parameters holding a quoted ":" are not split
# correctly, so such lines are passed on untouched unless they need decoding.
_PROPERTY = re.compile(r"(?P<name>[^:;]+)(?P<params>;[^:]*)?:(?P<value>.*)", re.DOTALL)
_ESCAPED = re.compile(r"\\([:,;\\])")
# vobject keeps only the text before the first unescaped comma of FN, NOTE, TITLE...
# (it reads them as lists). Commas are literal in 2.1 and left bare by many 3.0
# exporters, so every bare comma is escaped before vobject sees it.
_BARE_COMMA = re.compile(r"\\.|,")
_VOBJECT_LINE = re.compile(r"^At line \d+: ")


def is_vcard(head: str) -> bool:
    """True when the text's first non-blank line opens a vCard."""
    for line in head.splitlines():
        if line.strip():
            return line.strip().upper() == "BEGIN:VCARD"
    return False


def vcard_rows(text_file: TextFile) -> Iterator[ContactRow | Rejected]:
    """One ContactRow per card, or a Rejected with the line its BEGIN:VCARD is on."""
    with open_text(text_file) as handle:
        for line, lines, problem in _cards(handle):
            if problem:
                yield Rejected(line, problem)
                continue
            try:
                row = _contact(line, vobject.readOne(_tidy(lines)))
            # vobject raises ParseError, ValueError, TypeError, binascii.Error... on
            # broken input; whatever it is, it costs this card only.
            except Exception as exc:
                # vobject counts lines within the card; the row's line says where it is.
                detail = _VOBJECT_LINE.sub("", " ".join(str(exc).split()))[:200]
                detail = detail or type(exc).__name__
                row = Rejected(line, f"The card cannot be read: {detail}")
            yield row


def _cards(handle) -> Iterator[tuple[int, list[str], str]]:
    """(line of BEGIN:VCARD, the card's lines, problem or "") for each card."""
    start, lines, size = 0, None, 0
    for number, raw in enumerate(handle, start=1):
        text = raw.rstrip("\r\n")
        keyword = text.strip().upper()
        if keyword == "BEGIN:VCARD":
            if lines is not None:
                yield start, [], "The card has no END:VCARD before the next card begins."
            start, lines, size = number, [text], len(text)
        elif lines is not None:
            size += len(text)
            if size <= MAX_CARD_CHARS:
                lines.append(text)
            if keyword == "END:VCARD":
                if size > MAX_CARD_CHARS:
                    yield start, [], f"The card is larger than {MAX_CARD_CHARS:,} characters."
                else:
                    yield start, lines, ""
                lines = None
    if lines is not None:
        yield start, [], "The card has no END:VCARD."


def _tidy(lines: list[str]) -> str:
    """The card unfolded, quoted-printable decoded, binary properties dropped."""
    # Each logical line as a list of its pieces, joined once at the end: a photo
    # folded over 100,000 lines would otherwise be copied 100,000 times.
    logical: list[list[str]] = []
    quoted = False
    for text in lines:
        pieces = logical[-1] if logical else None
        if pieces and quoted and pieces[-1].endswith("=") and text.strip().upper() != "END:VCARD":
            pieces[-1] = pieces[-1][:-1]  # a quoted-printable soft line break
            pieces.append(text)
        elif pieces and text[:1] in (" ", "\t"):
            pieces.append(text[1:])
        elif text.strip():
            logical.append([text])
            quoted = "QUOTED-PRINTABLE" in text.split(":", 1)[0].upper()
    kept = (_plain("".join(pieces)) for pieces in logical)
    return "\r\n".join(line for line in kept if line is not None) + "\r\n"


def _plain(line: str) -> str | None:
    """A property line vobject reads without surprises, or None to drop it."""
    match = _PROPERTY.fullmatch(line)
    if match is None or (match["params"] or "").count('"') % 2:
        return line  # vobject decides; a bad line makes the card a rejected row
    name, value = match["name"], match["value"]
    params = [param for param in (match["params"] or "").split(";") if param]
    upper = [param.upper() for param in params]
    if name.rsplit(".", 1)[-1].upper() in _BINARY_PROPERTIES or _BASE64 & set(upper):
        return None
    if _QUOTED_PRINTABLE & set(upper):
        charset = next((p.split("=", 1)[1] for p, u in zip(params, upper, strict=True)
                        if u.startswith("CHARSET=")), "")
        value = _decode_quoted_printable(value, charset)
        value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    # The file is already decoded: CHARSET has said all it had to say.
    params = [p for p, u in zip(params, upper, strict=True)
              if u not in _QUOTED_PRINTABLE and not u.startswith("CHARSET=")]
    value = _BARE_COMMA.sub(_escape_comma, value)
    return name + "".join(f";{param}" for param in params) + ":" + value


def _escape_comma(match: re.Match) -> str:
    return "\\," if match.group() == "," else match.group()


def _decode_quoted_printable(value: str, charset: str) -> str:
    data = quopri.decodestring(value.encode("utf-8"))
    for encoding in filter(None, (charset.strip('"'), "utf-8")):
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def _contact(line: int, card) -> ContactRow:
    row = ContactRow(line)
    children = list(card.getChildren())
    by_name: dict[str, list] = {}
    for child in children:
        by_name.setdefault(child.name.upper(), []).append(child)
    labels = {
        child.group.lower(): _text(child.value)
        for child in by_name.get("X-ABLABEL", ())
        if child.group
    }
    name = _first(by_name, "N")
    if name is not None and hasattr(name.value, "family"):
        row.last_name = _text(name.value.family)
        row.first_name = " ".join(
            filter(None, (_text(name.value.given), _text(name.value.additional)))
        )
    if not (row.first_name or row.last_name) and (full := _first(by_name, "FN")) is not None:
        row.first_name, row.last_name = split_full_name(_text(full.value))
    if (org := _first(by_name, "ORG")) is not None:
        value = org.value
        row.company = _text(value[0] if isinstance(value, list) and value else value)
    if (title := _first(by_name, "TITLE") or _first(by_name, "ROLE")) is not None:
        row.title = _text(title.value)
    # vobject leaves EMAIL, TEL and URL values as written, escapes included.
    email = _preferred(by_name.get("EMAIL", ()), ("pref",))
    row.email = _ESCAPED.sub(r"\1", email).removeprefix("mailto:")
    phone = _preferred(by_name.get("TEL", ()), ("cell", "mobile", "pref", "work"))
    row.phone = _ESCAPED.sub(r"\1", phone).removeprefix("tel:")
    row.linkedin_url = _linkedin(by_name, labels)
    row.notes = "\n".join(_text(note.value) for note in by_name.get("NOTE", ()))
    if (how_met := _first(by_name, HOW_MET_PROPERTY)) is not None:
        row.how_met = _text(how_met.value)
        row.notes = _notes_without_how_met(row.notes, row.how_met)
    return row


def _notes_without_how_met(notes: str, how_met: str) -> str:
    """The notes of a Rebound card without the "How we met" paragraph its export put
    first; a NOTE changed since (in another address book) is kept whole."""
    rest = notes.removeprefix(note_text(how_met, "")).lstrip("\n")
    return rest if note_text(how_met, rest) == notes else notes


def _first(by_name: dict, name: str):
    found = by_name.get(name)
    return found[0] if found else None


def _text(value) -> str:
    if isinstance(value, list | tuple):
        return " ".join(part for part in (_text(item) for item in value) if part)
    return "" if value is None else str(value).strip()


def _types(prop) -> set[str]:
    """TYPE values however the version spells them: TYPE=a,b; TYPE=a;TYPE=b; bare A;B."""
    found = set()
    for value in [*prop.params.get("TYPE", ()), *prop.singletonparams]:
        found.update(part.strip().strip('"').lower() for part in str(value).split(","))
    if "PREF" in prop.params:
        found.add("pref")
    return found


def _preferred(props, order: tuple[str, ...]) -> str:
    """The value of the first property whose type comes first in ``order``."""
    values = [(prop, _text(prop.value)) for prop in props]
    values = [(prop, value) for prop, value in values if value]
    for wanted in order:
        for prop, value in values:
            if wanted in _types(prop):
                return value
    return values[0][1] if values else ""


def _linkedin(by_name: dict, labels: dict[str, str]) -> str:
    for prop in [*by_name.get("X-SOCIALPROFILE", ()), *by_name.get("URL", ())]:
        url = _ESCAPED.sub(r"\1", _text(prop.value))
        labelled = "linkedin" in labels.get((prop.group or "").lower(), "").lower()
        if is_linkedin(url) or (url and (labelled or "linkedin" in _types(prop))):
            return url
    return ""
