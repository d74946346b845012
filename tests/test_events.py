"""Events through the real Application offline: who gets an announcement, dates across zones
and a daylight-saving change, the .ics file, publishing twice, bad input in /newevent, and
reminders derived from the database."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date, get_timezone_gmt, get_timezone_location, get_timezone_name
from icalendar import Calendar

from bot.app.local_api import make_user, private_chat
from bot.events import list_events, load_event, load_event_in, local_datetime, save_translation
from bot.reminders import reminder_time
from bot.users import isoformat, utcnow
from handlers.admin_events import AdminEventButton, NewEventChoice
from handlers.events import EventButton, EventFilter, EventList
from tests.conftest import ADMIN_ID
from tests.deadline import Deadline
from tests.test_delivery import add_users, engine_harness

ADMIN = make_user(ADMIN_ID, "en", first_name="Admin")
HERNE = ZoneInfo("Europe/Berlin")
ISTANBUL = ZoneInfo("Europe/Istanbul")
WAIT = 10.0


def replies(calls, method="sendMessage"):
    return [c for c in calls if c.method == method and c.error is None]


async def wait_for(predicate, seconds: float = WAIT):
    """`predicate`'s first true result, within `seconds` (with the time this process waited
    for a CPU: tests/deadline.py)."""
    deadline = Deadline(seconds)
    while not (result := await predicate()):
        assert not deadline.passed(), f"timed out after {deadline}"
        await asyncio.sleep(0.02)
    return result


@pytest.fixture
async def ev(settings, catalogs):
    async with engine_harness(settings, catalogs, broadcast_rate=200.0) as harness:
        harness.api.chats[ADMIN_ID] = private_chat(ADMIN)
        yield harness


async def insert_event(
    db,
    event_id: str,
    city: str,
    topic: str,
    start: datetime,
    end: datetime | None = None,
    zone: str = "Europe/Berlin",
    texts: dict[str, str] | None = None,
    published: bool = True,
) -> None:
    now = isoformat(utcnow())
    texts = texts or {"en": "Concert", "de": "Konzert"}
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO events (id, city_id, topic, starts_at, ends_at, timezone, venue, "
            "lat, lon, origin, created_at, published_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, 'Town hall', 51.5, 7.2, 'admin', ?, ?, ?)",
            (
                event_id,
                city,
                topic,
                isoformat(start.astimezone(UTC)),
                isoformat(end.astimezone(UTC)) if end else None,
                zone,
                now,
                now if published else None,
                now,
            ),
        )
        await conn.executemany(
            "INSERT INTO event_texts (event_id, language, title, description) VALUES (?, ?, ?, ?)",
            [(event_id, lang, title, f"{title} ({lang})") for lang, title in texts.items()],
        )


async def subscribe(harness, user_id: int, city: str | None, topic: str | None) -> None:
    async with harness.services.db.transaction() as conn:
        await conn.execute(
            "INSERT INTO subscriptions (user_id, city_id, topic, created_at) VALUES (?, ?, ?, ?)",
            (user_id, city, topic, isoformat(utcnow())),
        )


def future_day(days: int = 40) -> date:
    return (utcnow() + timedelta(days=days)).date()


async def new_event_draft(harness, city="besiktas", topic="culture", title="Jazz night") -> dict:
    """/newevent to the preview; returns the preview message's call."""
    await harness.send(ADMIN, "/newevent")
    chat = harness.api.chats[ADMIN_ID]
    prompt = harness.api.sent(ADMIN_ID)[-1]
    await harness.press(ADMIN, prompt.result, NewEventChoice("city", city).pack())
    prompt = harness.api.sent(ADMIN_ID)[-1]
    await harness.press(ADMIN, prompt.result, NewEventChoice("topic", topic).pack())
    prompt = harness.api.sent(ADMIN_ID)[-1]
    await harness.press(ADMIN, prompt.result, prompt.buttons()[0]["callback_data"])
    for answer in (title, "Music from both cities", future_day().isoformat(), "19:00", "21:30"):
        calls = await harness.send(ADMIN, answer, chat)
        assert "could not" not in replies(calls)[-1].text, replies(calls)[-1].text
    for _ in range(3):  # venue, location, link
        calls = await harness.send(ADMIN, "/skip", chat)
    [preview] = [c for c in replies(calls) if "Preview" in c.text]
    return preview


