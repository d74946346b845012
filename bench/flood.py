"""Flood benchmark: what one hostile account costs everyone else.

1. In-process, the real Application offline: the longest stretch one update holds the event
   loop (a monitor task measures its own lateness), for a normal question and for hostile ones
   (4,096 characters), beside the normal question as the baseline.
2. A real `python -m bot run` process against the local Bot API over HTTP, with
   QUESTIONS_PER_MINUTE=5: the latency of victims' questions (20 users asking once each)
   alone, as the baseline, and while three attackers send hostile questions in every form
   (plain, "/ ...", group mention, /ask) ten times a second and a fourth presses a button ten
   times a second; the answers each attacker got; the bot's peak memory; and SIGTERM under that
   load (exit code and seconds).

Prints figures and ratios against the baselines, with PASS/FAIL against the issue's targets
(victim p99 <= 2 s, SIGTERM exit 0 within 10 s, at most 5 answers per attacker and minute).
Always exits 0. Takes about two minutes on 2 cores.
"""

from __future__ import annotations

import asyncio
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from telegram import Update

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app.application import build_application, running
from bot.app.local_api import BOT_USER, LocalBotApi, LocalBotApiServer, LocalRequest, make_user
from bot.config import Settings
from bot.db import Database
from bot.i18n import Catalogs
from bot.kb import seed_if_empty
from bot.resources import data_dir, locales_dir
from handlers.menus import OpenEntry

TOKEN = "123456:FLOOD-BENCH"
NORMAL = "Wo liegt Konin?"
ADMIN_ID = 9
HOSTILE = {
    "Konin x 4096 chars": ("Konin " * 700)[:4096],
    "mixed scripts x 4096": ("Конин Wakefield 泸州 Beşiktaş Hénin " * 150)[:4096],
    "sentence x 4096": ("Where is the partner city and when was it founded " * 90)[:4096],
}
QUESTIONS_PER_MINUTE = 5
ATTACKERS = 3
VICTIM_QUESTIONS = 20
ATTACK_SECONDS = 40


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# ---- 1. the loop, in-process ------------------------------------------------------------


async def seeded(path: Path) -> None:
    db = await Database.open(path)
    await seed_if_empty(db, data_dir())
    await db.close()


async def loop_hold(text: str, application, api: LocalBotApi, user: dict) -> float:
    """The longest time the loop was not free while the bot handled `text` (seconds)."""
    worst, done = 0.0, asyncio.Event()

    async def monitor() -> None:
        nonlocal worst
        while not done.is_set():
            start = time.perf_counter()
            await asyncio.sleep(0)
            worst = max(worst, time.perf_counter() - start)

    task = asyncio.create_task(monitor())
    await asyncio.sleep(0)
    await application.process_update(Update.de_json(api.send_text(user, text), application.bot))
    done.set()
    await task
    return worst


async def measure_loop(tmp: Path, catalogs: Catalogs) -> None:
    path = tmp / "loop.sqlite3"
    await seeded(path)
    settings = Settings(
        token=TOKEN,
        db_path=path,
        admin_ids=frozenset({ADMIN_ID}),
        questions_per_minute=1000,
        updates_per_minute=1000,
    )
    api = LocalBotApi()
    application = build_application(settings, catalogs, LocalRequest(api), deliver=False)
    async with running(application):
        user = make_user(10, "de")
        await loop_hold(NORMAL, application, api, user)  # warm-up
        baseline = statistics.median(
            [await loop_hold(NORMAL, application, api, user) for _ in range(9)]
        )
        print("1. Longest event-loop hold of one update (in-process, median of 5 runs)")
        print(f"   {'normal question':28s} {baseline * 1000:8.1f} ms   (baseline)")
        admin = make_user(ADMIN_ID, "de")
        for command in ("/start", "/events", "/subscribe", "/mydata", "/privacy", "/stats"):
            sender = admin if command == "/stats" else user
            held = statistics.median(
                [await loop_hold(command, application, api, sender) for _ in range(5)]
            )
            print(f"   {command:28s} {held * 1000:8.1f} ms   x{held / baseline:6.1f}")
        for name, text in HOSTILE.items():
            held = statistics.median(
                [await loop_hold(text, application, api, user) for _ in range(5)]
            )
            print(f"   {name:28s} {held * 1000:8.1f} ms   x{held / baseline:6.1f}")


# ---- 2. the real process ------------------------------------------------------------------


