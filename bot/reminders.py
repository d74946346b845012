"""Reminders before an event, derived from the database: "Remind me" rows plus the reminders
already sent, so a restart neither loses nor repeats one.

A reminder found due is queued in the outbox (bot/delivery.py) in the same transaction, its
`reminder_sends` row 'sending' until the outbox row is final: at least once, retried through
5xx answers, 429s and restarts until Telegram takes it or the event begins. One that fell due
while the bot was down is sent once, if the event is still ahead; of several due at once only
the latest (the nearest to the start) is sent. Offsets in whole days keep the
wall-clock time in the venue's zone across a DST change (the day before at the same time);
shorter ones are exact durations.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.db import Database, DatabaseError
from bot.delivery import queue_message
from bot.events import Event, load_event_in
from bot.i18n import negotiate
from bot.users import isoformat

DAY = 86400


def reminder_time(event: Event, offset_seconds: int) -> datetime:
    if offset_seconds % DAY == 0:
        # Aware arithmetic in Python is wall-clock arithmetic; zoneinfo finds the new offset.
        local = event.local_start - timedelta(days=offset_seconds // DAY)
        return local.astimezone(UTC)
    return event.starts_at - timedelta(seconds=offset_seconds)


class Request(enum.Enum):
    ADDED = "added"
    ALREADY = "already"
    OVER = "over"  # started, finished or cancelled: nothing to remind of
    MISSING = "missing"


async def request(
    db: Database, user_id: int, event_id: str, now: datetime, offsets: tuple[int, ...]
) -> Request:
    """ "Remind me": reminders whose time has passed already are marked skipped, so that
    nobody is reminded a day ahead of an event an hour away."""
    async with db.transaction() as conn:
        event = await load_event_in(conn, event_id)
        if event is None or event.published_at is None:
            return Request.MISSING
        if event.status == "cancelled" or event.starts_at <= now or event.precision != "minute":
            return Request.OVER
        cursor = await conn.execute(
            "INSERT INTO event_reminders (user_id, event_id, created_at) VALUES (?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            (user_id, event_id, isoformat(now)),
        )
        if cursor.rowcount != 1:
            return Request.ALREADY
        await conn.executemany(
            "INSERT INTO reminder_sends (event_id, user_id, offset_seconds, state, at) "
            "VALUES (?, ?, ?, 'skipped', ?) ON CONFLICT DO NOTHING",
            [
                (event_id, user_id, offset, isoformat(now))
                for offset in offsets
                if reminder_time(event, offset) <= now
            ],
        )
    return Request.ADDED


async def cancel_request(db: Database, user_id: int, event_id: str) -> bool:
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "DELETE FROM event_reminders WHERE user_id = ? AND event_id = ?", (user_id, event_id)
        )
        return cursor.rowcount == 1


async def has_request(db: Database, user_id: int, event_id: str) -> bool:
    return bool(
        await db.scalar(
            "SELECT 1 FROM event_reminders WHERE user_id = ? AND event_id = ?", (user_id, event_id)
        )
    )


async def recover(db: Database) -> int:
    """At start-up: a reminder left 'sending' without an outbox row (claimed by a version that
    sent it itself, which lost it to a 429 or a crash) was never delivered: it is due again."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "DELETE FROM reminder_sends WHERE state = 'sending' AND outbox_id IS NULL"
        )
        return cursor.rowcount


# (event, language) -> (HTML text, Bot API reply markup or None), built by the Telegram surface.
ReminderRenderer = Callable[[Event, str], tuple[str, dict[str, Any] | None]]


@dataclass(frozen=True, slots=True)
class Due:
    event: Event
    user_id: int
    language: str
    offset_seconds: int


async def queue_due(
    db: Database,
    now: datetime,
    offsets: tuple[int, ...],
    default_language: str,
    render: ReminderRenderer,
) -> list[Due]:
    """Queue the reminders due now in the outbox (the older due ones 'skipped'), atomically."""
    if not offsets:
        return []
    horizon = now + timedelta(seconds=max(offsets) + DAY)  # + a day: DST shifts day offsets
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT r.event_id, r.user_id, u.language, u.telegram_language FROM event_reminders r "
            "JOIN events e ON e.id = r.event_id JOIN users u ON u.user_id = r.user_id "
            "WHERE u.blocked = 0 AND e.status != 'cancelled' AND e.published_at IS NOT NULL "
            "AND e.starts_at > ? AND e.starts_at <= ? ORDER BY e.starts_at, r.user_id",
            (isoformat(now), isoformat(horizon)),
        ) as cursor:
            rows = await cursor.fetchall()
        if not rows:
            return []
        async with conn.execute(
            "SELECT event_id, user_id, offset_seconds FROM reminder_sends WHERE event_id IN "
            f"({', '.join('?' * len({r[0] for r in rows}))})",
            sorted({r[0] for r in rows}),
        ) as cursor:
            done: dict[tuple[str, int], set[int]] = {}
            for event_id, user_id, offset in await cursor.fetchall():
                done.setdefault((event_id, user_id), set()).add(offset)
        events: dict[str, Event] = {}
        claimed: list[Due] = []
        writes = []
        for event_id, user_id, chosen, telegram in rows:
            if event_id not in events:
                found = await load_event_in(conn, event_id)
                if found is None:  # joined above, in this transaction
                    raise DatabaseError(f"event {event_id} vanished while reminders were queued")
                events[event_id] = found
            event = events[event_id]
            handled = done.get((event_id, user_id), set())
            due = sorted(
                offset
                for offset in offsets
                if offset not in handled and reminder_time(event, offset) <= now
            )
            if not due:
                continue
            # One farther from the start than a reminder already handled would come after it.
            nearest_handled = min(handled, default=None)
            if nearest_handled is None or due[0] < nearest_handled:
                language = chosen or negotiate(telegram) or default_language
                claimed.append(Due(event, user_id, language, due[0]))
                writes.append((event_id, user_id, due[0], "sending", isoformat(now)))
                due = due[1:]
            writes += [(event_id, user_id, o, "skipped", isoformat(now)) for o in due]
        await conn.executemany(
            "INSERT INTO reminder_sends (event_id, user_id, offset_seconds, state, at) "
            "VALUES (?, ?, ?, ?, ?)",
            writes,
        )
        for claim in claimed:
            text, markup = render(claim.event, claim.language)
            outbox_id = await queue_message(
                conn,
                "reminder",
                claim.user_id,
                text,
                reply_markup=markup,
                ref=claim.event.id,
                not_after=claim.event.starts_at.timestamp(),
            )
            await conn.execute(
                "UPDATE reminder_sends SET outbox_id = ? WHERE event_id = ? AND user_id = ? "
                "AND offset_seconds = ?",
                (outbox_id, claim.event.id, claim.user_id, claim.offset_seconds),
            )
    return claimed
