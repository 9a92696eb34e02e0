"""Findings that explain themselves: the words that carry a flaw, why it harms the
note, and a rewrite the user can take as it is."""

import re

from desktop.playbook.tone import findings as f
from desktop.playbook.tone.features import CHAR_SIZES
from desktop.playbook.tone.model import SentenceModel
from desktop.playbook.tone.text import Sentence, normalise

#: Per flaw: what it does to the reader, and a rewrite to use instead.
WHY_AND_REWRITE: dict[str, tuple[str, str]] = {
    f.SARCASM: (
        "reads as sarcastic: the reader hears the opposite of the words and remembers "
        "the jab, not you.",
        'Say it plainly or leave it out, for example: "Thank you for getting back to me."'),
    f.CHALLENGES_DECISION: (
        "argues with their decision. It asks them to defend a choice already made, which "
        "closes the door you want to keep open.",
        'Accept it and look ahead: "I understand you had a strong field. If a similar role '
        'opens, I would be glad to be considered."'),
    f.BLAME: (
        "blames someone for the outcome. The reader will side with their colleague or "
        "their process, not with you.",
        'Leave the process out. If you want to know what happened, ask: "Is there anything '
        'I could have made clearer in my application?"'),
    f.DEMAND: (
        "reads as a demand. They owe you no explanation, and pressure makes a reply less "
        "likely.",
        'Make it an easy, optional ask: "If you have a moment, any pointer on what would '
        'have made my application stronger would help me a lot."'),
    f.THREAT: (
        "sounds like a threat. It ends the relationship, and notes like this get "
        "forwarded.",
        "Delete it. If something in the process really went wrong, raise it calmly with "
        "HR in a separate message, not in a follow-up note."),
    f.GUILT_TRIP: (
        "makes them responsible for what the application cost you; it reads as pressure.",
        'Thank them for their effort instead: "Thank you for the time you and the team '
        'put into the interviews."'),
    f.DESPERATION: (
        "sounds desperate. It makes them worry about fit instead of remembering your "
        "strengths.",
        'Show steady interest: "I am still very interested in the team, and I would be '
        'glad to be considered for a future opening that fits my experience."'),
    f.COMPLAINT: (
        "complains about the process or the pay; the reader hears criticism of their "
        "company.",
        'Leave it out, or thank them for what went well: "Thank you for walking me '
        'through each stage."'),
    f.BITTER: (
        "sounds bitter. Of everything in the note, it is what the reader will remember.",
        "Say what you honestly feel about the role instead: \"I'm disappointed, as I "
        "would have loved to learn from your team.\""),
    f.GROVELLING: (
        "puts you down. Apologising for yourself makes them doubt you and makes the note "
        "awkward to answer.",
        'Keep one light line at most and end on a strength: "Thank you for the chance; '
        "I'm already working on the areas we discussed.\""),
}

#: What a flaw is called in a message: "sounds like blame".
_NAMES = {
    f.SARCASM: "sarcasm", f.CHALLENGES_DECISION: "arguing with the decision",
    f.BLAME: "blame", f.DEMAND: "a demand", f.THREAT: "a threat",
    f.GUILT_TRIP: "a guilt trip", f.DESPERATION: "desperation",
    f.COMPLAINT: "a complaint", f.BITTER: "bitterness", f.GROVELLING: "grovelling",
}

_TOKEN = re.compile(r"[a-z0-9']+|[!?]")
#: The words quoted in a message: at most this many, around the strongest.
_MAX_WORDS = 5


def sentence_finding(model: SentenceModel, text: str, sentence: Sentence, flaw: str,
                     severity: str) -> f.Finding:
    """A finding for a whole sentence, naming the words that make it ``flaw``."""
    why, rewrite = WHY_AND_REWRITE[flaw]
    words = key_words(model, sentence, flaw)
    quoted = f'"{text[words[0]:words[1]]}"' if words else "This sentence"
    if severity == f.WARNING:
        message = f"{quoted} may read as {_NAMES[flaw]}: it {why}"
    else:
        message = f"{quoted} {why}"
    return f.Finding(flaw, severity, sentence.start, sentence.end, message, rewrite)


def key_words(model: SentenceModel, sentence: Sentence, flaw: str) -> tuple[int, int] | None:
    """The offsets of the few words that push ``sentence`` most towards ``flaw``."""
    normalised = normalise(sentence.text)
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(normalised)]
    if not tokens:
        return None
    words = [re.sub(r"\d", "0", token) for token, _, _ in tokens]
    weight = [0.0] * len(words)
    for i, word in enumerate(words):
        weight[i] += model.contribution(f"w {word}", flaw)
        padded = f"<{word}>"
        for size in CHAR_SIZES:
            for j in range(len(padded) - size + 1):
                weight[i] += model.contribution(f"c {padded[j:j + size]}", flaw) / size
        if i + 1 < len(words):
            share = model.contribution(f"b {word} {words[i + 1]}", flaw) / 2
            weight[i] += share
            weight[i + 1] += share
        if i + 2 < len(words):
            share = model.contribution(f"t {word} {words[i + 1]} {words[i + 2]}", flaw) / 3
            for k in range(3):
                weight[i + k] += share
    best, best_sum = None, 0.0
    for start in range(len(words)):
        total = 0.0
        for end in range(start, min(start + _MAX_WORDS, len(words))):
            total += weight[end]
            if total > best_sum:
                best, best_sum = (start, end), total
    if best is None:
        return None
    first, last = tokens[best[0]], tokens[best[1]]
    return sentence.start + first[1], sentence.start + last[2]
