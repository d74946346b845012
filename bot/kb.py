"""The knowledge base: the shipped YAML files, their validation, and their SQLite tables.

`load_files` reads and checks the data files (every problem named by file, entry and field);
`import_kb` replaces the sections it is given in one transaction (all or nothing, and
importing the same files twice leaves the same database); `export_kb` writes the files back.
Events are updated in place by id, never deleted and re-made, so that what refers to them
(reminders, announcements) and the events admins made in the bot survive an import.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from bot.db import Database
from bot.events import STATUSES, TOPICS, local_datetime
from bot.i18n import LANGUAGES

# libyaml's loader reads the shipped data several times faster than the pure-Python one (see
# bench/memory.py); the same safe subset either way, so a build without libyaml still works.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load_yaml(text: str) -> object:
    return yaml.load(text, Loader=YAML_LOADER)


SECTIONS = ("cities", "organisations", "faq", "events")
SECTORS = (
    "health_economy",
    "energy",
    "logistics",
    "science",
    "nanotechnology",
    "culture",
    "sport",
    "education",
)
ORGANISATION_KINDS = (
    "association",
    "business_development",
    "university",
    "university_alliance",
    "sports_club",
)
FAQ_TOPICS = (
    "declaration",
    "history",
    "exchange",
    "economy",
    "science",
    "contacts",
    "culture",
    "sport",
    "general",
)
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# A kind of answer of the question bank (data/questions): city.since, partners.list, ...
_INTENT = re.compile(r"^([a-z]+\.[a-z_]+|out_of_scope)$")
# An event's start or end in the venue's local time, as precise as its source:
# "2017", "2018-09", "2018-01-16" or "2018-01-16 19:00".
_EVENT_TIME = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?: (\d{2}):(\d{2}))?)?)?$")
_PRECISION_BY_PARTS = {1: "year", 2: "month", 3: "day", 5: "minute"}
_EVENT_TIME_FORMAT = {
    "year": "%Y",
    "month": "%Y-%m",
    "day": "%Y-%m-%d",
    "minute": "%Y-%m-%d %H:%M",
}


@dataclass(frozen=True)
class Problem:
    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entry}: {self.field}: {self.message}"


class KnowledgeBaseError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


@dataclass
class KnowledgeBase:
    """The data files' content: {section: [entry dict, ...]}, plus where each section came from."""

    sections: dict[str, list[dict]] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)


# ---- reading and checking ---------------------------------------------------------------


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
    return [path]


