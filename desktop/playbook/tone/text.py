"""A note as the checks see it: normalised text, its sentences and their offsets.

Normalising maps each character to one character, so an offset into the
normalised text is an offset into what the user typed.
"""

import re
from typing import NamedTuple

# Curly and look-alike apostrophes made straight; the one capital whose lower()
# is two characters made one.
_NORMALISE = str.maketrans({
    **dict.fromkeys("\u2019\u2018\u02bc\u2032\uff07\u0060\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u00ab\u00bb", '"'),
    "\u0130": "i",
})


def normalise(text: str) -> str:
    """Lower case with straight quotes, offsets unchanged."""
    lowered = text.translate(_NORMALISE).lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c
                   for c in text.translate(_NORMALISE))


class Sentence(NamedTuple):
    start: int
    end: int
    text: str


#: Where a sentence ends inside a line: after . ! ? (and closing quotes or brackets)
#: followed by a space, unless the word before is a short abbreviation.
_BOUNDARY = re.compile(r"""[.!?]+["')\]]*\s+""")
_ABBREVIATION = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|mr|mrs|ms|dr|prof|st|vs|approx|no|dept|inc|ltd|co|jr|sr)"
    r"|\b[a-z])\.$", re.IGNORECASE)
_LINE = re.compile(r"[^\r\n]+")


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``, line by line, with their offsets (blank lines skipped)."""
    found = []
    for line in _LINE.finditer(text):
        start = line.start()
        body = line.group()
        cut = 0
        for boundary in _BOUNDARY.finditer(body):
            if _ABBREVIATION.search(body, max(0, boundary.start() - 8), boundary.start() + 1):
                continue
            _add(found, text, start + cut, start + boundary.end())
            cut = boundary.end()
        _add(found, text, start + cut, line.end())
    return found


def _add(found: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        first = start + (len(piece) - len(piece.lstrip()))
        found.append(Sentence(first, first + len(stripped), stripped))
