"""Text processing before understanding: cleaning, folding, transliteration, lemmas, features.

Everything the classifier sees goes through `fold_latin`: lower case, no diacritics, Cyrillic
written in Latin letters the way people type Russian without a Russian keyboard. So "Когда",
"kogda" and "KOGDA" meet, and so do "Beşiktaş"/"besiktas" and "który"/"ktory".
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache

import Stemmer
from lemmagen3 import Lemmatizer

from bot.languages import REGISTRY

# Questions are cut to this many characters before analysis (a Telegram message may hold
# 4,096): every real question in the banks and the tuning sets is far shorter, and the cut
# bounds the cost of a hostile one.
MAX_QUESTION_CHARS = 300

# Letters that folding maps to something other than their base letter.
_SPECIAL = str.maketrans({"ı": "i", "ł": "l", "ß": "ss", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe"})
# Russian (and Ukrainian) letters as they are typed on a Latin keyboard.
_CYRILLIC = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ё": "e",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "й": "y",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "h",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "sch",
        "ъ": "",
        "ы": "y",
        "ь": "",
        "э": "e",
        "ю": "yu",
        "я": "ya",
        "і": "i",
        "ї": "yi",
        "є": "ye",
        "ґ": "g",
        "ў": "u",
    }
)
# Han characters (Chinese is written without spaces) are one word each: names such as 泸州
# are then matched as a sequence of words, and the classifier's word bigrams are character
# bigrams, the usual features for Chinese text.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_HAN}]|[^\W_{_HAN}]+(?:['’][^\W\d_{_HAN}]+)?", re.UNICODE)
_HAN_CHAR = re.compile(rf"[{_HAN}]")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")
_SPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """NFC, no invisible or control characters, one space between words, at most
    MAX_QUESTION_CHARS long (cut between words)."""
    text = text[: MAX_QUESTION_CHARS * 4]
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    if not text.isprintable():
        text = "".join(c if c.isprintable() else " " for c in text)
    text = _SPACE.sub(" ", text).strip()
    if len(text) > MAX_QUESTION_CHARS:
        cut = text[: MAX_QUESTION_CHARS + 1]
        text = cut.rsplit(" ", 1)[0] if " " in cut else cut[:MAX_QUESTION_CHARS]
    return text


# Russian and Ukrainian typed in the scholarly transliteration (ISO 9, as Czech writes these
# sounds: "ščo take", "žyve", "čomu"): the carons are no letter of the nine languages (Turkish
# ş and ç have a cedilla, Polish ż a dot), so they are spelt as the bank's transliteration
# spells the sounds before anything reads the question; folded, "ščo" was "sco", which no
# bank word or language model knew.
_CARON_LETTERS = re.compile(r"[šŠčČžŽ]")
_CARON_SPELT = {"š": "sh", "č": "ch", "ž": "zh"}


def caron_spelt(text: str) -> str:
    """`text` with š, č and ž written sh, ch and zh (šč: shch)."""
    if not _CARON_LETTERS.search(text):
        return text
    return _CARON_LETTERS.sub(
        lambda m: (
            _CARON_SPELT[m.group().lower()].capitalize()
            if m.group().isupper()
            else _CARON_SPELT[m.group()]
        ),
        text,
    )


def lower(text: str, language: str | None = None) -> str:
    """Lower case with Turkish dotted and dotless i kept apart when the text is Turkish. A dotted
    capital İ is i in every language: Python lowers it to i and a combining dot, which no word
    holds, so "İngiltere" or "İzmir" became two words ("i", "ngiltere") and never a name."""
    if language == "tr":
        text = text.replace("I", "ı")
    return text.replace("İ", "i").lower()


# The word caches hold what a long-running bot meets again and again: one pass over the bench
# questions (802) meets about 2,000 distinct words per cache, and the hit rate no longer grows
# beyond that size (bench/memory.py fills them to their bound: the whole process's growth).
# 10,000 leaves room for a real vocabulary; an entry costs 130-400 bytes, so a full cache a few
# MB, where the earlier bounds (100,000-200,000) let them take 163 MB (bench/memory.py).
WORD_CACHE = 10_000
# The longest word `lemma` gives to a lemmatiser. No word of the nine languages comes near it
# (the bank's longest compounds have about 40 letters); lemmagen3 reads at most 255 bytes of a
# word and returns a mangled lemma of a longer one, or raises when its cut splits a letter
# ("ä" is two bytes): a hostile one-word question of umlauts did.
LEMMA_LONGEST = 64


def fold(text: str) -> str:
    """Case- and accent-insensitive form: Beşiktaş, BESIKTAS and besiktas fold alike."""
    text = unicodedata.normalize("NFKD", text.replace("İ", "i").lower().translate(_SPECIAL))
    return "".join(c for c in text if not unicodedata.combining(c)).translate(_SPECIAL)


# `fold` itself is not cached: its words come through the cached `fold_latin` (no hit in the
# bench stream), and its other callers fold whole questions of up to 4,096 characters.
@lru_cache(maxsize=WORD_CACHE)
def fold_latin(text: str) -> str:
    """`fold`, then Cyrillic in Latin letters: Белгород -> belgorod."""
    return fold(text.lower().replace("й", "\0")).replace("\0", "й").translate(_CYRILLIC)


# French articles and pronouns that elide before a vowel: d'Ometepe, l'île, qu'Eisleben.
_ELIDED = frozenset({"c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu"})
_CYRILLIC_LETTER = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)
_APOSTROPHE = re.compile(r"['’]")


def _word(written: str) -> str:
    """The word an apostrophe leaves: Herne'de -> Herne (a Turkish suffix), d'Ometepe ->
    Ometepe (a French elision), зв'язків as it is (an apostrophe is a Ukrainian letter)."""
    parts = _APOSTROPHE.split(written, maxsplit=1)
    if len(parts) == 1 or _CYRILLIC_LETTER.search(parts[0]):
        return written
    head, tail = parts
    return tail if head.lower() in _ELIDED else head


