"""/newevent (a guided conversation ending in a preview and "Publish"), /editevent and
/cancelevent; publishing and changes announce through the delivery engine."""

from __future__ import annotations

import re
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot import announcements
from bot.announcements import Notified, Outcome, Renderer
from bot.app.context import BotContext, EventEdit
from bot.callbacks import CallbackData
from bot.event_input import (
    MAX_DESCRIPTION,
    MAX_LINK,
    MAX_TITLE,
    MAX_VENUE,
    EventDraft,
    InputError,
    Problem,
    date_example,
    discard_draft,
    read_date,
    read_end,
    read_text,
    read_time,
    save_draft,
    time_example,
)
from bot.events import (
    FIELD_LABELS,
    TOPICS,
    Event,
    list_events,
    load_event,
    local_datetime,
    save_translation,
)
from bot.i18n import LANGUAGES
from bot.kb import is_url
from bot.search import City
from bot.subscriptions import Subscription
from bot.textual import shorten
from bot.users import utcnow
from handlers.admin import admin_step, require_admin
from handlers.events import card_buttons, city_label, event_card, topic_label
from handlers.subscriptions import unsubscribe_button

(
    CITY,
    TOPIC,
    PLACE,
    TITLE,
    DESCRIPTION,
    MORE_LANGUAGES,
    DATE,
    START,
    END,
    VENUE,
    LOCATION,
    LINK,
    EDIT_VALUE,
) = range(13)
CONVERSATION_TIMEOUT = 30 * 60
EDITABLE = ("date", "start", "end", "venue", "link", "title", "description")


@dataclass(frozen=True)
class NewEventChoice(CallbackData):
    prefix = "nev"
    what: str  # city, topic, place (the venue's city) or lang (another language)
    value: str


@dataclass(frozen=True)
class AdminEventButton(CallbackData):
    """`action` picks the handler (see `_button_handlers`): pub, del (a draft), edit (pick a
    field), field (arg: its name), tr (arg: the language to translate into), place (arg: the
    venue's new city), cancel, cancelyes."""

    prefix = "eva"
    action: str
    id: str
    arg: str = "-"


def renderer(context: BotContext) -> Renderer:
    catalogs = context.services.catalogs

    def text(event: Event, kind: str, language: str) -> str:
        return event_card(context, event, catalogs[language], kind)

    def markup(event: Event, kind: str, language: str, trigger: Subscription | None):
        t = catalogs[language]
        buttons = card_buttons(context, event, t, reminded=False)
        rows = list(buttons.inline_keyboard) if buttons else []
        if trigger is not None:
            rows.append([unsubscribe_button(context, trigger, t)])
        return InlineKeyboardMarkup(rows).to_dict() if rows else None

    return Renderer(text, markup)


def _channel(context: BotContext) -> int | None:
    channel = context.settings.announce_channel_id
    return channel if isinstance(channel, int) else None


def problem_text(context: BotContext, error: InputError, skip: bool = True) -> str:
    """What is wrong with an answer; `skip`: whether /skip is accepted where it was given."""
    t, language, problem = context.i18n, context.locale, error.problem
    example = date_example(language, utcnow().date().replace(month=12, day=24))
    if problem is Problem.TOO_LONG:
        return t.ngettext(
            "That is %(length)s characters long; at most %(count)s character fits here. "
            "Please shorten it and send it again.",
            "That is %(length)s characters long; at most %(count)s characters fit here. "
            "Please shorten it and send it again.",
            error.limit,
            length=t.number(error.length),
        )
    if not skip and problem is Problem.END_BEFORE_START:
        return t.gettext("The end must come after the start. Please give a later end.")
    if problem is Problem.START_AFTER_END:
        return t.gettext(
            "The start must come before the end. Please give an earlier start, or change the "
            "end first."
        )
    if not skip and problem is Problem.BAD_LINK:
        return t.gettext("That is not a web address. Please send one starting with https://.")
    return {
        Problem.UNREADABLE_DATE: t.gettext(
            "I could not read that date. Please write it like %(example)s or as 2026-12-24.",
            example=example,
        ),
        Problem.UNREADABLE_TIME: t.gettext(
            "I could not read that time. Please write it like %(example)s.",
            example=time_example(language),
        ),
        Problem.PAST: t.gettext("That moment is in the past. Please give a future date and time."),
        Problem.END_BEFORE_START: t.gettext(
            "The end must come after the start. Please give a later end, or /skip."
        ),
        Problem.UNKNOWN_CITY: t.gettext(
            "I do not know that city. Please choose one of the buttons."
        ),
        Problem.BAD_LINK: t.gettext(
            "That is not a web address. Please send one starting with https://, or /skip."
        ),
    }[problem]


