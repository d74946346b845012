"""Builds the python-telegram-bot Application and runs its lifecycle (polling, webhook, local)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from datetime import time as dt_time

from telegram import Bot, Update
from telegram.constants import ParseMode
from telegram.error import NetworkError
from telegram.ext import Application, Defaults, JobQueue
from telegram.request import BaseRequest

import handlers
from bot import heap
from bot.admins import Admins
from bot.app.botapi import http_request
from bot.app.context import CONTEXT_TYPES, BotContext, Services
from bot.app.sender import SharedRateLimiter, TelegramSender
from bot.app.updates import PerUserUpdateProcessor
from bot.config import HOME_ZONE, Settings
from bot.db import Database
from bot.delivery import MAX_IN_FLIGHT, DeliveryEngine, RateLimiter
from bot.flood import UpdateBudget
from bot.i18n import Catalogs
from bot.kb import seed_if_empty
from bot.qa import QuestionAnswerer
from bot.questions import QuestionLog
from bot.reminders import recover
from bot.resources import data_dir
from bot.understanding import load_understander
from bot.users import Users
from handlers.admin_broadcast import PROGRESS_INTERVAL, progress_tick
from handlers.events import reminder_tick
from handlers.menus import set_default_menus
from handlers.office import answer_followup
from handlers.privacy import retention_purge
from handlers.subscriptions import digest_tick

log = logging.getLogger(__name__)
HEARTBEAT_INTERVAL = 15.0
# Seconds from the start of update processing to `after_start`: well after a restart has
# answered what waited for it, even on a loaded machine.
AFTER_START = 10.0


class DrainingJobQueue(JobQueue):
    """A job queue that starts no new run while it waits for the running ones at shutdown.

    python-telegram-bot waits for the runs under way, then shuts APScheduler down, which
    cancels whatever started in between (a repeating job falling due during the wait): that
    run is cut off half-way and APScheduler logs its CancelledError as a job error. Pausing
    the scheduler first closes that gap; jobs that fell due run on the next start.
    """

    async def stop(self, wait: bool = True) -> None:
        if self.scheduler.running:
            self.scheduler.pause()
        await super().stop(wait)


def build_application(
    settings: Settings,
    catalogs: Catalogs,
    request: BaseRequest | None = None,
    *,
    deliver: bool | None = None,
    settle_heap: bool = False,
) -> Application:
    """The Application with every handler; `request` replaces the network (local Bot API).

    `settle_heap`: the C heap is prepared before the models load, and once started the
    process's long-lived objects are frozen out of the garbage collector's way (bot/heap.py):
    for the bot's own process, not for one that builds applications again and again (the
    tests), where what is frozen is never collected.

    `deliver` runs the delivery engine for everything the bot sends on its own; by default only
    on the real network: the console shares the live database and must never send its
    broadcasts, announcements or reminders (it sends only the outbox rows it queued itself).
    """
    builder = (
        Application.builder()
        .token(settings.token or "0:local")
        .base_url(settings.base_url)
        .base_file_url(settings.base_file_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=HOME_ZONE))
        .context_types(CONTEXT_TYPES)
        .job_queue(DrainingJobQueue())
        # Users side by side, each user's updates in order (bot/app/updates.py says why).
        .concurrent_updates(PerUserUpdateProcessor())
        # Per-group limits for ordinary replies; broadcasts pace themselves globally and
        # count the replies in their window (bot/delivery.py).
        .rate_limiter(
            SharedRateLimiter(
                RateLimiter(settings.broadcast_rate), overall_max_rate=0, max_retries=2
            )
        )
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:
        # What the builder would make (a pool of 256, and one connection for getUpdates),
        # with the process's one TLS context (bot/app/botapi.py).
        builder = builder.request(http_request()).get_updates_request(http_request(1))
    application = builder.build()
    services: Services = application.bot_data
    services.settings = settings
    services.catalogs = catalogs
    services.settle_heap = settle_heap
    services.networked = request is None
    if settle_heap:
        heap.prepare()
    if request is None if deliver is None else deliver:
        # Its own Bot without the AIORateLimiter: see bot/delivery.py. It never polls: its
        # getUpdates request is the same object, not a second HTTP client (and TLS context).
        delivery_request = request or http_request(MAX_IN_FLIGHT)
        services.delivery_bot = Bot(
            settings.token or "0:local",
            base_url=settings.base_url,
            base_file_url=settings.base_file_url,
            request=delivery_request,
            get_updates_request=delivery_request,
        )
    handlers.register(application)
    return application


async def post_init(application: Application) -> None:
    services: Services = application.bot_data
    services.db = await Database.open(services.settings.db_path)
    services.users = Users(services.db)
    services.qa = await open_answerer(services.db, services.catalogs)
    services.admins = Admins(services.db, services.settings.admin_ids)
    services.questions = QuestionLog(services.db)
    services.flood = UpdateBudget(
        services.settings.updates_per_minute, services.settings.questions_per_minute
    )
    if services.networked:
        # However late the loop gets to it (APScheduler skips a run more than a second late).
        application.job_queue.run_once(
            after_start,
            AFTER_START,
            name="after-start",
            job_kwargs={"misfire_grace_time": None},
        )
    else:
        await set_default_menus(
            application.bot, services.catalogs, services.settings.default_language
        )
    if services.delivery_bot is None:
        # The console sends the outbox rows it queued itself (office answers and posts) through
        # its local Bot API; those of the bot on Telegram are never its business.
        services.delivery = DeliveryEngine(
            services.db,
            TelegramSender(application.bot),
            services.settings.broadcast_rate,
            limiter=application.bot.rate_limiter.window,
            jobs=False,
            local=True,
            on_answered=answered_callback(application),
        )
        await services.delivery.start()
    else:
        await start_delivery(application)
        # Only the bot on Telegram purges: the console and `ask` share its database.
        application.job_queue.run_daily(
            retention_purge, dt_time(3, 30, tzinfo=HOME_ZONE), name="privacy-retention"
        )
    if services.settle_heap and not services.networked:
        heap.settle()
    heap.resume_collection()


async def after_start(context: BotContext) -> None:
    """What a start on the network leaves until it has answered what waited for it: the heap
    settled (a full collection of all that the start made, bot/heap.py), and Telegram's command
    menus set again (ten round trips; Telegram keeps them between starts)."""
    services = context.services
    if services.settle_heap:
        heap.settle()
    try:
        await set_default_menus(context.bot, services.catalogs, services.settings.default_language)
    except NetworkError as exc:  # timeouts included: the bot answers all the same
        log.warning("the command menus were not set (%s); Telegram keeps the last ones", exc)


def answered_callback(application: Application):
    """The engine's report of office answers that ended late: the office hears how."""

    def answered(items: list[tuple[int, int, bool]]) -> None:
        application.job_queue.run_once(answer_followup, 0, data=items)

    return answered