def announcements_to(harness, chat_id):
    return [c for c in replies(harness.api.sent(chat_id)) if "📣" in c.text]


async def wait_jobs_done(harness):
    async def done():
        return not await harness.services.db.scalar(
            "SELECT count(*) FROM delivery_jobs WHERE origin = 'announcement' AND state != 'done'"
        )

    await wait_for(done)


# ---- who gets what ----------------------------------------------------------------------


async def test_publishing_announces_to_exactly_the_matching_subscribers_in_their_language(ev):
    await add_users(ev, {501: "de", 502: "ru", 503: "pl", 504: "tr", 505: "en", 506: "de"})
    await subscribe(ev, 501, None, None)  # everything
    await subscribe(ev, 502, "besiktas", None)
    await subscribe(ev, 503, None, "culture")
    await subscribe(ev, 504, "besiktas", "culture")
    await subscribe(ev, 504, None, None)  # both match: the more specific one names the button
    await subscribe(ev, 505, "konin", None)  # other city: nothing
    await subscribe(ev, 506, None, "sport")  # other topic: nothing
    preview = await new_event_draft(ev)
    calls = await ev.press_label(ADMIN, preview, "Publish")
    assert "goes to 4 subscribers" in replies(calls)[-1].text
    await wait_jobs_done(ev)
    headlines = {501: "Neue Veranstaltung", 502: "Новое", 503: "Nowe", 504: "Yeni"}
    for user_id, headline in headlines.items():
        [announcement] = announcements_to(ev, user_id)
        assert headline in announcement.text, (user_id, announcement.text)
        assert "Jazz night" in announcement.text
        assert announcement.params["parse_mode"] == "HTML"
    for user_id in (505, 506):
        assert not ev.api.sent(user_id)
    unsubscribe = {
        user_id: [b for b in announcements_to(ev, user_id)[0].buttons() if b["callback_data"]]
        for user_id in headlines
    }
    assert [
        b["callback_data"] for b in unsubscribe[501] if b["callback_data"].startswith("uns")
    ] == ["uns:-:-"]
    assert [
        b["callback_data"] for b in unsubscribe[504] if b["callback_data"].startswith("uns")
    ] == ["uns:besiktas:culture"]


async def test_an_event_naming_a_partner_city_is_announced_to_that_citys_subscribers(ev):
    """Konin's orchestra playing in Herne: Herne's and Konin's subscribers hear of it, with
    the subscription that matched on the unsubscribe button; Wakefield's do not."""
    await add_users(ev, {511: "pl", 512: "de", 513: "en"})
    await subscribe(ev, 511, "konin", None)
    await subscribe(ev, 512, "herne", None)
    await subscribe(ev, 513, "wakefield", None)
    preview = await new_event_draft(
        ev, city="herne", title="Jugendorchester aus Konin zu Gast in Herne"
    )
    calls = await ev.press_label(ADMIN, preview, "Publish")
    assert "goes to 2 subscribers" in replies(calls)[-1].text
    await wait_jobs_done(ev)
    for user_id, city in ((511, "konin"), (512, "herne")):
        [announcement] = announcements_to(ev, user_id)
        assert "Konin" in announcement.text
        assert f"uns:{city}:-" in [b["callback_data"] for b in announcement.buttons()]
    assert not ev.api.sent(513)


async def test_the_channel_gets_the_announcement_when_configured(settings, catalogs):
    channel = -100777
    async with engine_harness(
        settings, catalogs, broadcast_rate=200.0, announce_channel_id=channel
    ) as harness:
        harness.api.chats[ADMIN_ID] = private_chat(ADMIN)
        harness.api.chats[channel] = {"id": channel, "type": "channel", "title": "News"}
        await add_users(harness, {501: "de"})
        await subscribe(harness, 501, None, None)
        preview = await new_event_draft(harness)
        await harness.press_label(ADMIN, preview, "Publish")
        await wait_jobs_done(harness)
        [posted] = announcements_to(harness, channel)
        assert "Jazz night" in posted.text
        assert not any(b["callback_data"].startswith("uns") for b in posted.buttons())
        assert len(announcements_to(harness, 501)) == 1