# ---- /newevent --------------------------------------------------------------------------


async def new_event(update: Update, context: BotContext) -> int:
    if not await require_admin(update, context):
        return ConversationHandler.END
    context.drafts.event_draft = EventDraft(context.locale)
    buttons = [
        InlineKeyboardButton(
            city_label(context, c.id), callback_data=NewEventChoice("city", c.id).pack()
        )
        for c in context.qa.index.cities.values()
    ]
    await update.effective_message.reply_text(
        context.gettext("New event. Which city is it in or about? (/cancel stops.)"),
        reply_markup=InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)]),
    )
    return CITY


async def _chosen_city(update: Update, context: BotContext, what: str) -> City | None:
    """The city a NewEventChoice button of kind `what` names, with the press answered; None
    (and an alert) for a stale or forged button or a draft that is gone."""
    query = update.callback_query
    choice = NewEventChoice.parse(query.data)
    city = context.qa.index.cities.get(choice.value) if choice else None
    if context.drafts.event_draft is None or city is None or choice.what != what:
        await query.answer(problem_text(context, InputError(Problem.UNKNOWN_CITY)), show_alert=True)
        return None
    await query.answer()
    return city


async def city_chosen(update: Update, context: BotContext) -> int:
    query = update.callback_query
    city = await _chosen_city(update, context, "city")
    if city is None:
        return CITY
    draft = context.drafts.event_draft
    draft.city_id = city.id
    buttons = [
        InlineKeyboardButton(
            topic_label(context.i18n, topic), callback_data=NewEventChoice("topic", topic).pack()
        )
        for topic in TOPICS
    ]
    await query.message.reply_text(
        context.gettext("Which topic?"),
        reply_markup=InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)]),
    )
    return TOPIC


async def city_typed(update: Update, context: BotContext) -> int:
    await update.effective_message.reply_text(
        problem_text(context, InputError(Problem.UNKNOWN_CITY))
    )
    return CITY


async def topic_chosen(update: Update, context: BotContext) -> int:
    query = update.callback_query
    choice = NewEventChoice.parse(query.data)
    draft = context.drafts.event_draft
    if draft is None or choice is None or choice.what != "topic" or choice.value not in TOPICS:
        await query.answer(context.gettext("This button is no longer valid."), show_alert=True)
        return TOPIC
    await query.answer()
    draft.topic = choice.value
    buttons = [
        InlineKeyboardButton(
            city_label(context, city_id), callback_data=NewEventChoice("place", city_id).pack()
        )
        for city_id in _venue_cities(context, draft.city_id)
    ]
    await query.message.reply_text(
        context.gettext(
            "In which city is the venue? Its time zone and map pin are that city's (a meeting "
            "in Herne about a partner city takes place in Herne)."
        ),
        reply_markup=InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)]),
    )
    return PLACE


def _venue_cities(context: BotContext, city_id: str | None) -> list[str]:
    """The cities a venue can be in: the event's own city first, then Herne, then the others."""
    first = [city_id] + [c for c in ("herne",) if c != city_id]
    cities = context.qa.index.cities
    return [c for c in first if c in cities] + [c for c in cities if c not in first]


async def place_chosen(update: Update, context: BotContext) -> int:
    query = update.callback_query
    city = await _chosen_city(update, context, "place")
    if city is None:
        return PLACE
    draft = context.drafts.event_draft
    draft.venue_city_id, draft.timezone = city.id, city.timezone
    draft.lat, draft.lon = city.lat, city.lon
    await query.message.reply_text(context.gettext("The event's title, in your language?"))
    return TITLE


