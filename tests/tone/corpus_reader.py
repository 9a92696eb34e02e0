"""Reading the labelled tone corpus (format in ``corpus/README.md``).

Used by the model's training script, the benchmark and the tests; run it as a
script to check files: ``python tests/tone/corpus_reader.py FILE...`` prints
the problems (exit 1) or a summary (exit 0).
"""

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"

KINDS = ("thank_you", "feedback", "network", "hire_watch", "check_in")
SENTENCE_FLAWS = ("sarcasm", "challenges-decision", "blame", "demand", "threat", "guilt-trip",
                  "desperation", "complaint", "bitter", "grovelling")
MARKED_NOTE_FLAWS = ("placeholder", "wrong-name")
NOTE_FLAWS = (*MARKED_NOTE_FLAWS, "too-long", "missing-thanks", "missing-ask", "unsigned")
FLAWS = (*SENTENCE_FLAWS, *NOTE_FLAWS)
ROLES = ("hiring manager", "recruiter", "interviewer", "hr", "other")

_SEPARATOR = re.compile(r"^=====\s*$", re.MULTILINE)
_SPAN = re.compile(r"⟦([a-z-]+):\s?(.*?)⟧", re.DOTALL)


@dataclass
class Person:
    name: str
    company: str = ""
    role: str = ""

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else ""

    @property
    def last_name(self) -> str:
        return " ".join(self.name.split()[1:])


@dataclass
class Note:
    source: str  # file:line of the note's first header line
    kind: str
    flaws: set[str]
    to: Person
    sender: str
    text: str  # the body as sent, without the span marks
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # (flaw, start, end)
    others: list[Person] = field(default_factory=list)
    voice: str = ""
    subject: str = ""

    @property
    def good(self) -> bool:
        return not self.flaws


class CorpusError(ValueError):
    pass


def read_notes(path: Path) -> list[Note]:
    """Every note in one corpus file; raises CorpusError naming the line of a bad one."""
    raw = Path(path).read_text(encoding="utf-8")
    notes, problems = [], []
    offset = 0
    for chunk in _SEPARATOR.split(raw):
        line = raw.count("\n", 0, offset) + 1 + (len(chunk) - len(chunk.lstrip("\n")))
        offset += len(chunk) + len("=====\n")
        if not chunk.strip():
            continue
        try:
            notes.append(_parse(chunk.strip("\n"), f"{Path(path).name}:{line}"))
        except CorpusError as exc:
            problems.append(str(exc))
    if problems:
        raise CorpusError("\n".join(problems))
    return notes


def read_set(name: str) -> list[Note]:
    """All notes of ``dev`` or ``test``, in file order."""
    return [note for path in sorted((CORPUS / name).glob("*.txt")) for note in read_notes(path)]


def read_sentences(path: Path) -> list[tuple[str, str]]:
    """(label, sentence) from a sentence list; label is a sentence flaw or "none"."""
    found, problems = [], []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        label, bar, sentence = line.partition("|")
        label, sentence = label.strip(), sentence.strip()
        if not bar or not sentence:
            problems.append(f"{Path(path).name}:{number}: not 'label | sentence'")
        elif label not in (*SENTENCE_FLAWS, "none"):
            problems.append(f"{Path(path).name}:{number}: unknown label {label!r}")
        else:
            found.append((label, sentence))
    if problems:
        raise CorpusError("\n".join(problems))
    return found


def read_sentence_lists(name: str) -> list[tuple[str, str]]:
    """Every labelled sentence in ``<set>/sentences``."""
    folder = CORPUS / name / "sentences"
    return [item for path in sorted(folder.glob("*.txt")) for item in read_sentences(path)]