async def test_publish_pressed_twice_announces_once(ev):
    await add_users(ev, {501: "de", 502: "en"})
    await subscribe(ev, 501, None, None)
    await subscribe(ev, 502, "besiktas", None)
    preview = await new_event_draft(ev)
    [publish] = [b for b in preview.buttons() if "Publish" in b["text"]]
    first, second = await asyncio.gather(
        ev.press(ADMIN, preview.result, publish["callback_data"]),
        ev.press(ADMIN, preview.result, publish["callback_data"]),
    )
    again = await ev.press(ADMIN, preview.result, publish["callback_data"])
    answers = [
        c.params.get("text") for c in [*first, *second, *again] if c.method == "answerCallbackQuery"
    ]
    assert answers.count("This event is already published.") == 2
    await wait_jobs_done(ev)
    assert await ev.services.db.scalar("SELECT count(*) FROM event_announcements") == 1
    assert len(announcements_to(ev, 501)) == 1
    assert len(announcements_to(ev, 502)) == 1


async def test_a_draft_is_seen_by_nobody_until_published(ev):
    preview = await new_event_draft(ev)
    event_id = AdminEventButton.parse(preview.buttons()[0]["callback_data"]).id
    calls = await ev.send(make_user(501, "de"), "/events")
    assert "Jazz" not in replies(calls)[-1].text
    calls = await ev.press(
        make_user(501, "de"), replies(calls)[-1].result, EventButton("open", event_id).pack()
    )
    assert not [c for c in replies(calls) if "Jazz" in c.text]


# ---- dates across zones and a daylight-saving change --------------------------------------


def next_year() -> int:
    return utcnow().year + 1


def spring_forward_day(year: int) -> date:
    """The last Sunday of March: clocks in Herne go from 02:00 to 03:00."""
    day = date(year, 3, 31)
    return day - timedelta(days=(day.weekday() - 6) % 7)


async def open_card(harness, user: dict, event_id: str):
    listing = replies(await harness.send(user, "/events"))[-1]
    calls = await harness.press(user, listing.result, EventButton("open", event_id).pack())
    [card] = [c for c in replies(calls, "editMessageText") if c.buttons()]
    return card


async def test_an_istanbul_event_shows_both_times_with_zones_named_in_the_readers_locale(ev):
    # Zone names come from CLDR, whose wording changes between Babel releases ("Türkei
    # (Ortszeit)" became "Türkische Normalzeit" in 2.19): ask for the reader's locale's name of
    # the right zone, not for one release's wording.
    day = date(next_year(), 1, 15)
    start = datetime(day.year, 1, 15, 19, 0, tzinfo=ISTANBUL)
    in_herne = start.astimezone(ZoneInfo("Europe/Berlin"))
    await insert_event(
        ev.services.db, "ist-1", "besiktas", "culture", start, zone="Europe/Istanbul"
    )
    card = await open_card(ev, make_user(601, "de"), "ist-1")
    venue_line, herne_line = card.text.splitlines()[1:3]
    assert venue_line.startswith("📅 " + format_date(day, "full", locale="de") + ", 19:00")
    venue_zone = re.fullmatch(r".*\((.+)\)", venue_line).group(1)
    assert venue_zone in (
        get_timezone_name(start, locale="de"),
        get_timezone_location(ISTANBUL, locale="de", return_city=True)
        + ", "
        + get_timezone_gmt(start, locale="de"),
    ), venue_line
    assert venue_zone != get_timezone_name(start, locale="en"), venue_line
    assert herne_line.startswith("🕒 In Herne: " + format_date(day, "full", locale="de"))
    assert f"17:00 ({get_timezone_name(in_herne, locale='de')})" in herne_line, herne_line
    card = await open_card(ev, make_user(602, "en"), "ist-1")
    assert format_date(day, "full", locale="en_GB") in card.text
    assert "19:00" in card.text, card.text
    assert get_timezone_name(in_herne, locale="en_GB") in card.text


async def test_a_herne_event_shows_one_time_only(ev):
    start = datetime(next_year(), 2, 10, 18, 0, tzinfo=HERNE)
    await insert_event(ev.services.db, "herne-1", "herne", "culture", start)
    card = await open_card(ev, make_user(601, "de"), "herne-1")
    assert "In Herne" not in card.text
    assert "18:00 (Mitteleuropäische Normalzeit)" in card.text


