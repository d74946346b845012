"""Shared fixtures: real catalogs, a real temporary database, the real Application offline."""

from __future__ import annotations

import asyncio
import dataclasses
import fcntl
import gc
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from telegram import Update
from telegram.ext import Application

import bot.app.application
import bot.stats
import bot.understanding
from bot.app.application import build_application, open_answerer, running
from bot.app.local_api import ApiCall, LocalBotApi, LocalRequest
from bot.config import Settings
from bot.db import Database
from bot.i18n import Catalogs
from bot.kb import seed_if_empty
from bot.resources import cache_dir, data_dir, locales_dir
from bot.understanding import MODEL_NAME, Understander, bank_dir, load_understander

# Fails the session on a string the extraction missed (tests/catalog_check.py says how); the
# bots the process-level tests share (tests/processes.py).
pytest_plugins = ["tests.catalog_check", "tests.processes"]

ADMIN_ID = 900001
ADMIN_CHAT_ID = -100900
# A sticker as the Bot API sends one: a message with no text.
STICKER = {
    "file_id": "s",
    "file_unique_id": "s",
    "type": "regular",
    "width": 1,
    "height": 1,
    "is_animated": False,
    "is_video": False,
}


# Allocations between two young collections in the test processes (Python's default is 700;
# pytest_configure says why).
GC_YOUNG = 20_000

# Slow tests that share one started bot (tests/processes.py) or one trained model
# (tests/test_understanding.py): dealt to the same worker, which then starts or trains it once.
SHARED = ("polling_bot", "webhook_bot", "small_bank_model")


def needs_template(item: pytest.Item) -> bool:
    """Whether the test waits for the seeded template (`seeded_db_file`), itself or through a
    fixture."""
    return "seeded_db_file" in getattr(item, "fixturenames", ())


def draws(item: pytest.Item) -> bool:
    """Whether the test asks the worker's drawing process for charts (`chart_process`)."""
    return "chart_process" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """xdist's worksteal deals every worker a contiguous share and lets an idle one steal from
    the end of another's. The first worker's share begins with its part of the slow tests: its
    first test builds the template, which every other test of the template waits for (with a
    cold model cache, a fresh machine or any change of data/, that is half a minute of
    training in a child). The second's begins with every test that needs no template (the
    added language and its own training, the failure paths, the pure functions; the slow
    ones first), then its part of the slow tests and the tests that draw charts: it works
    meanwhile instead of waiting on the template's lock with a core idle. The quick tests fill
    in around them, so nobody finishes alone on a slow test."""
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))

    def slow(item: pytest.Item) -> bool:
        return item.get_closest_marker("slow") is not None

    groups: dict[str, list[pytest.Item]] = {}
    for item in items:
        if slow(item) and needs_template(item):
            names = getattr(item, "fixturenames", ())
            shared = next((name for name in SHARED if name in names), item.nodeid)
            groups.setdefault(shared, []).append(item)
    # What each share begins with. The slow tests dealt in turn, a group as one: its tests
    # cost about the one start they share.
    heads: list[list[pytest.Item]] = [[] for _ in range(workers)]
    for number, group in enumerate(groups.values()):
        heads[number % workers].extend(group)
    free = sorted((item for item in items if not needs_template(item)), key=lambda i: not slow(i))
    second = heads[1 if workers > 1 else 0]
    second[:0] = free
    # The tests that draw a chart through the worker's drawing process (the screen walks, the
    # chart of every language's labels, which needs no template and is among the free ones):
    # on that worker too, after its slow tests, so that a run starts one drawing process, not
    # one on each worker (about 2.3 s of CPU each: matplotlib's import and a first chart).
    drawing = [item for item in items if draws(item) and needs_template(item) and not slow(item)]
    second += drawing
    quick = [item for item in items if needs_template(item) and not slow(item) and not draws(item)]
    ordered: list[pytest.Item] = []
    for worker in range(workers):
        # The share worksteal deals this worker: what is left, divided by the workers left.
        size = (len(items) - len(ordered)) // (workers - worker)
        share = heads[worker]
        taken = max(0, size - len(share))
        ordered += share + quick[:taken]
        quick = quick[taken:]
    items[:] = ordered + quick


