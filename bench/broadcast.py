"""Broadcast benchmark: the delivery engine against the local Bot API enforcing Telegram's limit.

Runs the real Application in-process (python bench/broadcast.py): 10,000 recipients at
1000 messages/s and 1,000 at 30/s. The local Bot API answers 429 (retry_after 1) whenever more
than the configured rate of messages fall into any one second. While each broadcast runs, users
ask questions through the Application; their answer latency is measured.

Prints, per run: the whole process's peak RSS (mostly the language models loaded before), then
achieved rate / configured rate, the 429 answers, the broadcast's peak memory (RSS growth while
it runs), and p50/p99 question latency, each with PASS/FAIL against the targets.
Takes about 75 seconds on 2 cores.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import statistics
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

from telegram import Update

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import broadcasts
from bot.app.application import build_application, running
from bot.app.local_api import ApiError, LocalBotApi, LocalRequest, make_user, private_chat
from bot.config import Settings
from bot.delivery import Content
from bot.i18n import Catalogs
from bot.resources import locales_dir

ADMIN_ID = 1
QUESTIONS = ["Wo liegt Konin?", "Where is Wakefield?", "Где находится Белгород?", "Herne Luzhou"]
# Questions during the broadcast: 20 a second at 1000/s, one a second at 30/s (replies share
# Telegram's limit with the broadcast).
QUESTIONS_PER_RATE = 0.02


class TelegramLimit:
    """429 when a message would be the (rate+1)-th within one second, as Telegram answers."""

    def __init__(self, rate: float):
        self.rate = int(rate)
        self.recent: deque[float] = deque()
        self.refused = 0
        self.sent: list[float] = []

    def __call__(self, method: str, params: dict) -> ApiError | None:
        if method != "sendMessage" or params.get("chat_id") == ADMIN_ID:
            return None
        now = time.monotonic()
        while self.recent and self.recent[0] <= now - 1.0:
            self.recent.popleft()
        if len(self.recent) >= self.rate:
            self.refused += 1
            return ApiError(429, "Too Many Requests: retry after 1", {"retry_after": 1})
        self.recent.append(now)
        self.sent.append(now)
        return None


async def run(recipients: int, rate: float, workdir: Path, catalogs: Catalogs) -> dict:
    api = LocalBotApi()
    settings = Settings(
        token="1:BENCH",
        db_path=workdir / f"bench-{recipients}-{rate:g}.sqlite3",
        admin_ids=frozenset({ADMIN_ID}),
        broadcast_rate=rate,
    )
    application = build_application(settings, catalogs, LocalRequest(api), deliver=True)
    limit = TelegramLimit(rate)
    async with running(application):
        services = application.bot_data
        async with services.db.transaction() as conn:
            await conn.executemany(
                "INSERT INTO users (user_id, telegram_language, first_seen, last_seen) "
                "VALUES (?, ?, 'x', 'x')",
                [(100 + i, ("de", "en", "ru", "pl", "tr")[i % 5]) for i in range(recipients)],
            )
        for i in range(recipients):
            api.chats[100 + i] = private_chat(make_user(100 + i))
        api.chats[ADMIN_ID] = private_chat(make_user(ADMIN_ID))
        asker = make_user(99, "de")
        api.fault = limit
        job = await broadcasts.create_draft(
            services.db,
            ADMIN_ID,
            ADMIN_ID,
            "de",
            Content("text", "Einladung zum Partnerschaftstag"),
        )
        await broadcasts.confirm(services.db, job, ADMIN_ID, "de", None)
        services.delivery.wake()
        latencies: list[float] = []
        rss_before = current_rss_mb()
        started = time.monotonic()
        while (
            await services.db.scalar("SELECT state FROM delivery_jobs WHERE id = ?", (job,))
            != "done"
        ):
            update = api.send_text(asker, QUESTIONS[len(latencies) % len(QUESTIONS)])
            before = time.perf_counter()
            await application.process_update(Update.de_json(update, application.bot))
            latencies.append(time.perf_counter() - before)
            await asyncio.sleep(1 / max(1.0, rate * QUESTIONS_PER_RATE))
        elapsed = time.monotonic() - started
    sent = limit.sent
    achieved = (len(sent) - 1) / (sent[-1] - sent[0]) if len(sent) > 1 else 0.0
    latencies.sort()
    return {
        "recipients": recipients,
        "rate": rate,
        "elapsed": elapsed,
        "ratio": achieved / rate,
        "refused": limit.refused,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "questions": len(latencies),
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "growth_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - rss_before,
    }


def current_rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


async def main() -> int:
    logging.basicConfig(level=logging.ERROR)
    catalogs = Catalogs.load(locales_dir())
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for recipients, rate in ((10_000, 1000.0), (1_000, 30.0)):
            r = await run(recipients, rate, Path(tmp), catalogs)
            checks = [
                (f"rate ratio {r['ratio']:.3f} (target >= 0.95)", r["ratio"] >= 0.95),
                (f"429 answers {r['refused']} (target 0)", r["refused"] == 0),
                (
                    f"question latency p50 {r['p50']:.1f} ms, p99 {r['p99']:.1f} ms over "
                    f"{r['questions']} questions (target p99 <= 200 ms)",
                    r["p99"] <= 200,
                ),
            ]
            checks.append(
                (
                    f"peak memory of the broadcast {max(0.0, r['growth_mb']):.0f} MB "
                    "(RSS growth while it ran) (target < 150 MB)",
                    r["growth_mb"] < 150,
                )
            )
            print(
                f"{recipients:,} recipients at {rate:g}/s: {r['elapsed']:.1f} s; whole process "
                f"peak RSS {r['rss_mb']:.0f} MB (with the language models loaded before)"
            )
            for text, ok in checks:
                print(f"  {verdict(ok)}  {text}")
                failed |= not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