async def start_delivery(application: Application) -> None:
    """Start the delivery engine: it resumes the broadcasts a stop or crash interrupted."""
    services: Services = application.bot_data
    await services.delivery_bot.initialize()

    def finished(job_id: int) -> None:
        # Report at once instead of at the next tick.
        application.job_queue.run_once(progress_tick, 0)

    services.delivery = DeliveryEngine(
        services.db,
        TelegramSender(services.delivery_bot),
        services.settings.broadcast_rate,
        limiter=application.bot.rate_limiter.window,
        on_finished=finished,
        on_blocked=services.users.forget,
        on_answered=answered_callback(application),
    )
    await services.delivery.start()
    application.job_queue.run_repeating(progress_tick, PROGRESS_INTERVAL, name="broadcast-progress")
    # Reminders are sent where deliveries are: never from the console or `ask`.
    if await recover(services.db):
        log.warning("reminders a crash left unqueued are due again")
    application.job_queue.run_repeating(
        reminder_tick, services.settings.reminder_interval, first=0.1, name="event-reminders"
    )
    # Monday (0 is Sunday in python-telegram-bot 20+), 09:00 in Herne.
    application.job_queue.run_daily(
        digest_tick, dt_time(9, 0, tzinfo=HOME_ZONE), days=(1,), name="weekly-digest"
    )


async def open_answerer(db: Database, catalogs: Catalogs) -> QuestionAnswerer:
    """Seed the knowledge base on first start, then load what answering needs (training the
    question model first when the bank or the base changed since it was stored)."""
    if await seed_if_empty(db, data_dir()):
        log.info("seeded the knowledge base from %s", data_dir())
    answerer = QuestionAnswerer(db, await load_understander(db), catalogs)
    await answerer.count_forms()
    return answerer


async def post_shutdown(application: Application) -> None:
    services: Services = application.bot_data
    if services.delivery is not None:
        await services.delivery.stop()
        services.delivery = None
    if services.delivery_bot is not None:
        await services.delivery_bot.shutdown()
    if services.questions is not None:
        await services.questions.close()
    if services.db is not None:
        await services.db.close()
        services.db = None


@asynccontextmanager
async def running(application: Application) -> AsyncIterator[Application]:
    """Initialise, run post_init and start the application; undo all of it on exit.

    run_polling does this itself; the console, the webhook server and the tests use this.
    """
    await application.initialize()
    try:
        await application.post_init(application)
        await application.start()
        try:
            yield application
        finally:
            if application.running:
                await application.stop()
    finally:
        await application.shutdown()
        await application.post_shutdown(application)


def start_heartbeat(application: Application, mode: str, port: int | None = None) -> None:
    """Touch the heartbeat file regularly while the bot and its database answer."""

    async def beat(context: BotContext) -> None:
        await context.db.scalar("SELECT 1")
        path = context.settings.heartbeat_path
        payload = {"mode": mode, "port": port, "time": time.time()}
        path.with_name(path.name + ".tmp").write_text(json.dumps(payload))
        path.with_name(path.name + ".tmp").replace(path)

    # first=0 would skip the first beat (python-telegram-bot's documented quirk): start now.
    application.job_queue.run_repeating(
        beat,
        HEARTBEAT_INTERVAL,
        name="heartbeat",
        job_kwargs={"next_run_time": datetime.now(UTC), "misfire_grace_time": None},
    )


def run_polling(application: Application) -> None:
    start_heartbeat(application, "polling")
    application.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
