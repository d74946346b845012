"""/broadcast, /broadcasts, /grant, /revoke through the real Application offline: rights on every
call, the guided conversation, bad input, double confirmation, pause/resume/cancel."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from bot.app.local_api import make_user, private_chat
from handlers.admin_broadcast import DraftButton, JobButton
from tests.conftest import ADMIN_CHAT_ID, ADMIN_ID, STICKER
from tests.test_delivery import (
    add_users,
    delivered,
    engine_harness,
    states,
    wait_until_finished,
)
from tests.test_events import wait_for

ADMIN = make_user(ADMIN_ID, "en", first_name="Admin")
OUTSIDER = make_user(4242, "de", first_name="Eve")
REFUSAL_DE = "Administratoren"


def replies(calls, method="sendMessage"):
    return [c for c in calls if c.method == method and c.error is None]


def last_with_buttons(calls):
    return [c for c in calls if c.buttons() and c.error is None][-1]


async def draft_with_text(harness, text="<b>Hello</b> world", entities=None):
    """Walks /broadcast -> English -> the message; returns the draft card's call."""
    prompt = last_with_buttons(await harness.send(ADMIN, "/broadcast"))
    calls = await harness.press_label(ADMIN, prompt, "English")
    assert "Now send the version for this language: English" in calls[-1].text
    fields = {"entities": entities} if entities else {}
    calls = await harness.feed(harness.api.send_text(ADMIN, text, **fields))
    card = last_with_buttons(calls)
    assert "(draft)" in card.text
    return card


async def preview(harness, card):
    calls = await harness.press_label(harness_user(), card, "Preview")
    return calls, last_with_buttons(calls)


def harness_user():
    return ADMIN


@pytest.fixture
async def bc(settings, catalogs):
    async with engine_harness(settings, catalogs, broadcast_rate=200.0) as harness:
        harness.api.chats[ADMIN_ID] = private_chat(ADMIN)
        yield harness


async def test_outsiders_are_refused_politely_and_nothing_happens(bc):
    for command in ("/broadcast", "/broadcasts", "/admins", "/grant 4242", "/revoke 900001"):
        calls = await bc.send(OUTSIDER, command)
        [reply] = replies(calls)
        assert REFUSAL_DE in reply.text, command
        assert not reply.buttons()
    assert await bc.services.admins.is_admin(4242) is False
    assert await bc.services.db.scalar("SELECT count(*) FROM delivery_jobs") == 0
    # Their next message is a question again, not a broadcast.
    calls = await bc.send(OUTSIDER, "Wo liegt Konin?")
    assert await bc.services.db.scalar("SELECT count(*) FROM delivery_jobs") == 0
    assert replies(calls)


async def test_forged_admin_buttons_do_nothing(bc):
    await add_users(bc, {501: "de"})
    card = await draft_with_text(bc)
    draft_id = DraftButton.parse(card.buttons()[0]["callback_data"]).draft
    start = replies(await bc.send(OUTSIDER, "/start"))[0]
    forged = [
        DraftButton(draft_id, "send").pack(),
        DraftButton(draft_id, "discard").pack(),
        DraftButton(draft_id, "lang", "ru").pack(),
        JobButton(draft_id, "cancel").pack(),
        "bcn:de",
    ]
    for data in forged:
        calls = await bc.press(OUTSIDER, start.result, data)
        assert [c.method for c in calls] == ["answerCallbackQuery"], data
        assert REFUSAL_DE in calls[0].params["text"]
    draft = await bc.services.db.fetchone(
        "SELECT state, audience FROM delivery_jobs WHERE id = ?", (draft_id,)
    )
    assert tuple(draft) == ("draft", "{}")
    # Malformed data from an admin: a clear answer, nothing else.
    for data in ("bcd:x:send:-", "bcd:99999:send:-", "bcj:1:explode", "bcd:1"):
        calls = await bc.press(ADMIN, card.result, data)
        assert [c.method for c in calls] == ["answerCallbackQuery"], data
        assert calls[0].params["show_alert"] is True