def pytest_configure(config: pytest.Config) -> None:
    """Python 3.11's asyncio.Runner, which pytest-asyncio runs every test and fixture in, binds
    its SIGINT handler to the task it runs whenever SIGINT has the default handler, and on
    leaving asks signal.getsignal for it; 3.11 turns a handler into its enum by formatting a
    ValueError with repr() of the handler: the finished task with its whole result, a fixture's
    Knowledge or Reader (about 50 ms each, 12 of test_compose's 22 s of CPU). With a handler of
    our own that does what the default does, the Runner leaves SIGINT alone."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupted)
    # The cyclic collector of the test processes (pytest's and the workers'; a bot process the
    # tests start keeps Python's thresholds and bot/heap.py's handling). A worker's heap holds
    # the session's caches, answerers and the engine's shared Readers, hundreds of thousands of
    # tracked objects, and every test's Application, database and answers allocate many more:
    # at Python's 700 allocations a young collection, the full collections that follow walked
    # that whole heap some 70 times a run. Session 30, three workers: 17.6 s of CPU in the
    # collector (13.4 s in full collections) -> 4.8 s with these thresholds. What a test
    # leaves in a cycle is still found, only later: the largest worker's peak RSS is about 5 %
    # higher (350 against 331 MiB, median of three runs).
    gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])
    # Where the environment says not to write bytecode (this machine, CI, the image), every
    # xdist worker compiled the bot and rewrote the asserts of every test module anew: 7 s of
    # CPU a worker to collect the suite, 3.5 s warm. The workers, started after this, and the
    # processes the tests start write it beside the sources, as this process does from the
    # package's import on (tests/__init__.py).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    # Hypothesis keeps what it derives once in its storage folder, the tree's `.hypothesis` by
    # default: the tables of Unicode it draws text from and the literals it reads from the
    # bot's modules (keyed by their contents). A fresh clone built both again at its first
    # property test (about 1.3 s of CPU). The machine's cache instead, as for mypy; the
    # examples it saves go there too, which its example database allows (shared, written
    # whole). Read at first use, so the workers, started after this, inherit it.
    storage = cache_dir("hypothesis")
    if storage is not None:
        os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(storage))
    if not os.environ.get("PYTEST_XDIST_WORKER") and config.getoption("numprocesses", None):
        rewrite_once(config, sorted(Path(__file__).parent.glob("test_*.py")))


def rewrite_once(config: pytest.Config, files: list[Path]) -> None:
    """Rewrite the asserts of the test modules that have no rewritten bytecode yet, once, before
    the xdist workers start: each worker collects every module, and in a fresh clone (CI) all
    of them rewrote and compiled every one at once, about 1.5 s of CPU a worker. They read what
    this writes, as they read what one of them wrote. pytest's own functions, not public: with
    another pytest that lacks them the workers simply rewrite as before."""
    try:
        from _pytest.assertion.rewrite import (
            PYC_TAIL,
            _rewrite_test,
            _write_pyc,
            assertstate_key,
            get_cache_dir,
            try_makedirs,
        )

        state = config.stash[assertstate_key]
    except (ImportError, KeyError):  # another pytest, or --assert=plain
        return
    for source in files:
        folder = get_cache_dir(source)
        pyc = folder / (source.name[:-3] + PYC_TAIL)
        if pyc.exists() and pyc.stat().st_mtime >= source.stat().st_mtime:
            continue  # written by an earlier run; a stale one is checked by its hash at import
        if sys.dont_write_bytecode or not try_makedirs(folder):
            return
        source_hash, code = _rewrite_test(source, config)
        _write_pyc(state, code, source_hash, pyc)


def _interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """A worker's last full garbage collection, before it tells the controller it is done.
    pytest collects once more when it unconfigures (to report what finalizers raised), after
    the worker has said so; over the heap of a worker's session that took seconds on a loaded
    machine, and execnet, which gives a finished worker 5 s to leave, sent it a SIGINT inside
    hypothesis's gc callback (a PytestUnraisableExceptionWarning at the end of the run). What
    is left after this collection is frozen: pytest's collection then finds what became
    garbage since, and nothing else to go through."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        gc.collect()
        gc.freeze()


@pytest.fixture(scope="session")
def catalogs() -> Catalogs:
    return Catalogs.load(locales_dir())


