"""The one error handler: log with the traceback, apologise to the user, tell the admins."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from telegram import Update
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.app.context import BotContext
from bot.users import preferred_language

log = logging.getLogger(__name__)
# At most one admin notice per this many seconds, so that a failing loop cannot flood them.
ADMIN_NOTICE_INTERVAL = 60.0


def is_unchanged_edit(error: object) -> bool:
    """Telegram refuses an edit to what the message already shows: a double tap on a toggle or
    a list button, whose first tap did the work. That edit has succeeded."""
    return isinstance(error, BadRequest) and "message is not modified" in error.message.lower()


def apology(gettext: Callable[..., str]) -> str:
    """What a user is told when answering them failed (`partnerbot ask` writes it too)."""
    return gettext(
        "Sorry, something went wrong on my side. The team has been told; "
        "please try again in a moment."
    )


async def on_error(update: object, context: BotContext) -> None:
    if is_unchanged_edit(context.error):
        # Handlers answer a press before they edit its message (tests/test_buttons.py).
        log.debug("an edit changed nothing: %s", context.error)
        return
    query = update.callback_query if isinstance(update, Update) else None
    if query is not None:
        # The client spins until the press is answered, whatever went wrong.
        try:
            await query.answer()
        except TelegramError:
            log.debug("the press was answered already", exc_info=True)
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        # The error handler gets a context of its own: resolve the language again.
        user = update.effective_user
        if user is not None:
            try:
                record = await context.users.get(user.id)
            except Exception:  # the database may be what failed; the default will do
                record = None
            context.locale = preferred_language(
                record, user.language_code, context.settings.default_language
            )
        try:
            await context.bot.send_message(update.effective_chat.id, apology(context.gettext))
        except TelegramError:
            log.warning("could not send the apology", exc_info=True)
    office = context.services.catalogs[context.settings.default_language]
    error = f"{type(context.error).__name__}: {context.error}"[:1000]
    await notify_admins(
        context,
        office.gettext("⚠️ Error while handling an update: %(error)s", error=error),
    )


async def notify_admins(context: BotContext, text: str) -> None:
    """HTML `text` to ADMIN_CHAT_ID, else to each admin of ADMIN_IDS (throttled)."""
    services, now = context.services, time.monotonic()
    if services.admin_notice_at and now - services.admin_notice_at < ADMIN_NOTICE_INTERVAL:
        services.admin_notices_held += 1
        return
    suppressed, services.admin_notices_held, services.admin_notice_at = (
        services.admin_notices_held,
        0,
        now,
    )
    settings = context.settings
    if suppressed:
        office = context.services.catalogs[settings.default_language]
        text += "\n" + office.ngettext(
            "(%(count)s earlier notice was held back.)",
            "(%(count)s earlier notices were held back.)",
            suppressed,
        )
    targets = [settings.admin_chat_id] if settings.admin_chat_id else sorted(settings.admin_ids)
    for chat_id in targets:
        try:
            await context.bot.send_message(chat_id, text)
        except (Forbidden, TelegramError):
            log.warning("could not notify admin chat %s", chat_id, exc_info=True)