def read_files(path: Path) -> tuple[KnowledgeBase, list[Problem]]:
    """Parse a data file, or every YAML file of a folder, without checking the entries."""
    kb, problems = KnowledgeBase(), []
    if not path.exists():
        return kb, [Problem(str(path), "-", "-", "no such file or folder")]
    for file in _files(path):
        try:
            content = load_yaml(file.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            problems.append(Problem(str(file), "-", "-", f"not valid YAML: {exc}"))
            continue
        if not isinstance(content, dict) or not set(content) & set(SECTIONS):
            problems.append(
                Problem(str(file), "-", "-", f"expected top-level keys among {', '.join(SECTIONS)}")
            )
            continue
        for key, entries in content.items():
            if key not in SECTIONS:
                problems.append(Problem(str(file), "-", key, "unknown section"))
            elif not isinstance(entries, list):
                problems.append(Problem(str(file), "-", key, "expected a list of entries"))
            elif key in kb.sections:
                problems.append(Problem(str(file), "-", key, f"section also in {kb.origin[key]}"))
            else:
                kb.sections[key] = entries
                kb.origin[key] = str(file)
    return kb, problems


class _Checker:
    def __init__(self, file: str, entry: dict, index: int):
        self.file = file
        self.entry = entry
        self.name = (
            str(entry.get("id") or f"entry #{index + 1}")
            if isinstance(entry, dict)
            else f"entry #{index + 1}"
        )
        self.problems: list[Problem] = []

    def fail(self, field_name: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.name, field_name, message))

    def get(self, key: str, required: bool = True) -> Any:
        if key not in self.entry or self.entry[key] is None:
            if required:
                self.fail(key, "missing")
            return None
        return self.entry[key]

    def text(self, key: str, required: bool = True) -> str | None:
        value = self.get(key, required)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            self.fail(key, "expected a non-empty text")
            return None
        return value

    def multilingual(self, key: str, required: bool = True) -> dict | None:
        value = self.get(key, required)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.fail(key, f"expected one text per language ({', '.join(LANGUAGES)})")
            return None
        for language in LANGUAGES:
            text = value.get(language)
            if not isinstance(text, str) or not text.strip():
                self.fail(f"{key}.{language}", "missing translation")
        for extra in set(value) - set(LANGUAGES):
            self.fail(f"{key}.{extra}", "unknown language")
        return value

    def multilingual_lists(self, key: str) -> dict | None:
        value = self.get(key)
        if not isinstance(value, dict):
            if value is not None:
                self.fail(key, "expected a list per language")
            return None
        for language in LANGUAGES:
            items = value.get(language)
            if not isinstance(items, list) or not items:
                self.fail(f"{key}.{language}", "missing translation")
            elif not all(isinstance(item, str | int) and str(item).strip() for item in items):
                self.fail(f"{key}.{language}", "expected a list of non-empty texts")
        return value

    def url(self, key: str) -> None:
        value = self.get(key, required=False)
        if value is not None and not is_url(value):
            self.fail(key, f"bad URL {value!r}: expected http(s)://host/...")

    def date_text(self, key: str, required: bool = False) -> None:
        value = self.get(key, required)
        if value is None:
            return
        if not isinstance(value, str) or not _DATE.match(value) or not _valid_date(value):
            self.fail(key, f'bad date {value!r}: expected "YYYY", "YYYY-MM" or "YYYY-MM-DD"')

    def sources(self) -> None:
        value = self.get("sources")
        if value is None:
            return
        if not isinstance(value, list) or not value:
            self.fail("sources", "expected a non-empty list")
            return
        for source in value:
            if not isinstance(source, str) or not source.strip():
                self.fail("sources", "expected texts")
            elif source.startswith("http") and not is_url(source):
                self.fail("sources", f"bad URL {source!r}")

    def coordinates(self, required: bool) -> None:
        value = self.get("coordinates", required)
        if value is None:
            return
        lat, lon = (value.get("lat"), value.get("lon")) if isinstance(value, dict) else (None, None)
        if not (
            isinstance(lat, int | float)
            and -90 <= lat <= 90
            and isinstance(lon, int | float)
            and -180 <= lon <= 180
        ):
            self.fail("coordinates", "expected {lat: -90..90, lon: -180..180}")

    def zone(self) -> ZoneInfo | None:
        name = self.text("timezone")
        if not name:
            return None
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            self.fail("timezone", f"unknown IANA time zone {name!r}")
            return None

    def one_of(self, key: str, allowed: tuple[str, ...], required: bool = True) -> None:
        value = self.get(key, required)
        if value is not None and value not in allowed:
            self.fail(key, f"{value!r} is not one of {', '.join(allowed)}")

    def ids(self, key: str, known: set[str], what: str) -> None:
        value = self.get(key, required=False) or []
        if not isinstance(value, list):
            self.fail(key, "expected a list of ids")
            return
        for item in value:
            if item not in known:
                self.fail(key, f"unknown {what} {item!r}")


def is_url(value: object) -> bool:
    if not isinstance(value, str) or any(c.isspace() for c in value):
        return False
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and "." in parsed.netloc