def _parse(chunk: str, source: str) -> Note:
    head, sep, body = chunk.partition("\n---\n")
    if not sep:
        raise CorpusError(f"{source}: no '---' line between the header and the body")
    header = {}
    for line in head.splitlines():
        key, colon, value = line.partition(":")
        if not colon:
            raise CorpusError(f"{source}: header line without 'key:': {line!r}")
        header[key.strip().lower()] = value.strip()
    for required in ("kind", "flaw", "to", "from"):
        if not header.get(required):
            raise CorpusError(f"{source}: no '{required}:' in the header")
    kind = header["kind"]
    if kind not in KINDS:
        raise CorpusError(f"{source}: unknown kind {kind!r}")
    flaws = set() if header["flaw"] == "none" else {
        f.strip() for f in header["flaw"].split(",") if f.strip()}
    if unknown := flaws - set(FLAWS):
        raise CorpusError(f"{source}: unknown flaw {sorted(unknown)}")
    text, spans = _unmark(body.strip("\n"), source)
    marked = {flaw for flaw, _, _ in spans}
    if missing := marked - flaws:
        raise CorpusError(f"{source}: marked but not in 'flaw:': {sorted(missing)}")
    if unmarked := (flaws & set(SENTENCE_FLAWS + MARKED_NOTE_FLAWS)) - marked:
        raise CorpusError(f"{source}: in 'flaw:' but never marked: {sorted(unmarked)}")
    return Note(source=source, kind=kind, flaws=flaws, to=_person(header["to"], source),
                sender=header["from"], text=text, spans=spans,
                others=[_person(p, source) for p in header.get("others", "").split(";")
                        if p.strip()],
                voice=header.get("voice", ""), subject=header.get("subject", ""))


def _person(value: str, source: str) -> Person:
    parts = [p.strip() for p in value.split("|")]
    role = parts[2].lower() if len(parts) > 2 else ""
    if role and role not in ROLES:
        raise CorpusError(f"{source}: unknown role {role!r}")
    return Person(parts[0], parts[1] if len(parts) > 1 else "", role)


def _unmark(body: str, source: str) -> tuple[str, list[tuple[str, int, int]]]:
    text, spans, last = [], [], 0
    length = 0
    for match in _SPAN.finditer(body):
        flaw, inner = match.group(1), match.group(2)
        if flaw not in SENTENCE_FLAWS + MARKED_NOTE_FLAWS:
            raise CorpusError(f"{source}: marked flaw {flaw!r} is not one that is marked")
        before = body[last:match.start()]
        text.append(before)
        length += len(before)
        spans.append((flaw, length, length + len(inner)))
        text.append(inner)
        length += len(inner)
        last = match.end()
    text.append(body[last:])
    joined = "".join(text)
    if "⟦" in joined or "⟧" in joined:
        raise CorpusError(f"{source}: an unbalanced ⟦ or ⟧")
    return joined, spans


def summary(notes: list[Note]) -> str:
    flaws = Counter(flaw for note in notes for flaw in note.flaws)
    kinds = Counter(note.kind for note in notes)
    words = sorted(len(note.text.split()) for note in notes)
    lines = [f"{len(notes)} notes: {sum(n.good for n in notes)} good, "
             f"{sum(not n.good for n in notes)} with a flaw; "
             f"words {words[0]}-{words[-1]}, median {words[len(words) // 2]}"]
    lines.append("kinds: " + ", ".join(f"{k} {kinds[k]}" for k in KINDS))
    lines.append("flaws: " + ", ".join(f"{f} {flaws[f]}" for f in FLAWS))
    return "\n".join(lines)


if __name__ == "__main__":
    every, listed = [], []
    failed = False
    for name in sys.argv[1:]:
        try:
            if Path(name).parent.name == "sentences":
                listed += read_sentences(Path(name))
            else:
                every += read_notes(Path(name))
        except CorpusError as exc:
            print(exc)
            failed = True
    if failed:
        sys.exit(1)
    if every:
        print(summary(every))
    if listed:
        counts = Counter(label for label, _ in listed)
        print(f"{len(listed)} sentences: " + ", ".join(
            f"{label} {n}" for label, n in counts.most_common()))