async def test_an_event_on_the_spring_forward_day(ev):
    day = spring_forward_day(next_year())
    # 02:30 does not exist that night in Herne: it is read as 03:30 summer time.
    assert local_datetime(day, 2, 30, HERNE) == datetime(day.year, 3, day.day, 1, 30, tzinfo=UTC)
    start = datetime(day.year, 3, day.day, 12, 0, tzinfo=ISTANBUL)
    await insert_event(
        ev.services.db, "ist-dst", "besiktas", "sport", start, zone="Europe/Istanbul"
    )
    card = await open_card(ev, make_user(601, "de"), "ist-dst")
    assert "11:00 (Mitteleuropäische Sommerzeit)" in card.text, card.text
    event = await load_event(ev.services.db, "ist-dst")
    # Istanbul has no summer time: the day-before reminder is 24 hours before.
    assert event.starts_at - reminder_time(event, 86400) == timedelta(hours=24)
    herne_start = datetime(day.year, 3, day.day, 10, 0, tzinfo=HERNE)
    await insert_event(ev.services.db, "herne-dst", "herne", "sport", herne_start)
    herne_event = await load_event(ev.services.db, "herne-dst")
    day_before = reminder_time(herne_event, 86400)
    assert day_before.astimezone(HERNE).hour == 10
    assert herne_event.starts_at - day_before == timedelta(hours=23)
    assert herne_event.starts_at - reminder_time(herne_event, 3600) == timedelta(hours=1)


async def test_add_to_calendar_sends_an_ics_in_the_users_language(ev):
    start = datetime(next_year(), 1, 15, 19, 0, tzinfo=ISTANBUL)
    end = start + timedelta(hours=2)
    texts = {"en": "Concert", "ru": "Концерт", "de": "Konzert"}
    await insert_event(
        ev.services.db, "ist-ics", "besiktas", "culture", start, end, "Europe/Istanbul", texts
    )
    user = make_user(603, "ru")
    card = await open_card(ev, user, "ist-ics")
    calls = await ev.press(user, card.result, EventButton("ics", "ist-ics").pack())
    [document] = replies(calls, "sendDocument")
    filename, content = document.files["document"][:2]
    assert filename == "ist-ics.ics"
    calendar = Calendar.from_ical(content)
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Istanbul"
    [entry] = calendar.walk("VEVENT")
    assert entry.decoded("DTSTART") == start
    assert entry.decoded("DTSTART").utcoffset() == timedelta(hours=3)
    assert entry["DTSTART"].params["TZID"] == "Europe/Istanbul"
    assert entry.decoded("DTEND") == end
    assert str(entry["SUMMARY"]) == "Концерт"
    assert entry["SUMMARY"].params["LANGUAGE"] == "ru"
    assert "Концерт (ru)" in str(entry["DESCRIPTION"])
    assert str(entry["UID"]) == "ist-ics@partnerbot.herne"


async def test_the_ics_of_a_daylight_saving_day_event_carries_both_offsets(ev):
    day = spring_forward_day(next_year())
    start = datetime(day.year, 3, day.day, 10, 0, tzinfo=HERNE)
    await insert_event(ev.services.db, "herne-ics", "herne", "sport", start)
    user = make_user(604, "de")
    card = await open_card(ev, user, "herne-ics")
    calls = await ev.press(user, card.result, EventButton("ics", "herne-ics").pack())
    [document] = replies(calls, "sendDocument")
    calendar = Calendar.from_ical(document.files["document"][1])
    [zone] = calendar.walk("VTIMEZONE")
    assert {c.name for c in zone.subcomponents} >= {"STANDARD", "DAYLIGHT"}
    [entry] = calendar.walk("VEVENT")
    assert entry.decoded("DTSTART").astimezone(UTC) == start.astimezone(UTC)
    assert entry.decoded("DTSTART").utcoffset() == timedelta(hours=2)
    assert str(entry["SUMMARY"]) == "Konzert"


# ---- bad input in /newevent -----------------------------------------------------------------

