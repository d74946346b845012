"""/events: upcoming events and the archive, filtered by city and topic, paged; the event card,
"Add to calendar" (.ics) and "Remind me"."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import reminders
from bot.app.context import BotContext
from bot.callbacks import CallbackData
from bot.events import (
    FIELD_LABELS,
    TOPIC_LABELS,
    TOPICS,
    Event,
    list_events,
    load_event,
    to_ics,
    when,
)
from bot.i18n import Translator, escape
from bot.textual import shorten
from bot.users import utcnow
from handlers.menus import reject_stale_button, show_screen, with_nav

ANY = "-"


@dataclass(frozen=True)
class EventList(CallbackData):
    """A page of the list: archive 0/1, city and topic ('-' for any)."""

    prefix = "evl"
    archive: int
    city: str
    topic: str
    page: int


@dataclass(frozen=True)
class EventFilter(CallbackData):
    """The choices for one filter (what: city or topic) of a list."""

    prefix = "evf"
    archive: int
    what: str
    city: str
    topic: str


@dataclass(frozen=True)
class EventButton(CallbackData):
    """open, ics, remind (on), forget (remind off)."""

    prefix = "eve"
    action: str
    id: str


def topic_label(t: Translator, topic: str) -> str:
    return t.gettext(TOPIC_LABELS[topic]) if topic in TOPIC_LABELS else topic


def city_label(context: BotContext, city_id: str, t: Translator | None = None) -> str:
    t = t or context.i18n
    city = context.qa.index.cities.get(city_id)
    return f"{city.flag} {city.name(t.language)}" if city else city_id


def event_card(context: BotContext, event: Event, t: Translator, kind: str | None = None) -> str:
    """The card, also the body of announcements and reminders (`kind` adds a headline)."""
    title, description, shown = event.text(t.language)
    lines = []
    if kind == "published":
        lines.append(t.gettext("📣 New event"))
    elif kind == "changed" and event.changed:
        lines.append(
            t.gettext(
                "✏️ This event has changed. Changed: %(fields)s. Here are the current details:",
                fields=", ".join(t.gettext(FIELD_LABELS[name]) for name in event.changed),
            )
        )
    elif kind == "changed":
        lines.append(t.gettext("✏️ This event has changed. Here are the current details:"))
    elif kind == "cancelled":
        lines.append(t.gettext("❌ This event has been cancelled."))
    elif kind == "reminder":
        lines.append(t.gettext("⏰ Reminder: this event starts soon."))
    lines.append(f"<b>{escape(title)}</b>")
    if shown != t.language:
        lines.append(
            t.gettext(
                "<i>(Not available in your language yet. Language shown: %(language)s.)</i>",
                language=t.language_name(shown),
            )
        )
    if kind is None and event.status == "cancelled":
        lines.append(t.gettext("❌ Cancelled"))
    elif kind is None and event.status == "changed":
        lines.append(t.gettext("✏️ Changed since it was announced"))
    moment = when(event, t)
    lines.append("📅 " + escape(moment.venue))
    if moment.reader:
        lines.append(t.gettext("🕒 In Herne: %(time)s", time=moment.reader))
    # The cities its texts name too: the admin sees which partner cities it will be found under.
    cities = ", ".join(city_label(context, c, t) for c in (event.city_id, *event.named_city_ids))
    lines.append("🏙 " + escape(cities) + " · " + topic_label(t, event.topic))
    place = [event.venue] if event.venue else []
    if event.venue_city_id:
        place.append(city_label(context, event.venue_city_id, t))
    if place:
        lines.append("📍 " + escape(" · ".join(place)))
    if event.link:
        lines.append("🔗 " + escape(event.link))
    if description:
        lines += ["", escape(description)]
    if event.sources and event.origin == "file":
        lines += ["", t.gettext("Source: %(sources)s", sources=escape("; ".join(event.sources)))]
    return "\n".join(lines)


def _list_buttons(
    context: BotContext, archive: int, city: str, topic: str, page, events
) -> InlineKeyboardMarkup:
    t = context.i18n
    rows = [
        [
            InlineKeyboardButton(
                shorten(f"{'❌ ' if e.status == 'cancelled' else ''}{e.text(t.language)[0]}"),
                callback_data=EventButton("open", e.id).pack(),
            )
        ]
        for e in events
    ]
    city_text = city_label(context, city) if city != ANY else t.gettext("All cities")
    topic_text = topic_label(t, topic) if topic != ANY else t.gettext("All topics")
    rows.append(
        [
            InlineKeyboardButton(
                "🏙 " + city_text, callback_data=EventFilter(archive, "city", city, topic).pack()
            ),
            InlineKeyboardButton(
                "🏷 " + topic_text,
                callback_data=EventFilter(archive, "topic", city, topic).pack(),
            ),
        ]
    )
    nav = []
    if page.page > 0:
        nav.append(
            InlineKeyboardButton(
                "◀️", callback_data=EventList(archive, city, topic, page.page - 1).pack()
            )
        )
    if page.page + 1 < page.pages:
        nav.append(
            InlineKeyboardButton(
                "▶️", callback_data=EventList(archive, city, topic, page.page + 1).pack()
            )
        )
    if nav:
        rows.append(nav)
    other = t.gettext("📅 Upcoming events") if archive else t.gettext("🗂 Archive of past events")
    rows.append(
        [InlineKeyboardButton(other, callback_data=EventList(1 - archive, city, topic, 0).pack())]
    )
    return with_nav(InlineKeyboardMarkup(rows), context)


async def _list_view(
    context: BotContext, archive: int, city: str, topic: str, page_number: int
) -> tuple[str, InlineKeyboardMarkup]:
    t = context.i18n
    await context.qa.read_events()
    page = await list_events(
        context.db,
        utcnow(),
        archive=bool(archive),
        city=None if city == ANY else city,
        topic=None if topic == ANY else topic,
        page=page_number,
    )
    heading = (
        t.gettext("<b>Archive of past events</b>")
        if archive
        else t.gettext("<b>Upcoming events</b>")
    )
    lines = [heading]
    if not page.events:
        lines.append(
            t.gettext("There are no past events for this choice.")
            if archive
            else t.gettext(
                "No upcoming events are planned for this choice yet. Subscribe with /subscribe "
                "to hear about new ones, or look at the archive of past events."
            )
        )
    else:
        if page.pages > 1:
            lines.append(
                t.gettext("Page %(page)s of %(pages)s", page=page.page + 1, pages=page.pages)
            )
        for event in page.events:
            title = event.text(t.language)[0]
            lines.append(f"• {escape(when(event, t).venue)}: <b>{escape(title)}</b>")
    markup = _list_buttons(context, archive, city, topic, page, page.events)
    return "\n".join(lines), markup


async def show_events(update: Update, context: BotContext) -> None:
    text, markup = await _list_view(context, 0, ANY, ANY, 0)
    await show_screen(update, text, markup)


async def list_pressed(update: Update, context: BotContext) -> None:
    query = update.callback_query
    button = EventList.parse(query.data)
    if button is None or not _valid_filters(context, button.city, button.topic):
        await reject_stale_button(query, context)
        return
    await query.answer()
    text, markup = await _list_view(
        context, int(bool(button.archive)), button.city, button.topic, button.page
    )
    await query.edit_message_text(text, reply_markup=markup)


def _valid_filters(context: BotContext, city: str, topic: str) -> bool:
    return (city == ANY or city in context.qa.index.cities) and (topic == ANY or topic in TOPICS)


async def filter_pressed(update: Update, context: BotContext) -> None:
    query = update.callback_query
    button = EventFilter.parse(query.data)
    if button is None or not _valid_filters(context, button.city, button.topic):
        await reject_stale_button(query, context)
        return
    await query.answer()
    t, archive = context.i18n, int(bool(button.archive))
    if button.what == "city":
        choices = [(t.gettext("All cities"), EventList(archive, ANY, button.topic, 0))] + [
            (city_label(context, c.id), EventList(archive, c.id, button.topic, 0))
            for c in context.qa.index.cities.values()
        ]
    else:
        choices = [(t.gettext("All topics"), EventList(archive, button.city, ANY, 0))] + [
            (topic_label(t, topic), EventList(archive, button.city, topic, 0)) for topic in TOPICS
        ]
    buttons = [InlineKeyboardButton(label, callback_data=data.pack()) for label, data in choices]
    await query.edit_message_reply_markup(
        InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])
    )


def card_buttons(
    context: BotContext, event: Event, t: Translator, reminded: bool
) -> InlineKeyboardMarkup | None:
    if event.finishes_at <= utcnow():
        return None
    if event.status == "cancelled":
        # Whoever added it to a calendar can take it out again with the cancellation file.
        return InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        t.gettext("📆 Remove from calendar"),
                        callback_data=EventButton("ics", event.id).pack(),
                    )
                ]
            ]
        )
    rows = [
        [
            InlineKeyboardButton(
                t.gettext("📆 Add to calendar"), callback_data=EventButton("ics", event.id).pack()
            )
        ]
    ]
    if event.precision == "minute" and event.starts_at > utcnow():
        rows.append(
            [
                InlineKeyboardButton(
                    t.gettext("🔕 Don't remind me") if reminded else t.gettext("⏰ Remind me"),
                    callback_data=EventButton("forget" if reminded else "remind", event.id).pack(),
                )
            ]
        )
    return InlineKeyboardMarkup(rows)


async def event_pressed(update: Update, context: BotContext) -> None:
    query = update.callback_query
    button = EventButton.parse(query.data)
    await context.qa.read_events()
    event = await load_event(context.db, button.id) if button else None
    if button is None or event is None or event.published_at is None:
        await reject_stale_button(query, context)
        return
    t, user_id = context.i18n, update.effective_user.id
    if button.action == "open":
        await query.answer()
        reminded = await reminders.has_request(context.db, user_id, event.id)
        markup = card_buttons(context, event, t, reminded)
        located = event.lat is not None and event.lon is not None
        if _from_list(query):
            # Opened while browsing: the card replaces the list and leads back to it; the map
            # waits for a button, so that browsing leaves no trail of messages.
            if located:
                markup = InlineKeyboardMarkup(
                    [
                        *(markup.inline_keyboard if markup else ()),
                        [
                            InlineKeyboardButton(
                                t.gettext("📍 Show on map"),
                                callback_data=EventButton("map", event.id).pack(),
                            )
                        ],
                    ]
                )
            # The list the event is in: a cancelled one has left Upcoming for the archive.
            archive = int(event.finishes_at <= utcnow() or event.status == "cancelled")
            markup = with_nav(markup, context, EventList(archive, ANY, ANY, 0).pack())
            await show_screen(update, event_card(context, event, t), markup)
            return
        await query.message.reply_text(
            event_card(context, event, t), reply_markup=markup, link_preview_options=None
        )
        if located:
            await query.message.reply_location(event.lat, event.lon)
    elif button.action == "map" and event.lat is not None and event.lon is not None:
        await query.answer()
        await query.message.reply_location(event.lat, event.lon)
    elif button.action == "ics":
        await query.answer()
        note = t.gettext("From the Partnerbot of Herne's twin-town partnerships.")
        await query.message.reply_document(
            InputFile(to_ics(event, t.language, utcnow(), note), filename=f"{event.id}.ics"),
            caption=t.gettext("Open the file to remove the cancelled event from your calendar.")
            if event.status == "cancelled"
            else t.gettext("Open the file to add the event to your calendar."),
        )
    elif button.action == "remind":
        outcome = await reminders.request(
            context.db, user_id, event.id, utcnow(), context.settings.reminder_offsets
        )
        answers = {
            reminders.Request.ADDED: t.gettext("I will remind you before the event starts."),
            reminders.Request.ALREADY: t.gettext("You have already asked for a reminder."),
            reminders.Request.OVER: t.gettext(
                "This event has started or was cancelled: there is nothing to remind you of."
            ),
            reminders.Request.MISSING: t.gettext("This button is no longer valid."),
        }
        await query.answer(answers[outcome], show_alert=outcome != reminders.Request.ADDED)
        await _refresh_buttons(query, context, event, t)
    elif button.action == "forget":
        await reminders.cancel_request(context.db, user_id, event.id)
        await query.answer(t.gettext("OK, no reminder for this event."))
        await _refresh_buttons(query, context, event, t)
    else:
        await reject_stale_button(query, context)


def _from_list(query) -> bool:
    """Pressed under the event list, not under an announcement, a digest or a reminder."""
    markup = getattr(query.message, "reply_markup", None)
    return markup is not None and any(
        EventList.parse(button.callback_data) or EventFilter.parse(button.callback_data)
        for row in markup.inline_keyboard
        for button in row
    )


async def _refresh_buttons(query, context: BotContext, event: Event, t: Translator) -> None:
    reminded = await reminders.has_request(context.db, query.from_user.id, event.id)
    markup = card_buttons(context, event, t, reminded)
    if query.message is None or markup is None:
        return
    # An announcement's own unsubscribe button stays, and so does a browsed card's way back.
    kept = [
        row
        for row in (
            query.message.reply_markup.inline_keyboard if query.message.reply_markup else ()
        )
        if any((b.callback_data or "").startswith(("uns:", "menu:", "eve:map:")) for b in row)
    ]
    await query.edit_message_reply_markup(InlineKeyboardMarkup([*markup.inline_keyboard, *kept]))


HANDLERS = [
    CommandHandler("events", show_events),
    CallbackQueryHandler(list_pressed, pattern=EventList.pattern()),
    CallbackQueryHandler(filter_pressed, pattern=EventFilter.pattern()),
    CallbackQueryHandler(event_pressed, pattern=EventButton.pattern()),
]


async def reminder_tick(context: BotContext) -> None:
    """Queue the reminders that are due (JobQueue, every REMINDER_INTERVAL seconds)."""
    catalogs = context.services.catalogs

    def render(event: Event, language: str) -> tuple[str, dict | None]:
        t = catalogs[language]
        markup = card_buttons(context, event, t, reminded=True)
        return event_card(context, event, t, "reminder"), markup.to_dict() if markup else None

    due = await reminders.queue_due(
        context.db,
        utcnow(),
        context.settings.reminder_offsets,
        context.settings.default_language,
        render,
    )
    if due and context.delivery is not None:
        context.delivery.wake()
