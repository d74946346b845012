"""The knowledge base's cities and organisations in memory, and the names of things in a
question: cities, countries, organisations and places that are not partner cities, recognised
with inflections (Koninie, Белгородом), typos (Wakfield) and in any script (Belgorodom).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.db import Database
from bot.languages import REGISTRY
from bot.nlp import WORD_CACHE, fold_latin, stemmer, without_diacritics, words

# A typo is forgiven in names of at least this many letters, above this similarity (0-100).
FUZZY_MIN_LENGTH = 5
# A word stemmed as a partner's name and as long, but no word of the bank, is read as a typo of
# the name from this length ("eisleban", "besiktis"); a shorter one is a word of the language
# more often than not ("viene" is neither Viena nor Vienne).
STEM_TYPO_LEAST = 7
FUZZY_MIN_SCORE = 84
# Beside that similarity, a word one typo (a letter left out, added, replaced, or two swapped)
# from exactly one city's name is that city, as the name is written or as it sounds
# (`_said`: "Koinn", "Lelgorod", "Lushou", "Konninn"): the ratio forgives too little in a short
# name and nothing at its first letter. In a name shorter than TYPO_REPLACED_LENGTH a replaced
# letter is another word more often than a typo (Herne, "Berne"); in one shorter than
# TYPO_FIRST_LETTER_LENGTH the first letter is kept (or swapped with the second). A word the
# bank's own phrasings use is a word, never a typo of a name (French "genre", "russe",
# Ukrainian "plosha"): the matcher is given the bank's words.
TYPO_REPLACED_LENGTH = 6
TYPO_FIRST_LETTER_LENGTH = 7
# A city's name this long may be typed with two of its letters left out ("Wakfeld",
# "Wakefld"), its first letter kept: among real words, as far from a name so long, none was
# found in the bank.
TWO_LEFT_OUT_LENGTH = 9
# Inflected names are recognised by their Snowball stem in the languages the registry gives a
# stemmer (Russian and Ukrainian names are matched transliterated, by their beginning): where
# the language's names decline, a word with a name's stem that starts as its inflections do
# ("Warszawie", not Turkish "konu", topic, which stems as "Konin" does); elsewhere only a
# word whose stem is the whole name (German "Konins", not Spanish "viene", comes, which stems
# as "Viena" does).
_STEMMED = {code: info.stemmer for code, info in REGISTRY.items() if info.stemmer}
_DECLINING = frozenset(code for code, info in REGISTRY.items() if info.declines_names)
_VOWELS = frozenset("aeiouy")
# The endings that replace the й of a Russian or Ukrainian name ending in it (Китай: Китая,
# Китаю, Китае, Китаем; Китаї, Китаєм), which its beginning does not hold ("kitay", "kitae").
_Y_ENDINGS = ("я", "ю", "е", "ем", "ї", "єм")
# A word made from a name rather than a form of it: a scholar or a school of thought
# ("Germanistin", "германістка", "polonistka", "англіст", "germanizm") is no country.
# Looked for from the name's beginning's last letter on: "german|istka", "polon|istka".
_DERIVED = re.compile(r"is[tm]|izm")
# Turkish case endings (folded: ı, ü as i, u) that a name carries typed without the apostrophe
# ("Çindeki", "Çinden", "Çinle"). A name of four letters or more is read in its inflected
# forms by its beginning; a shorter one (Çin, Rom) only with one of these, whole, and none
# that is a vowel alone (Spanish "cine" is no "Çin'e").
_TURKISH_ENDINGS = tuple(
    "deki daki teki taki nden ndan den dan ten tan de da te ta nin nun yle yla le la ye ya "
    "yi yu".split()
)


@dataclass(frozen=True)
class EntityMatch:
    kind: str  # "city", "country", "region", "organisation" or "place"
    ids: tuple[str, ...]  # a country names the partner cities in it; a place its own name
    start: int  # word positions in the question
    end: int


@dataclass
class City:
    id: str
    partner: bool
    flag: str
    country_code: str
    partner_since: str | None
    status: str
    status_since: str | None
    timezone: str
    lat: float | None
    lon: float | None
    website: str | None
    population: int | None
    population_year: int | None
    population_approx: bool
    signed_by: list[str]
    sources: list[str]
    aliases: list[str] = field(default_factory=list)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> field -> text
    fact_sources: dict[str, list[str]] = field(default_factory=dict)  # fact -> some of sources

    def name(self, language: str) -> str:
        return self.texts[language]["name"]

    def sources_for(self, fact: str) -> list[str]:
        """The sources that back one fact; all of the city's where the data does not say."""
        return self.fact_sources.get(fact) or self.sources


@dataclass
class Organisation:
    id: str
    name: str
    kind: str
    city_id: str | None
    website: str | None
    address: str | None
    founded: int | None
    members_approx: int | None
    sectors: list[str]
    sources: list[str]
    aliases: list[str] = field(default_factory=list)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)

    def local_name(self, language: str) -> str:
        return self.texts[language].get("name_local") or self.name


