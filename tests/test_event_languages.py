"""Events in several languages and at a venue of their own: titles per language entered in
/newevent, a translation added later notifies nobody, the venue's zone and pin, cancelled
events out of "Upcoming", and the cancellation's calendar file."""

from __future__ import annotations

from datetime import timedelta

import pytest
from icalendar import Calendar

from bot.app.local_api import make_user, private_chat
from bot.events import list_events, load_event
from bot.users import utcnow
from handlers.admin_events import AdminEventButton, NewEventChoice
from handlers.events import EventButton
from tests.conftest import ADMIN_ID
from tests.test_admin_events import notices_to, pick
from tests.test_delivery import add_users, engine_harness
from tests.test_events import (
    ADMIN,
    future_day,
    insert_event,
    open_card,
    replies,
    subscribe,
    wait_jobs_done,
)


@pytest.fixture
async def ev(settings, catalogs):
    async with engine_harness(settings, catalogs, broadcast_rate=200.0) as harness:
        harness.api.chats[ADMIN_ID] = private_chat(ADMIN)
        yield harness


async def enter_event(harness, city: str, place: str, texts: dict[str, tuple[str, str]]):
    """/newevent with `texts` (the admin's English first), to the preview."""
    await harness.send(ADMIN, "/newevent")
    for what, value in (("city", city), ("topic", "business"), ("place", place)):
        prompt = harness.api.sent(ADMIN_ID)[-1]
        await harness.press(ADMIN, prompt.result, NewEventChoice(what, value).pack())
    title, description = texts["en"]
    await harness.send(ADMIN, title)
    calls = await harness.send(ADMIN, description or "/skip")
    for language, (title, description) in list(texts.items())[1:]:
        [choice] = [c for c in replies(calls) if c.buttons()]
        await harness.press(ADMIN, choice.result, NewEventChoice("lang", language).pack())
        await harness.send(ADMIN, title)
        calls = await harness.send(ADMIN, description or "/skip")
    for answer in (future_day().isoformat(), "10:00", "12:00", "Business Herne, Westring 1"):
        await harness.send(ADMIN, answer)
    await harness.send(ADMIN, "/skip")  # the pin: the venue city's centre
    calls = await harness.send(ADMIN, "/skip")  # no link
    [preview] = [c for c in replies(calls) if "Preview" in c.text]
    event_id = AdminEventButton.parse(preview.buttons()[0]["callback_data"]).id
    return preview, await load_event(harness.services.db, event_id)


async def test_an_event_in_several_languages_reaches_each_reader_in_theirs(ev, catalogs):
    await add_users(ev, {701: "pl", 702: "de"})
    await subscribe(ev, 701, None, None)
    await subscribe(ev, 702, None, None)
    preview, event = await enter_event(
        ev,
        "konin",
        "konin",
        {"en": ("Trade fair", "Firms from both cities"), "pl": ("Targi", "Firmy z obu miast")},
    )
    assert set(event.texts) == {"en", "pl"}
    # The admin sees what is left to translate, named in the admin's language.
    assert "To translate later" in preview.text
    assert "German, Russian, Turkish" in preview.text
    await ev.press_label(ADMIN, preview, "Publish")
    await wait_jobs_done(ev)
    [polish] = notices_to(ev, 701, catalogs["pl"].gettext("📣 New event"))
    assert "<b>Targi</b>" in polish.text and "Firmy z obu miast" in polish.text
    assert "Trade fair" not in polish.text
    # German is missing: the German reader is told which language is shown, named in German.
    [german] = notices_to(ev, 702, catalogs["de"].gettext("📣 New event"))
    assert "Trade fair" in german.text and "Englisch" in german.text, german.text
    assert "English" not in german.text


async def test_adding_a_translation_with_editevent_sends_nothing(ev):
    await add_users(ev, {711: "tr"})
    await subscribe(ev, 711, None, None)
    preview, event = await enter_event(ev, "besiktas", "besiktas", {"en": ("Concert", "Jazz")})
    await ev.press_label(ADMIN, preview, "Publish")
    await wait_jobs_done(ev)
    before_sent = len(ev.api.sent(711))
    jobs = await ev.services.db.scalar("SELECT count(*) FROM delivery_jobs")
    menu, button = await pick(ev, "/editevent", event.id)
    calls = await ev.press(ADMIN, menu.result, button["callback_data"])
    [fields] = [c for c in replies(calls) if c.buttons()]
    assert "To translate later" in fields.text
    calls = await ev.press_label(ADMIN, fields, "Translation")
    [languages] = [c for c in replies(calls) if c.buttons()]
    await ev.press_label(ADMIN, languages, "Turkish")
    await ev.send(ADMIN, "Konser")
    [reply] = replies(await ev.send(ADMIN, "Caz gecesi"))
    assert "Nobody is notified" in reply.text
    changed = await load_event(ev.services.db, event.id)
    assert changed.texts["tr"] == ("Konser", "Caz gecesi")
    # Not a change: same revision and status, no job, no message to the subscriber.
    assert (changed.revision, changed.status) == (event.revision, "scheduled")
    assert await ev.services.db.scalar("SELECT count(*) FROM delivery_jobs") == jobs
    await wait_jobs_done(ev)
    assert len(ev.api.sent(711)) == before_sent
    card = await open_card(ev, make_user(711, "tr"), event.id)
    assert "<b>Konser</b>" in card.text and "Caz gecesi" in card.text


