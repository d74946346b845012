"""Webhook mode: a small tornado server with the update endpoint and a health endpoint.

python-telegram-bot's own run_webhook cannot serve extra routes, so this follows its
"custom webhook" pattern: the server puts each update on the application's update queue.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import secrets
import signal
from urllib.parse import urlparse

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application
from tornado.httpserver import HTTPServer
from tornado.web import Application as WebApplication
from tornado.web import RequestHandler

from bot.application import running, start_heartbeat
from bot.context import Services

log = logging.getLogger(__name__)
HEALTH_PATH = "/healthz"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookError(Exception):
    """The webhook cannot be served (port taken, URL refused); the message says which setting."""


# Tornado's RequestHandler owns `application` (its web application) as both an __init__
# argument and an attribute, so the bot's Application is passed and kept as `bot_app`.
class UpdateHandler(RequestHandler):
    def initialize(self, bot_app: Application, secret: str) -> None:
        self.bot_app = bot_app
        self.secret = secret

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            log.warning("webhook request with a wrong secret token from %s", self.request.remote_ip)
            self.set_status(403)
            return
        try:
            data = json.loads(self.request.body)
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                raise ValueError("not a Telegram update")
            update = Update.de_json(data, self.bot_app.bot)
        # de_json fails with any of these on a body of the wrong shape; it is a bad request.
        except (ValueError, TypeError, KeyError, AttributeError):
            log.warning("webhook request that is not a Telegram update")
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


async def serve_webhook(application: Application) -> None:
    services: Services = application.bot_data
    settings = services.settings
    secret = settings.webhook_secret or secrets.token_urlsafe(32)
    if not settings.webhook_secret:
        log.info("WEBHOOK_SECRET is not set; using a random secret for this run")
    web = WebApplication(
        [
            (HEALTH_PATH, HealthHandler, {"bot_app": application}),
            (
                webhook_path(settings.webhook_url),
                UpdateHandler,
                {"bot_app": application, "secret": secret},
            ),
        ]
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with running(application):
        server = HTTPServer(web, xheaders=True)
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