async def test_the_full_conversation_sends_each_language_its_version_once(bc):
    await add_users(bc, {601: "de", 602: "en", 603: "ru", 604: "ru", 605: "pl"})
    bold = [{"type": "bold", "offset": 0, "length": 5}]
    card = await draft_with_text(bc, "Hello everyone", entities=bold)
    # A Russian version too, then make it the fallback.
    # Language names in the admin's language (English here), never each in itself.
    calls = await bc.press_label(ADMIN, card, "Russian")
    assert "Russian" in calls[-1].text
    calls = await bc.feed(bc.api.send_text(ADMIN, "Всем привет", entities=bold))
    card = last_with_buttons(calls)
    assert "⭐ English, Russian" in card.text
    calls = await bc.press_label(ADMIN, card, "⭐ Russian")
    card = replies(calls, "editMessageText")[0]
    assert "English, ⭐ Russian" in card.text

    calls, summary = await preview(bc, card)
    previews = [c for c in replies(calls) if c.params.get("entities")]
    assert [c.text for c in previews] == ["Hello everyone", "Всем привет"]
    # The admin uses the bot too, in English.
    assert "German: 1 recipient, version: Russian" in summary.text
    assert "English: 2 recipients, version: English" in summary.text
    assert "Russian: 2 recipients, version: Russian" in summary.text
    assert "Send it to 6 recipients now?" in summary.text

    calls = await bc.press_label(ADMIN, summary, "Send now")
    assert "Sending to 6 recipients." in calls[0].params["text"]
    job_id = DraftButton.parse(summary.buttons()[0]["callback_data"]).draft
    await wait_until_finished(bc, job_id)
    report = await wait_for_pm_report(bc)
    assert "Total: sent 6, failed 0, blocked 0, unknown 0" in report
    got = {c.chat_id: c.text for c in bc.api.sent() if c.chat_id in range(601, 606)}
    assert got == {
        601: "Всем привет",
        602: "Hello everyone",
        603: "Всем привет",
        604: "Всем привет",
        605: "Всем привет",
    }
    assert json.loads(json.dumps(bc.api.sent(602)[0].params["entities"])) == bold
    # The same button again, and the draft's other buttons: already sent, nothing more.
    calls = await bc.press_label(ADMIN, summary, "Send now")
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert "already been sent" in calls[0].params["text"]
    calls = await bc.press_label(ADMIN, card, "Preview")
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert max(delivered(bc.api).values()) == 1


async def wait_for_pm_report(harness, seconds=30.0):
    deadline = time.monotonic() + seconds
    while True:
        found = [c for c in harness.api.sent(ADMIN_ID) if "Report on broadcast" in (c.text or "")]
        if found:
            return found[-1].text
        assert time.monotonic() < deadline
        await asyncio.sleep(0.02)


async def test_two_admins_confirming_at_once_send_once(bc):
    await add_users(bc, {701: "de", 702: "en", 4243: "en"})
    second = make_user(4243, "en")
    bc.api.chats[4243] = private_chat(second)
    await bc.send(ADMIN, "/grant 4243")
    card = await draft_with_text(bc)
    _, summary = await preview(bc, card)
    send = next(b for b in summary.buttons() if "Send now" in b["text"])["callback_data"]
    mark = len(bc.api.calls)
    await asyncio.gather(
        bc.press(ADMIN, summary.result, send),
        bc.press(second, summary.result, send),
        bc.press(ADMIN, summary.result, send),
    )
    answers = [
        c.params.get("text", "") for c in bc.api.calls[mark:] if c.method == "answerCallbackQuery"
    ]
    assert sum("Sending to" in a for a in answers) == 1, answers
    assert sum("already been sent" in a for a in answers) == 2, answers
    job_id = DraftButton.parse(send).draft
    await wait_until_finished(bc, job_id)
    got = delivered(bc.api)
    assert got[701] == got[702] == got[4243] == 1


