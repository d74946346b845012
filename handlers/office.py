"""The partnership office in the bot: consent to an answer, messages to the office, the admins'
/questions inbox, their replies going back to the askers, and FAQ entries made from them.

Admins answer by replying to the bot's post (a relayed message or an inbox group), which works
in a group admin chat even with the bot's privacy mode on.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.callbacks import CallbackData
from bot.context import BotContext
from bot.i18n import LANGUAGE_NAMES, Translator, escape
from bot.questions import AnswerOutcome, Claim, QuestionGroup
from handlers.admin import require_admin
from handlers.fallback import unreadable_message
from handlers.menus import reject_stale_button
from handlers.questions import ClaimButton, WriteButton, group_question, private_question

log = logging.getLogger(__name__)
WAIT_MESSAGE = 0
CONVERSATION_TIMEOUT = 30 * 60
INBOX_GROUPS = 10
VARIANTS_SHOWN = 3


@dataclass(frozen=True)
class OfficeButton(CallbackData):
    """An admin's button under an office post or an answer report: dismiss, faq."""

    prefix = "ofc"
    question: int
    action: str


def _office(context: BotContext) -> Translator:
    """Admin-facing posts are written in the default language, like error notices."""
    return context.services.catalogs[context.settings.default_language]


async def _office_targets(context: BotContext) -> list[int]:
    settings = context.settings
    return [settings.admin_chat_id] if settings.admin_chat_id else sorted(settings.admin_ids)


# ---- the asker's side ----------------------------------------------------------------------


async def claim_pressed(update: Update, context: BotContext) -> None:
    query = update.callback_query
    button = ClaimButton.parse(query.data)
    result = (
        await context.questions.claim(button.question, button.token, query.from_user.id)
        if button
        else Claim.INVALID
    )
    if result is Claim.INVALID:
        await reject_stale_button(query, context)
        return
    if result is Claim.ALREADY:
        await query.answer(context.gettext("You have already asked the office to answer this."))
        return
    await query.answer()
    await query.message.reply_text(
        context.gettext(
            "Thank you. Your question is now with the partnership office, and their answer will "
            "come here. Until then we keep your Telegram id with the question; /privacy "
            "explains more."
        )
    )


def _compose_prompt(context: BotContext) -> str:
    return context.gettext(
        "Write your message to the partnership office now, in one message. The office will see "
        "your name and your message and can answer you here. Send /cancel to stop."
    )


async def write_pressed(update: Update, context: BotContext) -> int:
    query = update.callback_query
    button = WriteButton.parse(query.data)
    question = await context.questions.get(button.question) if button else None
    if question is None or (
        question["user_id"] != query.from_user.id and question["claim_token"] != button.token
    ):
        await reject_stale_button(query, context)
        return ConversationHandler.END
    context.office_question = button.question
    await query.answer()
    await query.message.reply_text(_compose_prompt(context))
    return WAIT_MESSAGE


async def office_command(update: Update, context: BotContext) -> int:
    context.office_question = None
    await update.effective_message.reply_text(_compose_prompt(context))
    return WAIT_MESSAGE


async def relay_to_office(update: Update, context: BotContext) -> int:
    message, user = update.effective_message, update.effective_user
    about = context.office_question
    context.office_question = None
    earlier = await context.questions.get(about) if about else None
    logged = await context.questions.log("message", message.text, context.locale, user_id=user.id)
    office = _office(context)
    text = office.gettext(
        "✉️ <b>Message to the office</b> from %(name)s (id %(id)s, %(language)s):\n\n%(text)s",
        name=user.full_name,
        id=user.id,
        language=LANGUAGE_NAMES[context.locale],
        text=message.text,
    )
    if earlier:
        text += "\n\n" + office.gettext(
            "<i>The question the bot could not answer:</i> %(question)s",
            question=earlier["question"],
        )
    text += "\n\n" + office.gettext(
        "↩️ Reply to this message to answer; the user receives it as an answer from the "
        "partnership office."
    )
    posted = await _post(context, text, [logged.id], office)
    await message.reply_text(
        context.gettext(
            "Your message has been passed on to the partnership office. Their answer will come "
            "here."
        )
        if posted
        else context.gettext(
            "Your message has been saved for the partnership office. They will answer here as "
            "soon as they can."
        )
    )
    return ConversationHandler.END


