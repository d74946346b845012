"""Event announcements through the delivery engine: publishing (once), changes, cancellations.

Publishing is one transaction that sets `published_at` only if it is still NULL and writes the
announcement job with one delivery row per matching subscriber, so a second press (or a second
admin) finds nothing to do. A change or cancellation goes to everyone who was told about the
event (singly or in a digest) or asked for a reminder.

A new event waits until 08:00 for users with quiet hours, and goes into the weekly digest
(bot/digests.py) instead for digest users. Changes and cancellations are time-critical: they
are never held or digested.

What is still waiting when the event changes is never sent as it was: its rows are cancelled
('superseded') in the change's transaction and written again from the event as it is now; a
"new event" still held for quiet hours stays a "new event" (its reader never saw the old one)
in the current version, held as before, and after a cancellation it is not sent at all.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

import aiosqlite

from bot.admins import audit
from bot.db import Database, DatabaseError, inserted_id
from bot.events import CityNames, Event, load_event_in, read_event_cities_in
from bot.i18n import LANGUAGES, negotiate
from bot.subscriptions import Recipient, Subscription, quiet_until, subscribers
from bot.users import isoformat, utcnow


@dataclass(frozen=True)
class Renderer:
    """What each recipient gets, built by the Telegram surface: the HTML text per language,
    and the buttons (Bot API JSON) per language and matching subscription."""

    text: Callable[[Event, str, str], str]  # (event, kind, language)
    markup: Callable[[Event, str, str, Subscription | None], dict[str, Any] | None]


class Notified(NamedTuple):
    """Whom a change reaches: those who knew of the event, and those who hear of it for the
    first time because it now involves their city."""

    told: int
    new: int = 0


class Outcome(enum.Enum):
    DONE = "done"
    ALREADY = "already"  # published before, or changed by someone else meanwhile
    MISSING = "missing"


async def _write_job(
    conn: aiosqlite.Connection,
    event: Event,
    kind: str,
    admin_id: int,
    default_language: str,
    recipients: list[Recipient],
    renderer: Renderer,
    channel_id: int | None,
) -> int:
    moment = utcnow()
    now = isoformat(moment)
    held_until = quiet_until(moment) if kind == "published" else None
    digested: list[Recipient] = []
    if kind == "published":
        digested = [r for r in recipients if r.digest]
        await conn.executemany(
            "INSERT INTO digest_items (user_id, event_id, queued_at) VALUES (?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            [(r.user_id, event.id, now) for r in digested],
        )
        recipients = [r for r in recipients if not r.digest]
    cursor = await conn.execute(
        "INSERT INTO delivery_jobs (origin, state, created_by, created_at, confirmed_by, "
        "started_at, fallback_language, audience, reported) "
        "VALUES ('announcement', 'running', ?, ?, ?, ?, ?, ?, 1)",
        (
            admin_id,
            now,
            admin_id,
            now,
            default_language,
            json.dumps({"event": event.id, "kind": kind}),
        ),
    )
    job_id = inserted_id(cursor)
    await conn.execute(
        "INSERT INTO event_announcements (job_id, event_id, kind) VALUES (?, ?, ?)",
        (job_id, event.id, kind),
    )
    await conn.executemany(
        "INSERT INTO delivery_contents (job_id, language, kind, text, parse_mode) "
        "VALUES (?, ?, 'text', ?, 'HTML')",
        [(job_id, language, renderer.text(event, kind, language)) for language in LANGUAGES],
    )
    markups: dict[tuple[str, Subscription | None], str | None] = {}
    rows = []
    for r in recipients:
        key = (r.language, r.trigger)
        if key not in markups:
            markup = renderer.markup(event, kind, r.language, r.trigger)
            markups[key] = json.dumps(markup) if markup else None
        not_before = held_until if r.quiet_hours and held_until else 0.0
        rows.append((job_id, r.user_id, r.user_id, r.language, markups[key], not_before))
    if channel_id is not None:
        rows.append((job_id, channel_id, channel_id, default_language, None, 0.0))
    await conn.executemany(
        "INSERT INTO deliveries (job_id, user_id, chat_id, language, reply_markup, not_before) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        rows,
    )
    if not rows:
        # Nobody to tell: the job is done at once instead of waiting for the engine.
        await conn.execute(
            "UPDATE delivery_jobs SET state = 'done', finished_at = ? WHERE id = ?",
            (now, job_id),
        )
    # Digest users count: they hear of it in their weekly digest.
    return len(rows) + len(digested)


async def _updated(conn: aiosqlite.Connection, event_id: str) -> Event:
    """The event an UPDATE of this transaction has just matched."""
    event = await load_event_in(conn, event_id)
    if event is None:
        raise DatabaseError(f"event {event_id} vanished inside its own transaction")
    return event


async def publish(
    db: Database,
    event_id: str,
    admin_id: int,
    default_language: str,
    renderer: Renderer,
    channel_id: int | None = None,
) -> tuple[Outcome, int]:
    """Make the event visible and announce it, atomically and once; (outcome, recipients)."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE events SET published_at = ? WHERE id = ? AND published_at IS NULL",
            (isoformat(utcnow()), event_id),
        )
        if cursor.rowcount != 1:
            found = await load_event_in(conn, event_id)
            return (Outcome.MISSING if found is None else Outcome.ALREADY), 0
        event = await _updated(conn, event_id)
        recipients = await subscribers(conn, event.city_ids, event.topic, default_language)
        count = await _write_job(
            conn, event, "published", admin_id, default_language, recipients, renderer, channel_id
        )
        await audit(conn, admin_id, "event_publish", event_id)
    return Outcome.DONE, count


