"""Train the tone check's sentence model on the development corpus and write it to
``resources/tone/sentence_model.*``.

    uv run python tests/tone/train_model.py            # train, choose thresholds, write
    uv run python tests/tone/train_model.py --report   # also print the cross-validated figures

Only the development set (``corpus/dev``) is read: the test set is for measuring,
never for training or choosing thresholds. scikit-learn is a development
dependency; the app reads the weights with plain Python (``model.py``).

How: each sentence of each note is labelled with the flaw whose marked passage
it overlaps most, or "ok"; the sentence lists add more sentences of each flaw and
hard negatives. Features are those of ``features.features`` (seen in at least two
training sentences), valued by ``features.weighted`` as the app values them. A
multinomial logistic regression learns one weight per feature and class. A
sentence is reported when the probability that something is wrong with it (one
minus that of "ok") passes a threshold, as an error above a higher one, naming
its likeliest flaw and a second one when that is nearly as likely. The
thresholds are chosen on out-of-fold predictions (notes kept whole within a
fold), so that they are judged on notes the model did not see.
"""

import argparse
import datetime
import json
import sys
from array import array
from collections import Counter
from pathlib import Path

import numpy as np
from joblib import Parallel, delayed
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from corpus_reader import (  # noqa: E402
    SENTENCE_FLAWS,
    Note,
    read_sentence_lists,
    read_set,
)

from desktop.playbook.tone.features import features, weighted  # noqa: E402
from desktop.playbook.tone.model import OK, SentenceModel  # noqa: E402
from desktop.playbook.tone.text import normalise, sentences  # noqa: E402

OUTPUT = REPO / "resources" / "tone"
CLASSES = (OK, *SENTENCE_FLAWS)
#: Inverse regularisation strength, chosen by cross-validation on the dev set
#: (2, 8, 32, 96 and 128 were tried; 32 named the most flawed notes).
C = 32.0
#: A feature must occur in this many training sentences to be learned.
MIN_SENTENCES = 2
FOLDS = 5
#: Weights smaller than this are left out of the file: they never change a verdict.
PRUNE_BELOW = 0.02
#: What the thresholds are chosen to keep, on out-of-fold dev notes (half the
#: target for the test set, which is written by other hands).
GOOD_NOTES_WITH_ERROR = 0.025
GOOD_NOTES_WITH_ANY = 0.15
#: Candidates for how likely a second flaw must be, next to the first, to be named.
SECOND_FLAW_SHARES = (1.0, 0.5, 0.4, 0.3, 0.2)


def labelled_sentences(notes: list[Note]) -> tuple[list[str], list[str], list[int]]:
    """(normalised sentence, label, note index) for every sentence of every note."""
    texts, labels, groups = [], [], []
    for index, note in enumerate(notes):
        for sentence in sentences(note.text):
            texts.append(normalise(sentence.text))
            labels.append(_label(note, sentence.start, sentence.end))
            groups.append(index)
    return texts, labels, groups


def _label(note: Note, start: int, end: int) -> str:
    overlaps = Counter()
    for flaw, span_start, span_end in note.spans:
        if flaw in SENTENCE_FLAWS:
            overlap = min(end, span_end) - max(start, span_start)
            if overlap > 0:
                overlaps[flaw] += overlap
    return overlaps.most_common(1)[0][0] if overlaps else OK


def matrix(texts: list[str], vocabulary: dict[str, int]) -> csr_matrix:
    rows, cols, values = [], [], []
    for row, text in enumerate(texts):
        for feature, value in weighted(text):
            column = vocabulary.get(feature)
            if column is not None:
                rows.append(row)
                cols.append(column)
                values.append(value)
    return csr_matrix((values, (rows, cols)), shape=(len(texts), len(vocabulary)))


def vocabulary_of(texts: list[str]) -> dict[str, int]:
    counts = Counter(feature for text in texts for feature in features(text))
    every = sorted(feature for feature, n in counts.items() if n >= MIN_SENTENCES)
    return {feature: index for index, feature in enumerate(every)}