def words(text: str, language: str | None = None) -> list[str]:
    """Lower-cased words, as `_word` leaves them at an apostrophe."""
    result = []
    for match in _WORD.finditer(lower(text, language)):
        if word := _word(match.group()):
            result.append(word)
    return result


def word_spans(text: str) -> list[tuple[str, str]]:
    """(word as written, as `_word` leaves it at an apostrophe) and its lower-case form."""
    result = []
    for match in _WORD.finditer(text):
        written = match.group()
        # Most words hold no apostrophe: nothing for `_word` to cut.
        if "'" in written or "’" in written:
            written = _word(written)
        if written:
            result.append((written, lower(written)))
    return result


@lru_cache(maxsize=4)
def _word_ends(text: str) -> tuple[int, ...]:
    """Where each word of `text` (as `word_spans` finds them) ends, in order."""
    return tuple(match.end() for match in _WORD.finditer(text))


def words_before(text: str, offset: int) -> int:
    """How many words of `text` come before `offset`, the place of a mark (a character no
    word holds): `len(word_spans(text[:offset]))`, the text read once for all its marks
    (a message's clauses, parts and sentences are cut at each of them)."""
    return bisect_right(_word_ends(text), offset)


def as_written(written: list[str]) -> str:
    """Words as a name is written: Chinese characters (each a word here) without spaces
    between them ("巴黎", not "巴 黎"), other words with one."""
    text = ""
    for word in written:
        if text and not (_HAN_CHAR.fullmatch(text[-1]) and _HAN_CHAR.match(word)):
            text += " "
        text += word
    return text


