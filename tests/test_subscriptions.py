"""/subscribe, /mysubscriptions, /stop and the unsubscribe button under an announcement, through
the real Application offline; a toggle pressed after blocking and unblocking the bot."""

from __future__ import annotations

import time

from bot.app.local_api import make_user
from bot.subscriptions import Subscription, subscribers, subscriptions
from handlers.subscriptions import StopAll, Toggle
from tests.test_events import (
    ADMIN,
    announcements_to,
    ev,
    new_event_draft,
    replies,
    subscribe,
    wait_jobs_done,
)

__all__ = ["ev"]


def answers(calls) -> list[str]:
    return [c.params.get("text") for c in calls if c.method == "answerCallbackQuery"]


def chat_member(api, user: dict, status: str) -> dict:
    old = "member" if status == "kicked" else "kicked"
    return api.add_update(
        "my_chat_member",
        {
            "chat": {"id": user["id"], "type": "private", "first_name": user["first_name"]},
            "from": user,
            "date": int(time.time()),
            "old_chat_member": {"user": api.bot_user, "status": old, **_until(old)},
            "new_chat_member": {"user": api.bot_user, "status": status, **_until(status)},
        },
    )


def _until(status: str) -> dict:
    return {"until_date": 0} if status == "kicked" else {}


async def test_subscribe_toggles_mysubscriptions_and_stop(ev):
    user = make_user(701, "pl")
    [menu] = replies(await ev.send(user, "/subscribe"))
    assert "Subskrypcje" in menu.text or "subskrypc" in menu.text.lower(), menu.text
    calls = await ev.press(user, menu.result, Toggle("-", "-", 1).pack())
    [edited] = [c for c in calls if c.method == "editMessageText"]
    assert answers(calls)[0] != "Subscribed: everything"  # translated
    assert await subscriptions(ev.services.db, 701) == [Subscription(None, None)]
    # The redrawn toggles ask for the opposite state now.
    assert Toggle("-", "-", 0).pack() in [b["callback_data"] for b in edited.buttons()]
    await ev.press(user, menu.result, Toggle("konin", "-", 1).pack())
    await ev.press(user, menu.result, Toggle("-", "sport", 1).pack())
    [mine] = replies(await ev.send(user, "/mysubscriptions"))
    assert mine.text.count("•") == 3
    assert "Konin" in mine.text
    # Toggling off removes exactly that one; a repeated press asks for the same state again.
    for _ in range(2):
        await ev.press(user, menu.result, Toggle("-", "-", 0).pack())
    assert await subscriptions(ev.services.db, 701) == [
        Subscription("konin", None),
        Subscription(None, "sport"),
    ]
    # /stop asks first; "no" keeps everything, "yes" ends it all.
    [question] = replies(await ev.send(user, "/stop"))
    assert "2" in question.text and len(await subscriptions(ev.services.db, 701)) == 2
    [kept] = replies(await ev.press(user, question.result, StopAll(0).pack()), "editMessageText")
    assert len(await subscriptions(ev.services.db, 701)) == 2
    [stopped] = replies(await ev.press(user, question.result, StopAll(1).pack()), "editMessageText")
    assert "2" in stopped.text and kept.text != stopped.text
    assert await subscriptions(ev.services.db, 701) == []
    [mine] = replies(await ev.send(user, "/mysubscriptions"))
    assert "/subscribe" in mine.text and "•" not in mine.text


async def test_forged_toggles_change_nothing(ev):
    user = make_user(702, "de")
    [menu] = replies(await ev.send(user, "/subscribe"))
    for data in (Toggle("atlantis", "-", 1).pack(), Toggle("-", "cooking", 1).pack(), "sub:x"):
        calls = await ev.press(user, menu.result, data)
        assert answers(calls), data
    assert await subscriptions(ev.services.db, 702) == []


async def test_the_unsubscribe_button_removes_exactly_what_triggered_the_announcement(ev):
    user = make_user(703, "de")
    await ev.send(user, "/start")
    for city, topic in (("besiktas", None), (None, "culture"), ("konin", None)):
        await subscribe(ev, 703, city, topic)
    preview = await new_event_draft(ev, city="besiktas", topic="culture")
    await ev.press_label(ADMIN, preview, "Publish")
    await wait_jobs_done(ev)
    [announcement] = announcements_to(ev, 703)
    [button] = [b for b in announcement.buttons() if b["callback_data"].startswith("uns:")]
    assert button["callback_data"] == "uns:besiktas:-"
    assert "Beşiktaş" in button["text"] or "Be" in button["text"]
    calls = await ev.press(user, announcement.result, button["callback_data"])
    [first] = answers(calls)
    assert "Beşiktaş" in first and not first.startswith("Unsubscribed")
    assert await subscriptions(ev.services.db, 703) == [
        Subscription(None, "culture"),
        Subscription("konin", None),
    ]
    # Pressed again: nothing more is removed, and the user is told so.
    calls = await ev.press(user, announcement.result, button["callback_data"])
    assert len(await subscriptions(ev.services.db, 703)) == 2
    [second] = answers(calls)
    assert "Beşiktaş" in second and second != first


async def test_a_toggle_pressed_after_blocking_and_unblocking_the_bot(ev):
    user = make_user(704, "tr")
    [menu] = replies(await ev.send(user, "/subscribe"))
    await ev.press(user, menu.result, Toggle("konin", "-", 1).pack())
    await ev.feed(chat_member(ev.api, user, "kicked"))
    assert await ev.services.db.scalar("SELECT blocked FROM users WHERE user_id = 704") == 1
    async with ev.services.db.transaction() as conn:
        assert await subscribers(conn, ["konin"], "sport", "de") == []
    await ev.feed(chat_member(ev.api, user, "member"))
    # The old menu's button still says "on": the press keeps the subscription, once, and
    # answers in Turkish.
    calls = await ev.press(user, menu.result, Toggle("konin", "-", 1).pack())
    [answer] = answers(calls)
    assert answer and "Konin" in answer and not answer.startswith("Subscribed")
    assert await subscriptions(ev.services.db, 704) == [Subscription("konin", None)]
    assert await ev.services.db.scalar("SELECT blocked FROM users WHERE user_id = 704") == 0
    async with ev.services.db.transaction() as conn:
        [recipient] = await subscribers(conn, ["konin"], "sport", "de")
    assert (recipient.user_id, recipient.language) == (704, "tr")
