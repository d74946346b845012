"""The first conversation through the real Application, offline: /start, /help, /language,
bad input, the error handler, blocking. Assertions are on the Bot API calls that come out."""

from __future__ import annotations

import dataclasses
import json

import pytest
from telegram.ext import CommandHandler

from bot.app.local_api import check_html, make_user, private_chat
from bot.callbacks import CallbackData
from bot.i18n import LANGUAGES
from handlers.language import LanguageButton
from handlers.menus import MenuButton
from tests.conftest import ADMIN_CHAT_ID, STICKER

GREETING_WORD = {
    "de": "Hallo",
    "en": "Hello",
    "ru": "Здравствуйте",
    "pl": "Dzień dobry",
    "tr": "Merhaba",
}


def only_message(calls, method="sendMessage"):
    sent = [c for c in calls if c.method == method and c.error is None]
    assert len(sent) == 1, [(c.method, c.params.get("text")) for c in calls]
    return sent[0]


@pytest.mark.parametrize(
    ("telegram_language", "expected"),
    [
        ("de", "de"),
        ("en", "en"),
        ("ru", "ru"),
        ("pl", "pl"),
        ("tr", "tr"),
        ("en-GB", "en"),
        ("ja", "de"),
        (None, "de"),
    ],
)
async def test_start_greets_in_the_users_language_with_the_main_menu(
    harness, telegram_language, expected
):
    user = make_user(100, telegram_language, first_name="Ana <&>")
    reply = only_message(await harness.send(user, "/start"))
    assert reply.chat_id == 100
    assert reply.text.startswith(GREETING_WORD[expected])
    assert "Ana &lt;&amp;&gt;" in reply.text
    buttons = reply.buttons()
    assert len(buttons) == 7
    assert {MenuButton.parse(b["callback_data"]).section for b in buttons} == {
        "cities",
        "events",
        "contacts",
        "subscriptions",
        "office",
        "language",
        "help",
    }
    assert check_html(reply.text) is None


async def test_the_command_menus_are_set_for_every_language_and_the_default(harness):
    menus = harness.api.commands
    for language in LANGUAGES:
        key = (json.dumps({"type": "default"}), language)
        commands = [c["command"] for c in menus[key]]
        assert commands[:3] == ["start", "help", "ask"]
        assert {"language", "events", "subscribe", "mysubscriptions", "stop"} <= set(commands)
    german = menus[(json.dumps({"type": "default"}), "")]
    assert german[0]["description"] == "Hauptmenü"
    assert menus[(json.dumps({"type": "default"}), "ru")][0]["description"] == "Главное меню"


async def test_choosing_a_language_is_stored_applied_at_once_and_moves_the_chat_menu(harness):
    user = make_user(101, "de")
    prompt = only_message(await harness.send(user, "/language"))
    assert [b["text"] for b in prompt.buttons()] == [
        "✅ Deutsch",
        "English",
        "Русский",
        "Polski",
        "Türkçe",
        "Français",
        "Español",
        "中文",
        "Українська",
        "🏠 Menü",
    ]
    calls = await harness.press_label(user, prompt, "Polski")
    edited = only_message(calls, "editMessageText")
    assert "po polsku" in edited.text
    assert len(edited.buttons()) == 7
    stored = await harness.services.users.get(101)
    assert stored.language == "pl"
    chat_menu = harness.api.commands[(json.dumps({"chat_id": 101, "type": "chat"}), "")]
    assert chat_menu[0]["description"] == "Menu główne"
    # From now on, whatever Telegram says, the user hears Polish.
    reply = only_message(await harness.send(user, "/help"))
    assert "Co potrafię" in reply.text


async def test_help_lists_the_commands(harness):
    reply = only_message(await harness.send(make_user(102, "tr"), "/help"))
    assert "/start" in reply.text and "/language" in reply.text
    assert "Neler yapabilirim" in reply.text


async def test_every_menu_button_leads_somewhere_in_the_users_language(harness):
    user = make_user(103, "ru")
    start = only_message(await harness.send(user, "/start"))
    for label in ("Города-партнёры", "Мероприятия", "Деловые контакты", "Подписки"):
        calls = await harness.press_label(user, start, label)
        shown = [c for c in calls if c.method in ("sendMessage", "editMessageText")]
        assert shown and shown[0].text, label
        assert not any("show_alert" in c.params for c in calls), label
    calls = await harness.press_label(user, start, "Помощь")
    assert "Что я умею" in only_message(calls, "editMessageText").text
    calls = await harness.press_label(user, start, "Язык")
    assert "Выберите язык" in only_message(calls, "editMessageText").text


async def test_an_unknown_command_points_to_help(harness):
    reply = only_message(await harness.send(make_user(104, "en"), "/frobnicate <x>"))
    assert reply.text == "I don't know the command /frobnicate. Send /help to see what I can do."


