"""The outbox through the real Application offline: office answers and reminders are delivered
exactly once through a 502, a 429 and a restart; long texts to and from the office are split,
never cut or lost; a retry-after on an ordinary reply pauses every send and slows the rate."""

from __future__ import annotations

import asyncio
import html
import time
from collections import Counter
from datetime import timedelta

import pytest
from telegram.error import RetryAfter

import bot.delivery
from bot.announcements import Outcome, update_event
from bot.app.context import BotContext
from bot.app.local_api import ApiError, make_user, private_chat
from bot.app.sender import retry_after_seconds
from bot.delivery import Content, RateLimiter
from bot.events import load_event
from bot.questions import MAX_MESSAGE
from bot.users import utcnow
from handlers.admin_events import renderer as admin_renderer
from tests.conftest import ADMIN_CHAT_ID
from tests.test_delivery import add_users, engine_harness, start_job, wait_until_finished
from tests.test_events import ask_reminder, insert_event, wait_for
from tests.test_office_privacy import ADMIN, BIG, ask_office, sent

ANSWER = "Am Samstag, 10 bis 14 Uhr, im Rathaus."


def visible(text: str) -> str:
    return html.unescape(text)


async def outbox_states(harness) -> Counter:
    rows = await harness.services.db.fetchall("SELECT kind, state FROM outbox")
    return Counter((row[0], row[1]) for row in rows)


async def test_an_office_answer_and_a_reminder_survive_a_502_a_429_and_a_restart(
    settings, catalogs, monkeypatch
):
    monkeypatch.setattr(bot.delivery, "backoff", lambda attempts: 0.05)
    user = make_user(BIG + 1, "de")
    attempts: Counter = Counter()
    changes = {"reminder_offsets": (3600,), "reminder_interval": 0.05}

    def fault(method: str, params: dict):
        if method != "sendMessage" or params.get("chat_id") != user["id"]:
            return None
        text = params.get("text") or ""
        kind = "answer" if ANSWER in text else "reminder" if "⏰" in text else None
        if kind is None:
            return None
        attempts[kind] += 1
        if attempts[kind] == 2:
            return ApiError(429, "Too Many Requests: retry after 1", {"retry_after": 1})
        return ApiError(502, "Bad Gateway")  # the first, and every one until the restart

    async with engine_harness(settings, catalogs, **changes) as harness:
        question = await ask_office(harness, user)
        await insert_event(
            harness.services.db, "talk", "herne", "culture", utcnow() + timedelta(minutes=30)
        )
        await ask_reminder(harness.services.db, user["id"], "talk", utcnow() - timedelta(days=1))
        harness.api.fault = fault
        calls = await harness.send(ADMIN, "/questions", chat=harness.api.chats[ADMIN_CHAT_ID])
        [post] = [c for c in sent(calls) if "Reply to this message" in c.text]
        calls = await harness.feed(
            harness.api.send_text(
                ADMIN, ANSWER, chat=harness.api.chats[ADMIN_CHAT_ID], reply_to_message=post.result
            )
        )
        # The office is told the truth: not delivered yet, and the bot keeps trying.
        report = sent(calls)[0].text
        assert "not received it yet" in report and "delivered to" not in report, report

        async def failed_thrice():
            return attempts["answer"] >= 3 and attempts["reminder"] >= 3

        await wait_for(failed_thrice)
        # A second reply is refused: the answer is on its way, not lost.
        calls = await harness.feed(
            harness.api.send_text(
                ADMIN,
                "Noch einmal",
                chat=harness.api.chats[ADMIN_CHAT_ID],
                reply_to_message=post.result,
            )
        )
        assert "already been answered" in sent(calls)[0].text
        first = harness.api
    # A crash in the middle of the next attempt: the rows are left 'sending'.
    from bot.db import Database

    db = await Database.open(settings.db_path)
    async with db.transaction() as conn:
        await conn.execute("UPDATE outbox SET state = 'sending' WHERE state = 'pending'")
    await db.close()

    async with engine_harness(settings, catalogs, **changes) as harness:
        harness.api.chats[user["id"]] = private_chat(user)

        async def all_final():
            states = await outbox_states(harness)
            return states and all(state in ("sent", "failed") for _, state in states)

        await wait_for(all_final)

        async def office_told():  # in the office's language, the default
            return [
                c for c in sent(harness.api.sent(ADMIN_CHAT_ID)) if "jetzt zugestellt" in c.text
            ]

        await wait_for(office_told)
        await asyncio.sleep(0.3)  # more reminder ticks and engine rounds: nothing more goes out
        # Office posts: the question, posted when the asker asked for the office's answer, and
        # the notice that the answer is now delivered.
        assert await outbox_states(harness) == Counter(
            {("office_answer", "sent"): 1, ("reminder", "sent"): 1, ("office_post", "sent"): 2}
        )
        [notice] = await office_told()
        assert "Wie wird das Wetter morgen in Herne?" in notice.text
        delivered = sent(harness.api.sent(user["id"]))
        db = harness.services.db
        assert await db.scalar(
            "SELECT state FROM reminder_sends WHERE user_id = ?", (user["id"],)
        ) == "sent"  # fmt: skip
    assert not [c for c in sent(first.sent(user["id"])) if ANSWER in c.text or "⏰" in c.text]
    assert len([c for c in delivered if ANSWER in c.text]) == 1
    assert len([c for c in delivered if c.text.startswith("⏰")]) == 1
    [answer] = [c for c in delivered if ANSWER in c.text]
    assert "Antwort des Partnerschaftsbüros" in answer.text and question.params["text"]


