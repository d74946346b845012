"""Quiet hours and the weekly digest through the real Application offline: a new event waits
until 08:00 without holding up a later broadcast, digest users get one digest with the week's
events exactly once, /deleteme removes the new data, and the /subscribe options."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

import bot.announcements
import bot.digests
from bot.announcements import concerned
from bot.app.context import BotContext
from bot.app.local_api import make_user
from bot.delivery import Content
from bot.events import load_event
from bot.subscriptions import options, quiet_until, set_option
from bot.users import isoformat, utcnow
from handlers.admin_events import AdminEventButton
from handlers.admin_events import renderer as admin_renderer
from handlers.events import EventButton
from handlers.subscriptions import OptionToggle, StopAll
from tests.test_delivery import add_users, start_job, states, wait_until_finished
from tests.test_events import (
    ADMIN,
    announcements_to,
    ev,
    new_event_draft,
    replies,
    subscribe,
    wait_for,
    wait_jobs_done,
)
from tests.test_office_privacy import no_trace
from tests.test_subscriptions import answers

__all__ = ["ev"]

HERNE = ZoneInfo("Europe/Berlin")


def herne(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=HERNE)


def test_quiet_hours_end_at_the_next_eight_oclock_in_herne():
    day = date(2026, 3, 28)  # Europe/Berlin springs forward in the night to the 29th
    assert quiet_until(herne(day, 23)) == herne(day + timedelta(days=1), 8).timestamp()
    assert quiet_until(herne(day, 22)) == herne(day + timedelta(days=1), 8).timestamp()
    assert quiet_until(herne(day, 7, 59)) == herne(day, 8).timestamp()
    assert quiet_until(herne(day, 8)) is None
    assert quiet_until(herne(day, 21, 59)) is None
    # 22:30 UTC is 23:30 in Herne in winter: quiet, whatever the server's zone.
    assert quiet_until(datetime(2026, 1, 10, 22, 30, tzinfo=UTC)) == (
        herne(date(2026, 1, 11), 8).timestamp()
    )


async def publish_at_night(harness, monkeypatch) -> float:
    """Publish an event at 23:00 Herne time today; returns when quiet hours end (08:00)."""
    night = herne(datetime.now(HERNE).date(), 23)
    monkeypatch.setattr(bot.announcements, "utcnow", lambda: night.astimezone(UTC))
    preview = await new_event_draft(harness)
    await harness.press_label(ADMIN, preview, "Publish")
    monkeypatch.undo()
    return herne(night.date() + timedelta(days=1), 8).timestamp()


async def test_a_quiet_hours_user_gets_the_announcement_at_eight_not_at_eleven(ev, monkeypatch):
    db = ev.services.db
    await add_users(ev, {601: "de", 602: "en"})
    await subscribe(ev, 601, None, None)
    await subscribe(ev, 602, None, None)
    assert await set_option(db, 601, "quiet_hours", True)
    morning = await publish_at_night(ev, monkeypatch)

    # The other subscriber hears at once; the quiet one's row waits for 08:00.
    async def told():
        return announcements_to(ev, 602)

    await wait_for(told)
    held = await db.fetchone("SELECT state, not_before FROM deliveries WHERE user_id = 601")
    assert tuple(held) == ("pending", morning)
    await asyncio.sleep(0.3)
    assert announcements_to(ev, 601) == []
    # 08:00 comes (the row's time is moved instead of waiting hours).
    async with db.transaction() as conn:
        await conn.execute("UPDATE deliveries SET not_before = 0 WHERE user_id = 601")
    ev.services.delivery.wake()
    await wait_jobs_done(ev)
    [announcement] = announcements_to(ev, 601)
    assert "Neue Veranstaltung" in announcement.text


async def test_a_held_announcement_does_not_block_a_later_broadcast(ev, monkeypatch):
    db = ev.services.db
    await add_users(ev, {603: "de"})
    await subscribe(ev, 603, None, None)
    await set_option(db, 603, "quiet_hours", True)
    await publish_at_night(ev, monkeypatch)
    # The held announcement is the older job (its clock said 23:00, maybe later than now).
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE delivery_jobs SET started_at = ? WHERE origin = 'announcement'",
            (isoformat(utcnow() - timedelta(hours=1)),),
        )
    job_id = await start_job(ev, {"de": Content("text", "Rundschreiben")})
    await wait_until_finished(ev, job_id)
    assert (await states(ev, job_id))[603] == "sent"
    assert (
        await db.scalar(
            "SELECT state FROM deliveries WHERE user_id = 603 AND job_id != ?", (job_id,)
        )
        == "pending"
    )
    assert announcements_to(ev, 603) == []


async def run_digest_job(harness) -> None:
    [job] = harness.application.job_queue.get_jobs_by_name("weekly-digest")
    await job.run(harness.application)


def digests_to(harness, chat_id):
    return [c for c in replies(harness.api.sent(chat_id)) if "🗞" in c.text]


async def test_a_digest_user_gets_one_digest_with_both_events_exactly_once(ev):
    db = ev.services.db
    await add_users(ev, {611: "ru", 612: "en"})
    await subscribe(ev, 611, None, None)
    await subscribe(ev, 612, None, None)
    await set_option(db, 611, "digest", True)
    for title in ("Jazz night", "Chess cup"):
        preview = await new_event_draft(ev, title=title)
        calls = await ev.press_label(ADMIN, preview, "Publish")
        assert "goes to 2 subscribers" in replies(calls)[-1].text
    await wait_jobs_done(ev)
    assert len(announcements_to(ev, 612)) == 2
    assert announcements_to(ev, 611) == [] and digests_to(ev, 611) == []
    # Run twice, also at once: the items are taken in the transaction that writes the digest.
    await asyncio.gather(run_digest_job(ev), run_digest_job(ev))
    await run_digest_job(ev)
    ev.services.delivery.wake()
    await wait_jobs_done(ev)
    [digest] = digests_to(ev, 611)
    assert "Jazz night" in digest.text and "Chess cup" in digest.text
    assert "2 новых" in digest.text or "2 новые" in digest.text, digest.text
    opened = [EventButton.parse(b["callback_data"]) for b in digest.buttons()]
    assert [b.action for b in opened] == ["open", "open"]
    assert digests_to(ev, 612) == []
    # A button opens the event's card.
    calls = await ev.press(
        make_user(611, "ru"), digest.result, digest.buttons()[0]["callback_data"]
    )
    assert any("Chess cup" in c.text or "Jazz night" in c.text for c in replies(calls))
    # A change later reaches the digest reader at once.
    event_id = opened[0].id
    assert (
        await db.scalar("SELECT count(*) FROM digest_items WHERE user_id = 611 AND job_id IS NULL")
        == 0
    )
    event = await load_event(db, event_id)
    assert 611 in {r.user_id for r in await concerned(db.connection, event, "en")}


async def test_a_long_week_is_split_over_digests_and_nothing_is_lost(ev, monkeypatch):
    monkeypatch.setattr(bot.digests, "MAX_DIGEST_EVENTS", 1)
    db = ev.services.db
    await add_users(ev, {621: "de"})
    await subscribe(ev, 621, None, None)
    await set_option(db, 621, "digest", True)
    for title in ("Jazz night", "Chess cup"):
        preview = await new_event_draft(ev, title=title)
        await ev.press_label(ADMIN, preview, "Publish")
    await wait_jobs_done(ev)
    for expected in (1, 2, 2):
        await run_digest_job(ev)
        ev.services.delivery.wake()
        await wait_jobs_done(ev)
        assert len(digests_to(ev, 621)) == expected
    texts = " ".join(d.text for d in digests_to(ev, 621))
    assert "Jazz night" in texts and "Chess cup" in texts


async def test_deleteme_removes_the_options_and_digest_items(ev):
    db, user_id = ev.services.db, 621
    user = make_user(user_id, "de")
    await add_users(ev, {user_id: "de"})
    await subscribe(ev, user_id, None, None)
    await set_option(db, user_id, "digest", True)
    await set_option(db, user_id, "quiet_hours", True)
    preview = await new_event_draft(ev)
    await ev.press_label(ADMIN, preview, "Publish")
    preview_id = await db.scalar("SELECT event_id FROM digest_items WHERE user_id = ?", (user_id,))
    assert preview_id is not None
    [export] = replies(await ev.send(user, "/mydata"), "sendDocument")
    exported = json.loads(export.files["document"][1])
    assert exported["user"]["quiet_hours"] == 1 and exported["user"]["digest"] == 1
    assert [item["event_id"] for item in exported["weekly_digest_events"]] == [preview_id]
    assert "digest_items.user_id" in await no_trace(db, user_id)
    prompt = replies(await ev.send(user, "/deleteme"))[0]
    await ev.press_label(user, prompt, "löschen")
    assert await no_trace(db, user_id) == []


@pytest.mark.parametrize(
    ("language", "quiet", "digest", "on"),
    [
        ("de", "Ruhezeit", "Wochenübersicht", "Ein"),
        ("ru", "Тихие часы", "Еженедельная сводка", "Вкл"),
    ],
)
async def test_the_options_toggle_idempotently_in_the_users_language(
    ev, language, quiet, digest, on
):
    user = make_user(631, language)
    [menu] = replies(await ev.send(user, "/subscribe"))
    labels = [b["text"] for b in menu.buttons()]
    assert any(quiet in label for label in labels) and any(digest in label for label in labels)
    for _ in range(2):  # a repeated (stale) press asks for the same state again
        calls = await ev.press(user, menu.result, OptionToggle("quiet_hours", 1).pack())
        assert answers(calls)[0].startswith(on), answers(calls)
    assert await options(ev.services.db, 631) == {"quiet_hours": True, "digest": False}
    [edited] = [c for c in calls if c.method == "editMessageText"]
    assert OptionToggle("quiet_hours", 0).pack() in [b["callback_data"] for b in edited.buttons()]
    await ev.press(user, menu.result, OptionToggle("digest", 1).pack())
    for _ in range(2):
        await ev.press(user, menu.result, OptionToggle("quiet_hours", 0).pack())
    assert await options(ev.services.db, 631) == {"quiet_hours": False, "digest": True}
    calls = await ev.press(user, menu.result, "opt:bedtime:1")
    assert answers(calls)
    assert await options(ev.services.db, 631) == {"quiet_hours": False, "digest": True}


async def release_held(harness) -> None:
    """08:00 comes: the held rows' time is moved instead of waiting hours."""
    async with harness.services.db.transaction() as conn:
        await conn.execute("UPDATE deliveries SET not_before = 0 WHERE state = 'pending'")
    harness.services.delivery.wake()
    await wait_jobs_done(harness)


