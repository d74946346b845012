"""A trained linear classifier, predicted with numpy alone.

scikit-learn (about 105 MB of memory once imported) only ever runs in the training child
process (bot/train.py); the bot keeps the vocabulary, idf and weights it found and computes
the same function: sublinear tf-idf, l2-normalised, times the weights, softmax.
"""

from __future__ import annotations

import io
from array import array
from collections import Counter
from collections.abc import Iterator, Mapping
from functools import lru_cache

import numpy as np

from bot.nlp import Analyzer

# The per-word cache of a model's columns (see LinearModel.__init__).
WORD_COLUMNS = 4096
# The per-feature cache of a vocabulary's columns (see Vocabulary.__init__).
FEATURE_COLUMNS = 4096
CACHED_WORD = 24
# An FAQ index of at most this many entries picks its best ones in Python (FaqIndex.top).
FEW_ENTRIES = 64
# A feature's sublinear tf for each count below TF_COUNTS, as `LinearModel.vector` computes it
# (1 + ln(count) in float32, by the same numpy functions): a lookup instead of a log and a cast
# per vector. Count 0 never occurs; its place holds 0.
TF_COUNTS = 4096
_SUBLINEAR_TF = np.concatenate(
    [
        np.zeros(1, np.float32),
        (1.0 + np.log(np.arange(1, TF_COUNTS, dtype=np.int64))).astype(np.float32),
    ]
)


class Vocabulary(Mapping[str, int]):
    """A model's features and their columns, kept as the features' hashes in order (16 bytes a
    feature) instead of a dict of the strings (about 110: 11 MB for the two models of the
    shipped base, a thirteenth of the bot's memory). A feature the model does not know would
    share a known one's 64-bit hash with odds of about one in 10^14 per lookup; known features
    that share one (odds one in 10^10 per model) make it a dict. The features themselves stay
    one UTF-8 blob, to list them."""

    def __init__(self, blob: np.ndarray):
        self.blob = blob
        features = text_list(blob) if len(blob) else []
        hashes = np.fromiter(map(hash, features), np.int64, len(features))
        self.columns = np.argsort(hashes, kind="stable")
        self.hashes = hashes.take(self.columns)
        self._size = len(features)
        self._exact = (
            {feature: i for i, feature in enumerate(features)}
            if self._size > 1 and not np.diff(self.hashes).all()
            else None
        )
        # The features a question brings beyond its words' n-grams (lemmas, lemma pairs) come
        # back question after question: their columns are kept as a dict would give them.
        self._column = lru_cache(maxsize=FEATURE_COLUMNS)(self._search)

    @classmethod
    def of(cls, features: list[str]) -> Vocabulary:
        return cls(text_array(features))

    def _search(self, feature: str) -> int:
        if self._exact is not None:
            return self._exact.get(feature, -1)
        wanted = hash(feature)
        at = int(self.hashes.searchsorted(wanted))
        if at < self._size and self.hashes.item(at) == wanted:
            return int(self.columns.item(at))
        return -1

    def lookup(self, features: list[str]) -> list[int]:
        """Each feature's column, -1 for a feature the model does not know."""
        return [self._column(f) for f in features]

    def known(self, features: list[str]) -> np.ndarray:
        """The columns of the features the model knows, in the features' order, searched
        together (a word's n-grams, made once per word: they are not kept one by one)."""
        if self._exact is not None:
            found = [self._exact.get(f, -1) for f in features]
            return np.array([c for c in found if c >= 0], dtype=np.int64)
        if not self._size:
            return np.zeros(0, dtype=np.int64)
        wanted = np.fromiter(map(hash, features), np.int64, len(features))
        at = self.hashes.searchsorted(wanted)
        at[at == self._size] = 0
        columns: np.ndarray = self.columns.take(at[self.hashes.take(at) == wanted])
        return columns

    def get(self, feature: str, default: int | None = None) -> int | None:  # type: ignore[override]
        column = self._column(feature)
        return default if column < 0 else column

    def __getitem__(self, feature: str) -> int:
        column = self.get(feature)
        if column is None:
            raise KeyError(feature)
        return column

    def __contains__(self, feature: object) -> bool:
        return isinstance(feature, str) and self.get(feature) is not None

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[str]:
        """The features in their columns' order."""
        return iter(text_list(self.blob) if self._size else [])


