"""The menus: Telegram's command menu per language and scope, and the inline main menu."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)

from bot.app.context import BotContext
from bot.callbacks import CallbackData
from bot.i18n import LANGUAGES, N_, Catalogs, Translator

USER_COMMANDS = [
    ("start", N_("Main menu")),
    ("help", N_("What I can do")),
    ("ask", N_("Ask a question")),
    ("office", N_("Write to the partnership office")),
    ("events", N_("Upcoming events")),
    ("subscribe", N_("Choose what to hear about")),
    ("mysubscriptions", N_("Your subscriptions")),
    ("stop", N_("End all subscriptions")),
    ("language", N_("Change the language")),
    ("privacy", N_("What data I store and why")),
    ("mydata", N_("Get your data as a file")),
    ("deleteme", N_("Delete your data")),
]


ADMIN_COMMANDS = [
    ("broadcast", N_("Send a message to subscribers")),
    ("broadcasts", N_("Recent broadcasts")),
    ("questions", N_("Questions for the office")),
    ("stats", N_("Statistics")),
    ("newevent", N_("Create an event")),
    ("editevent", N_("Change an event")),
    ("cancelevent", N_("Cancel an event")),
    ("admins", N_("List the admins")),
    ("grant", N_("Give someone admin rights")),
    ("revoke", N_("Take admin rights away")),
]


def command_menu(translator: Translator, admin: bool = False) -> list[BotCommand]:
    commands = USER_COMMANDS + (ADMIN_COMMANDS if admin else [])
    return [BotCommand(name, translator.gettext(description)) for name, description in commands]


async def set_default_menus(bot: Bot, catalogs: Catalogs, default_language: str) -> None:
    """One menu per supported client language, and the default language for all others."""
    for language in LANGUAGES:
        await bot.set_my_commands(command_menu(catalogs[language]), language_code=language)
    await bot.set_my_commands(command_menu(catalogs[default_language]))


async def set_chat_menu(
    bot: Bot, chat_id: int, translator: Translator, admin: bool = False
) -> None:
    """The menu of one chat follows the language chosen there with /language; admins' private
    chats also list the admin commands, which nobody else sees."""
    await bot.set_my_commands(command_menu(translator, admin), scope=BotCommandScopeChat(chat_id))


@dataclass(frozen=True)
class MenuButton(CallbackData):
    prefix = "menu"
    section: str


@dataclass(frozen=True)
class OpenEntry(CallbackData):
    """Opens a knowledge-base entry: kind is city, org or faq."""

    prefix = "open"
    kind: str
    id: str


@dataclass(frozen=True)
class CityButton(CallbackData):
    """A city's card, opened from a list (which it replaces)."""

    prefix = "city"
    id: str


# "home" is the main menu itself; "office" starts a message to the office (handlers/office.py).
SECTIONS = ("cities", "events", "contacts", "subscriptions", "office", "language", "help", "home")
MENU_LAYOUT = (
    ("cities", "events"),
    ("contacts", "subscriptions"),
    ("office",),
    ("language", "help"),
)


def main_menu(context: BotContext) -> InlineKeyboardMarkup:
    labels = {
        "cities": context.pgettext("menu button", "🏙 Partner cities"),
        "events": context.pgettext("menu button", "📅 Events"),
        "contacts": context.pgettext("menu button", "🤝 Business contacts"),
        "subscriptions": context.pgettext("menu button", "🔔 Subscriptions"),
        "office": context.pgettext("menu button", "🙋 Ask the partnership office"),
        "language": context.pgettext("menu button", "🌐 Language"),
        "help": context.pgettext("menu button", "❓ Help"),
    }
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(labels[section], callback_data=MenuButton(section).pack())
                for section in row
            ]
            for row in MENU_LAYOUT
        ]
    )


def nav_row(
    context: BotContext, back: str | None = None, back_label: str | None = None
) -> list[InlineKeyboardButton]:
    """The last row of every screen reached from the menu: back one step (packed callback
    data; none when the step back is the menu itself) and the main menu."""
    row = [
        InlineKeyboardButton(
            context.pgettext("button", "🏠 Menu"), callback_data=MenuButton("home").pack()
        )
    ]
    if back is not None:
        row.insert(
            0,
            InlineKeyboardButton(
                back_label or context.pgettext("button", "◀️ Back"), callback_data=back
            ),
        )
    return row


def with_nav(
    markup: InlineKeyboardMarkup | None,
    context: BotContext,
    back: str | None = None,
    back_label: str | None = None,
) -> InlineKeyboardMarkup:
    rows = [list(row) for row in (markup.inline_keyboard if markup else ())]
    return InlineKeyboardMarkup([*rows, nav_row(context, back, back_label)])


async def show_screen(
    update: Update, text: str, markup: InlineKeyboardMarkup | None, **kwargs
) -> None:
    """Browsing replaces the message whose button was pressed; a command, or a pressed
    button under a message that is not text (a file, a location), sends a new one."""
    query = update.callback_query
    if query is not None and getattr(query.message, "text", None) is not None:
        await query.edit_message_text(text, reply_markup=markup, **kwargs)
    else:
        await update.effective_message.reply_text(text, reply_markup=markup, **kwargs)


async def reject_stale_button(query: CallbackQuery, context: BotContext) -> None:
    """Button data that is not ours, or points at nothing: forged, or from an old message."""
    await query.answer(context.gettext("This button is no longer valid."), show_alert=True)
