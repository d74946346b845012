"""The weekly digest: new events queued for users who chose it, sent as one message each.

Each user's waiting items are marked with their digest's job in the transaction that writes its
delivery row, so an event goes into exactly one digest however often the weekly job runs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from bot.db import Database, inserted_id
from bot.events import Event, load_event_in
from bot.i18n import negotiate
from bot.users import isoformat, utcnow

# One message holds at most this many events (Telegram: 4,096 characters, 100 buttons); the
# rest wait, still pending, for the next digest.
MAX_DIGEST_EVENTS = 15

# (events soonest first, language) -> (HTML text, Bot API reply markup or None)
DigestRenderer = Callable[[list[Event], str], tuple[str, dict[str, Any] | None]]


async def queue_digests(db: Database, default_language: str, render: DigestRenderer) -> int:
    """Write one digest delivery per user with waiting events; returns how many.

    Events cancelled or over by now are dropped from the digest instead of listed.
    """
    moment = utcnow()
    now = isoformat(moment)
    written = 0
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT DISTINCT u.user_id, u.language, u.telegram_language FROM digest_items i "
            "JOIN users u ON u.user_id = i.user_id WHERE i.job_id IS NULL AND u.blocked = 0 "
            "ORDER BY u.user_id"
        ) as cursor:
            users = await cursor.fetchall()
        for user_id, chosen, telegram in users:
            async with conn.execute(
                "SELECT event_id FROM digest_items WHERE user_id = ? AND job_id IS NULL",
                (user_id,),
            ) as cursor:
                waiting = [row[0] for row in await cursor.fetchall()]
            events = [await load_event_in(conn, event_id) for event_id in waiting]
            shown = sorted(
                (
                    e
                    for e in events
                    if e is not None and e.status != "cancelled" and e.finishes_at > moment
                ),
                key=lambda e: e.starts_at,
            )
            dropped = set(waiting) - {e.id for e in shown}
            await conn.executemany(
                "DELETE FROM digest_items WHERE user_id = ? AND event_id = ? AND job_id IS NULL",
                [(user_id, event_id) for event_id in dropped],
            )
            if not shown:
                continue
            shown = shown[:MAX_DIGEST_EVENTS]
            language = chosen or negotiate(telegram) or default_language
            text, markup = render(shown, language)
            cursor = await conn.execute(
                "INSERT INTO delivery_jobs (origin, state, created_by, created_at, started_at, "
                "fallback_language, audience, reported) "
                "VALUES ('announcement', 'running', 0, ?, ?, ?, ?, 1)",
                (now, now, language, json.dumps({"digest": True})),
            )
            job_id = inserted_id(cursor)
            await conn.execute(
                "INSERT INTO delivery_contents (job_id, language, kind, text, parse_mode) "
                "VALUES (?, ?, 'text', ?, 'HTML')",
                (job_id, language, text),
            )
            await conn.execute(
                "INSERT INTO deliveries (job_id, user_id, chat_id, language, reply_markup) "
                "VALUES (?, ?, ?, ?, ?)",
                (job_id, user_id, user_id, language, json.dumps(markup) if markup else None),
            )
            await conn.executemany(
                "UPDATE digest_items SET job_id = ? WHERE user_id = ? AND event_id = ? "
                "AND job_id IS NULL",
                [(job_id, user_id, e.id) for e in shown],
            )
            written += 1
    return written
