"""/broadcast (a guided conversation), /broadcasts, their buttons, and the progress message.

The conversation only collects the versions of the message; everything else is a button on
the draft card whose data names the draft, so any admin can use it and a stale one is told so.
"""

from __future__ import annotations

import json
import logging
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot import broadcasts
from bot.app.context import BotContext, BroadcastTarget
from bot.app.sender import send_content
from bot.broadcasts import Audience, Confirmation, ContentProblem, Draft, JobSummary
from bot.callbacks import CallbackData
from bot.delivery import Content, change_state, job_counts, job_counts_by_language
from bot.i18n import LANGUAGES, Translator
from bot.users import preferred_language
from handlers.admin import admin_step, require_admin
from handlers.events import topic_label

log = logging.getLogger(__name__)
CHOOSE_LANGUAGE, WAIT_CONTENT = range(2)
# How often the progress message is edited while a broadcast runs.
PROGRESS_INTERVAL = 3.0
# An unfinished /broadcast conversation is forgotten after this many seconds.
CONVERSATION_TIMEOUT = 30 * 60
BAR_WIDTH = 10


@dataclass(frozen=True)
class NewBroadcastLanguage(CallbackData):
    """The language of the first version, chosen before the draft exists."""

    prefix = "bcn"
    language: str


@dataclass(frozen=True)
class DraftButton(CallbackData):
    """A button of a draft card: `action` picks its handler (see `handlers()`); `arg` is the
    language of add/fb, the picker of pick, the chosen value of city/topic/lang."""

    prefix = "bcd"
    draft: int
    action: str
    arg: str = "-"


@dataclass(frozen=True)
class JobButton(CallbackData):
    """Pause, resume or cancel a running broadcast; resend a finished one's unknown rows."""

    prefix = "bcj"
    job: int
    action: str


ANY = "*"


# ---- the conversation: collecting versions -------------------------------------------------


def _entities(entities) -> str:
    return json.dumps([entity.to_dict() for entity in entities or ()])


def content_of(message: Message) -> Content | None:
    """The message as broadcast content, or None for a kind broadcasts do not carry."""
    if message.text is not None:
        return Content("text", message.text, _entities(message.entities))
    caption, entities = message.caption or "", _entities(message.caption_entities)
    if message.photo:
        return Content("photo", caption, entities, message.photo[-1].file_id)
    if message.document:
        return Content("document", caption, entities, message.document.file_id)
    return None


def _language_buttons(context: BotContext) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    context.i18n.language_name(code, label=True),
                    callback_data=NewBroadcastLanguage(code).pack(),
                )
            ]
            for code in LANGUAGES
        ]
    )


def _ask_for_content(context: BotContext, language: str) -> str:
    return context.gettext(
        "Now send the version for this language: %(language)s. Text with formatting, or a "
        "photo or a document with a caption. Send /cancel to stop.",
        language=context.i18n.language_name(language),
    )


async def start_broadcast(update: Update, context: BotContext) -> int:
    if not await require_admin(update, context):
        return ConversationHandler.END
    context.drafts.broadcast_target = None
    await update.effective_message.reply_text(
        context.gettext(
            "New broadcast. Which language will you write it in? People whose language has no "
            "version of its own receive this one; you can add other languages afterwards."
        ),
        reply_markup=_language_buttons(context),
    )
    return CHOOSE_LANGUAGE


async def first_language_chosen(update: Update, context: BotContext) -> int:
    query = update.callback_query
    if not await require_admin(update, context):
        return ConversationHandler.END
    button = NewBroadcastLanguage.parse(query.data)
    if button is None or button.language not in LANGUAGES:
        await query.answer(context.gettext("This button is no longer valid."), show_alert=True)
        return CHOOSE_LANGUAGE
    context.drafts.broadcast_target = BroadcastTarget(None, button.language)
    await query.answer()
    await query.edit_message_text(_ask_for_content(context, button.language))
    return WAIT_CONTENT