def _more_languages(context: BotContext) -> tuple[str, InlineKeyboardMarkup]:
    """Which other language to add now, and the question for the day."""
    t, draft = context.i18n, context.drafts.event_draft
    buttons = [
        InlineKeyboardButton(
            "➕ " + t.language_name(language, label=True),
            callback_data=NewEventChoice("lang", language).pack(),
        )
        for language in LANGUAGES
        if language not in draft.written()
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    # Sending the day goes on: adding languages costs no step to whoever adds none.
    return (
        t.gettext(
            "Add the title and description in another language now? Languages left out can "
            "be added later with /editevent; until then readers see another language's text."
        )
        + "\n\n"
        + _date_prompt(context),
        InlineKeyboardMarkup(rows),
    )


async def language_chosen(update: Update, context: BotContext) -> int:
    query = update.callback_query
    choice = NewEventChoice.parse(query.data)
    draft = context.drafts.event_draft
    if (
        draft is None
        or choice is None
        or choice.what != "lang"
        or (choice.value not in LANGUAGES or choice.value in draft.written())
    ):
        await query.answer(context.gettext("This button is no longer valid."), show_alert=True)
        return MORE_LANGUAGES
    await query.answer()
    await query.edit_message_reply_markup(None)
    draft.writing = choice.value
    await query.message.reply_text(_title_prompt(context, choice.value))
    return TITLE


def _title_prompt(context: BotContext, language: str) -> str:
    return context.gettext(
        "Language: %(language)s. The event's title in this language?",
        language=context.i18n.language_name(language),
    )


async def _refuse(update: Update, context: BotContext, error: InputError, state: int) -> int:
    await update.effective_message.reply_text(problem_text(context, error))
    return state


async def title_received(update: Update, context: BotContext) -> int:
    try:
        context.drafts.event_draft.take_title(read_text(update.effective_message.text, MAX_TITLE))
    except InputError as exc:
        return await _refuse(update, context, exc, TITLE)
    await update.effective_message.reply_text(context.gettext("A short description (or /skip)?"))
    return DESCRIPTION


async def description_received(update: Update, context: BotContext) -> int:
    if update.effective_message.text != "/skip":
        try:
            context.drafts.event_draft.take_description(
                read_text(update.effective_message.text, MAX_DESCRIPTION)
            )
        except InputError as exc:
            return await _refuse(update, context, exc, DESCRIPTION)
    context.drafts.event_draft.writing = None
    if len(context.drafts.event_draft.written()) == len(LANGUAGES):
        return await _ask_date(update, context)
    text, markup = _more_languages(context)
    await update.effective_message.reply_text(text, reply_markup=markup)
    return MORE_LANGUAGES


async def _ask_date(update: Update, context: BotContext) -> int:
    await update.effective_message.reply_text(_date_prompt(context))
    return DATE


def _date_prompt(context: BotContext) -> str:
    example = date_example(context.locale, utcnow().date().replace(month=12, day=24))
    return context.gettext(
        "On which day (local time at the venue)? For example %(example)s.", example=example
    )


async def date_received(update: Update, context: BotContext) -> int:
    try:
        context.drafts.event_draft.on_day(
            read_date(update.effective_message.text, context.locale), utcnow()
        )
    except InputError as exc:
        return await _refuse(update, context, exc, DATE)
    await update.effective_message.reply_text(
        context.gettext(
            "Starting at what time (at the venue)? For example %(example)s.",
            example=time_example(context.locale),
        )
    )
    return START


async def start_received(update: Update, context: BotContext) -> int:
    try:
        context.drafts.event_draft.start_at(
            read_time(update.effective_message.text, context.locale), utcnow()
        )
    except InputError as exc:
        return await _refuse(update, context, exc, DATE if exc.problem == Problem.PAST else START)
    await update.effective_message.reply_text(_end_prompt(context))
    return END


def _end_prompt(context: BotContext) -> str:
    language = context.locale
    # Built before the call: the extractor reads only the message, not f-string arguments.
    day = date_example(language, utcnow().date().replace(month=12, day=26))
    example = f"{day} {time_example(language)}"
    return context.gettext(
        "Ending at what time (or /skip)? A time before the start means the next day; for an "
        "event over several days, write the last day too, like %(example)s.",
        example=example,
    )


async def end_received(update: Update, context: BotContext) -> int:
    if update.effective_message.text != "/skip":
        try:
            day, at = read_end(update.effective_message.text, context.locale)
            context.drafts.event_draft.end_at(at, day)
        except InputError as exc:
            return await _refuse(update, context, exc, END)
    await update.effective_message.reply_text(
        context.gettext("Where does it take place: the venue's name and address (or /skip)?")
    )
    return VENUE


async def venue_received(update: Update, context: BotContext) -> int:
    if update.effective_message.text != "/skip":
        try:
            context.drafts.event_draft.venue = read_text(update.effective_message.text, MAX_VENUE)
        except InputError as exc:
            return await _refuse(update, context, exc, VENUE)
    await update.effective_message.reply_text(
        context.gettext(
            "Send the venue's location (📎 → Location), or /skip to use the city centre."
        )
    )
    return LOCATION


async def location_received(update: Update, context: BotContext) -> int:
    location = update.effective_message.location
    if location is not None:
        draft = context.drafts.event_draft
        draft.lat, draft.lon = location.latitude, location.longitude
    await update.effective_message.reply_text(
        context.gettext("A web link with details (or /skip)?")
    )
    return LINK


async def link_received(update: Update, context: BotContext) -> int:
    text = update.effective_message.text.strip()
    if text != "/skip":
        try:
            context.drafts.event_draft.link = _read_link(text)
        except InputError as exc:
            return await _refuse(update, context, exc, LINK)
    event_id = await save_draft(
        context.db, context.drafts.event_draft, update.effective_user.id, utcnow()
    )
    context.drafts.event_draft = None
    try:
        await _preview(update, context, event_id)
    except TelegramError:
        # A draft nobody saw could be neither published nor discarded: it goes.
        await discard_draft(context.db, event_id)
        raise
    return ConversationHandler.END


def _read_link(text: str) -> str:
    link = read_text(text, MAX_LINK)
    if not is_url(link):
        raise InputError(Problem.BAD_LINK)
    return link


async def _preview(update: Update, context: BotContext, event_id: str) -> None:
    await context.qa.read_events()
    event = await load_event(context.db, event_id)
    t = context.i18n
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.gettext("📣 Publish and announce"),
                    callback_data=AdminEventButton("pub", event_id).pack(),
                ),
                InlineKeyboardButton(
                    t.gettext("🗑 Discard"), callback_data=AdminEventButton("del", event_id).pack()
                ),
            ]
        ]
    )
    await update.effective_message.reply_text(
        t.gettext("<b>Preview</b> (not published yet):")
        + "\n\n"
        + event_card(context, event, t)
        + translate_later(event, t),
        reply_markup=markup,
    )


