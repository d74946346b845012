"""The delivery engine: the one sender of everything the bot sends on its own, durably, at one
global rate shared with ordinary replies.

Two kinds of rows, one sender task, one `RateLimiter`, outcomes as `Verdict`s:
- a job's `deliveries` (broadcasts, event announcements, digests): one message to many, at most
  once. Rows are sent in confirmation order; a row whose `not_before` lies ahead (a retry's
  backoff, quiet hours) is skipped until then and holds no other job up;
- the `outbox` (office answers, relays to the office chat, reminders): single messages, at least
  once. They go before job rows; the parts of one long message one at a time, in order.

A row is committed as `sending` only after the rate limiter granted its slot, right before its
request goes out, and as `sent` (or another state) after the answer; results are written with
the next claim, or when the sender idles. What a crash leaves `sending` had its request on the
way or out: a job's row becomes `unknown` (maybe delivered: never sent again by itself, the
admin may resend a broadcast's unknown rows), an outbox row goes back to `pending`.

Outcomes (`Verdict`): 403 is `blocked` (the user is marked blocked); 400 is `failed`; ChatMigrated
is followed once; a failure before the request reached Telegram (no connection, pool full, a
5xx answer) is retried with backoff, a job's row up to MAX_ATTEMPTS, an outbox row until it is
delivered or its moment has passed; a timeout or a broken connection after the request went out
is `unknown` for a job's row and retried for an outbox row. RetryAfter, here or on any reply of
the Application, pauses every send for the time Telegram asks and lowers the rate for a while.

Nothing here knows Telegram: a `Sender` (bot/app/sender.py) sends one message and maps the Bot
API's errors to a `Verdict`, the one error classification of everything the bot sends on its own.
"""

from __future__ import annotations

import asyncio
import enum
import json
import logging
import math
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import aiosqlite

from bot.db import Database, inserted_id
from bot.users import isoformat, utcnow

log = logging.getLogger(__name__)

ACTIVE_STATES = ("pending", "sending")
MAX_ATTEMPTS = 5
MAX_BACKOFF = 60.0
# Telegram allows about 30 messages per second; more needs paid broadcasts (allow_paid_broadcast).
FREE_RATE = 30.0
# Rows looked at per query: this many seconds of sending (outbox rows are looked for again as
# often).
BATCH_SECONDS = 0.25
MAX_BATCH = 250
# Rows claimed in one commit: those whose slots the rate limiter granted at once.
MAX_CLAIM = 50
# Without a wake-up, look for new work this often (a job confirmed in another process, e.g. the
# console, which never sends jobs itself).
IDLE_POLL = 5.0
# After a 429 the rate drops to this share, never below MIN_RATE; every RECOVERY_INTERVAL
# seconds without one it climbs by RECOVERY_STEP of the configured rate.
THROTTLE_FACTOR = 0.8
MIN_RATE = 1.0
RECOVERY_INTERVAL = 5.0
RECOVERY_STEP = 0.05
# How often `DeliveryEngine.outcome` looks at the rows it waits for.
OUTCOME_POLL = 0.02
# Outbox kinds sent to a user's private chat: a 403 there means the user blocked the bot.
PERSONAL = ("office_answer", "reminder")
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


def _html(text: str) -> Content:
    return Content("text", text, parse_mode="HTML")


