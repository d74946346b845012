"""Training the question classifiers with scikit-learn, in a child process of its own.

    python -m bot.train DATABASE BANK_DIRECTORY KEY > model.npz

The child reads the knowledge base (the database opened read-only) and the question bank
itself and builds the payload (bot.understanding.training_payload): the normalised examples of
the intent classifier and of the language classifier, each example with its label (or, for an
FAQ question that asks what one of several regular intents answers, the possible labels), and
the FAQ questions that only the FAQ index reads. Built here, the payload never enters the bot's
memory. The model is trained only when the base and the bank are what KEY names
(bot.understanding.model_key): the bot stores it under that key. The classifiers' examples are
bounded by the payload (a sample of the FAQ's questions), so fitting them costs the same at 40
entries and at 10,000; the FAQ index is built with sparse matrix products, in one pass over its
questions.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import zlib
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from bot.db import Database, DatabaseError
from bot.model import FaqIndex, LinearModel, dumps
from bot.nlp import Analyzer, features, language_features
from bot.spelling import vocabulary_arrays
from bot.understanding import Bank, Example, Knowledge, Reader, model_key, training_payload

# Regularisation of the linear SVMs: chosen by cross-validation on the bank.
INTENT_C = 1.0
LANGUAGE_C = 1.0
# Share of the phrasings held out to fit the softmax temperature that turns SVM scores into
# probabilities.
CALIBRATION_SHARE = 0.2
TEMPERATURES = [0.5 * i for i in range(1, 41)]
# The one intent of every question about an FAQ entry's fact; which entry, the FAQ index says.
FAQ = "faq"
LANGUAGE_EXAMPLES = 30000
# A feature in more than this share of the FAQ entries (and more than FAQ_CROWDED_MIN of them)
# is left out of the FAQ index.
FAQ_CROWDED_SHARE = 0.02
FAQ_CROWDED_MIN = 50
FAQ_SLICE = 5000


def fit_sklearn(
    docs: list[str], labels: list[str], analyzer: Analyzer, c: float
) -> tuple[TfidfVectorizer, LinearSVC]:
    """scikit-learn's vectorizer and linear SVM (one against the rest), fitted."""
    vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, min_df=2, dtype=np.float32)
    classifier = LinearSVC(C=c, random_state=0)
    classifier.fit(vectorizer.fit_transform(docs), labels)
    return vectorizer, classifier


def fit(
    docs: list[str], labels: list[str], analyzer: Analyzer, c: float, temperature: float = 1.0
) -> LinearModel:
    """`fit_sklearn` as a LinearModel: the SVM's scores, multiplied by `temperature`, are the
    logits of a softmax."""
    vectorizer, classifier = fit_sklearn(docs, labels, analyzer, c)
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


def calibrated(examples: list[tuple[str, str, int]], analyzer: Analyzer, c: float) -> LinearModel:
    """`fit` on (document, label, group) examples, with the softmax temperature that makes
    held-out phrasings' probabilities honest (least log loss). A group (one phrasing of the
    bank with its fillings and spellings) is held out whole: its variants are too alike for
    one of them to test a model that learned another."""
    held = _held_out(examples)
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
    every = unique(examples)
    return fit([d for d, _ in every], [label for _, label in every], analyzer, c, best)


def _held_out(examples: list[tuple[str, str, int]]) -> set[int]:
    """The groups held out for calibration, chosen by a hash of each group's first document:
    a phrasing added to the bank leaves the others where they were (a sample drawn from the
    groups' numbers held out other phrasings after every edit)."""
    first: dict[int, str] = {}
    for doc, _, group in examples:
        first.setdefault(group, doc)
    return {
        group
        for group, doc in first.items()
        if zlib.crc32(doc.encode("utf-8")) < CALIBRATION_SHARE * 2**32
    }


def unique(examples: list[tuple[str, str, int]]) -> list[tuple[str, str]]:
    """The distinct (document, label) pairs a model is finally fitted on."""
    return list(dict.fromkeys((d, label) for d, label, _ in examples))


def labelled(examples: list[Example], c: float = INTENT_C) -> list[tuple[str, str, int]]:
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


