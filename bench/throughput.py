"""Throughput: the full pipeline against a plain PTB echo bot with the same reply shape.

One process (python bench/throughput.py [--rounds R] [--questions N] [--echoes N] [--mode M]
[--profile N]):

(a) a plain python-telegram-bot Application whose one handler answers every text with the
    same shape as Partnerbot's answer: the text (HTML-escaped, HTML parse mode) and an inline
    keyboard of five buttons, with `reply_text` (the issue's goal is against this one), and the
    same bot sending as the bot's answers go (bot/app/replies.py: no button objects, Telegram's
    answer not parsed), the "lean echo", so that the ratio shows what the send path is worth;
(b) the real Application as `bot.app.application.build_application` builds it (delivery engine
    included, as tests/conftest.py runs it) on a fresh temporary database seeded from data/,
    answering real questions of bench/qa_set.jsonl (never bench/sealed) from many distinct
    users, each user asking in its own Telegram language.

Both answer through the in-process fake Bot API (bot/app/local_api.py), driven in two ways, each
the same for both applications:

- sequential: `await application.process_update(update)`, one update after the other, the way
  the tests drive them: every wait (a database round trip) is time nobody else uses;
- concurrent: the updates go into the application's update queue, as polling puts them, and
  each application's update processor runs them, at most MAX_CONCURRENT_UPDATES at a time (the
  bot's per-user processor, PTB's plain one for the echo bot), as the bot runs in production.

Each gets a warm-up, then the rounds alternate echo, lean echo, pipeline, ... so that all
see the same machine; each round starts after a full garbage collection (see `drive`).
Prints updates/s of each per round and mode, pipeline/echo per round and the median of those
ratios beside the issue's goal (0.5x), and the database round trips per question: calls that
cross to aiosqlite's thread and back (statements, fetches, commits), counted on the bot's one
connection during the timed pipeline rounds.

Per sequential round it also splits the pipeline's CPU time per update into the engine's
(`QuestionAnswerer.answer`, the main thread's CPU while it runs: no other update runs then) and
the rest (python-telegram-bot, the handlers, the reply), beside the echo bot's whole CPU time
per update: the echo's share is what the rest is measured against.

--profile N then drives one more round of each bot in each mode under cProfile and prints, per
bot and mode, the N functions with most time of their own and the N with most time in all, in
microseconds per update (cProfile's own overhead included, so compare the rows, not the sums).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import html
import json
import logging
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes, Defaults, MessageHandler, filters

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app.application import build_application, running
from bot.app.local_api import LocalBotApi, LocalRequest, make_user
from bot.app.replies import callback_button, reply
from bot.app.updates import MAX_CONCURRENT_UPDATES
from bot.config import Settings
from bot.db import Database
from bot.i18n import Catalogs
from bot.kb import seed_if_empty
from bot.resources import data_dir, locales_dir

BENCH = Path(__file__).resolve().parent
QA_SET = BENCH / "qa_set.jsonl"
GOAL = 0.5
USERS = 400
ECHO_BUTTONS = 5
# No user of the run may hit a per-user flood limit: the bench measures answering, not refusals.
NO_LIMIT = 1_000_000
IDLE_SECONDS = 2.0
MODES = ("sequential", "concurrent")


class ReplyCountingApi(LocalBotApi):
    """Tells when `expected` replies have gone out: a concurrent run ends with its last reply."""

    def __init__(self) -> None:
        super().__init__()
        self.expected = 0
        self.replies = 0
        self.done = asyncio.Event()

    def expect(self, count: int) -> None:
        self.expected, self.replies = count, 0
        self.done.clear()

    async def call(self, method, params, files=None):
        answer = await super().call(method, params, files)
        if method == "sendMessage":
            self.replies += 1
            if self.replies >= self.expected:
                self.done.set()
        return answer


def load_questions() -> dict[str, list[str]]:
    """The tuning set's questions by Telegram language code (None stays None)."""
    by_language: dict[str, list[str]] = {}
    for line in QA_SET.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            by_language.setdefault(item.get("language_code"), []).append(item["text"])
    return by_language