class RateLimiter:
    """At most `rate` sends in any window of a second, smoothly paced, paused as a whole.

    A small token bucket spreads the sends evenly; a sliding window over the last send times
    makes the limit hard, whatever the timer jitter. A 429 pauses everything for the time asked
    and lowers the effective rate (Telegram counts what we cannot see, e.g. a lower paid
    broadcast allowance); it climbs back to the configured rate in small steps while no 429
    comes, instead of hammering at a rate Telegram refuses.
    """

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic):
        self.configured = rate
        self._clock = clock
        self._recent: deque[float] = deque(maxlen=1)
        self._paused_until = 0.0
        self._changed_at = clock()
        self._set_rate(rate)
        self._tokens = 1.0
        self._updated = clock()

    def _set_rate(self, rate: float) -> None:
        self.rate = rate
        self._limit = max(1, int(rate))
        # Only the newest `_limit` send times decide whether the window is full and when it
        # frees up; older ones go, so replies in a burst or a stalled clock cannot pile up.
        self._recent = deque(self._recent, maxlen=self._limit)
        self._reserve = max(1, math.ceil(rate * REPLY_RESERVE)) if self._limit > 1 else 0
        self._span = self._limit / rate * WINDOW_SAFETY
        # Two at least: a send claimed a few milliseconds late (its claim's commit) does not
        # lose those milliseconds; the window keeps the limit hard all the same.
        self._capacity = max(2.0, rate * 0.02)

    def note_reply(self) -> None:
        """An ordinary reply went out: it counts against the same one-second window."""
        now = self._clock()
        self._forget_before(now - self._span)
        self._recent.append(now)

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    def throttled(self, seconds: float) -> None:
        """Telegram answered 429: pause every send for `seconds`, then go on more slowly."""
        self.pause(seconds)
        self._changed_at = self._paused_until
        self._set_rate(max(MIN_RATE, min(self.rate, self.configured) * THROTTLE_FACTOR))
        log.warning(
            "Telegram asked to wait %.1f s: all sending paused, then %.1f messages/s",
            seconds,
            self.rate,
        )

    @property
    def paused_for(self) -> float:
        return max(0.0, self._paused_until - self._clock())

    async def unpaused(self) -> None:
        """Wait while a retry-after pause lasts."""
        wait = self.paused_for
        while wait > 0:
            await asyncio.sleep(wait)
            wait = self.paused_for

    def _forget_before(self, moment: float) -> None:
        while self._recent and self._recent[0] <= moment:
            self._recent.popleft()

    def _take(self) -> float:
        """Take a slot now (0.0) or say how many seconds until one may be free."""
        now = self._clock()
        if (wait := self._paused_until - now) > 0:
            return wait
        if self.rate < self.configured and now - self._changed_at >= RECOVERY_INTERVAL:
            self._set_rate(min(self.configured, self.rate + self.configured * RECOVERY_STEP))
            self._changed_at = now
        self._tokens = min(self._capacity, self._tokens + (now - self._updated) * self.rate)
        self._updated = now
        self._forget_before(now - self._span)
        free = self._limit - self._reserve
        full = len(self._recent) >= free
        if self._tokens >= 1 and not full:
            self._tokens -= 1
            self._recent.append(now)
            return 0.0
        return max(
            (1 - self._tokens) / self.rate if self._tokens < 1 else 0.0,
            self._recent[len(self._recent) - free] + self._span - now if full else 0.0,
            0.0005,
        )

    def try_acquire(self) -> bool:
        return self._take() == 0.0

    async def acquire(self) -> None:
        wait = self._take()
        while wait > 0:
            await asyncio.sleep(wait)
            wait = self._take()


class Verdict(enum.Enum):
    """What a request's outcome means, for every kind of message alike."""

    SENT = "sent"
    THROTTLED = "throttled"  # 429: not delivered, try again after the pause
    NOT_SENT = "not sent"  # failed before it reached Telegram (or a 5xx): safe to retry
    UNKNOWN = "unknown"  # the request left and no answer came: maybe delivered
    BLOCKED = "blocked"  # 403: blocked, deactivated, kicked
    FAILED = "failed"  # 400 and other refusals: trying again cannot help
    MIGRATED = "migrated"  # the group became a supergroup: send to the new id


class SendFailed(Exception):
    """A send that did not plainly succeed, as the sender classified it."""

    def __init__(
        self,
        verdict: Verdict,
        error: str,
        *,
        retry_after: float = 0.0,
        new_chat_id: int | None = None,
    ):
        super().__init__(error)
        self.verdict = verdict
        self.error = error
        self.retry_after = retry_after  # THROTTLED: seconds to pause every send
        self.new_chat_id = new_chat_id  # MIGRATED: where the chat lives now


class Sender(Protocol):
    """Sends one message to the Bot API (bot/app/sender.py): returns its message id, or raises
    `SendFailed`."""

    async def send(
        self,
        chat_id: int,
        content: Content,
        *,
        reply_markup: str | None = None,
        reply_to: int | None = None,
        paid: bool = False,
    ) -> int: ...


def backoff(attempts: int) -> float:
    return min(MAX_BACKOFF, 2.0 ** max(0, attempts - 1))


