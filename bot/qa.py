"""Answering questions from the knowledge base, in the asker's language. No Telegram here.

Every candidate answer (an FTS5 hit: a FAQ entry, a city or an organisation; or a structured
answer built from a city's fields for what the question asks: since when, where, how many
inhabitants, ...) is scored by how much of the question it explains: the share of the
question's weight (entities, and words weighted by their rarity in the knowledge base) that it
accounts for, plus a little of FTS5's bm25. Words the knowledge base has never seen weigh most,
so "weather in Konin" is mostly unexplained and falls back instead of getting Konin's profile.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz, process

from bot.db import Database
from bot.i18n import Catalogs, Translator, escape
from bot.lexicon import intent_cues, partnership_words, question_words, stopwords
from bot.nlp import LanguageDetector, capitalised_words, clean, stem, words
from bot.search import (
    City,
    EntityMatch,
    KnowledgeIndex,
    Organisation,
    fts_query,
    marker,
    sector_matches,
)

# Below this share of the question explained, the bot says it does not know. Calibrated with
# bench/qa_eval.py (it prints the sweep): between answerable and out-of-scope questions.
CONFIDENCE_THRESHOLD = 0.62
ENTITY_WEIGHT = 4.0
HOME_WEIGHT = 1.0  # "Herne" is in half of all questions; it says little
FOREIGN_MIN_WORDS = 4
FOREIGN_WORD_WEIGHT = 0.3
# A word the knowledge base has never seen weighs this share of the rarest known word: enough
# to sink "weather in Konin", not so much that one unusual verb sinks a real question. A
# capitalised unknown word inside a sentence names something we do not know (Kraków) and
# weighs in full. Calibrated with bench/qa_eval.py.
UNKNOWN_WORD_SHARE = 0.8
CANDIDATES = 25
HERNE = "herne"
ASSOCIATION = "partnership-association"
STRUCTURED_INTENTS = (
    "since",
    "where",
    "population",
    "website",
    "status",
    "distance",
    "time",
    "area",
    "founded",
)


@dataclass(frozen=True)
class Suggestion:
    """A related entry the user may open next: ("city", id), ("org", id) or ("faq", id)."""

    kind: str
    id: str
    label: str


@dataclass
class Answer:
    text: str  # Telegram HTML
    language: str
    confidence: float
    fallback: bool
    sources: list[str] = field(default_factory=list)
    entry: str | None = None  # what answered: faq:<id>, city:<id>, org:<id>, <intent>:<ids>
    cities: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)


@dataclass
class _Token:
    key: str  # a stem, or entity markers joined by "|"
    weight: float
    # "question" (who, which, ...), "generic" (partner city, Herne), "intent" (since, where,
    # ...): words that an answer of the asked kind explains even when it does not contain them
    role: str | None = None
    intents: frozenset[str] = frozenset()  # for an intent cue: the intents it signals

    @property
    def cue(self) -> bool:
        return self.role is not None


@dataclass
class _Candidate:
    kind: str  # faq, city, org, or a structured intent
    ids: tuple[str, ...]
    terms: frozenset[str]  # what it explains
    bm25: float = 0.0
    structured: bool = False
    score: float = 0.0


class QuestionAnswerer:
    def __init__(
        self, db: Database, index: KnowledgeIndex, catalogs: Catalogs, detector: LanguageDetector
    ):
        self.db = db
        self.index = index
        self.catalogs = catalogs
        self.detector = detector
        # The most recent answer, for `partnerbot ask`, which reads it after the bot's reply.
        self.last_answer: Answer | None = None

    # ---- language ------------------------------------------------------------------------

    def answer_language(
        self, text: str, entities: list[EntityMatch], user_language: str
    ) -> tuple[str, bool]:
        """The question's language when clear (True), else the user's (False).

        Names are left out of the detection: they say little about the language.
        """
        all_words = words(text)
        inside = {i for match in entities for i in range(match.start, match.end)}
        rest = " ".join(w for i, w in enumerate(all_words) if i not in inside)
        detected = self.detector.detect(rest) or self.detector.detect_script(text)
        return (detected, True) if detected else (user_language, False)

    # ---- the question --------------------------------------------------------------------

    def _tokens(
        self, text: str, language: str, entities: list[EntityMatch], foreign: bool = False
    ) -> tuple[list[_Token], set[str], set[str]]:
        all_words = words(text, language)
        inside = {i for match in entities for i in range(match.start, match.end)}
        stop, questions, generic = (
            stopwords(language),
            question_words(language),
            partnership_words(language),
        )
        stems = [stem(w, language) for i, w in enumerate(all_words) if i not in inside]
        names = {stem(w, language) for w in capitalised_words(text, language)}
        intents = self._intents(stems, language)
        cue_stems = {s for cue in intents.values() for part in cue for s in part}
        tokens: list[_Token] = []
        max_idf = self.index.idf("\0", language)
        for s in stems:
            if s in stop or not s:
                continue
            if s.isdigit() and len(s) != 4:
                continue  # a count or a day, not a year: the text around it decides
            role = (
                "intent"
                if s in cue_stems
                else "question"
                if s in questions
                else "generic"
                if s in generic
                else None
            )
            signals = frozenset(i for i, cues in intents.items() if any(s in c for c in cues))
            if foreign:
                # Words of a language we do not read look like ours only by chance (la, con).
                tokens.append(_Token(s, FOREIGN_WORD_WEIGHT, role, signals))
                continue
            for part in self._known_parts(s, language):
                if self.index.known(part, language):
                    weight = min(max(self.index.idf(part, language), 0.5), max_idf)
                else:
                    weight = max_idf if s in names else max_idf * UNKNOWN_WORD_SHARE
                tokens.append(_Token(part, weight, role, signals))
        for match in entities:
            weight = HOME_WEIGHT if match.ids == (HERNE,) else ENTITY_WEIGHT
            if match.kind == "country" and HERNE in match.ids:
                weight = HOME_WEIGHT
            tokens.append(_Token("|".join(sorted(match.markers)), weight))
        sectors = sector_matches(text, language)
        for sector in sectors:
            tokens.append(_Token(marker("s", sector), ENTITY_WEIGHT / 2))
        return tokens, set(intents), sectors

    def _known_parts(self, term: str, language: str) -> list[str]:
        """A word the base does not know: a typo of a known word, or a compound of two."""
        if self.index.known(term, language) or len(term) < 5 or term.isdigit():
            return [term]
        vocabulary = self.index.vocabulary[language]
        best = process.extractOne(term, vocabulary, scorer=fuzz.ratio, score_cutoff=86)
        if best:
            return [best[0]]
        for split in range(len(term) - 3, 2, -1):
            head, tail = term[:split], term[split:]
            tail = tail[1:] if tail[0] in "s-" and len(tail) > 4 else tail
            if self.index.known(head, language) and self.index.known(
                stem(tail, language), language
            ):
                return [head, stem(tail, language)]
        return [term]

    @staticmethod
    def _intents(stems: list[str], language: str) -> dict[str, list[tuple[str, ...]]]:
        found: dict[str, list[tuple[str, ...]]] = {}
        sequence = tuple(stems)
        for intent, cues in intent_cues(language).items():
            for cue in cues:
                n = len(cue)
                if any(sequence[i : i + n] == cue for i in range(len(sequence) - n + 1)):
                    found.setdefault(intent, []).append(cue)
        return found

    # ---- candidates ----------------------------------------------------------------------

    async def _search(self, tokens: list[_Token], language: str) -> list[_Candidate]:
        # Question words and "partner city" are in most entries: they would only crowd out
        # the entries with the question's real subject.
        topical = [token for token in tokens if not token.cue] or tokens
        terms = [part for token in topical for part in token.key.split("|")]
        # Terms in most entries ("Herne") rank nothing and make SQLite score the whole base.
        terms = [t for t in terms if not self.index.common(t, language)] or terms
        if not terms:
            return []
        rows = await self.db.fetchall(
            "SELECT doc, terms, bm25(kb_search, 1.0, 0.0) FROM kb_search "
            "WHERE kb_search MATCH ? ORDER BY bm25(kb_search, 1.0, 0.0) LIMIT ?",
            (fts_query(terms, language), CANDIDATES),
        )
        candidates = []
        for doc, doc_terms, bm25 in rows:
            kind, _, entry_id = doc.partition(":")
            candidates.append(
                _Candidate(kind, (entry_id,), frozenset(doc_terms.split()), bm25=-bm25)
            )
        return candidates

    def _structured(
        self, entities: list[EntityMatch], intents: set[str], sectors: set[str], language: str
    ) -> list[_Candidate]:
        candidates = []
        cities = [m for m in entities if m.kind == "city"]
        countries = [m for m in entities if m.kind == "country"]
        for match in cities:
            city_id = match.ids[0]
            explained = frozenset(match.markers)
            for intent in intents & set(STRUCTURED_INTENTS):
                if city_id == HERNE and intent in ("since", "status", "distance"):
                    continue
                candidates.append(_Candidate(intent, (city_id,), explained, structured=True))
            candidates.append(
                _Candidate("city", (city_id,), explained | {marker("c", city_id)}, structured=True)
            )
        for match in countries:
            partners = tuple(i for i in match.ids if self.index.cities[i].partner)
            if partners:
                candidates.append(
                    _Candidate("in_country", partners, frozenset(match.markers), structured=True)
                )
        for match in entities:
            if match.kind == "organisation":
                candidates.append(
                    _Candidate("org", match.ids, frozenset(match.markers), structured=True)
                )
        if sectors:
            city_ids = tuple(m.ids[0] for m in cities if m.ids[0] != HERNE)
            explained = frozenset(marker("s", s) for s in sectors) | frozenset(
                m for c in cities for m in c.markers
            )
            candidates.append(
                _Candidate(
                    "contacts", tuple(sorted(sectors)) + city_ids, explained, structured=True
                )
            )
        return candidates

    @staticmethod
    def _merge(found: list[_Candidate], structured: list[_Candidate]) -> list[_Candidate]:
        """A city or organisation both found by FTS and named in the question is one candidate."""
        by_key = {(c.kind, c.ids): c for c in structured}
        merged = list(structured)
        for candidate in found:
            twin = by_key.get((candidate.kind, candidate.ids))
            if twin is None:
                merged.append(candidate)
            else:
                twin.terms |= candidate.terms
                twin.bm25 = candidate.bm25
        return merged

    @staticmethod
    def _score(
        candidate: _Candidate, tokens: list[_Token], intents: set[str], best_bm25: float
    ) -> float:
        total = sum(t.weight for t in tokens)
        if total == 0:
            return 0.0
        answers_kind = candidate.structured and (
            candidate.kind in intents or candidate.kind in ("in_country", "contacts") or not intents
        )
        is_entry = candidate.kind in ("city", "org")
        explained = 0.0
        for token in tokens:
            if any(k in candidate.terms for k in token.key.split("|")):
                explained += token.weight
            elif (
                token.role == "intent"
                and answers_kind
                and (candidate.kind in token.intents or candidate.kind not in STRUCTURED_INTENTS)
            ):
                # "when" is explained by the since-answer, not by the founding year's.
                explained += token.weight
            elif token.role in ("question", "generic") and (answers_kind or is_entry):
                explained += token.weight
        score = explained / total
        if best_bm25 > 0 and candidate.bm25 > 0:
            score += 0.05 * candidate.bm25 / best_bm25
        if candidate.structured and (candidate.kind in intents or candidate.kind == "in_country"):
            score += 0.15  # the question asks exactly for this field (beats 0.08 + 0.05)
        elif candidate.structured and candidate.kind in ("city", "org"):
            score += 0.08  # the entry of the very thing the question names
        return score

    # ---- answering -----------------------------------------------------------------------

    async def answer(self, question: str, user_language: str) -> Answer:
        self.last_answer = await self._answer(question, user_language)
        return self.last_answer

    async def _answer(self, question: str, user_language: str) -> Answer:
        text = clean(question).strip()
        entities = self.index.matcher.find(text) if text else []
        language, detected = self.answer_language(text, entities, user_language)
        t = self.catalogs[language]
        if not any(c.isalnum() for c in text):
            return await self._fallback(t, [], language)
        # A sentence in a language we do not read (French, Spanish, ...) that names a partner
        # city: its unknown words say nothing about relevance, so they must not outweigh it.
        foreign = not detected and bool(entities) and len(words(text)) >= FOREIGN_MIN_WORDS
        tokens, intents, sectors = self._tokens(text, language, entities, foreign)
        if not tokens:
            return await self._fallback(t, [], language)
        candidates = self._merge(
            await self._search(tokens, language),
            self._structured(entities, intents, sectors, language),
        )
        best_bm25 = max((c.bm25 for c in candidates), default=0.0)
        for candidate in candidates:
            candidate.score = self._score(candidate, tokens, intents, best_bm25)
        candidates.sort(key=lambda c: c.score, reverse=True)
        if not candidates or candidates[0].score < CONFIDENCE_THRESHOLD:
            return await self._fallback(t, candidates, language)
        best = candidates[0]
        answer = await self._render(best, t, entities)
        answer.confidence = min(best.score, 1.0)
        answer.suggestions = await self._suggestions(candidates[1:], t, exclude=answer)
        return answer

    async def _fallback(self, t: Translator, candidates: list[_Candidate], language: str) -> Answer:
        association = self.index.organisations.get(ASSOCIATION)
        name = association.local_name(language) if association else ""
        text = t.gettext(
            "Sorry, I don't know the answer to that. Perhaps one of these topics helps. "
            "People at the partnership association (%(association)s) can help you further.",
            association=name,
        )
        answer = Answer(
            text, language, 0.0, True, organisations=[ASSOCIATION] if association else []
        )
        answer.suggestions = await self._suggestions(
            [c for c in candidates if not c.structured][:3], t, exclude=answer
        )
        return answer

    async def _suggestions(
        self, candidates: list[_Candidate], t: Translator, exclude: Answer
    ) -> list[Suggestion]:
        seen = {exclude.entry}
        result = []
        for candidate in candidates:
            if candidate.kind not in ("faq", "city", "org") or len(result) == 3:
                continue
            key = f"{candidate.kind}:{candidate.ids[0]}"
            if key in seen:
                continue
            seen.add(key)
            label = await self.label(candidate.kind, candidate.ids[0], t.language)
            if label:
                result.append(Suggestion(candidate.kind, candidate.ids[0], label))
        return result

    async def label(self, kind: str, entry_id: str, language: str) -> str | None:
        """A short title for an entry, for buttons."""
        if kind == "city" and entry_id in self.index.cities:
            city = self.index.cities[entry_id]
            return f"{city.flag} {city.name(language)}"
        if kind == "org" and entry_id in self.index.organisations:
            return self.index.organisations[entry_id].local_name(language)
        if kind == "faq":
            row = await self.db.fetchone(
                "SELECT questions FROM faq_texts WHERE faq_id = ? AND language = ?",
                (entry_id, language),
            )
            if row:
                return json.loads(row[0])[0]
        return None

    async def faq_answer(self, faq_id: str, language: str) -> str | None:
        row = await self.db.fetchone(
            "SELECT answer FROM faq_texts WHERE faq_id = ? AND language = ?", (faq_id, language)
        )
        return escape(row[0]) if row else None

    async def _render(
        self, candidate: _Candidate, t: Translator, entities: list[EntityMatch]
    ) -> Answer:
        kind, ids = candidate.kind, candidate.ids
        language = t.language
        if kind == "faq":
            row = await self.db.fetchone(
                "SELECT t.answer, f.sources FROM faq_texts t JOIN faq f ON f.id = t.faq_id "
                "WHERE t.faq_id = ? AND t.language = ?",
                (ids[0], language),
            )
            cities = [
                r[0]
                for r in await self.db.fetchall(
                    "SELECT city_id FROM faq_cities WHERE faq_id = ?", (ids[0],)
                )
            ]
            organisations = [
                r[0]
                for r in await self.db.fetchall(
                    "SELECT organisation_id FROM faq_organisations WHERE faq_id = ?", (ids[0],)
                )
            ]
            return Answer(
                escape(row[0]),
                language,
                0,
                False,
                json.loads(row[1]),
                f"faq:{ids[0]}",
                cities,
                organisations,
            )
        if kind == "org":
            organisation = self.index.organisations[ids[0]]
            return Answer(
                self.organisation_card(organisation, t),
                language,
                0,
                False,
                organisation.sources,
                f"org:{ids[0]}",
                [organisation.city_id] if organisation.city_id else [],
                [ids[0]],
            )
        if kind == "contacts":
            return self._contacts(ids, t)
        if kind == "in_country":
            cities = [self.index.cities[i] for i in ids]
            names = ", ".join(f"{c.flag} {c.name(language)}" for c in cities)
            text = t.ngettext(
                "Herne's partner city in %(country)s: %(cities)s.",
                "Herne's partner cities in %(country)s: %(cities)s.",
                len(cities),
                country=cities[0].texts[language]["country"],
                cities=names,
            )
            text += "\n\n" + "\n\n".join(escape(c.texts[language]["profile"]) for c in cities)
            return Answer(
                text,
                language,
                0,
                False,
                [s for c in cities for s in c.sources],
                f"in_country:{','.join(ids)}",
                list(ids),
            )
        city = self.index.cities[ids[0]]
        text = self.city_fact(kind, city, t)
        return Answer(
            text, language, 0, False, city.sources_for(kind), f"{kind}:{city.id}", [city.id]
        )

    # ---- rendering facts -----------------------------------------------------------------

    def city_fact(self, kind: str, city: City, t: Translator) -> str:
        """One structured fact about a city (or its profile), with the suspension if any."""
        name = city.name(t.language)
        texts = city.texts[t.language]
        if kind == "since" and city.partner_since and "-" in city.partner_since:
            text = t.gettext(
                "%(city)s has been Herne's partner city since %(date)s.",
                city=name,
                date=self.partner_since(city, t),
            )
        elif kind == "since" and city.partner_since:
            text = t.gettext(
                "%(city)s has been Herne's partner city since %(year)s.",
                city=name,
                year=city.partner_since,
            )
        elif kind == "where":
            # The profile says the rest a "where" question may mean: river, distances.
            text = t.gettext(
                "Location of %(city)s: %(country)s, %(region)s.",
                city=name,
                country=texts["country"],
                region=texts["region"],
            )
            text += "\n\n" + escape(texts["profile"])
            return text
        elif kind == "population" and city.population and city.population_approx:
            text = t.ngettext(
                "About %(count)s person lives in %(city)s.",
                "About %(count)s people live in %(city)s.",
                city.population,
                city=name,
            )
        elif kind == "population" and city.population:
            text = t.ngettext(
                "%(city)s has %(count)s inhabitant (%(year)s).",
                "%(city)s has %(count)s inhabitants (%(year)s).",
                city.population,
                city=name,
                year=str(city.population_year or "–"),
            )
        elif kind == "website":
            text = (
                t.gettext("The official website of %(city)s: %(url)s", city=name, url=city.website)
                if city.website
                else t.gettext("I have no verified website for %(city)s.", city=name)
            )
        elif kind == "status" and city.status == "active" and city.partner_since:
            text = t.gettext(
                "The partnership with %(city)s is active. Partner city since: %(date)s.",
                city=name,
                date=self.partner_since(city, t),
            )
        elif kind == "distance" and city.lat is not None and HERNE in self.index.cities:
            herne = self.index.cities[HERNE]
            km = distance_km(herne.lat, herne.lon, city.lat, city.lon)
            text = t.gettext(
                "%(city)s is about %(km)s km from Herne as the crow flies.",
                city=name,
                km=t.number(round(km, -1)),
            )
            # The question may measure from elsewhere (Moscow, the border): the profile says.
            return text + "\n\n" + escape(texts["profile"])
        elif kind == "time":
            zone = ZoneInfo(city.timezone)
            now = datetime.now(UTC)
            text = t.gettext(
                "Local time in %(city)s: %(time)s (%(zone)s).",
                city=name,
                time=t.time(now, tz=zone),
                zone=t.timezone_name(zone),
            )
        else:
            text = f"{city.flag} <b>{escape(name)}</b>\n{escape(texts['profile'])}"
            return text
        if city.status == "suspended" and texts["status_note"]:
            text += "\n" + escape(texts["status_note"])
        return text

    @staticmethod
    def partner_since(city: City, t: Translator) -> str:
        parts = (city.partner_since or "").split("-")
        if len(parts) == 3:
            return t.date(date(*map(int, parts)))
        return parts[0]

    def organisation_card(self, organisation: Organisation, t: Translator) -> str:
        language = t.language
        texts = organisation.texts[language]
        lines = [f"<b>{escape(organisation.local_name(language))}</b>"]
        if organisation.local_name(language) != organisation.name:
            lines[0] += f" ({escape(organisation.name)})"
        lines.append(escape(texts["description"]))
        place = (
            self.index.cities[organisation.city_id].name(language)
            if organisation.city_id in self.index.cities
            else texts.get("location")
        )
        if organisation.address:
            lines.append(t.gettext("Address: %(address)s", address=organisation.address))
        elif place:
            lines.append(t.gettext("Location: %(place)s", place=place))
        if organisation.website:
            lines.append(t.gettext("Website: %(url)s", url=organisation.website))
        return "\n".join(lines)

    def _contacts(self, ids: tuple[str, ...], t: Translator) -> Answer:
        sectors = [i for i in ids if i not in self.index.cities]
        cities = [i for i in ids if i in self.index.cities]
        matching = [
            o
            for o in self.index.organisations.values()
            if set(o.sectors) & set(sectors) and (not cities or o.city_id in cities)
        ] or [o for o in self.index.organisations.values() if set(o.sectors) & set(sectors)]
        labels = ", ".join(sector_label(s, t) for s in sectors)
        lines = [t.gettext("Contacts for %(sectors)s:", sectors=labels)]
        for organisation in matching:
            lines.append(
                f"• <b>{escape(organisation.local_name(t.language))}</b> – "
                + escape(organisation.texts[t.language]["description"])
            )
        return Answer(
            "\n".join(lines),
            t.language,
            0,
            False,
            [s for o in matching for s in o.sources],
            f"contacts:{','.join(ids)}",
            cities,
            [o.id for o in matching],
        )


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


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))
