"""/editevent and /cancelevent through the real Application offline: who hears of a change or a
cancellation (those told, those who asked for a reminder), each in their language, and buttons
that are stale or forged."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from babel.dates import format_date

from bot.app.local_api import ApiError, make_user, private_chat
from bot.event_input import MAX_DESCRIPTION, MAX_LINK, MAX_TITLE, MAX_VENUE, EventDraft, InputError
from bot.events import load_event
from bot.users import isoformat, utcnow
from handlers.admin_events import AdminEventButton, NewEventChoice
from tests.conftest import ADMIN_ID
from tests.test_delivery import add_users, engine_harness
from tests.test_events import (
    ADMIN,
    announcements_to,
    future_day,
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
        # Nothing left to do about a cancelled event but take it out of the calendar, or
        # unsubscribe.
        assert {b["callback_data"].split(":")[0] for b in notice.buttons()} <= {"uns", "eve"}
        assert [b for b in notice.buttons() if b["callback_data"].startswith("eve:ics:")]
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
        # The notice says what changed, in the reader's language.
        headline = t.gettext(
            "✏️ This event has changed. Changed: %(fields)s. Here are the current details:",
            fields=t.gettext("Start time"),
        )
        [notice] = notices_to(ev, user_id, headline)
        assert "20:15" in notice.text or "8:15" in notice.text, notice.text
    for user_id in (504, 505):
        assert not ev.api.sent(user_id), user_id


async def test_moving_the_venue_to_another_city_moves_zone_pin_and_calendar(ev, catalogs):
    event_id = await published_event_with_audience(ev)
    before = await load_event(ev.services.db, event_id)
    assert before.timezone == "Europe/Istanbul" and before.venue_city_id is None
    menu, button = await pick(ev, "/editevent", event_id)
    [fields] = [c for c in replies(await ev.press(ADMIN, menu.result, button["callback_data"]))]
    [cities] = replies(await ev.press_label(ADMIN, fields, "Venue city"))
    # The event's own city first, then Herne.
    assert [b["callback_data"] for b in cities.buttons()[:2]] == [
        AdminEventButton("place", event_id, "besiktas").pack(),
        AdminEventButton("place", event_id, "herne").pack(),
    ]
    calls = await ev.press(ADMIN, cities.result, cities.buttons()[1]["callback_data"])
    assert "3 people who knew of the event are told" in replies(calls)[-1].text
    await wait_jobs_done(ev)
    event = await load_event(ev.services.db, event_id)
    herne = ev.services.qa.index.cities["herne"]
    assert (event.venue_city_id, event.timezone) == ("herne", "Europe/Berlin")
    assert (event.lat, event.lon) == (herne.lat, herne.lon)
    # 19:00 to 21:30 at the venue, as the admin gave them: now Herne's 19:00.
    assert event.local_start.replace(tzinfo=None) == before.local_start.replace(tzinfo=None)
    assert event.local_end.replace(tzinfo=None) == before.local_end.replace(tzinfo=None)
    assert event.starts_at - before.starts_at == before.local_start.utcoffset() - (
        event.local_start.utcoffset()
    )
    for user_id in (501, 502, 503):
        t = catalogs[LANGUAGES_OF[user_id]]
        headline = t.gettext(
            "✏️ This event has changed. Changed: %(fields)s. Here are the current details:",
            fields=t.gettext("Venue city"),
        )
        [notice] = notices_to(ev, user_id, headline)
        assert herne.name(LANGUAGES_OF[user_id]) in notice.text, notice.text

    # The venue's name and address: its own field, named as such.
    menu, button = await pick(ev, "/editevent", event_id)
    [fields] = replies(await ev.press(ADMIN, menu.result, button["callback_data"]))
    await ev.press_label(ADMIN, fields, "Venue")
    [reply] = replies(await ev.send(ADMIN, "Kulturzentrum, Willi-Pohlmann-Platz 1"))
    assert "people who knew of the event are told" in reply.text
    await wait_jobs_done(ev)
    t = catalogs["de"]
    headline = t.gettext(
        "✏️ This event has changed. Changed: %(fields)s. Here are the current details:",
        fields=t.gettext("Venue"),
    )
    [notice] = notices_to(ev, 501, headline)
    assert "Kulturzentrum, Willi-Pohlmann-Platz 1" in notice.text


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


# ---- what an admin may type: lengths, the venue's today, overnight and multi-day ------------


async def start_new_event(harness, city="konin") -> None:
    await harness.send(ADMIN, "/newevent")
    prompt = harness.api.sent(ADMIN_ID)[-1]
    await harness.press(ADMIN, prompt.result, NewEventChoice("city", city).pack())
    prompt = harness.api.sent(ADMIN_ID)[-1]
    await harness.press(ADMIN, prompt.result, NewEventChoice("topic", "culture").pack())
    prompt = harness.api.sent(ADMIN_ID)[-1]
    await harness.press(ADMIN, prompt.result, prompt.buttons()[0]["callback_data"])


async def test_long_answers_are_refused_at_entry_and_the_longest_preview_fits(ev):
    await start_new_event(ev)
    for too_long, fits in (
        ("T" * (MAX_TITLE + 1), "T" * MAX_TITLE),
        ("D" * (MAX_DESCRIPTION + 1), "D" * MAX_DESCRIPTION),
        (future_day().isoformat(), None),
        ("19:00", None),
        ("21:00", None),
        ("V" * (MAX_VENUE + 1), "V" * MAX_VENUE),
        ("/skip", None),
        ("https://example.org/" + "l" * MAX_LINK, "https://example.org/" + "l" * 480),
    ):
        if fits is None:
            calls = await ev.send(ADMIN, too_long)
            continue
        [reply] = replies(await ev.send(ADMIN, too_long))
        shown = reply.text.replace(",", "")
        assert f"{len(too_long)} characters" in shown, reply.text
        calls = await ev.send(ADMIN, fits)
    [preview] = [c for c in replies(calls) if "Preview" in c.text]
    assert len(preview.text) > 3000
    event = await load_event(
        ev.services.db, AdminEventButton.parse(preview.buttons()[0]["callback_data"]).id
    )
    assert event.text("en")[0] == "T" * MAX_TITLE and event.venue == "V" * MAX_VENUE


async def test_a_draft_whose_preview_fails_is_not_left_behind(ev):
    await start_new_event(ev)
    ev.api.fault = lambda method, params: (
        ApiError(400, "Bad Request: message is too long")
        if method == "sendMessage" and "Preview" in (params.get("text") or "")
        else None
    )
    for answer in ("Title", "/skip", future_day().isoformat(), "19:00", "/skip", "/skip", "/skip"):
        await ev.send(ADMIN, answer)
    ev.api.fault = None
    assert await ev.services.db.scalar("SELECT count(*) FROM events WHERE origin = 'admin'") == 0


def test_today_is_the_venues_today():
    # 03:00 UTC: still the day before in Chicago, already the same day in Warsaw.
    now = datetime(2027, 3, 10, 3, 0, tzinfo=UTC)
    chicago = EventDraft("en", timezone="America/Chicago")
    chicago.on_day(date(2027, 3, 9), now)
    with pytest.raises(InputError):
        chicago.on_day(date(2027, 3, 8), now)
    warsaw = EventDraft("en", timezone="Europe/Warsaw")
    with pytest.raises(InputError):
        warsaw.on_day(date(2027, 3, 9), now)
    # 23:30 UTC: already tomorrow in Warsaw, so today (UTC) is in the past there.
    late = datetime(2027, 3, 10, 23, 30, tzinfo=UTC)
    with pytest.raises(InputError):
        warsaw.on_day(date(2027, 3, 10), late)
    warsaw.on_day(date(2027, 3, 11), late)


async def entered_event(harness, start: str, end: str):
    await start_new_event(harness)
    for answer in ("Night", "/skip", future_day().isoformat(), start, end):
        [reply] = replies(await harness.send(ADMIN, answer))
        assert "must come after" not in reply.text and "could not" not in reply.text, reply.text
    for _ in range(3):
        calls = await harness.send(ADMIN, "/skip")
    [preview] = [c for c in replies(calls) if "Preview" in c.text]
    event_id = AdminEventButton.parse(preview.buttons()[0]["callback_data"]).id
    return preview, await load_event(harness.services.db, event_id)


async def test_overnight_and_multi_day_events_can_be_entered(ev):
    _, overnight = await entered_event(ev, "22:00", "02:00")
    assert overnight.local_start.date() == future_day()
    assert overnight.local_end.date() == future_day() + timedelta(days=1)
    assert overnight.local_end.hour == 2
    last_day = future_day() + timedelta(days=2)
    preview, festival = await entered_event(ev, "10:00", f"{last_day.isoformat()} 18:00")
    assert festival.local_end.date() == last_day and festival.local_end.hour == 18
    assert format_date(last_day, "full", locale="en_GB") in preview.text
    # The English short formats: a time with a space, a date before it.
    _, evening = await entered_event(ev, "6:00 PM", "11:30 PM")
    assert (evening.local_start.hour, evening.local_end.hour) == (18, 23)
    us_date = format_date(last_day, "short", locale="en_GB")
    _, fair = await entered_event(ev, "6:00 PM", f"{us_date} 2:00 PM")
    assert fair.local_end.date() == last_day and fair.local_end.hour == 14


async def test_edits_offer_skip_only_where_it_is_accepted_and_a_new_date_moves_the_end(ev):
    preview, evening = await entered_event(ev, "10:00", "12:00")
    await ev.press_label(ADMIN, preview, "Publish")
    menu, button = await pick(ev, "/editevent", evening.id)
    [fields] = [c for c in replies(await ev.press(ADMIN, menu.result, button["callback_data"]))]
    await ev.press_label(ADMIN, fields, "Start time")
    # A start past the end: refused, with what to do instead, and no /skip that is refused.
    [reply] = replies(await ev.send(ADMIN, "13:00"))
    assert "earlier start" in reply.text and "/skip" not in reply.text, reply.text
    await ev.send(ADMIN, "/cancel")
    await ev.press_label(ADMIN, fields, "End time")
    [reply] = replies(await ev.send(ADMIN, f"{future_day().isoformat()} 09:00"))
    assert "must come after" in reply.text and "/skip" not in reply.text, reply.text
    await ev.send(ADMIN, "/cancel")
    await ev.press_label(ADMIN, fields, "Link")
    [reply] = replies(await ev.send(ADMIN, "not a link"))
    assert "https://" in reply.text and "/skip" not in reply.text, reply.text
    await ev.send(ADMIN, "/cancel")
    # A new date moves a multi-day event whole.
    preview, festival = await entered_event(
        ev, "10:00", f"{(future_day() + timedelta(days=2)).isoformat()} 18:00"
    )
    await ev.press_label(ADMIN, preview, "Publish")
    menu, button = await pick(ev, "/editevent", festival.id)
    calls = await ev.press(ADMIN, menu.result, button["callback_data"])
    [fields] = [c for c in replies(calls) if c.buttons()]
    await ev.press_label(ADMIN, fields, "Date")
    later = future_day() + timedelta(days=7)
    assert "Saved" in replies(await ev.send(ADMIN, later.isoformat()))[-1].text
    moved = await load_event(ev.services.db, festival.id)
    assert moved.local_start.date() == later and moved.local_start.hour == 10
    assert moved.ends_at - moved.starts_at == festival.ends_at - festival.starts_at


async def test_the_preview_names_the_partner_cities_the_title_names(ev):
    """Made as Herne's event, the orchestra from Konin is found under Konin too: the admin
    sees that in the preview before publishing, without being asked for it."""
    preview = await new_event_draft(ev, city="herne", title="Youth orchestra from Konin")
    assert "🏙 🇩🇪 Herne, 🇵🇱 Konin · " in preview.text
    event_id = AdminEventButton.parse(preview.buttons()[0]["callback_data"]).id
    assert (await load_event(ev.services.db, event_id)).named_city_ids == ("konin",)
    plain = await new_event_draft(ev, city="herne", title="Jazz night")
    assert "🏙 🇩🇪 Herne · " in plain.text


async def test_an_edit_that_names_another_city_announces_the_event_to_its_subscribers(ev):
    """A published Herne event whose title now names Konin: Herne's subscriber hears of the
    change, Konin's hears of the event for the first time, once, with the Konin subscription
    on its unsubscribe button; Wakefield's hears of nothing, and the admin is told both."""
    await add_users(ev, {511: "pl", 512: "de", 513: "en"})
    await subscribe(ev, 511, "konin", None)
    await subscribe(ev, 512, "herne", None)
    await subscribe(ev, 513, "wakefield", None)
    preview = await new_event_draft(ev, city="herne", title="Youth orchestra")
    event_id = AdminEventButton.parse(preview.buttons()[0]["callback_data"]).id
    await ev.press_label(ADMIN, preview, "Publish")
    await wait_jobs_done(ev)
    assert len(announcements_to(ev, 512)) == 1 and not ev.api.sent(511)

    menu, button = await pick(ev, "/editevent", event_id)
    [fields] = replies(await ev.press(ADMIN, menu.result, button["callback_data"]))
    await ev.press_label(ADMIN, fields, "Title")
    [reply] = replies(await ev.send(ADMIN, "Youth orchestra from Konin"))
    assert "1 person who knew of the event is told" in reply.text
    assert "1 of its subscribers hears of it for the first time" in reply.text
    await wait_jobs_done(ev)
    assert (await load_event(ev.services.db, event_id)).named_city_ids == ("konin",)
    [announcement] = announcements_to(ev, 511)
    assert "Konin" in announcement.text
    assert "uns:konin:-" in [b["callback_data"] for b in announcement.buttons()]
    [change] = [c for c in replies(ev.api.sent(512)) if c.text.startswith("✏️")]
    assert "Konin" in change.text
    assert not ev.api.sent(513)

    # The same title saved again involves no new city: nobody hears of it as new again.
    menu, button = await pick(ev, "/editevent", event_id)
    [fields] = replies(await ev.press(ADMIN, menu.result, button["callback_data"]))
    await ev.press_label(ADMIN, fields, "Title")
    [reply] = replies(await ev.send(ADMIN, "Youth orchestra from Konin in Herne"))
    assert "first time" not in reply.text
    await wait_jobs_done(ev)
    assert len(announcements_to(ev, 511)) == 1
