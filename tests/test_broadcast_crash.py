"""A real `python -m bot run` killed with SIGKILL three times in a row in the middle of a
300-recipient broadcast, then restarted: nobody is lost, nobody gets two copies; "unknown" are
only rows whose request had left (or was leaving) the process, and the admin's "resend" button
sends exactly those once more."""

from __future__ import annotations

import math
import re
import sqlite3
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest

from bot.app.local_api import make_user, private_chat
from bot.db import Database
from bot.delivery import MAX_IN_FLIGHT
from tests.processes import (
    REPLY_TIMEOUT,
    START_TIMEOUT,
    bot_process,
    local_bot_api,
    seeded_copy,
    stop_cleanly,
    telegram_env,
    wait_for,
)

# Each test starts real `python -m bot` processes.
pytestmark = pytest.mark.slow

ADMIN = make_user(777, "en", first_name="Admin")
RATE = "150"
KILLS = 3
# Each kill comes after STRIDE more copies (half a second of sending at RATE: as many as the
# engine may have in flight), so the three land at about 75, 150 and 225 sent; the limiter holds
# the engine to RATE whatever the load, so 300 still leaves the broadcast running at the last
# kill (asserted below) and a last round to finish it. More recipients (there were 1,000, then
# 600 with kills every 150) only lengthened every round: seconds of sending and CPU.
RECIPIENTS = range(10_000, 10_300)
STRIDE = 75
# How many rows the engine may have `sending` at once (DeliveryEngine._max_in_flight: half a
# second of sending at RATE), whatever the load: more would be unknown after a crash.
IN_FLIGHT = max(4, min(MAX_IN_FLIGHT, math.ceil(float(RATE) / 2)))
# Slots the limiter grants at once (RateLimiter._capacity), claimed in one commit.
BURST = max(2, math.ceil(float(RATE) * 0.02))
# Rows claimed in the last millisecond before a kill whose request had not yet been written:
# at most one claim (the slots the limiter granted at once) per kill.
MOST_CLAIMED_UNSENT = KILLS


async def prepare_database(path: Path) -> None:
    db = await Database.open(path)
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO users (user_id, telegram_language, first_seen, last_seen) "
            "VALUES (?, ?, 'x', 'x')",
            [(user_id, "de" if user_id % 3 else "ru") for user_id in RECIPIENTS],
        )
    await db.close()


def copies(api) -> Counter:
    return Counter(
        c.chat_id
        for c in api.calls
        if c.method == "sendMessage" and c.error is None and c.result and c.chat_id in RECIPIENTS
    )