def translate_later(event: Event, t) -> str:
    """For admins only: the languages the event has no text in yet."""
    missing = event.missing_languages()
    if not missing:
        return ""
    return "\n\n" + t.gettext(
        "🌐 To translate later (/editevent → 🌐 Translation): %(languages)s",
        languages=", ".join(t.language_name(language) for language in missing),
    )


async def cancel_conversation(update: Update, context: BotContext) -> int:
    context.drafts.event_draft = None
    await update.effective_message.reply_text(context.gettext("Stopped; nothing was saved."))
    return ConversationHandler.END


async def text_expected(update: Update, context: BotContext) -> int | None:
    await update.effective_message.reply_text(
        context.gettext("Please answer with text, or /cancel to stop.")
    )
    return None


# ---- buttons on previews and the event lists of /editevent and /cancelevent ---------------


EventAction = Callable[[CallbackQuery, BotContext, Event, str], Awaitable[int | None]]


def _event_handler(act: EventAction, pattern: re.Pattern[str]) -> CallbackQueryHandler:
    """The rights are checked, the data parsed strictly and the event loaded before `act`
    sees it; `act` returns EDIT_VALUE when the admin's next message is a new value."""

    async def pressed(update: Update, context: BotContext) -> int:
        if not await require_admin(update, context):
            return ConversationHandler.END
        query = update.callback_query
        button = AdminEventButton.parse(query.data)
        event = await load_event(context.db, button.id) if button else None
        if button is None or event is None:
            await query.answer(context.gettext("This event no longer exists."), show_alert=True)
            return ConversationHandler.END
        state = await act(query, context, event, button.arg)
        return ConversationHandler.END if state is None else state

    return CallbackQueryHandler(pressed, pattern=pattern)


