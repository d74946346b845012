"""Issue 6 through the real Application: the office inbox and answers, messages to the office,
/stats and its chart, /privacy, /mydata, /deleteme, retention, flood protection."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import sys
from collections import Counter
from datetime import timedelta

from bot.app.application import build_application, running
from bot.app.context import UserState
from bot.app.local_api import ApiError, LocalBotApi, LocalRequest, make_user, private_chat
from bot.db import Database, migrations
from bot.delivery import Content
from bot.flood import UpdateBudget
from bot.i18n import LANGUAGES
from bot.kb_cli import run_kb
from bot.privacy import collect_user_data, erase_user
from bot.questions import MAX_MESSAGE, QuestionLog
from bot.resources import data_dir
from bot.users import isoformat, utcnow
from handlers.office import OfficeButton
from handlers.questions import RateButton
from tests.conftest import ADMIN_CHAT_ID, ADMIN_ID, STICKER, Harness, replace_settings
from tests.test_delivery import (
    add_users,
    delivered,
    engine_harness,
    start_job,
    states,
    wait_until_finished,
)

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
    # The user's own reply: a broadcast report to the office may go out at the same moment.
    [reply] = [c for c in sent(await harness.send(user, question)) if c.chat_id == user["id"]]
    assert "weiß ich leider nicht" in reply.text
    calls = await harness.press_label(user, reply, "Antwort vom Büro")
    [notice] = [c for c in sent(calls) if c.chat_id == user["id"]]
    assert "/privacy" in notice.text
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
    assert "Answer delivered to 1 person" in report.text
    # The id the answer went to is gone once answered; the author, and the answer's message in
    # their chat (a reply to it goes to the office), stay until /deleteme.
    assert sorted(await no_trace(harness.services.db, BIG + 301)) == [
        "office_posts.chat_id",
        "question_log.author_id",
        "users.user_id",
    ]
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
    calls = await harness.press_label(user, reply, "Wiadomość do biura")
    assert "/cancel" in sent(calls)[0].text
    calls = await harness.feed(harness.api.send_message(user, private_chat(user), sticker=STICKER))
    assert "jako tekst" in sent(calls)[0].text
    calls = await harness.send(user, "Czy mogę odwiedzić biuro w sobotę?")
    post = next(c for c in sent(calls) if c.chat_id == ADMIN_CHAT_ID)
    assert "Ola" in post.text and "sobotę" in post.text and "pogoda" in post.text
    assert "przekazana" in next(c for c in sent(calls) if c.chat_id == 311).text
    group = harness.api.chats[ADMIN_CHAT_ID]
    # A sticker as the admin's reply: a clear answer, nothing goes to the user.
    calls = await harness.feed(
        harness.api.send_message(ADMIN, group, sticker=STICKER, reply_to_message=post.result)
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


async def no_text(db, text: str) -> list[str]:
    """Every table and column (FTS tables included) holding `text`, in any letter case."""
    found = []
    for (table,) in await db.fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ):
        for column in await db.fetchall(f"PRAGMA table_info('{table}')"):
            hits = await db.scalar(
                f'SELECT count(*) FROM "{table}" WHERE lower("{column[1]}") LIKE ?',
                (f"%{text.lower()}%",),
            )
            if hits:
                found.append(f"{table}.{column[1]}")
    return found


async def test_deleteme_leaves_no_trace_and_twice_is_fine(harness):
    user = make_user(BIG + 341, "ru")
    group = harness.api.chats[ADMIN_CHAT_ID]
    await harness.send(user, "Где находится Конин?")
    await ask_office(harness, user)
    # An answered question, made into a knowledge-base entry: its wording is the user's too.
    await ask_office(harness, user, "Gibt es in Herne einen Zauberladenquux?")
    posts = [
        c
        for c in sent(await harness.send(ADMIN, "/questions", chat=group))
        if "Zauberladenquux" in c.text
    ]
    calls = await harness.feed(
        harness.api.send_text(ADMIN, "Nein, leider.", chat=group, reply_to_message=posts[0].result)
    )
    report = next(c for c in sent(calls) if "Answer delivered to 1 person" in c.text)
    await harness.press_label(ADMIN, report, "knowledge base")
    assert await no_text(harness.services.db, "Zauberladenquux")
    # A message to the office, answered, and an anonymous question the bot could not answer.
    await harness.send(user, "/office")
    calls = await harness.send(user, "Sprechstunde Blorptaxis?")
    post = next(c for c in sent(calls) if c.chat_id == ADMIN_CHAT_ID)
    await harness.feed(
        harness.api.send_text(ADMIN, "Dienstags.", chat=group, reply_to_message=post.result)
    )
    await harness.send(user, "Wo parkt der Glimmerwumpf in Herne?")
    mydata = sent(await harness.send(user, "/mydata"), "sendDocument")[0]
    shown = json.dumps(json.loads(mydata.files["document"][1]), ensure_ascii=False)
    for wording in ("Zauberladenquux", "Blorptaxis", "Glimmerwumpf", "Dienstags."):
        assert wording in shown
    # The admin who answered sees where /deleteme would take their id out.
    admin_data = await collect_user_data(harness.services.db, ADMIN_ID)
    assert admin_data["your_id_is_also_in"]["question_log.answered_by"] == 2
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
    for wording in ("Zauberladenquux", "Blorptaxis", "Glimmerwumpf"):
        assert await no_text(harness.services.db, wording) == [], wording
    # The office's answer stays in the knowledge base, without the user's wording.
    assert (
        await harness.services.db.scalar(
            "SELECT answer FROM faq_texts WHERE faq_id LIKE 'office-%'"
        )
        == "Nein, leider."
    )
    calls = await harness.press_label(user, prompt, "удалить")
    assert "уже удалены" in sent(calls, "editMessageText")[0].text
    assert await no_trace(harness.services.db, BIG + 341) == []


async def test_mydata_sends_a_json_file_and_privacy_explains(harness):
    user = make_user(351, "tr")
    text = sent(await harness.send(user, "/privacy"))[0].text
    assert "365" in text and "/deleteme" in text and "Büroya mesajlar" in text
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
    # Drawn by a child process: matplotlib's memory never becomes the bot's.
    assert "matplotlib" not in sys.modules
    calls = await harness.send(make_user(363, "de"), "/stats")
    assert not sent(calls, "sendPhoto") and "Administratoren" in sent(calls)[0].text


async def test_flood_protection_notices_once_and_spares_admins(harness):
    harness.services.flood.questions.limit = 3
    user = make_user(371, "de")
    replies = [sent(await harness.send(user, "Wo liegt Konin?")) for _ in range(6)]
    assert all(r for r in replies[:3])
    assert "Minute" in replies[3][0].text
    assert replies[4] == [] and replies[5] == []
    for _ in range(5):
        assert sent(await harness.send(ADMIN, "Where is Konin?"))


def document_payload(call) -> dict:
    data = call.files["document"]
    return json.loads(data[1] if isinstance(data, tuple) else data)


async def test_mydata_while_a_broadcast_runs_gets_the_file_and_loses_nothing(settings, catalogs):
    recipients = {BIG + 400 + i: "de" for i in range(40)}
    me = BIG + 439
    async with engine_harness(settings, catalogs, broadcast_rate=20.0) as harness:
        await add_users(harness, recipients)
        job_id = await start_job(harness, {"de": Content("text", "Sommerfest in Konin")})
        for _ in range(500):  # until the broadcast is under way, 10 s at most
            if delivered(harness.api):
                break
            await asyncio.sleep(0.02)
        assert 0 < sum(delivered(harness.api).values()) < len(recipients)
        calls = await harness.send(make_user(me, "de"), "/mydata")
        [document] = sent(calls, "sendDocument")
        assert document.chat_id == me
        payload = document_payload(document)
        assert payload["user"]["user_id"] == me
        assert [m["job_id"] for m in payload["messages_received"]] == [job_id]
        raw = document.files["document"][1].decode()
        assert not [u for u in recipients if u != me and str(u) in raw]
        assert await harness.services.db.scalar(
            "SELECT state FROM delivery_jobs WHERE id = ?", (job_id,)
        ) in ("running", "done")
        await wait_until_finished(harness, job_id)
        got = Counter(c.chat_id for c in sent(harness.api.calls) if "Sommerfest" in c.text)
        assert got == dict.fromkeys(recipients, 1)
        assert set((await states(harness, job_id)).values()) == {"sent"}


async def test_the_daily_purge_erases_inactive_users_and_keeps_admins(settings, catalogs):
    stale, fresh = BIG + 501, BIG + 502
    async with engine_harness(settings, catalogs, broadcast_rate=200.0) as harness:
        db = harness.services.db
        await add_users(harness, {stale: "de", fresh: "de", ADMIN_ID: "en"})
        job_id = await start_job(harness, {"de": Content("text", "Hallo")})
        await wait_until_finished(harness, job_id)
        await ask_office(harness, make_user(stale, "de"))
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO subscriptions (user_id, city_id, topic, created_at) "
                "VALUES (?, 'konin', NULL, 'x')",
                (stale,),
            )
            await conn.execute(
                "INSERT INTO question_log (asked_at, kind, question, language) "
                "VALUES ('2020-01-01T00:00:00+00:00', 'fallback', 'Alt?', 'de')"
            )
            # Inactive for a day longer than RETENTION_DAYS, the admin as well.
            await conn.execute(
                "UPDATE users SET last_seen = ? WHERE user_id IN (?, ?)",
                (isoformat(utcnow() - timedelta(days=366)), stale, ADMIN_ID),
            )
        assert len(await no_trace(db, stale)) >= 4
        [job] = harness.application.job_queue.get_jobs_by_name("privacy-retention")
        await job.run(harness.application)
        assert await no_trace(db, stale) == []
        assert await harness.services.users.get(fresh) is not None
        assert await harness.services.users.get(ADMIN_ID) is not None
        assert await db.scalar("SELECT count(*) FROM question_log WHERE question = 'Alt?'") == 0
        assert await db.scalar("SELECT count(*) FROM deliveries WHERE user_id = ?", (fresh,)) == 1


async def test_kb_import_keeps_office_entries_and_export_leaves_them_out(settings, tmp_path):
    db = await Database.open(settings.db_path)
    log = QuestionLog(db)
    logged = await log.log("fallback", UNKNOWN, "de", user_id=BIG + 601)
    await log.answer([logged.id], "Schauen Sie auf wetter.de.", ADMIN_ID, lambda r: ["Antwort"])
    faq_id = await log.to_faq(logged.id)
    await db.close()
    assert await run_kb(settings, "import", data_dir()) == 0
    db = await Database.open(settings.db_path)
    try:
        assert await db.scalar("SELECT origin FROM faq WHERE id = ?", (faq_id,)) == "office"
        assert await db.scalar(
            "SELECT answer FROM faq_texts WHERE faq_id = ? AND language = 'de'", (faq_id,)
        ) == ("Schauen Sie auf wetter.de.")
        assert await QuestionLog(db).incomplete_faq() == [(faq_id, "de")]
        assert await db.scalar("SELECT count(*) FROM faq WHERE origin = 'files'") > 0
    finally:
        await db.close()
    target = tmp_path / "export"
    assert await run_kb(settings, "export", target) == 0
    exported = (target / "faq.yaml").read_text(encoding="utf-8")
    assert "id: " in exported and faq_id not in exported and "wetter.de" not in exported


async def test_thumbs_down_logs_the_question_and_stale_or_forged_ratings_do_nothing(harness):
    user, other = make_user(BIG + 701, "de"), make_user(BIG + 702, "de")
    db = harness.services.db

    async def logged() -> list[tuple]:
        rows = await db.fetchall("SELECT kind, question, language, user_id FROM question_log")
        return [tuple(r) for r in rows]

    reply = sent(await harness.send(user, "Wo liegt Konin?"))[0]
    labels = [b["text"] for b in reply.buttons()]
    assert "👍" in labels and "👎" in labels
    down = next(b["callback_data"] for b in reply.buttons() if b["text"] == "👎")
    key = RateButton.parse(down).key
    # Someone else pressing the same data, a made-up key, a made-up verdict: nothing logged.
    for forged_user, data in (
        (other, down),
        (user, RateButton("0123456789ab", "down").pack()),
        (user, RateButton(key, "meh").pack()),
    ):
        calls = await harness.press(forged_user, reply.result, data)
        assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert await logged() == []
    calls = await harness.press(user, reply.result, down)
    edit = sent(calls, "editMessageReplyMarkup")[0]
    assert not [b for b in edit.buttons() if b["text"] in ("👍", "👎")]
    assert "Büro" in sent(calls)[0].text
    assert any("Antwort vom Büro" in b["text"] for b in sent(calls)[0].buttons())
    assert await logged() == [("unhelpful", "Wo liegt Konin?", "de", None)]
    # Pressed again (an old copy of the message): thanked, nothing logged twice.
    calls = await harness.press(user, reply.result, down)
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert len(await logged()) == 1
    # 👍 logs nothing.
    reply = sent(await harness.send(user, "Wo liegt Konin?"))[0]
    calls = await harness.press_label(user, reply, "👍")
    assert sent(calls, "editMessageReplyMarkup") and len(await logged()) == 1


async def test_flood_notice_once_per_window_then_questions_again(harness):
    now = [1000.0]
    harness.services.flood = UpdateBudget(60, 2, clock=lambda: now[0])
    user = make_user(BIG + 801, "ru")
    replies = [sent(await harness.send(user, "Где находится Конин?")) for _ in range(4)]
    assert all(r for r in replies[:2]) and replies[3] == []
    [notice] = replies[2]
    assert "2 вопроса" in notice.text and "минуту" in notice.text
    now[0] += 61
    assert "Конин" in sent(await harness.send(user, "Где находится Конин?"))[0].text
    await harness.send(user, "Где находится Конин?")
    calls = sent(await harness.send(user, "Где находится Конин?"))
    assert len(calls) == 1 and "минуту" in calls[0].text
    # Commands and buttons are not questions: the limit leaves them alone.
    assert sent(await harness.send(user, "/privacy"))


async def test_a_file_to_or_from_the_office_is_refused_clearly(harness):
    user = make_user(BIG + 901, "de", first_name="Jan")
    document = {"file_id": "d", "file_unique_id": "d", "file_name": "pass.pdf"}
    calls = await harness.send(user, "/office")
    assert "/cancel" in sent(calls)[0].text
    calls = await harness.feed(
        harness.api.send_message(user, private_chat(user), document=document)
    )
    assert "als Text" in sent(calls)[0].text
    assert not [c for c in calls if c.chat_id == ADMIN_CHAT_ID]
    calls = await harness.send(user, "Darf ich einen Pass schicken?")
    post = next(c for c in sent(calls) if c.chat_id == ADMIN_CHAT_ID)
    group = harness.api.chats[ADMIN_CHAT_ID]
    calls = await harness.feed(
        harness.api.send_message(ADMIN, group, document=document, reply_to_message=post.result)
    )
    assert "Only text" in sent(calls)[0].text
    assert not [c for c in calls if c.chat_id == BIG + 901]
    assert (
        await harness.services.db.scalar(
            "SELECT state FROM question_log WHERE user_id = ?", (BIG + 901,)
        )
        == "open"
    )


async def test_erasing_a_user_keeps_audit_entries_about_a_job_with_the_same_number(harness):
    db, user_id = harness.services.db, 7
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO users (user_id, first_seen, last_seen) VALUES (?, 'x', 'x')", (user_id,)
        )
        await conn.executemany(
            "INSERT INTO admin_audit (at, actor_id, action, target) VALUES ('x', ?, ?, '7')",
            [(ADMIN_ID, "broadcast_confirm"), (ADMIN_ID, "grant")],
        )
    data = await collect_user_data(db, user_id)
    assert [a["action"] for a in data["admin_actions"]] == ["grant"]
    assert await erase_user(db, user_id)
    rows = await db.fetchall("SELECT action, target FROM admin_audit ORDER BY id")
    assert [tuple(r) for r in rows][-2:] == [("broadcast_confirm", "7"), ("grant", "")]


async def erase(harness, user) -> None:
    prompt = sent(await harness.send(user, "/deleteme"))[0]
    await harness.press(user, prompt.result, prompt.buttons()[0]["callback_data"])


async def test_an_answer_to_an_erased_asker_never_reaches_the_next_one(harness):
    """X writes to the office, X erases their data, Y writes to the office, the office answers
    X's old post: Y receives nothing, the office is told X is gone, Dismiss spares Y."""
    group = harness.api.chats[ADMIN_CHAT_ID]
    x, y = make_user(BIG + 501, "de"), make_user(BIG + 502, "en")
    await harness.send(x, "/office")
    x_post = next(
        c for c in sent(await harness.send(x, "Frage von X")) if c.chat_id == ADMIN_CHAT_ID
    )
    await erase(harness, x)
    await harness.send(y, "/office")
    y_post = next(
        c for c in sent(await harness.send(y, "Question from Y")) if c.chat_id == ADMIN_CHAT_ID
    )
    x_id = OfficeButton.parse(x_post.buttons()[0]["callback_data"]).question
    y_id = OfficeButton.parse(y_post.buttons()[0]["callback_data"]).question
    assert y_id != x_id
    calls = await harness.feed(
        harness.api.send_text(ADMIN, "Answer for X", chat=group, reply_to_message=x_post.result)
    )
    assert not [c for c in calls if c.chat_id == BIG + 502]
    assert "deleted their data" in sent(calls)[0].text
    calls = await harness.press(ADMIN, x_post.result, x_post.buttons()[0]["callback_data"])
    assert "deleted their data" in calls[0].params["text"]
    assert not [c for c in calls if c.chat_id == BIG + 502]
    row = await harness.services.db.fetchone(
        "SELECT state, user_id FROM question_log WHERE id = ?", (y_id,)
    )
    assert tuple(row) == ("open", BIG + 502)
    # Y's own post still works.
    calls = await harness.feed(
        harness.api.send_text(ADMIN, "Answer for Y", chat=group, reply_to_message=y_post.result)
    )
    assert next(c.text for c in sent(calls) if c.chat_id == BIG + 502).count("Answer for Y") == 1


