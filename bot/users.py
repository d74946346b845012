"""The users table: who talks to the bot, in which language, and whether they blocked it."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.db import Database
from bot.i18n import LANGUAGES, negotiate

# last_seen is a day-level signal (retention, activity); writing it on every update would turn
# each incoming message into a write transaction.
_LAST_SEEN_RESOLUTION = timedelta(minutes=5)
# The cache saves the write for people active right now; a record older than the resolution is
# useless anyway, so a fixed number of the most recent users is enough (about 2 MB at most).
CACHE_SIZE = 10_000


def utcnow() -> datetime:
    return datetime.now(UTC)


def isoformat(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class UserRecord:
    user_id: int
    language: str | None
    telegram_language: str | None
    blocked: bool


def preferred_language(record: UserRecord | None, telegram_code: str | None, default: str) -> str:
    """The chosen language, else Telegram's language when supported, else the default."""
    return (record.language if record else None) or negotiate(telegram_code) or default


class Users:
    """Keeps the users table current with as few writes as possible."""

    def __init__(self, db: Database, cache_size: int = CACHE_SIZE):
        self._db = db
        self._cache: OrderedDict[int, tuple[UserRecord, datetime]] = OrderedDict()
        self._cache_size = cache_size

    async def touch(self, user_id: int, telegram_language: str | None) -> UserRecord:
        """Record that the user was seen now; returns their stored preferences."""
        now = utcnow()
        cached = self._cache.get(user_id)
        if (
            cached
            and cached[0].telegram_language == telegram_language
            and not cached[0].blocked
            and now - cached[1] < _LAST_SEEN_RESOLUTION
        ):
            self._cache.move_to_end(user_id)
            return cached[0]
        async with self._db.transaction() as conn:
            await conn.execute(
                """
                INSERT INTO users (user_id, telegram_language, first_seen, last_seen)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET
                    telegram_language = excluded.telegram_language,
                    last_seen = excluded.last_seen,
                    blocked = 0
                """,
                (user_id, telegram_language, isoformat(now), isoformat(now)),
            )
            async with conn.execute(
                "SELECT user_id, language, telegram_language, blocked FROM users WHERE user_id = ?",
                (user_id,),
            ) as cursor:
                row = await cursor.fetchone()
        assert row is not None  # just upserted in this transaction
        record = UserRecord(row[0], row[1], row[2], bool(row[3]))
        self._cache[user_id] = (record, now)
        self._cache.move_to_end(user_id)
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return record

    async def set_language(self, user_id: int, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE users SET language = ? WHERE user_id = ?", (language, user_id)
            )
        self._cache.pop(user_id, None)

    async def set_blocked(self, user_id: int, blocked: bool) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE users SET blocked = ? WHERE user_id = ?", (int(blocked), user_id)
            )
        self._cache.pop(user_id, None)

    def forget(self, user_ids: list[int]) -> None:
        """Drop cached records changed behind this object's back (found blocked by delivery)."""
        for user_id in user_ids:
            self._cache.pop(user_id, None)

    async def get(self, user_id: int) -> UserRecord | None:
        row = await self._db.fetchone(
            "SELECT user_id, language, telegram_language, blocked FROM users WHERE user_id = ?",
            (user_id,),
        )
        return UserRecord(row[0], row[1], row[2], bool(row[3])) if row else None