async def add_version(update: Update, context: BotContext) -> int:
    query = update.callback_query
    if not await require_admin(update, context):
        return ConversationHandler.END
    button = DraftButton.parse(query.data)
    draft = await _usable_draft(query, context, button)
    if draft is None:
        return ConversationHandler.END
    if button.arg not in LANGUAGES:
        await query.answer(context.gettext("This button is no longer valid."), show_alert=True)
        return ConversationHandler.END
    context.drafts.broadcast_target = BroadcastTarget(draft.id, button.arg)
    await query.answer()
    await query.message.reply_text(_ask_for_content(context, button.arg))
    return WAIT_CONTENT


async def content_received(update: Update, context: BotContext) -> int:
    message, target = update.effective_message, context.drafts.broadcast_target
    if target is None:
        return ConversationHandler.END
    content = content_of(message)
    if content is None:
        await message.reply_text(
            context.gettext(
                "A broadcast can be text, a photo or a document (with a caption if you like). "
                "Please send one of those, or /cancel."
            )
        )
        return WAIT_CONTENT
    problem = broadcasts.check_content(content)
    if problem is not None:
        await message.reply_text(_content_problem(context, problem))
        return WAIT_CONTENT
    if target.draft_id is None:
        draft_id = await broadcasts.create_draft(
            context.db, update.effective_user.id, message.chat_id, target.language, content
        )
    elif await broadcasts.set_version(context.db, target.draft_id, target.language, content):
        draft_id = target.draft_id
    else:
        context.drafts.broadcast_target = None
        await message.reply_text(_stale(context))
        return ConversationHandler.END
    context.drafts.broadcast_target = None
    draft = await broadcasts.load_draft(context.db, draft_id)
    text, markup = await draft_card(context, draft)
    await message.reply_text(text, reply_markup=markup)
    return ConversationHandler.END


def _content_problem(context: BotContext, problem: ContentProblem) -> str:
    if problem is ContentProblem.EMPTY:
        return context.gettext("The message is empty. Please send the text of the broadcast.")
    if problem is ContentProblem.TEXT_TOO_LONG:
        return context.gettext(
            "The text is longer than Telegram allows (%(limit)s characters). Please shorten it "
            "and send it again; nothing has been sent.",
            limit=context.i18n.number(broadcasts.MAX_TEXT),
        )
    return context.gettext(
        "The caption is longer than Telegram allows (%(limit)s characters). Please shorten it "
        "and send it again; nothing has been sent.",
        limit=context.i18n.number(broadcasts.MAX_CAPTION),
    )


async def still_writing(update: Update, context: BotContext) -> int:
    await update.effective_message.reply_text(
        context.gettext("You are writing a broadcast: send the message, or /cancel to stop.")
    )
    return WAIT_CONTENT


async def cancel_conversation(update: Update, context: BotContext) -> int:
    context.drafts.broadcast_target = None
    await update.effective_message.reply_text(context.gettext("Stopped. Nothing was sent."))
    return ConversationHandler.END


async def expired_language_button(update: Update, context: BotContext) -> None:
    """A language button of a /broadcast conversation that has ended."""
    if not await require_admin(update, context):
        return
    await update.callback_query.answer(
        context.gettext("This step has expired. Send /broadcast to start again."), show_alert=True
    )


# ---- the draft card ------------------------------------------------------------------------


def _stale(context: BotContext) -> str:
    return context.gettext("This broadcast has already been sent or discarded.")


async def _usable_draft(
    query: CallbackQuery, context: BotContext, button: DraftButton | None
) -> Draft | None:
    """The draft a button names, if it is still a draft; otherwise tell the admin why not."""
    draft = await broadcasts.load_draft(context.db, button.draft) if button else None
    if draft is None:
        await query.answer(context.gettext("This button is no longer valid."), show_alert=True)
        return None
    if draft.state != "draft":
        await query.answer(_stale(context), show_alert=True)
        return None
    return draft


def audience_label(context: BotContext, audience: Audience, t: Translator | None = None) -> str:
    t = t or context.i18n
    if audience.everyone:
        return t.gettext("everyone who uses the bot")
    parts = []
    if audience.city is not None:
        parts.append(
            t.gettext("subscribers of %(city)s", city=_city_name(context, audience.city, t))
        )
    if audience.topic is not None:
        parts.append(
            t.gettext(
                "subscribers of the topic: %(topic)s",
                topic=topic_label(t, audience.topic),
            )
        )
    if audience.language is not None:
        parts.append(
            t.gettext("language: %(language)s", language=t.language_name(audience.language))
        )
    return " · ".join(parts)