class LinearModel:
    def __init__(
        self,
        vocabulary: list[str] | Vocabulary,
        idf: np.ndarray,
        weights: np.ndarray,  # features x classes
        bias: np.ndarray,
        classes: list[str],
        analyzer: Analyzer,
    ):
        self.index = vocabulary if isinstance(vocabulary, Vocabulary) else Vocabulary.of(vocabulary)
        self.idf = idf
        self.rarest = float(idf.max()) if len(idf) else 1.0
        self.commonest = float(idf.min()) if len(idf) else 0.0
        self.weights = weights
        self.bias = bias
        self.classes = classes
        self.analyzer = analyzer
        # Questions are made of words met before: each word's n-grams are made and looked up
        # once (two thirds of a vector's time). Kept packed (4 bytes a column), for at most
        # WORD_COLUMNS words of at most CACHED_WORD characters: a full cache costs about 1 MB
        # per model, and random long words cannot make it grow much beyond (bench/memory.py).
        self._word_columns = lru_cache(maxsize=WORD_COLUMNS)(self._columns)
        # Each feature's strongest class (`leading`), found for all at its first use: a few
        # features a question, each a row's argmax, against one pass over the weights (2 bytes
        # a feature).
        self._leading: np.ndarray | None = None

    def _columns(self, word: str) -> bytes:
        """The columns of the word's n-grams the model knows, in the n-grams' order."""
        return self.index.known(self.analyzer.grams(word)).astype(np.int32).tobytes()

    def vector(self, document: str) -> tuple[np.ndarray, np.ndarray]:
        """The document's tf-idf vector, l2-normalised: (feature columns, values)."""
        words, rest = self.analyzer.split(document)
        cached, columns = self._word_columns, self._columns
        known = array(
            "i", b"".join([cached(w) if len(w) <= CACHED_WORD else columns(w) for w in words])
        )
        known.extend([c for c in self.index.lookup(rest) if c >= 0])
        # A feature's column stands for it: the columns in the order their features first
        # appear, as the features' own count would give them (the sums below depend on it).
        counts = Counter(known)
        found = np.fromiter(counts, np.int64, len(counts))
        repeats = np.fromiter(counts.values(), np.int64, len(counts))
        # Sublinear tf: 1 + ln(count), in float32 as the model was trained; read from the
        # table of the same values where no count can pass it (a count is at most `known`'s).
        tf = (
            _SUBLINEAR_TF.take(repeats)
            if len(known) < len(_SUBLINEAR_TF)
            else (1.0 + np.log(repeats)).astype(np.float32)
        )
        values = tf * self.idf.take(found)
        # What np.linalg.norm computes for a vector, without its dispatch.
        norm = float(np.sqrt(values.dot(values)))
        return found, values / norm if norm else values

    def leading(self, column: int) -> str:
        """The class a feature's weight favours most."""
        if self._leading is None:
            self._leading = self.weights.argmax(axis=1).astype(np.int16)
        return self.classes[int(self._leading.item(column))]

    def probabilities(self, document: str | tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        columns, values = self.vector(document) if isinstance(document, str) else document
        # In place: the same operations as a softmax written out, without its temporaries.
        scores: np.ndarray = (
            values @ self.weights.take(columns, axis=0)
            if len(columns)
            else np.zeros_like(self.bias)
        )
        # The ufuncs' reductions themselves: what `max()` and `sum()` reach through numpy's
        # Python wrappers, which cost more than the reductions over a few dozen classes.
        scores += self.bias
        scores -= np.maximum.reduce(scores)
        np.exp(scores, out=scores)
        scores /= np.add.reduce(scores)
        return scores

    def ranked(self, document: str | tuple[np.ndarray, np.ndarray]) -> list[tuple[str, float]]:
        """Every class with its probability, most probable first."""
        p = self.probabilities(document)
        values = p.tolist()
        return [(self.classes[i], values[i]) for i in (-p).argsort().tolist()]

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {
            f"{prefix}_vocabulary": self.index.blob,
            f"{prefix}_idf": self.idf,
            f"{prefix}_weights": self.weights,
            f"{prefix}_bias": self.bias,
            f"{prefix}_classes": text_array(self.classes),
        }

    @classmethod
    def from_arrays(
        cls, arrays: Mapping[str, np.ndarray], prefix: str, analyzer: Analyzer
    ) -> LinearModel:
        return cls(
            Vocabulary(arrays[f"{prefix}_vocabulary"]),
            arrays[f"{prefix}_idf"],
            arrays[f"{prefix}_weights"],
            arrays[f"{prefix}_bias"],
            text_list(arrays[f"{prefix}_classes"]),
            analyzer,
        )


class FaqIndex:
    """The FAQ entries as the centroids of their questions' vectors (in the classifier's
    feature space): a question the classifier finds to ask an FAQ fact gets the entry with
    the most similar centroid. An inverted index, so the cost grows with the postings of the
    question's features, not with the number of entries; features in a large share of the
    entries are left out of it at training (they rank nothing)."""

    def __init__(
        self, entries: list[str], indptr: np.ndarray, members: np.ndarray, values: np.ndarray
    ):
        self.entries = entries
        self.indptr = indptr
        # Each column's end, a view: no `columns + 1` to make per question.
        self._ends = indptr[1:]
        self.members = members
        self.values = values

    def top(self, vector: tuple[np.ndarray, np.ndarray], n: int = 3) -> list[tuple[str, float]]:
        """The `n` most similar entries with their cosine similarity, most similar first."""
        columns, weights = vector
        if not self.entries or not len(columns):
            return []
        starts = self.indptr.take(columns)
        lengths = self._ends.take(columns)
        lengths -= starts
        # The arrays' own methods: numpy's functions of the same name only dispatch to them;
        # in place where an array is this call's own.
        runs = lengths.cumsum()
        total = int(runs[-1])
        if not total:
            return []
        # The postings of every column, in the columns' order, gathered in one step: each
        # column's run starts at its `starts` and counts up.
        starts -= runs
        starts += lengths
        offsets = starts.repeat(lengths)
        offsets += np.arange(total)
        members = self.members.take(offsets)
        values = self.values.take(offsets)
        values *= weights.repeat(lengths)
        scores = np.bincount(members, weights=values, minlength=len(self.entries))
        if len(scores) <= FEW_ENTRIES:
            found = self._few_best(scores.tolist(), n)
            if found is not None:
                return found
        negative = -scores
        best = np.argpartition(negative, n)[:n] if len(scores) > n else np.arange(len(scores))
        best = best[np.argsort(negative[best])].tolist()
        return [
            (self.entries[i], s) for i, s in zip(best, scores[best].tolist(), strict=True) if s > 0
        ]

    def _few_best(self, scores: list[float], n: int) -> list[tuple[str, float]] | None:
        """`top`'s answer found in Python (a few dozen entries: numpy's calls cost more than
        the work), or None where it would depend on how numpy orders equal scores."""
        order = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)
        best = [(i, scores[i]) for i in order[:n] if scores[i] > 0]
        values = [s for _, s in best]
        if len(set(values)) < len(values):
            return None
        if len(values) == n and len(order) > n and scores[order[n]] == values[-1]:
            return None
        return [(self.entries[i], s) for i, s in best]

    def arrays(self) -> dict[str, np.ndarray]:
        return {
            "faq_entries": text_array(self.entries),
            "faq_indptr": self.indptr,
            "faq_members": self.members,
            "faq_values": self.values,
        }

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray]) -> FaqIndex:
        entries = text_list(arrays["faq_entries"]) if len(arrays["faq_entries"]) else []
        return cls(entries, arrays["faq_indptr"], arrays["faq_members"], arrays["faq_values"])


def text_array(items: list[str]) -> np.ndarray:
    """One UTF-8 blob, newline-separated: no item (a feature, an entry, a word) holds one."""
    return np.frombuffer("\n".join(items).encode(), dtype=np.uint8)


def text_list(array: np.ndarray) -> list[str]:
    return array.tobytes().decode().split("\n")


def dumps(arrays: dict[str, np.ndarray]) -> bytes:
    buffer = io.BytesIO()
    # numpy's stub matches a ** mapping against its `allow_pickle: bool` keyword too.
    np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]
    return buffer.getvalue()


def loads(data: bytes) -> dict[str, np.ndarray]:
    with np.load(io.BytesIO(data), allow_pickle=False) as archive:
        return {name: archive[name] for name in archive.files}
