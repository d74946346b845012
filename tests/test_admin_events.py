"""/editevent and /cancelevent through the real Application offline: who hears of a change or a
cancellation (those told, those who asked for a reminder), each in their language, and buttons
that are stale or forged."""

from __future__ import annotations

import pytest

from bot.events import load_event
from bot.local_api import make_user, private_chat
from bot.users import isoformat, utcnow
from handlers.admin_events import AdminEventButton
from tests.conftest import ADMIN_ID
from tests.test_delivery import add_users, engine_harness
from tests.test_events import (
    ADMIN,
    new_event_draft,
    replies,
    subscribe,
    wait_jobs_done,
)


@pytest.fixture
async def ev(settings, catalogs):
    async with engine_harness(settings, catalogs, broadcast_rate=200.0) as harness:
        harness.api.chats[ADMIN_ID] = private_chat(ADMIN)
        yield harness


LANGUAGES_OF = {501: "de", 502: "ru", 503: "pl", 504: "tr", 505: "en"}


def answers(calls) -> list[str]:
    return [c.params.get("text") or "" for c in calls if c.method == "answerCallbackQuery"]


def notices_to(harness, chat_id: int, headline: str) -> list:
    return [c for c in replies(harness.api.sent(chat_id)) if c.text.startswith(headline)]


async def published_event_with_audience(harness) -> str:
    """A Beşiktaş event announced to 501 (de) and 502 (ru); 503 (pl) asked for a reminder
    without a subscription; 504 (tr) subscribed only afterwards; 505 (en) never heard of it."""
    await add_users(harness, LANGUAGES_OF)
    await subscribe(harness, 501, None, None)
    await subscribe(harness, 502, "besiktas", None)
    preview = await new_event_draft(harness)
    event_id = AdminEventButton.parse(preview.buttons()[0]["callback_data"]).id
    await harness.press_label(ADMIN, preview, "Publish")
    await wait_jobs_done(harness)
    async with harness.services.db.transaction() as conn:
        await conn.execute(
            "INSERT INTO event_reminders (user_id, event_id, created_at) VALUES (503, ?, ?)",
            (event_id, isoformat(utcnow())),
        )
    await subscribe(harness, 504, "besiktas", None)
    return event_id


async def pick(harness, command: str, event_id: str):
    [menu] = [c for c in replies(await harness.send(ADMIN, command)) if c.buttons()]
    [button] = [
        b for b in menu.buttons() if AdminEventButton.parse(b["callback_data"]).id == event_id
    ]
    return menu, button


async def test_cancelling_tells_those_told_and_those_reminded_each_in_their_language(ev, catalogs):
    event_id = await published_event_with_audience(ev)
    menu, button = await pick(ev, "/cancelevent", event_id)
    assert "cancel" in menu.text
    calls = await ev.press(ADMIN, menu.result, button["callback_data"])
    [confirm] = [c for c in replies(calls) if c.buttons()]
    assert "Jazz night" in confirm.text
    calls = await ev.press_label(ADMIN, confirm, "Yes, cancel")
    assert "3 people who knew of the event are told" in replies(calls)[-1].text
    await wait_jobs_done(ev)
    for user_id in (501, 502, 503):
        t = catalogs[LANGUAGES_OF[user_id]]
        [notice] = notices_to(ev, user_id, t.gettext("❌ This event has been cancelled."))
        assert "Jazz night" in notice.text
        # Nothing left to do about a cancelled event but unsubscribe.
        assert all(b["callback_data"].startswith("uns") for b in notice.buttons())
    for user_id in (504, 505):
        assert not ev.api.sent(user_id), user_id
    event = await load_event(ev.services.db, event_id)
    assert event.status == "cancelled"

    # The confirmation pressed again, and a second /cancelevent: nothing more goes out.
    calls = await ev.press_label(ADMIN, confirm, "Yes, cancel")
    assert answers(calls) == [
        "Someone changed or cancelled this event meanwhile; please look again."
    ]
    calls = await ev.send(ADMIN, "/cancelevent")
    assert replies(calls)[-1].text == "There are no upcoming events."
    await wait_jobs_done(ev)
    assert (
        await ev.services.db.scalar(
            "SELECT count(*) FROM event_announcements WHERE kind = 'cancelled'"
        )
        == 1
    )
    assert (
        len(notices_to(ev, 501, catalogs["de"].gettext("❌ This event has been cancelled."))) == 1
    )


