"""Tone check for a follow-up note, run as the user types.

A note sent after a rejection has one job: leave the door open. Two kinds of
check look for what shuts it:

- a sentence model (``model``), trained on a labelled corpus of notes, reads each
  sentence for sarcasm, arguing with the decision, blame, demands, threats, guilt
  trips, desperation, complaints, bitterness and grovelling, in whatever words
  they come, typos included;
- exact rules (``rules``) find what rules can decide: placeholders left in, the
  wrong person's or company's name, a note far too long for its kind, a
  thank-you without thanks, no next step, no name at the end.

Each finding says which words, why they harm the note, and what to write
instead. Honest disappointment, warmth and a polite request for feedback are
fine. Pure Python and standard library only; no Qt, no database. The model's
weights are read when the first note is checked, never at start-up.
"""

from __future__ import annotations

from desktop.playbook.kinds import StepKind
from desktop.playbook.tone import names, rules
from desktop.playbook.tone.explain import sentence_finding
from desktop.playbook.tone.findings import (
    ERROR,
    NOTE_FLAWS,
    RULES,
    SENTENCE_FLAWS,
    WARNING,
    Finding,
)
from desktop.playbook.tone.model import sentence_model
from desktop.playbook.tone.names import Contact, People
from desktop.playbook.tone.rules import DEFAULT_WORD_LIMIT
from desktop.playbook.tone.text import normalise, sentences

__all__ = [
    "DEFAULT_WORD_LIMIT", "ERROR", "MAX_FINDINGS_PER_RULE", "NOTE_FLAWS", "RULES",
    "SENTENCE_FLAWS", "WARNING", "Contact", "Finding", "People", "check_note",
    "word_limit",
]

#: A pasted novel should not produce thousands of identical underlines.
MAX_FINDINGS_PER_RULE = 50
#: A "sentence" longer than this (a pasted blob with no full stops) is read in part.
SENTENCE_CHARS = 1000


def word_limit(kind: StepKind | str | None) -> int:
    """How many words a note of this kind may have before it reads as too long."""
    return rules.word_limit(parse_kind(kind))


def check_note(text: str, kind: StepKind | str | None = None, subject: str = "",
               people: People | None = None) -> list[Finding]:
    """Everything worth changing in a note's body, sorted by where it starts.

    ``kind`` sets the word limit and whether thanks are required; an unknown kind
    is treated as a general follow-up. ``subject`` counts toward thanks and the
    ask, and a placeholder left in it is reported at offset 0 with ``start ==
    end``. ``people`` (who the note is from and for, and who else the user knows)
    lets the names be checked and the signature matched to the sender; without
    it, any name at the end will do. A blank note gives no findings.
    """
    text = "" if text is None else str(text)
    subject = "" if subject is None else str(subject)
    if not text.strip():
        return []
    parsed = parse_kind(kind)
    plain, plain_subject = normalise(text), normalise(subject)
    found = _sentence_findings(text)
    found += rules.placeholder_findings(text, subject)
    found += names.name_findings(text, people)
    found += rules.length_findings(text, parsed)
    found += rules.thanks_finding(text, plain, plain_subject, parsed)
    found += rules.ask_finding(text, plain, plain_subject)
    found += rules.signature_finding(text, people.sender if people else None)
    found = _at_most_per_rule(found)
    found.sort(key=lambda finding: (finding.start, finding.end, finding.rule))
    return found


def _sentence_findings(text: str) -> list[Finding]:
    """The flaw of each sentence the model reads as harmful: an error when it is sure,
    a warning when it is less so, and a second possible reading as a warning too."""
    model = sentence_model()
    found = []
    for sentence in sentences(text):
        verdict = model.verdict(normalise(sentence.text[:SENTENCE_CHARS]))
        if verdict is None:
            continue
        sure = verdict.harm >= model.thresholds["error"]
        for rank, flaw in enumerate(verdict.flaws):
            severity = ERROR if sure and rank == 0 else WARNING
            found.append(sentence_finding(model, text, sentence, flaw, severity))
    return found


def _at_most_per_rule(found: list[Finding]) -> list[Finding]:
    kept, counts = [], {}
    for finding in found:
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
        if counts[finding.rule] <= MAX_FINDINGS_PER_RULE:
            kept.append(finding)
    return kept


def parse_kind(kind: StepKind | str | None) -> StepKind | None:
    if isinstance(kind, StepKind):
        return kind
    if not isinstance(kind, str):
        return None
    key = kind.strip().lower()
    try:
        return StepKind(key.replace("-", "_").replace(" ", "_"))
    except ValueError:
        pass
    return next((c for c in StepKind if c.label.lower() == key), None)