async def test_long_texts_to_and_from_the_office_are_split_and_stored_whole(harness):
    user = make_user(BIG + 2, "de")
    office = harness.api.chats[ADMIN_CHAT_ID]
    message = " ".join(f"Satz {n} über die Städtepartnerschaft & mehr." for n in range(55))
    assert 2400 < len(message) <= MAX_MESSAGE
    await harness.send(user, "/office")
    calls = await harness.send(user, message)
    posts = [c for c in sent(calls) if c.chat_id == ADMIN_CHAT_ID]
    assert len(posts) == 1 and len(posts[0].text) <= 4096
    assert "weitergegeben" in sent(calls)[-1].text
    relayed = visible(posts[0].text)
    assert all(f"Satz {n} über" in relayed for n in range(55))
    stored = await harness.services.db.scalar(
        "SELECT question FROM question_log WHERE kind = 'message'"
    )
    assert stored == message  # what is stored is what the office got, not cut

    answer = " ".join(f"Antwort {n}: so machen wir das." for n in range(140))
    assert len(answer) > 4000
    calls = await harness.feed(
        harness.api.send_text(ADMIN, answer, chat=office, reply_to_message=posts[0].result)
    )
    parts = [c for c in sent(calls) if c.chat_id == user["id"]]
    assert len(parts) >= 2 and all(len(c.text) <= 4096 for c in parts)
    assert "…" in parts[0].text  # the quoted question is shortened, the answer whole
    received = visible(" ".join(c.text for c in parts))
    assert all(f"Antwort {n}: so" in received for n in range(140))
    assert "delivered to 1 person" in sent(calls)[-1].text

    # Longer than the documented limit: refused, nothing kept.
    await harness.send(user, "/office")
    calls = await harness.send(user, "x" * (MAX_MESSAGE + 1))
    assert "2.501" in sent(calls)[0].text
    assert (
        await harness.services.db.scalar("SELECT count(*) FROM question_log WHERE kind = 'message'")
        == 1
    )


async def test_a_retry_after_on_an_ordinary_reply_pauses_the_broadcast_and_slows_it(
    settings, catalogs
):
    asker = make_user(BIG + 3, "de")
    async with engine_harness(settings, catalogs, broadcast_rate=40.0) as harness:
        await add_users(harness, {2000 + i: "de" for i in range(80)})
        sends: list[float] = []
        paused: list[float] = []

        def fault(method: str, params: dict):
            if method != "sendMessage":
                return None
            if params.get("chat_id") == asker["id"] and not paused:
                paused.append(time.monotonic())
                return ApiError(429, "Too Many Requests: retry after 1", {"retry_after": 1})
            if params.get("chat_id") in range(2000, 2080):
                sends.append(time.monotonic())
            return None

        # When the limiter paused and when it granted each slot: a send granted before the
        # pause may reach the API a little after it on a loaded machine, and that is fine; no
        # slot may be granted while the pause lasts.
        limiter = harness.services.delivery.limiter
        granted: list[float] = []
        throttled_at: list[float] = []
        take, throttled = limiter._take, limiter.throttled

        def recorded_take() -> float:
            wait = take()
            if wait == 0.0:
                granted.append(time.monotonic())
            return wait

        def recorded_throttled(seconds: float) -> None:
            throttled(seconds)
            throttled_at.append(time.monotonic())

        limiter._take = recorded_take  # type: ignore[method-assign]
        limiter.throttled = recorded_throttled  # type: ignore[method-assign]
        harness.api.fault = fault
        job = await start_job(harness, {"de": Content("text", "Hallo")})

        async def underway():
            return len(sends) >= 20

        await wait_for(underway)
        calls = await harness.send(asker, "Wo liegt Konin?")
        assert sent(calls), "the reply itself was retried after the pause"
        assert limiter.rate < 40.0
        await wait_until_finished(harness, job)
    assert len(sends) == 80
    assert paused and len(throttled_at) == 1
    assert not [t for t in granted if throttled_at[0] < t < throttled_at[0] + 0.95]
    assert [t for t in granted if t >= throttled_at[0] + 0.95], "the broadcast went on after it"