USUAL = {
    "de": "24.12.27",
    "en": "24/12/27",
    "ru": "24.12.2027",
    "pl": "24.12.2027",
    "tr": "24.12.2027",
}
UNREADABLE = {"de": "32.13.2027", "en": "24/12", "ru": "завтра", "pl": "jutro", "tr": "yarın"}
EXAMPLE = {"de": "24.12.", "en": "24/12/", "ru": "24.12.", "pl": "24.12.", "tr": "24.12."}


async def to_date_question(harness, admin: dict) -> None:
    await harness.send(admin, "/newevent")
    prompt = harness.api.sent(ADMIN_ID)[-1]
    await harness.press(admin, prompt.result, NewEventChoice("city", "konin").pack())
    prompt = harness.api.sent(ADMIN_ID)[-1]
    await harness.press(admin, prompt.result, NewEventChoice("topic", "sport").pack())
    prompt = harness.api.sent(ADMIN_ID)[-1]
    await harness.press(admin, prompt.result, prompt.buttons()[0]["callback_data"])
    await harness.send(admin, "Match")
    await harness.send(admin, "/skip")


@pytest.mark.parametrize("language", ["de", "en", "ru", "pl", "tr"])
async def test_unreadable_dates_are_explained_in_the_admins_language(ev, catalogs, language):
    admin = make_user(ADMIN_ID, language)
    await to_date_question(ev, admin)
    [reply] = replies(await ev.send(admin, UNREADABLE[language]))
    expected = (
        catalogs[language]
        .gettext(
            "I could not read that date. Please write it like %(example)s or as 2026-12-24.",
            example="X",
        )
        .split("X")[0]
    )
    assert reply.text.startswith(expected), reply.text
    assert EXAMPLE[language] in reply.text
    if language != "en":
        assert "could not" not in reply.text
    # Nothing lost: the conversation still waits for the date, and the usual format is read.
    usual = USUAL[language].replace("27", str(next_year())[2:]).replace("2027", str(next_year()))
    [reply] = replies(await ev.send(admin, usual))
    assert "18:30" in reply.text or "6:30" in reply.text, reply.text


async def test_past_dates_end_before_start_and_unknown_cities_are_refused(ev):
    admin = make_user(ADMIN_ID, "de")
    await ev.send(admin, "/newevent")
    [reply] = replies(await ev.send(admin, "Atlantis"))
    assert "Stadt" in reply.text, reply.text
    prompt = ev.api.sent(ADMIN_ID)[-2]
    calls = await ev.press(admin, prompt.result, NewEventChoice("city", "atlantis").pack())
    assert [c for c in calls if c.method == "answerCallbackQuery" and "Stadt" in c.params["text"]]
    await ev.press(admin, prompt.result, NewEventChoice("city", "konin").pack())
    prompt = ev.api.sent(ADMIN_ID)[-1]
    await ev.press(admin, prompt.result, NewEventChoice("topic", "sport").pack())
    prompt = ev.api.sent(ADMIN_ID)[-1]
    await ev.press(admin, prompt.result, prompt.buttons()[0]["callback_data"])
    await ev.send(admin, "Spiel")
    await ev.send(admin, "/skip")
    [reply] = replies(await ev.send(admin, "01.02.20"))
    assert "Vergangenheit" in reply.text, reply.text
    today = utcnow().astimezone(ZoneInfo("Europe/Warsaw"))
    if today.hour < 23:
        [reply] = replies(await ev.send(admin, today.date().isoformat()))
        [reply] = replies(await ev.send(admin, f"{max(today.hour - 1, 0):02}:00"))
        assert "Vergangenheit" in reply.text, reply.text
    await ev.send(admin, future_day().isoformat())
    await ev.send(admin, "19:00")
    # An end on the start's own day, before it (a bare earlier time means the next day).
    [reply] = replies(await ev.send(admin, f"{future_day().isoformat()} 18:00"))
    assert "Ende" in reply.text and "/skip" in reply.text, reply.text
    [reply] = replies(await ev.send(admin, "25:00"))
    assert "Uhrzeit" in reply.text or "19:00" not in reply.text, reply.text
    [reply] = replies(await ev.send(admin, "20:00"))
    for answer in ("/skip", "/skip", "/skip"):
        calls = await ev.send(admin, answer)
    [preview] = [c for c in replies(calls) if c.buttons()]
    event = await load_event(
        ev.services.db, AdminEventButton.parse(preview.buttons()[0]["callback_data"]).id
    )
    assert event.local_start.hour == 19 and event.local_end.hour == 20
    assert event.timezone == "Europe/Warsaw" and event.texts == {"de": ("Spiel", "")}