@pytest.mark.parametrize(
    "data",
    [
        "menu:nowhere",
        "menu:",
        "menu:help:extra",
        "lang:xx",
        "lang:",
        "lang:de:1",
        "unknown:1",
        "x" * 64,
        "menu:" + "é" * 20,
        "🙂",
        "",
    ],
)
async def test_forged_button_data_changes_nothing(harness, data):
    user = make_user(105, "en")
    start = only_message(await harness.send(user, "/start"))
    calls = await harness.press(user, start.result, data)
    assert all(c.method in ("answerCallbackQuery",) for c in calls), [c.method for c in calls]
    stored = await harness.services.users.get(105)
    assert stored.language is None


async def test_a_forged_language_button_gets_a_clear_answer(harness):
    user = make_user(106, "de")
    start = only_message(await harness.send(user, "/start"))
    answer = only_message(await harness.press(user, start.result, "lang:it"), "answerCallbackQuery")
    assert answer.params["text"] == "Diese Schaltfläche ist nicht mehr gültig."


@pytest.mark.parametrize(
    "fields",
    [
        {"sticker": STICKER},
        {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]},
        {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 1}},
    ],
)
async def test_non_text_messages_get_a_translated_hint(harness, fields):
    user = make_user(107, "pl")
    calls = await harness.feed(harness.api.send_message(user, private_chat(user), **fields))
    assert only_message(calls).text.startswith("Rozumiem tylko tekst.")


@pytest.mark.parametrize("text", ["x" * 4096, "🙂🎉🇩🇪" * 40, "\u200f\u200b\u202e", "<b>&amp;"])
async def test_strange_text_is_handled_without_error(harness, text):
    calls = await harness.send(make_user(108, "de"), text)
    assert not [c for c in calls if c.error is not None]
    assert not [c for c in calls if "schiefgelaufen" in (c.text or "")]


async def test_edits_channel_posts_and_group_chatter_are_ignored(harness):
    user = make_user(109, "de")
    group = {"id": -500, "type": "group", "title": "Verein"}
    channel = {"id": -1001, "type": "channel", "title": "News"}
    updates = [
        harness.api.send_message(
            user, private_chat(user), kind="edited_message", text="/start", edit_date=1
        ),
        harness.api.send_message(None, channel, kind="channel_post", text="/start"),
        harness.api.send_message(user, group, text="hallo zusammen"),
        harness.api.send_message(
            user,
            group,
            sticker=STICKER,
        ),
    ]
    for update in updates:
        assert await harness.feed(update) == []


async def test_start_works_in_groups(harness):
    user = make_user(110, "tr")
    group = {"id": -501, "type": "supergroup", "title": "Kulüp"}
    reply = only_message(await harness.send(user, "/start@partnerbot_local_bot", chat=group))
    assert reply.chat_id == -501 and reply.text.startswith("Merhaba")


async def test_an_error_apologises_in_the_users_language_and_notifies_the_admins(harness):
    async def broken(update, context):
        raise RuntimeError("database on fire")

    harness.application.add_handler(CommandHandler("boom", broken), group=1)
    calls = await harness.send(make_user(111, "ru"), "/boom")
    apology = [c for c in calls if c.chat_id == 111 and "пошло не так" in (c.text or "")]
    assert len(apology) == 1
    notice = [c for c in calls if c.chat_id == ADMIN_CHAT_ID]
    assert len(notice) == 1 and "RuntimeError: database on fire" in notice[0].text
    assert "Traceback" not in apology[0].text


async def test_blocking_and_unblocking_is_recorded(harness):
    user = make_user(112, "de")
    await harness.send(user, "/start")

    def member(status: str) -> dict:
        bot = harness.api.bot_user
        return {"user": bot, "status": status, **({"until_date": 0} if status == "kicked" else {})}

    def member_update(old: str, new: str) -> dict:
        return harness.api.add_update(
            "my_chat_member",
            {
                "chat": private_chat(user),
                "from": user,
                "date": 0,
                "old_chat_member": member(old),
                "new_chat_member": member(new),
            },
        )

    assert await harness.feed(member_update("member", "kicked")) == []
    assert (await harness.services.users.get(112)).blocked is True
    await harness.feed(member_update("kicked", "member"))
    assert (await harness.services.users.get(112)).blocked is False


def test_callback_data_is_checked_where_it_is_built():
    assert MenuButton("help").pack() == "menu:help"
    assert LanguageButton.parse("lang:ru") == LanguageButton("ru")
    with pytest.raises(ValueError, match="64 bytes"):
        MenuButton("x" * 70).pack()
    with pytest.raises(ValueError, match="':' is not allowed"):
        MenuButton("a:b").pack()
    assert issubclass(MenuButton, CallbackData)

    # A pattern per action: the shape and the named field's value, nothing looser.
    @dataclasses.dataclass(frozen=True)
    class Pressed(CallbackData):
        prefix = "tp"
        item: int
        action: str

    send = Pressed.pattern(action="send")
    assert send.match(Pressed(7, "send").pack())
    assert not send.match(Pressed(7, "sendx").pack())
    assert not send.match("tp:7:send:extra")
    assert not send.match("tpx:7:send")
    with pytest.raises(ValueError, match="no field"):
        Pressed.pattern(colour="red")
