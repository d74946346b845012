"""Composing the answer for an understood question: the kind of answer asked for, built from the
knowledge base for the cities, places, sectors and organisations it names. No Telegram here.

`compose` returns None when the question lacks what its kind of answer needs or the base holds
nothing for it; the caller then falls back honestly instead of answering something near. Answers
hold plain text (bot/answer.py); bot/render.py escapes and formats them.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from itertools import chain, islice, pairwise
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from babel.dates import format_interval, get_month_names
from babel.lists import format_list

from bot.answer import Answer, Bullet, Heading, Line, Note, Paragraph, Suggestion
from bot.config import HOME_ZONE
from bot.db import Database
from bot.events import Event, list_events, load_event, when
from bot.i18n import LANGUAGE_NAMES, Translator
from bot.kb import (
    ASKED_FOR,
    CLOSING,
    COUNT,
    OPENING,
    POPULATION,
    PRICE,
    RECOMMENDATION,
    REFUSED,
    SECTORS,
    SIGNATORY,
    WEBSITE,
)
from bot.languages import REGISTRY
from bot.periods import Period
from bot.persons import names_person
from bot.render import to_plain
from bot.search import City, Organisation
from bot.understanding import (
    ASSOCIATION,
    ASSOCIATION_CONTACT,
    CARD_CONTACTS,
    OLDEST_NEWEST,
    ORG_INFO,
    YEAR_STORY,
    YEAR_TOPICS,
    FaqEntry,
    Knowledge,
    Ranking,
    Understanding,
    asked_year,
    tells_history,
)
from bot.users import utcnow

HERNE = "herne"
# A declaration entry about fewer partner cities than this is about those cities in particular.
SPECIFIC_CITIES = 3
# Non-partner places answered in one reply: each line repeats the list of partner cities.
MAX_PLACES = 3
# Related entries offered under a city's profile.
RELATED = 3
# FAQ entries quoted in one answer: in a base of 10,000 entries hundreds may be marked with
# the same intent or city, and an answer must stay an answer (and cheap to build).
MAX_ENTRIES = 4
# Events listed in one answer; the /events button leads to the rest.
EVENTS_SHOWN = 5
EVENTS_FETCHED = 200
# How a period is written after the heading: "7–13 Dec 2026", "June – August 2027", "2027".
_PERIOD_SKELETONS = {
    "week": "yMMMd",
    "weekend": "yMMMd",
    "christmas": "yMMMd",
    "coming": "yMMMd",
    "year": "y",
}
# Facts the city records hold only inside their texts: a sentence saying so answers.
_AREA = re.compile(r"\d\s*(km²|км²|km2|平方公里)")
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")


def _founding(language: str) -> re.Pattern[str] | None:
    """A sentence saying when a place was founded, by the registry's words for it: whole
    words, or anywhere in a language written without spaces."""
    info = REGISTRY.get(language)
    if info is None or not info.founding_words:
        return None
    words = "|".join(re.escape(w) for w in info.founding_words)
    return re.compile(words if info.tokens == "characters" else rf"\b(?:{words})\b", re.IGNORECASE)


# Chinese ends a sentence with a full-width mark and no space.
_FULL_WIDTH_ENDS = ("。", "！", "？")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])")
CITY_KINDS = (
    "profile",
    "since",
    "where",
    "population",
    "website",
    "status",
    "distance",
    "time",
    "area",
    "founded",
    "history",
)
# The kinds of answer that say when a partnership began: "which is older" compares that.
AGE_KINDS = ("since", "history", "status")
# Facts the base holds for few cities, asked of two or more as a comparison: the fact it holds
# for every partner city that the comparison is about, with these where the base holds them.
# "Is Konin older than Wakefield?" gets the partnerships' years, "Which is bigger, Konin or
# Wakefield?" read as area their populations.
COMPARED_INSTEAD = {
    ("founded", "older"): "since",
    ("founded", "newer"): "since",
    ("area", "larger"): "population",
    ("area", "smaller"): "population",
}
# Kinds that say nothing about Herne itself: "how far is Konin from Herne" names Herne too.
PARTNERSHIP_KINDS = ("since", "status", "distance", "history")
# Kinds of answer that name whom to contact: a question naming an organisation other than the
# association is answered with that organisation's card.
CONTACT_INTENTS = ("association.contact", "contacts.sector", "contacts.business")
SMALLTALK = (
    "smalltalk.greeting",
    "smalltalk.thanks",
    "smalltalk.goodbye",
    "bot.capabilities",
    "smalltalk.chatter",
    "smalltalk.complaint",
    "smalltalk.languages",
    "smalltalk.cannot",
)

T = TypeVar("T")


async def compose(
    u: Understanding,
    knowledge: Knowledge,
    db: Database,
    t: Translator,
    first_events: tuple[str, ...] = (),
) -> Answer | None:
    """The answer of kind `u.intent` for the things `u` names, or None. `first_events`: the
    events the question names by what they are (bot/event_titles.py), listed first."""
    # Values are substituted as they are: the renderer escapes the whole answer once.
    t = t.plain
    intent = u.intent
    if REFUSED & set(u.asks):
        # "Write me a poem about Konin", "Your opinion on the elections in Poland?": whatever
        # the question names, a text written for the asker or the bot's own view is not what it
        # is for; the city's profile read from the name would answer what was not asked.
        intent = "smalltalk.cannot"
    kind = intent.partition(".")[2]
    if u.ranking is not None:
        # Computed from the cities in memory, as they are: no year, event or entry applies.
        answer = _ranking(u.ranking, u, knowledge, t)
        if answer is not None:
            answer.confidence = u.confidence
        return answer
    if intent.startswith("city.") and kind in CITY_KINDS:
        answer = _city_answer(kind, u, knowledge, t)
        if u.journey and kind == "distance":
            answer = _journey(answer, u, t)
    elif intent == "partners.list" and not u.places:
        answer = _partner_list(knowledge, t, u)
    elif intent in ("partners.list", "partners.check"):
        # "Is Lens one of Herne's partner cities?" reads like the list, but names a place
        # that is not one of them: it gets the direct "no", which names them all anyway.
        answer = _partner_check(u, knowledge, t)
    elif intent in CARD_CONTACTS and _named_others(u):
        # "How do I reach the Herner EV?" reads like a question about the association, the
        # organisation being a placeholder for the classifier: the one named is the answer.
        answer = _organisations(u, knowledge, t)
    elif intent == "contacts.sector" or (
        intent == "contacts.business" and _names_business_sector(u, knowledge)
    ):
        # "Belgorod'da lojistik firmalarıyla bağlantı kurmak istiyorum" reads as general
        # business contacts, but the economy's sector it names is what is asked for: that
        # sector's contacts, not every organisation of the city (its universities, a club).
        answer = _sector_contacts(u, knowledge, t)
    elif intent == "contacts.business":
        # "Who do I talk to about doing business in Belgorod?": as for a sector-less
        # contacts question, what the base knows there comes with the general contact.
        answer = _city_contacts([c for c in u.cities if c in knowledge.cities], knowledge, t)
    elif intent == "org.info" and u.organisations == (ASSOCIATION,):
        # Its card says what it is (founded, members, sections), its own entry how to reach
        # it and where to read more (herne.de): "When was the association founded?" and
        # "Does it have a website?" are both answered.
        answer = _association_card(knowledge, t)
        if answer is not None:
            answer = _suspension_said(answer, _told_beside(u, knowledge), knowledge, t)
    elif intent == "org.info":
        answer = _organisations(u, knowledge, t)
        if answer is not None:
            answer = _suspension_said(answer, _told_beside(u, knowledge), knowledge, t)
    elif intent in ("events.upcoming", "events.past"):
        answer = await _events(intent == "events.past", u, knowledge, db, t, first_events)
    elif intent.startswith("declaration.") and (outside := _outside_declaration(u, knowledge)):
        answer = _not_in_declaration(outside, knowledge, t)
    elif intent.startswith("declaration."):
        answer = _faq_answer(intent, _declaration_entries(intent, u, knowledge), knowledge, t)
    elif intent.startswith("faq."):
        answer = _faq_answer("faq", (intent[4:],), knowledge, t)
        if answer is not None:
            # "Can the association help our club plan a trip to Belgorod?" read as the
            # association: a partner city on hold that the entry is not about is said to be.
            entry = knowledge.faq[intent[4:]]
            others = [c for c in u.cities if c in knowledge.cities and c not in entry.cities]
            answer = _suspension_said(answer, others, knowledge, t)
        if answer is not None and lists_events(intent, knowledge):
            await _with_dated_events(answer, knowledge.faq[intent[4:]], u, knowledge, db, t)
    elif intent == "association.contact":
        answer = _association(knowledge, t)
        if answer is not None:
            # "Can the association help our club plan a trip to Belgorod?": as with an FAQ
            # entry about it, a partner city on hold named beside it is said to be.
            answer = _suspension_said(answer, _told_beside(u, knowledge), knowledge, t)
    elif intent == "office.contact":
        answer = _office(knowledge, t)
    elif intent in SMALLTALK:
        answer = _reply(_text(_smalltalk_text(intent, t)), t, intent, smalltalk=True)
        # A joke or a song asked for is refused, politely: no answer, as the fallback is, but
        # no question for the office either.
        answer.fallback = intent == "smalltalk.cannot"
    elif intent == YEAR_STORY:
        answer = _year_story(u, knowledge, t)
    else:
        return None
    if answer is not None and intent != YEAR_STORY:
        answer = _for_year(u, answer, knowledge, t)
    if answer is not None and POPULATION in u.asks:
        answer = _population_of_year(u, answer, knowledge)
    if u.counts_years or u.anniversary:
        answer = _in_years(u, answer, knowledge, t)
    if answer is not None and WEBSITE in u.asks and WEBSITE not in answer.holds:
        # "Hat der Partnerschaftsverein eine Internetseite?" read as its founding: the
        # organisations the answer is about answer it, with how to reach them.
        answer = _reached(answer.organisations, knowledge, t) or answer
    if answer is not None and _lacks_asked(u, answer):
        answer = _history_holding(u, knowledge, t)
    if answer is not None and intent in REACHING_INTENTS and names_person(u.text):
        # "Murat Hazinedar's home address?": the base holds how to reach organisations only,
        # never a person's own contact; the office's or an organisation's is not what was asked.
        return None
    if answer is None:
        return None
    if u.claimed:
        _claim_judged(u, answer, knowledge, t)
    # Whether the claim holds first, then the answer: where the city lies ("Luzhou liegt in
    # Japan, oder?"), the list or the oldest and newest ("Herne hat zehn Partnerstädte, oder?").
    if (answer.entry or "").startswith("city.where:"):
        verdict = u.placed
    else:
        verdict = u.judged if answer.entry in _JUDGED_ENTRIES else ""
    if verdict:
        said = t.gettext("Yes.") if verdict == "yes" else t.gettext("No.")
        answer.paragraphs.insert(0, Paragraph((said,)))
    answer.confidence = u.confidence
    return answer


# The readings whose answer tells when the partnership with the one city named began (its
# status tells that too, but a claim read so is of its suspension as often).
_SINCE_TOLD = ("city.since:", "city.history:")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _claim_judged(u: Understanding, answer: Answer, knowledge: Knowledge, t: Translator) -> None:
    """Says first whether a claim of the year a partnership began is right ("Yes, since 1956."
    or "No: since 1954, not 1960."), where the claim names one year, the question one partner
    city and the answer tells when that partnership began. No verdict where the answer holds
    the claimed year as another step of its story (Konin's first contacts of 1989 are no
    partnership of 1989, but a claim of 1989 may mean them), nor a "yes" where it tells of an
    earlier step (Luzhou's friendship agreement of 2018 before its deed of 2019). Of a
    partnership on hold only a "yes": a later year claimed may be of its suspension or of
    a visit ("Belgorod … 2020, oder?")."""
    named = [c for c in u.cities if c != HERNE]
    if len(u.claimed) != 1 or len(named) != 1 or u.anniversary or u.counts_years:
        return
    city = knowledge.cities.get(named[0])
    if city is None or not city.partner or not city.partner_since:
        return
    entries = (answer.entry or "").split("+")
    # An active partnership's status tells when it began ("Mit Eisleben gibt es die
    # Partnerschaft seit 1995, stimmt das?"); one on hold, when it was suspended too.
    told_since = _SINCE_TOLD if city.status == "suspended" else (*_SINCE_TOLD, "city.status:")
    if not any(e.startswith(told_since) for e in entries):
        return
    since = int(city.partner_since[:4])
    claimed = u.claimed[0]
    told = {int(y) for y in _YEAR.findall(to_plain(answer))}
    if claimed == since and not any(y < since for y in told):
        verdict = t.gettext("Yes, since %(year)s.", year=since)
    elif claimed != since and claimed not in told and city.status != "suspended":
        verdict = t.gettext("No: since %(year)s, not %(claimed)s.", year=since, claimed=claimed)
    else:
        return
    answer.paragraphs.insert(0, Paragraph((verdict,)))


def _in_years(
    u: Understanding, answer: Answer | None, knowledge: Knowledge, t: Translator
) -> Answer | None:
    """How many years the partnerships a question names have lasted ("How many years has the
    partnership with Wakefield existed?"), or the year of the anniversary it asks for by its
    number ("wann ist das 30-jährige Jubiläum mit Konin?"), counted from their beginning in
    the base and said before the answer on when they began. An anniversary is that answer,
    whatever the question was read as (an entry on how the partnership began, its events);
    a count only adds to it. Every city named must be a partner city with a beginning."""
    if answer is not None and answer.smalltalk:
        return answer
    named = [c for c in u.cities if c != HERNE]
    cities = [knowledge.cities[c] for c in named if c in knowledge.cities]
    if not named or u.places or not all(c.partner and c.partner_since for c in cities):
        return answer
    if answer is None or not _tells_beginning(answer, knowledge, named, u.anniversary):
        if not u.anniversary:
            return answer
        answer = _city_answer("since", replace(u, intent="city.since"), knowledge, t)
        if answer is None:
            return None
    today = utcnow().astimezone(HOME_ZONE).date()
    lines = tuple(_years_sentence(city, u.anniversary, today, t) for city in cities)
    answer.paragraphs.insert(0, Paragraph(lines))
    if u.anniversary:
        # "When did a delegation go to Belgorod for the 25th anniversary?": how the base says
        # that anniversary was marked (a dated entry of its year naming its number) follows.
        marked = [e for c in cities for e in _anniversary_entries(c, u.anniversary, knowledge, t)]
        told = {e.id for e in marked if e.id in (answer.entry or "")}
        marked = [e for e in _distinct(marked, key=lambda e: e.id) if e.id not in told]
        for i, paragraph in enumerate(_paragraphs([e.answers[t.language] for e in marked])):
            answer.paragraphs.insert(1 + i, paragraph)
        answer.sources = _unique(answer.sources + [s for e in marked for s in e.sources])
    return answer


def _anniversary_entries(
    city: City, anniversary: int, knowledge: Knowledge, t: Translator
) -> list[FaqEntry]:
    """The FAQ's entries on how the partnership with `city` marked its anniversary of
    `anniversary` years: dated in that year, about the city, their answer naming the number."""
    parts = (city.partner_since or "").split("-")
    if not parts[0].isdigit():
        return []
    year = str(int(parts[0]) + anniversary)
    number = re.compile(rf"(?<!\d){anniversary}(?!\d)")
    said = str(anniversary)
    # The city's own entries (`faq_by_city`, in the files' order), not the whole base; the
    # number looked for as a string before it is looked for as a number.
    return [
        e
        for e in knowledge.faq_by_city.get(city.id, ())
        if (e.date or "").startswith(year)
        and said in e.answers.get(t.language, "")
        and number.search(e.answers[t.language])
    ]


# The answers a claim judged by all the partner cities is said before (`Understanding.judged`).
_JUDGED_ENTRIES = ("partners.list", OLDEST_NEWEST.replace(".", ":", 1))

# The answers that say when a partnership began: a count of its years goes with them.
_BEGINNING_ENTRIES = ("city.since:", "city.history:")


def _tells_beginning(
    answer: Answer, knowledge: Knowledge, cities: list[str], anniversary: int
) -> bool:
    """Whether `answer` tells when the partnerships with `cities` began: a city's since or
    history (alone or as one part of two); for a count of years, also the FAQ's entries on
    those partnerships' history ("сколько лет партнерству херне и конина" read as Konin's
    first contacts). An anniversary's year goes with the since answer only: an entry of one
    partnership's history is another's as often ("le 75e anniversaire du jumelage avec
    Hénin-Beaumont" read as Konin's first contacts, arranged through Hénin-Beaumont), and the
    city's history, read so since round 27, tells more than the year asked."""
    entry = answer.entry or ""
    beginning = _BEGINNING_ENTRIES[:1] if anniversary else _BEGINNING_ENTRIES
    if any(e.startswith(beginning) for e in entry.split("+")):
        return True
    kind, _, ids = entry.partition(":")
    quoted = [knowledge.faq.get(i) for i in ids.split(",")]
    return (
        not anniversary
        and kind == "faq"
        and all(e is not None and tells_history(e) and set(cities) <= set(e.cities) for e in quoted)
    )


def _years_sentence(city: City, anniversary: int, today: date, t: Translator) -> str:
    """How long ago the partnership with `city` began, or when its anniversary of
    `anniversary` years was, is or will be."""
    parts = [int(p) for p in (city.partner_since or "").split("-")]
    first = date(parts[0], *[*parts[1:], 1, 1][:2])
    name = city.name(t.language)
    if anniversary:
        year = first.year + anniversary
        if year < today.year:
            text = t.gettext(
                "The %(count)s-year anniversary of the partnership with %(city)s was in %(year)s.",
                count=anniversary,
                city=name,
                year=year,
            )
        elif year == today.year:
            text = t.gettext(
                "The %(count)s-year anniversary of the partnership with %(city)s is this year, "
                "%(year)s.",
                count=anniversary,
                city=name,
                year=year,
            )
        else:
            text = t.gettext(
                "The %(count)s-year anniversary of the partnership with %(city)s will be in "
                "%(year)s.",
                count=anniversary,
                city=name,
                year=year,
            )
        return text
    years = today.year - first.year - ((today.month, today.day) < (first.month, first.day))
    return t.ngettext(
        "The partnership with %(city)s began %(count)s year ago.",
        "The partnership with %(city)s began %(count)s years ago.",
        years,
        count=years,
        city=name,
    )


def about_person(
    entry_ids: list[str], u: Understanding, knowledge: Knowledge, t: Translator
) -> Answer | None:
    """What the base's answers tell of a person a question names by name (bot/persons.py):
    the entries naming them in the order of their dates, those about the partner cities the
    question names first."""
    named = set(u.cities) - {HERNE}
    ids = sorted(
        (i for i in entry_ids if i in knowledge.faq),
        key=lambda i: (
            not named.intersection(knowledge.faq[i].cities),
            knowledge.faq[i].date or "",
        ),
    )
    return _faq_answer("faq", ids, knowledge, t.plain)


def _lacks_asked(u: Understanding, answer: Answer) -> bool:
    """The question asks for something its answer does not hold: "Who signed the partnership
    with Wakefield?" is not answered by when it began, nor "How many pupils came?" by the
    visit. (A website the base does not know is said so by the city's or the organisation's
    answer: it is no reason to fall back; nor what led up to it, which an answer about how a
    partnership began tells without saying so; nor a language, which "In welcher Sprache
    antwortest du?" asks of the bot, not of a text the base holds. A recommendation asked,
    "Що порадите логістам?", is answered by an answer naming whom to turn to: organisations;
    a place to eat, drink or stay is not, even where an entry names the association.
    What joining the association costs is answered by how to reach it, which can tell: the
    association's contact holds a price, no other answer does; the office's does not, it
    sets no prices: "Was kostet das Parken am Shamrock-Park?" is no question for it.)"""
    holding = answer.holds | ({RECOMMENDATION} if answer.organisations else set())
    if u.intent == ASSOCIATION_CONTACT:
        holding |= {PRICE}
    return not answer.smalltalk and not set(u.asks) - {WEBSITE, POPULATION} - OPENING <= holding


# The readings that say how to reach an organisation: never a person's own contact.
REACHING_INTENTS = CARD_CONTACTS | {ORG_INFO}


# The answers that give a partner city's population, with the year of its figure.
_POPULATION_ENTRIES = ("city.population:", "city.profile:")


def _population_of_year(u: Understanding, answer: Answer, knowledge: Knowledge) -> Answer | None:
    """A population asked of a past year ("Wie viele Einwohner hatte Konin 1991?"): the base
    holds one figure per city, counted in one year, so only the figures of that year answer it;
    another year's figure is no answer, nor an entry dated that year that gives none (a
    question on Herne's inhabitants in 1906 read as the Courrières disaster of that year)."""
    year = asked_year(u.text, utcnow().astimezone(HOME_ZONE).year)
    if year is None or answer.smalltalk:
        return answer
    cities = [knowledge.cities.get(c) for c in answer.cities]
    counted = (answer.entry or "").startswith(_POPULATION_ENTRIES) and all(
        c is not None and c.population and c.population_year == year for c in cities
    )
    return answer if counted and cities else None


def _reached(organisations: list[str], knowledge: Knowledge, t: Translator) -> Answer | None:
    """How to reach the organisations an answer is about: the association's entry (herne.de),
    another's card with its website, where the base knows one."""
    if ASSOCIATION in organisations:
        return _association(knowledge, t)
    found = [knowledge.organisations[o] for o in organisations if o in knowledge.organisations]
    if not any(o.website for o in found):
        return None
    entry = "org.info:" + ",".join(o.id for o in found)
    return _organisation_answer("", found, knowledge, t, entry, [])


def _history_holding(u: Understanding, knowledge: Knowledge, t: Translator) -> Answer | None:
    """The history of the partnerships the question names, when it holds what the question
    asks for and says every year it names: "Who signed the treaty with Belgorod in 1990?" read
    as about the aid convoys of the early 1990s is answered by the signing of 1990."""
    if u.intent == "city.history" or not set(u.cities) - {HERNE}:
        return None
    answer = _city_answer("history", u, knowledge, t)
    if answer is None or _lacks_asked(u, answer):
        return None
    said = to_plain(answer)
    return None if any(year not in said for year in _YEAR.findall(u.text)) else answer


# The readings that may answer "what happened in <year>" without saying anything of that year
# (Belgorod's profile or status for "Was war 2015 mit Belgorod?", the archive of every year for
# "что было в 1987 году с Ометепе"); of them, those that answer nothing of that year at all, so
# that a year the base holds nothing for gets the fallback, never another year's facts.
_YEAR_READINGS = ("city.profile", "city.status", "city.history", "events.past")
_YEAR_BLIND = ("city.profile", "events.past")


def _for_year(
    u: Understanding, answer: Answer, knowledge: Knowledge, t: Translator
) -> Answer | None:
    """The answer to a question that names a past year as its topic: as composed when it says
    that year (and, for a month named with it, quotes what the base holds of that month);
    else what the base holds of that year (`_year_story`); none: the answer of a reading that
    tells nothing of a year is none (the fallback), any other is kept."""
    intent = u.intent
    if not (intent in _YEAR_READINGS or intent.startswith(("faq.", "declaration."))):
        return answer
    year = asked_year(u.text, utcnow().astimezone(HOME_ZONE).year)
    if year is None:
        return answer
    quoted = set((answer.entry or "").partition(":")[2].split(","))
    # An entry quoted of that year says it, though its text may not ("Welche Rolle spielte Konin
    # bei der Erklärung von 2018?": Konin's own entry on the declaration).
    months = {f"{year}-{m:02d}" for m in (*u.months, *u.dated)} or {str(year)}
    dated = any(
        (knowledge.faq[i].date or "").startswith(tuple(months))
        for i in quoted
        if i in knowledge.faq
    )
    if dated:
        return answer
    said = to_plain(answer)
    unsaid = str(year) not in said
    if not unsaid and not (u.months or u.dated):
        return answer
    if not unsaid and _says_month(said, (*u.months, *u.dated), t):
        return answer  # "What laid the groundwork for the January 2018 declaration?"
    story = _year_story(u, knowledge, t)
    if story is None:
        return None if unsaid and intent in _YEAR_BLIND else answer
    if not unsaid and quoted & set((story.entry or "").partition(":")[2].split(",")):
        return answer  # "Was war im Juli 2018 mit Belgorod?" read as that very entry
    return story


def _says_month(text: str, months: tuple[int, ...], t: Translator) -> bool:
    """Whether a text names one of `months` in the translator's language (either of CLDR's wide
    forms; in Chinese also by its number, "7月")."""
    folded = text.casefold()
    forms = [
        get_month_names("wide", "format", t.formats),
        get_month_names("wide", "stand-alone", t.formats),
    ]
    names = [name.casefold() for form in forms for m, name in form.items() if m in months]
    names += [f"{m}月" for m in months]
    return any(name in folded for name in names)


def _year_story(u: Understanding, knowledge: Knowledge, t: Translator) -> Answer | None:
    """What the base holds of the one past year a question names ("Was war 2015 mit
    Belgorod?", "2016'da ne oldu?"), for the partner cities it names (any, when it names
    none), in a month it names with it: the partnerships that began then, and the entries on a
    partnership's history, its exchanges and the declaration dated then, one per date and
    MAX_ENTRIES at most (the declaration's five entries of one day are one event); of a partner
    city named, when none is dated then, its entries that speak of that year ("Luzhou 2019":
    the deed signed in Berlin). None when the base holds nothing of it: a year it knows nothing
    of gets no neighbouring year's facts."""
    year = asked_year(u.text, utcnow().astimezone(HOME_ZONE).year)
    if year is None:
        return None
    named = [c for c in u.cities if c != HERNE and c in knowledge.cities]
    months = {f"{year}-{m:02d}" for m in (*u.months, *u.dated)}

    def when(value: str | None) -> bool:
        return bool(value) and (not months or (value or "")[:7] in months)

    if named:
        # The named cities' entries of that year, in the year's order (each once).
        lists = [knowledge.faq_by_year_city.get((str(year), c), []) for c in named]
        of_year: Iterable[FaqEntry] = (
            lists[0]
            if len(lists) == 1
            else sorted(
                {e.id: e for entries in lists for e in entries}.values(),
                key=lambda e: knowledge.year_rank[e.id],
            )
        )
    else:
        of_year = knowledge.faq_by_year.get(str(year), ())
    entries = list(
        islice(
            _first_of_each_date(list(of_year), lambda e: when(e.date) and t.language in e.answers),
            MAX_ENTRIES,
        )
    )
    begun = [
        c
        for c in ([knowledge.cities[c] for c in named] if named else _partners(knowledge))
        if c.partner
        and (c.partner_since or "")[:4] == str(year)
        and (not months or len(c.partner_since or "") < 7 or when(c.partner_since))
        and not any(c.id in e.cities and e.date == c.partner_since for e in entries)
    ]
    if not entries and not months:
        # Of a city named, its entries that speak of the year, though dated otherwise.
        told = (
            e
            for c in named
            for topic in sorted(YEAR_TOPICS)
            for e in knowledge.faq_by_topic_city.get((topic, c), ())
            if t.language in e.answers and str(year) in e.answers[t.language]
        )
        entries = list(islice(_distinct(told, key=lambda e: e.id), MAX_ENTRIES))
    if not entries and not begun:
        return None
    texts = [s for c in begun if (s := _since(c, t))]
    texts += [e.answers[t.language] for e in entries]
    # A partnership on hold is said so, where no entry about it says it already.
    texts += [
        n for c in begun if not any(c.id in e.cities for e in entries) for n in _status_note(c, t)
    ]
    return _reply(
        _paragraphs(texts),
        t,
        f"{YEAR_STORY}:" + ",".join([*(c.id for c in begun), *(e.id for e in entries)]),
        sources=_unique(
            [
                *(s for c in begun for s in c.sources_for("since")),
                *(s for e in entries for s in e.sources),
            ]
        ),
        cities=_unique([*(c.id for c in begun), *(c for e in entries for c in e.cities)]),
        organisations=_unique(o for e in entries for o in e.organisations),
        holds=frozenset(h for e in entries for h in e.holds),
    )


def _reply(paragraphs: list[Paragraph], t: Translator, entry: str, **fields: Any) -> Answer:
    return Answer(paragraphs, t.language, 0.0, False, entry=entry, **fields)


def _text(text: str) -> list[Paragraph]:
    return [Paragraph((text,))]


def _unique(items: Iterable[T]) -> list[T]:
    return list(dict.fromkeys(items))


def _first_of_each_date(
    entries: list[FaqEntry], keep: Callable[[FaqEntry], bool]
) -> Iterator[FaqEntry]:
    """The first entry `keep` accepts of each date, of `entries` sorted by date: what
    `_distinct(filter(keep, entries), key=date)` gives, without reading the rest of a date once
    one of it is taken (a large base dates hundreds of entries on one day)."""
    dates = [e.date or "" for e in entries]
    i = 0
    while i < len(entries):
        if keep(entries[i]):
            yield entries[i]
            i = bisect_right(dates, dates[i], lo=i)
        else:
            i += 1


def _distinct(items: Iterable[T], key: Callable[[T], object] | None = None) -> Iterator[T]:
    """`_unique` lazily (a large base marks thousands of entries; an answer quotes a few),
    by `key` where given."""
    seen: set[object] = set()
    for item in items:
        mark = item if key is None else key(item)
        if mark not in seen:
            seen.add(mark)
            yield item


def _paragraphs(texts: list[str]) -> list[Paragraph]:
    """Paragraphs without the sentences an earlier one already said (the Belgorod suspension
    closes many entries)."""
    said: set[str] = set()
    paragraphs = []
    for text in texts:
        kept = []
        for sentence in _SENTENCE_END.split(text.strip()):
            if sentence and sentence not in said:
                said.add(sentence)
                kept.append(sentence)
        if kept:
            paragraphs.append(Paragraph((_joined(kept),)))
    return paragraphs


def _joined(sentences: list[str]) -> str:
    """Sentences as one text: a space after a full stop, none after a Chinese one."""
    text = sentences[0]
    for sentence in sentences[1:]:
        text += sentence if text.endswith(_FULL_WIDTH_ENDS) else " " + sentence
    return text


# ---- cities ------------------------------------------------------------------------------


def _named_cities(u: Understanding, knowledge: Knowledge, kind: str) -> list[City]:
    cities = [knowledge.cities[c] for c in u.cities if c in knowledge.cities]
    others = [c for c in cities if c.id != HERNE]
    if others and (kind in PARTNERSHIP_KINDS or len(others) < len(cities)):
        return others
    return cities


def _city_answer(kind: str, u: Understanding, knowledge: Knowledge, t: Translator) -> Answer | None:
    cities = _named_cities(u, knowledge, kind)
    asked = kind
    if len(cities) > 1:
        kind = COMPARED_INSTEAD.get((kind, u.compares), kind)
    if u.places and not cities:
        # "How many people live in Kraków?": the base holds nothing on the place asked about,
        # and a ranking of the partner cities would answer something else.
        return None
    if not cities:
        # "Which partnership is the oldest?", "Which partner city is the farthest?". Not for
        # population: "how many people live in <a town we do not know>" must not get a ranking.
        if kind in ("since", "status"):
            return _partner_list(knowledge, t)
        if kind == "distance":
            return _distance_ranking(knowledge, t)
        if u.every:
            # "Einwohner", "local time", "人口": the fact of every partner city.
            return _every_partner(kind, knowledge, t)
        return None
    parts: list[tuple[City, list[Paragraph] | None, list[str]]] = []
    holds: set[str] = set()
    for city in cities:
        if city.status_since:
            # Every answer on a partnership put on hold says so with its day: "Когда закрыли
            # партнерство с Белгородом?" is answered by it, whatever part of it was read.
            holds.add(CLOSING)
        entries = _entries_for(f"city.{kind}", city, knowledge, t)
        text: list[Paragraph] | None
        if kind in ("history", "since"):
            # "Since when, and how did it begin?" is one question more often than not: the
            # date comes with the entries on how the partnership began, where the base has any.
            text, sources, quoted = _history(city, knowledge, t, profile=kind == "history")
            holds.update(*(e.holds for e in quoted))
        elif kind in ("area", "founded") and entries:
            # An entry about it says more than a sentence picked from the profile.
            text, sources = None, []
        else:
            text, sources = city_fact(kind, city, knowledge, t), city.sources_for(kind)
        if text is None and entries:
            text = _paragraphs([e.answers[t.language] for e in entries])
            sources = _unique(s for e in entries for s in e.sources)
            holds.update(*(e.holds for e in entries))
        parts.append((city, text, sources))
    answered = [(city, text, sources) for city, text, sources in parts if text]
    if not answered:
        return None
    texts = [
        paragraph
        for city, text, _ in parts
        for paragraph in text
        or _text(
            t.gettext(
                "My knowledge base holds nothing on this for %(city)s.", city=city.name(t.language)
            )
        )
    ]
    if asked != kind:
        texts += [p for city, _, _ in answered for p in city_fact(asked, city, knowledge, t) or []]
    compared = _comparison(kind, u.compares, [city for city, _, _ in answered], knowledge, t)
    if compared:
        texts.insert(0, Paragraph((compared,)))
    if u.unlinked and len(answered) == 2:
        one, other = (city.name(t.language) for city, _, _ in answered)
        unlinked = t.gettext(
            "%(one)s and %(other)s: my knowledge base holds no direct link between them; both "
            "are partner cities of Herne.",
            one=one,
            other=other,
        )
        texts.insert(0, Paragraph((unlinked,)))
    if kind != "distance":
        # "Population of Konin and Kraków": the unknown place is said to be unknown. A distance
        # question names its other end ("Belgorod from Moscow"), which the answer covers.
        texts += [
            Paragraph(
                (t.gettext("My knowledge base holds nothing on this for %(city)s.", city=place),)
            )
            for place in _unique(_place_name(p) for p in u.places if p.strip())[:MAX_PLACES]
        ]
    ids = [city.id for city, _, _ in parts]
    suggestions: list[Suggestion] = []
    if kind == "website":
        suggestions = [
            Suggestion("link", city.website, f"🌐 {city.name(t.language)}")
            for city, _, _ in answered
            if city.website
        ]
    if kind == "profile" and len(answered) == 1:
        suggestions = _related(answered[0][0], knowledge, t)
    return _reply(
        texts,
        t,
        f"city.{kind}:{','.join(ids)}",
        sources=_unique(s for _, _, sources in answered for s in sources),
        cities=ids,
        suggestions=suggestions,
        holds=frozenset(holds),
    )


def _journey(answer: Answer | None, u: Understanding, t: Translator) -> Answer | None:
    """How long the journey to a partner city takes ("how long is the drive to Konin?",
    "开车到科宁要多久"): the base holds no timetables or travel times, so the answer is the
    distance as the crow flies, saying so after it; asked of no partner city ("how long is the
    flight?"), there is nothing to measure, and a ranking of every partner city's distance
    would answer another question."""
    if answer is None or not set(u.cities) - {HERNE}:
        return None
    said = t.gettext(
        "My knowledge base holds no timetables or travel times, so I cannot say how long the "
        "journey takes; the distance is as the crow flies."
    )
    answer.paragraphs.insert(1, Paragraph((said,)))
    return answer


def _comparison(
    kind: str, way: str, cities: list[City], knowledge: Knowledge, t: Translator
) -> str | None:
    """The comparison of two partner cities a question asks for, in words, before their
    facts: which partnership is older or newer (and by how many years), which city has more
    or fewer inhabitants, which is closer to or farther from Herne. Two cities at a distance
    asked without a comparison word: how far apart they are."""
    if len(cities) != 2:
        return None
    first, second = cities
    if kind in AGE_KINDS and way in ("older", "newer"):
        return _age_comparison(first, second, way == "newer", t)
    if kind == "population" and way in ("larger", "smaller"):
        if not (first.population and second.population) or first.population == second.population:
            return None
        small, large = sorted(cities, key=lambda c: c.population or 0)
        if way == "larger":
            return t.gettext(
                "%(city)s has more inhabitants than %(other)s.",
                city=large.name(t.language),
                other=small.name(t.language),
            )
        return t.gettext(
            "%(city)s has fewer inhabitants than %(other)s.",
            city=small.name(t.language),
            other=large.name(t.language),
        )
    if kind != "distance" or HERNE in (first.id, second.id):
        return None
    if way in ("closer", "farther"):
        far = {c.id: _from_herne(c, knowledge) for c in cities}
        if None in far.values() or far[first.id] == far[second.id]:
            return None
        near, away = sorted(cities, key=lambda c: far[c.id] or 0.0)
        if way == "closer":
            return t.gettext(
                "%(city)s is closer to Herne than %(other)s.",
                city=near.name(t.language),
                other=away.name(t.language),
            )
        return t.gettext(
            "%(city)s is farther from Herne than %(other)s.",
            city=away.name(t.language),
            other=near.name(t.language),
        )
    if way or first.lat is None or first.lon is None or second.lat is None or second.lon is None:
        return None
    km = distance_km(first.lat, first.lon, second.lat, second.lon)
    return t.gettext(
        "%(city)s and %(other)s are about %(km)s km apart as the crow flies.",
        city=first.name(t.language),
        other=second.name(t.language),
        km=t.number(round(km, -1)),
    )


def _age_comparison(first: City, second: City, newer: bool, t: Translator) -> str | None:
    """Which of two partnerships is older (or newer), by the years between their starts; of
    one year, which began first where the base holds both days."""
    began = {c.id: c.partner_since or "" for c in (first, second)}
    if not all(began.values()):
        return None
    early, late = sorted((first, second), key=lambda c: began[c.id])
    year = began[early.id][:4]
    years = int(began[late.id][:4]) - int(year)
    if years:
        city = late if newer else early
        if newer:
            return t.ngettext(
                "The partnership with %(city)s is the newer one, by %(count)s year.",
                "The partnership with %(city)s is the newer one, by %(count)s years.",
                years,
                city=city.name(t.language),
            )
        return t.ngettext(
            "The partnership with %(city)s is the older one, by %(count)s year.",
            "The partnership with %(city)s is the older one, by %(count)s years.",
            years,
            city=city.name(t.language),
        )
    if "-" in began[early.id] and "-" in began[late.id]:
        if began[early.id] == began[late.id]:
            return None
        return t.gettext(
            "Both partnerships began in %(year)s, the one with %(city)s first, on %(date)s.",
            year=year,
            city=early.name(t.language),
            date=partner_since(early, t),
        )
    return t.gettext("Both partnerships began in %(year)s.", year=year)


def _related(city: City, knowledge: Knowledge, t: Translator) -> list[Suggestion]:
    """Entries about the city a profile can lead on to (Luther's birthplace, the Courrières
    disaster), by the first way of asking for them."""
    related = (
        Suggestion("faq", e.id, e.questions[t.language][0])
        for e in knowledge.faq_by_city.get(city.id, ())
        if _main_city(e) == city.id and e.questions.get(t.language)
    )
    return list(islice(related, RELATED))


def city_fact(kind: str, city: City, knowledge: Knowledge, t: Translator) -> list[Paragraph] | None:
    """One fact about a city (or its profile), with the suspension if any; None when the base
    does not hold that fact for this city."""
    name = city.name(t.language)
    texts = city.texts[t.language]
    if kind == "since":
        since = _since(city, t)
        if since is None:
            return None
        text = since
    elif kind == "where":
        # The profile says the rest a "where" question may mean: river, distances.
        text = t.gettext(
            "Location of %(city)s: %(country)s, %(region)s.",
            city=name,
            country=texts["country"],
            region=texts["region"],
        )
        return [Paragraph((text,)), Paragraph((texts["profile"],))]
    elif kind == "population":
        if not city.population:
            return None
        text = (
            t.ngettext(
                "About %(count)s person lives in %(city)s.",
                "About %(count)s people live in %(city)s.",
                city.population,
                city=name,
            )
            if city.population_approx
            else t.ngettext(
                "%(city)s has %(count)s inhabitant (%(year)s).",
                "%(city)s has %(count)s inhabitants (%(year)s).",
                city.population,
                city=name,
                year=str(city.population_year or "–"),
            )
        )
    elif kind == "website":
        text = (
            t.gettext("The official website of %(city)s: %(url)s", city=name, url=city.website)
            if city.website
            else t.gettext("I have no verified website for %(city)s.", city=name)
        )
    elif kind == "status":
        if not city.partner or not city.partner_since:
            return None
        if city.status == "suspended":
            # Since when it was a partner too, as for an active one: "since when, and is it
            # still on?" is one question, and this is its answer.
            text = t.gettext(
                "The partnership with %(city)s has been suspended since %(date)s. Partner city "
                "since: %(since)s.",
                city=name,
                date=_day(city.status_since, t),
                since=partner_since(city, t),
            )
        else:
            text = t.gettext(
                "The partnership with %(city)s is active. Partner city since: %(date)s.",
                city=name,
                date=partner_since(city, t),
            )
    elif kind == "distance":
        km = _from_herne(city, knowledge)
        if city.id == HERNE or km is None:
            return None
        text = t.gettext(
            "%(city)s is about %(km)s km from Herne as the crow flies.",
            city=name,
            km=t.number(round(km, -1)),
        )
        # The question may measure from elsewhere (Moscow, the border): the profile says.
        return [Paragraph((text,)), Paragraph((texts["profile"],))]
    elif kind == "time":
        zone = ZoneInfo(city.timezone)
        now = utcnow()
        text = t.gettext(
            "Local time in %(city)s: %(time)s (%(zone)s).",
            city=name,
            time=t.time(now, tz=zone),
            zone=t.timezone_name(zone),
        )
        herne = knowledge.cities.get(HERNE)
        if herne is not None and city.id != HERNE:
            # "What is the time difference?" is asked as often as "what time is it there?".
            text = _joined([text, _time_difference(name, zone, ZoneInfo(herne.timezone), now, t)])
    elif kind in ("area", "founded"):
        # A language whose founding words are not listed has no founding sentence to offer.
        pattern = _AREA if kind == "area" else _founding(t.language)
        sentence = pattern and _sentence(texts["profile"], pattern)
        if not sentence:
            return None
        # The sentence may name the city only as "it": the heading says which.
        return [Paragraph((Heading(name, city.flag), sentence, *_status_note(city, t)))]
    else:
        return [Paragraph((Heading(name, city.flag), texts["profile"]))]
    return [Paragraph((text, *_status_note(city, t)))]


def _time_difference(
    name: str, zone: ZoneInfo, herne: ZoneInfo, now: datetime, t: Translator
) -> str:
    """How far the city's clocks are ahead of or behind Herne's now (summer time moves it)."""
    there, here = now.astimezone(zone).utcoffset(), now.astimezone(herne).utcoffset()
    minutes = round(((there or timedelta()) - (here or timedelta())).total_seconds() / 60)
    if minutes == 0:
        return t.gettext("%(city)s has the same time as Herne.", city=name)
    hours = abs(minutes) / 60
    count = t.number(hours if minutes % 60 else int(hours))
    if minutes > 0:
        return t.ngettext(
            "%(city)s is %(count)s hour ahead of Herne at the moment.",
            "%(city)s is %(count)s hours ahead of Herne at the moment.",
            math.ceil(hours),
            city=name,
            count=count,
        )
    return t.ngettext(
        "%(city)s is %(count)s hour behind Herne at the moment.",
        "%(city)s is %(count)s hours behind Herne at the moment.",
        math.ceil(hours),
        city=name,
        count=count,
    )


def _since(city: City, t: Translator) -> str | None:
    if not city.partner or not city.partner_since:
        return None
    name = city.name(t.language)
    if "-" in city.partner_since:
        return t.gettext(
            "%(city)s has been Herne's partner city since %(date)s.",
            city=name,
            date=partner_since(city, t),
        )
    return t.gettext(
        "%(city)s has been Herne's partner city since %(year)s.",
        city=name,
        year=city.partner_since,
    )


def _status_note(city: City, t: Translator) -> tuple[str, ...]:
    """The suspension, said under every fact about a suspended partnership."""
    note = city.texts[t.language]["status_note"]
    return (note,) if city.status == "suspended" and note else ()


def _sentence(text: str, pattern: re.Pattern[str]) -> str | None:
    return next((s for s in _SENTENCE_END.split(text) if pattern.search(s)), None)


def _history(
    city: City, knowledge: Knowledge, t: Translator, profile: bool = True
) -> tuple[list[Paragraph] | None, list[str], list[FaqEntry]]:
    """Since when, then how it began: the city's history entries dated up to the partnership's
    start (a later one, such as an extension, is not how it began), else its profile (unless
    `profile` is false); with the entries quoted."""
    since = city_fact("since", city, knowledge, t)
    if since is None:
        return None, [], []
    began = (city.partner_since or "")[:4]
    fitting = (
        e
        for e in knowledge.faq_history.get(city.id, ())
        if (
            "city.history" in e.intents
            or (e.topic == "history" and e.date is not None and e.date[:4] <= began)
        )
        and t.language in e.answers
    )
    entries = list(islice(fitting, MAX_ENTRIES))
    texts = city.texts[t.language]
    story = [e.answers[t.language] for e in entries] or ([texts["profile"]] if profile else [])
    own = city.sources if profile else city.sources_for("since")
    sources = _unique([*own, *(s for e in entries for s in e.sources)])
    return since + _paragraphs(story), sources, entries


def _entries_for(intent: str, city: City, knowledge: Knowledge, t: Translator) -> list[FaqEntry]:
    """The FAQ entries that answer `intent` about `city` (data/faq.yaml `intents`)."""
    marked = knowledge.faq_by_intent_city.get((intent, city.id), ())
    return list(islice((e for e in marked if t.language in e.answers), MAX_ENTRIES))


def _main_city(entry: FaqEntry) -> str | None:
    return next((c for c in entry.cities if c != HERNE), None)


def partner_since(city: City, t: Translator) -> str:
    parts = (city.partner_since or "").split("-")
    if len(parts) == 3:
        return t.date(date(*map(int, parts)))
    return parts[0]


def _day(value: str | None, t: Translator) -> str:
    return t.date(date.fromisoformat(value)) if value else "–"


def _from_herne(city: City, knowledge: Knowledge) -> float | None:
    """The distance from Herne, when the base holds both places' coordinates."""
    herne = knowledge.cities.get(HERNE)
    if herne is None or herne.lat is None or herne.lon is None:
        return None
    if city.lat is None or city.lon is None:
        return None
    return distance_km(herne.lat, herne.lon, city.lat, city.lon)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


# ---- the partner cities as a whole -------------------------------------------------------


def _partners(knowledge: Knowledge) -> list[City]:
    return sorted(
        (c for c in knowledge.cities.values() if c.partner),
        key=lambda c: (c.partner_since or "9999", c.name("en")),
    )


def _partner_line(city: City, t: Translator) -> Bullet:
    name = f"{city.flag} {city.name(t.language)}"
    line = t.gettext(
        "%(city)s (%(country)s), since %(year)s",
        city=name,
        country=city.texts[t.language]["country"],
        year=(city.partner_since or "–")[:4],
    )
    return Bullet(_held(line, city, t))


def _held(line: str, city: City, t: Translator) -> str:
    """`line` with the partnership said to be on hold after it, where it is ("… – on hold
    since 15 March 2022"), on every line of a list that names that city."""
    if city.status != "suspended":
        return line
    on_hold = t.gettext("on hold since %(date)s", date=_day(city.status_since, t))
    return line.rstrip(".。") + " – " + on_hold


def _partner_list(
    knowledge: Knowledge, t: Translator, u: Understanding | None = None
) -> Answer | None:
    partners = _partners(knowledge)
    named = [c for c in partners if u is not None and c.id in u.cities]
    if named:
        return _partners_in_country(named, knowledge, t)
    aside = [c for c in partners if u is not None and c.id in u.besides]
    if aside:
        # "jakie miasta partnerskie ma Herne poza Polską": the others, saying which are left out.
        partners = [c for c in partners if c not in aside]
    if not partners:
        return None
    if aside:
        heading = t.ngettext(
            "Besides %(named)s, Herne has %(count)s other partner city:",
            "Besides %(named)s, Herne has %(count)s other partner cities:",
            len(partners),
            named=", ".join(c.name(t.language) for c in aside),
        )
    else:
        heading = t.ngettext(
            "Herne has %(count)s partner city:",
            "Herne has %(count)s partner cities:",
            len(partners),
        )
    lines: list[Line] = [heading, *(_partner_line(city, t) for city in partners)]
    return _reply(
        [Paragraph(tuple(lines))],
        t,
        "partners.list",
        sources=_unique(s for c in partners for s in c.sources),
        cities=[c.id for c in partners],
        suggestions=[Suggestion("menu", "cities", t.pgettext("menu button", "🏙 Partner cities"))],
    )


def _partners_in_country(cities: list[City], knowledge: Knowledge, t: Translator) -> Answer | None:
    """ "Which partner city is in Poland?": the understanding names the partner cities there."""
    countries = _unique(c.texts[t.language]["country"] for c in cities)
    if len(countries) > 1:
        return _partner_list(knowledge, t)
    named = ", ".join(f"{c.flag} {c.name(t.language)}" for c in cities)
    there = [c for c in _partners(knowledge) if c.country_code == cities[0].country_code]
    if there == cities and len(cities) == 1:
        # "Is Eisleben Herne's only partner city in Germany?": it is, and the answer says so.
        heading = t.gettext(
            "Herne's only partner city in %(country)s: %(cities)s.",
            country=countries[0],
            cities=named,
        )
    else:
        heading = t.ngettext(
            "Herne's partner city in %(country)s: %(cities)s.",
            "Herne's partner cities in %(country)s: %(cities)s.",
            len(cities),
            country=countries[0],
            cities=named,
        )
    lines = [heading]
    for city in cities:
        since = _since(city, t)
        if since is not None:
            lines += [since, *_status_note(city, t)]
    return _reply(
        [Paragraph(tuple(lines))],
        t,
        "partners.list:" + ",".join(c.id for c in cities),
        sources=_unique(s for c in cities for s in c.sources),
        cities=[c.id for c in cities],
    )


# A city's fact asked of every partner city, as a line each: the facts that say when a
# partnership began, how a city began or what a city is are its list with the years.
EVERY_AS_LIST = ("history", "profile")


def _every_partner(kind: str, knowledge: Knowledge, t: Translator) -> Answer | None:
    """The fact `kind` of every partner city the base holds it for, one line each, under the
    list's heading; the list of partner cities for a fact that is their story."""
    if kind in EVERY_AS_LIST:
        return _partner_list(knowledge, t)
    rows: list[tuple[City, Line]] = []
    for city in _partners(knowledge):
        fact = _fact_line(kind, city, knowledge, t)
        if fact is None:
            continue
        rows.append((city, Bullet(_held(fact, city, t))))
    if not rows:
        return None
    heading = t.ngettext(
        "Herne has %(count)s partner city:",
        "Herne has %(count)s partner cities:",
        len(_partners(knowledge)),
    )
    cities = [city for city, _ in rows]
    suggestions: list[Suggestion] = []
    if kind == "website":
        suggestions = [
            Suggestion("link", city.website, f"🌐 {city.name(t.language)}")
            for city in cities
            if city.website
        ]
    return _reply(
        [Paragraph((heading, *(line for _, line in rows)))],
        t,
        f"city.{kind}:" + ",".join(city.id for city in cities),
        sources=_unique(s for city in cities for s in city.sources_for(kind)),
        cities=[city.id for city in cities],
        suggestions=suggestions,
    )


def _fact_line(kind: str, city: City, knowledge: Knowledge, t: Translator) -> str | None:
    """A city's fact in one line, its flag first, for a list of every partner city."""
    flagged = f"{city.flag} {city.name(t.language)}"
    texts = city.texts[t.language]
    if kind == "where":
        return t.gettext(
            "Location of %(city)s: %(country)s, %(region)s.",
            city=flagged,
            country=texts["country"],
            region=texts["region"],
        )
    if kind == "website" and not city.website:
        return None
    if kind in ("area", "founded"):
        pattern = _AREA if kind == "area" else _founding(t.language)
        sentence = pattern and _sentence(texts["profile"], pattern)
        return f"{flagged}: {sentence}" if sentence else None
    paragraphs = city_fact(kind, city, knowledge, t)
    if not paragraphs or not paragraphs[0].lines:
        return None
    first = paragraphs[0].lines[0]
    return first.replace(city.name(t.language), flagged, 1) if isinstance(first, str) else None


def _distance_ranking(knowledge: Knowledge, t: Translator) -> Answer | None:
    """All partner cities by distance from Herne, farthest first."""
    rows = _ranked_rows("distance", "farthest", _partners(knowledge), knowledge)
    if not rows:
        return None
    lines: list[Line] = [
        t.gettext("Herne's partner cities by distance as the crow flies, farthest first:")
    ]
    lines += [_ranked_line("distance", km, city, knowledge, t) for km, city in rows]
    return _ranked_reply(lines, rows, "distance", t)


def _ranking(
    ranking: Ranking, u: Understanding, knowledge: Knowledge, t: Translator
) -> Answer | None:
    """A ranking over the partner cities (those named, three and more, or all of them; never
    Herne, which is no partner city of its own): the one that answers with its figure, the
    first few or all of them in order, or those beyond a figure; a partnership on hold is said
    to be on every line naming it, and figures of different years are said not to compare
    closely."""
    named = [knowledge.cities[c] for c in u.cities if c in knowledge.cities]
    cities = [c for c in (named or _partners(knowledge)) if c.partner and c.id != HERNE]
    rows = _ranked_rows(ranking.measure, ranking.way, cities, knowledge)
    if not rows:
        return None
    lines: list[Line] = []
    if ranking.limit is not None:
        beyond = [
            (v, c) for v, c in rows if (v > ranking.limit) == ranking.above and v != ranking.limit
        ]
        lines.append(_beyond_heading(ranking, t))
        if not beyond:
            lines = [t.gettext("None of Herne's partner cities matches that. All of them:")]
            lines.append(_ranking_heading(ranking.way, t))
        else:
            rows = beyond
    elif ranking.count == 1 and not named:
        top = rows[0][1]
        lead = _ranking_lead(ranking.way, top.name(t.language), t)
        fact = city_fact(ranking.measure, top, knowledge, t) or []
        lines = [lead, *(fact[0].lines if fact else ())]
        if (
            ranking.measure == "population"
            and len(rows) > 1
            and _close_figures(rows[0][1], rows[1][1])
        ):
            lines.append(_figures_note(t))
        rows = rows[:1]
        return _ranked_reply(lines, rows, ranking.measure, t)
    else:
        lines.append(_ranking_heading(ranking.way, t))
        if ranking.count > 1:
            rows = rows[: ranking.count]
    lines += [_ranked_line(ranking.measure, v, c, knowledge, t) for v, c in rows]
    if ranking.measure == "population" and any(
        _close_figures(a, b) for (_, a), (_, b) in pairwise(rows)
    ):
        lines.append(_figures_note(t))
    return _ranked_reply(lines, rows, ranking.measure, t)


def _ranked_rows(
    measure: str, way: str, cities: Iterable[City], knowledge: Knowledge
) -> list[tuple[float, City]]:
    """The cities the base holds `measure` for, each with its figure, in the order of `way`
    (the year a partnership began orders without a figure of its own: 0)."""
    if measure == "since":
        rows = [
            (0.0, c)
            for c in sorted(cities, key=lambda c: c.partner_since or "9999")
            if c.partner_since
        ]
        if way == "newest":
            rows.reverse()
        return rows
    value: Callable[[City], float | None] = (
        (lambda c: float(c.population) if c.population else None)
        if measure == "population"
        else (lambda c: _from_herne(c, knowledge))
    )
    rows = [(v, c) for c in cities if (v := value(c)) is not None]
    rows.sort(key=lambda row: row[0], reverse=way in ("largest", "farthest"))
    return rows


def _figures_note(t: Translator) -> Note:
    return Note(
        t.gettext(
            "These figures are from different years, so close ones are not strictly comparable."
        )
    )


def _close_figures(first: City, second: City) -> bool:
    """Two populations near enough (within a quarter) that a different year or an estimate
    could change their order."""
    a, b = first.population or 0, second.population or 0
    unlike = (
        first.population_year != second.population_year
        or first.population_approx
        or second.population_approx
    )
    return unlike and abs(a - b) < max(a, b) / 4


def _ranked_reply(
    lines: list[Line], rows: list[tuple[float, City]], measure: str, t: Translator
) -> Answer:
    cities = [c for _, c in rows]
    return _reply(
        [Paragraph(tuple(lines))],
        t,
        f"city.{measure}:" + ",".join(c.id for c in cities),
        sources=_unique(s for c in cities for s in c.sources_for(measure)),
        cities=[c.id for c in cities],
    )


def _ranked_line(measure: str, km: float, city: City, knowledge: Knowledge, t: Translator) -> Line:
    """One partner city's line in a ranking: its figure, and its partnership on hold."""
    if measure == "since":
        return _partner_line(city, t)
    if measure == "distance":
        flagged = f"{city.flag} {city.name(t.language)}"
        line = t.gettext("%(city)s: about %(km)s km", city=flagged, km=t.number(round(km, -1)))
    else:
        line = _fact_line(measure, city, knowledge, t) or city.name(t.language)
    return Bullet(_held(line, city, t))


def _ranking_lead(way: str, city: str, t: Translator) -> str:
    """The sentence that names the one partner city a ranking asks for (by population or
    distance: the oldest and newest partnership are the FAQ's)."""
    if way == "largest":
        return t.gettext("Of Herne's partner cities, %(city)s has the most inhabitants.", city=city)
    if way == "smallest":
        return t.gettext(
            "Of Herne's partner cities, %(city)s has the fewest inhabitants.", city=city
        )
    if way == "nearest":
        return t.gettext("Of Herne's partner cities, %(city)s is the closest to Herne.", city=city)
    return t.gettext("Of Herne's partner cities, %(city)s is the farthest from Herne.", city=city)


def _ranking_heading(way: str, t: Translator) -> str:
    if way == "largest":
        return t.gettext("By population, largest first:")
    if way == "smallest":
        return t.gettext("By population, smallest first:")
    if way == "nearest":
        return t.gettext("By distance from Herne as the crow flies, nearest first:")
    if way == "farthest":
        return t.gettext("By distance from Herne as the crow flies, farthest first:")
    if way == "oldest":
        return t.gettext("By the year the partnership began, oldest first:")
    return t.gettext("By the year the partnership began, newest first:")


def _beyond_heading(ranking: Ranking, t: Translator) -> str:
    figure = t.number(int(ranking.limit or 0))
    if ranking.measure == "distance":
        if ranking.above:
            return t.gettext(
                "Partner cities more than %(km)s km from Herne as the crow flies:", km=figure
            )
        return t.gettext(
            "Partner cities less than %(km)s km from Herne as the crow flies:", km=figure
        )
    if ranking.above:
        return t.gettext("Partner cities with a population above %(count)s:", count=figure)
    return t.gettext("Partner cities with a population below %(count)s:", count=figure)


def _partner_names(knowledge: Knowledge, t: Translator) -> str:
    return ", ".join(c.name(t.language) for c in _partners(knowledge))


def _place_name(place: str) -> str:
    place = " ".join(place.split())
    return place[:1].upper() + place[1:] if place.islower() else place


def _partner_check(u: Understanding, knowledge: Knowledge, t: Translator) -> Answer | None:
    cities = [knowledge.cities[c] for c in u.cities if c in knowledge.cities]
    places = _unique(_place_name(p) for p in u.places if p.strip())[:MAX_PLACES]
    if places or any(c.id != HERNE for c in cities):
        # "Is Paris a partner city of Herne?": Herne is the question's frame, not its subject.
        cities = [c for c in cities if c.id != HERNE]
    if not cities and not places:
        return None
    # "Ist Turek bei Konin auch eine Partnerstadt?", "Is Dortmund a partner like Konin?": the
    # place asked about gets its "no" first; the partner city beside it, its "yes" after.
    lines: list[Paragraph] = [
        line
        for place in places
        for line in _text(
            t.gettext(
                "No: %(place)s is not one of Herne's partner cities. They are: %(cities)s.",
                place=place,
                cities=_partner_names(knowledge, t),
            )
        )
    ]
    sources: list[str] = []
    for city in cities:
        name = city.name(t.language)
        since = _since(city, t) if city.partner else None
        if since is not None:
            lines.append(Paragraph((t.gettext("Yes.") + " " + since, *_status_note(city, t))))
        else:
            lines += _text(
                t.gettext(
                    "%(city)s itself is the home town of these partnerships. Its partner cities "
                    "are: %(cities)s.",
                    city=name,
                    cities=_partner_names(knowledge, t),
                )
            )
        sources += city.sources
    if places:
        sources += [s for c in _partners(knowledge) for s in c.sources]
    ids = [c.id for c in cities]
    return _reply(
        lines,
        t,
        "partners.check:" + ",".join(ids + [p.casefold() for p in places]),
        sources=_unique(sources),
        cities=ids,
    )


# ---- organisations and contacts ----------------------------------------------------------


def organisation_card(organisation: Organisation, knowledge: Knowledge, t: Translator) -> Paragraph:
    t = t.plain
    language = t.language
    texts = organisation.texts[language]
    local = organisation.local_name(language)
    own = f" ({organisation.name})" if local != organisation.name else ""
    lines: list[Line] = [Heading(local, after=own), texts["description"]]
    place = (
        knowledge.cities[organisation.city_id].name(language)
        if organisation.city_id in knowledge.cities
        else texts.get("location")
    )
    if organisation.address:
        lines.append(t.gettext("Address: %(address)s", address=organisation.address))
    elif place:
        lines.append(t.gettext("Location: %(place)s", place=place))
    if organisation.website:
        lines.append(t.gettext("Website: %(url)s", url=organisation.website))
    return Paragraph(tuple(lines))


def sector_label(sector: str, t: Translator) -> str:
    labels = {
        "health_economy": t.pgettext("sector", "health economy"),
        "energy": t.pgettext("sector", "energy"),
        "logistics": t.pgettext("sector", "logistics"),
        "science": t.pgettext("sector", "science"),
        "nanotechnology": t.pgettext("sector", "nanotechnology"),
        "culture": t.pgettext("sector", "culture"),
        "sport": t.pgettext("sector", "sport"),
        "education": t.pgettext("sector", "education"),
    }
    return labels[sector]


def _organisation_answer(
    heading: str,
    organisations: list[Organisation],
    knowledge: Knowledge,
    t: Translator,
    entry: str,
    cities: list[str],
    suggestions: list[Suggestion] | None = None,
) -> Answer:
    cards = [organisation_card(o, knowledge, t) for o in organisations]
    links = [
        Suggestion("link", o.website, "🌐 " + o.local_name(t.language))
        for o in organisations
        if o.website
    ]
    return _reply(
        (_text(heading) if heading else []) + cards,
        t,
        entry,
        sources=_unique(s for o in organisations for s in o.sources),
        cities=_unique(cities + [o.city_id for o in organisations if o.city_id]),
        organisations=[o.id for o in organisations],
        suggestions=links + (suggestions or []),
        holds=frozenset({WEBSITE}) if links else frozenset(),
    )


def _business_development(knowledge: Knowledge) -> list[Organisation]:
    return [o for o in knowledge.organisations.values() if o.kind == "business_development"]


def _names_business_sector(u: Understanding, knowledge: Knowledge) -> bool:
    """Whether `u` names a sector of Herne's economic development company (logistics, energy,
    health economy): a business question's own field, where culture, science or sport named
    beside it may be the asker's context ("I'm a teacher, my husband's firm ...")."""
    return any(s in o.sectors for o in _business_development(knowledge) for s in u.sectors)


def _sector_contacts(u: Understanding, knowledge: Knowledge, t: Translator) -> Answer | None:
    sectors = [s for s in u.sectors if s in SECTORS]
    cities = [c for c in u.cities if c in knowledge.cities]
    if not sectors:
        # "Whom do I contact about business in Konin?": the general contact and the browser,
        # then what the base knows in the cities named ("Which organisations are in Belgorod?").
        return _city_contacts(cities, knowledge, t)
    labels = ", ".join(sector_label(s, t) for s in sectors)
    in_sector = [o for o in knowledge.organisations.values() if set(o.sectors) & set(sectors)]
    entry = "contacts.sector:" + ",".join(sectors + cities)
    here = [o for o in in_sector if not cities or o.city_id in cities]
    if here:
        heading = t.gettext("Contacts for %(sectors)s:", sectors=labels)
        return _organisation_answer(heading, here, knowledge, t, entry, cities)
    places = ", ".join(knowledge.cities[c].name(t.language) for c in cities)
    if in_sector:
        association = knowledge.organisations.get(ASSOCIATION)
        if (
            association is not None
            and set(sectors) <= set(association.sectors)
            and any(c != HERNE and knowledge.cities[c].partner for c in cities)
        ):
            # A school, a choir or a class looking for its match in a partner city where the
            # base knows no one: the association, whose section for that city makes such
            # links, is the contact; universities elsewhere are none for a pupils' exchange.
            in_sector = [association]
        heading = t.gettext(
            "My knowledge base has no contact for %(sectors)s in %(cities)s. "
            "Contacts for %(sectors)s elsewhere:",
            sectors=labels,
            cities=places,
        )
        answer = _organisation_answer(heading, in_sector, knowledge, t, entry, cities)
        return _suspension_said(
            _with_association(answer, cities, knowledge, t), cities, knowledge, t
        )
    general = _business_development(knowledge)
    heading = t.gettext(
        "My knowledge base has no contact for %(sectors)s. For business contacts in general, "
        "turn to Herne's economic development company:",
        sectors=labels,
    )
    answer = _organisation_answer(heading, general, knowledge, t, entry, cities)
    return _suspension_said(answer, cities, knowledge, t)


def _suspension_said(
    answer: Answer, cities: list[str], knowledge: Knowledge, t: Translator
) -> Answer:
    """Contacts elsewhere for a suspended partner city ("Our theatre group would like to meet
    young people from Belgorod"), or an FAQ entry about others (the association, asked to help
    with a trip there): no contact there is no news of the partnership, which is on hold; the
    suspension is said with them, as with every other answer about that city."""
    suspended = [knowledge.cities[c] for c in cities if _status_note(knowledge.cities[c], t)]
    answer.paragraphs += [Paragraph(_status_note(city, t)) for city in suspended]
    answer.sources = _unique(
        answer.sources + [s for c in suspended for s in c.sources_for("status")]
    )
    return answer


def _told_beside(u: Understanding, knowledge: Knowledge) -> list[str]:
    """The cities of the base a question about organisations names that are none of those
    organisations' seats: where the asker means to go with them, not where they are."""
    seats = {
        knowledge.organisations[o].city_id for o in u.organisations if o in knowledge.organisations
    }
    return [c for c in u.cities if c in knowledge.cities and c not in seats]


def _with_association(
    answer: Answer, cities: list[str], knowledge: Knowledge, t: Translator
) -> Answer:
    """A club or school in a partner city looking for its match in Herne, where the base
    knows none: the association, whose section for that city makes such links, comes too."""
    if not any(c != HERNE and knowledge.cities[c].partner for c in cities):
        return answer
    association = _association(knowledge, t)
    if association is not None:
        _append(answer, association)
    return answer


def _append(answer: Answer, more: Answer) -> None:
    """`more`'s paragraphs below `answer`'s, with its sources and organisations."""
    answer.paragraphs += more.paragraphs
    answer.sources = _unique(answer.sources + more.sources)
    answer.organisations = _unique(answer.organisations + more.organisations)


def both(first: Answer, second: Answer) -> Answer:
    """The answers to the two questions of one message, as one answer in the order asked."""
    _append(first, second)
    first.entry = f"{first.entry}+{second.entry}"
    first.cities = _unique(first.cities + second.cities)
    first.suggestions = _unique(first.suggestions + second.suggestions)
    first.confidence = min(first.confidence, second.confidence)
    return first


def rest_unknown(answer: Answer, t: Translator) -> Answer:
    """The answer to the part of a two-part message the base holds, saying plainly that it
    holds nothing on the other part (never an answer to it)."""
    answer.paragraphs.append(
        Paragraph((t.gettext("I have no information on the other part of your question."),))
    )
    return answer


def city_facts(answers: list[Answer], unheld: bool, more: bool, t: Translator) -> Answer:
    """The facts of one partner city one message asks for (`Understander.facts_asked`), as one
    answer in the order asked, each with its sources; a paragraph two of them hold (the city's
    description) said once. A fact the base does not hold is said plainly not to be known,
    never answered with the nearest entry; more facts asked than one reply composes
    (MAX_FACTS), the reply says to ask the rest again."""
    answer = answers[0]
    for fact in answers[1:]:
        fact.paragraphs = [p for p in fact.paragraphs if p not in answer.paragraphs]
        both(answer, fact)
    if unheld:
        rest_unknown(answer, t)
    if more:
        answer.paragraphs.append(
            Paragraph(
                (
                    t.ngettext(
                        "I have answered %(count)s of the things you asked; please ask about "
                        "the rest in another message.",
                        "I have answered the first %(count)s of the things you asked; please "
                        "ask about the rest in another message.",
                        len(answers),
                    ),
                )
            )
        )
    return answer


def _business_contacts(knowledge: Knowledge, t: Translator) -> Answer | None:
    general = _business_development(knowledge)
    if not general:
        return None
    heading = t.gettext(
        "For business contacts, turn to Herne's economic development company. The contacts menu "
        "lists organisations by sector."
    )
    menu = Suggestion("menu", "contacts", t.pgettext("menu button", "🤝 Business contacts"))
    return _organisation_answer(
        heading, general, knowledge, t, "contacts.business", [], suggestions=[menu]
    )


def _city_contacts(cities: list[str], knowledge: Knowledge, t: Translator) -> Answer | None:
    general = _business_contacts(knowledge, t)
    there = [
        o
        for o in knowledge.organisations.values()
        if o.city_id in cities and o.kind != "business_development"
    ]
    if general is not None:
        # Business with a suspended partner city: the suspension is said with it.
        notes = [n for c in cities for n in _status_note(knowledge.cities[c], t)]
        general.paragraphs += [Paragraph((note,)) for note in notes]
    if general is None or not there:
        return general
    places = [knowledge.cities[c] for c in cities if any(o.city_id == c for o in there)]
    heading = t.gettext(
        "Organisations in %(cities)s in my knowledge base:",
        cities=", ".join(c.name(t.language) for c in places),
    )
    # (The descriptions of Belgorod's organisations say that the partnership is on hold.)
    local = _organisation_answer(heading, there, knowledge, t, "", [])
    _append(general, local)
    general.entry = "contacts.sector:" + ",".join(c.id for c in places)
    general.cities = [c.id for c in places]
    general.suggestions = _unique(general.suggestions + local.suggestions)
    return general


def _named_others(u: Understanding) -> bool:
    return any(o != ASSOCIATION for o in u.organisations)


def _organisations(u: Understanding, knowledge: Knowledge, t: Translator) -> Answer | None:
    found = [knowledge.organisations[o] for o in u.organisations if o in knowledge.organisations]
    if not found:
        return None
    entry = "org.info:" + ",".join(o.id for o in found)
    return _organisation_answer("", found, knowledge, t, entry, [])


def _association(knowledge: Knowledge, t: Translator) -> Answer | None:
    association = knowledge.organisations.get(ASSOCIATION)
    answer = _faq_answer(
        "association.contact", _answering("association.contact", knowledge), knowledge, t
    )
    if answer is not None:
        answer.organisations = _unique(
            answer.organisations + ([ASSOCIATION] if association else [])
        )
        return answer
    if association is None:
        return None
    return _organisation_answer("", [association], knowledge, t, "association.contact", [])


def _association_card(knowledge: Knowledge, t: Translator) -> Answer | None:
    association = knowledge.organisations.get(ASSOCIATION)
    reach = _association(knowledge, t)
    if association is None or reach is None:
        return reach
    card = _organisation_answer("", [association], knowledge, t, "", [])
    _append(card, reach)
    card.entry = f"org.info:{ASSOCIATION}+{reach.entry}"
    card.holds = card.holds | reach.holds
    card.suggestions = _unique(card.suggestions + reach.suggestions)
    return card


def _office(knowledge: Knowledge, t: Translator) -> Answer:
    """How to write to the office from the bot, then what the base says about offices
    (the entries data/faq.yaml marks for this kind: the partner-city offices) and whom to
    turn to in Herne: "Where is the twinning office?" and "Who runs the twinning?" ask for
    a place and people the bot is not, and the association's entry names them (its
    sections, herne.de)."""
    office = _text(
        t.gettext(
            "To reach the partnership office, send /office and then your message in one "
            "message. The office sees your name and your message and answers you here."
        )
    )
    parts = [
        part
        for part in (
            _faq_answer("office.contact", _answering("office.contact", knowledge), knowledge, t),
            _association(knowledge, t),
        )
        if part is not None
    ]
    entries = [e for part in parts for e in (part.entry or "").partition(":")[2].split(",") if e]
    return _reply(
        office + [p for part in parts for p in part.paragraphs],
        t,
        "office.contact" + (f":{','.join(entries)}" if entries else ""),
        sources=_unique(s for part in parts for s in part.sources),
        cities=_unique(c for part in parts for c in part.cities),
        organisations=_unique(o for part in parts for o in part.organisations),
    )


# ---- the FAQ -----------------------------------------------------------------------------


# What a declaration question naming a partner city asks of that city's part in it: who
# signed for Konin, whether Beşiktaş took part ("What part did Konin play in the 2018
# declaration?" is not answered by Belgorod's signing alone). When it was signed is one entry,
# whatever city is named.
SIGNED_BY_CITY = frozenset({"declaration.who", "declaration.about"})


def _declaration_entries(intent: str, u: Understanding, knowledge: Knowledge) -> Iterator[str]:
    """The entries marked for `intent`; for who signed and what the declaration is, first
    those about the declaration and a city the question names ("Who signed for Konin?", "Was
    Beşiktaş part of it?"): entries about all four are general."""
    named = {c for c in u.cities if c != HERNE} if intent in SIGNED_BY_CITY else set()
    # The city's entries on the declaration, in the base's order: not every entry on the
    # city read for its topic (thousands in a large base).
    specific = (
        e.id
        for city_id in sorted(named)
        for e in knowledge.faq_by_topic_city.get(("declaration", city_id), ())
        if len(set(e.cities) - {HERNE}) < SPECIFIC_CITIES
    )
    # "Was nanotechnology part of the declaration?": a field named asks what it covers too.
    fields = (
        _answering("declaration.fields", knowledge)
        if intent == "declaration.about" and u.sectors
        else iter(())
    )
    # "What led up to the 2018 declaration?", "Could the Turkish side read it in their own
    # language?": the entries about it that hold what is asked (the groundwork of 2017, the
    # languages it was written in) first; its date and signing are what it came to.
    opening = OPENING.intersection(u.asks)
    before = (
        (
            e.id
            for e in knowledge.faq_by_topic_city.get(("declaration", HERNE), ())
            if opening & e.holds
        )
        if opening
        else iter(())
    )
    # What the declaration is includes what it covers: "Worum ging es in der Erklärung?", "ça
    # portait sur quoi ?" ask for its fields as much as for its signing. They come right after
    # its signing, so that the entries on the cities a story names ("my uncle says Herne signed
    # something with Konin and Beşiktaş – what was it about?") leave them room among the
    # MAX_ENTRIES quoted.
    if intent == "declaration.who":
        # Who signed is every city's signatory: "Who else signed, apart from Belgorod?", "Did
        # they sign in person?" are answered by the signing in Herne and by those who had
        # signed before and sent their copies.
        answering = list(islice(_answering(intent, knowledge), MAX_ENTRIES))
        others = _other_signatories(answering[:1], knowledge)
        return _distinct(chain(before, specific, fields, answering[:1], others, answering[1:]))
    if intent != "declaration.about":
        return _distinct(chain(before, specific, fields, _answering(intent, knowledge)))
    answering = list(islice(_answering(intent, knowledge), MAX_ENTRIES))
    covered = _answering("declaration.fields", knowledge)
    return _distinct(chain(before, specific, fields, answering[:1], covered, answering[1:]))


def _declaration_cities(knowledge: Knowledge) -> dict[str, list[FaqEntry]]:
    """The cities the base's entries on the declaration concern, with those entries."""
    return {
        city_id: list(entries)
        for (topic, city_id), entries in knowledge.faq_by_topic_city.items()
        if topic == "declaration" and entries
    }


def _other_signatories(first: list[str], knowledge: Knowledge) -> Iterator[str]:
    """The entries on the declaration that name who signed it for partner cities the entries
    `first` do not concern (Konin's and Beşiktaş's signatories beside the signing in Herne)."""
    told = {c for i in first if i in knowledge.faq for c in knowledge.faq[i].cities} | {HERNE}
    for entries in _declaration_cities(knowledge).values():
        for e in entries:
            others = set(e.cities) - {HERNE}
            if SIGNATORY in e.holds and others - told and len(others) < SPECIFIC_CITIES:
                yield e.id


def _outside_declaration(u: Understanding, knowledge: Knowledge) -> list[str]:
    """The partner cities a question on the declaration names that no entry on it concerns
    ("Did Wakefield sign it too?"): the base knows which cities it covers."""
    concerned = _declaration_cities(knowledge)
    return [
        c
        for c in u.cities
        if c != HERNE
        and c in knowledge.cities
        and knowledge.cities[c].partner
        and c not in concerned
    ]


def _not_in_declaration(outside: list[str], knowledge: Knowledge, t: Translator) -> Answer | None:
    """The honest no for partner cities the declaration does not concern, then the cities it
    does (the entry that says which and how many, and least else) and who signed for them."""
    concerned = _declaration_cities(knowledge)
    covering = sorted(
        (
            e
            for e in concerned.get(HERNE, ())
            if COUNT in e.holds and set(concerned) <= set(e.cities) | {HERNE}
        ),
        key=lambda e: len(e.holds),
    )
    signing = list(islice(_answering("declaration.who", knowledge), 1))
    ids = chain((e.id for e in covering[:1]), signing, _other_signatories(signing, knowledge))
    answer = _faq_answer("declaration.who", _distinct(ids), knowledge, t)
    if answer is None:
        return None
    names = [knowledge.cities[c].name(t.language) for c in outside]
    said = t.ngettext(
        "No: %(cities)s is not one of the cities of the 2018 declaration.",
        "No: %(cities)s are not among the cities of the 2018 declaration.",
        len(names),
        cities=format_list(names, locale=t.formats),
    )
    answer.paragraphs = [*_text(said), *answer.paragraphs]
    answer.entry = "declaration.outside:" + ",".join(outside) + "+" + (answer.entry or "")
    return answer


def _answering(intent: str, knowledge: Knowledge) -> Iterator[str]:
    """The FAQ entries data/faq.yaml marks as answering `intent`, in the file's order."""
    return (e.id for e in knowledge.faq_by_intent.get(intent, ()))


def _faq_answer(
    label: str, ids: Iterable[str], knowledge: Knowledge, t: Translator
) -> Answer | None:
    # Lazily: a large base marks thousands of entries, and an answer quotes the first few.
    found = (knowledge.faq[i] for i in ids if i in knowledge.faq and knowledge.faq[i].answers)
    entries = list(islice(found, MAX_ENTRIES))
    if not entries:
        return None
    texts: list[str] = []
    notes: list[Note] = []
    for entry in entries:
        if t.language in entry.answers:
            texts.append(entry.answers[t.language])
        else:
            # An office entry may exist in one language only until it is translated.
            shown = next(iter(entry.answers))
            texts.append(entry.answers[shown])
            notes.append(
                Note(
                    t.gettext(
                        "(Not available in your language yet. Language shown: %(language)s.)",
                        language=t.language_name(shown),
                    )
                )
            )
    ids_used = [e.id for e in entries]
    unnamed = _unnamed_organisations(entries, texts, knowledge)
    return _reply(
        _paragraphs(texts)
        + _organisations_concerned(unnamed, t)
        + [Paragraph((note,)) for note in _unique(notes)],
        t,
        f"{label}:{','.join(ids_used)}",
        sources=_unique(s for e in entries for s in e.sources),
        cities=_unique(c for e in entries for c in e.cities),
        organisations=_unique(o for e in entries for o in e.organisations),
        suggestions=[
            Suggestion("link", o.website, "🌐 " + o.local_name(t.language))
            for o in unnamed
            if o.website
        ],
        # The office wrote its entry's answer for the question asked: it holds what that asks.
        holds=frozenset(h for e in entries for h in (ASKED_FOR if e.office else e.holds)),
    )


def _unnamed_organisations(
    entries: list[FaqEntry], texts: list[str], knowledge: Knowledge
) -> list[Organisation]:
    """The organisations an entry is about that its answer does not name: "Which university in
    Belgorod researches nanotechnology?" gets an entry that speaks of "the university and the
    technical academy" and would otherwise never say which ones the base knows."""
    said = " ".join(texts).casefold()
    found = (
        knowledge.organisations[o]
        for e in entries
        for o in e.organisations
        if o in knowledge.organisations and o != ASSOCIATION
    )
    return [
        o
        for o in _distinct(found, key=lambda o: o.id)
        if not any(n.casefold() in said for n in [o.name, *o.aliases, *_local_names(o)])
    ]


def _local_names(organisation: Organisation) -> list[str]:
    return [name for texts in organisation.texts.values() if (name := texts.get("name_local"))]


def _organisations_concerned(organisations: list[Organisation], t: Translator) -> list[Paragraph]:
    if not organisations:
        return []
    lines: list[Line] = [t.gettext("The organisations concerned in my knowledge base:")]
    for o in organisations:
        local = o.local_name(t.language)
        own = f" ({o.name})" if local != o.name else ""
        lines.append(Bullet(f"{local}{own}" + (f" – {o.website}" if o.website else "")))
    return [Paragraph(tuple(lines))]


# ---- events ------------------------------------------------------------------------------


def lists_events(intent: str, knowledge: Knowledge) -> bool:
    """Whether the answer of `intent` lists events: upcoming and past ones, and an undated FAQ
    entry about exchanges ("the association runs regular trips to Wakefield and Konin")."""
    if intent in ("events.upcoming", "events.past"):
        return True
    entry = knowledge.faq.get(intent[4:]) if intent.startswith("faq.") else None
    return entry is not None and entry.topic == "exchange" and entry.date is None


async def _with_dated_events(
    answer: Answer,
    entry: FaqEntry,
    u: Understanding,
    knowledge: Knowledge,
    db: Database,
    t: Translator,
) -> None:
    """An entry about standing exchanges gives no dates ("the association runs regular trips
    to Konin"): the upcoming events with its partner cities do, below it; with those of them
    the question names, when it names any ("fährt jemand nach Wakefield?")."""
    cities = {c for c in entry.cities if c != HERNE}
    cities = cities.intersection(u.cities) or cities
    page = await list_events(db, utcnow(), size=EVENTS_FETCHED)
    events = [e for e in page.events if e.status != "cancelled" and cities.intersection(e.city_ids)]
    if not events:
        return
    lines: list[Line] = [Heading(t.pgettext("heading", "Upcoming events"))]
    lines += [_event_line(event, knowledge, t, with_city=True) for event in events[:EVENTS_SHOWN]]
    answer.paragraphs.append(Paragraph(tuple(lines)))
    answer.sources = _unique(answer.sources + [s for e in events[:EVENTS_SHOWN] for s in e.sources])
    answer.suggestions.append(Suggestion("menu", "events", t.pgettext("menu button", "📅 Events")))


async def _events(
    archive: bool,
    u: Understanding,
    knowledge: Knowledge,
    db: Database,
    t: Translator,
    first: tuple[str, ...] = (),
) -> Answer | None:
    # Herne is every event's home: naming it filters nothing.
    cities = [knowledge.cities[c] for c in u.cities if c in knowledge.cities and c != HERNE]
    now = utcnow()
    if u.period is not None:
        # "Was ist 2027?" read as the archive, "what's on last month" as to come: the period
        # decides, when it lies wholly ahead or wholly over.
        today = now.astimezone(HOME_ZONE).date()
        start, end = u.period.window(today, past=archive)
        archive = (archive and start <= today) or end <= today
    page = await list_events(db, now, archive=archive, size=EVENTS_FETCHED)
    # The events named may lie beyond the first EVENTS_FETCHED.
    fetched = {e.id for e in page.events}
    beyond = [e for i in first if i not in fetched and (e := await load_event(db, i)) is not None]
    beyond = [e for e in beyond if e.published_at and (e.finishes_at <= now) == archive]
    asked = {c.id for c in cities}
    # An exchange with Konin may take place in Herne: the cities an event involves count.
    events = [
        e
        for e in [*page.events, *beyond]
        if e.status != "cancelled" and (not asked or asked.intersection(e.city_ids))
    ]
    # "When is the chess tournament?": the events it names first, the others after them.
    rank = {event_id: i for i, event_id in enumerate(first)}
    events.sort(key=lambda e: rank.get(e.id, len(rank)))
    # "Anything on in January?": the events of the next January; none then, the next ones.
    period = u.period
    if period is not None and period.unit == "year" and u.months:
        period = None  # "im Mai 2027": the month, read below ("May 2027" is no month asked)
    months = () if archive or period is not None else u.months
    in_months = [e for e in events if _in_months(e, months, now)]
    month_names = (
        format_list(
            [get_month_names("wide", "stand-alone", t.formats)[m] for m in months],
            locale=t.formats,
        )
        if months
        else ""
    )
    title = (
        t.pgettext("heading", "Archive of past events")
        if archive
        else t.pgettext("heading", "Upcoming events")
    )
    names = ", ".join(c.name(t.language) for c in cities)
    named = " · " + ", ".join(f"{c.flag} {c.name(t.language)}" for c in cities) if cities else ""
    if in_months:
        named += f" · {month_names}"
        events = in_months
    lines: list[Line] = [Heading(title, after=named)]
    if months and events and not in_months:
        events = _after_months(events, months, now, lines, names, month_names, t)
    if period is not None and events:
        events = _in_period(events, period, archive, now, lines, names, t)
    if not events and archive:
        lines.append(
            t.gettext("%(city)s: the archive holds no documented past events.", city=names)
            if cities
            else t.gettext("The archive holds no documented past events.")
        )
    elif not events:
        lines.append(
            t.gettext(
                "%(city)s: no events are planned at the moment. Subscribe with /subscribe "
                "to hear about new ones.",
                city=names,
            )
            if cities
            else t.gettext(
                "No events are planned at the moment. Subscribe with /subscribe to hear "
                "about new ones."
            )
        )
    shown = events[:EVENTS_SHOWN]
    lines += [_event_line(event, knowledge, t, with_city=len(cities) != 1) for event in shown]
    if len(events) > EVENTS_SHOWN:
        lines.append(
            t.ngettext(
                "… and %(count)s more: the button below shows them all.",
                "… and %(count)s more: the button below shows them all.",
                len(events) - EVENTS_SHOWN,
            )
        )
    # What the base says about exchanges with these cities beyond dated events: the
    # association's regular trips, Belgorod's exchanges on hold.
    about = (e for c in cities for e in knowledge.faq_by_topic_city.get(("exchange", c.id), ()))
    undated = (e for e in about if e.date is None and t.language in e.answers)
    # An entry about two of the cities asked about comes once.
    distinct = _distinct(undated, key=lambda e: e.id)
    standing = [] if archive else list(islice(distinct, MAX_ENTRIES))
    paragraphs = [Paragraph(tuple(lines))]
    if standing:
        paragraphs += _paragraphs([e.answers[t.language] for e in standing])
    # Belgorod's exchanges are on hold: an answer about them says so (its entries do).
    concerned = [
        knowledge.cities[c]
        for c in _unique([c.id for c in cities] + [e.city_id for e in shown])
        if c in knowledge.cities and not any(c in e.cities for e in standing)
    ]
    suspended = [
        c for c in concerned if c.status == "suspended" and c.texts[t.language]["status_note"]
    ]
    paragraphs += [Paragraph((c.texts[t.language]["status_note"],)) for c in suspended]
    intent = "events.past" if archive else "events.upcoming"
    return _reply(
        paragraphs,
        t,
        intent + (":" + ",".join(c.id for c in cities) if cities else ""),
        sources=_unique(
            [s for e in shown for s in e.sources]
            + [s for e in standing for s in e.sources]
            + [s for c in suspended for s in c.sources]
        ),
        cities=[c.id for c in cities],
        organisations=_unique(o for e in standing for o in e.organisations),
        suggestions=[Suggestion("menu", "events", t.pgettext("menu button", "📅 Events"))],
    )


def _in_months(event: Event, months: tuple[int, ...], now: datetime) -> bool:
    """Whether the event takes place, where it is held, in one of `months` of the coming year."""
    if not months or event.local_start > now + timedelta(days=365):
        return False
    end = event.local_end or event.local_start
    # Its months from start to end: a festival from 30 April to 2 May is on in May.
    year, month = event.local_start.year, event.local_start.month
    while (year, month) <= (end.year, end.month):
        if month in months:
            return True
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return False


def _in_period(
    events: list[Event],
    period: Period,
    archive: bool,
    now: datetime,
    lines: list[Line],
    city: str,
    t: Translator,
) -> list[Event]:
    """The events of `period` ("next week", "im Sommer", "in 2027"), its dates after the heading;
    none in it: says so, and lists the next events after it (the latest before it, for the
    archive). The period's days are Herne's."""
    start, end = period.window(now.astimezone(HOME_ZONE).date(), past=archive)
    label = format_interval(
        start,
        end - timedelta(days=1),
        _PERIOD_SKELETONS.get(period.unit, "yMMMM"),
        locale=t.formats,
    )
    within = [e for e in events if _on_between(e, start, end)]
    heading = lines[0]
    if within:
        if isinstance(heading, Heading):
            lines[0] = replace(heading, after=f"{heading.after} · {label}")
        return within
    if archive:
        earlier = [e for e in events if e.local_start.date() < start]
        lines.append(
            t.gettext(
                "%(city)s: the archive holds nothing from %(period)s.", city=city, period=label
            )
            if city
            else t.gettext("The archive holds nothing from %(period)s.", period=label)
        )
        return earlier
    return _next_after(events, end, label, lines, city, t)


def _after_months(
    events: list[Event],
    months: tuple[int, ...],
    now: datetime,
    lines: list[Line],
    city: str,
    month_names: str,
    t: Translator,
) -> list[Event]:
    """None of the events is on in the months asked about: says so, with the events after the
    last of those months (each the next of its name: February, in December, is next year's)."""
    today = now.astimezone(HOME_ZONE).date()
    ends = [
        Period("month", m - today.month + (12 if m < today.month else 0)).window(today)[1]
        for m in months
    ]
    return _next_after(events, max(ends), month_names, lines, city, t)


def _next_after(
    events: list[Event], end: date, label: str, lines: list[Line], city: str, t: Translator
) -> list[Event]:
    """Nothing is planned for the period named `label`: says so, and gives the events from
    `end` on, or says that there are none."""
    after = [e for e in events if e.local_start.date() >= end]
    if not after:
        lines.append(
            t.gettext(
                "%(city)s: nothing is planned for %(period)s yet, nor after it. Subscribe "
                "with /subscribe to hear about new ones.",
                city=city,
                period=label,
            )
            if city
            else t.gettext(
                "Nothing is planned for %(period)s yet, nor after it. Subscribe with "
                "/subscribe to hear about new ones.",
                period=label,
            )
        )
        return after
    shown = min(len(after), EVENTS_SHOWN)
    lines.append(
        t.ngettext(
            "%(city)s: nothing is planned for %(period)s yet; after it, %(count)s event:",
            "%(city)s: nothing is planned for %(period)s yet; after it, %(count)s events:",
            shown,
            city=city,
            period=label,
        )
        if city
        else t.ngettext(
            "Nothing is planned for %(period)s yet; after it, %(count)s event:",
            "Nothing is planned for %(period)s yet; after it, %(count)s events:",
            shown,
            period=label,
        )
    )
    return after


def _on_between(event: Event, start: date, end: date) -> bool:
    """Whether the event is on, where it is held, on a day from `start` to before `end`."""
    last = (event.local_end or event.local_start).date()
    return event.local_start.date() < end and last >= start


def _event_line(event: Event, knowledge: Knowledge, t: Translator, with_city: bool) -> Bullet:
    title = event.text(t.language)[0]
    after = ""
    city = knowledge.cities.get(event.city_id)
    if with_city and city is not None:
        after += f" ({city.flag} {city.name(t.language)})"
    # "Where is the fencing tournament?": the list answers it, as the event's card does.
    if event.venue:
        after += f" – 📍 {event.venue}"
    if event.status == "changed":
        after += " – " + t.gettext("✏️ Changed since it was announced")
    return Bullet(f"{when(event, t).venue}: ", title, after)


# ---- small talk --------------------------------------------------------------------------


def _smalltalk_text(intent: str, t: Translator) -> str:
    if intent == "smalltalk.greeting":
        return t.gettext(
            "Hello! Ask me anything about Herne's partner cities – exchanges, events, business "
            "contacts – or choose from the menu."
        )
    if intent == "smalltalk.thanks":
        return t.gettext("You're welcome! Just ask if there is anything else.")
    if intent == "smalltalk.goodbye":
        return t.gettext(
            "Goodbye! Come back whenever you have a question about Herne's partner cities."
        )
    if intent == "smalltalk.chatter":
        # Laughter, "ok", "hmm", praise or an emoji alone.
        return t.gettext(
            "🙂 Is there anything else you would like to know about Herne's partner cities? "
            "Just ask, or choose from the menu."
        )
    if intent == "smalltalk.languages":
        # Each language named in the reply's, so that "Kannst du auch Ukrainisch?" finds
        # "Ukrainisch" in the answer (the capabilities' list names each in its own).
        names = [t.language_name(code) for code in LANGUAGE_NAMES]
        return t.ngettext(
            "I understand and answer questions in %(count)s language: %(languages)s. Write in "
            "whichever you like and ask me about Herne's partner cities, or choose from the menu.",
            "I understand and answer questions in %(count)s languages: %(languages)s. Write in "
            "whichever you like and ask me about Herne's partner cities, or choose from the menu.",
            len(names),
            languages=format_list(names, locale=t.formats),
        )
    if intent == "smalltalk.cannot":
        # A joke, a song, a game: not what the bot is for.
        return t.gettext(
            "I'm afraid I can't do that: I am a bot for Herne's partner cities. Ask me about "
            "them – exchanges, events, business contacts – or choose from the menu."
        )
    if intent == "smalltalk.complaint":
        return t.gettext(
            "Sorry, that was not the answer you were looking for. Please ask again in other "
            "words, for example “Since when is Konin a partner city?”, or choose from the menu."
        )
    return t.gettext(
        "I answer questions about Herne's partner cities: where they are, since when they are "
        "partners, upcoming events and exchanges, business contacts by sector, the 2018 "
        "cooperation declaration and how to reach the partnership association. Just ask in your "
        "own words, for example “Since when is Konin a partner city?”, or choose from the menu. "
        "Languages: %(languages)s.",
        # Each language in its own name, so that a reader finds theirs.
        languages=format_list(list(LANGUAGE_NAMES.values()), locale=t.formats),
    )
