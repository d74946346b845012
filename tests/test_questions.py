"""Questions through the real Application: private, groups, /ask, inline, buttons, browsers."""

from __future__ import annotations

import asyncio
import dataclasses
import io
import json
import sqlite3
from argparse import Namespace

import bot.questions
from bot.app.application import build_application, running
from bot.app.ask import run_ask
from bot.app.local_api import LocalBotApi, LocalRequest, make_user
from bot.db import Database
from handlers.menus import MENU_LAYOUT, MenuButton, OpenEntry
from tests.conftest import Harness
from tests.test_conversation import only_message


async def test_a_private_question_gets_an_answer_with_related_buttons(harness):
    user = make_user(200, "ru")
    reply = only_message(await harness.send(user, "С какого года Уэйкфилд — город-партнёр Херне?"))
    assert "1956" in reply.text
    labels = [b["text"] for b in reply.buttons()]
    assert any("Источник" in label for label in labels)
    assert all(len(b.get("callback_data", "").encode()) <= 64 for b in reply.buttons())


async def test_the_answer_follows_the_question_language_not_the_menu(harness):
    reply = only_message(await harness.send(make_user(201, "en"), "Wo liegt Konin?"))
    assert "Polen" in reply.text


async def test_a_fallback_offers_topics_and_the_association(harness):
    reply = only_message(await harness.send(make_user(202, "de"), "Wie wird das Wetter morgen?"))
    assert "weiß ich leider nicht" in reply.text
    data = [b.get("callback_data") for b in reply.buttons()]
    assert OpenEntry("org", "partnership-association").pack() in data


async def question_counts(harness) -> tuple[int, int]:
    db = harness.services.db
    await harness.services.questions.flush()
    asked = await db.scalar("SELECT coalesce(sum(asked), 0) FROM question_days")
    return asked, await db.scalar("SELECT count(*) FROM question_log")


async def test_small_talk_gets_the_menu_and_is_not_counted_as_a_question(harness):
    menu = [MenuButton(section).pack() for row in MENU_LAYOUT for section in row]
    for language, text, expected in [
        ("de", "Hallo!", "Hallo! Fragen Sie mich"),
        ("en", "thanks a lot!", "You're welcome!"),
        ("ru", "спасибо", "Пожалуйста!"),
        ("en", "What can you do?", "I answer questions about Herne's partner cities"),
    ]:
        reply = only_message(await harness.send(make_user(210, language), text))
        assert reply.text.startswith(expected)
        assert [b.get("callback_data") for b in reply.buttons()] == menu
    assert await question_counts(harness) == (0, 0)
    # A real question that finds no answer still counts and reaches the office's inbox.
    fallback = only_message(await harness.send(make_user(210, "en"), "Will it rain tomorrow?"))
    assert "Let the office answer me" in str(fallback.buttons())
    assert await question_counts(harness) == (1, 1)


async def test_upcoming_events_come_with_the_events_button(harness):
    user = make_user(211, "en")
    reply = only_message(await harness.send(user, "What events are coming up?"))
    assert "No events are planned at the moment." in reply.text
    # Browsing edits the answer into the event list.
    events = only_message(await harness.press_label(user, reply, "📅"), "editMessageText")
    assert "Upcoming events" in events.text


async def test_a_list_question_names_every_partner_city(harness):
    reply = only_message(
        await harness.send(make_user(212, "pl"), "Jakie miasta partnerskie ma Herne?")
    )
    for name in ("Konin", "Biełgorod", "Wakefield", "Luzhou", "Ometepe", "Beşiktaş", "Eisleben"):
        assert name in reply.text
    assert any(b.get("callback_data") == MenuButton("cities").pack() for b in reply.buttons())


async def test_groups_hear_only_mentions_replies_and_ask(harness):
    user = make_user(203, "de")
    group = {"id": -700, "type": "supergroup", "title": "Verein"}
    assert await harness.send(user, "Wo liegt Konin?", chat=group) == []
    reply = only_message(
        await harness.send(user, "@partnerbot_local_bot Wo liegt Konin?", chat=group)
    )
    assert reply.chat_id == -700 and "Polen" in reply.text
    reply = only_message(await harness.send(user, "/ask Wo liegt Wakefield?", chat=group))
    assert "Vereinigtes Königreich" in reply.text
    hint = only_message(await harness.send(user, "/ask", chat=group))
    assert "/ask Wo liegt Konin?" in hint.text
    bot_message = harness.api.last_message(-700)
    update = harness.api.send_message(
        user, group, text="Und Belgorod?", reply_to_message=bot_message
    )
    reply = only_message(await harness.feed(update))
    assert "2022" in reply.text


async def test_related_buttons_open_cards_and_the_map(harness):
    user = make_user(204, "pl")
    start = only_message(await harness.send(user, "/start"))
    listing = only_message(
        await harness.press(user, start.result, MenuButton("cities").pack()), "editMessageText"
    )
    assert len(listing.buttons()) == 8 + 1  # the cities and the way back to the menu
    card = only_message(await harness.press_label(user, listing, "Konin"), "editMessageText")
    assert "Konin" in card.text and "1991" in card.text
    venue = only_message(await harness.press_label(user, card, "Pokaż na mapie"), "sendVenue")
    assert round(venue.params["latitude"]) == 52
    belgorod = only_message(
        await harness.press(user, start.result, OpenEntry("city", "belgorod").pack())
    )
    assert "⏸" in belgorod.text and "2022" in belgorod.text


