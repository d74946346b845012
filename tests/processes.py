"""Real `python -m bot` processes against the local Bot API served over real HTTP: how to start,
watch and stop them, and the bots the process-level tests share (a pytest plugin, see conftest)."""

from __future__ import annotations

import asyncio
import inspect
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import httpx
import pytest
import pytest_asyncio

from bot.app.local_api import LocalBotApi, LocalBotApiServer
from tests.deadline import Deadline

TOKEN = "123456:E2E-TEST-TOKEN"
SECRET = "some-secret"
# Seconds of a quiet machine's wall clock, generous; every wait polls quickly and ends as soon
# as it can, and the time the bot and the worker waited for a CPU is added (tests/deadline.py).
START_TIMEOUT = 60.0
REPLY_TIMEOUT = 30.0
EXIT_TIMEOUT = 30.0
COMMAND_TIMEOUT = 60.0
POLL = 0.05
# The variables of CONTRACT.md: a test sets the ones it means, never inherits them.
_PREFIXES = ("TELEGRAM_", "PARTNERBOT_", "WEBHOOK_")
_NAMES = {
    "ADMIN_IDS",
    "DEFAULT_LANGUAGE",
    "BROADCAST_RATE",
    "ADMIN_CHAT_ID",
    "ANNOUNCE_CHANNEL_ID",
    "LOG_LEVEL",
}
# A word of each language's /start greeting (locales/<lang>/LC_MESSAGES/messages.po).
GREETING_WORDS = {
    "de": "Hallo",
    "en": "Hello",
    "ru": "Здравствуйте",
    "pl": "Dzień dobry",
    "tr": "Merhaba",
}
MAIN_MENU_BUTTONS = 7


def compiled_once(env: dict[str, str]) -> dict[str, str]:
    """`env` for a Python process that writes the bytecode of the modules it compiles beside
    them (`__pycache__`, which git ignores) even where the environment says not to: else every
    xdist worker and bot process compiled the bot and rewrote the test modules anew. Not a
    cache prefix (`PYTHONPYCACHEPREFIX`): Python then reads bytecode from the prefix only,
    keyed by each file's absolute path, so every fresh clone with its own venv compiled the
    installed packages too, whose bytecode pip had already written beside them, in every worker
    at once."""
    return {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}


def clean_env(tmp_path: Path, **variables: str) -> dict[str, str]:
    """The inherited environment without any partnerbot setting, plus `variables`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in _NAMES and not key.startswith(_PREFIXES)
    }
    env.update(
        PARTNERBOT_DB=str(tmp_path / "partnerbot.sqlite3"),
        PARTNERBOT_HEARTBEAT_FILE=str(tmp_path / "partnerbot.heartbeat"),
        PYTHONUNBUFFERED="1",
    )
    env.update(variables)
    return compiled_once(env)


def seeded_copy(seeded_db_file: Path, tmp_path: Path) -> Path:
    """The database clean_env names, as a copy of the session's seeded one: a process starts
    without importing the knowledge base (and its question model) again."""
    path = tmp_path / "partnerbot.sqlite3"
    shutil.copyfile(seeded_db_file, path)
    return path


def bot_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "bot", *args]


def run_command(
    tmp_path: Path, env: dict[str, str], *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` to completion, within COMMAND_TIMEOUT (a Deadline); stdout and
    stderr as text."""
    command = bot_command(*args)
    with subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
        text=True,
    ) as process:
        deadline, given = Deadline(COMMAND_TIMEOUT, process.pid), stdin
        while True:
            try:
                out, err = process.communicate(given, timeout=POLL * 10)
                break
            except subprocess.TimeoutExpired:
                given = None  # written once: communicate() goes on with what is left
                if deadline.passed():
                    process.kill()
                    out, err = process.communicate()
                    raise subprocess.TimeoutExpired(command, deadline.seconds, out, err) from None
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def wait_for(
    condition: Callable[[], object], what: str, seconds: float, process: BotProcess | None = None
) -> None:
    """Poll `condition` (plain or async) until it is true; fail after `seconds` (a Deadline:
    with the time the bot and this process waited for a CPU), or early if the bot died."""
    deadline = Deadline(seconds, *([process.process.pid] if process is not None else []))
    while not await _holds(condition):
        if process is not None and process.returncode is not None:
            pytest.fail(
                f"the bot exited with {process.returncode} while waiting for {what}:\n"
                f"{process.stderr()}"
            )
        if deadline.passed():
            details = f":\n{process.stderr()}" if process is not None else ""
            pytest.fail(f"no {what} within {deadline}{details}")
        await asyncio.sleep(POLL)


