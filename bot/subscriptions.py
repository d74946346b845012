"""Subscriptions by city and topic: toggles, /stop, who an event's announcement reaches, and
the per-user delivery options (quiet hours, weekly digest).

A row with no city covers every city, no topic every topic; (None, None) is "everything".
The bot stores no user time zone: quiet hours are Europe/Berlin for everyone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as dt_time

import aiosqlite

from bot.config import HOME_ZONE
from bot.db import Database
from bot.i18n import negotiate
from bot.users import isoformat, utcnow


@dataclass(frozen=True, slots=True)
class Subscription:
    city: str | None
    topic: str | None

    @property
    def specificity(self) -> int:
        return (self.city is not None) * 2 + (self.topic is not None)


async def subscriptions(db: Database, user_id: int) -> list[Subscription]:
    rows = await db.fetchall(
        "SELECT city_id, topic FROM subscriptions WHERE user_id = ? ORDER BY id", (user_id,)
    )
    return [Subscription(row[0], row[1]) for row in rows]


async def set_subscription(db: Database, user_id: int, wanted: Subscription, on: bool) -> bool:
    """Subscribe or unsubscribe (idempotent: a stale button asks for a state, not a flip);
    True when something changed."""
    async with db.transaction() as conn:
        if on:
            cursor = await conn.execute(
                "INSERT INTO subscriptions (user_id, city_id, topic, created_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (user_id, wanted.city, wanted.topic, isoformat(utcnow())),
            )
        else:
            cursor = await conn.execute(
                "DELETE FROM subscriptions WHERE user_id = ? AND city_id IS ? AND topic IS ?",
                (user_id, wanted.city, wanted.topic),
            )
        return cursor.rowcount == 1


async def stop_all(db: Database, user_id: int) -> int:
    """End every subscription, and with them what is still waiting: events queued for the
    digest, announcements held for quiet hours, a digest not yet sent."""
    async with db.transaction() as conn:
        cursor = await conn.execute("DELETE FROM subscriptions WHERE user_id = ?", (user_id,))
        ended = cursor.rowcount
        await conn.execute(
            "DELETE FROM digest_items WHERE user_id = ? AND job_id IS NULL", (user_id,)
        )
        await conn.execute(
            "UPDATE deliveries SET state = 'cancelled', error = 'stopped' WHERE user_id = ? "
            "AND state = 'pending' AND job_id IN (SELECT id FROM delivery_jobs "
            "WHERE origin = 'announcement')",
            (user_id,),
        )
        return ended


QUIET_START = dt_time(22, 0)
QUIET_END = dt_time(8, 0)
OPTIONS = ("quiet_hours", "digest")


def quiet_until(now: datetime) -> float | None:
    """The unix time of the next 08:00 in Herne if `now` falls in quiet hours, else None."""
    local = now.astimezone(HOME_ZONE)
    if QUIET_END <= local.time() < QUIET_START:
        return None
    day = local.date() if local.time() < QUIET_END else local.date() + timedelta(days=1)
    return datetime.combine(day, QUIET_END, tzinfo=HOME_ZONE).timestamp()


async def options(db: Database, user_id: int) -> dict[str, bool]:
    row = await db.fetchone("SELECT quiet_hours, digest FROM users WHERE user_id = ?", (user_id,))
    return {name: bool(row and row[i]) for i, name in enumerate(OPTIONS)}


async def set_option(db: Database, user_id: int, name: str, on: bool) -> bool:
    """Set quiet hours or the digest (a state, not a flip); True when something changed."""
    if name not in OPTIONS:
        raise ValueError(f"unknown option {name!r}")
    async with db.transaction() as conn:
        cursor = await conn.execute(
            f"UPDATE users SET {name} = ? WHERE user_id = ? AND {name} != ?",
            (int(on), user_id, int(on)),
        )
        return cursor.rowcount == 1


@dataclass(frozen=True, slots=True)
class Recipient:
    user_id: int
    language: str
    trigger: Subscription | None  # the subscription that selected them, if any
    quiet_hours: bool = False
    digest: bool = False


async def subscribers(
    conn: aiosqlite.Connection, cities: Sequence[str], topic: str, default_language: str
) -> list[Recipient]:
    """Everyone not blocked whose subscriptions cover (one of `cities`, topic), each once, with
    the most specific subscription that matched (its unsubscribe button names exactly that)."""
    marks = ", ".join("?" * len(cities)) or "NULL"
    async with conn.execute(
        "SELECT u.user_id, u.language, u.telegram_language, s.city_id, s.topic, u.quiet_hours, "
        "u.digest "
        "FROM subscriptions s JOIN users u ON u.user_id = s.user_id WHERE u.blocked = 0 "
        f"AND (s.city_id IS NULL OR s.city_id IN ({marks})) AND (s.topic IS NULL OR s.topic = ?) "
        "ORDER BY u.user_id",
        (*cities, topic),
    ) as cursor:
        rows = await cursor.fetchall()
    best: dict[int, Recipient] = {}
    for user_id, chosen, telegram, sub_city, sub_topic, quiet, digest in rows:
        trigger = Subscription(sub_city, sub_topic)
        known = best.get(user_id)
        if (
            known is None
            or known.trigger is None
            or trigger.specificity > known.trigger.specificity
        ):
            language = chosen or negotiate(telegram) or default_language
            best[user_id] = Recipient(user_id, language, trigger, bool(quiet), bool(digest))
    return list(best.values())
