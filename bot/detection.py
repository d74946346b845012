"""The language a question is written in: its script, the letters only one language uses, the
bank's character-n-gram model and lingua, over the languages of the registry."""

from __future__ import annotations

from functools import cache, lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from bot.languages import REGISTRY
from bot.model import LinearModel

# A language alone in its script is told by the script: lingua holds only the languages that
# share one (Chinese would cost it 2 MB).
_LINGUA = {
    getattr(Language, info.detector): code
    for code, info in REGISTRY.items()
    if sum(other.script == info.script for other in REGISTRY.values()) > 1
}

_WITHOUT_ASCII = dict.fromkeys(range(128))


def _written(text: str) -> tuple[str | None, int]:
    """`script(text)`, and how many letters the text has."""
    # Counted in C where they can be: every ASCII letter is Latin, and most questions are
    # mostly ASCII; only the other characters are looked at one by one.
    letters = sum(map(str.isalpha, text))
    if text.isascii():
        return ("Latn" if letters else None), letters
    counts = {"Latn": 0, "Cyrl": 0, "Hani": 0}
    other = 0
    for c in text.translate(_WITHOUT_ASCII):
        if not c.isalpha():
            continue
        other += 1
        if "\u0400" <= c <= "\u04ff":
            counts["Cyrl"] += 1
        elif "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff":
            counts["Hani"] += 1
        elif "\u00c0" <= c <= "\u024f":
            counts["Latn"] += 1
    counts["Latn"] += letters - other
    best = max(counts, key=counts.__getitem__)
    return (best if letters and counts[best] > letters / 2 else None), letters


def script(text: str) -> str | None:
    """The ISO 15924 script of most of the text's letters (Latn, Cyrl, Hani), else None."""
    return _word_script(text) if len(text) <= SCRIPT_WORD else _text_written(text)[0]


# A question's words are asked their script by several readings (its main language, the words'
# owners, Cyrillic typed in Latin letters): kept per word, as bot/nlp.py keeps its word caches.
SCRIPT_WORD = 24


@lru_cache(maxsize=4096)
def _word_script(word: str) -> str | None:
    return _written(word)[0]


# Longer texts: the few of one question (the question, its words without names) come back
# reading after reading (the language's guess, its main language, the words' owners): the last
# ones are kept, as bot/understanding.py keeps the words' beginnings of its last texts.
@lru_cache(maxsize=4)
def _text_written(text: str) -> tuple[str | None, int]:
    return _written(text)


@cache
def lingua_detector() -> LanguageDetector:
    # Low-accuracy mode: trigram models only, ~13 MB and 0.06 s for eight languages instead
    # of ~290 MB and seconds; the bank's own language model covers what it misses. Built when
    # a question first needs it (the bank's model is not sure), not at start: most questions
    # never ask it, and a start that answers one need not build it.
    return (
        LanguageDetectorBuilder.from_languages(*_LINGUA)
        .with_low_accuracy_mode()
        .with_preloaded_language_models()
        .build()
    )


# The fewest letters of one word for a text's letters to tell its language (see `__call__`).
SHORTEST_TELLING = 3