async def test_the_venue_gives_zone_and_pin_not_the_city_the_event_is_about(ev):
    herne = ev.services.qa.index.cities["herne"]
    preview, event = await enter_event(ev, "luzhou", "herne", {"en": ("Luzhou day", "")})
    await ev.press_label(ADMIN, preview, "Publish")
    assert event.city_id == "luzhou" and event.place_id == "herne"
    assert event.timezone == "Europe/Berlin"
    assert (event.lat, event.lon) == (herne.lat, herne.lon)
    assert event.local_start.hour == 10
    user = make_user(721, "en")
    card = await open_card(ev, user, event.id)
    assert "China" not in card.text and "Central European" in card.text, card.text
    assert "Herne" in card.text.split("📍", 1)[1]
    # Browsed from the list, the card shows the pin on request.
    assert EventButton("map", event.id).pack() in [b["callback_data"] for b in card.buttons()]
    calls = await ev.press(user, card.result, EventButton("map", event.id).pack())
    [pin] = replies(calls, "sendLocation")
    assert 51 < pin.params["latitude"] < 52 and 7 < pin.params["longitude"] < 8
    calls = await ev.press(user, card.result, EventButton("ics", event.id).pack())
    [document] = replies(calls, "sendDocument")
    entry = Calendar.from_ical(document.files["document"][1]).walk("VEVENT")[0]
    geo = entry["GEO"]
    assert (geo.latitude, geo.longitude) == (herne.lat, herne.lon)
    assert str(entry["DTSTART"].params.get("TZID")) == "Europe/Berlin"


async def test_cancelled_events_leave_upcoming_for_the_archive(ev):
    start = utcnow() + timedelta(days=20)
    await insert_event(ev.services.db, "gone", "konin", "sport", start, texts={"en": "Gone"})
    await insert_event(ev.services.db, "kept", "konin", "sport", start, texts={"en": "Kept"})
    async with ev.services.db.transaction() as conn:
        await conn.execute("UPDATE events SET status = 'cancelled' WHERE id = 'gone'")
    upcoming = await list_events(ev.services.db, utcnow())
    archive = await list_events(ev.services.db, utcnow(), archive=True)
    assert [e.id for e in upcoming.events] == ["kept"]
    assert "gone" in [e.id for e in archive.events]
    listing = replies(await ev.send(make_user(731, "en"), "/events"))[-1]
    assert "Kept" in listing.text and "Gone" not in listing.text


async def test_the_cancellation_notice_offers_a_cancel_calendar_file(ev, catalogs):
    await add_users(ev, {741: "ru"})
    await subscribe(ev, 741, None, None)
    preview, event = await enter_event(ev, "konin", "konin", {"en": ("Match", "")})
    await ev.press_label(ADMIN, preview, "Publish")
    await wait_jobs_done(ev)
    menu, button = await pick(ev, "/cancelevent", event.id)
    calls = await ev.press(ADMIN, menu.result, button["callback_data"])
    [confirm] = [c for c in replies(calls) if c.buttons()]
    await ev.press_label(ADMIN, confirm, "Yes, cancel")
    await wait_jobs_done(ev)
    t = catalogs["ru"]
    [notice] = notices_to(ev, 741, t.gettext("❌ This event has been cancelled."))
    remove = t.gettext("📆 Remove from calendar")
    [data] = [b["callback_data"] for b in notice.buttons() if b["text"] == remove]
    calls = await ev.press(make_user(741, "ru"), notice.result, data)
    [document] = replies(calls, "sendDocument")
    calendar = Calendar.from_ical(document.files["document"][1])
    assert str(calendar["METHOD"]) == "CANCEL"
    [entry] = calendar.walk("VEVENT")
    assert str(entry["STATUS"]) == "CANCELLED"
    assert str(entry["UID"]) == f"{event.id}@partnerbot.herne"
    assert int(entry["SEQUENCE"]) > event.revision
