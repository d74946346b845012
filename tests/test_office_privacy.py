"""Issue 6 through the real Application: the office inbox and answers, messages to the office,
/stats and its chart, /privacy, /mydata, /deleteme, retention, flood protection."""

from __future__ import annotations

import json

from bot.local_api import ApiError, make_user, private_chat
from bot.privacy import erase_user
from handlers.office import OfficeButton
from tests.conftest import ADMIN_CHAT_ID, ADMIN_ID

ADMIN = make_user(ADMIN_ID, "en", first_name="Admin")
# Realistic Telegram ids: small ones coincide with rowids of the knowledge base's FTS tables.
BIG = 5_000_000_000
UNKNOWN = "Wie wird das Wetter morgen in Herne?"


def sent(calls, method="sendMessage"):
    return [c for c in calls if c.method == method and c.error is None]


async def no_trace(db, user_id: int) -> list[str]:
    """Every table and column of the schema (FTS tables included) that holds `user_id`."""
    found = []
    for (table,) in await db.fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ):
        for column in await db.fetchall(f"PRAGMA table_info('{table}')"):
            name = column[1]
            hits = await db.scalar(
                f'SELECT count(*) FROM "{table}" WHERE "{name}" = ? OR "{name}" = ?',
                (user_id, str(user_id)),
            )
            if hits:
                found.append(f"{table}.{name}")
    return found


async def ask_office(harness, user, question=UNKNOWN):
    reply = sent(await harness.send(user, question))[0]
    assert "weiß ich leider nicht" in reply.text
    calls = await harness.press_label(user, reply, "Antwort vom Büro")
    assert "/privacy" in sent(calls)[0].text
    return reply


async def test_the_office_answers_a_claimed_question_and_makes_it_an_faq(harness):
    asker, anonymous = make_user(BIG + 301, "de"), make_user(BIG + 302, "de")
    harness.api.chats[ADMIN_ID] = private_chat(ADMIN)
    await ask_office(harness, asker)
    await harness.send(anonymous, "Wie wird morgen das Wetter in Herne?")
    calls = await harness.send(ADMIN, "/questions")
    posts = [c for c in sent(calls) if "Reply to this message" in c.text]
    assert len(posts) == 1 and "Asked 2 times" in posts[0].text
    assert "1 person asked for an answer" in posts[0].text
    update = harness.api.send_text(
        ADMIN, "Schauen Sie bitte auf wetter.de <3", reply_to_message=posts[0].result
    )
    calls = await harness.feed(update)
    to_asker = [c for c in sent(calls) if c.chat_id == BIG + 301]
    assert len(to_asker) == 1
    assert "Antwort des Partnerschaftsbüros" in to_asker[0].text
    assert "wetter.de &lt;3" in to_asker[0].text
    assert not [c for c in sent(calls) if c.chat_id == BIG + 302]
    report = next(c for c in sent(calls) if c.chat_id == ADMIN_ID)
    assert "Answer sent to 1 person" in report.text
    # The asker's id is gone once answered.
    assert await no_trace(harness.services.db, BIG + 301) == ["users.user_id"]
    calls = await harness.press_label(ADMIN, report, "knowledge base")
    assert "office-" in calls[0].params["text"]
    reply = sent(await harness.send(make_user(303, "de"), "Wie wird das Wetter morgen in Herne?"))[
        0
    ]
    assert "wetter.de" in reply.text
    # Answering again sends nothing twice.
    calls = await harness.feed(
        harness.api.send_text(ADMIN, "Noch einmal", reply_to_message=posts[0].result)
    )
    assert not [c for c in sent(calls) if c.chat_id == BIG + 301]
    assert "already been answered" in sent(calls)[0].text


async def test_a_message_to_the_office_is_relayed_and_the_reply_comes_back(harness):
    user = make_user(311, "pl", first_name="Ola")
    reply = sent(await harness.send(user, "Jaka będzie jutro pogoda w Herne?"))[0]
    calls = await harness.press_label(user, reply, "Napisz do biura")
    assert "/cancel" in sent(calls)[0].text
    sticker = {
        "file_id": "s",
        "file_unique_id": "s",
        "type": "regular",
        "width": 1,
        "height": 1,
        "is_animated": False,
        "is_video": False,
    }
    calls = await harness.feed(harness.api.send_message(user, private_chat(user), sticker=sticker))
    assert "jako tekst" in sent(calls)[0].text
    calls = await harness.send(user, "Czy mogę odwiedzić biuro w sobotę?")
    post = next(c for c in sent(calls) if c.chat_id == ADMIN_CHAT_ID)
    assert "Ola" in post.text and "sobotę" in post.text and "pogoda" in post.text
    assert "przekazana" in next(c for c in sent(calls) if c.chat_id == 311).text
    group = harness.api.chats[ADMIN_CHAT_ID]
    # A sticker as the admin's reply: a clear answer, nothing goes to the user.
    calls = await harness.feed(
        harness.api.send_message(ADMIN, group, sticker=sticker, reply_to_message=post.result)
    )
    assert "Only text" in sent(calls)[0].text and not [c for c in sent(calls) if c.chat_id == 311]
    calls = await harness.feed(
        harness.api.send_text(ADMIN, "Tak, od 10 do 14.", chat=group, reply_to_message=post.result)
    )
    answer = next(c for c in sent(calls) if c.chat_id == 311)
    assert "Odpowiedź biura partnerstwa" in answer.text and "od 10 do 14" in answer.text