class LanguageGuess:
    """The question's language. A script that only one language of the registry is written in
    decides (Chinese), and so do letters only one language uses (Ukrainian і, ї, є, ґ); else the
    bank's character-n-gram model (it knows Russian in Latin letters and Turkish or Polish
    without diacritics) together with lingua."""

    # Calibrated with bench/qa_eval.py on the tuning sets and the bank's cross-validation.
    BANK_SURE = 0.8
    LINGUA_SURE = 0.5
    FOREIGN_SURE = 0.7
    # Lingua on a few Cyrillic words without a letter of Ukrainian's own ("погода в завтра"
    # reads as Ukrainian at 0.76, and is Russian as well): against the user's Russian or
    # Ukrainian, it must be this sure of the other.
    LINGUA_SURE_UNMARKED = 0.9

    def __init__(self, model: LinearModel | None, languages: tuple[str, ...]):
        self.model = model
        self.languages = languages
        # The languages of each script `_written` may find, and each language's own letters.
        self._scripts = {
            written: [
                code
                for code in languages
                if REGISTRY[code].script == written
                or (written == "Latn" and REGISTRY[code].typed_without_keyboard == "transliterated")
            ]
            for written in (None, "Latn", "Cyrl", "Hani")
        }
        self._letters = {code: frozenset(REGISTRY[code].letters) for code in languages}

    def candidates(self, text: str, whole: str | None = None) -> list[str]:
        """The languages `text` may be in, by its script and the letters of the `whole`
        question, names included (Конін is a Ukrainian form): Latin letters may also be a
        language typed transliterated."""
        return self._candidates(script(text), whole or text)

    def _candidates(self, written: str | None, whole: str) -> list[str]:
        found = self._scripts[written]
        lowered = set(whole.lower())
        marked = [code for code in found if not lowered.isdisjoint(self._letters[code])]
        return marked or list(found)

    def _by_script(self, candidates: list[str], user_language: str) -> tuple[str, bool] | None:
        """A script of its own (Chinese), or the user's or else the plainest of the languages
        sharing a script (Cyrillic without a Ukrainian letter: the user's, else Russian)."""
        if len(candidates) == 1:
            return candidates[0], True
        if user_language in candidates:
            return user_language, True
        plain = [code for code in candidates if not REGISTRY[code].letters]
        return (plain[0], True) if plain else None

    def _unmarked(
        self, language: str, whole: str, user_language: str, candidates: list[str]
    ) -> bool:
        """`language` is not the user's, the user's may be the question's, and the question
        lacks every letter of `language`'s own (Cyrillic without і, ї, є, ґ read as
        Ukrainian from a Russian user)."""
        return (
            language != user_language
            and user_language in candidates
            and bool(self._letters[language])
            and set(whole.lower()).isdisjoint(self._letters[language])
        )

    def __call__(self, text: str, whole: str, user_language: str) -> tuple[str, bool]:
        """The language of `text` (the question without its names), else of the script of
        `whole` (a bare "Белгород" is Russian), else the user's (False: not detected)."""
        written, letters = _text_written(text)
        # Words of one or two letters alone ("ok a de" beside a name) tell no language by
        # their letters: "a", "de", "ok" are words of half the languages, typed in Latin
        # letters by a Ukrainian ("а де") as well.
        if written != "Hani" and (letters < 3 or max(map(len, text.split())) < SHORTEST_TELLING):
            whole_written = script(whole)
            candidates = self._candidates(whole_written, whole)
            if whole_written in (None, "Latn") or not candidates:
                return user_language, False
            return self._by_script(candidates, user_language) or (user_language, False)
        candidates = self._candidates(written, whole or text)
        if not candidates:
            return user_language, False
        if written != "Latn" and len(candidates) == 1:
            return candidates[0], True
        ranked = dict(self.model.ranked(text)) if self.model is not None else {}
        bank_language, bank_p = next(
            ((code, p) for code, p in ranked.items() if code in candidates), (None, 0.0)
        )
        # The bank's pick is another language than the user's with letters of its own that the
        # question lacks ("енергетика" from a Russian user): whether the bank's phrasings drawn
        # for training held the word in one language or the other is chance.
        bank_unmarked = (
            bank_language is not None
            and written != "Latn"
            and self._unmarked(bank_language, whole or text, user_language, candidates)
        )
        # The bank's model sure overrules lingua, a foreign language included: lingua (a
        # third of the detection's time) is asked only when the bank is not.
        # Unless its pick is unmarked (above): then lingua decides as below.
        if bank_language is not None and bank_p >= self.BANK_SURE and not bank_unmarked:
            return bank_language, True
        values = lingua_detector().compute_language_confidence_values(text)
        top = next((v for v in values if _LINGUA.get(v.language) in candidates), None)
        lingua_language = _LINGUA.get(top.language) if top else None
        lingua_confidence = top.value if top else 0.0
        foreign = values[0] if values else None
        if (
            foreign is not None
            and _LINGUA.get(foreign.language) not in self.languages
            and foreign.value >= self.FOREIGN_SURE
        ):
            return user_language, False
        if (
            lingua_language is not None
            and written != "Latn"
            and self._unmarked(lingua_language, whole or text, user_language, candidates)
            and lingua_confidence < self.LINGUA_SURE_UNMARKED
        ):
            return user_language, True
        if lingua_language is not None and lingua_confidence >= self.LINGUA_SURE:
            if bank_language is not None and bank_language != lingua_language and not bank_unmarked:
                # Short and colloquial questions ("haste ne nummer vom …", "коли фестиваль"
                # from a Ukrainian user): lingua's trigrams and the bank's n-grams disagree,
                # each less than sure; the two together decide. Not for an unmarked bank
                # pick (above).
                said = {_LINGUA[v.language]: v.value for v in values if v.language in _LINGUA}
                return max(
                    (bank_language, lingua_language),
                    key=lambda code: ranked.get(code, 0.0) + said.get(code, 0.0),
                ), True
            return lingua_language, True
        if written != "Latn":
            return self._by_script(candidates, user_language) or (user_language, False)
        return user_language, False
