"""The spelling stage: a question's word that nothing the model learned from uses, one typo
away from exactly one word the question bank uses in the question's language, is read as
that word ("untershcrieben", "declaraton", "partnerske").

Names are not this stage's: entity recognition already reads them with typos, and a word
inside a recognised name is never respelt. A word the bank never uses and that is no typo of
one stays as it is, and the unknown-word penalty (`bot.understanding.known_share`) still
weighs it: "What is the highest mountain?" must not become a known question.

The vocabulary is the words of the training examples (the bank's phrasings and the FAQ's
questions, filled and spelt as training spells them: Russian in Latin letters, Polish without
diacritics), stored with the model. Lookup is SymSpell's deletion index: every word and each
of its one-letter deletions, kept as 32-bit hashes in a sorted numpy array beside the word's
number (6 bytes a key, where a dict of the deletions would cost twenty times that), so a
question's word looks up its own deletions and never compares itself with the vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import cast

import numpy as np
from rapidfuzz.distance import OSA, Indel

from bot.model import text_array, text_list
from bot.nlp import fold, fold_latin, latin_skeleton, lemma

# Shorter words have too many neighbours one typo away (pl "miał"/"mial"/"miasta" aside, en
# "were"/"where"/"here"): a typo there is guessed, not read.
MIN_LENGTH = 5
# A word one letter shorter is read as another only with a letter put back inside it, where
# typing fast leaves one out ("ligt": liegt, "gdze": gdzie): short question words lose a
# letter more often than they gain or change one, and one put back inside has far fewer
# neighbours; one put back at either end makes other words ("port": sport, "form": forma).
LEFT_OUT_LENGTH = MIN_LENGTH - 1
# Longer ones are no words (an endless hostile word is looked up at no cost).
MAX_LENGTH = 24
# The longest folded word a language's index, and so `Speller.words`, holds.
LONGEST_INDEXED = MAX_LENGTH + 1
# A word shorter than this is read as another only with a letter more, less or swapped, not
# replaced: a replaced letter turns too many real words the bank never uses into words it
# does (en "march" is no typo of "match", nor "point" of "joint").
REPLACED_LENGTH = 6
# A word at least this long, one typo from no word of the bank, is also read as the word with
# two letters fewer, or with a letter added in one place and left out in another
# ("wellcheem", "nahoditsa" typed fast), but not with letters replaced: among real words a
# replaced letter or two ("erfunden"/"verbunden", "verglichen"/"herzlichen") is another word
# more often than a typo, and a short word has too many neighbours two typos away.
TWO_TYPOS_LENGTH = 8
# At most this many words of one question are looked up: a typo is a word or two of a
# question, and a 300-character string of unknown words stays cheap.
MAX_LOOKUPS = 8
_HASH_BITS = 0xFFFFFFFF
# Words already looked up, with their verdict (one dict per speller, cleared when full).
CACHE = 10_000
# The longest word whose folded form `knows` keeps (`_folded_word`): a word of the index is at
# most LONGEST_INDEXED letters, so a longer one is folded each time and the cache holds no long
# strings (a hostile question's 4,096-character word).
FOLDED_LONGEST = 64


# Keyed by a question's lower-cased word, bounded to CACHE entries: `knows` folds the same word
# for each of up to seven languages (`Understander._word_owner`), and a running bot meets the
# same words again and again.
_folded_word = lru_cache(maxsize=CACHE)(fold)


def deletions(word: str) -> set[str]:
    """The word and every form of it with one letter less."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def two_deletions(word: str) -> set[str]:
    """The word and every form of it with one or two letters less."""
    return {shorter for once in deletions(word) for shorter in deletions(once)}