async def test_write_pressed_twice_asks_twice_and_relays_once(harness):
    user = make_user(BIG + 512, "en")
    reply = sent(await harness.send(user, "Wie wird das Wetter morgen in Herne?"))[0]
    for _ in range(2):
        calls = await harness.press_label(user, reply, "✉️")
        assert [c for c in calls if c.method == "answerCallbackQuery"]
        assert "/cancel" in sent(calls)[0].text
    calls = await harness.send(user, "Is the office open on Saturday?")
    assert len([c for c in sent(calls) if c.chat_id == ADMIN_CHAT_ID]) == 1


async def test_office_does_not_outlive_deleteme(harness):
    user = make_user(BIG + 511, "de")
    assert "/cancel" in sent(await harness.send(user, "/office"))[0].text
    await erase(harness, user)
    calls = await harness.send(user, "Wie wird das Wetter morgen in Herne?")
    assert not [c for c in calls if c.chat_id == ADMIN_CHAT_ID]
    assert "weiß ich leider nicht" in sent(calls)[0].text
    assert (
        await harness.services.db.scalar("SELECT count(*) FROM question_log WHERE kind = 'message'")
        == 0
    )


async def test_a_too_long_message_to_the_office_is_refused_whole_before_storing(harness):
    user = make_user(BIG + 521, "pl", first_name="Ola")
    await harness.send(user, "/office")
    long_text = "ą" * (MAX_MESSAGE + 1)
    calls = await harness.send(user, long_text)
    assert not [c for c in calls if c.chat_id == ADMIN_CHAT_ID]
    assert "2501" in sent(calls)[0].text.replace("\xa0", "").replace(" ", "")
    assert await harness.services.db.scalar("SELECT count(*) FROM question_log") == 0
    # Still waiting: the shortened message goes through, whole.
    calls = await harness.send(user, "ż" * MAX_MESSAGE)
    assert [c for c in sent(calls) if c.chat_id == ADMIN_CHAT_ID]
    stored = await harness.services.db.scalar("SELECT question FROM question_log")
    assert stored == "ż" * MAX_MESSAGE
    # Three long messages in one inbox group still make one post that Telegram accepts.
    words = "Czy biuro partnerstwa jest otwarte w sobotę rano? " * 60
    for n, other in enumerate((BIG + 522, BIG + 523, BIG + 524)):
        await harness.send(make_user(other, "pl"), "/office")
        await harness.send(make_user(other, "pl"), words[: MAX_MESSAGE - 5 * n].strip())
    calls = await harness.send(ADMIN, "/questions")
    posts = [c for c in sent(calls) if "Asked 3 times" in c.text]
    assert len(posts) == 1 and posts[0].text.count("…") == 3


