"""The sentence model: how likely a sentence is to carry each flaw.

A linear model over the features in ``features`` (multinomial logistic
regression), trained offline on the development corpus by
``tests/tone/train_model.py`` and shipped in ``resources/tone/``: the feature
names one a line (``sentence_model.features``), their weights as 32-bit floats,
one row of classes per feature (``sentence_model.weights``), and the classes,
biases and thresholds (``sentence_model.json``). It is read here with plain
Python, with no numerical library in the app and nothing loaded until a note is
first checked; a binary table reads in a few milliseconds where the same
weights as JSON took half a second.
"""

import json
import math
import sys
from array import array
from functools import cache, lru_cache
from typing import NamedTuple

from desktop.paths import resource_path
from desktop.playbook.tone.features import families, family_values

MODEL_FILE = ("tone", "sentence_model.json")
FEATURES_FILE = ("tone", "sentence_model.features")
WEIGHTS_FILE = ("tone", "sentence_model.weights")
#: The class of a sentence with no flaw.
OK = "ok"


class Verdict(NamedTuple):
    """What is wrong with a sentence: its likeliest flaw (and a second one when the
    model finds it nearly as likely), and how likely it is that anything is wrong."""

    flaws: tuple[str, ...]
    harm: float  # 1 - the probability that the sentence is fine


class SentenceModel:
    """Weights by feature, one per class, in one flat table."""

    def __init__(self, data: dict, features: list[str], weights: array):
        self.classes: list[str] = data["classes"]
        self.bias: list[float] = data["bias"]
        self._width = len(self.classes)
        self._rows = dict(zip(features, range(len(features)), strict=True))
        self._table = weights
        #: From what harm a sentence is an error, and a warning; and how likely, next to
        #: the first flaw, a second must be to be named too.
        self.thresholds: dict[str, float] = data["thresholds"]
        self.about: dict = data.get("about", {})
        self.ok_index = self.classes.index(OK)

    def row(self, feature: str) -> array | None:
        """The feature's weight for each class, or None for a feature never learned."""
        index = self._rows.get(feature)
        if index is None:
            return None
        start = index * self._width
        return self._table[start:start + self._width]

    def probabilities(self, normalised: str) -> list[float]:
        """The probability of each class for one normalised sentence.

        Every feature of a family has the same value, so each family's weights are
        summed first (column by column, in C) and scaled once.
        """
        words, letters = families(normalised)
        word_value, letter_value = family_values(words, letters)
        scores = list(self.bias)
        for found, value in ((words, word_value), (letters, letter_value)):
            rows = [row for row in map(self.row, found) if row is not None]
            if rows:
                for index, total in enumerate(map(sum, zip(*rows, strict=True))):
                    scores[index] += total * value
        top = max(scores)
        exps = [math.exp(score - top) for score in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def verdict(self, normalised: str) -> Verdict | None:
        """What this sentence most likely has wrong, or None when it reads as fine."""
        return _cached_verdict(self, normalised)

    def contribution(self, feature: str, flaw: str) -> float:
        """How much ``feature`` pushes a sentence towards ``flaw`` rather than fine."""
        row = self.row(feature)
        if row is None:
            return 0.0
        return row[self.classes.index(flaw)] - row[self.ok_index]


@lru_cache(maxsize=4096)
def _cached_verdict(model: SentenceModel, normalised: str) -> Verdict | None:
    """Typing changes one sentence at a time: the others are answered from here."""
    probabilities = model.probabilities(normalised)
    harm = 1 - probabilities[model.ok_index]
    if harm < model.thresholds["warning"]:
        return None
    ranked = sorted((p, model.classes[i]) for i, p in enumerate(probabilities)
                    if i != model.ok_index)[::-1]
    (first, flaw), (second, runner_up) = ranked[0], ranked[1]
    named = (flaw, runner_up) if second >= model.thresholds["second"] * first else (flaw,)
    return Verdict(named, harm)


def clear_cache() -> None:
    """Forget the verdicts kept for sentences already checked (for measuring)."""
    _cached_verdict.cache_clear()


@cache
def sentence_model() -> SentenceModel:
    """The shipped model, read on first use."""
    with resource_path(*MODEL_FILE).open(encoding="utf-8") as handle:
        data = json.load(handle)
    features = resource_path(*FEATURES_FILE).read_text(encoding="utf-8").split("\n")
    weights = array("f")
    weights.frombytes(resource_path(*WEIGHTS_FILE).read_bytes())
    if sys.byteorder != "little":  # written little-endian on every machine
        weights.byteswap()
    return SentenceModel(data, features, weights)
