"""The business-contacts browser: by sector or by city, then an organisation's card."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from bot.app.context import BotContext
from bot.callbacks import CallbackData
from bot.compose import organisation_card, sector_label
from bot.kb import SECTORS
from bot.render import to_html
from bot.search import Organisation
from bot.textual import shorten
from handlers.menus import (
    CityButton,
    MenuButton,
    reject_stale_button,
    show_screen,
    with_nav,
)


@dataclass(frozen=True)
class SectorButton(CallbackData):
    prefix = "sector"
    sector: str


@dataclass(frozen=True)
class CityContacts(CallbackData):
    """The organisations of one city, from its card."""

    prefix = "cco"
    city: str


@dataclass(frozen=True)
class OrgCard(CallbackData):
    """An organisation's card, from a list: `via` s (a sector's list) or c (a city's), and
    `key` names that list, for the way back."""

    prefix = "org"
    id: str
    via: str
    key: str


def city_organisations(city_id: str, context: BotContext) -> list[Organisation]:
    return [o for o in context.qa.index.organisations.values() if o.city_id == city_id]


def organisation_markup(
    organisation: Organisation, context: BotContext
) -> InlineKeyboardMarkup | None:
    """Only the ways to reach it that the knowledge base has; the partnership office stands
    in where it has none (it knows the people and can put the user in touch)."""
    rows = []
    if organisation.website:
        rows.append([InlineKeyboardButton(context.gettext("🌐 Website"), url=organisation.website)])
    rows.append(
        [
            InlineKeyboardButton(
                context.pgettext("button", "✉️ Write to the office about it"),
                callback_data=MenuButton("office").pack(),
            )
        ]
    )
    return InlineKeyboardMarkup(rows)


async def show_sectors(update: Update, context: BotContext) -> None:
    buttons = [
        InlineKeyboardButton(
            sector_label(sector, context.i18n).capitalize(),
            callback_data=SectorButton(sector).pack(),
        )
        for sector in SECTORS
    ]
    await show_screen(
        update,
        context.gettext("Business contacts by sector – choose one:"),
        with_nav(
            InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)]), context
        ),
    )


def _organisation_rows(
    organisations: list[Organisation], context: BotContext, via: str, key: str
) -> list[list[InlineKeyboardButton]]:
    index = context.qa.index
    rows = []
    for organisation in organisations:
        city = index.cities.get(organisation.city_id)
        place = f"{city.flag} " if city else ""
        rows.append(
            [
                InlineKeyboardButton(
                    shorten(place + organisation.local_name(context.locale)),
                    callback_data=OrgCard(organisation.id, via, key).pack(),
                )
            ]
        )
    return rows


async def sector_chosen(update: Update, context: BotContext) -> None:
    query = update.callback_query
    button = SectorButton.parse(query.data)
    if button is None or button.sector not in SECTORS:
        await reject_stale_button(query, context)
        return
    await query.answer()
    organisations = [
        o for o in context.qa.index.organisations.values() if button.sector in o.sectors
    ]
    label = sector_label(button.sector, context.i18n)
    text = (
        context.ngettext(
            "%(count)s contact for %(sector)s:",
            "%(count)s contacts for %(sector)s:",
            len(organisations),
            sector=label,
        )
        if organisations
        else context.gettext("No contacts for %(sector)s yet.", sector=label)
    )
    rows = _organisation_rows(organisations, context, "s", button.sector)
    await show_screen(
        update, text, with_nav(InlineKeyboardMarkup(rows), context, MenuButton("contacts").pack())
    )


async def city_contacts(update: Update, context: BotContext) -> None:
    query = update.callback_query
    button = CityContacts.parse(query.data)
    city = context.qa.index.cities.get(button.city) if button else None
    if city is None:
        await reject_stale_button(query, context)
        return
    await query.answer()
    organisations = city_organisations(city.id, context)
    name = f"{city.flag} {city.name(context.locale)}"
    text = context.ngettext(
        "%(count)s contact in %(city)s:",
        "%(count)s contacts in %(city)s:",
        len(organisations),
        city=name,
    )
    rows = _organisation_rows(organisations, context, "c", city.id)
    await show_screen(
        update, text, with_nav(InlineKeyboardMarkup(rows), context, CityButton(city.id).pack())
    )


async def organisation_pressed(update: Update, context: BotContext) -> None:
    query = update.callback_query
    button = OrgCard.parse(query.data)
    index = context.qa.index
    organisation = index.organisations.get(button.id) if button else None
    if (
        organisation is None
        or (button.via == "s" and button.key not in SECTORS)
        or (button.via == "c" and button.key not in index.cities)
        or button.via not in ("s", "c")
    ):
        await reject_stale_button(query, context)
        return
    await query.answer()
    back = SectorButton(button.key) if button.via == "s" else CityContacts(button.key)
    await show_screen(
        update,
        to_html(organisation_card(organisation, context.qa.knowledge, context.i18n)),
        with_nav(organisation_markup(organisation, context), context, back.pack()),
    )


HANDLERS = [
    CallbackQueryHandler(sector_chosen, pattern=SectorButton.pattern()),
    CallbackQueryHandler(city_contacts, pattern=CityContacts.pattern()),
    CallbackQueryHandler(organisation_pressed, pattern=OrgCard.pattern()),
]