# The bank's words one typo from a name, by the names and the bank's words: every matcher of
# one base and bank (a test's, a reload's) looks them up once (0.2 s of CPU), the last few kept.
_NEAR_NAMES: dict[tuple[tuple[object, ...], Hashable], frozenset[str]] = {}

# The case endings a name typed with a typo may carry (folded to Latin letters): Polish
# (Wakefieldem, Wakefieldzie), Russian and Ukrainian (Вейкфилде, Вейкфілдом), Turkish without
# the apostrophe (Wakefieldde, Wakefieldden), a German or English genitive (Wakefields),
# longest first. A word with a typo and one of them is read as the name only where the word
# less the ending is one typo from exactly one city's name (`EntityMatcher._inflected_typo`).
_CASE_ENDINGS = tuple(
    sorted(
        set(
            "em iem zie ie owi u a y om ach ami e i oy yu ya ey eyu ovi "
            "de da te ta den dan ten tan deki daki nin nun in un e ye ya le la yle yla s".split()
        ),
        key=len,
        reverse=True,
    )
)
INFLECTED_TYPO_LEAST = 6
# A word sounding one letter from a city's name (`EntityMatcher.sounded`) has this many
# letters at least, as the name does: in shorter ones a letter more often makes another word.
SOUNDED_LEAST = 7
# A city's name typed as two words begins with a syllable of at most this many letters.
SPLIT_SYLLABLE = 3
# An organisation's long name (at least PARTIAL_NAME_WORDS words: an official name, "Товариство
# сприяння партнерським зв'язкам міста Герне") is also found shortened as people type it: from
# its first word on, its words in order with at most PARTIAL_SKIPPED of them left out ("...
# зв'язкам Герне", "Herne Kardeşlik İlişkilerini ...", without "міста", "Şehri") or its end cut
# off ("Verein zur Förderung partnerschaftlicher Beziehungen"), as long as the words written
# are at least PARTIAL_NAME_WORDS - 1 and more than half of the name's. A name in Chinese
# characters, each of which is a word here, with at most PARTIAL_HAN_LEFT characters left out
# and its end not cut off ("黑尔讷友好城市关系促进协会"): "黑尔讷市友好城市" is half of the
# association's name and asks about the partner cities.
PARTIAL_NAME_WORDS = 5
PARTIAL_SKIPPED = 3
PARTIAL_HAN_LEFT = 2
# A city's name in Chinese characters this long is also found with one character left out
# (`EntityMatcher._han_left_out`): three characters of a transcription in their order name
# it; Herne's 黑尔讷 and 科宁, 泸州 are too short to.
HAN_LEFT_OUT_LENGTH = 4
# A word this long may be a word and a city's name run together (EntityMatcher.glued).
GLUED_MIN = 7
GLUED_MAX = 40


