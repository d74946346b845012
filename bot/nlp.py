"""Text processing for search: folding, tokens, stems per language, and language detection."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer
from lingua import Language, LanguageDetectorBuilder

_LINGUA = {
    "de": Language.GERMAN,
    "en": Language.ENGLISH,
    "ru": Language.RUSSIAN,
    "pl": Language.POLISH,
    "tr": Language.TURKISH,
}
_FROM_LINGUA = {language: code for code, language in _LINGUA.items()}
# Languages the bot does not answer in but its users may write: French (Hénin-Beaumont),
# Spanish (Ometepe), Ukrainian. With them in the model such a sentence is recognised as "none
# of ours" instead of being read as the nearest of the five; answers are only ever in the
# five. Each language costs about 30 MB of n-gram models, hence only these three.
_OTHERS = (Language.FRENCH, Language.SPANISH, Language.UKRAINIAN)
_STEMMERS = {"de": "german", "en": "english", "ru": "russian", "pl": "polish", "tr": "turkish"}
# Letters that folding maps to something other than their base letter.
_SPECIAL = str.maketrans(
    {"ı": "i", "ł": "l", "ß": "ss", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "ё": "е", "й": "и"}
)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# Letters of Ukrainian (and Belarusian) that Russian does not use: such a text is not Russian.
_UKRAINIAN = set("іїєґў")
# Longest text we look at: a Telegram message is at most 4096 characters anyway.
MAX_CHARS = 4096


def lower(text: str, language: str | None = None) -> str:
    """Lower case with Turkish dotted and dotless i kept apart when the text is Turkish."""
    if language == "tr":
        text = text.replace("I", "ı").replace("İ", "i")
    return text.lower()


def fold(text: str) -> str:
    """Case- and accent-insensitive form: Beşiktaş, BESIKTAS and besiktas fold alike."""
    text = unicodedata.normalize("NFKD", text.replace("İ", "i").lower().translate(_SPECIAL))
    return "".join(c for c in text if not unicodedata.combining(c)).translate(_SPECIAL)


def clean(text: str) -> str:
    """NFC, without invisible and control characters, at most MAX_CHARS long."""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text[:MAX_CHARS]))
    return "".join(c if c.isprintable() or c in "\n\t" else " " for c in text)


def words(text: str, language: str | None = None) -> list[str]:
    """Lower-cased words; a Turkish suffix after an apostrophe (Herne'de) is dropped."""
    result = []
    for match in _WORD.finditer(lower(text, language)):
        word = re.split(r"['’]", match.group())[0]
        if word:
            result.append(word)
    return result


def capitalised_words(text: str, language: str | None = None) -> set[str]:
    """Lower-cased words written with a capital inside a sentence: likely names.

    Nothing for text in capitals throughout, where case tells nothing.
    """
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) > len(letters) / 2:
        return set()
    found, sentence_start = set(), True
    for match in _WORD.finditer(text):
        word = re.split(r"['’]", match.group())[0]
        before = text[: match.start()].rstrip()
        sentence_start = not before or before[-1] in ".!?¿¡\n"
        if word[:1].isupper() and not sentence_start:
            found.add(lower(word, language))
    return found


@lru_cache(maxsize=8)
def _stemmer(language: str):
    return Stemmer.Stemmer(_STEMMERS[language])


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """The folded stem of a lower-cased word."""
    if word.isdigit():
        return word
    return fold(_stemmer(language).stemWord(word))


def stems(text: str, language: str) -> list[str]:
    return [stem(word, language) for word in words(text, language)]


class LanguageDetector:
    """Which of the five languages a text is written in, if that is clear.

    lingua decides among the five (and a few others, so as not to misread those); Cyrillic
    without Ukrainian letters is Russian.
    A text is "clear" only when enough of it is ordinary words (not names the caller strips)
    and the detector is confident, so a bare "Konin" falls back to the user's language.
    """

    MIN_CONFIDENCE = 0.6

    def __init__(self) -> None:
        self._detector = (
            LanguageDetectorBuilder.from_languages(*_LINGUA.values(), *_OTHERS)
            .with_preloaded_language_models()
            .build()
        )

    @staticmethod
    def detect_script(text: str) -> str | None:
        """Russian when the text is mostly Cyrillic (a bare Белгород), else undecided."""
        letters = [c for c in text if c.isalpha()]
        cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
        if not letters or cyrillic / len(letters) <= 0.5 or _UKRAINIAN & set(text.lower()):
            return None
        return "ru"

    def detect(self, text: str) -> str | None:
        letters = [c for c in text if c.isalpha()]
        if len(letters) < 3:
            return None
        cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
        if cyrillic / len(letters) > 0.5:
            return self.detect_script(text)
        latin = sum(c.isascii() or "\u00c0" <= c <= "\u024f" for c in letters)
        if latin / len(letters) < 0.5:
            return None
        values = self._detector.compute_language_confidence_values(text.lower())
        if not values:
            return None
        best = values[0]
        if best.value < self.MIN_CONFIDENCE:
            return None
        return _FROM_LINGUA.get(best.language)
