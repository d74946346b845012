"""Group 0's Router (bot/app/routing.py) against the plain group it replaces: for every kind of
update, in and out of each conversation, it picks the handler a plain scan of the same
handlers in the same order picks, with the same check result."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest
from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.app.local_api import make_user, private_chat
from bot.app.routing import Router, every_handler
from handlers.privacy import end_conversations
from tests.conftest import ADMIN_CHAT_ID, ADMIN_ID, STICKER

GROUP = {"id": -700, "type": "supergroup", "title": "Verein"}
CHANNEL = {"id": -1007, "type": "channel", "title": "News"}
SUFFIXES = ("", ":", ":1", ":x:y", ":1:send:x", ":1:pick:city", ":1:pause", ":1:abcd")
TEXTS = (
    "Wo liegt Konin?",
    "hallo @partnerbot_local_bot",
    "not /start a command",
    "/",
    "/ask Wo liegt Konin?",
    "/unknowncommand",
    "/start@someotherbot",
)


def router_of(application) -> Router:
    (router,) = [h for h in application.handlers[0] if isinstance(h, Router)]
    return router


def plain_choice(router: Router, update: Update) -> tuple[Any, Any]:
    """What PTB's own loop over the same handlers would take."""
    for handler in router.handlers:
        check = handler.check_update(update)
        if check is not None and check is not False:
            return handler, check
    return None, None


def comparable(check: Any) -> Any:
    """A check result with its regex matches as what they matched (two scans make two)."""
    if isinstance(check, re.Match):
        return ("match", check.re.pattern, check.group(0))
    if isinstance(check, tuple | list):
        return tuple(comparable(part) for part in check)
    return check


def updates_of(api, user: dict, chat: dict, commands: list[str], button_data: list[str]):
    """Every kind of update `user` can send in `chat` (and a few from elsewhere)."""
    made = [api.send_text(user, text, chat) for text in TEXTS]
    for command in commands:
        for text in (f"/{command}", f"/{command} 42", f"/{command}@partnerbot_local_bot"):
            made.append(api.send_text(user, text, chat))
    message = api.send_text(user, "Wo liegt Konin?", chat)["message"]
    bot_message = {**message, "from": api.bot_user, "text": "/start is how to begin"}
    made += [api.press(user, bot_message, data) for data in button_data]
    made += [
        api.send_message(user, chat, kind="edited_message", text="/start", edit_date=1),
        api.send_message(user, chat, kind="edited_message", text="hallo", edit_date=1),
        api.send_message(None, CHANNEL, kind="channel_post", text="/start"),
        api.send_message(user, chat, sticker=STICKER),
        api.send_message(user, chat, sticker=STICKER, caption="/start"),
        api.send_message(user, chat, text="the answer", reply_to_message=bot_message),
        api.send_message(user, chat, text="/start", reply_to_message=bot_message),
        api.send_message(user, chat, new_chat_members=[user]),
        api.send_message(user, chat, location={"latitude": 51.5, "longitude": 7.2}),
        api.inline_query(user, "Konin"),
        api.inline_query(user, ""),
        api.add_update(
            "my_chat_member",
            {
                "chat": chat,
                "from": user,
                "date": 0,
                "old_chat_member": {"user": api.bot_user, "status": "member"},
                "new_chat_member": {"user": api.bot_user, "status": "kicked", "until_date": 0},
            },
        ),
    ]
    return made


def nested(handlers):
    """The handlers and, within each conversation, every handler of it (its entry points, its
    states' and its fallbacks): the data a conversation's buttons carry is data too."""
    for handler in handlers:
        yield handler
        if isinstance(handler, ConversationHandler):
            inner = [*handler.entry_points, *handler.fallbacks]
            yield from nested(inner + [h for state in handler.states.values() for h in state])


def button_data(router: Router) -> list[str]:
    """Data for every button prefix the handlers know, real-looking and forged, and none."""
    prefixes = {
        match.group(1)
        for handler in nested(router.handlers)
        if isinstance(handler, CallbackQueryHandler) and isinstance(handler.pattern, re.Pattern)
        if (match := re.match(r"\^(\w+)", handler.pattern.pattern))
    }
    assert len(prefixes) > 20, prefixes
    forged = ["nonsense", "rate:zz:up", ":rate", "RATE:x:up", "ratex:1", "bcn\n", "menu\n:x", ""]
    return [p + s for p in sorted(prefixes) for s in SUFFIXES] + forged


async def assert_same_choices(harness, user: dict, chat: dict) -> int:
    router = router_of(harness.application)
    commands = sorted(harness.services.commands)
    taken = 0
    for payload in updates_of(harness.api, user, chat, commands, button_data(router)):
        update = Update.de_json(payload, harness.application.bot)
        handler, check = plain_choice(router, update)
        routed = router.check_update(update)
        if handler is None:
            assert routed is None, payload
            continue
        taken += 1
        assert routed is not None, payload
        assert routed[0] is handler, payload
        assert comparable(routed[1]) == comparable(check), payload
    return taken


