"""Group -1: drop what we ignore, hold each user to the per-user budget before any handler
runs, keep the users table current and resolve the update's language."""

from __future__ import annotations

import logging
import math

from telegram import ChatMember, Message, MessageEntity, Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ChatMemberHandler, TypeHandler

from bot.app.context import BotContext
from bot.flood import Limit
from bot.users import preferred_language
from handlers.privacy import is_erase_confirmation

log = logging.getLogger(__name__)
CALLBACK_ANSWER_LIMIT = 200


async def track_user(update: Update, context: BotContext) -> None:
    # Edits and channel posts carry no new request for the bot; stop them before any handler.
    if update.edited_message or update.edited_channel_post or update.channel_post:
        raise ApplicationHandlerStop
    user = update.effective_user
    if user is None or user.is_bot:
        return
    if not _for_the_bot(update, context):
        # A group member talking or reacting to others: not a user of the bot, and nothing to
        # answer; storing them would make them broadcast recipients.
        raise ApplicationHandlerStop
    exceeded = context.services.flood.admit(user.id, is_question(update, context))
    if exceeded is Limit.QUESTIONS and await context.admins.is_admin(user.id):
        exceeded = None
    if exceeded is not None:
        await _drop(update, context, exceeded)
        raise ApplicationHandlerStop
    if update.my_chat_member or is_erase_confirmation(update):
        # Blocking arrives as this update; touching the user would mark them active again.
        # Erasing: recording the user first would bring back what a second press must not find.
        record = await context.users.get(user.id)
    else:
        record = await context.users.touch(user.id, user.language_code)
    context.locale = preferred_language(
        record, user.language_code, context.settings.default_language
    )


def _for_the_bot(update: Update, context: BotContext) -> bool:
    if update.message is not None:
        return update.message.chat.type == "private" or _addresses_bot(update.message, context)
    return bool(
        update.callback_query
        or update.inline_query
        or update.chosen_inline_result
        or update.my_chat_member
    )


def _command(message: Message) -> tuple[str, str] | None:
    """(command, @bot or "") when the message is a bot command, as Telegram marks them."""
    entity = next(iter(message.entities), None)
    if entity is None or entity.type != MessageEntity.BOT_COMMAND or entity.offset != 0:
        return None
    name, _, bot = message.parse_entity(entity)[1:].partition("@")
    return name.lower(), bot.lower()


def _addresses_bot(message: Message, context: BotContext) -> bool:
    """A group message is for the bot when it is a command (to this bot), mentions the bot or
    replies to one of its messages."""
    command = _command(message)
    if command is not None:
        return command[1] in ("", (context.bot.username or "").lower())
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None:
        if replied.from_user.id == context.bot.id:
            return True
    text = (message.text or message.caption or "").lower()
    return f"@{context.bot.username}".lower() in text


def is_question(update: Update, context: BotContext) -> bool:
    """What makes the bot search for an answer: a non-empty inline query, /ask, and any other
    text that is not one of the bot's commands (a "/" in front does not make it a command)."""
    if update.inline_query:
        return bool(update.inline_query.query.strip())
    message = update.message
    if message is None or not message.text:
        return False
    text = message.text.lstrip()
    if not text.startswith("/"):
        return True
    name = text.split(maxsplit=1)[0][1:].partition("@")[0].lower()
    return name == "ask" or name not in context.services.commands


async def _drop(update: Update, context: BotContext, exceeded: Limit) -> None:
    """Quietly, apart from one notice per window where the user alone sees it (a private chat,
    a button's answer; never a group); a button press is still answered, so that the client
    stops waiting, but its action is not done."""
    query, message = update.callback_query, update.message
    private = message is not None and message.chat.type == "private"
    notice = None
    if (query or private) and context.services.flood.take_notice(update.effective_user.id):
        user = update.effective_user
        record = await context.users.get(user.id)
        context.locale = preferred_language(
            record, user.language_code, context.settings.default_language
        )
        notice = _notice(context, exceeded)
        full = notice + " " + _until(context, user.id, exceeded)
        # A button's answer holds at most 200 characters.
        if not query or len(full) <= CALLBACK_ANSWER_LIMIT:
            notice = full
    try:
        if query:
            await query.answer(notice)
        elif notice:
            await message.reply_text(notice)
    except TelegramError:
        log.info("could not answer a dropped update", exc_info=True)


def _until(context: BotContext, user_id: int, limit: Limit) -> str:
    """When the user may write again: what comes before that gets no reply at all (a notice
    per message would be the flood the guard stops)."""
    seconds = max(1, math.ceil(context.services.flood.free_in(user_id, limit)))
    return context.ngettext(
        "You can write again in %(count)s second; until then I do not reply.",
        "You can write again in %(count)s seconds; until then I do not reply.",
        seconds,
    )


def _notice(context: BotContext, limit: Limit) -> str:
    budget = context.services.flood
    if limit is Limit.QUESTIONS:
        return context.ngettext(
            "You are sending questions very quickly. Please wait a minute: I answer up to "
            "%(count)s question per minute.",
            "You are sending questions very quickly. Please wait a minute: I answer up to "
            "%(count)s questions per minute.",
            budget.questions.limit,
        )
    return context.ngettext(
        "You are sending messages very quickly. Please wait a minute: I handle up to "
        "%(count)s message or button press per minute.",
        "You are sending messages very quickly. Please wait a minute: I handle up to "
        "%(count)s messages and button presses per minute.",
        budget.updates.limit,
    )


async def chat_member_changed(update: Update, context: BotContext) -> None:
    """A user blocked or unblocked the bot in their private chat."""
    change = update.my_chat_member
    if change.chat.type != "private":
        return
    blocked = change.new_chat_member.status in (ChatMember.BANNED, ChatMember.LEFT)
    if await context.users.get(change.chat.id) is None:
        await context.users.touch(change.chat.id, change.from_user.language_code)
    await context.users.set_blocked(change.chat.id, blocked)


PRE_HANDLERS = [TypeHandler(Update, track_user)]
HANDLERS = [ChatMemberHandler(chat_member_changed, ChatMemberHandler.MY_CHAT_MEMBER)]
