"""/privacy, /mydata, /deleteme and its confirmation, and the daily retention purge."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Collection
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    filters,
)

from bot.app.context import BotContext
from bot.app.routing import every_handler
from bot.callbacks import CallbackData
from bot.privacy import collect_user_data, erase_user, inactive_users, purge_old_questions
from handlers.menus import reject_stale_button

log = logging.getLogger(__name__)
# A confirmation button older than this asks again: nobody erases everything by an old tap.
CONFIRMATION_SECONDS = 24 * 3600


@dataclass(frozen=True)
class EraseButton(CallbackData):
    """The /deleteme confirmation: yes or no, and when it was asked."""

    prefix = "erase"
    action: str
    asked: int


def privacy_text(context: BotContext) -> str:
    stored = context.gettext(
        "<b>Your data at Partnerbot</b>\n\n"
        "<b>What is stored:</b> your Telegram user id, the language you chose and Telegram's "
        "language setting, when you first and last used the bot, whether you blocked it, your "
        "subscriptions and reminders, and which broadcasts were delivered to you.\n\n"
        "<b>Questions:</b> the questions the bot could not answer, and those whose answer you "
        "marked 👎, are kept so that the office can improve the answers; the office does not see "
        "who asked them. The bot keeps your id with your questions and messages to the office, "
        "answered or not, so that an answer can reach you and /deleteme deletes them all. Other "
        "questions are not stored.\n\n"
        "<b>Why:</b> to answer you in your language and to send you what you subscribed to."
    )
    kept = context.ngettext(
        "<b>How long:</b> everything is deleted after %(count)s day without use.",
        "<b>How long:</b> everything is deleted after %(count)s days without use.",
        context.settings.retention_days,
    )
    rights = context.gettext("/mydata sends you everything stored about you, /deleteme deletes it.")
    # What leaves the bot's database: a message to the office is a Telegram message there.
    relayed = context.gettext(
        "<b>Messages to the office:</b> when you write to the office, your name and your "
        "message are posted in the office's Telegram chat, where they stay after /deleteme."
    )
    return f"{stored}\n\n{kept}\n\n{rights}\n\n{relayed}"


async def show_privacy(update: Update, context: BotContext) -> None:
    await update.effective_message.reply_text(privacy_text(context))


async def send_my_data(update: Update, context: BotContext) -> None:
    user = update.effective_user
    data = await collect_user_data(context.db, user.id) or {}
    payload = json.dumps(data, ensure_ascii=False, indent=2).encode()
    await update.effective_message.reply_document(
        InputFile(payload, filename="partnerbot-my-data.json"),
        caption=context.gettext("Everything Partnerbot stores about you, as a JSON file."),
    )


async def ask_to_erase(update: Update, context: BotContext) -> None:
    asked = int(time.time())
    await update.effective_message.reply_text(
        context.gettext(
            "Delete all your data? Your subscriptions and reminders, and every question and "
            "message you sent to the office, answered or not, are deleted, and the bot forgets "
            "you. This cannot be undone."
        ),
        reply_markup=InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        context.pgettext("button", "🗑 Yes, delete everything"),
                        callback_data=EraseButton("yes", asked).pack(),
                    ),
                    InlineKeyboardButton(
                        context.pgettext("button", "Cancel"),
                        callback_data=EraseButton("no", asked).pack(),
                    ),
                ]
            ]
        ),
    )


def is_erase_confirmation(update: Update) -> bool:
    """Group -1 must not record the user again for the very press that erases them."""
    query = update.callback_query
    button = EraseButton.parse(query.data) if query else None
    return button is not None and button.action == "yes"


async def erase_pressed(update: Update, context: BotContext) -> None:
    query = update.callback_query
    button = EraseButton.parse(query.data)
    if button is None or button.action not in ("yes", "no"):
        await reject_stale_button(query, context)
        return
    if button.action == "no":
        await query.answer()
        await query.edit_message_text(context.gettext("Nothing was deleted."))
        return
    if time.time() - button.asked > CONFIRMATION_SECONDS:
        await query.answer(
            context.gettext("This confirmation has expired. Please send /deleteme again."),
            show_alert=True,
        )
        return
    user_id = query.from_user.id
    erased = await erase_user(context.db, user_id)
    await forget(context, user_id, erased.knowledge_changed)
    await query.answer()
    await query.edit_message_text(
        context.gettext(
            "Your data has been deleted. If you write to the bot again, it starts afresh."
        )
        if erased
        else context.gettext("Your data has already been deleted. Nothing about you is stored.")
    )


async def forget(context: BotContext, user_id: int, knowledge_changed: bool) -> None:
    """What this process holds about the user in memory goes with their rows: cached records,
    rateable answers, open conversations (a /office waiting for its message must not post the
    next one), and their wording in the search index."""
    context.users.forget([user_id])
    context.services.recent_answers.forget_user(user_id)
    end_conversations(context.application, user_id)
    context.application.drop_user_data(user_id)
    if knowledge_changed:
        # The office's FAQ index holds their wording: rebuilt without it.
        await context.qa.reload()


def end_conversations(
    application: Application, user_id: int, names: Collection[str] | None = None
) -> int:
    """End every conversation the user is in (or those of them named `names`), in any chat;
    returns how many there were.
    PTB has no public way to end a conversation from outside it, so this reaches into
    ConversationHandler's state table; the erasure and revoke tests fail if that ever changes."""
    ended = 0
    for handler in every_handler(application):
        if not isinstance(handler, ConversationHandler) or not handler.per_user:
            continue
        if names is not None and handler.name not in names:
            continue
        position = 1 if handler.per_chat else 0
        conversations = handler._conversations
        for key in [k for k in conversations if k[position] == user_id]:
            del conversations[key]
            ended += 1
            job = handler.timeout_jobs.pop(key, None)
            if job is not None:
                job.schedule_removal()
    return ended


async def private_only(update: Update, context: BotContext) -> None:
    await update.effective_message.reply_text(
        context.gettext("For your privacy, please send this command in a private chat with me.")
    )


async def retention_purge(context: BotContext) -> None:
    """Daily: erase users inactive for longer than RETENTION_DAYS, and old logged questions."""
    days = context.settings.retention_days
    admins = await context.admins.ids()
    erased = 0
    knowledge_changed = False
    for user_id in await inactive_users(context.db, days, admins):
        erasure = await erase_user(context.db, user_id)
        erased += erasure.found
        knowledge_changed |= erasure.knowledge_changed
        await forget(context, user_id, knowledge_changed=False)
    if knowledge_changed:
        # The office's FAQ index holds their wording: rebuilt without it.
        await context.qa.reload()
    questions = await purge_old_questions(context.db, days)
    if erased or questions:
        log.info("retention: erased %d inactive users and %d old questions", erased, questions)


HANDLERS = [
    CommandHandler("privacy", show_privacy),
    CommandHandler("mydata", send_my_data, filters.ChatType.PRIVATE),
    CommandHandler("deleteme", ask_to_erase, filters.ChatType.PRIVATE),
    CommandHandler(["mydata", "deleteme"], private_only),
    CallbackQueryHandler(erase_pressed, pattern=EraseButton.pattern()),
]
