"""Webhook mode: a small tornado server with the update endpoint and a health endpoint.

python-telegram-bot's own run_webhook cannot serve extra routes, so this follows its
"custom webhook" pattern: the server puts each update on the application's update queue.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import json
import logging
import secrets
import signal
from collections.abc import Mapping
from urllib.parse import urlparse

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application
from tornado.httpserver import HTTPServer
from tornado.web import Application as WebApplication
from tornado.web import RequestHandler, stream_request_body

from bot.app.application import running, start_heartbeat
from bot.app.context import Services

log = logging.getLogger(__name__)
HEALTH_PATH = "/healthz"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram's updates are a few kilobytes; a megabyte leaves room and bounds what one request
# can make the process hold.
MAX_BODY = 1024 * 1024
Networks = tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]


class WebhookError(Exception):
    """The webhook cannot be served (port taken, URL refused); the message says which setting."""


def client_ip(peer: str, headers: Mapping[str, str], trusted: Networks) -> str:
    """The client's address: the peer's, unless the peer is a trusted proxy
    (WEBHOOK_TRUSTED_PROXIES) that says whom it forwards; anyone else could forge the headers."""

    def is_trusted(address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in trusted)

    if not is_trusted(peer):
        return peer
    # The rightmost address a trusted proxy did not add is the one that reached the proxies.
    forwarded = [part.strip() for part in headers.get("X-Forwarded-For", "").split(",")]
    for address in reversed([part for part in forwarded if part]):
        if not is_trusted(address):
            return address if _is_ip(address) else peer
    real = headers.get("X-Real-IP", "").strip()
    return real if _is_ip(real) else peer


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


# Tornado's RequestHandler owns `application` (its web application) as both an __init__
# argument and an attribute, so the bot's Application is passed and kept as `bot_app`.
# The body is streamed so that `prepare` refuses a request on its headers alone: tornado then
# closes the connection instead of reading a body nobody asked for.
@stream_request_body
class UpdateHandler(RequestHandler):
    def initialize(self, bot_app: Application, secret: str, trusted_proxies: Networks) -> None:
        self.bot_app = bot_app
        self.secret = secret
        self.trusted_proxies = trusted_proxies
        self.chunks: list[bytes] = []
        self.received = 0

    def prepare(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            log.warning("webhook request with a wrong secret token from %s", self.client_ip())
            self._refuse(403)
            return
        length = self.request.headers.get("Content-Length", "0")
        if not length.isdigit() or int(length) > MAX_BODY:
            log.warning("webhook request of %s bytes from %s refused", length, self.client_ip())
            self._refuse(413)
            return
        # A chunked body has no length up front; tornado stops it past this size.
        self.request.connection.set_max_body_size(MAX_BODY)

    def _refuse(self, status: int) -> None:
        # Tornado closes the connection rather than read the body; saying so keeps a client
        # from sending its next request on it.
        self.set_status(status)
        self.set_header("Connection", "close")
        self.finish()

    def client_ip(self) -> str:
        return client_ip(self.request.remote_ip, self.request.headers, self.trusted_proxies)

    def data_received(self, chunk: bytes) -> None:
        self.received += len(chunk)
        if self.received <= MAX_BODY:
            self.chunks.append(chunk)

    async def post(self) -> None:
        try:
            data = json.loads(b"".join(self.chunks))
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                raise ValueError("not a Telegram update")
            update = Update.de_json(data, self.bot_app.bot)
        # de_json fails with any of these on a body of the wrong shape, and a deeply nested
        # body exhausts the parser's recursion; either way it is a bad request.
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            log.warning("webhook request that is not a Telegram update from %s", self.client_ip())
            self.set_status(400)
            return
        await self.bot_app.update_queue.put(update)
        self.set_status(200)


class HealthHandler(RequestHandler):
    def initialize(self, bot_app: Application) -> None:
        self.bot_app = bot_app

    async def get(self) -> None:
        services: Services = self.bot_app.bot_data
        try:
            ok = self.bot_app.running and await services.db.scalar("SELECT 1") == 1
        except Exception:  # any failure to answer is "unhealthy", never a crash
            ok = False
        self.set_status(200 if ok else 503)
        self.write({"status": "ok" if ok else "unavailable"})


def webhook_path(url: str) -> str:
    return urlparse(url).path or "/"


def webhook_server(application: Application, secret: str) -> HTTPServer:
    settings = application.bot_data.settings
    web = WebApplication(
        [
            (HEALTH_PATH, HealthHandler, {"bot_app": application}),
            (
                webhook_path(settings.webhook_url),
                UpdateHandler,
                {
                    "bot_app": application,
                    "secret": secret,
                    "trusted_proxies": settings.trusted_proxies,
                },
            ),
        ]
    )
    # No xheaders: the client address is read from them only for trusted proxies (client_ip).
    return HTTPServer(web, max_body_size=MAX_BODY)


async def serve_webhook(application: Application) -> None:
    services: Services = application.bot_data
    settings = services.settings
    secret = settings.webhook_secret or secrets.token_urlsafe(32)
    if not settings.webhook_secret:
        log.info("WEBHOOK_SECRET is not set; using a random secret for this run")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with running(application):
        server = webhook_server(application, secret)
        try:
            server.listen(settings.webhook_port, settings.webhook_listen)
        except OSError as exc:
            raise WebhookError(
                f"cannot listen on WEBHOOK_LISTEN={settings.webhook_listen} "
                f"WEBHOOK_PORT={settings.webhook_port}: {exc.strerror or exc}"
            ) from exc
        try:
            await application.bot.set_webhook(
                settings.webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES
            )
        except TelegramError as exc:
            server.stop()
            raise WebhookError(
                f"WEBHOOK_URL={settings.webhook_url!r}: the Bot API refused the webhook: {exc}"
            ) from exc
        start_heartbeat(application, "webhook", settings.webhook_port)
        log.info("webhook listening on %s:%s", settings.webhook_listen, settings.webhook_port)
        await stop.wait()
        server.stop()
        await server.close_all_connections()