async def test_an_answer_to_someone_who_deleted_their_data_or_blocked_the_bot(harness):
    gone, blocking = make_user(321, "de"), make_user(322, "de")
    await ask_office(harness, gone)
    await ask_office(harness, blocking, "Gibt es in Herne einen Hundesalon?")
    calls = await harness.send(ADMIN, "/questions", chat=harness.api.chats[ADMIN_CHAT_ID])
    posts = [c for c in sent(calls) if "Reply to this message" in c.text]
    await erase_user(harness.services.db, 321)
    group = harness.api.chats[ADMIN_CHAT_ID]
    by_text = {("Hundesalon" in p.text): p for p in posts}
    calls = await harness.feed(
        harness.api.send_text(ADMIN, "Sonnig.", chat=group, reply_to_message=by_text[False].result)
    )
    assert "deleted their data" in sent(calls)[0].text
    harness.api.fault = lambda method, params: (
        ApiError(403, "Forbidden: bot was blocked by the user")
        if params.get("chat_id") == 322
        else None
    )
    calls = await harness.feed(
        harness.api.send_text(ADMIN, "Regen.", chat=group, reply_to_message=by_text[True].result)
    )
    assert "could not be reached" in sent(calls)[0].text
    assert (await harness.services.users.get(322)).blocked


async def test_forged_office_buttons_do_nothing(harness):
    await ask_office(harness, make_user(331, "de"))
    calls = await harness.send(ADMIN, "/questions")
    post = next(c for c in sent(calls) if "Reply to this message" in c.text)
    data = post.buttons()[0]["callback_data"]
    outsider = make_user(332, "de")
    for forged in (data, OfficeButton(1, "faq").pack(), "ofc:1:explode"):
        calls = await harness.press(outsider, post.result, forged)
        assert [c.method for c in calls] == ["answerCallbackQuery"]
        assert "Administratoren" in calls[0].params["text"]
    assert (
        await harness.services.db.scalar("SELECT count(*) FROM question_log WHERE state = 'open'")
        == 1
    )
    # A forged consent button claims nothing.
    calls = await harness.press(outsider, post.result, "qcl:1:deadbeef")
    assert "nicht mehr gültig" in calls[0].params["text"]


async def test_deleteme_leaves_no_trace_and_twice_is_fine(harness):
    user = make_user(BIG + 341, "ru")
    await harness.send(user, "Где находится Конин?")
    await ask_office(harness, user)
    async with harness.services.db.transaction() as conn:
        await conn.execute(
            "INSERT INTO subscriptions (user_id, city_id, topic, created_at) "
            "VALUES (?, 'konin', NULL, 'x')",
            (BIG + 341,),
        )
    assert await no_trace(harness.services.db, BIG + 341)
    prompt = sent(await harness.send(user, "/deleteme"))[0]
    calls = await harness.press_label(user, prompt, "удалить")
    assert "удалены" in sent(calls, "editMessageText")[0].text
    assert await no_trace(harness.services.db, BIG + 341) == []
    calls = await harness.press_label(user, prompt, "удалить")
    assert "уже удалены" in sent(calls, "editMessageText")[0].text
    assert await no_trace(harness.services.db, BIG + 341) == []


async def test_mydata_sends_a_json_file_and_privacy_explains(harness):
    user = make_user(351, "tr")
    text = sent(await harness.send(user, "/privacy"))[0].text
    assert "365" in text and "/deleteme" in text
    calls = await harness.send(user, "/mydata")
    document = sent(calls, "sendDocument")[0]
    payload = json.loads(
        document.files["document"][1]
        if isinstance(document.files.get("document"), tuple)
        else document.params["document"]
    )
    assert payload["user"]["user_id"] == 351
    group = {"id": -800, "type": "group", "title": "G"}
    calls = await harness.send(user, "/mydata", chat=group)
    assert not sent(calls, "sendDocument") and "özel" in sent(calls)[0].text


async def test_stats_text_and_a_valid_png_chart(harness):
    await harness.send(make_user(361, "de"), "Wo liegt Konin?")
    await harness.send(make_user(362, "de"), UNKNOWN)
    calls = await harness.send(ADMIN, "/stats")
    text = sent(calls)[0].text
    assert "Users: " in text and "answered by the bot: 50%" in text
    photo = sent(calls, "sendPhoto")[0]
    assert photo.files
    data = next(iter(photo.files.values()))
    png = data[1] if isinstance(data, tuple) else data
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
    calls = await harness.send(make_user(363, "de"), "/stats")
    assert not sent(calls, "sendPhoto") and "Administratoren" in sent(calls)[0].text


async def test_flood_protection_notices_once_and_spares_admins(harness):
    harness.services.flood.limit = 3
    user = make_user(371, "de")
    replies = [sent(await harness.send(user, "Wo liegt Konin?")) for _ in range(6)]
    assert all(r for r in replies[:3])
    assert "Minute" in replies[3][0].text
    assert replies[4] == [] and replies[5] == []
    for _ in range(5):
        assert sent(await harness.send(ADMIN, "Where is Konin?"))
