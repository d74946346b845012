"""The partnership office in the bot: consent to an answer, messages to the office, the admins'
/questions inbox, their replies going back to the askers (whose replies to an answer go back to
the office in the same thread), and FAQ entries made from them.

Admins answer by replying to the bot's post (a relayed message or an inbox group), which works
in a group admin chat even with the bot's privacy mode on.
"""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.app.context import BotContext
from bot.callbacks import CallbackData
from bot.delivery import follow_up
from bot.i18n import Html, Translator, escape
from bot.questions import (
    MAX_MESSAGE,
    MAX_QUESTION,
    AnswerOutcome,
    Claim,
    PostRenderer,
    QuestionGroup,
    Recipient,
)
from bot.textual import (
    MARKERS,
    TELEGRAM_LIMIT,
    pack_messages,
    shorten,
    telegram_length,
    template_parts,
)
from handlers.admin import require_admin
from handlers.fallback import unreadable_message
from handlers.menus import MenuButton, reject_stale_button, show_screen, with_nav
from handlers.privacy import end_conversations
from handlers.questions import ClaimButton, WriteButton, group_question, private_question

log = logging.getLogger(__name__)
WAIT_MESSAGE = 0
# Long enough to write a careful message, short enough that a message written much later is
# not taken for one to the office.
CONVERSATION_TIMEOUT = 10 * 60
CONVERSATION = "office-message"
# What keeps a message to the office open; any other command or button leaves it.
OWN_COMMANDS = frozenset({"office", "cancel"})
INBOX_GROUPS = 10
VARIANTS_SHOWN = 3
HANDLED_SHOWN = 10
# The question and the answer a reply to an answer refers to are quoted this long, so that the
# thread post fits one message with the longest reply.
QUOTED = 400
# How long an admin's answer or a user's message waits for Telegram's verdict before the reply
# says it is still on its way (the outbox keeps trying either way).
OUTCOME_WAIT = 2.0
# A quoted question longer than this is shortened when it and the answer exceed one message.
QUOTE_LIMIT = 500
# ... and in a notice to the office about how its answer ended.
NOTICE_QUOTE = 200


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
    question = await context.questions.get(button.question)
    office = _office(context)
    text = office.gettext(
        "🙋 <b>Question for the office</b> (%(language)s), which the bot could not answer:"
        "\n\n%(question)s\n\nThe person who asked is waiting for the answer.",
        language=office.language_name(question["language"]),
        question=question["question"],
    )
    text += "\n\n" + office.gettext(
        "↩️ Reply to this message to answer; the user receives it as an answer from the "
        "partnership office."
    )
    outbox = await context.questions.post(
        button.question,
        await _office_targets(context),
        _single_post(office, text),
        local=context.delivery.local,
    )
    # Like a message to the office: the post is usually out before the handler ends.
    await context.delivery.outcome(outbox, OUTCOME_WAIT)


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
    context.state.office_question = button.question
    await query.answer()
    await query.message.reply_text(_compose_prompt(context))
    return WAIT_MESSAGE


async def office_command(update: Update, context: BotContext) -> int:
    context.state.office_question = None
    await update.effective_message.reply_text(
        _compose_prompt(context), reply_markup=with_nav(None, context)
    )
    return WAIT_MESSAGE


async def office_menu_pressed(update: Update, context: BotContext) -> int:
    """🙋 in the main menu (or under an organisation's card): the prompt replaces the screen,
    and its Menu button leads back (which ends the message, like any other button)."""
    await update.callback_query.answer()
    context.state.office_question = None
    await show_screen(update, _compose_prompt(context), with_nav(None, context))
    return WAIT_MESSAGE