@dataclass(slots=True)
class _Item:
    """One message to send: a job's row (at most once) or an outbox row (at least once)."""

    job_id: int | None  # None: an outbox row
    key: int  # the recipient's user id in the job, or the outbox row's id
    chat_id: int
    attempts: int  # including this one
    content: Content
    reply_markup: str | None = None  # JSON, per recipient (an announcement's buttons)
    kind: str = ""  # an outbox row's kind, its reference and its deadline
    ref: str = ""
    not_after: float = 0.0
    reply_to: int | None = None  # an outbox row's message to reply to in its chat

    @property
    def at_least_once(self) -> bool:
        return self.job_id is None


@dataclass(frozen=True, slots=True)
class _Result:
    item: _Item
    state: str
    chat_id: int
    attempts: int
    not_before: float = 0.0
    error: str | None = None
    message_id: int | None = None


class DeliveryEngine:
    """The one sender of everything the bot sends on its own; see the module docstring."""

    def __init__(
        self,
        db: Database,
        sender: Sender,
        rate: float,
        *,
        limiter: RateLimiter | None = None,
        on_finished: Callable[[int], None] | None = None,
        on_blocked: Callable[[list[int]], None] | None = None,
        on_answered: Callable[[list[tuple[int, int, bool]]], None] | None = None,
        max_attempts: int = MAX_ATTEMPTS,
        jobs: bool = True,
        local: bool = False,
    ):
        self._db = db
        self._sender = sender
        self.rate = rate
        self.limiter = limiter or RateLimiter(rate)
        self._on_finished = on_finished
        self._on_blocked = on_blocked
        self._on_answered = on_answered
        self._max_attempts = max_attempts
        self._jobs = jobs
        self._local = int(local)
        self._batch = max(1, min(MAX_BATCH, math.ceil(rate * BATCH_SECONDS)))
        self._max_in_flight = max(4, min(MAX_IN_FLIGHT, math.ceil(rate / 2)))
        self._paid = rate > FREE_RATE
        self._in_flight: set[asyncio.Task[None]] = set()
        self._results: list[_Result] = []
        self._contents: dict[int, tuple[dict[str, Content], str]] = {}
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None

    # ---- lifecycle ----------------------------------------------------------------------

    async def start(self) -> int:
        """Recover what a crash left `sending`, then start sending; returns how many were.

        A job's row may have been delivered: it becomes `unknown` (at most once). An outbox row
        goes back to `pending` and is sent again (at least once).
        """
        now = isoformat(utcnow())
        async with self._db.transaction() as conn:
            interrupted = 0
            if self._jobs:
                cursor = await conn.execute(
                    "UPDATE deliveries SET state = 'unknown', error = 'interrupted while sending', "
                    "updated_at = ? WHERE state = 'sending'",
                    (now,),
                )
                interrupted = cursor.rowcount
            cursor = await conn.execute(
                "UPDATE outbox SET state = 'pending', error = 'interrupted while sending', "
                "updated_at = ? WHERE state = 'sending' AND local = ?",
                (now, self._local),
            )
            interrupted += cursor.rowcount
        if interrupted:
            log.warning("%d messages were interrupted while sending", interrupted)
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

    @property
    def local(self) -> bool:
        """Whether this engine sends the console's outbox rows (see the migration 0008)."""
        return bool(self._local)

    def wake(self) -> None:
        """A job was confirmed or resumed, or an outbox row written."""
        self._wake.set()

    async def outcome(self, outbox_ids: list[int], within: float) -> dict[int, str]:
        """The outbox rows' states once all are final, or as they are after `within` s."""
        self.wake()
        deadline = time.monotonic() + within
        marks = ", ".join("?" * len(outbox_ids))
        while True:
            rows = await self._db.fetchall(
                f"SELECT id, state FROM outbox WHERE id IN ({marks})", outbox_ids
            )
            states = {row[0]: row[1] for row in rows}
            if all(s not in ACTIVE_STATES for s in states.values()):
                return states
            if time.monotonic() >= deadline:
                return states
            await asyncio.sleep(OUTCOME_POLL)

    # ---- the sender -----------------------------------------------------------------------

    async def _run(self) -> None:
        try:
            while not self._stopping:
                self._wake.clear()
                try:
                    items = await self._due()
                    if items:
                        await self._send(items)
                        continue
                    await self._settle()
                    await self._finish_jobs()
                    await self._idle(await self._until_next())
                except Exception:  # the database may be busy or full: log, wait, go on
                    log.exception("the delivery engine failed; retrying in a moment")
                    await self._idle(1.0)
        finally:
            if self._in_flight:
                await asyncio.gather(*self._in_flight, return_exceptions=True)
            await self._flush()

    async def _due(self) -> list[_Item]:
        """What to send next: outbox rows first (personal and time-critical), then the rows of
        the oldest running job that has any due now. Nothing is claimed here."""
        now = time.time()
        await self._expire(now)
        items = await self._due_outbox(now)
        if self._jobs and len(items) < self._batch:
            items += await self._due_job_rows(now, self._batch - len(items))
        return items

    async def _expire(self, now: float) -> None:
        if await self._db.scalar(
            "SELECT 1 FROM outbox WHERE state = 'pending' AND not_after > 0 AND not_after < ? "
            "AND local = ? LIMIT 1",
            (now, self._local),
        ):
            async with self._db.transaction() as conn:
                async with conn.execute(
                    "UPDATE outbox SET state = 'failed', error = 'too late', text = '', "
                    "reply_markup = NULL, updated_at = ? WHERE state = 'pending' "
                    "AND not_after > 0 AND not_after < ? AND local = ? RETURNING kind, id",
                    (isoformat(utcnow()), now, self._local),
                ) as cursor:
                    expired = [(r[0], r[1], "failed", "", None, 0) for r in await cursor.fetchall()]
                await _outbox_side_effects(conn, expired)  # reminders only: no answers

    async def _due_outbox(self, now: float) -> list[_Item]:
        # The parts of one message (same chat, kind and reference) go one at a time, in id
        # order, so that they arrive in order; other messages never wait for them.
        rows = await self._db.fetchall(
            "SELECT id, kind, chat_id, text, reply_markup, attempts, ref, not_after, "
            "reply_to_message_id FROM outbox o "
            "WHERE state = 'pending' AND not_before <= ? AND local = ? AND NOT EXISTS ("
            "SELECT 1 FROM outbox p WHERE p.chat_id = o.chat_id AND p.kind = o.kind "
            "AND p.ref = o.ref AND p.id < o.id AND p.state IN ('pending', 'sending')) "
            "ORDER BY id LIMIT ?",
            (now, self._local, self._batch),
        )
        return [
            _Item(None, r[0], r[2], r[5] + 1, _html(r[3]), r[4], r[1], r[6], r[7], r[8])
            for r in rows
        ]

    async def _due_job_rows(self, now: float, limit: int) -> list[_Item]:
        """Rows waiting for a later time (quiet hours, a retry's backoff) hold no job up."""
        job_id = await self._db.scalar(
            "SELECT j.id FROM delivery_jobs j WHERE j.state = 'running' AND EXISTS ("
            "SELECT 1 FROM deliveries d WHERE d.job_id = j.id AND d.state = 'pending' "
            "AND d.not_before <= ?) ORDER BY j.started_at, j.id LIMIT 1",
            (now,),
        )
        if job_id is None:
            return []
        if job_id not in self._contents:
            await self._load_contents(job_id)
        rows = await self._db.fetchall(
            "SELECT user_id, chat_id, language, attempts, reply_markup FROM deliveries "
            "WHERE job_id = ? AND state = 'pending' AND not_before <= ? ORDER BY rowid LIMIT ?",
            (job_id, now, limit),
        )
        return [
            _Item(job_id, r[0], r[1], r[3] + 1, self._content(job_id, r[2]), r[4]) for r in rows
        ]

    async def _until_next(self) -> float:
        """Seconds until the earliest waiting row is due, at most IDLE_POLL."""
        waiting = [
            await self._db.scalar(
                "SELECT min(not_before) FROM outbox WHERE state = 'pending' AND local = ?",
                (self._local,),
            )
        ]
        if self._jobs:
            waiting.append(
                await self._db.scalar(
                    "SELECT min(d.not_before) FROM deliveries d JOIN delivery_jobs j "
                    "ON j.id = d.job_id WHERE j.state = 'running' AND d.state = 'pending'"
                )
            )
        due = [moment for moment in waiting if moment is not None]
        if not due:
            return IDLE_POLL
        return min(IDLE_POLL, max(0.01, float(min(due)) - time.time(), self.limiter.paused_for))

    async def _idle(self, seconds: float | None) -> None:
        """Sleep until woken (clear the event before checking for work) or `seconds` pass."""
        try:
            await asyncio.wait_for(self._wake.wait(), seconds)
        except TimeoutError:
            pass

    async def _send(self, items: list[_Item]) -> None:
        """Claim each item only once the rate limiter granted its slot, then send it at once:
        a row is `sending` only while its request is about to leave or has left."""
        queue = deque(items)
        while queue and not self._stopping:
            while len(self._in_flight) >= self._max_in_flight:
                await asyncio.wait(self._in_flight, return_when=asyncio.FIRST_COMPLETED)
            await self.limiter.acquire()
            batch = [queue.popleft()]
            room = self._max_in_flight - len(self._in_flight)
            while queue and len(batch) < min(room, MAX_CLAIM) and self.limiter.try_acquire():
                batch.append(queue.popleft())
            claimed, stopped = await self._claim(batch)
            for item in claimed:
                task = asyncio.create_task(self._deliver(item))
                self._in_flight.add(task)
                task.add_done_callback(self._in_flight.discard)
            if stopped:  # paused or cancelled meanwhile: leave its other rows alone
                queue = deque(i for i in queue if i.job_id not in stopped)

    async def _settle(self) -> None:
        """Wait for the requests in flight, then write their results."""
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

    async def _claim(self, batch: list[_Item]) -> tuple[list[_Item], set[int]]:
        """Write the results so far and mark `batch` `sending`, in one commit; returns the
        items still pending (an erased user's row is gone) and the jobs no longer running."""
        now = isoformat(utcnow())
        claimed: set[tuple[int | None, int]] = set()
        stopped: set[int] = set()
        async with self._db.transaction() as conn:
            await self._write_results(conn)
            by_job: dict[int | None, list[int]] = {}
            for item in batch:
                by_job.setdefault(item.job_id, []).append(item.key)
            for job_id, keys in by_job.items():
                marks = ", ".join("?" * len(keys))
                if job_id is None:
                    sql = (
                        "UPDATE outbox SET state = 'sending', attempts = attempts + 1, "
                        f"updated_at = ? WHERE id IN ({marks}) AND state = 'pending' RETURNING id"
                    )
                    params = (now, *keys)
                else:
                    async with conn.execute(
                        "SELECT state FROM delivery_jobs WHERE id = ?", (job_id,)
                    ) as cursor:
                        row = await cursor.fetchone()
                        if row is None or row[0] != "running":
                            stopped.add(job_id)
                            continue
                    sql = (
                        "UPDATE deliveries SET state = 'sending', attempts = attempts + 1, "
                        f"updated_at = ? WHERE job_id = ? AND user_id IN ({marks}) "
                        "AND state = 'pending' RETURNING user_id"
                    )
                    params = (now, job_id, *keys)
                async with conn.execute(sql, params) as cursor:
                    claimed.update((job_id, row[0]) for row in await cursor.fetchall())
        return [i for i in batch if (i.job_id, i.key) in claimed], stopped

    async def _flush(self) -> None:
        if not self._results:
            return
        async with self._db.transaction() as conn:
            await self._write_results(conn)

    async def _write_results(self, conn: aiosqlite.Connection) -> None:
        results, self._results = self._results, []
        if not results:
            return
        now = isoformat(utcnow())
        # `AND state = 'sending'`: a row that reached a final state never changes again.
        await conn.executemany(
            "UPDATE deliveries SET state = ?, chat_id = ?, attempts = ?, not_before = ?, "
            "error = ?, updated_at = ? WHERE job_id = ? AND user_id = ? AND state = 'sending'",
            [
                (
                    r.state,
                    r.chat_id,
                    r.attempts,
                    r.not_before,
                    r.error,
                    now,
                    r.item.job_id,
                    r.item.key,
                )
                for r in results
                if r.item.job_id is not None
            ],
        )
        outbox = [r for r in results if r.item.job_id is None]
        # A final row keeps no text (it was the user's or the office's, and it went out), and
        # an office answer not its asker's id: the office keeps it only until the answer is out.
        await conn.executemany(
            "UPDATE outbox SET state = ?1, attempts = ?2, not_before = ?3, error = ?4, "
            "message_id = ?5, updated_at = ?6, "
            "chat_id = CASE WHEN ?1 != 'pending' AND kind = 'office_answer' THEN 0 ELSE ?7 END, "
            "text = CASE WHEN ?1 = 'pending' THEN text ELSE '' END, "
            "reply_markup = CASE WHEN ?1 = 'pending' THEN reply_markup END "
            "WHERE id = ?8 AND state = 'sending'",
            [
                (
                    r.state,
                    r.attempts,
                    r.not_before,
                    r.error,
                    r.message_id,
                    now,
                    r.chat_id,
                    r.item.key,
                )
                for r in outbox
            ],
        )
        answered = await _outbox_side_effects(
            conn,
            [
                (r.item.kind, r.item.key, r.state, r.item.ref, r.message_id, r.chat_id)
                for r in outbox
                if r.state != "pending"
            ],
        )
        if answered and self._on_answered:
            self._on_answered(answered)
        blocked = sorted(
            {
                r.item.key if r.item.job_id is not None else r.chat_id
                for r in results
                if r.state == "blocked" and (r.item.job_id is not None or r.item.kind in PERSONAL)
            }
        )
        if blocked:
            await conn.executemany(
                "UPDATE users SET blocked = 1 WHERE user_id = ?", [(u,) for u in blocked]
            )
            if self._on_blocked:
                self._on_blocked(blocked)

    async def _finish_jobs(self) -> None:
        """Running jobs with nothing left to send (or in flight) are done."""
        if not self._jobs:
            return
        async with self._db.transaction() as conn:
            async with conn.execute(
                "UPDATE delivery_jobs SET state = 'done', finished_at = ? "
                "WHERE state = 'running' AND NOT EXISTS (SELECT 1 FROM deliveries "
                "WHERE job_id = delivery_jobs.id AND state IN ('pending', 'sending')) RETURNING id",
                (isoformat(utcnow()),),
            ) as cursor:
                finished = [row[0] for row in await cursor.fetchall()]
        for job_id in finished:
            self._contents.pop(job_id, None)
            log.info("delivery job %d finished", job_id)
            if self._on_finished:
                self._on_finished(job_id)

    async def _deliver(self, item: _Item) -> None:
        chat_id, migrated, message_id = item.chat_id, False, None
        while True:
            try:
                message_id = await self._sender.send(
                    chat_id,
                    item.content,
                    reply_markup=item.reply_markup,
                    reply_to=item.reply_to,
                    paid=self._paid,
                )
                verdict, error = Verdict.SENT, None
            except SendFailed as exc:
                verdict, error = exc.verdict, exc.error
                if verdict is Verdict.THROTTLED:
                    self.limiter.throttled(exc.retry_after)
                    # Not delivered: back in the queue, and the attempt does not count.
                    self._results.append(
                        _Result(
                            item,
                            "pending",
                            chat_id,
                            item.attempts - 1,
                            time.time() + exc.retry_after,
                        )
                    )
                    return
                if verdict is Verdict.MIGRATED and exc.new_chat_id is not None and not migrated:
                    chat_id, migrated = exc.new_chat_id, True
                    await self.limiter.acquire()
                    continue
            except Exception as exc:  # a bug: never resend blindly what may have gone out
                log.exception("unexpected error delivering to %s", chat_id)
                verdict, error = Verdict.UNKNOWN, repr(exc)[:200]
            self._results.append(self._result(item, chat_id, verdict, error, message_id))
            return

    def _result(
        self,
        item: _Item,
        chat_id: int,
        verdict: Verdict,
        error: str | None,
        message_id: int | None,
    ) -> _Result:
        """The row's next state under its kind's policy."""
        final = {
            Verdict.SENT: "sent",
            Verdict.BLOCKED: "blocked",
            Verdict.FAILED: "failed",
            Verdict.MIGRATED: "failed",  # migrated twice
        }
        if verdict in final:
            return _Result(item, final[verdict], chat_id, item.attempts, 0.0, error, message_id)
        if verdict is Verdict.UNKNOWN and not item.at_least_once:
            return _Result(item, "unknown", chat_id, item.attempts, 0.0, error)
        # Not delivered, or maybe not: a job's row retries a few times, an outbox row until
        # Telegram takes it (or its moment has passed).
        retry_at = time.time() + backoff(item.attempts)
        if item.at_least_once:
            if item.not_after and retry_at > item.not_after:
                return _Result(item, "failed", chat_id, item.attempts, 0.0, f"too late: {error}")
        elif item.attempts >= self._max_attempts:
            return _Result(
                item,
                "failed",
                chat_id,
                item.attempts,
                0.0,
                f"gave up after {item.attempts} attempts: {error}",
            )
        return _Result(item, "pending", chat_id, item.attempts, retry_at, error)