async def test_the_longest_office_post_fits_one_message_in_every_language(settings, catalogs):
    """The longest name, message and quoted question with the template of every default
    language stays within Telegram's 4,096 characters."""
    for language in LANGUAGES:
        api = LocalBotApi()
        api.chats[ADMIN_CHAT_ID] = {"id": ADMIN_CHAT_ID, "type": "supergroup", "title": "O"}
        application = build_application(
            replace_settings(settings, default_language=language), catalogs, LocalRequest(api)
        )
        async with running(application):
            harness = Harness(application, api)
            user = make_user(BIG + 531, language, first_name="W" * 64, last_name="W" * 64)
            reply = sent(await harness.send(user, "Wetterquux " + "x" * 2000))[0]
            await harness.press_label(user, reply, "✉️")
            calls = await harness.send(user, "m" * MAX_MESSAGE)
            posts = [c for c in sent(calls) if c.chat_id == ADMIN_CHAT_ID]
            assert posts, language


async def test_migration_keeps_every_question_and_never_reuses_a_posted_id(tmp_path):
    path = tmp_path / "old.sqlite3"
    connection = sqlite3.connect(path)
    for version, _, sql in migrations()[:6]:
        connection.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")
    connection.executescript(
        "INSERT INTO question_log (id, asked_at, kind, question, language, user_id) VALUES "
        "(3, 'x', 'message', 'old three', 'de', 77), (5, 'x', 'fallback', 'old five', 'en', NULL);"
        "INSERT INTO office_posts VALUES (-100, 1, 3), (-100, 2, 9);"
    )
    connection.close()
    db = await Database.open(path)
    try:
        rows = await db.fetchall("SELECT id, question, user_id, author_id FROM question_log")
        assert [tuple(r) for r in rows] == [(3, "old three", 77, 77), (5, "old five", None, None)]
        # Question 9 was erased before the upgrade, but a post still names it.
        logged = await QuestionLog(db).log("fallback", "new", "de")
        assert logged.id == 10
        async with db.transaction() as conn:
            await conn.execute("DELETE FROM question_log WHERE id = 10")
        assert (await QuestionLog(db).log("fallback", "newer", "de")).id == 11
    finally:
        await db.close()


async def test_deleteme_ends_an_admins_event_conversation_too(harness):
    harness.api.chats[ADMIN_ID] = private_chat(ADMIN)
    await harness.send(ADMIN, "/newevent")
    prompt = harness.api.sent(ADMIN_ID)[-1]
    await harness.press(ADMIN, prompt.result, prompt.buttons()[0]["callback_data"])
    prompt = harness.api.sent(ADMIN_ID)[-1]
    await harness.press(ADMIN, prompt.result, prompt.buttons()[0]["callback_data"])
    prompt = harness.api.sent(ADMIN_ID)[-1]
    calls = await harness.press(ADMIN, prompt.result, prompt.buttons()[0]["callback_data"])
    assert "title" in sent(calls)[0].text
    assert harness.application.user_data[ADMIN_ID].admin.event_draft is not None
    await erase(harness, ADMIN)
    assert harness.application.user_data.get(ADMIN_ID, UserState()) == UserState()
    calls = await harness.send(ADMIN, "Wie wird das Wetter morgen in Herne?")
    texts = [c.text for c in sent(calls)]
    assert not [t for t in texts if "description" in t or "went wrong" in t], texts
    assert texts