class EntityMatcher:
    """Finds cities, countries, organisations and other places in a list of words.

    Names and words are compared folded to Latin letters (Beşiktaş = besiktas, Белгород =
    belgorod); a longer word that starts like a name is an inflection (koninie, belgorodom);
    a close spelling is a typo (belgorot, wakfield).
    """

    def __init__(
        self,
        names: list[tuple[str, str, tuple[str, ...], str | None]],
        words_of_bank: Iterable[str] | Callable[[], Iterable[str]] = (),
        homophones: Mapping[str, str] | None = None,
        words_key: Hashable = None,
        near_words: frozenset[str] | None = None,
        other_words: Iterable[str] | Callable[[], Iterable[str]] = (),
    ):
        # (kind, name as written, ids, language of the name or None: any) -> folded word
        # sequences; `words_of_bank`: folded words the bank's phrasings use, which are never
        # read as a name's typo (or a function giving them, called only when `words_key`, what
        # they are computed from, is not among the last few read: the words are many, the ones
        # kept few); `homophones`: Chinese characters by their reading; `near_words`: the words of
        # the bank near a name (`near_words` below) as found before for the same names and words;
        # `other_words`: more words that are never a typo (the FAQ's, or a function giving them),
        # looked at each time: they change with the FAQ, the bank's words do not (reading those
        # again cost seconds).
        self._single: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        # The languages a single name is written in (None: any, as a city's aliases).
        languages: dict[str, set[str | None]] = {}
        # Multi-word names by the beginning of their first word (`_word_beginning`), longest
        # first: every word of a name may be inflected ("с обществом партнёрских связей",
        # "ze stowarzyszeniem partnerskim", "der Westfälischen Hochschule").
        self._multi: dict[str, list[tuple[tuple[str, ...], str, tuple[str, ...]]]] = {}
        for kind, name, ids, language in names:
            folded = tuple(fold_latin(w) for w in words(name))
            if not folded:
                continue
            if len(folded) == 1:
                forms = [folded[0]]
                if name[-1:] in "йЙ" and len(name) >= 4:
                    # A name ending in й declines by its ending: "в Китае", "з Китаю".
                    forms += [fold_latin(name[:-1] + ending) for ending in _Y_ENDINGS]
                for form in forms:
                    languages.setdefault(form, set()).add(language)
                    entries = self._single.setdefault(form, [])
                    if (kind, ids) not in entries:
                        entries.append((kind, ids))
            else:
                self._multi.setdefault(_word_beginning(folded[0]), []).append((folded, kind, ids))
        for sequences in self._multi.values():
            sequences.sort(key=lambda item: len(item[0]), reverse=True)
        self._multi_lengths = sorted({len(b) for b in self._multi})
        # Cities' single-word names of five letters or more, lower case as written and
        # without diacritics: what `glued` finds run into another word.
        self._glued_names = {
            form
            for kind, name, _, _ in names
            if kind == "city" and len(words(name)) == 1 and len(name) >= 5
            for form in (name.lower(), without_diacritics(name.lower()))
        }
        self._glued_lengths = sorted({len(n) for n in self._glued_names})
        self._fuzzy_names = [n for n in self._single if len(n) >= FUZZY_MIN_LENGTH]
        # One typo: each city's name, each form of it with a letter left out, and the name as
        # it sounds -> the names (SymSpell's deletions: a word looks up its own).
        self._typos: dict[str, set[str]] = {}
        for name in self._fuzzy_names:
            if any(kind == "city" for kind, _ in self._single[name]):
                for variant in {*_deletions(name), _said(name)}:
                    self._typos.setdefault(variant, set()).add(name)
                if len(name) >= TWO_LEFT_OUT_LENGTH:
                    for variant in _two_left_out(name):
                        self._typos.setdefault(variant, set()).add(name)
        # Multi-word names by their second word, for a first word typed with a typo
        # ("Hnin-Beaumont", "Lutherstat Eisleben").
        self._multi_second: dict[str, list[tuple[tuple[str, ...], str, tuple[str, ...]]]] = {}
        for sequences in self._multi.values():
            for entry in sequences:
                self._multi_second.setdefault(entry[0][1], []).append(entry)
        # A character of a city's Chinese name -> the characters of its reading, which a
        # pinyin keyboard offers beside it (泸洲 for 泸州).
        in_names = {
            character
            for kind, name, _, _ in names
            if kind == "city"
            for character in name
            if _HAN.fullmatch(character)
        }
        self._homophones: dict[str, frozenset[str]] = {}
        for characters in (homophones or {}).values():
            for character in in_names.intersection(characters):
                self._homophones[character] = frozenset(characters) - {character}
        # Each character of the same reading as a city's -> those characters of the names.
        self._read_as: dict[str, set[str]] = {}
        for character, same in self._homophones.items():
            for other in same:
                self._read_as.setdefault(other, set()).add(character)
        # Each character's reading as the ear confuses it (`_heard`), for `sounded`.
        self._heard: dict[str, str] = {
            character: _heard(reading)
            for reading, characters in (homophones or {}).items()
            for character in characters
        }
        # The bank's words that would be read as a typo of a name, or of a word of a multi-word
        # name: those stay words, and the bank is read as it always was.
        # Empty while they are sought: `_typo_of` consults it.
        self._words: frozenset[str] = frozenset()
        self._words = (
            near_words
            if near_words is not None
            else self._near_words(names, words_of_bank, words_key, other_words)
        )
        # An inflection starts like a name of a language whose names decline, or an alias
        # (Koninie, Moskve; French "viennent" is no Vienne): its beginning -> (place in
        # _fuzzy_names, longest word it may start). A word looks up its own beginnings, not
        # every name.
        self._beginnings: dict[str, list[tuple[int, int]]] = {}
        for number, name in enumerate(self._fuzzy_names):
            if languages[name] & {None, *_DECLINING}:
                self._beginnings.setdefault(_beginning(name), []).append((number, len(name) + 5))
        self._beginning_lengths = sorted({len(b) for b in self._beginnings})
        self._fuzzy_sounds = [_sound(n) for n in self._fuzzy_names]
        self._sounded: dict[str, list[tuple[str, tuple[str, ...]]]] | None = None
        self._han_cities: list[tuple[tuple[str, ...], tuple[str, ...]]] | None = None
        # A language's stem -> its own names with it (and, where names decline, those of any
        # language).
        self._stems: dict[str, dict[str, list[str]]] = {}
        for language in _STEMMED:
            by_stem = self._stems[language] = {}
            own = {None, language} if language in _DECLINING else {language}
            for name in self._single:
                if len(name) >= 4 and languages[name] & own:
                    by_stem.setdefault(_stem(name, language), []).append(name)

    def _near_words(
        self,
        names: list[tuple[str, str, tuple[str, ...], str | None]],
        words_of_bank: Iterable[str] | Callable[[], Iterable[str]],
        words_key: Hashable,
        other_words: Iterable[str] | Callable[[], Iterable[str]],
    ) -> frozenset[str]:
        # Whether a word is near a name depends on the word and the names only: the words of
        # the bank and the others are looked at apart, and the bank's kept.
        if words_key is None:  # the words themselves are what they are read from
            words_key = words_of_bank = frozenset(
                words_of_bank() if callable(words_of_bank) else words_of_bank
            )
        multi_typos = {
            variant
            for sequences in self._multi.values()
            for sequence, _, _ in sequences
            for name_word in sequence
            if len(name_word) >= FUZZY_MIN_LENGTH
            for variant in {*_deletions(name_word), _said(name_word)}
        }

        def near(candidates: Iterable[str]) -> frozenset[str]:
            return frozenset(
                w
                for w in candidates
                if w not in self._single
                and (self._typo_of(w) or not multi_typos.isdisjoint({*_deletions(w), _said(w)}))
            )

        key = (tuple(names), words_key)
        if key not in _NEAR_NAMES:
            if len(_NEAR_NAMES) >= 4:
                _NEAR_NAMES.clear()
            _NEAR_NAMES[key] = near(words_of_bank() if callable(words_of_bank) else words_of_bank)
        return _NEAR_NAMES[key] | near(set(other_words() if callable(other_words) else other_words))

    @property
    def near_words(self) -> frozenset[str]:
        """The bank's words that stay words though one typo from a name (the database keeps
        them beside the question model: a start need not read the whole bank for them)."""
        return self._words

    @lru_cache(maxsize=WORD_CACHE)  # noqa: B019 (one matcher per knowledge base, kept for its life)
    def multi_words(self, word: str) -> tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]:
        """The multi-word names whose first word `word` may be, longest first."""
        found = [
            entry
            for length in self._multi_lengths
            if length <= len(word)
            for entry in self._multi.get(word[:length], ())
        ]
        found.sort(key=lambda item: len(item[0]), reverse=True)
        return tuple(found)

    # The cache that pays most: a word that is no name costs a fuzzy scan of every name
    # (about 70 us, fifty times a lemma) before it is known to be none; so twice the size
    # of bot/nlp.py's word caches.
    @lru_cache(maxsize=2 * WORD_CACHE)  # noqa: B019 (one matcher per knowledge base, kept for its life)
    def single_word(self, word: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return tuple(self._lookup(word))

    def _lookup(self, word: str) -> list[tuple[str, tuple[str, ...]]]:
        if word in self._single:
            return self._single[word]
        if len(word) < 4 or word.isdigit():
            return []
        for language, by_stem in self._stems.items():
            stem = _stem(word, language)
            if language in _DECLINING:
                for name in by_stem.get(stem, ()):
                    # Its beginning, less a last letter mistyped ("Konim", not "peki", well,
                    # which stems as Pekin does).
                    beginning = _beginning(name, 4)[: max(4, len(name) - 1)]
                    if (
                        len(word) >= len(name)
                        and word.startswith(beginning)
                        and not _DERIVED.search(word, len(beginning) - 1)
                    ):
                        return self._single[name]
            elif stem in self._single:
                return self._single[stem]
            elif (word in self._words or len(word) < STEM_TYPO_LEAST) and any(
                len(name) == len(word) for name in by_stem.get(stem, ())
            ):
                # A word of the language stemmed as its name is, as long but another ending,
                # is another word: Spanish "viene" (comes) is neither Viena nor a Vienne
                # typed. (Longer, it may be a name's derivative: "français", "Herner".) A
                # word of no bank so stemmed, of STEM_TYPO_LEAST letters or more, is the name
                # with a vowel heard otherwise ("eisleban"): the typo below reads it.
                return []
        inflected = [
            number
            for length in self._beginning_lengths
            if length <= len(word)
            for number, longest in self._beginnings.get(word[:length], ())
            if len(word) <= longest and not _DERIVED.search(word, length - 1)
        ]
        if inflected:
            return self._single[self._fuzzy_names[min(inflected)]]
        if word not in self._words:
            for ending in _TURKISH_ENDINGS:
                name = word[: -len(ending)]
                if word.endswith(ending) and len(name) == 3 and name in self._single:
                    return self._single[name]
        if len(word) < FUZZY_MIN_LENGTH:
            return []
        # A typo: the closest name, if close enough and with the same first sound (names are
        # compared as they sound: "Vakefild" is Wakefield typed as a Russian says it).
        sound = _sound(word)
        best = process.extractOne(
            sound, self._fuzzy_sounds, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE
        )
        if (
            best
            and best[0][0] == sound[0]
            and (not _DERIVED.search(word) or _DERIVED.search(self._fuzzy_names[best[2]]))
        ):
            return self._single[self._fuzzy_names[best[2]]]
        return self._typo_of(word)

    def _typo_of(self, word: str) -> list[tuple[str, tuple[str, ...]]]:
        """The city `word` is one typo from as written (TYPO_REPLACED_LENGTH) or whose name it
        is as it sounds, if it is one city's only and not a word of the bank; else the city a
        case ending cut off leaves it one typo from (`_inflected_typo`). A typo on top of a
        name as it sounds is two: "Herren" (Damen und Herren) is no "Heren", one swap from
        Herne."""
        if len(word) < FUZZY_MIN_LENGTH or word in self._words or not word.isalpha():
            return []
        return self._typed(word) or self._inflected_typo(word)

    def _inflected_typo(self, word: str) -> list[tuple[str, tuple[str, ...]]]:
        """The one city whose name `word` is a typo of with a case ending after it
        ("wakfieldem", "wakfieldzie", "wakfildde", "konnina"): the name's forms are found by
        their beginning (`_lookup`), which a typo inside the name breaks. The word less the
        ending keeps INFLECTED_TYPO_LEAST letters: a shorter one is a word more often."""
        found: list[list[tuple[str, tuple[str, ...]]]] = []
        for ending in _CASE_ENDINGS:
            cut = word[: -len(ending)]
            if word.endswith(ending) and len(cut) >= INFLECTED_TYPO_LEAST:
                entries = self._typed(cut)
                if entries and entries not in found:
                    found.append(entries)
        return found[0] if len(found) == 1 else []

    def _typed(self, word: str) -> list[tuple[str, tuple[str, ...]]]:
        """The one city `word` is one typo from as written or whose name it is as it sounds."""
        said = _said(word)
        names = {
            name for variant in {*_deletions(word), said} for name in self._typos.get(variant, ())
        }
        found = []
        for name in names:
            if (
                _one_typo(word, name)
                or said == _said(name)
                or (len(name) >= TWO_LEFT_OUT_LENGTH and word in _two_left_out(name))
            ):
                entries = self._single[name]
                if entries not in found:
                    found.append(entries)
        return found[0] if len(found) == 1 else []

    def _typed_multi(self, folded: list[str], position: int) -> EntityMatch | None:
        """A multi-word name at `position` with one word typed with a typo ("Hnin-Beaumont",
        "Энен-Бмон", "Lutherstat Eisleben"): its other words as written or inflected, that one
        (of five letters or more in the name) one typo from its own as the whole name's length
        forgives, and neither a word of the bank nor a name of its own ("Herne ev" is no
        Herner EV). Found by the first word's beginning or by the second word."""
        if position + 1 >= len(folded):
            return None
        first = self.multi_words(folded[position])
        second = self._multi_second.get(folded[position + 1], ())
        if folded[position] in self._read_as:
            # A Chinese city's name whose first two characters are typed as others of the
            # same reading: found by the readings of its first character too.
            first = (
                *first,
                *(
                    found
                    for same in self._read_as[folded[position]]
                    for found in self.multi_words(same)
                    if found[1] == "city"
                ),
            )
        if not first and not second:
            return None  # most words: no multi-word name begins or goes on with them
        for sequence, kind, ids in (*first, *second):
            end = position + len(sequence)
            written = folded[position:end]
            if len(written) != len(sequence):
                continue
            wrong: list[tuple[str, str]] = []
            for word, name in zip(written, sequence, strict=True):
                if not _inflects(word, name):
                    wrong.append((word, name))
                    if len(wrong) > 1 and word not in self._homophones.get(name, ()):
                        break  # two words wrong: the rest need not be read
            if len(wrong) > 1 and kind == "city":
                # A Chinese city's name typed by its reading with every character another of
                # the same reading (卢洲 for 泸州, as a pinyin keyboard offers them) is that name.
                # Every character of a longer name so typed is rather a name and the word
                # after it ("卢洲是" is no 泸州市).
                if all(w in self._homophones.get(n, ()) for w, n in wrong) and (
                    len(wrong) < len(sequence) or len(sequence) == 2
                ):
                    return EntityMatch(kind, ids, position, end)
                continue
            if len(wrong) != 1:
                continue
            word, name = wrong[0]
            if word in self._homophones.get(name, ()) and kind == "city":
                return EntityMatch(kind, ids, position, end)
            length = sum(map(len, sequence))
            if (
                len(name) >= FUZZY_MIN_LENGTH
                and word.isalpha()
                and word not in self._single
                and word not in self._words
                and (_one_typo(word, name, length) or _said(word) == _said(name))
            ):
                return EntityMatch(kind, ids, position, end)
        return None

    def _han_left_out(self, folded: list[str], position: int) -> EntityMatch | None:
        """A city's name in Chinese characters (HAN_LEFT_OUT_LENGTH or more) at `position` with
        one character left out, as a foreign name is transcribed by ear ("贝克塔什", "韦克菲尔在哪"
        for 贝希克塔什, 韦克菲尔德): found by its first character or, that one left out, by its
        second."""
        if not _HAN.match(folded[position]):
            return None
        first = self.multi_words(folded[position])
        second = self._multi_second.get(folded[position], ())
        for sequence, kind, ids in (*first, *second):
            if kind != "city" or len(sequence) < HAN_LEFT_OUT_LENGTH:
                continue
            end = position + len(sequence) - 1
            written = tuple(folded[position:end])
            if any(
                sequence[:left] + sequence[left + 1 :] == written for left in range(len(sequence))
            ):
                return EntityMatch(kind, ids, position, end)
        return None

    def _partial_name(self, folded: list[str], position: int) -> EntityMatch | None:
        """An organisation's long name at `position` shortened (PARTIAL_NAME_WORDS): its first
        word there, then its words in order, each as written or inflected, with at most
        PARTIAL_SKIPPED of them left out between, the words written enough of the name."""
        for sequence, kind, ids in self.multi_words(folded[position]):
            if kind != "organisation" or len(sequence) < PARTIAL_NAME_WORDS:
                continue
            if not _inflects(folded[position], sequence[0]):
                continue
            written, at, skipped = 1, 1, 0
            end = position + 1
            while end < len(folded) and at < len(sequence):
                word = folded[end]
                step = next(
                    (
                        k
                        for k in range(PARTIAL_SKIPPED - skipped + 1)
                        if at + k < len(sequence) and _inflects(word, sequence[at + k])
                    ),
                    None,
                )
                if step is None:
                    break
                skipped += step
                at += step + 1
                written += 1
                end += 1
            if _HAN.match(sequence[0]):
                whole = at == len(sequence) and written >= len(sequence) - PARTIAL_HAN_LEFT
                if whole:
                    return EntityMatch(kind, ids, position, end)
            elif written >= PARTIAL_NAME_WORDS - 1 and 2 * written > len(sequence):
                return EntityMatch(kind, ids, position, end)
        return None

    def _split(self, folded: list[str], position: int) -> EntityMatch | None:
        """A city's name typed as two words, the first a syllable of at most SPLIT_SYLLABLE
        letters and the second of at least as many ("Lu Zhou", "lu dschou"): the two together
        that city's name, or one typo from it or as it sounds (`_typo_of`), the second no name
        of its own."""
        if position + 1 >= len(folded):
            return None
        first, second = folded[position], folded[position + 1]
        # The second at least as long: Turkish "her ne" (whatever) is no Herne.
        if not (
            2 <= len(first) <= SPLIT_SYLLABLE <= len(second)
            and first.isalpha()
            and second.isalpha()
        ):
            return None
        if self.single_word(second):
            return None
        joined = first + second
        entries = self._single.get(joined) or self._typo_of(joined)
        for kind, ids in entries:
            if kind == "city":
                return EntityMatch(kind, ids, position, position + 2)
        return None

    @lru_cache(maxsize=WORD_CACHE)  # noqa: B019 (one matcher per knowledge base, kept for its life)
    def glued(self, word: str) -> int:
        """Where a word that is no name splits into a word and a city's name typed without the
        space between them ("hatwakefield", "находитсябелгород", "koninwhere"): the place of
        the split in `word` (lower case, as written), or 0. The city's part must be a whole
        name of five or more letters as written or without its diacritics, the other part two
        or more letters; a set lookup per length of such a name, and none for a word longer
        than GLUED_MAX letters, so the cost stays bounded."""
        if not GLUED_MIN <= len(word) <= GLUED_MAX or not word.isalpha():
            return 0
        for length in self._glued_lengths:
            if length > len(word) - 2:
                break
            for split, part in ((len(word) - length, word[-length:]), (length, word[:length])):
                if part in self._glued_names and not self.single_word(fold_latin(word)):
                    return split
        return 0

    def _multi_word_name(
        self,
        folded: list[str],
        position: int,
        first: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...],
        partial: bool,
    ) -> EntityMatch | None:
        """A name of several words at `position` (whose `multi_words` are `first`): as written
        or inflected, one word typed with a typo, in Chinese characters with one left out, or
        an organisation's long name shortened (`partial`)."""
        hit = None
        for sequence, kind, ids in first:
            end = position + len(sequence)
            written = folded[position:end]
            if len(written) == len(sequence) and all(
                _inflects(word, name) for word, name in zip(written, sequence, strict=True)
            ):
                hit = EntityMatch(kind, ids, position, end)
                break
        if hit is None:
            hit = self._typed_multi(folded, position)
        if hit is None:
            hit = self._han_left_out(folded, position)
        # A long name shortened holds a shorter name whole: "黑尔讷友好城市关系促进协会" is the
        # association, not Herne.
        shortened = self._partial_name(folded, position) if partial else None
        if shortened is not None and (hit is None or shortened.end > hit.end):
            hit = shortened
        return hit

    def sounded(self, folded: list[str], free: Iterable[int]) -> list[EntityMatch]:
        """The cities whose names words at the positions `free` sound near, beyond what
        `find` forgives: a word (less a case ending) one letter from a city's name as it sounds
        (`_said`, SOUNDED_LEAST letters or more: "ветфилде", "vetfilt" for Уэкфилд, "vekfilt"),
        or Chinese characters that are a city's Chinese name with one character replaced by one
        the ear confuses with it (`_heard`: 科林 for 科宁, lin for ning). Looser than a typo, so
        only for a question read as nothing else (`Understander.name_sounded`)."""
        free = set(free)
        found: list[EntityMatch] = []
        said_names = self._said_names()
        for i, word in enumerate(folded):
            if i not in free or not word.isalpha() or word in self._words or _HAN.match(word):
                continue
            cuts = [word, *(word[: -len(e)] for e in _CASE_ENDINGS if word.endswith(e))]
            near = {
                ids
                for said_cut in [_said(cut) for cut in cuts if len(cut) >= SOUNDED_LEAST]
                for said, entries in said_names.items()
                if OSA.distance(said_cut, said, score_cutoff=1) <= 1
                for kind, ids in entries
                if kind == "city"
            }
            if len(near) == 1:
                found.append(EntityMatch("city", near.pop(), i, i + 1))
        for i, word in enumerate(folded):
            if i not in free or not _HAN.match(word):
                continue
            for sequence, ids in self._han_city_names():
                end = i + len(sequence)
                written = folded[i:end]
                if len(written) != len(sequence) or not free.issuperset(range(i, end)):
                    continue
                wrong = [(w, n) for w, n in zip(written, sequence, strict=True) if w != n]
                match = EntityMatch("city", ids, i, end)
                if (
                    len(wrong) == 1
                    and self._heard.get(wrong[0][0], "-") == self._heard.get(wrong[0][1], "+")
                    and match not in found  # a name and an alias alike ("科宁" twice)
                ):
                    found.append(match)
        return found

    def _said_names(self) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
        """The cities' names of SOUNDED_LEAST letters or more as they sound (`_said`), with
        their entries: the same for every question, made at the first `sounded`."""
        if self._sounded is None:
            self._sounded = {
                _said(name): self._single[name]
                for name in self._fuzzy_names
                if len(name) >= SOUNDED_LEAST and any(k == "city" for k, _ in self._single[name])
            }
        return self._sounded

    def _han_city_names(self) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """The cities' multi-word names written in Chinese characters (each character a word),
        with their ids: the same for every question, made at the first `sounded` that needs them
        (made per Chinese word, they cost a 4,096-character message of many such words 60 ms)."""
        if self._han_cities is None:
            self._han_cities = [
                (sequence, ids)
                for sequences in self._multi.values()
                for sequence, kind, ids in sequences
                if kind == "city" and all(_HAN.fullmatch(c) for c in sequence)
            ]
        return self._han_cities

    def find(self, folded: list[str], partial: bool = True) -> list[EntityMatch]:
        """Names in `folded` (words folded with fold_latin), longest first, left to right;
        `partial` false: no organisation's long name shortened (`_partial_name`)."""
        matches: list[EntityMatch] = []
        position = 0
        second = self._multi_second
        while position < len(folded):
            hit = None
            first = self.multi_words(folded[position])
            # Most words begin no multi-word name and are no second word of one (here or
            # next): then no name of several words begins here, typed, shortened or not.
            if (
                first
                or folded[position] in second
                or (position + 1 < len(folded) and folded[position + 1] in second)
            ):
                hit = self._multi_word_name(folded, position, first, partial)
            if hit is None:
                for kind, ids in self.single_word(folded[position]):
                    hit = EntityMatch(kind, ids, position, position + 1)
                    break
            if hit is None:
                hit = self._split(folded, position)
            if hit is not None:
                matches.append(hit)
                position = hit.end
            else:
                position += 1
        return matches


