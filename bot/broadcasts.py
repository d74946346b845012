"""Admin broadcasts: drafts, audiences, the atomic confirmation, the reports' numbers.

A draft is a `delivery_jobs` row in state `draft` with one content per language; confirming
it is one transaction that moves it to `running` only if it is still a draft and writes one
delivery row per recipient, so a second confirmation (the same button twice, two admins) finds
nothing to do. Sending is the delivery engine's work (bot/delivery.py).
"""

from __future__ import annotations

import enum
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import aiosqlite

from bot.admins import audit
from bot.db import Database, DatabaseError, inserted_id
from bot.delivery import Content, enqueue
from bot.i18n import LANGUAGES, negotiate
from bot.textual import telegram_length
from bot.users import isoformat, utcnow

MAX_TEXT = 4096
MAX_CAPTION = 1024


class ContentProblem(enum.Enum):
    EMPTY = "empty"
    TEXT_TOO_LONG = "text too long"
    CAPTION_TOO_LONG = "caption too long"


def check_content(content: Content) -> ContentProblem | None:
    """Why Telegram would refuse `content`, checked before anything is sent."""
    if content.kind == "text":
        if not content.text.strip():
            return ContentProblem.EMPTY
        if telegram_length(content.text) > MAX_TEXT:
            return ContentProblem.TEXT_TOO_LONG
    elif telegram_length(content.text) > MAX_CAPTION:
        return ContentProblem.CAPTION_TOO_LONG
    return None


@dataclass(frozen=True, slots=True)
class Audience:
    """Who receives a broadcast; None is "any". City and topic select subscribers."""

    city: str | None = None
    topic: str | None = None
    language: str | None = None

    @property
    def everyone(self) -> bool:
        return self.city is None and self.topic is None and self.language is None

    def to_json(self) -> str:
        return json.dumps({"city": self.city, "topic": self.topic, "language": self.language})

    @classmethod
    def from_json(cls, raw: str) -> Audience:
        data = json.loads(raw or "{}")
        return cls(data.get("city"), data.get("topic"), data.get("language"))


@dataclass(frozen=True)
class Draft:
    id: int
    state: str
    created_by: int
    fallback: str
    audience: Audience
    versions: dict[str, Content] = field(default_factory=dict)
    report_chat_id: int | None = None
    report_message_id: int | None = None


async def _recipients(
    conn: aiosqlite.Connection, audience: Audience, default_language: str
) -> list[tuple[int, int, str]]:
    """(user id, chat id, language) of everyone the audience selects, blocked users left out."""
    sql = "SELECT user_id, language, telegram_language FROM users u WHERE blocked = 0"
    params: list[str | None] = []
    if audience.city is not None or audience.topic is not None:
        # A subscription with no city (or no topic) covers every city (every topic).
        sql += (
            " AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.user_id = u.user_id"
            " AND (? IS NULL OR s.city_id IS NULL OR s.city_id = ?)"
            " AND (? IS NULL OR s.topic IS NULL OR s.topic = ?))"
        )
        params += [audience.city, audience.city, audience.topic, audience.topic]
    sql += " ORDER BY user_id"
    async with conn.execute(sql, params) as cursor:
        rows = await cursor.fetchall()
    found = []
    for user_id, chosen, telegram in rows:
        language = chosen or negotiate(telegram) or default_language
        if audience.language is None or audience.language == language:
            found.append((user_id, user_id, language))
    return found


async def audience_counts(
    db: Database, audience: Audience, default_language: str
) -> dict[str, int]:
    """Recipients per language, in the order of LANGUAGES, languages without any left out."""
    counts = dict.fromkeys(LANGUAGES, 0)
    for _, _, language in await _recipients(db.connection, audience, default_language):
        counts[language] += 1
    return {language: count for language, count in counts.items() if count}


async def topics(db: Database) -> list[str]:
    rows = await db.fetchall(
        "SELECT DISTINCT topic FROM subscriptions WHERE topic IS NOT NULL ORDER BY topic LIMIT 30"
    )
    return [row[0] for row in rows]


