"""Events: the model, listing and paging, dates in the venue's and the reader's time zone, and
the .ics file. Times are stored as UTC plus the venue's IANA zone and computed with zoneinfo."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiosqlite import Connection
from babel.dates import format_skeleton, get_timezone_gmt, get_timezone_location

from bot.config import HOME_ZONE
from bot.db import Database, on_thread
from bot.i18n import LANGUAGES, N_, Translator
from bot.users import isoformat

TOPICS = ("culture", "sport", "business", "science", "youth_education", "official")
TOPIC_LABELS = {
    "culture": N_("Culture"),
    "sport": N_("Sport"),
    "business": N_("Business"),
    "science": N_("Science"),
    "youth_education": N_("Youth and education"),
    "official": N_("Official"),
}
# What /editevent can change, named in change notices.
FIELD_LABELS = {
    "date": N_("Date"),
    "start": N_("Start time"),
    "end": N_("End time"),
    "venue": N_("Venue"),
    "place": N_("Venue city"),
    "link": N_("Link"),
    "title": N_("Title"),
    "description": N_("Description"),
}
STATUSES = ("scheduled", "changed", "cancelled")
PAGE_SIZE = 5
# A year and its zone offsets, with a margin: the longest an event can run past its start or end.
_LONGEST_PERIOD_DAYS = 370
UID_DOMAIN = "partnerbot.herne"


@dataclass(frozen=True)
class Event:
    id: str
    city_id: str
    topic: str
    starts_at: datetime  # aware, UTC
    ends_at: datetime | None
    timezone: str
    precision: str = "minute"
    venue: str | None = None
    lat: float | None = None
    lon: float | None = None
    link: str | None = None
    status: str = "scheduled"
    sources: list[str] = field(default_factory=list)
    origin: str = "file"
    revision: int = 0
    published_at: str | None = None
    updated_at: str = ""
    # language -> (title, description)
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)
    # The city the venue is in, when it is not the event's city.
    venue_city_id: str | None = None
    # What the change being announced changed (FIELD_LABELS keys); empty otherwise.
    changed: tuple[str, ...] = ()
    # Other cities its title or description names (guests from Konin at a concert in Herne).
    named_city_ids: tuple[str, ...] = ()

    @property
    def place_id(self) -> str:
        """The city the event takes place in."""
        return self.venue_city_id or self.city_id

    @property
    def city_ids(self) -> tuple[str, ...]:
        """Every city the event involves: its own, the venue's, the ones its texts name."""
        return tuple(dict.fromkeys((self.city_id, self.place_id, *self.named_city_ids)))

    def missing_languages(self) -> list[str]:
        """The languages without a title yet: the "translate later" list admins see."""
        return [language for language in LANGUAGES if language not in self.texts]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self) -> datetime | None:
        return self.ends_at.astimezone(self.zone) if self.ends_at else None

    @property
    def finishes_at(self) -> datetime:
        return finishes_at(self.starts_at, self.ends_at, self.timezone, self.precision)

    def text(self, language: str) -> tuple[str, str, str]:
        """(title, description, language shown): the reader's language, else English, German,
        or whatever exists; the caller says so when it is not the reader's."""
        for candidate in (language, "en", "de", *LANGUAGES):
            if candidate in self.texts:
                title, description = self.texts[candidate]
                return title, description, candidate
        return self.id, "", language


def local_datetime(day: date, hour: int, minute: int, zone: ZoneInfo) -> datetime:
    """A wall-clock time in `zone` as UTC. A time skipped by a DST change moves forward by
    the gap (02:30 on the spring-forward night is 03:30); a repeated one is its first time."""
    naive = datetime(day.year, day.month, day.day, hour, minute)
    return naive.replace(tzinfo=zone, fold=0).astimezone(UTC)


def parse_utc(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value).astimezone(UTC) if value else None


def _finished(
    starts_at: str, ends_at: str | None, timezone: str, precision: str, now: datetime
) -> bool:
    start = datetime.fromisoformat(starts_at).astimezone(UTC)
    return finishes_at(start, parse_utc(ends_at), timezone, precision) <= now