def _valid_date(value: str) -> bool:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def check(
    kb: KnowledgeBase,
    known_cities: set[str] = frozenset(),
    known_organisations: set[str] = frozenset(),
) -> list[Problem]:
    """Every problem of the entries; ids of other sections come from `kb` or the `known_*`."""
    problems: list[Problem] = []
    cities = {e.get("id") for e in kb.sections.get("cities", []) if isinstance(e, dict)}
    organisations = {
        e.get("id") for e in kb.sections.get("organisations", []) if isinstance(e, dict)
    }
    if "cities" not in kb.sections:
        cities = set(known_cities)
    if "organisations" not in kb.sections:
        organisations = set(known_organisations)
    checkers = {
        "cities": _check_city,
        "organisations": _check_organisation,
        "faq": _check_faq,
        "events": _check_event,
    }
    for section, entries in kb.sections.items():
        seen: set[str] = set()
        for index, entry in enumerate(entries):
            checker = _Checker(kb.origin[section], entry if isinstance(entry, dict) else {}, index)
            if not isinstance(entry, dict):
                checker.fail("-", "expected a mapping of fields")
            else:
                entry_id = checker.get("id")
                if entry_id is not None:
                    if not isinstance(entry_id, str) or not _SLUG.match(entry_id):
                        checker.fail("id", "expected a lower-case slug (a-z, 0-9, -)")
                    elif entry_id in seen:
                        checker.fail("id", "duplicate id")
                    seen.add(entry_id)
                checkers[section](checker, cities, organisations)
            problems += checker.problems
    return problems


def _check_city(c: _Checker, cities: set, organisations: set) -> None:
    if not isinstance(c.get("partner"), bool):
        c.fail("partner", "expected true or false")
    c.text("flag")
    code = c.text("country_code")
    if code and not re.fullmatch(r"[A-Z]{2}", code):
        c.fail("country_code", "expected two capital letters (ISO 3166-1)")
    for key in ("name", "country", "region", "profile"):
        c.multilingual(key)
    aliases = c.get("aliases", required=False) or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        c.fail("aliases", "expected a list of texts")
    c.date_text("partner_since", required=bool(c.entry.get("partner")))
    c.one_of("status", ("active", "suspended"))
    c.date_text("status_since")
    if c.entry.get("status") == "suspended":
        c.multilingual("status_note")
        c.date_text("status_since", required=True)
    c.zone()
    c.coordinates(required=True)
    c.url("website")
    population = c.get("population", required=False)
    if population is not None:
        if not isinstance(population, int) or population <= 0:
            c.fail("population", "expected a positive whole number")
        year = c.get("population_year", required=False)
        if year is not None and not (isinstance(year, int) and 1800 <= year <= 2100):
            c.fail("population_year", "expected a year")
    signed_by = c.get("signed_by", required=False)
    if signed_by is not None and not isinstance(signed_by, list):
        c.fail("signed_by", "expected a list of names")
    c.sources()
    _check_fact_sources(c)


# The facts of a city an answer states on its own (bot/qa.py's kinds of city answers), and
# its names in the languages, which no answer cites but an admin checks like any other fact.
FACT_KINDS = ("since", "where", "population", "website", "status", "distance", "time", "names")


def _check_fact_sources(c: _Checker) -> None:
    """Each fact's sources are some of the city's own: the mapping names, it never adds."""
    mapping = c.get("fact_sources", required=False)
    if mapping is None:
        return
    if not isinstance(mapping, dict):
        c.fail("fact_sources", "expected a mapping of fact to a list of sources")
        return
    known = set(c.get("sources") or [])
    for fact, listed in mapping.items():
        if fact not in FACT_KINDS:
            c.fail(
                "fact_sources", f"unknown fact {fact!r}: expected one of {', '.join(FACT_KINDS)}"
            )
        elif not isinstance(listed, list) or not listed:
            c.fail("fact_sources", f"{fact}: expected a non-empty list")
        elif missing := [source for source in listed if source not in known]:
            c.fail("fact_sources", f"{fact}: not among the city's sources: {missing[0]!r}")


