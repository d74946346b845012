"""What a question asks: its language, the kind of answer (intent) and the things it names.

The interface between understanding (this module) and composing answers (bot/compose.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import json
import logging
import math
import os
import random
import re
import sys
import time
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeGuard, cast

import numpy as np
import yaml

from bot.db import Database
from bot.detection import LanguageGuess, script
from bot.i18n import LANGUAGES
from bot.kb import (
    ASKED_FOR,
    BACKGROUND,
    COMPOSITION,
    COUNT,
    OPENING,
    SIGNATORY,
    VENUE,
    YAML_LOADER,
    load_yaml,
)
from bot.languages import REGISTRY
from bot.lexicon import CONTINENTS, MONTHS, Months, stopwords
from bot.memo import Last
from bot.model import FaqIndex, LinearModel, loads
from bot.nlp import (
    WORD_CACHE,
    as_written,
    caron_spelt,
    clean,
    drawn_out_readings,
    features,
    fold,
    fold_latin,
    language_features,
    latin_skeleton,
    lemma,
    lower,
    spoken_readings,
    transliterations,
    typed_latin_readings,
    undrawn,
    without_diacritics,
    word_spans,
    words,
    words_before,
)
from bot.periods import LAST_YEAR, Period, Periods
from bot.persons import latin_surnames, persons_at
from bot.resources import cache_dir, data_dir, write_cache
from bot.search import (
    City,
    EntityMatch,
    EntityMatcher,
    Organisation,
    load_cities,
    load_organisations,
)
from bot.smalltalk import (
    CANNOT,
    CAPABILITIES,
    CHATTER,
    COMPLAINT,
    GOODBYE,
    GREETING,
    SPOKEN,
    THANKS,
    SmallTalk,
)
from bot.spelling import LEFT_OUT_LENGTH, LONGEST_INDEXED, MAX_LOOKUPS, MIN_LENGTH, Speller

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Understanding:
    text: str  # cleaned, bounded question as the user wrote it
    language: str  # the language to answer in
    language_clear: bool  # the question's own language was detected
    intent: str  # "city.since", "faq.<id>", "out_of_scope", "smalltalk.greeting", ...
    confidence: float  # classifier probability of `intent` (0..1)
    cities: tuple[str, ...] = ()  # city ids named, in order, each once
    organisations: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()  # sector slugs named
    places: tuple[str, ...] = ()  # names of places that are NOT partner cities, as written
    months: tuple[int, ...] = ()  # months named (1-12), in order, each once
    # The period it names ("next week", "cet été", "in 2027"), for a list of events.
    period: Period | None = None
    # What it asks for besides its topic (bot.kb.ASKED_FOR: "signatory", "initiator", "count"),
    # by the bank's `asks` cues: an answer that does not hold it is no answer.
    asks: tuple[str, ...] = ()
    # Which way it compares two or more partner cities it names (COMPARISONS: "older",
    # "closer", ...), by the bank's `compares` cues; "" when it compares nothing.
    compares: str = ""
    # A city's fact asked in a word or two and of no city ("Einwohner", "time zone", "人口"):
    # asked of every partner city, as a distance so asked ranks them all.
    every: bool = False
    # The months it names with a year ("im Juli 2018", "2018年7月"): what it dates, not a month
    # of events asked about (`months`); what happened then (bot/compose.py `_year_story`).
    dated: tuple[int, ...] = ()
    # Read as small talk by the bank's cues (`bot.smalltalk`), not by the classifier: a
    # message of laughter or emoji alone ("😂", "?") is answered too.
    chat: bool = False
    # How many years a partnership has lasted is asked ("how many years", "ile lat"), by the
    # bank's `years_cues` (`Reader.years_asked`): counted from its beginning (bot/compose.py).
    counts_years: bool = False
    # The anniversary asked with its number ("das 30-jährige Jubiläum", "70周年"): 30, 70; 0
    # for none. Its year is the partnership's first year and that many more.
    anniversary: int = 0
    # How long the journey takes is asked ("how long is the drive", "wie lange fliegt man",
    # "开车要多久"), by the bank's `journey` cues (`Reader.journey`): the base holds the distance
    # as the crow flies, no timetables or travel times, and the answer says so.
    journey: bool = False
    # A ranking over the partner cities asked ("Which partner city is the biggest?", "the
    # three nearest", "sort them by size"), by the bank's `ranks` cues (`Understander.ranking`).
    ranking: Ranking | None = None
    # The past years a claim asked to be confirmed names ("Konin ist seit 1989 Partnerstadt,
    # oder?": 1989), read as claimed, not asked (`Understander.claimed`): the answer may say
    # whether the base bears them out.
    claimed: tuple[int, ...] = ()
    # Where a question of where the one partner city it names lies says a place for it ("Luzhou
    # liegt in Japan, oder?"): "yes" where the city lies there, "no" where it does not, "" for
    # no such place (`Understander.placed`); the answer says it first.
    placed: str = ""
    # A claim the base judges by all its partner cities ("Herne hat zehn Partnerstädte, oder?",
    # "Wakefield is the oldest partnership, right?"): "yes" or "no", "" for none
    # (`Understander.relayed_fact`); the answer (the list, the oldest and newest) says it first.
    judged: str = ""
    # Two partner cities asked how they are linked, where the base holds no link between them
    # (`Understander.link_asked`): the answer says so before each partnership's history.
    unlinked: bool = False
    # The partner cities a list question sets aside by name or by their country ("außer
    # Wakefield", "poza Polską", "除了中国以外"; `Reader.set_aside`): the list leaves them out.
    besides: tuple[str, ...] = ()


@dataclass(frozen=True)
class FaqEntry:
    id: str
    topic: str
    sources: list[str]
    cities: list[str]
    organisations: list[str]
    answers: dict[str, str]  # language -> answer (plain text)
    questions: dict[str, list[str]] = field(default_factory=dict)  # language -> phrasings
    # The bank's intents its questions ask for (data/faq.yaml `intents`); empty: its own.
    intents: list[str] = field(default_factory=list)
    date: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    office: bool = False  # made by the office from users' questions, in the bot
    # What its answer holds of what a question may ask for (data/faq.yaml `holds`).
    holds: frozenset[str] = frozenset()


def _without_slot(normalised: Normalised, slot: str) -> Normalised:
    """The question read again without a slot's placeholder word, in each half of its document."""
    return replace(
        normalised,
        document="\t".join(
            " ".join(w for w in half.split(" ") if w != slot)
            for half in normalised.document.split("\t")
        ),
    )


def _partnership_of(entry: FaqEntry) -> str | None:
    """The partner city whose partnership an entry tells of: its first city but Herne."""
    return next((c for c in entry.cities if c != HERNE), None)


def tells_history(entry: FaqEntry) -> bool:
    """Whether an entry tells a partnership's history (`Knowledge.faq_history`)."""
    return "city.history" in entry.intents or entry.topic == "history"


# The topics of the entries that tell what happened in a year ("Was war 2015 mit Belgorod?"):
# a partnership's history, its exchanges and the declaration; not the plans announced, a
# city's economy or research, dated as they are (`Knowledge.faq_by_year`).
YEAR_TOPICS = frozenset({"history", "exchange", "declaration"})
# The earliest year a question may ask about as its topic: the partnerships' roots (1906).
FIRST_STORY_YEAR = 1900
_STORY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


# A year written with its last two digits: "in '90", "у 90-му", "в 90-м году", "90-го года",
# "90'da". Not a decade ("the 90s", "90-х", "90er", "90'lı yıllar"): no year is meant.
_SHORT_YEAR = re.compile(
    r"(?<![\w'’])['’](\d\d)(?![\d'’]|s\b)"
    r"|(?<![\d.,])(\d\d)\s?-\s?(?:му|м|го|ом)(?!\w)"
    r"|(?<![\d.,])(\d\d)['’](?:da|de|ta|te)(?!\w)",
    re.IGNORECASE,
)


# What a partnership is now or since when, read surely, stays so when Herne and one partner
# city are asked how they are linked ("Wie steht es um die Verbindung zwischen Herne und
# Belgorod?" asks its status), and so do events ("What links Herne and Konin this summer?"):
# the rest of such questions get the partnership's history.
LINK_KEPT = frozenset({"city.status", "city.since", "city.history"})
# The readings of a partner city that say nothing of how its partnership began, given up where
# its roots are asked (`Understander.roots_asked`): "Wo liegen die Ursprünge der Partnerschaft
# mit Beşiktaş? Beim Fußball?" read as the status said only that it exists. Any other sure
# reading stays: "roots", "born", "began" ask a population, Herne's Polish roots, an event as
# often ("Ile osób w Herne ma polskie korzenie?", "Mi abuela nació en Ometepe. ¿Cuánta gente
# vive allá hoy?").
ROOTS_OVERRIDDEN = frozenset({"city.status", "city.where", "city.profile"})
# The kinds of name that describe a partner city without naming it: its country, its region,
# what it is known by (`Understander.began_described`).
DESCRIBING = frozenset({"country", "region", "known_by"})
# Readings of a partner city that a question asking why it matters or what it is famous for
# does not ask (`Understander.renown_asked`): its founding, which words like "gilt als" draw.
RENOWN_OVERRIDDEN = frozenset({"city.founded"})
# A fact of a city asked in the clause after a story naming another city (the asker's own):
# of the clause's city (`Understander.clause_city`). Herne has no partnership of its own, so
# a partnership's fact asked of it is the story's city's ("Ich wohne in Konin. Seit wann sind
# wir Partner von Herne?").
HERNE_CLAUSE_FACTS = frozenset(
    {"city.where", "city.website", "city.time", "city.profile", "city.population"}
)
# A question of where a city lies (`Understander.where_said`) may hold this many words besides
# the city, the bank's `where_cues`, function words and fillers ("wo issn dieses luzhou
# überhaupt"); with one, only a reading of the classifier's that is unsure or one of these is
# given up ("де був айслебен" read as when it was founded, which the base does not hold).
WHERE = "city.where"
WHERE_BESIDE = 1
WHERE_OVERRIDDEN = frozenset({"city.founded", "city.profile", WHERE})
# The fewest words of its own for a clause's reading to decide (a name alone, "… pardon, à
# Wakefield", reads as the city's profile whatever was asked).
CLAUSE_WORDS = 2
CLAUSE_FACTS = HERNE_CLAUSE_FACTS | {"city.since", "city.status", "city.area", "city.history"}


# The least confidence of the declaration's reading that a question asking what led up to it
# is that entry from (`Understander.background_asked`).
BACKGROUND_MIN = 0.2


def short_years(text: str, this_year: int) -> frozenset[str]:
    """The years a text writes with two digits (`_SHORT_YEAR`), in full: of this century up
    to this year, else of the last ("'90" is 1990, "'16" 2016)."""
    found = set()
    for m in _SHORT_YEAR.finditer(text):
        two = int(next(g for g in m.groups() if g))
        found.add(str(2000 + two if 2000 + two <= this_year else 1900 + two))
    return frozenset(found)


def asked_year(text: str, this_year: int) -> int | None:
    """The one year up to `this_year` a question names ("2015-м", "2016'da", "1987年"), or
    None when it names none or several."""
    years = {int(y) for y in _STORY_YEAR.findall(text)}
    years = {y for y in years if FIRST_STORY_YEAR <= y <= this_year}
    return next(iter(years)) if len(years) == 1 else None


@dataclass
class Knowledge:
    """The knowledge base in memory, loaded once at start (and again after a change)."""

    cities: dict[str, City]
    organisations: dict[str, Organisation]
    faq: dict[str, FaqEntry]
    # The FAQ entries by the cities they concern and by the intents they answer, in the
    # files' order: composing must not walk 10,000 entries per question.
    faq_by_city: dict[str, list[FaqEntry]] = field(init=False)
    faq_by_intent: dict[str, list[FaqEntry]] = field(init=False)
    # By intent and the first partner city the entry is about (None: about Herne only).
    faq_by_intent_city: dict[tuple[str, str | None], list[FaqEntry]] = field(init=False)
    # By the first partner city they are about, the entries marked as its history or about
    # history, by date (undated first): how a partnership began is the first few that fit.
    faq_history: dict[str, list[FaqEntry]] = field(init=False)
    # By topic and each city they concern, in the files' order.
    faq_by_topic_city: dict[tuple[str, str], list[FaqEntry]] = field(init=False)
    # The dated entries of YEAR_TOPICS by their year ("2018"), by date: what happened then.
    faq_by_year: dict[str, list[FaqEntry]] = field(init=False)
    # The same by year and each city they concern, in `faq_by_year`'s order, and each entry's
    # place in it: a year asked of a city must not walk a large base's whole year.
    faq_by_year_city: dict[tuple[str, str], list[FaqEntry]] = field(init=False)
    year_rank: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.faq_by_city = {}
        self.faq_by_intent = {}
        self.faq_by_intent_city = {}
        self.faq_history = {}
        self.faq_by_topic_city = {}
        self.faq_by_year = {}
        for entry in self.faq.values():
            if entry.date and entry.topic in YEAR_TOPICS:
                self.faq_by_year.setdefault(entry.date[:4], []).append(entry)
            for city in dict.fromkeys(entry.cities):
                self.faq_by_city.setdefault(city, []).append(entry)
                self.faq_by_topic_city.setdefault((entry.topic, city), []).append(entry)
            main = next((c for c in entry.cities if c != HERNE), None)
            for intent in dict.fromkeys(entry.intents):
                self.faq_by_intent.setdefault(intent, []).append(entry)
                self.faq_by_intent_city.setdefault((intent, main), []).append(entry)
            if main is not None and tells_history(entry):
                self.faq_history.setdefault(main, []).append(entry)
        for entries in self.faq_history.values():
            entries.sort(key=lambda e: e.date or "")
        self.faq_by_year_city = {}
        self.year_rank = {}
        for year, entries in self.faq_by_year.items():
            entries.sort(key=lambda e: e.date or "")
            for rank, entry in enumerate(entries):
                self.year_rank[entry.id] = rank
                for city in dict.fromkeys(entry.cities):
                    self.faq_by_year_city.setdefault((year, city), []).append(entry)

    @classmethod
    async def load(cls, db: Database) -> Knowledge:
        return cls(await load_cities(db), await load_organisations(db), await load_faq(db))


async def load_faq(db: Database) -> dict[str, FaqEntry]:
    cities: dict[str, list[str]] = {}
    for row in await db.fetchall("SELECT faq_id, city_id FROM faq_cities ORDER BY rowid"):
        cities.setdefault(row[0], []).append(row[1])
    organisations: dict[str, list[str]] = {}
    for row in await db.fetchall(
        "SELECT faq_id, organisation_id FROM faq_organisations ORDER BY rowid"
    ):
        organisations.setdefault(row[0], []).append(row[1])
    entries: dict[str, FaqEntry] = {}
    for row in await db.fetchall(
        "SELECT id, topic, sources, intents, date, origin, holds FROM faq ORDER BY rowid"
    ):
        entries[row[0]] = FaqEntry(
            row[0],
            row[1],
            json.loads(row[2]),
            cities.get(row[0], []),
            organisations.get(row[0], []),
            {},
            {},
            json.loads(row[3]),
            row[4],
            row[5] == "office",
            frozenset(json.loads(row[6])),
        )
    for row in await db.fetchall("SELECT faq_id, language, answer, questions FROM faq_texts"):
        entry = entries[row[0]]
        entry.answers[row[1]] = row[2]
        entry.questions[row[1]] = json.loads(row[3])
    return entries


# ---- the question bank ------------------------------------------------------------------

SLOTS = re.compile(r"\{(city2?|org|sector|place|month)\}")
# The kind of a name a partner city is known by ("Luther" for Eisleben: data/questions/
# known_by.yaml), which stands for the city where the question does not name it.
KNOWN_BY = "known_by"
# The kind of a region a partner city lies in (data/questions/regions.yaml): it names the city
# as its country does, and has its own population, area, founding and website.
REGION = "region"
# What a recognised name becomes for the classifier: "Wo liegt Konin?" and "Where is
# Wakefield?" both teach "where is xcityx", so one phrasing of the bank serves every city.
PLACEHOLDERS = {
    "city": "xcityx",
    "country": "xcountryx",
    "organisation": "xorgx",
    "place": "xplacex",
    "sector": "xsectorx",
    # "Ist im Januar was los?" and "Anything on in May?" teach one question of every month.
    "month": "xmonthx",
    KNOWN_BY: "xcityx",
    REGION: "xcountryx",
}
HERNE = "herne"
# Herne is named in half of all questions ("... partner city of Herne?"): its own placeholder
# keeps it from looking like a question about a partner city.
HOME_PLACEHOLDER = "xhernex"
OUT_OF_SCOPE = "out_of_scope"
# The classifier's intent for a question about one of the FAQ's facts; the FAQ index then
# names the entry, and the understanding says "faq.<id>".
FAQ = "faq"
# Which way a question may compare two or more partner cities (the bank's `compares` cues:
# "which is older", "closer"), and the kinds of answer whose facts it compares, the first
# being the one a question of another kind gets: "Which is newer, Luzhou or Beşiktaş?" asks
# when both partnerships began, "Is Konin older than Wakefield?" read as the cities'
# founding gets that too (bot/compose.py).
COMPARISONS = {
    "older": ("city.since", "city.history", "city.status", "city.founded"),
    "newer": ("city.since", "city.history", "city.status", "city.founded"),
    "larger": ("city.population",),
    "smaller": ("city.population",),
    "closer": ("city.distance",),
    "farther": ("city.distance",),
}
# The bank's `since_cues`: both found, a question naming a partner city asks since when the
# partnership with it has lasted ("Wakefield işi ne zamandır var?", "lo de Wakefield, ¿desde
# cuándo existe?", "the Wakefield thing, since when is that a thing"): the readings that ask a
# time of the city (its founding, its events) are the partnership's start, which the
# classifier, seeing a vague word for it, splits between them.
SINCE_CUES = ("lasting", "thing")
# The bank's `years_cues`: "count" asks how many years a partnership has lasted, "anniversary"
# with a number beside it which of its anniversaries ("30-летие", "the 70th anniversary").
YEARS_CUES = ("count", "anniversary")
# The bank's `twinned` cues: whether two partner cities a question names are asked as each
# other's twins ("Is Konin twinned with Wakefield?"), which the base does not hold.
TWINNED_CUES = ("each_other", "with", "of_it", "both")
# The bank's `near` cues: a name right after a "before" cue ("near", "рядом с", "niedaleko") or
# right before an "after" cue ("旁边", tr "yakınında") says where something else lies; so does
# one a few words after a word beginning with a "neighbour" stem ("Nachbarstädtchen von",
# "соседнем с", "sąsiednia gmina"), whose inflections and compounds no list of phrases holds.
# A "part" stem does so too, a word saying the place is a part of the city's surroundings
# ("a suburb of Belgorod", "пригород Белгорода", "un pueblo de Ometepe", "im Landkreis Konin").
# The bank's `besides` cues: a partner city or country named right after a "before" cue
# ("apart from", "кроме", "poza", "除了") or right before an "after" one (tr "hariç", "dışında",
# zh "以外"), at most BESIDES_REACH words between ("außer der in Frankreich", "apart from the one
# in Germany"), is set aside by a list question (`Reader.set_aside`), and so are those joined to
# it by an "and" cue ("außer Luzhou und Ometepe"). A "before" cue is no name nobody taught.
BESIDES_CUES = ("before", "after", "and")
BESIDES_REACH = 3
# The bank's `subject` cues, in a language written without spaces: what a question asks to be
# a partner city is the characters from its start ("请问", "那" left out: "lead") to the "copula"
# right before Herne's name ("达州也是黑尔讷的…", "X和黑尔讷结好了吗"), SUBJECT_CHARACTERS long,
# one at least no phrasing of the bank uses (`Understander._framed_subject`).
# Named after Herne, from a "join" cue right after its name to a "then" cue ("黑尔讷和南京有没有
# 结为友好城市").
SUBJECT_CUES = ("lead", "copula", "join", "then")
SUBJECT_CHARACTERS = (2, 5)
_HAN_CHARACTER = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _unnamed_characters(folded: list[str], named: frozenset[int], start: int, end: int) -> bool:
    """Whether the words `start`..`end` are Chinese characters, none of them part of a name."""
    return named.isdisjoint(range(start, end)) and all(
        _HAN_CHARACTER.match(c) for c in folded[start:end]
    )


# A partner city is a landmark, too, where a place is set apart as how far it lies from it
# (`Reader.way_from`): a "from" cue right before the name with a "way" word a few words before
# it ("Horbury, just down the road from Wakefield", "Короча, в получасе езды от Белгорода",
# "Rouvroy, à un quart d'heure d'Hénin-Beaumont": the elided "d'" leaves the way word itself
# right before it), in Chinese a "way" word a few characters after it ("纳溪，距泸州半小时车程",
# "离泸州一小时车程的叙永": set apart, or an "attributive" particle right after), in Turkish an
# "away" word a few words after it ("Beşiktaş'a birkaç kilometre uzaklıktaki Kağıthane").
NEAR_CUES = ("before", "after", "neighbour", "part", "from", "way", "away", "attributive")
# How many words (characters in Chinese) a way ("ten minutes by car", "半小时车程") may take.
WAY_REACH = 6
# The bank's `signing` cues (`Understander.signing`): a word for signing ("verbs"; none where a
# "not_verbs" cue stands: "sign up", "подписаться на", "签证"), a partner
# city right after a "with" cue or right before a "with_after" one (or with a Turkish
# "with_endings" suffix: "Beşiktaş'la") is the partner signed with; a "too" cue sets a city that
# signed among others ("too", "who else", "beforehand"); "declaration" names the declaration;
# "cities" asks which cities ("Какие города охватывает декларация?"); "mayors" are words for
# a city's mayor (its head): one asked of the declaration's year or beside its word asks who
# signed it ("wer war der bürgermeister von belgorod, der 2018 hier war?"); "deal" names what
# was signed (a contract, an agreement, "签的约"): beside one partner city, its own partnership.
SIGNING_CUES = (
    "verbs",
    "not_verbs",
    "with",
    "with_after",
    "with_endings",
    "too",
    "declaration",
    "cities",
    "mayors",
    "deal",
    "first",
)
# How many words before a partner city's name a "neighbour" word may stand: itself, and up to
# two between ("sąsiednia gmina Konina", "Nachbarstädtchen von Eisleben").
NEIGHBOUR_REACH = 3
# The bank's `asker` cues: a clause in which the asker tells of themselves ("I", "мы", "我", a
# verb's first person: "prowadzę", "çiftliğim"), and the words right before where they are
# ("in", "в", "在"): what such a clause says beside a partner city is the asker's own situation.
ASKER_CUES = ("words", "endings", "at")
# The bank's `reach` cues: a group of the asker's ("unser Chor", "наш хор", "notre club") and
# the asking whom to turn to ("mit wem", "кому писать", "à qui"): such a group looking for its
# counterpart in a partner city asks for the association, which arranges those contacts.
# Taking part ("takes_part": "get involved", "mitmachen", "участвовать", "colaborar") in the
# partnerships, asked with whom to turn to, asks for it too (`Understander.taking_part`).
REACH_CUES = ("groups", "whom", "takes_part")
# The bank's `happening` cues (`Understander.event_described`): an event by what it is
# ("kinds": a show, a concert) or by who comes or whom it is for ("guests": young athletes,
# children), the asking when or whether it comes ("asked"), and the telling of what was or the
# asking since when ("past": "the first time", "back then", "since", "became"), which makes it
# history, not an event to come.
HAPPENING_CUES = ("kinds", "guests", "asked", "past")
# The bank's `founding` cues (`Understander.founding`): opening a venture of one's own ("open",
# "aufmachen", "открыть", "开") and what it is ("shop", "Café", "салон", "店"), founders
# ("Existenzgründer", "предприниматели"), asking whom to turn to or who helps ("helps"), or who
# promotes ("promotes") the economy ("economy"): business development, which helps founders.
# "unheld" is what the base holds nothing of (a permit, a price, a rent, a tax). "endings" are
# the endings of the names of shops in a language that forms them so ("onglerie", "Bäckerei",
# "peluquería"): a venture too, however rare the trade (`Reader.ends_as`).
FOUNDING_CUES = (
    "opens",
    "ventures",
    "founders",
    "helps",
    "economy",
    "promotes",
    "unheld",
    "endings",
)
# A word that ends as a shop's name is one with at least this many letters before the ending.
ENDING_STEM = 3
# The bank's `claim_facts` cues (`Understander.relayed_fact`): what a claim relayed to be
# checked says of a partner city, by which of its facts confirms or corrects it: "where" (a
# district, a part of another city, no city of its own) or "founded" (centuries old, two towns
# merged).
CLAIM_FACT_CUES = ("where", "founded")
# The readings that tell when a partnership began: a claim made by a particle alone is judged
# when read as one of them (`Understander.claimed`).
CLAIMED_BEGINNINGS = frozenset({"city.since", "city.history"})
# A place said of a partner city is where it is said to lie when at most this many words
# stand between them ("Konin находится в Чехии", "Luzhou se trouve au Japon").
PLACED_GAP = 3
_CLAUSE_MARK = re.compile(r"[,;:.!?？，。！；：]")
# The bank's `itself` cues (`Understander.body_itself`): what an organisation is rather than
# how to reach it: its members, sections, founding, what it consists of ("about"), whether
# there is one ("exists"), what it is ("what": "what is", "c'est quoi", "是什么"); becoming a
# member ("joins") is reaching it, unless a figure of it is asked beside ("figure": how many
# members, since when). Where a club plays ("venue": its home ground) and what it is called
# ("named") are what its card holds too.
ITSELF_CUES = ("about", "exists", "joins", "what", "figure", "venue", "named")
# The `itself` cues that ask an attribute of the organisation named (its card holds it).
ITSELF_ASKED = frozenset({"about", "figure", "venue", "named"})
# The bank's `ranks` cues (`Reader.ranked`): a ranking over the partner cities. The ways
# ("largest", "nearest", ...) with the fact each ranks by; "sort" asks for them all in order;
# "size", "distance" and "age" say by what; "above" and "below" with a number and a measure
# ask which lie beyond a figure ("more than 2,000 km"); "thousand" multiplies that number;
# "two" to "five" say how many ("the three biggest"); "unheld" ranks by what the base does not
# hold ("the richest", "самый тёплый", "en güzel"), which no list or entry answers; "which"
# chooses among things said before ("which of them", "laquelle", "hangisi", "其中"): a follow-up
# whose list was the partner cities.
RANK_WAYS = {
    "largest": "population",
    "smallest": "population",
    "nearest": "distance",
    "farthest": "distance",
    "oldest": "since",
    "newest": "since",
}
RANK_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5}
# "Which of the European partner cities is the biggest?": the partner cities of a continent,
# by the area of their time zone in the base (facts.md: Beşiktaş's is Europe/Istanbul, on the
# European shore; Belgorod's Europe/Moscow).
RANK_CONTINENTS = {"europe": "Europe/", "asia": "Asia/", "america": "America/"}
RANK_MEASURES = {"size": "population", "distance": "distance", "age": "since"}
RANK_CUES = (
    *RANK_WAYS,
    "sort",
    *RANK_MEASURES,
    "above",
    "below",
    "thousand",
    *RANK_COUNTS,
    "unheld",
    *RANK_CONTINENTS,
    "which",
)
# The bank's `facts` cues (`Reader.facts_named`): the kinds of a partner city's fact a message
# names by a word of its own ("Einwohner", "how far", "сайт", "面积"), each the reading that
# answers it, and "unheld": a fact of a city the base does not hold (its mayor, its weather).
FACT_READINGS = {
    "population": "city.population",
    "area": "city.area",
    "website": "city.website",
    "distance": "city.distance",
    "clock": "city.time",
    "since": "city.since",
}
FACT_CUES = (*FACT_READINGS, "unheld")
# The facts of a partner city asked beside what it is known by (`Understander.epithet_beside`),
# and how many words may stand between that name and the city's own and describe the city by
# it ("Luthers Geburtsstadt", "路德的出生地": 的出生地 is four characters).
EPITHET_REACH = 4
EPITHET_FACTS = frozenset(
    f"city.{kind}" for kind in "where population since website distance time area founded".split()
)
# At most this many facts of one city are composed into one reply: "population, distance and
# website" is answered in full; a fourth and more are left for another message, and the reply
# says so (bot/qa.py).
MAX_FACTS = 3
# A whole message read as one of these is one of the facts it asks for, where the bank's cues
# name the others ("Seit wann ist Konin Partnerstadt, Einwohner und Webseite?").
FACTS_WITH = frozenset({*FACT_READINGS.values(), "city.status", "city.founded", "city.history"})
# What a question asks for besides its topic (`asks`) that no fact of a city holds.
FACTS_UNHELD_ASKS = frozenset({"weather", "recommendation", "venue", "price"})
# What a question asks for that a city's history holds: a mayor asked with it signed ("which
# mayor signed it?"), and is no unheld fact.
FACTS_HISTORY_ASKS = frozenset({"signatory", "initiator"})
# Each measure's first way, for a sorted list that names none ("sort them by distance").
RANK_FIRST = {"population": "largest", "distance": "nearest", "since": "oldest"}
# The readings a ranking question is read as when the classifier sees its topic: a city's
# fact asked of none, the list, the FAQ's oldest and newest partnership. Read confidently as
# something else (events, contacts, out of scope), a superlative is that reading's own
# ("the biggest event"); read as nothing, the ranking is what is left.
OLDEST_NEWEST = "faq.oldest-newest-partnership"
# When one partnership began: what its first ("最早", "earliest") asks of it.
BEGAN = ("city.since", "city.history")
SINCE_WAYS = frozenset(w for w, measure in RANK_WAYS.items() if measure == "since")
RANKED_READINGS = ("city.", "partners.", OLDEST_NEWEST)
# Below this, another reading yields to a superlative of what the base ranks by: "wer is die
# größte partnerstadt" read as the partner-city offices at 0.60 by "wer" and "Partnerstadt".
RANK_OVER = 0.75
# A number in a question ("2000", "2,000", "2 000", "2.000"), for a figure or a count.
_FIGURE = re.compile(
    r"(?<![\d.,])\d{1,3}(?:[ .,\u00a0\u202f'’]\d{3})+(?![\d])|(?<![\d.,])\d+(?![\d])"
)
# The most ranked in one answer: the list of all of them is the ranking itself.
RANK_MOST = 8
# The largest number a ranking reads as a figure (a population or a distance in km): a longer
# run of digits ("more than 999999999999999999999999999999 km") is no figure to rank by, and
# could not be written back in the answer's heading (Babel's decimals stop at 28 digits).
RANK_FIGURE_MOST = 10**12


@dataclass(frozen=True)
class Ranking:
    """A ranking over the partner cities (or those named, three and more): by `measure`
    ("population", "distance", "since"), in the order of `way` ("largest", "nearest", ...);
    `count` of them (1: the one that answers; 0: all, sorted), or those beyond `limit` (a
    figure, above it when `above`)."""

    measure: str
    way: str
    count: int = 1
    limit: float | None = None
    above: bool = True


@dataclass(frozen=True)
class FactsAsked:
    """The facts of one partner city one message asks for (`Understander.facts_asked`): each
    fact's reading in the order asked; `unheld`: it also asks for a fact the base does not
    hold of any city (its mayor, its weather)."""

    readings: tuple[Understanding, ...]
    unheld: bool = False


# A person's name nobody taught, left out of what tells a question's language: at least this
# many capitalised words in a row ("Jan Kowalski"), each below this code point (Latin letters).
PERSON_NAME_WORDS = 2
LATIN_END = "\u0250"


def _below_latin_end(word: str) -> bool:
    """Whether every letter of `word` comes before LATIN_END (its greatest, found in C)."""
    return max(word, default="") < LATIN_END


# The numbers an anniversary may have: written in digits, up to this ("1990" is a year).
MAX_ANNIVERSARY = 150
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?![\d,]|\.\d)")
SINCE = "city.since"
PROFILE = "city.profile"
SINCE_READINGS = frozenset({SINCE, "city.founded", "events.upcoming", "events.past"})
# The intents about the cooperation declaration of 2018 (data/faq.yaml marks its entries).
DECLARATION = "declaration."
DECLARATION_TOPIC = "declaration"


def _folded_phrases(
    phrases: list[Any] | None, longest_first: bool = True
) -> tuple[tuple[str, ...], ...]:
    """A bank list of phrases as their folded words: unique and longest first (a claim's tags and
    negations), or each as written, in order (`longest_first=False`)."""
    folded = [tuple(fold_latin(w) for w in words(str(p))) for p in phrases or []]
    if not longest_first:
        return tuple(folded)
    return tuple(sorted(set(folded) - {()}, key=len, reverse=True))


@dataclass
class Bank:
    """The question bank: phrasings per language and intent, sector words, other places."""

    sectors: dict[str, dict[str, list[str]]]  # language -> sector -> words
    places: list[dict[str, list[str]]]  # one dict per place: language -> names
    digest: str  # of the files, for the model's key
    # The files as read, compressed: only training reads the phrasings, and the bot process
    # that keeps the bank for its reader need not hold them parsed (2 MB).
    files: list[tuple[str, bytes]] = field(repr=False, default_factory=list)
    # language -> folded filler words ("eigentlich", "короче", "lol"): they say nothing about
    # what is asked, and read as words they only drag a question's confidence down.
    fillers: dict[str, frozenset[str]] = field(default_factory=dict)
    # language -> folded variant of a word -> the word, lower-cased and folded: the ways
    # people type a word of the bank (diminutives, short forms: "привітики" and "spasibki" are
    # "привіт" and "спасибо"), read as the word.
    variants: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    # (city id, names in any language): what a partner city is known by ("Luther" for
    # Eisleben), which stands for the city where the question does not name it.
    known_by: list[tuple[str, list[str]]] = field(default_factory=list)
    # language -> words that join two questions in one message ("and", "und", "а также"),
    # lower-cased as written.
    joins: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # language -> words (or phrases) that begin like a sector word but are another common word
    # ("pflegt", "take care", "sağlıcakla"), lower-cased as written.
    not_sectors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # language -> what a question may ask for besides its topic -> its cues ("who signed",
    # "wer ... unterschr"), lower-cased as written.
    asks: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # language -> which way a question compares partner cities -> its cues ("which is older",
    # "mas antigu"), lower-cased as written.
    compares: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # language -> kind -> words: kinds of organisation the base holds none of (kinds.yaml:
    # a chamber of commerce, a lawyer); a question asking for one falls back.
    kinds: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # Chinese characters by their reading (homophones.yaml): a character of a city's Chinese
    # name typed as another of the same reading.
    homophones: dict[str, str] = field(default_factory=dict)
    # language -> period (bot.periods: "week+1", "summer") -> its phrases (periods.yaml).
    periods: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # Words that are a name's spelling in another script (German "gerne", gladly, is
    # Ukrainian Герне typed in Latin letters: folded, typed in Latin letters) or a name one
    # typo away (Ukrainian "площа", area, and "Польща": as written): the words, never the name.
    not_names: frozenset[str] = frozenset()
    # (city id, names with their language): the regions partner cities lie in ("Sichuan" for
    # Luzhou), which stand for the cities in them as their countries do.
    regions: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    # language -> fillers of several words, folded ("w ogóle", "en fait", "до речі"): left
    # out only together, as their words alone are words like any other ("w", "fait").
    filler_phrases: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # language -> "lasting" (since when, how long: "seit wann", "ne zamandır") or "thing" (the
    # partnership named by a vague word beside the city: "das mit", "the ... thing", "lo de",
    # "olayı") -> cues, lower-cased as written (`Reader.lasting`).
    since_cues: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # language -> the words around a kind that make it the asker's own, not one asked for
    # (kinds.yaml `own`: "I'm an _", "als _", "nasza _", "_ olarak"), lower-cased as written.
    own_kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # language -> cues of the time here and now ("который час", "saat kaç", "what time is
    # it"), lower-cased as written (`Reader.time_now`): a bare time question so asked is out
    # of scope, where "local time" or "Zeitzone" alone asks every partner city's clock.
    time_now: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # language -> small-talk kind -> cues ("you are useless", "how r u", "lol", "меня зовут
    # _"), read in questions only (`bot.smalltalk`): a message that is nothing else is that
    # small talk.
    smalltalk: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    # (city id, names with their language): other names of the country a partner city lies in
    # than its own `country` ("Großbritannien", "UK", "Türkiye": countries.yaml).
    countries: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    # Countries without a partner city, places a letter from a partner city's name, places
    # near one and other places asked about, one dict per place as `places` (places.yaml
    # `countries_without_partner`, `lookalikes`, `neighbours`, `elsewhere`): read as places, but
    # not the bank's {place} slot values.
    other_countries: list[dict[str, list[str]]] = field(default_factory=list)
    # language -> "before", "after", "suffixes" -> the words that put a country or region named
    # as where a partner city lies ("in", "w", "在"; countries.yaml `locatives`), lower-cased.
    locatives: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # The first English names of those that are countries (`countries_without_partner`): what
    # an asker may say of themselves beside a partner city ("I'm from Spain, where is Konin?"),
    # which a neighbour or a look-alike beside one never is.
    countries_only: frozenset[str] = frozenset()
    # The first English names of the places near a partner city and elsewhere (`neighbours`,
    # `elsewhere`): words, not names, in the bank's own phrasings.
    neighbours: frozenset[str] = frozenset()
    # language -> "count" (how many years: "wie lange", "ile lat") or "anniversary" ("Jubiläum",
    # "周年") -> cues, lower-cased as written (`Reader.years_asked`).
    years_cues: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # language -> sector -> trade words (trades.yaml: "haulier", "hospital supplies", "research
    # lab"): read as the sector in questions, never filling a phrasing's {sector} slot.
    trades: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # language -> "each_other" ("each other", "miteinander"), "with" (before the second partner
    # city: "twinned with", "Partnerstadt von"), "of_it" (after it: "的友好城市", tr "kardeş") or
    # "both" ("and", "ile", "和": both cities are Herne's) -> cues, lower-cased as written
    # (`Reader.twinned_together`).
    twinned: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # language -> "before" (right before a name: "near", "недалеко от", "à côté de") or "after"
    # (right after it: "附近", "yanında") -> cues, lower-cased as written (`Reader.near_span`).
    near: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # language -> "before" (right before a partner city or country a list sets aside: "apart
    # from", "кроме") or "after" (right after it: "hariç", "以外") -> cues (`Reader.set_aside`).
    besides: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # language -> "lead" (before the subject: "请问") or "copula" (between it and Herne's name:
    # "也是", "和"), "join" and "then" (around a name after Herne's: "黑尔讷和X有没有") -> cues
    subject: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # language -> `SIGNING_CUES` -> cues, lower-cased as written (`Understander.signing`).
    signing: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # language -> "words" (the asker's own: "I", "wir", "我"), "endings" (of a verb's or a
    # possessive's first person, in languages that drop the pronoun: "-yorum") or "at" (right
    # before where the asker is: "in", "в", "在") -> cues, lower-cased (`Reader.tells_of_self`).
    asker: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # language -> cues of a journey's length ("how long ... drive", "flight time", "wie lange
    # ... flieg", "开车...多久"), lower-cased as written (`Reader.journey`).
    journey: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # language -> cues that a question asks why or how something came about ("why", "wie kam
    # es", "为什么"), lower-cased as written (`Reader.why_asked`).
    why: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # language -> cues that a question asks how two places are linked ("what's the connection
    # between", "miteinander zu tun", "что связывает", "有什么关系"), lower-cased as written
    # (`Reader.link_asked`).
    links: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # language -> cues that a question asks where a partnership has its roots or how it began
    # ("what are the roots", "woher kommt", "kökü", "起源"), lower-cased as written
    # (`Reader.roots_asked`).
    roots: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # language -> cues that a question asks why a place matters or what it is famous for
    # ("famous", "bedeutend", "знаменит", "önemli"), lower-cased as written
    # (`Reader.renown_asked`).
    renown: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # language -> cues of a place's hours or a departure ("opens", "schließt", "ouvre",
    # "开门", "leaves"), lower-cased as written (`Reader.hours_asked`): a time so asked beside a
    # partner city is not its clock.
    hours: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # language -> cues that a question naming a partner city asks whether its partnership still
    # holds, has ended, or still allows a visit or an exchange now ("broken off", "still in
    # force", "possible at the moment"), lower-cased as written (`Reader.held_asked`).
    held: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # language -> kind of organisation the base holds -> the words that describe one
    # (kinds.yaml `described`: "hockey club", "общество"): beside its city's name, they name it.
    described: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # (city id, (language, beginning) pairs): a partner city's country by its adjective
    # ("chinesisch", "китайск", "çinli": countries.yaml `adjectives`), read beside a word for a
    # partner city only.
    adjectives: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    # (city id, (language, beginning) pairs): the people of a partner city's country
    # (countries.yaml `peoples`: "Engländer", "поляк", "Anglik"), read as its adjective is where
    # a question names no partner city (`Understander._adjective_city`), never beside a noun.
    peoples: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    # (city id, beginnings of words with their language) that describe a partner city by what
    # the base says it is (known_by.yaml `described_by`: Ometepe's island, its lake): beside
    # the city's country they say the country is where the described city lies.
    described_by: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    # language -> the beginnings of words that speak of being twinned or befriended
    # (countries.yaml `partnered`: "verschwister", "друж", "jumel").
    partnered: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # language -> "follow" or "precede" -> the beginnings of words for a partner city that
    # follow or precede such an adjective (countries.yaml `partner_nouns`).
    partner_nouns: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # language -> the beginnings of words for a town or city (countries.yaml `town_nouns`):
    # with `partner_nouns`, a question naming a country speaks of a city there by them.
    town_nouns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # language -> the beginnings of words for a part of a country (countries.yaml
    # `country_parts`): "province", "Bundesland", "省".
    country_parts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The first English name of a place a partner city lies in (regions.yaml `clocks`:
    # "Istanbul") -> that city's id: the place keeps the city's clock, and no other fact of it.
    clocks: dict[str, str] = field(default_factory=dict)
    # language -> cues comparing two places' clocks ("same time", "dieselbe Uhrzeit", "时间一样"),
    # lower-cased as written (`Reader.same_clock`).
    same_clock: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # language -> a ranking's part (RANK_CUES: "largest", "sort", "above", "three") -> its cues
    # ("am größten", "по численности", "超过"), lower-cased as written (`Reader.ranked`).
    ranks: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # language -> a kind of a partner city's fact (FACT_CUES: "population", "website", ...,
    # "unheld") -> its cues ("Einwohner", "сайт", "市长"), lower-cased as written
    # (`Reader.facts_named`).
    facts: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # language -> REACH_CUES -> cues, lower-cased as written (`Reader.reached`).
    reach: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # language -> HAPPENING_CUES -> cues, lower-cased as written (`Reader.cued`).
    happening: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # language -> FOUNDING_CUES -> cues, lower-cased as written (`Understander.founding`).
    founding: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # language -> ITSELF_CUES -> cues, lower-cased as written (`Understander.body_itself`).
    itself: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # language -> the tags that end a claim asked to be confirmed ("oder?", "right?", "так?",
    # "değil mi?", "吧？"), each its folded words (`Reader.claim_tag`).
    claim_tags: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # language -> lemma of a word said in another register (official, formal, rare or slang:
    # "headcount", "Kommune", "меморандум", "lisan", "censo") -> the bank's word for the same
    # thing, lower-cased and folded: read as that word in any inflection.
    synonyms: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    # language -> lemma of a word for any agreement ("accord", "Abkommen", "acuerdo", "угода"),
    # which the bank uses for the partnerships' agreements too -> the bank's word for the 2018
    # declaration: read as that word only in a question naming the declaration's year and no
    # partner city (`Understander._spelt`).
    declaration_words: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    # language -> a number's word, folded ("hundred", "ста", "yüz", "mil", "十", "万") -> its
    # value: a figure written in words in a ranking's limit ("more than a hundred thousand").
    numbers: dict[str, dict[str, int]] = field(default_factory=dict)
    # language -> the words that join number words into one number ("two hundred and fifty",
    # "fünfundzwanzig", "treinta y cinco"), folded.
    number_joins: dict[str, frozenset[str]] = field(default_factory=dict)
    # language -> the words that negate a claim ("didn't", "nie", "не", "没有"), each its folded
    # words (`Reader.negations_in`).
    claim_negations: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # language -> the bank's `where_cues`, each its folded words: "asks", the words that ask
    # where ("wo", "nerdeydi", "哪儿"); "beside", those that may stand beside them in a question
    # of where a city is and ask nothing else ("liegt", "again", "забыл", "来着", "дякс"); "not",
    # those that make it ask something else ("en est où": how it stands)
    # (`Understander.where_said`).
    where_cues: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = field(default_factory=dict)
    # language -> the frames of an indirect question ("i was wondering", "je me demandais"),
    # each its folded words: left out as fillers are, and they tell the sentence that asks
    # where it ends with no question mark (`Reader.framed`).
    frames: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # language -> the frames of a relayed claim ("is it true that", "angeblich", "听说"), each its
    # folded words: left out as fillers too, and they tell a claim to check (`Reader.relayed`).
    hearsay: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # language -> the particles that make a statement a claim asked to be confirmed wherever
    # they stand ("ведь", "doch", "przecież"), each its folded words (`Understander.claimed`).
    claim_particles: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # language -> CLAIM_FACT_CUES -> cues, lower-cased as written (`Understander.relayed_fact`).
    claim_facts: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # (city id, names in any language): what a partner city was called before it took its
    # present name (known_by.yaml `formerly`: Hénin-Liétard), an alias of the city already.
    formerly: list[tuple[str, list[str]]] = field(default_factory=list)

    @classmethod
    def load(cls, directory: Path) -> Bank:
        files, key = _bank_files(directory)
        # Every start of a bot in this process (a test's, a reload's) reads the same files:
        # parsed once, the last bank kept.
        return _parsed_banks.get(key, lambda: cls._parse(files, key))

    @classmethod
    def _parse(
        cls,
        files: list[tuple[str, bytes]],
        digest: str,
        sections: list[dict[str, Any]] | None = None,
    ) -> Bank:
        """`sections`: each file's YAML without its phrasings (`_sections`), if already read."""
        sectors: dict[str, dict[str, list[str]]] = {}
        places: list[dict[str, list[str]]] = []
        fillers: dict[str, frozenset[str]] = {}
        filler_phrases: dict[str, tuple[tuple[str, ...], ...]] = {}
        frames: dict[str, tuple[tuple[str, ...], ...]] = {}
        hearsay: dict[str, tuple[tuple[str, ...], ...]] = {}
        claim_particles: dict[str, tuple[tuple[str, ...], ...]] = {}
        claim_facts: dict[str, dict[str, tuple[str, ...]]] = {}
        variants: dict[str, dict[str, tuple[str, str]]] = {}
        synonyms: dict[str, dict[str, tuple[str, str]]] = {}
        declaration_words: dict[str, dict[str, tuple[str, str]]] = {}
        numbers: dict[str, dict[str, int]] = {}
        number_joins: dict[str, frozenset[str]] = {}
        known_by: list[tuple[str, list[str]]] = []
        formerly: list[tuple[str, list[str]]] = []
        regions: list[tuple[str, list[tuple[str, str]]]] = []
        countries: list[tuple[str, list[tuple[str, str]]]] = []
        other_countries: list[dict[str, list[str]]] = []
        countries_only: set[str] = set()
        neighbours: set[str] = set()
        locatives: dict[str, dict[str, tuple[str, ...]]] = {}
        adjectives: list[tuple[str, list[tuple[str, str]]]] = []
        peoples: list[tuple[str, list[tuple[str, str]]]] = []
        described_by: list[tuple[str, list[tuple[str, str]]]] = []
        partner_nouns: dict[str, dict[str, tuple[str, ...]]] = {}
        town_nouns: dict[str, tuple[str, ...]] = {}
        partnered: dict[str, tuple[str, ...]] = {}
        country_parts: dict[str, tuple[str, ...]] = {}
        joins: dict[str, tuple[str, ...]] = {}
        not_sectors: dict[str, tuple[str, ...]] = {}
        asks: dict[str, dict[str, tuple[str, ...]]] = {}
        compares: dict[str, dict[str, tuple[str, ...]]] = {}
        since_cues: dict[str, dict[str, tuple[str, ...]]] = {}
        years_cues: dict[str, dict[str, tuple[str, ...]]] = {}
        twinned: dict[str, dict[str, tuple[str, ...]]] = {}
        near: dict[str, dict[str, tuple[str, ...]]] = {}
        besides: dict[str, dict[str, tuple[str, ...]]] = {}
        subject: dict[str, dict[str, tuple[str, ...]]] = {}
        signing: dict[str, dict[str, tuple[str, ...]]] = {}
        asker: dict[str, dict[str, tuple[str, ...]]] = {}
        kinds: dict[str, dict[str, list[str]]] = {}
        claim_tags: dict[str, tuple[tuple[str, ...], ...]] = {}
        claim_negations: dict[str, tuple[tuple[str, ...], ...]] = {}
        where_cues: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {}
        described: dict[str, dict[str, list[str]]] = {}
        trades: dict[str, dict[str, list[str]]] = {}
        own_kinds: dict[str, tuple[str, ...]] = {}
        time_now: dict[str, tuple[str, ...]] = {}
        journey: dict[str, tuple[str, ...]] = {}
        why: dict[str, tuple[str, ...]] = {}
        links: dict[str, tuple[str, ...]] = {}
        roots: dict[str, tuple[str, ...]] = {}
        renown: dict[str, tuple[str, ...]] = {}
        hours: dict[str, tuple[str, ...]] = {}
        held: dict[str, tuple[str, ...]] = {}
        smalltalk: dict[str, dict[str, list[str]]] = {}
        homophones: dict[str, str] = {}
        periods: dict[str, dict[str, list[str]]] = {}
        not_names: set[str] = set()
        clocks: dict[str, str] = {}
        same_clock: dict[str, tuple[str, ...]] = {}
        ranks: dict[str, dict[str, tuple[str, ...]]] = {}
        facts: dict[str, dict[str, tuple[str, ...]]] = {}
        reach: dict[str, dict[str, tuple[str, ...]]] = {}
        happening: dict[str, dict[str, tuple[str, ...]]] = {}
        founding: dict[str, dict[str, tuple[str, ...]]] = {}
        itself: dict[str, dict[str, tuple[str, ...]]] = {}
        for data in _sections(files) if sections is None else sections:
            clocks.update({str(e["place"]): str(e["city"]) for e in data.get("clocks") or []})
            for lang, by_period in (data.get("periods") or {}).items():
                for spec, phrases in by_period.items():
                    periods.setdefault(lang, {})[spec] = _as_list(phrases)
            homophones.update({str(k): str(v) for k, v in (data.get("homophones") or {}).items()})
            for key, found_kinds in (("kinds", kinds), ("described", described)):
                for kind, by_language in (data.get(key) or {}).items():
                    for lang, terms in by_language.items():
                        found_kinds.setdefault(lang, {})[kind] = _as_list(terms)
            for sector, by_language in (data.get("trades") or {}).items():
                for lang, terms in by_language.items():
                    trades.setdefault(lang, {})[sector] = _as_list(terms)
            for lang, cues in (data.get("own") or {}).items():
                own_kinds[lang] = tuple(str(c).lower() for c in _as_list(cues))
            for place in data.get("places") or []:
                places.append({lang: _as_list(names) for lang, names in place.items()})
            for lang, where in (data.get("locatives") or {}).items():
                locatives[str(lang)] = {
                    str(k): tuple(str(w).lower() for w in _as_list(v)) for k, v in where.items()
                }
            for key in ("countries_without_partner", "lookalikes", "neighbours", "elsewhere"):
                for place in data.get(key) or []:
                    other_countries.append({lang: _as_list(n) for lang, n in place.items()})
                    if key == "countries_without_partner":
                        countries_only.add(_canonical(other_countries[-1]))
                    elif key in ("neighbours", "elsewhere"):
                        neighbours.add(_canonical(other_countries[-1]))
            for known in data.get("known_by") or []:
                names = [n for ns in (known.get("names") or {}).values() for n in _as_list(ns)]
                known_by.append((str(known["city"]), names))
            for former in data.get("formerly") or []:
                formerly.append((str(former["city"]), _as_list(former.get("names"))))
            for lang, nouns in (data.get("partner_nouns") or {}).items():
                partner_nouns[str(lang)] = {
                    str(k): tuple(str(w).lower() for w in _as_list(v)) for k, v in nouns.items()
                }
            for key, by_language in (
                ("town_nouns", town_nouns),
                ("country_parts", country_parts),
                ("partnered", partnered),
            ):
                for lang, nouns in (data.get(key) or {}).items():
                    by_language[str(lang)] = tuple(str(w).lower() for w in _as_list(nouns))
            for key, found in (
                ("regions", regions),
                ("countries", countries),
                ("adjectives", adjectives),
                ("peoples", peoples),
                ("described_by", described_by),
            ):
                for entry in data.get(key) or []:
                    named = [
                        (str(lang), n)
                        for lang, ns in (entry.get("names") or {}).items()
                        for n in _as_list(ns)
                    ]
                    found.append((str(entry["city"]), named))
            language = data.get("language")
            if not language:
                continue
            for sector, terms in (data.get("sectors") or {}).items():
                sectors.setdefault(language, {})[sector] = [str(t) for t in terms or []]
            # A claim relayed to be checked ("is it true that", "angeblich") is asked by its
            # claim, and an indirect question ("I was wondering how", "je me demandais quand")
            # by what it frames: the frame is left out as fillers are (and names no event by
            # "cierto").
            folded_fillers = [
                tuple(fold_latin(w) for w in words(str(filler)))
                for key in ("fillers", "hearsay", "frames")
                for filler in data.get(key) or []
            ]
            frames[language] = _folded_phrases(data.get("frames"), longest_first=False)
            hearsay[language] = _folded_phrases(data.get("hearsay"), longest_first=False)
            claim_particles[language] = _folded_phrases(data.get("claim_particles"))
            fillers[language] = frozenset(f[0] for f in folded_fillers if len(f) == 1)
            filler_phrases[language] = tuple(f for f in folded_fillers if len(f) > 1)
            claim_negations[language] = _folded_phrases(data.get("claim_negations"))
            where_cues[language] = {
                str(which): _folded_phrases(cues)
                for which, cues in (data.get("where_cues") or {}).items()
            }
            # Longest first: "oder nicht" ends a claim before "nicht" does.
            claim_tags[language] = _folded_phrases(data.get("claim_tags"))
            variants[language] = {
                fold_latin(variant): (str(word).lower(), fold_latin(str(word)))
                for word, written in (data.get("variants") or {}).items()
                for variant in _as_list(written)
            }
            synonyms[language] = _synonyms(language, data.get("synonyms") or {})
            declaration_words[language] = _synonyms(language, data.get("declaration_words") or {})
            numbers[language] = {
                fold_latin(str(w).lower()): int(value)
                for value, written in (data.get("numbers") or {}).items()
                for w in _as_list(written)
            }
            number_joins[language] = frozenset(
                fold_latin(str(w).lower()) for w in data.get("number_joins") or []
            )
            joins[language] = tuple(str(join).lower() for join in data.get("joins") or [])
            # Folded, for a word typed in Latin letters; as written, for one in its own script
            # (fold_latin spells Cyrillic in Latin letters: "Герне" folds to "gerne").
            for word in data.get("not_names") or []:
                not_names.update((fold_latin(str(word)), str(word).lower()))
            not_sectors[language] = tuple(str(w).lower() for w in data.get("not_sectors") or [])
            _add_cues(asks, language, "asks", data.get("asks"), ASKED_FOR)
            _add_cues(compares, language, "compares", data.get("compares"), COMPARISONS)
            time_now[language] = tuple(str(c).lower() for c in data.get("time_now") or [])
            same_clock[language] = tuple(str(c).lower() for c in data.get("same_clock") or [])
            journey[language] = tuple(str(c).lower() for c in data.get("journey") or [])
            why[language] = tuple(str(c).lower() for c in data.get("why_cues") or [])
            links[language] = tuple(str(c).lower() for c in data.get("link_cues") or [])
            roots[language] = tuple(str(c).lower() for c in data.get("roots_cues") or [])
            renown[language] = tuple(str(c).lower() for c in data.get("renown_cues") or [])
            hours[language] = tuple(str(c).lower() for c in data.get("hours") or [])
            held[language] = tuple(str(c).lower() for c in data.get("on_hold") or [])
            smalltalk[language] = {
                str(kind): _as_list(cues) for kind, cues in (data.get("smalltalk") or {}).items()
            }
            _add_cues(since_cues, language, "since_cues", data.get("since_cues"), SINCE_CUES)
            _add_cues(years_cues, language, "years_cues", data.get("years_cues"), YEARS_CUES)
            _add_cues(twinned, language, "twinned", data.get("twinned"), TWINNED_CUES)
            _add_cues(near, language, "near", data.get("near"), NEAR_CUES)
            _add_cues(besides, language, "besides", data.get("besides"), BESIDES_CUES)
            _add_cues(subject, language, "subject", data.get("subject"), SUBJECT_CUES)
            _add_cues(signing, language, "signing", data.get("signing"), SIGNING_CUES)
            _add_cues(asker, language, "asker", data.get("asker"), ASKER_CUES)
            _add_cues(ranks, language, "ranks", data.get("ranks"), RANK_CUES)
            _add_cues(facts, language, "facts", data.get("facts"), FACT_CUES)
            _add_cues(reach, language, "reach", data.get("reach"), REACH_CUES)
            _add_cues(happening, language, "happening", data.get("happening"), HAPPENING_CUES)
            _add_cues(founding, language, "founding", data.get("founding"), FOUNDING_CUES)
            _add_cues(itself, language, "itself", data.get("itself"), ITSELF_CUES)
            _add_cues(
                claim_facts, language, "claim_facts", data.get("claim_facts"), CLAIM_FACT_CUES
            )
        packed = [(name, zlib.compress(raw)) for name, raw in files]
        return cls(
            sectors,
            places,
            digest,
            packed,
            fillers,
            variants,
            known_by,
            joins,
            not_sectors,
            asks,
            compares,
            kinds,
            homophones,
            periods,
            frozenset(not_names),
            regions,
            filler_phrases,
            since_cues,
            own_kinds,
            time_now,
            smalltalk,
            countries,
            other_countries,
            locatives,
            frozenset(countries_only),
            frozenset(neighbours),
            years_cues=years_cues,
            trades=trades,
            twinned=twinned,
            near=near,
            besides=besides,
            subject=subject,
            signing=signing,
            asker=asker,
            journey=journey,
            why=why,
            links=links,
            roots=roots,
            renown=renown,
            hours=hours,
            held=held,
            described=described,
            adjectives=adjectives,
            peoples=peoples,
            described_by=described_by,
            formerly=formerly,
            partner_nouns=partner_nouns,
            town_nouns=town_nouns,
            partnered=partnered,
            country_parts=country_parts,
            clocks=clocks,
            same_clock=same_clock,
            ranks=ranks,
            facts=facts,
            reach=reach,
            happening=happening,
            founding=founding,
            itself=itself,
            claim_tags=claim_tags,
            synonyms=synonyms,
            declaration_words=declaration_words,
            numbers=numbers,
            number_joins=number_joins,
            claim_negations=claim_negations,
            where_cues=where_cues,
            frames=frames,
            hearsay=hearsay,
            claim_particles=claim_particles,
            claim_facts=claim_facts,
        )

    def sector_words(self) -> dict[str, dict[str, list[str]]]:
        """language -> sector -> the words a question names it by: its names (`sectors`),
        then its trade words (`trades`), so that a name's inflection is found first."""
        merged = {language: dict(by_sector) for language, by_sector in self.sectors.items()}
        for language, by_sector in self.trades.items():
            for sector, terms in by_sector.items():
                known = merged.setdefault(language, {}).get(sector, [])
                merged[language][sector] = known + [t for t in terms if t not in known]
        return merged

    @property
    def phrasings(self) -> list[tuple[str, str, str]]:
        """(language, intent, phrasing with slots) of every file, parsed at each call."""
        phrasings: list[tuple[str, str, str]] = []
        for _, packed in self.files:
            data = cast(dict[str, Any], load_yaml(zlib.decompress(packed).decode("utf-8")) or {})
            language = data.get("language")
            if not language:
                continue
            for intent, texts in (data.get("intents") or {}).items():
                phrasings += [(language, intent, str(text)) for text in texts or []]
        return phrasings

    def words(self) -> set[str]:
        """The folded words of the phrasings, as users also type them (`_augmented`); read
        once, so past `fold_latin`'s cache, which is for the questions' words."""
        fold = fold_latin.__wrapped__
        return set(
            fold(word)
            for language, _, phrasing in self.phrasings
            for variant in _augmented(phrasing, language)
            for word in words(variant, language)
        )


_parsed_banks: Last[str, Bank] = Last()


def _bank_files(directory: Path) -> tuple[list[tuple[str, bytes]], str]:
    """The bank's files (name, bytes) and their digest."""
    files = [(path.name, path.read_bytes()) for path in sorted(directory.glob("*.yaml"))]
    digest = hashlib.sha256()
    for name, raw in files:
        digest.update(name.encode() + b"\0" + raw + b"\0")
    return files, digest.hexdigest()


def _sections(files: list[tuple[str, bytes]]) -> list[dict[str, Any]]:
    """Each file's YAML without its phrasings (`intents`, nine tenths of the bank), which only
    training reads (`Bank.phrasings`)."""
    sections = []
    for _, raw in files:
        data = cast(dict[str, Any], load_yaml(raw.decode("utf-8")) or {})
        sections.append({key: value for key, value in data.items() if key != "intents"})
    return sections


async def stored_bank(db: Database, directory: Path) -> Bank:
    """`Bank.load`, with the files' YAML without the phrasings as the database stores it for
    the same files and YAML library (parsing the bank is about 0.2 s of CPU at each start),
    else parsed and stored, when JSON holds it exactly."""
    files, digest = _bank_files(directory)
    if digest in _parsed_banks:
        return _parsed_banks[digest]
    key = hashlib.sha256(f"{digest}\0{yaml.__version__}\0{YAML_LOADER.__name__}".encode())
    found = await stored(db, BANK_NAME, key.hexdigest())
    if found is not None:
        sections = json.loads(found)
    else:
        sections = _sections(files)
        data = json.dumps(sections, ensure_ascii=False)
        if json.loads(data) == sections:  # no key JSON would make a string, no date
            await store(db, BANK_NAME, key.hexdigest(), data.encode())
    return _parsed_banks.keep(digest, Bank._parse(files, digest, sections))


def _as_list(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _by_first_word(
    phrases: dict[str, tuple[tuple[str, ...], ...]],
) -> dict[str, dict[str, list[tuple[str, ...]]]]:
    """A bank's phrases of several folded words, per language, by their first word."""
    by_first: dict[str, dict[str, list[tuple[str, ...]]]] = {}
    for language, written in phrases.items():
        for phrase in written:
            by_first.setdefault(language, {}).setdefault(phrase[0], []).append(phrase)
    return by_first


def _phrases_found(
    folded: list[str], by_first: dict[str, list[tuple[str, ...]]]
) -> Iterator[range]:
    """Where each of the phrases (`_by_first_word`) stands whole among a text's folded words."""
    for start, word in enumerate(folded):
        for phrase in by_first.get(word, ()):
            if tuple(folded[start : start + len(phrase)]) == phrase:
                yield range(start, start + len(phrase))


def _spoken_number(values: list[int], characters: bool) -> int:
    """The number a run of number words' values says: "two hundred thousand" (2, 100, 1000)
    is 200,000, "ста тысяч" 100,000, "两千" 2,000, "一万五千" 15,000. A hundred (and, in Chinese,
    ten and a thousand) multiplies the words since the last of them; a thousand (万 in Chinese)
    or more multiplies everything before it."""
    total = section = current = 0
    # Ten multiplies in Chinese only ("二十"); in words, a unit before it is a teen
    # ("achtzehn" glued from acht and zehn).
    units = (10, 100, 1000) if characters else (100,)
    for value in values:
        if value in units:
            section += (current or 1) * value
            current = 0
        elif value >= 1000:
            total += ((section + current) or 1) * value
            section = current = 0
        else:
            current += value
    return total + section + current


def _synonyms(language: str, written: dict[str, object]) -> dict[str, tuple[str, str]]:
    """A bank file's `synonyms:` (the bank's word -> words for it in another register), by
    each synonym's lemma; a language written without spaces keeps them as written (they are
    respelt in the text, as its variants are). One word each: a phrase would need its words in
    order, and a word of it alone may mean something else."""
    characters = language in REGISTRY and REGISTRY[language].tokens == "characters"
    found: dict[str, tuple[str, str]] = {}
    for word, synonyms in written.items():
        for synonym in _as_list(synonyms):
            if len(synonym.split()) != 1:
                raise ValueError(f"{language}: synonym {synonym!r} of {word!r} is no one word")
            key = synonym if characters else lemma(synonym.lower(), language)
            found[key] = (str(word).lower(), fold_latin(str(word)))
    return found


def _scan_without(scan: Scan, positions: Collection[int]) -> Scan:
    """A scan without the words at `positions`, its names kept where none of their words is
    left out; the scan itself where it holds none of them."""
    kept = [i for i in range(len(scan.written)) if i not in positions]
    if len(kept) == len(scan.written):
        return scan
    at = {old: new for new, old in enumerate(kept)}
    entities = [
        EntityMatch(m.kind, m.ids, at[m.start], at[m.end - 1] + 1)
        for m in scan.entities
        if all(i in at for i in range(m.start, m.end))
    ]
    written = [scan.written[i] for i in kept]
    return Scan(
        " ".join(written),
        written,
        [scan.lowered[i] for i in kept],
        [scan.folded[i] for i in kept],
        entities,
    )


def _guessed_city(by_name: tuple[str, ...], within: Understanding | None) -> str | None:
    """The one partner city a question names by name; a part naming none: the one partner city
    of the message it is a part of (`within`)."""
    named = set(by_name) - {HERNE}
    if not named and within is not None:
        named = set(within.cities) - {HERNE}
    return next(iter(named)) if len(named) == 1 else None


def _asks_partner_check(
    reread: tuple[str, float, tuple[str, ...]] | None, confidence: float
) -> TypeGuard[tuple[str, float, tuple[str, ...]]]:
    """Whether the question read with its unknown names as places (`_as_unknown_place`) asks
    whether they are partner cities, surer than it was read before and at least
    UNKNOWN_PLACE_MIN."""
    return (
        reread is not None
        and reread[0] == "partners.check"
        and reread[1] >= max(confidence, UNKNOWN_PLACE_MIN)
    )


def _add_cues(
    table: dict[str, dict[str, tuple[str, ...]]],
    language: str,
    key: str,
    found: Any,
    allowed: Collection[str],
) -> None:
    """A bank file's cue lists under `key` ("asks", "compares", "since_cues", "years_cues"),
    lower-cased into `table[language]`; a list of another name than `allowed` is an error."""
    for which, cues in (found or {}).items():
        if which not in allowed:
            raise ValueError(f"{language}: {key} {which!r}: one of {', '.join(allowed)}")
        table.setdefault(language, {})[which] = tuple(str(c).lower() for c in cues or [])


def _folded_cues(
    table: dict[str, dict[str, tuple[str, ...]]],
) -> dict[str, dict[str, tuple[tuple[str, ...], ...]]]:
    """A bank's cue lists by language and kind, each cue as its folded words (matched against
    a scan's `folded` words, as the joins are)."""
    return {
        language: {
            which: tuple(
                sequence
                for cue in cues
                if (sequence := tuple(fold_latin(w) for w in words(cue, language)))
            )
            for which, cues in by_which.items()
        }
        for language, by_which in table.items()
    }


# Asked of the same text with the same marks many times a question (each way, place and
# bracket test of a reading, and of its parts), and the text read once per mark each time.
@lru_cache(maxsize=64)
def _marked_before(text: str, marks: re.Pattern[str]) -> frozenset[int]:
    """The positions of the words of `text` right after which one of `marks` stands."""
    return frozenset(words_before(text, m.start()) for m in marks.finditer(text))


def _runs(positions: list[int]) -> list[tuple[int, int]]:
    """(start, end) of each run of consecutive positions, in order."""
    runs: list[tuple[int, int]] = []
    for i in positions:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _bracketed(text: str, start: int, end: int) -> bool:
    """Whether the words from `start` to `end` of `text` are all a bracket holds."""
    return start in _marked_before(text, _OPENING) and end in _marked_before(text, _CLOSING)


def _cues_from(folded: list[str], cues: tuple[tuple[str, ...], ...], position: int) -> list[int]:
    """The lengths of the folded cues whose words begin at `position` of a scan's words."""
    # The first word compared first: most cues differ there, and no slice is made for them.
    word = folded[position] if 0 <= position < len(folded) else None
    return [
        len(c)
        for c in cues
        if (not c or c[0] == word) and tuple(folded[position : position + len(c)]) == c
    ]


def _cues_until(folded: list[str], cues: tuple[tuple[str, ...], ...], position: int) -> list[int]:
    """The lengths of the folded cues whose words end right before `position`."""
    word = folded[position - 1] if 0 < position <= len(folded) else None
    return [
        len(c)
        for c in cues
        if len(c) <= position
        and (not c or c[-1] == word)
        and tuple(folded[position - len(c) : position]) == c
    ]


def _begins_cue(folded: list[str], cue: tuple[str, ...], position: int, begins: bool) -> bool:
    """Whether a folded cue's words stand at `position` of a scan's words: each as written;
    with `begins`, the last one the beginning of a word where it is longer than
    SHORT_CUE_WORD ("nerde" finds "nerdeydi"; "wo", "где" only themselves)."""
    last = len(cue) - 1
    return all(
        folded[position + k] == w
        or (begins and k == last and len(w) > SHORT_CUE_WORD and folded[position + k].startswith(w))
        for k, w in enumerate(cue)
    )


def _begins(word: str, cue: str) -> bool:
    return word.startswith(cue)


def _holds(word: str, cue: str) -> bool:
    return cue in word


def _equal(word: str, cue: str) -> bool:
    return word == cue


def _stem(word: str, cue: str) -> bool:
    """The cue itself, or the beginning of the word where it is longer than SHORT_CUE_WORD
    ("мэра" finds "мэром"; "мэр" is not "мероприятие")."""
    return word == cue or (len(cue) > SHORT_CUE_WORD and word.startswith(cue))


def _cue_in(
    folded: list[str], cues: tuple[tuple[str, ...], ...], last: Callable[[str, str], bool]
) -> bool:
    """Whether one of the folded cues stands anywhere in a scan's words: its words in order,
    its last word matched by `last` (`_begins`, `_holds`, `_equal` or `_stem`), the others as
    written."""
    singles, longer = _cues_by_size(cues)
    # The cues of one word, all at once: which of them stands where does not matter.
    if singles and folded:
        if last is _begins:
            if any(word.startswith(singles) for word in folded):
                return True
        elif last is _equal:
            if not set(singles).isdisjoint(folded):
                return True
        elif last is _stem:
            stems = tuple(c for c in singles if len(c) > SHORT_CUE_WORD)
            if not set(singles).isdisjoint(folded) or (
                stems and any(word.startswith(stems) for word in folded)
            ):
                return True
        elif any(last(word, cue) for cue in singles for word in folded):
            return True
    words = None
    for cue in longer:
        size = len(cue)
        if size > 1 or last is _equal:
            # Its first word stands as written: a cue whose first word the text lacks is
            # passed without a look at every position.
            if words is None:
                words = set(folded)
            if cue[0] not in words:
                continue
        for i in range(len(folded) - size + 1):
            if tuple(folded[i : i + size - 1]) == cue[:-1] and last(folded[i + size - 1], cue[-1]):
                return True
    return False


@lru_cache(maxsize=256)
def _cues_by_size(
    cues: tuple[tuple[str, ...], ...],
) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """A cue list's cues of one word (that word), and the others."""
    return (
        tuple(c[0] for c in cues if len(c) == 1),
        tuple(c for c in cues if len(c) != 1),
    )


def bank_dir() -> Path:
    return data_dir() / "questions"


# ---- names in a question ----------------------------------------------------------------


Names = list[tuple[str, str, tuple[str, ...], str | None]]


def entity_matcher(
    knowledge: Knowledge, bank: Bank, near_words: frozenset[str] | None = None
) -> EntityMatcher:
    """The matcher of the base's names and the bank's; `near_words`, the bank's words one typo
    from a name as stored for the same names and bank (`guard_key`), spares reading the bank."""
    names, questions = _matcher_inputs(knowledge, bank)
    # The same names, bank and questions make the same matcher: the last one is used again
    # (every test's bot, a reload that changed no name), and its caches of words read with it.
    key = (tuple(names), bank.digest, questions)
    return _last_matcher.get(
        key,
        lambda: EntityMatcher(
            names,
            # Read only when this bank was not read lately: kept, they were 3 MB for the
            # process's life, and reading them left the heap 8 MB bigger. The FAQ's questions,
            # which the office changes, are read apart: a new entry does not read the bank.
            bank.words,
            bank.homophones,
            words_key=bank.digest,
            near_words=near_words,
            other_words=lambda: _question_words(questions),
        ),
    )


def guard_key(knowledge: Knowledge, bank: Bank) -> str:
    """What the bank's words near a name depend on: the names, the bank and the FAQ's
    questions, the languages' registry (how each is typed) and the code that reads them."""
    names, questions = _matcher_inputs(knowledge, bank)
    digest = hashlib.sha256(_CODE_DIGEST.encode() + b"\0" + bank.digest.encode() + b"\0")
    digest.update(repr(sorted(REGISTRY.items())).encode())
    digest.update(json.dumps([names, questions], ensure_ascii=False).encode())
    return digest.hexdigest()


def _canonical(place: dict[str, list[str]]) -> str:
    """The name a place is known by in answers' ids: its first English one."""
    return (place.get("en") or next(iter(place.values())))[0]


def _declined(word: str, names: frozenset[str]) -> bool:
    """Whether a folded word is one of the names, or one of them with at most its last two
    letters changed into at most two others ("Испании", "Hiszpanii", "Hollandada"): a country
    without a partner city is no close spelling, nor an adjective or people made from it
    ("begin" is no "Belgien", "portal" no "Portugal", "po hiszpańsku" no "Hiszpania")."""
    return any(
        word == name
        or (
            len(name) >= 5
            and any(
                word.startswith(name[: len(name) - cut]) and len(word) - len(name) + cut <= 2
                for cut in (0, 1, 2)
            )
        )
        for name in names
    )


def _matcher_inputs(knowledge: Knowledge, bank: Bank) -> tuple[Names, tuple[tuple[str, str], ...]]:
    """The names a matcher finds and the FAQ's questions, whose words are words, not names."""
    # (kind, name, ids, the language the name is of; None: any, as aliases are)
    names: Names = []
    countries: dict[tuple[str, str], set[str]] = {}  # (country, language) -> partner cities
    for city in knowledge.cities.values():
        for language, text in city.texts.items():
            names.append(("city", text["name"], (city.id,), language))
            if city.partner:
                countries.setdefault((text["country"], language), set()).add(city.id)
        names += [("city", alias, (city.id,), None) for alias in city.aliases]
    for (country, language), in_country in countries.items():
        names.append(("country", country, tuple(sorted(in_country)), language))
    # Other names of a partner city's country ("Großbritannien", "UK": countries.yaml).
    names += [
        ("country", name, (city,), language)
        for city, named in bank.countries
        if city in knowledge.cities and knowledge.cities[city].partner
        for language, name in named
    ]
    # A region a partner city lies in names it as its country does ("Which partner city is in
    # Sichuan?").
    names += [
        (REGION, name, (city,), language)
        for city, named in bank.regions
        if city in knowledge.cities and knowledge.cities[city].partner
        for language, name in named
    ]
    for codes, continent_names in CONTINENTS.values():
        ids = tuple(
            sorted(c.id for c in knowledge.cities.values() if c.partner and c.country_code in codes)
        )
        names += [("country", name, ids, None) for name in continent_names if ids]
    for organisation in knowledge.organisations.values():
        called: list[tuple[str, str | None]] = [(organisation.name, None)]
        for language, text in organisation.texts.items():
            if text.get("name_local"):
                called.append((text["name_local"], language))
        called += [(alias, None) for alias in organisation.aliases]
        seat = knowledge.cities.get(organisation.city_id or "")
        if seat is not None:
            seat_names = {
                fold_latin(n) for n in (*seat.aliases, *(t["name"] for t in seat.texts.values()))
            }
            called += [
                (turned, language)
                for name, language in called
                if (turned := _seat_turned(name, seat_names)) is not None
            ]
        names += [("organisation", name, (organisation.id,), language) for name, language in called]
    for place in bank.places + bank.other_countries:
        canonical = _canonical(place)
        names += [
            ("place", name, (canonical,), language)
            for language, names_ in place.items()
            for name in names_
        ]
    names += [
        (KNOWN_BY, name, (city,), None)
        for city, known in bank.known_by
        if city in knowledge.cities
        for name in known
    ]
    # The words the bank and the FAQ's questions use are words, not names typed with a typo.
    questions = tuple(
        (language, question)
        for entry in knowledge.faq.values()
        for language, questions_ in entry.questions.items()
        for question in questions_
    )
    return names, questions


def _seat_turned(name: str, seat_names: set[str]) -> str | None:
    """An organisation's name that begins or ends with its city's, the city put at the other
    end: "хоккейный клуб Белгород" is also "белгородский хоккейный клуб", "Partnerschaftsverein
    Herne" also "Herner Partnerschaftsverein" (each word of a name is found inflected). None
    where the rest holds a short word ("HC", "de", "w"): "club de hockey de" is no name."""
    parts = name.split()
    if len(parts) < 2:
        return None
    if fold_latin(parts[-1]) in seat_names:
        rest, turned = parts[:-1], [parts[-1], *parts[:-1]]
    elif fold_latin(parts[0]) in seat_names:
        rest, turned = parts[1:], [*parts[1:], parts[0]]
    else:
        return None
    return None if any(len(w) < SEAT_TURNED_SHORTEST for w in rest) else " ".join(turned)


_last_matcher: Last[Hashable, EntityMatcher] = Last()


def _question_words(questions: tuple[tuple[str, str], ...]) -> set[str]:
    """The words of the FAQ's questions, folded."""
    fold = fold_latin.__wrapped__
    return {fold(w) for language, q in questions for w in words(q, language)}


def _known_by_resolved(entities: list[EntityMatch], known_by: bool) -> list[EntityMatch]:
    """A name a city is known by ("Luther") stands for the city where the question does not
    name the city itself; beside its name ("Eisleben and Luther"), or where such names are
    not read (`known_by` false), it is a word like any other."""
    named = {i for m in entities if m.kind == "city" for i in m.ids}
    return [m for m in entities if m.kind != KNOWN_BY or (known_by and not named & set(m.ids))]


# Ukrainian writes an apostrophe inside a word ("здоров'я"), which people leave out or type as
# another mark ("здоровя", "здоров`я"): sector and kind words are compared without it.
_APOSTROPHE_MARKS = "'’ʼ`"
_APOSTROPHES = str.maketrans("", "", _APOSTROPHE_MARKS)
_APOSTROPHE = re.compile(f"[{_APOSTROPHE_MARKS}]")


def bare(word: str) -> str:
    """`word` without apostrophes."""
    return word.translate(_APOSTROPHES)


def bare_words(words: list[str]) -> list[str]:
    """Each word without apostrophes: `words` itself where none has one (most questions)."""
    joined = "".join(words)
    if not _APOSTROPHE.search(joined):
        return words
    return [bare(w) for w in words]


# The words whose sector by beginning each sector matcher keeps (`SectorMatcher._prefix_sector`).
PREFIX_WORDS = 4096
# The sector matchers' last findings kept (`SectorMatcher.find`): a question's words are looked
# up by its normalising, its kinds, bodies and events' terms, several of them alike.
SECTOR_FINDINGS = 4


class SectorMatcher:
    """Sector words of the bank in a question: as written or by lemma in any language, and
    inflected (a long word's beginning) in the question's own."""

    def __init__(
        self,
        sectors: dict[str, dict[str, list[str]]],
        not_sectors: dict[str, tuple[str, ...]] | None = None,
        inflected: bool = True,
    ):
        """`inflected` false: a word is found as written or by its lemma only, never by its
        beginning ("Verein" is no "Vereinbarung")."""
        # first word -> (word sequence, sector), longest first; by lemma and by folded form
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        # language -> first folded word -> folded word sequences that are no sector words
        self._not: dict[str, dict[str, list[tuple[str, ...]]]] = {}
        for language, others in (not_sectors or {}).items():
            for other in others:
                folded = tuple(bare(fold_latin(w)) for w in words(other, language))
                if folded:
                    self._not.setdefault(language, {}).setdefault(folded[0], []).append(folded)
        # Long single words: (language, beginning) -> (the term's place in the bank, sector).
        # A question's word looks up its own beginnings (a dozen) instead of scanning every
        # term. An inflection is of the question's language: Spanish "enero" (January) is no
        # form of Turkish "enerji".
        self._prefixes: dict[tuple[str, str], tuple[int, str]] = {}
        # (language, a one-word term less its last letters) -> sector: the lemma of a word for
        # the people of a sector ("логистам", "логістів": логист, логіст; "энергетикам").
        self._people: dict[tuple[str, str], str] = {}
        for language, by_sector in sectors.items():
            for sector, terms in by_sector.items():
                for term in terms:
                    tokens = words(term, language)
                    if not tokens:
                        continue
                    for sequence in (
                        tuple(bare(fold_latin(w)) for w in tokens),
                        tuple(bare(lemma(w, language)) for w in tokens),
                    ):
                        entries = self._phrases.setdefault(sequence[0], [])
                        if (sequence, sector) not in entries:
                            entries.append((sequence, sector))
                    if inflected and len(tokens) == 1 and len(tokens[0]) >= 6:
                        beginning = (language, bare(fold_latin(tokens[0]))[:-2])
                        self._prefixes.setdefault(beginning, (len(self._prefixes), sector))
                        term = bare(fold_latin(tokens[0]))
                        info = REGISTRY.get(language)
                        for length in range(
                            max(SECTOR_PERSON_SHORTEST, len(term) - SECTOR_PERSON_CUT),
                            len(term) if info and info.declines_names and info.lemmatizer else 0,
                        ):
                            self._people.setdefault((language, term[:length]), sector)
        for entries in self._phrases.values():
            entries.sort(key=lambda entry: len(entry[0]), reverse=True)
        # Per word, as bot/nlp.py's word caches: a question's free words are mostly none. One
        # cache per matcher: shared by the three of a bank (sectors, kinds, bodies), 4,096
        # words were fewer than one pass over the bench's questions asks, and none was found.
        self._prefix_sector = lru_cache(maxsize=PREFIX_WORDS)(self._sector_by_prefix)
        # Likewise each word's reading by itself (`_found_alone`): most words begin no phrase
        # and have no sector, and are then passed with one lookup.
        self._word_found = lru_cache(maxsize=PREFIX_WORDS)(self._found_alone)
        self._found: dict[
            tuple[tuple[str, ...], tuple[str, ...], tuple[bool, ...], str],
            list[tuple[int, int, str]],
        ] = {}

    def find(
        self, folded: list[str], lemmas: list[str], free: list[bool], language: str
    ) -> list[tuple[int, int, str]]:
        """(start, end, sector) of each sector phrase among the free positions of a question
        in `language`, except in the words of the language's `not_sectors` ("pflegt" begins
        like "Pflege", "take care" holds "care"). The last SECTOR_FINDINGS are kept."""
        key = (tuple(folded), tuple(lemmas), tuple(free), language)
        found = self._found.get(key)
        if found is None:
            found = self._find(folded, lemmas, free, language)
            if len(self._found) >= SECTOR_FINDINGS:
                del self._found[next(iter(self._found))]
            self._found[key] = found
        return list(found)

    def _find(
        self, folded: list[str], lemmas: list[str], free: list[bool], language: str
    ) -> list[tuple[int, int, str]]:
        found: list[tuple[int, int, str]] = []
        folded = bare_words(folded)
        lemmas = bare_words(lemmas)
        nots = self._not.get(language, {})
        phrases = self._phrases
        position = 0
        while position < len(folded):
            hit = None
            others = nots.get(folded[position])
            if others:
                other = next(
                    (
                        len(sequence)
                        for sequence in others
                        if tuple(folded[position : position + len(sequence)]) == sequence
                    ),
                    0,
                )
                if other:
                    position += other
                    continue
            if free[position]:
                begins, alone = self._word_found(folded[position], lemmas[position], language)
                if begins:
                    for forms in (folded, lemmas):
                        for sequence, sector in phrases.get(forms[position], ()):
                            end = position + len(sequence)
                            if tuple(forms[position:end]) == sequence and all(free[position:end]):
                                hit = (position, end, sector)
                                break
                        if hit:
                            break
                if hit is None and alone is not None:
                    hit = (position, position + 1, alone)
            if hit:
                found.append(hit)
                position = hit[1]
            else:
                position += 1
        return found

    def _found_alone(self, folded: str, lemma: str, language: str) -> tuple[bool, str | None]:
        """What `_find` reads of a word by itself: whether a phrase begins with it as written
        or by its lemma, and the sector of the word alone (its beginning, a part of a compound
        or a word for a sector's people), if any."""
        prefixed = (
            self._prefix_sector(folded, language)
            if " " not in folded
            else self._word_sector(folded, lemma, language)
        )
        if prefixed is None:
            prefixed = self._people.get((language, lemma))
        return folded in self._phrases or lemma in self._phrases, prefixed

    def _word_sector(self, folded: str, lemmas: str, language: str) -> str | None:
        """The sector of an inflected word, or of a part of a compound the speller read as
        its parts ("logistik kooperationen"): a one-word term or its beginning. Two words
        typed without the space (`_unglued`) are read as before, whole."""
        info = REGISTRY.get(language)
        if " " not in folded or info is None or not info.compounds:
            return self._prefix_sector(folded, language)
        for part, part_lemma in zip(folded.split(" "), lemmas.split(" "), strict=False):
            for form in (part, part_lemma):
                for sequence, sector in self._phrases.get(form, ()):
                    if len(sequence) == 1:
                        return sector
            if (prefixed := self._prefix_sector(part, language)) is not None:
                return prefixed
        return None

    def _sector_by_prefix(self, word: str, language: str) -> str | None:
        """The sector of the bank's first long term of `language` whose beginning starts
        `word`, at most eight letters shorter than it."""
        hits = [
            found
            for length in range(max(0, len(word) - 8), len(word) + 1)
            if (found := self._prefixes.get((language, word[:length]))) is not None
        ]
        return min(hits)[1] if hits else None


# The sector and kind matchers and the periods depend on the bank alone (and are never changed
# once built): every Reader of the same bank (every test's bot, a reload after an FAQ change,
# the training child's) uses the last ones built.
_last_sector_matchers: Last[str, tuple[SectorMatcher, SectorMatcher]] = Last()
_last_periods: Last[str, Periods] = Last()
_last_described: Last[str, SectorMatcher] = Last()


def sector_matchers(bank: Bank) -> tuple[SectorMatcher, SectorMatcher]:
    """The bank's sector matcher and its kind matcher, built once per bank (its digest)."""
    return _last_sector_matchers.get(
        bank.digest,
        lambda: (
            SectorMatcher(bank.sector_words(), bank.not_sectors),
            SectorMatcher(bank.kinds),
        ),
    )


# The small talk and the places' folded names depend on the bank alone too (and are never
# changed once built): built again for every Reader they were four fifths of its construction,
# about 20 ms of CPU, and a run of the tests builds some 400 Readers of the shipped bank.
BankReadings = tuple[SmallTalk, dict[str, frozenset[str]], dict[str, frozenset[str]]]
_last_bank_readings: Last[str, BankReadings] = Last()


def bank_readings(bank: Bank) -> BankReadings:
    """The bank's small talk, the folded names of its countries without a partner city and
    those of every place it names, built once per bank (its digest)."""
    return _last_bank_readings.get(
        bank.digest,
        lambda: (
            SmallTalk(bank.smalltalk, bank.fillers, bank.variants),
            _folded_names(bank.other_countries),
            _folded_names(bank.places + bank.other_countries),
        ),
    )


def _folded_names(places: list[dict[str, list[str]]]) -> dict[str, frozenset[str]]:
    """Each place's names in every language, folded, by the name its matches carry."""
    return {
        _canonical(place): frozenset(
            " ".join(fold_latin(w) for w in words(name))
            for names in place.values()
            for name in names
        )
        for place in places
    }


@dataclass
class Scan:
    """A cleaned question's words and the names recognised in them."""

    text: str
    written: list[str]  # as written
    lowered: list[str]
    folded: list[str]
    entities: list[EntityMatch]
    # `named()`, made once: a scan is never changed in place, and a question's is asked for
    # its names' positions about eight times.
    _named: frozenset[int] | None = field(default=None, init=False, repr=False, compare=False)
    # `lemmas()`, made once per language: the event words, the kinds, the months and the
    # described organisations each read the same words' lemmas.
    _lemmas: dict[str, list[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def named(self) -> frozenset[int]:
        """The positions of the words inside recognised names."""
        if self._named is None:
            self._named = frozenset(
                i for match in self.entities for i in range(match.start, match.end)
            )
        return self._named

    def lemmas(self, language: str) -> list[str]:
        """Each lowered word's `lemma` in `language`; not to be changed by the caller."""
        found = self._lemmas.get(language)
        if found is None:
            found = self._lemmas[language] = [lemma(w, language) for w in self.lowered]
        return found

    def part(self, start: int, end: int) -> Scan:
        """The words from `start` to `end`, with the names inside them."""
        written = self.written[start:end]
        entities = [
            EntityMatch(m.kind, m.ids, m.start - start, m.end - start)
            for m in self.entities
            if start <= m.start and m.end <= end
        ]
        return Scan(
            " ".join(written), written, self.lowered[start:end], self.folded[start:end], entities
        )

    def rest(self) -> str:
        """The words that are not names: what the language is told by."""
        inside = self.named()
        return " ".join(w for i, w in enumerate(self.written) if i not in inside)


@dataclass(frozen=True)
class Normalised:
    document: str  # "surface<TAB>lemmas", what the classifier reads
    sectors: tuple[str, ...]
    # The word features of the sector words' lemmas in the document: recognised words, which
    # the unknown-word penalty must not count as unknown where no phrasing of the bank was
    # filled with them ("Logistik" alone fell back).
    sector_words: frozenset[str] = frozenset()
    months: tuple[int, ...] = ()


# A cue's word this short is a whole word ("kto" is not "którego", "wer" not "werden"), a longer
# one the beginning of one ("unterschr").
SHORT_CUE_WORD = 3


# Compiled once per process: a reader compiles some 600 cues, more than re's own cache holds.
@lru_cache(maxsize=4096)
def _cue(cue: str, language: str) -> re.Pattern[str]:
    """A cue of the bank's `asks`: its words in order, each the beginning of a word of the
    question (a short one the whole word) and next to the one before, "..." allowing any
    words between ("wer ... unterschr" finds "wer hat 1990 den Vertrag unterschrieben"); in
    a language written without spaces, each run of characters anywhere."""
    by_characters = REGISTRY[language].tokens == "characters" if language in REGISTRY else False
    runs = []
    for run in fold_latin(cue).split("..."):
        parts = [
            re.escape(w) + ("" if by_characters or len(w) > SHORT_CUE_WORD else r"(?!\w)")
            for w in re.findall(r"\w+", run)
        ]
        if parts:
            runs.append(("" if by_characters else r"(?<!\w)") + r"\w*\W+".join(parts))
    return re.compile(".*?".join(runs), re.DOTALL)


# A cue is looked up by its longest word among the beginnings of the text's words (`_CueIndex`),
# in every kind of a language written with spaces: a set lookup for all of a kind's cues instead
# of a substring test for each.
_WORD_RUN = re.compile(r"\w+")


# The few texts of one question that its cues are searched in (the question, its part before
# the last question mark) come back kind after kind: the last ones are kept.
@lru_cache(maxsize=4)
def _word_beginnings(folded: str) -> frozenset[str]:
    """Each word of `folded` cut to its first one, two ... letters (the whole word last)."""
    return frozenset(
        word[:length] for word in _WORD_RUN.findall(folded) for length in range(1, len(word) + 1)
    )


# In a language written without spaces, a cue's longest run of characters is found anywhere in
# the text: looked up by its first CHARACTER_KEY characters among the text's runs of as many.
CHARACTER_KEY = 2


@lru_cache(maxsize=4)
def _character_runs(folded: str) -> frozenset[str]:
    """Each run of one to CHARACTER_KEY characters of `folded`."""
    return frozenset(
        folded[i : i + length]
        for length in range(1, CHARACTER_KEY + 1)
        for i in range(len(folded) - length + 1)
    )


class _CueIndex:
    """A language's cues of one kind by their longest words. In a language written with
    spaces, each word of a cue begins a word of the text it is found in (`_cue`), so a cue
    whose longest word begins none of the text's words cannot match: the text's word
    beginnings pick the few cues to test instead of a substring test for each. In one
    written without spaces, the longest word's first characters must stand in the text."""

    def __init__(self, cues: list[tuple[str, re.Pattern[str], str]], by_characters: bool):
        self._cues = cues
        self._by_characters = by_characters
        self._by_word: dict[str, list[int]] = {}
        for i, (_, _, needed) in enumerate(cues):
            key = needed[:CHARACTER_KEY] if by_characters else needed
            self._by_word.setdefault(key, []).append(i)
        # A cue without a word ("" as its longest) is always tested, as `"" in text` is true.
        self._always = self._by_word.pop("", [])
        self._words = frozenset(self._by_word)

    def within(self, folded: str) -> list[tuple[str, re.Pattern[str], str]]:
        """The cues, in their order, whose longest word can stand in `folded`."""
        pieces = _character_runs(folded) if self._by_characters else _word_beginnings(folded)
        words = self._words & pieces
        if not words and not self._always:
            return []
        places = [i for word in words for i in self._by_word[word]]
        return [self._cues[i] for i in sorted(places + self._always)]


def _languages_named(
    written: list[str], lowered: list[str], entities: list[EntityMatch]
) -> list[EntityMatch]:
    """The entities less a partner country named by the adjective of its language, in Russian
    or Ukrainian ("а по-русски можно?", "Чи можна писати англійською?", "на польском языке"):
    that is the language asked in or about, a word. Read as the country, "російською" made "can
    I write in Russian?" the visit of Russian students, and "англійською" Wakefield's England;
    the bank's own "Можно ли писать боту по-русски?" taught the country's placeholder."""
    kept = []
    for m in entities:
        if (
            m.kind in ("country", REGION)
            and m.end - m.start == 1
            and _CYRILLIC.search(written[m.start])
            and _names_language(lowered, m.start)
        ):
            continue
        kept.append(m)
    return kept


def _names_language(lowered: list[str], at: int) -> bool:
    """Whether the adjective at `at` names a language (`_LANGUAGE_ADVERB` ...)."""
    word = lowered[at]
    before = lowered[at - 1] if at else ""
    after = lowered[at + 1] if at + 1 < len(lowered) else ""
    return bool(
        after.startswith(_LANGUAGE_NOUNS)
        or _LANGUAGE_ADVERB.search(word)
        or (_LANGUAGE_INSTRUMENTAL.search(word) and not _INSTRUMENTAL_NOUN.search(after))
        or (_LANGUAGE_ACCUSATIVE.search(word) and not _ACCUSATIVE_NOUN.search(after))
        or (
            _LANGUAGE_PREPOSITIONAL.search(word)
            and before == "на"
            and not _PREPOSITIONAL_NOUN.search(after)
        )
    )


_CHARACTER = re.compile("[\u2e80-\u9fff]")


def _by_character(word: str) -> bool:
    """Whether a word is written in characters that stand inside longer words (Chinese)."""
    return not word.isascii() and _CHARACTER.search(word) is not None


def _split_by_character(words: set[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Beginnings of words, and Chinese words found inside a word (`_any_word`)."""
    return (
        tuple(sorted(w for w in words if not _by_character(w))),
        tuple(sorted(w for w in words if _by_character(w))),
    )


def _any_word(
    scan: Scan, words: tuple[tuple[str, ...], tuple[str, ...]], outside_names: bool = False
) -> bool:
    """Whether a folded word of the scan begins with one of `words`' beginnings or holds
    one of its Chinese words; outside the names recognised, if so asked."""
    beginnings, inside = words
    named = scan.named() if outside_names else frozenset()
    return any(
        word.startswith(beginnings) or any(w in word for w in inside)
        for i, word in enumerate(scan.folded)
        if i not in named
    )


def _adjective_of(word: str, adjectives: Iterable[tuple[str, str]]) -> str | None:
    """The partner city whose country's adjective a folded word is, by (beginning, city) pairs
    longest first (`Reader.adjectives`, `Reader.adjectives_in`): the beginning with at most
    ADJECTIVE_ENDING letters after it ("francuskiego", "chinoises")."""
    return next(
        (
            city
            for beginning, city in adjectives
            if word.startswith(beginning) and len(word) <= len(beginning) + ADJECTIVE_ENDING
        ),
        None,
    )


def _noun_of(word: str, nouns: re.Pattern[str]) -> bool:
    """Whether a folded word is one of the nouns with an ending of at most
    PARTNER_NOUN_ENDING letters: "twinned", "partnerskie", not "twinning" or "partnership",
    which name the partnership, not the partner city. `nouns` is `_nouns_pattern`'s."""
    return nouns.match(word) is not None


def _nouns_pattern(nouns: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for `_noun_of`: a noun at the start, then at most PARTNER_NOUN_ENDING
    characters (the alternation backtracks, so any noun that fits is found, as a test of each
    noun in turn found it, at one search instead of a generator step per noun and word)."""
    if not nouns:
        return re.compile(r"(?!)")
    alternatives = "|".join(re.escape(noun) for noun in nouns)
    return re.compile(rf"(?:{alternatives}).{{0,{PARTNER_NOUN_ENDING}}}\Z", re.DOTALL)


def _body_words(written: Iterable[str], own: bool) -> set[str]:
    """The words an organisation's name is told by, folded: a word's first BODY_WORD letters
    (a word's forms share them: "технологический", "технологического"), two characters
    together in Chinese. `own`: only words of at least BODY_OWN_WORD letters ("named",
    "after" tell nothing apart)."""
    found: set[str] = set()
    for text in written:
        for word in _WORD_RUN.findall(fold_latin((text or "").lower())):
            if _by_character(word):
                found.update(word[i : i + 2] for i in range(len(word) - 1))
            elif len(word) >= (BODY_OWN_WORD if own else BODY_SHORTEST) and not word.isdigit():
                found.add(word[:BODY_WORD])
    return found


def _kind_word(word: str, shared: frozenset[str]) -> bool:
    """Whether a question's folded word is one the names of a kind's organisations share
    (`_told_apart`), or, of three letters or four, the beginning of one ("Uni")."""
    if _body_words([word], own=False) & shared:
        return True
    return (
        BODY_SHORTEST <= len(word) < BODY_WORD
        and word.isalpha()
        and not _by_character(word)
        and any(w.startswith(word) for w in shared)
    )


def _told_apart(
    knowledge: Knowledge,
) -> dict[str, list[tuple[frozenset[str], list[tuple[str, frozenset[str], int | None]]]]]:
    """`Reader.told_apart`: per partner city, per kind it holds several organisations of, the
    words all their names share less the city's names, and each one's own words."""
    by_kind: dict[tuple[str, str], list[Organisation]] = {}
    for body in knowledge.organisations.values():
        if body.city_id is not None and body.city_id != HERNE:
            by_kind.setdefault((body.city_id, body.kind), []).append(body)
    told: dict[str, list[tuple[frozenset[str], list[tuple[str, frozenset[str], int | None]]]]] = {}
    for (city_id, _), bodies in sorted(by_kind.items()):
        city = knowledge.cities.get(city_id)
        if len(bodies) < 2 or city is None:
            continue
        city_words = _body_words(
            [*city.aliases, *(t.get("name", "") for t in city.texts.values())],
            own=False,
        )
        names = {
            body.id: [
                body.name,
                *body.aliases,
                *(t.get("name_local", "") for t in body.texts.values()),
            ]
            for body in bodies
        }
        every = {b: _body_words(n, own=False) - city_words for b, n in names.items()}
        shared = frozenset.intersection(*(frozenset(w) for w in every.values()))
        own_words = {b: _body_words(n, own=True) - city_words for b, n in names.items()}
        told.setdefault(city_id, []).append(
            (
                shared,
                [
                    (
                        body.id,
                        frozenset(
                            own_words[body.id].difference(
                                *(every[o.id] for o in bodies if o is not body)
                            )
                        ),
                        body.founded,
                    )
                    for body in bodies
                ],
            )
        )
    return told


class Reader:
    """Cleaning, names, lemmas and placeholders: the same for the bank and for questions."""

    def __init__(self, knowledge: Knowledge, bank: Bank, near_words: frozenset[str] | None = None):
        self.knowledge = knowledge
        self.matcher = entity_matcher(knowledge, bank, near_words)
        # What a scan and its normalising depend on: the names (one matcher for the same ones)
        # and the bank.
        self.key: Hashable = (self.matcher, bank.digest)
        # Found as sector words are, but only read, not replaced: the classifier's document
        # stays what the bank taught (`kinds`).
        self.sectors, self.kinds = sector_matchers(bank)
        self.described = _last_described.get(
            bank.digest, lambda: SectorMatcher(bank.described, inflected=False)
        )
        # (kind, city) -> the organisations of that kind the base holds in that city: the one
        # a description beside the city's name names (`described_bodies`).
        self.bodies: dict[tuple[str, str], tuple[str, ...]] = {}
        for body in knowledge.organisations.values():
            if body.city_id is not None:
                key = (body.kind, body.city_id)
                self.bodies[key] = (*self.bodies.get(key, ()), body.id)
        # city -> (the words all its organisations of a kind share, and each one's own words
        # and founding year), for kinds the city holds several of (`bodies_described`).
        self.told_apart = _told_apart(knowledge)
        # language -> (folded words before, folded words after) a kind that is the asker's own
        self.own_kinds: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {
            language: [
                tuple(
                    tuple(bare(fold_latin(w)) for w in words(side, language))
                    for side in cue.partition("_")[::2]
                )  # type: ignore[misc]
                for cue in cues
            ]
            for language, cues in bank.own_kinds.items()
        }
        self.months = Months()
        self.periods = _last_periods.get(bank.digest, lambda: Periods(bank.periods))
        # Which names `cities_named` knows: events' texts read with other names are read again.
        self.city_names_key = hashlib.sha256(
            json.dumps(
                sorted(
                    [c.id, sorted(c.aliases), sorted(text["name"] for text in c.texts.values())]
                    for c in knowledge.cities.values()
                )
            ).encode()
        ).hexdigest()[:16]
        self.fillers = bank.fillers
        self.claim_tags = bank.claim_tags
        # A language's claim tags by their length, longest first (`claim_tag`).
        self._claim_tags_by_length: dict[str, list[tuple[int, frozenset[tuple[str, ...]]]]] = {}
        self.claim_negations = bank.claim_negations
        self.where_cues = bank.where_cues
        # The countries without a partner city, and every place (one read from a close spelling
        # of its name, "wymiana" for "Wiedeń", is not one a question surely names): their names
        # folded, by the name their place matches carry.
        self.smalltalk, self.other_countries, self.place_names = bank_readings(bank)
        # A partner city's country by its adjective, folded, longest first: in any language
        # beside a word for a partner city (`_adjective_countries`), and by language where a
        # question asks how a partnership with "a French mining town" began
        # (`Understander._adjective_city`); and the words for a partner city that may follow
        # or precede it.
        adjectives = sorted(
            (
                (language, fold_latin(beginning.lower()), city)
                for city, named in bank.adjectives
                if city in knowledge.cities and knowledge.cities[city].partner
                for language, beginning in named
            ),
            key=lambda item: -len(item[1]),
        )
        self.adjectives = [(beginning, city) for _, beginning, city in adjectives]
        # The people of the country as well ("since when is Herne twinned with the Poles?").
        peoples = sorted(
            (
                *adjectives,
                *(
                    (language, fold_latin(beginning.lower()), city)
                    for city, named in bank.peoples
                    if city in knowledge.cities and knowledge.cities[city].partner
                    for language, beginning in named
                ),
            ),
            key=lambda item: -len(item[1]),
        )
        self.adjectives_in: dict[str, tuple[tuple[str, str], ...]] = {
            language: tuple((b, c) for lang, b, c in peoples if lang == language)
            for language in {lang for lang, _, _ in peoples}
        }
        self.partner_nouns = {
            side: tuple(
                sorted(
                    {
                        fold_latin(noun)
                        for by_side in bank.partner_nouns.values()
                        for noun in by_side.get(side, ())
                    }
                )
            )
            for side in ("follow", "precede")
        }
        # The same nouns as one pattern per side (`by_partner_noun`, for every word of a
        # question up to four times).
        self._partner_noun_patterns = {
            side: _nouns_pattern(nouns) for side, nouns in self.partner_nouns.items()
        }
        # The beginnings of the words for a partner city, a town or a partnership, in every
        # language (`speaks_of_a_city`); Chinese ones are characters found inside a word.
        town_words = {
            fold_latin(noun)
            for nouns in (
                *bank.town_nouns.values(),
                *(n for by_side in bank.partner_nouns.values() for n in by_side.values()),
            )
            for noun in nouns
        }
        self.town_words = _split_by_character(town_words)
        # language -> city -> the words describing it (`cities_described`).
        by_language: dict[str, dict[str, set[str]]] = {}
        for city, named in bank.described_by:
            for lang, word in named:
                by_language.setdefault(lang, {}).setdefault(city, set()).add(fold_latin(word))
        self.described_by = {
            lang: {city: _split_by_character(found) for city, found in cities.items()}
            for lang, cities in by_language.items()
        }
        # The words for a partner city or for being twinned (`speaks_of_partnership`).
        self.partnered = _split_by_character(
            {
                fold_latin(word)
                for words_of in (
                    *bank.partnered.values(),
                    *(n for by_side in bank.partner_nouns.values() for n in by_side.values()),
                )
                for word in words_of
            }
        )
        self.country_parts = _split_by_character(
            {fold_latin(w) for words in bank.country_parts.values() for w in words}
        )
        self.countries_only = bank.countries_only
        self.neighbours = bank.neighbours
        self.locatives = bank.locatives
        self.clocks = {
            place: city
            for place, city in bank.clocks.items()
            if city in knowledge.cities and knowledge.cities[city].partner
        }
        # The names of partner cities' countries and regions, folded: a country so named is
        # asked about, not an adjective or a people made from it ("китайский", "Çinli").
        self.country_names = frozenset(
            " ".join(fold_latin(w) for w in words(name))
            for kind, name, _, _ in _matcher_inputs(knowledge, bank)[0]
            if kind in ("country", REGION)
        )
        # language -> a filler phrase's first word -> the phrases it begins
        self.filler_phrases = _by_first_word(bank.filler_phrases)
        # language -> first word -> the frames of an indirect question beginning with it
        self.frames = _by_first_word(bank.frames)
        # language -> first word -> the frames of a relayed claim, and a claim's particles
        self.hearsay = _by_first_word(bank.hearsay)
        self.claim_particles = _by_first_word(bank.claim_particles)
        self.variants = bank.variants
        # The variants of a language written without spaces ("神马" for "什么", "木有" for
        # "没有"), of two characters or more: its words are no tokens of their own (each
        # character is one), so they are respelt in the question's text before it is read
        # (`respelt`), longest first, as the other languages' variants are word by word.
        self.synonyms = bank.synonyms
        self.declaration_words = bank.declaration_words
        self.numbers = bank.numbers
        self.number_joins = bank.number_joins
        # So are its synonyms ("备忘录" for "宣言").
        respellings = {
            variant: written
            for language, variants in (*bank.variants.items(), *bank.synonyms.items())
            if language in REGISTRY and REGISTRY[language].tokens == "characters"
            for variant, (written, _) in variants.items()
            if len(variant) > 1 and all(_by_character(c) for c in variant)
        }
        self.respellings = respellings
        self._respelling = (
            re.compile("|".join(re.escape(v) for v in sorted(respellings, key=len, reverse=True)))
            if respellings
            else None
        )
        self.not_names = bank.not_names
        # language -> first word -> the joining words starting with it, longest first; as
        # folded words, so that Russian "и" is "i" in Latin letters too.
        # The cities known by another name (known_by.yaml): only a message naming one of them
        # may name it beside that name too (`Understander.epithet_beside`).
        self.known_by_cities = frozenset(city for city, _ in bank.known_by)
        # city id -> its former names as written (folded once asked: `formerly_named`).
        self.formerly = {city: tuple(names) for city, names in bank.formerly}
        self._formerly_folded: dict[str, tuple[tuple[str, ...], ...]] | None = None
        self.joins: dict[str, dict[str, list[tuple[str, ...]]]] = {}
        for language, joined in bank.joins.items():
            by_first = self.joins.setdefault(language, {})
            for join in sorted(joined, key=len, reverse=True):
                sequence = tuple(fold_latin(w) for w in words(join, language))
                if sequence and sequence not in by_first.get(sequence[0], []):
                    by_first.setdefault(sequence[0], []).append(sequence)
        # language -> which (`TWINNED_CUES`, `NEAR_CUES`) -> its cues as folded words, as the
        # joins are.
        self.twinned = _folded_cues(bank.twinned)
        self.near = _folded_cues(bank.near)
        self.besides = _folded_cues(bank.besides)
        # Every word of a language's "before" and "after" cues: a question holding none sets
        # nothing aside, and most hold none (`set_aside` is read for every question).
        self.besides_words = {
            language: frozenset(
                w for which in ("before", "after") for cue in cues.get(which, ()) for w in cue
            )
            for language, cues in self.besides.items()
        }
        self.subject = _folded_cues(bank.subject)
        self.signing = _folded_cues(bank.signing)
        self.asker = _folded_cues(bank.asker)
        # The cues of `asks`, `compares` and `since_cues`, compiled for a language when a
        # question in it is first read (some 600 patterns in all: a start that answers one
        # language compiles a ninth of them).
        self._cue_texts = {
            "asks": bank.asks,
            "compares": bank.compares,
            "since": bank.since_cues,
            "years": bank.years_cues,
            "now": {language: {"now": cues} for language, cues in bank.time_now.items()},
            "same": {language: {"same": cues} for language, cues in bank.same_clock.items()},
            "journey": {language: {"journey": cues} for language, cues in bank.journey.items()},
            "held": {language: {"held": cues} for language, cues in bank.held.items()},
            "why": {language: {"why": cues} for language, cues in bank.why.items()},
            "links": {language: {"links": cues} for language, cues in bank.links.items()},
            "roots": {language: {"roots": cues} for language, cues in bank.roots.items()},
            "renown": {language: {"renown": cues} for language, cues in bank.renown.items()},
            "hours": {language: {"hours": cues} for language, cues in bank.hours.items()},
            "ranks": bank.ranks,
            "facts": bank.facts,
            "reach": bank.reach,
            "happening": bank.happening,
            "founding": bank.founding,
            "itself": bank.itself,
            "claim_facts": bank.claim_facts,
        }
        self._cues: dict[tuple[str, str], list[tuple[str, re.Pattern[str], str]]] = {}
        # The same cues by their longest words' beginnings; None for a few, and in a language
        # written without spaces (a cue's words are found anywhere there).
        self._cue_index: dict[tuple[str, str], _CueIndex] = {}
        self._ranking_held: dict[
            str, tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]
        ] = {}  # `_ranking_words`
        # The last scan's period (scans are never changed in place: the same object, the same
        # words and names).
        self._period: tuple[Scan | None, str, tuple[Period | None, list[tuple[int, int]]]] = (
            None,
            "",
            (None, []),
        )

    def respelt(self, text: str) -> str:
        """`text` with the chat spellings of a language written without spaces respelt as
        the bank writes them ("科宁在神马地方" is "科宁在什么地方"); one pass over the text."""
        if self._respelling is None:
            return text
        return self._respelling.sub(lambda m: self.respellings[m.group()], text)

    def scan(self, text: str, known_by: bool = True) -> Scan:
        """`known_by` false: what a city is known by is read as words (the bank's phrasings,
        so that "Where was Martin Luther born?" keeps teaching Luther's birthplace as words,
        and a question naming Luther finds them among its lemmas); so is an organisation's
        long name shortened (`EntityMatcher._partial_name`): the FAQ's "Что это за общество
        содействия партнёрским связям?" keeps teaching its words, which a user's "скока
        членов в обществе партнерства" shares; and so is a place near a partner city
        (places.yaml `neighbours`: "¿Cuánto cuesta un cuarto en Moyogalpa?" teaches as
        written)."""
        spans = []
        for word, lowered_word in word_spans(text):
            # A city's name run into the word before or after it: two words.
            split = len(word) == len(lowered_word) and self.matcher.glued(lowered_word)
            if split:
                spans += [
                    (word[:split], lowered_word[:split]),
                    (word[split:], lowered_word[split:]),
                ]
            else:
                spans.append((word, lowered_word))
        written = [w for w, _ in spans]
        lowered = [lw for _, lw in spans]
        folded = [fold_latin(w) for w in lowered]
        entities = [
            m
            for m in _languages_named(
                written, lowered, _known_by_resolved(self.matcher.find(folded, known_by), known_by)
            )
            if not (
                m.end - m.start == 1
                and (
                    (folded[m.start] in self.not_names and written[m.start].isascii())
                    or lowered[m.start] in self.not_names
                )
            )
            and (
                m.kind != "place"
                or m.ids[0] not in self.other_countries
                or _declined(" ".join(folded[m.start : m.end]), self.other_countries[m.ids[0]])
            )
            and (known_by or m.kind != "place" or m.ids[0] not in self.neighbours)
        ]
        return Scan(text, written, lowered, folded, self._adjective_countries(folded, entities))

    def speaks_of_a_city(self, scan: Scan) -> bool:
        """Whether a question speaks of a town, a partner city or a partnership ("the twin
        town in China", "Herne hat doch eine Stadt in Polen", "黑尔讷在波兰的友好城市"): only
        then is a country it names where the city asked about lies. "How many people in Herne
        have roots in Poland?" names the country for something else."""
        return _any_word(scan, self.town_words)

    def cities_described(self, scan: Scan, language: str) -> Scan:
        """The scan with a partner city's country and the words beside it that describe the
        city there (known_by.yaml `described_by`) read as one name: "на острове в озере в
        Никарагуа", "Nikaragua'da göldeki adada" are Ometepe as "Lake Nicaragua" is, never
        the country asked about itself (`described_country`), and their words no longer pull
        the question's reading ("wyspie na jeziorze" read as where).
        The description's words within DESCRIBED_REACH words of the country, on either side,
        with no other name between."""
        if not self.described_by.get(language) or not any(
            m.kind == "country" for m in scan.entities
        ):
            return scan
        described = self.described_by[language]
        named = scan.named()
        # Beside words of the partnership the country stands for the city already ("Herne's
        # partner island in Nicaragua"); without them the description is the city's name.
        kind = "country" if self.speaks_of_partnership(scan) else KNOWN_BY
        entities: list[EntityMatch] = []
        for match in scan.entities:
            words = described.get(match.ids[0]) if match.kind == "country" and match.ids else None
            if words is None or len(match.ids) != 1:
                entities.append(match)
                continue
            beginnings, inside = words
            folded = scan.folded
            describing = [
                i
                for i in range(
                    max(0, match.start - DESCRIBED_REACH),
                    min(len(folded), match.end + DESCRIBED_REACH),
                )
                if i not in named
                and (folded[i].startswith(beginnings) or any(w in folded[i] for w in inside))
            ]
            start = min([match.start, *describing])
            end = max([match.end, *(i + 1 for i in describing)])
            if not describing or any(
                i in named for i in range(start, end) if not match.start <= i < match.end
            ):
                entities.append(match)
                continue
            entities.append(EntityMatch(kind, match.ids, start, end))
        return scan if entities == scan.entities else replace(scan, entities=entities)

    def described_country(self, scan: Scan, match: EntityMatch, language: str) -> bool:
        """Whether a country's name holds words describing its partner city
        (`cities_described`, beside words of the partnership): it is where that city lies,
        not asked about itself."""
        words = self.described_by.get(language, {}).get(match.ids[0]) if match.ids else None
        return words is not None and any(
            scan.folded[i].startswith(words[0]) or any(w in scan.folded[i] for w in words[1])
            for i in range(match.start, match.end)
        )

    def formerly_named(self, scan: Scan) -> str | None:
        """The partner city a question names by a former name only (known_by.yaml `formerly`:
        "Hénin-Liétard", "Энен-Льетаре"), folded as the question is and inflected at its end,
        whether or not it names the city by its present name too; None for none."""
        if self._formerly_folded is None:
            self._formerly_folded = {
                city: tuple(tuple(self.scan(name, known_by=False).folded) for name in names)
                for city, names in self.formerly.items()
            }
        found = None
        for m in scan.entities:
            if m.kind != "city" or m.ids[0] not in self._formerly_folded:
                continue
            words = scan.folded[m.start : m.end]
            former = any(
                len(name) == len(words)
                and words[:-1] == list(name[:-1])
                and words[-1].startswith(name[-1])
                for name in self._formerly_folded[m.ids[0]]
            )
            if former:
                found = m.ids[0]
        return found

    def speaks_of_partnership(self, scan: Scan) -> bool:
        """Whether a question, outside its names, speaks of a partner city or of being twinned
        or befriended ("verschwistert", "дружит с поляками", "jumelée"): only then does since
        when asked of a country's people ask since when the partnership has stood."""
        return _any_word(scan, self.partnered, outside_names=True)

    def asks_a_part(self, scan: Scan) -> bool:
        """Whether a question, outside its names, speaks of a part of a country ("province",
        "Bundesland", "省"): asked of a country's one partner city, it asks where it lies."""
        return _any_word(scan, self.country_parts, outside_names=True)

    def _adjective_countries(
        self, folded: list[str], entities: list[EntityMatch]
    ) -> list[EntityMatch]:
        """The entities and a partner city's country named by its adjective beside a word for
        a partner city ("die chinesische Partnerstadt", "la ville jumelée chinoise"), read as
        the country is; an adjective elsewhere is a word ("polnische Wurzeln"), and so is one
        whose city the question names ("the Polish partner town, how many live in Konin?"):
        the name says which city, the country read beside it would only blur what is asked."""
        taken = {i for m in entities for i in range(m.start, m.end)}
        named = {c for m in entities if m.kind == "city" for c in m.ids}
        by_noun = self.by_partner_nouns(folded, ADJECTIVE_REACH)
        added = []
        for i, word in enumerate(folded):
            if i in taken or i not in by_noun:
                continue
            city = _adjective_of(word, self.adjectives)
            if city is not None and city not in named:
                added.append(EntityMatch("country", (city,), i, i + 1))
        if not added:
            return entities
        return sorted(entities + added, key=lambda m: (m.start, m.end))

    def by_partner_nouns(self, folded: list[str], reach: int) -> set[int]:
        """The positions of the words that `by_partner_noun` finds standing alone where an
        adjective of a word for a partner city does, found from each noun's place: two pattern
        matches a word instead of two for each word within `reach` of it."""
        follow = self._partner_noun_patterns["follow"]
        precede = self._partner_noun_patterns["precede"]
        found: set[int] = set()
        for j, w in enumerate(folded):
            if _noun_of(w, follow):
                found.update(range(max(0, j - reach), j))
            if _noun_of(w, precede):
                found.update(range(j + 1, min(len(folded), j + 1 + reach)))
        return found

    def by_partner_noun(self, folded: list[str], start: int, end: int, reach: int) -> bool:
        """Whether the words from `start` to `end` stand where an adjective of a word for a
        partner city does: that word within `reach` words after them (countries.yaml
        `partner_nouns`: `follow`), or before them (`precede`)."""
        follow = self._partner_noun_patterns["follow"]
        precede = self._partner_noun_patterns["precede"]
        return any(_noun_of(w, follow) for w in folded[end : end + reach]) or any(
            _noun_of(w, precede) for w in folded[max(0, start - reach) : start]
        )

    def asked_for(self, text: str, language: str) -> tuple[str, ...]:
        """What a question in `language` asks for besides its topic, by the bank's cues: in
        what it asks, not in what follows its last question mark, which is said ("Whom do I
        contact in Herne about business? I make websites for logistics firms" asks for no
        website)."""
        marks = [m for m in _QUESTION_END.finditer(text) if any(c in "?？" for c in m.group())]
        if marks and any(c.isalnum() for c in text[marks[-1].end() :]):
            text = text[: marks[-1].end()]
        folded = fold_latin(text)
        return tuple(
            dict.fromkeys(
                a
                for a, cue, needed in self.cues("asks", language, folded)
                if needed in folded and cue.search(folded)
            )
        )

    def cues(
        self, kind: str, language: str, folded: str | None = None
    ) -> list[tuple[str, re.Pattern[str], str]]:
        """The bank's cues of `kind` ("asks", "compares", "since") in `language`, compiled, each
        with what it reads as and its longest word: a text without that word cannot match, and
        a substring test costs a fraction of the pattern's search. Given the `folded` text a
        cue is searched in, only the cues that can match it (`_CueIndex`), in the same
        order."""
        key = (kind, language)
        if key not in self._cues:
            self._cues[key] = [
                (
                    which,
                    _cue(c, language),
                    max(re.findall(r"\w+", fold_latin(c)), key=len, default=""),
                )
                for which, cs in self._cue_texts[kind].get(language, {}).items()
                for c in cs
            ]
            by_characters = (
                REGISTRY[language].tokens == "characters" if language in REGISTRY else False
            )
            self._cue_index[key] = _CueIndex(self._cues[key], by_characters)
        if folded is None:
            return self._cues[key]
        return self._cue_index[key].within(folded)

    def compared(self, text: str, language: str) -> str:
        """Which way a question in `language` compares what it names, by the bank's cues: the
        way of the cue found first in the question ("" for none)."""
        folded = fold_latin(text)
        found = [
            (m.start(), way)
            for way, cue, needed in self.cues("compares", language, folded)
            if needed in folded and (m := cue.search(folded))
        ]
        return min(found)[1] if found else ""

    def ranked(self, text: str, language: str) -> dict[str, int]:
        """The parts of a ranking a question in `language` names, by the bank's `ranks` cues:
        each with where its first cue begins in the folded text."""
        folded = fold_latin(text)
        found: dict[str, int] = {}
        for which, cue, needed in self.cues("ranks", language, folded):
            if needed in folded and (m := cue.search(folded)):
                found[which] = min(found.get(which, m.start()), m.start())
        return found

    def reached(self, text: str, language: str) -> frozenset[str]:
        """Which of the bank's `reach` cues (REACH_CUES) a question in `language` holds."""
        return self.cued("reach", text, language)

    def cued(self, kind: str, text: str, language: str) -> frozenset[str]:
        """Which lists of the bank's cues of `kind` ("reach", "founding", "itself") a question
        in `language` holds a cue of."""
        folded = fold_latin(text)
        found: set[str] = set()
        # The cue's longest word first: most of a kind's dozens of cues are not in the text.
        for which, cue, needed in self.cues(kind, language, folded):
            if (
                needed in folded
                and which != "endings"  # endings: `ends_as`
                and which not in found
                and cue.search(folded)
            ):
                found.add(which)
        return frozenset(found)

    def ends_as(self, kind: str, text: str, language: str) -> bool:
        """Whether a word of a question in `language` ends with one of the bank's `endings` of
        `kind`, after a stem of ENDING_STEM letters at least."""
        written = self._cue_texts[kind].get(language, {}).get("endings", ())
        endings = [fold_latin(e) for e in written]
        return bool(endings) and any(
            len(word) >= len(ending) + ENDING_STEM and word.endswith(ending)
            for word in _WORD_RUN.findall(fold_latin(text))
            for ending in endings
        )

    def figures(self, folded: str, language: str) -> list[tuple[int, float]]:
        """The numbers a folded question in `language` writes, each with where it begins: in
        digits ("2000", "2 000") and in words, by the bank's `numbers` ("a hundred thousand",
        "ста тысяч", "yüz bin", "cent mille", "十万", "两千"). A run of number words is one
        number: a hundred or ten multiplies what comes before it, a thousand or more (and, in
        Chinese, 万) all of it, as it multiplies the digits right before it ("100 тысяч",
        "100 binin", "20万")."""
        digits = {
            m.end(): (m.start(), float(re.sub(r"\D", "", m.group())))
            for m in _FIGURE.finditer(folded)
        }
        found = dict(digits.values())
        values = self.numbers.get(language)
        if not values:
            return sorted(found.items())
        characters = REGISTRY[language].tokens == "characters"
        joins = self.number_joins.get(language, frozenset())
        tokens = (
            [(i, i + 1, c) for i, c in enumerate(folded)]
            if characters
            else [
                (m.start(), m.end(), re.sub(r"[’ʼ]", "'", m.group()))
                for m in re.finditer(r"\w+(?:['’ʼ]\w+)*", folded)
            ]
        )
        run: list[int] = []
        start = end = 0
        joining = False  # a joining word ("and", "y") right after the run
        for first, last, token in [*tokens, (len(folded) + 1, 0, "")]:
            parts = self._number_parts(token, values, joins, characters)
            adjacent = bool(run) and not folded[end:first].strip(" -")
            # "two hundred and fifty": a joining word goes on with a smaller number only.
            if parts and adjacent and (not joining or parts[0] < run[-1]):
                run += parts
                end, joining = last, False
                continue
            if adjacent and not joining and token in joins:
                end, joining = last, True
                continue
            if run:
                said = _spoken_number(run, characters)
                after = len(folded[:start].rstrip())
                if run[0] >= 1000 and after in digits:
                    # "100 тысяч", "100 binin", "20万": the digits' thousands.
                    at, figure = digits[after]
                    found[at] = figure * said
                else:
                    found[start] = float(said)
            joining = False
            run, start, end = (list(parts), first, last) if parts else ([], 0, 0)
        return sorted(found.items())

    @staticmethod
    def _number_parts(
        token: str, values: dict[str, int], joins: frozenset[str], characters: bool
    ) -> list[int]:
        """The values of the number words a token is: one, or, in a language written with
        spaces, the number words it is glued from ("fünfundzwanzigtausend", "yüzbinin"; at
        least two, joining words between them allowed); none for any other word."""
        value = values.get(token)
        if value is not None:
            return [value]
        if characters or not GLUED_NUMBER <= len(token) <= GLUED_NUMBER_MOST:
            return []
        if not token.isalpha() or any(token.startswith(j) for j in joins):
            return []
        # The shortest number words first: "fünfzigtausend" is read as fünfzig and tausend,
        # which a hundred before it multiplies as one number ("zweihundertfünfzigtausend").
        pieces = sorted({*values, *joins}, key=len)

        def spelt(rest: str) -> list[int] | None:
            if not rest:
                return []
            for piece in pieces:
                if rest.startswith(piece):
                    after = spelt(rest[len(piece) :])
                    if after is not None and (piece in values or after):
                        return ([values[piece]] if piece in values else []) + after
            return None

        found = spelt(token)
        return found if found is not None and len(found) >= 2 else []

    def rank_cues(self, way: str, language: str) -> tuple[str, ...]:
        """The bank's `ranks` cues of `way` ("oldest") in `language`, as written."""
        return self._cue_texts["ranks"].get(language, {}).get(way, ())

    def ranked_things(self, scan: Scan, language: str) -> list[str]:
        """The words a superlative of the bank's `ranks` cues (the six ways) stands right
        before in a question in `language` ("the biggest carnival", "самый большой фестиваль",
        "le plus grand festival"), in Chinese also the two characters right before it
        ("节日最大"), where they are none of the words a ranking by what the base holds is said
        with: a function word, a word of a `ranks` cue (its measures: "inhabitants", "km"), a
        word for a partner city, a town or being twinned, a filler, a name. What is left is
        what is ranked, which the base does not hold ("festival"; "Volksfest" read as a place:
        a name nobody taught is no name here)."""
        folded = fold_latin(scan.text)
        names = {
            scan.folded[i]
            for m in scan.entities
            if m.kind != "place"
            for i in range(m.start, m.end)
        }
        by_characters = REGISTRY[language].tokens == "characters"
        articles = ARTICLES.get(language, frozenset())
        held = self._ranking_words(language)
        found = []
        for which, cue, needed in self.cues("ranks", language, folded):
            if which not in RANK_WAYS or needed not in folded:
                continue
            for m in cue.finditer(folded):
                if by_characters:
                    preceding = re.sub(r"\W", "", folded[max(0, m.start() - 2) : m.start()])
                    # "博物馆最大", and "最大的体育场": the thing after the cue and 的.
                    following = re.match(r"的(\w{2})", folded[m.end() :])
                    for chars in (preceding, following.group(1) if following else ""):
                        if (
                            len(chars) == 2
                            and not any(w in chars for w in held[1])
                            and not any(c in held[2] for c in chars)
                            and not any(c in name for c in chars for name in names)
                        ):
                            found.append(chars)
                    continue
                after = re.match(r"\w*\W+(\w+)", folded[m.end() :])
                candidates = [after.group(1)] if after is not None else []
                # Where an adjective follows its noun, the noun before it after an article ("el
                # festival más grande", "el estadio de fútbol más grande"; not the verb of
                # "¿cuál está más cerca?").
                before = (
                    re.search(
                        r"(?:^|\W)(\w+)\W+(\w+)(?:\W+(?:de|del|du|des|d)\W+\w+)?\W+\w*$",
                        folded[: m.start()],
                    )
                    if articles
                    else None
                )
                if before is not None and before.group(1) in articles:
                    candidates.append(before.group(2))
                for word in candidates:
                    if not (
                        len(word) < THING_LENGTH
                        or word.isdigit()
                        or word in names
                        or word.startswith(held[0])
                        or lemma(word, language) in held[2]
                    ):
                        found.append(word)
        return found

    def _ranking_words(
        self, language: str
    ) -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
        """`ranked_things`' words a ranking is said with in `language`: beginnings (the cues'
        words, partner and town nouns), Chinese words, and lemmas (function words, fillers)."""
        if language not in self._ranking_held:
            cue_words = {
                w
                for cues in self._cue_texts["ranks"].get(language, {}).values()
                for c in cues
                for w in re.findall(r"\w+", fold_latin(c))
            }
            beginnings, inside = _split_by_character(cue_words)
            lemmas = stopwords(language) | self.fillers.get(language, frozenset())
            self._ranking_held[language] = (
                beginnings + self.town_words[0] + self.partnered[0],
                inside + self.town_words[1] + self.partnered[1],
                lemmas,
            )
        return self._ranking_held[language]

    def facts_named(self, text: str, language: str) -> dict[str, int]:
        """The kinds of a partner city's fact a question in `language` names, by the bank's
        `facts` cues ("Einwohner", "wie weit", "сайт", "市长"): each with where its first cue
        begins in the folded text."""
        folded = fold_latin(text)
        found: dict[str, int] = {}
        for which, cue, needed in self.cues("facts", language, folded):
            if needed in folded and (m := cue.search(folded)):
                found[which] = min(found.get(which, m.start()), m.start())
        return found

    def lasting(self, text: str, language: str) -> bool:
        """Whether a question in `language` asks since when the partnership it names by a
        vague word has lasted, by the bank's `since_cues`: a "lasting" cue (since when, how
        long) and a "thing" cue ("das mit ...", "the ... thing", "lo de ...", "... olayı")."""
        folded = fold_latin(text)
        found = {
            which
            for which, cue, needed in self.cues("since", language, folded)
            if needed in folded and cue.search(folded)
        }
        return set(SINCE_CUES) <= found

    def twinned_together(self, scan: Scan, language: str) -> bool:
        """Whether a question naming two partner cities asks whether they are twinned with each
        other, by the bank's `twinned` cues: an "each other" cue ("Конин и Уэйкфилд побратимы
        друг другу?"), or the second city right after a "with" cue ("Is Konin twinned with
        Wakefield?", "Partnerstadt von Wakefield") or right before an "of it" cue ("泸州是科宁的
        友好城市吗", "Konin'in kardeş şehri"), the first not after a "with" cue ("the partnership
        with Wakefield or the one with Konin") and no "both" cue between them ("Beşiktaş ile
        Luzhou", "Konin and Wakefield": both are Herne's)."""
        cues = self.twinned.get(language, {})
        folded = scan.folded

        def starts(which: str, position: int) -> bool:
            return bool(_cues_from(folded, cues.get(which, ()), position))

        def ends(which: str, position: int) -> bool:
            return bool(_cues_until(folded, cues.get(which, ()), position))

        if any(starts("each_other", position) for position in range(len(folded))):
            return True
        spans = sorted(
            {m.ids: (m.start, m.end) for m in scan.entities if m.kind == "city"}.values()
        )
        if len(spans) != 2:
            return False
        (first, first_end), (second, second_end) = spans
        return (
            not ends("with", first)
            and not any(starts("both", position) for position in range(first_end, second))
            and (ends("with", second) or starts("of_it", second_end))
        )

    def near_span(self, scan: Scan, language: str, match: EntityMatch) -> tuple[int, int] | None:
        """The span of the name `match` and the bank's `near` cue beside it, where the name only
        says where something else lies: right after a "before" cue ("near Konin", "рядом с
        Белгородом", "à côté d'Hénin-Beaumont") or right before an "after" cue ("泸州旁边",
        "Beşiktaş'ın yanında"); None where it stands on its own."""
        cues = self.near.get(language, {})
        folded = scan.folded
        before = _cues_until(folded, cues.get("before", ()), match.start)
        after = _cues_from(folded, cues.get("after", ()), match.end)
        if not (before or after):
            stems = [cue[0] for which in ("neighbour", "part") for cue in cues.get(which, ())]
            named = scan.named()
            for start in range(max(0, match.start - NEIGHBOUR_REACH), match.start):
                if start not in named and folded[start].startswith(tuple(stems)):
                    return start, match.end
            # "Allstedt (Eisleben)": a name alone in brackets right after another word says
            # where that lies.
            if match.start > 0 and _bracketed(scan.text, match.start, match.end):
                return match.start, match.end
            # "the population of Sandal, Wakefield": a name right after another set apart by
            # a comma, where only names are capitalised in the middle of a sentence.
            if self._after_a_name(scan, language, match.start):
                return match.start, match.end
            return self.way_from(scan, language, match)
        return match.start - max(before, default=0), match.end + max(after, default=0)

    def set_aside(self, scan: Scan, language: str) -> tuple[str, ...]:
        """The partner cities named, by name or by their country, right after a `besides`
        "before" cue or right before an "after" one, at most BESIDES_REACH words and no name
        between: what "Which partner cities has Herne apart from the one in Germany?",
        "poza Polską", "Türkiye hariç", "除了中国以外" leave out."""
        folded = scan.folded
        if self.besides_words.get(language, frozenset()).isdisjoint(folded):
            return ()
        cues = self.besides.get(language, {})
        before, after = cues.get("before", ()), cues.get("after", ())
        named = scan.named()
        aside: list[str] = []
        for m in scan.entities:
            if m.kind not in ("city", "country", REGION, KNOWN_BY):
                continue
            cued = any(
                _cues_until(folded, before, at) and named.isdisjoint(range(at, m.start))
                for at in range(max(0, m.start - BESIDES_REACH), m.start + 1)
            ) or any(
                _cues_from(folded, after, at) and named.isdisjoint(range(m.end, at))
                for at in range(m.end, min(len(folded), m.end + BESIDES_REACH + 1))
            )
            if cued:
                aside += [c for c in m.ids if c != HERNE and c not in aside]
        # "außer Luzhou und Ometepe", "Belgorod ve Konin dışında": names joined by an "and" cue
        # or a comma alone to one set aside are set aside with it.
        places = [m for m in scan.entities if m.kind in ("city", "country", REGION, KNOWN_BY)]
        joined = cues.get("and", ())
        for _ in range(len(places)):
            grown = False
            for one, other in itertools.pairwise(places):
                gap = other.start - one.end
                if gap > 1 or (gap == 1 and not _cues_from(folded, joined, one.end)):
                    continue
                if bool(set(one.ids) & set(aside)) != bool(set(other.ids) & set(aside)):
                    aside += [
                        c for m in (one, other) for c in m.ids if c != HERNE and c not in aside
                    ]
                    grown = True
            if not grown:
                break
        return tuple(aside)

    def way_from(self, scan: Scan, language: str, match: EntityMatch) -> tuple[int, int] | None:
        """The span of the name `match` and the way beside it, where a place set apart says how
        far it lies from it (NEAR_CUES: "Horbury, just down the road from Wakefield", "纳溪，距泸州
        半小时车程", "Beşiktaş'a birkaç kilometre uzaklıktaki Kağıthane"); None elsewhere. No
        name may stand within the way; "How many kilometres is it from Konin to Herne?" sets
        nothing apart and asks of Konin."""
        cues = self.near.get(language, {})
        ways = cues.get("way", ())
        if not ways and not cues.get("away"):
            return None
        folded = scan.folded
        named = scan.named()
        reach = range(match.end, min(len(folded), match.end + WAY_REACH))
        for k in reach:
            if k in named:
                break
            if _cues_from(folded, cues.get("away", ()), k):
                return match.start, k + 1
        apart = _marked_before(scan.text, _APART)
        if REGISTRY[language].tokens == "characters":
            before = _cues_until(folded, cues.get("from", ()), match.start)
            if not before:
                return None
            attributive = cues.get("attributive", ())
            for k in reach:
                if k in named:
                    return None
                for length in _cues_from(folded, ways, k):
                    end = k + length
                    if match.start - max(before) in apart or _cues_from(folded, attributive, end):
                        return match.start - max(before), end
            return None
        stems = tuple(way[0] for way in ways)
        end = match.start - max(_cues_until(folded, cues.get("from", ()), match.start), default=0)
        if end == match.start and not (end > 0 and folded[end - 1].startswith(stems)):
            return None
        start = end
        while start > 0 and end - start < WAY_REACH and start - 1 not in named:
            start -= 1
        for first in range(end - 1, start - 1, -1):
            if first in apart:
                if any(folded[i].startswith(stems) for i in range(first, end)):
                    return first, match.end
                return None
        return None

    def _after_a_name(self, scan: Scan, language: str, position: int) -> bool:
        """Whether a comma sets the word at `position` apart from a name right before it: a
        capitalised word, no sentence's first, at least STRANGER_SHORTEST letters, nothing
        recognised, no filler, in a language that capitalises only names."""
        before = position - 1
        if before < 1 or REGISTRY[language].capitalised_nouns:
            return False
        word = scan.written[before]
        return (
            word[:1].isupper()
            and scan.folded[before].isalpha()
            and len(scan.folded[before]) >= STRANGER_SHORTEST
            and before not in scan.named()
            and scan.folded[before] not in self.fillers.get(language, frozenset())
            and position in _marked_before(scan.text, _COMMA)
            and before not in _marked_before(scan.text, _SENTENCE_END)
        )

    def tells_of_self(self, scan: Scan, language: str, start: int, end: int) -> bool:
        """Whether the words from `start` to `end` are the asker telling of themselves: one
        of the bank's `asker` words ("I", "мы", "我"), or a word with one of its first-person
        endings where the language drops the pronoun ("çiftliğim", "işletiyorum")."""
        cues = self.asker.get(language, {})
        own = cues.get("words", ())
        endings = [c[0] for c in cues.get("endings", ()) if len(c) == 1]
        folded = scan.folded
        return any(
            _cues_from(folded, own, i)
            or any(len(folded[i]) > len(e) + 1 and folded[i].endswith(e) for e in endings)
            for i in range(start, end)
        )

    def placed_at(self, scan: Scan, language: str, position: int) -> bool:
        """Whether the words right before `position` say that the asker is there (the bank's
        `asker` "at" cues: "in", "в", "在"): "I teach in Castleford" names a place."""
        return bool(_cues_until(scan.folded, self.asker.get(language, {}).get("at", ()), position))

    def years_asked(self, text: str, language: str) -> tuple[bool, int]:
        """Whether a question in `language` asks how many years a partnership has lasted, and
        the anniversary it asks about by its number (0: none), by the bank's `years_cues`: an
        anniversary word with one number in digits that is no year ("wann ist das 30-jährige
        Jubiläum", "75e anniversaire", "70周年"; not "Jubiläum 2026")."""
        folded = fold_latin(text)
        found = {
            which
            for which, cue, needed in self.cues("years", language, folded)
            if needed in folded and cue.search(folded)
        }
        numbers = {int(n) for n in _NUMBER.findall(text)} if "anniversary" in found else set()
        numbers = {n for n in numbers if 0 < n <= MAX_ANNIVERSARY}
        anniversary = next(iter(numbers)) if len(numbers) == 1 else 0
        return "count" in found and not anniversary, anniversary

    def located(self, scan: Scan, match: EntityMatch, language: str, by_noun: bool = True) -> bool:
        """Whether a country or region a question names is where something lies, by the
        bank's `locatives` ("in China", "w Polsce", "在中国", "Çin'de") or, if `by_noun`, as a
        word for a partner city's adjective, not what is asked about ("Is China a partner
        city?")."""
        end = match.end
        while end < len(scan.folded) and scan.folded[end] in _POINTING_CHARACTERS:
            end += 1  # "法国那个友好城市": that partner city of France's
        if by_noun and self.by_partner_noun(scan.folded, match.start, end, 1):
            return True  # "中国友城", "la ciudad hermana china": the partner city's country
        where = self.locatives.get(language, {})
        before = where.get("before", ())
        if any(w in before for w in scan.lowered[max(0, match.start - 2) : match.start]):
            return True
        if match.end < len(scan.lowered) and scan.lowered[match.end] in where.get("after", ()):
            return True
        suffixes = where.get("suffixes", ())
        if suffixes:
            written = scan.written[match.end - 1]
            if any(
                scan.lowered[match.end - 1].endswith(s) and len(written) > len(s) + 2
                for s in suffixes
            ):
                return True  # "Rusyadaki", "Ingilterede": no partner country's name ends so
            last = re.escape(written)
            joined = "|".join(re.escape(s) for s in suffixes)
            return re.search(rf"{last}['’ʼ`´]({joined})", scan.text, re.IGNORECASE) is not None
        return False

    def places_described(self, scan: Scan, language: str) -> Scan:
        """The scan with a place a partner city lies in (regions.yaml `clocks`: Istanbul) read
        as a description of that city where it describes it: beside the city named by its
        country ("the Turkish partner city, that district of Istanbul"), or as where the
        partner city or district a question speaks of lies ("İstanbul'daki kardeş ilçe", "the
        partner district in Istanbul"; beside such a word only in Chinese, where no "one" is
        one: "Is Istanbul one of the partner cities?"). Asked about itself ("Is Istanbul a
        partner city?",
        "How many people live in Istanbul?") or beside the city's own name ("Is Beşiktaş
        bigger than Istanbul?") it stays a place."""
        if not self.clocks or not any(m.kind == "place" for m in scan.entities):
            return scan
        entities: list[EntityMatch] = []
        for match in scan.entities:
            city = self.clocks.get(match.ids[0]) if match.kind == "place" and match.ids else None
            if city is None or any(m.kind == "city" and city in m.ids for m in scan.entities):
                entities.append(match)
            elif any(
                m.kind in ("country", REGION, KNOWN_BY) and city in m.ids for m in scan.entities
            ):
                continue  # said of the city its country names: a word of its description
            elif self.located(
                scan, match, language, by_noun=REGISTRY[language].tokens == "characters"
            ) and self.speaks_of_a_city(scan):
                entities.append(EntityMatch("country", (city,), match.start, match.end))
            else:
                entities.append(match)
        return scan if entities == scan.entities else replace(scan, entities=entities)

    def time_now(self, text: str, language: str) -> bool:
        """Whether a question in `language` asks the time here and now, by the bank's
        `time_now` cues ("Который час?", "Saat kaç?"), not a partner city's clock."""
        return self._cued("now", text, language)

    def same_clock(self, text: str, language: str) -> bool:
        """Whether a question in `language` compares two places' clocks, by the bank's
        `same_clock` cues ("the same time", "même heure", "时间一样")."""
        return self._cued("same", text, language)

    def journey(self, text: str, language: str) -> bool:
        """Whether a question in `language` asks how long the journey takes, by the bank's
        `journey` cues ("how long ... drive", "Flugzeit", "сколько ... лететь")."""
        return self._cued("journey", text, language)

    def held_asked(self, text: str, language: str) -> bool:
        """Whether a question in `language` asks whether a partnership still holds, has ended,
        or still allows a visit now, by the bank's `on_hold` cues ("broken off", "noch
        gültig", "сейчас ... можно")."""
        return self._cued("held", text, language)

    def why_asked(self, text: str, language: str) -> bool:
        """Whether a question in `language` asks why or how something came about, by the
        bank's `why_cues` ("how come", "wie kam es", "почему")."""
        return self._cued("why", text, language)

    def link_asked(self, text: str, language: str) -> bool:
        """Whether a question in `language` asks how two places are linked, by the bank's
        `link_cues` ("what's the connection between", "was haben ... zu tun", "что связывает")."""
        return self._cued("links", text, language)

    def roots_asked(self, text: str, language: str) -> bool:
        """Whether a question in `language` asks where a partnership has its roots or how it
        began, by the bank's `roots_cues` ("what are the roots", "woher kommt", "kökü")."""
        return self._cued("roots", text, language)

    def renown_asked(self, text: str, language: str) -> bool:
        """Whether a question in `language` asks why a place matters or what it is famous for,
        by the bank's `renown_cues` ("so important", "berühmt", "чем знаменит")."""
        return self._cued("renown", text, language)

    def hours_asked(self, text: str, language: str) -> bool:
        """Whether a question in `language` asks when a place opens, closes or leaves, by the
        bank's `hours` cues ("what time does ... close", "ouvre", "几点开门")."""
        return self._cued("hours", text, language)

    def _cued(self, group: str, text: str, language: str) -> bool:
        """Whether any of a cue group's patterns is found in the folded text."""
        folded = fold_latin(text)
        # A loop, not a generator in `any`: a cue group's dozens of cues are passed a question.
        for _, cue, needed in self.cues(group, language, folded):
            if needed in folded and cue.search(folded):
                return True
        return False

    def cities_named(self, text: str) -> list[str]:
        """The cities a text (an event's title or description, of any length) names by their
        own names, in any language, inflection or close spelling; not by a country, an
        organisation or what a city is known by (a "Luther" exhibition is no Eisleben event)."""
        scan = self.scan(unicodedata.normalize("NFC", text))
        return [c for m in scan.entities if m.kind == "city" for c in m.ids]

    def period_named(
        self, scan: Scan, language: str
    ) -> tuple[Period | None, list[tuple[int, int]]]:
        """The period a scanned question names outside its names, and where it names it."""
        last_scan, last_language, found = self._period
        if scan is last_scan and language == last_language:
            return found  # the question's reading and its event words ask for it in turn
        named = scan.named()
        free = [i not in named for i in range(len(scan.folded))]
        found = self.periods.find(scan.folded, free, language)
        self._period = (scan, language, found)
        return found

    def dated_months(self, scan: Scan, language: str) -> tuple[int, ...]:
        """The months a scanned question names with a year, outside its names."""
        lemmas = scan.lemmas(language)
        named = scan.named()
        free = [i not in named for i in range(len(scan.folded))]
        found = self.months.find(scan.folded, lemmas, free, language, dated=True)
        return tuple(dict.fromkeys(month for _, _, month in found))

    def described_bodies(self, scan: Scan, language: str) -> Scan:
        """The scan with each organisation described by its kind beside its city's name ("the
        hockey club from Herne", "Herne'deki kardeş şehir derneği") named: the description and
        the city, with at most `DESCRIBED_GAP` unnamed words between them, are one name of the
        one organisation of that kind the base holds in that city. A city with two of that
        kind, or none, stays the city."""
        named = scan.named()
        free = [i not in named for i in range(len(scan.folded))]
        if not any(free):
            return scan
        lemmas = scan.lemmas(language)
        found = self.described.find(scan.folded, lemmas, free, language)
        if not found:
            return scan
        info = REGISTRY.get(language)
        widest = DESCRIBED_GAP * (
            DESCRIBED_CHARACTERS if info is not None and info.tokens == "characters" else 1
        )
        entities = list(scan.entities)
        for start, end, kind in found:
            for city in entities:
                if city.kind != "city" or len(city.ids) != 1:
                    continue
                bodies = self.bodies.get((kind, city.ids[0]), ())
                gap = range(end, city.start) if city.start >= end else range(city.end, start)
                if len(bodies) == 1 and len(gap) <= widest and all(free[i] for i in gap):
                    body = EntityMatch(
                        "organisation", bodies, min(start, city.start), max(end, city.end)
                    )
                    entities = sorted(
                        [m for m in entities if m is not city] + [body], key=lambda m: m.start
                    )
                    break
        return scan if entities == scan.entities else replace(scan, entities=entities)

    def bodies_described(self, scan: Scan, language: str) -> Scan:
        """The scan with an organisation of a partner city named by what tells it from the
        city's others of its kind, where the question speaks of one city, by name or by a
        description ("the university in the Russian partner city founded in 1876", "the
        technology university in Belgorod", "俄罗斯那个友好城市的国立研究大学"): a word its names
        share with the others ("university"), and a word of its own names ("technological",
        "研究") or its founding year that no other's has. The city's names are no such words
        (data/organisations.yaml: the names, aliases and founding years). One that fits
        several, or none, leaves the city."""
        if not self.told_apart or any(m.kind == "organisation" for m in scan.entities):
            return scan
        cities = {
            c
            for m in scan.entities
            if m.kind in ("city", "country", REGION, KNOWN_BY)
            for c in m.ids
            if c != HERNE
        }
        if len(cities) != 1 or (city := next(iter(cities))) not in self.told_apart:
            return scan
        named = scan.named()
        folded = scan.folded
        # Each free word, and in Chinese each with the next free character.
        free = [
            (
                i,
                w + folded[i + 1]
                if _by_character(w) and i + 1 < len(folded) and i + 1 not in named
                else w,
            )
            for i, w in enumerate(folded)
            if i not in named
        ]
        asked = _body_words([w for _, w in free], own=True)
        years = {int(w) for _, w in free if len(w) == 4 and w.isdigit()}
        for shared, bodies in self.told_apart[city]:
            kind_at = next((i for i, w in free if _kind_word(w, shared)), None)
            if kind_at is None:
                continue
            fits = [body for body, own, founded in bodies if asked & own or founded in years]
            if len(fits) != 1:
                continue
            body = EntityMatch("organisation", (fits[0],), kind_at, kind_at + 1)
            entities = [m for m in scan.entities if city not in m.ids] + [body]
            return replace(scan, entities=sorted(entities, key=lambda m: (m.start, m.end)))
        return scan

    def unheld_body(self, scan: Scan, language: str) -> bool:
        """Whether the question describes an organisation of a kind the base holds as a partner
        city's own, where the base holds none of that kind in that city ("Hat Konin eine eigene
        Wirtschaftsförderung?", "агентство развития Вейкфилда"): a body the bot cannot name,
        not Herne's of the same kind; nor does it hold one in another place. The city or place
        nearest the description decides, at most
        `UNHELD_BEFORE` unnamed words before it or `UNHELD_AFTER` after it (Chinese: as many
        words' characters), so that "Herne's agency, for contacts in Konin" stays Herne's."""
        # A place that is no partner city holds none of the base's organisations either.
        cities = [m for m in scan.entities if m.kind in ("city", "place") and len(m.ids) == 1]
        if not cities or all(m.ids == (HERNE,) for m in cities):
            return False
        in_city = {i for m in cities for i in range(m.start, m.end)}
        free = [i not in in_city for i in range(len(scan.folded))]
        lemmas = scan.lemmas(language)
        found = self.described.find(scan.folded, lemmas, free, language)
        if not found:
            return False
        info = REGISTRY.get(language)
        scale = DESCRIBED_CHARACTERS if info is not None and info.tokens == "characters" else 1
        association = self.knowledge.organisations.get(ASSOCIATION)
        for start, end, kind in found:
            if not any(k == kind for k, _ in self.bodies) or (
                association is not None and kind == association.kind
            ):
                # The partnership association has a section for each partner city and travels
                # there: a partner city beside it is a partnership it serves, not its seat.
                continue
            # The description may be part of a name the base knows it by, which may be longer
            # ("агентство економічного розвитку"): the name's words are the description's.
            # A name that holds a city's ("the economic development office in Herne", one name
            # once described) is that city's organisation.
            bodies = [
                m
                for m in scan.entities
                if m.kind == "organisation" and m.start < end and start < m.end
            ]
            if any(
                m.kind == "city"
                for body in bodies
                for m in self.scan(" ".join(scan.written[body.start : body.end])).entities
            ):
                continue
            start = min([start, *(m.start for m in bodies)])
            end = max([end, *(m.end for m in bodies)])
            named = {
                i
                for m in scan.entities
                if m.end <= start or m.start >= end
                for i in range(m.start, m.end)
            }
            near = []
            for city in cities:
                if city.end <= start:
                    gap, most = range(city.end, start), UNHELD_BEFORE * scale
                elif city.start >= end:
                    gap, most = range(end, city.start), UNHELD_AFTER * scale
                else:
                    continue
                if len(gap) <= most and not any(i in named for i in gap):
                    near.append((len(gap), city.ids[0]))
            if near and not self.bodies.get((kind, min(near)[1])):
                return True
        return False

    def kinds_named(self, scan: Scan, language: str) -> tuple[str, ...]:
        """The kinds of organisation the base holds none of (Bank.kinds) that a question names
        outside its names, read from its words as written (the spelling stage may read
        "izba" as another word of the bank)."""
        lemmas = scan.lemmas(language)
        named = scan.named()
        free = [i not in named for i in range(len(scan.folded))]
        found = self.kinds.find(scan.folded, lemmas, free, language)
        # "I'm an accountant at a haulage firm, who ...", "Ben avukatım", "nasza kancelaria":
        # the asker's own trade or firm is context, not the organisation asked for.
        folded = bare_words(scan.folded)
        own = self.own_kinds.get(language, ())
        return tuple(
            dict.fromkeys(
                kind
                for start, end, kind in found
                if not any(
                    tuple(folded[max(0, start - len(before)) : start]) == before
                    and tuple(folded[end : end + len(after)]) == after
                    for before, after in own
                )
            )
        )

    def _filler_phrases(self, folded: list[str], free: list[bool], language: str) -> set[int]:
        """The positions of the language's fillers of several words ("w ogóle", "by the
        way"), each found whole among the free words."""
        found: set[int] = set()
        for at in _phrases_found(folded, self.filler_phrases.get(language, {})):
            if all(free[at.start : at.stop]):
                found.update(at)
        return found

    def framed(self, scan: Scan, language: str) -> bool:
        """Whether a scanned sentence holds a frame of an indirect question ("Ich wüsste gern,
        wann …", "I'd like to know when …"): it asks, with or without a question mark."""
        return any(_phrases_found(scan.folded, self.frames.get(language, {})))

    def claim_tag(self, scan: Scan, language: str) -> range | None:
        """Where the tag that ends a claim asked to be confirmed stands ("…, oder?", "…, right?",
        "…, değil mi?", "…的吧？"): the last words of the message, the longest tag first; None
        where it ends with none. The message's last words are compared once per length of
        the language's tags (a few), not once per tag (dozens)."""
        by_length = self._claim_tags_by_length.get(language)
        if by_length is None:
            lengths: dict[int, set[tuple[str, ...]]] = {}
            for tag in self.claim_tags.get(language, ()):
                lengths.setdefault(len(tag), set()).add(tag)
            by_length = self._claim_tags_by_length[language] = [
                (length, frozenset(tags)) for length, tags in sorted(lengths.items(), reverse=True)
            ]
        folded = scan.folded
        for length, tags in by_length:
            start = len(folded) - length
            if start > 0 and tuple(folded[start:]) in tags:
                return range(start, len(folded))
        return None

    def particles_in(self, scan: Scan, language: str) -> set[int]:
        """The positions of the particles that make a statement a claim to confirm ("Энен-Бомон
        ведь партнёр с 1960 года?", "Konin ist doch seit 1995 dabei?")."""
        return {
            i
            for at in _phrases_found(scan.folded, self.claim_particles.get(language, {}))
            for i in at
        }

    def relayed(self, scan: Scan, language: str) -> bool:
        """Whether a scanned message is a claim asked to be checked: it ends with a claim's tag
        ("…, stimmt's?", "…, doğru mu?") or holds a frame of hearsay ("is it true that",
        "angeblich", "听说")."""
        return self.claim_tag(scan, language) is not None or any(
            _phrases_found(scan.folded, self.hearsay.get(language, {}))
        )

    def negations_in(self, scan: Scan, language: str, start: int, end: int) -> set[int]:
        """The positions of the words between `start` and `end` that negate a claim ("Konin
        didn't sign", "Konin nie podpisał", "跟科宁没有关系"), the longest first."""
        found: set[int] = set()
        folded = scan.folded
        for at in range(start, end):
            for negation in self.claim_negations.get(language, ()):
                stop = at + len(negation)
                if stop <= end and tuple(folded[at:stop]) == negation:
                    found.update(range(at, stop))
                    break
        return found

    def fillers_in(self, scan: Scan, language: str) -> set[int]:
        """The positions of a scanned text's fillers, of one word or several."""
        free = [True] * len(scan.folded)
        fillers = self.fillers.get(language, frozenset())
        found = {i for i, w in enumerate(scan.folded) if w in fillers}
        return found | self._filler_phrases(scan.folded, free, language)

    def normalise(self, scan: Scan, language: str, unfilled: bool = False) -> Normalised:
        """The classifier's document of a scanned question; `unfilled`: without its filler
        words (a question's; the bank's phrasings keep theirs, so that the model stays what
        cross-validation measures)."""
        # A word read as two run together (Understander._unglued) holds a space.
        lemmas = [
            " ".join(lemma(p, language) for p in w.split(" ")) if " " in w else lemma(w, language)
            for w in scan.lowered
        ]
        free = [True] * len(scan.folded)
        marks: dict[int, tuple[int, str]] = {}  # start -> (end, placeholder)
        known_by: set[int] = set()  # the starts of names a city is known by
        for match in scan.entities:
            home = match.kind == "city" and match.ids == (HERNE,)
            marks[match.start] = (match.end, HOME_PLACEHOLDER if home else PLACEHOLDERS[match.kind])
            if match.kind == KNOWN_BY:
                known_by.add(match.start)
            for i in range(match.start, match.end):
                free[i] = False
        # Filler words are left out, unless the question is nothing else ("na ja" is a reply);
        # beside a name they are chatter around a one-word question ("короче белгород lol").
        fillers = self.fillers.get(language, frozenset()) if unfilled else frozenset()
        dropped = {i for i, w in enumerate(scan.folded) if free[i] and w in fillers}
        if unfilled:
            dropped |= self._filler_phrases(scan.folded, free, language)
        if len(dropped) < sum(free) or scan.entities:
            for i in dropped:
                free[i] = False
        else:
            dropped = set()
        # The day of a date is part of the date, no word ("16 stycznia 2018" is not "16").
        dropped |= {i for i in self.months.days(scan.folded, lemmas, language) if free[i]}
        sectors = []
        for start, end, sector in self.sectors.find(scan.folded, lemmas, free, language):
            marks[start] = (end, PLACEHOLDERS["sector"])
            if sector not in sectors:
                sectors.append(sector)
        months: list[int] = []
        for start, end, month in self.months.find(scan.folded, lemmas, free, language):
            if any(s <= start < e for s, (e, _) in marks.items()):
                continue
            marks[start] = (end, PLACEHOLDERS["month"])
            if month not in months:
                months.append(month)
        surface: list[str] = []
        lemma_tokens: list[str] = []
        sector_words: set[str] = set()
        position = 0
        while position < len(scan.folded):
            if position in marks:
                end, placeholder = marks[position]
                # A name repeated ("Konin Konin Konin ...") counts once.
                if not surface or surface[-1] != placeholder:
                    surface.append(placeholder)
                    lemma_tokens.append(placeholder)
                    if placeholder == PLACEHOLDERS["sector"] or position in known_by:
                        # Which sector still tells FAQ facts apart (hockey, nanotechnology),
                        # and "Luther" still asks about Luther, not only about Eisleben.
                        lemma_tokens += lemmas[position:end]
                        sector_words.update(
                            "w:" + part for w in lemmas[position:end] for part in w.split(" ")
                        )
                position = end
                continue
            if position not in dropped:
                surface.append(scan.folded[position])
                lemma_tokens.append(lemmas[position])
            position += 1
        return Normalised(
            " ".join(surface) + "\t" + " ".join(lemma_tokens),
            tuple(sectors),
            frozenset(sector_words),
            tuple(months),
        )


# ---- understanding ----------------------------------------------------------------------

# Confidence is multiplied by the (idf-weighted) share of the question's words the bank
# knows, to this power: "Gibt es in Herne einen Hundesalon?" is mostly a word no phrasing of
# the bank uses, however much the rest looks like a question about Herne's Polish roots.
# Calibrated with bench/qa_eval.py (cross-validation and the tuning sets).
UNKNOWN_PENALTY = 1.0
# A word the bank does not use may be two of its commonest words run together ("whereis"):
# the second part at least this long, the first at least GLUED_FIRST_SHORTEST (a preposition
# of two letters begins many a Slavic or German word: Ukrainian "подати" is no "по дати",
# Spanish "costa" no "co sta"), and each among the words of the bank used most (an idf at
# most this: question words, verbs and nouns every topic uses, about the commonest fifth of
# the bank's words; a rare word is no part of a typing slip people make).
# Two words the bank's phrasings hold side by side (their lemmas' pair is one of the model's
# features: "wo liegt", "ne zaman", "cuántos habitantes") are taken from a first part of two
# letters on, and without the idf bound: "по дати" and "co sta" are no pair of the bank.
GLUED_SHORTEST = 2
GLUED_FIRST_SHORTEST = 3
GLUED_PAIR_FIRST_SHORTEST = 2
GLUED_COMMON_IDF = 8.0
# A word of a compounding language (the registry's `compounds`) that the bank does not use may
# be a compound of the bank's words ("Logistikkooperationen", "Nanotechnologiezusammenarbeit",
# "Gesundheitswirtschaftskooperation"): read as its parts, in two or else three, each at least
# this long, the parts before the last as the bank writes them (perhaps with a joining letter,
# "Partnerschafts-"), the last as a form of a bank word's lemma. Any word of the bank, not only
# its commonest: a compound joins content words, where two words typed without the space
# (`_unglued`) are mostly question words.
COMPOUND_PART_SHORTEST = 4
# A word of a language that declines and has a lemmatizer (the registry's `declines_names`
# and `lemmatizer`: Polish, Russian, Ukrainian, whose words for a sector's people are the
# sector's word less its ending) whose lemma is a one-word sector term less at most this many
# last letters, and at least SECTOR_PERSON_SHORTEST long, names the sector's people or firms:
# Russian "логистам" (логист, of логистика), Ukrainian "логістів", "энергетикам". Shorter, a
# lemma begins too many other words; in English it is a verb ("forward" is no "forwarding");
# Turkish has a stemmer's stems, no lemmas, and they cut its words for people unevenly.
SECTOR_PERSON_CUT = 3
SECTOR_PERSON_SHORTEST = 6
COMPOUND_MOST_PARTS = 3
# What the spelling stage read a word the speller did not correct as (two glued words, a
# compound, or nothing), kept for this many words of at most JOINED_WORD letters: the same
# unknown words come back, and a message may repeat one hundreds of times. A longer word is
# read as it is (no word of the bank, the FAQ or the question sets has more than 40 letters;
# two glued words the speller knows at most 2 * LONGEST_INDEXED): reading an endless hostile
# word (300 letters after `clean`) lemmatised both slices of each of its cuts, 9 ms a question.
JOINED_WORDS = 4096
JOINED_WORD = 64
_PLACEHOLDERS = {*PLACEHOLDERS.values(), HOME_PLACEHOLDER}
CITY_INTENTS = frozenset(
    f"city.{kind}"
    for kind in (
        "profile since where population website status distance time area founded history"
    ).split()
)
# A city's own facts, which a sector or a remark told beside the question does not change
# (its partnership's facts, since when, its status and history, may be what a sector asks).
OWN_FACTS = frozenset(
    f"city.{kind}" for kind in "profile where population website distance time area founded".split()
)
# City intents whose answer needs a city; the others rank or list the partner cities.
ONE_CITY_INTENTS = CITY_INTENTS - {"city.since", "city.status", "city.distance"}
# A question comparing partner cities that the classifier reads as another kind of answer
# than a city's fact, at least this confidently, is that kind (the events in Konin and
# Wakefield "first" asked about); read as another city's fact, it asks for the compared one
# ("Which is more recent, Luzhou or Beşiktaş?" is no question of where they are).
COMPARISON_KEPT = 0.4
# A question naming no place is read as another intent than a one-city fact only when the
# other intents hold at least this much of the probability.
PLACELESS_REST = 0.2
# The reading whose answer is an organisation's card.
ORG_INFO = "org.info"
# An organisation's name is read with its city's name moved to its other end only where the
# rest's words have at least this many letters (`_seat_turned`: no "HC", "de", "w").
SEAT_TURNED_SHORTEST = 3
# A description of an organisation and its city's name are read as one name with at most this
# many words between them ("хоккейный клуб города Херне", "club de hockey de la ville de
# Herne", "Förderverein der Partnerschaften der Stadt Herne").
DESCRIBED_GAP = 5
# Where each character is a word (Chinese), a word is about this many of them.
DESCRIBED_CHARACTERS = 2
# A description of an organisation with a partner city's name at most this many words before
# it ("Hat Konin eine eigene Wirtschaftsförderung?") or after it ("агентство развития Конина",
# "the agency in Konin") is that city's own (`Reader.unheld_body`).
UNHELD_BEFORE = 3
UNHELD_AFTER = 1
# Unless it is a bare topic: at most this many words (fillers left out; Chinese: characters
# counted by EVERY_MOST_CHARACTERS), naming nothing at all ("Einwohner", "local time",
# "Сколько жителей?", "人口"): a city's fact so asked is asked of every partner city. A longer
# question without a city asks about something it names in other words ("Когда основали
# общество?") or refers back ("Where is it?").
EVERY_MOST_WORDS = 2
EVERY_MOST_CHARACTERS = 4
# A keyword query (`Understander._keywords_language`): at most this many words, names aside.
KEYWORD_WORDS = 4
# A partner city's clock: asked bare ("local time", "Zeitzone", "当地时间") every partner
# city's; not where the bank's `time_now` cues find the time here and now ("Который час?",
# "Saat kaç?": out of scope).
TIME = "city.time"
# The least share of the clock in a reading naming a place a partner city lies in for the
# question to be read again with the place as the city (`Understander._clock_of_place`).
CLOCK_OF_PLACE_MIN = 0.2
DISTANCE = "city.distance"
# The confidence of a journey's length asked of a partner city by the bank's `journey` cues
# (`Reader.journey`), where the classifier reads it as another kind: the cue and the city
# decide, as a partner city said to lie in its country does (`ASSERTED_WHERE_MIN`).
JOURNEY_MIN = 0.5
# A question the classifier finds to ask an FAQ fact is answered only when an entry's
# questions are at least this similar (cosine of tf-idf vectors); calibrated with
# bench/qa_eval.py --cv.
FAQ_MIN_SIMILARITY = 0.1
# An FAQ entry one of whose own questions is at least this similar to the question (the same
# words, reordered or one changed) answers it even where the bank's phrasings call such
# questions out of scope: the office that answered "Wie wird morgen das Wetter in Herne?"
# in the bot means its answer for "Wie wird das Wetter morgen in Herne?" too, however many
# weather questions the bank teaches the classifier to refuse. The office's entries, which
# the classifier never learns (`OfficeIndex`), answer such a question whatever it predicts.
FAQ_SAME_QUESTION = 0.8
# Among this many most similar FAQ entries, one about a city or organisation the question
# names gains this much similarity.
FAQ_CANDIDATES = 5
NAMED_ENTRY_BONUS = 0.05
# And one about the partner cities the question names, rather than about others too, up to
# this much more, by the share of its partner cities named: "How did it begin with
# Hénin-Beaumont?" is the Courrières entry's, not that of Konin's first contacts, which
# Hénin-Beaumont arranged.
CITY_SHARE_BONUS = 0.1
# And one whose questions keep naming a sector the question names (at least this many of them:
# one question's passing word is not what an entry is about) this much more: "Kann mein Kind am
# Schüleraustausch mit Belgorod teilnehmen?" is the entry on exchanges now, whose questions ask
# about school and sports exchanges, not the one on nanotechnology research, whose
# universities are of education too (their organisations' sectors earn the named bonus alone).
SECTOR_QUESTIONS = 2
SECTOR_ENTRY_BONUS = 0.1
FAQ_SUGGESTIONS = 3


def known_share(model: LinearModel, document: str, also: frozenset[str] = frozenset()) -> float:
    """How much of a normalised question (names aside) is words the bank uses, or `also`
    holds (the office's entries' words, the question's sector words): each word weighs its
    idf, a word never used weighs the highest idf there is."""
    tokens = [t for t in document.partition("\t")[2].split() if t not in _PLACEHOLDERS]
    keys = ["w:" + t for t in tokens]
    columns = model.index.lookup(keys)
    known = [model.idf.item(c) for c in columns if c >= 0]
    known += [model.rarest for k, c in zip(keys, columns, strict=True) if c < 0 and k in also]
    total = sum(known) + (len(tokens) - len(known)) * model.rarest
    return sum(known) / total if total else 1.0


# A question about the partner cities that names a place nobody taught the bot ("Is Essen a
# partner city?") is read again with that name as a place; the reading is kept when it asks
# whether the place is a partner city at least this confidently.
PARTNER_INTENTS = frozenset({"partners.check", "partners.list"})
UNKNOWN_PLACE_MIN = 0.4
# A question read below UNKNOWN_PLACE_MIN that speaks of partners is the check of a name nobody
# taught only when read as that check this surely (`Understander._read`).
UNKNOWN_PLACE_SURE = 0.9
# A partner city named beside its own country, in a question read less surely than this (or
# out of scope, or as an FAQ entry about other cities), is read again without the name, which
# is the asker's guess ("die Partnerstadt in Polen hieß doch Konin, oder?",
# `Understander._name_guessed`); that reading is kept from this confidence.
GUESSED_NAME_MIN = 0.4
# A partner city's country named alone is the list of the partner city there, this sure.
BARE_COUNTRY_MIN = 0.5
# A partner city said to lie in its own country or region, with a word or three besides ("konin
# is in poland right?", "конин в польше, да?", "konin polonyada değil mi?"), asks where it lies:
# the classifier, which sees the country, splits it between out of scope, the status, the
# partner check and the FAQ's entry on Herne's Polish roots. Not a reading of another city fact,
# nor one of these it is sure of (ASSERTED_WHERE_MIN; an FAQ entry: ASSERTED_FAQ_MAX).
ASSERTED_WORDS = 3
# The most words of a clause after a comma that, naming nothing, ask whether the clause before
# it is right ("..., right?", "..., değil mi?"): a tag, not a question of its own.
TAG_WORDS = 2
ASSERTED_WHERE_MIN = 0.5
ASSERTED_FAQ_MAX = 0.75
ASSERTED_READINGS = frozenset(
    {OUT_OF_SCOPE, "city.where", "city.status", "city.profile", *PARTNER_INTENTS}
)
# The most words (names aside; two at least) a question may have for a word only one
# language's bank uses to decide its language (`Understander._word_owner`): longer questions
# tell their language to the models, and a loanword there is only a loanword.
OWNED_WORDS = 12
# A city's own facts, not the partnership's: asked of a place or a country, they are not the
# partner city's (its population is no answer to "how many people live in Poland?").
PLACE_FACTS = frozenset(
    f"city.{kind}"
    for kind in ("profile", "where", "population", "website", "distance", "time", "area", "founded")
)
# The fewest words besides names a question needs for a country or region in it, named without
# a locative ("in China"), to be asked as if it were a city ("Ist Polen eine Partnerstadt?"): a
# word beside it ("Polen Partnerstadt?") asks for the partner city there.
LOCATED_WORDS = 2
# A partner city's past, asked with the place where it happened ("signed in Berlin"): read
# without that place when it reads surer so (`Understander._read`).
HISTORY = "city.history"
# The declaration's readings that name who signed it, city by city (compose), and who signed.
DECLARATION_WHO = "declaration.who"
SIGNED_READINGS = frozenset({DECLARATION_WHO, "declaration.about"})
SMALLTALK_PREFIX = "smalltalk."
# What a message sending greetings from a place may say besides (`Understander._greeted_from`).
GREETED_ALONGSIDE = frozenset({GREETING, THANKS, GOODBYE})
# The readings a partner city that signs may be read as surely and still ask who signed the
# declaration for it: a city's fact or history ("Did Wakefield sign it too?" read as its
# history), an FAQ entry (Konin's first contacts), the declaration itself.
SIGNER_READINGS = ("city.", FAQ + ".", DECLARATION)
SCENE_INTENTS = frozenset({HISTORY, "city.since"})
# Those a region has of its own: asked of one, they are not its partner city's.
REGION_OWN_FACTS = frozenset({"city.population", "city.area", "city.founded", "city.website"})
# The facts of a city the list of a country's partner cities does not give: asked of the one
# partner city in a country ("the population of the twin town in Britain"), they are its own.
ASKED_OF_ITS_CITY = frozenset(
    f"city.{kind}"
    for kind in ("population", "website", "distance", "time", "area", "founded", "history")
)
# Of those, the ones whose phrasings ask what a city was called ("Comment s'appelait ...
# avant ?"): read so only when surer than the list, which names the city.
NAMED_PAST = frozenset({"city.founded", "city.history"})
# ... when read so at least this confidently (the population asked of the twin town in Britain,
# Poland, Nicaragua in nine languages: 0.67-0.99; "Welche Partnerstadt liegt in Polen?", which
# asks for the list, 0.31 as the distance).
ITS_CITY_MIN = 0.5
# Asked why or how it came about (`Reader.why_asked`), the country's one partner city read with
# the list left out is its history from this confidence, the answer threshold's: the list read
# surer only because it names the city ("Why does Herne have a sister city in China?": the list
# 1.00, the history 0.50 on part28's bank, 0.47 once hist28's phrasings retrained the model).
WHY_HISTORY_MIN = 0.4
# The share of the partner-city kinds (the list, the check) from which a country's own fact is
# asked of the partner city there ("Einwohner der Partnerstadt in Polen": 0.46; "population of
# Poland": under 0.01; "Granada, en Nicaragua": 0.15).
COUNTRY_PARTNERED = 0.3
# Those asked of a place beside a partner city: a distance measures from the place (Belgorod
# from Moscow), which the partner city's profile may say.
BESIDE_FACTS = PLACE_FACTS - {"city.distance"}
# What a question asks of a partnership's course: asked of a place that is no partner city,
# whether it is one.
PARTNERSHIP_ASKED = frozenset({"city.since", "city.status"})
# What a question asks of a place it says lies near a partner city ("How many people live in
# Golina near Konin?", "the history of Ossett, next to Wakefield"): the place's own facts, not
# the partner city's. A word shorter than STRANGER_SHORTEST letters the bank never uses is no
# such place ("ona", "it").
NEAR_OWN_FACTS = PLACE_FACTS | {"city.history"} | PARTNER_INTENTS | PARTNERSHIP_ASKED
STRANGER_SHORTEST = 4
# The most words of a place's name read where a landmark says where it lies (`_landmarked`:
# "Kazimierz Biskupi koło Konina").
NAME_WORDS = 3
# The readings of a question naming two partner cities as each other's twins ("Is Konin twinned
# with Wakefield?", "泸州是科宁的友好城市吗"): since when, their status, the check, their
# profiles.
TWINNED_ASKED = PARTNERSHIP_ASKED | PARTNER_INTENTS | {"city.profile"}
# The most small words between a partner city's name and a name that says which of its
# namesakes is meant ("Wakefield dans le Massachusetts").
NAMESAKE_GAP = 2
EVENTS = "events."

# Intents that answer a question naming nothing: a greeting that names a city ("hey, what's
# new with Belgorod?") asks about the city.
NAMELESS = frozenset(
    {
        "smalltalk.greeting",
        "smalltalk.thanks",
        "smalltalk.goodbye",
        CAPABILITIES,
        CHATTER,
        COMPLAINT,
        SPOKEN,
        CANNOT,
    }
)


def _talked_of(match: EntityMatch) -> bool:
    """Whether small talk may name it: Herne ("I love Herne", "herne is great") or a country,
    as which a language is read ("sprichst du Polnisch?"); the cues' words must still cover
    it, so "Polen?" and "hallo Herne, wo liegt Konin?" are no small talk."""
    return match.kind == "country" or (match.kind == "city" and match.ids == (HERNE,))


# Languages whose small talk may be typed in Latin letters as well ("privet", "dyakuyu").
TRANSLITERATED = frozenset({"ru", "uk"})
# A question's words in another script than its detected language's, one a function word,
# that make it a question of that script's language (`Understander._main_language`): "какая
# population у Уэйкфилда?" is Russian; one word is a quoted or named one ("what is побратим?").
MIXED_WORDS = 2
# How many more function words of one language than of the detected language a question in
# one script holds to be in that language ("c'est qui le club de hockey de Herne, le
# Eishockey Verein ?": le, de, de, le against none of German's; "gibts in herne so ne
# economic development agency, also ne contact person für business development?": in, so, für
# against in).
MAIN_WORDS = 2
# The languages written in Latin letters: a word one of their banks uses is no sign of Russian
# or Ukrainian typed in Latin letters ("partner", "status", "info": `_typed_cyrillic`).
LATIN_WRITTEN = tuple(code for code in LANGUAGES if REGISTRY[code].script == "Latn")
# What a part of a message is not, when the message asks two things (bot.qa): a greeting or
# an aside beside a question is no second question.
NOT_A_PART = NAMELESS | {OUT_OF_SCOPE}
# What the bank's `asks` cues find asked that is a partner city's own fact: the reading that
# answers it (`Understander.fact_asked_again`).
ASKED_FACTS = {"population": "city.population"}
# At most this many cuts of one message are tried (each costs the understanding of a part or
# two): a message asking two things is cut at its first question mark or joining word.
MAX_CUTS = 3
_QUESTION_END = re.compile(r"[?？;；!！]+")
# Where a message asking two things may be cut: there, at a Chinese comma ("泸州在哪里，那边现在
# 几点了？": Chinese joins two questions with it where others write "and"), and at a space
# between Chinese characters, where Chinese writes no spaces ("威克菲尔德在哪 人口多少").
_PARTS_END = re.compile(_QUESTION_END.pattern + r"|，|(?<=[\u3400-\u9fff]) +(?=[\u3400-\u9fff])")
# A Chinese clause that asks: a question word or particle. A Chinese comma joins two questions
# only after one ("泸州在哪里，那边现在几点了？"), not after a clause that tells.
_ZH_ASKING = re.compile(r"哪|什么|几|多少|多远|多大|多久|吗|谁|怎么|何|是否|有没有|呢|么")
# Where a clause of a message ends: what a rambling message's question is cut from ("my
# daughter sings in a choir, so where is Konin anyway? thx"). A full stop only before a space
# (not 4.5 km); a space between Chinese characters, where Chinese writes no spaces ("嗨 科宁在哪儿
# 来着 忘了"); a dash between spaces ("Ich male ein Wandbild – seit wann ...?"), not the
# hyphen inside a name (Hénin-Beaumont).
_CLAUSE_END = re.compile(
    r"[?？;；!！。，、,:：…]+|\.+(?=\s)|(?<=[\u3400-\u9fff]) | (?=[\u3400-\u9fff])"
    r"|(?<=\s)[-–—]+(?=\s)"
)
# Where a sentence ends that tells, not asks: what comes before a question about a partner
# city may tell where the asker comes from (a colon before a space too: "Mi abuela es de
# Managua: Ometepe, ¿por qué es conocida?").
# Where a sentence ends, asked or told (`_other_declaration`).
_ANY_SENTENCE_END = re.compile(r"[.!?…:;¿¡]+")
_SENTENCE_END = re.compile(r"\.+(?=\s)|[!！。]+|[:：](?=\s)")
# Brackets, and what sets a name apart beside the landmark that says where it lies ("Avion, à
# côté d'Hénin-Beaumont", "Seeburg – ein Ortsteil bei Eisleben", "Urbaite (Ometepe)"); a
# hyphen inside a name ("Noyelles-Godault") joins its words.
_OPENING = re.compile(r"[(（\[]")
_CLOSING = re.compile(r"[)）\]]")
_APART = re.compile(r"[,，(（\[—–]|(?<=\s)-(?=\s)")
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_COMMA = re.compile(r"[,，]")
# A partner city's country named by its adjective (`Reader._adjective_countries`): a word for a
# partner city at most this many words after it (before it, where the adjective follows its
# noun), and the adjective's ending at most this many letters after its beginning.
ADJECTIVE_REACH = 2
# A word of at least this many letters may be number words glued together
# ("hunderttausend", "yüzbin"; `Reader._number_parts`).
GLUED_NUMBER = 6
GLUED_NUMBER_MOST = 40  # no number is longer; a hostile word is not taken apart
# What a superlative ranks (`Reader.ranked_things`): a word of at least THING_LENGTH letters;
# in languages whose adjectives mostly follow their noun, also the noun after one of these
# articles right before it ("el festival más grande", "le festival le plus grand").
THING_LENGTH = 3
ARTICLES = {
    "fr": frozenset({"le", "la", "les", "l", "un", "une", "des", "du"}),
    "es": frozenset({"el", "la", "los", "las", "un", "una", "unos", "unas", "del"}),
}
# Words describing a partner city at most this many words from its country's name
# (`Reader.cities_described`: "на острове в озере в Никарагуа").
DESCRIBED_REACH = 4
# An organisation told from the others of its kind in its city by the words of its names
# (`Reader.bodies_described`): a word's first BODY_WORD letters; words of fewer than
# BODY_SHORTEST letters are none, and a word of the organisation's own (not the kind's) has at
# least BODY_OWN_WORD ("named", "after", "им." tell nothing apart).
BODY_WORD = 5
BODY_SHORTEST = 3
BODY_OWN_WORD = 6
# Characters that point at a noun, between a country's name and a word for a partner city in
# a language written without spaces ("法国那个友好城市", "中国的友城"): the country is still
# where that city lies (`Reader.located`).
_POINTING_CHARACTERS = frozenset("那这个座的")
# A word that is no partner country's adjective is read as another country's only right beside
# such a word (`Understander._foreign_adjectives`: "eine griechische Partnerstadt", "ville
# jumelle grecque"): two words away it is mostly a town asked about ("Ist Belgrad eine
# Partnerstadt?", "is leicester also one of ...").
FOREIGN_ADJECTIVE_REACH = 1
ADJECTIVE_ENDING = 5
# The ending a word for a partner city may have (`_noun_of`).
PARTNER_NOUN_ENDING = 3
# Where a sentence that tells ends and the next begins (`Understander.asking_sentence`).
_TOLD_END = re.compile(r"\.+(?=\s)|[!！。]+")
# Where a question ends (`Understander.plans_only`).
_QUESTION_MARKS = re.compile(r"[?？]+")
# Where a sentence ends: a claim's tag ends the last one only (`Understander.claimed`).
_CLAIM_START = re.compile(r"[?？!！。]+|\.+(?=\s)")
# Where a story told before a question ends (`Understander._story_told`): a full stop before
# a space, an exclamation mark, a dash between spaces; not a comma, which joins a place to the
# question ("How many people live in Lens, next to Hénin-Beaumont?").
_STORY_BREAK = re.compile(r"\.+(?=\s)|[!！。]+|(?<=\s)[-–—]+(?=\s)")
# A partner country's adjective where it names the country's language, in Russian and
# Ukrainian (`_languages_named`), as written in lower case (folded, the Ukrainian
# plural "російські" is the adverb "російськи"): an adverb ("по-русски", "по-польськи"); a
# Ukrainian instrumental or accusative said alone ("писати російською", "розумієш російську?")
# unless a noun of its case follows ("з польською стороною", "польську громаду"); a Russian
# prepositional after "на" unless a noun follows ("на английском", not "на польском рынке");
# any form before the word for language ("русский язык", "польською мовою").
_LANGUAGE_ADVERB = re.compile(r"сь?ки$")
_LANGUAGE_INSTRUMENTAL = re.compile(r"[сц]ькою$")
_INSTRUMENTAL_NOUN = re.compile(r"(?:ою|ею|єю)$")
_LANGUAGE_ACCUSATIVE = re.compile(r"[сц]ьку$")
_ACCUSATIVE_NOUN = re.compile(r"[ую]$")
_LANGUAGE_PREPOSITIONAL = re.compile(r"[сц]ком$")
_PREPOSITIONAL_NOUN = re.compile(r"[еиі]$")
_LANGUAGE_NOUNS = ("язык", "мов")
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)
# At most this many clauses of an unconfident message are read on their own (each costs the
# understanding of a part); those ending with a question mark first.
MAX_FOCUS = 4
# An asking sentence read without the asker's introduction before it (`introduced`): at least
# this many words of its own, and not read as whom to ask or what the bot does, which the
# introduction (the asker's trade, school or club) is what decides.
INTRODUCED_WORDS = 5
WHOM_TO_ASK = ("contacts.", "association.", "office.", "bot.", "smalltalk.")
# Whether a place is a partner city (`Understander.place_checked`).
PARTNER_CHECK = "partners.check"
_LETTER = re.compile(r"[^\W\d_]")
# Intents whose answers say each other's core fact (the history of a partnership starts with
# its date, its status names it too): a question split between them is understood as one of
# them, and its confidence is theirs together.
FAMILIES = (
    frozenset({"city.since", "city.history", "city.status"}),
    frozenset({"declaration.when", "declaration.about"}),
    frozenset({"contacts.sector", "contacts.business"}),
)
# Each intent's family (the first that holds it: reversed, the first is written last), looked
# up per candidate of `_intent`.
_FAMILY_OF = {member: family for family in reversed(FAMILIES) for member in family}
# The readings whose answers about a partner city on hold all say so, whatever else they say:
# its status, how the partnership began, its exchanges to come and past, whom to contact there
# about a sector or business (the city's contacts come with its suspension; "Meine Nichte
# möchte mit ihrer Schule nach Belgorod fahren, geht das überhaupt noch?" names a sector), with
# an FAQ entry about that city: `Understander.on_hold`.
STATUS_TOLD = frozenset(
    {
        "city.status",
        "city.since",
        "city.history",
        "events.upcoming",
        "events.past",
        "contacts.sector",
        "contacts.business",
    }
)
# What the history of a partnership may hold that a question asks for: who signed it, who
# brought it about (`Understander.who_began`).
BEGAN_BY = frozenset({"signatory", "initiator"})
# What the base holds of a year asked about as the topic ("2016'da ne oldu?", "Что было в 1987
# году с Ометепе?"): the readings that tell or may tell what happened then, and how much of the
# probability they must hold, above out of scope (`Understander.in_year`).
YEAR_STORY = "history.year"
HAPPENED = frozenset(
    {
        "events.past",
        "city.history",
        "city.status",
        "city.since",
        "city.profile",
        "city.founded",
        FAQ,
        "declaration.about",
        "declaration.when",
        "declaration.who",
    }
)
HAPPENED_MIN = 0.5
SUSPENDED = "suspended"
# A message naming a partner city on hold that asks in so many words whether the partnership
# still holds or allows a visit now gets its status, unless the classifier reads it as out of
# scope at least this surely ("Wie ist das Wetter in Belgorod, geht das noch mit dem Schnee?":
# 0.94; a handball tournament planned there, "ist das derzeit drin?": 0.82).
HELD_BEYOND_MAX = 0.9
# A plan with a partner city on hold asked "possible now?" may read as an FAQ entry or whom to
# contact there ("Belgorod'la öğrenci değişimi ... ?" as nanotechnology
# research, 0.74): the status, when the bank's `on_hold` cues ask it, the reading is one of these
# and not at least this sure (`Understander.held_over`).
HELD_OVER = frozenset({FAQ, "contacts.sector", "contacts.business"})
HELD_OVER_MAX = 0.9
# An FAQ entry about one partner city tells part of what its profile does.
TOLD_BY_PROFILE = frozenset({"city.profile"})
DECLARATION_FAMILY = FAMILIES[1]
# Answers about one organisation are a family too: how to reach the association, its card and
# the FAQ's entries about it ("Hat der Verein eine Postanschrift?" was split between them and
# fell back). An intent is about the organisations of the FAQ entries data/faq.yaml marks it
# with, where those entries say whom to contact (this topic).
CONTACT_TOPIC = "contacts"
OFFICE = "office.contact"
# The most probable intents whose groups (family, answers about the same organisations) are
# weighed against each other.
GROUP_CANDIDATES = 5
ASSOCIATION_CONTACT = "association.contact"
SECTOR_CONTACTS = "contacts.sector"
ASSOCIATION = "partnership-association"
# The contact readings that compose answers with the cards of the organisations a question
# names when one of them is not the association ("How do I reach the Herner EV?", "Where is
# the office of Business Herne?", bot/compose.py): about those organisations, as the card is.
# (A question read as the partnership office's is one: "the address of the economic development
# office" asks where that organisation is, not how to reach the office.)
CARD_CONTACTS = frozenset({ASSOCIATION_CONTACT, "contacts.sector", "contacts.business", OFFICE})
BUSINESS_CONTACTS = "contacts.business"
BUSINESS_DEVELOPMENT = "business_development"
# Readings a founder's question keeps (`Understander.founding`): business contacts already.
FOUNDING_READ = frozenset({BUSINESS_CONTACTS, "contacts.sector"})
# Readings that a question about an organisation itself overrides (`Understander.body_itself`):
# whom to contact, or nothing the bot holds.
ITSELF_OVERRIDDEN = frozenset(CARD_CONTACTS | {OUT_OF_SCOPE})
# The entries whose facts the association's card says itself (`Understander.body_and_part`).
CARD_ENTRIES = frozenset({"association-about", "association-contact"})
# The readings that taking part in the partnerships and asking whom to turn to overrides
# (`Understander.taking_part`): out of scope, whom to contact, business contacts.
# Business contacts read surely stay: "cooperate with firms in Konin" is the economy's.
TAKING_PART_OVERRIDDEN = frozenset({OUT_OF_SCOPE, OFFICE, ASSOCIATION_CONTACT})
# The sectors a group of the asker's may name and still look for the association
# (`Understander.group_reach`): those it serves (data/organisations.yaml), and sport and
# music's choirs and clubs ("football club", "orchestra" read as culture).
GROUP_SECTORS = frozenset({"culture", "education", "sport"})


class OfficeIndex:
    """The office's FAQ entries (made in the bot from users' questions), indexed without
    retraining anything: their questions are read as a question is, vectorised over the
    classifier's features plus the entries' own features the bank never uses (those at the
    highest idf the classifier knows), and kept as centroids like the trained FAQ index's.
    Built at every load from the database, so an erased user's wording goes with a reload."""

    def __init__(self, reader: Reader, model: LinearModel):
        self.model = model
        self.extra: dict[str, int] = {}  # feature the classifier lacks -> column
        entries: list[str] = []
        cells: list[tuple[int, int, float]] = []  # (column, entry number, value)
        for entry in reader.knowledge.faq.values():
            if not entry.office:
                continue
            sums: Counter[int] = Counter()
            for language, questions in entry.questions.items():
                for question in questions:
                    scan = reader.scan(clean(question))
                    columns, values = self.vector(reader.normalise(scan, language).document, True)
                    sums.update(dict(zip(columns.tolist(), values.tolist(), strict=True)))
            norm = math.sqrt(sum(v * v for v in sums.values()))
            if norm:
                cells += [(c, len(entries), v / norm) for c, v in sums.items()]
                entries.append(entry.id)
        cells.sort()
        width = len(model.index) + len(self.extra)
        columns = np.array([c for c, _, _ in cells], dtype=np.int64)
        indptr = np.zeros(width + 1, dtype=np.int64)
        indptr[1:] = np.cumsum(np.bincount(columns, minlength=width))
        self.index = FaqIndex(
            entries,
            indptr,
            np.array([e for _, e, _ in cells], dtype=np.int64),
            np.array([v for _, _, v in cells], dtype=np.float32),
        )
        self.words = frozenset(f for f in self.extra if f.startswith("w:"))

    def vector(self, document: str, grow: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """As `LinearModel.vector`, over the classifier's features and the office's own
        (`grow`: a new feature becomes one of the office's)."""
        model = self.model
        found: list[tuple[int, float]] = []
        counts = Counter(model.analyzer(document))
        known = model.index.lookup(list(counts))
        for (feature, n), known_column in zip(counts.items(), known, strict=True):
            if known_column >= 0:
                found.append((known_column, (1.0 + math.log(n)) * float(model.idf[known_column])))
                continue
            column = self.extra.get(feature)
            if column is None and grow:
                column = self.extra[feature] = len(model.index) + len(self.extra)
            if column is not None:
                found.append((column, (1.0 + math.log(n)) * model.rarest))
        columns = np.array([c for c, _ in found], dtype=np.int64)
        values = np.array([v for _, v in found], dtype=np.float32)
        norm = float(np.linalg.norm(values))
        return columns, values / norm if norm else values

    def top(self, document: str, n: int) -> list[tuple[str, float]]:
        if not self.index.entries:
            return []
        return self.index.top(self.vector(document), n)


def _each_its_own(first: Understanding, second: Understanding) -> bool:
    """Whether two parts of a message name partner cities of their own, none of them both,
    and each asks a fact of its cities: "Where is Konin and how many people live in
    Belgorod?". A part read as a city's profile is a name with little around it ("... and
    what about Belgorod?"), which asks again what the other part asked."""
    mine, yours = set(first.cities) - {HERNE}, set(second.cities) - {HERNE}
    return (
        bool(mine)
        and bool(yours)
        and not mine & yours
        and PROFILE not in (first.intent, second.intent)
    )


def _of_the_entry(cut: tuple[Scan, Scan], first: Understanding, second: Understanding) -> bool:
    """Whether a part naming nothing, read as a fact of Herne because the other part names
    Herne, asks about what that other part is read as, an FAQ entry or an organisation
    ("Welcher Verein ist in Herne fürs Eishockey zuständig | und wo ist die Halle?": the
    club's hall, which its entry tells, not where Herne lies)."""
    for part, read, other in ((cut[0], first, second), (cut[1], second, first)):
        if (
            not part.entities
            and read.intent.startswith("city.")
            and set(read.cities) == {HERNE}
            and other.intent.startswith((f"{FAQ}.", "org."))
        ):
            return True
    return False


def _alike(intent: str, other: str) -> bool:
    """The same kind of answer, or two of one family."""
    return intent == other or any(intent in f and other in f for f in FAMILIES)


def _other_year(entry: FaqEntry | None, years: frozenset[str]) -> bool:
    """The entry is dated, and neither its date nor any of its answers names a year the
    question names."""
    if entry is None or not years or not entry.date:
        return False
    return not any(y in text for y in years for text in (entry.date, *entry.answers.values()))


def _on_declaration(entry: FaqEntry) -> bool:
    """The entry is about the declaration: of its topic, or answering one of its intents."""
    return entry.topic == DECLARATION_TOPIC or any(i.startswith(DECLARATION) for i in entry.intents)


# entry -> sector -> how many of its questions name it; city -> its region's words.
EntryReadings = tuple[dict[str, dict[str, int]], dict[str, frozenset[str]]]


def _readings_inputs(
    knowledge: Knowledge,
) -> tuple[tuple[tuple[str, str, tuple[str, ...]], ...], tuple[tuple[str, str, str, str], ...]]:
    """What `_entry_readings` reads: each FAQ entry's questions, each partner city's region and
    country."""
    questions = tuple(
        (entry.id, language, tuple(questions_))
        for entry in knowledge.faq.values()
        for language, questions_ in entry.questions.items()
    )
    regions = tuple(
        (city.id, language, texts.get("region") or "", texts.get("country") or "")
        for city in knowledge.cities.values()
        if city.partner
        for language, texts in city.texts.items()
        if language in LANGUAGES
    )
    return questions, regions


def _entry_readings(reader: Reader) -> EntryReadings:
    """The sectors each FAQ entry's questions name, and the words of each partner city's region
    and country; read again only when the reader or these texts changed (every test's bot, a
    reload, reads the same ones: some 1,500 scans)."""
    knowledge = reader.knowledge
    questions, regions = _readings_inputs(knowledge)
    key = (reader.key, questions, regions)
    if key in _last_readings:
        sectors, region_words = _last_readings[key]
        return {entry: dict(named) for entry, named in sectors.items()}, dict(region_words)
    # A question naming a sector is not answered by an entry about none ("... logistics firms
    # exporting to Poland?" is not Herne's Polish roots).
    entry_sectors: dict[str, dict[str, int]] = {}
    for entry_id, language, questions_ in questions:
        for question in questions_:
            named = reader.normalise(reader.scan(clean(question)), language).sectors
            counts = entry_sectors.setdefault(entry_id, {})
            for sector in named:
                counts[sector] = counts.get(sector, 0) + 1
    # The words of the region and country as the classifier reads them, in every language:
    # "Is Wakefield in Yorkshire?" names no word of the bank's, but one the base holds about
    # Wakefield.
    words_of: dict[str, set[str]] = {
        city.id: set() for city in knowledge.cities.values() if city.partner
    }
    for city_id, language, region, country in regions:
        document = reader.normalise(reader.scan(clean(f"{region} {country}")), language).document
        words_of[city_id].update("w:" + token for token in document.partition("\t")[2].split())
    region_words = {city_id: frozenset(found) for city_id, found in words_of.items()}
    _last_readings.keep(
        key, ({entry: dict(named) for entry, named in entry_sectors.items()}, region_words)
    )
    return entry_sectors, region_words


_last_readings: Last[Hashable, EntryReadings] = Last()


def _with_name(scan: Scan, match: EntityMatch, part: Scan, kind: str | None = None) -> Scan:
    """`part` of a message with the name `match` finds elsewhere in it put before it: a
    question that points back to a partner city named before it, read as if it named it;
    `kind`: the name read as that kind of name (a country's adjective as its partner city)."""
    name = slice(match.start, match.end)
    size = match.end - match.start
    return Scan(
        " ".join(scan.written[name] + part.written),
        scan.written[name] + part.written,
        scan.lowered[name] + part.lowered,
        scan.folded[name] + part.folded,
        [EntityMatch(kind or match.kind, match.ids, 0, size)]
        + [EntityMatch(m.kind, m.ids, m.start + size, m.end + size) for m in part.entities],
    )


def _as_signatories(
    whole: Understanding, cities: tuple[str, ...], threshold: float
) -> Understanding:
    """`whole` read as who signed the 2018 declaration, the partner `cities` named (each said
    to have signed or not), at the threshold at least."""
    return replace(
        whole,
        intent=DECLARATION_WHO,
        cities=cities,
        confidence=max(whole.confidence, threshold),
        sectors=(),
    )


class Understander:
    def __init__(
        self,
        reader: Reader,
        intents: LinearModel,
        faq: FaqIndex,
        languages: LinearModel | None,
        answer_languages: tuple[str, ...] = LANGUAGES,
        speller: Speller | None = None,
        readings: EntryReadings | None = None,
    ):
        # `readings`: `_entry_readings` as the database stores them for this reader's data.
        self.reader = reader
        self.speller = speller or Speller(())
        self.intents = intents
        self.faq = faq
        self.office = OfficeIndex(reader, intents)
        self.guess_language = LanguageGuess(languages, answer_languages)
        self.contacted: dict[str, frozenset[str]] = {
            intent: frozenset(
                o for e in entries if e.topic == CONTACT_TOPIC for o in e.organisations
            )
            for intent, entries in reader.knowledge.faq_by_intent.items()
        }
        # The office's answer quotes the association's entry (compose._office): "Who runs the
        # twinning in Herne?" split between the two gets the association either way.
        self.contacted[OFFICE] = self.contacted.get(OFFICE, frozenset()) | self.contacted.get(
            ASSOCIATION_CONTACT, frozenset()
        )
        self.entry_sectors, self.region_words = readings or _entry_readings(reader)
        # The sectors the association works in (data/organisations.yaml): a school's, a
        # choir's or a club's contacts there are the association's too (`_about`).
        association = reader.knowledge.organisations.get(ASSOCIATION)
        self.association_sectors = frozenset(association.sectors) if association else frozenset()
        # The cities and years of the entries about the declaration.
        declaration = [e for e in reader.knowledge.faq.values() if _on_declaration(e)]
        self.declaration = (
            {c for e in declaration for c in e.cities},
            {e.date[:4] for e in declaration if e.date},
        )
        # What the answers of the declaration's intents open with holds (data/faq.yaml
        # `holds` of the first entry marked for each: the signing holds its signatories; how
        # many languages or cities the others hold is no count of signatures).
        self.declaration_holds = {
            intent: entries[0].holds
            for intent, entries in reader.knowledge.faq_by_intent.items()
            if intent.startswith(DECLARATION) and entries
        }
        self._scanned = Scan("", [], [], [], [])  # the last question's, for `scan_of`
        self._joined = lru_cache(maxsize=JOINED_WORDS)(self._joined_words)
        # Keyed by a question's word (ASCII letters), bounded as bot/nlp.py's word caches, and
        # this engine's own (its data fixed for its life; it goes with the engine): what a word
        # typed in Latin letters reads as costs a dozen regular-expression passes.
        self._transliterated_in = lru_cache(maxsize=WORD_CACHE)(self._transliterations)
        # The last message's cuts and their parts' readings, by part (`_cuts_of`).
        self._parts: tuple[
            Scan | None, Understanding | None, list[tuple[Scan, Scan]], dict[int, Understanding]
        ] = (None, None, [], {})
        self._chat_words: dict[str, frozenset[str]] = {}  # for `_chat_language`
        self._function: dict[str, frozenset[str]] = {}  # for `_main_language`
        self._any_chat: frozenset[str] | None = None  # every language's together
        # The last vector's most similar entries (`_faq_top`), with the vector they are of.
        self._top: tuple[tuple[np.ndarray, np.ndarray] | None, list[tuple[str, float]]] = (
            None,
            [],
        )

    def understand(
        self, question: str, user_language: str
    ) -> tuple[Understanding, list[tuple[str, float]]]:
        """What `question` asks, and the FAQ entries closest to it with their similarity."""
        scan = self._scanned = self.reader.scan(self.reader.respelt(caron_spelt(clean(question))))
        # "merciii" is French: a letter drawn out tells nothing of the language.
        language, clear = self.guess_language(
            undrawn(self._told_by(scan)), scan.text, user_language
        )
        # A question of one word that the bank uses in the user's language too ("енергетика"
        # is Ukrainian as well as a Russian misspelling) is the user's: nothing else tells
        # them apart. So is one word beside names whose letters do not tell another language
        # ("Wirtschaftsförderung Adresse" from a German user, "адреса Business Herne" from a
        # Ukrainian one; "Харків — партнер?" is Ukrainian by its name).
        named = scan.named()
        words = [w for i, w in enumerate(scan.written) if i not in named]
        own = None
        if 0 < len(words) <= EVERY_MOST_WORDS:
            # So is a question of two such words ("rock music" from an English user); and one
            # of a word or two that the detected language's bank lacks and one other
            # language's bank holds is in that language ("phone", "rock music" read as German
            # by their letters): the bank's words tell more than the letters of one word.
            own = self._words_language(scan, words, language, user_language)
        elif len(words) <= KEYWORD_WORDS:
            own = self._keywords_language(scan, words, language, user_language)
        if own is not None:
            language, clear = own, True
        if own is None:  # else a word only one language's bank uses decides (`_word_owner`)
            owner = self._word_owner(
                [w for i, w in enumerate(scan.lowered) if i not in named],
                scan.text,
                language,
                user_language,
            )
            if owner is not None:
                language, clear = owner, True
        typed = self._typed_cyrillic(scan, language, user_language)
        if typed is not None:
            language, clear = typed, True
        else:
            main = self._main_language(scan, language, user_language)
            if main is not None:
                language, clear = main, True
        own = self._chat_language(scan, user_language)
        if own is not None and own != language:
            language, clear = own, True
        scan = self._scanned = self._story_told(scan)
        scan = self._scanned = self.reader.places_described(scan, language)
        scan = self._scanned = self.reader.cities_described(scan, language)
        scan = self._scanned = self.reader.bodies_described(scan, language)
        scan = self._scanned = self._own_setting(self._story_told(scan), language)
        scan = self._scanned = self.reader.described_bodies(scan, language)
        u, closest = self._read(scan, language, clear)
        if u.period is not None and u.intent == "events.upcoming":
            u = self._period_asked(scan, u)
        if self._other_declaration(scan, u):
            u = replace(u, intent=OUT_OF_SCOPE, confidence=1.0, cities=())
        u = self._besides(scan, u)
        return self._small_talk(scan, u, user_language), closest

    def _besides(self, scan: Scan, u: Understanding) -> Understanding:
        """A question of Herne's partner cities that sets aside every partner city it names, by
        name or by country ("jakie miasta partnerskie ma Herne poza Polską", "какие побратимы
        у Херне кроме России"), asks for the list without them: read as the list of the
        partner country, as the check of the country's name as a place, or as a fact of the
        city set aside below UNKNOWN_PLACE_MIN, it named only what it leaves out. A ranking, a
        place asked about, another city named, or another reading at least that sure keeps its
        reading: "outside Wakefield" is also where a farm lies."""
        aside = self.reader.set_aside(scan, u.language)
        if not aside or u.ranking is not None or (u.places and u.intent != "partners.check"):
            return u
        named = {
            c
            for m in scan.entities
            if m.kind in ("city", "country", REGION, KNOWN_BY)
            for c in m.ids
            if c != HERNE
        }
        partners = {c for c, city in self.reader.knowledge.cities.items() if city.partner}
        if not named <= set(aside) or partners <= set(aside):
            return u
        if u.intent not in PARTNER_INTENTS and (
            u.confidence >= UNKNOWN_PLACE_MIN or not self.reader.speaks_of_partnership(scan)
        ):
            # "Wakefield'in hemen dışında bir çiftliğim var … Hangi yıldan beri?", "Luzhou kardeş
            # şehir olmadan önce …": read surely as a fact of the city, it is asked about.
            return u
        return replace(
            u,
            intent="partners.list",
            confidence=max(u.confidence, UNKNOWN_PLACE_MIN),
            cities=(),
            places=(),
            besides=aside,
        )

    def _other_declaration(self, scan: Scan, u: Understanding) -> bool:
        """Whether a message read as Herne's 2018 declaration (or an entry on it) names
        another declaration by a name nobody taught, beside the declaration's word: "what led
        up to the Balfour declaration?", "la déclaration Balfour". The base holds one
        declaration; another's is out of scope, never the 2018 declaration's entry. A name
        the base knows ("the Belgorod declaration"), a year, a word of the language's
        vocabulary or a message's first word (its capital says nothing) is no such name."""
        if not self._read_as_declaration(u):
            return False
        language = u.language
        if REGISTRY[language].tokens == "characters":
            return False
        synonyms = self.reader.declaration_words.get(language, {})
        words = {lowered for lowered, _ in synonyms.values()} | set(synonyms)
        named = scan.named()
        # A capital after any sentence's end says nothing either ("… ta deklaracja? Pytam, bo …").
        starts = {0} | {
            words_before(scan.text, m.end()) for m in _ANY_SENTENCE_END.finditer(scan.text)
        }
        function = stopwords(language)
        for i, lowered in enumerate(scan.lowered):
            if lowered not in words and lemma(lowered, language) not in words:
                continue
            # The name before the word or after it, past one function word ("die Erklärung
            # von Balfour", "la declaración de Brexit").
            after = i + 1
            if after < len(scan.lowered) and lemma(scan.lowered[after], language) in function:
                after += 1
            for j in (i - 1, after):
                if not 0 <= j < len(scan.written) or j in named or j in starts:
                    continue
                written = scan.written[j]
                if (
                    written[:1].isupper()
                    and written.isalpha()
                    and len(written) >= STRANGER_SHORTEST
                    and not self.speller.knows(lemma(scan.lowered[j], language), language)
                    and not self.speller.knows(scan.lowered[j], language)
                ):
                    return True
        return False

    def _read_as_declaration(self, u: Understanding) -> bool:
        """Whether a reading is one of the declaration's intents or an FAQ entry about the
        declaration."""
        faq = self.reader.knowledge.faq
        entry = faq.get(u.intent.partition(".")[2]) if u.intent.startswith(FAQ) else None
        return u.intent.startswith(DECLARATION) or (entry is not None and _on_declaration(entry))

    def event_described(self, u: Understanding, threshold: float) -> Understanding | None:
        """A question about an event to come that names it by what it is or who comes, not by
        its title ("Quand passe le spectacle pour enfants venu de …?", "…的年轻运动员要来黑尔讷，
        是什么活动？"): the events to come of the partner cities it names, read at `threshold` at
        least; a city with none gets "none planned". By the bank's `happening` cues: a kind
        of event or its guests or audience, and the asking when or whether it comes; never
        where it tells of what was ("the first time", "back then"), asks a city's fact
        ("Einwohner", "since when"), names an organisation (its own card answers), is read
        as the declaration, as events that are over, confidently as out of scope, or confidently
        as an FAQ entry on one of those cities (the base's own word on a plan or a past visit).
        None where nothing changes."""
        if u.chat or u.intent == "events.past":
            return None
        if u.intent.startswith(EVENTS) and u.confidence >= threshold:
            return self._composed_by_guests(u)
        if u.intent == OUT_OF_SCOPE and u.confidence >= threshold:
            return None
        if not self.describes_event(u) or self._read_as_declaration(u):
            return None
        if u.intent.startswith(FAQ) and u.confidence >= threshold:
            entry = self.reader.knowledge.faq.get(u.intent.partition(".")[2])
            if entry is not None and set(u.cities).intersection(entry.cities) - {HERNE}:
                return None
        read = replace(u, intent="events.upcoming", confidence=max(u.confidence, threshold))
        return self._composed_by_guests(read) or read

    def _composed_by_guests(self, u: Understanding) -> Understanding | None:
        """An event told by its guests' art ("an evening where people from … read their
        poems", "вечер, где гости из … читают стихи"): the poems or stories are what the guests
        bring, not a text the asker wants written, so the `composition` cue refuses nothing.
        None where nothing changes."""
        if COMPOSITION not in u.asks or not self.describes_event(u):
            return None
        return replace(u, asks=tuple(a for a in u.asks if a != COMPOSITION))

    def describes_event(self, u: Understanding) -> bool:
        """Whether a message asks when an event it describes comes, beside a partner city
        (`event_described`'s cues): a kind of event or its guests, the asking, no telling of
        what was, no city's fact and no organisation."""
        if u.organisations or not set(u.cities) - {HERNE}:
            return False
        cued = self.reader.cued("happening", u.text, u.language)
        if "asked" not in cued or "past" in cued or not cued & {"kinds", "guests"}:
            return False
        return not self.reader.facts_named(u.text, u.language)

    def _period_asked(self, scan: Scan, u: Understanding) -> Understanding:
        """A question about events to come keeps the period it names only where the clause
        that asks names it: one told beside the question, in a clause that says more than the
        period, is the asker's own plan ("I'm free next month. Anything coming up?"), and the
        answer is the next events, not that period's alone (an event before it is as welcome).
        A clause of the period alone is the question's ("und im Sommer, was steht an?")."""
        spans = self.reader.period_named(scan, u.language)[1]
        told = self.told(u)
        if not spans or not told:
            return u
        named = {i for start, end in spans for i in range(start, end)}
        if not named <= told:
            return u
        function_words = stopwords(u.language)
        for asked, start, end in self._clauses(scan, u.language):
            within = named.intersection(range(start, end))
            if asked or not within:
                continue
            said = (
                i
                for i in range(start, end)
                if i not in named
                and any(c.isalnum() for c in scan.lowered[i])
                and lemma(scan.lowered[i], u.language) not in function_words
            )
            if next(said, None) is None:
                return u
        return replace(u, period=None)

    def _told_by(self, scan: Scan) -> str:
        """The words a question's language is told by: those that are no names (`Scan.rest`),
        less a person's name nobody taught, which tells the name's language, not the asker's
        ("Qui est Jan Kowalski de Konin ?" was read as Polish): two or more capitalised words
        in Latin letters in a row, after the first word, that no language's bank uses. What
        is left must hold a word, else the rest as it is."""
        named = scan.named()
        written = scan.written

        def capitalised(i: int) -> bool:
            word = written[i]
            return (
                i > 0
                and i not in named
                and word[:1].isupper()
                and word.isalpha()
                and _below_latin_end(word)
            )

        # A surname the answers write in Latin letters, in whichever language's spelling.
        surnames = latin_surnames()
        runs = {
            i
            for i, word in enumerate(written)
            if i not in named and _below_latin_end(word) and fold_latin(word) in surnames
        }
        i = 0
        while i < len(written):
            end = i
            while end < len(written) and capitalised(end):
                end += 1
            if end - i >= PERSON_NAME_WORDS and not any(
                self.speller.knows(lower(written[j], code), code)
                for j in range(i, end)
                for code in LANGUAGES
            ):
                runs.update(range(i, end))
            i = max(end, i + 1)
        if not runs:
            return scan.rest()
        left = [w for i, w in enumerate(written) if i not in named and i not in runs]
        return " ".join(left) if left else scan.rest()

    def _small_talk(self, scan: Scan, u: Understanding, user_language: str) -> Understanding:
        """`u`, or the small talk a message naming nothing is made of, by the bank's cues
        (`bot.smalltalk`), in the language whose cues cover it: the user's, else the one
        detected (of the message's script, or Russian and Ukrainian typed in Latin letters;
        another language's cues would read "im Mai" as English "I'm ..."), whatever the
        classifier read ("du bist nutzlos"
        as what the bot can do, "nice" as a goodbye, "bye 👋" in French). A message of
        punctuation or emoji alone is chatter, "?" a question what the bot can do, in the
        user's language. A month or a period named is no small talk ("im Mai" is no "I'm _").
        Nor is a name, but Herne's and a country's, which a cue's words may hold: "I love
        Herne", and a language read as its country ("ты говоришь по-польски?"); nor a name
        but in greetings sent from it ("dzięki, pozdro z Konina", `SmallTalk.greeted_from`),
        which are left out with a joining word before them ("danke und Grüße aus Konin")."""
        if u.months or u.period is not None:
            return u
        names = [(m.start, m.end) for m in scan.entities if not _talked_of(m)]
        if not scan.folded:
            marks = [c for c in scan.text if not c.isspace()]
            if not marks or any(c.isalnum() for c in marks):
                return u
            kind = CAPABILITIES if any(c in "?？" for c in marks) else CHATTER
            return replace(
                u,
                language=user_language,
                language_clear=True,
                intent=kind,
                confidence=1.0,
                chat=True,
            )
        written = script(scan.text)
        found = None
        for language in dict.fromkeys((user_language, u.language)):
            own = REGISTRY[language].script
            if own != written and not (written == "Latn" and language in TRANSLITERATED):
                continue
            talk = (
                self._greeted_from(scan, names, language)
                if names
                else self.reader.smalltalk.read(scan.folded, language)
            )
            if talk is not None:
                found = (language, talk)
                break
        if found is None:
            return u
        language, kind = found
        return replace(
            u,
            language=language,
            language_clear=True,
            intent=kind,
            confidence=1.0,
            chat=True,
            cities=(),
            places=(),
        )

    def _greeted_from(self, scan: Scan, names: list[tuple[int, int]], language: str) -> str | None:
        """The small talk of a message whose every name is a place greetings are sent from
        (`SmallTalk.greeted_from`), read without those greetings: a greeting where nothing is
        left, else thanks, a goodbye or a greeting as the rest reads (a question beside them
        is no small talk)."""
        greeted = self.reader.smalltalk.greeted_from(scan.folded, names, language)
        if greeted is None:
            return None
        before = min(greeted) - 1
        joins = self.reader.joins.get(language, {})
        if before >= 0 and (scan.folded[before],) in joins.get(scan.folded[before], ()):
            greeted |= {before}
        rest = [w for i, w in enumerate(scan.folded) if i not in greeted]
        if not rest:
            return GREETING
        talk = self.reader.smalltalk.read(rest, language)
        return talk if talk in GREETED_ALONGSIDE else None

    @staticmethod
    def _story_told(scan: Scan) -> Scan:
        """A message that tells a story before it asks ("Ich wohne in Bochum, mein Sohn
        studiert in Wakefield – wie viele Leute wohnen da?", "I'm a vet from Leeds and read
        about Ometepe. When did the council decide on it?"): the places of the story, where
        the asker lives, comes from or works, are no slot of the question. A place named only
        before the message's last break that tells (a full stop, an exclamation mark, a dash
        between spaces; not a question mark, which ends a question of its own, nor a comma:
        "How many people live in Lens, next to Hénin-Beaumont?" asks about Lens), where the
        message names a partner city and its part after that break names no place, is read as
        a word. Else the scan as it was."""
        places = [m for m in scan.entities if m.kind == "place"]
        if not places or not any(
            m.kind in ("city", KNOWN_BY) and m.ids != (HERNE,) for m in scan.entities
        ):
            return scan
        told = [words_before(scan.text, m.start()) for m in _STORY_BREAK.finditer(scan.text)]
        told = [end for end in told if 0 < end < len(scan.written)]
        if not told:
            return scan
        end = told[-1]
        if any(m.kind == "place" and m.end > end for m in scan.entities):
            return scan
        # Of the story only the sentences that end telling, not asking.
        asked_before = [
            words_before(scan.text, m.start())
            for m in _QUESTION_END.finditer(scan.text)
            if any(c in "?？" for c in m.group())
        ]
        dropped = [
            m for m in places if m.end <= end and not any(m.end <= a < end for a in asked_before)
        ]
        if not dropped:
            return scan
        return replace(scan, entities=[m for m in scan.entities if m not in dropped])

    def _own_setting(self, scan: Scan, language: str) -> Scan:
        """A message that introduces the asker before it asks ("Hola, soy profesora de alemán
        en Managua. ¿Dónde se firmó la declaración?", "我是在德国读物流的研究生。宣言是用哪几种
        语言写的？"): a country, region or place named in a sentence before the one that asks,
        in which the asker tells of themselves (the bank's `asker` cues), is where they live,
        study or work, or the language they teach, not what is asked ("Germany" stands for
        Eisleben only where it is asked about). Named again in the asking part, it stays. A
        partner city named in the story is left to the readings that weigh it (`_own_story`,
        `_beside_near`): "I live in Konin. Is there an office here?" asks about Konin."""
        kinds = ("country", REGION, "place")
        if not any(m.kind in kinds for m in scan.entities):
            return scan
        ends = [words_before(scan.text, m.start()) for m in _STORY_BREAK.finditer(scan.text)]
        asked = {
            words_before(scan.text, m.start())
            for m in _QUESTION_END.finditer(scan.text)
            if any(c in "?？" for c in m.group())
        }
        start, told = 0, []
        for end in sorted({e for e in ends if 0 < e < len(scan.written)}):
            if not any(start < a <= end for a in asked) and self.reader.tells_of_self(
                scan, language, start, end
            ):
                told.append((start, end))
            start = end
        if not told or start >= len(scan.written):
            return scan
        inside = [
            m
            for m in scan.entities
            if m.kind in kinds and any(s <= m.start and m.end <= e for s, e in told)
        ]
        # The question must name what it asks about itself (a partner city, the declaration's
        # year): "meine Oma kommt aus Polen. Welche Stadt ist das?" asks about the story's.
        after = [m for m in scan.entities if m.start >= told[-1][1]]
        if not any(m.kind in ("city", KNOWN_BY) and m.ids != (HERNE,) for m in after) and not (
            self.declaration[1] & set(re.findall(r"\d{4}", " ".join(scan.written[start:])))
        ):
            return scan
        named_after = {m.ids for m in after}
        dropped = [m for m in inside if m.ids not in named_after]
        if not dropped:
            return scan
        return replace(scan, entities=[m for m in scan.entities if m not in dropped])

    def _main_language(self, scan: Scan, language: str, user_language: str) -> str | None:
        """The main language of a question that borrows words of another ("gibts in herne so
        ne economic development agency?", "кто contact person по business development?",
        "Wakefield 的 population 是多少？"): the language of its function words (`bot.lexicon`'s
        lists), not of the nouns it borrows, which outweighed them in the models. Words of
        another script than the detected language's (names aside): at least MIXED_WORDS of
        them, one a function word of a language of that script, tell that script's language
        (read from those words alone). Else, in one script, a language with at least
        MAIN_WORDS more function words than the detected language, twice as many and more than
        MAIN_WORDS ("haste ma ne adresse vom partnerschaftsverein": "ma" and "ne" are German
        chat words here, French function words only by their spelling). Not for
        Russian or Ukrainian read in Latin letters ("ja", "tam", "na" are Polish function
        words as well). None: as detected."""
        written = REGISTRY[language].script
        named = scan.named()
        lowered = [w for i, w in enumerate(scan.lowered) if i not in named and w.isalpha()]
        if len(lowered) < MIXED_WORDS:
            return None
        other = [w for w in lowered if script(w) not in (written, None)]
        if len(other) >= MIXED_WORDS:
            by_script = script(" ".join(other))
            if any(
                w in self._function_words(code)
                for code in self.guess_language.languages
                if REGISTRY[code].script == by_script
                for w in other
            ):
                found, clear = self.guess_language(" ".join(other), scan.text, user_language)
                return found if clear and REGISTRY[found].script == by_script else None
        if written != "Latn" or script(scan.text) != "Latn":
            return None
        counts = {
            code: sum(map(self._function_words(code).__contains__, lowered))
            for code in self.guess_language.languages
            if REGISTRY[code].script == "Latn"
        }
        if language not in counts:
            return None
        most = max(counts.values())
        first = [code for code, count in counts.items() if count == most]
        if (
            len(first) != 1
            or first[0] == language
            or most < counts[language] + MAIN_WORDS
            or most < 2 * counts[language]
            or most <= MAIN_WORDS
        ):
            return None
        return first[0]

    def _function_words(self, language: str) -> frozenset[str]:
        """The function words of `language`, lower-cased as questions' words are."""
        found = self._function.get(language)
        if found is None:
            listed = " ".join(REGISTRY[language].stopwords)
            found = self._function[language] = frozenset(
                lower(w, language) for w in words(listed, language)
            )
        return found

    def _words_language(
        self, scan: Scan, words: list[str], language: str, user_language: str
    ) -> str | None:
        """The language of a question of a word or two (names aside) by the banks'
        vocabularies, when they tell it: the user's when its bank holds every word (and the
        names' letters allow it), else the one language whose bank holds every word that a
        bank holds, where the detected language's bank lacks one; None: as detected. A word no
        bank holds that is one typo from a word of the user's bank ("populaton", "населеня")
        counts as the user's: a misspelt word's letters tell its language least of all."""
        if language != user_language and all(
            self._users_word(w, user_language)
            and (not scan.entities or user_language in self.guess_language.candidates(w, scan.text))
            for w in words
        ):
            return user_language
        if any(script(w) != "Latn" for w in words) or all(
            self.speller.knows(lower(w, language), language) for w in words
        ):
            # Cyrillic's own letters tell Ukrainian from Russian; whether a bank's phrasings
            # drawn for training held a word of both ("енергетика") is chance.
            return None
        holding: set[str] | None = None
        for word in words:
            banks = {
                code
                for code in self.guess_language.candidates(word, scan.text)
                if self.speller.knows(lower(word, code), code)
            }
            if banks:
                holding = banks if holding is None else holding & banks
        if holding is not None and len(holding) == 1 and language not in holding:
            return holding.pop()
        return None

    def _keywords_language(
        self, scan: Scan, words: list[str], language: str, user_language: str
    ) -> str | None:
        """The user's language for a keyword query in Latin letters (names and numbers aside,
        at most KEYWORD_WORDS words, none a function word of either language) whose every
        word the user's bank holds: "declaration signatures 2018" from an English user is
        English, though its words are French as well and lingua reads their letters as French
        (a surname the answers write in Latin letters counts as a name). A function word tells
        a sentence's language ("la population de Konin"); a word the user's bank lacks, another
        language ("poblacion konin 2021")."""
        from bot.persons import latin_surnames  # bot.persons reads this module's FaqEntry

        surnames = latin_surnames()
        lettered = [
            w for w in words if any(c.isalpha() for c in w) and fold_latin(w) not in surnames
        ]
        if (
            language == user_language
            or not lettered
            or script(scan.text) != "Latn"
            or REGISTRY[user_language].script != "Latn"
        ):
            return None
        function_words = stopwords(language) | stopwords(user_language)
        if any(lemma(lower(w, user_language), user_language) in function_words for w in lettered):
            return None
        if all(self._users_word(w, user_language) for w in lettered):
            return user_language
        return None

    def _users_word(self, word: str, user_language: str) -> bool:
        """Whether the user's bank holds a word, or a word in another register for one of its
        own (its `synonyms` and `declaration_words`: "convention", "protocol", "accord" are
        English too), or, where no bank holds it, a word one typo from it."""
        lowered = lower(word, user_language)
        if self.speller.knows(lowered, user_language):
            return True
        lemmatised = lemma(lowered, user_language)
        if lemmatised in self.reader.synonyms.get(
            user_language, {}
        ) or lemmatised in self.reader.declaration_words.get(user_language, {}):
            return True
        return self.speller.correct(lowered, user_language) is not None and not any(
            self.speller.knows(lower(word, code), code) for code in LANGUAGES
        )

    def _word_owner(
        self, words: list[str], whole: str, language: str, user_language: str
    ) -> str | None:
        """The language of a short question (names aside) whose words tell it and the models
        do not: a word only one language's bank uses ("über" in "info über eisleben", which
        lingua reads as Spanish) decides against a language whose bank uses none of the
        question's words on its own (only "info", which four banks use). Several such
        languages: the user's, when it is one of them. Not a word alone: "енергетика" from a
        Russian user is a Russian misspelling as likely as Ukrainian (`understand`)."""
        if not 2 <= len(words) <= OWNED_WORDS:
            return None
        text = " ".join(words)
        written = script(text)
        # Russian typed in Latin letters: the banks hold its words in Cyrillic only, so its
        # words are nobody's ("kogda ... stal": only Polish knows "stal").
        if REGISTRY[language].script != written:
            return None
        candidates = [
            code
            for code in self.guess_language.candidates(text, whole)
            if REGISTRY[code].script == written
        ]
        owned: dict[str, int] = {}
        for lowered in words:
            if len(fold_latin(lowered)) < MIN_LENGTH - 1:
                continue
            knowing = self.speller.knowing(lowered, candidates)
            if len(knowing) == 1:
                owned[knowing[0]] = owned.get(knowing[0], 0) + 1
        if not owned or language in owned:
            return None
        if len(owned) == 1:
            return next(iter(owned))
        return user_language if user_language in owned else None

    def _typed_cyrillic(self, scan: Scan, language: str, user_language: str) -> str | None:
        """Russian or Ukrainian typed in Latin letters that the models read as another
        language ("shto ty znaesh pro Konin" as Spanish, "czto izwiestno o Luzhou" as Polish):
        lingua knows them in Cyrillic only, and the bank's model its own transliteration, not
        a German or Polish keyboard's. The words (names aside) of four letters or more, where
        the speller knows words, tell: one that no Latin-script language's bank uses, nor is one
        typo from a word of a Latin-script user's bank ("deklaracia" from a Polish user), and
        that is, as typed or respelt (`typed_latin_readings`), a word or a `variants:` word of a
        transliterated language's bank by its Latin skeleton, counts for it; a word capitalised
        inside the question is a name, whichever language's ("Ukrainy" is no Russian). Where
        such words are at least half of them and outnumber those the detected language's bank
        uses, the question is in the language with the most, else the user's, else the bank
        model's first. None: as detected."""
        if language in TRANSLITERATED or script(scan.text) != "Latn":
            return None
        named = scan.named()
        # A word with a Latin letter beyond ASCII ("już" in "Z Biełgorodem chyba już nic nie ma,
        # nie?"; a caron is respelt before) is typed on a Latin-script language's keyboard, not
        # transliterated: "chyba" and "nie" are no Ukrainian there.
        if any(
            not w.isascii() and script(w) == "Latn"
            for i, w in enumerate(scan.lowered)
            if i not in named
        ):
            return None
        long = [
            w
            for i, w in enumerate(scan.lowered)
            if i not in named
            and w.isascii()
            and w.isalpha()
            and len(w) >= MIN_LENGTH - 1
            and not (i and scan.written[i][:1].isupper())
        ]
        counts = dict.fromkeys(sorted(TRANSLITERATED), 0)
        latin_user = REGISTRY[user_language].script == "Latn"
        for word in long:
            found = self._transliterated_in(word)
            if (
                found
                and not any(self.speller.knows(word, code) for code in LATIN_WRITTEN)
                and not (latin_user and self.speller.correct(word, user_language))
            ):
                for code in found:
                    counts[code] += 1
        most = max(counts.values())
        known = sum(self.speller.knows(w, language) for w in long)
        if most == 0 or most <= known or 2 * most < len(long):
            return None
        tied = [code for code, count in counts.items() if count == most]
        if len(tied) == 1:
            return tied[0]
        if user_language in tied:
            return user_language
        ranked = self.guess_language.model.ranked(scan.rest()) if self.guess_language.model else []
        return next((code for code, _ in ranked if code in tied), tied[0])

    def _transliterations(self, word: str) -> tuple[str, ...]:
        """The transliterated languages (`_typed_cyrillic`) whose bank holds `word` typed in
        Latin letters, as typed or respelt, in TRANSLITERATED's sorted order (the speller's
        transliterated words, the bank's variants)."""
        readings = (word, *typed_latin_readings(word))
        return tuple(
            code
            for code in sorted(TRANSLITERATED)
            if any(
                latin_skeleton(r) in self.speller.transliterated(code)
                or r in self.reader.variants.get(code, {})
                for r in readings
            )
        )

    def _chat_language(self, scan: Scan, user_language: str) -> str | None:
        """The one language whose bank lists every word of a message, names aside, as its chat
        words: short forms (`variants`), the words they stand for, fillers; one of them not a
        filler. The language models never saw them, or saw them in another language ("mrb"
        reads as Spanish, "naber ya" and "reis wakefield nerde" as German). Chat words of
        several languages are the user's when theirs is one of them ("thx" is English, German
        and Chinese chat, and lingua reads it as French)."""
        named = scan.named()
        folded = [fold_latin(w) for i, w in enumerate(scan.lowered) if i not in named]
        if not folded:
            return None
        if self._any_chat is None:
            self._any_chat = frozenset().union(
                *(self._chat_of(language) for language in self.reader.variants)
            )
        if self._any_chat.isdisjoint(folded):
            return None  # most questions: no word is any language's chat word
        found = []
        for language in self.reader.variants:
            chat = self._chat_of(language)
            fillers = self.reader.fillers.get(language, frozenset())
            if any(w in chat for w in folded) and all(w in chat or w in fillers for w in folded):
                found.append(language)
        if user_language in found:
            return user_language
        return found[0] if len(found) == 1 else None

    def _chat_of(self, language: str) -> frozenset[str]:
        """The language's chat words: its short forms and the words they stand for."""
        chat = self._chat_words.get(language)
        if chat is None:
            variants = self.reader.variants[language]
            chat = self._chat_words[language] = frozenset(variants) | {
                folded_word for _, folded_word in variants.values()
            }
        return chat

    def facts_asked(self, whole: Understanding, threshold: float) -> FactsAsked | None:
        """The facts of one partner city a message asks for by the bank's `facts` cues, where
        it names two kinds of them or more ("Wakefield: population, distance and website?",
        "konin population homepage", "besiktas yüzölçümü kaç nüfusu ne kadar"), or one beside
        a fact the base does not hold ("How many people live on Ometepe and who is the
        mayor?"): each kind read as that fact of the city, in the order asked (the whole
        message's own reading first where no cue names it). Only where the
        message names one partner city and nothing else (no organisation, no other place, no
        ranking or comparison) and is read as a city's fact, as out of scope, or not surely
        at all: read as events, contacts or an entry, the cue words are that reading's own
        ("What time does the fencing in Konin start?"). Else None."""
        cities = [c for c in whole.cities if c != HERNE]
        if (
            len(cities) != 1
            or whole.organisations
            or whole.places
            or whole.ranking is not None
            or whole.compares
            or whole.chat
        ):
            return None
        sure = whole.confidence >= threshold
        if sure and not whole.intent.startswith("city.") and whole.intent != OUT_OF_SCOPE:
            return None
        scan = self.scan_of(whole)
        if not any(
            m.kind in ("city", KNOWN_BY) and cities[0] in m.ids for m in scan.entities
        ) and not self.reader.speaks_of_a_city(scan):
            # "сколько стоит виза в Россию для жителя Херне": a country named for itself, in a
            # question that speaks of no town, stands for no partner city's facts.
            return None
        text = whole.text
        marks = [m for m in _QUESTION_END.finditer(text) if any(c in "?？" for c in m.group())]
        if marks and any(c.isalnum() for c in text[marks[-1].end() :]):
            text = text[: marks[-1].end()]  # what follows the last question is said, not asked
        named = self.reader.facts_named(text, whole.language)
        kinds = [
            FACT_READINGS[kind]
            for kind, _ in sorted(named.items(), key=lambda found: found[1])
            if kind in FACT_READINGS
        ]
        if sure and whole.intent in FACTS_WITH and whole.intent not in kinds:
            kinds.insert(0, whole.intent)
        unheld = not FACTS_HISTORY_ASKS.intersection(whole.asks) and (
            "unheld" in named or bool(FACTS_UNHELD_ASKS.intersection(whole.asks))
        )
        # Beside a fact the base does not hold, the one it holds must be named by a cue too: a
        # whole message read as a city's fact may be read so for the unheld one ("is it
        # snowing in Belgorod right now?" as its clock; "… 能推荐一家餐厅吗？" as Luzhou's).
        cued = any(kind in FACT_READINGS for kind in named)
        if len(kinds) < 2 and not (cued and unheld):
            return None
        confidence = max(threshold, whole.confidence) if whole.intent != OUT_OF_SCOPE else threshold
        readings = tuple(
            replace(
                whole,
                intent=kind,
                confidence=confidence,
                cities=(cities[0],),
                # A population asked of a past year keeps its year; nothing else is asked
                # besides the fact itself.
                asks=tuple(
                    a for a in whole.asks if a == "population" == kind.removeprefix("city.")
                ),
                every=False,
                claimed=(),
            )
            for kind in kinds
        )
        return FactsAsked(readings, unheld)

    def two_parts(
        self, whole: Understanding, threshold: float
    ) -> tuple[Understanding, Understanding] | None:
        """The two questions of a message that asks two things of one city or none ("Where
        is Konin and since when are we twinned?"), in the order asked: the first cut of it
        (at a question mark followed by more, then at a joining word of its language; not at
        a comma, which mostly ends what the question is about) whose parts are each
        understood on their own, at `threshold` or above, as different kinds of answer (not
        of one family, whose answers say each other's facts, nor small talk: "Hi, where is
        Konin?" is one question), one of them the kind the whole message is read as (else
        the cut broke one question into two that are misread: "What happened between Herne
        | and Belgorod in May 2015?"). A part naming nothing asks about what the other
        names ("... and how many people live there?"); a part that is only names is no
        question ("Where are Konin and Wakefield?"), and one kind asked of two cities is
        one question the whole message answers ("How many people live in Konin and in
        Wakefield?"). Two kinds asked of two cities, each part naming its own ("Where is
        Konin and how many people live in Belgorod?"), are two questions too."""
        own: list[str | None] = []  # the partnership whose signing the message asks, once
        for cut in self._cuts_of(whole):
            parts: list[Understanding] = []
            # A part that names a city of its own asks a question of its own only with two
            # words or more of its own: "¿A qué distancia están Ometepe | y Luzhou de Herne?"
            # is one question.
            worded = all(len(p.written) - len(p.named()) >= 2 for p in cut)
            for part in cut:
                if len(part.named()) == len(part.written):
                    break
                read = self._part_read(part, whole)
                if read.intent in NOT_A_PART or read.confidence < threshold:
                    break
                if read.intent.startswith(DECLARATION):
                    # "Wann und wo | wurde die Partnerschaft mit Beşiktaş unterzeichnet?": where
                    # that partnership was signed, which its history tells, not the declaration.
                    own = own or [self.own_signing(whole)]
                    if own[0] is not None:
                        read = replace(read, intent=HISTORY, cities=(own[0],))
                parts.append(read)
            else:
                first, second = parts
                if _of_the_entry(cut, first, second):
                    continue
                if (
                    not _alike(first.intent, second.intent)
                    and (
                        set(first.cities) == set(second.cities)
                        or (worded and _each_its_own(first, second))
                    )
                    and (_alike(whole.intent, first.intent) or _alike(whole.intent, second.intent))
                ):
                    return first, second
        return None

    def known_part(self, whole: Understanding, threshold: float) -> Understanding | None:
        """The part of a message asking two things that the bot can answer, where the other
        part is out of scope ("Where is Wakefield, and how much is a hotel there?", "Since when
        is Luzhou a partner? Who signed the deed in Berlin?"): the first cut (as `two_parts`
        cuts, at a question mark or a joining word, never at a comma, which mostly ends a
        part of one question) with one part understood on its own at `threshold` or above
        and the other read as out of scope at `threshold` or above, the known part at least
        as surely as that part and as the message when it is read as out of scope. A part
        naming nothing asks about what the other names. Else None."""
        for cut in self._cuts_of(whole):
            if any(len(part.named()) == len(part.written) for part in cut):
                continue
            # A first part that is neither known nor surely out of scope leaves the cut
            # nothing to give, whatever the second reads as: it is not read (a budget that
            # stops once the answer cannot change; the parts `two_parts` read are read once).
            first = self._part_read(cut[0], whole)
            if first.confidence < threshold or (
                first.intent in NOT_A_PART and first.intent != OUT_OF_SCOPE
            ):
                continue
            reads = [first, self._part_read(cut[1], whole)]
            known = [r for r in reads if r.intent not in NOT_A_PART and r.confidence >= threshold]
            out = [r for r in reads if r.intent == OUT_OF_SCOPE and r.confidence >= threshold]
            # A part is known only when read at least as surely as what is out of scope: a
            # fragment ("… 会下雪吗", "Telefonnummer?") read weakly as events is no question.
            if len(known) == 1 and len(out) == 1:
                whole_out = whole.confidence if whole.intent == OUT_OF_SCOPE else 0.0
                if known[0].confidence >= max(out[0].confidence, whole_out):
                    if not cut[reads.index(known[0])].entities:
                        # A part naming nothing goes on with what the other asks: in "Which
                        # ferry goes to the island, and at what time?" the time is the
                        # ferry's, a thing the whole message asks for (its `asks`).
                        asks = tuple(dict.fromkeys((*known[0].asks, *whole.asks)))
                        return replace(known[0], asks=asks)
                    return known[0]
        return None

    def unheld_part(self, whole: Understanding, threshold: float) -> Understanding | None:
        """The part of a message asking two things whose answer the base holds, where the
        other asks for something no answer of that kind holds ("Since when is Luzhou a
        partner? Who signed in Berlin?": read as one question, since when, that also asks who
        signed, which the since answer does not say): the first cut at a question mark (as
        `two_parts` cuts) with a part that asks nothing besides its topic, read alone at
        `threshold` or above as the whole message is (or one of its family), and the other
        part holding all that the whole asks for besides. Else None."""
        if not whole.asks or whole.intent in NOT_A_PART or whole.confidence < threshold:
            return None
        # Two questions, each ending with its question mark: a joining word inside one
        # question binds two things asked of one topic ("Почему Херне выбрал Лучжоу и кто это
        # предложил?" asks why, which no answer holds either).
        text = self.scan_of(whole).text
        asked_ends = {
            words_before(text, m.start())
            for m in _QUESTION_END.finditer(text)
            if any(c in "?？" for c in m.group())
        }
        for cut in self._cuts_of(whole):
            if len(cut[0].written) not in asked_ends or any(
                len(part.named()) == len(part.written) for part in cut
            ):
                continue
            asked = [set(self.reader.asked_for(part.text, whole.language)) for part in cut]
            for plain, other in ((0, 1), (1, 0)):
                if asked[plain] or not set(whole.asks) <= asked[other]:
                    continue
                read = self._part_read(cut[plain], whole)
                if read.confidence >= threshold and _alike(read.intent, whole.intent):
                    return read
        return None

    def asked(self, whole: Understanding, threshold: float) -> Understanding:
        """The message without what follows its last question mark when that asks nothing
        (no question mark of its own) and names something the question does not ("which are
        Herne's partner cities? I only know Konin haha" asks for all of them): the question
        read alone, when it is the same kind of answer at `threshold` or above; else the
        message as it was read."""
        scan = self.scan_of(whole)
        marks = list(_QUESTION_END.finditer(scan.text))
        if not marks or not any(c in "?？" for c in marks[-1].group()):
            return whole
        end = words_before(scan.text, marks[-1].start())
        if end == len(scan.written) or any(m.start < end < m.end for m in scan.entities):
            return whole
        # A remark naming nothing may still make the message read as another kind: "Z czego
        # słynie Wakefield? Jadę tam w maju z chórem" (the association's trips).
        names_more = any(m.start >= end for m in scan.entities)
        if not names_more and whole.intent in OWN_FACTS:
            return whole
        question = scan.part(0, end)
        if not question.entities:
            return whole  # "Since when are we partners? With Konin, I mean."
        read, _ = self._read(question, whole.language, whole.language_clear)
        # The question alone decides when it is one (not small talk, not out of scope) and
        # surer than the whole: what was said after it may make the whole message read as
        # another kind, less surely ("... I have only been to Konin": Konin's past events).
        # After a remark naming nothing, only a city's own fact, which a remark does not ask.
        if not names_more and read.intent not in OWN_FACTS:
            return whole
        if read.confidence >= threshold and (
            read.intent == whole.intent
            or (read.intent not in NOT_A_PART and read.confidence > whole.confidence)
        ):
            return read
        return whole

    def restated(self, whole: Understanding, threshold: float) -> Understanding:
        """A message understood as a whole whose question names again what its context names
        ("Wir fahren nächstes Jahr nach Konin, wo liegt Konin eigentlich?"): the question,
        where `focus` reads it more confidently than the whole (whose context made it a
        trip); else the whole."""
        focused = self.focus(whole, threshold, restated=True)
        if focused is not None and focused.confidence > whole.confidence:
            return focused
        return whole

    def focus(
        self, whole: Understanding, threshold: float, restated: bool = False
    ) -> Understanding | None:
        """The clause that carries the question of a message not understood as a whole: the
        question buried after context ("my daughter sings in a choir and they want to travel
        next year, so where is Konin anyway?") or followed by chatter ("... thx, have a nice
        day"), whose words the bank never uses weigh on the whole's confidence. The clauses
        ending with a question mark, if any, else all, are read, the last first; the most
        confident reading at `threshold` or above that is a question (not small talk, not out
        of scope) wins, and of a message read as out of scope only one read at least as surely
        as the message is: "Нужна ли виза, чтобы поехать в Белгород?" asks for a visa, which
        the trip's clause alone does not say. The clauses left out must name nothing but Herne;
        a sector they name is
        read with the clause. The clause must name something of its own (a partner city, an
        organisation, a place or a sector), or Herne and end with a question mark.
        `restated`: only a clause that ends with a question mark and names again what the
        context before it names (for `restated`)."""
        scan = self.scan_of(whole)
        clauses = self._clauses(scan, whole.language)
        if len(clauses) < 2:
            return None
        # Where a clause asks (a question mark), the others are not the question.
        asking = [c for c in reversed(clauses) if c[0]] or clauses[::-1]
        sector_words: list[int] = []  # positions of the message's sector words
        if whole.sectors:
            named = scan.named()
            lemmas = [lemma(w, whole.language) for w in scan.lowered]
            free = [i not in named for i in range(len(scan.written))]
            for first, last, _ in self.reader.sectors.find(
                scan.folded, lemmas, free, whole.language
            ):
                sector_words += range(first, last)
        sentence_starts = self._sentence_starts(scan)  # once for all its clauses
        landmarks = self._named_near(
            scan, whole.language, tuple(c for m in scan.entities for c in m.ids)
        )[0]
        # Of those, the ones a place is set apart from as a way ("纳溪，距泸州半小时车程"); a story
        # set near a city ("Я держу пасеку под Белгородом … С какого года?") asks of it.
        ways = {
            c
            for m in scan.entities
            if set(m.ids) <= landmarks and self.reader.way_from(scan, whole.language, m)
            for c in m.ids
        }
        best: Understanding | None = None
        # Where a joining word alone cuts a clause ("... entre Herne y | Luzhou?"), the clause
        # after it goes on with the one before: no question that names again what the context
        # names (`restated`), which would drop what the clause before asks (a time difference
        # read as Luzhou's profile).
        joined = (
            {join for join, _ in self._joins(scan, whole.language)}
            - {words_before(scan.text, m.start()) for m in _CLAUSE_END.finditer(scan.text)}
            if restated
            else set()
        )
        for asked, start, end in asking[:MAX_FOCUS]:
            if start in joined:
                continue
            # The partner cities named alone before the clause are its subject ("Wakefield,
            # c'est connu pour quoi ?", "Konin und Ometepe – seit welchem Jahr?").
            start = self._topic_start(scan, clauses, start, whole.language)
            part = scan.part(start, end)
            # What the rest names is what is asked about ("Is there a chamber of commerce in
            # Konin, one I can contact?"): only a rest naming nothing but Herne is context.
            # What follows the last question mark is said, not asked: its names are not.
            # Context naming what the clause names is no other subject ("We go to Konin next
            # year; where is Konin, actually?").
            said = end if asked and end == asking[0][2] else len(scan.written)
            own = {m.ids for m in part.entities}
            if len(part.named()) == len(part.written):
                continue
            context = [
                m
                for m in scan.entities
                if (m.start < start or end < m.end <= said) and m.ids not in {(HERNE,), *own}
            ]
            # Who tells where they come from before asking tells no subject: "Я автомеханік,
            # переїхав до Герне з Харкова. Де знаходиться Конін?" asks about Konin alone. Only
            # places in the sentences before one that asks and names a partner city, or Herne,
            # of its own ("Combien d'habitants à Lens, à côté d'Hénin-Beaumont ?" asks about
            # Lens; "J'atterris à Düsseldorf. Où se trouve Herne ?" asks where Herne lies).
            origin = (
                asked
                and any(m.kind in ("city", KNOWN_BY) for m in part.entities)
                and all(m.kind == "place" and m.end <= start for m in context)
                and start in sentence_starts
            )
            # A last question naming nothing asks a fact of the one partner city the context
            # before it names, where that context asks nothing itself: "the Konin thing, since
            # when is that?", "Je suis entraîneur à Hénin-Beaumont, on voudrait venir à Herne :
            # ça fait combien de kilomètres ?" ("Gibt es in Konin eine Handelskammer? Nummer?"
            # asks one thing twice).
            # Who tells of themselves in the sentences before one that asks names their own
            # place, not the subject: "I'm a youth-hostel warden in Wakefield. How do I reach
            # Herne's twinning association?", "Я працюю вчителькою в Бешикташі. Як зв'язатися з
            # товариством?" (each name of the context in a clause the asker tells of themselves).
            told_own = (
                asked
                and start in sentence_starts
                and all(
                    m.end <= start
                    and any(
                        c_start <= m.start
                        and m.end <= c_end
                        and not c_asked
                        and self.reader.tells_of_self(scan, whole.language, c_start, c_end)
                        for c_asked, c_start, c_end in clauses
                    )
                    for m in context
                )
            )
            inherited = (
                (asked or end == len(scan.written))
                and not any(c[0] for c in clauses if c[2] <= start)
                and own <= {(HERNE,)}
                and len({m.ids for m in context}) == 1
                and all(m.kind in ("city", KNOWN_BY) and m.end <= start for m in context)
                # A city the context names only as the start of a way to the place asked about is no
                # subject ("纳溪，距泸州半小时车程，有多少居民？").
                and not any(set(m.ids) <= ways for m in context)
            )
            if context and not (origin or inherited or told_own):
                continue
            if restated and not (
                asked
                and (
                    any(m.ids in own for m in scan.entities if m.start < start)
                    or (origin and context and whole.places)
                )
            ):
                continue
            # A sector the context names is the question's ("We make medical devices. Whom
            # do we talk to?"): its words go before the clause.
            carried = [i for i in sector_words if not start <= i < end]
            # A partner city the clause names only to say where something else lies ("...
            # Horbury, pas loin de Wakefield ?") is no subject of its own.
            beside, _ = self._named_near(
                part,
                whole.language,
                tuple(c for m in part.entities if m.kind in ("city", KNOWN_BY) for c in m.ids),
            )
            # Or says it in the message only, set apart there ("…, пару километров от Конина").
            beside |= landmarks
            if not (
                carried
                or any(start <= i < end for i in sector_words)
                or any(
                    m.kind not in ("country", REGION)
                    and m.ids != (HERNE,)
                    and not set(m.ids) <= beside
                    for m in part.entities
                )
                or (asked and any(m.ids == (HERNE,) for m in part.entities))
                or (inherited and bool(context))
            ):
                # A clause naming nothing, or only a country or a language, or only Herne
                # without a question mark, is a part of what the rest asks ("a tax adviser
                # in Herne, one who speaks Russian?"), not a question of its own.
                continue
            if carried:
                written = [scan.written[i] for i in carried] + part.written
                part = Scan(
                    " ".join(written),
                    written,
                    [scan.lowered[i] for i in carried] + part.lowered,
                    [scan.folded[i] for i in carried] + part.folded,
                    [
                        EntityMatch(m.kind, m.ids, m.start + len(carried), m.end + len(carried))
                        for m in part.entities
                    ],
                )
            # A clause naming only Herne, the frame, is about what the message names
            # before its chatter.
            before = {c for m in scan.entities if m.start < said for c in m.ids}
            within = replace(whole, cities=tuple(c for c in whole.cities if c in before))
            if origin:
                # Where the asker comes from or arrives is no frame of a question that names
                # Herne alone ("Przylatuję do Dortmundu. W której części Niemiec leży Herne?"
                # asks where Herne lies, not whether Dortmund is a partner).
                own_cities = (
                    c for m in part.entities if m.kind in ("city", KNOWN_BY) for c in m.ids
                )
                within = replace(within, cities=tuple(dict.fromkeys(own_cities)), places=())
            parts = [part]
            if inherited and context and not restated and whole.intent != OUT_OF_SCOPE:
                # A question that refers to the city of the story before it by a pronoun
                # ("... read about Ometepe – when did the council decide on it?") but reads,
                # alone, as another kind ("decide": the declaration): read again with the
                # city's name before it, as if it named it. Not where the whole message is
                # read as out of scope: its story says more than the city ("Gibt es in Konin
                # eine Handelskammer, die ich anrufen kann?" is no question about Konin).
                parts.append(_with_name(scan, context[0], part))
            if carried:
                # A city's own fact or a partnership's history asked beside a sector told
                # ("Уэйкфилд чем известен? Сестра туда на учёбу едет", "Mon fils fait ses études
                # là-bas. Wakefield, elle est connue pour quoi ?", who arranged the first
                # contacts with Konin, "I'm writing for the school paper"): the sector is the
                # asker's, not asked about (`_own_or_history`).
                parts.append(scan.part(start, end))
            found: Understanding | None = None
            for candidate in parts:
                read, _ = self._read(candidate, whole.language, whole.language_clear, within)
                if found is not None and found.confidence >= read.confidence:
                    continue
                if not (
                    read.intent in NOT_A_PART
                    or read.confidence < threshold
                    or (whole.intent == OUT_OF_SCOPE and read.confidence < whole.confidence)
                    or (
                        not set(whole.sectors) <= set(read.sectors)
                        and not (candidate is parts[-1] and carried and self._own_or_history(read))
                    )
                    or (origin and context and read.intent == "city.distance")
                    or (inherited and context and not read.intent.startswith("city."))
                ):
                    found = read
            if found is None:
                continue
            if inherited and context:
                # Going on with what the context names, the clause goes on with what the
                # message asks of it too: "¿Qué barco va a la isla ... y a qué hora?" asks the
                # boat's time, not the island's clock (the whole message's `asks`).
                found = replace(found, asks=tuple(dict.fromkeys((*found.asks, *whole.asks))))
            if best is None or found.confidence > best.confidence:
                best = found
        return best

    def _own_or_history(self, read: Understanding) -> bool:
        """Whether a reading is a city's own fact or how a partnership came about (its history,
        or an entry telling it): what no sector told beside it asks for."""
        if read.intent in OWN_FACTS or read.intent == HISTORY:
            return True
        name = read.intent.removeprefix(f"{FAQ}.")
        entry = self.reader.knowledge.faq.get(name) if name != read.intent else None
        return entry is not None and tells_history(entry)

    def _topic_start(
        self, scan: Scan, clauses: list[tuple[bool, int, int]], start: int, language: str
    ) -> int:
        """Where the question of the clause at `start` begins: at the clauses right before it
        that are only partner cities' names and joining words (its subject, named first), when
        the clause names no partner city of its own; else at `start`."""
        if any(m.start >= start and m.ids != (HERNE,) for m in scan.entities):
            return start
        joined = {i for first, last in self._joins(scan, language) for i in range(first, last)}
        named = scan.named()
        topic = start
        for _, first, last in reversed([c for c in clauses if c[2] <= start]):
            if last != topic or not all(i in named or i in joined for i in range(first, last)):
                break
            topic = first
        if not any(
            m.kind in ("city", KNOWN_BY) and m.ids != (HERNE,) and topic <= m.start < start
            for m in scan.entities
        ):
            return start
        return topic

    def _one_city(self, cities: Iterable[str]) -> City | None:
        """The one city other than Herne among `cities`, as the base holds it; None where
        they name none or several."""
        named = set(cities) - {HERNE}
        return self.reader.knowledge.cities.get(next(iter(named))) if len(named) == 1 else None

    def _one_partner(self, cities: Iterable[str]) -> City | None:
        """`_one_city` where it is a partner city; None otherwise."""
        city = self._one_city(cities)
        return city if city is not None and city.partner else None

    def on_hold(
        self, whole: Understanding, closest: list[tuple[str, float]], threshold: float
    ) -> Understanding | None:
        """A message not understood that asks about one partner city whose partnership is on
        hold, split between readings that each answer with its status ("Meine Tochter möchte
        einen Schüleraustausch nach Belgorod machen, geht das zurzeit?": the status, the
        exchanges with it, the entry on exchanges now): its status, when those readings
        together reach `threshold`, weighed by the share of words the bank knows (as `_scored`
        weighs, though without its regions and dates counted as known), and outweigh out of
        scope; or when the bank's `on_hold` cues say it asks whether the partnership still
        holds, has ended, or still allows a visit now ("Hat Herne mit Belgorod Schluss
        gemacht?"). Else None."""
        if whole.asks or whole.compares:
            return None
        city = self._one_city(whole.cities)
        if city is None or city.status != SUSPENDED:
            return None
        scan = self.scan_of(whole)
        if self.reader.kinds_named(scan, whole.language):
            # "Who is the rector of the university in Belgorod?" asks for what the base holds
            # none of (kinds.yaml), not whether the partnership is on hold.
            return None
        normalised = self.reader.normalise(
            self._spelt(scan, whole.language), whole.language, unfilled=True
        )
        ranked = dict(self.intents.ranked(self.intents.vector(normalised.document)))
        faq = self.reader.knowledge.faq
        entry = faq.get(closest[0][0]) if closest else None
        told = STATUS_TOLD | ({FAQ} if entry is not None and city.id in entry.cities else set())
        together = sum(p for intent, p in ranked.items() if intent in told)
        # Asked in so many words whether the partnership still holds, has ended, or still
        # allows a visit now ("did Herne cut ties with Belgorod for good?", "ist ein Besuch
        # derzeit möglich?"): the status, however the rest of the message reads. Those words
        # are what the bank's phrasings lack, and the story around them what out of scope is
        # taught.
        beyond = ranked.get(OUT_OF_SCOPE, 0.0)
        cued = beyond < HELD_BEYOND_MAX and self.reader.held_asked(scan.text, whole.language)
        if (together <= beyond or whole.places) and not cued:
            # A place named beside it may be what is asked; where the asker's friend comes
            # from ("a neighbour from Kharkiv asks whether ...") is not, when the cues say so.
            return None
        known = self.office.words | normalised.sector_words
        confidence = together * known_share(self.intents, normalised.document, known)
        if cued:
            confidence = max(confidence, threshold)
        if confidence < threshold:
            return None
        return replace(whole, intent="city.status", confidence=confidence, cities=(city.id,))

    def held_over(self, whole: Understanding, threshold: float) -> Understanding:
        """A message understood as an FAQ entry or a contact of the one partner city on hold it
        names, whose `on_hold` cues ask whether the partnership still holds or allows
        a plan now ("can our class do an exchange with Belgorod at present?" read as the
        university's research): its status, as surely as the reading; else the message as read.
        A kind of organisation the base lacks ("a chamber of commerce in Belgorod, possible?")
        and another place named beside it keep the reading."""
        kind = FAQ if whole.intent.startswith(FAQ + ".") else whole.intent
        if (
            kind not in HELD_OVER
            or whole.confidence >= HELD_OVER_MAX
            or whole.asks
            or whole.compares
            or whole.places
        ):
            return whole
        city = self._one_city(whole.cities)
        if city is None or city.status != SUSPENDED:
            return whole
        scan = self.scan_of(whole)
        if self.reader.kinds_named(scan, whole.language) or not self.reader.held_asked(
            scan.text, whole.language
        ):
            return whole
        confidence = max(whole.confidence, threshold)
        return replace(whole, intent="city.status", confidence=confidence, cities=(city.id,))

    def who_began(self, whole: Understanding) -> Understanding | None:
        """A message not understood, but not read as out of scope either, that names one
        partner city and nothing else and asks who signed its partnership or brought it about
        (the bank's `asks` cues: "Kto zorganizował pierwsze kontakty z Koninem?", split
        between the entry on Konin's first contacts and whom to contact in Konin): how that
        partnership began, which the composer gives only where it says who (else the
        fallback). Else None."""
        if (
            whole.intent == OUT_OF_SCOPE
            or whole.places
            or whole.organisations
            or whole.compares
            or not set(whole.asks) & BEGAN_BY
        ):
            return None
        city = self._one_partner(whole.cities)
        if city is None:
            return None
        return replace(whole, intent="city.history", cities=(city.id,))

    def link_asked(self, whole: Understanding, threshold: float) -> Understanding | None:
        """A question asking how two partner cities are linked, by the bank's `link_cues`
        ("Was haben Konin und Hénin-Beaumont miteinander zu tun?", "Quel rapport entre ...",
        "Что связывает ..."), whatever the classifier read (the link words read as a website,
        the association's trips or nothing): the entry the base holds of their link
        (`_link_of`), else both partnerships' history; asked of Herne and one partner city,
        that partnership's history, unless the classifier reads it surely as what the
        partnership is now (its status, since when). Not where it names another place, an
        organisation or a sector, or compares. Else None."""
        if (
            whole.places
            or whole.organisations
            or whole.sectors
            or whole.compares
            or not self.reader.link_asked(whole.text, whole.language)
            or self._whom_to_ask(whole, threshold)
        ):
            return None
        cities = self.reader.knowledge.cities
        partners = tuple(c for c in whole.cities if c in cities and cities[c].partner)
        # Read by the cue, as sure as a reading at the threshold.
        sure = max(whole.confidence, threshold)
        if len(partners) == 1:
            scan = self.scan_of(whole)
            if not any(m.ids == (HERNE,) for m in scan.entities) or (
                whole.confidence >= threshold
                and (whole.intent in LINK_KEPT or whole.intent.startswith("events."))
            ):
                return None
            return replace(whole, intent="city.history", cities=partners, confidence=sure)
        if len(partners) < 2:
            return None
        link = self._link_of(partners)
        if link is not None:
            return replace(whole, intent=f"{FAQ}.{link.id}", cities=partners, confidence=sure)
        # Three partner cities the base links in no way are no pair: as the classifier read.
        if len(partners) > 2:
            return None
        return replace(
            whole, intent="city.history", cities=partners, confidence=sure, unlinked=True
        )

    @staticmethod
    def _whom_to_ask(whole: Understanding, threshold: float) -> bool:
        """Whether the classifier reads surely whom to turn to: "Wakefield ile bağlantı kurmak
        istiyorum, kim ilgileniyor?" wants to make a link, not to hear of one."""
        return whole.confidence >= threshold and whole.intent.startswith(WHOM_TO_ASK)

    def _link_of(self, partners: tuple[str, ...]) -> FaqEntry | None:
        """What the base holds of the link between partner cities: the history entry naming
        them all (Konin's first contacts, arranged through Hénin-Beaumont), else the
        declaration they are all party to, by its entry saying whom it covers (of those naming
        them all, the one naming the fewest cities and holding the least besides)."""
        knowledge = self.reader.knowledge
        told = knowledge.faq_by_topic_city.get(("history", partners[0]), ())
        history = [e for e in told if set(partners) <= set(e.cities)]
        if history:
            return min(history, key=lambda e: len(e.cities))
        covered = knowledge.faq_by_intent.get("declaration.about", ())
        declared = [e for e in covered if set(partners) <= set(e.cities)]
        return min(declared, key=lambda e: (len(e.cities), len(e.holds)), default=None)

    def roots_asked(self, whole: Understanding, threshold: float) -> Understanding | None:
        """A question naming one partner city and no other place or organisation that asks
        where its partnership has its roots or how it began, by the bank's `roots_cues`, with
        or without a guess of the asker's ("Hénin-Beaumont ile kardeşliğin kökü neye dayanıyor?
        Maden kazası mı?", "Wo liegen die Ursprünge der Partnerschaft mit Beşiktaş? Beim
        Fußball?": the guess's sector is no contact asked for): that partnership's history,
        where the classifier reads it unsurely or surely as a reading that says nothing of how
        it began (ROOTS_OVERRIDDEN). Else None."""
        if (
            whole.places
            or whole.organisations
            or whole.compares
            or not self.reader.roots_asked(whole.text, whole.language)
            or self._whom_to_ask(whole, threshold)
        ):
            return None
        city = self._one_partner(whole.cities)
        if city is None:
            return None
        entities = self.scan_of(whole).entities
        by_name = any(m.kind == "city" and m.ids == (city.id,) for m in entities)
        sure = whole.confidence >= threshold
        if by_name:
            if (
                sure
                and whole.intent not in ROOTS_OVERRIDDEN
                and not self._told_roots(whole, threshold)
            ):
                return None
        # Named by its country, the roots are people's ("Wie viele Herner haben polnische
        # Wurzeln?"), unless the question reads surely as the country's one partner city
        # ("Skąd się wzięło partnerstwo Herne z miastem we Francji?").
        elif not sure or whole.intent != "partners.list":
            return None
        return replace(
            whole,
            intent="city.history",
            cities=(city.id,),
            confidence=max(whole.confidence, threshold),
        )

    def formerly_asked(self, whole: Understanding) -> Understanding | None:
        """A message not understood that names one partner city by its former name ("In alten
        Briefen steht Hénin-Liétard: wie heißt das heute?", "Babcia pisała o Hénin-Liétard –
        czy to dzisiejsze Hénin-Beaumont?") and no other place, organisation or fact its
        `asks` cues name: what became of the old town, which the city's founding tells (the
        1971 merger). Else None."""
        if whole.places or whole.organisations or whole.compares or whole.asks:
            return None
        city = self.reader.formerly_named(self.scan_of(whole))
        if city is None or set(whole.cities) - {HERNE} != {city}:
            return None
        return replace(whole, intent="city.founded", cities=(city,), places=())

    def renown_asked(self, whole: Understanding, threshold: float) -> Understanding | None:
        """A message that names one partner city by name and no other place or organisation,
        and asks why it matters or what makes it famous (the bank's `renown_cues`: "Warum gilt
        Eisleben als so bedeutend?", read as its founding, which the base does not hold), read
        as nothing surely, or as the city's founding: the city's profile, which says what it
        is known for. Else None."""
        if (
            (
                whole.confidence >= threshold
                and whole.intent not in RENOWN_OVERRIDDEN
                and whole.intent != OUT_OF_SCOPE
            )
            or whole.places
            or whole.organisations
            or whole.compares
            or whole.asks
            or not self.reader.renown_asked(whole.text, whole.language)
        ):
            return None
        city = self._one_partner(whole.cities)
        if city is None:
            return None
        return replace(whole, intent="city.profile", cities=(city.id,))

    def began_described(self, whole: Understanding, threshold: float) -> Understanding | None:
        """A question asking why or how a partnership came about (the bank's `why_cues` and
        `roots_cues`) of one partner city it does not name but describes: by its country or
        region ("Why on earth does Herne have a sister city in the north of France?", which
        read as whether France is a partner city), by the country's adjective ("Neden bir
        Fransız maden kasabasıyla kardeşiz?") or by what it is known by. That partnership's
        history, unless the question reads surely as another fact of that city, or asks
        something else its `asks` cues name (a death toll, a website). Else None."""
        if (
            whole.organisations
            or whole.compares
            or set(whole.asks) - BEGAN_BY
            or not (
                self.reader.why_asked(whole.text, whole.language)
                or self.reader.roots_asked(whole.text, whole.language)
            )
        ):
            return None
        scan = self.scan_of(whole)
        if any(m.kind not in DESCRIBING for m in scan.entities if m.ids != (HERNE,)):
            return None  # a partner city by name (`roots_asked`), a place, an organisation
        described = {c for m in scan.entities if m.kind in DESCRIBING for c in m.ids if c != HERNE}
        if not described:
            adjective = self._adjective_city(self._spelt(scan, whole.language), whole.language)
            described = {adjective[1]} if adjective is not None else set()
        city = self._one_partner(described)
        if city is None:
            return None
        # Known by a person or a lake, the question must speak of a partnership ("Why is Luther
        # famous?" asks nothing of Eisleben's).
        if not self.reader.speaks_of_partnership(scan) and whole.intent not in PARTNER_INTENTS:
            return None
        if (
            whole.confidence >= threshold
            and set(whole.cities) - {HERNE} == {city.id}
            and whole.intent not in PARTNER_INTENTS
        ):
            return None  # read surely as a fact of that city (its history, its status, ...)
        return replace(
            whole,
            intent=HISTORY,
            cities=(city.id,),
            places=(),
            confidence=max(whole.confidence, threshold),
        )

    def _told_roots(self, whole: Understanding, threshold: float) -> bool:
        """Whether a message tells a story and then asks, in a sentence of its own naming one
        partner city by name, whether that is how its partnership began ("Mein Opa erzählte
        von Bergleuten aus Herne in Frankreich. Hat so die Partnerschaft mit Hénin-Beaumont
        angefangen?"): the sentence's roots cue decides over what the story's words drew (a
        website for "link", out of scope for the miners), the story being no question. Not
        where the message reads surely as how it began already (its history, an entry telling
        it)."""
        if whole.confidence >= threshold and (
            whole.intent == HISTORY
            or (whole.intent not in OWN_FACTS and self._own_or_history(whole))
        ):
            return False  # read surely as how it began already (an entry telling it)
        sentence = self.asking_sentence(whole)
        if sentence is None or not self.reader.roots_asked(sentence.text, whole.language):
            return False
        named = {c for m in sentence.entities if m.kind == "city" for c in m.ids} - {HERNE}
        known = self.reader.knowledge.cities
        return len(named) == 1 and all(c in known and known[c].partner for c in named)

    def fact_asked_again(self, whole: Understanding) -> Understanding | None:
        """A message not understood, in which the asker tells of the one partner city they
        work or live in and asks a fact of it that the bank's `asks` cues name, naming it
        again ("Je suis guide à ... et les touristes me demandent combien d'habitants compte
        ...", read as out of scope from the tourism of the story): that fact of the city (a
        story of the asker, not a question the base does not hold). A city named only once,
        or beside a place, is no such question: "I live near Konin in Golina. How many people
        live in Golina?" asks about Golina. Else None."""
        asks = set(whole.asks)
        if (
            not asks
            or not asks <= set(ASKED_FACTS)
            or whole.places
            or whole.organisations
            or whole.sectors
            or whole.compares
        ):
            return None
        city = self._one_partner(whole.cities)
        if city is None:
            return None
        scan = self.scan_of(whole)
        if sum(m.ids == (city.id,) for m in scan.entities) < 2 or not self.reader.tells_of_self(
            scan, whole.language, 0, len(scan.written)
        ):
            return None
        (asked,) = {ASKED_FACTS[a] for a in asks}
        return replace(whole, intent=asked, cities=(city.id,))

    def ranking(self, whole: Understanding, threshold: float) -> Understanding | None:
        """A ranking over the partner cities asked ("Welche Partnerstadt ist am größten?",
        "the three nearest twin towns", "отсортируй по численности", "哪些友好城市超过2000公里"):
        the reading that composes it from the base's figures, or None. Asked of one or two
        partner cities (their facts, compared) or of a place that is none, it is not; nor
        without a word for a partner city or a partnership (three cities named are enough),
        nor where the classifier reads something else surely. The oldest or newest of all
        partnerships alone is the FAQ's entry, which says more (what it began as)."""
        language = whole.language
        found = self.reader.ranked(whole.text, language)
        ways = [w for w in RANK_WAYS if w in found]
        limited = bool({"above", "below"} & found.keys())
        if not (ways or "sort" in found or limited or "unheld" in found):
            return None
        cities = self.reader.knowledge.cities
        partners = [c for c in whole.cities if c in cities and cities[c].partner]
        scan = self.scan_of(whole)
        things = self.reader.ranked_things(scan, language) if ways else []
        # "what's the smallest partner city?": "Smallest" read as a place is the superlative;
        # "das größte Volksfest", what it ranks (below).
        places = [
            p
            for p in whole.places
            if not self.reader.ranked(p, language).keys() & found and fold_latin(p) not in things
        ]
        continents = [RANK_CONTINENTS[c] for c in RANK_CONTINENTS if c in found]
        if continents and not partners:
            partners = [
                c.id
                for c in cities.values()
                if c.partner and c.timezone.startswith(tuple(continents))
            ]
            if not partners:
                return None
        elif len(partners) == 1 and whole.intent == OLDEST_NEWEST and SINCE_WAYS.issuperset(ways):
            # "泸州和黑尔讷最早是哪年签的": the first of one partnership it names is when it began.
            return self._began(whole, threshold)
        elif places or len(partners) in (1, 2) or whole.chat:
            return None
        if len(partners) < 3 and (
            any(m.kind in ("country", REGION) for m in scan.entities)
            or self._adjective_city(scan, language) is not None
        ):
            # "Welche deutsche Partnerstadt ist am größten?": the country's partner city.
            return None
        # A limit of a measure ("живёт меньше пятидесяти тысяч человек", read as the office
        # at 0.43) is as much a ranking as a superlative is.
        limit_of_measure = limited and any(m in found for m in RANK_MEASURES)
        # Out of scope surely ("the biggest football club") is no ranking; read as nothing, it is.
        read = whole.intent.startswith(RANKED_READINGS) or (
            whole.intent == OUT_OF_SCOPE and whole.confidence < threshold
        )
        if (
            whole.confidence >= threshold
            and not read
            and not ((ways or limit_of_measure) and whole.confidence < RANK_OVER)
            and not (things and whole.sectors)
        ):
            # Read surely as something else ("Які заходи найближчим часом?": the nearest time
            # is when); but a superlative of a sector's thing ("哪个友好城市的博物馆最大？",
            # read as culture contacts) is judged below.
            return None
        if (
            len(partners) < 3
            and not self.reader.speaks_of_partnership(scan)
            and not self._chosen_of_partners(whole, found, partners)
        ):
            return None
        folded = fold_latin(whole.text)
        figures = [
            (at, figure)
            for at, figure in self.reader.figures(folded, language)
            if figure <= RANK_FIGURE_MOST
        ]
        measures = [RANK_MEASURES[m] for m in RANK_MEASURES if m in found]
        ranking = None
        if limited and measures and figures:
            # "mehr als 2000 km": the number after the word that says which side; a distance
            # where both a distance and a size are said ("größer als 2000 km entfernt").
            at, figure = max(figures, key=lambda f: f[1])
            if "thousand" in found and figure < 1000:
                figure *= 1000
            measure = "distance" if "distance" in measures else measures[0]
            # The side said nearest before the number, else after it ("2000公里以上").
            sides = sorted((found[s], s) for s in ("above", "below") if s in found)
            before = [s for s in sides if s[0] <= at]
            above = (before[-1] if before else sides[0])[1] == "above"
            if measure != "since" and figure >= 10:
                way = {("population", True): "largest", ("population", False): "smallest"}.get(
                    (measure, above), "farthest" if above else "nearest"
                )
                ranking = Ranking(measure, way, 0, figure, above)
        if ranking is None and len({RANK_WAYS[w] for w in ways}) < len(ways):
            # Both ends asked ("the oldest and the newest", "最大和最小"): the FAQ's entry on the
            # partnerships' ends, or the list; no one-sided ranking.
            return None
        if ranking is None and ways:
            way = min(ways, key=lambda w: found[w])
            count = 1
            small = [int(f) for _, f in figures if 2 <= f <= RANK_MOST]
            words = [n for w, n in RANK_COUNTS.items() if w in found]
            if "sort" in found:
                count = 0
            elif small or words:
                count = (small or words)[0]
            ranking = Ranking(RANK_WAYS[way], way, count)
        elif ranking is None and "sort" in found and measures:
            ranking = Ranking(measures[0], RANK_FIRST[measures[0]], 0)
        if ranking is None:
            if "unheld" in found and not ways and read and not whole.intent.startswith("city."):
                # "Which partner city is the richest?": by what the base does not hold; the
                # list or the oldest partnership read from it would answer something else.
                return replace(whole, intent=OUT_OF_SCOPE, confidence=1.0, cities=())
            return None
        if ranking.measure == "since" and ranking.count == 1 and len(partners) < 3:
            if partners or (whole.intent == OLDEST_NEWEST and whole.confidence >= threshold):
                return None
            # The oldest or newest of all partnerships is the FAQ's entry, which says more
            # (what it began as), also where its words were rare ("die jüngste im Bunde", "the
            # most longstanding twinning") and the classifier read it, or something else,
            # below the threshold.
            if OLDEST_NEWEST.partition(".")[2] not in self.reader.knowledge.faq:
                return None
            return replace(whole, intent=OLDEST_NEWEST, confidence=threshold, cities=())
        # Still a ranking where the question reads as the measure's fact at the threshold ("the
        # most people living in it", "en kalabalık hangisi").
        if things and not self._ranks_by_measure(
            scan, language, ranking.measure, things, threshold
        ):
            # "Which partner city has the biggest festival?": a superlative of what the base
            # does not hold is no ranking by population.
            return replace(whole, intent=OUT_OF_SCOPE, confidence=1.0, cities=())
        return replace(
            whole,
            intent=f"city.{ranking.measure}",
            confidence=max(whole.confidence, threshold),
            cities=tuple(partners),
            ranking=ranking,
        )

    def _ranks_by_measure(
        self, scan: Scan, language: str, measure: str, things: list[str], threshold: float
    ) -> bool:
        """Whether a question whose superlative stands before `things` (`Reader.ranked_things`)
        still ranks by the base's `measure`: it reads as the measure's fact surely (RANK_OVER),
        or at `threshold` where the things draw it there ("the most people living in it":
        without "living" it reads so less surely). A thing that does not ("¿qué ciudad hermana tiene
        el estadio más grande?", read as the population because "tiene … más grande" asks so,
        more surely without "estadio") is what is ranked."""
        intent = f"city.{measure}"
        surely = self._read_as(scan, language, intent)
        if surely < threshold:
            return False
        if surely >= RANK_OVER:
            return True  # "Nüfusu en az olan kardeş şehir hangisi?": "olan" is no thing
        ranked = set(things)
        at = [
            i
            for i, word in enumerate(scan.folded)
            if word in ranked or any(word and word in thing for thing in ranked)
        ]
        rest = _scan_without(scan, at)
        return rest is scan or self._read_as(rest, language, intent) < surely

    def background_asked(self, whole: Understanding, threshold: float) -> Understanding | None:
        """What led up to the declaration asked in words the classifier reads below the
        threshold ("bildirgenin temelini hangi etkinlik attı?" read as the groundwork at 0.28):
        where the bank's `asks` cues say that the background is asked and the question still
        reads most as the declaration or an entry on it, the entry on the declaration that
        holds its background, at the threshold. Asked of another thing than the declaration
        (a partnership's history), the reading is not the declaration's, and nothing changes;
        nor beside a place ("Was ging der Unabhängigkeitserklärung der USA voraus?"), nor read
        below BACKGROUND_MIN (the question's words mostly unknown to the bank) unless it names
        the declaration by its word ("宣言以前做过什么铺垫工作？" read as the groundwork but
        like none of the entries' own questions, or as events that are over)."""
        if (
            BACKGROUND not in whole.asks
            or whole.confidence >= threshold
            or whole.places
            or whole.organisations
        ):
            return None
        worded = self._declaration_worded(whole)
        if whole.confidence < BACKGROUND_MIN and not worded:
            return None
        # Events that are over, asked before the declaration named by its word ("签宣言以前有过
        # 什么活动？"), are what led up to it.
        if not (self._read_as_declaration(whole) or (worded and whole.intent == "events.past")):
            return None
        faq = self.reader.knowledge.faq
        holding = next(
            (e for e in faq.values() if _on_declaration(e) and BACKGROUND in e.holds), None
        )
        if holding is None or not set(whole.asks) <= holding.holds | OPENING:
            return None
        return replace(whole, intent=f"{FAQ}.{holding.id}", confidence=threshold)

    def _declaration_worded(self, whole: Understanding) -> bool:
        """Whether a question names the declaration by its word (the bank's `signing`
        "declaration" cues)."""
        cues = self.reader.signing.get(whole.language)
        return cues is not None and self._worded(self.scan_of(whole), whole.language, cues)

    def group_reach(self, whole: Understanding, threshold: float) -> Understanding | None:
        """A group of the asker's (a choir, a club, a school class) that wants a counterpart
        in a partner city and asks whom to turn to ("Unser Männerchor hätte gern einen
        Partnerchor in Wakefield – mit wem red ich da am besten?", "наш хор хочет дружить с
        хором из Конина — кому писать?"): how to reach the association, which arranges such
        contacts, whatever the classifier read (a city's facts, a sector's contacts, nothing).
        Not where it names an organisation, a place that is no partner city, or a trade the
        association does not serve (a company's partner is business contacts), nor where it
        reads surely as the office's or the association's contact already."""
        if whole.intent in (ASSOCIATION_CONTACT, OFFICE) and whole.confidence >= threshold:
            return None
        cities = self.reader.knowledge.cities
        partners = [c for c in whole.cities if c in cities and cities[c].partner]
        if (
            not partners
            or whole.places
            or whole.organisations
            or not set(whole.sectors) <= GROUP_SECTORS
            or whole.chat
        ):
            return None
        if not {"groups", "whom"} <= self.reader.reached(whole.text, whole.language):
            return None
        return replace(
            whole,
            intent=ASSOCIATION_CONTACT,
            confidence=max(whole.confidence, threshold),
            cities=tuple(partners),
        )

    def founding(self, whole: Understanding, threshold: float) -> Understanding | None:
        """Opening a venture of one's own and asking whom to turn to ("Je voudrais ouvrir une
        onglerie à Herne. Qui contacter ?", "хочу відкрити салон в Герне"), founders asking who
        helps them, or who promotes the economy ("Wer fördert in Herne die Wirtschaft?"):
        business contacts, whatever the classifier read (the association's contact, the
        office's, nothing): business development helps founders in Herne, and in a partner
        city the contacts the base holds there come with it. Not where it names a place that
        is no partner city or an organisation other than business development, asks what the
        base holds nothing of (a permit, a price, a rent), or reads surely as business
        contacts already."""
        if whole.intent in FOUNDING_READ and whole.confidence >= threshold:
            return None
        knowledge = self.reader.knowledge
        if (
            whole.chat
            or whole.places
            or any(
                o not in knowledge.organisations
                or knowledge.organisations[o].kind != BUSINESS_DEVELOPMENT
                for o in whole.organisations
            )
            or any(c not in knowledge.cities for c in whole.cities)
        ):
            return None
        cued = self.reader.cued("founding", whole.text, whole.language)
        if "unheld" in cued:
            return None
        asks = "helps" in cued or "whom" in self.reader.reached(whole.text, whole.language)
        ventures = "ventures" in cued or self.reader.ends_as("founding", whole.text, whole.language)
        founds = ("opens" in cued and ventures) or "founders" in cued
        if not ((founds and asks) or {"economy", "promotes"} <= cued):
            return None
        # Herne's own organisations (its clubs, its universities) are no founder's contacts.
        cities = tuple(c for c in whole.cities if knowledge.cities[c].partner)
        return replace(
            whole,
            intent=BUSINESS_CONTACTS,
            confidence=max(whole.confidence, threshold),
            cities=cities,
        )

    def body_itself(self, whole: Understanding, threshold: float) -> Understanding | None:
        """What the one organisation a question names is rather than how to reach it: its
        members, its sections, when it was founded, what it consists of, whether there is one
        ("Czy w Herne jest stowarzyszenie miast partnerskich? Ma sekcję Konin?", "Jakie
        uczelnie tworzą sojusz ruhrvalley?"): its card (the association's holds how to reach
        it too, so "is there one? how do I reach it?" gets both), or the FAQ entry about it
        the classifier read below the threshold; also a figure of it, where it plays or what
        it is called, asked of the one organisation named. Not becoming a member (how to reach
        it) unless a figure of it is asked beside ("I'd like to join, how many members?"), nor
        a question read surely as something else than whom to contact (but joining it and
        asking a figure, no partner city named), nor whether a city other than its own has
        one."""
        # "Is there a club for people into the twin towns? How many members?" names the
        # association by no name of it, but is read as how to reach it: it is the one meant.
        bodies = whole.organisations or (
            (ASSOCIATION,) if whole.intent == ASSOCIATION_CONTACT else ()
        )
        if whole.chat or len(bodies) != 1:
            return None
        cued = self.reader.cued("itself", whole.text, whole.language)
        # Joining is how to reach it, unless a figure of it is asked beside ("I'd like to
        # join: how many members does it have?", "хочу вступить, когда оно основано?").
        if "joins" in cued and "figure" not in cued:
            return None
        # A figure, a venue or a name is asked of an organisation the question names: read as
        # how to reach the association without its name, "how many …?" may ask anything.
        asked = cued & (ITSELF_ASKED if whole.organisations else {"about"})
        if not asked and "exists" not in cued:
            return None
        body = bodies[0]
        if body not in self.reader.knowledge.organisations:
            return None
        # "Is there an economic development agency in Konin?" asks whether the partner city
        # has one of its own, not about Herne's (the base holds none there).
        seat = self.reader.knowledge.organisations[body].city_id
        # A figure asked beside another city is that city's ("How many people live in Konin?").
        if "about" not in cued and any(c != seat for c in whole.cities):
            return None
        intent = whole.intent
        entry = self.reader.knowledge.faq.get(intent[4:]) if intent.startswith("faq.") else None
        if not (intent == ORG_INFO or (entry is not None and body in entry.organisations)):
            # Joining it and asking a figure of it, with no partner city named: what else was
            # read ("when was it founded?" as the declaration's date) is not what is asked.
            joined = "joins" in cued and not whole.cities and not intent.startswith("events.")
            if whole.confidence >= threshold and intent not in ITSELF_OVERRIDDEN and not joined:
                return None
            intent = ORG_INFO
        return replace(
            whole,
            intent=intent,
            confidence=max(whole.confidence, threshold),
            organisations=(body,),
        )

    def asks_of_body(self, whole: Understanding) -> str | None:
        """The one organisation a question names when it asks an attribute of it that its
        card holds (its members, founding, sections, what it is called, where it plays:
        "Where does Herne's hockey club play its home games?"), else None."""
        if whole.chat or len(whole.organisations) != 1:
            return None
        if not self.reader.cued("itself", whole.text, whole.language) & ITSELF_ASKED:
            return None
        return whole.organisations[0]

    def body_and_part(
        self, whole: Understanding, threshold: float
    ) -> tuple[Understanding, Understanding] | None:
        """What an organisation is (or whether there is one), asked beside something the base
        holds about it in an entry of its own ("ruhrvalley nedir, Herne'de ofisi var mı", "Is
        there an association that travels to Wakefield?"): its card, then that entry, read
        surely as the classifier read it. Not becoming a member, nor an entry about several
        organisations, nor one that the card holds already (the association's own)."""
        if whole.chat or whole.confidence < threshold or not whole.intent.startswith("faq."):
            return None
        knowledge = self.reader.knowledge
        entry = knowledge.faq.get(whole.intent[4:])
        if entry is None or len(entry.organisations) != 1 or entry.id in CARD_ENTRIES:
            return None
        body = entry.organisations[0]
        if body not in knowledge.organisations or whole.organisations not in ((), (body,)):
            return None
        # "Is there a link between Wakefield and Ometepe?" asks of two partner cities.
        if sum(1 for c in whole.cities if c in knowledge.cities and c != HERNE) > 1:
            return None
        cued = self.reader.cued("itself", whole.text, whole.language)
        if "joins" in cued or not cued & {"what", "exists"}:
            return None
        card = replace(whole, intent=ORG_INFO, organisations=(body,))
        return card, replace(whole, organisations=(body,))

    def taking_part(self, whole: Understanding, threshold: float) -> Understanding | None:
        """Wanting to take part in the partnerships, help with them, collaborate with the
        partner cities or volunteer, and asking whom to turn to ("¿Con quién hablo si quiero
        colaborar con las ciudades hermanadas?", "хочу участвовать, к кому обратиться?"): how
        to reach the association, which its members and sections do, whatever the classifier
        read below the threshold (business contacts only without a trade or a venture), or as
        whom to contact. Only of the partnerships (a partner city named, or the words for a
        partner city or being twinned), not of a place that is no partner city, of another
        organisation than the association, or of a sector the association does not serve."""
        intent = whole.intent
        if whole.confidence >= threshold and intent not in TAKING_PART_OVERRIDDEN:
            return None
        if intent == ASSOCIATION_CONTACT and whole.confidence >= threshold:
            return None
        knowledge = self.reader.knowledge
        if (
            whole.chat
            or whole.places
            or any(o != ASSOCIATION for o in whole.organisations)
            or not set(whole.sectors) <= GROUP_SECTORS
            or any(c not in knowledge.cities for c in whole.cities)
        ):
            return None
        if not {"whom", "takes_part"} <= self.reader.reached(whole.text, whole.language):
            return None
        partners = [c for c in whole.cities if knowledge.cities[c].partner]
        if not partners and not self.reader.speaks_of_partnership(self.scan_of(whole)):
            return None
        if intent == BUSINESS_CONTACTS and (
            whole.sectors
            or "ventures" in self.reader.cued("founding", whole.text, whole.language)
            or self.reader.ends_as("founding", whole.text, whole.language)
        ):
            return None  # read below the threshold as business, with a trade or a venture
        return replace(
            whole, intent=ASSOCIATION_CONTACT, confidence=max(whole.confidence, threshold)
        )

    def _chosen_of_partners(
        self, whole: Understanding, found: dict[str, int], partners: list[str]
    ) -> bool:
        """A follow-up that chooses among what was listed before by a distance from Herne
        ("et laquelle est la plus proche de Herne ?", "and which of them is nearest?", "peki
        hangisi en uzak?"), naming no partner city, no other place and no organisation: the
        base holds distances from Herne to its partner cities only, so those are what it
        chooses among. Without the word that chooses ("which city is nearest to Herne?") it
        may ask of any town, and stays unread."""
        return (
            "which" in found
            and not partners
            and not (whole.places or whole.organisations or whole.sectors)
            and set(whole.cities) <= {HERNE}
            and any(RANK_WAYS[w] == "distance" for w in RANK_WAYS if w in found)
        )

    def _began(self, whole: Understanding, threshold: float) -> Understanding | None:
        """A message naming one partner city, read as the FAQ's oldest and newest partnership
        by a word of the first or the last ("最早", "earliest"), read again without those
        words: where it then asks when that partnership began (its since or its history) at
        `threshold` or above, that reading; else None ("Is Hénin-Beaumont the oldest?" asks
        whether it is the oldest)."""
        scan = self.scan_of(whole)
        language = whole.language
        characters = REGISTRY[language].tokens == "characters"
        folded = scan.folded
        at: set[int] = set()
        for way in SINCE_WAYS:
            for cue in self.reader.rank_cues(way, language):
                parts = re.findall(r"\w+", fold_latin(cue))
                if characters:
                    parts = list("".join(parts))
                for i in range(len(folded) - len(parts) + 1):
                    if parts and all(
                        folded[i + k] == w if characters else folded[i + k].startswith(w)
                        for k, w in enumerate(parts)
                    ):
                        at.update(range(i, i + len(parts)))
        rest = self.without(whole, at) if at else None
        if rest is None or rest.intent not in BEGAN or rest.confidence < threshold:
            return None
        return rest

    def _read_as(self, scan: Scan, language: str, intent: str) -> float:
        """How surely the classifier reads a question in `language` as `intent`."""
        normalised = self.reader.normalise(self._spelt(scan, language), language, unfilled=True)
        return dict(self.intents.ranked(self.intents.vector(normalised.document))).get(intent, 0.0)

    def in_year(self, whole: Understanding) -> Understanding | None:
        """A message not understood that names one year up to this one as what it asks about
        ("2016'da ne oldu?", "que paso en 2016", "Was geschah 1987 mit Ometepe?", split between
        the FAQ's dated entries, the archive and a city's profile or history), and no
        organisation, place or comparison: what the base holds of that year, for the partner
        cities it names (the composer gives it only where the base holds something, else the
        fallback), when the readings that tell what happened hold at least HAPPENED_MIN of the
        probability and outweigh out of scope. Else None."""
        if whole.places or whole.organisations or whole.compares:
            return None
        if asked_year(whole.text, datetime.now(UTC).year) is None:
            return None
        scan = self.scan_of(whole)
        normalised = self.reader.normalise(
            self._spelt(scan, whole.language), whole.language, unfilled=True
        )
        ranked = dict(self.intents.ranked(self.intents.vector(normalised.document)))
        together = sum(p for intent, p in ranked.items() if intent in HAPPENED)
        if together < HAPPENED_MIN or together <= ranked.get(OUT_OF_SCOPE, 0.0):
            return None
        return replace(whole, intent=YEAR_STORY, confidence=together)

    def place_checked(self, whole: Understanding, threshold: float) -> Understanding | None:
        """A message asking whether a place that is no partner city is one, with its reason
        beside it ("Is Bochum a partner city too, since the university is there?", "Czy
        Dortmund to też miasto partnerskie, skoro jest tam uczelnia?"): the reason's words (a
        university, a club) pull the whole to an entry about them, which does not answer
        whether the place is a partner. The first clause naming the place, read alone, where it
        asks that at `threshold` or above and more surely than the whole; else None."""
        if not (whole.places and whole.sectors) or whole.intent == PARTNER_CHECK:
            return None
        if self.reader.why_asked(whole.text, whole.language):
            return None  # "Why did Herne look for partners in Bochum?" asks no check
        scan = self.scan_of(whole)
        clauses = self._clauses(scan, whole.language)
        if len(clauses) < 2:
            return None
        start, end = next(
            (
                (c[1], c[2])
                for c in clauses
                if any(c[1] <= m.start < c[2] and m.kind == "place" for m in scan.entities)
            ),
            (0, 0),
        )
        # The reason is told beside the question, by a sector ("the university", "uczelnia")
        # in another clause: a sector in the place's own clause is what it asks about ("Why
        # did Herne look for nanotech partners in Bochum?").
        named = scan.named()
        lemmas = [lemma(w, whole.language) for w in scan.lowered]
        free = [i not in named for i in range(len(scan.written))]
        told = [
            i
            for first, last, _ in self.reader.sectors.find(
                scan.folded, lemmas, free, whole.language
            )
            for i in range(first, last)
        ]
        if end == start or not told or any(start <= i < end for i in told):
            return None
        read, _ = self._read(scan.part(start, end), whole.language, whole.language_clear, whole)
        if (
            read.intent == PARTNER_CHECK
            and threshold <= read.confidence
            and (whole.intent == OUT_OF_SCOPE or read.confidence > whole.confidence)
        ):
            return read
        return None

    def declaration_in_story(self, whole: Understanding, threshold: float) -> Understanding | None:
        """A message not understood that names the declaration's year and, in a sentence of its
        own ending with a question mark, asks about the declaration ("My brother-in-law runs a
        haulage firm; he says Herne signed something with Konin in 2018. Which areas did it
        cover?", "Jakie dziedziny obejmuje deklaracja z 2018? Pytam, bo mam hurtownię"): that
        sentence's reading, where it reads alone as one of the declaration's intents at
        `threshold` or above; the asker's trade told around it is no sector asked about. Else
        None. Only a message naming the year is cut, at most MAX_FOCUS sentences read."""
        if not self.declaration[1] & set(re.findall(r"\d{4}", whole.text)):
            return None
        scan = self.scan_of(whole)
        ends = sorted(
            {words_before(scan.text, m.start()) for m in _TOLD_END.finditer(scan.text)}
            | {words_before(scan.text, m.end()) for m in _QUESTION_MARKS.finditer(scan.text)}
        )
        asked = {words_before(scan.text, m.end()) for m in _QUESTION_MARKS.finditer(scan.text)}
        starts = [0, *ends]
        sentences = [
            (start, end)
            for start, end in zip(starts, [*ends, len(scan.written)], strict=True)
            if end in asked and start < end
        ]
        for start, end in sentences[-MAX_FOCUS:][::-1]:
            if start == 0 and end >= len(scan.written):
                return None  # one sentence: the whole, read already
            read, _ = self._read(scan.part(start, end), whole.language, whole.language_clear, whole)
            if read.intent.startswith(DECLARATION) and read.confidence >= threshold:
                return replace(read, sectors=())
        return None

    def signing(self, whole: Understanding, threshold: float) -> Understanding | None:
        """Who signed, asked city by city (the bank's `signing` cues). A partner city signed
        *with* ("когда подписали с бешикташем", "Beşiktaş'la ne zaman imzalandı", "跟贝希克塔什
        是哪天签约的") is that partnership's signing, its history, unless the declaration is named
        (its word or its year). A partner city that signs, beside the declaration's word or a
        "too" cue ("Did Konin sign it too?", "who else, apart from Belgorod", "in person or
        beforehand?"), asks who signed the declaration for it: its signatories, at `threshold`
        at least; a city it does not concern ("Did Wakefield sign it too?") gets the honest no
        in the answer (compose). Without a word for signing, which cities it covers
        (`_declaration_cities`). A question naming another year, or a partnership word and
        not the declaration, is left as read; so is one read as the declaration's signing or
        what it is already. None where nothing changes."""
        if whole.ranking is not None or whole.intent.startswith(SMALLTALK_PREFIX):
            return None
        language = whole.language
        cues = self.reader.signing.get(language)
        if not cues:
            return None
        scan = self.scan_of(whole)
        partners = self._partners_in(scan)
        years = set(re.findall(r"(?<!\d)\d{4}(?!\d)", scan.text))
        if years - self.declaration[1]:
            return None  # "Who signed with Belgorod in 1990?": that year's
        mayor = self._mayor_then(whole, scan, cues, partners, years, threshold)
        if mayor is not None:
            return mayor
        if not _cue_in(scan.folded, cues.get("verbs", ()), _begins) or _cue_in(
            scan.folded, cues.get("not_verbs", ()), _begins
        ):
            return self._declaration_cities(whole, scan, cues, partners, threshold)
        if VENUE in whole.asks:
            # "在哪家酒店签的？": the hotel where something was signed, not one to stay in; the
            # answer of the signing says where (no answer holds a place to stay).
            whole = replace(whole, asks=tuple(a for a in whole.asks if a != VENUE))
            signed = self._signed(whole, scan, cues, partners, years, threshold)
            if signed is not None:
                return signed
            understood = whole.intent != OUT_OF_SCOPE and whole.confidence >= threshold
            return whole if understood else None
        return self._signed(whole, scan, cues, partners, years, threshold)

    def _mayor_then(
        self,
        whole: Understanding,
        scan: Scan,
        cues: dict[str, tuple[tuple[str, ...], ...]],
        partners: list[EntityMatch],
        years: set[str],
        threshold: float,
    ) -> Understanding | None:
        """The mayor of a city of the declaration (or of none named) asked with the
        declaration's year or beside its word ("ey wer war der bürgermeister von belgorod der
        2018 hier war", "what was the name of Konin's mayor at the time of the declaration?"):
        who signed it, that city's signatories (the base holds mayors only as signatories).
        Asked without either ("Who is the mayor of Konin now?"), of a city the declaration does
        not concern, or read surely as what the declaration is or as an entry on it or holding
        a signatory (the extension of July 2018), it stays as read: None."""
        if not _cue_in(scan.folded, cues.get("mayors", ()), _stem):
            return None
        named_ids = tuple(dict.fromkeys(m.ids[0] for m in partners))
        if set(named_ids) - self.declaration[0]:
            return None  # "Who was Wakefield's mayor in 2018?": not held
        if not (years or self._worded(scan, whole.language, cues)):
            return None
        if whole.confidence >= threshold and whole.intent != OUT_OF_SCOPE:
            if whole.intent.startswith(DECLARATION):
                return None
            entry = self.reader.knowledge.faq.get(whole.intent.partition(".")[2])
            if (
                whole.intent.startswith(FAQ + ".")
                and entry is not None
                and (SIGNATORY in entry.holds or _on_declaration(entry))
            ):
                return None
        return _as_signatories(whole, named_ids, threshold)

    def _signed(
        self,
        whole: Understanding,
        scan: Scan,
        cues: dict[str, tuple[tuple[str, ...], ...]],
        partners: list[EntityMatch],
        years: set[str],
        threshold: float,
    ) -> Understanding | None:
        """`signing` where a word for signing stands: a partner city signed with, or one that
        signs among others."""
        language = whole.language
        if not partners:
            return None
        worded = self._worded(scan, language, cues)
        named = bool(years) or worded
        named_ids = tuple(dict.fromkeys(m.ids[0] for m in partners))
        withs = {m.ids[0] for m in partners if self._signed_with(scan, language, m, partners)}
        if withs and (named or len(named_ids) != 1):
            return None
        own = None if named else self._own_of(scan, language, cues, partners, withs)
        if own is not None:
            if whole.confidence >= threshold and not self._misread_own(whole):
                return None  # read surely as a signing of its own (the extension), a city's fact
            return replace(
                whole,
                intent=HISTORY,
                cities=(own,),
                confidence=max(whole.confidence, threshold),
            )
        if whole.confidence >= threshold and (
            whole.intent in SIGNED_READINGS or not whole.intent.startswith(SIGNER_READINGS)
        ):
            # The signing read already, with the cities named (compose); or read surely as
            # another kind of answer than a city's or an entry's ("Can I sign up for the trip
            # to Konin too?" is the events, "a sign language course in Konin" the contacts).
            return None
        if not (worded or _cue_in(scan.folded, cues.get("too", ()), _equal)):
            # "What did Luzhou sign in 2018?", "who signed the besiktas agreement and when":
            # a city that signed, with nothing setting it among others, signed its own.
            return None
        if not named and self.reader.speaks_of_partnership(scan):
            return None  # "Did Wakefield sign the twinning too?"
        return _as_signatories(whole, named_ids, threshold)

    def _partners_in(self, scan: Scan) -> list[EntityMatch]:
        """The partner cities a question names (Herne is none)."""
        cities = self.reader.knowledge.cities
        return [
            m
            for m in scan.entities
            if m.kind == "city" and m.ids[0] in cities and m.ids[0] != HERNE
        ]

    def _declaration_cities(
        self,
        whole: Understanding,
        scan: Scan,
        cues: dict[str, tuple[tuple[str, ...], ...]],
        partners: list[EntityMatch],
        threshold: float,
    ) -> Understanding | None:
        """Which cities the declaration covers, asked without a word for signing: "Какие города
        охватывает декларация?" read as its fields gets the entry saying which cities (the one
        on the declaration about all of them that holds their count and least else); "Was
        Wakefield part of the declaration?", naming its word and a partner city it does not
        concern, gets the honest no (compose). None where nothing changes."""
        faq = self.reader.knowledge.faq
        concerned = self.declaration[0]
        named_ids = tuple(dict.fromkeys(m.ids[0] for m in partners))
        language = whole.language
        outside = [c for c in named_ids if c not in concerned]
        if outside and self._worded(scan, language, cues):
            if self.reader.speaks_of_partnership(scan) or any(
                self._signed_with(scan, language, m, partners) for m in partners
            ):
                return None  # "the declaration and the twinning with Luzhou"
            return _as_signatories(whole, named_ids, threshold)
        if (
            named_ids
            or whole.sectors
            or not whole.intent.startswith(DECLARATION)
            or whole.intent in SIGNED_READINGS
            or not _cue_in(scan.folded, cues.get("cities", ()), _begins)
        ):
            return None
        covering = sorted(
            (
                e
                for e in faq.values()
                if _on_declaration(e) and COUNT in e.holds and concerned <= set(e.cities)
            ),
            key=lambda e: len(e.holds),
        )
        if not covering:
            return None
        return replace(
            whole, intent=f"{FAQ}.{covering[0].id}", confidence=max(whole.confidence, threshold)
        )

    def _worded(
        self, scan: Scan, language: str, cues: dict[str, tuple[tuple[str, ...], ...]]
    ) -> bool:
        """Whether the question names the declaration by a word of the `signing` cues,
        as written, as the speller corrects it ("erklaerung", "деклорацию") or, typed in Latin
        letters, as read in Cyrillic ones ("deklaraciju")."""
        found = cues.get("declaration", ())
        if _cue_in(scan.folded, found, _holds):
            return True
        words = [c[0] for c in found if len(c) == 1]
        for lowered in scan.lowered:
            forms = list(typed_latin_readings(lowered)) if language in TRANSLITERATED else []
            corrected = self.speller.correct(lowered, language)
            if corrected is not None:
                forms.append(corrected[0])
            if any(w in fold_latin(form) for form in forms for w in words):
                return True
        return False

    def _own_of(
        self,
        scan: Scan,
        language: str,
        cues: dict[str, tuple[tuple[str, ...], ...]],
        partners: list[EntityMatch],
        withs: set[str],
    ) -> str | None:
        """The one partner city whose own partnership's signing is asked, in a question naming
        neither the declaration nor a year: the city signed with ("когда подписали с
        бешикташем"), or the one city whose partnership is named beside the signing with
        nothing setting it among others who signed ("When exactly was the Beşiktaş partnership
        signed, and where?"; "Did Konin sign the twinning too?" is not)."""
        named_ids = {m.ids[0] for m in partners}
        if withs:
            return next(iter(withs)) if len(named_ids) == 1 else None
        if (
            len(named_ids) == 1
            and (
                self.reader.speaks_of_partnership(scan)
                or _cue_in(scan.folded, cues.get("deal", ()), _begins)
                or self._signed_with_herne(scan, language, partners)
            )
            and not _cue_in(scan.folded, cues.get("too", ()), _equal)
        ):
            return next(iter(named_ids))
        return None

    def _signed_with_herne(self, scan: Scan, language: str, partners: list[EntityMatch]) -> bool:
        """Whether Herne is named as the one a partner city signed with ("Beşiktaş Herne ile ne
        zaman imzaladı?", "X signed with Herne"): the city's own partnership is signed."""
        return any(
            m.kind == "city"
            and m.ids[0] == HERNE
            and self._signed_with(scan, language, m, partners)
            for m in scan.entities
        )

    def agreement_first(self, u: Understanding, threshold: float) -> Understanding | None:
        """Whether an agreement came first with the one partner city a question names ("Gab
        es mit Luzhou zuerst eine Freundschaftsvereinbarung?", "Luzhou'yla önce bir anlaşma
        mı imzalandı?"): by the bank's `signing` "deal" and "first" cues, not naming the
        declaration: the city's history, which tells its agreements in order, at `threshold`
        at least. None where it is read as the city's history or since when already, or
        names an organisation or more than one partner city."""
        if u.chat or u.organisations or u.intent in (HISTORY, SINCE):
            return None
        if len(set(u.cities) - {HERNE}) != 1:
            return None
        cues = self.reader.signing.get(u.language)
        scan = self.scan_of(u)
        if not cues or not _cue_in(scan.folded, cues.get("first", ()), _begins):
            return None
        if not _cue_in(scan.folded, cues.get("deal", ()), _begins) or self._worded(
            scan, u.language, cues
        ):
            return None
        (city,) = set(u.cities) - {HERNE}
        return replace(u, intent=HISTORY, cities=(city,), confidence=max(u.confidence, threshold))

    def own_signing(self, whole: Understanding) -> str | None:
        """The partner city whose own partnership's signing a question asks about (`_own_of`),
        where a word for signing stands and neither the declaration nor a year is named; else
        None. A part of such a question read as the declaration ("Wann und wo | wurde die
        Partnerschaft mit Beşiktaş unterzeichnet?") asks that partnership too (`two_parts`)."""
        language = whole.language
        cues = self.reader.signing.get(language)
        if not cues:
            return None
        scan = self.scan_of(whole)
        partners = self._partners_in(scan)
        if (
            not partners
            or re.search(r"(?<!\d)\d{4}(?!\d)", scan.text)
            or not _cue_in(scan.folded, cues.get("verbs", ()), _begins)
            or _cue_in(scan.folded, cues.get("not_verbs", ()), _begins)
            or self._worded(scan, language, cues)
        ):
            return None
        withs = {m.ids[0] for m in partners if self._signed_with(scan, language, m, partners)}
        return self._own_of(scan, language, cues, partners, withs)

    def _misread_own(self, whole: Understanding) -> bool:
        """Whether a reading misreads a partnership's own signing ("когда херне подписал с
        белгородом", "Wann hat man die Städtepartnerschaft mit Konin unterschrieben?"): the
        declaration, an FAQ entry on it (who signed it for Konin) or one that holds no
        signatory (the aid convoys), or since when, which the partnership's history tells
        beside where and by whom it was signed. A reading of another signing with the city
        (the extension of 2018, which holds its signatory) or of another fact of it is not."""
        if whole.intent.startswith(DECLARATION) or whole.intent == SINCE:
            return True
        entry = self.reader.knowledge.faq.get(whole.intent.partition(".")[2])
        return (
            whole.intent.startswith(FAQ + ".")
            and entry is not None
            and (SIGNATORY not in entry.holds or _on_declaration(entry))
        )

    def _signed_with(
        self, scan: Scan, language: str, match: EntityMatch, partners: list[EntityMatch]
    ) -> bool:
        """Whether a partner city is named as the one signed with: right after a "with" cue
        that does not follow another partner city ("科宁和贝希克塔什": both sign), or right
        before a "with_after" cue or with a "with_endings" suffix (Turkish)."""
        cues = self.reader.signing.get(language, {})
        folded = scan.folded
        for length in _cues_until(folded, cues.get("with", ()), match.start):
            if not any(m.end == match.start - length for m in partners):
                return True
        if _cues_from(folded, cues.get("with_after", ()), match.end):
            return True
        endings = tuple(c[0] for c in cues.get("with_endings", ()) if len(c) == 1)
        if not endings:
            return False
        city = self.reader.knowledge.cities[match.ids[0]]
        names = {fold_latin(city.name(lang).lower()) for lang in (language, "en")}
        word = folded[match.end - 1]
        written = scan.written[match.end - 1]
        at = scan.text.find(written)
        # "Beşiktaş'la": the suffix after the apostrophe, which the scan's words leave out.
        glued = re.match(r"['’]\w+", scan.text[at + len(written) :]) if at >= 0 else None
        return (glued is not None and glued.group(0)[1:].lower() in endings) or any(
            word == name + ending for name in names for ending in endings
        )

    def asking_sentence(self, whole: Understanding) -> Scan | None:
        """The last sentence of a message whose sentences before it tell (a full stop or an
        exclamation mark before it, not a comma, a colon or a dash, which join a subject to
        its question: "La fête des cerfs-volants avec Hénin-Beaumont, c'est pour quand ?"),
        where it asks (a question mark) with two words or more of its own. None for a message
        of one sentence, or whose last does not ask so."""
        scan = self.scan_of(whole)
        if scan.text.rstrip()[-1:] not in ("?", "？"):
            return None
        ends = [words_before(scan.text, m.start()) for m in _TOLD_END.finditer(scan.text)]
        starts = [end for end in ends if 0 < end < len(scan.written)]
        if not starts:
            return None
        part = scan.part(starts[-1], len(scan.written))
        if len(part.written) - len(part.named()) < 2:
            return None
        return part

    def _framed_sentence(self, whole: Understanding) -> Scan | None:
        """The last sentence of a message of several that asks with no question mark, by the
        frame of an indirect question ("… Ich wüsste gern, wann der Rat das beschlossen
        hat."); None for a message of one sentence or whose last holds no frame."""
        scan = self.scan_of(whole)
        ends = [words_before(scan.text, m.start()) for m in _TOLD_END.finditer(scan.text)]
        starts = [end for end in ends if 0 < end < len(scan.written)]
        if not starts:
            return None
        part = scan.part(starts[-1], len(scan.written))
        return part if self.reader.framed(part, whole.language) else None

    def introduced(self, whole: Understanding, threshold: float) -> Understanding | None:
        """A message whose sentences before the one that asks introduce the asker ("Hola, soy
        profesora de alemán en Managua y preparo una clase. ¿Dónde se firmó la declaración?",
        "Dzień dobry, jestem nauczycielką historii w Krakowie. W jakich językach…?"): the
        asking sentence's own reading where it reads at `threshold` or above as something else
        than the whole, which the asker's trade ("teacher", "class", "university") drew away.
        None where nothing before the question tells of the asker, the asking sentence does
        not read so, or reads as the whole does (which keeps what the story names: "I live in
        Wakefield. Since when are we twinned?")."""
        sentence = self.asking_sentence(whole)
        if sentence is None:
            return None
        scan = self.scan_of(whole)
        start = len(scan.written) - len(sentence.written)
        if not self.reader.tells_of_self(scan, whole.language, 0, start):
            return None
        if len(sentence.written) - len(sentence.named()) < INTRODUCED_WORDS:
            return None  # "Kime başvurmalıyız?" asks what the introduction says
        if self._told_roots(whole, threshold):
            return None  # how the partnership began, asked after a story: `roots_asked`
        read, _ = self._read(sentence, whole.language, whole.language_clear, whole)
        if (
            read.intent.startswith(WHOM_TO_ASK)
            or read.intent == OUT_OF_SCOPE
            or self._story_of_history(whole, read, threshold)
            or read.confidence < threshold
            or read.intent == whole.intent
            or read.confidence <= whole.confidence
        ):
            return None
        return read

    def _story_of_history(
        self, whole: Understanding, read: Understanding, threshold: float
    ) -> bool:
        """Whether a message read surely as how a partnership came about (an entry telling it)
        has an asking sentence read as another such entry: what the story before it names
        ("Mon arrière-grand-père était à Courrières en 1906. Quel rôle ont joué les mineurs de
        Herne ?") says which history is asked, the sentence alone does not."""
        return (
            whole.confidence >= threshold
            and whole.intent not in OWN_FACTS
            and read.intent not in OWN_FACTS
            and self._own_or_history(whole)
            and self._own_or_history(read)
        )

    def story_asked(self, whole: Understanding, threshold: float) -> Understanding | None:
        """A message whose last sentence asks about what the story before it names, pointing
        back to it ("Mój syn mieszkał na wyspie Ometepe. … Kiedy rada Herne zdecydowała o
        partnerstwie z wyspą?", "Мне поручили стенд про Конин. … Когда были первые
        контакты?", "… I'd like to know when the council decided on it."): the asking
        sentence (a question mark, or the frame of an indirect question) read first, with the
        one partner city the story names
        (by name, else by its adjective beside a word for a partner city: "польське
        місто-партнер") carried in before it, as if it named it. Only an asking sentence that
        names nothing but Herne and has INTRODUCED_WORDS words or more of its own is read so.
        Its reading where it is a question at `threshold` or above, and, of a message
        understood as a whole, another kind of answer read more surely than the whole (the
        story's words drew the whole away: "Тема — польське місто-партнер Герне. … Коли були
        перші контакти?" read as Herne's Polish roots), not whom to ask, which the story's
        trade decides. Else None."""
        sentence = self.asking_sentence(whole) or self._framed_sentence(whole)
        if sentence is None or whole.places or any(m.ids != (HERNE,) for m in sentence.entities):
            # "… How many people live in Castleford?", "I live near Luzhou in a village called
            # Hejiang. How many people live in Hejiang?" ask of a place of their own.
            return None
        if len(sentence.written) - len(sentence.named()) < INTRODUCED_WORDS:
            return None  # "Is that so?", "Do kogo pisać?" ask what the story tells
        scan = self.scan_of(whole)
        start = len(scan.written) - len(sentence.written)
        told = [m for m in scan.entities if m.end <= start and m.ids != (HERNE,)]
        by_name = [m for m in told if m.kind in ("city", KNOWN_BY) and len(m.ids) == 1]
        # A country only by its adjective beside a word for a partner city ("польське
        # місто-партнер"): where the asker exports to or comes from ("queremos exportar a
        # Alemania") is no partner city told of.
        named = by_name or [
            m
            for m in told
            if m.kind == "country"
            and len(m.ids) == 1
            and self.reader.by_partner_noun(scan.folded, m.start, m.end, ADJECTIVE_REACH)
        ]
        if len({m.ids for m in named}) != 1:
            return None
        city = named[-1]
        carried = _with_name(scan, city, sentence, "city")
        within = replace(whole, cities=city.ids, places=())
        read, _ = self._read(carried, whole.language, whole.language_clear, within)
        if read.intent in NOT_A_PART or read.confidence < threshold:
            return None
        if whole.intent == OUT_OF_SCOPE:
            return None  # a place no name finds ("… How many live in Hejiang?") is asked
        if (
            whole.intent != OUT_OF_SCOPE
            and whole.confidence >= threshold
            and (
                read.intent == whole.intent
                or read.confidence <= whole.confidence
                or read.intent.startswith(WHOM_TO_ASK)
            )
        ):
            return None
        return read

    def story_beside(self, whole: Understanding, threshold: float) -> Understanding | None:
        """A message understood as a whole about the partner cities of its story and of its
        asking sentence ("Mein Bruder wohnt in Konin. Er ist dort Lehrer. Seit wann ist
        Wakefield Partnerstadt?"): the story's cities are where the asker's people live or what
        they tell of, not what is asked. The asking sentence read alone, where it reads as the
        whole does at `threshold` or above, of its own partner cities only; None where it
        names none, the story names no other, or the message compares ("Konin hat 70.000
        Einwohner. Ist Wakefield größer?")."""
        if whole.intent == OUT_OF_SCOPE or whole.confidence < threshold:
            return None
        sentence = self.asking_sentence(whole)
        if sentence is None:
            return None
        own = {c for m in sentence.entities if m.kind in ("city", KNOWN_BY) for c in m.ids}
        own.discard(HERNE)
        if not own or set(whole.cities) <= own | {HERNE}:
            return None
        if self.reader.compared(whole.text, whole.language):
            return None
        read, _ = self._read(sentence, whole.language, whole.language_clear)
        if (
            read.intent != whole.intent
            or read.confidence < threshold
            or not set(read.cities) - {HERNE} <= own
        ):
            return None
        return read

    def clause_city(self, whole: Understanding, threshold: float) -> Understanding | None:
        """A message whose story names the asker's own city (or a relative's) before a clause
        that names another and asks a fact of it ("Ich spiele in Konin Posaune, wir fahren nach
        Herne: wo liegt Herne?", "Soy de Ometepe; ¿cuál es la web de Konin?"): the clause that
        asks decides which city is asked about, Herne included. The story must tell of the
        asker (the bank's `asker` words) and ask nothing itself, and list no cities; the
        asking clauses, from the first that follows the story's last other city, must name no
        other city, and the message must neither compare, nor link, nor ask a distance or a
        journey (where the story's city is one end), nor how a partnership began
        (`roots_asked`). Their reading where it is a fact of that
        city (CLAUSE_FACTS; of Herne, HERNE_CLAUSE_FACTS) at `threshold` or above, else the
        whole's, of that city alone. None where the whole already reads so."""
        scan = self.scan_of(whole)
        named = [m for m in scan.entities if m.kind == "city" and len(m.ids) == 1]
        if len(named) < 2:
            return None
        city = named[-1].ids[0]
        partners = [m.ids[0] for m in named if m.ids[0] != HERNE]
        # Herne named last beside two partner cities or more is the partnership's frame ("…
        # since when is Beşiktaş Herne's twin?"): the last partner city is asked about.
        frame = city == HERNE and len(set(partners)) > 1
        if frame:
            city = partners[-1]
        kept = {city, HERNE} if frame else {city}
        others = [m for m in named if m.ids[0] not in kept]
        if not others:
            return None
        told_end = max(m.end for m in others)
        language = whole.language
        # The asking clauses begin after a mark, not a joining word ("… avec Wakefield et avec
        # Konin ?" asks of both).
        joined_runs = self._joins(scan, language)
        clauses = self._clauses(scan, language)
        joins = {b for b, _ in joined_runs}
        start = next((s for _, s, _ in clauses if s >= told_end and s not in joins), None)
        if start is None or start >= len(scan.written):
            return None
        for m in scan.entities:
            if m.start < start:
                continue
            if m.kind in ("city", KNOWN_BY) and m.ids[0] not in kept:
                return None
            if self._other_land(m, city):
                return None
        story = scan.part(0, start)
        text = scan.text
        if any(words_before(text, m.start()) <= start for m in _QUESTION_MARKS.finditer(text)):
            return None
        if not self.reader.tells_of_self(scan, language, 0, start):
            return None
        # Cities listed ("Luzhou und Ometepe", "Belgorod, Konin and Beşiktaş", "between Herne
        # and Luzhou"): one question of them all, never of the last one alone.
        joined = {p for b, e in joined_runs for p in range(b, e)}
        if any(
            one.ids != other.ids and all(p in joined for p in range(one.end, other.start))
            for one, other in itertools.pairwise(named)
        ):
            return None
        if self.reader.framed(story, language):
            return None
        if (
            self.reader.compared(text, language)
            or self.reader.link_asked(text, language)
            or self.reader.roots_asked(text, language)
            or self.reader.journey(text, language)
            or self.reader.twinned_together(scan, language)
        ):
            return None
        if whole.intent == DISTANCE:
            return None
        facts = HERNE_CLAUSE_FACTS if city == HERNE else CLAUSE_FACTS
        # The clause naming the city last read first ("…; ¿en qué región está Herne?"), then
        # all the asking clauses ("Сколько там жителей, в Эйслебене?").
        last = max(m.start for m in named if m.ids[0] == city)
        clause = max(start, *(s for _, s, _ in clauses if s <= last))
        chosen = None
        for begin in dict.fromkeys((clause, start)):
            part = scan.part(begin, len(scan.written))
            own = len(part.written) - len(part.named())
            if not own:
                continue
            read, _ = self._read(part, language, whole.language_clear)
            if read.intent == DISTANCE:
                return None
            if (
                own >= CLAUSE_WORDS
                and read.intent in facts
                and read.confidence >= threshold
                and read.cities == (city,)
            ):
                chosen = read
            elif (where := self._where_only(part, language)) and where[1] <= WHERE_BESIDE:
                confidence = max(read.confidence, threshold)
                chosen = replace(read, intent=WHERE, confidence=confidence, cities=(city,))
            if chosen is not None:
                break
        if chosen is None and whole.intent in facts and whole.confidence >= threshold:
            chosen = replace(whole, cities=(city,))
        if chosen is None:
            return None
        if whole.cities == (city,) and whole.intent == chosen.intent:
            return None
        return chosen

    def where_said(self, whole: Understanding, threshold: float) -> Understanding | None:
        """A message that names one city and asks where it lies in words of its own, past,
        colloquial or misspelt ("abi wakefield nerdeydi ya", "де той конін, дякс", "科宁在哪来着"):
        the bank's `where_cues` (`_where_only`). With nothing else beside, where it lies,
        whatever the classifier read; with one word more, only where the classifier read
        unsurely or a reading that says where the city lies or nothing of it
        (WHERE_OVERRIDDEN). None where it already reads so."""
        found = self._where_only(self.scan_of(whole), whole.language)
        if found is None:
            return None
        city, others = found
        sure = whole.confidence >= threshold
        if others > WHERE_BESIDE or (others and sure and whole.intent not in WHERE_OVERRIDDEN):
            return None
        if sure and whole.intent == WHERE and whole.cities == (city,):
            return None
        return replace(
            whole,
            intent=WHERE,
            confidence=max(whole.confidence, threshold),
            cities=(city,),
            organisations=(),
            places=(),
        )

    def _other_land(self, m: EntityMatch, city: str) -> bool:
        """Whether a name found is a country or region other than the city's own ("Konin,
        Polen" names Konin's; "Konin in Frankreich" another)."""
        if m.kind not in ("country", REGION):
            return False
        known = self.reader.knowledge.cities
        home = known[city].country_code if city in known else None
        return any(i not in known or known[i].country_code != home for i in m.ids)

    def _where_only(self, scan: Scan, language: str) -> tuple[str, int] | None:
        """The one city a scanned message names by name (several times or with its own
        country), where it holds a where cue of the bank's `where_cues`, and how many words it
        holds besides the names, the cues, function words and fillers. None for none or two
        cities, another name, or no where cue."""
        city = None
        for m in scan.entities:
            if m.kind == "city" and len(m.ids) == 1 and city in (None, m.ids[0]):
                city = m.ids[0]
            elif m.kind not in ("country", REGION):
                return None
        if city is None:
            return None
        if any(self._other_land(m, city) for m in scan.entities):
            return None
        cues = self.reader.where_cues.get(language, {})
        folded = scan.folded  # "asks" cues by a word's beginning, "beside" ones whole
        covered = set(scan.named())
        asked = False
        # A cue stands only where its first word does, whole or (a one-word "asks" cue longer
        # than SHORT_CUE_WORD) as a word's beginning: the few cues whose first word the message
        # holds are looked for at every position, not the bank's dozens.
        words = set(folded)
        beginnings = {w[: SHORT_CUE_WORD + 1] for w in folded if len(w) > SHORT_CUE_WORD}
        for which in ("asks", "beside"):
            for cue in cues.get(which, ()):
                if cue[0] not in words and not (
                    which == "asks"
                    and len(cue) == 1
                    and len(cue[0]) > SHORT_CUE_WORD
                    and cue[0][: SHORT_CUE_WORD + 1] in beginnings
                ):
                    continue
                for i in range(len(folded) - len(cue) + 1):
                    if _begins_cue(folded, cue, i, which == "asks"):
                        covered.update(range(i, i + len(cue)))
                        asked = asked or which == "asks"
        if not asked or _cue_in(folded, cues.get("not", ()), _equal):
            return None  # "ça en est où avec Belgorod ?" asks how it stands
        function = stopwords(language)
        fillers = self.reader.fillers.get(language, frozenset())
        others = sum(
            1
            for i, word in enumerate(folded)
            if i not in covered
            and any(c.isalnum() for c in word)
            and word not in fillers
            and lemma(scan.lowered[i], language) not in function
        )
        return city, others

    @staticmethod
    def _sentence_starts(scan: Scan) -> set[int]:
        """The positions of the words that follow a full stop or an exclamation mark."""
        return {words_before(scan.text, m.start()) for m in _SENTENCE_END.finditer(scan.text)}

    def _clauses(self, scan: Scan, language: str) -> list[tuple[bool, int, int]]:
        """(asked, start, end) of each clause of a message, in order: cut at clause marks and
        joining words, never inside a name; `asked`: it ends with a question mark."""
        asked_at: dict[int, bool] = {len(scan.written): False}  # end of a clause -> asked
        for mark in _CLAUSE_END.finditer(scan.text):
            end = words_before(scan.text, mark.start())
            asked_at[end] = asked_at.get(end, False) or any(c in "?？" for c in mark.group())
        # A joining word ends a clause too ("... between Herne and Belgorod in May 2015?").
        for join_start, _ in self._joins(scan, language):
            asked_at.setdefault(join_start, False)
        clauses: list[tuple[bool, int, int]] = []
        start = 0
        for end in sorted(asked_at):
            if start < end and not any(m.start < end < m.end for m in scan.entities):
                if (
                    asked_at[end]
                    and clauses
                    and not clauses[-1][0]
                    and end - start <= TAG_WORDS
                    and not any(start <= m.start < end for m in scan.entities)
                ):
                    # "Das ist in Belgien, stimmt's?", "Это же в Шотландии, да?": a word or two
                    # naming nothing after a comma ask whether the clause before is right;
                    # they are no question of their own.
                    clauses[-1] = (True, clauses[-1][1], end)
                else:
                    clauses.append((asked_at[end], start, end))
                start = end
        return clauses

    def guessed_where(self, whole: Understanding, threshold: float) -> Understanding | None:
        """A message not understood as a whole whose story names one partner city and whose
        last question names none by name, but reads, with that city, as where it lies ("Wir
        fahren im Mai mit dem Chor nach Konin. Das ist in Polen, oder?"): where the city lies,
        which confirms or corrects the guess. None where the message names another partner
        city, by name or by its country ("… Das ist in Russland, oder?" may ask about either)."""
        scan = self.scan_of(whole)
        clauses = self._clauses(scan, whole.language)
        asking = [c for c in clauses if c[0]]
        if len(clauses) < 2 or not asking:
            return None
        _, start, end = asking[-1]
        told = {
            c
            for m in scan.entities
            if m.kind in ("city", KNOWN_BY) and m.end <= start
            for c in m.ids
            if c != HERNE
        }
        if len(told) != 1 or set(whole.cities) - {HERNE} != told:
            return None
        if any(m.kind in ("city", KNOWN_BY) and start <= m.start < end for m in scan.entities):
            return None
        part = scan.part(start, end)
        read, _ = self._read(part, whole.language, whole.language_clear, whole, guessing=True)
        asks_where = read.intent == "city.where" and read.confidence >= threshold
        return read if asks_where and set(read.cities) == told else None

    def beside_plans(self, whole: Understanding, threshold: float) -> Understanding:
        """A message read as asking about events because what it tells besides its question is
        a trip or a plan ("Wie viele Einwohner hat Konin? Unser Verein fährt nächsten Sommer
        hin.", "gonna visit Ometepe next spring, when did that twinning start"): the clause that
        asks, where read alone it asks for another kind of answer, at `threshold` or above, and
        the rest alone still reads as events (so the events came from the rest). The asking
        clauses are those ending with a question mark, else any; "wir fahren nach Konin, was
        ist da los?" asks about events in its question too and stays as it was read."""
        if not whole.intent.startswith("events."):
            return whole
        scan = self.scan_of(whole)
        clauses = self._clauses(scan, whole.language)
        if not 2 <= len(clauses) <= MAX_FOCUS:
            return whole
        if self.describes_event(whole):
            # What is told describes the event asked about ("young athletes from … are
            # coming, what is it, when?"): no plan of the asker's.
            return whole
        asking = [c for c in clauses if c[0]] or clauses
        if len(asking) == len(clauses) and any(c[0] for c in clauses):
            return whole  # every clause asks: two questions, not a question and its context
        readings: dict[tuple[int, int], Understanding] = {}

        def read(start: int, end: int) -> Understanding:
            if (start, end) not in readings:
                part = scan.part(start, end)
                readings[start, end] = self._read(
                    part, whole.language, whole.language_clear, whole
                )[0]
            return readings[start, end]

        best: Understanding | None = None
        for _, start, end in asking:
            part = scan.part(start, end)
            if len(part.named()) == len(part.written):
                continue
            question = read(start, end)
            if (
                question.intent.startswith("events.")
                or question.intent in NOT_A_PART
                or question.confidence < threshold
            ):
                continue
            told = [
                read(s, e)
                for _, s, e in clauses
                if (s, e) != (start, end) and len(scan.part(s, e).named()) < e - s
            ]
            if not any(t.intent.startswith("events.") for t in told):
                continue
            if best is None or question.confidence > best.confidence:
                best = question
        if best is not None and (
            best.intent.startswith(FAQ + ".") or best.intent in (ORG_INFO, ASSOCIATION_CONTACT)
        ):
            # "Unser Sportverein würde gern eine Reise nach Belgorod planen – hilft die
            # Städtepartnerschaft dabei?": the association answers (an FAQ entry, its card or
            # how to reach it), and the trip told is to a partner city on hold, which its
            # answer says (bot/compose.py).
            cities = self.reader.knowledge.cities
            held = tuple(
                c
                for c in whole.cities
                if c not in best.cities and c in cities and cities[c].status == SUSPENDED
            )
            best = replace(best, cities=best.cities + held)
        return best or whole

    def plans_only(self, whole: Understanding) -> bool:
        """A message read as asking about events only because of the trip or plan it tells,
        its question asking something else that is not understood on its own ("Mit dem Chor
        fahren wir im Juni nach Hénin-Beaumont. War das immer eine Stadt oder sind da zwei
        zusammengelegt worden?"): the sentences ending with a question mark each read alone
        as neither events nor small talk, and a sentence that tells (ending with a full stop or
        an exclamation mark) reads as events. Such a message is not understood
        (`beside_plans` answers the question where it is), and the city's events are no answer
        to it. "We're off to Konin in May. What's on there?" asks about events in its question
        and stays as read; so does one sentence whose comma cuts off what the events are for
        ("Kommt bald eine Gruppe aus Wakefield, bei der man mitspielen kann?")."""
        if not whole.intent.startswith("events."):
            return False
        scan = self.scan_of(whole)
        text = scan.text
        asked_ends = {words_before(text, m.start()) for m in _QUESTION_MARKS.finditer(text)}
        ends = {words_before(text, m.start()) for m in _TOLD_END.finditer(text)} | asked_ends
        sentences: list[tuple[bool, int, int]] = []
        start = 0
        for end in sorted(ends | {len(scan.written)}):
            if start < end and not any(m.start < end < m.end for m in scan.entities):
                if len(sentences) == MAX_FOCUS:
                    return False  # a long message is not read sentence by sentence
                sentences.append((end in asked_ends, start, end))
                start = end
        asking = [s for s in sentences if s[0]]
        if not asking or len(asking) == len(sentences):
            return False

        def read(start: int, end: int) -> Understanding | None:
            part = scan.part(start, end)
            if len(part.named()) == len(part.written):
                return None  # names only: no sentence of its own
            return self._read(part, whole.language, whole.language_clear, whole)[0]

        for _, start, end in asking:
            question = read(start, end)
            if (
                question is None
                or question.intent.startswith("events.")
                or question.intent in NAMELESS
            ):
                return False
        return any(
            (told := read(start, end)) is not None and told.intent.startswith("events.")
            for asked, start, end in sentences
            if not asked
        )

    def told(self, whole: Understanding) -> frozenset[int]:
        """The positions of the words a message tells beside its question: those of its
        clauses that do not end with a question mark, where one does ("Je suis potier,
        depuis quand …?": "Je suis potier"). None for a message that asks nothing with a
        question mark, or of more than MAX_FOCUS clauses (not read clause by clause)."""
        scan = self.scan_of(whole)
        marks = _CLAUSE_END.finditer(scan.text)
        if next(itertools.islice(marks, MAX_FOCUS, None), None) is not None:
            return frozenset()  # more marks than clauses read: not cut at all
        clauses = self._clauses(scan, whole.language)
        if len(clauses) > MAX_FOCUS or not any(asked for asked, _, _ in clauses):
            return frozenset()
        return frozenset(i for asked, start, end in clauses if not asked for i in range(start, end))

    def claimed(
        self,
        whole: Understanding,
        threshold: float,
    ) -> Understanding | None:
        """A claim asked to be confirmed, ending with a tag ("Konin ist doch seit 1989
        Partnerstadt, oder?", "So the Luzhou partnership was signed in Beijing in 2018,
        right?"): the years it names and the places beside a partner city it names are what
        it claims, right or wrong, not the period or the place it asks about. The message read
        without them and its tag, where that reads as something the bot answers at
        `threshold` or above: the answer then holds the fact that confirms or corrects the
        claim. So are the people it names beside a year or a place (bot/persons.py: "… hat
        doch Frank Dudda 1992 unterschrieben, stimmt das so?" claims who signed). Else
        None (no tag, no year or such place, or nothing read without them)."""
        scan = self.scan_of(whole)
        tag = self.reader.claim_tag(scan, whole.language)
        # Without a tag, a particle inside makes a claim of the year a partnership began
        # ("Энен-Бомон ведь партнёр Херне с 1960 года?"): only that, as "doch" or "же" stand
        # in questions of every kind.
        particles = set() if tag is not None else self.reader.particles_in(scan, whole.language)
        if tag is None and not particles:
            return None
        end = len(scan.folded) if tag is None else tag.start
        # The claim is the sentence the tag ends: a question before it is asked ("What's the
        # population of Leeds? It's right next to Wakefield, isn't it").
        start = max(
            (
                at
                for m in _CLAIM_START.finditer(scan.text)
                # (the mark that ends a claim without a tag ends no sentence before it)
                if (at := words_before(scan.text, m.end())) < end or (tag and at == end)
            ),
            default=0,
        )
        # A year to come is still the period a plan asks about ("… 2027, oder?").
        this_year = datetime.now(UTC).year
        claimed = {
            i
            for i in range(start, end)
            if _STORY_YEAR.fullmatch(scan.folded[i]) and int(scan.folded[i]) <= this_year
        }
        within = [m for m in scan.entities if start <= m.start and m.end <= end]
        if tag is not None and any(m.kind == "city" and m.ids != (HERNE,) for m in within):
            claimed.update(i for m in within if m.kind == "place" for i in range(m.start, m.end))
        # A negated claim ("Konin didn't sign the 2018 declaration, did it?", "2018年的宣言跟
        # 科宁没有关系吧？") asks the same as the claim: whether the fact holds. Its negation
        # is what it claims, as a year is: read without it, the question is the fact's. Only
        # where the claim is the whole message: after a question it asks nothing ("自贡有多少
        # 人口？离泸州不远吧": the question is Zigong's population, not Luzhou's).
        negated = (
            self.reader.negations_in(scan, whole.language, start, end)
            if start == 0 and tag is not None
            else set()
        )
        if not claimed and not negated:
            return None
        years = tuple(
            dict.fromkeys(
                int(scan.folded[i])
                for i in sorted(claimed)
                if _STORY_YEAR.fullmatch(scan.folded[i])
            )
        )
        claimed.update(persons_at(scan.text, scan.folded))
        read = self.without(whole, claimed.union(tag or particles, negated))
        if read is None or read.intent == OUT_OF_SCOPE or read.confidence < threshold:
            return None
        if particles and not (read.intent in CLAIMED_BEGINNINGS and len(years) == len(claimed)):
            return None
        # Only a claim of years alone is judged by its years: one of who or where ("signé en
        # 1990 par Frank Dudda") may be wrong in what a year does not tell.
        return replace(read, claimed=years if len(years) == len(claimed) and not negated else ())

    def relayed_fact(
        self,
        whole: Understanding,
        read: Understanding,
        closest: list[tuple[str, float]],
        threshold: float,
    ) -> Understanding | None:
        """A claim relayed to be checked ("Is it true that …?", "…, stimmt das?", "听说…，对吗？")
        read as the fact that confirms or corrects it, where the reading of the whole does not
        answer it: None otherwise, and for a message that is no such claim.
        - Of the one partner city it names, the bank's `claim_facts` cues tell which fact:
          where it lies ("only a district of Istanbul", "keine eigene Stadt") or its founding
          ("more than four centuries old", "aus zwei Orten zusammengelegt"), where the whole
          was not understood or was read as another fact of the city.
        - A fact of a city the base holds nothing of ("the mayor changed this year") is out of
          scope, however the rest of the claim reads as a fact of that city.
        - A claim about how two partner cities are linked (Konin's first contacts through
          the French town) is answered by an entry on both, where the one read concerns one
          of them only and an entry among the closest concerns both.
        `read` is the message's reading so far (the claim read without what it claims)."""
        scan = self.scan_of(whole)
        language = whole.language
        relayed = self.reader.relayed(scan, language)
        if not relayed and not self.reader.particles_in(scan, language):
            return None
        text = whole.text
        judged = self._judged_by_all(scan, text, language, read, threshold)
        if judged is not None or not relayed:
            return judged
        whole = read
        named = [c for c in whole.cities if c != HERNE]
        city_read = whole.intent.startswith("city.")
        understood = whole.intent != OUT_OF_SCOPE and whole.confidence >= threshold
        if (
            city_read
            and whole.intent not in CLAIMED_BEGINNINGS | {"city.status"}
            and "unheld" in self.reader.facts_named(text, language)
        ):
            return replace(whole, intent=OUT_OF_SCOPE)
        cued = self.reader.cued("claim_facts", text, language)
        by_name = {c for m in scan.entities if m.kind == "city" for c in m.ids} - {HERNE}
        # "… Beşiktaş isn't a real city but only a part of Istanbul. True?" read as a check of
        # Istanbul: the place is what the claim says of the city, not a partner city asked.
        checked = whole.intent == "partners.check" and bool(whole.places) and not named
        if (
            cued
            and len(by_name) == 1
            and (by_name == set(named) or checked)
            and (city_read or checked or not understood)
        ):
            intent = "city.founded" if "founded" in cued else "city.where"
            if intent != whole.intent or not understood:
                return replace(
                    whole,
                    intent=intent,
                    confidence=max(whole.confidence, threshold),
                    cities=tuple(by_name),
                    places=(),
                )
            return None
        faq = self.reader.knowledge.faq
        entry = faq.get(whole.intent.removeprefix(FAQ + ".")) if understood else None
        if entry is None or len(named) < 2 or set(named) <= set(entry.cities):
            return None
        both = next((i for i, _ in closest if i in faq and set(named) <= set(faq[i].cities)), None)
        return None if both is None else replace(whole, intent=f"{FAQ}.{both}")

    def _judged_by_all(
        self, scan: Scan, text: str, language: str, read: Understanding, threshold: float
    ) -> Understanding | None:
        """A claim the base judges by all its partner cities, with its verdict (`judged`):
        - the oldest or the newest partnership said of the one partner city it names
          ("Wakefield ist doch die älteste Partnerstadt?", "最新的友好城市是贝希克塔什吧？"), by
          the bank's `ranks` cues of the beginning alone: the FAQ's oldest and newest;
        - how many partner cities Herne has ("Herne has twelve twin towns, doesn't it?"), one
          number under a hundred in a message read as the list: the list.
        None for any other claim, and for a superlative of something the base does not rank
        ("the oldest church in Wakefield")."""
        if self.reader.why_asked(text, language):
            return None  # "Why are they twinned in the first place? A mine, wasn't it"
        cities = self.reader.knowledge.cities
        partners = [c for c in cities.values() if c.partner and c.partner_since]
        found = self.reader.ranked(text, language)
        ways = [w for w in RANK_WAYS if w in found]
        by_name = {c for m in scan.entities if m.kind == "city" for c in m.ids} - {HERNE}
        if ways:
            city = cities.get(next(iter(by_name))) if len(by_name) == 1 else None
            if (
                len(ways) != 1
                or ways[0] not in SINCE_WAYS
                or city is None
                or city not in partners
                or OLDEST_NEWEST.partition(".")[2] not in self.reader.knowledge.faq
                or found.keys() & {"size", "distance", *RANK_COUNTS}
                or self.reader.ranked_things(scan, language)
            ):
                return None
            began = {c.id: int((c.partner_since or "")[:4]) for c in partners}
            end = (min if ways[0] == "oldest" else max)(began.values())
            first = [c for c, year in began.items() if year == end]
            return replace(
                read,
                intent=OLDEST_NEWEST,
                confidence=max(read.confidence, threshold),
                cities=(),
                places=(),
                claimed=(),
                judged="yes" if first == [city.id] else "no",
            )
        if read.intent != "partners.list" or read.besides:
            return None
        if by_name or any(m.kind in ("place", "country", REGION) for m in scan.entities):
            return None
        said = {int(n) for _, n in self.reader.figures(fold_latin(text), language) if n < 100}
        if len(said) != 1:
            return None
        return replace(read, judged="yes" if said == {len(partners)} else "no")

    def placed(self, whole: Understanding, read: Understanding) -> Understanding | None:
        """A question of where the one partner city it names lies that says a place for it
        ("Luzhou liegt in Japan, oder?", "Is Konin in Poland?", "科宁在捷克，对吧？"), read with
        whether the city lies there: "yes" for its country, its region or a place its texts
        name, "no" for any other place or country, or a name nobody taught that its texts do
        not hold. The place follows the city's name closely (at most PLACED_GAP words, no mark
        of a clause between) with a locative of its own ("in", "в", "w", "'da", "在"); no
        negation stands between them ("Konin is not in Russia, right?") and no word asking
        where ("Wo liegt Konin in Polen?" asks where). None otherwise. `read` is the
        message's reading so far."""
        if read.intent != "city.where":
            return None
        named = [c for c in read.cities if c != HERNE]
        scan = self.scan_of(whole)
        own = [m for m in scan.entities if m.kind == "city" and named and named[0] in m.ids]
        if len(named) != 1 or len(own) != 1:
            return None
        language = whole.language
        after = own[0].end
        asks = self.reader.where_cues.get(language, {}).get("asks", ())
        if any(_begins_cue(scan.folded, cue, i, True) for cue in asks for i in range(after)):
            return None
        guesses: list[EntityMatch] = [
            m for m in scan.entities if m.start >= after and m.kind in ("place", "country", REGION)
        ]
        spelt = self._spelt(scan, language)
        guesses += [
            EntityMatch("place", (), start, end)
            for start, end in self._unknown_places(scan, spelt, language)
            if start >= after
        ]
        if len(guesses) != 1 or guesses[0].start - after > PLACED_GAP:
            return None
        guess = guesses[0]
        marks = {words_before(scan.text, m.start()) for m in _CLAUSE_MARK.finditer(scan.text)}
        if any(after <= at < guess.start for at in marks):
            return None
        if not self.reader.located(scan, guess, language, by_noun=False):
            return None
        if self.reader.negations_in(scan, language, own[0].start, guess.start):
            return None
        city = named[0]
        if guess.kind in ("country", REGION):
            there = city in guess.ids
        elif guess.ids:
            there = self._told_of((city,), [guess.ids[0]])
        else:
            written = as_written(scan.written[guess.start : guess.end])
            known = self.reader.knowledge.cities.get(city)
            texts = known.texts.get(language, {}) if known else {}
            told = " ".join(texts.get(k) or "" for k in ("country", "region", "profile"))
            if written.casefold()[:MIN_LENGTH] in told.casefold() or self._told_of(
                (city,), [written]
            ):
                return None  # perhaps its own country's or region's name in another form
            there = False
        return replace(read, placed="yes" if there else "no")

    def epithet_beside(self, whole: Understanding, threshold: float) -> Understanding | None:
        """A partner city named beside what it is known by ("la ville natale de Luther,
        Eisleben", "Luther's birthplace Eisleben", "路德的故乡艾斯莱本"): the message read
        without the name it is known by, where that reads as a fact of the city (EPITHET_FACTS)
        at `threshold` or above, and the whole was not understood, or was read as another
        answer though it names that fact by a word of its own (`Reader.facts_named`: "有多少人").
        Beside the city's own name that name is a word (`_known_by_resolved`): it drew the
        question to the entry telling of it, or was read as a place nobody taught ("la ville de
        Luther"). None otherwise ("What has Eisleben to do with Luther?" asks the entry)."""
        scan = self.scan_of(whole)
        cities = [m for m in scan.entities if m.kind == "city"]
        named = {c for m in cities for c in m.ids}
        if self.reader.known_by_cities.isdisjoint(named):
            return None
        known = [
            m
            for m in self.reader.matcher.find(scan.folded)
            if m.kind == KNOWN_BY and set(m.ids) <= named
        ]
        if not known:
            return None
        understood = whole.intent != OUT_OF_SCOPE and whole.confidence >= threshold
        facts = {
            FACT_READINGS[kind]
            for kind in self.reader.facts_named(whole.text, whole.language)
            if kind in FACT_READINGS
        }
        if understood and whole.intent in facts:
            return None
        # The name alone, then with the words between it and the city's own name, which
        # describe the city by it ("Luthers Geburtsstadt Eisleben", "路德的出生地艾斯莱本",
        # "Eisleben, rodzinne miasto Lutra").
        epithets = {i for m in known for i in range(m.start, m.end)}
        cuts = [epithets]
        taken = scan.named()
        for k in known:
            for c in cities:
                if set(k.ids) <= set(c.ids):
                    between = range(k.end, c.start) if k.end <= c.start else range(c.end, k.start)
                    if 0 < len(between) <= EPITHET_REACH and taken.isdisjoint(between):
                        cuts.append(epithets | set(between))
        for cut in cuts:
            rest = self.without(whole, cut)
            if (
                rest is not None
                and rest.intent in EPITHET_FACTS
                and rest.confidence >= threshold
                and named & set(rest.cities)
                and (not understood or rest.intent in facts)
            ):
                return rest
        return None

    def name_sounded(self, whole: Understanding, threshold: float) -> Understanding | None:
        """A partner city's name misspelt further than the matcher forgives, as it sounds
        (`EntityMatcher.sounded`: "скока народу в ветфилде", "科林是哪个国家的城市"), in a
        message not understood that names no place but Herne: the message read with that
        word as the city, where it then asks a fact of the city (EPITHET_FACTS) at
        `threshold` or above. One such word only, never a word the speller knows or a name
        the base holds (a place nobody taught stays one: the fact frame alone makes the guess,
        and only as a city's fact)."""
        if whole.intent != OUT_OF_SCOPE and whole.confidence >= threshold:
            return None
        if whole.chat or whole.places or whole.organisations or set(whole.cities) - {HERNE}:
            return None
        scan = self.scan_of(whole)
        if any(m.ids != (HERNE,) for m in scan.entities):
            return None
        named = scan.named()
        # A Chinese character is a word of its own, which the speller knows: the name's
        # characters are compared with the names' (`EntityMatcher.sounded`).
        free = [
            i
            for i, word in enumerate(scan.lowered)
            if i not in named
            and ("\u4e00" <= word <= "\u9fff" or not self.speller.knows(word, whole.language))
        ]
        found = [m for m in self.reader.matcher.sounded(scan.folded, free) if m.ids != (HERNE,)]
        if len(found) != 1:
            return None
        entities = sorted([*scan.entities, found[0]], key=lambda m: m.start)
        read = self._read(
            replace(scan, entities=entities), whole.language, whole.language_clear, whole
        )[0]
        if (
            read.intent in EPITHET_FACTS
            and read.confidence >= threshold
            and found[0].ids[0] in read.cities
        ):
            return read
        return None

    def without(self, whole: Understanding, positions: Collection[int]) -> Understanding | None:
        """The message read without the words at `positions` (an upcoming event's title words
        it holds, `QuestionAnswerer._answer`); None when nothing of its own would be left. One
        reading more, of a message no longer than the one just read."""
        scan = self.scan_of(whole)
        rest = _scan_without(scan, positions)
        if rest is scan:
            return whole
        if len(rest.named()) == len(rest.written):
            return None
        return self._read(rest, whole.language, whole.language_clear, whole)[0]

    def _cuts_of(self, whole: Understanding) -> list[tuple[Scan, Scan]]:
        """The cuts of a message just understood (`_cuts`), made once: `two_parts` and
        `known_part` read the same parts of one message, which `_part_read` reads once."""
        scan = self.scan_of(whole)
        last_scan, last_whole, cuts, _ = self._parts
        if scan is last_scan and whole is last_whole:
            return cuts
        cuts = self._cuts(scan, whole.language)
        self._parts = (scan, whole, cuts, {})
        return cuts

    def _part_read(self, part: Scan, whole: Understanding) -> Understanding:
        """A part of one of `_cuts_of(whole)`'s cuts, read within the message: the last
        message's parts only, each read once."""
        reads = self._parts[3]
        read = reads.get(id(part))  # the parts live as long as `_parts` holds them
        if read is None:
            read, _ = self._read(part, whole.language, whole.language_clear, whole)
            reads[id(part)] = read
        return read

    def _cuts(self, scan: Scan, language: str) -> list[tuple[Scan, Scan]]:
        """Where a message may join two questions, the likeliest first, at most MAX_CUTS:
        (the words before, the words after), never inside a name."""
        at: list[tuple[int, int]] = []  # (end of the first part, start of the second)
        # Who ends one question with a question mark ends the next one with one too: what
        # follows a question mark without one is said, not asked ("Which are Herne's partner
        # cities? I have only been to Konin").
        asks_last = scan.text.rstrip()[-1:] in ("?", "？")
        for mark in _PARTS_END.finditer(scan.text):
            if not asks_last and any(c in "?？" for c in mark.group()):
                continue
            if not mark.group().strip("!！"):
                continue  # an exclamation is no question ("Merci et bonne santé ! Où ...")
            if mark.group() == "，" and not _ZH_ASKING.search(
                scan.text[: mark.start()].rsplit("。", 1)[-1]
            ):
                continue  # told before the comma, not asked ("我去年去过泸州，… 能推荐…吗？")
            if _LETTER.search(scan.text, mark.end()):
                end = words_before(scan.text, mark.start())
                at.append((end, end))
        # A joining word between two names joins them, not two questions: "What did Herne |
        # and Luzhou sign first?", "Seit wann sind Konin | und Beşiktaş Partnerstädte?" are one
        # question about both.
        at += [
            (end, start)
            for end, start in self._joins(scan, language)
            if not (
                any(m.end == end for m in scan.entities)
                and any(m.start == start for m in scan.entities)
            )
            and not self._joins_names(scan, language, end, start)
        ]
        cuts = []
        for end, start in at:
            if (
                0 < end
                and start < len(scan.written)
                and not any(m.start < end < m.end or m.start < start < m.end for m in scan.entities)
            ):
                cuts.append((scan.part(0, end), scan.part(start, len(scan.written))))
            if len(cuts) == MAX_CUTS:
                break
        return cuts

    def _clock_of_place(
        self,
        scan: Scan,
        normalised: Normalised,
        vector: tuple[np.ndarray, np.ndarray],
        intent: str,
        confidence: float,
        cities: tuple[str, ...],
        places: tuple[str, ...],
    ) -> tuple[str, float, tuple[str, ...], tuple[str, ...]]:
        """A clock asked of a place a partner city lies in ("What time is it in Istanbul?",
        "the time difference between Herne and Istanbul") is the city's: the city keeps the
        place's time zone. Read with the place as a city; only the clock is taken, as the
        place's other facts (its population, its mayor) are not the city's."""
        held = {
            as_written(scan.written[m.start : m.end]): self.reader.clocks[m.ids[0]]
            for m in scan.entities
            if m.kind == "place" and m.ids and m.ids[0] in self.reader.clocks
        }
        if not held:
            return intent, confidence, cities, places
        if intent != TIME:
            # Read again only where the clock is likely already: one more vector is the cost.
            if dict(self.intents.ranked(vector)).get(TIME, 0.0) < CLOCK_OF_PLACE_MIN:
                return intent, confidence, cities, places
            as_city = normalised.document.replace(PLACEHOLDERS["place"], PLACEHOLDERS["city"])
            asked, likely = self.intents.ranked(self.intents.vector(as_city))[0]
            if asked != TIME:
                return intent, confidence, cities, places
            intent, confidence = TIME, likely
        kept = tuple(p for p in places if p not in held)
        # "Is Konin a partner of Herne?" asks about Konin (`_slots`): so about the held city.
        named = tuple(c for c in dict.fromkeys((*cities, *held.values())) if c != HERNE)
        return intent, confidence, named, kept

    def _read(
        self,
        scan: Scan,
        language: str,
        clear: bool,
        within: Understanding | None = None,
        guessing: bool = False,
    ) -> tuple[Understanding, list[tuple[str, float]]]:
        """The understanding of a scanned question in `language`; `within`: of the message
        this is a part of, whose cities and organisations a part naming none is about;
        `guessing`: the part is a guess of where the city of the story before it lies
        (`guessed_where`), not one of two questions ("Konin and in Kraków?")."""
        spelt = self._spelt(scan, language)
        normalised = self.reader.normalise(spelt, language, unfilled=True)
        cities, organisations, places = self._slots(scan)
        vector = self.intents.vector(normalised.document)
        if (
            within is not None
            and within.cities
            and not (cities or organisations or places)
            and self._of_its_city(vector, normalised.document)
        ):
            # "... Where is it?" asks a city's fact of the other part's city: read as if it
            # named one (a greeting before a question stays a greeting).
            surface, _, lemmas = normalised.document.partition("\t")
            city = PLACEHOLDERS["city"]
            normalised = replace(normalised, document=f"{surface} {city}\t{lemmas} {city}")
            vector = self.intents.vector(normalised.document)
        # Cities named by name: a country or a language ("Almanca", "German") stands for
        # the partner cities there only as a slot, not as what an FAQ fact must be about.
        by_name = tuple(c for m in scan.entities if m.kind in ("city", KNOWN_BY) for c in m.ids)
        # Herne alone is the frame of a part ("... since when is it Herne's partner?").
        if within is not None and set(cities) <= {HERNE} and not (organisations or places):
            cities, organisations, places = within.cities, within.organisations, within.places
            by_name = cities
        years = frozenset(w for w in scan.folded if len(w) == 4 and w.isdigit())
        if "'" in scan.text or "’" in scan.text or "-" in scan.text:
            years |= short_years(scan.text, datetime.now(UTC).year)
        # Only partner cities named by name are compared: "Is Poland bigger than Turkey?"
        # compares no partner cities.
        compares = (
            self.reader.compared(scan.text, language) if len(set(by_name) - {HERNE}) > 1 else ""
        )
        # Since when the partnership with a partner city named by a vague word has lasted.
        lasting = bool(set(by_name) - {HERNE}) and self.reader.lasting(scan.text, language)
        bare = within is None and self._bare(scan, normalised, language)
        intent, confidence, closest = self._scored(
            normalised,
            vector,
            cities,
            organisations,
            places,
            by_name,
            years,
            compares,
            lasting,
            bare,
            written=self._bank_written(normalised, language) if bare else frozenset(),
        )
        if places and self.reader.clocks:
            intent, confidence, cities, places = self._clock_of_place(
                scan, normalised, vector, intent, confidence, cities, places
            )
        if (
            cities
            and set(by_name) == {HERNE}
            and HERNE not in cities
            and self._home(cities)
            and not self.reader.speaks_of_partnership(scan)
        ):
            # "Which German state is Herne in?": Herne's own country says where Herne is, it
            # does not name the partner city there, unless the question is about partners
            # ("die deutsche Partnerstadt", "Herne's twin town in Germany": Eisleben).
            home = self._scored(normalised, vector, (HERNE,), organisations, places, by_name, years)
            if home[0].startswith("city."):
                (intent, confidence, closest), cities = home, (HERNE,)
        if (
            (intent in PLACE_FACTS or intent == "partners.check")
            and set(by_name) - {HERNE}
            and any(m.kind == "place" for m in scan.entities)
        ):
            # A place beside a partner city where something happened ("When was the deed with
            # Luzhou signed in Berlin?"): read without the place, a question of the partner
            # city's own past (its history, since when) that reads surer so is that; its place
            # is the scene, not what is asked. A place fact asked so stays one ("How far is
            # Berlin from Luzhou?").
            unplaced = _without_slot(normalised, PLACEHOLDERS["place"])
            read_unplaced = self._scored(
                unplaced,
                self.intents.vector(unplaced.document),
                cities,
                organisations,
                (),
                by_name,
                years,
                compares,
                lasting,
            )
            if read_unplaced[0] in SCENE_INTENTS and read_unplaced[1] > confidence:
                (intent, confidence, closest), places = read_unplaced, ()
        if (
            intent == "partners.list"
            and not set(by_name) - {HERNE}
            and HERNE not in cities
            and any(m.kind in ("country", REGION) for m in scan.entities)
            and not self.reader.speaks_of_a_city(scan)
        ):
            # "How many people in Herne have roots in Poland?": a country named in a question
            # that speaks of no town, partner or partnership is no request for its partner city;
            # the question is read as what else it asks, as surely as that is (a country alone,
            # "Polen?", is its partner below). Where that lies stays asked so ("lutzou c'est où
            # en Chine", a name misspelt past the names the base knows).
            intent, confidence, closest = self._scored(
                normalised,
                vector,
                cities,
                organisations,
                places,
                by_name,
                years,
                compares,
                lasting,
                unasked=frozenset({"partners.list"}),
            )
        countries = [m for m in scan.entities if m.kind == "country"]
        # A country (or a region) with one partner city names that city: a fact the list does
        # not give, asked of it, is the city's ("How many people live in Herne's twin town in
        # Britain?"); the bank teaches a country's name in the list's phrasings only.
        of_its_city = False
        # Read as an FAQ entry that is no history of that city ("Почему у Херне город-побратим
        # именно во Франции?" most like Herne's Polish roots, which a country's name teaches),
        # a question may ask how the partnership with the country's city began: its history,
        # as the list's reading may ask any fact the list does not give.
        # So may one read, under ITS_CITY_MIN, as an entry that tells the city's history already
        # ("Fransız bir maden kasabasıyla ...", the Courrières entry at 0.30): read with the city,
        # it reads surer.
        faq_read = self.reader.knowledge.faq.get(intent[4:]) if intent.startswith("faq.") else None
        if (
            (
                intent in ("partners.list", SINCE)
                or (
                    faq_read is not None
                    and (not self._history_of(intent, cities) or confidence < ITS_CITY_MIN)
                )
            )
            and not set(by_name) - {HERNE}
            and len(set(cities)) == 1
            and any(m.kind in ("country", REGION) for m in scan.entities)
        ):
            as_city = replace(
                normalised,
                document=normalised.document.replace(PLACEHOLDERS["country"], PLACEHOLDERS["city"]),
            )
            vector_as_city = self.intents.vector(as_city.document)
            # Asked why or how it came about, the list that names the city is not what is asked.
            why = faq_read is None and self.reader.why_asked(scan.text, language)
            read_as_city = self._scored(
                as_city,
                vector_as_city,
                cities,
                organisations,
                places,
                by_name,
                years,
                unasked=frozenset({"partners.list"}) if why else frozenset(),
            )
            # Its founding or history, whose phrasings ask what a city was called, replaces the
            # list only when surer ("Polonyadaki kardeş şehrin adı neydi?": the list 0.95, the
            # founding 0.52; "黑尔讷的中国友城叫什么？": 0.99, the history 0.68), or its history
            # when the question asks why or how it came about ("Why is there a twin town of
            # Herne in China?": the list 0.95, the history 0.75).
            # Where it lies, too, when surer: "Wo liegt die Partnerstadt in China?" (0.69, the
            # list 0.58), not "Welche Partnerstadt liegt in Polen?" (the list 0.98).
            # Since when, too, when surer: "Depuis quand Herne est-elle jumelée avec les
            # Polonais ?" (0.38 with the people as the country), "Seit wann ist Herne mit den
            # Engländern verschwistert?" (Herne's Polish roots 0.46, Wakefield's since 0.91).
            kept = (
                ASKED_OF_ITS_CITY | {"city.where", SINCE} if faq_read is None else {HISTORY, SINCE}
            )
            history = read_as_city[0] == HISTORY or self._history_of(read_as_city[0], cities)
            if (
                (read_as_city[0] in kept or history)
                and (
                    read_as_city[0] != SINCE
                    or (read_as_city[1] > confidence and self.reader.speaks_of_partnership(scan))
                )
                and read_as_city[1] >= (WHY_HISTORY_MIN if why and history else ITS_CITY_MIN)
                and (
                    faq_read is not None
                    or read_as_city[0] not in NAMED_PAST | {"city.where"}
                    or read_as_city[1] > confidence
                    or (history and why)
                )
            ):
                (intent, confidence, closest), of_its_city = read_as_city, True
        elif (
            (
                intent in ("partners.list", SINCE)
                or (faq_read is not None and not tells_history(faq_read))
            )
            and set(cities) <= {HERNE}
            and not any(m.kind in ("country", REGION) for m in scan.entities)
            and (adjective := self._adjective_city(spelt, language)) is not None
        ):
            # No country named, but its adjective: "why is Herne twinned with a French mining
            # town?" read most like the oldest partnership (or the list, or Herne's Polish
            # roots) asks how the partnership with the country's one city began. Read with the
            # city in the adjective's place, kept only as that city's history, as above; or
            # as its since-when, asked of the country's people ("Since when has Herne been
            # twinned with the Poles?": the oldest partnership 0.79; "дружит с поляками": the
            # since-when of no city).
            at, city = adjective
            told = EntityMatch("city", (city,), at, at + 1)
            as_city = self.reader.normalise(
                replace(spelt, entities=[*spelt.entities, told]),
                language,
                unfilled=True,
            )
            read_as_city = self._scored(
                as_city,
                self.intents.vector(as_city.document),
                (city,),
                organisations,
                places,
                by_name,
                years,
            )
            if (
                read_as_city[0] == HISTORY
                or self._history_of(read_as_city[0], (city,))
                or (read_as_city[0] == SINCE and self.reader.speaks_of_partnership(spelt))
            ) and read_as_city[1] >= ITS_CITY_MIN:
                (intent, confidence, closest), cities = read_as_city, (city,)
                of_its_city = True
        if (
            intent == "partners.list"
            and not set(by_name) - {HERNE}
            and len(set(cities)) == 1
            and countries
            and not any(m.kind == REGION for m in scan.entities)
            and self.reader.asks_a_part(scan)
        ):
            # "In welcher Provinz liegt die chinesische Partnerstadt?": the country's one
            # partner city is asked which part of the country it lies in, which its where
            # says with its name; the list names the country only.
            intent, of_its_city = "city.where", True
        if (
            intent == "partners.list"
            and len(set(cities) - {HERNE}) == 1
            and any(m.kind in ("country", REGION) for m in scan.entities)
        ):
            # "побратим в англии, вейкфилд или как его, сколько там жителей", "а це ваше місто в
            # китаї воно де": the one partner city of the country (or region) named, by its
            # name or not, is asked one fact of its own (a `facts` cue of one kind the base
            # holds, or, the list read unsurely, where it lies read surely with the city in
            # place), which the list of that country does not say.
            fact_cues = self.reader.facts_named(scan.text, language)
            held_facts = [FACT_READINGS[kind] for kind in fact_cues if kind in FACT_READINGS]
            if len(held_facts) == 1 and "unheld" not in fact_cues:
                intent, of_its_city = held_facts[0], True
            elif (
                not fact_cues
                and confidence < ITS_CITY_MIN
                and self._asks_where(normalised.document)
            ):
                # Only where the list is read unsurely: "Welche Partnerstadt liegt in der
                # Türkei?", "英国的友城是哪个" ask which city it is, which the list says.
                intent, of_its_city = "city.where", True
        if intent in PLACE_FACTS and not by_name and len(countries) > 1:
            # "How far is Germany from Turkey?" asks about the countries, not the partner
            # cities in them: the base holds nothing on a country.
            places = tuple(" ".join(scan.written[m.start : m.end]) for m in countries)
            cities = ()
        # A country counts as a region does: "What is the population of Poland?" and "¿Cuántos
        # habitantes tiene Granada, en Nicaragua?" are not Konin's or Ometepe's figures, unless
        # the question is also read as about the partner cities ("Wie viele Einwohner hat die
        # Partnerstadt in Polen?").
        # A country beside a word for a partner city names that city ("die polnische
        # Partnerstadt", "中国友城"): its figure is the city's.
        regions = [m for m in scan.entities if m.kind == REGION]
        own = [
            m
            for m in countries
            if not self.reader.by_partner_noun(scan.folded, m.start, m.end, ADJECTIVE_REACH)
            and not self.reader.described_country(scan, m, language)
        ]
        if intent in REGION_OWN_FACTS and not by_name and not regions and own and not of_its_city:
            partnered = sum(p for i, p in self.intents.ranked(vector) if i in PARTNER_INTENTS)
            if partnered < COUNTRY_PARTNERED:
                regions = own
        if intent in REGION_OWN_FACTS and not by_name and regions and not of_its_city:
            # "How many people live in Sichuan?": the region's own figure, which the partner
            # city's is not.
            places = tuple(" ".join(scan.written[m.start : m.end]) for m in regions)
            cities, intent = (), OUT_OF_SCOPE
        if intent not in PARTNER_INTENTS and set(cities) - {HERNE} and places:
            # "I'm from Spain, where is Konin?": a country without a partner city beside a
            # partner city, in a question that does not ask which cities are partners, is what
            # the asker says of themselves, never what is asked.
            countries_named = {
                as_written(scan.written[m.start : m.end])
                for m in scan.entities
                if m.kind == "place" and m.ids[0] in self.reader.countries_only
            }
            places = tuple(p for p in places if p not in countries_named)
        if intent in PLACE_FACTS and cities and not places:
            # "How many people live in Lens, next to Hénin-Beaumont?": the place nobody taught
            # the bot is what is asked about, the partner city only says where it is; unless
            # the place says where the partner city is ("Luzhou in Sichuan").
            reread = self._as_unknown_place(
                scan, spelt, language, cities, organisations, by_name, years
            )
            if (
                reread is not None
                and reread[0] == OUT_OF_SCOPE
                and reread[1] >= UNKNOWN_PLACE_MIN
                and not self._city_is_head(
                    scan, language, self._unknown_places(scan, spelt, language)
                )
            ):
                intent, confidence, places = reread
        if (
            intent in PLACE_FACTS
            and set(cities) - {HERNE}
            and not places
            and self._namesake(scan, spelt, language, cities, by_locative=intent != "city.where")
        ):
            # "What's the population of Wakefield, Massachusetts?": a name right after the
            # partner city's that its own texts do not name says which of its namesakes is
            # meant, and the base holds nothing on another one.
            intent, cities = OUT_OF_SCOPE, ()
        if intent in BESIDE_FACTS and cities and places and not self._joins_after(scan, language):
            # "How many people live in Kharkiv, near Belgorod?": the place is what is asked
            # about, the partner city only says where it is; "Konin and Kraków" asks of both;
            # "Konin, near Poznań" of Konin, the place only saying where it is.
            spans = [(m.start, m.end) for m in scan.entities if m.kind == "place"]
            # "Is it the same time in Kadıköy as in Beşiktaş?" compares the place's clock with
            # the partner city's: the city's clock is asked too, and the place keeps its honest
            # "nothing in the base" (the base does not say which time zone the place keeps).
            if self._city_is_head(scan, language, spans):
                places = ()
            elif not (intent == TIME and self.reader.same_clock(scan.text, language)):
                intent = OUT_OF_SCOPE
        if intent != OUT_OF_SCOPE and set(by_name) - {HERNE}:
            read_near = self._beside_near(
                scan,
                spelt,
                language,
                (intent, confidence),
                cities,
                organisations,
                places,
                by_name,
                years,
            )
            if read_near is not None:
                intent, confidence, cities, places = (
                    read_near[0],
                    read_near[1] or confidence,
                    read_near[2],
                    read_near[3],
                )
        # Read where it may change the answer: a partner city named, or a distance asked.
        journey = bool(intent == DISTANCE or set(by_name) - {HERNE}) and self.reader.journey(
            scan.text, language
        )
        if (
            journey
            and set(by_name) - {HERNE} - self._named_near(scan, language, by_name)[0]
            and not places
        ):
            # "How long is the drive to Konin?", "开车到科宁要多久": a journey's length is no
            # fact of the base, which holds the distance as the crow flies; that is the answer,
            # saying that it holds no travel times (bot/compose.py). Taught as distance
            # questions, such phrasings blurred the distance with the clock and with flights
            # out of scope (round 25's cross-validation), so the bank's cues read them instead.
            # A partner city named only as where the way starts ("纳溪，距泸州半小时车程") is
            # no end of the journey asked about.
            # From a place ("从上海飞泸州要多久") or by train (a kind the base holds none of,
            # below) it stays out of scope.
            held = confidence if intent == DISTANCE else 0.0
            intent, confidence = DISTANCE, max(held, JOURNEY_MIN)
        if intent == DISTANCE and not set(by_name) - {HERNE} and self._countries_named(scan) > 1:
            # "Wie weit ist Spanien von Frankreich entfernt?": a country stands for its partner
            # city as a slot, but the distance between two countries is no distance from Herne
            # the base holds (Hénin-Beaumont's would answer for France).
            intent, cities, places = OUT_OF_SCOPE, (), ()
        if intent == "city.distance" and set(cities) - {HERNE}:
            # "How far is Konin from Poznań?", "Сколько км от Белгорода до Харькова?": the base
            # measures from Herne only, and the distance from Herne answers no other end than
            # one the partner city's own texts name (Belgorod's profile: Moscow). Only a place
            # the base knows is an end: a name nobody taught may be a noun ("Spendenlauf",
            # "Grenze").
            ends = [
                m.ids[0]
                for m in self._surely_named(scan)
                if as_written(scan.written[m.start : m.end]) in places
            ]
            if not ends and not REGISTRY[language].capitalised_nouns:
                # Where only names are capitalised in the middle of a sentence, one nobody
                # taught is an end all the same ("How far is Wakefield from York?").
                ends = [
                    as_written(scan.written[start:end])
                    for start, end in self._unknown_places(scan, spelt, language)
                    if start > 0
                ]
            if ends and self._placed_near(scan, language, by_name):
                # "¿Ometepe queda cerca de Managua?" read as a distance: whether it lies near a
                # place is where it lies (below, as for a partner check of the place).
                intent, places = "city.where", ()
            elif ends and not self._told_of(cities, ends, language):
                intent, cities = OUT_OF_SCOPE, ()
        if intent.startswith(EVENTS) and not set(cities) - {HERNE} and places:
            # "Any events coming up in Leeds?": the base holds the partner cities' events and
            # Herne's, none of another place; "none planned" would say what it cannot know.
            # A place a partner city lies in stands for it ("a delegation to Istanbul").
            spoken = [m.ids[0] for m in self._surely_named(scan)]
            partners = tuple(c for c, city in self.reader.knowledge.cities.items() if city.partner)
            if spoken and not any(self._told_of((c,), spoken) for c in partners):
                intent = OUT_OF_SCOPE
        if intent not in NAMELESS and (
            self.reader.kinds_named(scan, language) or self.reader.unheld_body(scan, language)
        ):
            # "Is there a chamber of commerce in Konin?": the base holds no organisation of
            # that kind, and the nearest one it knows (Herne's business development) is not
            # what was asked for. Nor does it hold a partner city's own of a kind it holds in
            # Herne ("Does Konin have its own economic development agency?").
            intent = OUT_OF_SCOPE
        if (
            intent in TWINNED_ASKED
            and HERNE not in by_name
            and len(set(by_name)) == 2
            and not compares
            and self.reader.twinned_together(scan, language)
        ):
            # "Is Konin twinned with Wakefield?": the base holds Herne's partnerships, not the
            # partner cities' with each other; either city's own since-when is no answer.
            intent = OUT_OF_SCOPE
        foreign = (
            self._foreign_adjectives(scan, spelt, language)
            if not places
            and not set(cities) - {HERNE}
            and (intent in PARTNER_INTENTS or confidence < UNKNOWN_PLACE_MIN)
            else []
        )
        # Written with a capital, such a word may as well be a town's name ("Is Huddersfield one
        # of ...", "Является ли Казань побратимом"): asked whether it is one, the direct no
        # with the list (below), as for any name nobody taught. So may any word of a question
        # written without capitals ("is oldham one of herne's twin towns as well").
        cased = any(word[:1].isupper() for word in scan.written)
        adjectival = [
            (start, end)
            for start, end in foreign
            if cased and not scan.written[start][:1].isupper()
        ]
        read_adjectival = False
        if adjectival:
            # "Hat Herne eine griechische Partnerstadt?", "португальского побратима": an
            # adjective beside a word for a partner city that is no partner country's names a
            # country where Herne has none. Read as a place, the question asks whether there is
            # one: the list of them all answers it (the adjective is no place to say "no" of).
            reread = self._as_unknown_place(
                scan, spelt, language, cities, organisations, by_name, years, adjectival
            )
            if _asks_partner_check(reread, confidence):
                intent, confidence, cities = "partners.list", reread[1], ()
                read_adjectival = True
        leading = (
            self._leading_stranger(scan, spelt, language)
            if not places and (intent in PARTNER_INTENTS or confidence < UNKNOWN_PLACE_MIN)
            else []
        )
        # "Чи є Ковель містом-партнером Герне?" read as nothing surely, yet speaking of partners:
        # a capitalised name nobody taught may be what it asks about, if the question then reads
        # as that check almost surely (not so "Wer war Hans Meierhoff und was hatte der mit den
        # Partnerstädten zu tun?", 0.75; "is there a society for the twin towns").
        # So is one read as an FAQ entry ("Чи має Херне партнерство з Полтавою?" read as the
        # oldest and newest partnerships): the entry is about Herne's own partner cities.
        unsure = (
            (confidence < UNKNOWN_PLACE_MIN or intent.startswith(FAQ))
            and not set(cities) - {HERNE}
            and self.reader.speaks_of_partnership(scan)
        )
        checked = intent in PARTNER_INTENTS or len(adjectival) < len(foreign) or bool(leading)
        if (checked or unsure) and not places and not read_adjectival:
            # "Is Oberhausen a partner city too?": a name the base does not know is no word of the
            # bank either; read as a place, the question may clearly ask whether it is one. The
            # partner check asked is surer than any case: a question written all in lower case
            # names it without a capital.
            reread = self._as_unknown_place(
                scan,
                spelt,
                language,
                cities,
                organisations,
                by_name,
                years,
                leading or self._unknown_places(scan, spelt, language, any_case=checked),
            )
            if _asks_partner_check(reread, confidence) and (
                checked or reread[1] >= UNKNOWN_PLACE_SURE
            ):
                intent, confidence, places = reread
                # "Granada, the one in Nicaragua": the country says where the place is, it
                # does not ask about the partner city there.
                cities = tuple(c for c in cities if c in by_name)
        if (
            intent in PARTNERSHIP_ASKED
            and not set(cities) - {HERNE}
            and not (set(places) & self._countries_written(scan))
        ):
            # "Seit wann ist Hettstedt Partnerstadt von Herne?": since when a place that is no
            # partner city has been one is asked whether it is one; a name nobody taught is read
            # as a place when the question then reads surer as that check ("Chinesen" does not).
            asked_of = places
            if not asked_of:
                # Chinese names a place by the frame around it ("X跟黑尔讷结好了吗").
                framed = (
                    self._framed_subject(scan, language)
                    if REGISTRY[language].tokens == "characters"
                    else None
                )
                reread = self._as_unknown_place(
                    scan, spelt, language, cities, organisations, by_name, years, framed
                )
                # Since when Herne alone has been a partner is nothing the base can say: the
                # check need not read surer than that, only surely enough ("Od kiedy Herne i
                # Gliwice są miastami partnerskimi?"), and so may the since-when of the place
                # ("黑尔讷和杭州从哪年开始结为友好城市？"), which asks it as well.
                if (
                    reread is not None
                    and reread[0] in PARTNERSHIP_ASKED | {"partners.check"}
                    and reread[1] >= UNKNOWN_PLACE_MIN
                ):
                    asked_of, confidence = reread[2], reread[1]
            if asked_of:
                intent, places = "partners.check", asked_of
                cities = tuple(c for c in cities if c in by_name)
        if intent == "partners.check" and places and not set(by_name) - {HERNE}:
            # "哈尔科夫在哪里？", "Які події є у Харкові?": read as if it named a city, the question
            # asks a city's fact or its events, which the base holds for no other place; the
            # check is what the bank teaches most phrasings naming a place, not what is asked.
            place_as_city = normalised.document.replace(PLACEHOLDERS["place"], PLACEHOLDERS["city"])
            if place_as_city != normalised.document:
                ranked = self.intents.ranked(self.intents.vector(place_as_city))
                asked, likely = ranked[0]
                events = sum(p for i, p in ranked if i.startswith(EVENTS))
                # "Is Paris a partner city, and how far is it?" asks whether it is one too.
                if max(
                    likely if asked in PLACE_FACTS else 0.0, events
                ) >= ITS_CITY_MIN and not self._joins(scan, language):
                    intent, cities = OUT_OF_SCOPE, ()
        if (
            intent in PARTNER_INTENTS
            and places
            and (self._lies_in(scan, by_name) or self._placed_near(scan, language, by_name))
        ):
            # "Is Beşiktaş a district of Istanbul?", "Белгород возле Москвы?": the place is where
            # the partner city lies, as its profile says, or a place it lies near ("Is Ometepe
            # close to Managua?", "Hénin-Beaumont est près de Lens ?"); the question asks where
            # the city is, not whether the place is a partner city too.
            intent, places = "city.where", ()
        elif (
            intent in PARTNER_INTENTS
            and places
            and (guessed := _guessed_city(by_name, within if guessing else None))
            and self._guessed_where(normalised)
        ):
            # "Is Beşiktaş part of Ankara?", "Czy Hénin-Beaumont leży w Belgii?": a partner city
            # said to lie in a place its texts do not name is a wrong guess of where it lies;
            # read with the place as a country ("Is Konin in Poland?"), the question asks
            # where, and the answer corrects the guess. "Is Konin a partner city like Paris?"
            # reads as the list or the check still. So does "Das ist in Belgien, stimmt's?" after
            # a story naming the city.
            intent, places, cities = "city.where", (), (guessed,)
        if intent == "city.where" and len(set(by_name) - {HERNE}) == 1:
            # "Is Konin in Russia?": the country of another partner city, said as where the one
            # named lies, is the guess the answer corrects, not a second city asked about.
            cities = tuple(c for c in cities if c in by_name) or cities
        if intent.startswith(DECLARATION) and self._beside_declaration(cities, years):
            # "Who signed with Belgorod in 1990?", "What did Luzhou sign in 2018?": a question of
            # another year than the declaration's, or about a partner city it does not concern,
            # asks about that city's partnership, not the declaration.
            intent = "city.history"
        if (
            intent == "partners.check"
            and places
            and (normalised.sectors or organisations)
            and self.reader.why_asked(scan.text, language)
        ):
            # "чому Герне шукала партнерів у вишах Бохума та Дортмунда?": why partners were
            # sought at universities (a sector, or a body the base knows) in those places asks
            # for that story; whether a place is a partner city is asked without a why.
            unchecked = self._scored(
                normalised,
                vector,
                cities,
                organisations,
                places,
                by_name,
                years,
                unasked=frozenset({"partners.check"}),
            )
            if unchecked[0].startswith(FAQ + "."):
                (intent, confidence, closest), places = unchecked, ()
        if (
            normalised.sectors
            and (intent.startswith(DECLARATION) or intent.startswith(FAQ + "."))
            and self.reader.why_asked(scan.text, language)
        ):
            intent, confidence = self._field_explained(
                intent, confidence, closest, normalised.sectors, vector
            )
        asks = self.reader.asked_for(scan.text, language)
        if asks and intent.startswith(DECLARATION):
            # "Who signed the Belgorod extension in 2018?": the declaration names signatories,
            # but of another document, the one an entry on the city the question names holds;
            # unless the question is worded more like an entry on the declaration ("Wer
            # unterzeichnete 2018 die Erklärung für Belgorod?" is no question about its
            # extension, signed in 2018 too).
            entry = self._entry_for(closest, by_name, normalised.sectors, years, organisations)
            known = self.reader.knowledge.faq.get(entry[0]) if entry else None
            if (
                entry is not None
                and known is not None
                and not _on_declaration(known)
                and set(asks) <= known.holds
                and set(known.cities) & (set(by_name) - {HERNE})
                and entry[1] > self._declaration_likeness(vector)
            ):
                intent = f"faq.{known.id}"
        elif asks and intent.startswith(FAQ + "."):
            intent = self._declaration_asked(intent, asks, vector)
        if intent == "city.since" and set(cities) == {HERNE} and not (places or organisations):
            # "Herne's oldest twin town, and since when?": since when Herne itself has been a
            # partner is nothing; the superlative asks for the partnership that began first
            # (or last), whose since-when the base holds.
            cities = self._first_or_last(self.reader.compared(scan.text, language)) or cities
        unsure = (
            intent == OUT_OF_SCOPE
            or (intent in ASSERTED_READINGS and confidence < ASSERTED_WHERE_MIN)
            or (intent.startswith(FAQ + ".") and confidence < ASSERTED_FAQ_MAX)
        )
        if (
            unsure
            and not (places or organisations or normalised.sectors or years or asks or compares)
            and self._asserted_where(scan, by_name)
        ):
            intent, confidence = "city.where", max(confidence, ASSERTED_WHERE_MIN)
        elif (
            (unsure or confidence < ASSERTED_WHERE_MIN)
            and not (organisations or normalised.sectors or years or asks or compares)
            and (guessed := _guessed_city(by_name, within if guessing else None))
            and self._guessed_elsewhere(scan, spelt, language, normalised)
        ):
            # "¿Belgorod está en Ucrania?", "Ist Wakefield in Schottland?": a partner city said
            # to lie in a country the base does not know (or a place it knows) is a guess of
            # where it lies, read as surely as its own country would be (`_guessed_where`); the
            # answer says where it is, which confirms or corrects the guess. So is "это где? в
            # польше?" after a story of a trip to the city named before it.
            intent, confidence, places = "city.where", max(confidence, ASSERTED_WHERE_MIN), ()
            cities = (guessed,)
        if (
            intent == "partners.list"
            and set(by_name) - {HERNE}
            and not any(m.kind in ("country", REGION) for m in scan.entities)
        ):
            # "Is Konin the only partner city?": the list of them all answers; the list of the
            # one named would say it is the only one in its country, which was not asked.
            cities = ()
        if (
            not by_name
            and len(countries) == 1
            and len(scan.named()) == len(scan.written)
            and not (organisations or places)
        ):
            # "Polen?", "Frankreich?": a partner city's country alone asks which partner city
            # lies there (the retrained model read "Polen?" as Herne's Polish roots at 0.36,
            # main "Frankreich?" so at 0.45).
            intent, confidence = "partners.list", max(confidence, BARE_COUNTRY_MIN)
        read_unnamed = self._name_guessed(
            normalised, intent, confidence, cities, organisations, places, by_name, years
        )
        if read_unnamed is not None:
            intent, confidence, closest = read_unnamed
        if intent == "partners.list" and not set(by_name) - {HERNE} and not places:
            # A country's adjective ("the Russian twinning") names its city, and is never the
            # country asked as if it were a city.
            adjectives = self.reader.adjectives_in.get(language, ())
            named = [
                m
                for m in scan.entities
                if m.kind in ("country", REGION)
                and not (m.end - m.start == 1 and _adjective_of(scan.folded[m.start], adjectives))
            ]
            names = scan.named()
            if (
                named
                and sum(1 for i in range(len(scan.written)) if i not in names) >= LOCATED_WORDS
                and not any(self.reader.located(scan, m, language) for m in named)
                and all(
                    _declined(" ".join(scan.folded[m.start : m.end]), self.reader.country_names)
                    for m in named
                )
            ):
                # "Is Sichuan a partner city of Herne?", "Ist Polen eine Partnerstadt?": a
                # country or region asked as if it were a city is none: the direct no with the
                # list of them all, never the list of the one there as if asked where it lies.
                intent, cities = "partners.check", ()
                places = tuple(as_written(scan.written[m.start : m.end]) for m in named)
        if intent.startswith(FAQ + ".") and not set(by_name) - {HERNE}:
            # "¿Cuántas personas viven en Nicaragua?", "四川省有多少人？": an entry about other
            # partner cities (Herne's Polish roots) is no answer for a country's or region's own
            # figure, asked as a city's would be; one about its own city may be ("Wie viele
            # Menschen in Herne stammen aus Polen?").
            about = self.reader.knowledge.faq.get(intent.partition(".")[2])
            regional = {
                c for m in scan.entities if m.kind in ("country", REGION) for c in m.ids
            } - {HERNE}
            if (
                about is not None
                and regional
                and set(about.cities) - {HERNE}
                and not regional & set(about.cities)
            ):
                country_as_city = normalised.document.replace(
                    PLACEHOLDERS["country"], PLACEHOLDERS["city"]
                )
                asked, likely = self.intents.ranked(self.intents.vector(country_as_city))[0]
                if asked in REGION_OWN_FACTS and likely >= ITS_CITY_MIN:
                    intent = OUT_OF_SCOPE
                elif not by_name:
                    # "Welche Partnerstadt liegt in der Türkei und seit wann gehört sie dazu?"
                    # (the Belgorod students' visit, 0.45): a partner city named by its country
                    # only is asked about as the next reading has it, as sure as that is (a
                    # question of two parts is then read part by part).
                    intent, confidence = next(
                        ((i, p) for i, p in self.intents.ranked(vector) if i != FAQ),
                        (OUT_OF_SCOPE, 0.0),
                    )
        if intent == TIME and self.reader.hours_asked(scan.text, language):
            # "le musée de la mine à Hénin-Beaumont, il ferme à quelle heure le dimanche ?": when
            # a place in the city opens or closes, or a ferry leaves, is no clock of the city,
            # and the base holds no place's hours or timetables.
            intent = OUT_OF_SCOPE
        return (
            Understanding(
                scan.text,
                language,
                clear,
                intent,
                confidence,
                cities,
                organisations,
                normalised.sectors,
                places,
                normalised.months,
                self.reader.period_named(scan, language)[0],
                asks,
                compares,
                bare
                and not cities
                and intent in CITY_INTENTS
                and not (intent == TIME and self.reader.time_now(scan.text, language)),
                self.reader.dated_months(scan, language) if years else (),
                False,
                *self.reader.years_asked(scan.text, language),
                journey=journey,
            ),
            closest,
        )

    def _first_or_last(self, way: str) -> tuple[str, ...]:
        """The partner cities whose partnership with Herne began first ("older") or last
        ("newer"), by the base's dates (all of them on a tie); none for another way."""
        if way not in ("older", "newer"):
            return ()
        began = {
            c.id: c.partner_since
            for c in self.reader.knowledge.cities.values()
            if c.partner and c.partner_since and c.id != HERNE
        }
        if not began:
            return ()
        # The dates as the base writes them ("1954", "1990-02-19"): by their year, then the day.
        end = (min if way == "older" else max)(began.values())
        year = end[:4]
        return tuple(c for c, since in began.items() if since[:4] == year)

    def _name_guessed(
        self,
        normalised: Normalised,
        intent: str,
        confidence: float,
        cities: tuple[str, ...],
        organisations: tuple[str, ...],
        places: tuple[str, ...],
        by_name: tuple[str, ...],
        years: frozenset[str],
    ) -> tuple[str, float, list[tuple[str, float]]] | None:
        """A partner city named beside its own country, in a question not understood so ("the
        twin town in France was Hénan-something, right?", "Ist Eisleben die einzige
        Partnerstadt in Deutschland?"): the name is the asker's guess or what they know
        already, the country what is asked about. Read without the name, the question that
        asks which partner city is there, or a fact of it, is that; None otherwise."""
        named = set(by_name) - {HERNE}
        scan = self._scanned
        countries = {c for m in scan.entities if m.kind in ("country", REGION) for c in m.ids}
        about = (
            self.reader.knowledge.faq.get(intent.partition(".")[2])
            if intent.startswith(FAQ + ".")
            else None
        )
        # A city's own fact stays asked of it, however unsure: "which region of France is
        # Hénin-Beaumont in?" asks where the city lies, not which city lies there.
        unsure = intent not in OWN_FACTS and (
            intent == OUT_OF_SCOPE
            or confidence < GUESSED_NAME_MIN
            or (about is not None and not named & set(about.cities))
        )
        if not (named and countries == named and unsure and not (organisations or places)):
            return None
        unnamed = _without_slot(normalised, PLACEHOLDERS["city"])
        read = self._scored(
            unnamed,
            self.intents.vector(unnamed.document),
            cities,
            organisations,
            places,
            tuple(c for c in by_name if c == HERNE),
            years,
        )
        if (
            (read[0] == "partners.list" or read[0] in CITY_INTENTS)
            and read[1] >= GUESSED_NAME_MIN
            and read[1] > confidence
        ):
            return read
        return None

    def _declaration_asked(
        self, intent: str, asks: tuple[str, ...], vector: tuple[np.ndarray, np.ndarray]
    ) -> str:
        """A question read as one part of the declaration (an entry without intents of its
        own: the 16 signatures, Konin's and Beşiktaş's signatures) that asks only for what the
        declaration's own answers open with (who signed) gets the most probable of those:
        "wer hat die erklerung 2018 fuer belgorod unterschriben" asks who signed, not why 16
        times. That answer quotes the part about a city the question names first
        (bot/compose.py); "How many times did Polezhaev sign?" asks for a count, which only
        the part holds. What every answer on the declaration opens with when asked (OPENING:
        what led up to it, its languages) is asked of the declaration, not of the part read
        ("Could the Turkish side read the declaration in their own language?" read as
        Beşiktaş's signature), unless that part holds it."""
        known = self.reader.knowledge.faq.get(intent.partition(".")[2])
        if known is None or known.intents or not _on_declaration(known):
            return intent
        if set(asks) <= OPENING:
            return (
                intent
                if set(asks) <= known.holds
                else next(
                    (i for i, _ in self.intents.ranked(vector) if i in self.declaration_holds),
                    intent,
                )
            )
        return next(
            (
                i
                for i, _ in self.intents.ranked(vector)
                if set(asks) <= self.declaration_holds.get(i, frozenset())
            ),
            intent,
        )

    def _field_explained(
        self,
        intent: str,
        confidence: float,
        closest: list[tuple[str, float]],
        sectors: tuple[str, ...],
        vector: tuple[np.ndarray, np.ndarray],
    ) -> tuple[str, float]:
        """A field of the declaration asked why ("Почему декларация делает упор на
        нанотехнологии?", "Why did the 2018 declaration stress nanotech?"): not the list of its
        fields nor the year's story, but the entry most like the question that is asked about
        that field, dated in the declaration's year and not itself on the declaration (what was
        said of Belgorod's research then, and where Herne looked for partners). As sure as the
        question reads as the declaration or as an FAQ entry at all: the field's name is a
        placeholder to the classifier, which splits the question between the two."""
        faq = self.reader.knowledge.faq
        explaining = next(
            (
                entry
                for name, _ in closest
                if (entry := faq.get(name)) is not None
                and not _on_declaration(entry)
                and entry.date is not None
                and entry.date[:4] in self.declaration[1]
                and self._asks_about(entry, sectors)
            ),
            None,
        )
        if explaining is None or (
            intent.startswith(FAQ + ".") and intent != f"{FAQ}.{explaining.id}"
        ):
            return intent, confidence
        either = sum(
            p for i, p in self.intents.ranked(vector) if i == FAQ or i.startswith(DECLARATION)
        )
        return f"{FAQ}.{explaining.id}", max(confidence, min(1.0, either))

    def _declaration_likeness(self, vector: tuple[np.ndarray, np.ndarray]) -> float:
        """How similar the question is to the entry on the declaration most like it, among
        the FAQ entries most like it (0 when none of them is on the declaration)."""
        faq = self.reader.knowledge.faq
        return max(
            (
                similarity
                for name, similarity in self._faq_top(vector)
                if name in faq and _on_declaration(faq[name])
            ),
            default=0.0,
        )

    def _asserted_where(self, scan: Scan, by_name: tuple[str, ...]) -> bool:
        """The question names one partner city and its own country or region, and at most
        ASSERTED_WORDS other words (`ASSERTED_READINGS`)."""
        named = set(by_name) - {HERNE}
        if len(named) != 1:
            return False
        city = next(iter(named))
        own = [m for m in scan.entities if m.kind in ("country", REGION) and city in m.ids]
        if not own or any(m.kind not in ("city", "country", REGION) for m in scan.entities):
            return False
        names = scan.named()
        return sum(1 for i in range(len(scan.written)) if i not in names) <= ASSERTED_WORDS

    def _of_its_city(self, vector: tuple[np.ndarray, np.ndarray], document: str) -> bool:
        """Whether a part naming nothing reads as a city's fact, or, read as out of scope,
        asks where a city lies once the city is named ("科宁人口多少？在哪里？")."""
        first = self.intents.ranked(vector)[0][0]
        if first.startswith("city."):
            return True
        return first == OUT_OF_SCOPE and self._asks_where(document)

    def _asks_where(self, document: str) -> bool:
        """Whether a normalised question asks where a city lies at least ITS_CITY_MIN surely
        (one more classification), read with a city named where it names none, as `_read`
        reads a part within its message."""
        city = PLACEHOLDERS["city"]
        if city not in document:
            document = "\t".join(f"{half} {city}" for half in document.split("\t"))
        asked, likely = self.intents.ranked(self.intents.vector(document))[0]
        return asked == "city.where" and likely >= ITS_CITY_MIN

    def _guessed_where(self, normalised: Normalised) -> bool:
        """Whether the question, read with its places as countries, asks where a city lies at
        least ITS_CITY_MIN surely (one more classification); a part naming no city is read
        with one, as `_read` reads it within its message."""
        as_country = normalised.document.replace(PLACEHOLDERS["place"], PLACEHOLDERS["country"])
        return PLACEHOLDERS["country"] in as_country and self._asks_where(as_country)

    def _guessed_elsewhere(
        self, scan: Scan, spelt: Scan, language: str, normalised: Normalised
    ) -> bool:
        """Whether the question says one place, country or name nobody taught as where the city
        lies (a locative before or after it: "in Belgien", "Ukrayna'da"; "Jan Kowalski from
        Konin" says nothing of where Konin is) and, with it read as a country, asks where a
        city lies (`_guessed_where`). A city named only as a neighbour ("... near Konin") is
        not the one guessed about."""
        if self._named_near(scan, language, tuple(c for m in scan.entities for c in m.ids))[0]:
            return False
        guesses = [m for m in scan.entities if m.kind in ("place", "country")]
        runs = self._unknown_places(scan, spelt, language)
        if len(guesses) + len(runs) != 1:
            return False
        guess = guesses[0] if guesses else EntityMatch("place", (), *runs[0])
        # The locative must say where the guess is, not where the city is ("в Бешикташе?
        # Сравниваю ...": "в" is the city's): right before the guess where a name is among the
        # words it may stand in; a suffix is the guess's own ("Belgorod Ukrayna'da mı?").
        named = scan.named()
        where = self.reader.locatives.get(language, {})
        if (
            any(i in named for i in range(max(0, guess.start - 2), guess.start))
            and not where.get("suffixes")
            and not (guess.start and scan.lowered[guess.start - 1] in where.get("before", ()))
        ):
            return False
        if not self.reader.located(scan, guess, language):
            return False
        return self._guessed_where(
            normalised if guesses else self._placed(scan, spelt, language, runs)[0]
        )

    def _lies_in(self, scan: Scan, by_name: tuple[str, ...]) -> bool:
        """The question names one partner city, and places that the city's own texts name
        (its country, region or profile, in English: a place's first name is its English
        one), such as the city it is a district of."""
        city = self._one_city(by_name)
        places = [m.ids[0] for m in scan.entities if m.kind == "place"]
        if city is None or not places or "en" not in city.texts:
            return False
        texts = city.texts["en"]
        told = " ".join(texts.get(k) or "" for k in ("country", "region", "profile")).casefold()
        return all(place.casefold() in told for place in places)

    def _told_of(self, cities: tuple[str, ...], places: list[str], language: str = "en") -> bool:
        """Whether the partner cities' own texts (country, region, profile, in English: a
        place's first name is its English one; also in `language`, for a name as the question
        writes it: "Ukrayna", "Ucrania") name every place."""
        known = self.reader.knowledge.cities
        told = " ".join(
            known[c].texts[lang].get(k) or ""
            for c in cities
            if c != HERNE and c in known
            for lang in dict.fromkeys(("en", language))
            if lang in known[c].texts
            for k in ("country", "region", "profile")
        ).casefold()
        # A whole word: "West Yorkshire" names no York.
        return bool(told) and all(
            re.search(rf"\b{re.escape(place.casefold())}\b", told) for place in places
        )

    def _namesake(
        self,
        scan: Scan,
        spelt: Scan,
        language: str,
        cities: tuple[str, ...],
        by_locative: bool = True,
    ) -> bool:
        """Whether a name nobody taught follows a partner city's name, after a comma or a
        locative ("Wakefield, Massachusetts", "Wakefield dans le Massachusetts"; at most
        NAMESAKE_GAP words between), that the city's own texts do not name: "Belgorod Ukrayna
        sınırına ne kadar uzak?" names a second thing, not which Belgorod. Without
        `by_locative`, after a comma only: asked where it lies, "Is Wakefield in Scotland?"
        guesses where the partner city is, which its answer corrects."""
        ends = {m.end for m in scan.entities if m.kind == "city" and set(m.ids) & set(cities)}
        locatives = self.reader.locatives.get(language, {}).get("before", ())
        for start, end in self._unknown_places(scan, spelt, language):
            after = [e for e in ends if start - NAMESAKE_GAP <= e <= start]
            between = scan.lowered[max(after) : start] if after else []
            apart = after and re.search(
                re.escape(scan.written[max(after) - 1])
                + r"\s*,\s*"
                + re.escape(scan.written[start]),
                scan.text,
            )
            if (
                after
                and (between[0] in locatives and by_locative if between else apart)
                and not self._told_of(cities, [as_written(scan.written[start:end])])
            ):
                return True
        return False

    def _surely_named(self, scan: Scan) -> list[EntityMatch]:
        """The places the question names as written or declined, not by a close spelling."""
        return [
            m
            for m in scan.entities
            if m.kind == "place"
            and _declined(" ".join(scan.folded[m.start : m.end]), self.reader.place_names[m.ids[0]])
        ]

    def _countries_named(self, scan: Scan) -> int:
        """How many countries the question names, with a partner city or without."""
        return sum(
            m.kind == "country" or (m.kind == "place" and m.ids[0] in self.reader.countries_only)
            for m in scan.entities
        )

    def _countries_written(self, scan: Scan) -> set[str]:
        """The countries without a partner city the question names, as written: what an
        asker says of themselves as often as what they ask about."""
        return {
            as_written(scan.written[m.start : m.end])
            for m in scan.entities
            if m.kind == "place" and m.ids[0] in self.reader.countries_only
        }

    def _beside_declaration(self, cities: tuple[str, ...], years: frozenset[str]) -> bool:
        """The question names a partner city that no entry about the declaration concerns,
        or names a city and only years none of them is dated."""
        named = set(cities) - {HERNE}
        concerned, dated = self.declaration
        if not named or not concerned:
            return False
        return bool(named - concerned) or bool(years and dated and not years & dated)

    def scan_of(self, whole: Understanding) -> Scan:
        """The words and names of a message just understood: read once."""
        if self._scanned.text == whole.text:
            return self._scanned
        return self.reader.scan(whole.text)

    def _joins(self, scan: Scan, language: str) -> list[tuple[int, int]]:
        """(start, end) of each of the language's joining words ("and", "und", "а также") in
        the question, the longest at a position."""
        joins = self.reader.joins.get(language, {})
        found = []
        for position, word in enumerate(scan.folded):
            for join in joins.get(word, ()):
                if tuple(scan.folded[position : position + len(join)]) == join:
                    found.append((position, position + len(join)))
                    break
        return found

    def _joins_after(self, scan: Scan, language: str) -> bool:
        """Whether a joining word stands after the question's first name ("Konin and Kraków",
        "Besiktas Istanbulun hangi yakasinda ve kac kilometrekare"): one before every name
        starts the message ("¿Y Altagracia, el pueblo de Ometepe, cuánta gente tiene?") and
        joins nothing it names."""
        first = min((m.end for m in scan.entities), default=len(scan.written))
        return any(start >= first for start, _ in self._joins(scan, language))

    def _joins_names(self, scan: Scan, language: str, start: int, end: int) -> bool:
        """Whether the joining word at `start`..`end` joins two partner cities' names, not two
        questions: a partner city's name right before it and another's right after it, or
        after a "with" cue of the bank's `twinned` ("Seit wann sind Konin und Beşiktaş
        Partnerstädte? Brauche beide Jahreszahlen ...", "jumelée avec Konin et avec Luzhou ?
        C'est pour ...": one question of both, whatever the remark after it reads as). Herne
        beside a partner city is the frame, cut as before ("В каких сферах Херне | и Белгород
        договорились сотрудничать?")."""
        cities = [m for m in scan.entities if m.kind in ("city", KNOWN_BY) and m.ids != (HERNE,)]
        if not any(m.end == start for m in cities):
            return False
        after = {m.start for m in cities}
        if end in after:
            return True
        with_cues = self.reader.twinned.get(language, {}).get("with", ())
        return any(end + length in after for length in _cues_from(scan.folded, with_cues, end))

    @staticmethod
    def _city_is_head(scan: Scan, language: str, places: list[tuple[int, int]]) -> bool:
        """Whether the place a question asks about, of the cities and other places it names, is
        a city of the base: the first named ("Konin, near Poznań"), or the last where the
        language names what says where a place lies first ("四川的泸州")."""
        named = sorted(
            [(m.start, True) for m in scan.entities if m.kind in ("city", KNOWN_BY)]
            + [(start, False) for start, _ in places]
        )
        if not named:
            return False
        info = REGISTRY.get(language)
        return named[-1 if info is not None and info.head_final else 0][1]

    def _named_near(
        self, scan: Scan, language: str, by_name: tuple[str, ...]
    ) -> tuple[frozenset[str], frozenset[int]]:
        """The partner cities a question names only to say where something else lies ("near
        Konin", "泸州旁边", every time it names them), and the positions of those names and
        their `near` cues."""
        partners = set(by_name) - {HERNE}
        beside: set[str] = set()
        alone: set[str] = set()
        positions: set[int] = set()
        for match in scan.entities:
            if match.kind not in ("city", KNOWN_BY) or not partners & set(match.ids):
                continue
            span = self.reader.near_span(scan, language, match)
            if span is None:
                alone.update(match.ids)
            else:
                beside.update(match.ids)
                positions.update(range(*span))
        return frozenset(beside & partners - alone), frozenset(positions)

    def _strangers(
        self, scan: Scan, spelt: Scan, language: str, skip: frozenset[int]
    ) -> list[tuple[int, int]]:
        """(start, end) of each run of words, outside the names and `skip`, whose lemma no
        phrasing of the bank uses, in any case ("ossett", "Короча", "合江"), or that look like a
        name nobody taught (`_unknown_places`: "Etiler", whose Turkish stem is a word): what a
        question asks about where it names a partner city only to say where that lies. Not a
        filler, nor a word shorter than STRANGER_SHORTEST letters ("ona", "it"; Chinese
        characters are words of one)."""
        unknown = {
            i
            for start, end in self._unknown_places(scan, spelt, language)
            for i in range(start, end)
            if i not in skip
        }
        named = spelt.named()
        fillers = self.reader.fillers.get(language, frozenset())
        by_characters = REGISTRY[language].tokens == "characters"
        candidates = [
            i
            for i, word in enumerate(spelt.folded)
            if i not in named
            and i not in skip
            and word.isalpha()
            and (by_characters or len(word) >= STRANGER_SHORTEST)
            and word not in fillers
            and " " not in spelt.lowered[i]
        ]
        columns = self.intents.index.lookup(
            ["w:" + lemma(spelt.lowered[i], language) for i in candidates]
        )
        strange = [i for i, column in zip(candidates, columns, strict=True) if column < 0]
        unknown.update(strange)
        if by_characters:
            # Most Chinese place names are two characters, and the bank knows many a single one
            # ("合江": 合 of 合作): a lone unknown character takes the free one before it.
            for i in strange:
                if {i - 1, i + 1}.isdisjoint(unknown) and i > 0 and i - 1 not in named | skip:
                    unknown.add(i - 1)
        return _runs(sorted(unknown))

    def _landmarked(
        self, scan: Scan, language: str, landmarks: frozenset[int]
    ) -> tuple[list[tuple[int, int]], frozenset[int]]:
        """(start, end) of each name standing where a place is named beside a partner city that
        only says where it lies (`landmarks`: the positions of such names and their `near`
        cues), whatever word of the language it is too ("Avion" a plane, "Stare Miasto" an old
        town, "Разумное" reasonable): set apart right before it ("Avion, à côté
        d'Hénin-Beaumont", "Seeburg – ein Ortsteil bei Eisleben", "Urbaite (Ometepe)") or
        right after it ("Près de Konin, Kleczew ..."), or, capitalised where the message is,
        right before it ("Stare Miasto koło Konina") or right after it where the language
        names what says where first ("Beşiktaş'ın yanındaki Fatih"). Written without capitals,
        a name set apart or right after a word that places it ("в разумном под белгородом").
        No name, filler, sentence's first word unless set apart, nor word shorter than
        STRANGER_SHORTEST letters ("il", "там"). Also the positions of the words describing a
        name set apart ("un barrio", "ein Ortsteil"), which are no place."""
        if not landmarks or REGISTRY[language].tokens == "characters":
            return [], frozenset()
        written, folded = scan.written, scan.folded
        cased = any(w[:1].isupper() for w in written)
        named = scan.named()
        fillers = self.reader.fillers.get(language, frozenset())
        apart = _marked_before(scan.text, _APART)
        hyphened = _marked_before(scan.text, _HYPHEN)
        starts = self._sentence_starts(scan) | {0}

        def name_like(i: int, set_apart: bool) -> bool:
            return (
                0 <= i < len(written)
                and i not in named
                and i not in landmarks
                and folded[i].isalpha()
                and len(folded[i]) >= STRANGER_SHORTEST
                and folded[i] not in fillers
                and (written[i][:1].isupper() if cased else True)
                and (set_apart or (cased and i not in starts))
            )

        found: set[int] = set()
        describing: set[int] = set()
        for start, end in _runs(sorted(landmarks)):
            # Before: right before the landmark, or before the mark that sets apart the words
            # describing the place ("Seeburg, ein Ortsteil bei Eisleben").
            head = next(
                (
                    i
                    for i in range(start - 1, max(-1, start - 1 - NEIGHBOUR_REACH), -1)
                    if i + 1 in apart and not named & set(range(i + 1, start))
                ),
                None,
            )
            if head is not None and name_like(head, True):
                found.add(head)
                describing.update(range(head + 1, start))
            elif name_like(start - 1, False) or (
                not cased
                and name_like(start - 1, True)
                and self.reader.placed_at(scan, language, start - 1)
            ):
                head = start - 1
                found.add(head)
            else:
                head = None
            # A name of more words: capitalised ones before it ("Stare Miasto"), or any joined
            # by a hyphen ("bois-bernard"), none its sentence's first unless joined so.
            for _ in range(NAME_WORDS - 1):
                if head is None or not name_like(head - 1, head in hyphened):
                    break
                head -= 1
                found.add(head)
            # After, where nothing before it is: right after a mark ("Près d'Hénin-Beaumont,
            # Harnes"), or where the language names what says where first. ("Harnes, gleich
            # neben Hénin-Beaumont, Partnerstadt ..." names its place before.)
            if (
                head is None
                and cased
                and name_like(end, end in apart or REGISTRY[language].head_final)
            ):
                found.add(end)
        # Anywhere, where only names are capitalised in the middle of a sentence ("Près
        # d'Hénin-Beaumont, combien d'habitants compte Avion ?").
        if cased and not REGISTRY[language].capitalised_nouns:
            found.update(i for i in range(len(written)) if name_like(i, False))
        return _runs(sorted(found)), frozenset(describing)

    def _own_story(
        self, scan: Scan, spelt: Scan, language: str, runs: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """`runs` (`_strangers`) without those the asker tells of themselves in a clause before
        the question ("I grow rhubarb near Wakefield. Since when are we twinned?", "我在科宁附近
        开店。那里有多少人？"): their trade, their farm, their neighbour, not the place asked
        about. A run right after a word that says the asker is there ("I teach in Castleford
        near Wakefield", the bank's `asker` "at" cues), or named again outside that clause
        ("... How many people live in Castleford?"), stays what is asked about."""
        clauses = self._clauses(scan, language)
        told = [
            (start, end)
            for asked, start, end in clauses[:-1]
            if not asked and self.reader.tells_of_self(scan, language, start, end)
        ]
        if not told:
            return runs
        inside = {i for start, end in told for i in range(start, end)}
        rest = [w for i, w in enumerate(spelt.folded) if i not in inside]
        # Every run of the rest's words as long as a stranger run: one pass per length.
        named_again = {
            tuple(rest[i : i + length])
            for length in {end - start for start, end in runs}
            for i in range(len(rest) - length + 1)
        }
        kept = []
        for start, end in runs:
            if (
                not inside.issuperset(range(start, end))
                or self.reader.placed_at(scan, language, start)
                or tuple(spelt.folded[start:end]) in named_again
            ):
                kept.append((start, end))
        return kept

    def _beside_near(
        self,
        scan: Scan,
        spelt: Scan,
        language: str,
        read: tuple[str, float],
        cities: tuple[str, ...],
        organisations: tuple[str, ...],
        places: tuple[str, ...],
        by_name: tuple[str, ...],
        years: frozenset[str],
    ) -> tuple[str, float | None, tuple[str, ...], tuple[str, ...]] | None:
        """The reading of a question that names its partner cities only to say where what it
        asks about lies ("How many people live in Golina? It's near Konin", "泸州旁边的合江有多少
        人？"), where it names that as well (a word the bank never uses, or a place): read with
        that as a place, whether it is a partner city (the direct no); else a city's own fact of
        it falls back, never the partner city's figure. None: the question's own reading
        stands (`read`: its intent and confidence; cities and places). A partner city named on
        its own as well ("I live near Wakefield. How big is Wakefield?") or nothing else named
        ("I live near Wakefield. How many people live there?") is what is asked about."""
        intent, confidence = read
        nearby, cue_words = self._named_near(scan, language, by_name)
        if not nearby or set(by_name) - {HERNE} - nearby:
            return None
        kept = tuple(c for c in cities if c not in nearby)
        if intent in PARTNER_INTENTS and places:
            # The check already names the place asked about, not its landmark: "Is Leeds, near
            # Wakefield, a twin town of Herne?" is no question whether Wakefield is one.
            return intent, None, kept, places
        strangers = self._strangers(scan, spelt, language, cue_words)
        if intent in NEAR_OWN_FACTS:
            landmarked, describing = self._landmarked(scan, language, cue_words)
            strangers = _runs(
                sorted(
                    {i for start, end in strangers + landmarked for i in range(start, end)}
                    - describing
                )
            )
        strangers = self._own_story(scan, spelt, language, strangers)
        single = not self._sentence_starts(scan) - {0, len(scan.written)}
        if not strangers and not any(
            m.kind == "place" and m.start not in cue_words for m in scan.entities
        ):
            return None
        # One name, asked as a fact or a partnership is: "Je gère une unité de méthanisation
        # près d'Hénin-Beaumont : à qui m'adresser ?" asks for contacts, its words no place.
        if (
            len(strangers) == 1
            and not places
            and (intent in NEAR_OWN_FACTS or intent.startswith(FAQ + "."))
        ):
            reread = self._as_unknown_place(
                scan,
                spelt,
                language,
                kept,
                organisations,
                tuple(c for c in by_name if c not in nearby),
                years,
                strangers,
            )
            # A fact asked more surely than the check is no check ("What time is it in
            # Chishui, right next to Luzhou?"); since when the place has been a partner city
            # asks whether it is one ("С какого года Альштедт рядом с Айслебеном партнёр
            # Херне?", "... ne zamandan beri Herne'nin kardeş şehri?"), as for a place named
            # alone.
            if _asks_partner_check(reread, 0.0) and not (
                intent in PLACE_FACTS and reread[1] < confidence
            ):
                return reread[0], reread[1], kept, reread[2]
            # In a message of one sentence: a story's "since when?" asks of the city the story
            # is set in ("Я держу пасеку под Белгородом, и сосед говорит ... С какого года?").
            if (
                reread is not None
                and single
                and (
                    (reread[0] in PARTNERSHIP_ASKED and reread[1] >= UNKNOWN_PLACE_MIN)
                    or (intent in PARTNERSHIP_ASKED and reread[0] in PARTNER_INTENTS)
                )
            ):
                return "partners.check", max(reread[1], confidence), kept, reread[2]
        if intent in NEAR_OWN_FACTS:
            # Names asked about in a message of one sentence are kept as its places: what is
            # asked of them is no partner city's ("Wie weit ist Kleczew, das Dorf bei Konin, von
            # Herne entfernt?" read in part as the distance of every partner city). A story's
            # names are left to the re-readings of the sentence that asks.
            named = tuple(as_written(scan.written[start:end]) for start, end in strangers)
            return OUT_OF_SCOPE, None, (), places or (named if single else ())
        return None

    def _placed_near(self, scan: Scan, language: str, by_name: tuple[str, ...]) -> bool:
        """Whether every place a question names says where a partner city it names on its own
        lies ("Is Ometepe close to Managua?"): the place is no partner city asked about."""
        placed = [m for m in scan.entities if m.kind == "place"]
        nearby, _ = self._named_near(scan, language, by_name)
        return (
            bool(placed)
            and bool(set(by_name) - {HERNE} - nearby)
            and all(self.reader.near_span(scan, language, m) is not None for m in placed)
        )

    def _home(self, cities: tuple[str, ...]) -> bool:
        """Whether the cities all lie in Herne's own country."""
        known = self.reader.knowledge.cities
        home = known[HERNE].country_code if HERNE in known else None
        return all(c in known and known[c].country_code == home for c in cities)

    def _unknown_places(
        self, scan: Scan, spelt: Scan, language: str, any_case: bool = False
    ) -> list[tuple[int, int]]:
        """(start, end) of each run of words that look like a name nobody taught: capitalised,
        outside the names recognised, neither a word of the bank nor read as one by the
        spelling stage, nor a filler. `any_case`: in a question written without a capital
        ("is leeds a twin town too?") a name need not be capitalised either."""
        named = scan.named()
        fillers = self.reader.fillers.get(language, frozenset())
        adjectives = self.reader.adjectives_in.get(language, ())
        uncased = any_case and not any(w[:1].isupper() for w in scan.written)
        # "Besides Wakefield, is Konin …": a word that sets a name aside is none.
        besides = self.reader.besides.get(language, {}).get("before", ())
        cue_words = (
            set()
            if self.reader.besides_words.get(language, frozenset()).isdisjoint(scan.folded)
            else {
                i + k
                for i in range(len(scan.folded))
                for n in _cues_from(scan.folded, besides, i)
                for k in range(n)
            }
        )
        # Four letters are a town's name as well ("Is York a twin town?", "Lyon est-elle
        # jumelée ?"): the speller knows the bank's words that long. Not the first word (a
        # question word: "Яке", "Dime"), nor where every noun is capitalised ("Nähe", "Chor").
        short_names = (
            range(1, len(scan.written)) if not REGISTRY[language].capitalised_nouns else range(0)
        )
        taught_by_nobody: list[int] = []
        for i, word in enumerate(scan.written):
            folded = scan.folded[i]
            if (
                i in named
                or i in cue_words
                or not (uncased or word[:1].isupper())
                or len(folded) < (MIN_LENGTH - 1 if i in short_names else MIN_LENGTH)
                or not folded.isalpha()
                or spelt.folded[i] != folded
                or folded in fillers
                or self.speller.knows(scan.lowered[i], language)
                # A partner country's adjective names that country's city ("the Russian
                # twinning"), never a place nobody taught.
                or _adjective_of(folded, adjectives) is not None
                # Without capitals, a form of a word the speller knows ("the dates they
                # joined") is that word, not a name.
                or (uncased and self._inflected_known(scan.lowered[i], language))
            ):
                continue
            taught_by_nobody.append(i)
        runs = _runs(taught_by_nobody)
        if uncased and (len(runs) > 1 or any(end - start > 1 for start, end in runs)):
            # Without capitals a verb form the speller does not know looks like a name as well
            # ("мій син навчається ... і каже"): only one word nobody taught is read as one.
            return []
        return runs

    def _inflected_known(self, lowered: str, language: str) -> bool:
        """Whether a lower-cased word is an inflected form of a word the speller knows: its
        lemma differs from it and is known ("joined", "dates")."""
        root = lemma(lowered, language)
        return root != fold_latin(lowered) and self.speller.knows(root, language)

    def _leading_stranger(self, scan: Scan, spelt: Scan, language: str) -> list[tuple[int, int]]:
        """The message's first word as a name nobody taught where the speller knows it as a
        word ("Bursa" a grant, "Орёл" an eagle, "Дніпро" a river), said as the subject of a
        sentence without a verb: a dash after it ("Орёл — город-побратим Херне?") or, in a
        head-final language, Herne's name right after it ("Bursa Herne'nin kardeş şehri
        mi?"). Capitalised, no name, no
        filler, at least STRANGER_SHORTEST letters, and no word the bank's phrasings use; else
        nothing. A first word so placed is no verb ("Nenn mir ...") nor question word."""
        if REGISTRY[language].tokens == "characters":
            return self._framed_subject(scan, language)
        if len(scan.written) < 2 or 0 in scan.named() or not scan.written[0][:1].isupper():
            return []
        first = scan.text.find(scan.written[0]) + len(scan.written[0])
        second = scan.text.find(scan.written[1], first)
        dashed = any(c in "—–-" for c in scan.text[first:second])
        # Herne's name right after it only where the verb ends the sentence (the language's
        # names that say where come first): "Unterhält Herne eine Städtepartnerschaft mit
        # Bielefeld?" starts with its verb.
        herne = REGISTRY[language].head_final and any(
            m.start == 1 and m.ids == (HERNE,) for m in scan.entities
        )
        if not (dashed or herne):
            return []
        folded = scan.folded[0]
        # A word the spelling stage reads as another is a typo of it; one it cuts in two
        # ("Дніпро" as "дні про") is read whole.
        if (
            len(folded) < STRANGER_SHORTEST
            or not folded.isalpha()
            or (spelt.folded[0] != folded and " " not in spelt.folded[0])
            or folded in self.reader.fillers.get(language, frozenset())
        ):
            return []
        column = self.intents.index.lookup(["w:" + lemma(scan.lowered[0], language)])[0]
        return [(0, 1)] if column < 0 else []

    def _framed_subject(self, scan: Scan, language: str) -> list[tuple[int, int]]:
        """In a language written without spaces, the characters a question asks to be a
        partner city by the frame around them, whatever place they name ("达州也是黑尔讷的伙伴
        城市吗", "请问X是不是黑尔讷的友城", "X和黑尔讷结好了吗"): from the message's start, past
        the `subject` "lead" cues, to a "copula" cue right before Herne's name; no name among
        them, SUBJECT_CHARACTERS long, and one character at least that no phrasing of the bank
        uses ("那个城市也是…" names no place). Else nothing."""
        cues = self.reader.subject.get(language, {})
        folded = scan.folded
        start = 0
        while lead := _cues_from(folded, cues.get("lead", ()), start):
            start += max(lead)
        named = scan.named()
        shortest, longest = SUBJECT_CHARACTERS
        for m in scan.entities:
            if m.ids != (HERNE,):
                continue
            for length in sorted(
                _cues_until(folded, cues.get("copula", ()), m.start), reverse=True
            ):
                end = m.start - length
                if not shortest <= end - start <= longest or not _unnamed_characters(
                    folded, named, start, end
                ):
                    continue
                if self._untaught(scan, start, end, language):
                    return [(start, end)]
            break
        return self._subject_after_herne(scan, language)

    def _subject_after_herne(self, scan: Scan, language: str) -> list[tuple[int, int]]:
        """The characters a question asks to be Herne's partner city named after Herne's name:
        from a `subject` "join" cue right after it ("黑尔讷和", "黑尔讷跟") to the nearest "then"
        cue ("有没有", "从", "是不是"), SUBJECT_CHARACTERS long, no name among them, and one at
        least that no phrasing of the bank uses ("黑尔讷和南京有没有结为友好城市"). Else nothing."""
        cues = self.reader.subject.get(language, {})
        folded = scan.folded
        named = scan.named()
        shortest, longest = SUBJECT_CHARACTERS
        for m in scan.entities:
            if m.ids != (HERNE,):
                continue
            for joined in _cues_from(folded, cues.get("join", ()), m.end):
                start = m.end + joined
                for end in range(start + shortest, min(start + longest, len(folded)) + 1):
                    if not _cues_from(folded, cues.get("then", ()), end):
                        continue
                    if not _unnamed_characters(folded, named, start, end):
                        break
                    return [(start, end)] if self._untaught(scan, start, end, language) else []
        return []

    def _untaught(self, scan: Scan, start: int, end: int, language: str) -> bool:
        """Whether one word at least of `scan`'s words `start`..`end` is one no phrasing of the
        bank uses (a subject nobody taught: "南京", not "那个城市")."""
        columns = self.intents.index.lookup(
            ["w:" + lemma(scan.lowered[i], language) for i in range(start, end)]
        )
        return min(columns) < 0

    def _foreign_adjectives(self, scan: Scan, spelt: Scan, language: str) -> list[tuple[int, int]]:
        """(start, end) of each word standing right where a country's adjective beside a word for
        a partner city does (`Reader.by_partner_noun`, FOREIGN_ADJECTIVE_REACH), in any case,
        that is no partner country's adjective (countries.yaml `adjectives`), no name, and no
        word of the bank: "griechische Partnerstadt", "португальского побратима",
        "hermanamiento portugués"."""
        named = scan.named()
        fillers = self.reader.fillers.get(language, frozenset())
        return [
            (i, i + 1)
            for i, folded in enumerate(scan.folded)
            if i not in named
            and len(folded) >= MIN_LENGTH
            and folded.isalpha()
            and spelt.folded[i] == folded
            and folded not in fillers
            and self.reader.by_partner_noun(scan.folded, i, i + 1, FOREIGN_ADJECTIVE_REACH)
            and _adjective_of(folded, self.reader.adjectives) is None
            and not self.speller.knows(scan.lowered[i], language)
        ]

    def _as_unknown_place(
        self,
        scan: Scan,
        spelt: Scan,
        language: str,
        cities: tuple[str, ...],
        organisations: tuple[str, ...],
        by_name: tuple[str, ...],
        years: frozenset[str],
        runs: list[tuple[int, int]] | None = None,
    ) -> tuple[str, float, tuple[str, ...]] | None:
        """The intent and confidence of the question read with its unknown names (`runs`, else
        `_unknown_places`) as places (one more classification, at most), and those places."""
        runs = self._unknown_places(scan, spelt, language) if runs is None else runs
        if not runs:
            return None
        normalised, places = self._placed(scan, spelt, language, runs)
        vector = self.intents.vector(normalised.document)
        intent, confidence, _ = self._scored(
            normalised, vector, cities, organisations, places, by_name, years
        )
        return intent, confidence, places

    def _placed(
        self, scan: Scan, spelt: Scan, language: str, runs: list[tuple[int, int]]
    ) -> tuple[Normalised, tuple[str, ...]]:
        """The question normalised with its unknown names (`runs`) as places, and those."""
        places = tuple(as_written(scan.written[start:end]) for start, end in runs)
        entities = sorted(
            [
                *spelt.entities,
                *(EntityMatch("place", (p,), s, e) for p, (s, e) in zip(places, runs, strict=True)),
            ],
            key=lambda m: m.start,
        )
        reread = Scan(spelt.text, spelt.written, spelt.lowered, spelt.folded, entities)
        return self.reader.normalise(reread, language, unfilled=True), places

    def _scored(
        self,
        normalised: Normalised,
        vector: tuple[np.ndarray, np.ndarray],
        cities: tuple[str, ...],
        organisations: tuple[str, ...],
        places: tuple[str, ...],
        by_name: tuple[str, ...],
        years: frozenset[str],
        compares: str = "",
        lasting: bool = False,
        bare: bool = False,
        unasked: frozenset[str] = frozenset(),
        written: frozenset[str] = frozenset(),
    ) -> tuple[str, float, list[tuple[str, float]]]:
        """The intent a normalised question asks for what it names (none of `unasked`), its
        confidence, and the FAQ entries closest to it. `written`: word features of words the
        bank writes, never counted as unknown (`_bank_written`)."""
        closest = self._closest_entries(
            vector, normalised.document, cities, organisations, normalised.sectors
        )
        intent, confidence = self._intent(
            vector,
            cities,
            organisations,
            normalised.sectors,
            places,
            closest,
            by_name,
            years,
            compares,
            lasting,
            bare,
            unasked,
        )
        # Read as written: a word one letter from one of the bank's is still a word the bank
        # never uses ("What is the highest mountain?" must not become a known question).
        regions = frozenset().union(*(self.region_words.get(c, ()) for c in by_name))
        # A year to come is no word the bank lacks: "2027'de neler olacak?" asks when, whichever
        # years the bank's phrasings hold. A past one stays unknown, as before ("ещё до 1991?").
        this_year = datetime.now(UTC).year
        dates = frozenset("w:" + y for y in years if this_year <= int(y) <= LAST_YEAR)
        known = self.office.words | normalised.sector_words | regions | dates | written
        confidence *= known_share(self.intents, normalised.document, known) ** UNKNOWN_PENALTY
        return intent, confidence, closest

    @staticmethod
    def _bare(scan: Scan, normalised: Normalised, language: str) -> bool:
        """A question of a word or two (fillers left out) naming nothing: a bare topic."""
        if scan.entities or normalised.sectors:
            return False
        words = normalised.document.partition("\t")[0].split()
        if REGISTRY[language].tokens == "characters":
            return 0 < sum(len(w) for w in words) <= EVERY_MOST_CHARACTERS
        return 0 < len(words) <= EVERY_MOST_WORDS

    def _of_declaration_year(self, scan: Scan) -> bool:
        """Whether a question names the 2018 declaration's year and no partner city, by name
        or by its country (whose own agreement of that year it may ask about: Luzhou's
        friendship agreement, Belgorod's extension)."""
        return bool(self.declaration[1] & {w for w in scan.folded if len(w) == 4}) and not any(
            m.kind in ("city", KNOWN_BY, "country", REGION) and set(m.ids) - {HERNE}
            for m in scan.entities
        )

    def _bank_written(self, normalised: Normalised, language: str) -> frozenset[str]:
        """The word features of a bare question's words that a phrasing of the bank writes:
        the model keeps only words of two phrasings or more, so "Übersicht", which one
        phrasing of the list writes, weighed as a word the bank never uses and halved the
        confidence of "partnerstädte übersicht", where each word is half the question. In a
        longer question such a word is one of many, and stays unknown to the model."""
        words = self.speller.words(language)
        return frozenset(
            "w:" + t for t in normalised.document.partition("\t")[2].split() if t in words
        )

    def _spelt(self, scan: Scan, language: str) -> Scan:
        """The scan with each word that neither the bank nor the FAQ uses, outside names,
        read as the bank's word it is a variant of, drawn out or respelt from, else as the
        one word of the bank one typo from it (bot/spelling.py)."""
        self.speller.prepare(language)
        named = scan.named()
        index = self.intents.index
        fillers = self.reader.fillers.get(language, frozenset())
        variants = self.reader.variants.get(language, {})
        synonyms = self.reader.synonyms.get(language, {})
        # "the 2018 accord", "el acuerdo de 2018": the declaration, though the bank's word
        # names a partnership's agreement ("the agreement with Ometepe") elsewhere.
        declared = (
            self.reader.declaration_words.get(language, {})
            if self._of_declaration_year(scan)
            else {}
        )
        info = REGISTRY.get(language)
        transliterated = info is not None and info.typed_without_keyboard == "transliterated"
        lowered, folded = scan.lowered, scan.folded
        looked = 0
        for i, word in enumerate(scan.folded):
            if i in named or word in fillers:
                continue
            lemmatised = lemma(scan.lowered[i], language)
            if lemmatised in declared:
                if lowered is scan.lowered:
                    lowered, folded = list(lowered), list(folded)
                lowered[i], folded[i] = declared[lemmatised]
                continue
            if "w:" + lemmatised in index:
                continue
            # A variant of a bank word ("привітики", "slt"); a synonym in another register, in
            # any inflection ("меморандуму", "headcount"); a word drawn out ("holaa",
            # "merciii"); Russian typed in Latin letters otherwise than the bank spells it
            # ("nakhoditsa" for "nahoditsya"), or in its own letters as it sounds
            # ("находица").
            found = variants.get(word) or synonyms.get(lemmatised)
            if found is None:
                readings = drawn_out_readings(scan.lowered[i])
                if transliterated and scan.lowered[i].isascii():
                    readings += typed_latin_readings(scan.lowered[i])
                elif transliterated:
                    readings += spoken_readings(scan.lowered[i])
                found = next(
                    (
                        (reading, fold_latin(reading))
                        for reading in readings
                        if "w:" + lemma(reading, language) in index
                    ),
                    None,
                )
                if found is None and transliterated and scan.lowered[i].isascii():
                    found = self._transliterated_word(scan.lowered[i], readings, language)
            if found is not None:
                if lowered is scan.lowered:
                    lowered, folded = list(lowered), list(folded)
                lowered[i], folded[i] = found
                continue
            if len(word) < LEFT_OUT_LENGTH:
                continue
            looked += 1
            if looked > MAX_LOOKUPS:
                break
            if len(word) < MIN_LENGTH:
                found = self._short_typo(scan.lowered[i], language)
            else:
                found = self.speller.correct(scan.lowered[i], language) or (
                    self._joined(scan.lowered[i], language)
                    if len(scan.lowered[i]) <= JOINED_WORD
                    else None
                )
            if found is not None:
                if lowered is scan.lowered:
                    lowered, folded = list(lowered), list(folded)
                folded[i], lowered[i] = found
        if lowered is scan.lowered:
            return scan
        return Scan(scan.text, scan.written, lowered, folded, scan.entities)

    def _short_typo(self, lowered: str, language: str) -> tuple[str, str] | None:
        """A four-letter word read as the bank's word with a letter put back only where that
        is one of its commonest words (`GLUED_COMMON_IDF`: "liegt", "gdzie", "donde"): short
        question words lose a letter when typed fast, and a real word the bank never uses
        ("caro") is a letter from a content word ("carro", a sector word) more often."""
        found = self.speller.correct(lowered, language)
        if found is None:
            return None
        column = self.intents.index.lookup(["w:" + lemma(found[1], language)])[0]
        common = column >= 0 and self.intents.idf.item(column) <= GLUED_COMMON_IDF
        return found if common else None

    def _transliterated_word(
        self, word: str, readings: list[str], language: str
    ) -> tuple[str, str] | None:
        """(word as the bank writes it, folded) of a Russian or Ukrainian word typed in Latin
        letters that no respelling makes a word of the bank as spelt, where one has the Latin
        skeleton of a word of its vocabulary ("znachodytsja": знаходиться, whose Latin forms the
        bank holds are "znakhodytsya" and "znahoditsya")."""
        skeletons = self.speller.transliterated(language)
        for reading in (word, *readings):
            written = skeletons.get(latin_skeleton(reading))
            if written is not None:
                return written, fold_latin(written)
        return None

    def _joined_words(self, word: str, language: str) -> tuple[str, str] | None:
        """A word the speller does not correct read as two glued words or a compound."""
        return self._unglued(word, language) or self._compound(word, language)

    def _unglued(self, word: str, language: str) -> tuple[str, str] | None:
        """Two of the bank's commonest words typed without the space between them
        ("whereis", "seitwann", "partnercities", "dondeesta"), as (folded, lowered) with the space:
        the one cut whose both parts are such words (of its language, where the speller knows
        words that short), the longer first part where several are; else the cut whose parts
        the bank's phrasings hold side by side ("woliegt", "nezaman", "cuantoshabitantes")."""
        index, idf = self.intents.index, self.intents.idf
        paired: tuple[str, str] | None = None  # the longest-first cut found as a pair only
        for cut in range(len(word) - GLUED_SHORTEST, GLUED_PAIR_FIRST_SHORTEST - 1, -1):
            parts = (word[:cut], word[cut:])
            # The speller's verdict first (a set lookup): most cuts of an unknown word are no
            # words, and lemmatising both slices of each cut first filled the lemma cache
            # with slices of every misspelt word (the same cuts are refused either way).
            if not all(
                len(part) < MIN_LENGTH - 1 or self.speller.knows(part, language) for part in parts
            ):
                continue
            lemmas = [lemma(part, language) for part in parts]
            columns = index.lookup(["w:" + lemmas[0], "w:" + lemmas[1]])
            if min(columns) < 0:
                continue
            if cut >= GLUED_FIRST_SHORTEST and all(
                idf.item(c) <= GLUED_COMMON_IDF for c in columns
            ):
                lowered = " ".join(parts)
                return fold_latin(lowered), lowered
            if paired is None and index.lookup([f"b:{lemmas[0]} {lemmas[1]}"])[0] >= 0:
                paired = parts
        if paired is not None:
            lowered = " ".join(paired)
            return fold_latin(lowered), lowered
        return None

    def _compound(self, word: str, language: str) -> tuple[str, str] | None:
        """A compound of the bank's words (COMPOUND_PART_SHORTEST), as (folded, lowered) with
        a space between its parts: the fewest parts, the longest first part where several
        cuts fit ("Logistikfirmenkontakte": Logistik, Firmen, Kontakte)."""
        info = REGISTRY.get(language)
        if info is None or not info.compounds or not word.isalpha():
            return None
        for most in range(2, COMPOUND_MOST_PARTS + 1):
            parts = self._compound_parts(word, language, info.compound_links, most)
            if parts is not None:
                lowered = " ".join(parts)
                return fold_latin(lowered), lowered
        return None

    def _compound_parts(
        self, word: str, language: str, links: tuple[str, ...], most: int
    ) -> list[str] | None:
        index = self.intents.index
        # The bank's words as its phrasings write them (a sector word too, which training
        # mostly sees as its slot's placeholder), and the model's lemmas.
        vocabulary = self.speller.words(language)
        if most == 1:
            known = len(word) >= COMPOUND_PART_SHORTEST and (
                fold(word) in vocabulary or "w:" + lemma(word, language) in index
            )
            return [word] if known else None
        # A part before the last is a word of the vocabulary, which holds none longer than
        # LONGEST_INDEXED (folding never shortens letters): longer cuts are never tried, so a
        # 4,096-letter word costs a few dozen cuts, not thousands of long slices.
        longest = LONGEST_INDEXED + max(map(len, links), default=0)
        for cut in range(
            min(len(word) - COMPOUND_PART_SHORTEST, longest), COMPOUND_PART_SHORTEST - 1, -1
        ):
            head = word[:cut]
            for link in ("", *links):
                part = head[: len(head) - len(link)] if head.endswith(link) else ""
                # A part before the last is written as the bank writes the word (its lemma
                # is looked up for the last part only: a dozen cuts a word, not hundreds).
                if len(part) < COMPOUND_PART_SHORTEST or fold(part) not in vocabulary:
                    continue
                rest = self._compound_parts(word[cut:], language, links, most - 1)
                if rest is not None:
                    return [part, *rest]
        return None

    def _entry_of_fewer(
        self, intent: str, entry: tuple[str, float] | None, by_name: tuple[str, ...]
    ) -> bool:
        """Whether an FAQ reading of a question comparing partner cities is an entry on only
        some of them ("Яке партнерство давніше — з Вейкфілдом чи з Коніном?" read as the
        entry on Wakefield's anniversary): it answers one city, and the comparison asks of all."""
        if intent != FAQ or entry is None:
            return False
        known = self.reader.knowledge.faq.get(entry[0])
        return known is not None and not set(by_name) - {HERNE} <= set(known.cities)

    def _intent(
        self,
        vector: tuple[np.ndarray, np.ndarray],
        cities: tuple[str, ...],
        organisations: tuple[str, ...],
        sectors: tuple[str, ...],
        places: tuple[str, ...],
        closest: list[tuple[str, float]],
        by_name: tuple[str, ...],
        years: frozenset[str] = frozenset(),
        compares: str = "",
        lasting: bool = False,
        bare: bool = False,
        unasked: frozenset[str] = frozenset(),
    ) -> tuple[str, float]:
        """The most probable intent whose slots fit what the question names, with its
        probability among the intents that fit: a greeting naming a city is not small talk,
        and an FAQ fact about other partner cities than the question names is not asked
        for. A question all but worded like one of an entry's own is that entry's, with
        the similarity as confidence, though the classifier finds it out of scope. One that
        compares partner cities (`compares`) asks for the fact its comparison word names,
        with the probability of all the cities' facts, unless it is clearly another kind."""
        named = bool(set(cities) - {HERNE} or organisations or sectors or places)
        # No entry shares a feature with the question: FAQ-like, but like none of them.
        entry = (
            self._entry_for(closest, by_name, sectors, years, organisations)
            if closest
            else ("", 0.0)
        )
        ranked = self.intents.ranked(vector)
        # A question naming an organisation and no city asks about the organisation, not a
        # city ("Le comité de jumelage a-t-il un site internet ?" is no city's website); nor
        # does the organisation's own city make it one ("Wann wurde der Herner
        # Partnerschaftsverein gegründet?", "БелГУ в Белгороде": `_seats_only`).
        cityless = bool(organisations) and self._seats_only(cities, organisations)
        if cityless and self._asked_of_another_body(closest, entry, organisations):
            # "а БелГУ когда основан?" is worded like the question an entry answers of another
            # organisation (when the association was founded): the FAQ reading is that kind of
            # question, asked of the organisation named, whose card answers it; not the less
            # similar entry left that names it, if any (the research of Belgorod's universities).
            # One naming another city too relates the two, as entries do ("Can I travel to
            # Belgorod with the association?").
            card = sum(p for i, p in ranked if i in (FAQ, ORG_INFO))
            ranked = sorted(
                [(i, p) for i, p in ranked if i not in (FAQ, ORG_INFO)] + [(ORG_INFO, card)],
                key=lambda item: -item[1],
            )
        # Nor is one naming no place at all about one city's facts: "Когда основали общество?"
        # asks about the association, whose bare name the classifier does not see as one.
        # Unless it is a bare topic ("Einwohner"), asked of every partner city. An
        # organisation named is what it asks about: "¿Cuándo se fundó la Universidad Estatal
        # de Bélgorod?", read as an FAQ entry about none of it, is its card, not unanswered.
        placeless = not cities and not places and not organisations and not bare
        fitting = [
            (intent, p)
            for intent, p in ranked
            if not (named and intent in NAMELESS)
            and intent not in unasked
            and not (intent == FAQ and entry is None)
            and not (cityless and intent in CITY_INTENTS)
            and not (placeless and intent in ONE_CITY_INTENTS)
        ]
        if lasting and any(i in SINCE_READINGS for i, _ in fitting):
            # "Konin olayı ne zamandan beri var?": the city's founding or its events, asked
            # since when of the partnership named by a vague word, are the partnership's start.
            since = sum(p for i, p in fitting if i in SINCE_READINGS)
            fitting = sorted(
                [(i, p) for i, p in fitting if i not in SINCE_READINGS] + [(SINCE, since)],
                key=lambda item: -item[1],
            )
        if not fitting:
            return OUT_OF_SCOPE, 0.0
        if placeless and sum(p for _, p in fitting) < PLACELESS_REST:
            # Only a city's fact, without a city ("Wann wurde es gegründet?"): not understood.
            return OUT_OF_SCOPE, 0.0
        intent = fitting[0][0]
        if entry is not None and entry[1] >= FAQ_SAME_QUESTION:
            known = self.reader.knowledge.faq.get(entry[0])
            if intent == OUT_OF_SCOPE or (known is not None and known.office):
                return f"faq.{entry[0]}", entry[1]
        told = self._told_by_city(entry, by_name)

        # Each fitting intent's place, and what each is about (looked up once for all the
        # candidates, where it was once per candidate and intent).
        place = {i: k for k, (i, _) in enumerate(fitting)}
        abouts: list[frozenset[str]] = []

        def group(candidate: str) -> frozenset[str]:
            """The fitting intents whose answers say what `candidate`'s does."""
            family = _FAMILY_OF.get(candidate) or {candidate}
            if told and (candidate == FAQ or candidate in told):
                family = family | told | {FAQ}
            about = self._about(candidate, organisations, entry, sectors)
            if not about:
                return frozenset(family)
            if not abouts:
                abouts.extend(self._about(i, organisations, entry, sectors) for i, _ in fitting)
            return frozenset(
                i for (i, _), a in zip(fitting, abouts, strict=True) if i in family or about & a
            )

        def together(members: frozenset[str]) -> float:
            # The group's probabilities added in the order they fit, as a scan of every
            # fitting intent adds them (the same sum to the last bit).
            return sum(fitting[k][1] for k in sorted(place[i] for i in members if i in place))

        # The answers that say the same thing together outweigh a single other reading
        # ("Quelle est l'adresse du comité de jumelage ?" split between the association's
        # card, its entry and how to reach it is about the association, not business
        # contacts): the most probable intent of the most probable group answers.
        groups = {i: group(i) for i, _ in fitting[:GROUP_CANDIDATES]}
        shared = {i: together(members) for i, members in groups.items()}
        best = max(shared, key=lambda i: shared[i])
        # Two readings in each other's group are one group, whichever of them adds a little
        # more: "Вейкфілд чим відомий?" is the city's profile at 0.89 and the entry on trips to
        # Wakefield at 0.09, whose organisation's other answers made its group the larger.
        intent = next(i for i in groups if i == best or (i in groups[best] and best in groups[i]))
        total = sum(q for _, q in fitting) or 1.0
        confidence = shared[best] / total
        kinds = COMPARISONS.get(compares, ())
        if kinds and (
            intent in CITY_INTENTS
            or confidence < COMPARISON_KEPT
            or self._entry_of_fewer(intent, entry, by_name)
        ):
            # "Which is newer, Luzhou or Beşiktaş?" is split between the cities' facts: the
            # comparison word says which fact.
            intent = intent if intent in kinds else kinds[0]
            facts = sum(q for i, q in fitting if i in CITY_INTENTS) / total
            confidence = max(confidence, facts)
            return intent, confidence
        if (
            intent == FAQ
            and entry is not None
            and self._only_herne_bodies(
                self.reader.knowledge.faq.get(entry[0]), set(by_name) - {HERNE}, sectors
            )
        ):
            # "¿Hay intercambios escolares con Wakefield?" is no question about Herne's own
            # science partners: the next reading answers, or none.
            others = {i: q for i, q in shared.items() if i != FAQ}
            if not others:
                return OUT_OF_SCOPE, 0.0
            intent = max(others, key=lambda i: others[i])
            confidence = others[intent] / total
        if (
            intent == FAQ
            and entry is not None
            and self._history_elsewhere(closest, entry, by_name, cities)
        ):
            # "Kiedy Herne i Luzhou zawarły pierwsze porozumienie?" is most like the first
            # contacts with Konin, asked of Luzhou: how that partnership began, not the entry
            # left once Konin's is ruled out (the oldest and newest partnerships, naming Luzhou).
            return HISTORY, confidence
        if intent == FAQ and entry is not None:
            name, similarity = entry
            intent = f"faq.{name}"
            if similarity < FAQ_MIN_SIMILARITY:
                confidence = 0.0  # like an FAQ question, but like none of its entries
        return intent, confidence

    def _history_elsewhere(
        self,
        closest: list[tuple[str, float]],
        entry: tuple[str, float],
        by_name: tuple[str, ...],
        cities: tuple[str, ...] = (),
    ) -> bool:
        """Whether a question naming one partner city is most like an entry on how another
        partnership began (its first contacts, its council's decision), while the entry that
        fits is no history of that city's: it asks the same of the city it names. An entry
        is a partnership's by its first city; one it names only as a go-between (Konin's
        first contacts, made through Hénin-Beaumont) is not how the go-between's own
        partnership began ("¿Cómo nació la relación con Hénin-Beaumont?"), unless the
        question names the entry's city too, by name or by its country ("... z Koninem?
        Podobno przez Francję?")."""
        named = set(by_name) - {HERNE}
        if len(named) != 1 or not closest:
            return False  # (no entry near enough: the FAQ index of a large base may give none)
        faq = self.reader.knowledge.faq
        nearest = faq.get(max(closest, key=lambda item: item[1])[0])
        fitting = faq.get(entry[0])
        if nearest is None or fitting is None:
            return False
        if tells_history(fitting) and _partnership_of(fitting) not in {*named, *cities}:
            return True  # the entry fits by the go-between's name only
        return (
            nearest is not fitting
            and tells_history(nearest)
            and _partnership_of(nearest) not in named
            and not tells_history(fitting)
        )

    def _asked_of_another_body(
        self,
        closest: list[tuple[str, float]],
        entry: tuple[str, float] | None,
        organisations: tuple[str, ...],
    ) -> bool:
        """Whether an FAQ entry about other organisations than the ones a question names is
        more similar to it than the entry left for it (or none is left): the question asks of
        its organisation what that entry tells of another."""
        named = set(organisations)
        faq = self.reader.knowledge.faq
        least = entry[1] if entry is not None else 0.0
        return any(
            similarity > least
            and (known := faq.get(name)) is not None
            and known.organisations
            and not named & set(known.organisations)
            for name, similarity in closest
        )

    def _seats_only(self, cities: tuple[str, ...], organisations: tuple[str, ...]) -> bool:
        """Whether every city a question names is the seat of an organisation it names: the
        city is then part of how the organisation is called or where it is ("der Herner
        Partnerschaftsverein", "БелГУ в Белгороде"), not what is asked about."""
        known = self.reader.knowledge.organisations
        seats = {known[o].city_id for o in organisations if o in known}
        return all(c in seats for c in cities)

    def _told_by_city(
        self, entry: tuple[str, float] | None, by_name: tuple[str, ...]
    ) -> frozenset[str]:
        """The city intents whose answers tell what the nearest FAQ entry does, when it is
        about the one partner city the question names: the city's profile ("艾斯莱本有什么有名的",
        what Eisleben is known for, is split between its profile and the entry on Luther), and
        for an entry on the partnership's history the history family too ("pourquoi Herne et
        Hénin-Beaumont sont jumelées ?" between the city's history and the Courrières entry).
        An entry on one part of the declaration (its groundwork, the 16 signatures) without
        intents of its own is told by what the declaration is and when it was signed, whatever
        city the question names: "Какое мероприятие проложило путь к декларации?" is split
        between them and the groundwork entry, and all three are about the declaration."""
        named = set(by_name) - {HERNE}
        known = self.reader.knowledge.faq.get(entry[0]) if entry else None
        if known is not None and not known.intents and _on_declaration(known):
            return DECLARATION_FAMILY
        if known is None or not named:
            return frozenset()
        city = _partnership_of(known)
        if city not in named:
            return frozenset()
        # In its city's `faq_history` (not searched there: thousands of entries in a large
        # base, each compared field by field).
        history = tells_history(known)
        if len(named) > 1:
            # Two partnerships an entry on how one began tells of, by its go-between ("конин и
            # энен-бомон как связаны? конин же через них появился?" split between Konin's first
            # contacts, made through Hénin-Beaumont, and both cities' history): the history
            # family, not the profiles of two cities.
            return FAMILIES[0] if history and named <= set(known.cities) else frozenset()
        return TOLD_BY_PROFILE | (FAMILIES[0] if history else frozenset())

    def _about(
        self,
        intent: str,
        organisations: tuple[str, ...],
        entry: tuple[str, float] | None,
        sectors: tuple[str, ...] = (),
    ) -> frozenset[str]:
        """The organisations an intent's answer is about, for this question."""
        if intent == ORG_INFO or (
            intent in CARD_CONTACTS and any(o != ASSOCIATION for o in organisations)
        ):
            return frozenset(organisations)
        if intent == FAQ:
            known = self.reader.knowledge.faq.get(entry[0]) if entry else None
            return frozenset(known.organisations) if known else frozenset()
        if intent == SECTOR_CONTACTS and self.association_sectors.intersection(sectors):
            # "Our school wants a partner school in Konin, whom do we write to?" is split
            # between the education sector's contacts and how to reach the association, which
            # both answer with the association: one group, not two halves under the threshold.
            return frozenset({ASSOCIATION})
        return self.contacted.get(intent, frozenset())

    def _entry_for(
        self,
        closest: list[tuple[str, float]],
        cities: tuple[str, ...],
        sectors: tuple[str, ...],
        years: frozenset[str] = frozenset(),
        organisations: tuple[str, ...] = (),
    ) -> tuple[str, float] | None:
        """The most similar FAQ entry that is not about other partner cities than the ones
        the question names ("When did the council decide on Ometepe?" is not answered by
        the first contacts with Konin), nor about other organisations than the ones it
        names (the association's founding is not ruhrvalley's office), nor about
        organisations of other sectors than the ones it names (logistics firms are not the
        universities Herne chose for nanotech), nor a dated event of another year than the
        ones it names whose answer does not mention them either ("Who signed with Belgorod
        in 1990?" is not the 2018 extension)."""
        named = set(cities) - {HERNE}
        for name, similarity in closest:
            entry = self.reader.knowledge.faq.get(name)
            about = set(entry.cities) - {HERNE} if entry else set()
            bodies = set(entry.organisations) if entry else set()
            if (
                (not named or not about or named & about)
                and (not organisations or not bodies or bodies & set(organisations))
                # An entry's sectors are gathered only for a question that names one.
                and (not sectors or self._sectors(entry) & set(sectors))
                and not _other_year(entry, years)
            ):
                return name, similarity
        return None

    def _only_herne_bodies(
        self, entry: FaqEntry | None, partners: set[str], sectors: tuple[str, ...]
    ) -> bool:
        """Whether an entry about no partner city is tied to the sector a question about
        `partners` names only by its organisations: those are Herne's own (the universities
        Herne chose for nanotechnology), no answer about a partner city ("¿hay intercambios
        escolares con Wakefield?" asks for no science partner of Herne's, though universities
        are of education too); its own questions naming the sector still tie it."""
        if entry is None or not partners or not sectors or set(entry.cities) - {HERNE}:
            return False
        return not set(self.entry_sectors.get(entry.id, ())) & set(sectors)

    def _sectors(self, entry: FaqEntry | None) -> set[str]:
        """The sectors an FAQ entry is about: its organisations' and those its questions name."""
        if entry is None:
            return set()
        organisations = self.reader.knowledge.organisations
        return {
            s for o in entry.organisations if o in organisations for s in organisations[o].sectors
        } | set(self.entry_sectors.get(entry.id, ()))

    def _asks_about(self, entry: FaqEntry, sectors: tuple[str, ...]) -> bool:
        """Whether SECTOR_QUESTIONS or more of the entry's questions name one of `sectors`."""
        named = self.entry_sectors.get(entry.id, {})
        return any(named.get(sector, 0) >= SECTOR_QUESTIONS for sector in sectors)

    def _closest_entries(
        self,
        vector: tuple[np.ndarray, np.ndarray],
        document: str,
        cities: tuple[str, ...],
        organisations: tuple[str, ...],
        sectors: tuple[str, ...],
    ) -> list[tuple[str, float]]:
        """The FAQ entries (the files' and the office's) most similar to the question; an
        entry about a city or an organisation the question names, or about organisations of
        a sector it names, comes first among near equals, the more so the more of its partner
        cities the question names (names and sectors are placeholders
        for the classifier, so the similarity cannot see them)."""
        partners = set(cities) - {HERNE}
        named = partners | set(organisations) | set(sectors)
        faq = self.reader.knowledge.faq

        def score(item: tuple[str, float]) -> float:
            if not named:
                return item[1]  # no bonus to find
            entry = faq.get(item[0])
            about = set(entry.cities) | set(entry.organisations) if entry else set()
            concerned = set(entry.cities) - {HERNE} if entry else set()
            share = len(partners & concerned) / len(concerned) if concerned else 0.0
            # Its sectors gathered only when its cities and organisations are not named.
            return (
                item[1]
                + (NAMED_ENTRY_BONUS if named & about or named & self._sectors(entry) else 0.0)
                + CITY_SHARE_BONUS * share
                # Not for an entry about other partner cities, which is no answer anyway.
                + (
                    SECTOR_ENTRY_BONUS
                    if entry
                    and (not concerned or not partners or partners & concerned)
                    and self._asks_about(entry, sectors)
                    else 0.0
                )
            )

        candidates = self._faq_top(vector)
        candidates += self.office.top(document, FAQ_CANDIDATES)
        ranked = sorted(candidates, key=score, reverse=True)
        return ranked[:FAQ_SUGGESTIONS]

    def _faq_top(self, vector: tuple[np.ndarray, np.ndarray]) -> list[tuple[str, float]]:
        """The FAQ_CANDIDATES trained entries most similar to a question's vector, found once
        per vector: `_closest_entries` and `_declaration_likeness` ask for them in turn."""
        if self._top[0] is not vector:
            self._top = (vector, self.faq.top(vector, FAQ_CANDIDATES))
        return list(self._top[1])

    def _history_of(self, intent: str, cities: tuple[str, ...]) -> bool:
        """Whether `intent` is an FAQ entry telling how the partnership with one of `cities`
        began (the Courrières entry for Hénin-Beaumont)."""
        entry = self.reader.knowledge.faq.get(intent[4:]) if intent.startswith("faq.") else None
        return entry is not None and tells_history(entry) and _partnership_of(entry) in cities

    def _adjective_city(self, scan: Scan, language: str) -> tuple[int, str] | None:
        """The position of the one word outside names that is an adjective of a partner city's
        country (countries.yaml `adjectives`), and that city; None for none, or for adjectives
        of two countries. A Russian or Ukrainian one that names a language ("по-французски",
        "французькою мовою") is none (`_names_language`)."""
        adjectives = self.reader.adjectives_in.get(language, ())
        named = scan.named()
        found: tuple[int, str] | None = None
        for i, word in enumerate(scan.folded):
            if i in named:
                continue
            city = _adjective_of(word, adjectives)
            if city is None or (language in ("ru", "uk") and _names_language(scan.lowered, i)):
                continue
            if found is not None and found[1] != city:
                return None
            found = found or (i, city)
        return found

    def _slots(self, scan: Scan) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        cities: list[str] = []
        organisations: list[str] = []
        places: list[str] = []
        for match in scan.entities:
            if match.kind in ("city", "country", REGION, KNOWN_BY):
                cities += [i for i in match.ids if i not in cities]
            elif match.kind == "organisation":
                organisations += [i for i in match.ids if i not in organisations]
            else:
                name = as_written(scan.written[match.start : match.end])
                if name not in places:
                    places.append(name)
        if len(cities) > 1 and HERNE in cities:
            cities.remove(HERNE)  # "Is Konin a partner of Herne?" asks about Konin
        return tuple(cities), tuple(organisations), tuple(places)


# ---- training and the stored model ------------------------------------------------------

MODEL_NAME = "understanding"
# Beside the model: the bank's words one typo from a name (`EntityMatcher.near_words`).
GUARD_NAME = "name-guard"
# And what the FAQ's questions and the partner cities' regions read as (`_entry_readings`).
READINGS_NAME = "entry-readings"
# And the bank's YAML without its phrasings (`stored_bank`).
BANK_NAME = "bank-sections"
# The child runs `-m bot.train` from here, so it finds this very package installed or not.
_SOURCE_ROOT = str(Path(__file__).resolve().parents[1])
# Each bank phrasing is filled with this many different names per slot.
FILLINGS = 2
# The classifiers learn what FAQ questions look like from at most this many of them (all of
# the shipped base's): fitting then costs the same at 40 entries and at 10,000. The other
# questions are read by the FAQ index only, once each, without spelling variants.
FAQ_TAUGHT = 3000


def _taught(knowledge: Knowledge) -> list[FaqEntry]:
    """The FAQ entries the classifier learns from: those of the files. The office's entries,
    made in the bot from users' questions, only join the FAQ index (`OfficeIndex`): adding
    one retrains nothing, and no trained model (nor its cache) keeps a user's wording."""
    return [entry for entry in knowledge.faq.values() if not entry.office]


def model_key(knowledge: Knowledge, bank: Bank) -> str:
    """What the trained model depends on: the bank, every name the base knows, the files' FAQ
    questions, the code that normalises and trains, and the versions of the libraries that
    lemmatise and fit."""
    names = {
        "cities": [
            [c.id, c.partner, c.country_code, c.aliases, c.texts] for c in knowledge.cities.values()
        ],
        "organisations": [
            [o.id, o.name, o.aliases, {k: v.get("name_local") for k, v in o.texts.items()}]
            for o in knowledge.organisations.values()
        ],
        "faq": [[f.id, f.questions, f.intents] for f in _taught(knowledge)],
    }
    digest = hashlib.sha256(_CODE_DIGEST.encode() + b"\0" + bank.digest.encode() + b"\0")
    digest.update(json.dumps(names, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def _code_digest() -> str:
    digest = hashlib.sha256()
    for module in (
        "nlp.py",
        "search.py",
        "lexicon.py",
        "spelling.py",
        "understanding.py",
        "model.py",
        "train.py",
    ):
        digest.update((Path(__file__).parent / module).read_bytes())
    for package in ("lemmagen3", "scikit-learn", "numpy"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=-".encode())
    return digest.hexdigest()


# Of the code this process runs (read once, at import).
_CODE_DIGEST = _code_digest()


def _slot_values(knowledge: Knowledge, bank: Bank, language: str) -> dict[str, list[str]]:
    cities = []
    for city in knowledge.cities.values():
        if city.partner and language in city.texts:
            cities.append(city.texts[language]["name"])
    organisations = []
    for organisation in knowledge.organisations.values():
        local = organisation.texts.get(language, {}).get("name_local")
        organisations += [local or organisation.name, *organisation.aliases[:2]]
    sectors = [t for terms in bank.sectors.get(language, {}).values() for t in terms]
    places = [names[0] for place in bank.places for names in [place.get(language, [])] if names]
    return {
        "city": cities,
        "org": organisations,
        "sector": sectors or ["Logistik"],
        "place": places or ["Paris"],
        "month": MONTHS.get(language, MONTHS["en"])[:12],
    }


def _augmented(text: str, language: str) -> list[str]:
    """The text as users also type it without the language's keyboard (the registry says how):
    Russian in Latin letters, Polish, Turkish, German, French or Spanish without diacritics."""
    variants = [text]
    typed = REGISTRY[language].typed_without_keyboard if language in REGISTRY else None
    if typed == "transliterated":
        variants += transliterations(text, language)
    elif typed == "diacritics":
        variants.append(without_diacritics(text))
    return list(dict.fromkeys(variants))


# One example of a payload: {"doc", "labels", "group", "phrasing", "language"} and, for an FAQ
# question, "entry"; the FAQ index's own questions are {"doc", "entry", "language"}. "group"
# numbers the phrasings in order (training holds out whole groups to calibrate); "phrasing" is
# a checksum of the phrasing itself, so that cross-validation (bench/qa_eval.py) keeps a
# phrasing in the same fold whatever is added to the bank before it.
Example = dict[str, Any]


def training_payload(reader: Reader, bank: Bank, seed: int = 0) -> dict[str, list[Example]]:
    """The examples of both classifiers and the FAQ index's questions, normalised exactly as
    questions will be."""
    rng = random.Random(seed)
    phrasings = bank.phrasings
    values = {
        language: _slot_values(reader.knowledge, bank, language)
        for language in {p[0] for p in phrasings} | set(LANGUAGES)
    }
    # An FAQ entry whose questions ask what regular intents answer teaches those intents.
    taught_entries = _taught(reader.knowledge)
    mapped = {f"faq.{entry.id}": entry.intents for entry in taught_entries if entry.intents}
    sources = list(phrasings)
    faq_sources = [
        (language, f"faq.{entry.id}", q)
        for entry in taught_entries
        for language, questions in entry.questions.items()
        for q in questions
    ]
    taught: Sequence[int] = range(len(faq_sources))
    if len(faq_sources) > FAQ_TAUGHT:
        # Chosen by a checksum of each question: an entry added keeps the others' choice.
        taught = sorted(
            sorted(taught, key=lambda i: zlib.crc32("\t".join(faq_sources[i]).encode()))[
                :FAQ_TAUGHT
            ]
        )
    taught_set = set(taught)
    sources += [faq_sources[i] for i in taught]
    intents: list[Example] = []
    languages: list[Example] = []
    index: list[Example] = []
    # The words the model learns from, by language, for the spelling stage (bot/spelling.py):
    # every word of the examples that is not a name, and the bank's sector and trade words.
    spelt: dict[tuple[str, str], str] = {}
    for language, by_sector in bank.sector_words().items():
        for terms in by_sector.values():
            for word in (w for term in terms for w in words(term, language)):
                spelt.setdefault((language, fold_latin(word)), word)
    for number, (language, intent, phrasing) in enumerate(faq_sources):
        if number not in taught_set and intent not in mapped:
            scan = reader.scan(clean(phrasing), known_by=False)
            document = reader.normalise(scan, language).document
            index.append({"doc": document, "entry": intent[4:], "language": language})
    for group, (language, intent, phrasing) in enumerate(sources):
        key = zlib.crc32(f"{language}\t{intent}\t{phrasing}".encode())
        entry = None
        choices = mapped.get(intent, [intent])
        if choices == [intent] and intent.startswith("faq."):
            entry, choices = intent[4:], [FAQ]
        slots = {_filled_from(s) for s in SLOTS.findall(phrasing)}
        if any(not values[language][slot] for slot in slots):
            # A base without a partner city or an organisation (a migrated database not yet
            # seeded, an import of cities only) has nothing to fill the slot with: the
            # phrasing teaches nothing rather than failing the whole training.
            continue
        fillings = FILLINGS if slots else 1
        for _ in range(fillings):
            text = _fill(phrasing, values[language], rng)
            for variant in _augmented(text, language):
                scan = reader.scan(clean(variant), known_by=False)
                named = scan.named()
                for i, word in enumerate(scan.lowered):
                    if i not in named:
                        spelt.setdefault((language, scan.folded[i]), word)
                document = reader.normalise(scan, language).document
                example: Example = {
                    "doc": document,
                    "labels": choices,
                    "group": group,
                    "phrasing": key,
                    "language": language,
                }
                if entry:
                    example["entry"] = entry
                intents.append(example)
                rest = scan.rest()
                if rest:
                    languages.append(
                        {"doc": rest, "labels": [language], "group": group, "phrasing": key}
                    )
    spelling = [{"language": g, "folded": f, "lowered": w} for (g, f), w in spelt.items()]
    return {"intents": intents, "languages": languages, "index": index, "spelling": spelling}


def _filled_from(slot: str) -> str:
    """The values a slot is filled from: a second city's are the cities'."""
    return "city" if slot == "city2" else slot


def _fill(phrasing: str, values: dict[str, list[str]], rng: random.Random) -> str:
    used: list[str] = []

    def value(match: re.Match[str]) -> str:
        slot = match.group(1)
        options = values[_filled_from(slot)]
        choices = [o for o in options if o not in used] or options
        chosen = rng.choice(choices)
        used.append(chosen)
        return chosen

    return SLOTS.sub(value, phrasing)


async def train_in_child(database: Path, bank_directory: Path, key: str) -> bytes:
    """Run bot/train.py in a child process, which reads the base and the bank and builds the
    training payload itself: neither the payload nor scikit-learn enters the bot's memory."""
    # The child runs elsewhere (`_SOURCE_ROOT`): it is given the paths as absolute ones.
    paths = await asyncio.to_thread(
        lambda: [str(database.resolve()), str(bank_directory.resolve())]
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.train",
        *paths,
        key,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=_SOURCE_ROOT,
    )
    out, err = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"training failed: {err.decode(errors='replace')[-2000:]}")
    return out


# Models trained before, by key: in this process, and on disk for other processes on this
# machine (every test starts a bot on a fresh database; the same files give the same model).
# The database stays the model's store of record; a cache that cannot be read or written is
# only a missed shortcut.
_trained: dict[str, bytes] = {}
# A process keeps the few models it used last (one, mostly; a test worker a few).
CACHE_KEEP = 8
# Every change of the bank, the base or the engine trains another model, so the disk keeps
# those used last, as many as fit in CACHE_BYTES. Bytes, not a count: models differ tenfold
# (4.4 MB for the shipped base, 1.5 MB for the tests' small banks, 34 MB at 10,000 entries),
# and a count let the checkouts on one machine evict each other's models: each run of the
# tests uses three, so five checkouts wanted fifteen of eight slots and kept retraining
# (half a minute of CPU each time). 64 MB hold eight checkouts' three.
CACHE_BYTES = 64 * 2**20


def _cache_file(key: str) -> Path | None:
    folder = cache_dir("question-models")
    return folder / f"{key}.npz" if folder else None


def _cached(key: str) -> bytes | None:
    if key in _trained:
        _trained[key] = _trained.pop(key)  # used: the last to be dropped
        return _trained[key]
    path = _cache_file(key)
    if path is None:
        return None
    try:
        data = path.read_bytes()
        os.utime(path)  # used: the last to be dropped
    except OSError:
        return None
    return data


def _keep(key: str, data: bytes) -> None:
    _trained[key] = data
    while len(_trained) > CACHE_KEEP:
        del _trained[next(iter(_trained))]
    path = _cache_file(key)
    if path is None:
        return
    failed = write_cache(path, data)
    if failed is not None:
        log.debug("question model not cached: %s", failed)
        return
    _prune(path.parent)


def _prune(directory: Path) -> None:
    """Keep the models used last that fit in CACHE_BYTES (the newest always). Another process
    may prune at the same time: a file already gone is fine."""
    aged = []
    for file in directory.glob("*.npz"):
        try:
            stat = file.stat()
        except OSError:
            continue
        aged.append((stat.st_mtime, stat.st_size, file))
    aged.sort(reverse=True)
    kept = 0
    for number, (_, size, file) in enumerate(aged):
        kept += size
        if number and kept > CACHE_BYTES:
            with contextlib.suppress(OSError):
                file.unlink(missing_ok=True)


async def train_if_needed(db: Database, bank_directory: Path | None = None) -> Reader:
    """Make sure the database holds the model for its knowledge base and the bank (training
    it in a child process when not), and what a start reads from them; returns the reader of
    both."""
    knowledge = await Knowledge.load(db)
    bank_directory = bank_directory or bank_dir()
    bank = await stored_bank(db, bank_directory)
    reader = await _stored_reader(db, knowledge, bank)
    await _stored_readings(db, reader)  # stored with the base: a start reads them
    key = model_key(knowledge, bank)
    if await db.scalar(
        "SELECT count(*) FROM question_models WHERE name = ? AND key = ?", (MODEL_NAME, key)
    ):
        return reader
    data = _cached(key)
    if data is None:
        started = time.perf_counter()
        # The child checks that the base it reads is the one `key` names: the model stored
        # under the key is the one for its data.
        data = await train_in_child(db.path, bank_directory, key)
        log.info("trained the question model in %.1f s", time.perf_counter() - started)
        _keep(key, data)
    await store(db, MODEL_NAME, key, data)
    return reader


async def stored(db: Database, name: str, key: str) -> bytes | None:
    """What `store` stored under `name` for `key`; None when it was built from other data."""
    data = await db.scalar(
        "SELECT data FROM question_models WHERE name = ? AND key = ?", (name, key)
    )
    return cast(bytes | None, data)


async def store(db: Database, name: str, key: str, data: bytes) -> None:
    """What was built from the data (the model, the name guard's words, the FAQ's readings),
    stored under its name with the key of what it was built from."""
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT OR REPLACE INTO question_models (name, key, trained_at, data) "
            "VALUES (?, ?, ?, ?)",
            (name, key, datetime.now(UTC).isoformat(timespec="seconds"), data),
        )


async def _stored_reader(db: Database, knowledge: Knowledge, bank: Bank) -> Reader:
    """The Reader, with the bank's words near a name as the database stores them for the same
    names, bank and code (finding them reads the whole bank: about 1.4 s of CPU at each start),
    else found and stored."""
    key = guard_key(knowledge, bank)
    found = await stored(db, GUARD_NAME, key)
    near_words = frozenset(json.loads(found)) if found is not None else None
    reader = Reader(knowledge, bank, near_words)
    if found is None:
        words = json.dumps(sorted(reader.matcher.near_words), ensure_ascii=False)
        await store(db, GUARD_NAME, key, words.encode())
    return reader


async def load_understander(db: Database, bank_directory: Path | None = None) -> Understander:
    """The stored model when it fits the bank and the base; else train one and store it."""
    reader = await train_if_needed(db, bank_directory)
    key = await db.scalar("SELECT key FROM question_models WHERE name = ?", (MODEL_NAME,))
    # The same key is the same model: unpacked once per process (every test's bot, a reload
    # that changed nothing the model learns), the last one kept.
    if key not in _loaded_models:
        data = await db.scalar("SELECT data FROM question_models WHERE name = ?", (MODEL_NAME,))
        arrays = loads(data)
        _loaded_models.keep(
            key,
            (
                LinearModel.from_arrays(arrays, "intent", features),
                FaqIndex.from_arrays(arrays),
                LinearModel.from_arrays(arrays, "language", language_features),
                Speller.from_arrays(arrays),
            ),
        )
    intents, faq, languages, speller = _loaded_models[key]
    readings = await _stored_readings(db, reader)
    return Understander(reader, intents, faq, languages, speller=speller, readings=readings)


async def _stored_readings(db: Database, reader: Reader) -> EntryReadings:
    """`_entry_readings` as the database stores them for the same reader (the name guard's key,
    just checked by `train_if_needed`: names, bank, registry and code), periods and texts, else
    read (about 0.4 s of CPU at each start) and stored."""
    guard = await db.scalar("SELECT key FROM question_models WHERE name = ?", (GUARD_NAME,))
    digest = hashlib.sha256(f"{guard}\0".encode())
    digest.update((Path(__file__).parent / "periods.py").read_bytes())
    digest.update(json.dumps(_readings_inputs(reader.knowledge), ensure_ascii=False).encode())
    key = digest.hexdigest()
    found = await stored(db, READINGS_NAME, key)
    if found is not None:
        sectors, regions = json.loads(found)
        return (
            {entry: dict(named) for entry, named in sectors.items()},
            {city: frozenset(found) for city, found in regions.items()},
        )
    readings = _entry_readings(reader)
    sectors, regions = readings
    data = [
        {entry: dict(sorted(named.items())) for entry, named in sectors.items()},
        {city: sorted(found) for city, found in regions.items()},
    ]
    await store(db, READINGS_NAME, key, json.dumps(data, ensure_ascii=False).encode())
    return readings


_loaded_models: Last[str, tuple[LinearModel, FaqIndex, LinearModel, Speller]] = Last()
