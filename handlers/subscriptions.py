"""/subscribe (toggles by city and topic, "everything", quiet hours and the weekly digest),
/mysubscriptions, /stop, the unsubscribe button under every announcement, and the weekly
digest job."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.app.context import BotContext
from bot.callbacks import CallbackData
from bot.digests import queue_digests
from bot.events import TOPICS, Event, when
from bot.i18n import Translator, escape
from bot.subscriptions import (
    OPTIONS,
    Subscription,
    options,
    set_option,
    set_subscription,
    stop_all,
    subscriptions,
)
from bot.textual import shorten
from handlers.events import ANY, EventButton, city_label, topic_label
from handlers.menus import reject_stale_button, show_screen, with_nav


@dataclass(frozen=True)
class Toggle(CallbackData):
    """Asks for a state (on 1/0), not a flip: a stale or repeated press cannot undo itself."""

    prefix = "sub"
    city: str
    topic: str
    on: int


@dataclass(frozen=True)
class OptionToggle(CallbackData):
    """Quiet hours or the weekly digest: asks for a state (on 1/0), like Toggle."""

    prefix = "opt"
    name: str
    on: int


@dataclass(frozen=True)
class StopAll(CallbackData):
    """The answer to /stop's question: 1 ends every subscription, 0 keeps them."""

    prefix = "stp"
    confirm: int


@dataclass(frozen=True)
class Unsubscribe(CallbackData):
    prefix = "uns"
    city: str
    topic: str


def _pack(value: str | None) -> str:
    return ANY if value is None else value


def _unpack(value: str) -> str | None:
    return None if value == ANY else value


def describe(context: BotContext, sub: Subscription, t: Translator) -> str:
    if sub.city is None and sub.topic is None:
        return t.gettext("everything")
    parts = []
    if sub.city is not None:
        parts.append(city_label(context, sub.city, t))
    if sub.topic is not None:
        parts.append(topic_label(t, sub.topic))
    return " · ".join(parts)


def unsubscribe_button(
    context: BotContext, sub: Subscription, t: Translator
) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        t.gettext("🔕 Unsubscribe: %(what)s", what=describe(context, sub, t)),
        callback_data=Unsubscribe(_pack(sub.city), _pack(sub.topic)).pack(),
    )


async def _toggles(context: BotContext, user_id: int) -> tuple[str, InlineKeyboardMarkup]:
    t = context.i18n
    current = set(await subscriptions(context.db, user_id))

    def button(label: str, sub: Subscription) -> InlineKeyboardButton:
        on = sub in current
        return InlineKeyboardButton(
            ("✅ " if on else "▫️ ") + label,
            callback_data=Toggle(_pack(sub.city), _pack(sub.topic), int(not on)).pack(),
        )

    rows = [[button(t.gettext("Everything"), Subscription(None, None))]]
    cities = [
        button(city_label(context, c.id), Subscription(c.id, None))
        for c in context.qa.index.cities.values()
    ]
    topics = [button(topic_label(t, topic), Subscription(None, topic)) for topic in TOPICS]
    rows += [cities[i : i + 2] for i in range(0, len(cities), 2)]
    rows += [topics[i : i + 2] for i in range(0, len(topics), 2)]
    chosen = await options(context.db, user_id)
    rows += [
        [
            InlineKeyboardButton(
                ("✅ " if chosen[name] else "▫️ ") + option_label(t, name),
                callback_data=OptionToggle(name, int(not chosen[name])).pack(),
            )
        ]
        for name in OPTIONS
    ]
    text = t.gettext(
        "<b>Subscriptions</b>\nChoose what you want to hear about: a city, a topic, or "
        "everything. You get each new event in your language, once. /stop ends all "
        "subscriptions."
    )
    text += "\n\n" + t.gettext(
        "Quiet hours: new events that come between 22:00 and 08:00 (Herne time) wait until "
        "08:00. Weekly digest: instead of single messages, one list of the week's new events "
        "on Monday morning. Changes, cancellations and reminders always come at once."
    )
    return text, with_nav(InlineKeyboardMarkup(rows), context)


def option_label(t: Translator, name: str) -> str:
    if name == "quiet_hours":
        return t.pgettext("button", "🌙 Quiet hours 22:00–08:00")
    return t.pgettext("button", "🗞 Weekly digest")


async def show_toggles(update: Update, context: BotContext) -> None:
    text, markup = await _toggles(context, update.effective_user.id)
    await show_screen(update, text, markup)


async def toggle_pressed(update: Update, context: BotContext) -> None:
    query = update.callback_query
    button = Toggle.parse(query.data)
    if button is None or not _valid(context, button.city, button.topic):
        await reject_stale_button(query, context)
        return
    sub = Subscription(_unpack(button.city), _unpack(button.topic))
    t = context.i18n
    await set_subscription(context.db, query.from_user.id, sub, bool(button.on))
    what = describe(context, sub, t)
    await query.answer(
        t.gettext("Subscribed: %(what)s", what=what)
        if button.on
        else t.gettext("Unsubscribed: %(what)s", what=what)
    )
    text, markup = await _toggles(context, query.from_user.id)
    await query.edit_message_text(text, reply_markup=markup)


