"""Importing checked sections into SQLite: each import replaces the sections it is given in
one transaction (all or nothing; importing the same files twice leaves the same database).
Events are updated in place by id, never deleted and re-made, so that what refers to them
(reminders, announcements) and the events admins made in the bot survive an import."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiosqlite

from bot.db import Database
from bot.i18n import LANGUAGES
from bot.kb.check import load_files
from bot.kb.schema import Entry, KnowledgeBase, event_time


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


async def import_kb(db: Database, kb: KnowledgeBase) -> dict[str, int]:
    """Replace the sections in `kb` in one transaction; returns the entry count per section."""
    # The rows are made before the transaction and written one table at a time, each table in
    # one executemany: a statement per row was a round trip to aiosqlite's thread each
    # (124,000 of them for 10,000 entries). Tables go in the order their foreign keys need,
    # and each table's rows in the files' order, so the rowids are those of a row-by-row
    # import.
    rows = _Rows()
    for entry in kb.sections.get("cities", []):
        rows.city(entry)
    for entry in kb.sections.get("organisations", []):
        rows.organisation(entry)
    for entry in kb.sections.get("faq", []):
        rows.faq(entry)
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
        for statement, table in rows.tables():
            if table:
                await conn.executemany(statement, table)
        if "events" in kb.sections:
            await _import_events(conn, kb.sections["events"])
    return {section: len(entries) for section, entries in kb.sections.items()}


_CITY = """INSERT INTO cities (id, partner, flag, country_code, partner_since, status,
               status_since, timezone, lat, lon, website, population, population_year,
               population_approx, signed_by, aliases, sources, fact_sources)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
_CITY_TEXT = """INSERT INTO city_texts (city_id, language, name, country, region, profile,
                   status_note) VALUES (?, ?, ?, ?, ?, ?, ?)"""
_ORGANISATION = """INSERT INTO organisations (id, name, kind, city_id, website, address,
               founded, members_approx, aliases, sources) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
_ORGANISATION_SECTOR = "INSERT INTO organisation_sectors (organisation_id, sector) VALUES (?, ?)"
_ORGANISATION_TEXT = """INSERT INTO organisation_texts (organisation_id, language, name_local,
                   location, description) VALUES (?, ?, ?, ?, ?)"""
_FAQ = "INSERT INTO faq (id, topic, date, sources, intents, holds) VALUES (?, ?, ?, ?, ?, ?)"
_FAQ_CITY = "INSERT INTO faq_cities (faq_id, city_id) VALUES (?, ?)"
_FAQ_ORGANISATION = "INSERT INTO faq_organisations (faq_id, organisation_id) VALUES (?, ?)"
_FAQ_TEXT = """INSERT INTO faq_texts (faq_id, language, answer, questions, keywords)
               VALUES (?, ?, ?, ?, ?)"""


class _Rows:
    """The rows of the cities, organisations and FAQ sections, by table."""

    def __init__(self) -> None:
        self._tables: dict[str, list[tuple[Any, ...]]] = {
            statement: []
            for statement in (
                _CITY,
                _CITY_TEXT,
                _ORGANISATION,
                _ORGANISATION_SECTOR,
                _ORGANISATION_TEXT,
                _FAQ,
                _FAQ_CITY,
                _FAQ_ORGANISATION,
                _FAQ_TEXT,
            )
        }

    def tables(self) -> list[tuple[str, list[tuple[Any, ...]]]]:
        """(statement, rows) in the order the foreign keys need."""
        return list(self._tables.items())

    def city(self, e: Entry) -> None:
        coordinates = e.get("coordinates") or {}
        self._tables[_CITY].append(
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
            )
        )
        self._tables[_CITY_TEXT] += [
            (
                e["id"],
                language,
                e["name"][language],
                e["country"][language],
                e["region"][language],
                e["profile"][language],
                (e.get("status_note") or {}).get(language),
            )
            for language in LANGUAGES
        ]

    def organisation(self, e: Entry) -> None:
        self._tables[_ORGANISATION].append(
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
            )
        )
        self._tables[_ORGANISATION_SECTOR] += [(e["id"], sector) for sector in e["sectors"]]
        self._tables[_ORGANISATION_TEXT] += [
            (
                e["id"],
                language,
                (e.get("name_local") or {}).get(language),
                (e.get("location") or {}).get(language),
                e["description"][language],
            )
            for language in LANGUAGES
        ]

    def faq(self, e: Entry) -> None:
        self._tables[_FAQ].append(
            (
                e["id"],
                e["topic"],
                e.get("date"),
                _json(e["sources"]),
                _json(e.get("intents") or []),
                _json(e.get("holds") or []),
            )
        )
        self._tables[_FAQ_CITY] += [(e["id"], city) for city in e.get("cities") or []]
        self._tables[_FAQ_ORGANISATION] += [
            (e["id"], organisation) for organisation in e.get("organisations") or []
        ]
        self._tables[_FAQ_TEXT] += [
            (
                e["id"],
                language,
                e["answer"][language],
                _json([str(q) for q in e["questions"][language]]),
                _json([str(k) for k in e["keywords"][language]]),
            )
            for language in LANGUAGES
        ]


def _event_row(e: Entry) -> tuple[Any, ...]:
    """The events columns an entry sets, in _EVENT_FIELDS order."""
    zone = ZoneInfo(e["timezone"])
    start = event_time(e["start"], zone)
    end = event_time(e["end"], zone) if e.get("end") else None
    if start is None or (e.get("end") and end is None):
        raise ValueError(f"event {e['id']}: import an entry only after `check` passed it")
    starts_at, precision = start
    ends_at = end[0] if end else None
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


async def _import_events(conn: aiosqlite.Connection, entries: list[Entry]) -> None:
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