def workload(by_language: dict[str, list[str]], count: int, start: int) -> list[tuple[dict, str]]:
    """`count` (user, question) pairs from USERS distinct users, each in one language.

    Languages take turns among the users in proportion to their questions, and each user asks
    the next question of its language, so a run cycles through the whole set.
    """
    languages = [lang for lang, texts in by_language.items() for _ in texts]
    cursors = dict.fromkeys(by_language, 0)
    pairs = []
    for i in range(start, start + count):
        uid = i % USERS
        language = languages[uid * len(languages) // USERS]
        texts = by_language[language]
        text = texts[cursors[language] % len(texts)]
        cursors[language] += 1
        pairs.append((make_user(10_000 + uid, language), text))
    return pairs


def echo_application(api: LocalBotApi, *, lean: bool = False) -> Application:
    """The echo bot; `lean` sends as the bot's answers go (bot/app/replies.py), not with
    `reply_text`: what the same reply costs python-telegram-bot at least, for comparison."""
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton(f"Button {i}", callback_data=f"b:{i}")] for i in range(ECHO_BUTTONS)]
    )
    rows = [[callback_button(f"Button {i}", f"b:{i}")] for i in range(ECHO_BUTTONS)]

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text(
            html.escape(update.effective_message.text), reply_markup=keyboard
        )

    async def lean_echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await reply(update.effective_message, html.escape(update.effective_message.text), rows)

    request = LocalRequest(api)
    application = (
        Application.builder()
        .token("1:ECHO")
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .request(request)
        .get_updates_request(request)
        # As many at a time as the bot (used by the concurrent mode only).
        .concurrent_updates(MAX_CONCURRENT_UPDATES)
        .build()
    )
    application.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND, lean_echo if lean else echo)
    )
    return application


class Collections:
    """The garbage collector's passes on a timed stretch's clock: seconds of CPU in them and
    how many were full, per bot (`on` names the bot being timed, None between stretches)."""

    def __init__(self) -> None:
        self.on: str | None = None
        self.seconds: dict[str, float] = {}
        self.full: dict[str, int] = {}
        self._started = 0.0
        gc.callbacks.append(self._observe)

    def _observe(self, phase: str, info: dict) -> None:
        if self.on is None:
            return
        if phase == "start":
            self._started = time.process_time()
            return
        self.seconds[self.on] = self.seconds.get(self.on, 0.0) + (
            time.process_time() - self._started
        )
        if info["generation"] == 2:
            self.full[self.on] = self.full.get(self.on, 0) + 1

    def take(self, name: str) -> tuple[float, int]:
        return self.seconds.pop(name, 0.0), self.full.pop(name, 0)


COLLECTIONS = Collections()
# False (--no-collect): no full collection before each timed stretch, so that every pass falls on
# the clock of whichever bot's stretch it comes in.
COLLECT_FIRST = True


async def drive(
    application: Application,
    api: ReplyCountingApi,
    pairs: list[tuple[dict, str]],
    mode: str = "sequential",
    name: str | None = None,
) -> tuple[float, float]:
    """Seconds of wall-clock time and of the process's CPU time that `pairs` took; the update
    dicts are made before the clocks start."""
    updates = [api.send_text(user, text) for user, text in pairs]
    api.calls.clear()
    api.expect(len(updates))
    # Each round starts from a collected heap: a full collection that the last round's (or the
    # other bot's) garbage made due would otherwise fall into this round, 80-300 ms at a time
    # (the whole process's objects: the engine's, both bots', the prepared updates), and decide
    # its rate more than the bot does. Collections this round's own allocations make due still
    # run on its clock.
    if COLLECT_FIRST:
        gc.collect()
    bot = application.bot
    COLLECTIONS.on = name
    started, cpu = time.perf_counter(), time.process_time()
    if mode == "sequential":
        for update in updates:
            await application.process_update(Update.de_json(update, bot))
    else:
        for update in updates:
            application.update_queue.put_nowait(Update.de_json(update, bot))
        await asyncio.wait_for(api.done.wait(), timeout=60 + len(updates) / 10)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    COLLECTIONS.on = None
    replies = sum(1 for call in api.calls if call.method == "sendMessage")
    if replies < len(updates):
        raise SystemExit(f"only {replies} replies to {len(updates)} updates: the run is invalid")
    api.calls.clear()
    # Kept, every message of the three fake APIs (the echo bots' five times the pipeline's)
    # made each full pass of the collector longer than the last, in whichever round it fell.
    api.forget_history()
    return elapsed, cpu


