"""The start-up check of the token and the Bot API, before python-telegram-bot would log a
traceback for either."""

from __future__ import annotations

import dataclasses

from telegram import Bot
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError

from bot.config import Settings


class BotApiError(Exception):
    """Why the bot cannot start; `usage` when the configuration is to blame."""

    def __init__(self, message: str, *, usage: bool):
        super().__init__(message)
        self.usage = usage


async def check_bot_api(settings: Settings) -> Settings:
    """One getMe, and a getChat for an ANNOUNCE_CHANNEL_ID given as @name: the settings with
    the channel's numeric id."""
    bot = Bot(settings.token, base_url=settings.base_url, base_file_url=settings.base_file_url)
    try:
        async with bot:
            channel = settings.announce_channel_id
            if not isinstance(channel, str):
                return settings
            try:
                chat = await bot.get_chat(channel)
            except (BadRequest, Forbidden) as exc:
                raise BotApiError(
                    f"ANNOUNCE_CHANNEL_ID={channel}: the Bot API does not know this channel "
                    f"({exc.message}); use its numeric id, or add the bot to the channel",
                    usage=True,
                ) from exc
            return dataclasses.replace(settings, announce_channel_id=chat.id)
    except InvalidToken as exc:
        raise BotApiError(
            f"TELEGRAM_BOT_TOKEN was rejected by the Bot API at {settings.base_url}; "
            "copy the token from @BotFather again",
            usage=True,
        ) from exc
    except NetworkError as exc:
        raise BotApiError(
            f"cannot reach the Bot API at {settings.base_url} (TELEGRAM_BASE_URL): {exc}",
            usage=False,
        ) from exc