def fit(texts: list[str], labels: list[str]) -> tuple[LogisticRegression, dict[str, int]]:
    vocabulary = vocabulary_of(texts)
    model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
    model.fit(matrix(texts, vocabulary), [CLASSES.index(label) for label in labels])
    return model, vocabulary


def out_of_fold(texts, labels, groups, extra_texts, extra_labels) -> np.ndarray:
    """Each note sentence's class probabilities from a model that never saw its note
    (the sentence lists are in every fold's training data: they are not notes)."""

    def one_fold(train, held):
        model, vocabulary = fit([texts[i] for i in train] + extra_texts,
                                [labels[i] for i in train] + extra_labels)
        predicted = model.predict_proba(matrix([texts[i] for i in held], vocabulary))
        full = np.zeros((len(held), len(CLASSES)))
        full[:, model.classes_] = predicted
        return held, full

    probabilities = np.zeros((len(texts), len(CLASSES)))
    folds = GroupKFold(n_splits=FOLDS).split(texts, labels, groups)
    for held, full in Parallel(n_jobs=2, prefer="threads")(
            delayed(one_fold)(train, held) for train, held in folds):
        probabilities[held] = full
    return probabilities


def note_results(notes, groups, probabilities, thresholds) -> list[dict]:
    """Per note: {flaw: "error" | "warning"}, decided as ``model.py`` decides."""
    found = [dict() for _ in notes]
    for note_index, row in zip(groups, probabilities, strict=True):
        harm = 1 - row[0]
        if harm < thresholds["warning"]:
            continue
        ranked = np.argsort(-row[1:])
        first, second = row[1:][ranked[0]], row[1:][ranked[1]]
        named = [CLASSES[ranked[0] + 1]]
        if second >= thresholds["second"] * first:
            named.append(CLASSES[ranked[1] + 1])
        for rank, flaw in enumerate(named):
            level = "error" if harm >= thresholds["error"] and rank == 0 else "warning"
            if found[note_index].get(flaw) != "error":
                found[note_index][flaw] = level
    return found


def score(notes, found) -> dict:
    good = [f for note, f in zip(notes, found, strict=True) if note.good]
    flawed = [(note, f) for note, f in zip(notes, found, strict=True)
              if note.flaws & set(SENTENCE_FLAWS)]
    named = sum(bool(note.flaws & set(f)) for note, f in flawed)
    return {
        "good_with_error": sum("error" in f.values() for f in good) / len(good),
        "good_with_any": sum(bool(f) for f in good) / len(good),
        "named": named / len(flawed),
    }


def choose_thresholds(notes, groups, probabilities) -> tuple[dict, dict]:
    """The thresholds that name the most flawed notes while keeping good notes within
    the limits."""
    best = None
    grid = [x / 100 for x in range(30, 99, 2)]
    for share in SECOND_FLAW_SHARES:
        for error_level in grid:
            for warning_level in [w for w in grid if w <= error_level]:
                thresholds = {"error": error_level, "warning": warning_level, "second": share}
                figures = score(notes, note_results(notes, groups, probabilities, thresholds))
                if (figures["good_with_error"] <= GOOD_NOTES_WITH_ERROR
                        and figures["good_with_any"] <= GOOD_NOTES_WITH_ANY
                        and (best is None or figures["named"] > best[1]["named"])):
                    best = (thresholds, figures)
    if best is None:
        raise SystemExit("No thresholds keep the good notes within the limits.")
    return best


