"""Answering questions from the knowledge base, in the asker's language. No Telegram here.

The question is understood (bot/understanding.py: its language, the kind of answer it asks for
according to a classifier trained on the question bank, and the cities, organisations, sectors
and places it names); when the kind is confidently known, the answer is composed for it
(bot/compose.py, which returns nothing when the question lacks what that kind of answer needs
or the base holds nothing for it); otherwise the bot says honestly that it does not know, and
offers the partnership association and the FAQ entries the question came closest to. Nothing
here knows any particular question. The answer is plain text in paragraphs (bot/answer.py);
bot/render.py makes Telegram HTML of it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from bot import heap
from bot.answer import Answer, Paragraph, Suggestion
from bot.compose import (
    CONTACT_INTENTS,
    HERNE,
    about_person,
    both,
    city_facts,
    compose,
    lists_events,
    rest_unknown,
)
from bot.db import Database
from bot.event_titles import (
    EventMatch,
    EventTitles,
    forms_of,
    held,
    keys_of,
    positions_of,
    terms,
)
from bot.events import CityNames, Event, load_event, read_named_cities
from bot.i18n import Catalogs, Translator
from bot.languages import REGISTRY
from bot.memo import Last
from bot.persons import entries_naming, named_persons
from bot.render import to_plain
from bot.understanding import (
    _CODE_DIGEST,
    ASSOCIATION,
    FAQ,
    MAX_FACTS,
    OUT_OF_SCOPE,
    FaqEntry,
    Knowledge,
    Understander,
    Understanding,
    load_understander,
    store,
    stored,
)
from bot.users import utcnow

__all__ = ["CONFIDENCE_THRESHOLD", "Answer", "QuestionAnswerer", "Suggestion"]

# Below this probability of its best intent, a question is not understood: the honest
# fallback. Calibrated with bench/qa_eval.py: cross-validation on the bank (--cv) and the
# tuning sets' threshold sweep.
CONFIDENCE_THRESHOLD = 0.40
# An FAQ entry this similar to the question is offered under the fallback as a topic that
# may help.
SUGGESTION_MIN = 0.15
SUGGESTIONS = 3
# A question whose specific words an upcoming event's titles hold this strongly names that
# event (EventMatch.score: a word the bank's phrasings never use that no other event's title
# nor any FAQ entry holds scores 1): it is answered with the event, unless the classifier's
# answer holds enough of those words that the rest scores less. Calibrated on the tuning sets.
EVENT_NAMED = 0.8
# A question read as out of scope at the threshold or above names an event only this strongly:
# with two such words ("Where can I see the photo exhibition?").
OUT_OF_SCOPE_NAMED = 2 * EVENT_NAMED
# FAQ entries read to tell how common a title's words are in the base.
FAQ_COUNTED = 400
EVENTS = ("events.upcoming", "events.past")


# Each read FAQ entry: its ((language, answer), ...) and ((language, questions), ...).
_Read = tuple[tuple[tuple[tuple[str, str], ...], tuple[tuple[str, tuple[str, ...]], ...]], ...]
_last_counts: Last[tuple[int, _Read], dict[str, int]] = Last()
# The name the database stores the form counts of the files' FAQ entries under
# (`question_models`, with what the question engine stores).
FORMS_NAME = "faq-forms"


def _form_counts(read: _Read, step: int) -> dict[str, int]:
    """In how many FAQ entries each word form stands (each read entry counting `step`)."""
    counts: dict[str, int] = {}
    for answers, questions in read:
        asked = dict(questions)
        forms: set[str] = set()
        for language, answer in answers:
            forms |= forms_of(answer, language)
            for question in asked.get(language, ()):
                forms |= forms_of(question, language)
        for form in forms:
            counts[form] = counts.get(form, 0) + step
    return counts


def _counted(knowledge: Knowledge) -> tuple[int, tuple[FaqEntry, ...]]:
    """The FAQ entries whose forms are counted: at most FAQ_COUNTED, spread over the base,
    each counting `step` (the first value), so that the count is scaled to all."""
    entries = list(knowledge.faq.values())
    step = max(1, -(-len(entries) // FAQ_COUNTED))
    return step, tuple(entries[::step])


def _read(entries: tuple[FaqEntry, ...]) -> _Read:
    return tuple(
        (
            tuple(entry.answers.items()),
            tuple((language, tuple(q)) for language, q in entry.questions.items()),
        )
        for entry in entries
    )


def forms_key(read: _Read, step: int) -> str:
    """What the form counts of `read` depend on: its texts, the step, the code that reads
    words and lemmas (the question engine's and bot/event_titles.py) and the registry."""
    digest = hashlib.sha256(f"{_CODE_DIGEST}\0{step}\0".encode())
    digest.update((Path(__file__).parent / "event_titles.py").read_bytes())
    digest.update(repr(sorted(REGISTRY.items())).encode())
    digest.update(json.dumps(read, ensure_ascii=False).encode())
    return digest.hexdigest()


async def stored_form_counts(db: Database, knowledge: Knowledge) -> dict[str, int]:
    """`_form_counts` of the counted FAQ entries: the files' entries' as the database stores
    them for the same texts and code (about 0.15 s of CPU at each start otherwise), else
    counted and stored; the office's entries' counted at each call and never stored, as they
    hold users' questions, which /deleteme takes out of them."""
    step, entries = _counted(knowledge)
    read = _read(entries)
    if (step, read) in _last_counts:
        return _last_counts[(step, read)]
    files = _read(tuple(entry for entry in entries if not entry.office))
    key = forms_key(files, step)
    found = await stored(db, FORMS_NAME, key)
    if found is not None:
        counts: dict[str, int] = json.loads(found)
    else:
        counts = _form_counts(files, step)
        await store(db, FORMS_NAME, key, json.dumps(counts, ensure_ascii=False).encode())
    office = _read(tuple(entry for entry in entries if entry.office))
    if office:
        counts = dict(counts)
        for form, count in _form_counts(office, step).items():
            counts[form] = counts.get(form, 0) + count
    return _last_counts.keep((step, read), counts)


class QuestionAnswerer:
    def __init__(self, db: Database, understander: Understander, catalogs: Catalogs) -> None:
        self.db = db
        self.understander = understander
        self.catalogs = catalogs
        # The most recent answer, for `partnerbot ask`, which reads it after the bot's reply.
        self.last_answer: Answer | None = None
        self._titles: EventTitles | None = None
        # How many FAQ entries hold each word form, for the knowledge base it was counted in.
        self._common: tuple[Knowledge, dict[str, int]] | None = None
        # The FAQ entries naming each person asked about, for the knowledge base read in.
        self._persons: tuple[Knowledge, dict[str, list[str]]] | None = None

    @property
    def knowledge(self) -> Knowledge:
        return self.understander.reader.knowledge

    @property
    def index(self) -> Knowledge:
        """The knowledge base's cities and organisations, as the handlers call it."""
        return self.knowledge

    async def reload(self) -> None:
        """After the knowledge base changed: load it again (and retrain, in a child process,
        when its questions or names changed)."""
        # The replaced models sit in reference cycles: frozen, they would never be freed.
        frozen = heap.thaw()
        self.understander = await load_understander(self.db)
        await self.count_forms()
        if frozen:
            heap.settle()

    async def read_events(self) -> None:
        """Before events are listed by city: which cities the texts of new or changed events
        name, read with the engine's own name recognition."""
        await read_named_cities(self.db, self.city_names())

    def city_names(self) -> CityNames:
        """How the engine finds partner cities in an event's texts."""
        reader = self.understander.reader
        return CityNames(reader.city_names_key, reader.cities_named)

    async def answer(self, question: str, user_language: str) -> Answer:
        self.last_answer = await self._answer(question, user_language)
        return self.last_answer

    async def count_forms(self) -> None:
        """How many FAQ entries hold each word form (`stored_form_counts`), for the knowledge
        base just loaded: at a start and a reload, so that the first question stays cheap."""
        knowledge = self.knowledge
        self._common = (knowledge, await stored_form_counts(self.db, knowledge))

    def _faq_forms(self) -> tuple[dict[str, int], int]:
        """How many FAQ entries hold each word form, and of how many: at most FAQ_COUNTED
        entries are read (spread over the base, the count scaled to all), once per knowledge
        base, so that the first question after a load stays cheap at 10,000 entries."""
        knowledge = self.knowledge
        if self._common is None or self._common[0] is not knowledge:
            step, entries = _counted(knowledge)
            read = _read(entries)
            # The same texts give the same counts: a new bot on the same base (every test's, a
            # reload) counts them once per process.
            counts = _last_counts.get((step, read), lambda: _form_counts(read, step))
            self._common = (knowledge, counts)
        return self._common[1], len(knowledge.faq)

    async def events_named(self, u: Understanding) -> list[EventMatch]:
        """The published events, not cancelled, whose titles hold the question's specific
        words, best first. The index follows the events table: rebuilt (reading only titles
        it has not read) when the table's change count moved, one row read per question."""
        reader = self.understander.reader
        # The question's words and names as `understand` just read them, taken before the
        # round trip (another question may be understood meanwhile): not scanned again.
        scan = self.understander.scan_of(u)
        count = await self.db.scalar("SELECT count FROM event_changes WHERE id = 1")
        titles = self._titles
        if titles is None or titles.count != count or titles.reader is not reader:
            rows = await self.db.fetchall(
                "SELECT t.event_id, t.language, t.title FROM event_texts t "
                "JOIN events e ON e.id = t.event_id WHERE e.published_at IS NOT NULL "
                "AND e.status != 'cancelled' ORDER BY e.starts_at, t.event_id"
            )
            # Without events, nothing to weigh: no FAQ entry is read.
            common, documents = self._faq_forms() if rows else ({}, 0)
            known = titles.known if titles is not None and titles.reader is reader else None
            titles = self._titles = EventTitles(
                [(row[0], row[1], row[2]) for row in rows],
                reader,
                count,
                common,
                documents,
                known,
            )
        if not titles.events:
            return []  # no question is scanned again for an empty index
        question = terms(scan, u.language, reader)
        return titles.match(question, self.understander.intents)

    async def _strong(self, matches: list[EventMatch]) -> list[tuple[EventMatch, Event]]:
        """The matches strong enough to name their event, with the event, read once."""
        found = []
        for match in matches:
            if match.score < EVENT_NAMED:
                break
            event = await load_event(self.db, match.event_id)
            if event is not None:
                found.append((match, event))
        return found

    @staticmethod
    def _upcoming(
        strong: list[tuple[EventMatch, Event]], over: bool = False, cities: tuple[str, ...] = ()
    ) -> list[EventMatch]:
        """The strong matches whose event is not over yet (`over`: whose event is over;
        `cities`: that involves one of them, when given)."""
        now = utcnow()
        return [
            match
            for match, event in strong
            if (event.finishes_at <= now) == over
            and (not cities or set(cities).intersection(event.city_ids))
        ]

    async def _over(
        self, u: Understanding, t: Translator, strong: list[tuple[EventMatch, Event]]
    ) -> Answer | None:
        """ "What happened at the choir concert?": the question names only events that are over
        (none to come) by what they are: the archive, those first."""
        if self._upcoming(strong):
            return None
        # The archive lists the events of the cities asked about: one of theirs, or none.
        cities = tuple(c for c in u.cities if c != HERNE)
        over = self._upcoming(strong, over=True, cities=cities)
        if not over or self._to_come(u, over):
            return None
        first = tuple(m.event_id for m in over)
        as_past = replace(u, intent=EVENTS[1], confidence=max(u.confidence, CONFIDENCE_THRESHOLD))
        return await self._compose(as_past, t, first)

    def _to_come(self, u: Understanding, over: list[EventMatch]) -> bool:
        """The question says events to come by a word of its own, besides those naming the
        events that are over ("Anything coming up soon? Events, visits", "Steht demnächst was
        an? Besuche"): a word the classifier ties most to events to come ("soon", "bald",
        "coming") that no title of those events holds."""
        model = self.understander.intents
        named = {f.form for m in over for f in m.words}
        scan = self.understander.scan_of(u)
        features = [
            t.feature
            for t in terms(scan, u.language, self.understander.reader)
            if min(t.forms, key=len) not in named
        ]
        return any(
            column >= 0 and model.leading(column) == EVENTS[0]
            for column in model.index.lookup(features)
        )

    async def _answer(self, question: str, user_language: str) -> Answer:
        u, closest = self.understander.understand(question, user_language)
        # A claim to confirm ("Konin ist seit 1989 Partnerstadt, oder?"): the year or place it
        # claims is no period or place asked about, and the answer holds the base's own.
        read = self.understander.claimed(u, CONFIDENCE_THRESHOLD) or u
        # A claim relayed to be checked ("Is it true Beşiktaş is only a district?"): the fact
        # that confirms or corrects it, where the reading does not answer it.
        read = self.understander.relayed_fact(u, read, closest, CONFIDENCE_THRESHOLD) or read
        # A place said of the partner city asked where it lies ("Luzhou liegt in Japan, oder?"):
        # whether it lies there, said before where it lies.
        u = self.understander.placed(u, read) or read
        # A partner city named beside what it is known by ("Luther's birthplace Eisleben"):
        # the fact asked of the city, not the entry on what it is known by.
        u = self.understander.epithet_beside(u, CONFIDENCE_THRESHOLD) or u
        # A partner city's name misspelt as it sounds ("ветфилде", "科林") in a question not
        # understood otherwise: the city's fact that the rest asks.
        u = self.understander.name_sounded(u, CONFIDENCE_THRESHOLD) or u
        # An event asked by what it is or who comes ("the children's show from …", "young
        # athletes from … are coming: what, when?"): the events of the cities it names.
        u = self.understander.event_described(u, CONFIDENCE_THRESHOLD) or u
        # Whether an agreement came first with a partner city ("Gab es mit Luzhou zuerst eine
        # Vereinbarung?"): its history, which tells its agreements in order.
        u = self.understander.agreement_first(u, CONFIDENCE_THRESHOLD) or u
        t = self.catalogs[u.language].plain
        if not any(c.isalnum() for c in u.text) and not u.chat:
            return self._fallback(u, closest, t)
        named = await self.events_named(u)
        answer = await self._as_read(u, closest, t, named)
        if answer.fallback and not u.chat:
            # "Wer war Willi Pohlmann?": a person the base's answers name, by name, where the
            # question was not understood otherwise, gets what those answers tell of them.
            person = self._about_person(u, t)
            if person is not None:
                return person
        # The question names an upcoming event by what it is: unless it was read as asking
        # about events, or answered by something that holds enough of its words (a city's
        # history, an FAQ entry, the contacts of the sector it names), the answer is that
        # event. An event that is over is only listed first when events that are over are
        # asked about.
        read_as = (answer.entry or "").partition(":")[0]
        if read_as == EVENTS[1]:
            return answer
        strong = await self._strong(named)
        if read_as == EVENTS[0]:
            # Read as asking about events to come, but naming only events that are over by
            # what they are ("what happened at the choir concert?"): those, in the archive.
            # Not understood at all, it stays unanswered (an event that is over is not named).
            return await self._over(u, t, strong) or answer
        upcoming = self._upcoming(strong)
        if not upcoming:
            return answer
        if (
            u.intent == OUT_OF_SCOPE
            and u.confidence >= CONFIDENCE_THRESHOLD
            and upcoming[0].score < OUT_OF_SCOPE_NAMED
        ):
            # Confidently no question for the bot, and one word of a title is not enough to
            # make it one ("Where can I buy table tennis bats?").
            return answer
        if not answer.fallback:
            # An attribute of the one organisation named, which its card holds ("Where does
            # Herne's hockey club play its home games?"): a word its question shares with an
            # event's title ("games") names no event, unless that event names the organisation.
            if self._body_asked(u, answer, strong, upcoming):
                return answer
            said = keys_of(terms(self.understander.reader.scan(to_plain(answer)), u.language))
            # A sector word is no event's name where the answer is about whom to contact or
            # about an organisation the question names ("ruhrvalley ne, hangi okullar var?"
            # asks for the schools in ruhrvalley, not for the school choir's concert).
            by_sector = read_as in CONTACT_INTENTS or bool(
                set(u.organisations) & set(answer.organisations)
            )
            # A word told in the sentences before the one that asks is the asker's story, not
            # what is asked ("I play in a brass band and we've been twinned with Wakefield for
            # ages. What year did it start?" asks since when, whatever the band's concert).
            sentence = self.understander.asking_sentence(u)
            asked = None if sentence is None else keys_of(terms(sentence, u.language))
            rest = sum(
                f.score
                for f in upcoming[0].words
                if not held(said, f)
                and not (f.sector and by_sector)
                and (asked is None or held(asked, f))
            )
            if rest < EVENT_NAMED:
                return answer
            if self._asked_without(u, answer.entry or "", upcoming[0]):
                return answer
        first = tuple(m.event_id for m in upcoming)
        as_event = replace(u, intent=EVENTS[0], confidence=max(u.confidence, CONFIDENCE_THRESHOLD))
        return await self._compose(as_event, t, first) or answer

    def _body_asked(
        self,
        u: Understanding,
        answer: Answer,
        strong: list[tuple[EventMatch, Event]],
        upcoming: list[EventMatch],
    ) -> bool:
        """The question asks an attribute of the one organisation it names, the answer is
        about that organisation, and no upcoming event it shares words with names it."""
        body = self.understander.asks_of_body(u)
        if body is None or body not in answer.organisations:
            return False
        reader = self.understander.reader
        ids = {m.event_id for m in upcoming}
        for match, event in strong:
            if match.event_id not in ids:
                continue
            texts = event.texts.get(u.language) or next(iter(event.texts.values()), ("", ""))
            scan = reader.scan(" ".join(texts))
            if any(m.kind == "organisation" and body in m.ids for m in scan.entities):
                return False
        return True

    def _asked_without(self, u: Understanding, entry: str, match: EventMatch) -> bool:
        """The question, understood as asking something other than events, still asks it
        without the words it shares with the event's title: those words tell of the asker
        in a clause beside the one that asks ("I'm a tailor, who's the business contact?",
        "birdwatcher here – which country is Ometepe in?"), not of what is asked. "When is
        the chess tournament?" without "chess tournament" asks nothing, and the event is its
        answer; nor do words in the clause that asks count."""
        if u.intent.startswith("events."):
            return False
        scan = self.understander.scan_of(u)
        at = positions_of(scan, u.language, {f.form for f in match.words})
        # Only words told beside the question, not in the clause that asks ("kiedy obóz
        # hokejowy w Koninie?" misread as a city's history still asks for the camp).
        if not at or not at <= self.understander.told(u):
            return False
        rest = self.understander.without(u, at)
        # What the answer is, as an intent ("faq:konin-first-contacts-1989" is that entry's).
        kind, _, key = entry.partition(":")
        answered = f"{kind}.{key}" if kind == FAQ else kind
        # Not understood as a whole, the answer was found in the clause that asks (`focus`):
        # the rest must read as that answer.
        return (
            rest is not None
            and rest.intent != OUT_OF_SCOPE
            and rest.confidence >= CONFIDENCE_THRESHOLD
            and rest.intent in (u.intent, answered)
        )

    async def _as_read(
        self,
        u: Understanding,
        closest: list[tuple[str, float]],
        t: Translator,
        named: list[EventMatch],
    ) -> Answer:
        """The answer to the question as the classifier reads it; events it names by what they
        are come first in a list of events."""
        first = tuple(m.event_id for m in named)
        understander = self.understander
        # A ranking over the partner cities ("Which partner city is the biggest?"): composed
        # from the cities in memory, whatever fact of one city the classifier read.
        ranked = understander.ranking(u, CONFIDENCE_THRESHOLD)
        if ranked is not None and ranked.intent == OUT_OF_SCOPE:
            return self._fallback(ranked, closest, t)
        understood = u.intent != OUT_OF_SCOPE and u.confidence >= CONFIDENCE_THRESHOLD
        # What an organisation is, asked beside what an entry of its own holds ("ruhrvalley
        # nedir, Herne'de ofisi var mı"): its card, then that entry (said once if the card
        # holds it already).
        body = understander.body_and_part(u, CONFIDENCE_THRESHOLD)
        if body is not None:
            card, part = [await self._compose(reading, t, first) for reading in body]
            if card is not None and part is not None:
                return card if part.holds and part.holds <= card.holds else both(card, part)
        answer = await self._first_composed(
            [
                lambda: ranked,
                # A choir, club or school class of the asker's looking for its counterpart in a
                # partner city, asking whom to turn to: the association.
                lambda: understander.group_reach(u, CONFIDENCE_THRESHOLD),
                # Opening a shop, a salon, a firm and asking whom to turn to, or who promotes
                # the economy: business contacts (business development helps founders).
                lambda: understander.founding(u, CONFIDENCE_THRESHOLD),
                # Taking part in the partnerships, helping or collaborating with the partner
                # cities, and asking whom to turn to: the association.
                lambda: understander.taking_part(u, CONFIDENCE_THRESHOLD),
                # What an organisation is (its members, sections, founding, whether there is
                # one), read as how to reach it or below the threshold: its card.
                lambda: understander.body_itself(u, CONFIDENCE_THRESHOLD),
                # The asker's own city told before a clause asking a fact of another city
                # ("Soy de Ometepe: ¿dónde queda Herne?"): the clause's city.
                lambda: understander.clause_city(u, CONFIDENCE_THRESHOLD),
                # The asker introduced before the question ("I teach German in Managua. Where
                # was the declaration signed?"): what the question asks, not what their trade
                # draws.
                lambda: understander.introduced(u, CONFIDENCE_THRESHOLD),
                # A story told before the question, whose last sentence points back to the
                # partner city it names ("… the island", "this partnership"): that sentence,
                # with the city carried in (of a message understood as a whole, where it reads
                # otherwise and more surely).
                lambda: understander.story_asked(u, CONFIDENCE_THRESHOLD),
                # The story's partner city beside the one the question names: the question's.
                lambda: understander.story_beside(u, CONFIDENCE_THRESHOLD),
                # Who signed the 2018 declaration, city by city ("Did Konin sign it too?"), and
                # a partner city signed *with*, which is that partnership ("когда подписали с
                # бешикташем").
                lambda: understander.signing(u, CONFIDENCE_THRESHOLD),
                # How two partner cities (or Herne and one) are linked: what the base holds of
                # that link, else both partnerships' history.
                lambda: understander.link_asked(u, CONFIDENCE_THRESHOLD),
                # Where the partnership with the one partner city it names has its roots, or how
                # it began, with or without a guess of the asker's: its history.
                lambda: understander.roots_asked(u, CONFIDENCE_THRESHOLD),
                # The same asked of one partner city described, not named (by its country,
                # region or adjective: "why a twin town in the north of France?"): its history.
                lambda: understander.began_described(u, CONFIDENCE_THRESHOLD),
                # Why the one partner city it names matters, what makes it famous (read as
                # nothing, or as its founding): its profile.
                lambda: understander.renown_asked(u, CONFIDENCE_THRESHOLD),
                # Where the one city it names lies, asked in colloquial, past or misspelt words
                # ("luzhou neresiydi ya", "де той конін"), beside fillers and thanks.
                lambda: understander.where_said(u, CONFIDENCE_THRESHOLD),
            ],
            t,
            first,
        )
        if answer is not None:
            return answer
        # Two or three facts of one partner city asked in one message ("Wakefield: population,
        # distance and website?", "konin einwohner homepage"), or one beside a fact the base
        # does not hold ("... and who is the mayor?"): each fact, and the unheld one said so.
        # An event named by what it is makes its words the event's ("What time does the
        # fencing start, and how far is Konin?" asks the event's time, not the city's clock).
        event_named = bool(named) and named[0].score >= EVENT_NAMED
        facts = None if event_named else understander.facts_asked(u, CONFIDENCE_THRESHOLD)
        if facts is not None:
            # A fact the base holds of no such city (Wakefield's area) is one it does not hold.
            answers = [await self._compose(reading, t, first) for reading in facts.readings]
            composed = [a for a in answers if a is not None]
            unheld = facts.unheld or None in answers
            if composed and (len(composed) > 1 or unheld):
                return city_facts(composed[:MAX_FACTS], unheld, len(composed) > MAX_FACTS, t)
        # A message asking two things gets both answers, in the order asked, when each part
        # is understood and answerable on its own; else it is read as one question.
        parts = understander.two_parts(u, CONFIDENCE_THRESHOLD)
        if parts is not None:
            one, other = [await self._compose(part, t, first) for part in parts]
            if one is not None and other is not None:
                return both(one, other)
        # Whether a place is a partner city, asked with a reason beside it: that check.
        answer = await self._first_composed(
            [lambda: understander.place_checked(u, CONFIDENCE_THRESHOLD)], t, first
        )
        if answer is not None:
            return answer
        if understood:
            # Chatter after the question names nothing it asks about.
            asked = self.understander.asked(u, CONFIDENCE_THRESHOLD)
            # Context naming the city its question names again is no part of the question.
            asked = self.understander.restated(asked, CONFIDENCE_THRESHOLD)
            # A trip or plan told beside a question is no question about events.
            asked = self.understander.beside_plans(asked, CONFIDENCE_THRESHOLD)
            # A plan with a partner city on hold asked "possible now?": its status.
            asked = self.understander.held_over(asked, CONFIDENCE_THRESHOLD)
            # Events read from the trip told alone, beside a question asking something else
            # that is not understood: the message is not understood either.
            understood = not self.understander.plans_only(asked)
            if understood:
                answer = await self._compose(asked, t, first)
                if answer is not None:
                    return answer
        rereads: list[Callable[[], Understanding | None]] = []
        if not understood:
            rereads += [
                # Not understood as a whole: the clause that asks may be, without the context
                # and the chatter around it.
                lambda: understander.focus(u, CONFIDENCE_THRESHOLD),
                # A guess of where the partner city of the story before it lies ("… Das ist in
                # Belgien, stimmt's?"): where it lies.
                lambda: understander.guessed_where(u, CONFIDENCE_THRESHOLD),
                # About a partner city on hold, split between readings that each say so.
                lambda: understander.on_hold(u, closest, CONFIDENCE_THRESHOLD),
                # A fact of the partner city the asker tells they are in, asked of it by name
                # again: that fact (the asker's story made the whole read as out of scope).
                lambda: understander.fact_asked_again(u),
                # Who signed or began the partnership with the one partner city it names: its
                # history, where that says who.
                lambda: understander.who_began(u),
                # A partner city named by its former name ("Hénin-Liétard: what is it called
                # today?"): what became of the old town, which its founding tells.
                lambda: understander.formerly_asked(u),
                # The declaration asked about in a sentence of its own, beside the asker's story
                # of their trade and of where they heard of it: what it asks of the declaration.
                lambda: understander.declaration_in_story(u, CONFIDENCE_THRESHOLD),
                # What led up to the declaration, in words read below the threshold.
                lambda: understander.background_asked(u, CONFIDENCE_THRESHOLD),
            ]
        # A past year asked about as the topic, the question not understood or its reading
        # holding nothing ("1987年奥梅特佩发生了什么？" read as Ometepe's founding): what the base
        # holds of that year.
        rereads.append(lambda: understander.in_year(u))
        answer = await self._first_composed(rereads, t, first)
        if answer is not None:
            return answer
        # One part of two answerable, the other out of scope: the part the bot knows.
        known = self.understander.known_part(u, CONFIDENCE_THRESHOLD)
        if known is not None:
            answer = await self._compose(known, t, first)
            if answer is not None:
                return rest_unknown(answer, t)
        # One part answerable, the other asking what its answer does not hold ("Since when is
        # Luzhou a partner? Who signed in Berlin?"): the part the base holds, saying so.
        held = self.understander.unheld_part(u, CONFIDENCE_THRESHOLD)
        if held is not None:
            answer = await self._compose(held, t, first)
            if answer is not None:
                return rest_unknown(answer, t)
        return self._fallback(u, closest, t)

    async def _first_composed(
        self,
        rereads: Iterable[Callable[[], Understanding | None]],
        t: Translator,
        first: tuple[str, ...],
    ) -> Answer | None:
        """The answer of the first re-reading that reads the question and composes: each is
        called only when those before it gave nothing, so a message costs only what it needs."""
        for reread in rereads:
            reading = reread()
            if reading is not None:
                answer = await self._compose(reading, t, first)
                if answer is not None:
                    return answer
        return None

    async def _compose(
        self, u: Understanding, t: Translator, first: tuple[str, ...] = ()
    ) -> Answer | None:
        if lists_events(u.intent, self.knowledge):
            await self.read_events()
        return await compose(u, self.knowledge, self.db, t, first)

    def _about_person(self, u: Understanding, t: Translator) -> Answer | None:
        """The entries naming the one person the question names (bot/persons.py), those about
        the partner cities it names first; None for no person or several."""
        persons = named_persons(u.text)
        if len(persons) != 1:
            return None
        knowledge = self.knowledge
        cached = self._persons
        if cached is None or cached[0] is not knowledge:
            cached = self._persons = (knowledge, {})
        if persons[0] not in cached[1]:
            cached[1][persons[0]] = entries_naming(persons[0], knowledge.faq.values())
        answer = about_person(cached[1][persons[0]], u, knowledge, t)
        if answer is not None:
            answer.confidence = max(u.confidence, CONFIDENCE_THRESHOLD)
        return answer

    def _fallback(
        self, u: Understanding, closest: list[tuple[str, float]], t: Translator
    ) -> Answer:
        knowledge = self.knowledge
        association = knowledge.organisations.get(ASSOCIATION)
        name = association.local_name(u.language) if association else ""
        text = t.gettext(
            "Sorry, I don't know the answer to that. Perhaps one of these topics helps. "
            "People at the partnership association (%(association)s) can help you further.",
            association=name,
        )
        suggestions: list[Suggestion] = []
        for city_id in u.cities:
            city = knowledge.cities[city_id]
            suggestions.append(Suggestion("city", city_id, f"{city.flag} {city.name(u.language)}"))
        for entry_id, similarity in closest:
            entry = knowledge.faq.get(entry_id)
            if similarity >= SUGGESTION_MIN and entry and entry.questions.get(u.language):
                suggestions.append(Suggestion("faq", entry.id, entry.questions[u.language][0]))
        return Answer(
            [Paragraph((text,))],
            u.language,
            u.confidence,
            True,
            organisations=[ASSOCIATION] if association else [],
            suggestions=suggestions[:SUGGESTIONS],
        )