@pytest.fixture(scope="session")
def seeded_db_file(tmp_path_factory, catalogs: Catalogs) -> Path:
    """A database migrated and seeded with the shipped knowledge base, made once per run and
    shared by the xdist workers: seeding trains the question model (half a minute of CPU when
    no earlier run on this machine left it in the model cache, e.g. after a change of data/),
    and three workers seeding at once trained it three times over."""
    base = tmp_path_factory.getbasetemp()
    # The workers' temporary folders share the session's; without xdist it is the session's.
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    path = root / "seeded.sqlite3"
    with (root / "seeded.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the first worker seeds, the others wait for it
        if not path.exists():
            partial = root / f"seeding-{os.getpid()}.sqlite3"

            async def seed() -> None:
                db = await Database.open(partial)
                await seed_if_empty(db, data_dir())
                # Which cities the shipped events' texts name, as the bot reads them before it
                # first lists events or answers about one: read once here, not in every test
                # (60-90 ms each). A test's new or changed event is still read in the test.
                await (await open_answerer(db, catalogs)).read_events()
                await db.close()

            asyncio.run(seed())
            partial.replace(path)  # a worker that finds the file finds it whole
    # Every worker holds the template's model as trained before: a test that imports the
    # shipped data into another database finds it here, not only in the machine's model cache,
    # which other checkouts' runs may have pruned meanwhile (then it trained again, ~30 s).
    with closing(sqlite3.connect(path)) as db:
        key, data = db.execute(
            "SELECT key, data FROM question_models WHERE name = ?", (MODEL_NAME,)
        ).fetchone()
    bot.understanding._keep(key, data)  # kept as any trained model is, within CACHE_KEEP
    return path


class TemplateStarts:
    """The worker's engine for a start on a copy of the template that nothing has written to
    yet. Such a start read the same rows as every other into the same Reader (about 20 ms of
    CPU at a quiet moment, 40 at load: the knowledge base, the bank's stored words, the
    Reader and the FAQ's readings), some 300 times a run through `harness`, `qa` and the
    tests' own `running(build_application(settings, ...))`. It gets a new Understander (its
    own caches, as a new bot's) on the worker's Reader, models and readings instead; a start
    on any other database, a written copy included, and every reload load as the bot does."""

    def __init__(self, template: Path, understander: Understander) -> None:
        self.template = template
        self.understander = understander
        self.bank = bank_dir()
        # (device, inode) of each copy -> its size and modification time as copied.
        self.copies: dict[tuple[int, int], tuple[int, int]] = {}

    def copy(self, path: Path) -> None:
        shutil.copyfile(self.template, path)
        # The template's own time, long past: a write in the same clock tick as the copy
        # still moves it.
        made = self.template.stat()
        os.utime(path, ns=(made.st_atime_ns, made.st_mtime_ns))
        copied = path.stat()
        self.copies[copied.st_dev, copied.st_ino] = (copied.st_size, copied.st_mtime_ns)

    def untouched(self, path: Path | str) -> bool:
        """Whether `path` is one of the copies, as copied: SQLite writes the log first (a
        write not yet in the file leaves it non-empty) and the file at a checkpoint."""
        try:
            now = os.stat(path)
        except OSError:
            return False
        if self.copies.get((now.st_dev, now.st_ino)) != (now.st_size, now.st_mtime_ns):
            return False
        try:
            return os.stat(f"{path}-wal").st_size == 0
        except FileNotFoundError:
            return True

    async def load(self, db: Database, bank_directory: Path | None = None) -> Understander:
        """`load_understander` as the application calls it at a start."""
        if bank_directory is not None or bank_dir() != self.bank or not self.untouched(db.path):
            return await load_understander(db, bank_directory)
        shared = self.understander
        return Understander(
            shared.reader,
            shared.intents,
            shared.faq,
            shared.guess_language.model,
            speller=shared.speller,
            readings=(
                {entry: dict(named) for entry, named in shared.entry_sectors.items()},
                dict(shared.region_words),
            ),
        )


@pytest.fixture(scope="session")
def template_starts(tmp_path_factory, seeded_db_file: Path) -> Iterator[TemplateStarts]:
    """The worker's `TemplateStarts`, its engine loaded once from a copy of its own; while
    the session lasts, the application's starts (`open_answerer`) load through it."""
    path = tmp_path_factory.mktemp("template-start") / "partnerbot.sqlite3"
    shutil.copyfile(seeded_db_file, path)

    async def load() -> Understander:
        db = await Database.open(path)
        try:
            return await load_understander(db)
        finally:
            await db.close()

    starts = TemplateStarts(seeded_db_file, asyncio.run(load()))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bot.app.application, "load_understander", starts.load)
        yield starts


