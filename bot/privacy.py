"""A user's data: everything stored about them (/mydata), erasing it (/deleteme), and the
retention purge of inactive users. No Telegram here.

Rows that exist for the user (their record with its delivery options, subscriptions, digest
items, reminders, deliveries, every question and message to the office they wrote, answered or
not) are deleted, and their wording leaves the knowledge-base entries made from it; rows where
they only appear as the actor of an admin action keep the action and lose the id.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import aiosqlite

from bot.db import Database
from bot.users import isoformat, utcnow

# Deleted: (table, column) rows that belong to the user.
_OWN_ROWS = (
    ("deliveries", "user_id"),
    ("digest_items", "user_id"),
    ("reminder_sends", "user_id"),
    ("event_reminders", "user_id"),
    ("subscriptions", "user_id"),
    ("outbox", "chat_id"),  # answers and reminders not yet delivered
    ("office_posts", "chat_id"),  # inbox posts in an admin's private chat
    ("admins", "user_id"),
    ("users", "user_id"),
)
# Anonymised: the user as the actor of something that stays.
_ACTOR_COLUMNS = (
    ("question_log", "answered_by", "NULL"),
    ("admins", "granted_by", "0"),
    ("admin_audit", "actor_id", "0"),
    ("delivery_jobs", "created_by", "0"),
    ("delivery_jobs", "confirmed_by", "NULL"),
    ("events", "created_by", "NULL"),
)
# admin_audit actions whose target is a user id.
_USER_ACTIONS = "('grant', 'revoke')"


@dataclass(frozen=True, slots=True)
class Erasure:
    found: bool  # anything was stored about the user
    knowledge_changed: bool  # their wording left office-made FAQ entries: reload the index

    def __bool__(self) -> bool:
        return self.found


async def _rows(db: Database, sql: str, params: tuple[object, ...]) -> list[dict[str, Any]]:
    return [dict(row) for row in await db.fetchall(sql, params)]


async def collect_user_data(db: Database, user_id: int) -> dict[str, Any] | None:
    """Everything stored with the user's id, as JSON-ready data; None when nothing is."""
    user = await db.fetchone(
        "SELECT user_id, language, telegram_language, first_seen, last_seen, blocked, "
        "quiet_hours, digest FROM users WHERE user_id = ?",
        (user_id,),
    )
    questions = await _rows(
        db,
        "SELECT asked_at, kind, question, language, state, answer, answered_at, faq_id, "
        "user_id IS NOT NULL AS answer_goes_to_you FROM question_log "
        "WHERE user_id = ? OR author_id = ? ORDER BY id",
        (user_id, user_id),
    )
    if user is None and not questions:
        return None
    admin = await db.fetchone(
        "SELECT granted_by, granted_at FROM admins WHERE user_id = ?", (user_id,)
    )
    return {
        "user": dict(user) if user else None,
        "subscriptions": await _rows(
            db,
            "SELECT city_id, topic, created_at FROM subscriptions WHERE user_id = ? ORDER BY id",
            (user_id,),
        ),
        "weekly_digest_events": await _rows(
            db,
            "SELECT event_id, queued_at, job_id AS digest_job_id FROM digest_items "
            "WHERE user_id = ? ORDER BY queued_at, event_id",
            (user_id,),
        ),
        "event_reminders": await _rows(
            db,
            "SELECT event_id, created_at FROM event_reminders WHERE user_id = ? "
            "ORDER BY created_at",
            (user_id,),
        ),
        "questions_for_the_office": questions,
        "messages_received": await _rows(
            db,
            "SELECT d.job_id, j.origin, d.language, d.state, d.updated_at FROM deliveries d "
            "JOIN delivery_jobs j ON j.id = d.job_id WHERE d.user_id = ? ORDER BY d.job_id",
            (user_id,),
        ),
        "messages_on_their_way": await _rows(
            db,
            "SELECT id, kind, text, state, attempts, created_at FROM outbox WHERE chat_id = ? "
            "ORDER BY id",
            (user_id,),
        ),
        "reminders_sent": await _rows(
            db,
            "SELECT event_id, offset_seconds, state, at FROM reminder_sends WHERE user_id = ? "
            "ORDER BY at",
            (user_id,),
        ),
        "admin": dict(admin) if admin else None,
        "admin_actions": await _rows(
            db,
            "SELECT at, actor_id, action, target FROM admin_audit WHERE actor_id = ? "
            f"OR (target = ? AND action IN {_USER_ACTIONS}) ORDER BY id",
            (user_id, str(user_id)),
        ),
        # The rest of what /deleteme touches: the id as the actor of things that stay.
        "your_id_is_also_in": await _mentions(db, user_id),
    }