async def _post(context: BotContext, text: str, question_ids: list[int], office: Translator) -> int:
    """Post `text` to the office chat(s) with a dismiss button; returns how many got it."""
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    office.pgettext("button", "🗑 Dismiss"),
                    callback_data=OfficeButton(question_ids[0], "dismiss").pack(),
                )
            ]
        ]
    )
    posted = 0
    for chat_id in await _office_targets(context):
        try:
            sent = await context.bot.send_message(chat_id, text, reply_markup=markup)
        except TelegramError:
            log.warning("could not post to the office chat %s", chat_id, exc_info=True)
            continue
        await context.questions.attach_post(chat_id, sent.message_id, question_ids)
        posted += 1
    return posted


async def not_text(update: Update, context: BotContext) -> int:
    await update.effective_message.reply_text(
        context.gettext(
            "Please write your message to the office as text. Stickers, photos and files "
            "cannot be passed on. Send /cancel to stop."
        )
    )
    return WAIT_MESSAGE


async def cancel(update: Update, context: BotContext) -> int:
    context.office_question = None
    await update.effective_message.reply_text(
        context.gettext("All right, nothing was sent to the office.")
    )
    return ConversationHandler.END


# ---- the admins' side ----------------------------------------------------------------------


def _group_text(group: QuestionGroup, office: Translator) -> str:
    lines = [
        office.ngettext(
            "❓ <b>Asked %(count)s time</b> · %(language)s · last on %(date)s",
            "❓ <b>Asked %(count)s times</b> · %(language)s · last on %(date)s",
            group.count,
            language=LANGUAGE_NAMES[group.language],
            date=group.last_at[:10],
        )
    ]
    lines += [f"• {escape(text)}" for text in group.texts[:VARIANTS_SHOWN]]
    lines.append(
        office.ngettext(
            "%(count)s person asked for an answer.",
            "%(count)s people asked for an answer.",
            group.reachable,
        )
    )
    lines.append(office.gettext("↩️ Reply to this message to answer."))
    return "\n".join(lines)


async def show_inbox(update: Update, context: BotContext) -> None:
    if not await require_admin(update, context):
        return
    groups = await context.questions.open_groups()
    message = update.effective_message
    if not groups:
        await message.reply_text(context.gettext("No open questions. 🎉"))
    else:
        await message.reply_text(
            context.ngettext(
                "<b>Open questions</b>: %(count)s, the most frequent first.",
                "<b>Open questions</b>: %(count)s, the most frequent first.",
                sum(g.count for g in groups),
            )
        )
    for group in groups[:INBOX_GROUPS]:
        sent = await message.reply_text(
            _group_text(group, context.i18n),
            reply_markup=InlineKeyboardMarkup(
                [
                    [
                        InlineKeyboardButton(
                            context.pgettext("button", "🗑 Dismiss"),
                            callback_data=OfficeButton(group.ids[0], "dismiss").pack(),
                        )
                    ]
                ]
            ),
        )
        await context.questions.attach_post(sent.chat_id, sent.message_id, group.ids)
    incomplete = await context.questions.incomplete_faq()
    if incomplete:
        await message.reply_text(
            context.gettext(
                "Knowledge-base entries made here that still need the other languages (add them "
                "to data/faq.yaml, then run partnerbot kb import): %(entries)s",
                entries=", ".join(f"{faq_id} ({languages})" for faq_id, languages in incomplete),
            )
        )


async def reply_to_post(update: Update, context: BotContext) -> None:
    """A reply to one of the bot's messages: an admin answering an office post, or else an
    ordinary question (or unreadable message) as without this handler."""
    message = update.effective_message
    target = message.reply_to_message
    ids = await context.questions.post_questions(message.chat_id, target.message_id)
    if not ids:
        if message.chat.type == "private":
            await (private_question if message.text else unreadable_message)(update, context)
        elif message.text:
            await group_question(update, context)
        return
    if not await require_admin(update, context):
        return
    if not message.text:
        await message.reply_text(
            context.gettext(
                "Only text can be passed on as an answer. Please reply to the question with text."
            )
        )
        return
    result = await context.questions.answer(ids, message.text, update.effective_user.id)
    if result.outcome is AnswerOutcome.GONE:
        await message.reply_text(
            context.gettext(
                "The person who asked has deleted their data, so the answer cannot be delivered. "
                "Nothing was sent."
            )
        )
        return
    if result.outcome is AnswerOutcome.ALREADY:
        await message.reply_text(
            context.gettext("This has already been answered or dismissed. Nothing was sent.")
        )
        return
    delivered = 0
    for recipient in result.recipients:
        delivered += await _deliver_answer(context, recipient, message.text)
    lines = [
        context.ngettext(
            "✅ Answer sent to %(count)s person.",
            "✅ Answer sent to %(count)s people.",
            delivered,
        )
    ]
    if len(result.recipients) > delivered:
        lines.append(
            context.ngettext(
                "%(count)s person could not be reached: they blocked the bot or left Telegram.",
                "%(count)s people could not be reached: they blocked the bot or left Telegram.",
                len(result.recipients) - delivered,
            )
        )
    anonymous = len(result.answered) - len(result.recipients)
    if anonymous:
        lines.append(
            context.ngettext(
                "%(count)s question was asked without a way to answer.",
                "%(count)s questions were asked without a way to answer.",
                anonymous,
            )
        )
    await message.reply_text(
        "\n".join(lines),
        reply_markup=InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        context.pgettext("button", "📚 Add to the knowledge base"),
                        callback_data=OfficeButton(result.answered[0], "faq").pack(),
                    )
                ]
            ]
        ),
    )
    await _mark_post(target, context.gettext("✅ Answered."))