def _check_organisation(c: _Checker, cities: set, organisations: set) -> None:
    c.text("name")
    local = c.get("name_local", required=False)
    if local is not None and (not isinstance(local, dict) or set(local) - set(LANGUAGES)):
        c.fail("name_local", f"expected texts keyed by {', '.join(LANGUAGES)}")
    c.one_of("kind", ORGANISATION_KINDS)
    city = c.get("city", required=False)
    if city is not None and city not in cities:
        c.fail("city", f"unknown city {city!r}")
    if city is None:
        c.multilingual("location")
    sectors = c.get("sectors")
    if sectors is not None:
        if not isinstance(sectors, list) or not sectors:
            c.fail("sectors", "expected a non-empty list")
        else:
            for sector in sectors:
                if sector not in SECTORS:
                    c.fail("sectors", f"unknown sector {sector!r}: one of {', '.join(SECTORS)}")
    c.url("website")
    c.multilingual("description")
    c.sources()


def _check_faq(c: _Checker, cities: set, organisations: set) -> None:
    c.one_of("topic", FAQ_TOPICS)
    c.ids("cities", cities, "city")
    c.ids("organisations", organisations, "organisation")
    c.date_text("date")
    c.multilingual_lists("questions")
    c.multilingual("answer")
    c.multilingual_lists("keywords")
    c.sources()
    intents = c.get("intents", required=False)
    if intents is not None and (
        not isinstance(intents, list)
        or not intents
        or not all(isinstance(i, str) and _INTENT.match(i) for i in intents)
    ):
        c.fail("intents", "expected a list of intents of the question bank, e.g. [city.since]")


def event_time(value: object, zone: ZoneInfo) -> tuple[datetime, str] | None:
    """("2018-09", Europe/Berlin) -> (its first moment in UTC, "month"); None if unreadable."""
    match = _EVENT_TIME.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    parts = [int(p) for p in match.groups() if p is not None]
    year, month, day, hour, minute = parts + [1, 1, 0, 0][len(parts) - 1 :]
    try:
        moment = datetime(year, month, day, hour, minute)
    except ValueError:
        return None
    return local_datetime(moment.date(), hour, minute, zone), _PRECISION_BY_PARTS[len(parts)]


def _check_event(c: _Checker, cities: set, organisations: set) -> None:
    city = c.get("city")
    if city is not None and city not in cities:
        c.fail("city", f"unknown city {city!r}")
    c.one_of("topic", TOPICS)
    zone = c.zone()
    expected = '"YYYY", "YYYY-MM", "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" (local time at the venue)'
    start = c.get("start")
    end = c.get("end", required=False)
    read = {}
    for key, value in (("start", start), ("end", end)):
        if value is not None:
            read[key] = event_time(value, zone or UTC)
            if read[key] is None:
                c.fail(key, f"bad date {value!r}: expected {expected}")
    if read.get("start") and read.get("end"):
        (starts_at, precision), (ends_at, end_precision) = read["start"], read["end"]
        if end_precision != precision:
            c.fail("end", "expected the same precision as start")
        elif ends_at < starts_at:
            c.fail("end", "the end comes before the start")
    c.multilingual("title")
    c.multilingual("description")
    c.text("venue", required=False)
    c.coordinates(required=False)
    c.url("link")
    c.one_of("status", STATUSES, required=False)
    c.sources()


async def known_ids(db: Database) -> tuple[set[str], set[str]]:
    cities = {row[0] for row in await db.fetchall("SELECT id FROM cities")}
    organisations = {row[0] for row in await db.fetchall("SELECT id FROM organisations")}
    return cities, organisations


async def load_files(path: Path, db: Database | None = None) -> KnowledgeBase:
    """Read and check `path`; raises KnowledgeBaseError listing every problem."""
    kb, problems = read_files(path)
    cities, organisations = await known_ids(db) if db is not None else (set(), set())
    problems += check(kb, cities, organisations)
    if problems:
        raise KnowledgeBaseError(problems)
    return kb