async def create_draft(
    db: Database, admin_id: int, chat_id: int, language: str, content: Content
) -> int:
    now = isoformat(utcnow())
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO delivery_jobs (origin, state, created_by, created_at, fallback_language, "
            "report_chat_id) VALUES ('broadcast', 'draft', ?, ?, ?, ?)",
            (admin_id, now, language, chat_id),
        )
        job_id = inserted_id(cursor)
        await _write_version(conn, job_id, language, content)
    return job_id


async def _write_version(
    conn: aiosqlite.Connection, job_id: int, language: str, content: Content
) -> None:
    await conn.execute(
        "INSERT INTO delivery_contents (job_id, language, kind, text, entities, file_id) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (job_id, language) DO UPDATE SET "
        "kind = excluded.kind, text = excluded.text, entities = excluded.entities, "
        "file_id = excluded.file_id",
        (job_id, language, content.kind, content.text, content.entities, content.file_id),
    )


async def _update_draft(db: Database, job_id: int, sql: str, params: tuple[object, ...]) -> bool:
    async with db.transaction() as conn:
        cursor = await conn.execute(sql + " WHERE id = ? AND state = 'draft'", (*params, job_id))
        return cursor.rowcount == 1


async def set_version(db: Database, job_id: int, language: str, content: Content) -> bool:
    """Add or replace the version in `language`; False when the draft is gone."""
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT 1 FROM delivery_jobs WHERE id = ? AND state = 'draft'", (job_id,)
        ) as cursor:
            if await cursor.fetchone() is None:
                return False
        await _write_version(conn, job_id, language, content)
    return True


async def set_fallback(db: Database, job_id: int, language: str) -> bool:
    """The version sent to languages without their own; False unless that version exists."""
    draft = await load_draft(db, job_id)
    if draft is None or language not in draft.versions:
        return False
    return await _update_draft(
        db, job_id, "UPDATE delivery_jobs SET fallback_language = ?", (language,)
    )


async def set_audience(db: Database, job_id: int, audience: Audience) -> bool:
    return await _update_draft(
        db, job_id, "UPDATE delivery_jobs SET audience = ?", (audience.to_json(),)
    )


async def discard(db: Database, job_id: int) -> bool:
    return await _update_draft(
        db,
        job_id,
        "UPDATE delivery_jobs SET state = 'cancelled', finished_at = ?, reported = 1",
        (isoformat(utcnow()),),
    )


async def load_draft(db: Database, job_id: int) -> Draft | None:
    """The job as a draft (any state: the caller checks `state`), or None."""
    row = await db.fetchone(
        "SELECT id, state, created_by, fallback_language, audience, report_chat_id, "
        "report_message_id FROM delivery_jobs WHERE id = ? AND origin = 'broadcast'",
        (job_id,),
    )
    if row is None:
        return None
    versions = {
        r[0]: Content(r[1], r[2], r[3], r[4])
        for r in await db.fetchall(
            "SELECT language, kind, text, entities, file_id FROM delivery_contents "
            "WHERE job_id = ?",
            (job_id,),
        )
    }
    ordered = {language: versions[language] for language in LANGUAGES if language in versions}
    return Draft(
        row[0], row[1], row[2], row[3], Audience.from_json(row[4]), ordered, row[5], row[6]
    )


class Confirmation(enum.Enum):
    STARTED = "started"
    NOT_A_DRAFT = "not a draft"  # already confirmed, cancelled, or never existed
    NO_RECIPIENTS = "no recipients"


class _NoRecipients(Exception):
    pass


