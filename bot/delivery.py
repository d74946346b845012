"""The delivery engine: one message to many recipients, durably, at one global rate.

Used by admin broadcasts (bot/broadcasts.py) and later by event announcements. Each recipient is
a row of `deliveries`; ONE sender task works through the pending rows of running jobs, in
confirmation order, paced by `RateLimiter`. A row whose `not_before` lies ahead (a retry's
backoff, an announcement held for quiet hours) is skipped until then and holds no other job up.

Delivery policy, at most once:
- a row is committed as `sending` before its request goes out, and as `sent` (or another final
  state) after the answer; results are written in small batches;
- a row found `sending` at start-up (the process died in between) becomes `unknown`: it may have
  been delivered, so it is never sent again and the report counts it;
- a timeout or broken connection after the request went out is `unknown` for the same reason;
  a failure before it went out (no connection, pool full, a 5xx answer) is retried with backoff,
  up to MAX_ATTEMPTS;
- 403 (blocked, deactivated) is `blocked`, the user is marked blocked, no retry; 400 is `failed`;
  ChatMigrated is followed once to the new chat id; RetryAfter pauses all sending for the time
  Telegram gives and puts the row back.

Requests go through a plain `telegram.Bot` without python-telegram-bot's AIORateLimiter (the
Application's bot retries RetryAfter by itself, and `rate_limit_args=0` does not turn that
off), so every 429 reaches this engine and pauses the whole queue.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import httpx
from telegram import Bot, InlineKeyboardMarkup, MessageEntity
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import AIORateLimiter

from bot.db import Database
from bot.users import isoformat, utcnow

log = logging.getLogger(__name__)

ACTIVE_STATES = ("pending", "sending")
FINAL_STATES = ("sent", "failed", "blocked", "unknown", "cancelled")
MAX_ATTEMPTS = 5
MAX_BACKOFF = 60.0
# Telegram allows about 30 messages per second; more needs paid broadcasts (allow_paid_broadcast).
FREE_RATE = 30.0
# Rows claimed per transaction: this many seconds of sending. Small, because rows claimed but
# not yet answered when the process dies become `unknown`.
CLAIM_SECONDS = 0.05
MAX_CLAIM = 50
# Results are written at least this often while sending.
FLUSH_INTERVAL = 0.25
# Without a wake-up, look for new jobs this often (one confirmed in another process, e.g. the
# console, which never sends itself).
IDLE_POLL = 5.0
# Sends in flight at once: enough to keep the rate with round trips of up to half a second.
MAX_IN_FLIGHT = 200
# The sliding window is a little longer than a second so that jitter never lets one more
# request than the limit fall into any one-second window on Telegram's side.
WINDOW_SAFETY = 1.01
# Telegram's limit covers every message the bot sends: broadcasts leave this share of each
# second's window to ordinary replies, which never wait for a broadcast.
REPLY_RESERVE = 0.02


@dataclass(frozen=True, slots=True)
class Content:
    """What a recipient receives: text or a photo/document with caption, formatting as entities."""

    kind: str  # text, photo, document
    text: str
    entities: str = "[]"  # JSON list of MessageEntity dicts
    file_id: str | None = None
    parse_mode: str | None = None  # announcements are HTML; broadcasts use entities


async def send_content(bot: Bot, chat_id: int, content: Content, **extra: object) -> None:
    """Send `content` exactly as recipients get it (also used for the admin's preview)."""
    entities = [MessageEntity.de_json(e, bot) for e in json.loads(content.entities)] or None
    if content.kind == "text":
        await bot.send_message(
            chat_id, content.text, entities=entities, parse_mode=content.parse_mode, **extra
        )
    elif content.kind in ("photo", "document"):
        send = bot.send_photo if content.kind == "photo" else bot.send_document
        await send(
            chat_id,
            content.file_id,
            caption=content.text or None,
            caption_entities=entities,
            parse_mode=None,
            **extra,
        )
    else:
        raise ValueError(f"unknown content kind {content.kind!r}")


class RateLimiter:
    """At most `rate` sends in any window of a second, smoothly paced, paused as a whole.

    A small token bucket spreads the sends evenly; a sliding window over the last send times
    makes the limit hard, whatever the timer jitter.
    """

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic):
        self.rate = rate
        self._clock = clock
        self._limit = max(1, int(rate))
        self._reserve = max(1, math.ceil(rate * REPLY_RESERVE)) if self._limit > 1 else 0
        self._span = self._limit / rate * WINDOW_SAFETY
        self._recent: deque[float] = deque()
        self._capacity = max(1.0, rate * 0.02)
        self._tokens = 1.0
        self._updated = clock()
        self._paused_until = 0.0

    def note_reply(self) -> None:
        """An ordinary reply went out: it counts against the same one-second window."""
        self._recent.append(self._clock())

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    @property
    def paused_for(self) -> float:
        return max(0.0, self._paused_until - self._clock())

    async def acquire(self) -> None:
        while True:
            now = self._clock()
            wait = self._paused_until - now
            if wait <= 0:
                self._tokens = min(self._capacity, self._tokens + (now - self._updated) * self.rate)
                self._updated = now
                while self._recent and self._recent[0] <= now - self._span:
                    self._recent.popleft()
                full = len(self._recent) >= self._limit - self._reserve
                if self._tokens >= 1 and not full:
                    self._tokens -= 1
                    self._recent.append(now)
                    return
                wait = max(
                    (1 - self._tokens) / self.rate if self._tokens < 1 else 0.0,
                    self._recent[len(self._recent) - self._limit + self._reserve] + self._span - now
                    if full
                    else 0.0,
                )
            await asyncio.sleep(max(wait, 0.0005))


