"""What nothing else handled: unknown commands and messages the bot cannot read."""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.context import BotContext


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


HANDLERS = [
    MessageHandler(filters.COMMAND, unknown_command),
    MessageHandler(
        filters.ChatType.PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL, unreadable_message
    ),
]