async def _outbox_side_effects(
    conn: aiosqlite.Connection, finished: Sequence[tuple[str, int, str, str, int | None, int]]
) -> list[tuple[int, int, bool]]:
    """What final outbox rows (kind, id, state, ref, message id, chat) mean elsewhere: an office
    post becomes answerable by a reply to it, an office answer in the asker's chat too (the
    reply goes to the office), a reminder is recorded as sent or failed. Returns the
    office answers now complete that the office was told were still on their way: (chat to
    tell, question id, delivered)."""
    posts = [
        (chat_id, message_id, int(question_id))
        for kind, _, state, ref, message_id, chat_id in finished
        if kind in ("office_post", "office_answer") and state == "sent" and ref
        # An office post names a list of questions, an answer its one question.
        for question_id in ([json.loads(ref)] if kind == "office_answer" else json.loads(ref))
    ]
    # Only for questions still stored: one erased (/deleteme) while its row was in flight
    # leaves no trace of its chat.
    await conn.executemany(
        "INSERT OR IGNORE INTO office_posts (chat_id, message_id, question_id) "
        "SELECT ?, ?, id FROM question_log WHERE id = ?",
        posts,
    )
    await conn.executemany(
        "UPDATE reminder_sends SET state = ? WHERE outbox_id = ? AND state = 'sending'",
        [
            ("sent" if state == "sent" else "failed", outbox_id)
            for kind, outbox_id, state, _, _, _ in finished
            if kind == "reminder"
        ],
    )
    answered: dict[str, tuple[int, int, bool]] = {}
    for kind, outbox_id, _, ref, _, _ in finished:
        if kind != "office_answer" or ref in answered:
            continue
        async with conn.execute(
            "SELECT o.report_chat_id, NOT EXISTS (SELECT 1 FROM outbox s WHERE "
            "s.kind = 'office_answer' AND s.ref = o.ref AND s.state != 'sent') FROM outbox o "
            "WHERE o.id = ? AND o.report_chat_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
            "outbox s WHERE s.kind = 'office_answer' AND s.ref = o.ref "
            "AND s.state IN ('pending', 'sending'))",
            (outbox_id,),
        ) as cursor:
            row = await cursor.fetchone()
        if row is not None:
            answered[ref] = (row[0], int(ref), bool(row[1]))
    return list(answered.values())


