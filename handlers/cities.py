"""The partner-city browser: a list with flags, a profile card, a map pin."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from bot.app.context import BotContext
from bot.callbacks import CallbackData
from bot.compose import partner_since
from bot.i18n import escape
from bot.search import City
from handlers.contacts import CityContacts, city_organisations
from handlers.menus import CityButton, MenuButton, reject_stale_button, show_screen, with_nav


@dataclass(frozen=True)
class CityMap(CallbackData):
    prefix = "map"
    id: str


def city_list_markup(context: BotContext) -> InlineKeyboardMarkup:
    cities = [c for c in context.qa.index.cities.values() if c.partner]
    buttons = [
        InlineKeyboardButton(
            f"{c.flag} {c.name(context.locale)}", callback_data=CityButton(c.id).pack()
        )
        for c in cities
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return with_nav(InlineKeyboardMarkup(rows), context)


def city_card(city: City, context: BotContext) -> str:
    t, texts = context.i18n, city.texts[context.locale]
    lines = [
        f"{city.flag} <b>{escape(city.name(t.language))}</b>",
        escape(f"{texts['country']}, {texts['region']}"),
    ]
    if city.partner_since:
        since = partner_since(city, t)
        # A day and a bare year take different prepositions ("seit dem 8. Oktober", "seit 1954").
        lines.append(
            t.gettext("Partner city since %(date)s", date=since)
            if len(city.partner_since) == 10
            else t.gettext("Partner city since %(year)s", year=since)
        )
    if city.status == "suspended":
        lines.append("⏸ " + escape(texts["status_note"] or ""))
    if city.population:
        population = t.number(city.population)
        lines.append(
            t.gettext("Population: about %(count)s", count=population)
            if city.population_approx
            else t.gettext(
                "Population: %(count)s (%(year)s)",
                count=population,
                year=str(city.population_year or "–"),
            )
        )
    lines.append("")
    lines.append(escape(texts["profile"]))
    return "\n".join(lines)


def city_markup(city_id: str, context: BotContext) -> InlineKeyboardMarkup:
    city = context.qa.index.cities[city_id]
    rows = []
    if city.website:
        rows.append([InlineKeyboardButton(context.gettext("🌐 Website"), url=city.website)])
    if city.lat is not None:
        rows.append(
            [
                InlineKeyboardButton(
                    context.gettext("📍 Show on map"), callback_data=CityMap(city.id).pack()
                )
            ]
        )
    if city_organisations(city.id, context):
        rows.append(
            [
                InlineKeyboardButton(
                    context.pgettext("button", "🤝 Contacts in this city"),
                    callback_data=CityContacts(city.id).pack(),
                )
            ]
        )
    return with_nav(
        InlineKeyboardMarkup(rows),
        context,
        back=MenuButton("cities").pack(),
        back_label=context.gettext("◀️ All partner cities"),
    )


async def show_city_list(update: Update, context: BotContext) -> None:
    await show_screen(update, context.gettext("Herne's partner cities:"), city_list_markup(context))


async def city_pressed(update: Update, context: BotContext) -> None:
    query = update.callback_query
    button = CityButton.parse(query.data)
    city = context.qa.index.cities.get(button.id) if button else None
    if city is None:
        await reject_stale_button(query, context)
        return
    await query.answer()
    await show_screen(update, city_card(city, context), city_markup(city.id, context))


async def show_on_map(update: Update, context: BotContext) -> None:
    query = update.callback_query
    button = CityMap.parse(query.data)
    city = context.qa.index.cities.get(button.id) if button else None
    if city is None or city.lat is None:
        await reject_stale_button(query, context)
        return
    await query.answer()
    texts = city.texts[context.locale]
    await query.message.reply_venue(
        latitude=city.lat,
        longitude=city.lon,
        title=f"{city.flag} {texts['name']}",
        address=f"{texts['region']}, {texts['country']}",
    )


HANDLERS = [
    CallbackQueryHandler(show_on_map, pattern=CityMap.pattern()),
    CallbackQueryHandler(city_pressed, pattern=CityButton.pattern()),
]