async def profile(
    name: str, application: Application, api: ReplyCountingApi, pairs: list, top: int, mode: str
) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    await drive(application, api, pairs, mode)
    profiler.disable()
    stats = pstats.Stats(profiler)
    per_update = 1e6 / len(pairs)
    rows = [
        (own * per_update, total * per_update, calls / len(pairs), function)
        for function, (_, calls, own, total, _) in stats.stats.items()
    ]
    for title, key in (("own time", 0), ("time in all", 1)):
        print(f"\n{name}, {mode}, {len(pairs)} updates, by {title}:")
        print(f"{'own us':>8} {'all us':>8} {'calls':>7}  function")
        for row in sorted(rows, key=lambda row: -row[key])[:top]:
            path, line, function = row[3]
            where = f"{Path(path).name}:{line}({function})" if line else function
            print(f"{row[0]:>8.1f} {row[1]:>8.1f} {row[2]:>7.2f}  {where}")


class EngineTime:
    """The main thread's CPU time spent in the pipeline's `QuestionAnswerer.answer`."""

    def __init__(self, qa) -> None:
        self.seconds = 0.0
        answer = qa.answer

        async def timed(question: str, user_language: str):
            started = time.thread_time()
            try:
                return await answer(question, user_language)
            finally:
                self.seconds += time.thread_time() - started

        qa.answer = timed