def _word_beginning(name_word: str) -> str:
    """What an inflected form of a name's word starts with: all of a short word, else all but
    its last two letters (at least four)."""
    return name_word if len(name_word) < 4 else name_word[: max(4, len(name_word) - 2)]


def _beginning(name: str, least: int = 5) -> str:
    """What an inflected form of a single name starts with: the name without the vowels it
    ends with (at most two, at least `least` letters left), which an ending may replace
    (Moskva, Moskve; Warszawa, Warszawie); a name ending in a consonant, whole (Koninie):
    "wieder" is no form of Wiedeń."""
    beginning = name
    while len(beginning) > max(least, len(name) - 2) and beginning[-1] in _VOWELS:
        beginning = beginning[:-1]
    return beginning


def _inflects(word: str, name_word: str) -> bool:
    """`word` is `name_word` or an inflected form of it: as long or up to five letters longer
    (never shorter: "Herne ev", a house in Herne, is not the Herner EV)."""
    if word == name_word:
        return True
    return (
        len(name_word) >= 4
        and len(name_word) <= len(word) <= len(name_word) + 5
        and word.startswith(_word_beginning(name_word))
    )


def _one_typo(word: str, name: str, length: int = 0) -> bool:
    """Whether `word` is `name` or one typo from it that a name of `length` letters (its own
    length if 0) forgives: a replaced letter from TYPO_REPLACED_LENGTH letters, a first letter
    left out, added or replaced from TYPO_FIRST_LETTER_LENGTH."""
    distance = OSA.distance(word, name, score_cutoff=1)
    if distance == 0:
        return True
    length = length or len(name)
    return (
        distance == 1
        and (length >= TYPO_REPLACED_LENGTH or not _replaced(word, name))
        and (
            length >= TYPO_FIRST_LETTER_LENGTH
            or word[0] == name[0]
            or sorted(word[:2]) == sorted(name[:2])
        )
    )