def test_the_rate_drops_on_a_429_and_recovers_slowly():
    now = [0.0]
    limiter = RateLimiter(1000.0, clock=lambda: now[0])
    limiter.throttled(2.0)
    assert limiter.paused_for == 2.0 and limiter.rate == 800.0
    now[0] = 2.0 + bot.delivery.RECOVERY_INTERVAL - 0.1
    assert limiter.try_acquire() and limiter.rate == 800.0
    now[0] += 0.2
    limiter.try_acquire()
    assert limiter.rate == 850.0
    for _ in range(10):
        now[0] += bot.delivery.RECOVERY_INTERVAL
        limiter.try_acquire()
    assert limiter.rate == 1000.0


async def test_a_clean_stop_mid_broadcast_leaves_nothing_unknown(settings, catalogs):
    users = {3000 + i: "de" for i in range(200)}
    async with engine_harness(settings, catalogs, broadcast_rate=100.0) as harness:
        await add_users(harness, users)
        job = await start_job(harness, {"de": Content("text", "Hallo")})

        async def underway():
            return len(sent(harness.api.sent())) >= 40

        await wait_for(underway)
        first = harness.api
    # Stopped as on SIGTERM: what was claimed went out and was recorded; nothing else claimed.
    async with engine_harness(settings, catalogs, broadcast_rate=100.0) as harness:
        states = Counter(
            row[0]
            for row in await harness.services.db.fetchall(
                "SELECT state FROM deliveries WHERE job_id = ?", (job,)
            )
        )
        assert set(states) <= {"sent", "pending"} and states["sent"] < len(users), states
        for user_id in users:
            harness.api.chats[user_id] = private_chat(make_user(user_id))
        await wait_until_finished(harness, job)
        got = Counter(c.chat_id for c in sent(first.sent()) + sent(harness.api.sent()))
    assert all(got[user_id] == 1 for user_id in users)


async def test_a_reminder_waiting_for_a_retry_is_dropped_when_its_event_is_cancelled(
    settings, catalogs, monkeypatch
):
    monkeypatch.setattr(bot.delivery, "backoff", lambda attempts: 0.05)
    user = make_user(BIG + 4, "de")
    tries: list[str] = []

    def down(method: str, params: dict):
        if method == "sendMessage" and params.get("chat_id") == user["id"]:
            tries.append(params["text"])
            return ApiError(502, "Bad Gateway")
        return None

    changes = {"reminder_offsets": (3600,), "reminder_interval": 0.05}
    async with engine_harness(settings, catalogs, **changes) as harness:
        db = harness.services.db
        harness.api.chats[user["id"]] = private_chat(user)
        harness.api.fault = down
        await insert_event(db, "talk", "herne", "culture", utcnow() + timedelta(minutes=30))
        await ask_reminder(db, user["id"], "talk", utcnow() - timedelta(days=1))

        async def tried():
            return len(tries) >= 2

        await wait_for(tried)
        event = await load_event(db, "talk")
        outcome, _ = await update_event(
            db, "talk", event.revision, {"status": "cancelled"}, ADMIN["id"], "de",
            admin_renderer(BotContext(harness.application)),
        )  # fmt: skip
        assert outcome is Outcome.DONE
        harness.api.fault = None
        await asyncio.sleep(0.5)  # reminder ticks and engine rounds
        assert not [c for c in sent(harness.api.sent(user["id"])) if c.text.startswith("⏰")]
        assert not await db.scalar(
            "SELECT count(*) FROM outbox WHERE kind = 'reminder' "
            "AND state IN ('pending', 'sending')"
        )


def test_replies_keep_only_the_send_times_the_window_needs():
    now = [0.0]
    limiter = RateLimiter(30.0, clock=lambda: now[0])
    # A burst of replies within one window (or a clock that does not move) stays bounded.
    for _ in range(10_000):
        limiter.note_reply()
    assert len(limiter._recent) <= 30
    assert not limiter.try_acquire(), "the window is full: a broadcast send must wait"
    limiter.throttled(1.0)
    for _ in range(10_000):
        limiter.note_reply()
    assert len(limiter._recent) <= 30
    now[0] = 5.0
    assert limiter.try_acquire()


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
@pytest.mark.parametrize("opt_in", ["true", "false"])
def test_a_retry_after_is_read_as_seconds_whichever_type_ptb_gives(monkeypatch, opt_in):
    monkeypatch.setenv("PTB_TIMEDELTA", opt_in)
    assert retry_after_seconds(RetryAfter(3)) == 3.0
    assert retry_after_seconds(RetryAfter(timedelta(seconds=1.5))) == 1.5
