"""/language: the registry's languages in their own names; the choice is stored and applied at
once."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.app.context import BotContext
from bot.callbacks import CallbackData
from bot.i18n import LANGUAGE_NAMES, LANGUAGES
from handlers.menus import main_menu, reject_stale_button, set_chat_menu, show_screen, with_nav


@dataclass(frozen=True)
class LanguageButton(CallbackData):
    prefix = "lang"
    code: str


def language_prompt(context: BotContext) -> str:
    return context.gettext("Choose your language:")


def language_keyboard(context: BotContext) -> InlineKeyboardMarkup:
    rows = [
        [
            InlineKeyboardButton(
                ("✅ " if code == context.locale else "") + LANGUAGE_NAMES[code],
                callback_data=LanguageButton(code).pack(),
            )
        ]
        for code in LANGUAGES
    ]
    return InlineKeyboardMarkup(rows)


async def choose_language(update: Update, context: BotContext) -> None:
    await show_screen(
        update, language_prompt(context), with_nav(language_keyboard(context), context)
    )


async def language_chosen(update: Update, context: BotContext) -> None:
    query = update.callback_query
    button = LanguageButton.parse(query.data)
    if button is None or button.code not in LANGUAGES:
        await reject_stale_button(query, context)
        return
    await context.users.set_language(query.from_user.id, button.code)
    context.locale = button.code
    await query.answer()
    await query.edit_message_text(
        context.gettext("Done: I will talk to you in English from now on."),
        reply_markup=main_menu(context),
    )
    if query.message and query.message.chat.type == "private":
        admin = await context.admins.is_admin(query.from_user.id)
        await set_chat_menu(context.bot, query.message.chat.id, context.i18n, admin)


HANDLERS = [
    CommandHandler("language", choose_language),
    CallbackQueryHandler(language_chosen, pattern=LanguageButton.pattern()),
]