async def _mentions(db: Database, user_id: int) -> dict[str, int]:
    """How many rows name the user in each column that /deleteme clears or deletes besides
    the rows above ("table.column": count)."""
    found = {}
    for table, column in (
        *((table, column) for table, column, _ in _ACTOR_COLUMNS),
        ("office_posts", "chat_id"),
        ("delivery_jobs", "report_chat_id"),
    ):
        count = await db.scalar(f"SELECT count(*) FROM {table} WHERE {column} = ?", (user_id,))
        if count:
            found[f"{table}.{column}"] = count
    return found


async def erase_user(db: Database, user_id: int) -> Erasure:
    """Delete every row of the user, every text they wrote, and their id everywhere else."""
    removed = 0
    async with db.transaction() as conn:
        async with conn.execute(
            # A wording someone else asked too stays: it is theirs as well.
            "SELECT faq_id, language, question FROM question_log AS q "
            "WHERE (user_id = ? OR author_id = ?) AND faq_id IS NOT NULL AND NOT EXISTS ("
            "SELECT 1 FROM question_log AS o WHERE o.faq_id = q.faq_id "
            "AND o.language = q.language AND o.question = q.question "
            "AND coalesce(o.user_id, 0) != ? AND coalesce(o.author_id, 0) != ?)",
            (user_id, user_id, user_id, user_id),
        ) as cursor:
            wordings = list(await cursor.fetchall())
        knowledge_changed = await _drop_wordings(conn, wordings)
        # Their messages to the office still on the way to its chat (posts carry their text).
        await conn.execute(
            "DELETE FROM outbox WHERE kind = 'office_post' AND EXISTS (SELECT 1 FROM "
            "json_each(outbox.ref) j JOIN question_log q ON q.id = j.value "
            "WHERE q.user_id = ? OR q.author_id = ?)",
            (user_id, user_id),
        )
        cursor = await conn.execute(
            "DELETE FROM question_log WHERE user_id = ? OR author_id = ?", (user_id, user_id)
        )
        removed += max(cursor.rowcount, 0)
        for table, column, empty in _ACTOR_COLUMNS:
            await conn.execute(
                f"UPDATE {table} SET {column} = {empty} WHERE {column} = ?", (user_id,)
            )
        # Only grants and revokes name a user; other actions name a job or event of the same id.
        await conn.execute(
            f"UPDATE admin_audit SET target = '' WHERE target = ? AND action IN {_USER_ACTIONS}",
            (str(user_id),),
        )
        await conn.execute(
            "UPDATE delivery_jobs SET report_chat_id = NULL, report_message_id = NULL "
            "WHERE report_chat_id = ?",
            (user_id,),
        )
        for table, column in _OWN_ROWS:
            cursor = await conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (user_id,))
            removed += max(cursor.rowcount, 0)
    return Erasure(removed > 0, knowledge_changed)


async def _drop_wordings(conn: aiosqlite.Connection, wordings: Sequence[Sequence[str]]) -> bool:
    """Take the user's questions out of the office-made FAQ entries they were copied into; the
    office's answer stays. True if any entry changed."""
    changed = False
    for faq_id, language, question in wordings:
        async with conn.execute(
            "SELECT questions FROM faq_texts WHERE faq_id = ? AND language = ?", (faq_id, language)
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            continue
        questions = json.loads(row[0])
        kept = [q for q in questions if q != question]
        if kept != questions:
            await conn.execute(
                "UPDATE faq_texts SET questions = ? WHERE faq_id = ? AND language = ?",
                (json.dumps(kept, ensure_ascii=False), faq_id, language),
            )
            changed = True
    return changed


async def inactive_users(
    db: Database, retention_days: int, admins: set[int], now: datetime | None = None
) -> list[int]:
    cutoff = isoformat((now or utcnow()) - timedelta(days=retention_days))
    rows = await db.fetchall("SELECT user_id FROM users WHERE last_seen < ?", (cutoff,))
    # Admins keep their account: their rights would go with it.
    return [row[0] for row in rows if row[0] not in admins]


async def purge_old_questions(
    db: Database, retention_days: int, now: datetime | None = None
) -> int:
    """Logged questions older than the retention go too, anonymous or not."""
    cutoff = isoformat((now or utcnow()) - timedelta(days=retention_days))
    async with db.transaction() as conn:
        cursor = await conn.execute("DELETE FROM question_log WHERE asked_at < ?", (cutoff,))
        return cursor.rowcount