# ---- SQLite -----------------------------------------------------------------------------


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


async def import_kb(db: Database, kb: KnowledgeBase) -> dict[str, int]:
    """Replace the sections in `kb` in one transaction; returns the entry count per section."""
    async with db.transaction() as conn:
        if "faq" in kb.sections:
            # Entries the office made in the bot stay unless the files now carry their id
            # (then the files' complete version replaces them).
            await conn.execute("DELETE FROM faq WHERE origin = 'files'")
            await conn.executemany(
                "DELETE FROM faq WHERE id = ?", [(e["id"],) for e in kb.sections["faq"]]
            )
        if "organisations" in kb.sections:
            await conn.execute("DELETE FROM organisations")
        if "cities" in kb.sections:
            await conn.execute("DELETE FROM cities")
        for entry in kb.sections.get("cities", []):
            await _insert_city(conn, entry)
        for entry in kb.sections.get("organisations", []):
            await _insert_organisation(conn, entry)
        for entry in kb.sections.get("faq", []):
            await _insert_faq(conn, entry)
        if "events" in kb.sections:
            await _import_events(conn, kb.sections["events"])
    return {section: len(entries) for section, entries in kb.sections.items()}


async def _insert_city(conn, e: dict) -> None:
    coordinates = e.get("coordinates") or {}
    await conn.execute(
        """INSERT INTO cities (id, partner, flag, country_code, partner_since, status,
               status_since, timezone, lat, lon, website, population, population_year,
               population_approx, signed_by, aliases, sources, fact_sources)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            e["id"],
            int(e["partner"]),
            e["flag"],
            e["country_code"],
            e.get("partner_since"),
            e["status"],
            e.get("status_since"),
            e["timezone"],
            coordinates.get("lat"),
            coordinates.get("lon"),
            e.get("website"),
            e.get("population"),
            e.get("population_year"),
            int(bool(e.get("population_approx"))),
            _json(e.get("signed_by") or []),
            _json(e.get("aliases") or []),
            _json(e["sources"]),
            _json(e.get("fact_sources") or {}),
        ),
    )
    for language in LANGUAGES:
        await conn.execute(
            """INSERT INTO city_texts (city_id, language, name, country, region, profile,
                   status_note) VALUES (?, ?, ?, ?, ?, ?, ?)""",
            (
                e["id"],
                language,
                e["name"][language],
                e["country"][language],
                e["region"][language],
                e["profile"][language],
                (e.get("status_note") or {}).get(language),
            ),
        )


async def _insert_organisation(conn, e: dict) -> None:
    await conn.execute(
        """INSERT INTO organisations (id, name, kind, city_id, website, address, founded,
               members_approx, aliases, sources) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            e["id"],
            e["name"],
            e["kind"],
            e.get("city"),
            e.get("website"),
            e.get("address"),
            e.get("founded"),
            e.get("members_approx"),
            _json(e.get("aliases") or []),
            _json(e["sources"]),
        ),
    )
    for sector in e["sectors"]:
        await conn.execute(
            "INSERT INTO organisation_sectors (organisation_id, sector) VALUES (?, ?)",
            (e["id"], sector),
        )
    for language in LANGUAGES:
        await conn.execute(
            """INSERT INTO organisation_texts (organisation_id, language, name_local, location,
                   description) VALUES (?, ?, ?, ?, ?)""",
            (
                e["id"],
                language,
                (e.get("name_local") or {}).get(language),
                (e.get("location") or {}).get(language),
                e["description"][language],
            ),
        )