async def follow_up(db: Database, outbox_ids: list[int], chat_id: int) -> dict[int, str]:
    """The rows' states now; those still on their way will be reported to `chat_id` when they
    end (one transaction: a row either ended before, or is reported later)."""
    marks = ", ".join("?" * len(outbox_ids))
    async with db.transaction() as conn:
        await conn.execute(
            f"UPDATE outbox SET report_chat_id = ? WHERE id IN ({marks}) "
            "AND state IN ('pending', 'sending')",
            (chat_id, *outbox_ids),
        )
        async with conn.execute(
            f"SELECT id, state FROM outbox WHERE id IN ({marks})", outbox_ids
        ) as cursor:
            return {row[0]: row[1] for row in await cursor.fetchall()}


async def queue_message(
    conn: aiosqlite.Connection,
    kind: str,
    chat_id: int,
    text: str,
    *,
    reply_markup: dict[str, Any] | None = None,
    ref: str = "",
    local: bool = False,
    not_after: float = 0.0,
    reply_to: int | None = None,
) -> int:
    """One outbox row, inside the caller's transaction; returns its id. Wake the engine after
    the commit."""
    cursor = await conn.execute(
        "INSERT INTO outbox (kind, chat_id, text, reply_markup, ref, local, not_after, "
        "reply_to_message_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            kind,
            chat_id,
            text,
            json.dumps(reply_markup) if reply_markup else None,
            ref,
            int(local),
            not_after,
            reply_to,
            isoformat(utcnow()),
        ),
    )
    return inserted_id(cursor)


async def enqueue(
    conn: aiosqlite.Connection, job_id: int, recipients: Iterable[tuple[int, int, str]]
) -> int:
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
