"""Admin rights on the Telegram surface: the check every admin command and button makes,
/admins, /grant and /revoke, and the admins' own command menu."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import CommandHandler, ConversationHandler

from bot.admins import GrantResult
from bot.app.context import BotContext
from bot.users import preferred_language
from handlers.menus import set_chat_menu
from handlers.privacy import end_conversations

log = logging.getLogger(__name__)
# The names of the admin ConversationHandlers (handlers/admin_broadcast.py, admin_events.py).
ADMIN_CONVERSATIONS = ("broadcast", "newevent")


async def require_admin(update: Update, context: BotContext) -> bool:
    """True for an admin (checked now, in the database); anyone else gets a polite refusal."""
    user = update.effective_user
    if await context.admins.is_admin(user.id if user else None):
        chat = update.effective_chat
        if chat and chat.type == "private" and chat.id not in context.services.admin_menu_chats:
            await show_admin_menu(context, chat.id, context.locale, admin=True)
        return True
    refusal = context.gettext("Sorry, only the bot's administrators can do this.")
    if update.callback_query:
        await update.callback_query.answer(refusal, show_alert=True)
    elif update.effective_message:
        await update.effective_message.reply_text(refusal)
    return False


Step = Callable[[Update, BotContext], Awaitable[object]]


def admin_step(callback: Step) -> Step:
    """Every step of an admin conversation checks the rights again: after a revoke the next
    step ends the conversation and drops what it collected, so nothing is saved or sent."""

    @functools.wraps(callback)
    async def step(update: Update, context: BotContext) -> object:
        if not await require_admin(update, context):
            context.state.drop_admin_drafts()
            return ConversationHandler.END
        return await callback(update, context)

    return step


async def show_admin_menu(context: BotContext, user_id: int, language: str, admin: bool) -> None:
    """The chat-scoped command menu of `user_id` with (or, after a revoke, without) admin
    commands; a user who never opened the chat cannot have one, which is fine."""
    try:
        await set_chat_menu(context.bot, user_id, context.services.catalogs[language], admin)
    except TelegramError:
        log.info("could not set the command menu of chat %s", user_id, exc_info=True)
        return
    if admin:
        context.services.admin_menu_chats.add(user_id)
    else:
        context.services.admin_menu_chats.discard(user_id)


async def _language_of(context: BotContext, user_id: int) -> str:
    record = await context.users.get(user_id)
    return preferred_language(
        record, record.telegram_language if record else None, context.settings.default_language
    )


def _target(context: BotContext) -> int | None:
    args = context.args or []
    if len(args) != 1 or not (args[0].isascii() and args[0].isdigit()) or len(args[0]) > 15:
        return None
    return int(args[0])


async def list_admins(update: Update, context: BotContext) -> None:
    if not await require_admin(update, context):
        return
    lines = [context.gettext("<b>Admins</b>")]
    for entry in await context.admins.all():
        if entry.configured:
            lines.append(context.gettext("%(id)s – from ADMIN_IDS", id=entry.user_id))
        else:
            lines.append(
                context.gettext(
                    "%(id)s – granted by %(by)s on %(date)s",
                    id=entry.user_id,
                    by=entry.granted_by,
                    date=(entry.granted_at or "")[:10],
                )
            )
    lines.append("")
    lines.append(context.gettext("/grant USER_ID gives admin rights, /revoke USER_ID takes them."))
    await update.effective_message.reply_text("\n".join(lines))


async def grant(update: Update, context: BotContext) -> None:
    if not await require_admin(update, context):
        return
    target = _target(context)
    if target is None:
        await update.effective_message.reply_text(
            context.gettext("Please write the numeric Telegram user id: /grant 123456789")
        )
        return
    result = await context.admins.grant(update.effective_user.id, target)
    if result is GrantResult.ALREADY:
        text = context.gettext("%(id)s is already an admin.", id=target)
    else:
        await show_admin_menu(context, target, await _language_of(context, target), admin=True)
        text = context.gettext("%(id)s is now an admin.", id=target)
    await update.effective_message.reply_text(text)


async def revoke(update: Update, context: BotContext) -> None:
    if not await require_admin(update, context):
        return
    target = _target(context)
    if target is None:
        await update.effective_message.reply_text(
            context.gettext("Please write the numeric Telegram user id: /revoke 123456789")
        )
        return
    result = await context.admins.revoke(update.effective_user.id, target)
    if result is GrantResult.SELF:
        text = context.gettext("You cannot take away your own admin rights.")
    elif result is GrantResult.CONFIGURED:
        text = context.gettext(
            "%(id)s is an admin through ADMIN_IDS; remove the id there and restart the bot.",
            id=target,
        )
    elif result is GrantResult.ALREADY:
        text = context.gettext("%(id)s is not an admin.", id=target)
    else:
        # Whatever the former admin was in the middle of is dropped now, not finished later.
        if (target_state := context.application.user_data.get(target)) is not None:
            target_state.drop_admin_drafts()
        end_conversations(context.application, target, ADMIN_CONVERSATIONS)
        await show_admin_menu(context, target, await _language_of(context, target), admin=False)
        text = context.gettext("%(id)s is no longer an admin.", id=target)
    await update.effective_message.reply_text(text)


HANDLERS = [
    CommandHandler("admins", list_admins),
    CommandHandler("grant", grant),
    CommandHandler("revoke", revoke),
]