def peak_memory(pid: int) -> int:
    """The process's peak resident memory so far, in bytes (Linux's VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def bot_variables(tmp: Path) -> dict[str, str]:
    return {
        "PARTNERBOT_DB": str(tmp / "bot.sqlite3"),
        "PARTNERBOT_HEARTBEAT_FILE": str(tmp / "bot.heartbeat"),
        "QUESTIONS_PER_MINUTE": str(QUESTIONS_PER_MINUTE),
        "LOG_LEVEL": "WARNING",
    }


REPLY_TIMEOUT = 60.0
ROOT = Path(__file__).resolve().parent.parent


async def until(condition, poll: float = 0.005) -> None:
    while not condition():  # noqa: ASYNC110 - the local Bot API has no event to wait on
        await asyncio.sleep(poll)


async def ask(api: LocalBotApi, user: dict, text: str) -> float:
    """Seconds until the bot's reply to `text` arrives in the user's chat (at most
    REPLY_TIMEOUT)."""
    before = len(api.sent(user["id"], "sendMessage"))
    start = time.monotonic()
    api.send_text(user, text)
    try:
        await asyncio.wait_for(
            until(lambda: len(api.sent(user["id"], "sendMessage")) > before), REPLY_TIMEOUT
        )
    except TimeoutError:
        return REPLY_TIMEOUT
    return time.monotonic() - start


async def victim_latencies(api: LocalBotApi, first_id: int) -> list[float]:
    """One question each from VICTIM_QUESTIONS users in turn (each well within the limit)."""
    latencies = []
    for n in range(VICTIM_QUESTIONS):
        latencies.append(await ask(api, make_user(first_id + n, "de"), NORMAL))
        await asyncio.sleep(0.5)
    return latencies


async def attack(api: LocalBotApi, attacker: dict, stop: asyncio.Event) -> None:
    group = {"id": -attacker["id"], "type": "supergroup", "title": "Flood"}
    forms = [
        lambda text: api.send_text(attacker, text),
        lambda text: api.send_text(attacker, "/ " + text),
        lambda text: api.send_text(attacker, f"@{BOT_USER['username']} {text}", chat=group),
        lambda text: api.send_text(attacker, "/ask " + text),
    ]
    hostile = list(HOSTILE.values())
    n = 0
    while not stop.is_set():
        forms[n % len(forms)](hostile[n % len(hostile)][:4000])
        n += 1
        await asyncio.sleep(0.1)


async def press(api: LocalBotApi, presser: dict, stop: asyncio.Event) -> None:
    """Presses the Konin button of the main menu's city list ten times a second."""
    card = api.last_message(presser["id"])
    while not stop.is_set():
        api.press(presser, card, OpenEntry("city", "konin").pack())
        await asyncio.sleep(0.1)


def answers_to(api: LocalBotApi, user: dict) -> tuple[int, int]:
    """(replies, notices) the user received in their private chat and their group."""
    calls = api.sent(user["id"], "sendMessage") + api.sent(-user["id"], "sendMessage")
    notices = [c for c in calls if "Minute" in (c.text or "")]
    return len(calls) - len(notices) - 1, len(notices)  # less the reply to /start


async def measure_process(tmp: Path) -> None:
    api = LocalBotApi()
    server = LocalBotApiServer(api, TOKEN)
    await server.start()
    stderr = (tmp / "bot.stderr").open("wb")
    process = await server.start_bot(ROOT, stderr, **bot_variables(tmp))
    try:
        await until(lambda: api.sent(method="getUpdates"), 0.05)
        await ask(api, make_user(1, "de"), "/start")  # warm-up
        alone = await victim_latencies(api, 1000)

        attackers = [make_user(100 + i, "de") for i in range(ATTACKERS)]
        presser = make_user(200, "de")
        for user in (*attackers, presser):
            await ask(api, user, "/start")
        stop = asyncio.Event()
        started = time.monotonic()
        tasks = [asyncio.create_task(attack(api, a, stop)) for a in attackers]
        tasks.append(asyncio.create_task(press(api, presser, stop)))
        under_attack = await victim_latencies(api, 2000)
        await asyncio.sleep(max(0.0, ATTACK_SECONDS - (time.monotonic() - started)))
        received = [answers_to(api, a) for a in attackers]
        pressed = answers_to(api, presser)
        answered = api.sent(method="answerCallbackQuery")
        presses_answered = len(answered)
        toasts = len([c for c in answered if c.params.get("text")])

        peak_rss = peak_memory(process.pid)
        # SIGTERM while the attack goes on.
        term = time.monotonic()
        process.send_signal(signal.SIGTERM)
        try:
            code = await asyncio.wait_for(process.wait(), 60)
        except TimeoutError:
            code = None
        exit_seconds = time.monotonic() - term
        stop.set()
        await asyncio.gather(*tasks)
        minutes = (term - started) / 60
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        stderr.close()
        await server.stop()

    def row(name: str, values: list[float]) -> str:
        return (
            f"   {name:22s} p50 {statistics.median(values) * 1000:8.0f} ms   "
            f"p99 {percentile(values, 0.99) * 1000:8.0f} ms   max {max(values) * 1000:8.0f} ms"
        )

    print(f"\n2. Real process, QUESTIONS_PER_MINUTE={QUESTIONS_PER_MINUTE}, {ATTACKERS} attackers")
    print(row("victim alone", alone))
    print(row("victim under attack", under_attack))
    ratio = percentile(under_attack, 0.99) / max(percentile(alone, 0.99), 1e-6)
    p99 = percentile(under_attack, 0.99)
    print(
        f"   p99 under attack / alone: x{ratio:.1f}   target p99 <= 2 s: "
        f"{'PASS' if p99 <= 2 else 'FAIL'}"
    )
    allowed = QUESTIONS_PER_MINUTE * max(1, int(minutes + 0.999))
    for attacker, (answers, notices) in zip(attackers, received, strict=True):
        print(
            f"   attacker {attacker['id']}: {answers} answers, {notices} notice(s) in "
            f"{minutes:.1f} min; at most {allowed}: {'PASS' if answers <= allowed else 'FAIL'}"
        )
    print(
        f"   button presser: {presses_answered} presses answered, {pressed[0]} city cards sent "
        f"(UPDATES_PER_MINUTE=60, /start counted), {toasts} notice(s)"
    )
    print(
        f"   bot process peak RSS: {peak_rss / 2**20:.0f} MB   target <= 150 MB: "
        f"{'PASS' if peak_rss <= 150 * 2**20 else 'FAIL'}"
    )
    ok = code == 0 and exit_seconds <= 10
    print(
        f"   SIGTERM under attack: exit {code} after {exit_seconds:.1f} s   "
        f"target exit 0 within 10 s: {'PASS' if ok else 'FAIL'}"
    )


async def main() -> None:
    catalogs = Catalogs.load(locales_dir())
    tmp = Path(tempfile.mkdtemp(prefix="partnerbot-flood-"))
    try:
        await measure_loop(tmp, catalogs)
        await measure_process(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