def _on_event(action: str, act: EventAction, **fixed: str) -> CallbackQueryHandler:
    return _event_handler(act, AdminEventButton.pattern(action=action, **fixed))


async def _no_longer_valid(query: CallbackQuery, context: BotContext) -> None:
    await query.answer(context.gettext("This button is no longer valid."), show_alert=True)


async def publish_pressed(query: CallbackQuery, context: BotContext, event: Event, _: str) -> None:
    t = context.i18n
    # The partner cities its texts name hear of it too: read them as the texts now stand.
    await context.qa.read_events()
    outcome, count = await announcements.publish(
        context.db,
        event.id,
        query.from_user.id,
        context.settings.default_language,
        renderer(context),
        _channel(context),
    )
    if outcome != Outcome.DONE:
        await query.answer(t.gettext("This event is already published."), show_alert=True)
        return
    _wake(context)
    await query.answer()
    await query.edit_message_reply_markup(None)
    await query.message.reply_text(
        t.ngettext(
            "Published. The announcement goes to %(count)s subscriber.",
            "Published. The announcement goes to %(count)s subscribers.",
            count,
            count=count,
        )
    )


async def discard_pressed(query: CallbackQuery, context: BotContext, event: Event, _: str) -> None:
    t = context.i18n
    if not await discard_draft(context.db, event.id):
        await query.answer(t.gettext("This event is already published."), show_alert=True)
        return
    await query.answer()
    await query.edit_message_reply_markup(None)
    await query.message.reply_text(t.gettext("Discarded."))


def _two_a_row(buttons: list[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


async def edit_pressed(query: CallbackQuery, context: BotContext, event: Event, _: str) -> None:
    """The event's fields to change, the venue's city, and its translations."""
    t = context.i18n
    await query.answer()
    buttons = [
        InlineKeyboardButton(
            t.gettext(FIELD_LABELS[name]),
            callback_data=AdminEventButton("field", event.id, name).pack(),
        )
        for name in EDITABLE
    ]
    buttons += [
        InlineKeyboardButton(
            t.gettext(FIELD_LABELS["place"]),
            callback_data=AdminEventButton("field", event.id, "place").pack(),
        ),
        InlineKeyboardButton(
            t.gettext("🌐 Translation"),
            callback_data=AdminEventButton("field", event.id, "translation").pack(),
        ),
    ]
    await query.message.reply_text(
        t.gettext("What do you want to change?") + translate_later(event, t),
        reply_markup=_two_a_row(buttons),
    )


async def translation_pressed(
    query: CallbackQuery, context: BotContext, event: Event, _: str
) -> None:
    t = context.i18n
    await query.answer()
    buttons = [
        InlineKeyboardButton(
            ("✏️ " if language in event.texts else "➕ ") + t.language_name(language, label=True),
            callback_data=AdminEventButton("tr", event.id, language).pack(),
        )
        for language in LANGUAGES
    ]
    await query.message.reply_text(
        t.gettext(
            "Which language? A translation notifies nobody: it is not a change of the event."
        ),
        reply_markup=_two_a_row(buttons),
    )


async def place_pressed(query: CallbackQuery, context: BotContext, event: Event, _: str) -> None:
    await query.answer()
    buttons = [
        InlineKeyboardButton(
            city_label(context, city_id),
            callback_data=AdminEventButton("place", event.id, city_id).pack(),
        )
        for city_id in _venue_cities(context, event.city_id)
    ]
    await query.message.reply_text(
        context.gettext(
            "In which city is the venue now? The time zone and map pin become that city's; "
            "the start and end stay at the same local time there."
        ),
        reply_markup=_two_a_row(buttons),
    )


async def venue_city_chosen(
    query: CallbackQuery, context: BotContext, event: Event, city_id: str
) -> None:
    city = context.qa.index.cities.get(city_id)
    if city is None:
        await _no_longer_valid(query, context)
        return
    await _update(query, context, event, _moved(event, city))


async def language_to_translate(
    query: CallbackQuery, context: BotContext, event: Event, language: str
) -> int | None:
    if language not in LANGUAGES:
        await _no_longer_valid(query, context)
        return None
    await query.answer()
    context.drafts.event_edit = EventEdit(event.id, event.revision, f"tr-title:{language}")
    await query.message.reply_text(_title_prompt(context, language))
    return EDIT_VALUE


async def field_pressed(query: CallbackQuery, context: BotContext, event: Event, name: str) -> int:
    """One of EDITABLE: the admin's next message is its new value."""
    await query.answer()
    context.drafts.event_edit = EventEdit(event.id, event.revision, name)
    hint = (
        "\n" + problem_text(context, InputError(Problem.UNREADABLE_DATE)).split(". ", 1)[1]
        if name == "date"
        else ""
    )
    await query.message.reply_text(context.gettext("Send the new value, or /cancel.") + hint)
    return EDIT_VALUE


async def cancel_pressed(query: CallbackQuery, context: BotContext, event: Event, _: str) -> None:
    t = context.i18n
    await query.answer()
    await query.message.reply_text(
        t.gettext("Cancel this event and tell everyone who was told about it?")
        + "\n\n"
        + event_card(context, event, t),
        reply_markup=InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        t.gettext("❌ Yes, cancel the event"),
                        callback_data=AdminEventButton("cancelyes", event.id).pack(),
                    )
                ]
            ]
        ),
    )