@pytest.mark.parametrize("where", ["private", "group"])
async def test_the_router_takes_what_the_plain_group_takes(harness, where):
    user = make_user(4401, "de")
    chat = private_chat(user) if where == "private" else GROUP
    taken = await assert_same_choices(harness, user, chat)
    # Most kinds are taken by some handler: the comparison is not over empty choices.
    assert taken > 100


async def test_the_router_takes_what_the_plain_group_takes_inside_each_conversation(harness):
    admin = make_user(ADMIN_ID, "en")
    chat = private_chat(admin)
    conversations = {
        h.name: h for h in every_handler(harness.application) if getattr(h, "name", None)
    }
    await harness.send(admin, "/broadcast")
    assert any(k[1] == ADMIN_ID for k in conversations["broadcast"]._conversations)
    await assert_same_choices(harness, admin, chat)
    # While one conversation is under way, the router asks it for everyone's updates again.
    other = make_user(4403, "de")
    await assert_same_choices(harness, other, private_chat(other))
    assert end_conversations(harness.application, ADMIN_ID) == 1

    await harness.send(admin, "/newevent")
    assert any(k[1] == ADMIN_ID for k in conversations["newevent"]._conversations)
    await assert_same_choices(harness, admin, chat)
    assert end_conversations(harness.application, ADMIN_ID, {"newevent"}) == 1

    await harness.send(admin, "/office")
    assert any(k[1] == ADMIN_ID for k in conversations["office-message"]._conversations)
    await assert_same_choices(harness, admin, chat)
    await assert_same_choices(harness, admin, {"id": ADMIN_CHAT_ID, "type": "supergroup"})


async def test_commands_inside_the_router_are_known(harness):
    # /ask is a question, any other command of the bot is not (handlers/users.py).
    assert {"start", "broadcast", "newevent", "office", "ask", "deleteme"} <= set(
        harness.services.commands
    )


async def test_a_non_blocking_handler_in_a_router_runs_as_a_task(harness):
    release, done = asyncio.Event(), asyncio.Event()

    async def waits(update, context):
        await release.wait()
        done.set()

    harness.application.add_handler(
        Router([MessageHandler(filters.Regex("^routed"), waits, block=False)]), group=7
    )
    # Awaited, the handler would hold the update until released: it runs as a task instead.
    await asyncio.wait_for(harness.send(make_user(4402, "de"), "routed, not awaited"), 10)
    assert not done.is_set()
    release.set()
    await asyncio.wait_for(done.wait(), 10)


def test_a_persistent_conversation_is_refused():
    async def callback(update, context):
        return None

    conversation = ConversationHandler(
        [CommandHandler("x", callback)], {}, [], name="x", persistent=True
    )
    with pytest.raises(ValueError, match="persistent"):
        Router([conversation])


async def test_button_words_sort_presses_without_growing_on_forged_data(harness):
    async def pressed(update, context):
        return None

    plain = CallbackQueryHandler(pressed, pattern="^abc(:|$)")
    loose = CallbackQueryHandler(pressed, pattern=re.compile("^abc:", re.IGNORECASE))
    catch_all = CallbackQueryHandler(pressed)
    router = Router([plain, loose, catch_all])
    api, bot = harness.api, harness.application.bot
    user = make_user(4403, "de")
    message = {**api.send_text(user, "x")["message"], "from": api.bot_user}

    def press(data: str) -> Update:
        return Update.de_json(api.press(user, message, data), bot)

    assert router.check_update(press("abc:1"))[0] is plain
    # A pattern with flags is asked whatever the data's first word: "ABC" is its.
    assert router.check_update(press("ABC:1"))[0] is loose
    assert router.check_update(press("xyz:1"))[0] is catch_all
    # Words no handler names share one list of candidates.
    assert router.candidates(press("forged-1")) is router.candidates(press("forged-2:x"))
    assert plain not in router.candidates(press("forged-3"))


async def test_a_conversation_is_not_asked_for_a_text_while_none_is_under_way(harness, monkeypatch):
    """None of the three conversations starts from a plain text: while none is under way, a
    question never reaches their `check_update` (that is the routing's saving); once one is,
    every conversation is asked again."""
    router = router_of(harness.application)
    asked = []
    plain_check = ConversationHandler.check_update

    def spied(self, update):
        asked.append(self.name)
        return plain_check(self, update)

    monkeypatch.setattr(ConversationHandler, "check_update", spied)
    user = make_user(4404, "de")

    def question():
        payload = harness.api.send_text(user, "Wo liegt Konin?", private_chat(user))
        return Update.de_json(payload, harness.application.bot)

    assert router.check_update(question())[0].callback.__name__ == "private_question"
    assert asked == []
    admin = make_user(ADMIN_ID, "en")
    await harness.send(admin, "/broadcast")
    asked.clear()
    assert router.check_update(question())[0].callback.__name__ == "private_question"
    assert asked == ["broadcast"]
    assert end_conversations(harness.application, ADMIN_ID) == 1
