"""Which events a question names by what they are ("wann ist das Schachturnier?", "kiedy turniej
szachowy?"): an inverted index of the published events' titles in every language, rebuilt when
the events table changes (migration 0016 counts its changes)."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from bot.languages import REGISTRY
from bot.lexicon import stopwords
from bot.model import LinearModel
from bot.nlp import fold_latin, lemma, words
from bot.understanding import Reader, Scan

# A word is compared by its first PREFIX letters (folded, in Latin letters), so that its
# inflections and the compounds it begins meet ("schachturnier" and "Schach-Jugendturnier",
# "szkół" and "szkolnych"); a title word is also found by any PREFIX letters inside it, so that
# a compound's later parts do ("fußball" in "Hallenfußballturnier").
PREFIX = 6
# Shorter words are no content words; a question word shorter than PREFIX is the beginning of
# a title word ("foot" begins "football", "szkół" folded begins "szkolnych").
SHORTEST = 3
# A question word shorter than PREFIX meets a title word that begins with it and goes on for
# at most this many letters: an ending ("szkol", "szkolny"), not another word ("дело",
# "деловой").
ENDING = 2
# A run of PREFIX letters inside a title word is a compound's later part only after a first
# part of at least this many letters that is no function word ("hallen" + "fußball", "eis" +
# "hockey"); after a prefix ("con|cierto", "in|formation") it is another word.
FIRST_PART = 3
# Question words the bank's phrasings use this commonly (their idf, scaled from the most common
# word's, 0, to a word never used, 1) are how questions are asked, not what an event is: they
# are not looked up ("when", "is", "there", "was").
MIN_SPECIFIC = 0.25
# At most this many of a question's words are looked up (a question is cut at 300 characters).
MAX_WORDS = 24
# A title word held by more events than this share of them (and than COMMON_EVENTS) names none
# in particular: it is not looked up, which bounds a question's cost at 10,000 events.
COMMON_SHARE = 0.05
COMMON_EVENTS = 32
_HAN_FIRST, _HAN_LAST = "\u3400", "\u9fff"


def _han(word: str) -> bool:
    return len(word) == 1 and (_HAN_FIRST <= word <= _HAN_LAST or "\uf900" <= word <= "\ufaff")


@dataclass(frozen=True)
class Term:
    """A content word of a text: its folded forms (as written, its lemma), the classifier
    feature that tells how common the bank's phrasings make it, and whether it names a sector
    (which a contacts answer explains)."""

    forms: frozenset[str]
    feature: str
    sector: bool = False


def terms(scan: Scan, language: str, reader: Reader | None = None) -> list[Term]:
    """The content words of a scanned text: not its names, function words, months or periods
    (read by `reader`, which also marks its sector words); Chinese as pairs of characters."""
    named = set(scan.named())  # months and periods are added to the names' places
    lowered = scan.lowered
    roots = scan.lemmas(language)
    sectors: set[int] = set()
    if reader is not None:
        # Fillers and the frame of a relayed claim name nothing ("¿es cierto que ...?" is no
        # "concierto").
        named |= reader.fillers_in(scan, language)
        free = [i not in named for i in range(len(lowered))]
        for start, end, _ in reader.months.find(scan.folded, roots, free, language):
            named.update(range(start, end))
        # "vor Weihnachten" is when, not the Christmas market.
        for start, end in reader.period_named(scan, language)[1]:
            named.update(range(start, end))
        free = [i not in named for i in range(len(lowered))]
        for start, end, _ in reader.sectors.find(scan.folded, roots, free, language):
            sectors.update(range(start, end))
    function_words = stopwords(language)
    result: list[Term] = []
    for i, word in enumerate(lowered):
        if i in named or roots[i] in function_words:
            continue
        if _han(word):
            following = lowered[i + 1] if i + 1 < len(lowered) else ""
            if i + 1 not in named and _han(following) and following not in function_words:
                pair = word + following
                result.append(Term(frozenset({pair}), f"b:{word} {following}", i in sectors))
            continue
        if len(word) < SHORTEST or word.isdigit():
            continue
        result.append(Term(frozenset({fold_latin(word), roots[i]}), "w:" + roots[i], i in sectors))
    return result


def positions_of(scan: Scan, language: str, forms: Collection[str]) -> set[int]:
    """The positions of a scanned text's words found by `forms` (`Found.form`, the shortest
    form `terms` gives a word; a Chinese pair's two characters), to read the text without
    them."""
    found: set[int] = set()
    lowered = scan.lowered
    for i, word in enumerate(lowered):
        if _han(word):
            if i + 1 < len(lowered) and word + lowered[i + 1] in forms:
                found.update((i, i + 1))
        elif fold_latin(word) in forms or lemma(word, language) in forms:
            found.add(i)
    return found


def forms_of(text: str, language: str) -> set[str]:
    """The forms of a text's words as a title's are indexed, without reading its names: what
    an FAQ entry holds, for the rarity of a title's words."""
    function_words = stopwords(language)
    found: set[str] = set()
    lowered = words(text, language)
    for i, word in enumerate(lowered):
        if _han(word):
            following = lowered[i + 1] if i + 1 < len(lowered) else ""
            if _han(following):
                found.add(word + following)
            continue
        if len(word) < SHORTEST or word.isdigit():
            continue
        root = lemma(word, language)
        if root not in function_words:
            found.update((fold_latin(word), root))
    return found