# ---- reminders ------------------------------------------------------------------------------


async def ask_reminder(db, user_id: int, event_id: str, asked: datetime) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO users (user_id, telegram_language, first_seen, last_seen) "
            "VALUES (?, 'de', 'x', 'x') ON CONFLICT DO NOTHING",
            (user_id,),
        )
        await conn.execute(
            "INSERT INTO event_reminders (user_id, event_id, created_at) VALUES (?, ?, ?)",
            (user_id, event_id, isoformat(asked)),
        )


def reminders_to(api, chat_id: int) -> list:
    return [c for c in replies(api.sent(chat_id)) if "⏰" in c.text.splitlines()[0]]


async def reminder_states(db) -> dict[tuple[str, int], list[tuple[int, str]]]:
    rows = await db.fetchall(
        "SELECT event_id, user_id, offset_seconds, state FROM reminder_sends "
        "ORDER BY event_id, user_id, offset_seconds"
    )
    found: dict = {}
    for event_id, user_id, offset, state in rows:
        found.setdefault((event_id, user_id), []).append((offset, state))
    return found


async def test_reminders_missed_while_down_are_sent_once_if_the_event_is_still_ahead(
    settings, catalogs
):
    from bot.db import Database

    now = utcnow()
    db = await Database.open(settings.db_path)
    await insert_event(db, "soon", "herne", "culture", now + timedelta(minutes=30))
    await insert_event(db, "later", "herne", "culture", now + timedelta(hours=5))
    await insert_event(db, "gone", "herne", "culture", now - timedelta(minutes=10))
    await insert_event(db, "crashed", "herne", "culture", now + timedelta(minutes=20))
    asked = now - timedelta(days=3)
    for user_id, event_id in ((801, "soon"), (802, "later"), (803, "gone"), (804, "crashed")):
        await ask_reminder(db, user_id, event_id, asked)
    async with db.transaction() as conn:  # claimed by a version that lost it (429 or crash)
        await conn.execute(
            "INSERT INTO reminder_sends VALUES ('crashed', 804, 3600, 'sending', ?, NULL)",
            (isoformat(now),),
        )
    await db.close()

    for _ in range(2):  # a start, and a restart
        async with engine_harness(settings, catalogs, reminder_interval=0.05) as harness:
            for user_id in (801, 802, 803, 804):
                harness.api.chats[user_id] = private_chat(make_user(user_id))

            async def settled():
                states = await reminder_states(harness.services.db)
                wanted = [
                    states.get(key) for key in (("later", 802), ("soon", 801), ("crashed", 804))
                ]
                return all(wanted) and "sending" not in str(wanted)

            await wait_for(settled)
            await asyncio.sleep(0.3)  # several more ticks: nothing more goes out
            states = await reminder_states(harness.services.db)
            api = harness.api
        # Of the reminders missed, only the nearest to the start goes out.
        assert states[("soon", 801)] == [(3600, "sent"), (86400, "skipped")]
        assert states[("later", 802)] == [(86400, "sent")]
        assert ("gone", 803) not in states
        # Claimed but never queued: due again (at least once), and the day-before one would
        # come after it.
        assert states[("crashed", 804)] == [(3600, "sent"), (86400, "skipped")]
        sent = {user_id: reminders_to(api, user_id) for user_id in (801, 802, 803, 804)}
        if _ == 0:
            assert [len(sent[u]) for u in (801, 802, 803, 804)] == [1, 1, 0, 1]
            assert "Erinnerung" in sent[801][0].text and "Konzert" in sent[801][0].text
        else:
            assert not any(sent.values()), "a restart repeated a reminder"