def _city_name(context: BotContext, city_id: str, t: Translator) -> str:
    city = context.qa.index.cities.get(city_id)
    return f"{city.flag} {city.name(t.language)}" if city else city_id


async def draft_card(context: BotContext, draft: Draft) -> tuple[str, InlineKeyboardMarkup]:
    versions = ", ".join(
        ("⭐ " if language == draft.fallback else "")
        + context.i18n.language_name(language, label=True)
        for language in draft.versions
    )
    text = "\n".join(
        [
            context.gettext("📣 <b>Broadcast #%(id)s</b> (draft)", id=draft.id),
            context.gettext("Versions: %(versions)s", versions=versions),
            context.gettext("⭐ goes to everyone whose language has no version of its own."),
            context.gettext(
                "Audience: %(audience)s", audience=audience_label(context, draft.audience)
            ),
        ]
    )

    def button(label: str, action: str, arg: str = "-") -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=DraftButton(draft.id, action, arg).pack())

    missing = [
        button(
            context.pgettext(
                "broadcast button",
                "➕ %(language)s",
                language=context.i18n.language_name(code, label=True),
            ),
            "add",
            code,
        )
        for code in LANGUAGES
        if code not in draft.versions
    ]
    fallbacks = [
        button(
            context.pgettext(
                "broadcast button",
                "⭐ %(language)s",
                language=context.i18n.language_name(code, label=True),
            ),
            "fb",
            code,
        )
        for code in draft.versions
        if code != draft.fallback
    ]
    audience, any_value = draft.audience, context.pgettext("broadcast audience", "any")
    rows = [missing[i : i + 3] for i in range(0, len(missing), 3)]
    rows += [fallbacks[i : i + 3] for i in range(0, len(fallbacks), 3)]
    rows += [
        [
            button(
                context.pgettext(
                    "broadcast button",
                    "🏙 City: %(value)s",
                    value=_city_name(context, audience.city, context.i18n)
                    if audience.city
                    else any_value,
                ),
                "pick",
                "city",
            )
        ],
        [
            button(
                context.pgettext(
                    "broadcast button",
                    "🏷 Topic: %(value)s",
                    value=topic_label(context.i18n, audience.topic)
                    if audience.topic
                    else any_value,
                ),
                "pick",
                "topic",
            )
        ],
        [
            button(
                context.pgettext(
                    "broadcast button",
                    "🌐 Language: %(value)s",
                    value=context.i18n.language_name(audience.language)
                    if audience.language
                    else any_value,
                ),
                "pick",
                "lang",
            )
        ],
        [
            button(context.pgettext("broadcast button", "👁 Preview"), "preview"),
            button(context.pgettext("broadcast button", "✖ Discard"), "discard"),
        ],
    ]
    return text, InlineKeyboardMarkup(rows)