async def timed_out(update: Update, context: BotContext) -> None:
    user = update.effective_user
    context.state.office_question = None
    minutes = max(1, int(CONVERSATION_TIMEOUT // 60))
    await _tell(
        context,
        user.id,
        context.ngettext(
            "Your message to the office was not sent: nothing came for %(count)s minute. "
            "To write to the office, send /office or tap 🙋 in the menu.",
            "Your message to the office was not sent: nothing came for %(count)s minutes. "
            "To write to the office, send /office or tap 🙋 in the menu.",
            minutes,
        ),
    )


async def left_by_command(update: Update, context: BotContext) -> None:
    """The last group, after the command was handled: the message to the office it
    interrupted is over, so that the next text is a question again."""
    user, message = update.effective_user, update.effective_message
    command = (message.text or "").split(maxsplit=1)[0][1:].partition("@")[0].lower()
    if user is None or command in OWN_COMMANDS:
        return
    await _end_office_message(
        context,
        user.id,
        context.gettext(
            "Your message to the office was not sent: you went on with /%(command)s. "
            "To write to the office, send /office or tap 🙋 in the menu.",
            command=command[:32],
        ),
    )


async def left_by_button(update: Update, context: BotContext) -> None:
    """The last group likewise, for any button but the office's own."""
    user, data = update.effective_user, update.callback_query.data
    if user is None or WriteButton.parse(data) or data == MenuButton("office").pack():
        return
    await _end_office_message(
        context,
        user.id,
        context.gettext(
            "Your message to the office was not sent: you went on to something else. "
            "To write to the office, send /office or tap 🙋 in the menu."
        ),
    )


async def _end_office_message(context: BotContext, user_id: int, why: str) -> None:
    """End the user's waiting message to the office, if there is one, and tell them `why`."""
    if end_conversations(context.application, user_id, {CONVERSATION}):
        context.state.office_question = None
        await _tell(context, user_id, why)


async def _tell(context: BotContext, chat_id: int, text: str) -> None:
    try:
        await context.bot.send_message(chat_id, text)
    except TelegramError:
        log.info("could not tell %s that the office message ended", chat_id, exc_info=True)


async def relay_to_office(update: Update, context: BotContext) -> int:
    message, user = update.effective_message, update.effective_user
    length = len(message.text.strip())
    if length > MAX_MESSAGE:
        # Refused whole, before anything is stored: the user shortens it and sends it again.
        await message.reply_text(
            context.ngettext(
                "Your message is %(length)s characters long; the office accepts up to "
                "%(count)s character. Please shorten it and send it again, or send /cancel.",
                "Your message is %(length)s characters long; the office accepts up to "
                "%(count)s characters. Please shorten it and send it again, or send /cancel.",
                MAX_MESSAGE,
                length=context.i18n.number(length),
            )
        )
        return WAIT_MESSAGE
    about = context.state.office_question
    context.state.office_question = None
    earlier = await context.questions.get(about) if about else None
    office = _office(context)
    header = template_parts(
        office.gettext(
            "✉️ <b>Message to the office</b> from %(name)s (id %(id)s, %(language)s):\n\n%(text)s",
            name=user.full_name,
            id=user.id,
            language=office.language_name(context.locale),
            text=MARKERS[0],
        ),
        1,
    )
    segments: list[str] = [header[0], message.text.strip(), header[1]]
    if earlier:
        quoted = template_parts(
            office.gettext(
                "<i>The question the bot could not answer:</i> %(question)s",
                question=MARKERS[0],
            ),
            1,
        )
        segments += [Html("\n\n" + quoted[0]), earlier["question"], quoted[1]]
    segments.append(
        Html(
            "\n\n"
            + office.gettext(
                "↩️ Reply to this message to answer; the user receives it as an answer from the "
                "partnership office."
            )
        )
    )
    parts = pack_messages(segments)

    def render(question_id: int) -> list[tuple[str, dict | None]]:
        markup = _dismiss_markup(office, question_id).to_dict()
        return [(text, markup if n == len(parts) - 1 else None) for n, text in enumerate(parts)]

    posted = await _pass_on(context, user.id, message.text, render)
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


async def _pass_on(
    context: BotContext,
    user_id: int,
    text: str,
    render: PostRenderer,
    thread: dict[int, int] | None = None,
) -> bool:
    """Log the user's message to the office, queue its posts, and wait a moment for them: True
    when every post reached the office already, so the user can be told so."""
    _, outbox = await context.questions.relay(
        text,
        context.locale,
        user_id,
        await _office_targets(context),
        render,
        thread=thread,
        local=context.delivery.local,
    )
    states = await context.delivery.outcome(outbox, OUTCOME_WAIT)
    return bool(states) and all(state == "sent" for state in states.values())


def _dismiss_markup(office: Translator, question_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    office.pgettext("button", "🗑 Dismiss"),
                    callback_data=OfficeButton(question_id, "dismiss").pack(),
                )
            ]
        ]
    )


