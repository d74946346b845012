"""An answer's reply goes out as python-telegram-bot's `reply_text` would send it, byte for byte,
although it skips that method's objects (bot/app/replies.py)."""

from __future__ import annotations

import json
import time

from telegram import Update

from bot.app.local_api import ApiCall, ApiError, make_user
from bot.app.replies import markup


def only_reply(calls: list[ApiCall]) -> ApiCall:
    sent = [c for c in calls if c.method == "sendMessage"]
    assert len(sent) == 1, [c.method for c in calls]
    assert sent[0].error is None
    return sent[0]


async def reply_text_request(harness, update: dict, reply: ApiCall) -> ApiCall:
    """What `reply_text` sends for the same text and keyboard, in reply to the same message."""
    message = Update.de_json(update, harness.application.bot).effective_message
    rows = json.loads(json.dumps(reply.params.get("reply_markup", {}))).get("inline_keyboard", [])
    mark = len(harness.api.calls)
    await message.reply_text(reply.params["text"], reply_markup=markup(rows))
    return only_reply(harness.api.calls[mark:])


async def test_a_private_answer_is_the_request_reply_text_makes(harness):
    user = make_user(4101, "de")
    # An answer with a city button, the rating row and a source, and a fallback with the
    # office's buttons.
    for question in ("Wie weit ist es von Herne nach Konin?", "Wie wird das Wetter morgen?"):
        update = harness.api.send_text(user, question)
        reply = only_reply(await harness.feed(update))
        assert reply.params["parse_mode"] == "HTML"
        assert len(reply.buttons()) >= 2
        expected = await reply_text_request(harness, update, reply)
        assert reply.params == expected.params
        # The JSON on the wire: python-telegram-bot writes the keyboard with its keys sorted.
        assert json.dumps(reply.params["reply_markup"]) == json.dumps(
            expected.params["reply_markup"]
        )


async def test_a_group_answer_still_quotes_the_question(harness):
    user = make_user(4102, "de")
    group = {"id": -4102, "type": "supergroup", "title": "Verein"}
    update = harness.api.send_text(user, "@partnerbot_local_bot Wo liegt Konin?", chat=group)
    reply = only_reply(await harness.feed(update))
    assert reply.chat_id == -4102
    assert reply.params["reply_parameters"]["message_id"] == update["message"]["message_id"]
    expected = await reply_text_request(harness, update, reply)
    assert reply.params == expected.params


async def test_a_private_answer_telegram_throttles_goes_out_after_the_time_asked(harness):
    """The limiter's own path for private chats keeps AIORateLimiter's retry: the reply waits
    out Telegram's retry_after, goes out once, and the delivery window is paused too."""
    tries: list[float] = []

    def fault(method: str, params: dict):
        if method != "sendMessage":
            return None
        tries.append(time.monotonic())
        if len(tries) == 1:
            return ApiError(429, "Too Many Requests: retry after 1", {"retry_after": 1})
        return None

    harness.api.fault = fault
    window = harness.application.bot.rate_limiter.window
    calls = await harness.send(make_user(4103, "de"), "Wo liegt Konin?")
    sent = [c for c in calls if c.method == "sendMessage"]
    assert [c.error is None for c in sent] == [False, True]
    assert tries[1] - tries[0] >= 1.0
    assert window.rate < window.configured  # the engine slows down after a 429 as well
