"""The office as a feature of its own: in every menu, reached at once, left cleanly, and a
thread between the asker and the office."""

from __future__ import annotations

import asyncio

import pytest

import bot.delivery
from bot.app.application import build_application, running
from bot.app.local_api import ApiError, LocalBotApi, LocalRequest, make_user, private_chat
from bot.i18n import LANGUAGES
from handlers import office
from handlers.menus import OpenEntry
from tests.conftest import ADMIN_CHAT_ID, ADMIN_ID, Harness
from tests.test_events import wait_for

ADMIN = make_user(ADMIN_ID, "en", first_name="Admin")
UNKNOWN = "Wie wird das Wetter morgen in Herne?"


def sent(calls, chat_id=None):
    return [
        c
        for c in calls
        if c.method == "sendMessage" and c.error is None and chat_id in (None, c.chat_id)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
async def test_office_is_in_help_and_the_command_menu_of_every_language(
    harness, catalogs, language
):
    t = catalogs[language]
    [reply] = sent(await harness.send(make_user(730000, language), "/help"))
    assert f"/office – {t.gettext('Write to the partnership office')}" in reply.text
    menu = (
        harness.api.commands[("{}", language)] if ("{}", language) in harness.api.commands else None
    )
    commands = menu or next(
        v for (scope, code), v in harness.api.commands.items() if code == language
    )
    assert "office" in [c["command"] for c in commands]


async def test_asking_for_the_offices_answer_posts_the_question_to_the_office_at_once(harness):
    user = make_user(730101, "de")
    [reply] = sent(await harness.send(user, UNKNOWN))
    calls = await harness.press_label(user, reply, "Antwort vom Büro")
    [post] = sent(calls, ADMIN_CHAT_ID)
    # Posts to the office are in the default language (German here).
    assert UNKNOWN in post.text and "Antworten Sie auf diese Nachricht" in post.text
    assert "Test" not in post.text, "the asker's name stays with the bot"
    # The office answers the post; the asker gets it.
    calls = await harness.feed(
        harness.api.send_text(
            ADMIN, "Sonnig.", chat=harness.api.chats[ADMIN_CHAT_ID], reply_to_message=post.result
        )
    )
    [answer] = sent(calls, 730101)
    assert "Sonnig." in answer.text


async def test_a_command_or_button_leaves_a_message_to_the_office_and_says_so(harness):
    user = make_user(730201, "ru")
    await harness.send(user, "/office")
    calls = await harness.send(user, "/start")
    greeting, note = sent(calls, 730201)
    menu = greeting
    assert greeting.buttons() and "/start" in note.text and "не отправлено" in note.text
    # The next text is a question again, not a message to the office.
    calls = await harness.send(user, "Где находится Конин?")
    assert not sent(calls, ADMIN_CHAT_ID)
    assert "Конин" in sent(calls, 730201)[0].text
    # A button leaves it too; /cancel and /office themselves do not count as leaving.
    await harness.send(user, "/office")
    calls = await harness.send(user, "/office")
    assert len(sent(calls, 730201)) == 1
    calls = await harness.press(user, menu.result, "menu:home")
    assert [c.text for c in sent(calls, 730201)] == [
        harness.services.catalogs["ru"].gettext(
            "Your message to the office was not sent: you went on to something else. "
            "To write to the office, send /office or tap 🙋 in the menu."
        )
    ]
    assert (
        await harness.services.db.scalar("SELECT count(*) FROM question_log WHERE kind = 'message'")
        == 0
    )


async def test_a_message_to_the_office_times_out_and_says_so(settings, catalogs, monkeypatch):
    monkeypatch.setattr(office, "CONVERSATION_TIMEOUT", 0.2)
    api = LocalBotApi()
    application = build_application(settings, catalogs, LocalRequest(api))
    async with running(application):
        harness = Harness(application, api)
        user = make_user(730301, "pl")
        await harness.send(user, "/office")
        for _ in range(100):
            if len(api.sent(730301, "sendMessage")) == 2:
                break
            await asyncio.sleep(0.05)
        note = api.sent(730301, "sendMessage")[-1]
        assert "nie została wysłana" in note.text and "/office" in note.text
        calls = await harness.send(user, "Gdzie leży Konin?")
        assert "Konin" in sent(calls, 730301)[0].text


async def test_a_reply_to_the_offices_answer_goes_back_to_the_office_in_the_same_thread(harness):
    user = make_user(730401, "en", first_name="Ann")
    group = harness.api.chats[ADMIN_CHAT_ID]
    await harness.send(user, "/office")
    calls = await harness.send(user, "Can I visit the office on Saturday?")
    [post] = sent(calls, ADMIN_CHAT_ID)
    calls = await harness.feed(
        harness.api.send_text(ADMIN, "Yes, 10 to 2.", chat=group, reply_to_message=post.result)
    )
    [answer] = sent(calls, 730401)
    assert "reply to this message" in answer.text
    calls = await harness.feed(
        harness.api.send_text(user, "Thanks! Is parking free?", reply_to_message=answer.result)
    )
    [follow_up] = sent(calls, ADMIN_CHAT_ID)
    assert "Is parking free?" in follow_up.text and "Ann" in follow_up.text
    assert "Saturday" in follow_up.text and "10 to 2" in follow_up.text
    assert follow_up.params["reply_parameters"]["message_id"] == post.result["message_id"]
    [told] = sent(calls, 730401)
    assert "passed on to the partnership office" in told.text
    # The office answers the follow-up like any message; both then show as handled.
    calls = await harness.feed(
        harness.api.send_text(ADMIN, "Yes, it is.", chat=group, reply_to_message=follow_up.result)
    )
    assert "Yes, it is." in sent(calls, 730401)[0].text
    harness.api.chats[ADMIN_ID] = private_chat(ADMIN)
    calls = await harness.send(ADMIN, "/questions")
    [handled] = [c for c in sent(calls) if "Recently handled" in c.text]
    assert handled.text.count(f"answered by id {ADMIN_ID}") == 2
    assert "Is parking free?" in handled.text


async def test_a_thread_reply_held_up_by_telegram_is_retried_as_a_reply(harness, monkeypatch):
    monkeypatch.setattr(bot.delivery, "backoff", lambda attempts: 0.05)
    user = make_user(730451, "en")
    group = harness.api.chats[ADMIN_CHAT_ID]
    await harness.send(user, "/office")
    [post] = sent(await harness.send(user, "Is the office open in August?"), ADMIN_CHAT_ID)
    calls = await harness.feed(
        harness.api.send_text(ADMIN, "Yes.", chat=group, reply_to_message=post.result)
    )
    [answer] = sent(calls, 730451)
    failed = []

    def fault(method: str, params: dict):
        if method == "sendMessage" and "Every day?" in params.get("text", "") and not failed:
            failed.append(params)
            return ApiError(502, "Bad Gateway")
        return None

    harness.api.fault = fault
    await harness.feed(harness.api.send_text(user, "Every day?", reply_to_message=answer.result))

    async def posted():
        return [c for c in sent(harness.api.sent(ADMIN_CHAT_ID)) if "Every day?" in c.text]

    await wait_for(posted)
    [follow_up] = await posted()
    assert failed and failed[0]["reply_parameters"]["message_id"] == post.result["message_id"]
    assert follow_up.params["reply_parameters"]["message_id"] == post.result["message_id"]


async def test_a_dismissed_question_shows_who_dismissed_it(harness):
    user = make_user(730501, "de")
    [reply] = sent(await harness.send(user, UNKNOWN))
    calls = await harness.press_label(user, reply, "Antwort vom Büro")
    [post] = sent(calls, ADMIN_CHAT_ID)
    await harness.press_label(ADMIN, post, "Verwerfen")
    harness.api.chats[ADMIN_ID] = private_chat(ADMIN)
    calls = await harness.send(ADMIN, "/questions")
    assert "No open questions" in sent(calls)[0].text
    [handled] = [c for c in sent(calls) if "Recently handled" in c.text]
    assert f"dismissed by id {ADMIN_ID}" in handled.text and "Wetter" in handled.text


@pytest.mark.usefixtures("quick_charts")
async def test_a_thumbs_up_is_counted_and_shown_in_stats(harness):
    user = make_user(730601, "en")
    [answer] = sent(await harness.send(user, "Where is Konin?"))
    await harness.press_label(user, answer, "👍")
    # A second press of the same answer counts nothing more.
    await harness.press_label(user, answer, "👍")
    await harness.services.questions.flush()
    assert await harness.services.db.scalar("SELECT sum(helpful) FROM question_days") == 1
    harness.api.chats[ADMIN_ID] = private_chat(ADMIN)
    calls = await harness.send(ADMIN, "/stats")
    assert any("marked helpful in the last 14 days: 1" in (c.text or "") for c in calls)


async def test_an_answer_closes_the_question_in_every_post_that_shows_it(harness):
    user = make_user(730701, "de")
    group = harness.api.chats[ADMIN_CHAT_ID]
    await harness.send(user, "/office")
    [post] = sent(await harness.send(user, "Hat das Büro samstags auf?"), ADMIN_CHAT_ID)
    harness.api.chats[ADMIN_ID] = private_chat(ADMIN)
    [inbox] = [c for c in sent(await harness.send(ADMIN, "/questions")) if c.buttons()]
    calls = await harness.feed(
        harness.api.send_text(ADMIN, "Nein.", chat=group, reply_to_message=post.result)
    )
    closed = [c for c in calls if c.method == "editMessageReplyMarkup" and c.error is None]
    assert [(c.chat_id, c.params["message_id"]) for c in closed] == [
        (ADMIN_ID, inbox.result["message_id"])
    ]
    assert not closed[0].buttons()


async def test_an_organisation_opened_from_an_answer_offers_its_website_and_the_office(harness):
    user = make_user(730801, "en")
    [answer] = sent(await harness.send(user, "Where is Konin?"))
    for organisation, website in (
        ("herner-ev", "https://herner-ev.com"),
        ("partnership-association", None),
    ):
        calls = await harness.press(user, answer.result, OpenEntry("org", organisation).pack())
        [card] = sent(calls)
        urls = [b["url"] for b in card.buttons() if "url" in b]
        # Only what the knowledge base has: the association has no website in it.
        assert urls == ([website] if website else [])
        assert "menu:office" in [b.get("callback_data") for b in card.buttons()]