def _replaced(word: str, name: str) -> bool:
    """Whether `name`, one typo from `word`, differs from it by a replaced letter."""
    return len(word) == len(name) and sorted(word) != sorted(name)


@lru_cache(maxsize=64)
def _two_left_out(name: str) -> frozenset[str]:
    """The name with two of its letters left out, its first letter kept."""
    return frozenset(
        name[:i] + name[i + 1 : j] + name[j + 1 :]
        for i in range(1, len(name))
        for j in range(i + 1, len(name))
    )


def _deletions(word: str) -> set[str]:
    """The word and every form of it with one letter less."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


# Letters that sound alike in the names users type from another language's spelling.
_SOUNDS = (("ph", "f"), ("w", "v"), ("ck", "k"), ("ie", "i"), ("ee", "i"), ("y", "i"))
# What a name sounds like for a one-typo match: the hissing sounds one spelling writes zh, sh,
# j, z, sch or ch, and the affricates German writes tsch or dsch, English tch, Polish cz or
# dż, French dj, and another s (Luzhou, "Lujou", "Lushou", "Ludschou", "Loudjou"; Beşiktaş,
# "Beshiktash"), and a letter typed twice or more once ("Konninn", "Ometepeee"). Besides:
# a w that French and Spanish write ou, u or gu before a vowel ("Ouakefild", "Uakefild",
# "Guakefild"); a u French writes ou ("Loudjou"); a diphthong written ai, ei, aj, ej, ay or
# ey before a consonant ("Ajzleben", "Eyzleben": Eisleben); a Russian е written je after a
# consonant, and a last d written t as it is said ("Bjelgorot": Belgorod); a c before a, o or u
# said k, as Spanish, French, Italian and English write it ("conin", "Conin": Konin).
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HISSING = re.compile(r"[td]sch|tch|sch|sh|[cd]?zh|dz|cz|dj|ch|j|z")
_REPEATED = re.compile(r"(.)\1+")
_W_WRITTEN = re.compile(r"^(?:ou|gu|u)(?=[aei])")
_DIPHTHONG = re.compile(r"[ae][ijy](?=[b-df-hk-np-tv-xz])")
_SOFT_E = re.compile(r"(?<=[b-df-hk-np-tv-xz])je")
_LAST_D = re.compile(r"d$")
_HARD_C = re.compile(r"c(?=[aou])")
SAID_CACHE = 4096


# Per word: the one-typo checks compare the same question words and name words with each
# other question after question (three substitutions each time cost more than the lookup).
@lru_cache(maxsize=SAID_CACHE)
def _said(word: str) -> str:
    word = _DIPHTHONG.sub("ai", _W_WRITTEN.sub("v", _REPEATED.sub(r"\1", word)))
    word = _LAST_D.sub("t", _SOFT_E.sub("e", word))
    return _REPEATED.sub(
        r"\1", _HISSING.sub("s", _HARD_C.sub("k", _sound(word))).replace("ou", "u")
    )


# Chinese readings the ear confuses (pinyin without tones), as many speakers and pinyin
# keyboards' fuzzy settings do: the initials zh z, ch c, sh s and n l, the finals ing in, eng
# en, ang an (iang ian, uang uan). 科林 (ke lin) for 科宁 (ke ning), 泸邹 for 泸州.
_HEARD_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"))
_HEARD_FINAL = re.compile(r"(?<=[ieao])ng$")


def _heard(reading: str) -> str:
    for initial, heard in _HEARD_INITIALS:
        if reading.startswith(initial) and len(reading) > len(initial):
            reading = heard + reading[len(initial) :]
            break
    return _HEARD_FINAL.sub("n", reading)


def _sound(word: str) -> str:
    for letters, sound in _SOUNDS:
        word = word.replace(letters, sound)
    return word


# Not cached: it is called only when `single_word`'s cache missed (no hit in the bench stream).
def _stem(word: str, language: str) -> str:
    return str(stemmer(_STEMMED[language]).stemWord(word))


async def load_cities(db: Database) -> dict[str, City]:
    cities: dict[str, City] = {}
    for row in await db.fetchall("SELECT * FROM cities ORDER BY rowid"):
        city = City(
            id=row["id"],
            partner=bool(row["partner"]),
            flag=row["flag"],
            country_code=row["country_code"],
            partner_since=row["partner_since"],
            status=row["status"],
            status_since=row["status_since"],
            timezone=row["timezone"],
            lat=row["lat"],
            lon=row["lon"],
            website=row["website"],
            population=row["population"],
            population_year=row["population_year"],
            population_approx=bool(row["population_approx"]),
            signed_by=json.loads(row["signed_by"]),
            sources=json.loads(row["sources"]),
            aliases=json.loads(row["aliases"]),
            fact_sources=json.loads(row["fact_sources"]),
        )
        cities[city.id] = city
    for row in await db.fetchall("SELECT * FROM city_texts"):
        cities[row["city_id"]].texts[row["language"]] = {
            key: row[key] for key in ("name", "country", "region", "profile", "status_note")
        }
    return cities


async def load_organisations(db: Database) -> dict[str, Organisation]:
    sectors: dict[str, list[str]] = {}
    for row in await db.fetchall("SELECT * FROM organisation_sectors ORDER BY rowid"):
        sectors.setdefault(row[0], []).append(row[1])
    organisations: dict[str, Organisation] = {}
    for row in await db.fetchall("SELECT * FROM organisations ORDER BY rowid"):
        organisation = Organisation(
            id=row["id"],
            name=row["name"],
            kind=row["kind"],
            city_id=row["city_id"],
            website=row["website"],
            address=row["address"],
            founded=row["founded"],
            members_approx=row["members_approx"],
            sectors=sectors.get(row["id"], []),
            sources=json.loads(row["sources"]),
            aliases=json.loads(row["aliases"]),
        )
        organisations[organisation.id] = organisation
    for row in await db.fetchall("SELECT * FROM organisation_texts"):
        organisations[row["organisation_id"]].texts[row["language"]] = {
            key: row[key] for key in ("name_local", "location", "description")
        }
    return organisations
