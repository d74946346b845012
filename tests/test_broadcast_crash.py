"""A real `python -m bot run` killed with SIGKILL three times in a row in the middle of a
1,000-recipient broadcast, then restarted: nobody is lost, nobody gets two copies; "unknown" are
only rows whose request had left (or was leaving) the process, and the admin's "resend" button
sends exactly those once more."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest

from bot.app.local_api import make_user, private_chat
from bot.db import Database
from tests.processes import (
    REPLY_TIMEOUT,
    START_TIMEOUT,
    bot_process,
    local_bot_api,
    stop_cleanly,
    telegram_env,
    wait_for,
)

# Each test starts real `python -m bot` processes.
pytestmark = pytest.mark.slow

ADMIN = make_user(777, "en", first_name="Admin")
RECIPIENTS = range(10_000, 11_000)
RATE = "150"
KILLS = 3
# Requests in flight when the process dies: a few at RATE against a local server.
MOST_UNKNOWN = 10
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


async def test_a_killed_broadcast_resumes_and_nobody_gets_it_twice(tmp_path: Path) -> None:
    await prepare_database(tmp_path / "partnerbot.sqlite3")
    async with local_bot_api() as (api, server):
        for user_id in RECIPIENTS:
            api.chats[user_id] = private_chat(make_user(user_id))
        env = telegram_env(tmp_path, server, ADMIN_IDS=str(ADMIN["id"]), BROADCAST_RATE=RATE)
        admin_chat = ADMIN["id"]

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
            assert "Send it to 1,001 recipients now?" in newest_with("Send now").text
            press(newest_with("Send now"), "Send now")
            await wait_for(lambda: len(copies(api)) >= 150, "150 copies", REPLY_TIMEOUT, bot)
            bot.process.kill()  # SIGKILL: no clean-up at all
            await bot.process.wait()
        for _ in range(KILLS - 1):  # killed again soon after each restart
            mark = len(copies(api))
            async with bot_process(tmp_path, env, "run") as bot:
                await wait_for(
                    lambda mark=mark: len(copies(api)) >= mark + 150, "progress", START_TIMEOUT, bot
                )
                bot.process.kill()
                await bot.process.wait()
        assert len(copies(api)) < len(RECIPIENTS)

        def reports() -> list[str]:
            return [c.text for c in api.sent(admin_chat) if "Report on broadcast" in (c.text or "")]

        async with bot_process(tmp_path, env, "run") as bot:
            await wait_for(reports, "the final report", 60.0, bot)
            report = reports()[0]
            first_round = copies(api)
            unknown = unknown_rows(tmp_path)
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
    assert len(unknown) <= MOST_UNKNOWN, len(unknown)
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


def unknown_rows(tmp_path: Path) -> set[int]:
    with closing(sqlite3.connect(tmp_path / "partnerbot.sqlite3")) as db:
        return {
            row[0]
            for row in db.execute(
                "SELECT user_id FROM deliveries WHERE state = 'unknown' AND user_id >= 10000"
            )
        }