@pytest.mark.parametrize(
    ("fields", "answer"),
    [
        ({"text": "   "}, "The message is empty"),
        ({"text": "x" * 4097}, "longer than Telegram allows (4,096"),
        ({"text": "🙂" * 2049}, "longer than Telegram allows (4,096"),
        (
            {
                "photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}],
                "caption": "y" * 1025,
            },
            "caption is longer than Telegram allows (1,024",
        ),
        (
            {"sticker": STICKER},
            "can be text, a photo or a document",
        ),
        ({"location": {"latitude": 51.5, "longitude": 7.2}}, "can be text, a photo or a document"),
    ],
)
async def test_bad_content_is_explained_before_anything_is_sent(bc, fields, answer):
    prompt = last_with_buttons(await bc.send(ADMIN, "/broadcast"))
    await bc.press_label(ADMIN, prompt, "English")
    calls = await bc.feed(bc.api.send_message(ADMIN, private_chat(ADMIN), **fields))
    [reply] = replies(calls)
    assert answer in reply.text
    assert await bc.services.db.scalar("SELECT count(*) FROM delivery_jobs") == 0
    # Still in the conversation: a good message now makes the draft.
    calls = await bc.feed(bc.api.send_text(ADMIN, "x" * 4096))
    assert "(draft)" in last_with_buttons(calls).text


async def test_a_photo_with_a_formatted_caption_keeps_it(bc):
    await add_users(bc, {801: "en"})
    prompt = last_with_buttons(await bc.send(ADMIN, "/broadcast"))
    await bc.press_label(ADMIN, prompt, "English")
    italic = [{"type": "italic", "offset": 0, "length": 3}]
    photo = [
        {"file_id": "small", "file_unique_id": "a", "width": 1, "height": 1},
        {"file_id": "large", "file_unique_id": "b", "width": 9, "height": 9},
    ]
    calls = await bc.feed(
        bc.api.send_message(
            ADMIN, private_chat(ADMIN), photo=photo, caption="Our day", caption_entities=italic
        )
    )
    card = last_with_buttons(calls)
    _, summary = await preview(bc, card)
    await bc.press_label(ADMIN, summary, "Send now")
    await wait_until_finished(bc, DraftButton.parse(summary.buttons()[0]["callback_data"]).draft)
    [sent] = bc.api.sent(801, "sendPhoto")
    assert sent.params["photo"] == "large" and sent.params["caption"] == "Our day"
    assert sent.params["caption_entities"] == italic


async def test_an_empty_audience_is_said_and_cannot_be_sent(bc):
    await add_users(bc, {901: "de"})
    card = await draft_with_text(bc)
    calls = await bc.press_label(ADMIN, card, "City:")
    picker = replies(calls, "editMessageReplyMarkup")[0]
    calls = await bc.press_label(ADMIN, picker, "Konin")
    card = replies(calls, "editMessageText")[0]
    assert "subscribers of" in card.text and "Konin" in card.text
    _, summary = await preview(bc, card)
    assert "Nobody matches this audience" in summary.text
    assert not [b for b in summary.buttons() if "Send now" in b["text"]]
    job_id = DraftButton.parse(summary.buttons()[0]["callback_data"]).draft
    calls = await bc.press(ADMIN, summary.result, DraftButton(job_id, "send").pack())
    assert "Nobody matches" in calls[0].params["text"]
    assert (
        await bc.services.db.scalar("SELECT state FROM delivery_jobs WHERE id = ?", (job_id,))
        == "draft"
    )
    # A subscriber of Konin (and one of every city) makes the audience; others stay out.
    async with bc.services.db.transaction() as conn:
        await add_subscription(conn, 901, "konin")
        await conn.execute(
            "INSERT INTO users (user_id, first_seen, last_seen) VALUES (902, 'x', 'x')"
        )
        await add_subscription(conn, 902, "belgorod", "culture")
    _, summary = await preview(bc, card)
    assert "Send it to 1 recipient now?" in summary.text