async def test_a_killed_broadcast_resumes_and_nobody_gets_it_twice(
    tmp_path: Path, seeded_db_file: Path
) -> None:
    await prepare_database(seeded_copy(seeded_db_file, tmp_path))
    async with local_bot_api() as (api, server):
        for user_id in RECIPIENTS:
            api.chats[user_id] = private_chat(make_user(user_id))
        env = telegram_env(tmp_path, server, ADMIN_IDS=str(ADMIN["id"]), BROADCAST_RATE=RATE)
        admin_chat = ADMIN["id"]
        kills: list[tuple[int, float]] = []  # rows `sending` just before each kill, seconds to it

        def newest_with(label: str):
            for call in reversed(api.sent(admin_chat)):
                if any(label in b["text"] for b in call.buttons()):
                    return call
            return None

        def press(call, label: str) -> None:
            button = next(b for b in call.buttons() if label in b["text"])
            api.press(
                ADMIN,
                api.messages[(admin_chat, call.result["message_id"])],
                button["callback_data"],
            )

        async with bot_process(tmp_path, env, "run") as bot:
            await wait_for(lambda: api.sent(method="getUpdates"), "polling", START_TIMEOUT, bot)
            api.send_text(ADMIN, "/broadcast")
            await wait_for(lambda: newest_with("English"), "language buttons", REPLY_TIMEOUT, bot)
            press(newest_with("English"), "English")
            await wait_for(
                lambda: any("Now send" in (c.text or "") for c in api.sent(admin_chat)),
                "the prompt",
                REPLY_TIMEOUT,
                bot,
            )
            api.send_text(
                ADMIN,
                "Partnership day on Saturday!",
                entities=[{"type": "bold", "offset": 0, "length": 15}],
            )
            await wait_for(lambda: newest_with("Preview"), "the draft", REPLY_TIMEOUT, bot)
            press(newest_with("Preview"), "Preview")
            await wait_for(lambda: newest_with("Send now"), "the preview", REPLY_TIMEOUT, bot)
            assert (
                f"Send it to {len(RECIPIENTS) + 1} recipients now?" in newest_with("Send now").text
            )
            press(newest_with("Send now"), "Send now")
            await wait_for(
                lambda: len(copies(api)) >= STRIDE, "the first copies", REPLY_TIMEOUT, bot
            )
            kills.append(await kill(bot, tmp_path))
        for _ in range(KILLS - 1):  # killed again soon after each restart
            mark = len(copies(api))
            async with bot_process(tmp_path, env, "run") as bot:
                await wait_for(
                    lambda mark=mark: len(copies(api)) >= mark + STRIDE,
                    "progress",
                    START_TIMEOUT,
                    bot,
                )
                kills.append(await kill(bot, tmp_path))
        assert len(copies(api)) < len(RECIPIENTS)

        def reports() -> list[str]:
            return [c.text for c in api.sent(admin_chat) if "Report on broadcast" in (c.text or "")]

        async with bot_process(tmp_path, env, "run") as bot:
            await wait_for(reports, "the final report", 60.0, bot)
            report = reports()[0]
            first_round = copies(api)
            unknown = unknown_rows(tmp_path)
            interrupted = unknown_rows(tmp_path, "interrupted while sending")
            if unknown:
                [call] = [
                    c for c in api.sent(admin_chat) if "Report on broadcast" in (c.text or "")
                ]
                press(call, "Resend the")
                await wait_for(lambda: len(reports()) == 2, "the second report", 60.0, bot)
            await stop_cleanly(bot)

    got = copies(api)
    requested = {c.chat_id for c in api.calls if c.method == "sendMessage"}
    with closing(sqlite3.connect(tmp_path / "partnerbot.sqlite3")) as db:
        states = dict(
            db.execute("SELECT user_id, state FROM deliveries WHERE user_id >= 10000").fetchall()
        )
    assert set(states) == set(RECIPIENTS)
    assert set(states.values()) == {"sent"}  # the unknown ones too, after the resend
    assert max(first_round.values()) == 1, "somebody got the broadcast twice"
    assert {user_id for user_id in RECIPIENTS if not first_round[user_id]} <= unknown
    # Unknown after a crash is what was `sending` when the process died: what the database held
    # just before the kill, plus what the limiter let the engine claim until the kill (the send
    # rate times the kill's latency, plus one burst); never more than the engine's in-flight cap.
    assert all(sending <= IN_FLIGHT for sending, _ in kills), kills
    bound = sum(sending + math.ceil(float(RATE) * latency) + BURST for sending, latency in kills)
    assert len(interrupted) <= bound, (len(interrupted), kills)
    assert len(unknown - requested) <= MOST_CLAIMED_UNSENT, unknown - requested
    # After the resend everybody has it; only an unknown one may have it twice.
    assert set(got) >= set(RECIPIENTS)
    assert {user_id for user_id, count in got.items() if count > 1} <= unknown
    sent = len(RECIPIENTS) - len(unknown)
    total = re.search(r"Total: sent ([\d,]+), failed 0, blocked 0, unknown (\d+)", report)
    assert total, report
    # The admin got a copy too (the admin uses the bot, in English).
    assert (int(total.group(1).replace(",", "")), int(total.group(2))) == (sent + 1, len(unknown))
    if unknown:
        assert "had left the bot" in report
        assert f"Resend the {len(unknown)} unknown" in str(call.buttons())


async def kill(bot, tmp_path: Path) -> tuple[int, float]:
    """SIGKILL (no clean-up at all) right after counting the rows `sending`; that count and
    the seconds from its start to the kill."""
    started = time.monotonic()
    with closing(sqlite3.connect(tmp_path / "partnerbot.sqlite3")) as db:
        [(sending,)] = db.execute(
            "SELECT count(*) FROM deliveries WHERE state = 'sending' AND user_id >= 10000"
        )
    bot.process.kill()
    latency = time.monotonic() - started
    await bot.process.wait()
    return sending, latency


def unknown_rows(tmp_path: Path, error: str | None = None) -> set[int]:
    """The recipients whose delivery is unknown (with that error, if given)."""
    with closing(sqlite3.connect(tmp_path / "partnerbot.sqlite3")) as db:
        return {
            row[0]
            for row in db.execute(
                "SELECT user_id FROM deliveries WHERE state = 'unknown' AND user_id >= 10000 "
                "AND (?1 IS NULL OR error = ?1)",
                (error,),
            )
        }
