"""Findings that explain themselves: the words that carry a flaw, why it harms the
note, and a rewrite the user can take as it is."""

import re
from typing import NamedTuple

from desktop.playbook.tone import findings as f
from desktop.playbook.tone.features import CHAR_SIZES
from desktop.playbook.tone.model import SentenceModel
from desktop.playbook.tone.text import Sentence, normalise


class Explanation(NamedTuple):
    says: str  # what the words do, when the model is sure: "sounds bitter"
    may: str  # the same, when it is less sure: "may sound bitter"
    harm: str  # what that does to the reader
    rewrite: str  # what to write instead


#: Per flaw: what the words do, what that does to the reader, and a rewrite.
EXPLANATIONS: dict[str, Explanation] = {
    f.SARCASM: Explanation(
        "reads as sarcastic", "may read as sarcastic",
        "The reader hears the opposite of the words and remembers the jab, not you.",
        'Say it plainly or leave it out, for example: "Thank you for getting back to me."'),
    f.CHALLENGES_DECISION: Explanation(
        "argues with their decision", "may read as arguing with their decision",
        "It asks them to defend a choice already made, which closes the door you want to "
        "keep open.",
        'Accept it and look ahead: "I understand you had a strong field. If a similar role '
        'opens, I would be glad to be considered."'),
    f.BLAME: Explanation(
        "blames someone for the outcome", "may read as blaming someone for the outcome",
        "The reader will side with their colleague or their process, not with you.",
        'Leave the process out. If you want to know what happened, ask: "Is there anything '
        'I could have made clearer in my application?"'),
    f.DEMAND: Explanation(
        "reads as a demand", "may read as a demand",
        "They owe you no explanation, and pressure makes a reply less likely.",
        'Make it an easy, optional ask: "If you have a moment, any pointer on what would '
        'have made my application stronger would help me a lot."'),
    f.THREAT: Explanation(
        "sounds like a threat", "may sound like a threat",
        "It ends the relationship, and notes like this get forwarded.",
        "Delete it. If something in the process really went wrong, raise it calmly with "
        "HR in a separate message, not in a follow-up note."),
    f.GUILT_TRIP: Explanation(
        "makes them responsible for what the application cost you",
        "may make them feel responsible for what the application cost you",
        "It reads as pressure, and pressure makes people step back.",
        'Thank them for their effort instead: "Thank you for the time you and the team '
        'put into the interviews."'),
    f.DESPERATION: Explanation(
        "sounds desperate", "may sound desperate",
        "It makes them worry about fit instead of remembering your strengths.",
        'Show steady interest: "I am still very interested in the team, and I would be '
        'glad to be considered for a future opening that fits my experience."'),
    f.COMPLAINT: Explanation(
        "complains about the process or the pay", "may read as a complaint",
        "The reader hears criticism of their company.",
        'Leave it out, or thank them for what went well: "Thank you for walking me '
        'through each stage."'),
    f.BITTER: Explanation(
        "sounds bitter", "may sound bitter",
        "Of everything in the note, it is what the reader will remember.",
        "Say what you honestly feel about the role instead: \"I'm disappointed, as I "
        "would have loved to learn from your team.\""),
    f.GROVELLING: Explanation(
        "puts you down", "may read as putting yourself down",
        "Apologising for yourself makes them doubt you and makes the note awkward to "
        "answer.",
        'Keep one light line at most and end on a strength: "Thank you for the chance; '
        "I'm already working on the areas we discussed.\""),
}

_TOKEN = re.compile(r"[a-z0-9']+|[!?]")
#: The words quoted in a message: at most this many, around the strongest.
_MAX_WORDS = 5


def sentence_finding(model: SentenceModel, text: str, sentence: Sentence, flaw: str,
                     severity: str) -> f.Finding:
    """A finding for a whole sentence, naming the words that make it ``flaw``."""
    explained = EXPLANATIONS[flaw]
    words = key_words(model, sentence, flaw)
    quoted = f'"{text[words[0]:words[1]]}"' if words else "This sentence"
    says = explained.says if severity == f.ERROR else explained.may
    return f.Finding(flaw, severity, sentence.start, sentence.end,
                     f"{quoted} {says}. {explained.harm}", explained.rewrite)


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