async def add_subscription(conn, user_id, city, topic=None):
    await conn.execute(
        "INSERT INTO subscriptions (user_id, city_id, topic, created_at) VALUES (?, ?, ?, 'x')",
        (user_id, city, topic),
    )


async def test_a_stale_button_from_an_old_conversation_gets_a_clear_answer(bc):
    prompt = last_with_buttons(await bc.send(ADMIN, "/broadcast"))
    [reply] = replies(await bc.send(ADMIN, "/cancel"))
    assert "Nothing was sent" in reply.text
    calls = await bc.press_label(ADMIN, prompt, "German")
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert "expired" in calls[0].params["text"]
    card = await draft_with_text(bc)
    calls = await bc.press_label(ADMIN, card, "Discard")
    assert "Nothing was sent" in replies(calls, "editMessageText")[0].text
    calls = await bc.press_label(ADMIN, card, "Preview")
    assert "already been sent or discarded" in calls[0].params["text"]


def toast(calls) -> str:
    [answer] = [c for c in calls if c.method == "answerCallbackQuery"]
    return answer.params["text"]


async def none_sending(harness, job_id: int) -> bool:
    return "sending" not in (await states(harness, job_id)).values()


async def test_pause_resume_and_cancel(settings, catalogs):
    async with engine_harness(settings, catalogs, broadcast_rate=20.0) as bc:
        bc.api.chats[ADMIN_ID] = private_chat(ADMIN)
        await add_users(bc, {1000 + i: "de" for i in range(60)})
        card = await draft_with_text(bc)
        picker = replies(await bc.press_label(ADMIN, card, "Language:"), "editMessageReplyMarkup")
        calls = await bc.press_label(ADMIN, picker[0], "German")
        card = replies(calls, "editMessageText")[0]
        assert "language: German" in card.text
        _, summary = await preview(bc, card)
        assert "Send it to 60 recipients now?" in summary.text
        calls = await bc.press_label(ADMIN, summary, "Send now")
        progress = replies(calls, "editMessageText")[0]
        job_id = JobButton.parse(progress.buttons()[0]["callback_data"]).job

        async def sent_more_than(count: int) -> bool:
            return sum(delivered(bc.api).values()) > count

        # Wait for conditions, not fixed times: a loaded machine is slow, not wrong.
        await wait_for(lambda: sent_more_than(0), 20.0)
        calls = await bc.press_label(ADMIN, progress, "Pause")
        # Broadcast sends still going out during the press are among the calls: pick the answer.
        assert toast(calls) == "Paused."
        await wait_for(lambda: none_sending(bc, job_id), 20.0)  # requests in flight finish
        before = sum(delivered(bc.api).values())
        await asyncio.sleep(0.5)
        assert sum(delivered(bc.api).values()) == before > 0
        calls = await bc.press(OUTSIDER, progress.result, JobButton(job_id, "resume").pack())
        assert REFUSAL_DE in toast(calls)
        await bc.press(ADMIN, progress.result, JobButton(job_id, "resume").pack())
        await wait_for(lambda: sent_more_than(before), 20.0)
        await bc.press(ADMIN, progress.result, JobButton(job_id, "cancel").pack())
        report = await wait_for_pm_report(bc)
        final = await states(bc, job_id)
        assert set(final.values()) <= {"sent", "cancelled"}
        sent = sum(1 for s in final.values() if s == "sent")
        got = delivered(bc.api)
        assert 0 < sent < 60 and sum(got[u] for u in final) == sent and max(got.values()) == 1
        assert f"not sent {60 - sent}" in report
        calls = await bc.press(ADMIN, progress.result, JobButton(job_id, "resume").pack())
        assert "not running any more" in toast(calls)
        [listing] = replies(await bc.send(ADMIN, "/broadcasts"))
        assert f"#{job_id}" in listing.text and "cancelled" in listing.text