def _picker(
    context: BotContext, draft: Draft, field: str, options: list[tuple[str, str]]
) -> InlineKeyboardMarkup:
    """The options (label, value) of one audience field, two a row, and a way back."""
    buttons = [
        InlineKeyboardButton(label, callback_data=DraftButton(draft.id, field, value).pack())
        for label, value in options
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    back = DraftButton(draft.id, "card").pack()
    rows.append(
        [InlineKeyboardButton(context.pgettext("broadcast button", "◀️ Back"), callback_data=back)]
    )
    return InlineKeyboardMarkup(rows)


def _packable(draft_id: int, field: str, value: str) -> bool:
    try:
        DraftButton(draft_id, field, value).pack()
    except ValueError:
        return False
    return True


DraftAction = Callable[[CallbackQuery, BotContext, Draft, str], Awaitable[None]]


def _on_draft(action: str, act: DraftAction, **fixed: str) -> CallbackQueryHandler:
    """The handler of one action of the draft card's buttons: the rights are checked, the
    data parsed strictly and the draft loaded (still a draft) before `act` sees it."""

    async def pressed(update: Update, context: BotContext) -> None:
        if not await require_admin(update, context):
            return
        query = update.callback_query
        button = DraftButton.parse(query.data)
        draft = await _usable_draft(query, context, button)
        if draft is not None and button is not None:
            await act(query, context, draft, button.arg)

    return CallbackQueryHandler(pressed, pattern=DraftButton.pattern(action=action, **fixed))


async def _no_longer_valid(query: CallbackQuery, context: BotContext) -> None:
    await query.answer(context.gettext("This button is no longer valid."), show_alert=True)


async def _show_card(query: CallbackQuery, context: BotContext, draft_id: int) -> None:
    await query.answer()
    text, markup = await draft_card(context, await broadcasts.load_draft(context.db, draft_id))
    await query.edit_message_text(text, reply_markup=markup)


async def send_pressed(query: CallbackQuery, context: BotContext, draft: Draft, _: str) -> None:
    await _send(query, context, draft)


async def discard_pressed(query: CallbackQuery, context: BotContext, draft: Draft, _: str) -> None:
    if await broadcasts.discard(context.db, draft.id):
        await query.answer()
        await query.edit_message_text(context.gettext("Draft discarded. Nothing was sent."))
    else:
        await query.answer(_stale(context), show_alert=True)


async def preview_pressed(query: CallbackQuery, context: BotContext, draft: Draft, _: str) -> None:
    await query.answer()
    await _preview(query, context, draft)


async def _show_picker(query: CallbackQuery, markup: InlineKeyboardMarkup) -> None:
    await query.answer()
    await query.edit_message_reply_markup(markup)


async def city_picker(query: CallbackQuery, context: BotContext, draft: Draft, _: str) -> None:
    options = [(context.pgettext("broadcast audience", "Any city"), ANY)] + [
        (_city_name(context, city.id, context.i18n), city.id)
        for city in context.qa.index.cities.values()
    ]
    await _show_picker(query, _picker(context, draft, "city", options))


async def topic_picker(query: CallbackQuery, context: BotContext, draft: Draft, _: str) -> None:
    options = [(context.pgettext("broadcast audience", "Any topic"), ANY)] + [
        (topic_label(context.i18n, topic), topic)
        for topic in await broadcasts.topics(context.db)
        if _packable(draft.id, "topic", topic)
    ]
    await _show_picker(query, _picker(context, draft, "topic", options))


async def language_picker(query: CallbackQuery, context: BotContext, draft: Draft, _: str) -> None:
    options = [(context.pgettext("broadcast audience", "Any language"), ANY)] + [
        (context.i18n.language_name(code, label=True), code) for code in LANGUAGES
    ]
    await _show_picker(query, _picker(context, draft, "lang", options))


async def fallback_pressed(
    query: CallbackQuery, context: BotContext, draft: Draft, language: str
) -> None:
    if not await broadcasts.set_fallback(context.db, draft.id, language):
        await _no_longer_valid(query, context)
        return
    await _show_card(query, context, draft.id)


async def _set_audience(
    query: CallbackQuery, context: BotContext, draft: Draft, audience: Audience | None
) -> None:
    """`audience`: None when the value chosen is not one the picker offers."""
    if audience is None or not await broadcasts.set_audience(context.db, draft.id, audience):
        await _no_longer_valid(query, context)
        return
    await _show_card(query, context, draft.id)


async def city_chosen(query: CallbackQuery, context: BotContext, draft: Draft, value: str) -> None:
    city = None if value == ANY else value
    known = city is None or city in context.qa.index.cities
    audience = draft.audience
    await _set_audience(
        query, context, draft, Audience(city, audience.topic, audience.language) if known else None
    )


async def topic_chosen(query: CallbackQuery, context: BotContext, draft: Draft, value: str) -> None:
    topic = None if value == ANY else value
    known = topic is None or topic in await broadcasts.topics(context.db)
    audience = draft.audience
    await _set_audience(
        query, context, draft, Audience(audience.city, topic, audience.language) if known else None
    )


async def language_chosen(
    query: CallbackQuery, context: BotContext, draft: Draft, value: str
) -> None:
    language = None if value == ANY else value
    known = language is None or language in LANGUAGES
    audience = draft.audience
    await _set_audience(
        query, context, draft, Audience(audience.city, audience.topic, language) if known else None
    )


async def card_pressed(query: CallbackQuery, context: BotContext, draft: Draft, _: str) -> None:
    await _show_card(query, context, draft.id)


async def unknown_draft_button(update: Update, context: BotContext) -> None:
    """Data with the draft card's prefix that no action above took: forged or from an older
    version of the bot."""
    if await require_admin(update, context):
        await _no_longer_valid(update.callback_query, context)


async def _preview(query: CallbackQuery, context: BotContext, draft: Draft) -> None:
    chat_id = query.message.chat.id
    for language, content in draft.versions.items():
        await context.bot.send_message(
            chat_id,
            context.gettext(
                "Preview of the version for this language: %(language)s. Exactly as "
                "recipients will see it:",
                language=context.i18n.language_name(language),
            ),
        )
        await send_content(context.bot, chat_id, content)
    counts = await broadcasts.audience_counts(
        context.db, draft.audience, context.settings.default_language
    )
    total = sum(counts.values())
    lines = [
        context.gettext("📣 <b>Broadcast #%(id)s</b>", id=draft.id),
        context.gettext("Audience: %(audience)s", audience=audience_label(context, draft.audience)),
    ]

    def button(label: str, action: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=DraftButton(draft.id, action).pack())

    if not total:
        lines.append(
            context.gettext(
                "Nobody matches this audience, so there is nobody to send it to. Change the "
                "audience or discard the draft."
            )
        )
        rows = [[button(context.pgettext("broadcast button", "✏️ Edit"), "card")]]
    else:
        for language, count in counts.items():
            version = language if language in draft.versions else draft.fallback
            lines.append(
                context.ngettext(
                    "%(language)s: %(count)s recipient, version: %(version)s",
                    "%(language)s: %(count)s recipients, version: %(version)s",
                    count,
                    language=context.i18n.language_name(language, label=True),
                    version=context.i18n.language_name(version),
                )
            )
        lines.append(
            context.ngettext(
                "<b>Send it to %(count)s recipient now?</b>",
                "<b>Send it to %(count)s recipients now?</b>",
                total,
            )
        )
        rows = [
            [button(context.pgettext("broadcast button", "✅ Send now"), "send")],
            [button(context.pgettext("broadcast button", "✏️ Edit"), "card")],
        ]
    rows[-1].append(button(context.pgettext("broadcast button", "✖ Discard"), "discard"))
    await context.bot.send_message(
        chat_id, "\n".join(lines), reply_markup=InlineKeyboardMarkup(rows)
    )


async def _send(query: CallbackQuery, context: BotContext, draft: Draft) -> None:
    outcome, count = await broadcasts.confirm(
        context.db,
        draft.id,
        query.from_user.id,
        context.settings.default_language,
        query.message.message_id,
    )
    if outcome is Confirmation.NOT_A_DRAFT:
        await query.answer(_stale(context), show_alert=True)
        return
    if outcome is Confirmation.NO_RECIPIENTS:
        await query.answer(
            context.gettext("Nobody matches this audience; nothing was sent."), show_alert=True
        )
        return
    if context.delivery is not None:
        context.delivery.wake()
    await query.answer(
        context.ngettext(
            "Sending to %(count)s recipient.", "Sending to %(count)s recipients.", count
        )
    )
    job = JobSummary(draft.id, "running", draft.created_by, "", draft.audience, None, None, 0, 0)
    text = progress_text(context, context.i18n, job, await job_counts(context.db, draft.id))
    context.services.progress_texts[draft.id] = text
    await query.edit_message_text(text, reply_markup=job_markup(context.i18n, draft.id, "running"))


# ---- running broadcasts: progress, control, report -----------------------------------------


def progress_text(
    context: BotContext, t: Translator, job: JobSummary, counts: dict[str, int]
) -> str:
    total = sum(counts.values())
    open_ = counts.get("pending", 0) + counts.get("sending", 0)
    fraction = (total - open_) / total if total else 1.0
    filled = round(fraction * BAR_WIDTH)
    headers = {
        "running": t.gettext("📣 <b>Broadcast #%(id)s</b>: sending…", id=job.id),
        "paused": t.gettext("⏸ <b>Broadcast #%(id)s</b>: paused", id=job.id),
        "done": t.gettext("✅ <b>Broadcast #%(id)s</b>: finished", id=job.id),
        "cancelled": t.gettext("✖ <b>Broadcast #%(id)s</b>: cancelled", id=job.id),
    }
    lines = [
        headers.get(job.state, headers["running"]),
        f"{'▓' * filled}{'░' * (BAR_WIDTH - filled)} {t.percent(fraction)}",
        t.gettext(
            "Sent: %(sent)s · failed: %(failed)s · blocked: %(blocked)s · unknown: %(unknown)s",
            **{
                state: t.number(counts.get(state, 0))
                for state in ("sent", "failed", "blocked", "unknown")
            },
        ),
    ]
    if job.state == "running" and open_:
        seconds = open_ / context.settings.broadcast_rate
        lines.append(
            t.gettext(
                "%(done)s of %(total)s · about %(time)s left",
                done=t.number(total - open_),
                total=t.number(total),
                time=t.duration(timedelta(seconds=max(1.0, seconds))),
            )
        )
    elif counts.get("cancelled"):
        lines.append(
            t.gettext("Not sent (cancelled): %(count)s", count=t.number(counts["cancelled"]))
        )
    return "\n".join(lines)


def job_markup(t: Translator, job_id: int, state: str) -> InlineKeyboardMarkup | None:
    def button(label: str, action: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=JobButton(job_id, action).pack())

    if state == "running":
        first = button(t.pgettext("broadcast button", "⏸ Pause"), "pause")
    elif state == "paused":
        first = button(t.pgettext("broadcast button", "▶️ Resume"), "resume")
    else:
        return None
    return InlineKeyboardMarkup(
        [[first, button(t.pgettext("broadcast button", "✖ Cancel"), "cancel")]]
    )


def report_text(
    context: BotContext, t: Translator, job: JobSummary, by_language: dict[str, dict[str, int]]
) -> str:
    lines = [
        t.gettext("📊 <b>Report on broadcast #%(id)s</b>", id=job.id),
        t.gettext("Audience: %(audience)s", audience=audience_label(context, job.audience, t)),
    ]
    totals: dict[str, int] = {}
    for language in LANGUAGES:
        counts = by_language.get(language)
        if not counts:
            continue
        for state, count in counts.items():
            totals[state] = totals.get(state, 0) + count
        lines.append(_report_line(t, t.language_name(language, label=True), counts))
    lines.append(_report_line(t, t.gettext("Total"), totals))
    if totals.get("unknown"):
        lines.append("")
        lines.append(
            t.gettext(
                "“Unknown”: the request for these had left the bot when the connection broke or "
                "the bot stopped, so Telegram never confirmed them; they may or may not have "
                "arrived. They are not sent again by themselves, so that nobody gets the "
                "message twice. The button below sends them once more if you accept that."
            )
        )
    return "\n".join(lines)


def report_markup(t: Translator, job_id: int, unknown: int) -> InlineKeyboardMarkup | None:
    if not unknown:
        return None
    label = t.ngettext(
        "🔁 Resend the %(count)s unknown", "🔁 Resend the %(count)s unknown", unknown
    )
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=JobButton(job_id, "resend").pack())]]
    )


