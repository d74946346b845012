"""The people the knowledge base's answers name (data/questions/persons.yaml), found by name in a
question, and the FAQ entries that name them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rapidfuzz.distance import OSA

from bot.kb.schema import load_yaml
from bot.nlp import fold_latin, words
from bot.resources import data_dir

if TYPE_CHECKING:  # bot.understanding reads the names this module finds
    from bot.understanding import FaqEntry

# A surname this long may be typed one letter off ("Pohlman", "Hazinadar"); a word this much
# longer than a surname it begins with is that surname declined ("Польмана", "Duddą").
TYPO_LENGTH = 6
DECLINED = 3
# A question about a person by name says at most this many other words (Chinese: characters),
# fillers included: who they are, or were.
OTHER_WORDS = 4
# Such a question is short: a longer one is not read for names at all (a 4,096-character
# message of names costs nothing here).
MAX_CHARACTERS = 80
# A claim naming who did something ("… hat doch Frank Dudda 1992 unterschrieben, stimmt das
# so?") is a sentence or two (`persons_at`).
CLAIM_CHARACTERS = 300
_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    path = data_dir() / "questions" / "persons.yaml"
    if not path.exists():  # a bank without it (a language's first tree) names nobody
        return {"asked_by": {}, "persons": []}
    data = load_yaml(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def persons() -> dict[str, tuple[str, ...]]:
    """Person id -> the surnames the answers write (data/questions/persons.yaml)."""
    data = _data()
    return {str(p["id"]): tuple(str(n) for n in p["names"]) for p in data["persons"]}


@lru_cache(maxsize=1)
def _asked_by() -> tuple[frozenset[str], tuple[str, ...]]:
    """The words that ask who someone is (data/questions/persons.yaml `asked_by`), folded,
    and those written in Chinese characters."""
    cues = [str(w) for ws in _data()["asked_by"].values() for w in ws]
    return (
        frozenset(fold_latin(w) for w in cues if not _HAN.search(w)),
        tuple(w for w in cues if _HAN.search(w)),
    )


@lru_cache(maxsize=1)
def _folded() -> tuple[tuple[str, frozenset[str], tuple[str, ...]], ...]:
    """Per person: its surnames in letters, folded, and in Chinese characters."""
    return tuple(
        (
            person,
            frozenset(fold_latin(n) for n in names if not _HAN.search(n)),
            tuple(n for n in names if _HAN.search(n)),
        )
        for person, names in persons().items()
    )


@lru_cache(maxsize=1)
def latin_surnames() -> frozenset[str]:
    """Every person's surnames written in Latin letters, folded: a transliteration
    ("Polezhaev", "Polejaïev") tells the language it was spelt for, not the asker's."""
    return frozenset(n for _, surnames, _ in _folded() for n in surnames if n.isascii())


def _named_in(text: str, folded: list[str]) -> tuple[list[str], set[int]]:
    """The people `text` (its words `folded`) names by their surname (as written, declined or
    one typo off), and the positions of their names: the surname and the given name before it."""
    found = []
    named: set[int] = set()
    surname_of = [_surname_of(word) for word in folded]
    for person, _, characters in _folded():
        at = [i for i, persons in enumerate(surname_of) if person in persons]
        if at or any(c in text for c in characters):
            found.append(person)
        named.update(j for i in at for j in (i - 1, i))
    return found, named


# Per word, as bot/nlp.py's word caches: every person's every surname was compared with
# every word of a question (a typo distance each), question after question.
SURNAME_WORDS = 4096


@lru_cache(maxsize=SURNAME_WORDS)
def _surname_of(word: str) -> frozenset[str]:
    """The people `word` (folded) is a surname of: as written, declined or one typo off."""
    return frozenset(
        person for person, surnames, _ in _folded() if any(_is(word, s) for s in surnames)
    )


def persons_at(text: str, folded: list[str]) -> set[int]:
    """The positions of the people's names among a text's folded words (surname and the given
    name before it), in a text of a sentence or two; a longer one is not read for names."""
    return _named_in(text, folded)[1] if len(text) <= CLAIM_CHARACTERS else set()


def names_person(text: str) -> bool:
    """Whether `text` names one of the people the answers name, whatever it asks of them; a
    longer text is not read for names."""
    if len(text) > MAX_CHARACTERS:
        return False
    return bool(_named_in(text, [fold_latin(w) for w in words(text)])[0])


def named_persons(text: str) -> list[str]:
    """The people `text` names by their surname (as written, declined or one typo off), when
    it asks who they are (a word of `asked_by`) and says little else: "Wer war Willi
    Pohlmann?", "кто такой Польман", "维利·波尔曼是谁？" ask what the answers naming them
    tell; "Is Frank Dudda still the mayor of Herne?" asks what no answer holds (current
    mayors are unverified)."""
    if len(text) > MAX_CHARACTERS:
        return []
    written = words(text)
    folded = [fold_latin(w) for w in written]
    found, named = _named_in(text, folded)
    if not found:
        return []
    asking, asking_characters = _asked_by()
    if asking.isdisjoint(folded) and not any(c in text for c in asking_characters):
        return []
    if _HAN.search(text):
        others = len(_HAN.findall(_without_names(text)))
    else:
        others = sum(1 for i in range(len(written)) if i not in named)
    return found if others <= OTHER_WORDS else []


def _without_names(text: str) -> str:
    """`text` without the Chinese names of persons and the given names joined to them by a
    middle dot (维利·波尔曼)."""
    for _, _, characters in _folded():
        for name in characters:
            text = re.sub(rf"(?:[\u4e00-\u9fff]{{1,4}}[·・])?{name}", "", text)
    return text


def _is(word: str, surname: str) -> bool:
    if word == surname:
        return True
    if word.startswith(surname) and len(word) - len(surname) <= DECLINED:
        return True
    return len(surname) >= TYPO_LENGTH and OSA.distance(word, surname, score_cutoff=1) <= 1


def entries_naming(person: str, entries: Iterable[FaqEntry]) -> list[str]:
    """The ids of the entries whose answer, in any language, names `person`."""
    names = tuple(n.lower() for n in persons().get(person, ()))
    return [
        e.id
        for e in entries
        if any(name in answer.lower() for answer in e.answers.values() for name in names)
    ]
