"""Subscriptions by city and topic: toggles, /stop, and who an event's announcement reaches.

A row with no city covers every city, no topic every topic; (None, None) is "everything".
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.db import Database
from bot.i18n import negotiate
from bot.users import isoformat, utcnow


@dataclass(frozen=True, slots=True)
class Subscription:
    city: str | None
    topic: str | None

    def covers(self, city: str, topic: str) -> bool:
        return self.city in (None, city) and self.topic in (None, topic)

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
    async with db.transaction() as conn:
        cursor = await conn.execute("DELETE FROM subscriptions WHERE user_id = ?", (user_id,))
        return cursor.rowcount


@dataclass(frozen=True, slots=True)
class Recipient:
    user_id: int
    language: str
    trigger: Subscription | None  # the subscription that selected them, if any


async def subscribers(conn, city: str, topic: str, default_language: str) -> list[Recipient]:
    """Everyone not blocked whose subscriptions cover (city, topic), each once, with the most
    specific subscription that matched (its unsubscribe button names exactly that)."""
    async with conn.execute(
        "SELECT u.user_id, u.language, u.telegram_language, s.city_id, s.topic "
        "FROM subscriptions s JOIN users u ON u.user_id = s.user_id WHERE u.blocked = 0 "
        "AND (s.city_id IS NULL OR s.city_id = ?) AND (s.topic IS NULL OR s.topic = ?) "
        "ORDER BY u.user_id",
        (city, topic),
    ) as cursor:
        rows = await cursor.fetchall()
    best: dict[int, Recipient] = {}
    for user_id, chosen, telegram, sub_city, sub_topic in rows:
        trigger = Subscription(sub_city, sub_topic)
        known = best.get(user_id)
        if known is None or trigger.specificity > known.trigger.specificity:
            language = chosen or negotiate(telegram) or default_language
            best[user_id] = Recipient(user_id, language, trigger)
    return list(best.values())