async def test_remind_me_skips_what_is_already_past_and_then_reminds_once(settings, catalogs):
    from bot.db import Database

    now = utcnow()
    db = await Database.open(settings.db_path)
    await insert_event(db, "soon", "herne", "culture", now + timedelta(hours=2))
    await db.close()
    async with engine_harness(settings, catalogs, reminder_interval=0.05) as harness:
        user = make_user(805, "de")
        card = await open_card(harness, user, "soon")
        calls = await harness.press_label(user, card, "Erinner")
        assert [c for c in calls if c.method == "answerCallbackQuery"]
        # A day ahead is past already: skipped; an hour ahead is still to come.
        states = await reminder_states(harness.services.db)
        assert states[("soon", 805)] == [(86400, "skipped")]
        await asyncio.sleep(0.2)
        assert not reminders_to(harness.api, 805)
        calls = await harness.press_label(user, card, "Erinner")
        assert any("bereits" in (c.params.get("text") or "") for c in calls), calls


# ---- the list: filters and paging ------------------------------------------------------------


def listed_titles(call) -> list[str]:
    return [b["text"] for b in call.buttons() if b["callback_data"].startswith("eve:")]


async def test_the_list_filters_by_city_and_topic_and_pages_soonest_first(ev):
    now = utcnow()
    for n in range(6):
        start = now + timedelta(days=3 + n)
        await insert_event(
            ev.services.db, f"match-{n}", "konin", "sport", start, texts={"en": f"Match {n}"}
        )
    await insert_event(
        ev.services.db,
        "reading",
        "herne",
        "culture",
        now + timedelta(days=1),
        texts={"en": "Reading"},
    )
    await insert_event(
        ev.services.db,
        "hidden",
        "herne",
        "culture",
        now + timedelta(days=2),
        texts={"en": "Hidden draft"},
        published=False,
    )
    user = make_user(701, "en")
    [listing] = replies(await ev.send(user, "/events"))
    assert "Page 1 of 2" in listing.text
    assert listed_titles(listing) == ["Reading", "Match 0", "Match 1", "Match 2", "Match 3"]
    assert "Hidden" not in listing.text
    nav = [b["text"] for b in listing.buttons()]
    assert "▶️" in nav and "◀️" not in nav

    async def show(data) -> object:
        [edited] = [
            c
            for c in await ev.press(user, listing.result, data.pack())
            if c.method == "editMessageText"
        ]
        return edited

    second = await show(EventList(0, "-", "-", 1))
    assert "Page 2 of 2" in second.text
    assert listed_titles(second) == ["Match 4", "Match 5"]
    assert "◀️" in [b["text"] for b in second.buttons()]
    # A page that no longer exists (events ended meanwhile) shows the last one.
    assert listed_titles(await show(EventList(0, "-", "-", 99))) == ["Match 4", "Match 5"]

    calls = await ev.press(user, listing.result, EventFilter(0, "city", "-", "-").pack())
    [choices] = [c for c in calls if c.method == "editMessageReplyMarkup"]
    labels = [b["text"] for b in choices.buttons()]
    assert labels[0] == "All cities" and any("Konin" in label for label in labels)
    herne = await show(EventList(0, "herne", "-", 0))
    assert listed_titles(herne) == ["Reading"]
    assert "Page" not in herne.text
    sport = await show(EventList(0, "-", "sport", 0))
    assert listed_titles(sport)[0] == "Match 0" and "Page 1 of 2" in sport.text
    konin_culture = await show(EventList(0, "konin", "culture", 0))
    assert not listed_titles(konin_culture)
    assert "No upcoming events are planned for this choice yet" in konin_culture.text
    # A city or topic that does not exist: the button is refused, the list stays.
    for forged in (EventList(0, "atlantis", "-", 0), EventFilter(0, "topic", "-", "gossip")):
        calls = await ev.press(user, listing.result, forged.pack())
        assert [c.params["text"] for c in calls if c.method == "answerCallbackQuery"] == [
            "This button is no longer valid."
        ]
        assert not [c for c in calls if c.method.startswith("edit")]


