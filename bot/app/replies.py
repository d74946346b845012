"""The answer to a question, sent as `Message.reply_text` would send it, for less.

A question's reply is the bot's hottest path (bench/throughput.py). `reply_text` takes a keyboard
of InlineKeyboardButton objects, which python-telegram-bot validates, freezes and turns straight
back into JSON, and it parses Telegram's answer into a Message (chat, sender, entities, the
keyboard again) that nobody reads: together more than the rest of a reply's own work. Here the
keyboard is the Bot API's JSON from the start and Telegram's answer is dropped; the request is
the one `reply_text` makes, byte for byte (tests/test_replies.py holds the two side by side).

Only a reply that needs nothing but chat, text and keyboard goes this way (a private chat,
outside forum topics, business and direct-message topics); any other goes through `reply_text`,
which knows how to quote in groups and which thread to answer in.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.constants import ChatType

# A Bot API InlineKeyboardButton: its text and either callback_data or url.
Button = dict[str, str]
Rows = list[list[Button]]


def callback_button(text: str, data: str) -> Button:
    # python-telegram-bot writes a button's keys sorted; so does this, for the same bytes.
    return {"callback_data": data, "text": text}


def url_button(text: str, url: str) -> Button:
    return {"text": text, "url": url}


def markup(rows: Rows) -> InlineKeyboardMarkup | None:
    """The same keyboard as python-telegram-bot's objects."""
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(**button) for button in row] for row in rows]
    )


def _plain(message: Message) -> bool:
    return (
        message.chat.type == ChatType.PRIVATE
        and not message.is_topic_message
        and message.business_connection_id is None
        and message.direct_messages_topic is None
    )


async def reply(message: Message, text: str, rows: Rows) -> None:
    """Reply to `message` with `text` in the bot's default parse mode and this keyboard."""
    if not _plain(message):
        await message.reply_text(text, reply_markup=markup(rows))
        return
    bot = message.get_bot()
    defaults = getattr(bot, "defaults", None)  # an ExtBot's: the Application's Defaults
    data: dict[str, object] = {"chat_id": message.chat_id, "text": text}
    if defaults is not None and defaults.parse_mode is not None:
        data["parse_mode"] = defaults.parse_mode
    if rows:
        data["reply_markup"] = {"inline_keyboard": rows}
    # The rate limiter, the retries and the errors are those of every other send: `_do_post`
    # is where python-telegram-bot's own send methods hand over once `_post` has put in the
    # defaults and dropped the Nones, neither of which this data has.
    await bot._do_post("sendMessage", data)
