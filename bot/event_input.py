"""What an admin types for a new event: dates and times in their language's usual formats
(Babel) or ISO, checked; the draft, and saving it as an unpublished event."""

from __future__ import annotations

import enum
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time, parse_date, parse_time

from bot.db import Database
from bot.events import local_datetime
from bot.i18n import format_locale
from bot.users import isoformat

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
# English is formatted the British way (16:00), but an admin may still write "4:00 PM".
_TWELVE_HOUR = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\.?$", re.IGNORECASE)
# What an admin may type, checked at entry. Together with the card's fixed lines they keep
# the preview and every announcement within Telegram's 4,096 characters.
MAX_TITLE = 200
MAX_DESCRIPTION = 2000
MAX_VENUE = 300
MAX_LINK = 500


class Problem(enum.Enum):
    UNREADABLE_DATE = "unreadable date"
    UNREADABLE_TIME = "unreadable time"
    PAST = "in the past"
    END_BEFORE_START = "end before start"
    START_AFTER_END = "start after end"
    UNKNOWN_CITY = "unknown city"
    BAD_LINK = "bad link"
    TOO_LONG = "too long"


class InputError(Exception):
    def __init__(self, problem: Problem, *, length: int = 0, limit: int = 0):
        super().__init__(problem.value)
        self.problem = problem
        self.length, self.limit = length, limit


def read_text(text: str, limit: int) -> str:
    """The answer as given, or TOO_LONG: never a silent cut."""
    text = text.strip()
    if len(text) > limit:
        raise InputError(Problem.TOO_LONG, length=len(text), limit=limit)
    return text


def venue_today(timezone: str, now: datetime) -> date:
    """The date at the venue: west of UTC it is still yesterday there after midnight UTC."""
    return now.astimezone(ZoneInfo(timezone)).date()


def read_date(text: str, language: str) -> date:
    text = text.strip()
    try:
        if _ISO_DATE.match(text):
            return date.fromisoformat(text)
        parsed = parse_date(text, locale=format_locale(language), format="short")
    except (ValueError, IndexError) as exc:
        raise InputError(Problem.UNREADABLE_DATE) from exc
    if not 2000 <= parsed.year <= 2100:
        raise InputError(Problem.UNREADABLE_DATE)
    return parsed


def read_time(text: str, language: str) -> time:
    text = text.strip()
    match = _ISO_TIME.match(text)
    try:
        if match:
            return time(int(match.group(1)), int(match.group(2)))
        twelve = _TWELVE_HOUR.match(text)
        if twelve:
            hour = int(twelve.group(1))
            if not 1 <= hour <= 12:
                raise ValueError(text)
            hour = hour % 12 + (12 if twelve.group(3).lower() == "p" else 0)
            return time(hour, int(twelve.group(2) or 0))
        return parse_time(text, locale=format_locale(language), format="short")
    except (ValueError, IndexError) as exc:
        raise InputError(Problem.UNREADABLE_TIME) from exc


def read_end(text: str, language: str) -> tuple[date | None, time]:
    """An end time ("14:00", "2:00 PM"), or a date and time for an event that ends on a later
    day ("26.12.26 14:00", "2026-12-26 14:00"); short dates hold no space, times may."""
    text = text.strip()
    day_text, _, time_text = text.partition(" ")
    if time_text.strip():
        # Babel reads times leniently (a date's digits as a time): try the date first.
        try:
            return read_date(day_text, language), read_time(time_text, language)
        except InputError:
            pass
    return None, read_time(text, language)


def date_example(language: str, day: date) -> str:
    """How a date is usually written in `language`, shown with an error."""
    return format_date(day, format="short", locale=format_locale(language))


def time_example(language: str) -> str:
    return format_time(time(18, 30), format="short", locale=format_locale(language))


_T = TypeVar("_T")