async def cancel_confirmed(query: CallbackQuery, context: BotContext, event: Event, _: str) -> None:
    await _update(query, context, event, {"status": "cancelled"})


async def unknown_action(query: CallbackQuery, context: BotContext, event: Event, _: str) -> None:
    """Data with our prefix and an existing event that no action above took: forged, or from
    an older version of the bot."""
    await _no_longer_valid(query, context)


async def _update(query: CallbackQuery, context: BotContext, event: Event, changes: dict) -> None:
    outcome, notified = await announcements.update_event(
        context.db,
        event.id,
        event.revision,
        changes,
        query.from_user.id,
        context.settings.default_language,
        renderer(context),
        _channel(context),
        context.qa.city_names(),
    )
    await _changed(query, context, outcome, notified)


def _button_handlers() -> list[CallbackQueryHandler]:
    """One handler per action of the preview's and the event lists' buttons; the catch-all
    last."""
    return [
        _on_event("pub", publish_pressed),
        _on_event("del", discard_pressed),
        _on_event("edit", edit_pressed),
        *(_on_event("field", field_pressed, arg=name) for name in EDITABLE),
        _on_event("field", place_pressed, arg="place"),
        _on_event("field", translation_pressed, arg="translation"),
        _on_event("place", venue_city_chosen),
        _on_event("tr", language_to_translate),
        _on_event("cancel", cancel_pressed),
        _on_event("cancelyes", cancel_confirmed),
        _event_handler(unknown_action, AdminEventButton.pattern()),
    ]


def _wake(context: BotContext) -> None:
    if context.delivery is not None:
        context.delivery.wake()


async def _changed(query, context: BotContext, outcome: Outcome, notified: Notified) -> None:
    t = context.i18n
    if outcome != Outcome.DONE:
        await query.answer(
            t.gettext("Someone changed or cancelled this event meanwhile; please look again."),
            show_alert=True,
        )
        return
    _wake(context)
    await query.answer()
    if query.message is not None:
        await query.edit_message_reply_markup(None)
        await query.message.reply_text(_saved(context, notified))


def _saved(context: BotContext, notified: Notified) -> str:
    t = context.i18n
    text = t.ngettext(
        "Saved. %(count)s person who knew of the event is told.",
        "Saved. %(count)s people who knew of the event are told.",
        notified.told,
        count=notified.told,
    )
    if notified.new:
        text += "\n" + t.ngettext(
            "It now involves another city: %(count)s of its subscribers hears of it for the "
            "first time.",
            "It now involves another city: %(count)s of its subscribers hear of it for the "
            "first time.",
            notified.new,
            count=notified.new,
        )
    return text


