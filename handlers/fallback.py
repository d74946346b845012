"""What nothing else handled: unknown commands, messages the bot cannot read, and buttons no
handler takes (from an old message, a conversation that ended, or forged)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot.app.context import BotContext
from handlers.menus import reject_stale_button


async def unknown_command(update: Update, context: BotContext) -> None:
    command = (update.effective_message.text or "").split()[0].split("@")[0]
    await update.effective_message.reply_text(
        context.gettext(
            "I don't know the command %(command)s. Send /help to see what I can do.",
            command=command[:64],
        )
    )


async def unreadable_message(update: Update, context: BotContext) -> None:
    await update.effective_message.reply_text(
        context.gettext(
            "I can only read text. Please write your question in words, or send /start "
            "for the menu."
        )
    )


async def unknown_button(update: Update, context: BotContext) -> None:
    await reject_stale_button(update.callback_query, context)


HANDLERS = [
    MessageHandler(filters.COMMAND, unknown_command),
    CallbackQueryHandler(unknown_button),
    MessageHandler(
        filters.ChatType.PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL, unreadable_message
    ),
]