@cache
def _function_words() -> frozenset[str]:
    """Every language's function words, folded: a title's words are indexed language-blind."""
    return frozenset(
        form
        for language in REGISTRY
        for word in stopwords(language)
        for form in (word, fold_latin(word))
    )


def _title_keys(form: str) -> set[str]:
    """The keys a title word is found by: itself when short, its beginnings from SHORTEST+1
    letters, its first PREFIX letters, and every later run of PREFIX letters that begins a
    compound's part (after a first part of FIRST_PART letters or more, no function word)."""
    keys = {form[:n] for n in range(SHORTEST + 1, min(len(form), PREFIX))}
    if len(form) <= PREFIX:
        keys.add(form)
    keys.add(form[:PREFIX])
    function_words = _function_words()
    keys.update(
        form[i : i + PREFIX]
        for i in range(FIRST_PART, len(form) - PREFIX + 1)
        if form[:i] not in function_words
    )
    return keys


def _question_key(form: str) -> str:
    return form[:PREFIX]


@dataclass(frozen=True)
class Found:
    """A question word an event's titles hold: its shortest form, what it adds to the score,
    whether it names a sector."""

    form: str
    score: float
    sector: bool


@dataclass(frozen=True)
class EventMatch:
    event_id: str
    score: float  # the specificity of the question words its titles hold, weighted by rarity
    words: tuple[Found, ...]


