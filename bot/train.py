"""Training the question classifiers with scikit-learn, in a child process of its own.

    python -m bot.train < payload.json > model.npz

The payload (built by bot.understanding.training_payload) holds the normalised examples of the
intent classifier and of the language classifier. FAQ entries that no question bank names are
labelled first by a model of the bank alone: where it is sure a phrasing asks for a kind of
answer the bank knows ("Since when has Belgorod been Herne's partner city?" is city.since),
the phrasing teaches that kind; otherwise it stays an intent of its own (faq.<id>).
"""

from __future__ import annotations

import json
import random
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from bot.model import LinearModel, dumps
from bot.nlp import features, language_features

# Regularisation of the linear SVMs: chosen by cross-validation on the bank.
INTENT_C = 1.0
LANGUAGE_C = 1.0
# Share of the phrasings held out to fit the softmax temperature that turns SVM scores into
# probabilities.
CALIBRATION_SHARE = 0.2
TEMPERATURES = [0.5 * i for i in range(1, 41)]
# A FAQ phrasing the bank-only model puts in a bank intent with at least this probability
# teaches that intent.
RELABEL_PROBABILITY = 0.7


def fit(
    docs: list[str], labels: list[str], analyzer, c: float, temperature: float = 1.0
) -> LinearModel:
    """A linear SVM (one against the rest) over tf-idf features; its scores, multiplied by
    `temperature`, are the logits of a softmax."""
    vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, min_df=2, dtype=np.float32)
    x = vectorizer.fit_transform(docs)
    classifier = LinearSVC(C=c)
    classifier.fit(x, labels)
    classes = list(classifier.classes_)
    if len(classes) == 2:  # binary: sklearn keeps one weight row; make it a pair
        coef = np.vstack([-classifier.coef_[0], classifier.coef_[0]])
        bias = np.array([-classifier.intercept_[0], classifier.intercept_[0]])
    else:
        coef, bias = classifier.coef_, classifier.intercept_
    return LinearModel(
        list(vectorizer.get_feature_names_out()),
        vectorizer.idf_.astype(np.float32),
        np.ascontiguousarray(coef.T * temperature, dtype=np.float32),
        (bias * temperature).astype(np.float32),
        classes,
        analyzer,
    )


def calibrated(docs: list[str], labels: list[str], analyzer, c: float, seed: int = 0):
    """`fit` with the softmax temperature that makes held-out phrasings' probabilities honest
    (least log loss): a model fitted on the rest scores a share of the phrasings."""
    rng = random.Random(seed)
    held = {i for i in range(len(docs)) if rng.random() < CALIBRATION_SHARE}
    model = fit(
        [d for i, d in enumerate(docs) if i not in held],
        [label for i, label in enumerate(labels) if i not in held],
        analyzer,
        c,
    )
    known = set(model.classes)
    tests = [(docs[i], labels[i]) for i in sorted(held) if labels[i] in known]
    scores = np.array([np.log(model.probabilities(d)) for d, _ in tests])  # raw scores, shifted
    truth = np.array([model.classes.index(label) for _, label in tests])

    def loss(temperature: float) -> float:
        logits = scores * temperature
        logits -= logits.max(axis=1, keepdims=True)
        log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        return -float(log_p[np.arange(len(truth)), truth].mean())

    best = min(TEMPERATURES, key=loss) if tests else 1.0
    return fit(docs, labels, analyzer, c, best)


def relabel(examples: list[dict], c: float = INTENT_C) -> list[tuple[str, str]]:
    """(document, label) pairs, FAQ phrasings of entries the bank does not name relabelled."""
    known = list(dict.fromkeys((e["doc"], e["label"]) for e in examples if not e.get("unnamed")))
    unnamed = list(dict.fromkeys((e["doc"], e["label"]) for e in examples if e.get("unnamed")))
    if not unnamed:
        return known
    bank = calibrated([d for d, _ in known], [label for _, label in known], features, c)
    result = list(known)
    for doc, label in unnamed:
        best, p = bank.ranked(doc)[0]
        sure = p >= RELABEL_PROBABILITY and not best.startswith("faq.")
        result.append((doc, best if sure else label))
    return result


def train(payload: dict) -> dict[str, np.ndarray]:
    pairs = list(dict.fromkeys(relabel(payload["intents"])))
    intents = calibrated([d for d, _ in pairs], [label for _, label in pairs], features, INTENT_C)
    examples = list(dict.fromkeys((e["doc"], e["label"]) for e in payload["languages"]))
    languages = calibrated(
        [d for d, _ in examples], [label for _, label in examples], language_features, LANGUAGE_C
    )
    return intents.arrays("intent") | languages.arrays("language")


def main() -> int:
    payload = json.load(sys.stdin)
    sys.stdout.buffer.write(dumps(train(payload)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