def _single_post(office: Translator, text: str) -> PostRenderer:
    """A post that fits one message, with its dismiss button."""

    def render(question_id: int) -> list[tuple[str, dict | None]]:
        return [(text, _dismiss_markup(office, question_id).to_dict())]

    return render


async def not_text(update: Update, context: BotContext) -> int:
    await update.effective_message.reply_text(
        context.gettext(
            "Please write your message to the office as text. Stickers, photos and files "
            "cannot be passed on. Send /cancel to stop."
        )
    )
    return WAIT_MESSAGE


async def cancel(update: Update, context: BotContext) -> int:
    context.state.office_question = None
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
            language=office.language_name(group.language),
            date=group.last_at[:10],
        )
    ]
    lines += [f"• {escape(_shortened(text))}" for text in group.texts[:VARIANTS_SHOWN]]
    lines.append(
        office.ngettext(
            "%(count)s person asked for an answer.",
            "%(count)s people asked for an answer.",
            group.reachable,
        )
    )
    lines.append(office.gettext("↩️ Reply to this message to answer."))
    return "\n".join(lines)


def _shortened(text: str) -> str:
    """Up to three wordings share one inbox post: long messages to the office are shown in
    part there (the office chat got them whole)."""
    return text if len(text) <= MAX_QUESTION else text[: MAX_QUESTION - 1] + "…"


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
    handled = await context.questions.handled(HANDLED_SHOWN)
    if handled:
        lines = [context.gettext("<b>Recently handled</b>, the latest first:")]
        for item in handled:
            values = dict(
                date=item.handled_at[:10],
                admin=item.handled_by,
                question=shorten(item.question, 80),
            )
            lines.append(
                context.gettext("✅ %(date)s, answered by id %(admin)s: %(question)s", **values)
                if item.state == "answered"
                else context.gettext(
                    "🗑 %(date)s, dismissed by id %(admin)s: %(question)s", **values
                )
            )
        await message.reply_text("\n".join(lines))
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
    user = update.effective_user
    if message.chat.type == "private" and await context.questions.asked_by(ids, user.id):
        await relay_follow_up(update, context, ids)
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
    result = await context.questions.answer(
        ids,
        message.text,
        update.effective_user.id,
        lambda recipient: _answer_parts(context, recipient, message.text),
        local=context.delivery.local,
    )
    if result.outcome is AnswerOutcome.GONE:
        await message.reply_text(
            context.gettext(
                "The person who asked has deleted their data, so the answer cannot be delivered. "
                "Nothing was sent."
            )
        )
        await _mark_post(target, _office(context).gettext("🗑 The asker deleted their data."))
        return
    if result.outcome is AnswerOutcome.ALREADY:
        await message.reply_text(
            context.gettext("This has already been answered or dismissed. Nothing was sent.")
        )
        return
    outbox = [i for ids_ in result.outbox.values() for i in ids_]
    await context.delivery.outcome(outbox, OUTCOME_WAIT)
    states = await follow_up(context.db, outbox, message.chat_id)
    lines = _answer_report(context, result, states)
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
    await _mark_post(target, _office(context).gettext("✅ Answered."))
    await _close_other_posts(context, ids, target)