class Speller:
    def __init__(self, vocabulary: Iterable[tuple[str, str, str]]):
        """`vocabulary`: (language, folded word, lower-cased word as the bank writes it)."""
        # language -> its words as the bank writes them, one string: a language's index is
        # built when a question in it is first read (a start that answers one language builds
        # one of nine), from a few large objects, not 10,000 small ones kept meanwhile.
        by_language: dict[str, list[str]] = {}
        for language, _, lowered in vocabulary:
            by_language.setdefault(language, []).append(lowered)
        self._words = {language: "\n".join(words) for language, words in by_language.items()}
        self._sorted: dict[str, tuple[str, np.ndarray] | None] = {}
        # language -> the folded forms of its sorted words, one string in the same order: the
        # deletion index and `words` read them instead of folding every word again.
        self._keys: dict[str, str] = {}
        self._index: dict[str, tuple[str, np.ndarray, np.ndarray, np.ndarray] | None] = {}
        self._cache: dict[tuple[str, str], tuple[str, str] | None] = {}
        self._word_sets: dict[str, frozenset[str]] = {}
        self._skeletons: dict[str, dict[str, str]] = {}

    def _sorted_words(self, language: str) -> tuple[str, np.ndarray] | None:
        """`language`'s words as written, one string in the order of their folded forms, and
        where each starts (None: the vocabulary has no word of it): all that knowing a word
        needs, a binary search. A few large objects, not 10,000 small ones nor lists of
        100,000 ints: small objects made while the model loads would pin the allocator's
        memory around them (12 MB of RSS for 1.3 MB of words, measured)."""
        if language in self._sorted:
            return self._sorted[language]
        written: dict[str, str] = {}
        # The language's words as the bank writes them are in these from now on.
        source = self._words.pop(language, "")
        for lowered in source.split("\n") if source else ():
            key = fold(lowered)
            if MIN_LENGTH - 1 <= len(key) <= LONGEST_INDEXED:
                written.setdefault(key, lowered)
        words = None
        if written:
            keys = sorted(written)
            starts = np.zeros(len(keys) + 1, dtype=np.int32)
            np.cumsum([len(written[k]) + 1 for k in keys], out=starts[1:])
            words = ("\n".join(written[k] for k in keys), starts)
            self._keys[language] = "\n".join(keys)
        self._sorted[language] = words
        return words

    def _indexed(self, language: str) -> tuple[str, np.ndarray, np.ndarray, np.ndarray] | None:
        """`language`'s sorted words and where each starts (`_sorted_words`); sorted 32-bit
        hashes of their folded forms and of those forms' deletions; the word of each hash.
        A hash shared by chance only adds a candidate that the distance check refuses. Built
        when a question in the language is first read (`prepare`) or a word of it first looked
        up as a typo."""
        if language in self._index:
            return self._index[language]
        words = self._sorted_words(language)
        index = None
        if words is not None:
            blob, starts = words
            keys = self._keys[language].split("\n")
            counts: list[int] = []
            array = np.fromiter(_hashes(keys, counts), dtype=np.uint32)
            order = np.argsort(array, kind="stable")
            kind = np.uint16 if len(keys) < 1 << 16 else np.uint32
            numbers = np.repeat(np.arange(len(keys), dtype=kind), counts)
            index = (blob, starts, array[order], numbers[order])
        self._index[language] = index
        return index

    def prepare(self, language: str) -> None:
        """Build `language`'s deletion index now, as a question in it is read: once per
        language and process, like the cues. Left to a typo's first lookup, it fell on an
        answer (10-23 ms of CPU at 10,000 entries, the nine languages' build in the latency
        bench's timed questions), where the first question of a language is a start's cost."""
        self._indexed(language)

    def correct(self, lowered: str, language: str) -> tuple[str, str] | None:
        """(folded, written) of the word of `language`'s vocabulary one typo (a letter
        deleted, inserted, replaced, or two swapped) from the lower-cased word `lowered`, if
        there is one, or several that are forms of one lemma ("ülkee": ülke, ülkede,
        ülkeye); for a long word, else two letters added, or one added and one left out
        (TWO_TYPOS_LENGTH); None for a known word, a word of another shape, or a typo of
        several."""
        key = (lowered, language)
        if key in self._cache:
            return self._cache[key]
        if len(self._cache) >= CACHE:
            self._cache.clear()
        found = self._cache[key] = self._lookup(fold(lowered), language)
        return found

    def knows(self, lowered: str, language: str) -> bool:
        """Whether the lower-cased word is a word of `language`'s vocabulary (accents aside)."""
        return bool(self.knowing(lowered, [language]))

    def knowing(self, lowered: str, languages: list[str]) -> list[str]:
        """The `languages`, in their order, whose vocabulary holds the lower-cased word (accents
        aside): the word folded once for all of them (`_word_owner` asks each word of a
        question in up to seven)."""
        word = _folded_word(lowered) if len(lowered) <= FOLDED_LONGEST else fold(lowered)
        if not MIN_LENGTH - 1 <= len(word) <= LONGEST_INDEXED:
            return []
        # The index's keys are exactly the folded words of `words(language)`: a set lookup
        # instead of a hash search in the index (a numpy search and two folds a call).
        return [code for code in languages if word in self.words(code)]

    def words(self, language: str) -> frozenset[str]:
        """The folded words of `language`'s vocabulary (read from the sorted words once, when
        first asked for: the compounds of a language that writes them)."""
        found = self._word_sets.get(language)
        if found is None:
            keys = self._keys[language] if self._sorted_words(language) is not None else ""
            found = self._word_sets[language] = frozenset(keys.split("\n") if keys else ())
        return found

    def transliterated(self, language: str) -> dict[str, str]:
        """`language`'s words as the bank writes them by their Latin skeleton (`latin_skeleton`
        of their `fold_latin` form): what Russian or Ukrainian typed in Latin letters, however
        spelt, is looked up in. Made once, past `fold_latin`'s cache, which is for questions'
        words."""
        found = self._skeletons.get(language)
        if found is None:
            written = self._sorted_words(language)
            folded = fold_latin.__wrapped__
            found = self._skeletons[language] = {}
            for word in written[0].split("\n") if written else ():
                skeleton = latin_skeleton(folded(word))
                # The word in its own script before one the training spelt in Latin letters:
                # only the first is lemmatised to what the classifier learned ("roztashovanyi"
                # is a training form of розташований, whose lemma the model holds).
                if skeleton not in found or (found[skeleton].isascii() and not word.isascii()):
                    found[skeleton] = word
        return found

    def _lookup(self, word: str, language: str) -> tuple[str, str] | None:
        """Typos are read on the accent-free form in the word's own script: Russian "тяс"
        is one swap from "тся", though "tyas" is two from "tsya"."""
        if not LEFT_OUT_LENGTH <= len(word) <= MAX_LENGTH or not word.isalpha():
            return None
        index = self._indexed(language)
        if index is None:
            return None
        blob, starts, hashes, numbers = index
        close = []
        for n in _found(deletions(word), hashes, numbers):
            written = blob[starts[n] : starts[n + 1] - 1]
            other = fold(written)
            distance = OSA.distance(word, other, score_cutoff=1)
            if distance == 0:
                return None  # a word of the vocabulary
            if len(word) < MIN_LENGTH and not _inner_letter_left_out(word, other):
                continue
            if distance == 1 and (
                len(word) >= REPLACED_LENGTH or not _replaced(word, other) or _devoiced(word, other)
            ):
                close.append((abs(len(other) - len(word)), other, written))
        if not close and len(word) >= TWO_TYPOS_LENGTH:
            # Two letters more, or one more and one less (the index holds each word with one
            # letter less): not two less, which would need every word with two letters less
            # in the index (7 MB of RSS for the shipped bank, measured).
            for n in _found(two_deletions(word), hashes, numbers):
                written = blob[starts[n] : starts[n + 1] - 1]
                other = fold(written)
                if Indel.distance(word, other, score_cutoff=2) <= 2:
                    close.append((abs(len(other) - len(word)), other, written))
        if not close:
            return None
        # The nearest by length, then the one keeping more of the word's beginning (typos fall
        # less often on a word's first letters).
        close.sort(key=lambda c: (c[0], -_shared_start(word, c[1]), c[1]))
        # Several words of different lemmas are a typo of several words, unless each is one
        # typo from the first: then they are one word as the bank's phrasings spell it, typos
        # included ("ligt": liegt, and leigt that a phrasing types for it).
        if len({lemma(w, language) for _, _, w in close}) != 1 and any(
            OSA.distance(close[0][1], other, score_cutoff=1) > 1 for _, other, _ in close[1:]
        ):
            return None
        return fold_latin(close[0][2]), close[0][2]

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray]) -> Speller:
        if "spelling" not in arrays or not len(arrays["spelling"]):
            return cls(())
        lines = text_list(arrays["spelling"])
        return cls(cast(tuple[str, str, str], tuple(line.split(" ", 2))) for line in lines)


