"""Training the question classifiers with scikit-learn, in a child process of its own.

    python -m bot.train < payload.json > model.npz

The payload (built by bot.understanding.training_payload) holds the normalised examples of the
intent classifier and of the language classifier, each example with its label (or, for an FAQ
question that asks what one of several regular intents answers, the possible labels).
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


def calibrated(examples: list[tuple[str, str, int]], analyzer, c: float) -> LinearModel:
    """`fit` on (document, label, group) examples, with the softmax temperature that makes
    held-out phrasings' probabilities honest (least log loss). A group (one phrasing of the
    bank with its fillings and spellings) is held out whole: its variants are too alike for
    one of them to test a model that learned another."""
    groups = sorted({g for _, _, g in examples})
    held = set(random.Random(0).sample(groups, int(len(groups) * CALIBRATION_SHARE)))
    train = [(d, label) for d, label, g in examples if g not in held]
    model = fit([d for d, _ in train], [label for _, label in train], analyzer, c)
    known = set(model.classes)
    tests = [(d, label) for d, label, g in examples if g in held and label in known]
    scores = np.array([np.log(model.probabilities(d)) for d, _ in tests])  # shifted scores
    truth = np.array([model.classes.index(label) for _, label in tests])

    def loss(temperature: float) -> float:
        logits = scores * temperature
        logits -= logits.max(axis=1, keepdims=True)
        log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        return -float(log_p[np.arange(len(truth)), truth].mean())

    best = min(TEMPERATURES, key=loss) if tests else 1.0
    every = list(dict.fromkeys((d, label) for d, label, _ in examples))
    return fit([d for d, _ in every], [label for _, label in every], analyzer, c, best)


def labelled(examples: list[dict], c: float = INTENT_C) -> list[tuple[str, str, int]]:
    """(document, label, group) triples. An example with several possible labels (an FAQ
    entry whose questions ask for one of several regular intents, data/faq.yaml `intents`)
    takes the one a model of the single-label examples finds most probable."""
    single = [(e["doc"], e["labels"][0], e["group"]) for e in examples if len(e["labels"]) == 1]
    several = [e for e in examples if len(e["labels"]) > 1]
    if not several:
        return single
    pairs = list(dict.fromkeys((d, label) for d, label, _ in single))
    model = fit([d for d, _ in pairs], [label for _, label in pairs], features, c)
    result = list(single)
    for example in several:
        scores = dict(model.ranked(example["doc"]))
        best = max(example["labels"], key=lambda i: scores.get(i, 0.0))
        result.append((example["doc"], best, example["group"]))
    return result


def train(payload: dict) -> dict[str, np.ndarray]:
    intents = calibrated(labelled(payload["intents"]), features, INTENT_C)
    languages = calibrated(labelled(payload["languages"]), language_features, LANGUAGE_C)
    return intents.arrays("intent") | languages.arrays("language")


def main() -> int:
    payload = json.load(sys.stdin)
    sys.stdout.buffer.write(dumps(train(payload)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
