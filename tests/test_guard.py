"""Hardening through the real Application offline: a revoke in the middle of an admin
conversation, forged numbers in buttons, `ask` on a live database, a failing statistics write,
and the log filter that keeps the token out."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from argparse import Namespace
from contextlib import closing
from pathlib import Path

import pytest

from bot.app.ask import run_ask
from bot.app.context import AdminDrafts
from bot.app.local_api import make_user, private_chat
from bot.events import load_event
from handlers.admin_broadcast import DraftButton
from handlers.admin_events import AdminEventButton
from tests.conftest import ADMIN_CHAT_ID, ADMIN_ID
from tests.test_delivery import engine_harness
from tests.test_events import ADMIN, new_event_draft, replies, wait_jobs_done

DEPUTY_ID = 7_100_000_001
DEPUTY = make_user(DEPUTY_ID, "en", first_name="Deputy")
REFUSAL = "only the bot's administrators"


@pytest.fixture
async def ev(settings, catalogs):
    async with engine_harness(settings, catalogs, broadcast_rate=200.0) as harness:
        harness.api.chats[ADMIN_ID] = private_chat(ADMIN)
        harness.api.chats[DEPUTY_ID] = private_chat(DEPUTY)
        assert (
            "is now an admin" in replies(await harness.send(ADMIN, f"/grant {DEPUTY_ID}"))[-1].text
        )
        yield harness


def table_contents(path: Path) -> dict[str, list]:
    with closing(sqlite3.connect(path)) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


async def revoke_deputy(harness) -> None:
    calls = await harness.send(ADMIN, f"/revoke {DEPUTY_ID}")
    assert "no longer an admin" in replies(calls)[-1].text
    state = harness.application.user_data.get(DEPUTY_ID)
    assert state is None or state.admin == AdminDrafts()


async def revoke_deputy_in_the_database(harness) -> None:
    """Rights taken away behind the bot's back (an operator's SQL): no /revoke drops the
    conversation, so only the check at each step stands in the way."""
    async with harness.services.db.transaction() as conn:
        await conn.execute("DELETE FROM admins WHERE user_id = ?", (DEPUTY_ID,))


def contents(harness, *leave_out: str) -> dict[str, list]:
    """Every table but `users` (whose last_seen any message may touch) and `leave_out`."""
    tables = table_contents(harness.services.settings.db_path)
    for name in ("users", *leave_out):
        tables.pop(name)
    return tables


async def test_a_revoke_in_the_middle_of_newevent_saves_nothing(ev):
    await ev.send(DEPUTY, "/newevent")
    prompt = ev.api.sent(DEPUTY_ID)[-1]
    await ev.press_label(DEPUTY, prompt, "Beşiktaş")
    prompt = ev.api.sent(DEPUTY_ID)[-1]
    await ev.press(DEPUTY, prompt.result, prompt.buttons()[0]["callback_data"])
    await ev.send(DEPUTY, "Secret party")
    assert ev.application.user_data[DEPUTY_ID].admin.event_draft is not None
    await revoke_deputy(ev)
    # The conversation is over: what the former admin writes next are ordinary questions
    # (counted and logged as such), never the event's fields.
    before = contents(ev, "question_days", "question_log")
    calls = await ev.send(DEPUTY, "A description")
    assert "On which day" not in replies(calls)[-1].text
    for answer in ("2030-01-01", "19:00", "/skip", "/skip", "/skip", "/skip"):
        calls = await ev.send(DEPUTY, answer)
        assert not any("Preview" in c.text for c in replies(calls))
    assert contents(ev, "question_days", "question_log") == before


async def test_a_revoke_in_the_middle_of_editevent_changes_and_sends_nothing(ev):
    preview = await new_event_draft(ev)
    event_id = AdminEventButton.parse(preview.buttons()[0]["callback_data"]).id
    await ev.press_label(ADMIN, preview, "Publish")
    await wait_jobs_done(ev)
    before_event = await load_event(ev.services.db, event_id)

    [menu] = [c for c in replies(await ev.send(DEPUTY, "/editevent")) if c.buttons()]
    calls = await ev.press(DEPUTY, menu.result, AdminEventButton("edit", event_id).pack())
    [fields] = [c for c in replies(calls) if c.buttons()]
    await ev.press_label(DEPUTY, fields, "Title")
    assert ev.application.user_data[DEPUTY_ID].admin.event_edit is not None
    await revoke_deputy_in_the_database(ev)
    before = contents(ev)
    calls = await ev.send(DEPUTY, "Cancelled by a hacker")
    assert REFUSAL in replies(calls)[-1].text
    assert ev.application.user_data[DEPUTY_ID].admin.event_edit is None
    # The cancel button of /cancelevent, pressed after the revoke: refused too.
    calls = await ev.press(DEPUTY, menu.result, AdminEventButton("cancelyes", event_id).pack())
    assert [c.params.get("text") for c in calls if c.method == "answerCallbackQuery"] == [
        "Sorry, only the bot's administrators can do this."
    ]
    assert contents(ev) == before
    assert await load_event(ev.services.db, event_id) == before_event


async def test_a_revoke_in_the_middle_of_broadcast_sends_nothing(ev):
    await ev.send(DEPUTY, "/broadcast")
    prompt = ev.api.sent(DEPUTY_ID)[-1]
    await ev.press_label(DEPUTY, prompt, "English")
    calls = await ev.send(DEPUTY, "Everybody, come to the party")
    [card] = [c for c in replies(calls) if c.buttons()]
    draft_id = DraftButton.parse(card.buttons()[0]["callback_data"]).draft
    # A second version is under way when the rights go.
    await ev.press(DEPUTY, card.result, DraftButton(draft_id, "add", "de").pack())
    assert ev.application.user_data[DEPUTY_ID].admin.broadcast_target is not None
    await revoke_deputy(ev)
    # What the former admin writes next is an ordinary question, not a version.
    before = contents(ev, "question_days", "question_log")
    calls = await ev.send(DEPUTY, "Alle zur Party")
    assert "Broadcast" not in replies(calls)[-1].text
    assert contents(ev, "question_days", "question_log") == before
    calls = await ev.press(DEPUTY, card.result, DraftButton(draft_id, "send").pack())
    assert not replies(calls)
    assert contents(ev, "question_days", "question_log") == before
    versions = await ev.services.db.scalar(
        "SELECT count(*) FROM delivery_contents WHERE job_id = ?", (draft_id,)
    )
    assert versions == 1


@pytest.mark.parametrize(
    "data",
    [
        "qcl:9999999999999999999:abcd1234",
        "qwr:9999999999999999999:abcd1234",
        "bcd:9999999999999999999:send:-",
        "bcd:9999999999999999999:add:de",
        "bcj:9999999999999999999:pause",
        "bcj:-9999999999999999999:cancel",
    ],
)
async def test_a_huge_number_in_a_button_is_just_no_longer_valid(harness, data):
    admin = make_user(ADMIN_ID, "en")
    start = replies(await harness.send(admin, "/start"))[-1]
    calls = await harness.press(admin, start.result, data)
    answers = [c.params.get("text") for c in calls if c.method == "answerCallbackQuery"]
    assert answers == ["This button is no longer valid."], calls
    assert not [c for c in calls if c.chat_id == ADMIN_CHAT_ID]  # no error notice


async def test_ask_leaves_the_live_database_as_it_was(settings, catalogs):
    before = table_contents(settings.db_path)
    lines = [
        {"text": "Wo liegt Konin?", "language_code": "de"},
        {"text": "Wie wird das Wetter morgen in Herne?", "language_code": "de"},
        {"text": "/ask Where is Wakefield?", "language_code": "en"},
    ]
    stdin = io.StringIO("".join(json.dumps(line) + "\n" for line in lines))
    stdout = io.StringIO()
    args = Namespace(jsonl=True, json=False, question=[], lang=None)
    assert await run_ask(settings, catalogs, args, stdin, stdout) == 0
    results = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert [r["fallback"] for r in results] == [False, True, False]
    assert table_contents(settings.db_path) == before


async def test_a_failing_statistics_write_never_costs_an_answer(harness):
    async with harness.services.db.transaction() as conn:
        for table in ("question_days", "question_log"):
            await conn.execute(
                f"CREATE TRIGGER full_{table} BEFORE INSERT ON {table} "
                "BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END"
            )
    user = make_user(7_100_000_002, "de")
    [answer] = replies(await harness.send(user, "Wo liegt Konin?"))
    assert "Polen" in answer.text
    [fallback] = replies(await harness.send(user, "Wie wird das Wetter morgen in Herne?"))
    assert "weiß ich leider nicht" in fallback.text
    assert not [c for c in harness.api.calls if c.chat_id == ADMIN_CHAT_ID]
    # The counts' batched write fails too, and keeps them for the next try.
    await harness.services.questions.flush()
    async with harness.services.db.transaction() as conn:
        await conn.execute("DROP TRIGGER full_question_days")
    await harness.services.questions.flush()
    assert await harness.services.db.scalar("SELECT sum(asked) FROM question_days") == 2


LOGGING_SCRIPT = """
import logging, httpx
from bot.logs import configure_logging
token = "123456:AAFakeTokenForTheLogTest_x-1"
configure_logging("DEBUG", token)
url = f"http://127.0.0.1:9/bot{token}/getMe"
logging.getLogger("bot.test").debug("calling %s", url)
logging.getLogger("bot.test").info("other token 654321:BBAnotherTokenLooking_y-2 here")
try:
    raise httpx.ConnectError(f"cannot reach {url}")
except httpx.ConnectError:
    logging.getLogger("telegram.ext.Updater").exception("network error")
logging.getLogger("telegram.Bot").debug("Set Bot API URL: %s", url)
logging.getLogger("apscheduler.scheduler").info("Added job every 3 s")
logging.getLogger("apscheduler.executors.default").info("Running job every 3 s")
"""


def test_the_log_never_carries_a_token_and_the_scheduler_stays_quiet(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", LOGGING_SCRIPT],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    log = result.stderr
    assert "calling http://127.0.0.1:9/bot<token>/getMe" in log
    assert "ConnectError: cannot reach http://127.0.0.1:9/bot<token>/getMe" in log
    assert "AAFakeTokenForTheLogTest" not in log and "BBAnotherTokenLooking" not in log
    assert "Set Bot API URL" not in log  # python-telegram-bot's DEBUG dumps stay out
    assert "every 3 s" not in log
