"""The search side of the knowledge base: entities in text (with inflections and typos), the
FTS5 index of every entry in every language, and an in-memory view of cities and organisations.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.db import Database
from bot.i18n import LANGUAGES
from bot.lexicon import CONTINENTS, sector_cues
from bot.nlp import fold, stem, stems, words

# A typo is forgiven in names of at least this many letters, above this similarity (0-100).
FUZZY_MIN_LENGTH = 5
FUZZY_MIN_SCORE = 84


@dataclass(frozen=True)
class EntityMatch:
    kind: str  # "city", "country", "organisation" or "sector"
    ids: tuple[str, ...]  # a country names the partner cities that lie in it
    start: int  # word positions in the question
    end: int

    @property
    def markers(self) -> set[str]:
        prefix = {"city": "c", "country": "c", "organisation": "o", "sector": "s"}[self.kind]
        return {marker(prefix, entity_id) for entity_id in self.ids}


def marker(prefix: str, entity_id: str) -> str:
    return f"{prefix}_{entity_id.replace('-', '_')}"


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


class EntityMatcher:
    """Finds cities, countries, organisations and sectors in a text.

    Names are compared folded (Besiktas = Beşiktaş); a longer word that starts like a name
    is an inflection (Koninie, Белгородом); a close spelling is a typo (Belgorot, Wakfield).
    """

    def __init__(self, names: list[tuple[str, str, tuple[str, ...]]]):
        # (kind, name as written, ids) -> folded word sequences
        self._single: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        # Multi-word names by their first word, longest first.
        self._multi: dict[str, list[tuple[tuple[str, ...], str, tuple[str, ...]]]] = {}
        for kind, name, ids in names:
            folded = tuple(fold(w) for w in words(name))
            if not folded:
                continue
            if len(folded) == 1:
                self._single.setdefault(folded[0], []).append((kind, ids))
            else:
                self._multi.setdefault(folded[0], []).append((folded, kind, ids))
        for sequences in self._multi.values():
            sequences.sort(key=lambda item: len(item[0]), reverse=True)
        self._fuzzy_names = [n for n in self._single if len(n) >= FUZZY_MIN_LENGTH]
        self._seen: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        self._stems = {
            language: {stem(n, language): self._single[n] for n in self._single if len(n) >= 4}
            for language in LANGUAGES
        }

    def _single_word(self, word: str) -> list[tuple[str, tuple[str, ...]]]:
        # Words repeat a lot (an import runs every text of the base through here).
        if word not in self._seen:
            if len(self._seen) > 100_000:
                self._seen.clear()
            self._seen[word] = self._lookup(word)
        return self._seen[word]

    def _lookup(self, word: str) -> list[tuple[str, tuple[str, ...]]]:
        if word in self._single:
            return self._single[word]
        if len(word) < 4:
            return []
        # An inflected form: the same stem as a name in one of the five languages
        # (Белгородом, Rosji, Koninie), or the name plus a short ending.
        for language, by_stem in self._stems.items():
            found = by_stem.get(stem(word, language))
            if found:
                return found
        for name in self._fuzzy_names:
            if word.startswith(name[: max(5, len(name) - 2)]) and len(word) <= len(name) + 5:
                return self._single[name]
        if len(word) < FUZZY_MIN_LENGTH:
            return []
        # A typo: the closest name, if close enough and with the same first letter.
        best = process.extractOne(
            word, self._fuzzy_names, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE
        )
        if best and best[0][0] == word[0]:
            return self._single[best[0]]
        return []

    def find(self, text: str) -> list[EntityMatch]:
        folded = [fold(w) for w in words(text)]
        matches: list[EntityMatch] = []
        position = 0
        while position < len(folded):
            hit = None
            for sequence, kind, ids in self._multi.get(folded[position], ()):
                end = position + len(sequence)
                if tuple(folded[position:end]) == sequence:
                    hit = EntityMatch(kind, ids, position, end)
                    break
                # The last word of a multi-word name may be inflected (Hénin-Beaumontu).
                if (
                    end <= len(folded)
                    and tuple(folded[position : end - 1]) == sequence[:-1]
                    and len(sequence[-1]) >= 4
                    and folded[end - 1].startswith(sequence[-1][: max(4, len(sequence[-1]) - 2)])
                ):
                    hit = EntityMatch(kind, ids, position, end)
                    break
            if hit is None:
                for kind, ids in self._single_word(folded[position]):
                    hit = EntityMatch(kind, ids, position, position + 1)
                    break
            if hit is not None:
                matches.append(hit)
                position = hit.end
            else:
                position += 1
        return matches


def sector_matches(text: str, language: str) -> set[str]:
    """Sectors named in `text`, by their words in `language`."""
    text_stems = tuple(stems(text, language))
    found = set()
    for sector, cues in sector_cues(language).items():
        for cue in cues:
            if _contains(text_stems, cue):
                found.add(sector)
                break
    return found


def _contains(sequence: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return n > 0 and any(sequence[i : i + n] == part for i in range(len(sequence) - n + 1))


class KnowledgeIndex:
    """Cities, organisations, entity names and word statistics, loaded once from the database."""

    def __init__(
        self,
        cities: dict[str, City],
        organisations: dict[str, Organisation],
        matcher: EntityMatcher,
        document_frequency: dict[str, Counter],
        document_count: dict[str, int],
    ):
        self.cities = cities
        self.organisations = organisations
        self.matcher = matcher
        self._df = document_frequency
        self._n = document_count
        self.vocabulary = {lang: list(self._df[lang]) for lang in LANGUAGES}

    def idf(self, term: str, language: str) -> float:
        n = self._n.get(language, 0)
        return math.log((n + 1) / (self._df[language].get(term, 0) + 0.5))

    def common(self, term: str, language: str) -> bool:
        """In more than half of the entries of `language`."""
        return self._df[language].get(term, 0) * 2 > self._n.get(language, 0)

    def known(self, term: str, language: str) -> bool:
        return term in self._df[language]

    @classmethod
    async def load(cls, db: Database) -> KnowledgeIndex:
        cities = await _load_cities(db)
        organisations = await _load_organisations(db)
        df = {language: Counter() for language in LANGUAGES}
        n = dict.fromkeys(LANGUAGES, 0)
        for row in await db.fetchall("SELECT language, terms FROM kb_search"):
            df[row[0]].update(set(row[1].split()))
            n[row[0]] += 1
        return cls(cities, organisations, entity_matcher(cities, organisations), df, n)


def entity_matcher(
    cities: dict[str, City], organisations: dict[str, Organisation]
) -> EntityMatcher:
    names: list[tuple[str, str, tuple[str, ...]]] = []
    countries: dict[str, set[str]] = {}
    for city in cities.values():
        for text in city.texts.values():
            names.append(("city", text["name"], (city.id,)))
            countries.setdefault(text["country"], set()).add(city.id)
        names += [("city", alias, (city.id,)) for alias in city.aliases]
    for country, ids in countries.items():
        names.append(("country", country, tuple(sorted(ids))))
    for codes, continent_names in CONTINENTS.values():
        ids = tuple(sorted(c.id for c in cities.values() if c.country_code in codes))
        names += [("country", name, ids) for name in continent_names if ids]
    for organisation in organisations.values():
        names.append(("organisation", organisation.name, (organisation.id,)))
        for text in organisation.texts.values():
            if text.get("name_local"):
                names.append(("organisation", text["name_local"], (organisation.id,)))
        names += [("organisation", alias, (organisation.id,)) for alias in organisation.aliases]
    return EntityMatcher(names)


async def _load_cities(db: Database) -> dict[str, City]:
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


async def _load_organisations(db: Database) -> dict[str, Organisation]:
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


# ---- the FTS5 index ---------------------------------------------------------------------


def document_terms(
    texts: list[str], language: str, markers: set[str], matcher: EntityMatcher | None
) -> str:
    """The indexed form of an entry in one language: stems plus entity markers.

    With a matcher, the entities its texts mention are marked too (FAQ entries); a city's or
    an organisation's own entry is marked only with itself, so that Konin's profile, which
    mentions Hénin-Beaumont, does not answer for Hénin-Beaumont.
    """
    terms: list[str] = []
    found = set(markers)
    for text in texts:
        terms += stems(text, language)
        for match in matcher.find(text) if matcher else []:
            if match.kind != "country":
                found |= match.markers
        found |= {marker("s", sector) for sector in sector_matches(text, language)}
    return " ".join(terms + sorted(found))


async def rebuild_index(conn) -> None:
    """Fill kb_search from the knowledge-base tables, inside the caller's transaction."""
    db = _ConnectionReader(conn)
    cities = await _load_cities(db)
    organisations = await _load_organisations(db)
    matcher = entity_matcher(cities, organisations)
    await conn.execute("DELETE FROM kb_search")
    rows: list[tuple[str, str, str]] = []
    for city in cities.values():
        for language in LANGUAGES:
            t = city.texts[language]
            texts = [t["name"], t["country"], t["region"], t["profile"], t["status_note"] or ""]
            rows.append(
                (
                    document_terms(texts, language, {marker("c", city.id)}, None),
                    language,
                    f"city:{city.id}",
                )
            )
    for organisation in organisations.values():
        markers = {marker("o", organisation.id)} | {marker("s", s) for s in organisation.sectors}
        if organisation.city_id:
            markers.add(marker("c", organisation.city_id))
        for language in LANGUAGES:
            t = organisation.texts[language]
            texts = [
                organisation.name,
                t.get("name_local") or "",
                t.get("location") or "",
                t["description"],
                " ".join(organisation.aliases),
            ]
            rows.append(
                (document_terms(texts, language, markers, None), language, f"org:{organisation.id}")
            )
    links: dict[str, set[str]] = {}
    for row in await db.fetchall("SELECT faq_id, city_id FROM faq_cities"):
        links.setdefault(row[0], set()).add(marker("c", row[1]))
    for row in await db.fetchall("SELECT faq_id, organisation_id FROM faq_organisations"):
        links.setdefault(row[0], set()).add(marker("o", row[1]))
    for row in await db.fetchall(
        "SELECT faq_id, language, answer, questions, keywords FROM faq_texts"
    ):
        texts = [*json.loads(row[3]), *json.loads(row[4]), row[2]]
        rows.append(
            (
                document_terms(texts, row[1], links.get(row[0], set()), matcher),
                row[1],
                f"faq:{row[0]}",
            )
        )
    await conn.executemany("INSERT INTO kb_search (terms, language, doc) VALUES (?, ?, ?)", rows)


class _ConnectionReader:
    """The read helpers of Database over a raw connection inside a transaction."""

    def __init__(self, conn):
        self._conn = conn

    async def fetchall(self, sql: str, params=()):
        async with self._conn.execute(sql, params) as cursor:
            return list(await cursor.fetchall())


def fts_query(terms: list[str], language: str) -> str:
    """A MATCH expression from our own terms: each quoted, so no input can inject syntax."""
    quoted = " OR ".join('"' + term.replace('"', '""') + '"' for term in dict.fromkeys(terms))
    return f'language : "{language}" AND terms : ({quoted})'