def _hashes(keys: list[str], counts: list[int]) -> Iterator[int]:
    """The hashes of each key and its deletions, in order; `counts` gets how many per key."""
    for key in keys:
        variants = deletions(key)
        counts.append(len(variants))
        for variant in variants:
            yield hash(variant) & _HASH_BITS


def _found(variants: set[str], hashes: np.ndarray, numbers: np.ndarray) -> set[int]:
    """The numbers of the keys sharing a hash with one of `variants`."""
    probes = np.array([hash(v) & _HASH_BITS for v in variants], dtype=np.uint32)
    lows = np.searchsorted(hashes, probes, "left")
    highs = np.searchsorted(hashes, probes, "right")
    return {int(n) for s, e in zip(lows, highs, strict=True) for n in numbers[s:e]}


def _replaced(word: str, other: str) -> bool:
    """Whether `other`, one typo from `word`, differs from it by a replaced letter."""
    return len(word) == len(other) and sorted(word) != sorted(other)


# Consonants spoken alike but for their voice: dialects and chat write one for the other
# ("Leude" for Leute in the Ruhr and Saxony, "wieviel leude"), so such a replaced letter reads
# as a typo however short the word; any other replaced letter in a short word is another
# word more often ("march"/"match").
_VOICE_PAIRS = frozenset(map(frozenset, ("dt", "bp", "gk", "дт", "бп", "гк", "зс", "вф", "жш")))


def _inner_letter_left_out(word: str, other: str) -> bool:
    """Whether `other` is `word` with one letter more, neither its first nor its last."""
    return len(other) == len(word) + 1 and other[0] == word[0] and other[-1] == word[-1]


def _shared_start(word: str, other: str) -> int:
    """How many letters `word` and `other` begin with alike."""
    shared = 0
    for a, b in zip(word, other, strict=False):
        if a != b:
            break
        shared += 1
    return shared


def _devoiced(word: str, other: str) -> bool:
    """Whether `other` differs from the equally long `word` in one letter, its voice."""
    differ = [(a, b) for a, b in zip(word, other, strict=True) if a != b]
    return len(differ) == 1 and frozenset(differ[0]) in _VOICE_PAIRS


def vocabulary_arrays(vocabulary: Iterable[tuple[str, str, str]]) -> dict[str, np.ndarray]:
    """The vocabulary as the model stores it: one line per word that a speller can use."""
    lines = dict.fromkeys(
        f"{language} {folded} {lowered}"
        for language, folded, lowered in vocabulary
        if MIN_LENGTH - 1 <= len(folded) <= MAX_LENGTH + 1 and " " not in lowered
    )
    return {"spelling": text_array(list(lines))}
