"""The Telegram surface: every handler of every feature, registered in one ordered place."""

from __future__ import annotations

from telegram.ext import Application, BaseHandler, CommandHandler, ConversationHandler

from bot.app.routing import Router, every_handler
from handlers import (
    admin,
    admin_broadcast,
    admin_events,
    cities,
    contacts,
    errors,
    events,
    fallback,
    language,
    office,
    privacy,
    questions,
    start,
    stats,
    subscriptions,
    users,
)

# After any group a test or an extension adds.
LAST_GROUP = 100


def register(application: Application) -> None:
    # Group -1 runs first for every update: it stops edits, channel posts and group chatter
    # not addressed to the bot, and every update beyond the user's budget (UPDATES_PER_MINUTE,
    # QUESTIONS_PER_MINUTE) with ApplicationHandlerStop; then it records the user and
    # resolves the language once.
    application.add_handlers(users.PRE_HANDLERS, group=-1)

    # Group 0, order matters: the first matching handler wins, so the catch-alls come last.
    # One Router holds them in this order and asks only those an update's kind can reach.
    application.add_handler(
        Router(
            [
                *users.HANDLERS,
                # Admin commands and buttons check rights themselves. The /broadcast
                # conversation comes before every catch-all: while an admin writes a
                # broadcast, their next message is it.
                *admin.HANDLERS,
                *admin_broadcast.handlers(),
                # The /newevent conversation likewise: while an admin answers it, their text
                # is the answer.
                *admin_events.handlers(),
                # A message to the office likewise (its conversation starts from the
                # fallback's button).
                *office.handlers(),
                *stats.HANDLERS,
                *privacy.HANDLERS,
                *start.HANDLERS,
                *language.HANDLERS,
                *cities.HANDLERS,
                *contacts.HANDLERS,
                *events.HANDLERS,
                *subscriptions.HANDLERS,
                *questions.HANDLERS,
                # Replies: to an office post they answer its askers; any other goes on as it
                # would below.
                *office.REPLY_HANDLERS,
                # Unknown commands, non-text messages, and buttons nothing above took
                # (answered, so that no client spins).
                *fallback.HANDLERS,
                *questions.TEXT_HANDLERS,  # any other text is a question
            ]
        )
    )
    # The last group sees what group 0 handled: a command or button other than the office's own
    # ends a message to the office the user left unwritten (a ConversationHandler would wait on).
    application.add_handlers(office.LEAVE_HANDLERS, group=LAST_GROUP)

    application.add_error_handler(errors.on_error)
    application.bot_data.commands = frozenset(
        command for handler in every_handler(application) for command in _commands(handler)
    )


def _commands(handler: BaseHandler) -> set[str]:
    if isinstance(handler, CommandHandler):
        return set(handler.commands)
    if isinstance(handler, ConversationHandler):
        inner = [*handler.entry_points, *handler.fallbacks]
        inner += [h for state in handler.states.values() for h in state]
        return {command for h in inner for command in _commands(h)}
    return set()