@pytest.fixture
def settings(tmp_path: Path, template_starts: TemplateStarts) -> Settings:
    # Each test gets its own copy: a real file, as fresh as a first start, without the wait.
    # Deleted with the test's folder when it passes (`tmp_path_retention_policy` in
    # pyproject.toml), kept to be read when it fails.
    db_path = tmp_path / "partnerbot.sqlite3"
    template_starts.copy(db_path)
    return Settings(
        token="123456:TEST",
        db_path=db_path,
        admin_ids=frozenset({ADMIN_ID}),
        admin_chat_id=ADMIN_CHAT_ID,
    )


class Harness:
    """Feeds updates to the running Application and returns the Bot API calls they caused."""

    def __init__(self, application: Application, api: LocalBotApi):
        self.application = application
        self.api = api

    @property
    def services(self):
        return self.application.bot_data

    async def feed(self, update: dict) -> list[ApiCall]:
        mark = len(self.api.calls)
        await self.application.process_update(Update.de_json(update, self.application.bot))
        return self.api.calls[mark:]

    async def send(self, user: dict, text: str, chat: dict | None = None) -> list[ApiCall]:
        return await self.feed(self.api.send_text(user, text, chat))

    async def press(self, user: dict, message: dict, data: str) -> list[ApiCall]:
        return await self.feed(self.api.press(user, message, data))

    async def press_label(self, user: dict, call: ApiCall, label: str) -> list[ApiCall]:
        """Press the button whose text contains `label` under the message `call` produced."""
        for button in call.buttons():
            if label in button["text"]:
                return await self.press(user, call.result, button["callback_data"])
        raise AssertionError(f"no button {label!r} in {[b['text'] for b in call.buttons()]}")


@pytest.fixture
async def harness(settings: Settings, catalogs: Catalogs):
    api = LocalBotApi()
    api.chats[ADMIN_CHAT_ID] = {"id": ADMIN_CHAT_ID, "type": "supergroup", "title": "Office"}
    application = build_application(settings, catalogs, LocalRequest(api), deliver=True)
    async with running(application):
        yield Harness(application, api)


@pytest.fixture
async def qa(settings: Settings, catalogs: Catalogs):
    """The question answerer on the test's database, as the bot opens it."""
    db = await Database.open(settings.db_path)
    yield await open_answerer(db, catalogs)
    await db.close()


@pytest.fixture(scope="session")
def shared_qa(tmp_path_factory, seeded_db_file: Path, catalogs: Catalogs):
    """One answerer per worker on its own copy of the shipped base, for the modules whose tests
    only ask (each overrides `qa` with it): answering reads the base and keeps nothing of a
    question but `last_answer`, and each of their tests opened the same answerer again on a
    fresh copy (about 0.1 s of CPU a test). A test that changes the base or the engine's state
    takes conftest's `qa`, as a bot of its own."""
    path = tmp_path_factory.mktemp("shared-qa") / "partnerbot.sqlite3"
    shutil.copyfile(seeded_db_file, path)
    db = asyncio.run(Database.open(path))
    yield asyncio.run(open_answerer(db, catalogs))
    asyncio.run(db.close())


@pytest.fixture(scope="session")
def chart_process(tmp_path_factory) -> Iterator[tuple[str, ...]]:
    """The worker's drawing process (tests/charts.py), started on first use: the command that
    asks it for a chart as the bot's child."""
    # A socket's path is at most 107 bytes: a short folder of its own, not the basetemp.
    folder = Path(tempfile.mkdtemp(prefix="charts-"))
    path = str(folder / "socket")
    from tests.processes import compiled_once  # a plugin: imported once pytest rewrites it

    root = Path(__file__).resolve().parent.parent
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.charts", path],
        cwd=root,
        env=compiled_once(dict(os.environ)),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert server.stdout is not None and server.stdout.readline() == b"ready\n"
        yield (sys.executable, "-I", "-S", str(root / "tests" / "charts.py"), path)
    finally:
        server.communicate(timeout=30)  # its stdin closes: it leaves
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def quick_charts(chart_process: tuple[str, ...], monkeypatch) -> None:
    """/stats draws its chart in a child of the worker's drawing process, which has imported
    matplotlib already, instead of a fresh `python -m bot.chart` (about 1.2 s of CPU less a
    chart). The bot still runs a child per chart and reads its PNG, errors and exit code."""
    monkeypatch.setattr(bot.stats, "CHART_COMMAND", chart_process)


def replace_settings(settings: Settings, **changes) -> Settings:
    return dataclasses.replace(settings, **changes)
