"""Group -1: keep the users table current, resolve the update's language, drop what we ignore."""

from __future__ import annotations

from telegram import ChatMember, Update
from telegram.ext import ApplicationHandlerStop, ChatMemberHandler, TypeHandler

from bot.context import BotContext
from bot.users import preferred_language


async def track_user(update: Update, context: BotContext) -> None:
    # Edits and channel posts carry no new request for the bot; stop them before any handler.
    if update.edited_message or update.edited_channel_post or update.channel_post:
        raise ApplicationHandlerStop
    user = update.effective_user
    if user is None or user.is_bot:
        return
    if update.my_chat_member:
        # Blocking arrives as this update; touching the user would mark them active again.
        record = await context.users.get(user.id)
    else:
        record = await context.users.touch(user.id, user.language_code)
    context.locale = preferred_language(
        record, user.language_code, context.settings.default_language
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