def export(model, vocabulary, thresholds, about) -> tuple[dict, list[str], array]:
    """The model as the app reads it: a description, the feature names, their weights.

    Weights are rounded to four decimals and those under PRUNE_BELOW set to zero; a
    feature with no weight left is not shipped.
    """
    coefficients = np.zeros((len(CLASSES), len(vocabulary)))
    coefficients[model.classes_] = model.coef_
    bias = np.zeros(len(CLASSES)) - 50.0  # a class never seen can never win
    bias[model.classes_] = model.intercept_
    names, table = [], array("f")
    for feature, column in vocabulary.items():
        row = [round(float(w), 4) if abs(w) >= PRUNE_BELOW else 0.0
               for w in coefficients[:, column]]
        if any(row):
            names.append(feature)
            table.extend(row)
    description = {
        "about": about,
        "classes": list(CLASSES),
        "bias": [round(float(b), 4) for b in bias],
        "thresholds": thresholds,
    }
    return description, names, table


def write(description: dict, names: list[str], table: array, folder: Path) -> None:
    """The three files ``model.py`` reads (weights little-endian on every machine)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sentence_model.json").write_text(
        json.dumps(description, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    (folder / "sentence_model.features").write_text("\n".join(names), encoding="utf-8")
    little = array("f", table)
    if sys.byteorder != "little":
        little.byteswap()
    (folder / "sentence_model.weights").write_bytes(little.tobytes())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report", action="store_true",
                        help="print per-flaw figures from the cross-validation")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()

    notes = read_set("dev")
    texts, labels, groups = labelled_sentences(notes)
    listed = read_sentence_lists("dev")
    extra_texts = [normalise(sentence) for _, sentence in listed]
    extra_labels = [OK if label == "none" else label for label, _ in listed]
    print(f"{len(notes)} notes, {len(texts)} sentences: "
          + ", ".join(f"{label} {n}" for label, n in Counter(labels).most_common()))
    print(f"{len(listed)} listed sentences: "
          + ", ".join(f"{label} {n}" for label, n in Counter(extra_labels).most_common()))
    oof = out_of_fold(texts, labels, groups, extra_texts, extra_labels)
    thresholds, figures = choose_thresholds(notes, groups, oof)
    print(f"thresholds: {thresholds}; out of fold: flawed notes named "
          f"{figures['named']:.1%}, good notes with an error {figures['good_with_error']:.1%}, "
          f"with any finding {figures['good_with_any']:.1%}")
    if args.report:
        found = note_results(notes, groups, oof, thresholds)
        for flaw in SENTENCE_FLAWS:
            with_flaw = [f for note, f in zip(notes, found, strict=True) if flaw in note.flaws]
            caught = sum(flaw in f for f in with_flaw)
            print(f"  {flaw:20} {caught}/{len(with_flaw)}")
    model, vocabulary = fit(texts + extra_texts, labels + extra_labels)
    about = {"trained_on": f"tests/tone/corpus/dev: {len(notes)} notes ({len(texts)} "
                           f"sentences) and {len(listed)} listed sentences",
             "date": datetime.date.today().isoformat(), "C": C,
             "cross_validated": {k: round(v, 4) for k, v in figures.items()}}
    description, names, table = export(model, vocabulary, thresholds, about)
    write(description, names, table, args.output)
    size = sum(path.stat().st_size for path in args.output.glob("sentence_model.*"))
    print(f"wrote {args.output}/sentence_model.*: {len(names)} features, {size / 1e6:.2f} MB")
    shipped = SentenceModel(description, names, table)
    print(f"the app's reading of the files differs from scikit-learn's by at most "
          f"{largest_difference(model, vocabulary, shipped, texts + extra_texts):.4f} "
          "in probability")
    return 0


def largest_difference(model, vocabulary, shipped, texts) -> float:
    """How far the plain-Python model (pruned, rounded) strays from the trained one."""
    expected = np.zeros((len(texts), len(CLASSES)))
    expected[:, model.classes_] = model.predict_proba(matrix(texts, vocabulary))
    return max(float(np.abs(np.array(shipped.probabilities(text)) - row).max())
               for text, row in zip(texts, expected, strict=True))


if __name__ == "__main__":
    sys.exit(main())