def _report_line(t: Translator, label: str, counts: dict[str, int]) -> str:
    values = {
        state: t.number(counts.get(state, 0))
        for state in ("sent", "failed", "blocked", "unknown", "cancelled")
    }
    return t.gettext(
        "%(label)s: sent %(sent)s, failed %(failed)s, blocked %(blocked)s, unknown %(unknown)s, "
        "not sent %(cancelled)s",
        label=label,
        **values,
    )


async def _admin_translator(context: BotContext, user_id: int) -> Translator:
    record = await context.users.get(user_id)
    language = preferred_language(
        record, record.telegram_language if record else None, context.settings.default_language
    )
    return context.services.catalogs[language]


async def progress_tick(context: BotContext) -> None:
    """Edit each running broadcast's progress message; report the finished ones once."""
    async with context.services.progress_lock:
        for job in await broadcasts.to_report(context.db):
            try:
                await _update_progress(context, job)
            except TelegramError:
                log.warning("could not update the progress of broadcast %d", job.id, exc_info=True)


async def _update_progress(context: BotContext, job: JobSummary) -> None:
    t = await _admin_translator(context, job.created_by)
    counts = await job_counts(context.db, job.id)
    finished = job.state in ("done", "cancelled")
    if finished and counts.get("sending"):
        return  # requests still in flight: report once they are answered
    text = progress_text(context, t, job, counts)
    if text != context.services.progress_texts.get(job.id) and job.report_message_id:
        await context.bot.edit_message_text(
            text,
            chat_id=job.report_chat_id,
            message_id=job.report_message_id,
            reply_markup=job_markup(t, job.id, job.state),
        )
        context.services.progress_texts[job.id] = text
    if finished:
        by_language = await job_counts_by_language(context.db, job.id)
        await context.bot.send_message(
            job.report_chat_id,
            report_text(context, t, job, by_language),
            reply_markup=report_markup(t, job.id, counts.get("unknown", 0)),
        )
        await broadcasts.mark_reported(context.db, job.id)
        context.services.progress_texts.pop(job.id, None)