async def relay_follow_up(update: Update, context: BotContext, ids: list[int]) -> None:
    """The asker replied to the office's answer: their reply goes to the office as part of
    the same thread (under the office's post of the question), never to the bot's search."""
    message, user = update.effective_message, update.effective_user
    if not message.text:
        await message.reply_text(
            context.gettext(
                "Only text can be passed on to the office. Please reply to the answer with text."
            )
        )
        return
    length = len(message.text.strip())
    if length > MAX_MESSAGE:
        await message.reply_text(
            context.ngettext(
                "Your reply is %(length)s characters long; the office accepts up to %(count)s "
                "character. Please shorten it and send it again.",
                "Your reply is %(length)s characters long; the office accepts up to %(count)s "
                "characters. Please shorten it and send it again.",
                MAX_MESSAGE,
                length=context.i18n.number(length),
            )
        )
        return
    earlier = await context.questions.get(ids[0])
    office = _office(context)
    text = office.gettext(
        "↪️ <b>Reply to the office's answer</b> from %(name)s (id %(id)s, %(language)s):"
        "\n\n%(text)s",
        name=user.full_name,
        id=user.id,
        language=office.language_name(context.locale),
        text=message.text,
    )
    if earlier:
        text += "\n\n" + office.gettext(
            "<i>Their question:</i> %(question)s\n<i>The office's answer:</i> %(answer)s",
            question=shorten(earlier["question"], QUOTED),
            answer=shorten(earlier["answer"] or "–", QUOTED),
        )
    text += "\n\n" + office.gettext(
        "↩️ Reply to this message to answer; the user receives it as an answer from the "
        "partnership office."
    )
    posted = await _pass_on(
        context,
        user.id,
        message.text,
        _single_post(office, text),
        thread=await context.questions.office_posts_of(ids),
    )
    await message.reply_text(
        context.gettext(
            "Your reply has been passed on to the partnership office, together with the answer "
            "it refers to. Their answer will come here."
        )
        if posted
        else context.gettext(
            "Your reply has been saved for the partnership office. They will answer here as "
            "soon as they can."
        )
    )


def _answer_parts(context: BotContext, recipient: Recipient, answer: str) -> list[str]:
    """The answer as the asker receives it: one message, or, when the question and the answer
    are too long for one, the question shortened and the answer split over several."""
    t = context.services.catalogs[recipient.language]

    def render(question: str, text: str) -> str:
        # A reply to the answer is a reply to the office (relay_follow_up).
        return (
            t.gettext(
                "✉️ <b>Answer from the partnership office</b>\n\nYou asked: <i>%(question)s</i>"
                "\n\n%(answer)s",
                question=question,
                answer=text,
            )
            + "\n\n"
            + t.gettext("↩️ To write back to the office, reply to this message.")
        )

    whole = render(recipient.question, answer)
    if telegram_length(whole) <= TELEGRAM_LIMIT:
        return [whole]
    question = recipient.question
    if len(question) > QUOTE_LIMIT:
        question = question[:QUOTE_LIMIT].rstrip() + "…"
    before, between, after = template_parts(render(MARKERS[0], MARKERS[1]), 2)
    # The quoted question stays whole inside its <i>; only the answer is split.
    return pack_messages([Html(before + escape(question) + between), answer, after])


