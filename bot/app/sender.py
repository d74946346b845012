"""The delivery engine's Telegram side: sends a `Content` through a plain `telegram.Bot` and maps
python-telegram-bot's errors to the engine's `Verdict`s; the Application's rate limiter that
shares the engine's window.

The engine's Bot has no AIORateLimiter (the Application's bot retries RetryAfter by itself, and
`rate_limit_args=0` does not turn that off), so every 429 reaches the engine.
"""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import timedelta
from typing import Any

import httpx
from telegram import Bot, InlineKeyboardMarkup, Message, MessageEntity, ReplyParameters
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import AIORateLimiter

from bot.delivery import Content, RateLimiter, SendFailed, Verdict

log = logging.getLogger(__name__)


async def send_content(bot: Bot, chat_id: int, content: Content, **extra: object) -> Message:
    """Send `content` exactly as recipients get it (also used for the admin's preview)."""
    entities = [MessageEntity.de_json(e, bot) for e in json.loads(content.entities)] or None
    if content.kind == "text":
        return await bot.send_message(
            chat_id, content.text, entities=entities, parse_mode=content.parse_mode, **extra
        )
    elif content.kind in ("photo", "document"):
        send = bot.send_photo if content.kind == "photo" else bot.send_document
        return await send(
            chat_id,
            content.file_id,
            caption=content.text or None,
            caption_entities=entities,
            parse_mode=None,
            **extra,
        )
    else:
        raise ValueError(f"unknown content kind {content.kind!r}")


def retry_after_seconds(exc: RetryAfter) -> float:
    # An int in seconds before PTB_TIMEDELTA (and in PTB 22 without it), a timedelta after.
    value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class SharedRateLimiter(AIORateLimiter):
    """The Application's limiter: its messages count in the engine's window, a retry-after
    Telegram gives a reply pauses the engine too, and replies wait out the engine's pauses."""

    def __init__(self, window: RateLimiter, **kwargs: Any):
        super().__init__(**kwargs)
        self.window = window

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        window = self.window
        chat_id = data.get("chat_id")
        if (
            type(chat_id) is int
            and chat_id > 0
            and self._base_limiter is None
            and not data.get("allow_paid_broadcast")
        ):
            # A private chat: no group limit and no overall one apply, so what AIORateLimiter
            # would do is only its retries; `_private` does them without its layers of
            # coroutines and context managers (a fifth of a reply's own cost, bench/throughput.py).
            if endpoint.startswith("send") or endpoint == "copyMessage":
                window.note_reply()
            return await self._private(callback, args, kwargs, rate_limit_args)

        async def observed(*a: Any, **kw: Any):
            await window.unpaused()
            try:
                return await callback(*a, **kw)
            except RetryAfter as exc:
                window.throttled(retry_after_seconds(exc))
                raise

        if endpoint == "getUpdates":
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        if endpoint.startswith("send") or endpoint == "copyMessage":
            window.note_reply()
        return await super().process_request(
            observed, args, kwargs, endpoint, data, rate_limit_args
        )

    async def _private(self, callback, args, kwargs, rate_limit_args):
        """AIORateLimiter.process_request for a request no limiter applies to: RetryAfter is
        retried up to `max_retries` times after the time asked, holding every other request
        meanwhile; the engine's window is paused likewise."""
        max_retries = rate_limit_args or self._max_retries
        window = self.window
        for attempt in range(max_retries + 1):
            try:
                await self._retry_after_event.wait()
                await window.unpaused()
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                window.throttled(retry_after_seconds(exc))
                if attempt == max_retries:
                    log.exception("Rate limit hit after maximum of %d retries", max_retries)
                    raise
                sleep = retry_after_seconds(exc) + 0.1
                log.info("Rate limit hit. Retrying after %f seconds", sleep)
                self._retry_after_event.clear()
                await asyncio.sleep(sleep)
            finally:
                self._retry_after_event.set()
        raise AssertionError("unreachable: the last attempt returns or raises")


def _connection_never_made(exc: BaseException) -> bool:
    return isinstance(exc.__cause__, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def classify(exc: BaseException) -> Verdict:
    """The one error classification of every send the bot makes on its own."""
    if isinstance(exc, RetryAfter):
        return Verdict.THROTTLED
    if isinstance(exc, ChatMigrated):
        return Verdict.MIGRATED
    if isinstance(exc, Forbidden):
        return Verdict.BLOCKED
    if isinstance(exc, BadRequest):
        return Verdict.FAILED
    if isinstance(exc, TimedOut):
        return Verdict.NOT_SENT if _connection_never_made(exc) else Verdict.UNKNOWN
    if isinstance(exc, NetworkError):
        # A transport error after the connection was made: the request may have arrived.
        # Otherwise (no connection, a 5xx answer) Telegram did not take the message.
        lost = isinstance(exc.__cause__, httpx.TransportError) and not _connection_never_made(exc)
        return Verdict.UNKNOWN if lost else Verdict.NOT_SENT
    if isinstance(exc, TelegramError):
        return Verdict.FAILED
    return Verdict.UNKNOWN  # a bug: never resend blindly what may have gone out


class TelegramSender:
    """The engine's `Sender` over a plain `telegram.Bot`."""

    def __init__(self, bot: Bot):
        self.bot = bot

    async def send(
        self,
        chat_id: int,
        content: Content,
        *,
        reply_markup: str | None = None,
        reply_to: int | None = None,
        paid: bool = False,
    ) -> int:
        extra: dict[str, object] = {"allow_paid_broadcast": True} if paid else {}
        if reply_markup:
            extra["reply_markup"] = InlineKeyboardMarkup.de_json(json.loads(reply_markup), self.bot)
        if reply_to:
            extra["reply_parameters"] = ReplyParameters(reply_to, allow_sending_without_reply=True)
        try:
            sent = await send_content(self.bot, chat_id, content, **extra)
        except TelegramError as exc:
            raise SendFailed(
                classify(exc),
                exc.message or repr(exc)[:200],
                retry_after=retry_after_seconds(exc) if isinstance(exc, RetryAfter) else 0.0,
                new_chat_id=exc.new_chat_id if isinstance(exc, ChatMigrated) else None,
            ) from exc
        return sent.message_id