JobAction = Callable[[CallbackQuery, BotContext, int], Awaitable[None]]


def _on_job(action: str, act: JobAction) -> CallbackQueryHandler:
    """The handler of one action of a running (or finished) broadcast's buttons."""

    async def pressed(update: Update, context: BotContext) -> None:
        if not await require_admin(update, context):
            return
        query = update.callback_query
        button = JobButton.parse(query.data)
        if button is None:
            await _no_longer_valid(query, context)
            return
        await act(query, context, button.job)

    return CallbackQueryHandler(pressed, pattern=JobButton.pattern(action=action))


async def _change_job(
    query: CallbackQuery,
    context: BotContext,
    job_id: int,
    action: str,
    wanted: str,
    allowed: tuple[str, ...],
    done: str,
) -> None:
    """Move the job from one of `allowed` to `wanted`, recorded as `broadcast_<action>`; the
    admin is answered `done` and the progress message follows at once."""
    if not await change_state(context.db, job_id, wanted, allowed):
        await query.answer(
            context.gettext("This broadcast is not running any more."), show_alert=True
        )
        return
    await broadcasts.record_action(context.db, query.from_user.id, f"broadcast_{action}", job_id)
    if context.delivery is not None:
        context.delivery.wake()
    await query.answer(done)
    context.job_queue.run_once(progress_tick, 0)