class RoundTrips:
    """Counts every call that crosses to the connection's thread and back: every function put
    on the queue its thread reads (aiosqlite's own methods and the bot's direct hand-overs,
    `Database.fetchone` and `Database.insert_now`, alike)."""

    def __init__(self, db: Database):
        self.count = 0
        connection = db.connection
        # The thread holds the queue itself; only what the loop's side puts on it goes through
        # this wrapper.
        queue = connection._tx
        put: Callable = queue.put_nowait
        trips = self

        class Counted:
            def put_nowait(self, item) -> None:
                trips.count += 1
                put(item)

            def __getattr__(self, name: str):
                return getattr(queue, name)

        connection._tx = Counted()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--questions", type=int, default=500, help="pipeline updates per round")
    parser.add_argument("--echoes", type=int, default=2500, help="echo updates per round")
    parser.add_argument("--mode", choices=(*MODES, "both"), default="both")
    parser.add_argument(
        "--slices",
        type=int,
        default=5,
        help="each round's updates in this many slices, the three bots' slices in turn",
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="after the rounds, profile one sequential round of each bot: the top N functions",
    )
    parser.add_argument(
        "--no-collect",
        action="store_true",
        help="no full collection before each timed stretch (see COLLECT_FIRST)",
    )
    parser.add_argument(
        "--thawed",
        action="store_true",
        help="the pipeline without its long-lived objects frozen (bot/heap.py), for comparison",
    )
    args = parser.parse_args()
    global COLLECT_FIRST
    COLLECT_FIRST = not args.no_collect
    modes = MODES if args.mode == "both" else (args.mode,)
    logging.basicConfig(level=logging.ERROR)
    by_language = load_questions()
    catalogs = Catalogs.load(locales_dir())
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "throughput.sqlite3"
        db = await Database.open(db_path)
        await seed_if_empty(db, data_dir())
        await db.close()
        settings = Settings(
            token="1:BENCH",
            db_path=db_path,
            admin_ids=frozenset({1}),
            questions_per_minute=NO_LIMIT,
            updates_per_minute=NO_LIMIT,
            # Replies count in the broadcast window; the run must never wait for it.
            broadcast_rate=float(NO_LIMIT),
        )
        pipeline_api, echo_api, lean_api = (
            ReplyCountingApi(),
            ReplyCountingApi(),
            ReplyCountingApi(),
        )
        # As `partnerbot run` builds it: the long-lived objects frozen after start-up.
        pipeline = build_application(
            settings,
            catalogs,
            LocalRequest(pipeline_api),
            deliver=True,
            settle_heap=not args.thawed,
        )
        echo = echo_application(echo_api)
        lean = echo_application(lean_api, lean=True)
        started = time.perf_counter()
        async with running(pipeline), echo, lean:
            await echo.start()
            await lean.start()
            print(f"both applications started in {time.perf_counter() - started:.1f} s")
            # Warm-up: every user asks once (the timed rounds see returning users, as a bot
            # mostly does), and the echo bot answers as many updates.
            asked = USERS
            await drive(pipeline, pipeline_api, workload(by_language, USERS, 0))
            await drive(echo, echo_api, workload(by_language, USERS, 0))
            await drive(lean, lean_api, workload(by_language, USERS, 0))
            trips = RoundTrips(pipeline.bot_data.db)
            engine = EngineTime(pipeline.bot_data.qa)
            # The delivery engine and the reminder job use the connection on their own too.
            await asyncio.sleep(IDLE_SECONDS)
            idle_rate = trips.count / IDLE_SECONDS
            rows: dict[str, list[Row]] = {m: [] for m in modes}
            for r in range(1, args.rounds + 1):
                for mode in modes:
                    # A round is `--slices` slices of each bot in turn (echo, lean echo,
                    # pipeline, echo, ...): a minute's change in the machine's load falls on all
                    # three alike instead of on whichever ran in it.
                    echoes = workload(by_language, args.echoes, 0)
                    questions = workload(by_language, args.questions, asked)
                    asked += args.questions
                    seconds = {name: [0.0, 0.0] for name in ("echo", "lean", "pipeline")}
                    before, engine.seconds = trips.count, 0.0
                    for k in range(args.slices):
                        for name, application, api, pairs in (
                            ("echo", echo, echo_api, echoes),
                            ("lean", lean, lean_api, echoes),
                            ("pipeline", pipeline, pipeline_api, questions),
                        ):
                            part = pairs[
                                k * len(pairs) // args.slices : (k + 1) * len(pairs) // args.slices
                            ]
                            wall, cpu = await drive(application, api, part, mode, name)
                            seconds[name][0] += wall
                            seconds[name][1] += cpu
                    echo_gc, echo_full = COLLECTIONS.take("echo")
                    pipeline_gc, pipeline_full = COLLECTIONS.take("pipeline")
                    COLLECTIONS.take("lean")
                    per_question = (trips.count - before) / args.questions
                    echo_wall, echo_cpu = seconds["echo"]
                    pipeline_wall, pipeline_cpu = seconds["pipeline"]
                    rows[mode].append(
                        Row(
                            r,
                            args.echoes / echo_wall,
                            args.echoes / seconds["lean"][0],
                            args.questions / pipeline_wall,
                            per_question,
                            (args.questions / pipeline_cpu) / (args.echoes / echo_cpu),
                            1e6 * echo_cpu / args.echoes,
                            1e6 * pipeline_cpu / args.questions,
                            1e6 * engine.seconds / args.questions,
                            1e6 * echo_gc / args.echoes,
                            echo_full,
                            1e6 * pipeline_gc / args.questions,
                            pipeline_full,
                        )
                    )
            if args.profile:
                print("\nprofiles, one round of each bot per mode, microseconds per update")
                for mode in modes:
                    for name, application, api, pairs in (
                        ("echo", echo, echo_api, workload(by_language, args.echoes, 0)),
                        (
                            "pipeline",
                            pipeline,
                            pipeline_api,
                            workload(by_language, args.questions, asked),
                        ),
                    ):
                        await profile(name, application, api, pairs, args.profile, mode)
                    asked += args.questions
            await echo.stop()
            await lean.stop()
    print(
        f"\n{len(by_language)} Telegram language codes, {USERS} users, "
        f"{args.questions} questions and {args.echoes} echoes per round"
    )
    for mode in modes:
        if rows[mode]:
            report(mode, rows[mode], idle_rate)