def faq_index(
    model: LinearModel, examples: list[tuple[str, str]], languages: list[str] | None = None
) -> FaqIndex:
    """Each FAQ entry's centroid: the normalised mean of its questions' vectors (the same
    sublinear, l2-normalised tf-idf as `LinearModel.vector`), as postings per feature. With
    each question's language (`languages`, in the examples' order), the mean of each
    language's normalised mean: a language with many questions and spellings (Russian also
    in Latin letters) no longer drowns one with few, whose features share nothing with the
    others' (the FAQ's own Chinese questions found their entry first 72 % of the time, the
    other languages' 80-86 %; now 79 and 82-84 %)."""
    entries = sorted({entry for _, entry in examples})
    features_count = len(model.index)
    if not entries:
        nothing = np.zeros(0, dtype=np.int64)
        return FaqIndex([], np.zeros(features_count + 1, dtype=np.int64), nothing, nothing)
    spoken = languages or [""] * len(examples)
    # One row per entry and language; the rows of an entry are summed once normalised.
    keys = [(entry, language) for (_, entry), language in zip(examples, spoken, strict=True)]
    groups = sorted(set(keys))
    vectorizer = TfidfVectorizer(
        analyzer=model.analyzer,
        vocabulary=dict(zip(model.index, range(features_count), strict=True)),
        sublinear_tf=True,
        dtype=np.float32,
    )
    vectorizer.fit([""])  # the vocabulary is given; the idf is the model's
    vectorizer.idf_ = model.idf
    number = {group: i for i, group in enumerate(groups)}
    row_of = np.array([number[key] for key in keys], dtype=np.int64)
    sums = sparse.csr_matrix((len(groups), features_count), dtype=np.float32)
    # In slices: the vectors of 10,000 entries' questions at once would take gigabytes.
    for start in range(0, len(examples), FAQ_SLICE):
        part = examples[start : start + FAQ_SLICE]
        rows = row_of[start : start + FAQ_SLICE]
        membership = sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, np.arange(len(rows)))),
            shape=(len(groups), len(part)),
        )
        sums = sums + membership @ vectorizer.transform([doc for doc, _ in part])
    owner = {entry: i for i, entry in enumerate(entries)}
    by_entry = sparse.csr_matrix(
        (
            np.ones(len(groups), dtype=np.float32),
            ([owner[entry] for entry, _ in groups], np.arange(len(groups))),
        ),
        shape=(len(entries), len(groups)),
    )
    sums = by_entry @ (sparse.diags(1.0 / _norms(sums)) @ sums)
    centroids = sparse.csc_matrix(sparse.diags(1.0 / _norms(sums)) @ sums, dtype=np.float32)
    centroids.sort_indices()
    crowded = max(FAQ_CROWDED_MIN, int(len(entries) * FAQ_CROWDED_SHARE))
    counts = np.diff(centroids.indptr)
    kept = counts <= crowded
    keep = np.repeat(kept, counts)
    indptr = np.zeros(features_count + 1, dtype=np.int64)
    indptr[1:] = np.cumsum(np.where(kept, counts, 0))
    return FaqIndex(
        entries,
        indptr,
        centroids.indices[keep].astype(np.int64),
        centroids.data[keep].astype(np.float32),
    )


def _norms(rows: sparse.csr_matrix) -> np.ndarray:
    """Each row's Euclidean norm, 1 for an empty row (nothing to divide)."""
    norms: np.ndarray = np.sqrt(np.asarray(rows.multiply(rows).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return norms


def intent_examples(payload: dict[str, list[Example]]) -> list[tuple[str, str, int]]:
    return labelled(payload["intents"])


def language_examples(payload: dict[str, list[Example]]) -> list[tuple[str, str, int]]:
    """The language classifier's examples: at most LANGUAGE_EXAMPLES, the phrasings of the
    lowest checksums (`Example` "phrasing") with all their variants, so that each language
    keeps its share and a phrasing added to the bank displaces at most the variants of one
    other (a sample drawn by position redrew every example)."""
    spoken = labelled(payload["languages"])
    if len(spoken) > LANGUAGE_EXAMPLES:
        checksum = {e["group"]: e["phrasing"] for e in payload["languages"]}
        order = sorted(
            range(len(spoken)),
            key=lambda i: (checksum[spoken[i][2]], zlib.crc32(spoken[i][0].encode())),
        )
        chosen = set(order[:LANGUAGE_EXAMPLES])
        spoken = [e for i, e in enumerate(spoken) if i in chosen]
    return spoken


def train(payload: dict[str, list[Example]]) -> dict[str, np.ndarray]:
    intents = calibrated(intent_examples(payload), features, INTENT_C)
    questions = [e for e in payload["intents"] if e.get("entry")] + payload.get("index", [])
    entries = [(e["doc"], e["entry"]) for e in questions]
    spoken = [e.get("language", "") for e in questions]
    languages = calibrated(language_examples(payload), language_features, LANGUAGE_C)
    spelling = payload.get("spelling", [])
    return (
        intents.arrays("intent")
        | faq_index(intents, entries, spoken).arrays()
        | languages.arrays("language")
        | vocabulary_arrays((e["language"], e["folded"], e["lowered"]) for e in spelling)
    )


class ChangedWhileTraining(Exception):
    """The base or the bank is no longer what the bot asked a model for."""


async def read_payload(database: Path, bank_directory: Path, key: str) -> dict[str, list[Example]]:
    """The payload of the base in `database` and the bank in `bank_directory`, when they are
    what `key` names."""
    db = await Database.open_read_only(database)
    try:
        knowledge = await Knowledge.load(db)
    finally:
        await db.close()
    bank = Bank.load(bank_directory)
    if model_key(knowledge, bank) != key:
        raise ChangedWhileTraining(
            "the knowledge base or the question bank changed since the bot asked for this "
            "model; nothing was trained (the next start or import trains for the new data)"
        )
    return training_payload(Reader(knowledge, bank), bank)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.train", description=__doc__)
    parser.add_argument("database", type=Path)
    parser.add_argument("bank", type=Path)
    parser.add_argument("key")
    args = parser.parse_args(argv)
    try:
        payload = asyncio.run(read_payload(args.database, args.bank, args.key))
    except (ChangedWhileTraining, DatabaseError) as exc:
        print(f"training refused: {exc}", file=sys.stderr)
        return 1
    sys.stdout.buffer.write(dumps(train(payload)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