async def test_the_contacts_browser_lists_organisations_by_sector(harness):
    user = make_user(205, "en")
    start = only_message(await harness.send(user, "/start"))
    sectors = only_message(
        await harness.press(user, start.result, MenuButton("contacts").pack()), "editMessageText"
    )
    listing = only_message(await harness.press_label(user, sectors, "Sport"), "editMessageText")
    assert "contacts for sport" in listing.text
    card = only_message(await harness.press_label(user, listing, "Herner EV"), "editMessageText")
    assert "Gysenberghalle" in card.text
    assert next(b.get("url") for b in card.buttons()) == "https://herner-ev.com"
    back = only_message(await harness.press_label(user, card, "Back"), "editMessageText")
    assert back.text == listing.text


async def test_a_related_entry_button_opens_the_entry_in_the_readers_language(harness):
    user = make_user(213, "tr")
    start = only_message(await harness.send(user, "/start"))
    entry = only_message(
        await harness.press(user, start.result, OpenEntry("faq", "eisleben-luther").pack())
    )
    assert entry.text.startswith("Saksonya-Anhalt'taki Lutherstadt Eisleben, Martin Luther'in")


async def test_forged_open_buttons_change_nothing(harness):
    user = make_user(206, "de")
    start = only_message(await harness.send(user, "/start"))
    for data in ("open:city:atlantis", "open:faq:../../etc", "open:org:", "open:x:y", "map:moon"):
        calls = await harness.press(user, start.result, data)
        answer = only_message(calls, "answerCallbackQuery")
        assert answer.params["text"] == "Diese Schaltfläche ist nicht mehr gültig."
        assert [c.method for c in calls] == ["answerCallbackQuery"]


async def test_inline_mode_returns_matching_entries(harness):
    user = make_user(207, "en")
    calls = await harness.feed(harness.api.inline_query(user, "konin"))
    answer = only_message(calls, "answerInlineQuery")
    assert answer.params["results"]
    assert any(
        "Konin" in r["input_message_content"]["message_text"] for r in answer.params["results"]
    )
    # A greeting is no entry to share.
    calls = await harness.feed(harness.api.inline_query(user, "hello"))
    assert only_message(calls, "answerInlineQuery").params["results"] == []


async def test_ask_jsonl_answers_in_order_and_reports_bad_lines(settings, catalogs):
    lines = [
        json.dumps({"text": "Wo liegt Konin?", "language_code": "de"}),
        "not json",
        json.dumps({"language_code": "de"}),
        json.dumps({"text": "", "language_code": "pl"}),
        json.dumps({"text": "Wie spät ist es?", "language_code": "de"}),
        json.dumps({"text": "Белгород", "language_code": "tr"}),
    ]
    out = io.StringIO()
    args = Namespace(jsonl=True, json=False, question=[], lang=None)
    assert await run_ask(settings, catalogs, args, io.StringIO("\n".join(lines)), out) == 0
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(results) == 6
    assert results[0]["language"] == "de" and "Polen" in results[0]["text"]
    assert results[0]["fallback"] is False and results[0]["sources"]
    assert "error" in results[1] and "error" in results[2]
    assert results[3]["fallback"] is True and results[3]["language"] == "pl"
    assert results[4]["fallback"] is True
    assert results[5]["language"] == "ru" and "2022" in results[5]["text"]


async def test_ask_without_a_database_makes_it_as_the_first_start_would(settings, catalogs):
    # A new clone's first `ask`: the base it makes is the bot's (seeded, its model stored), so
    # later asks copy it instead of seeding and training a throw-away base each time; the
    # asker and its question still never reach it.
    live = settings.db_path.with_name("new.sqlite3")
    args = Namespace(jsonl=False, json=True, question=["Wo", "liegt", "Konin?"], lang="de")
    for _ in range(2):
        out = io.StringIO()
        fresh = dataclasses.replace(settings, db_path=live)
        assert await run_ask(fresh, catalogs, args, io.StringIO(), out) == 0
        assert "Polen" in json.loads(out.getvalue())["text"]
        with sqlite3.connect(live) as conn:
            assert conn.execute("SELECT count(*) FROM cities").fetchone()[0] == 9
            assert conn.execute("SELECT count(*) FROM question_models").fetchone()[0] >= 1
            assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == 0
            assert conn.execute("SELECT count(*) FROM question_log").fetchone()[0] == 0