async def edit_value_received(update: Update, context: BotContext) -> int:
    target = context.drafts.event_edit
    message = update.effective_message
    if target is None:
        return ConversationHandler.END
    event_id, revision, name = target.event_id, target.revision, target.field
    event = await load_event(context.db, event_id)
    if event is None:
        await message.reply_text(context.gettext("This event no longer exists."))
        return ConversationHandler.END
    text, language = message.text.strip(), context.locale
    if name.startswith("tr-"):
        return await _translation_received(update, context, event, name, text)
    if text == "/skip":
        await message.reply_text(context.gettext("Send the new value, or /cancel."))
        return EDIT_VALUE
    try:
        changes = _changes(event, name, text, language)
    except InputError as exc:
        await message.reply_text(problem_text(context, exc, skip=False))
        return EDIT_VALUE
    context.drafts.event_edit = None
    outcome, notified = await announcements.update_event(
        context.db,
        event_id,
        revision,
        changes,
        update.effective_user.id,
        context.settings.default_language,
        renderer(context),
        _channel(context),
        context.qa.city_names(),
    )
    t = context.i18n
    if outcome != Outcome.DONE:
        await message.reply_text(
            t.gettext("Someone changed or cancelled this event meanwhile; please look again.")
        )
    else:
        _wake(context)
        await message.reply_text(_saved(context, notified))
    return ConversationHandler.END


async def _translation_received(
    update: Update, context: BotContext, event: Event, name: str, text: str
) -> int:
    """A translation's title, then its description; each saved at once and silently."""
    step, language = name.split(":")
    title, description = event.texts.get(language, ("", ""))
    try:
        if step == "tr-title":
            title = read_text(text, MAX_TITLE)
        elif text != "/skip":
            description = read_text(text, MAX_DESCRIPTION)
    except InputError as exc:
        await update.effective_message.reply_text(problem_text(context, exc, skip=False))
        return EDIT_VALUE
    if not await save_translation(context.db, event.id, language, title, description):
        await update.effective_message.reply_text(context.gettext("This event no longer exists."))
        return ConversationHandler.END
    if step == "tr-title":
        context.drafts.event_edit = EventEdit(event.id, event.revision, f"tr-desc:{language}")
        await update.effective_message.reply_text(
            context.gettext("A short description in this language (or /skip)?")
        )
        return EDIT_VALUE
    context.drafts.event_edit = None
    await update.effective_message.reply_text(
        context.gettext("Translation saved. Nobody is notified: a translation is not a change.")
    )
    return ConversationHandler.END


def _moved(event: Event, city: City) -> dict:
    """The change that puts the venue in `city`: its zone and its centre as the map pin, as
    /newevent sets them. The times were given as local times at the venue, so they stay at the
    same wall-clock time in the new zone."""
    zone = ZoneInfo(city.timezone)

    def same_local_time(moment: datetime | None) -> str | None:
        if moment is None:
            return None
        local = moment.astimezone(event.zone)
        return local_datetime(local.date(), local.hour, local.minute, zone).isoformat(
            timespec="seconds"
        )

    return {
        "venue_city_id": None if city.id == event.city_id else city.id,
        "timezone": city.timezone,
        "lat": city.lat,
        "lon": city.lon,
        "starts_at": same_local_time(event.starts_at),
        "ends_at": same_local_time(event.ends_at),
        "fields": ("place",),
    }


def _changes(event: Event, name: str, text: str, language: str) -> dict:
    """The change one answer of /editevent makes. A new date moves the whole event (the end
    keeps its time and its distance in days), a new start keeps the end, a new end is read as
    at entry."""
    return {**_changed_values(event, name, text, language), "fields": (name,)}


def _changed_values(event: Event, name: str, text: str, language: str) -> dict:
    if name == "link":
        return {"link": _read_link(text)}
    if name == "venue":
        return {"venue": read_text(text, MAX_VENUE)}
    if name in ("title", "description"):
        title, description, _ = event.text(language)
        if name == "title":
            title = read_text(text, MAX_TITLE)
        else:
            description = read_text(text, MAX_DESCRIPTION)
        return {"texts": {language: (title, description)}}
    draft = EventDraft(language, timezone=event.timezone, day=event.local_start.date())
    start_time = event.local_start.time()
    if name == "end":
        draft.starts_at = event.starts_at
        day, at = read_end(text, language)
        draft.end_at(at, day)
        return {"ends_at": draft.ends_at.isoformat(timespec="seconds")}
    if name == "date":
        draft.on_day(read_date(text, language), utcnow())
    else:
        start_time = read_time(text, language)
    draft.start_at(start_time, utcnow())
    changes = {"starts_at": draft.starts_at.isoformat(timespec="seconds")}
    if event.ends_at is None:
        return changes
    if name == "date":
        days = event.local_end.date() - event.local_start.date()
        draft.end_at(event.local_end.time(), draft.day + days)
        changes["ends_at"] = draft.ends_at.isoformat(timespec="seconds")
    elif draft.starts_at >= event.ends_at:
        raise InputError(Problem.START_AFTER_END)
    return changes