class SharedRateLimiter(AIORateLimiter):
    """The Application's limiter: its messages also count in the broadcasts' window."""

    def __init__(self, window: RateLimiter, **kwargs: Any):
        super().__init__(**kwargs)
        self.window = window

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        if endpoint.startswith("send") or endpoint == "copyMessage":
            self.window.note_reply()
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )


@dataclass(slots=True)
class _Row:
    job_id: int
    user_id: int
    chat_id: int
    language: str
    attempts: int
    reply_markup: str | None = None  # JSON, per recipient (an announcement's buttons)


@dataclass(frozen=True, slots=True)
class _Result:
    job_id: int
    user_id: int
    chat_id: int
    state: str
    attempts: int
    not_before: float = 0.0
    error: str | None = None


def _connection_never_made(exc: BaseException) -> bool:
    return isinstance(exc.__cause__, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def backoff(attempts: int) -> float:
    return min(MAX_BACKOFF, 2.0 ** max(0, attempts - 1))


class DeliveryEngine:
    def __init__(
        self,
        db: Database,
        bot: Bot,
        rate: float,
        *,
        limiter: RateLimiter | None = None,
        on_finished: Callable[[int], None] | None = None,
        on_blocked: Callable[[list[int]], None] | None = None,
        max_attempts: int = MAX_ATTEMPTS,
    ):
        self._db = db
        self._bot = bot
        self.rate = rate
        self.limiter = limiter or RateLimiter(rate)
        self._on_finished = on_finished
        self._on_blocked = on_blocked
        self._max_attempts = max_attempts
        self._claim_size = max(1, min(MAX_CLAIM, math.ceil(rate * CLAIM_SECONDS)))
        self._slots = asyncio.Semaphore(max(4, min(MAX_IN_FLIGHT, math.ceil(rate / 2))))
        self._extra = {"allow_paid_broadcast": True} if rate > FREE_RATE else {}
        self._in_flight: set[asyncio.Task] = set()
        self._results: list[_Result] = []
        self._flushed_at = 0.0
        self._contents: dict[int, tuple[dict[str, Content], str]] = {}
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task | None = None

    # ---- lifecycle ----------------------------------------------------------------------

    async def start(self) -> int:
        """Mark rows a crash left `sending` as `unknown`, then start sending; returns how many."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE deliveries SET state = 'unknown', error = 'interrupted while sending', "
                "updated_at = ? WHERE state = 'sending'",
                (isoformat(utcnow()),),
            )
            interrupted = cursor.rowcount
        if interrupted:
            log.warning(
                "%d deliveries were interrupted while sending: counted unknown", interrupted
            )
        self._task = asyncio.create_task(self._run(), name="delivery-engine")
        return interrupted

    async def stop(self, grace: float = 5.0) -> None:
        """Finish the requests in flight (at most `grace` seconds) and write their results."""
        if self._task is None:
            return
        self._stopping = True
        self._wake.set()
        try:
            await asyncio.wait_for(asyncio.shield(self._task), grace)
        except TimeoutError:
            self._task.cancel()
            for task in list(self._in_flight):
                task.cancel()
            await asyncio.gather(self._task, *self._in_flight, return_exceptions=True)
        self._task = None

    def wake(self) -> None:
        """A job was confirmed or resumed."""
        self._wake.set()

    # ---- the sender -----------------------------------------------------------------------

    async def _run(self) -> None:
        try:
            while not self._stopping:
                self._wake.clear()
                try:
                    job_id = await self._next_job()
                    if job_id is None:
                        await self._flush()
                        await self._idle(await self._until_next_row())
                        continue
                    await self._work(job_id)
                except Exception:  # the database may be busy or full: log, wait, go on
                    log.exception("the delivery engine failed; retrying in a moment")
                    await self._idle(1.0)
        finally:
            if self._in_flight:
                await asyncio.gather(*self._in_flight, return_exceptions=True)
            await self._flush()

    async def _next_job(self) -> int | None:
        """The oldest running job with a row to send now, or with none left to finish it.

        Rows waiting for a later time (quiet hours, a retry's backoff) do not hold the queue:
        the jobs behind them go on meanwhile.
        """
        return await self._db.scalar(
            "SELECT j.id FROM delivery_jobs j WHERE j.state = 'running' AND ("
            "EXISTS (SELECT 1 FROM deliveries d WHERE d.job_id = j.id AND d.state = 'pending' "
            "AND d.not_before <= ?) OR NOT EXISTS (SELECT 1 FROM deliveries d "
            "WHERE d.job_id = j.id AND d.state IN ('pending', 'sending'))) "
            "ORDER BY j.started_at, j.id LIMIT 1",
            (time.time(),),
        )

    async def _until_next_row(self) -> float:
        """Seconds until the earliest waiting row of a running job is due, at most IDLE_POLL."""
        not_before = await self._db.scalar(
            "SELECT min(d.not_before) FROM deliveries d JOIN delivery_jobs j ON j.id = d.job_id "
            "WHERE j.state = 'running' AND d.state = 'pending'"
        )
        if not_before is None:
            return IDLE_POLL
        return min(IDLE_POLL, max(0.01, not_before - time.time(), self.limiter.paused_for))

    async def _idle(self, seconds: float | None) -> None:
        """Sleep until woken (clear the event before checking for work) or `seconds` pass."""
        try:
            await asyncio.wait_for(self._wake.wait(), seconds)
        except TimeoutError:
            pass

    async def _work(self, job_id: int) -> None:
        await self._load_contents(job_id)
        queue: deque[_Row] = deque()
        while not self._stopping:
            if not queue:
                self._wake.clear()
                queue.extend(await self._claim(job_id))
                if not queue:
                    # Nothing due now: finish the job if it is complete; either way the sender
                    # looks again for the job to work on, so rows held for later block nothing.
                    await self._settle(job_id)
                    await self._finish_if_complete(job_id)
                    return
            row = queue.popleft()
            await self.limiter.acquire()
            await self._slots.acquire()
            task = asyncio.create_task(self._deliver(row))
            self._in_flight.add(task)
            task.add_done_callback(self._done)
            if time.monotonic() - self._flushed_at > FLUSH_INTERVAL:
                await self._flush()

    def _done(self, task: asyncio.Task) -> None:
        self._in_flight.discard(task)
        self._slots.release()

    async def _settle(self, job_id: int) -> None:
        """Wait for this job's requests in flight, then write their results."""
        if self._in_flight:
            await asyncio.gather(*self._in_flight, return_exceptions=True)
        await self._flush()

    async def _load_contents(self, job_id: int) -> None:
        fallback = await self._db.scalar(
            "SELECT fallback_language FROM delivery_jobs WHERE id = ?", (job_id,)
        )
        rows = await self._db.fetchall(
            "SELECT language, kind, text, entities, file_id, parse_mode FROM delivery_contents "
            "WHERE job_id = ?",
            (job_id,),
        )
        self._contents[job_id] = (
            {r[0]: Content(r[1], r[2], r[3], r[4], r[5]) for r in rows},
            fallback,
        )

    def _content(self, job_id: int, language: str) -> Content:
        contents, fallback = self._contents[job_id]
        return contents.get(language) or contents[fallback]

    async def _claim(self, job_id: int) -> list[_Row]:
        """Write the results so far and mark the next few pending rows `sending`, in one commit."""
        now = isoformat(utcnow())
        async with self._db.transaction() as conn:
            await self._write_results(conn)
            async with conn.execute(
                "SELECT state FROM delivery_jobs WHERE id = ?", (job_id,)
            ) as cursor:
                state = (await cursor.fetchone())[0]
            if state != "running":
                return []
            async with conn.execute(
                "SELECT user_id, chat_id, language, attempts, reply_markup FROM deliveries "
                "WHERE job_id = ? AND state = 'pending' AND not_before <= ? ORDER BY rowid LIMIT ?",
                (job_id, time.time(), self._claim_size),
            ) as cursor:
                rows = [
                    _Row(job_id, r[0], r[1], r[2], r[3] + 1, r[4]) for r in await cursor.fetchall()
                ]
            await conn.executemany(
                "UPDATE deliveries SET state = 'sending', attempts = ?, updated_at = ? "
                "WHERE job_id = ? AND user_id = ? AND state = 'pending'",
                [(row.attempts, now, job_id, row.user_id) for row in rows],
            )
        self._flushed_at = time.monotonic()
        return rows

    async def _flush(self) -> None:
        if not self._results:
            return
        async with self._db.transaction() as conn:
            await self._write_results(conn)
        self._flushed_at = time.monotonic()

    async def _write_results(self, conn) -> None:
        results, self._results = self._results, []
        if not results:
            return
        now = isoformat(utcnow())
        # `AND state = 'sending'`: a row that reached a final state never changes again.
        await conn.executemany(
            "UPDATE deliveries SET state = ?, chat_id = ?, attempts = ?, not_before = ?, "
            "error = ?, updated_at = ? WHERE job_id = ? AND user_id = ? AND state = 'sending'",
            [
                (r.state, r.chat_id, r.attempts, r.not_before, r.error, now, r.job_id, r.user_id)
                for r in results
            ],
        )
        blocked = sorted({r.user_id for r in results if r.state == "blocked"})
        if blocked:
            await conn.executemany(
                "UPDATE users SET blocked = 1 WHERE user_id = ?", [(u,) for u in blocked]
            )
            if self._on_blocked:
                self._on_blocked(blocked)

    async def _finish_if_complete(self, job_id: int) -> bool:
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE delivery_jobs SET state = 'done', finished_at = ? "
                "WHERE id = ? AND state = 'running' AND NOT EXISTS ("
                "SELECT 1 FROM deliveries WHERE job_id = ? AND state IN ('pending', 'sending'))",
                (isoformat(utcnow()), job_id, job_id),
            )
            finished = cursor.rowcount == 1
        if finished:
            self._contents.pop(job_id, None)
            log.info("delivery job %d finished", job_id)
            if self._on_finished:
                self._on_finished(job_id)
        return finished

    async def _deliver(self, row: _Row) -> None:
        chat_id, migrated = row.chat_id, False
        extra = dict(self._extra)
        if row.reply_markup:
            extra["reply_markup"] = InlineKeyboardMarkup.de_json(
                json.loads(row.reply_markup), self._bot
            )
        while True:
            try:
                await send_content(
                    self._bot, chat_id, self._content(row.job_id, row.language), **extra
                )
                result = self._result(row, chat_id, "sent")
            except RetryAfter as exc:
                # The timedelta behind the deprecated int property (as AIORateLimiter reads it).
                seconds = exc._retry_after.total_seconds()
                log.warning("Telegram asked to wait %s s: all sending paused", seconds)
                self.limiter.pause(float(seconds))
                # Not delivered: back in the queue, and the attempt does not count.
                result = _Result(
                    row.job_id,
                    row.user_id,
                    chat_id,
                    "pending",
                    row.attempts - 1,
                    time.time() + float(seconds),
                )
            except ChatMigrated as exc:
                if migrated:
                    result = self._result(row, chat_id, "failed", "chat migrated twice")
                else:
                    chat_id, migrated = exc.new_chat_id, True
                    await self.limiter.acquire()
                    continue
            except Forbidden as exc:
                result = self._result(row, chat_id, "blocked", exc.message)
            except BadRequest as exc:
                result = self._result(row, chat_id, "failed", exc.message)
            except TimedOut as exc:
                if _connection_never_made(exc):
                    result = self._retry(row, chat_id, exc)
                else:
                    result = self._result(row, chat_id, "unknown", f"timed out: {exc.message}")
            except NetworkError as exc:
                if isinstance(exc.__cause__, httpx.TransportError) and not _connection_never_made(
                    exc
                ):
                    result = self._result(row, chat_id, "unknown", f"connection lost: {exc}")
                else:
                    result = self._retry(row, chat_id, exc)
            except TelegramError as exc:
                result = self._result(row, chat_id, "failed", exc.message)
            except Exception as exc:  # a bug must not stop the queue; never resend blindly
                log.exception("unexpected error delivering to %s", chat_id)
                result = self._result(row, chat_id, "unknown", repr(exc)[:200])
            self._results.append(result)
            return

    @staticmethod
    def _result(row: _Row, chat_id: int, state: str, error: str | None = None) -> _Result:
        return _Result(row.job_id, row.user_id, chat_id, state, row.attempts, 0.0, error)

    def _retry(self, row: _Row, chat_id: int, exc: TelegramError) -> _Result:
        if row.attempts >= self._max_attempts:
            return self._result(
                row, chat_id, "failed", f"gave up after {row.attempts} attempts: {exc}"
            )
        return _Result(
            row.job_id,
            row.user_id,
            chat_id,
            "pending",
            row.attempts,
            time.time() + backoff(row.attempts),
            str(exc)[:200],
        )


async def enqueue(conn, job_id: int, recipients: Iterable[tuple[int, int, str]]) -> int:
    """Recipient rows (user id, chat id, language) of a job, inside the caller's transaction."""
    rows = [(job_id, user_id, chat_id, language) for user_id, chat_id, language in recipients]
    await conn.executemany(
        "INSERT INTO deliveries (job_id, user_id, chat_id, language) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        rows,
    )
    return len(rows)


async def change_state(db: Database, job_id: int, wanted: str, allowed: Iterable[str]) -> bool:
    """Move a job to `wanted` if it is in one of `allowed`, atomically; False when it was not.

    Cancelling also cancels the rows not yet sent; rows in flight still get their result.
    The running engine picks the change up at its next claim (wake it to hurry).
    """
    allowed = tuple(allowed)
    now = isoformat(utcnow())
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE delivery_jobs SET state = ?, "
            "finished_at = CASE WHEN ? IN ('done', 'cancelled') THEN ? ELSE finished_at END "
            f"WHERE id = ? AND state IN ({', '.join('?' * len(allowed))})",
            (wanted, wanted, now, job_id, *allowed),
        )
        changed = cursor.rowcount == 1
        if changed and wanted == "cancelled":
            await conn.execute(
                "UPDATE deliveries SET state = 'cancelled', updated_at = ? "
                "WHERE job_id = ? AND state = 'pending'",
                (now, job_id),
            )
    return changed


async def job_counts(db: Database, job_id: int) -> dict[str, int]:
    rows = await db.fetchall(
        "SELECT state, count(*) FROM deliveries WHERE job_id = ? GROUP BY state", (job_id,)
    )
    return {row[0]: row[1] for row in rows}


async def job_counts_by_language(db: Database, job_id: int) -> dict[str, dict[str, int]]:
    rows = await db.fetchall(
        "SELECT language, state, count(*) FROM deliveries WHERE job_id = ? "
        "GROUP BY language, state",
        (job_id,),
    )
    result: dict[str, dict[str, int]] = {}
    for language, state, count in rows:
        result.setdefault(language, {})[state] = count
    return result