async def _holds(condition: Callable[[], object]) -> bool:
    result = condition()
    if inspect.isawaitable(result):
        result = await result
    return bool(result)


@dataclass
class BotProcess:
    """A running `python -m bot ...`; its output goes to files so that no pipe can fill up."""

    process: asyncio.subprocess.Process
    stderr_path: Path

    @property
    def returncode(self) -> int | None:
        return self.process.returncode

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")

    async def terminate(self) -> int:
        """SIGTERM, as Docker and systemd stop it; the exit code, within EXIT_TIMEOUT."""
        self.process.send_signal(signal.SIGTERM)
        return await finished(self.process, EXIT_TIMEOUT)


async def finished(process: asyncio.subprocess.Process, seconds: float) -> int:
    """The exit code of `process`, within `seconds` (a Deadline); TimeoutError after."""
    deadline = Deadline(seconds, process.pid)
    waiting = asyncio.ensure_future(process.wait())
    while not (await asyncio.wait({waiting}, timeout=POLL * 10))[0]:
        if deadline.passed():
            waiting.cancel()
            raise TimeoutError(f"process {process.pid} still running after {deadline}")
    return waiting.result()


def output_files(tmp_path: Path) -> tuple[BinaryIO, BinaryIO]:
    return (tmp_path / "bot.stdout").open("wb"), (tmp_path / "bot.stderr").open("wb")


@asynccontextmanager
async def bot_process(tmp_path: Path, env: dict[str, str], *args: str) -> AsyncIterator[BotProcess]:
    out, err = output_files(tmp_path)
    with out, err:
        process = await asyncio.create_subprocess_exec(
            *bot_command(*args),
            env=env,
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
        )
    try:
        yield BotProcess(process, tmp_path / "bot.stderr")
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


@asynccontextmanager
async def local_bot_api() -> AsyncIterator[tuple[LocalBotApi, LocalBotApiServer]]:
    api = LocalBotApi()
    server = LocalBotApiServer(api, TOKEN)
    await server.start()
    try:
        yield api, server
    finally:
        await server.stop()


def telegram_env(tmp_path: Path, server: LocalBotApiServer, **variables: str) -> dict[str, str]:
    return clean_env(
        tmp_path,
        **{
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_BASE_URL": server.base_url,
            "TELEGRAM_BASE_FILE_URL": f"http://{server.host}:{server.port}/file/bot",
            **variables,
        },
    )