class Row(NamedTuple):
    round: int
    echo: float
    lean: float
    pipeline: float
    trips: float
    cpu_ratio: float  # pipeline/echo in updates per second of the process's CPU time
    echo_us: float  # the process's CPU time per update, microseconds
    pipeline_us: float
    engine_us: float  # of pipeline_us: the main thread's in QuestionAnswerer.answer
    echo_gc_us: float  # of echo_us: the garbage collector's passes on the echo's clock
    echo_full: int  # full collections on the echo's clock
    pipeline_gc_us: float
    pipeline_full: int


def report(mode: str, rows: list[Row], idle_rate: float) -> None:
    how = (
        "one update after the other"
        if mode == "sequential"
        else f"through the update queue, up to {MAX_CONCURRENT_UPDATES} at a time"
    )
    print(f"\n{mode}: {how}")
    print(
        f"{'round':>5} {'echo upd/s':>11} {'lean echo':>10} {'pipeline upd/s':>15} "
        f"{'ratio':>7} {'vs lean':>8} {'trips/q':>8} {'CPU ratio':>10} "
        f"{'CPU us/upd echo':>16} {'pipeline':>9} {'engine':>7}"
    )
    for row in rows:
        engine = f"{row.engine_us:>7.0f}" if mode == "sequential" else f"{'-':>7}"
        print(
            f"{row.round:>5} {row.echo:>11.0f} {row.lean:>10.0f} {row.pipeline:>15.0f} "
            f"{row.pipeline / row.echo:>6.3f}x {row.pipeline / row.lean:>7.3f}x {row.trips:>8.1f} "
            f"{row.cpu_ratio:>9.3f}x {row.echo_us:>16.0f} {row.pipeline_us:>9.0f} {engine}"
        )
    pipeline_median = statistics.median(row.pipeline for row in rows)
    print(
        f"(round trips include the background's: {idle_rate:.1f}/s while idle, about "
        f"{idle_rate / pipeline_median:.2f} per question at the pipeline's median rate)"
    )
    ratios = sorted(row.pipeline / row.echo for row in rows)
    median = statistics.median(ratios)
    lean_median = statistics.median(row.pipeline / row.lean for row in rows)
    print(
        f"{mode}: median pipeline/echo {median:.3f}x (goal >= {GOAL}x: "
        f"{'PASS' if median >= GOAL else 'FAIL'}; rounds {ratios[0]:.3f}-{ratios[-1]:.3f}x); "
        f"echo median "
        f"{statistics.median(row.echo for row in rows):.0f} upd/s, pipeline median "
        f"{pipeline_median:.0f} upd/s; database round trips per "
        f"question {statistics.mean(row.trips for row in rows):.1f} (mean of the rounds)"
    )
    print(
        f"{mode}: median pipeline/lean echo {lean_median:.3f}x (the echo bot sending as the "
        f"bot's answers go; lean echo median {statistics.median(row.lean for row in rows):.0f} "
        f"upd/s)"
    )
    cpu_median = statistics.median(row.cpu_ratio for row in rows)
    print(
        f"{mode}: median pipeline/echo by CPU time {cpu_median:.3f}x "
        f"(updates per second of the process's CPU: what a busy machine's scheduling leaves out)"
    )
    print(
        f"{mode}: the garbage collector on the clocks (medians per update): echo "
        f"{statistics.median(row.echo_gc_us for row in rows):.1f} us, pipeline "
        f"{statistics.median(row.pipeline_gc_us for row in rows):.1f} us; full collections "
        f"in all rounds: echo {sum(row.echo_full for row in rows)}, pipeline "
        f"{sum(row.pipeline_full for row in rows)}"
    )
    if mode == "sequential":
        # Concurrently, an answer that waits on the database lets other updates run on its
        # thread's clock.
        engine = statistics.median(row.engine_us for row in rows)
        whole = statistics.median(row.pipeline_us for row in rows)
        echo = statistics.median(row.echo_us for row in rows)
        print(
            f"{mode}: CPU per update (medians): echo {echo:.0f} us, "
            f"pipeline {whole:.0f} us, of it the engine {engine:.0f} us and the rest "
            f"{whole - engine:.0f} us"
        )


if __name__ == "__main__":
    asyncio.run(main())