def _answer_report(context: BotContext, result, states: dict[int, str]) -> list[str]:
    """What happened to each asker's answer, as far as Telegram has told by now."""
    delivered = queued = unreachable = 0
    for ids in result.outbox.values():
        mine = [states.get(i, "failed") for i in ids]
        if all(state == "sent" for state in mine):
            delivered += 1
        elif any(state in ("pending", "sending") for state in mine):
            queued += 1
        else:
            unreachable += 1
    lines = []
    if delivered:
        lines.append(
            context.ngettext(
                "✅ Answer delivered to %(count)s person.",
                "✅ Answer delivered to %(count)s people.",
                delivered,
            )
        )
    if queued:
        lines.append(
            context.ngettext(
                "⏳ %(count)s person has not received it yet: Telegram did not accept it so far. "
                "The bot keeps trying until it is delivered, and says so here.",
                "⏳ %(count)s people have not received it yet: Telegram did not accept it so far. "
                "The bot keeps trying until it is delivered, and says so here.",
                queued,
            )
        )
    if unreachable:
        lines.append(
            context.ngettext(
                "%(count)s person could not be reached: they blocked the bot or left Telegram.",
                "%(count)s people could not be reached: they blocked the bot or left Telegram.",
                unreachable,
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
    return lines


async def answer_followup(context: BotContext) -> None:
    """Tell the office how the answers it was told were still on their way ended (JobQueue,
    from the delivery engine)."""
    office = _office(context)
    for chat_id, question_id, delivered in context.job.data:
        question = await context.questions.get(question_id)
        if question is None:  # erased with its asker's data meanwhile
            continue
        quoted = question["question"]
        if len(quoted) > NOTICE_QUOTE:
            quoted = quoted[:NOTICE_QUOTE].rstrip() + "…"
        text = (
            office.gettext(
                "✅ The answer to “%(question)s” has now been delivered.", question=quoted
            )
            if delivered
            else office.gettext(
                "The answer to “%(question)s” could not be delivered: the person blocked the "
                "bot or left Telegram.",
                question=quoted,
            )
        )
        await context.questions.notify(chat_id, text, local=context.delivery.local)
    context.delivery.wake()


async def _mark_post(post: Message, note: str) -> None:
    """Remove the post's buttons and say what happened to it; `note` in the office's language,
    like the post it joins."""
    try:
        if post.text:
            await post.edit_text(f"{post.text_html}\n\n{note}", reply_markup=None)
        else:
            await post.edit_reply_markup(None)
    except TelegramError:
        log.info("could not update office post %s", post.message_id, exc_info=True)


async def _close_other_posts(context: BotContext, ids: list[int], handled: Message) -> None:
    """The same questions posted elsewhere for the office (to each admin, or in an inbox) lose
    their buttons too: one answer or dismissal closes them everywhere."""
    office_chats = {*await _office_targets(context), *await context.admins.ids()}
    for chat_id, message_id in await context.questions.posts_showing(ids):
        if chat_id not in office_chats or (chat_id, message_id) == (
            handled.chat_id,
            handled.message_id,
        ):
            continue
        try:
            await context.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
        except TelegramError:
            log.info("could not close office post %s in %s", message_id, chat_id, exc_info=True)


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
        # Its questions join the FAQ index (the classifier is not retrained), after the
        # office has its reply.
        await context.qa.reload()
        return
    ids = await context.questions.post_questions(query.message.chat_id, query.message.message_id)
    if button.question not in ids:
        await reject_stale_button(query, context)
        return
    if not await context.questions.any_exist(ids):
        await query.answer(
            context.gettext(
                "The person who asked has deleted their data; there is nothing left to dismiss."
            ),
            show_alert=True,
        )
        await _mark_post(query.message, _office(context).gettext("🗑 The asker deleted their data."))
        return
    if await context.questions.dismiss(ids, query.from_user.id):
        await query.answer(context.gettext("Dismissed."))
        await _mark_post(query.message, _office(context).gettext("🗑 Dismissed."))
        await _close_other_posts(context, ids, query.message)
    else:
        await query.answer(context.gettext("This has already been answered or dismissed."))


def _conversation() -> ConversationHandler:
    # A button starts the conversation, messages continue it: per_message stays False.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(
            entry_points=[
                CallbackQueryHandler(write_pressed, pattern=WriteButton.pattern()),
                CallbackQueryHandler(
                    office_menu_pressed, pattern=f"^{re.escape(MenuButton('office').pack())}$"
                ),
                CommandHandler("office", office_command, filters.ChatType.PRIVATE),
            ],
            states={
                WAIT_MESSAGE: [
                    MessageHandler(filters.TEXT & ~filters.COMMAND, relay_to_office),
                    MessageHandler(
                        ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL, not_text
                    ),
                ],
                ConversationHandler.TIMEOUT: [TypeHandler(Update, timed_out)],
            },
            fallbacks=[CommandHandler("cancel", cancel)],
            # "Write to the office" pressed again (or /office) while waiting asks again.
            allow_reentry=True,
            conversation_timeout=CONVERSATION_TIMEOUT,
            name=CONVERSATION,
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


# The last group, after every other handler: leaving a message to the office ends it.
LEAVE_HANDLERS = [
    MessageHandler(filters.COMMAND, left_by_command),
    CallbackQueryHandler(left_by_button),
]

# Before the catch-alls: a reply to an office post is an answer, any other reply goes on as before.
REPLY_HANDLERS = [
    MessageHandler(
        filters.REPLY & ~filters.COMMAND & ~filters.StatusUpdate.ALL & ~filters.ChatType.CHANNEL,
        reply_to_post,
    )
]