async def test_an_event_in_herne_naming_a_partner_city_is_listed_under_that_city_too(ev):
    """Konin's youth orchestra playing in Herne is Herne's event, and found under Konin: the
    texts are read with the engine's name recognition (here only a Polish, inflected name)."""
    await insert_event(
        ev.services.db,
        "orchestra",
        "herne",
        "culture",
        utcnow() + timedelta(days=5),
        texts={"en": "Youth orchestra concert", "pl": "Koncert orkiestry młodzieżowej z Konina"},
    )
    await insert_event(
        ev.services.db,
        "match",
        "wakefield",
        "sport",
        utcnow() + timedelta(days=6),
        texts={"en": "Match"},
    )
    user = make_user(702, "en")
    [listing] = replies(await ev.send(user, "/events"))

    async def show(data) -> list[str]:
        calls = await ev.press(user, listing.result, data.pack())
        return listed_titles(next(c for c in calls if c.method == "editMessageText"))

    assert await show(EventList(0, "konin", "-", 0)) == ["Youth orchestra concert"]
    assert await show(EventList(0, "herne", "-", 0)) == ["Youth orchestra concert"]
    assert await show(EventList(0, "wakefield", "-", 0)) == ["Match"]
    card = await open_card(ev, user, "orchestra")
    assert "🏙 🇩🇪 Herne, 🇵🇱 Konin · Culture" in card.text
    # A translation naming another city is read again before the list is shown next.
    assert await save_translation(
        ev.services.db, "orchestra", "de", "Jugendorchester aus Wakefield", ""
    )
    assert await show(EventList(0, "wakefield", "-", 0)) == ["Youth orchestra concert", "Match"]


async def test_an_event_known_only_by_its_year_is_listed_until_the_year_is_over(ev):
    """The list reads only the rows that can still be upcoming; one known only by its year,
    whose start lies months back, is among them until New Year, and drops to the archive
    after it with everything else that is over."""
    now = utcnow()
    await insert_event(ev.services.db, "this-year", "konin", "culture", now - timedelta(days=1))
    await insert_event(ev.services.db, "last-year", "konin", "sport", now - timedelta(days=400))
    await insert_event(ev.services.db, "long-ago", "herne", "sport", now - timedelta(days=3000))
    # Known to the year: its start is 1 January of this year, over on 1 January of the next.
    jan_first = datetime(now.year, 1, 1, tzinfo=ZoneInfo("Europe/Berlin"))
    async with ev.services.db.transaction() as conn:
        await conn.execute(
            "UPDATE events SET precision = 'year', starts_at = ? WHERE id = 'this-year'",
            (isoformat(jan_first),),
        )
    ours = {"this-year", "last-year", "long-ago"}

    async def listed(moment: datetime, archive: bool = False) -> list[str]:
        page = await list_events(ev.services.db, moment, archive=archive, size=100)
        return [e.id for e in page.events if e.id in ours]

    assert await listed(now) == ["this-year"]
    assert await listed(datetime(now.year + 1, 1, 2, tzinfo=UTC)) == []
    assert await listed(now, archive=True) == ["last-year", "long-ago"]
    assert await listed(datetime(now.year + 1, 1, 2, tzinfo=UTC), archive=True) == [
        "this-year",
        "last-year",
        "long-ago",
    ]


async def test_an_event_read_in_one_round_trip_is_the_one_read_through_cursors(qa):
    """load_event and list_events read the rows, texts and named cities on the connection's
    thread in one round trip (Database.read); a transaction's reader (load_event_in) runs the
    same reads on the transaction's connection: the same event either way. (The engine's
    database alone: nothing else uses the connection meanwhile.)"""
    db = qa.db
    await insert_event(
        db,
        "orchestra",
        "herne",
        "culture",
        utcnow() + timedelta(days=5),
        texts={"en": "Youth orchestra concert", "pl": "Koncert orkiestry młodzieżowej z Konina"},
    )
    await insert_event(db, "match", "wakefield", "sport", utcnow() + timedelta(days=6))
    await qa.read_events()  # the cities the texts name, read as before a list of events
    hops = []
    execute = db.connection._execute

    async def counted(function, *args, **kwargs):
        hops.append(function)
        return await execute(function, *args, **kwargs)

    db.connection._execute = counted
    try:
        loaded = await load_event(db, "orchestra")
        assert len(hops) == 1
        async with db.transaction() as conn:
            assert loaded == await load_event_in(conn, "orchestra")
        assert loaded is not None and loaded.named_city_ids == ("konin",)
        assert set(loaded.texts) == {"en", "pl"}
        assert await load_event(db, "no-such-event") is None
        hops.clear()
        page = await list_events(db, utcnow())
        assert len(hops) == 2  # the candidates, then the rows, texts and cities shown
        shown = [e for e in page.events if e.id in ("orchestra", "match")]
        assert shown == [loaded, await load_event(db, "match")]
    finally:
        del db.connection._execute