# ---- /editevent and /cancelevent: pick an upcoming event ----------------------------------


async def _pick(update: Update, context: BotContext, action: str, prompt: str) -> None:
    """The upcoming events as buttons of `action`, under `prompt`."""
    t = context.i18n
    page = await list_events(context.db, utcnow(), size=30)
    events = [e for e in page.events if e.status != "cancelled"]
    if not events:
        await update.effective_message.reply_text(t.gettext("There are no upcoming events."))
        return
    rows = [
        [
            InlineKeyboardButton(
                shorten(e.text(t.language)[0]), callback_data=AdminEventButton(action, e.id).pack()
            )
        ]
        for e in events
    ]
    await update.effective_message.reply_text(prompt, reply_markup=InlineKeyboardMarkup(rows))


async def edit_event(update: Update, context: BotContext) -> None:
    if await require_admin(update, context):
        await _pick(update, context, "edit", context.gettext("Which event do you want to change?"))


async def cancel_event(update: Update, context: BotContext) -> None:
    if await require_admin(update, context):
        await _pick(
            update, context, "cancel", context.gettext("Which event do you want to cancel?")
        )


def _conversation() -> ConversationHandler:
    # Every step checks the rights again (admin_step): a revoke stops the conversation dead.
    text = filters.TEXT & ~filters.COMMAND
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=[
                CommandHandler("newevent", new_event),
                # Buttons of /editevent's fields and translations lead to EDIT_VALUE.
                *_button_handlers(),
            ],
            states={
                CITY: [
                    CallbackQueryHandler(admin_step(city_chosen), pattern=NewEventChoice.pattern()),
                    MessageHandler(text, admin_step(city_typed)),
                ],
                TOPIC: [
                    CallbackQueryHandler(admin_step(topic_chosen), pattern=NewEventChoice.pattern())
                ],
                PLACE: [
                    CallbackQueryHandler(
                        admin_step(place_chosen), pattern=NewEventChoice.pattern()
                    ),
                    MessageHandler(text, admin_step(city_typed)),
                ],
                MORE_LANGUAGES: [
                    CallbackQueryHandler(
                        admin_step(language_chosen), pattern=NewEventChoice.pattern()
                    ),
                    MessageHandler(text, admin_step(date_received)),
                ],
                TITLE: [MessageHandler(text, admin_step(title_received))],
                DESCRIPTION: [
                    MessageHandler(
                        text | filters.Regex(r"^/skip$"), admin_step(description_received)
                    )
                ],
                DATE: [MessageHandler(text, admin_step(date_received))],
                START: [MessageHandler(text, admin_step(start_received))],
                END: [MessageHandler(text | filters.Regex(r"^/skip$"), admin_step(end_received))],
                VENUE: [
                    MessageHandler(text | filters.Regex(r"^/skip$"), admin_step(venue_received))
                ],
                LOCATION: [
                    MessageHandler(
                        filters.LOCATION | filters.Regex(r"^/skip$"), admin_step(location_received)
                    )
                ],
                LINK: [MessageHandler(text | filters.Regex(r"^/skip$"), admin_step(link_received))],
                EDIT_VALUE: [
                    MessageHandler(
                        text | filters.Regex(r"^/skip$"), admin_step(edit_value_received)
                    )
                ],
            },
            fallbacks=[
                CommandHandler("cancel", cancel_conversation),
                MessageHandler(~filters.COMMAND, admin_step(text_expected)),
            ],
            allow_reentry=True,
            conversation_timeout=CONVERSATION_TIMEOUT,
            name="newevent",
        )


def handlers() -> list:
    """Fresh for each Application: a ConversationHandler holds its conversations' states and
    timeout jobs, which must not leak from one Application (a test, the console) to another."""
    return [
        _conversation(),
        CommandHandler("editevent", edit_event),
        CommandHandler("cancelevent", cancel_event),
    ]