async def _insert_faq(conn, e: dict) -> None:
    await conn.execute(
        "INSERT INTO faq (id, topic, date, sources, intents) VALUES (?, ?, ?, ?, ?)",
        (e["id"], e["topic"], e.get("date"), _json(e["sources"]), _json(e.get("intents") or [])),
    )
    for city in e.get("cities") or []:
        await conn.execute(
            "INSERT INTO faq_cities (faq_id, city_id) VALUES (?, ?)", (e["id"], city)
        )
    for organisation in e.get("organisations") or []:
        await conn.execute(
            "INSERT INTO faq_organisations (faq_id, organisation_id) VALUES (?, ?)",
            (e["id"], organisation),
        )
    for language in LANGUAGES:
        await conn.execute(
            """INSERT INTO faq_texts (faq_id, language, answer, questions, keywords)
               VALUES (?, ?, ?, ?, ?)""",
            (
                e["id"],
                language,
                e["answer"][language],
                _json([str(q) for q in e["questions"][language]]),
                _json([str(k) for k in e["keywords"][language]]),
            ),
        )


def _event_row(e: dict) -> tuple:
    """The events columns an entry sets, in _EVENT_FIELDS order."""
    zone = ZoneInfo(e["timezone"])
    starts_at, precision = event_time(e["start"], zone)
    ends_at = event_time(e["end"], zone)[0] if e.get("end") else None
    coordinates = e.get("coordinates") or {}
    return (
        e["city"],
        e["topic"],
        _utc_text(starts_at),
        _utc_text(ends_at) if ends_at else None,
        e["timezone"],
        precision,
        e.get("venue"),
        coordinates.get("lat"),
        coordinates.get("lon"),
        e.get("link"),
        e.get("status", "scheduled"),
        _json(e["sources"]),
        "file",
    )


_EVENT_FIELDS = (
    "city_id, topic, starts_at, ends_at, timezone, precision, venue, lat, lon, link, status, "
    "sources, origin"
)


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


async def _import_events(conn, entries: list[dict]) -> None:
    """Add or update the files' events by id; delete only file events the files no longer
    carry. An unchanged event keeps its revision (the .ics SEQUENCE), so importing twice
    changes nothing."""
    ids = [e["id"] for e in entries]
    await conn.execute(
        f"DELETE FROM events WHERE origin = 'file' AND id NOT IN ({', '.join('?' * len(ids))})",
        ids,
    )
    now = _utc_text(datetime.now(UTC))
    for e in entries:
        row = _event_row(e)
        texts = [(lang, e["title"][lang], e["description"][lang]) for lang in LANGUAGES]
        async with conn.execute(
            f"SELECT {_EVENT_FIELDS} FROM events WHERE id = ?", (e["id"],)
        ) as cursor:
            existing = await cursor.fetchone()
        async with conn.execute(
            "SELECT language, title, description FROM event_texts WHERE event_id = ?",
            (e["id"],),
        ) as cursor:
            existing_texts = sorted(tuple(r) for r in await cursor.fetchall())
        if existing is None:
            await conn.execute(
                f"INSERT INTO events (id, {_EVENT_FIELDS}, created_at, published_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (e["id"], *row, now, now, now),
            )
        elif tuple(existing) != row or existing_texts != sorted(texts):
            # The files' complete version replaces an admin's event of the same id.
            assignments = ", ".join(f"{name.strip()} = ?" for name in _EVENT_FIELDS.split(","))
            await conn.execute(
                f"UPDATE events SET {assignments}, revision = revision + 1, updated_at = ?, "
                "published_at = coalesce(published_at, ?) WHERE id = ?",
                (*row, now, now, e["id"]),
            )
            await conn.execute("DELETE FROM event_texts WHERE event_id = ?", (e["id"],))
        else:
            continue
        await conn.executemany(
            "INSERT INTO event_texts (event_id, language, title, description) VALUES (?, ?, ?, ?)",
            [(e["id"], *text) for text in texts],
        )