async def pause_pressed(query: CallbackQuery, context: BotContext, job_id: int) -> None:
    await _change_job(
        query, context, job_id, "pause", "paused", ("running",), context.gettext("Paused.")
    )


async def resume_pressed(query: CallbackQuery, context: BotContext, job_id: int) -> None:
    await _change_job(
        query, context, job_id, "resume", "running", ("paused",), context.gettext("Sending again.")
    )


async def cancel_pressed(query: CallbackQuery, context: BotContext, job_id: int) -> None:
    await _change_job(
        query,
        context,
        job_id,
        "cancel",
        "cancelled",
        ("running", "paused"),
        context.gettext("Cancelled. Messages already sent stay sent."),
    )


async def resend_pressed(query: CallbackQuery, context: BotContext, job_id: int) -> None:
    count = await broadcasts.resend_unknown(context.db, job_id, query.from_user.id)
    if not count:
        await query.answer(
            context.gettext("Nothing to resend: the broadcast is running or has no unknown left."),
            show_alert=True,
        )
        return
    if context.delivery is not None:
        context.delivery.wake()
    await query.answer(
        context.ngettext(
            "Sending once more to %(count)s recipient.",
            "Sending once more to %(count)s recipients.",
            count,
        )
    )
    await query.edit_message_reply_markup(None)
    context.job_queue.run_once(progress_tick, 0)


