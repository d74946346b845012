"""/start, /help and the main menu."""

from __future__ import annotations

from babel.lists import format_list
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.app.context import BotContext
from bot.i18n import LANGUAGE_NAMES, escape
from handlers.admin import show_admin_menu
from handlers.cities import show_city_list
from handlers.contacts import show_sectors
from handlers.events import show_events
from handlers.language import choose_language
from handlers.menus import (
    SECTIONS,
    MenuButton,
    command_menu,
    main_menu,
    reject_stale_button,
    show_screen,
    with_nav,
)
from handlers.subscriptions import show_toggles


def greeting(context: BotContext, first_name: str) -> str:
    return context.gettext(
        "Hello, %(name)s! I am Partnerbot, the assistant of Herne's town twinning. "
        "Ask me about Herne's partner cities, exchanges, events and business contacts "
        "in your own words, or choose from the menu.",
        name=first_name,
    )


def help_text(context: BotContext) -> str:
    # The command list is the command menu itself, so the two never disagree.
    lines = [
        context.gettext(
            "<b>What I can do</b>\n"
            "Write a question in your language and I answer from the partnership office's "
            "knowledge base. Languages: %(languages)s.",
            # Each language in its own name, so that a reader finds theirs.
            languages=format_list(list(LANGUAGE_NAMES.values()), locale=context.i18n.formats),
        ),
        "",
    ]
    lines += [
        f"/{command.command} – {escape(command.description)}"
        for command in command_menu(context.i18n)
    ]
    return "\n".join(lines)


async def start(update: Update, context: BotContext) -> None:
    user = update.effective_user
    chat = update.effective_chat
    if (
        user
        and chat.type == "private"
        and chat.id not in context.services.admin_menu_chats
        and await context.admins.is_admin(user.id)
    ):
        await show_admin_menu(context, chat.id, context.locale, admin=True)
    await update.effective_message.reply_text(
        greeting(context, user.first_name if user else ""), reply_markup=main_menu(context)
    )


async def show_help(update: Update, context: BotContext) -> None:
    await show_screen(update, help_text(context), with_nav(None, context))


async def show_menu(update: Update, context: BotContext) -> None:
    user = update.effective_user
    await show_screen(
        update, greeting(context, user.first_name if user else ""), main_menu(context)
    )


async def menu_pressed(update: Update, context: BotContext) -> None:
    query = update.callback_query
    button = MenuButton.parse(query.data)
    if button is None or button.section not in SECTIONS:
        await reject_stale_button(query, context)
        return
    await query.answer()
    if button.section == "home":
        await show_menu(update, context)
    elif button.section == "help":
        await show_help(update, context)
    elif button.section == "cities":
        await show_city_list(update, context)
    elif button.section == "contacts":
        await show_sectors(update, context)
    elif button.section == "events":
        await show_events(update, context)
    elif button.section == "subscriptions":
        await show_toggles(update, context)
    elif button.section == "language":
        await choose_language(update, context)


HANDLERS = [
    CommandHandler("start", start),
    CommandHandler("help", show_help),
    CallbackQueryHandler(menu_pressed, pattern=MenuButton.pattern()),
]
