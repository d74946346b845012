"""A trained linear classifier, predicted with numpy alone.

scikit-learn (about 105 MB of memory once imported) only ever runs in the training child
process (bot/train.py); the bot keeps the vocabulary, idf and weights it found and computes
the same function: sublinear tf-idf, l2-normalised, times the weights, softmax.
"""

from __future__ import annotations

import io
import math
from collections import Counter
from collections.abc import Callable

import numpy as np


class LinearModel:
    def __init__(
        self,
        vocabulary: list[str],
        idf: np.ndarray,
        weights: np.ndarray,  # features x classes
        bias: np.ndarray,
        classes: list[str],
        analyzer: Callable[[str], list[str]],
    ):
        self.index = {feature: i for i, feature in enumerate(vocabulary)}
        self.idf = idf
        self.weights = weights
        self.bias = bias
        self.classes = classes
        self.analyzer = analyzer

    def probabilities(self, document: str) -> np.ndarray:
        counts = Counter(self.analyzer(document))
        found = [(self.index[f], n) for f, n in counts.items() if f in self.index]
        if not found:
            scores = self.bias
        else:
            columns = np.fromiter((i for i, _ in found), dtype=np.int64, count=len(found))
            tf = np.fromiter((1.0 + math.log(n) for _, n in found), np.float32, len(found))
            values = tf * self.idf[columns]
            values /= np.linalg.norm(values) or 1.0
            scores = values @ self.weights[columns] + self.bias
        exp = np.exp(scores - scores.max())
        return exp / exp.sum()

    def ranked(self, document: str) -> list[tuple[str, float]]:
        """Every class with its probability, most probable first."""
        p = self.probabilities(document)
        return [(self.classes[i], float(p[i])) for i in np.argsort(-p)]

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        vocabulary = sorted(self.index, key=self.index.__getitem__)
        return {
            f"{prefix}_vocabulary": _text_array(vocabulary),
            f"{prefix}_idf": self.idf,
            f"{prefix}_weights": self.weights,
            f"{prefix}_bias": self.bias,
            f"{prefix}_classes": _text_array(self.classes),
        }

    @classmethod
    def from_arrays(cls, arrays, prefix: str, analyzer: Callable[[str], list[str]]) -> LinearModel:
        return cls(
            _text_list(arrays[f"{prefix}_vocabulary"]),
            arrays[f"{prefix}_idf"],
            arrays[f"{prefix}_weights"],
            arrays[f"{prefix}_bias"],
            _text_list(arrays[f"{prefix}_classes"]),
            analyzer,
        )


def _text_array(items: list[str]) -> np.ndarray:
    # One UTF-8 blob, newline-separated: features never contain a newline.
    return np.frombuffer("\n".join(items).encode(), dtype=np.uint8)


def _text_list(array: np.ndarray) -> list[str]:
    return array.tobytes().decode().split("\n")


def dumps(arrays: dict[str, np.ndarray]) -> bytes:
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def loads(data: bytes) -> dict[str, np.ndarray]:
    with np.load(io.BytesIO(data), allow_pickle=False) as archive:
        return {name: archive[name] for name in archive.files}