async def unknown_job_button(update: Update, context: BotContext) -> None:
    """Data with the job buttons' prefix that no action above took."""
    if await require_admin(update, context):
        await _no_longer_valid(update.callback_query, context)


async def list_broadcasts(update: Update, context: BotContext) -> None:
    if not await require_admin(update, context):
        return
    jobs = await broadcasts.recent(context.db)
    if not jobs:
        await update.effective_message.reply_text(
            context.gettext("No broadcasts yet. Send /broadcast to write one.")
        )
        return
    states = {
        "running": context.pgettext("broadcast state", "sending"),
        "paused": context.pgettext("broadcast state", "paused"),
        "done": context.pgettext("broadcast state", "finished"),
        "cancelled": context.pgettext("broadcast state", "cancelled"),
    }
    lines = [context.gettext("<b>Recent broadcasts</b>")]
    rows = []
    for job in jobs:
        lines.append(
            context.gettext(
                "#%(id)s · %(date)s · %(state)s · %(sent)s of %(total)s sent",
                id=job.id,
                date=job.created_at[:16].replace("T", " "),
                state=states[job.state],
                sent=context.i18n.number(job.sent),
                total=context.i18n.number(job.total),
            )
        )
        markup = job_markup(context.i18n, job.id, job.state)
        if markup is not None:
            rows.append(
                [
                    InlineKeyboardButton(f"#{job.id}: {b.text}", callback_data=b.callback_data)
                    for b in markup.inline_keyboard[0]
                ]
            )
    await update.effective_message.reply_text(
        "\n".join(lines), reply_markup=InlineKeyboardMarkup(rows) if rows else None
    )


def _conversation() -> ConversationHandler:
    # Buttons are tracked per chat and user, not per message, on purpose: the language
    # buttons of a finished conversation are answered by `expired_language_button`.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=[
                CommandHandler("broadcast", start_broadcast),
                CallbackQueryHandler(add_version, pattern=DraftButton.pattern(action="add")),
            ],
            states={
                CHOOSE_LANGUAGE: [
                    CallbackQueryHandler(
                        first_language_chosen, pattern=NewBroadcastLanguage.pattern()
                    ),
                    CommandHandler("cancel", cancel_conversation),
                ],
                WAIT_CONTENT: [
                    CommandHandler("cancel", cancel_conversation),
                    # Rights checked again at this step: a revoke ends the conversation.
                    MessageHandler(filters.COMMAND, admin_step(still_writing)),
                    MessageHandler(~filters.StatusUpdate.ALL, admin_step(content_received)),
                ],
            },
            fallbacks=[CommandHandler("cancel", cancel_conversation)],
            allow_reentry=True,
            conversation_timeout=CONVERSATION_TIMEOUT,
            name="broadcast",
        )


def handlers() -> list:
    """Fresh for each Application: a ConversationHandler holds its conversations' states and
    timeout jobs, which must not leak from one Application (a test, the console) to another."""
    return [
        _conversation(),
        CommandHandler("broadcasts", list_broadcasts),
        CallbackQueryHandler(expired_language_button, pattern=NewBroadcastLanguage.pattern()),
        # One handler per button action; data of our prefixes that none takes is answered.
        _on_draft("send", send_pressed),
        _on_draft("discard", discard_pressed),
        _on_draft("preview", preview_pressed),
        _on_draft("fb", fallback_pressed),
        _on_draft("pick", city_picker, arg="city"),
        _on_draft("pick", topic_picker, arg="topic"),
        _on_draft("pick", language_picker, arg="lang"),
        _on_draft("city", city_chosen),
        _on_draft("topic", topic_chosen),
        _on_draft("lang", language_chosen),
        _on_draft("card", card_pressed),
        CallbackQueryHandler(unknown_draft_button, pattern=DraftButton.pattern()),
        _on_job("pause", pause_pressed),
        _on_job("resume", resume_pressed),
        _on_job("cancel", cancel_pressed),
        _on_job("resend", resend_pressed),
        CallbackQueryHandler(unknown_job_button, pattern=JobButton.pattern()),
    ]
