"""What the sentence model reads in a sentence: words, word pairs and triples, and
the letter sequences inside each word.

Letter sequences (three to five letters, word edges marked) let the model
recognise a word it learned through a typo or another ending ("recieved",
"reconsidering"). Words and letter sequences are two families, each given the
same total weight (``weighted``): a sentence has several times more letter
sequences than words, and would otherwise drown out what its words say. The
same functions serve the training script and the app, so the two can never
disagree.
"""

import math
import re
from itertools import pairwise

_DIGITS = re.compile(r"\d")
_TOKEN = re.compile(r"[a-z0-9']+|[!?]")
CHAR_SIZES = (3, 4, 5)


def tokens(normalised: str) -> list[str]:
    """The words (and ! and ?) of a normalised sentence, digits as 0."""
    return _TOKEN.findall(_DIGITS.sub("0", normalised))


def families(normalised: str) -> tuple[list[str], list[str]]:
    """The features of a normalised sentence, each once: (word features, letter sequences)."""
    words = tokens(normalised)
    found = {f"w {w}" for w in words}
    found.update(f"b {a} {b}" for a, b in pairwise(words))
    found.update(f"t {a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:],
                                                      strict=False))
    letters = set()
    for word in words:
        padded = f"<{word}>"
        for size in CHAR_SIZES:
            letters.update(f"c {padded[i:i + size]}" for i in range(len(padded) - size + 1))
    return list(found), list(letters)


def features(normalised: str) -> list[str]:
    """Every feature of a normalised sentence, each once."""
    words, letters = families(normalised)
    return words + letters


def family_values(words: list, letters: list) -> tuple[float, float]:
    """The value of each word feature and of each letter sequence: 1/sqrt(n) within a
    family of n, the two families then halved in weight (each vector has length one)."""
    present = (len(words) > 0) + (len(letters) > 0)
    if not present:
        return 0.0, 0.0
    share = 1 / math.sqrt(present)
    return (share / math.sqrt(len(words)) if words else 0.0,
            share / math.sqrt(len(letters)) if letters else 0.0)


def weighted(normalised: str) -> list[tuple[str, float]]:
    """Each feature of a normalised sentence with its value (for training)."""
    words, letters = families(normalised)
    word_value, letter_value = family_values(words, letters)
    return [(f, word_value) for f in words] + [(f, letter_value) for f in letters]