async def test_ask_stores_what_a_start_builds_in_a_base_an_older_version_wrote(settings, catalogs):
    # A base whose derived rows were built from other data or code (here: the name guard's
    # words missing, as after an upgrade) gets them once, as the bot's start would store them,
    # instead of every later `ask` building them again in its throw-away copy.
    live = settings.db_path.with_name("old.sqlite3")
    args = Namespace(jsonl=False, json=True, question=["Wo", "liegt", "Konin?"], lang="de")
    fresh = dataclasses.replace(settings, db_path=live)
    assert await run_ask(fresh, catalogs, args, io.StringIO(), io.StringIO()) == 0
    with sqlite3.connect(live) as conn:
        stored = dict(conn.execute("SELECT name, key FROM question_models"))
        conn.execute("DELETE FROM question_models WHERE name = 'name-guard'")
        conn.execute("UPDATE question_models SET key = 'old' WHERE name = 'entry-readings'")
    out = io.StringIO()
    assert await run_ask(fresh, catalogs, args, io.StringIO(), out) == 0
    assert "Polen" in json.loads(out.getvalue())["text"]
    with sqlite3.connect(live) as conn:
        assert dict(conn.execute("SELECT name, key FROM question_models")) == stored
        assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM question_log").fetchone()[0] == 0


async def test_ask_answers_where_no_database_can_be_made(settings, catalogs, caplog):
    nowhere = settings.db_path.parent / "missing" / "partnerbot.sqlite3"
    args = Namespace(jsonl=False, json=True, question=["Wo", "liegt", "Konin?"], lang="de")
    out = io.StringIO()
    fresh = dataclasses.replace(settings, db_path=nowhere)
    assert await run_ask(fresh, catalogs, args, io.StringIO(), out) == 0
    assert "Polen" in json.loads(out.getvalue())["text"]
    assert not nowhere.parent.exists()
    assert "no database made" in caplog.text


async def test_ask_prints_the_bots_reply_as_plain_text(settings, catalogs):
    out = io.StringIO()
    args = Namespace(jsonl=False, json=False, question=["Where", "is", "Konin?"], lang="en")
    await run_ask(settings, catalogs, args, io.StringIO(), out)
    first, _, rest = out.getvalue().strip().partition("\n\n")
    assert first == "Location of Konin: Poland, Greater Poland (Wielkopolska)."
    assert "Warta" in rest
    assert "<" not in out.getvalue()


async def asked_in(db: Database) -> int:
    return await db.scalar("SELECT coalesce(sum(asked), 0) FROM question_days")


async def test_question_counts_reach_the_database_soon_after_on_their_own(harness, monkeypatch):
    monkeypatch.setattr(bot.questions, "FLUSH_SECONDS", 0.05)
    db = harness.services.db
    only_message(await harness.send(make_user(230, "en"), "Where is Konin?"))
    only_message(await harness.send(make_user(231, "de"), "Wie wird das Wetter morgen?"))
    # Two flushes may come between the questions: wait for both counts, not the first one.
    for _ in range(500):
        if await asked_in(db) >= 2:
            break
        await asyncio.sleep(0.01)
    assert await asked_in(db) == 2
    assert await db.scalar("SELECT sum(answered) FROM question_days") == 1


async def test_question_counts_still_waiting_are_written_at_shutdown(settings, catalogs):
    api = LocalBotApi()
    application = build_application(settings, catalogs, LocalRequest(api))
    async with running(application):
        harness = Harness(application, api)
        only_message(await harness.send(make_user(232, "en"), "Where is Konin?"))
        assert await asked_in(harness.services.db) == 0  # not yet: it waits in memory
    db = await Database.open(settings.db_path)
    try:
        assert await asked_in(db) == 1
    finally:
        await db.close()


async def test_a_fallback_is_logged_for_the_office_in_one_committed_statement(harness, settings):
    db = harness.services.db
    statements: list[str] = []
    await db.connection.set_trace_callback(statements.append)
    try:
        only_message(await harness.send(make_user(233, "de"), "Wie wird das Wetter morgen?"))
    finally:
        await db.connection.set_trace_callback(None)
    # Other statements of the bot may read the log meanwhile (the delivery engine's, the
    # retention job's): the write is what is counted.
    logged = [i for i, s in enumerate(statements) if s.startswith("INSERT INTO question_log")]
    assert len(logged) == 1
    # One round trip: not inside a transaction (of its own or another's). Other statements
    # of the bot (the delivery engine's) may come between, so the nearest transaction
    # statements on either side are what tell: none open before it, none closed after it.
    marks = ("BEGIN IMMEDIATE", "COMMIT")
    before = [s for s in statements[: logged[0]] if s in marks]
    after = [s for s in statements[logged[0] + 1 :] if s in marks]
    assert before[-1:] in ([], ["COMMIT"]) and after[:1] in ([], ["BEGIN IMMEDIATE"])
    # Visible to another connection at once: committed on its own, no transaction left open.
    # The delivery engine may be inside one of its own transactions now; those hold the
    # write lock, so with the lock held none is open unless one leaked.
    async with db._write_lock:
        assert not db.connection.in_transaction
    with sqlite3.connect(settings.db_path) as other:
        (kind,) = other.execute(
            "SELECT kind FROM question_log WHERE question = 'Wie wird das Wetter morgen?'"
        ).fetchone()
    assert kind == "fallback"
