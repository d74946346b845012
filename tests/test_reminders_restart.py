"""A real `python -m bot run`, stopped while a reminder falls due, then started again: the
reminder goes out exactly once if the event is still ahead (and never again on a further
restart), and not at all if the event has begun."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app.local_api import make_user, private_chat
from bot.users import isoformat
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

OFFSET = timedelta(minutes=30)  # REMINDER_OFFSETS: one reminder, half an hour before
AHEAD, BEGUN = 4101, 4102  # users waiting for an event still ahead, and for one begun


def database(path: Path) -> closing[sqlite3.Connection]:
    return closing(sqlite3.connect(path, isolation_level=None))


def add_event(db: sqlite3.Connection, event_id: str, starts_at: datetime, user_id: int) -> None:
    now = isoformat(datetime.now(UTC))
    db.execute(
        "INSERT INTO events (id, city_id, topic, starts_at, timezone, origin, created_at, "
        "published_at, updated_at) VALUES (?, 'herne', 'culture', ?, 'Europe/Berlin', 'admin', "
        "?, ?, ?)",
        (event_id, isoformat(starts_at), now, now, now),
    )
    db.execute(
        "INSERT INTO event_texts (event_id, language, title) VALUES (?, 'de', 'Lesung')",
        (event_id,),
    )
    db.execute(
        "INSERT INTO users (user_id, telegram_language, first_seen, last_seen) "
        "VALUES (?, 'de', 'x', 'x')",
        (user_id,),
    )
    db.execute(
        "INSERT INTO event_reminders (user_id, event_id, created_at) VALUES (?, ?, ?)",
        (user_id, event_id, now),
    )


def reminders(api, user_id: int) -> list:
    return [
        c
        for c in api.sent(user_id, "sendMessage")
        if c.error is None and c.text and c.text.startswith("⏰")
    ]


async def test_a_reminder_due_while_the_bot_is_down_is_sent_once_after_the_restart(
    tmp_path: Path, seeded_db_file: Path
) -> None:
    path = tmp_path / "partnerbot.sqlite3"
    shutil.copyfile(seeded_db_file, path)
    start = datetime.now(UTC)
    with database(path) as db:
        # Both reminders are hours away while the bot first runs.
        add_event(db, "reading", start + OFFSET + timedelta(hours=3), AHEAD)
        add_event(db, "talk", start + OFFSET + timedelta(hours=3), BEGUN)

    async with local_bot_api() as (api, server):
        for user_id in (AHEAD, BEGUN):
            api.chats[user_id] = private_chat(make_user(user_id))
        env = telegram_env(tmp_path, server, REMINDER_OFFSETS="30m", REMINDER_INTERVAL="0.1")

        async with bot_process(tmp_path, env, "run") as bot:
            await wait_for(lambda: api.sent(method="getUpdates"), "polling", START_TIMEOUT, bot)
            await asyncio.sleep(0.5)  # several reminder ticks
            await stop_cleanly(bot)
        assert not reminders(api, AHEAD) and not reminders(api, BEGUN)

        # While the bot is down, the events are brought forward (as an admin's edit in the
        # database would): "reading"'s reminder falls due and it is still ahead; "talk" has
        # begun. Time passes beyond both moments before the restart.
        down = datetime.now(UTC)
        with database(path) as db:
            for event_id, starts_at in (
                ("reading", down + OFFSET + timedelta(seconds=0.3)),
                ("talk", down + timedelta(seconds=0.3)),
            ):
                db.execute(
                    "UPDATE events SET starts_at = ? WHERE id = ?", (isoformat(starts_at), event_id)
                )
            assert not db.execute("SELECT count(*) FROM reminder_sends").fetchone()[0]
        beyond = down + timedelta(seconds=0.4) - datetime.now(UTC)
        await asyncio.sleep(max(0.0, beyond.total_seconds()))

        async with bot_process(tmp_path, env, "run") as bot:
            await wait_for(lambda: reminders(api, AHEAD), "the reminder", REPLY_TIMEOUT, bot)
            await asyncio.sleep(0.5)  # more ticks: nothing more goes out
            await stop_cleanly(bot)
        assert len(reminders(api, AHEAD)) == 1

        async with bot_process(tmp_path, env, "run") as bot:  # and a further restart repeats none
            mark = len(api.sent(method="getUpdates"))
            await wait_for(
                lambda: len(api.sent(method="getUpdates")) > mark, "polling", START_TIMEOUT, bot
            )
            await asyncio.sleep(0.5)
            await stop_cleanly(bot)

    [reminder] = reminders(api, AHEAD)
    assert "Erinnerung" in reminder.text and "Lesung" in reminder.text
    assert not reminders(api, BEGUN), "a reminder for an event that had begun"
    with database(path) as db:
        states = db.execute(
            "SELECT event_id, user_id, offset_seconds, state FROM reminder_sends ORDER BY event_id"
        ).fetchall()
    assert states == [("reading", AHEAD, int(OFFSET.total_seconds()), "sent")]