class EventTitles:
    """The index. Built from (event id, language, title) rows; `count` is the events table's
    change count it was built at; `common`: in how many of `documents` other texts (the FAQ
    entries) each form occurs, so that a word the base uses everywhere ("partnership") tells
    less than one only an event's title holds ("chess")."""

    def __init__(
        self,
        rows: Iterable[tuple[str, str, str]],
        reader: Reader,
        count: int,
        common: dict[str, int],
        documents: int,
        known: dict[tuple[str, str], tuple[str, ...]] | None = None,
    ):
        self.count = count
        self.reader = reader
        self.common = common
        # (language, title) -> its words' forms: a rebuild reads again only new titles.
        self.known: dict[tuple[str, str], tuple[str, ...]] = {}
        self.events: list[str] = []
        ordinal: dict[str, int] = {}
        postings: dict[str, set[int]] = {}
        known = known or {}
        for event_id, language, title in rows:
            forms = known.get((language, title))
            if forms is None:
                scan = reader.scan(title)
                forms = tuple(sorted({f for t in terms(scan, language) for f in t.forms}))
            self.known[(language, title)] = forms
            at = ordinal.setdefault(event_id, len(ordinal))
            if at == len(self.events):
                self.events.append(event_id)
            for form in forms:
                postings.setdefault(form, set()).add(at)
        self.postings = {form: tuple(sorted(events)) for form, events in postings.items()}
        self.keys: dict[str, list[str]] = {}
        for form in self.postings:
            for key in _title_keys(form):
                self.keys.setdefault(key, []).append(form)
        self._common_events = max(COMMON_EVENTS, int(COMMON_SHARE * len(self.events)))
        self._documents = len(self.events) + documents
        self._scale = math.log(1 + max(1, self._documents))

    def rarity(self, form: str) -> float:
        """How much a title word tells events apart: 1 when one event holds it and nothing
        else does."""
        held = len(self.postings[form]) + self.common.get(form, 0)
        return math.log(1 + self._documents / held) / self._scale

    def match(
        self, question: Sequence[Term], model: LinearModel, limit: int = 5
    ) -> list[EventMatch]:
        """The events whose titles hold the question's specific words, best first."""
        if not self.events:
            return []
        scores: dict[int, float] = {}
        found: dict[int, list[Found]] = {}
        for term, specific in specificities(question[:MAX_WORDS], model):
            if specific < MIN_SPECIFIC:
                continue
            best: dict[int, float] = {}
            for form in term.forms:
                for title_form in self.keys.get(_question_key(form), ()):
                    if len(form) < PREFIX and not (
                        title_form.startswith(form) and len(title_form) <= len(form) + ENDING
                    ):
                        continue
                    events = self.postings[title_form]
                    if len(events) > self._common_events:
                        continue
                    weight = self.rarity(title_form)
                    for event in events:
                        if weight > best.get(event, 0.0):
                            best[event] = weight
            form = min(term.forms, key=len)
            for event, weight in best.items():
                scores[event] = scores.get(event, 0.0) + specific * weight
                found.setdefault(event, []).append(Found(form, specific * weight, term.sector))
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [EventMatch(self.events[e], score, tuple(found[e])) for e, score in ranked]


# Kinds of answer whose words may well name what an event is: the events', the FAQ entries'
# (trips), and what the bank teaches as out of scope (football matches, markets).
_EVENT_LIKE = frozenset({"events.upcoming", "events.past", "faq", "out_of_scope"})
# A word the classifier ties most to another kind of answer ("деловой": business contacts,
# "empresa": a sector's contacts) weighs this much of its specificity.
OTHER_KIND = 0.5


def specificities(question: Sequence[Term], model: LinearModel) -> list[tuple[Term, float]]:
    """Each word with how specific it is: 0 for the word the bank's phrasings use most, 1 for
    one they never use; halved for a word the classifier ties most to another kind of answer
    than events."""
    columns = model.index.lookup([t.feature for t in question])
    commonest = model.commonest
    span = max(model.rarest - commonest, 1e-9)
    result = []
    for term, column in zip(question, columns, strict=True):
        if column < 0:
            result.append((term, 1.0))
            continue
        specific = (model.idf.item(column) - commonest) / span
        if model.leading(column) not in _EVENT_LIKE:
            specific *= OTHER_KIND
        result.append((term, specific))
    return result


def keys_of(text_terms: Iterable[Term]) -> set[str]:
    """What a text (an answer's) is found by, to tell which words of a question it holds: a
    compound's last part shorter than PREFIX letters too ("Gysenberghalle" holds "Halle", which
    `_title_keys` leaves out of an event's title index, where "alle" would find "Sporthalle")."""
    return {
        k
        for t in text_terms
        for f in t.forms
        for k in (
            *_title_keys(f),
            *(f[i:] for i in range(max(FIRST_PART, len(f) - PREFIX + 1), len(f) - SHORTEST)),
        )
    }


def held(keys: set[str], found: Found) -> bool:
    return _question_key(found.form) in keys
