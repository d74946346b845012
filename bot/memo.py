"""The value last built from some data, kept for the next one built from the same data.

Every bot started in one process (each test's, a reload that changed nothing) reads the same
bank, base and model: what it builds from them is built once and reused. Only the last value
is kept, so a process that goes through many bases (the tests) holds one, not all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Last(Generic[K, V]):
    """One value and the key it was built for; a value for another key replaces it."""

    def __init__(self) -> None:
        self._kept: dict[K, V] = {}

    def __contains__(self, key: K) -> bool:
        return key in self._kept

    def __getitem__(self, key: K) -> V:
        return self._kept[key]

    def keep(self, key: K, value: V) -> V:
        self._kept.clear()
        self._kept[key] = value
        return value

    def get(self, key: K, build: Callable[[], V]) -> V:
        """The value kept for `key`, else `build()`'s, kept instead (the old one let go
        first: two are never held at once)."""
        if key not in self._kept:
            self._kept.clear()
            self._kept[key] = build()
        return self._kept[key]