async def concerned(
    conn: aiosqlite.Connection, event: Event, default_language: str
) -> list[Recipient]:
    """Who must hear of a change: told about the event (delivered, or maybe delivered, singly
    or in a digest), or asked for a reminder; blocked users left out. Their current matching
    subscription, if any, still gets its unsubscribe button."""
    async with conn.execute(
        "SELECT u.user_id, u.language, u.telegram_language FROM users u WHERE u.blocked = 0 "
        "AND (u.user_id IN (SELECT d.user_id FROM deliveries d JOIN event_announcements a "
        "ON a.job_id = d.job_id WHERE a.event_id = ? AND d.state IN ('sent', 'unknown')) "
        "OR u.user_id IN (SELECT i.user_id FROM digest_items i JOIN deliveries d "
        "ON d.job_id = i.job_id AND d.user_id = i.user_id "
        "WHERE i.event_id = ? AND d.state IN ('sent', 'unknown')) "
        "OR u.user_id IN (SELECT user_id FROM event_reminders WHERE event_id = ?)) "
        "ORDER BY u.user_id",
        (event.id, event.id, event.id),
    ) as cursor:
        return await _with_subscriptions(conn, await cursor.fetchall(), event, default_language)


async def update_event(
    db: Database,
    event_id: str,
    revision: int,
    changes: dict[str, Any],
    admin_id: int,
    default_language: str,
    renderer: Renderer,
    channel_id: int | None = None,
    names: CityNames | None = None,
) -> tuple[Outcome, Notified]:
    """Apply `changes` (columns of events, plus 'texts': {language: (title, description)}) if
    the event is still at `revision`, and notify the concerned; a cancellation is the change
    {'status': 'cancelled'}. Unpublished drafts change silently. With `names`, the cities the
    texts name are read again at once, and a change that involves a city the event did not
    involve before is announced, as new, to that city's subscribers."""
    allowed = {
        "starts_at",
        "ends_at",
        "venue",
        "venue_city_id",
        "timezone",
        "lat",
        "lon",
        "link",
        "status",
        "city_id",
    }
    columns = {k: v for k, v in changes.items() if k in allowed}
    now = isoformat(utcnow())
    async with db.transaction() as conn:
        before = await load_event_in(conn, event_id)
        assignments = ", ".join([f"{name} = ?" for name in columns] or ["id = id"])
        if "status" not in columns:
            # A draft nobody has seen stays "scheduled".
            assignments += (
                ", status = CASE WHEN published_at IS NULL THEN status ELSE 'changed' END"
            )
        cursor = await conn.execute(
            f"UPDATE events SET {assignments}, revision = revision + 1, updated_at = ? "
            "WHERE id = ? AND revision = ? AND status != 'cancelled'",
            (*columns.values(), now, event_id, revision),
        )
        if cursor.rowcount != 1:
            found = await load_event_in(conn, event_id)
            return (Outcome.MISSING if found is None else Outcome.ALREADY), Notified(0)
        for language, (title, description) in (changes.get("texts") or {}).items():
            await conn.execute(
                "INSERT INTO event_texts (event_id, language, title, description) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (event_id, language) DO UPDATE SET "
                "title = excluded.title, description = excluded.description",
                (event_id, language, title, description),
            )
        if names is not None:
            await read_event_cities_in(conn, event_id, names)
        event = await _updated(conn, event_id)
        action = "event_cancel" if event.status == "cancelled" else "event_change"
        await audit(conn, admin_id, action, event_id)
        if event.published_at is None:
            return Outcome.DONE, Notified(0)
        kind = "cancelled" if event.status == "cancelled" else "changed"
        unseen, unnotified = await _supersede(conn, event.id)
        # The notice names what changed (FIELD_LABELS keys given by the caller).
        event = replace(event, changed=tuple(changes.get("fields", ())))
        recipients = await concerned(conn, event, default_language)
        told = {r.user_id for r in recipients}
        recipients += [
            r
            for r in await _recipients(conn, unnotified, event, default_language)
            if r.user_id not in told
        ]
        count = await _write_job(
            conn, event, kind, admin_id, default_language, recipients, renderer, channel_id
        )
        new = 0
        if kind == "changed":
            waiting = await _newly_concerned(conn, before, event, told, unseen, default_language)
            new = sum(r.user_id not in unseen for r in waiting)
            channel = channel_id if channel_id in unseen else None
            if waiting or channel is not None:
                count += await _write_job(
                    conn, event, "published", admin_id, default_language, waiting, renderer, channel
                )
    return Outcome.DONE, Notified(count - new, new)