async def seed_if_empty(db: Database, data: Path) -> bool:
    """On first start, load the shipped knowledge base; True when it did. A base seeded before
    the events file shipped gets its events on the next start."""
    if await db.scalar("SELECT count(*) FROM cities"):
        if await db.scalar("SELECT count(*) FROM events WHERE origin = 'file'"):
            return False
        kb = await load_files(data, db)
        if not kb.sections.get("events"):
            return False
        await import_kb(db, KnowledgeBase({"events": kb.sections["events"]}, kb.origin))
        return True
    await import_kb(db, await load_files(data))
    from bot.understanding import train_if_needed

    await train_if_needed(db)
    return True


async def export_kb(db: Database) -> dict[str, list[dict]]:
    """The database's knowledge base as the data files' sections, ready for YAML."""
    texts: dict[tuple[str, str], dict[str, Any]] = {}
    for row in await db.fetchall("SELECT * FROM city_texts"):
        texts[("city", row["city_id"], row["language"])] = dict(row)
    cities = []
    for row in await db.fetchall("SELECT * FROM cities ORDER BY rowid"):
        by_language = {lang: texts[("city", row["id"], lang)] for lang in LANGUAGES}
        entry: dict[str, Any] = {
            "id": row["id"],
            "partner": bool(row["partner"]),
            "flag": row["flag"],
            "country_code": row["country_code"],
            "name": {lang: by_language[lang]["name"] for lang in LANGUAGES},
            "aliases": json.loads(row["aliases"]),
            "country": {lang: by_language[lang]["country"] for lang in LANGUAGES},
            "region": {lang: by_language[lang]["region"] for lang in LANGUAGES},
            "partner_since": row["partner_since"],
            "status": row["status"],
            "status_since": row["status_since"],
        }
        if row["status"] == "suspended":
            entry["status_note"] = {lang: by_language[lang]["status_note"] for lang in LANGUAGES}
        entry.update(
            {
                "timezone": row["timezone"],
                "coordinates": {"lat": row["lat"], "lon": row["lon"]},
                "website": row["website"],
                "population": row["population"],
                "population_year": row["population_year"],
                "population_approx": bool(row["population_approx"]),
                "profile": {lang: by_language[lang]["profile"] for lang in LANGUAGES},
            }
        )
        if json.loads(row["signed_by"]):
            entry["signed_by"] = json.loads(row["signed_by"])
        entry["sources"] = json.loads(row["sources"])
        if json.loads(row["fact_sources"]):
            entry["fact_sources"] = json.loads(row["fact_sources"])
        cities.append(entry)

    organisations = []
    sectors: dict[str, list[str]] = {}
    for row in await db.fetchall("SELECT * FROM organisation_sectors ORDER BY rowid"):
        sectors.setdefault(row["organisation_id"], []).append(row["sector"])
    org_texts: dict[str, dict[str, Any]] = {}
    for row in await db.fetchall("SELECT * FROM organisation_texts"):
        org_texts.setdefault(row["organisation_id"], {})[row["language"]] = dict(row)
    for row in await db.fetchall("SELECT * FROM organisations ORDER BY rowid"):
        t = org_texts[row["id"]]
        entry = {"id": row["id"], "name": row["name"]}
        local = {lang: t[lang]["name_local"] for lang in LANGUAGES if t[lang]["name_local"]}
        if local:
            entry["name_local"] = local
        entry.update(
            {"aliases": json.loads(row["aliases"]), "kind": row["kind"], "city": row["city_id"]}
        )
        if row["city_id"] is None:
            entry["location"] = {lang: t[lang]["location"] for lang in LANGUAGES}
        entry.update({"sectors": sectors.get(row["id"], []), "website": row["website"]})
        for key in ("address", "founded", "members_approx"):
            if row[key] is not None:
                entry[key] = row[key]
        entry["description"] = {lang: t[lang]["description"] for lang in LANGUAGES}
        entry["sources"] = json.loads(row["sources"])
        organisations.append(entry)

    links: dict[tuple[str, str], list[str]] = {}
    for row in await db.fetchall("SELECT faq_id, city_id FROM faq_cities ORDER BY rowid"):
        links.setdefault(("cities", row[0]), []).append(row[1])
    for row in await db.fetchall(
        "SELECT faq_id, organisation_id FROM faq_organisations ORDER BY rowid"
    ):
        links.setdefault(("organisations", row[0]), []).append(row[1])
    faq_texts: dict[str, dict[str, Any]] = {}
    for row in await db.fetchall("SELECT * FROM faq_texts"):
        faq_texts.setdefault(row["faq_id"], {})[row["language"]] = dict(row)
    faq = []
    # Office-made entries exist in one language only: not data files until completed there.
    for row in await db.fetchall("SELECT * FROM faq WHERE origin = 'files' ORDER BY rowid"):
        t = faq_texts[row["id"]]
        entry = {
            "id": row["id"],
            "topic": row["topic"],
            "cities": links.get(("cities", row["id"]), []),
        }
        if ("organisations", row["id"]) in links:
            entry["organisations"] = links[("organisations", row["id"])]
        if row["date"]:
            entry["date"] = row["date"]
        if json.loads(row["intents"]):
            entry["intents"] = json.loads(row["intents"])
        entry.update(
            {
                "questions": {lang: json.loads(t[lang]["questions"]) for lang in LANGUAGES},
                "answer": {lang: t[lang]["answer"] for lang in LANGUAGES},
                "keywords": {lang: json.loads(t[lang]["keywords"]) for lang in LANGUAGES},
                "sources": json.loads(row["sources"]),
            }
        )
        faq.append(entry)
    return {
        "cities": cities,
        "organisations": organisations,
        "faq": faq,
        "events": await _export_events(db),
    }