async def _deliver_answer(context: BotContext, recipient, answer: str) -> int:
    t = context.services.catalogs[recipient.language]
    text = t.gettext(
        "✉️ <b>Answer from the partnership office</b>\n\nYou asked: <i>%(question)s</i>\n\n"
        "%(answer)s",
        question=recipient.question,
        answer=answer,
    )
    try:
        await context.bot.send_message(recipient.user_id, text)
    except Forbidden:
        await context.users.set_blocked(recipient.user_id, True)
        return 0
    except TelegramError:
        log.info("could not deliver an office answer to %s", recipient.user_id, exc_info=True)
        return 0
    return 1


async def _mark_post(post: Message, note: str) -> None:
    """Remove the post's buttons and say what happened to it."""
    try:
        if post.text:
            await post.edit_text(f"{post.text_html}\n\n{note}", reply_markup=None)
        else:
            await post.edit_reply_markup(None)
    except TelegramError:
        log.info("could not update office post %s", post.message_id, exc_info=True)


async def office_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    if not await require_admin(update, context):
        return
    button = OfficeButton.parse(query.data)
    if button is None or button.action not in ("dismiss", "faq"):
        await reject_stale_button(query, context)
        return
    if button.action == "faq":
        faq_id = await context.questions.to_faq(button.question)
        if faq_id is None:
            await reject_stale_button(query, context)
            return
        await query.answer(
            context.gettext(
                "Added to the knowledge base as %(id)s, in this language only. It stays marked "
                "incomplete until the other languages are added in data/faq.yaml.",
                id=faq_id,
            ),
            show_alert=True,
        )
        await query.edit_message_reply_markup(None)
        # Its questions become an intent of the question model: retrained in a child
        # process (seconds), after the office has its reply.
        await context.qa.reload()
        return
    ids = await context.questions.post_questions(query.message.chat_id, query.message.message_id)
    if button.question not in ids:
        await reject_stale_button(query, context)
        return
    if await context.questions.dismiss(ids, query.from_user.id):
        await query.answer(context.gettext("Dismissed."))
        await _mark_post(query.message, context.gettext("🗑 Dismissed."))
    else:
        await query.answer(context.gettext("This has already been answered or dismissed."))


def _conversation() -> ConversationHandler:
    # A button starts the conversation, messages continue it: per_message stays False.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(
            entry_points=[
                CallbackQueryHandler(write_pressed, pattern=WriteButton.pattern()),
                CommandHandler("office", office_command, filters.ChatType.PRIVATE),
            ],
            states={
                WAIT_MESSAGE: [
                    MessageHandler(filters.TEXT & ~filters.COMMAND, relay_to_office),
                    MessageHandler(
                        ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL, not_text
                    ),
                ]
            },
            fallbacks=[CommandHandler("cancel", cancel)],
            conversation_timeout=CONVERSATION_TIMEOUT,
            name="office-message",
        )


def handlers() -> list:
    """Fresh for each Application: a ConversationHandler holds its conversations' states and
    timeout jobs, which must not leak from one Application (a test, the console) to another."""
    return [
        _conversation(),
        CommandHandler("questions", show_inbox),
        CallbackQueryHandler(claim_pressed, pattern=ClaimButton.pattern()),
        CallbackQueryHandler(office_button, pattern=OfficeButton.pattern()),
    ]


# Before the catch-alls: a reply to an office post is an answer, any other reply goes on as before.
REPLY_HANDLERS = [
    MessageHandler(
        filters.REPLY & ~filters.COMMAND & ~filters.StatusUpdate.ALL & ~filters.ChatType.CHANNEL,
        reply_to_post,
    )
]
