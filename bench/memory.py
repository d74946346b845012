"""Memory and cold-start benchmark: whole-process RSS beside the 150 MB budget.

python bench/memory.py [--recipients N] [--skip-process] [--skip-ask]

1. In this process: RSS (VmRSS, and the peak VmHWM, from /proc/self/status) at the bare
   interpreter (the baseline), after importing the bot, with the Application built and started
   as `partnerbot run` builds it on a fresh database seeded from data/, after a broadcast to N
   recipients (default 10,000) through the in-process Bot API, after one /stats (its chart
   is drawn by a child process, so nothing stays) and, for comparison, after drawing the same
   chart in this process.
2. A real `python -m bot run` against a local Bot API server: its RSS idle after start and after
   answering one question, read from /proc/<pid>/status.
3. `python -m bot ask "Wo liegt Konin?"` under /usr/bin/time -v: wall time and peak RSS, beside
   `python -c pass` as the baseline.
4. The users cache after 30,000 users and the rate limiter's window after 100,000 replies in
   one instant (both bounded now), the question engine's word caches filled to their bounds
   with distinct words (the most they add to the process), and the shipped data read with the
   pure-Python and the C YAML loaders.

Each figure is printed with its growth over the baseline and PASS/FAIL against the budget.
A benchmark, not a test: it always exits 0. Takes about a minute on 2 cores.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

BUDGET_MB = 150.0
ASK_BUDGET_S = 2.0
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def status_mb(pid: int | str = "self") -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process in MB."""
    text = Path(f"/proc/{pid}/status").read_text()
    values = {k: int(v) / 1024 for k, v in re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", text, re.M)}
    return values["VmRSS"], values["VmHWM"]


class Table:
    def __init__(self, baseline: float):
        self.baseline = baseline
        print(f"{'stage':<52} {'RSS MB':>8} {'peak MB':>8} {'+base':>7} {'budget':>7}")

    def row(self, stage: str, rss: float, peak: float) -> None:
        verdict = "PASS" if max(rss, peak) <= BUDGET_MB else "FAIL"
        print(
            f"{stage:<52} {rss:8.1f} {peak:8.1f} {rss - self.baseline:+7.1f} "
            f"{verdict:>7}  (x{rss / self.baseline:.1f} of the bare interpreter)"
        )


QUESTIONS = (
    "Wo liegt Konin?",
    "Where is Wakefield?",
    "Где находится Белгород?",
    "Od kiedy Konin jest miastem partnerskim?",
    "Beşiktaş nerede?",
    "Où se trouve Hénin-Beaumont ?",
    "¿Dónde está Ometepe?",
    "泸州在哪里？",
    "Де знаходиться Конін?",
)


async def in_process(recipients: int, workdir: Path, baseline: float) -> None:
    table = Table(baseline)
    table.row("bare interpreter (baseline)", baseline, baseline)

    from telegram import Update

    from bot import broadcasts
    from bot.app.application import build_application, running
    from bot.app.local_api import LocalBotApi, LocalRequest, make_user, private_chat
    from bot.config import Settings
    from bot.delivery import Content
    from bot.i18n import LANGUAGES, Catalogs
    from bot.resources import locales_dir

    table.row("bot imported", *status_mb())
    admin = 1
    api = LocalBotApi()
    settings = Settings(
        token="1:BENCH",
        db_path=workdir / "memory.sqlite3",
        admin_ids=frozenset({admin}),
        broadcast_rate=5000.0,
    )
    catalogs = Catalogs.load(locales_dir())
    # As `partnerbot run` builds it: the long-lived objects frozen after start-up (bot/heap.py).
    application = build_application(
        settings, catalogs, LocalRequest(api), deliver=True, settle_heap=True
    )
    async with running(application):
        table.row("Application started (shipped data, all languages)", *status_mb())
        asker = make_user(99, "de")
        api.chats[99] = private_chat(asker)
        # One question per language, so that every lemmatiser is loaded.
        for text in QUESTIONS:
            await application.process_update(
                Update.de_json(api.send_text(asker, text), application.bot)
            )
        table.row(f"after {len(QUESTIONS)} questions, one per language", *status_mb())
        services = application.bot_data
        async with services.db.transaction() as conn:
            await conn.executemany(
                "INSERT INTO users (user_id, telegram_language, first_seen, last_seen) "
                "VALUES (?, ?, 'x', 'x')",
                [(100 + i, LANGUAGES[i % len(LANGUAGES)]) for i in range(recipients)],
            )
        for i in range(recipients):
            api.chats[100 + i] = private_chat(make_user(100 + i))
        api.chats[admin] = private_chat(make_user(admin, "en"))
        job = await broadcasts.create_draft(
            services.db, admin, admin, "de", Content("text", "Einladung zum Partnerschaftstag")
        )
        await broadcasts.confirm(services.db, job, admin, "de", None)
        started = time.monotonic()
        services.delivery.wake()
        query = "SELECT state FROM delivery_jobs WHERE id = ?"
        for _ in range(3000):  # 10 minutes at most
            if await services.db.scalar(query, (job,)) == "done":
                break
            await asyncio.sleep(0.2)
        elapsed = time.monotonic() - started
        table.row(f"after a {recipients:,}-recipient broadcast ({elapsed:.0f} s)", *status_mb())
        before = status_mb()[0]
        admin_user = make_user(admin, "en")
        calls = len(api.calls)
        await application.process_update(
            Update.de_json(api.send_text(admin_user, "/stats"), application.bot)
        )
        photo = any(c.method == "sendPhoto" for c in api.calls[calls:])
        rss, peak = status_mb()
        table.row("after /stats (chart drawn in a child process)", rss, peak)
        print(
            f"  /stats sent a chart: {photo}; RSS growth {rss - before:+.1f} MB; "
            f"matplotlib imported here: {'matplotlib' in sys.modules}"
        )
        # The comparison: the same chart drawn in this process, as /stats used to.
        from dataclasses import asdict, fields

        from bot.chart import draw
        from bot.stats import ChartLabels, chart_numbers, collect

        stats = await collect(services.db, services.questions, "en")
        texts = {f.name: f.name for f in fields(ChartLabels)} | {"states": {}}
        before = status_mb()[0]
        draw(chart_numbers(stats), asdict(ChartLabels(**texts)))
        gc.collect()
        table.row("the same chart drawn in this process instead", *status_mb())
        print(f"  RSS growth {status_mb()[0] - before:+.1f} MB, kept after the drawing")


async def real_process(workdir: Path, baseline: float) -> None:
    from bot.app.local_api import LocalBotApi, LocalBotApiServer, make_user, private_chat

    token = "123456:BENCH-MEMORY"
    api = LocalBotApi()
    server = LocalBotApiServer(api, token)
    await server.start()
    started = time.monotonic()
    process = await server.start_bot(
        workdir,
        PARTNERBOT_DB=str(workdir / "process.sqlite3"),
        PARTNERBOT_HEARTBEAT_FILE=str(workdir / "heartbeat"),
    )
    try:
        while not api.sent(method="getUpdates"):
            if process.returncode is not None or time.monotonic() - started > 120:
                print("the bot did not start polling")
                return
            await asyncio.sleep(0.02)
        polling = time.monotonic() - started
        # Idle: what starts in the background has started, and the job a start leaves until
        # it has answered (the heap settled, then the command menus set) has run.
        while not any(language == "" for _, language in api.commands):
            if process.returncode is not None or time.monotonic() - started > 120:
                print("the bot did not set its command menus")
                return
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)
        idle = status_mb(process.pid)
        user = make_user(42, "de")
        api.chats[42] = private_chat(user)
        asked = time.monotonic()
        api.send_text(user, "Wo liegt Konin?")
        while not api.sent(42, "sendMessage"):
            if time.monotonic() - asked > 60:
                break
            await asyncio.sleep(0.01)
        answered = time.monotonic() - asked
        await asyncio.sleep(0.5)
        after = status_mb(process.pid)
        table = Table(baseline)
        print(f"real `python -m bot run`: polling after {polling:.1f} s")
        table.row("  idle after start", *idle)
        table.row(f"  after its first answer ({answered * 1000:.0f} ms)", *after)
    finally:
        if process.returncode is None:
            process.terminate()
            await process.wait()
        await server.stop()