async def test_editing_the_start_tells_those_concerned_with_the_new_time(ev, catalogs):
    event_id = await published_event_with_audience(ev)
    before = await load_event(ev.services.db, event_id)
    menu, button = await pick(ev, "/editevent", event_id)
    calls = await ev.press(ADMIN, menu.result, button["callback_data"])
    [fields] = [c for c in replies(calls) if c.buttons()]
    calls = await ev.press_label(ADMIN, fields, "Start time")
    assert "Send the new value" in replies(calls)[-1].text
    [reply] = replies(await ev.send(ADMIN, "25:61"))
    assert "could not read that time" in reply.text
    [reply] = replies(await ev.send(ADMIN, "20:15"))
    assert "3 people who knew of the event are told" in reply.text
    await wait_jobs_done(ev)
    event = await load_event(ev.services.db, event_id)
    assert event.status == "changed" and event.revision == before.revision + 1
    assert event.local_start.hour == 20 and event.local_start.minute == 15
    assert event.local_start.date() == before.local_start.date()
    assert event.local_end == before.local_end
    for user_id in (501, 502, 503):
        t = catalogs[LANGUAGES_OF[user_id]]
        headline = t.gettext("✏️ This event has changed. Here are the current details:")
        [notice] = notices_to(ev, user_id, headline)
        assert "20:15" in notice.text or "8:15" in notice.text, notice.text
    for user_id in (504, 505):
        assert not ev.api.sent(user_id), user_id


async def test_an_edit_that_crosses_another_change_is_refused_and_tells_nobody(ev):
    event_id = await published_event_with_audience(ev)
    menu, button = await pick(ev, "/editevent", event_id)
    calls = await ev.press(ADMIN, menu.result, button["callback_data"])
    [fields] = [c for c in replies(calls) if c.buttons()]
    await ev.press_label(ADMIN, fields, "Venue")
    async with ev.services.db.transaction() as conn:  # another admin, meanwhile
        await conn.execute("UPDATE events SET revision = revision + 1 WHERE id = ?", (event_id,))
    [reply] = replies(await ev.send(ADMIN, "Kulturzentrum"))
    assert reply.text == "Someone changed or cancelled this event meanwhile; please look again."
    event = await load_event(ev.services.db, event_id)
    assert event.venue is None and event.status == "scheduled"
    assert not await ev.services.db.scalar(
        "SELECT count(*) FROM event_announcements WHERE kind != 'published'"
    )


async def test_forged_and_stale_admin_buttons_change_nothing(ev):
    event_id = await published_event_with_audience(ev)
    menu, _ = await pick(ev, "/cancelevent", event_id)
    forged = AdminEventButton("cancelyes", "no-such-event").pack()
    assert answers(await ev.press(ADMIN, menu.result, forged)) == ["This event no longer exists."]
    unknown = AdminEventButton("explode", event_id).pack()
    assert answers(await ev.press(ADMIN, menu.result, unknown)) == [
        "This button is no longer valid."
    ]
    # Someone who is not an admin pressing a copied button is refused.
    stranger = make_user(505, "en")
    calls = await ev.press(stranger, menu.result, AdminEventButton("cancelyes", event_id).pack())
    assert answers(calls) == ["Sorry, only the bot's administrators can do this."]
    assert (await load_event(ev.services.db, event_id)).status == "scheduled"
    # A draft's "Publish" after it was discarded.
    preview = await new_event_draft(ev, title="Draft")
    draft_id = AdminEventButton.parse(preview.buttons()[0]["callback_data"]).id
    await ev.press_label(ADMIN, preview, "Discard")
    calls = await ev.press_label(ADMIN, preview, "Publish")
    assert answers(calls) == ["This event no longer exists."]
    assert await load_event(ev.services.db, draft_id) is None
    assert await ev.services.db.scalar("SELECT count(*) FROM event_announcements") == 1


async def test_non_admins_cannot_list_events_to_edit_or_cancel(ev):
    user = make_user(505, "en")
    for command in ("/editevent", "/cancelevent"):
        [reply] = replies(await ev.send(user, command))
        assert reply.text == "Sorry, only the bot's administrators can do this."
        assert not reply.buttons()