def finishes_at(
    starts_at: datetime, ends_at: datetime | None, timezone: str, precision: str
) -> datetime:
    """When an event is over: its end, or for an imprecise date the end of that period."""
    if precision == "minute":
        return ends_at or starts_at
    zone = ZoneInfo(timezone)
    last = (ends_at or starts_at).astimezone(zone)
    if precision == "day":
        following = last.date() + timedelta(days=1)
    elif precision == "month":
        following = date(last.year + last.month // 12, last.month % 12 + 1, 1)
    else:
        following = date(last.year + 1, 1, 1)
    return local_datetime(following, 0, 0, zone)


_COLUMNS = (
    "id, city_id, topic, starts_at, ends_at, timezone, precision, venue, lat, lon, link, "
    "status, sources, origin, revision, published_at, updated_at, venue_city_id"
)


def _event(row: Sequence[Any], texts: dict[str, tuple[str, str]]) -> Event:
    return Event(
        id=row[0],
        city_id=row[1],
        topic=row[2],
        starts_at=datetime.fromisoformat(row[3]).astimezone(UTC),
        ends_at=parse_utc(row[4]),
        timezone=row[5],
        precision=row[6],
        venue=row[7],
        lat=row[8],
        lon=row[9],
        link=row[10],
        status=row[11],
        sources=json.loads(row[12]),
        origin=row[13],
        revision=row[14],
        published_at=row[15],
        updated_at=row[16],
        texts=texts,
        venue_city_id=row[17],
    )


_TEXTS = "SELECT event_id, language, title, description FROM event_texts WHERE event_id IN "
_CITIES = "SELECT event_id, city_id FROM event_cities WHERE event_id IN "


def _among(ids: list[str]) -> str:
    return f"({', '.join('?' * len(ids))})"


def _texts_of(rows: Iterable[Sequence[Any]]) -> dict[str, dict[str, tuple[str, str]]]:
    found: dict[str, dict[str, tuple[str, str]]] = {}
    for event_id, language, title, description in rows:
        found.setdefault(event_id, {})[language] = (title, description)
    return {
        event_id: {lang: texts[lang] for lang in LANGUAGES if lang in texts}
        for event_id, texts in found.items()
    }


async def _texts(conn: Connection, ids: list[str]) -> dict[str, dict[str, tuple[str, str]]]:
    if not ids:
        return {}
    async with conn.execute(_TEXTS + _among(ids), ids) as cursor:
        rows = await cursor.fetchall()
    return _texts_of(rows)


async def load_event(db: Database, event_id: str) -> Event | None:
    """The event with its texts: its three reads in one round trip to the connection's thread
    (a question naming an event loads it; through cursors they took nine)."""
    return await db.read(_event_read, event_id)


def _event_read(conn: sqlite3.Connection, event_id: str) -> Event | None:
    """On the connection's thread: the event's row, texts and named cities, and the event."""
    # Every row read (one at most: the id is the key), so that no statement is left open.
    rows = conn.execute(f"SELECT {_COLUMNS} FROM events WHERE id = ?", (event_id,)).fetchall()
    if not rows:
        return None
    row = rows[0]
    texts = conn.execute(_TEXTS + _among([event_id]), [event_id]).fetchall()
    cities = conn.execute(_CITIES + _among([event_id]) + " ORDER BY rowid", [event_id]).fetchall()
    event = _event(row, _texts_of(texts).get(event_id, {}))
    return replace(event, named_city_ids=_cities_of(cities).get(event_id, ()))


async def load_event_in(conn: Connection, event_id: str) -> Event | None:
    """The event with its texts, read inside the caller's transaction (its connection is the
    database's: the same reads, in one round trip)."""
    return await on_thread(conn, _event_read, event_id)


def _cities_of(rows: Iterable[Sequence[Any]]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for event_id, city_id in rows:
        found.setdefault(event_id, []).append(city_id)
    return {event_id: tuple(cities) for event_id, cities in found.items()}


@dataclass(frozen=True)
class CityNames:
    """How the question engine finds partner cities in a text (`named`), and a key that
    changes whenever the names it knows change."""

    key: str
    named: Callable[[str], Iterable[str]]


_EVENT_PLACES = "SELECT id, city_id, venue_city_id FROM events"


async def read_named_cities(db: Database, names: CityNames) -> int:
    """Reads which cities the texts of each event name, for every event whose texts changed
    since they were last read, or were read with other names: a write to event_texts, however
    made, marks its event unread. Returns how many events were read."""
    unread = f"{_EVENT_PLACES} WHERE cities_read IS NULL OR cities_read != ?"
    # Nearly always nothing: no write transaction for that.
    if not await db.fetchall(unread + " LIMIT 1", (names.key,)):
        return 0
    async with db.transaction() as conn:
        async with conn.execute(unread, (names.key,)) as cursor:
            rows = list(await cursor.fetchall())
        await _read_named(conn, rows, names)
    return len(rows)


async def read_event_cities_in(conn: Connection, event_id: str, names: CityNames) -> None:
    """Reads the cities one event's texts name, inside the caller's transaction: a change of
    its texts is announced to the cities they name now."""
    async with conn.execute(f"{_EVENT_PLACES} WHERE id = ?", (event_id,)) as cursor:
        rows = list(await cursor.fetchall())
    await _read_named(conn, rows, names)


async def _read_named(conn: Connection, rows: Sequence[Sequence[Any]], names: CityNames) -> None:
    if not rows:
        return
    ids = [row[0] for row in rows]
    texts = await _texts(conn, ids)
    pairs = []
    for event_id, city_id, venue_city_id in rows:
        found = dict.fromkeys(
            city
            for title, description in texts.get(event_id, {}).values()
            for city in names.named(f"{title}\n{description}")
        )
        pairs += [(event_id, c) for c in found if c not in (city_id, venue_city_id)]
    marks = ", ".join("?" * len(ids))
    await conn.execute(f"DELETE FROM event_cities WHERE event_id IN ({marks})", ids)
    await conn.executemany("INSERT INTO event_cities (event_id, city_id) VALUES (?, ?)", pairs)
    await conn.execute(
        f"UPDATE events SET cities_read = ? WHERE id IN ({marks})", (names.key, *ids)
    )


@dataclass(frozen=True)
class Page:
    events: list[Event]
    page: int
    pages: int
    total: int


async def list_events(
    db: Database,
    now: datetime,
    *,
    archive: bool = False,
    city: str | None = None,
    topic: str | None = None,
    page: int = 0,
    size: int = PAGE_SIZE,
) -> Page:
    """Published events not over yet, soonest first; or the archive (over or cancelled),
    latest first."""
    # An event is over at its finishes_at, which lies between its start and the end of the
    # year after its end or start (one known only by its year). SQL leaves out the rows that
    # cannot qualify, so a list reads the few it may show, not every event ever held; the
    # exact test is finishes_at's, below.
    if archive:
        window = "(status = 'cancelled' OR starts_at <= ?)"
        bound = isoformat(now + timedelta(days=1))
    else:
        window = "status != 'cancelled' AND COALESCE(ends_at, starts_at) >= ?"
        bound = isoformat(now - timedelta(days=_LONGEST_PERIOD_DAYS))
    # Only what decides whether an event is over is read for every candidate; the whole row,
    # texts and named cities only for the page shown.
    rows = await db.fetchall(
        "SELECT id, starts_at, ends_at, timezone, precision, status FROM events "
        f"WHERE published_at IS NOT NULL AND {window} "
        "AND (? IS NULL OR city_id = ? OR venue_city_id = ? OR id IN "
        "(SELECT event_id FROM event_cities WHERE city_id = ?)) "
        "AND (? IS NULL OR topic = ?) ORDER BY starts_at, id",
        (bound, city, city, city, city, topic, topic),
    )
    chosen = [
        event_id
        for event_id, starts_at, ends_at, timezone, precision, status in rows
        if (status == "cancelled" or _finished(starts_at, ends_at, timezone, precision, now))
        == archive
    ]
    if archive:
        chosen.reverse()
    pages = max(1, -(-len(chosen) // size))
    page = min(max(0, page), pages - 1)
    ids = chosen[page * size : (page + 1) * size]
    full: dict[str, Sequence[Any]] = {}
    texts: dict[str, dict[str, tuple[str, str]]] = {}
    named: dict[str, tuple[str, ...]] = {}
    if ids:
        rows, text_rows, city_rows = await db.read(_shown_read, ids)
        full = {row[0]: row for row in rows}
        texts, named = _texts_of(text_rows), _cities_of(city_rows)
    shown = [
        _event(full[event_id], texts.get(event_id, {})) for event_id in ids if event_id in full
    ]
    shown = [replace(e, named_city_ids=named.get(e.id, ())) for e in shown]
    return Page(shown, page, pages, len(chosen))


def _shown_read(conn: sqlite3.Connection, ids: list[str]) -> tuple[list[Any], list[Any], list[Any]]:
    """On the connection's thread: the rows, texts and named cities of the events a page
    shows, in one round trip (through cursors, the texts and the cities took three each)."""
    among = _among(ids)
    return (
        conn.execute(f"SELECT {_COLUMNS} FROM events WHERE id IN {among}", ids).fetchall(),
        conn.execute(_TEXTS + among, ids).fetchall(),
        conn.execute(_CITIES + among + " ORDER BY rowid", ids).fetchall(),
    )


async def save_translation(
    db: Database, event_id: str, language: str, title: str, description: str
) -> bool:
    """Adds or corrects one language's text. A translation is not a change: no revision, no
    notice, the status stays. False when the event is gone."""
    async with db.transaction() as conn:
        async with conn.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)) as cursor:
            if await cursor.fetchone() is None:
                return False
        await conn.execute(
            "INSERT INTO event_texts (event_id, language, title, description) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (event_id, language) DO UPDATE SET title = excluded.title, "
            "description = excluded.description",
            (event_id, language, title, description),
        )
    return True


# ---- dates as people read them -----------------------------------------------------------


def format_period(moment: datetime, precision: str, t: Translator) -> str:
    if precision == "year":
        return format_skeleton("y", moment, locale=t.formats)
    if precision == "month":
        return format_skeleton("yMMMM", moment, locale=t.formats)
    return t.date(moment.date(), "full")


@dataclass(frozen=True)
class When:
    """An event's date and time lines: at the venue, and in the reader's zone when different."""

    venue: str
    reader: str | None = None


def when(event: Event, t: Translator, reader_zone: ZoneInfo = HOME_ZONE) -> When:
    start, end = event.local_start, event.local_end
    if event.precision != "minute":
        text = format_period(start, event.precision, t)
        if end is not None and format_period(end, event.precision, t) != text:
            text = f"{text} – {format_period(end, event.precision, t)}"
        return When(text)
    venue = _span(start, end, event.zone, t)
    reader = None
    if start.astimezone(reader_zone).utcoffset() != start.utcoffset() or (
        end is not None and end.astimezone(reader_zone).utcoffset() != end.utcoffset()
    ):
        reader = _span(
            start.astimezone(reader_zone),
            end.astimezone(reader_zone) if end else None,
            reader_zone,
            t,
        )
    return When(venue, reader)


def _span(start: datetime, end: datetime | None, zone: ZoneInfo, t: Translator) -> str:
    """ "Saturday, 28 March 2026, 10:00 – 12:00 (Central European Standard Time)"; the zone's
    name is the one in force at the start (summer or standard time)."""
    text = f"{t.date(start.date(), 'full')}, {t.time(start, 'short', zone)}"
    if end is not None:
        if end.date() == start.date():
            text += f" – {t.time(end, 'short', zone)}"
        else:
            text += f" – {t.date(end.date(), 'full')}, {t.time(end, 'short', zone)}"
    return f"{text} ({zone_name(start, t)})"


def zone_name(moment: datetime, t: Translator) -> str:
    """The zone in force at `moment` by name ("Central European Summer Time"); where the
    locale data has no such name, the zone's city and its offset ("Istanbul, GMT+03:00")."""
    name = t.timezone_name(moment)
    if name.startswith(("GMT", "UTC")):
        city = get_timezone_location(moment.tzinfo, locale=t.formats, return_city=True)
        name = f"{city}, {get_timezone_gmt(moment, locale=t.formats)}"
    return name


# ---- the calendar file ------------------------------------------------------------------


def to_ics(event: Event, language: str, now: datetime, note: str = "") -> bytes:
    """RFC 5545: one VEVENT in the venue's zone, its VTIMEZONE included; text in `language`."""
    # Imported when a file is asked for: a twentieth of every start's imports otherwise.
    from icalendar import Calendar, vGeo
    from icalendar import Event as IcsEvent

    title, description, language = event.text(language)
    calendar = Calendar()
    calendar.add("prodid", "-//Partnerbot Herne//Events//EN")
    calendar.add("version", "2.0")
    # A cancelled event's file removes it from the calendar it was added to (same UID).
    calendar.add("method", "CANCEL" if event.status == "cancelled" else "PUBLISH")
    entry = IcsEvent()
    entry.add("uid", f"{event.id}@{UID_DOMAIN}")
    entry.add("dtstamp", now.astimezone(UTC))
    entry.add("sequence", event.revision)
    entry.add("summary", title, parameters={"LANGUAGE": language})
    body = "\n\n".join(part for part in (description, note, event.link or "") if part)
    if body:
        entry.add("description", body, parameters={"LANGUAGE": language})
    if event.precision == "minute":
        entry.add("dtstart", event.local_start)
        entry.add("dtend", event.local_end or event.local_start + timedelta(hours=1))
    else:
        entry.add("dtstart", event.local_start.date())
        entry.add("dtend", event.finishes_at.astimezone(event.zone).date())
    if event.venue:
        entry.add("location", event.venue)
    if event.lat is not None and event.lon is not None:
        entry.add("geo", vGeo((event.lat, event.lon)))
    if event.link:
        entry.add("url", event.link)
    entry.add("status", "CANCELLED" if event.status == "cancelled" else "CONFIRMED")
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    ical: bytes = calendar.to_ical()
    return ical