def timed(args: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of a command under /usr/bin/time -v."""
    result = subprocess.run(
        ["/usr/bin/time", "-v", *args], env=env, cwd=cwd, capture_output=True, text=True
    )
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", result.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    hours, minutes, seconds = wall.groups()
    return (int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds), int(rss.group(1)) / 1024)


def cold_ask(workdir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "PARTNERBOT_"))}
    env["PARTNERBOT_DB"] = str(workdir / "ask.sqlite3")
    base_wall, base_rss = timed([sys.executable, "-c", "pass"], env, workdir)
    first_wall, first_rss = timed(
        [sys.executable, "-m", "bot", "ask", "Wo liegt Konin?"], env, workdir
    )
    wall, rss = timed([sys.executable, "-m", "bot", "ask", "Wo liegt Konin?"], env, workdir)
    print(f"{'command (/usr/bin/time -v)':<52} {'wall s':>8} {'peak MB':>8} {'budget':>7}")
    print(f"{'python -c pass (baseline)':<52} {base_wall:8.2f} {base_rss:8.1f}")
    for label, w, r in (
        ("ask, first run (creates and seeds the database)", first_wall, first_rss),
        ("ask, cold process on an existing database", wall, rss),
    ):
        verdict = "PASS" if w <= ASK_BUDGET_S else "FAIL"
        print(f"{label:<52} {w:8.2f} {r:8.1f} {verdict:>7}  (x{w / base_wall:.0f} the baseline)")


async def bounded(workdir: Path, users_seen: int) -> None:
    """The two structures that used to grow with traffic: their size after much of it."""
    from bot.db import Database
    from bot.delivery import RateLimiter
    from bot.users import CACHE_SIZE, Users

    db = await Database.open(workdir / "bounded.sqlite3")
    users = Users(db)
    before = status_mb()[0]
    for user_id in range(users_seen):
        await users.touch(user_id, "de")
    print(
        f"Users cache after {users_seen:,} users: {len(users._cache):,} records "
        f"(cap {CACHE_SIZE:,}), RSS {status_mb()[0] - before:+.1f} MB"
    )
    await db.close()
    limiter = RateLimiter(30.0, clock=lambda: 0.0)  # a burst within one instant
    for _ in range(100_000):
        limiter.note_reply()
    print(f"RateLimiter window after 100,000 replies in one instant: {len(limiter._recent)} times")


async def word_caches(workdir: Path) -> None:
    """The word caches of the question engine, filled to their bounds with distinct words (a
    long-running bot meeting new words, or someone sending random ones): the most they can
    add to the process."""
    from bot.app.application import open_answerer
    from bot.db import Database
    from bot.i18n import Catalogs
    from bot.nlp import fold_latin, lemma
    from bot.resources import locales_dir

    db = await Database.open(workdir / "caches.sqlite3")
    answerer = await open_answerer(db, Catalogs.load(locales_dir()))
    matcher = answerer.understander.reader.matcher
    understander = answerer.understander
    caches = {
        "lemma": lemma,
        "fold_latin": fold_latin,
        "single_word": matcher.single_word,
        "intent columns": understander.intents._word_columns,
        "language columns": understander.guess_language.model._word_columns,
        "sector prefixes": understander.reader.sectors._prefix_sector,
        "intent features": understander.intents.index._column,
        "language features": understander.guess_language.model.index._column,
    }
    # Every question once, so that what is built on first use is there before the baseline.
    for text in QUESTIONS:
        await answerer.answer(text, "de")
    gc.collect()
    # Traced too: RSS does not grow while the process reuses memory it freed earlier (the
    # chart drawn above leaves such room).
    tracemalloc.start()
    before = status_mb()[0]
    count = max(cache.cache_info().maxsize or 0 for cache in caches.values())
    # Distinct made-up words of 5-12 letters, Latin and Cyrillic, as random text would bring.
    letters = "abcdefghijklmnopqrstuvwxyzäöüąęłśżабвгдежзиклмнопрстуфхцчшщыэюя"
    for n in range(count):
        word = "".join(letters[(n * 7 + i * 13 + n // (i + 1)) % len(letters)] for i in range(5))
        word += format(n, "x").translate(str.maketrans("0123456789abcdef", "klmnoprstuvwxyzq"))
        for cache in caches.values():
            if cache is lemma or cache is caches["sector prefixes"]:
                cache(word, ("de", "ru", "pl", "en")[n % 4])
            else:
                cache(word)
    gc.collect()
    traced = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    sizes = ", ".join(f"{name} {cache.cache_info().currsize:,}" for name, cache in caches.items())
    print(
        f"word caches filled to their bounds ({sizes} entries): "
        f"{traced:+.1f} MB allocated (tracemalloc), RSS {status_mb()[0] - before:+.1f} MB"
    )
    await db.close()


def yaml_loaders() -> None:
    import yaml

    from bot.kb import YAML_LOADER
    from bot.resources import data_dir

    texts = [p.read_text(encoding="utf-8") for p in sorted(data_dir().glob("*.yaml"))]

    def seconds(loader) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            for text in texts:
                yaml.load(text, Loader=loader)
            best = min(best, time.perf_counter() - started)
        return best

    python, used = seconds(yaml.SafeLoader), seconds(YAML_LOADER)
    print(
        f"data/*.yaml: SafeLoader {python * 1000:.0f} ms, {YAML_LOADER.__name__} "
        f"{used * 1000:.0f} ms (x{python / used:.1f} faster)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--skip-process", action="store_true")
    parser.add_argument("--skip-ask", action="store_true")
    options = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    # The local server logs the long poll the killed bot leaves open; that is expected here.
    logging.getLogger("tornado.access").setLevel(logging.CRITICAL)
    baseline = status_mb()[0]
    workdir = Path(tempfile.mkdtemp(prefix="partnerbot-memory-"))
    try:
        asyncio.run(in_process(options.recipients, workdir, baseline))
        print()
        if not options.skip_process:
            asyncio.run(real_process(workdir, baseline))
            print()
        if not options.skip_ask:
            cold_ask(workdir)
            print()
        asyncio.run(bounded(workdir, 30_000))
        asyncio.run(word_caches(workdir))
        yaml_loaders()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
