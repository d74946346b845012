"""Group -1: keep the users table current, resolve the update's language, drop what we ignore,
and hold back questions beyond the per-user limit."""

from __future__ import annotations

from telegram import ChatMember, Update
from telegram.ext import ApplicationHandlerStop, ChatMemberHandler, TypeHandler

from bot.context import BotContext
from bot.flood import Verdict
from bot.users import preferred_language
from handlers.privacy import is_erase_confirmation


async def track_user(update: Update, context: BotContext) -> None:
    # Edits and channel posts carry no new request for the bot; stop them before any handler.
    if update.edited_message or update.edited_channel_post or update.channel_post:
        raise ApplicationHandlerStop
    user = update.effective_user
    if user is None or user.is_bot:
        return
    if update.my_chat_member or is_erase_confirmation(update):
        # Blocking arrives as this update; touching the user would mark them active again.
        # Erasing: recording the user first would bring back what a second press must not find.
        record = await context.users.get(user.id)
    else:
        record = await context.users.touch(user.id, user.language_code)
    context.locale = preferred_language(
        record, user.language_code, context.settings.default_language
    )
    await limit_questions(update, context)


def _is_question(update: Update, context: BotContext) -> bool:
    """What makes the bot search for an answer: a private text, /ask, a mention or reply in a
    group, an inline query."""
    if update.inline_query:
        return bool(update.inline_query.query.strip())
    message = update.message
    if message is None or not message.text:
        return False
    if message.text.startswith("/"):
        return message.text.split()[0].split("@")[0] == "/ask"
    if message.chat.type == "private":
        return True
    replied = message.reply_to_message
    return f"@{context.bot.username}".lower() in message.text.lower() or (
        replied is not None
        and replied.from_user is not None
        and replied.from_user.id == context.bot.id
    )


async def limit_questions(update: Update, context: BotContext) -> None:
    if not _is_question(update, context):
        return
    user_id = update.effective_user.id
    verdict = context.services.flood.hit(user_id)
    if verdict is Verdict.ALLOW or await context.admins.is_admin(user_id):
        return
    if verdict is Verdict.REFUSE_WITH_NOTICE and update.message:
        await update.message.reply_text(
            context.ngettext(
                "You are sending questions very quickly. Please wait a minute: I answer up to "
                "%(count)s question per minute.",
                "You are sending questions very quickly. Please wait a minute: I answer up to "
                "%(count)s questions per minute.",
                context.services.flood.limit,
            )
        )
    raise ApplicationHandlerStop


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