async def healthcheck(env: dict[str, str], cwd: Path) -> tuple[int, str]:
    """`python -m bot healthcheck` without blocking the loop that serves the Bot API."""
    process = await asyncio.create_subprocess_exec(
        *bot_command("healthcheck"),
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        assert process.stderr is not None
        err, _ = await asyncio.gather(process.stderr.read(), finished(process, COMMAND_TIMEOUT))
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    return process.returncode, err.decode(errors="replace")


def read_heartbeat(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


async def stop_cleanly(bot: BotProcess) -> None:
    code = await bot.terminate()
    stderr = bot.stderr()
    assert code == 0, stderr
    assert "Traceback" not in stderr, stderr
    assert " ERROR " not in stderr and " CRITICAL " not in stderr, stderr


class SharedBot:
    """One `python -m bot` for the tests that only talk to it (a start costs a second of CPU
    and more under load): started on first use, started again after a test stopped it. Each
    start runs in its own folder, so that the logs of all of them can be read at the end."""

    def __init__(
        self,
        api: LocalBotApi,
        root: Path,
        env: dict[str, str],
        args: tuple[str, ...],
        ready: Callable[[SharedBot, BotProcess], Awaitable[None]],
        stack: AsyncExitStack,
    ):
        self.api = api
        self.root = root
        self.env = env
        self._args = args
        self._ready = ready
        self._stack = stack
        self.starts: list[BotProcess] = []
        # A webhook bot's address.
        self.base = ""
        self.port = 0
        self.mark = 0

    async def running(self) -> BotProcess:
        if self.starts and self.starts[-1].returncode is None:
            return self.starts[-1]
        folder = self.root / f"start{len(self.starts) + 1}"
        folder.mkdir()
        self.mark = len(self.api.calls)  # what this start sends comes after
        bot = await self._stack.enter_async_context(bot_process(folder, self.env, *self._args))
        self.starts.append(bot)
        await self._ready(self, bot)
        return bot

    def stderr(self) -> str:
        """What every start of the bot has logged so far."""
        return "".join(bot.stderr() for bot in self.starts)


@asynccontextmanager
async def shared_bot(
    root: Path, args: tuple[str, ...], ready, **variables: str
) -> AsyncIterator[SharedBot]:
    """A SharedBot; stopped cleanly at the end (SIGTERM: exit 0, no traceback, no error)."""
    async with local_bot_api() as (api, server), AsyncExitStack() as stack:
        env = telegram_env(root, server, **variables)
        bot = SharedBot(api, root, env, args, ready, stack)
        yield bot
        if bot.starts and bot.starts[-1].returncode is None:
            await stop_cleanly(bot.starts[-1])


async def _polling(bot: SharedBot, process: BotProcess) -> None:
    def polled() -> bool:
        return any(call.method == "getUpdates" for call in bot.api.calls[bot.mark :])

    await wait_for(polled, "getUpdates", START_TIMEOUT, process)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def polling_bot(tmp_path_factory, seeded_db_file: Path) -> AsyncIterator[SharedBot]:
    """The bot on long polling that the polling tests share, logging at DEBUG (no token may
    show even there) and answering five questions per user and minute."""
    root = tmp_path_factory.mktemp("polling-bot")
    seeded_copy(seeded_db_file, root)
    variables = {"LOG_LEVEL": "DEBUG", "QUESTIONS_PER_MINUTE": "5"}
    async with shared_bot(root, ("run",), _polling, **variables) as bot:
        yield bot
    stderr = bot.stderr()
    assert " DEBUG " in stderr  # the log did run at DEBUG
    assert TOKEN not in stderr and TOKEN.split(":", 1)[1] not in stderr


WEBHOOK_HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET}


async def _healthy(bot: SharedBot, process: BotProcess) -> None:
    async with httpx.AsyncClient(timeout=10) as client:

        async def healthy() -> bool:
            try:
                return (await client.get(f"{bot.base}/healthz")).status_code == 200
            except httpx.TransportError:
                return False

        await wait_for(healthy, "200 from /healthz", START_TIMEOUT, process)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def webhook_bot(tmp_path_factory, seeded_db_file: Path) -> AsyncIterator[SharedBot]:
    """The bot on a webhook with a secret that the webhook tests share (`bot.base` is its
    address); once it has stopped, the healthcheck fails on /healthz."""
    root = tmp_path_factory.mktemp("webhook-bot")
    seeded_copy(seeded_db_file, root)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    variables = {
        "WEBHOOK_URL": f"{base}/telegram",
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
        "WEBHOOK_SECRET": SECRET,
    }
    async with shared_bot(root, ("run", "--webhook"), _healthy, **variables) as bot:
        bot.base, bot.port = base, port
        yield bot
    # The heartbeat file is still there, but /healthz no longer answers.
    code, err = await healthcheck(bot.env, root)
    assert code == 1 and "/healthz" in err, err
