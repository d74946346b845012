"""Reading the data files and checking every entry: each problem is named by file, entry and
field, and nothing is imported while any remains."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from bot.db import Database
from bot.events import STATUSES, TOPICS
from bot.i18n import LANGUAGES
from bot.kb.schema import (
    ASKED_FOR,
    FAQ_TOPICS,
    ORGANISATION_KINDS,
    SECTIONS,
    SECTORS,
    Entry,
    KnowledgeBase,
    KnowledgeBaseError,
    Problem,
    event_time,
    is_url,
    load_yaml,
)

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# A kind of answer of the question bank (data/questions): city.since, partners.list, ...
_INTENT = re.compile(r"^([a-z]+\.[a-z_]+|out_of_scope)$")


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
    def __init__(self, file: str, entry: Entry, index: int) -> None:
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

    def multilingual(self, key: str, required: bool = True) -> dict[str, Any] | None:
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

    def multilingual_lists(self, key: str) -> dict[str, Any] | None:
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


def _valid_date(value: str) -> bool:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def _has_id(entry: object) -> bool:
    return isinstance(entry, dict) and isinstance(entry.get("id"), str)


def _ids(kb: KnowledgeBase, section: str) -> set[str]:
    # Only ids that are texts can be referred to; an entry without one fails on its own.
    return {e["id"] for e in kb.sections.get(section, []) if _has_id(e)}


def check(
    kb: KnowledgeBase,
    known_cities: Collection[str] = frozenset(),
    known_organisations: Collection[str] = frozenset(),
) -> list[Problem]:
    """Every problem of the entries; ids of other sections come from `kb` or the `known_*`."""
    problems: list[Problem] = []
    cities = _ids(kb, "cities")
    organisations = _ids(kb, "organisations")
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


def _check_city(c: _Checker, cities: set[str], organisations: set[str]) -> None:
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


def _check_organisation(c: _Checker, cities: set[str], organisations: set[str]) -> None:
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


def _check_faq(c: _Checker, cities: set[str], organisations: set[str]) -> None:
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
    holds = c.get("holds", required=False)
    if holds is not None and (
        not isinstance(holds, list) or not holds or not all(h in ASKED_FOR for h in holds)
    ):
        c.fail("holds", f"expected a list of what the answer holds, of {', '.join(ASKED_FOR)}")


def _check_event(c: _Checker, cities: set[str], organisations: set[str]) -> None:
    city = c.get("city")
    if city is not None and city not in cities:
        c.fail("city", f"unknown city {city!r}")
    c.one_of("topic", TOPICS)
    zone = c.zone()
    expected = '"YYYY", "YYYY-MM", "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" (local time at the venue)'
    start = c.get("start")
    end = c.get("end", required=False)
    read: dict[str, tuple[datetime, str] | None] = {}
    for key, value in (("start", start), ("end", end)):
        if value is not None:
            read[key] = event_time(value, zone or ZoneInfo("UTC"))
            if read[key] is None:
                c.fail(key, f"bad date {value!r}: expected {expected}")
    read_start, read_end = read.get("start"), read.get("end")
    if read_start and read_end:
        (starts_at, precision), (ends_at, end_precision) = read_start, read_end
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


def shipped_ids(directory: Path) -> tuple[set[str], set[str]]:
    """The city and organisation ids of the data files in `directory` (unchecked: a file's
    own problems are reported when it is checked itself)."""
    kb, _ = read_files(directory)
    return _ids(kb, "cities"), _ids(kb, "organisations")


async def load_files(
    path: Path, db: Database | None = None, known: tuple[set[str], set[str]] | None = None
) -> KnowledgeBase:
    """Read and check `path`, resolving ids it refers to but does not hold in the base `db`
    (else in `known`); raises KnowledgeBaseError listing every problem."""
    kb, problems = read_files(path)
    if db is not None:
        known = await known_ids(db)
    cities, organisations = known or (set(), set())
    problems += check(kb, cities, organisations)
    if problems:
        raise KnowledgeBaseError(problems)
    return kb