async def _export_events(db: Database) -> list[dict]:
    # Admins' events are announcements in one language, not data files.
    texts: dict[str, dict[str, tuple[str, str]]] = {}
    for row in await db.fetchall("SELECT event_id, language, title, description FROM event_texts"):
        texts.setdefault(row[0], {})[row[1]] = (row[2], row[3])
    events = []
    for row in await db.fetchall("SELECT * FROM events WHERE origin = 'file' ORDER BY rowid"):
        zone = ZoneInfo(row["timezone"])
        pattern = _EVENT_TIME_FORMAT[row["precision"]]
        entry: dict[str, Any] = {
            "id": row["id"],
            "city": row["city_id"],
            "topic": row["topic"],
            "start": datetime.fromisoformat(row["starts_at"]).astimezone(zone).strftime(pattern),
        }
        if row["ends_at"]:
            end = datetime.fromisoformat(row["ends_at"]).astimezone(zone)
            entry["end"] = end.strftime(pattern)
        entry["timezone"] = row["timezone"]
        entry["title"] = {lang: texts[row["id"]][lang][0] for lang in LANGUAGES}
        entry["description"] = {lang: texts[row["id"]][lang][1] for lang in LANGUAGES}
        if row["venue"]:
            entry["venue"] = row["venue"]
        if row["lat"] is not None:
            entry["coordinates"] = {"lat": row["lat"], "lon": row["lon"]}
        if row["link"]:
            entry["link"] = row["link"]
        if row["status"] != "scheduled":
            entry["status"] = row["status"]
        entry["sources"] = json.loads(row["sources"])
        events.append(entry)
    return events


def write_files(sections: dict[str, list[dict]], path: Path) -> list[Path]:
    """A folder gets one file per section (as shipped); a .yaml file gets all sections."""

    def dump(content: dict) -> str:
        return yaml.dump(
            content, Dumper=YAML_DUMPER, allow_unicode=True, sort_keys=False, width=100
        )

    if path.suffix in (".yaml", ".yml"):
        path.write_text(dump(sections), encoding="utf-8")
        return [path]
    path.mkdir(parents=True, exist_ok=True)
    written = []
    for section, entries in sections.items():
        target = path / f"{section}.yaml"
        target.write_text(dump({section: entries}), encoding="utf-8")
        written.append(target)
    return written
