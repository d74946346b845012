"""The linear model's per-word shortcut computes what its analyzer's features say, to the bit."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

import bot.model
from bot.model import CACHED_WORD, LinearModel, Vocabulary
from bot.nlp import features, language_features

TRAINED_ON = [
    "wo liegt xcityx\two liegen xcityx",
    "seit wann ist xcityx partnerstadt\tseit wann sein xcityx partnerstadt",
    "kogda herne i xcityx stali partnerami\tkogda herne i xcityx stat partner",
]
QUESTIONS = [
    "wo liegt xcityx\two liegen xcityx",
    # words met twice, features shared between words, words the model never saw
    "liegt liegt wo wo xcityx xcityx\tliegen liegen wo wo xcityx",
    "gdzie lezy xcityx\tgdzie lezec xcityx",
    # a word too long for the per-word cache, and one just short enough
    "partnerschaftsvereinbarungsunterzeichnung " + "p" * CACHED_WORD + "\tpartnerschaft",
    "\t",
    "",
]


def reference(model: LinearModel, document: str) -> tuple[np.ndarray, np.ndarray]:
    """The tf-idf vector as the analyzer's features give it, feature by feature."""
    counts = Counter(model.analyzer(document))
    known = [(model.index[f], n) for f, n in counts.items() if f in model.index]
    columns = np.array([c for c, _ in known], dtype=np.int64)
    tf = (1.0 + np.log(np.array([n for _, n in known], dtype=np.int64))).astype(np.float32)
    values = tf * model.idf[columns]
    norm = float(np.sqrt(values.dot(values)))
    return columns, values / norm if norm else values


@pytest.mark.parametrize("analyzer", [features, language_features], ids=["intent", "language"])
def test_vector_is_the_analyzers_features_counted(analyzer) -> None:
    vocabulary = sorted({f for document in TRAINED_ON for f in analyzer(document)})
    rng = np.random.default_rng(0)
    model = LinearModel(
        vocabulary,
        rng.uniform(1.0, 5.0, len(vocabulary)).astype(np.float32),
        rng.normal(size=(len(vocabulary), 3)).astype(np.float32),
        rng.normal(size=3).astype(np.float32),
        ["a", "b", "c"],
        analyzer,
    )
    for _ in range(2):  # the second time from the per-word cache
        for question in QUESTIONS:
            columns, values = model.vector(question)
            expected_columns, expected_values = reference(model, question)
            assert columns.tolist() == expected_columns.tolist()
            assert values.dtype == np.float32
            assert values.tobytes() == expected_values.astype(np.float32).tobytes()
    assert model.vector("wo liegt xcityx\two liegen xcityx")[0].size > 0


def test_analyzers_make_char_grams_of_each_word_then_the_lemma_features() -> None:
    assert features("ab\tx y") == [" a", "ab", "b ", " ab", "ab ", " ab ", "w:x", "w:y", "b:x y"]
    assert language_features("Ab") == [" ", "a", "b", " ", " a", "ab", "b ", " ab", "ab ", " ab "]


def test_faq_index_picks_the_same_entries_in_python_as_numpy(monkeypatch) -> None:
    """A few entries are ranked in Python; where numpy's order of equal scores would decide,
    numpy decides, so both ways give one answer."""
    import bot.model

    entries = [f"e{i}" for i in range(8)]
    rng = np.random.default_rng(1)
    cases = []
    for _ in range(200):
        width = 6
        cells = rng.integers(0, 3, size=(width, len(entries)))  # small integers: equal scores
        indptr = np.zeros(width + 1, dtype=np.int64)
        members, values = [], []
        for column in range(width):
            for entry in range(len(entries)):
                if cells[column, entry]:
                    members.append(entry)
                    values.append(float(cells[column, entry]))
            indptr[column + 1] = len(members)
        index = bot.model.FaqIndex(
            entries, indptr, np.array(members, np.int64), np.array(values, np.float32)
        )
        columns = rng.choice(width, size=3, replace=False).astype(np.int64)
        cases.append((index, (columns, np.ones(3, np.float32))))
    decided = []
    few_best = bot.model.FaqIndex._few_best

    def counted(self, scores, n):
        found = few_best(self, scores, n)
        decided.append(found is not None)
        return found

    monkeypatch.setattr(bot.model.FaqIndex, "_few_best", counted)
    python = [index.top(vector, 3) for index, vector in cases]
    assert any(decided) and not all(decided)
    monkeypatch.setattr(bot.model, "FEW_ENTRIES", 0)
    assert python == [index.top(vector, 3) for index, vector in cases]
    assert any(found and len({s for _, s in found}) < len(found) for found in python)


@pytest.mark.parametrize("clash", [False, True], ids=["hashes", "hashes-clash"])
def test_a_vocabulary_gives_what_a_dict_of_its_features_gives(clash, monkeypatch) -> None:
    """The hashed vocabulary answers as {feature: column} does; when two known features share
    a hash (forced here: every feature's hash is its length) it keeps the features themselves."""
    if clash:
        monkeypatch.setattr(bot.model, "hash", len, raising=False)
    features_ = sorted({f for document in TRAINED_ON for f in features(document)})
    expected = {f: i for i, f in enumerate(features_)}
    vocabulary = Vocabulary.of(features_)
    assert len(vocabulary) == len(expected)
    assert list(vocabulary) == features_
    asked = [*features_, "w:never", " zz", "", *reversed(features_)]
    assert vocabulary.lookup(asked) == [expected.get(f, -1) for f in asked]
    assert vocabulary.known(asked).tolist() == [expected[f] for f in asked if f in expected]
    assert all(vocabulary[f] == i and f in vocabulary for f, i in expected.items())
    assert vocabulary.get("w:never") is None and "w:never" not in vocabulary
    with pytest.raises(KeyError):
        vocabulary["w:never"]
    empty = Vocabulary.of([])
    assert len(empty) == 0 and empty.lookup(["a"]) == [-1] and empty.known(["a"]).size == 0
