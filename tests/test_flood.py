"""The per-user budget (group -1) and concurrent updates with per-user order."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.app.local_api import make_user
from bot.app.updates import PerUserUpdateProcessor
from bot.flood import Limit, UpdateBudget
from handlers.menus import OpenEntry
from tests.conftest import ADMIN_ID

BIG = 6_000_000_000
GROUP = {"id": -7001, "type": "supergroup", "title": "Verein"}


def sent(calls, method="sendMessage"):
    return [c for c in calls if c.method == method and c.error is None]


def test_the_budget_counts_a_sliding_window_and_forgets_quiet_users():
    now = [0.0]
    budget = UpdateBudget(updates=3, questions=2, window=60, clock=lambda: now[0])
    assert [budget.admit(1, question=True) for _ in range(3)] == [None, None, Limit.QUESTIONS]
    assert budget.take_notice(1) and not budget.take_notice(1)  # one notice per window
    assert budget.admit(1, question=False) is Limit.UPDATES
    now[0] = 30.0
    assert budget.admit(2, question=False) is None and budget.take_notice(2)
    now[0] = 60.5  # user 1's hits are older than a window now
    assert budget.admit(1, question=True) is None and budget.take_notice(1)
    for user_id in range(100, 1100):
        budget.admit(user_id, question=True)
    assert budget.tracked_users() >= 1000
    now[0] = 200.0
    budget.admit(5, question=False)
    # Only the user heard from in the last window is still held.
    assert budget.tracked_users() == 1


async def test_questions_in_any_form_count_against_the_question_limit(harness):
    harness.services.flood = UpdateBudget(updates=60, questions=5)
    user = make_user(BIG + 1, "en")
    forms = [
        "Where is Konin?",
        "/ Where is Konin?",
        "/Konin where is it",
        "/ask Where is Konin?",
        "Konin Konin Konin",
        "/ Where is Wakefield?",
        "/ask Where is Wakefield?",
        "Where is Luzhou?",
    ]
    replies = [sent(await harness.send(user, text)) for text in forms]
    assert all(len(r) == 1 for r in replies[:5]), replies
    [notice] = replies[5]
    assert "5 questions per minute" in notice.text
    assert replies[6] == [] and replies[7] == []
    calls = await harness.feed(harness.api.inline_query(user, "Where is Konin?"))
    assert calls == []  # an inline query is a question too: dropped unanswered
    # Commands are not questions: they go on within the update budget.
    assert sent(await harness.send(user, "/privacy"))


async def test_group_mentions_count_and_admins_are_exempt_from_the_question_part_only(harness):
    harness.services.flood = UpdateBudget(updates=8, questions=2)
    user = make_user(BIG + 2, "de")
    mention = "@partnerbot_local_bot Wo liegt Konin?"
    replies = [sent(await harness.send(user, mention, chat=GROUP)) for _ in range(4)]
    assert [len(r) for r in replies] == [1, 1, 0, 0]  # no notice in a group
    # The notice is kept for where only the user sees it.
    assert "2 Fragen pro Minute" in sent(await harness.send(user, "Wo liegt Konin?"))[0].text
    admin = make_user(ADMIN_ID, "en")
    replies = [sent(await harness.send(admin, "Where is Konin?")) for _ in range(9)]
    assert all(len(r) == 1 for r in replies[:8])
    assert "per minute" in replies[8][0].text  # the update budget holds for admins too


async def test_button_presses_and_commands_beyond_the_budget_do_nothing(harness):
    harness.services.flood = UpdateBudget(updates=10, questions=5)
    user = make_user(BIG + 3, "de")
    card = sent(await harness.send(user, "/start"))[0]
    data = OpenEntry("city", "konin").pack()
    calls = []
    for _ in range(30):
        calls += await harness.press(user, card.result, data)
    cards = [c for c in sent(calls) if "Konin" in c.text]
    assert len(cards) == 9  # /start took one of the ten
    answers = sent(calls, "answerCallbackQuery")
    assert len(answers) == 30  # every press answered, so no client spins
    notices = [a for a in answers if a.params.get("text")]
    assert len(notices) == 1 and "10 Nachrichten und Tastendrücke" in notices[0].params["text"]
    documents = sent(await harness.send(user, "/mydata"), "sendDocument")
    assert documents == []


async def test_bystanders_in_a_group_are_not_stored(harness):
    bystander, asker = make_user(BIG + 4, "de"), make_user(BIG + 5, "de")
    assert await harness.send(bystander, "Wer kommt heute Abend mit?", chat=GROUP) == []
    assert await harness.send(bystander, "/start@some_other_bot", chat=GROUP) == []
    reaction = {
        "chat": GROUP,
        "message_id": 1,
        "user": bystander,
        "date": 0,
        "old_reaction": [],
        "new_reaction": [{"type": "emoji", "emoji": "👍"}],
    }
    assert await harness.feed(harness.api.add_update("message_reaction", reaction)) == []
    assert await harness.send(asker, "@partnerbot_local_bot Wo liegt Konin?", chat=GROUP)
    stored = {
        row[0]
        for row in await harness.services.db.fetchall(
            "SELECT user_id FROM users WHERE user_id IN (?, ?)", (bystander["id"], asker["id"])
        )
    }
    assert stored == {asker["id"]}


async def test_one_slow_user_does_not_hold_up_another_and_keeps_their_own_order(harness):
    application = harness.application
    assert isinstance(application.update_processor, PerUserUpdateProcessor)
    release, seen = asyncio.Event(), []

    async def slow_first(update: Update, context) -> None:
        text = update.effective_message.text if update.effective_message else ""
        seen.append(text)
        if text == "slow":
            await release.wait()
        if text in ("slow", "second"):
            raise ApplicationHandlerStop

    application.add_handler(TypeHandler(Update, slow_first), group=-2)
    slow, other = make_user(BIG + 6, "en"), make_user(BIG + 7, "en")
    for update in (
        harness.api.send_text(slow, "slow"),
        harness.api.send_text(slow, "second"),
        harness.api.send_text(other, "/help"),
    ):
        await application.update_queue.put(Update.de_json(update, application.bot))
    for _ in range(200):
        if harness.api.sent(other["id"]):
            break
        await asyncio.sleep(0.01)
    assert harness.api.sent(other["id"]), "the other user waited for the slow one"
    assert "second" not in seen  # the slow user's next update waits for their first
    release.set()
    for _ in range(200):
        if "second" in seen:
            break
        await asyncio.sleep(0.01)
    assert seen.index("slow") < seen.index("second")


async def test_a_flood_beyond_the_waiting_room_is_discarded_unread():
    processor = PerUserUpdateProcessor(max_concurrent_updates=4, max_waiting_per_user=2)
    release, done = asyncio.Event(), []

    async def work(n: int) -> None:
        if n == 0:
            await release.wait()
        done.append(n)

    update = Update.de_json(
        {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": 1, "type": "private"},
                "from": make_user(1),
                "text": "x",
            },
        },
        None,
    )
    first = asyncio.create_task(processor.process_update(update, work(0)))
    await asyncio.sleep(0)
    for n in range(1, 6):
        await processor.process_update(update, work(n))
    assert processor.discarded == 3
    release.set()
    await first
    assert done == [0, 1, 2]
