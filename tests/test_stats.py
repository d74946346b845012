"""The /stats numbers, counted on a real database."""

from __future__ import annotations

from bot.db import Database
from bot.questions import QuestionLog
from bot.stats import collect

USERS = [
    # user_id, chosen language, Telegram's language_code, blocked
    (1, "pl", "de", 0),
    (2, None, "en-GB", 0),
    (3, None, "xx", 0),  # a language the bot does not speak: the default
    (4, "ru", "ru", 1),  # blocked: counted nowhere
    (5, None, "tr", 0),  # no subscription
]
SUBSCRIPTIONS = [
    (1, "konin", None),
    (1, "wakefield", "sport"),
    (2, None, "sport"),
    (3, "konin", "culture"),
    (4, "konin", None),
]


async def test_subscribers_are_counted_by_language_city_and_topic(settings):
    db = await Database.open(settings.db_path)
    try:
        async with db.transaction() as conn:
            await conn.executemany(
                "INSERT INTO users (user_id, language, telegram_language, first_seen, last_seen,"
                " blocked) VALUES (?, ?, ?, 'x', 'x', ?)",
                USERS,
            )
            await conn.executemany(
                "INSERT INTO subscriptions (user_id, city_id, topic, created_at) "
                "VALUES (?, ?, ?, 'x')",
                SUBSCRIPTIONS,
            )
        stats = await collect(db, QuestionLog(db), "de")
    finally:
        await db.close()
    assert stats.subscribers == 3
    assert stats.by_language == {"pl": 1, "en": 1, "de": 1}
    assert stats.by_city == {"konin": 2, "wakefield": 1, None: 1}
    assert stats.by_topic == {None: 1, "sport": 2, "culture": 1}
    assert (stats.users, stats.blocked) == (5, 1)
