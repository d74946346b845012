"""The business-contacts browser: by sector, then an organisation's card."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from bot.callbacks import CallbackData
from bot.compose import sector_label
from bot.context import BotContext
from bot.kb import SECTORS
from handlers.menus import OpenEntry, reject_stale_button


@dataclass(frozen=True)
class SectorButton(CallbackData):
    prefix = "sector"
    sector: str


async def show_sectors(update: Update, context: BotContext) -> None:
    buttons = [
        InlineKeyboardButton(
            sector_label(sector, context.i18n).capitalize(),
            callback_data=SectorButton(sector).pack(),
        )
        for sector in SECTORS
    ]
    await update.effective_message.reply_text(
        context.gettext("Business contacts by sector – choose one:"),
        reply_markup=InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)]),
    )


async def sector_chosen(update: Update, context: BotContext) -> None:
    query = update.callback_query
    button = SectorButton.parse(query.data)
    if button is None or button.sector not in SECTORS:
        await reject_stale_button(query, context)
        return
    await query.answer()
    index = context.qa.index
    organisations = [o for o in index.organisations.values() if button.sector in o.sectors]
    rows = []
    for organisation in organisations:
        city = index.cities.get(organisation.city_id)
        place = f"{city.flag} " if city else ""
        rows.append(
            [
                InlineKeyboardButton(
                    place + organisation.local_name(context.locale)[:60],
                    callback_data=OpenEntry("org", organisation.id).pack(),
                )
            ]
        )
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
    await query.message.reply_text(text, reply_markup=InlineKeyboardMarkup(rows) if rows else None)


HANDLERS = [CallbackQueryHandler(sector_chosen, pattern=SectorButton.pattern())]