async def test_grant_and_revoke_are_audited_and_move_the_command_menu(bc):
    newcomer = make_user(5151, "de")
    await bc.send(newcomer, "/start")
    scope = json.dumps({"chat_id": 5151, "type": "chat"})
    assert (scope, "") not in bc.api.commands
    [reply] = replies(await bc.send(ADMIN, "/grant 5151"))
    assert "5151 is now an admin" in reply.text
    assert "broadcast" in [c["command"] for c in bc.api.commands[(scope, "")]]
    assert bc.api.commands[(scope, "")][0]["description"] == "Hauptmenü"
    [listing] = replies(await bc.send(newcomer, "/broadcasts"))
    assert "Noch keine" in listing.text or "No broadcasts yet" in listing.text
    [reply] = replies(await bc.send(ADMIN, "/admins"))
    assert "5151" in reply.text and "ADMIN_IDS" in reply.text
    [reply] = replies(await bc.send(newcomer, "/revoke 5151"))
    assert "eigenen Administratorrechte" in reply.text
    [reply] = replies(await bc.send(newcomer, f"/revoke {ADMIN_ID}"))
    assert "ADMIN_IDS" in reply.text
    [reply] = replies(await bc.send(ADMIN, "/revoke 5151"))
    assert "no longer an admin" in reply.text
    assert "broadcast" not in [c["command"] for c in bc.api.commands[(scope, "")]]
    [reply] = replies(await bc.send(newcomer, "/broadcasts"))
    assert REFUSAL_DE in reply.text
    for bad in ("/grant", "/grant abc", "/grant 1 2", "/revoke -5", "/grant ²", "/revoke ፩"):
        [reply] = replies(await bc.send(ADMIN, bad))
        assert "numeric Telegram user id" in reply.text, bad
    audit = await bc.services.admins.audit_log()
    assert [(row[1], row[2], row[3]) for row in audit] == [
        (ADMIN_ID, "revoke", "5151"),
        (ADMIN_ID, "grant", "5151"),
    ]


async def test_admins_see_admin_commands_in_their_menu_and_others_do_not(bc):
    await bc.send(ADMIN, "/start")
    await bc.send(OUTSIDER, "/start")
    admin_menu = bc.api.commands[(json.dumps({"chat_id": ADMIN_ID, "type": "chat"}), "")]
    assert {"broadcast", "broadcasts", "grant", "revoke", "admins"} <= {
        c["command"] for c in admin_menu
    }
    assert admin_menu[0]["description"] == "Main menu"
    assert (json.dumps({"chat_id": 4242, "type": "chat"}), "") not in bc.api.commands
    for key, commands in bc.api.commands.items():
        if '"default"' in key[0]:
            assert "broadcast" not in {c["command"] for c in commands}


async def test_an_unfinished_conversation_does_not_carry_over_to_another_application(
    settings, catalogs
):
    user = make_user(5_000_000_011, "de")
    async with engine_harness(settings, catalogs) as first:
        first.api.chats[ADMIN_ID] = private_chat(ADMIN)
        prompt = last_with_buttons(await first.send(ADMIN, "/broadcast"))
        calls = await first.press_label(ADMIN, prompt, "English")
        assert "Now send the version for this language: English" in calls[-1].text
        assert "/cancel" in replies(await first.send(user, "/office"))[0].text
    async with engine_harness(settings, catalogs) as second:
        second.api.chats[ADMIN_ID] = private_chat(ADMIN)
        [reply] = replies(await second.send(ADMIN, "Where is Konin?"))
        assert "Konin" in reply.text and "(draft)" not in reply.text
        [reply] = replies(await second.send(user, "Wo liegt Konin?"))
        assert "Konin" in reply.text and not second.api.sent(ADMIN_CHAT_ID)