async def confirm(
    db: Database, job_id: int, admin_id: int, default_language: str, report_message_id: int
) -> tuple[Confirmation, int]:
    """draft -> running and one delivery row per recipient, atomically; (outcome, recipients)."""
    now = isoformat(utcnow())
    try:
        async with db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE delivery_jobs SET state = 'running', confirmed_by = ?, started_at = ?, "
                "report_message_id = ? WHERE id = ? AND state = 'draft' AND origin = 'broadcast'",
                (admin_id, now, report_message_id, job_id),
            )
            if cursor.rowcount != 1:
                return Confirmation.NOT_A_DRAFT, 0
            async with conn.execute(
                "SELECT audience FROM delivery_jobs WHERE id = ?", (job_id,)
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:  # the UPDATE above just matched it, in this transaction
                raise DatabaseError(f"broadcast {job_id} vanished while being confirmed")
            audience = Audience.from_json(row[0])
            found = await _recipients(conn, audience, default_language)
            if not found:
                raise _NoRecipients
            count = await enqueue(conn, job_id, found)
            await audit(conn, admin_id, "broadcast_confirm", job_id)
    except _NoRecipients:
        return Confirmation.NO_RECIPIENTS, 0
    return Confirmation.STARTED, count


@dataclass(frozen=True, slots=True)
class JobSummary:
    id: int
    state: str
    created_by: int
    created_at: str
    audience: Audience
    report_chat_id: int | None
    report_message_id: int | None
    total: int
    sent: int


async def recent(db: Database, limit: int = 10) -> list[JobSummary]:
    rows = await db.fetchall(
        "SELECT j.id, j.state, j.created_by, j.created_at, j.audience, j.report_chat_id, "
        "j.report_message_id, "
        "(SELECT count(*) FROM deliveries d WHERE d.job_id = j.id), "
        "(SELECT count(*) FROM deliveries d WHERE d.job_id = j.id AND d.state = 'sent') "
        "FROM delivery_jobs j WHERE j.origin = 'broadcast' AND j.state != 'draft' "
        "ORDER BY j.id DESC LIMIT ?",
        (limit,),
    )
    return [_summary(row) for row in rows]


async def to_report(db: Database) -> list[JobSummary]:
    """Jobs whose progress message needs an update: running, paused, or finished unreported."""
    rows = await db.fetchall(
        "SELECT j.id, j.state, j.created_by, j.created_at, j.audience, j.report_chat_id, "
        "j.report_message_id, 0, 0 FROM delivery_jobs j WHERE j.origin = 'broadcast' "
        "AND j.report_chat_id IS NOT NULL AND (j.state IN ('running', 'paused') "
        "OR (j.state IN ('done', 'cancelled') AND j.reported = 0)) ORDER BY j.id"
    )
    return [_summary(row) for row in rows]


def _summary(row: Sequence[Any]) -> JobSummary:
    return JobSummary(
        row[0], row[1], row[2], row[3], Audience.from_json(row[4]), row[5], row[6], row[7], row[8]
    )


async def mark_reported(db: Database, job_id: int) -> None:
    async with db.transaction() as conn:
        await conn.execute("UPDATE delivery_jobs SET reported = 1 WHERE id = ?", (job_id,))


async def resend_unknown(db: Database, job_id: int, admin_id: int) -> int:
    """The admin's choice: send a finished broadcast's `unknown` rows once more (some of them
    may then have it twice); returns how many. Zero when it is not finished or has none."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE delivery_jobs SET state = 'running', finished_at = NULL, reported = 0 "
            "WHERE id = ? AND origin = 'broadcast' AND state = 'done' AND EXISTS ("
            "SELECT 1 FROM deliveries WHERE job_id = ? AND state = 'unknown')",
            (job_id, job_id),
        )
        if cursor.rowcount != 1:
            return 0
        cursor = await conn.execute(
            "UPDATE deliveries SET state = 'pending', attempts = 0, not_before = 0, "
            "error = 'resent by an admin', updated_at = ? WHERE job_id = ? AND state = 'unknown'",
            (isoformat(utcnow()), job_id),
        )
        count = cursor.rowcount
        await audit(conn, admin_id, "broadcast_resend", job_id)
    return count


async def record_action(db: Database, admin_id: int, action: str, job_id: int) -> None:
    async with db.transaction() as conn:
        await audit(conn, admin_id, action, job_id)