async def test_held_news_is_rendered_as_the_event_is_at_release_and_not_at_all_if_cancelled(
    ev, monkeypatch
):
    db = ev.services.db
    await add_users(ev, {641: "de", 642: "de"})
    await subscribe(ev, 641, None, None)
    await subscribe(ev, 642, None, None)
    await set_option(db, 641, "quiet_hours", True)
    preview = await new_event_draft(ev, title="Jazz night")
    event_id = AdminEventButton.parse(preview.buttons()[0]["callback_data"]).id
    night = herne(datetime.now(HERNE).date(), 23)
    monkeypatch.setattr(bot.announcements, "utcnow", lambda: night.astimezone(UTC))
    await ev.press_label(ADMIN, preview, "Publish")

    async def told():
        return announcements_to(ev, 642)

    await wait_for(told)
    # Moved to 20:15 during the night: the one told at once hears of the change, the held one
    # gets the new event as it now is, once, at 08:00.
    event = await load_event(db, event_id)
    moved = event.starts_at + timedelta(hours=1, minutes=15)
    outcome, _ = await bot.announcements.update_event(
        db, event_id, event.revision, {"starts_at": isoformat(moved)}, ADMIN["id"], "de",
        admin_renderer(BotContext(ev.application)),
    )  # fmt: skip
    assert outcome is bot.announcements.Outcome.DONE
    monkeypatch.undo()
    ev.services.delivery.wake()

    async def change_told():
        return len(replies(ev.api.sent(642))) == 2

    await wait_for(change_told)
    assert announcements_to(ev, 641) == []
    await release_held(ev)
    [held] = announcements_to(ev, 641)
    assert "Neue Veranstaltung" in held.text and "20:15" in held.text and "19:00" not in held.text
    assert len(replies(ev.api.sent(641))) == 1
    assert len(announcements_to(ev, 642)) == 1  # and the change

    # Announced at night and cancelled before 08:00: the held user gets nothing at all.
    preview = await new_event_draft(ev, title="Chess cup")
    event_id = AdminEventButton.parse(preview.buttons()[0]["callback_data"]).id
    monkeypatch.setattr(bot.announcements, "utcnow", lambda: night.astimezone(UTC))
    await ev.press_label(ADMIN, preview, "Publish")
    monkeypatch.undo()
    event = await load_event(db, event_id)
    await bot.announcements.update_event(
        db, event_id, event.revision, {"status": "cancelled"}, ADMIN["id"], "de",
        admin_renderer(BotContext(ev.application)),
    )  # fmt: skip
    await release_held(ev)
    assert len(replies(ev.api.sent(641))) == 1
    assert "Chess cup" not in " ".join(c.text for c in replies(ev.api.sent(641)))


async def test_stop_ends_the_digest_and_what_quiet_hours_hold(ev, monkeypatch):
    db = ev.services.db
    user = make_user(651, "de")
    await add_users(ev, {651: "de", 652: "de"})
    await subscribe(ev, 651, None, None)
    await subscribe(ev, 652, None, None)
    await set_option(db, 651, "digest", True)
    await set_option(db, 652, "quiet_hours", True)
    await publish_at_night(ev, monkeypatch)
    for who in (user, make_user(652, "de")):
        # /stop asks first; the test confirms.
        [question] = [c for c in await ev.send(who, "/stop") if c.method == "sendMessage"]
        await ev.press(who, question.result, StopAll(1).pack())
    await run_digest_job(ev)
    await release_held(ev)
    assert digests_to(ev, 651) == [] and announcements_to(ev, 652) == []