def without_diacritics(text: str) -> str:
    """The text as typed without a keyboard for its language: Beşiktaş -> Besiktas."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL).replace("Ł", "L"))
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


@lru_cache(maxsize=16)
def _transliterations(language: str) -> list[dict[int, str]]:
    info = REGISTRY.get(language)
    overlays = info.transliterations if info else ()
    return [{**_CYRILLIC, **str.maketrans(dict(overlay))} for overlay in overlays] or [_CYRILLIC]


def transliterations(text: str, language: str) -> list[str]:
    """`text` in Latin letters as the language is typed without its keyboard, in each of its
    spellings (the registry's `transliterations`: Ukrainian я as ya or ia)."""
    return list(dict.fromkeys(latin(text, table) for table in _transliterations(language)))


def latin(text: str, table: dict[int, str] = _CYRILLIC) -> str:
    """Cyrillic letters in Latin ones, keeping case roughly: Когда -> Kogda."""
    return "".join(
        c.lower().translate(table).capitalize() if c.isupper() else c.translate(table) for c in text
    )


# A letter typed three times or more ("holaaa", "спасибооо") is drawn out: hardly a word of
# the registry's languages is spelt so (German "Schifffahrt", whose language its other letters
# tell as well).
_DRAWN_OUT = re.compile(r"([^\W\d_])\1{2,}")
# A word's runs of one repeated letter: "hallooo" -> "ll", "ooo".
_RUN = re.compile(r"([^\W\d_])\1+")


def undrawn(text: str) -> str:
    """The text with each letter typed three times or more typed once: "merciii" -> "merci"."""
    # Most texts have none: a search is one scan in C, a substitution by a group reference
    # also reads its template in Python.
    return _DRAWN_OUT.sub(r"\1", text) if _DRAWN_OUT.search(text) else text


def drawn_out_readings(word: str) -> list[str]:
    """What a drawn-out word may be ("holaa", "heyyy", "hallooo"): each run of a repeated
    letter typed once or twice, for a word with a letter typed three times or more or ending
    in a doubled letter; the word itself first left out. Empty for any other word."""
    runs = list(_RUN.finditer(word))
    if not runs or len(runs) > 3:
        return []
    if not (_DRAWN_OUT.search(word) or runs[-1].end() == len(word)):
        return []
    readings = []
    for lengths in itertools.product((1, 2), repeat=len(runs)):
        reading, at = "", 0
        for run, length in zip(runs, lengths, strict=True):
            reading += word[at : run.start()] + run.group(1) * length
            at = run.end()
        reading += word[at:]
        if reading != word:
            readings.append(reading)
    return readings


# Russian and Ukrainian as people type them in Latin letters, spelt as the bank's
# transliteration spells them (`_CYRILLIC`). First the digraphs of a German or Polish keyboard,
# in one pass so that what one rule writes no other rewrites: щ typed schtsch or szcz, ч tsch or
# cz, ш sch or sz, в w ("schto s partnerstwom", "czto izwiestno"; a Ukrainian in Herne on a
# German phone); then х as kh or x, ц as c, я and ю as ia, ja, iu, ju, -тся as -tsa, щ as shch.
_KEYBOARD_DIGRAPHS = re.compile(r"schtsch|szcz|tsch|sch|cz|sz|w")
_KEYBOARD_SPELT = {
    "schtsch": "sch",
    "szcz": "sch",
    "tsch": "ch",
    "sch": "sh",
    "cz": "ch",
    "sz": "sh",
    "w": "v",
}
_TYPED_LATIN = (
    (re.compile(r"kh|x"), "h"),
    (re.compile(r"c(?!h)"), "ts"),
    (re.compile(r"[ij]a"), "ya"),
    (re.compile(r"[ij]u"), "yu"),
    (re.compile(r"tsa$"), "tsya"),
    (re.compile(r"shch"), "sch"),
)
# Spellings that are one letter's in some words and another's in others, tried one at a time
# on the word respelt by the rules above: е typed je ("znajesch": знаешь, or Ukrainian знаєш,
# ye) or ie after a consonant as Polish writes it ("izwiestno"), й typed j ("moj"), ц typed z
# as German writes it before the i of -ция ("deklarazija"), х typed ch as German and Polish
# write it ("znachodytsja"; ch is ч as the bank spells it), ж typed sch or sh as German
# writes it ("schywe", "sh" once the keyboard's sch is read as ш).
_TYPED_LATIN_MAYBE = (
    (re.compile(r"je"), "e"),
    (re.compile(r"je"), "ye"),
    (re.compile(r"(?<=[bcdfgklmnprstvz])ie"), "e"),
    (re.compile(r"j(?![aeiouy])"), "y"),
    (re.compile(r"(?<=[aeiou])z(?=i)"), "ts"),
    (re.compile(r"(?<!s)ch"), "h"),
    (re.compile(r"sh"), "zh"),
)


def _keyboard_spelt(word: str) -> str:
    """A word typed with a German or Polish keyboard's digraphs, spelt with the bank's."""
    return _KEYBOARD_DIGRAPHS.sub(lambda m: _KEYBOARD_SPELT[m.group()], word)


def typed_latin_readings(word: str) -> list[str]:
    """A word of Russian or Ukrainian typed in Latin letters spelt as the bank's
    transliteration would ("nakhoditsa" -> "nahoditsya", "deklaraciyu" -> "deklaratsiyu",
    "schto" -> "shto"): every respelling at once, then that with each of the ambiguous ones
    (`_TYPED_LATIN_MAYBE`), then each respelling alone; the word itself left out."""
    every = _keyboard_spelt(word)
    for pattern, spelt in _TYPED_LATIN:
        every = pattern.sub(spelt, every)
    readings = []
    for reading in (
        every,
        *(pattern.sub(spelt, every) for pattern, spelt in _TYPED_LATIN_MAYBE),
        *(pattern.sub(spelt, word) for pattern, spelt in _TYPED_LATIN),
    ):
        if reading != word and reading not in readings:
            readings.append(reading)
    return readings


def latin_skeleton(word: str) -> str:
    """What the Latin spellings of one Russian or Ukrainian word have in common, a word of the
    bank's transliteration or one typed otherwise (`typed_latin_readings`): х as h, и, ы, й and
    the y of я, ю, є as i. Ukrainian знаходиться is "znakhodytsya" in its own spelling and
    "znahoditsya" in the common one: both "znahoditsia", like the typed "znahodytsia"."""
    return word.replace("kh", "h").replace("y", "i").replace("ii", "i")


# Russian and Ukrainian reflexive verbs typed as they sound: -тся and -ться both said -ца
# ("находица", "называеца"), Ukrainian -ться said -цця ("знаходицця").
_SPOKEN_CYRILLIC = (
    (re.compile(r"цц[аяо]$"), "ться"),
    (re.compile(r"ц[аяо]$"), "тся"),
)


def spoken_readings(word: str) -> list[str]:
    """A Russian or Ukrainian word typed as it sounds spelt as written ("находица" ->
    "находится", "знаходицця" -> "знаходиться"); empty for any other word."""
    readings = []
    for pattern, spelt in _SPOKEN_CYRILLIC:
        reading = pattern.sub(spelt, word)
        if reading != word:
            readings.append(reading)
            break
    return readings


@lru_cache(maxsize=8)
def _lemmatizer(language: str) -> Lemmatizer:
    return Lemmatizer(language)


@lru_cache(maxsize=8)
def stemmer(algorithm: str) -> Stemmer.Stemmer:
    """The Snowball stemmer of `algorithm` (the registry's `stemmer`), built once."""
    # Without PyStemmer's own cache (10,000 words per stemmer): every call here comes from
    # behind `lemma`'s or the entity matcher's cache, and the six stemmers' caches, filled
    # with the words a long-running bot meets, held some 17 MB that no call reused.
    return Stemmer.Stemmer(algorithm, 0)


@lru_cache(maxsize=WORD_CACHE)
def lemma(word: str, language: str) -> str:
    """The folded Latin lemma of a lower-cased word: lemmagen3's where the registry names a
    lemmatizer, else the Snowball stem (Turkish), else the word."""
    if word.isdigit() or not 3 <= len(word) <= LEMMA_LONGEST:
        return fold_latin(word)
    info = REGISTRY.get(language)
    if info is not None and info.lemmatizer:
        return fold_latin(_lemmatizer(info.lemmatizer).lemmatize(word))
    if info is not None and info.stemmer:
        return fold_latin(stemmer(info.stemmer).stemWord(word))
    return fold_latin(word)


class Analyzer:
    """A classifier's features of a document: the character n-grams of each of its words
    (padded with spaces, as scikit-learn's char_wb does), which depend on the word alone, so
    that a model may keep them per word (`LinearModel.vector`), then the document's own.
    Training (in a child process, through scikit-learn) and prediction (numpy) both call it."""

    def __init__(
        self, smallest: int, largest: int, split: Callable[[str], tuple[list[str], list[str]]]
    ):
        self.smallest = smallest
        self.largest = largest
        # document -> (its words, its features beyond their n-grams)
        self.split = split

    def grams(self, word: str) -> list[str]:
        padded = f" {word} "
        length = len(padded)
        result: list[str] = []
        for n in range(self.smallest, min(self.largest, length) + 1):
            result += [padded[i : i + n] for i in range(length - n + 1)]
        return result

    def __call__(self, document: str) -> list[str]:
        words, rest = self.split(document)
        result: list[str] = []
        for word in words:
            result += self.grams(word)
        return result + rest


def _question_parts(document: str) -> tuple[list[str], list[str]]:
    surface, _, lemmas = document.partition("\t")
    tokens = lemmas.split()
    return surface.split(), [
        *("w:" + token for token in tokens),
        *(f"b:{a} {b}" for a, b in itertools.pairwise(tokens)),
    ]


# The classifier's features of a normalised question "surface<TAB>lemmas": character 2- to
# 5-grams of each surface word, and word unigrams and bigrams of the lemmas.
features = Analyzer(2, 5, _question_parts)
# The language classifier's features: character 1- to 4-grams of the lower-cased words,
# diacritics and script kept (they tell Polish from Turkish, and Latin-typed Russian from
# both).
language_features = Analyzer(1, 4, lambda text: (text.lower().split(), []))