def _given(value: _T | None, what: str) -> _T:
    """What an earlier step of the conversation set: the steps come in order, so a missing
    one is a bug, not bad input."""
    if value is None:
        raise ValueError(f"event draft: no {what} yet")
    return value


@dataclass
class EventDraft:
    """A /newevent conversation's answers so far."""

    language: str
    city_id: str | None = None
    timezone: str | None = None
    topic: str | None = None
    title: str | None = None
    description: str = ""
    day: date | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    venue: str | None = None
    lat: float | None = None
    lon: float | None = None
    link: str | None = None
    venue_city_id: str | None = None
    # The languages given besides the admin's own: language -> (title, description).
    extra_texts: dict[str, tuple[str, str]] = field(default_factory=dict)
    # The language whose title and description are being asked for.
    writing: str | None = None

    def written(self) -> set[str]:
        return {self.language, *self.extra_texts}

    def take_title(self, title: str) -> None:
        if self.writing is None or self.writing == self.language:
            self.title = title
        else:
            self.extra_texts[self.writing] = (title, "")

    def take_description(self, description: str) -> None:
        if self.writing is None or self.writing == self.language:
            self.description = description
        else:
            self.extra_texts[self.writing] = (self.extra_texts[self.writing][0], description)

    def on_day(self, day: date, now: datetime) -> None:
        if day < venue_today(_given(self.timezone, "time zone"), now):
            raise InputError(Problem.PAST)
        self.day = day

    def start_at(self, at: time, now: datetime) -> None:
        day, zone = _given(self.day, "day"), ZoneInfo(_given(self.timezone, "time zone"))
        starts = local_datetime(day, at.hour, at.minute, zone)
        if starts <= now:
            raise InputError(Problem.PAST)
        self.starts_at = starts

    def end_at(self, at: time, day: date | None = None) -> None:
        """Without a day, an end not after the start time is on the next day (overnight)."""
        zone = ZoneInfo(_given(self.timezone, "time zone"))
        start_day, starts_at = _given(self.day, "day"), _given(self.starts_at, "start")
        ends = local_datetime(day or start_day, at.hour, at.minute, zone)
        if day is None and ends <= starts_at:
            ends = local_datetime(start_day + timedelta(days=1), at.hour, at.minute, zone)
        if ends <= starts_at:
            raise InputError(Problem.END_BEFORE_START)
        self.ends_at = ends


async def save_draft(db: Database, draft: EventDraft, admin_id: int, now: datetime) -> str:
    """The draft as an unpublished event (seen by nobody until published); returns its id."""
    starts_at = _given(draft.starts_at, "start")
    event_id = f"{draft.city_id}-{starts_at:%Y%m%d}-{secrets.token_hex(3)}"
    stamp = isoformat(now)
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO events (id, city_id, topic, starts_at, ends_at, timezone, precision, "
            "venue, lat, lon, link, status, sources, origin, created_by, created_at, updated_at, "
            "venue_city_id) VALUES (?, ?, ?, ?, ?, ?, 'minute', ?, ?, ?, ?, 'scheduled', '[]', "
            "'admin', ?, ?, ?, ?)",
            (
                event_id,
                draft.city_id,
                draft.topic,
                isoformat(starts_at),
                isoformat(draft.ends_at) if draft.ends_at else None,
                draft.timezone,
                draft.venue,
                draft.lat,
                draft.lon,
                draft.link,
                admin_id,
                stamp,
                stamp,
                draft.venue_city_id if draft.venue_city_id != draft.city_id else None,
            ),
        )
        texts = {draft.language: (draft.title, draft.description), **draft.extra_texts}
        await conn.executemany(
            "INSERT INTO event_texts (event_id, language, title, description) VALUES (?, ?, ?, ?)",
            [(event_id, language, *text) for language, text in texts.items()],
        )
    return event_id


async def discard_draft(db: Database, event_id: str) -> bool:
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "DELETE FROM events WHERE id = ? AND published_at IS NULL", (event_id,)
        )
        return cursor.rowcount == 1
