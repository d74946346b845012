"""Free-text questions: private messages, mentions and replies in groups, /ask, inline mode."""

from __future__ import annotations

import functools
import logging
import sqlite3
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import TypeVar
from uuid import uuid4

from telegram import (
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.answer import Answer, Suggestion
from bot.app.context import BotContext
from bot.app.replies import Button, Rows, callback_button, reply, url_button
from bot.callbacks import CallbackData
from bot.compose import HERNE, organisation_card
from bot.i18n import escape
from bot.kb import is_url
from bot.questions import Logged, RecentAnswer
from bot.render import to_html, to_plain
from bot.textual import html_to_text, shorten
from handlers.cities import city_card, city_markup
from handlers.contacts import organisation_markup
from handlers.menus import (
    SECTIONS,
    MenuButton,
    OpenEntry,
    main_menu,
    reject_stale_button,
    with_nav,
)

# More cities than this (a list of all partner cities) get the city browser's button instead.
CITY_BUTTONS = 4

log = logging.getLogger(__name__)
T = TypeVar("T")
# An answer's sources are the knowledge base's few strings, asked about answer after answer.
_is_url = functools.lru_cache(maxsize=1024)(is_url)


def answer_rows(answer: Answer, context: BotContext) -> Rows:
    knowledge = context.qa.knowledge
    buttons: list[Button] = []
    for city_id in answer.cities if len(answer.cities) <= CITY_BUTTONS else ():
        if (
            city_id != HERNE
            and city_id in knowledge.cities
            and answer.entry != f"city.profile:{city_id}"
        ):
            city = knowledge.cities[city_id]
            buttons.append(
                callback_button(
                    f"{city.flag} {city.name(context.locale)}", OpenEntry("city", city_id).pack()
                )
            )
    # Organisation answers show the cards themselves.
    cards = (answer.entry or "").startswith(("org.info:", "contacts."))
    for org_id in answer.organisations if not cards else ():
        if org_id in knowledge.organisations:
            buttons.append(
                callback_button(
                    "🤝 " + knowledge.organisations[org_id].local_name(context.locale),
                    OpenEntry("org", org_id).pack(),
                )
            )
    buttons = buttons[:4]
    shown = {("city", c) for c in answer.cities} | {("org", o) for o in answer.organisations}
    for suggestion in answer.suggestions:
        button = suggestion_button(suggestion)
        if button is not None and (suggestion.kind, suggestion.id) not in shown:
            buttons.append(button)
    rows = [[button] for button in buttons]
    source = next((s for s in answer.sources if _is_url(s)), None)
    if source and not answer.fallback:
        rows.append([url_button(context.gettext("📰 Source"), source)])
    return rows


def suggestion_button(suggestion: Suggestion) -> Button | None:
    if suggestion.kind == "menu":
        if suggestion.id not in SECTIONS:
            return None
        return callback_button(suggestion.label, MenuButton(suggestion.id).pack())
    if suggestion.kind == "link":
        return url_button(shorten(suggestion.label), suggestion.id)
    return callback_button(
        shorten("💡 " + suggestion.label), OpenEntry(suggestion.kind, suggestion.id).pack()
    )


@dataclass(frozen=True)
class RateButton(CallbackData):
    """👍/👎 under an answer; `key` names it in RecentAnswers."""

    prefix = "rate"
    key: str
    verdict: str  # up, down


@dataclass(frozen=True)
class ClaimButton(CallbackData):
    """ "Let the office answer me": the asker's consent to store their id with the question."""

    prefix = "qcl"
    question: int
    token: str


@dataclass(frozen=True)
class WriteButton(CallbackData):
    """ "Write to the office", about a logged question."""

    prefix = "qwr"
    question: int
    token: str


def office_rows(context: BotContext, logged: Logged) -> Rows:
    return [
        [
            callback_button(
                context.pgettext("button", "🙋 Let the office answer me"),
                ClaimButton(logged.id, logged.token).pack(),
            )
        ],
        [
            callback_button(
                context.pgettext("button", "✉️ Write to the office"),
                WriteButton(logged.id, logged.token).pack(),
            )
        ],
    ]


async def _recorded(what: str, write: Awaitable[T]) -> T | None:
    """A write for statistics or the office inbox: its failure (a full disk) must never cost
    the asker their answer."""
    try:
        return await write
    except sqlite3.Error:
        log.warning("could not record %s", what, exc_info=True)
        return None


async def reply_with_answer(update: Update, context: BotContext, question: str) -> None:
    answer = await context.qa.answer(question, context.locale)
    # The reply's buttons follow the answer's language, like its text.
    context.locale = answer.language
    if answer.smalltalk:
        # "Hello" or "thanks" is no question: not counted, not logged, nothing to rate.
        await update.effective_message.reply_text(to_html(answer), reply_markup=main_menu(context))
        return
    private = update.effective_chat.type == "private"
    user = update.effective_user
    extra: Rows = []
    if answer.fallback:
        logged = await _recorded(
            "a question for the office",
            context.questions.log(
                "fallback", question, answer.language, author_id=user.id if user else None
            ),
        )
        if private and logged is not None:
            extra = office_rows(context, logged)
    elif private and user is not None:
        key = context.services.recent_answers.remember(
            RecentAnswer(user.id, question, answer.language, answer.entry)
        )
        extra = [
            [
                callback_button("👍", RateButton(key, "up").pack()),
                callback_button("👎", RateButton(key, "down").pack()),
            ]
        ]
    await reply(update.effective_message, to_html(answer), answer_rows(answer, context) + extra)
    context.questions.count_question(answer.language, not answer.fallback)


async def rate_answer(update: Update, context: BotContext) -> None:
    query = update.callback_query
    button = RateButton.parse(query.data)
    if button is None or button.verdict not in ("up", "down"):
        await reject_stale_button(query, context)
        return
    rated = context.services.recent_answers.take(button.key, query.from_user.id)
    if rated is None:
        await query.answer(
            context.gettext("Thank you! This answer has already been rated, or is too old to rate.")
        )
        return
    context.locale = rated.language
    rows = [
        row
        for row in (
            query.message.reply_markup.inline_keyboard if query.message.reply_markup else ()
        )
        if not any(RateButton.parse(b.callback_data) for b in row)
    ]
    await query.edit_message_reply_markup(InlineKeyboardMarkup(rows) if rows else None)
    if button.verdict == "up":
        context.questions.count_helpful(rated.language)
        await query.answer(context.gettext("Thank you for your feedback!"))
        return
    logged = await context.questions.log(
        "unhelpful", rated.question, rated.language, entry=rated.entry, author_id=rated.user_id
    )
    await query.answer()
    await reply(
        query.message,
        context.gettext(
            "Sorry that did not help. Your question goes to the partnership office, without your "
            "name. If you would like their answer, tap the button below."
        ),
        office_rows(context, logged),
    )


async def private_question(update: Update, context: BotContext) -> None:
    await reply_with_answer(update, context, update.effective_message.text)


async def group_question(update: Update, context: BotContext) -> None:
    """In groups the bot speaks only when mentioned or replied to."""
    message = update.effective_message
    username = f"@{context.bot.username}"
    replied_to_bot = (
        message.reply_to_message is not None
        and message.reply_to_message.from_user is not None
        and message.reply_to_message.from_user.id == context.bot.id
    )
    if username.lower() not in message.text.lower() and not replied_to_bot:
        return
    question = message.text.replace(username, " ").strip()
    if question:
        await reply_with_answer(update, context, question)


async def ask_command(update: Update, context: BotContext) -> None:
    question = " ".join(context.args or []).strip()
    if not question:
        await update.effective_message.reply_text(
            context.gettext("Write your question after the command, e.g. /ask Where is Konin?")
        )
        return
    await reply_with_answer(update, context, question)


async def open_entry(update: Update, context: BotContext) -> None:
    query = update.callback_query
    entry = OpenEntry.parse(query.data)
    text = await entry_text(entry, context) if entry else None
    if text is None:
        await reject_stale_button(query, context)
        return
    await query.answer()
    if entry.kind == "city":
        markup = city_markup(entry.id, context)
    elif entry.kind == "org":
        organisation = context.qa.index.organisations[entry.id]
        markup = with_nav(organisation_markup(organisation, context), context)
    else:
        markup = with_nav(None, context)
    await query.message.reply_text(text, reply_markup=markup)


async def entry_text(entry: OpenEntry, context: BotContext) -> str | None:
    knowledge, language = context.qa.knowledge, context.locale
    if entry.kind == "city" and entry.id in knowledge.cities:
        return city_card(knowledge.cities[entry.id], context)
    if entry.kind == "org" and entry.id in knowledge.organisations:
        return to_html(
            organisation_card(knowledge.organisations[entry.id], knowledge, context.i18n)
        )
    faq = knowledge.faq.get(entry.id) if entry.kind == "faq" else None
    if faq is not None and language in faq.answers:
        return escape(faq.answers[language])
    return None


async def inline_query(update: Update, context: BotContext) -> None:
    query = update.inline_query
    text = query.query.strip()
    if not text:
        await query.answer([], cache_time=60, is_personal=True)
        return
    answer = await context.qa.answer(text, context.locale)
    results = []
    if not answer.fallback and not answer.smalltalk:
        plain = to_plain(answer)
        results.append(
            InlineQueryResultArticle(
                id=uuid4().hex,
                title=shorten(plain.split("\n")[0], 100),
                description=plain[:200],
                input_message_content=InputTextMessageContent(to_html(answer)),
            )
        )
    for suggestion in answer.suggestions:
        body = await entry_text(OpenEntry(suggestion.kind, suggestion.id), context)
        if body:
            results.append(
                InlineQueryResultArticle(
                    id=uuid4().hex,
                    title=shorten(suggestion.label, 100),
                    description=html_to_text(body)[:200],
                    input_message_content=InputTextMessageContent(body),
                )
            )
    await query.answer(results, cache_time=30, is_personal=True)


HANDLERS = [
    CommandHandler("ask", ask_command),
    CallbackQueryHandler(open_entry, pattern=OpenEntry.pattern()),
    CallbackQueryHandler(rate_answer, pattern=RateButton.pattern()),
    InlineQueryHandler(inline_query),
]
# After the commands: the catch-all for text.
TEXT_HANDLERS = [
    MessageHandler(filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, private_question),
    MessageHandler(filters.ChatType.GROUPS & filters.TEXT & ~filters.COMMAND, group_question),
]
