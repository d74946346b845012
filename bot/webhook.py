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
from telegram.ext import Application
from tornado.httpserver import HTTPServer
from tornado.web import Application as WebApplication
from tornado.web import RequestHandler

from bot.application import running, start_heartbeat
from bot.context import Services

log = logging.getLogger(__name__)
HEALTH_PATH = "/healthz"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class UpdateHandler(RequestHandler):
    def initialize(self, application: Application, secret: str) -> None:
        self.application = application
        self.secret = secret

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            log.warning("webhook request with a wrong secret token from %s", self.request.remote_ip)
            self.set_status(403)
            return
        try:
            update = Update.de_json(json.loads(self.request.body), self.application.bot)
        except (ValueError, TypeError, KeyError):
            self.set_status(400)
            return
        await self.application.update_queue.put(update)
        self.set_status(200)


class HealthHandler(RequestHandler):
    def initialize(self, application: Application) -> None:
        self.application = application

    async def get(self) -> None:
        services: Services = self.application.bot_data
        try:
            ok = self.application.running and await services.db.scalar("SELECT 1") == 1
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
            (HEALTH_PATH, HealthHandler, {"application": application}),
            (webhook_path(settings.webhook_url), UpdateHandler,
             {"application": application, "secret": secret}),
        ]
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with running(application):
        server = HTTPServer(web, xheaders=True)
        server.listen(settings.webhook_port, settings.webhook_listen)
        await application.bot.set_webhook(
            settings.webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES
        )
        start_heartbeat(application, "webhook", settings.webhook_port)
        log.info("webhook listening on %s:%s", settings.webhook_listen, settings.webhook_port)
        await stop.wait()
        server.stop()
        await server.close_all_connections()
