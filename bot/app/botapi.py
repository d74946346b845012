"""The start-up check of the token and the Bot API, before python-telegram-bot would log a
traceback for either."""

from __future__ import annotations

import dataclasses
import ssl
from functools import cache

import httpx
from telegram import Bot
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError
from telegram.request import HTTPXRequest

from bot.config import Settings

# python-telegram-bot's own default for a bot's requests other than getUpdates.
CONNECTION_POOL_SIZE = 256


@cache
def _tls_context() -> ssl.SSLContext:
    """The TLS context of every HTTP client of the process, made once: httpx makes one for each
    client by default, the same one each time (certifi's certificates, or SSL_CERT_FILE /
    SSL_CERT_DIR), and reading the certificates costs some 60 ms of CPU a client; a start
    makes four clients (the check's, the Application's two, the delivery engine's)."""
    return httpx.create_ssl_context()


def http_request(connection_pool_size: int = CONNECTION_POOL_SIZE) -> HTTPXRequest:
    """An HTTPXRequest as python-telegram-bot makes it by default, with the shared TLS context."""
    return HTTPXRequest(
        connection_pool_size=connection_pool_size, httpx_kwargs={"verify": _tls_context()}
    )


class BotApiError(Exception):
    """Why the bot cannot start; `usage` when the configuration is to blame."""

    def __init__(self, message: str, *, usage: bool):
        super().__init__(message)
        self.usage = usage


async def check_bot_api(settings: Settings) -> Settings:
    """One getMe, and a getChat for an ANNOUNCE_CHANNEL_ID given as @name: the settings with
    the channel's numeric id."""
    # It never polls: one client for both of its request slots.
    request = http_request(1)
    bot = Bot(
        settings.token,
        base_url=settings.base_url,
        base_file_url=settings.base_file_url,
        request=request,
        get_updates_request=request,
    )
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