async def option_pressed(update: Update, context: BotContext) -> None:
    query = update.callback_query
    button = OptionToggle.parse(query.data)
    if button is None or button.name not in OPTIONS or button.on not in (0, 1):
        await reject_stale_button(query, context)
        return
    t = context.i18n
    await set_option(context.db, query.from_user.id, button.name, bool(button.on))
    what = option_label(t, button.name)
    await query.answer(
        t.gettext("On: %(what)s", what=what) if button.on else t.gettext("Off: %(what)s", what=what)
    )
    text, markup = await _toggles(context, query.from_user.id)
    await query.edit_message_text(text, reply_markup=markup)


def _valid(context: BotContext, city: str, topic: str) -> bool:
    return (city == ANY or city in context.qa.index.cities) and (topic == ANY or topic in TOPICS)


async def show_mine(update: Update, context: BotContext) -> None:
    t = context.i18n
    current = await subscriptions(context.db, update.effective_user.id)
    if not current:
        text = t.gettext("You have no subscriptions. Choose some with /subscribe.")
    else:
        lines = [t.gettext("<b>Your subscriptions</b>")]
        lines += [f"• {describe(context, sub, t)}" for sub in current]
        lines.append(t.gettext("Change them with /subscribe; /stop ends them all."))
        text = "\n".join(lines)
    await update.effective_message.reply_text(text)


async def stop(update: Update, context: BotContext) -> None:
    """Asks first: one mistyped command must not end what the user chose over months."""
    t = context.i18n
    count = len(await subscriptions(context.db, update.effective_user.id))
    if not count:
        await update.effective_message.reply_text(
            t.gettext("You had no subscriptions; you get no announcements.")
        )
        return
    await update.effective_message.reply_text(
        t.ngettext(
            "End your %(count)s subscription? You will get no more announcements.",
            "End all %(count)s subscriptions? You will get no more announcements.",
            count,
        ),
        reply_markup=InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        t.pgettext("button", "🔕 Yes, end them"),
                        callback_data=StopAll(1).pack(),
                    ),
                    InlineKeyboardButton(
                        t.pgettext("button", "↩️ No, keep them"),
                        callback_data=StopAll(0).pack(),
                    ),
                ]
            ]
        ),
    )


async def stop_confirmed(update: Update, context: BotContext) -> None:
    query = update.callback_query
    button = StopAll.parse(query.data)
    if button is None or button.confirm not in (0, 1):
        await reject_stale_button(query, context)
        return
    t = context.i18n
    await query.answer()
    if not button.confirm:
        await query.edit_message_text(
            t.gettext("Nothing changed: your subscriptions stay as they were.")
        )
        return
    count = await stop_all(context.db, query.from_user.id)
    await query.edit_message_text(
        t.ngettext(
            "Done: %(count)s subscription ended. You will get no more announcements.",
            "Done: %(count)s subscriptions ended. You will get no more announcements.",
            count,
            count=count,
        )
        if count
        else t.gettext("You had no subscriptions; you get no announcements.")
    )


async def unsubscribe_pressed(update: Update, context: BotContext) -> None:
    query = update.callback_query
    button = Unsubscribe.parse(query.data)
    if button is None or not _valid(context, button.city, button.topic):
        await reject_stale_button(query, context)
        return
    sub = Subscription(_unpack(button.city), _unpack(button.topic))
    t = context.i18n
    changed = await set_subscription(context.db, query.from_user.id, sub, False)
    what = describe(context, sub, t)
    await query.answer(
        t.gettext("Unsubscribed: %(what)s", what=what)
        if changed
        else t.gettext("You were not subscribed to %(what)s any more.", what=what),
        show_alert=True,
    )


def digest_renderer(context: BotContext):
    catalogs = context.services.catalogs

    def render(events: list[Event], language: str) -> tuple[str, dict]:
        t = catalogs[language]
        lines = [
            t.gettext("<b>🗞 Your weekly digest</b>"),
            t.ngettext(
                "%(count)s new event this week:",
                "%(count)s new events this week:",
                len(events),
                count=len(events),
            ),
            "",
        ]
        buttons = []
        for event in events:
            title = event.text(language)[0]
            lines.append(
                f"• <b>{escape(title)}</b>\n  📅 {escape(when(event, t).venue)} · "
                f"{escape(city_label(context, event.city_id, t))}"
            )
            buttons.append(
                [
                    InlineKeyboardButton(
                        shorten(title), callback_data=EventButton("open", event.id).pack()
                    )
                ]
            )
        lines += ["", t.gettext("Tap an event to open it.")]
        return "\n".join(lines), InlineKeyboardMarkup(buttons).to_dict()

    return render


async def digest_tick(context: BotContext) -> None:
    """The weekly digests (JobQueue, Monday 09:00 Herne time, where the engine runs)."""
    count = await queue_digests(
        context.db, context.settings.default_language, digest_renderer(context)
    )
    if count and context.delivery is not None:
        context.delivery.wake()


HANDLERS = [
    CommandHandler("subscribe", show_toggles),
    CommandHandler("mysubscriptions", show_mine),
    CommandHandler("stop", stop),
    CallbackQueryHandler(toggle_pressed, pattern=Toggle.pattern()),
    CallbackQueryHandler(option_pressed, pattern=OptionToggle.pattern()),
    CallbackQueryHandler(unsubscribe_pressed, pattern=Unsubscribe.pattern()),
    CallbackQueryHandler(stop_confirmed, pattern=StopAll.pattern()),
]