async def _newly_concerned(
    conn: aiosqlite.Connection,
    before: Event | None,
    event: Event,
    told: set[int],
    unseen: set[int],
    default_language: str,
) -> list[Recipient]:
    """Who must now hear of a changed event as new: its subscribers whose announcement was
    still waiting (cancelled as superseded), and the subscribers of a city it involves now
    and did not before (its venue moved there, or its texts name it now) who were not told."""
    previous = set(before.city_ids) if before is not None else set(event.city_ids)
    if not unseen and previous >= set(event.city_ids):
        return []
    reached = {
        r.user_id for r in await subscribers(conn, tuple(previous), event.topic, default_language)
    }
    return [
        r
        for r in await subscribers(conn, event.city_ids, event.topic, default_language)
        if r.user_id in unseen or (r.user_id not in reached and r.user_id not in told)
    ]


async def _supersede(conn: aiosqlite.Connection, event_id: str) -> tuple[set[int], set[int]]:
    """Cancel what is still waiting to be sent about the event; returns who was to be told it
    is new, and who was to be told of an earlier change. A reminder still waiting in the outbox
    is dropped and becomes due again, so that the next round writes it from the event as it now
    is (and none for a cancelled event); one in flight is not retried (its deadline passes)."""
    await conn.execute(
        "DELETE FROM reminder_sends WHERE event_id = ? AND outbox_id IN (SELECT id FROM outbox "
        "WHERE kind = 'reminder' AND ref = ? AND state IN ('pending', 'sending'))",
        (event_id, event_id),
    )
    await conn.execute(
        "DELETE FROM outbox WHERE kind = 'reminder' AND ref = ? AND state = 'pending'",
        (event_id,),
    )
    await conn.execute(
        "UPDATE outbox SET not_after = 1 WHERE kind = 'reminder' AND ref = ? AND state = 'sending'",
        (event_id,),
    )
    async with conn.execute(
        "UPDATE deliveries SET state = 'cancelled', error = 'superseded', updated_at = ? "
        "WHERE state = 'pending' AND job_id IN (SELECT job_id FROM event_announcements "
        "WHERE event_id = ?) RETURNING user_id, "
        "(SELECT kind FROM event_announcements a WHERE a.job_id = deliveries.job_id)",
        (isoformat(utcnow()), event_id),
    ) as cursor:
        rows = await cursor.fetchall()
    return (
        {user_id for user_id, kind in rows if kind == "published"},
        {user_id for user_id, kind in rows if kind != "published"},
    )


async def _recipients(
    conn: aiosqlite.Connection, user_ids: set[int], event: Event, default_language: str
) -> list[Recipient]:
    """Those of `user_ids` who still use the bot, in their language, with their matching
    subscription (for its unsubscribe button) if they have one."""
    if not user_ids:
        return []
    marks = ", ".join("?" * len(user_ids))
    async with conn.execute(
        "SELECT user_id, language, telegram_language FROM users "
        f"WHERE blocked = 0 AND user_id IN ({marks}) ORDER BY user_id",
        sorted(user_ids),
    ) as cursor:
        return await _with_subscriptions(conn, await cursor.fetchall(), event, default_language)


async def _with_subscriptions(
    conn: aiosqlite.Connection,
    rows: Iterable[Sequence[Any]],
    event: Event,
    default_language: str,
) -> list[Recipient]:
    """(user_id, chosen language, Telegram language) rows as recipients in their language, with
    their subscription matching the event (for its unsubscribe button) if they have one."""
    matching = {
        r.user_id: r.trigger
        for r in await subscribers(conn, event.city_ids, event.topic, default_language)
    }
    return [
        Recipient(user_id, chosen or negotiate(telegram) or default_language, matching.get(user_id))
        for user_id, chosen, telegram in rows
    ]
