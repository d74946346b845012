"""End to end: real `python -m bot` processes against the local Bot API served over real HTTP."""

from __future__ import annotations

import asyncio
import inspect
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, closing
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import httpx
import pytest

from bot.app.local_api import LocalBotApi, LocalBotApiServer, make_user
from bot.i18n import LANGUAGES

# Each test starts real `python -m bot` processes.
pytestmark = pytest.mark.slow

TOKEN = "123456:E2E-TEST-TOKEN"
SECRET = "some-secret"
# Generous for a loaded 2-core machine; every wait polls quickly and ends as soon as it can.
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
    return env


def bot_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "bot", *args]


def run_command(
    tmp_path: Path, env: dict[str, str], *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` to completion, bounded; stdout and stderr as text."""
    return subprocess.run(
        bot_command(*args),
        input=stdin,
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )


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
    """Poll `condition` (plain or async) until it is true; fail after `seconds`, or early if
    the bot died."""
    deadline = time.monotonic() + seconds
    while not await _holds(condition):
        if process is not None and process.returncode is not None:
            pytest.fail(
                f"the bot exited with {process.returncode} while waiting for {what}:\n"
                f"{process.stderr()}"
            )
        if time.monotonic() > deadline:
            details = f":\n{process.stderr()}" if process is not None else ""
            pytest.fail(f"no {what} within {seconds:.0f} s{details}")
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
        return await asyncio.wait_for(self.process.wait(), EXIT_TIMEOUT)


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
        _, err = await asyncio.wait_for(process.communicate(), COMMAND_TIMEOUT)
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


# ---- long polling ---------------------------------------------------------------------------


async def test_polling_answers_each_user_in_their_language(tmp_path: Path) -> None:
    users = {
        "ru": make_user(101, "ru"),
        "tr": make_user(102, "tr"),
        "pl": make_user(103, "pl"),
        "en": make_user(104, "en-GB"),
        "de": make_user(105, "ja"),  # not supported: DEFAULT_LANGUAGE, German
    }
    async with local_bot_api() as (api, server):
        env = telegram_env(tmp_path, server)
        async with bot_process(tmp_path, env, "run") as bot:
            await wait_for(
                lambda: api.sent(method="getUpdates"), "getUpdates call", START_TIMEOUT, bot
            )
            for user in users.values():
                api.send_text(user, "/start")

            def all_answered() -> bool:
                return all(api.sent(user["id"], "sendMessage") for user in users.values())

            await wait_for(all_answered, "greeting in every chat", REPLY_TIMEOUT, bot)
            for language, user in users.items():
                [greeting] = api.sent(user["id"], "sendMessage")
                assert GREETING_WORDS[language] in greeting.text, (language, greeting.text)
                assert len(greeting.buttons()) == MAIN_MENU_BUTTONS, greeting.params

            default_scope = json.dumps({"type": "default"}, sort_keys=True)
            assert {(default_scope, language) for language in (*LANGUAGES, "")} <= set(api.commands)
            assert api.commands[(default_scope, "")] == api.commands[(default_scope, "de")]
            assert api.commands[(default_scope, "de")] != api.commands[(default_scope, "ru")]

            heartbeat = tmp_path / "partnerbot.heartbeat"
            await wait_for(lambda: read_heartbeat(heartbeat), "heartbeat file", START_TIMEOUT, bot)
            assert read_heartbeat(heartbeat)["mode"] == "polling"
            code, err = await healthcheck(env, tmp_path)
            assert code == 0, err

            await stop_cleanly(bot)


# ---- webhook --------------------------------------------------------------------------------


async def test_webhook_refuses_wrong_secret_and_answers_right_one(tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    async with local_bot_api() as (api, server), httpx.AsyncClient(timeout=10) as client:
        env = telegram_env(
            tmp_path,
            server,
            WEBHOOK_URL=f"{base}/telegram",
            WEBHOOK_LISTEN="127.0.0.1",
            WEBHOOK_PORT=str(port),
            WEBHOOK_SECRET=SECRET,
        )
        async with bot_process(tmp_path, env, "run", "--webhook") as bot:

            async def healthy() -> bool:
                try:
                    return (await client.get(f"{base}/healthz")).status_code == 200
                except httpx.TransportError:
                    return False

            await wait_for(healthy, "200 from /healthz", START_TIMEOUT, bot)
            assert api.webhook == {"url": f"{base}/telegram", "secret_token": SECRET}

            intruder, user = make_user(201, "en"), make_user(202, "en")
            refused = api.send_text(intruder, "/start")
            response = await client.post(f"{base}/telegram", json=refused)
            assert response.status_code == 403
            response = await client.post(
                f"{base}/telegram",
                json=refused,
                headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"},
            )
            assert response.status_code == 403

            right = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
            for junk in (b"null", b"[]", b"{}", b'{"update_id": 1, "message": 3}'):
                response = await client.post(f"{base}/telegram", content=junk, headers=right)
                assert response.status_code == 400, junk

            accepted = api.send_text(user, "/start")
            response = await client.post(f"{base}/telegram", json=accepted, headers=right)
            assert response.status_code == 200
            await wait_for(
                lambda: api.sent(user["id"], "sendMessage"), "webhook reply", REPLY_TIMEOUT, bot
            )
            [reply] = api.sent(user["id"], "sendMessage")
            assert GREETING_WORDS["en"] in reply.text
            assert len(reply.buttons()) == MAIN_MENU_BUTTONS
            # Updates are handled in order, so the refused ones would have been answered first.
            assert not api.sent(intruder["id"]), api.sent(intruder["id"])
            # A webhook bot must not poll: Telegram answers getUpdates with 409 then.
            assert not [call for call in api.calls if call.method == "getUpdates"]

            heartbeat = tmp_path / "partnerbot.heartbeat"
            await wait_for(lambda: read_heartbeat(heartbeat), "heartbeat file", START_TIMEOUT, bot)
            assert read_heartbeat(heartbeat)["mode"] == "webhook"
            code, err = await healthcheck(env, tmp_path)
            assert code == 0, err

            await stop_cleanly(bot)
            # The heartbeat file is still there, but /healthz no longer answers.
            code, err = await healthcheck(env, tmp_path)
            assert code == 1 and "/healthz" in err, err


# ---- the command line's failure paths -------------------------------------------------------

# Nothing listens here: a process that wrongly went on to Telegram would fail, not hang.
UNREACHABLE_API = "http://127.0.0.1:9/bot"
# Failures after start-up has begun: the INFO log (migrations, ...) would precede the one line.
QUIET = {"LOG_LEVEL": "WARNING"}


def test_run_without_token_names_the_variable_and_the_console(tmp_path: Path) -> None:
    result = run_command(tmp_path, clean_env(tmp_path), "run")
    assert result.returncode == 2
    assert_one_line_error(result, "TELEGRAM_BOT_TOKEN", "partnerbot console")


def test_healthcheck_fails_without_a_running_bot(tmp_path: Path) -> None:
    result = run_command(tmp_path, clean_env(tmp_path), "healthcheck")
    assert result.returncode == 1
    assert_one_line_error(result, "partnerbot.heartbeat", "no heartbeat")


@pytest.mark.parametrize(
    ("name", "value"), [("ADMIN_IDS", "abc"), ("DEFAULT_LANGUAGE", "xx"), ("BROADCAST_RATE", "0")]
)
def test_a_wrong_setting_stops_start_up_with_one_line(
    tmp_path: Path, name: str, value: str
) -> None:
    env = clean_env(
        tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=UNREACHABLE_API, **{name: value}
    )
    result = run_command(tmp_path, env, "run")
    assert result.returncode == 2
    assert_one_line_error(result, name, repr(value))
    assert not (tmp_path / "partnerbot.sqlite3").exists()


def test_a_corrupt_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    database = tmp_path / "partnerbot.sqlite3"
    garbage = random.Random(2018).randbytes(64 * 1024)
    database.write_bytes(garbage)
    env = clean_env(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=UNREACHABLE_API)
    result = run_command(tmp_path, env, "run")
    assert result.returncode not in (0, None)
    assert_one_line_error(result, str(database))
    assert database.read_bytes() == garbage
    assert sorted(path.name for path in tmp_path.iterdir()) == [database.name]


def test_dotenv_is_read_and_the_real_environment_wins(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("DEFAULT_LANGUAGE=xx\n")
    result = run_command(tmp_path, clean_env(tmp_path), "console", stdin="/start\n")
    assert result.returncode == 2
    assert_one_line_error(result, "DEFAULT_LANGUAGE", "'xx'")

    # The console user has no Telegram language, so the greeting shows DEFAULT_LANGUAGE.
    result = run_command(
        tmp_path, clean_env(tmp_path, DEFAULT_LANGUAGE="ru"), "console", stdin="/start\n"
    )
    assert result.returncode == 0, result.stderr
    assert GREETING_WORDS["ru"] in result.stdout

    dotenv.write_text("DEFAULT_LANGUAGE=tr\n")
    result = run_command(tmp_path, clean_env(tmp_path), "console", stdin="/start\n")
    assert result.returncode == 0, result.stderr
    assert GREETING_WORDS["tr"] in result.stdout


def test_backup_copies_the_database_and_never_overwrites(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    result = run_command(tmp_path, env, "console", stdin="/start\n")
    assert result.returncode == 0, result.stderr
    assert GREETING_WORDS["de"] in result.stdout

    destination = tmp_path / "backup.sqlite3"
    result = run_command(tmp_path, env, "backup", str(destination))
    assert result.returncode == 0, result.stderr
    with closing(sqlite3.connect(destination)) as copy:
        assert copy.execute("PRAGMA quick_check").fetchone() == ("ok",)
        assert copy.execute("SELECT user_id FROM users").fetchall() == [(1,)]
    copied = destination.read_bytes()

    result = run_command(tmp_path, env, "backup", str(destination))
    assert result.returncode not in (0, None)
    assert_one_line_error(result, str(destination), "already exists")
    assert destination.read_bytes() == copied


async def test_a_rejected_token_is_one_line_naming_it(tmp_path: Path) -> None:
    async with local_bot_api() as (api, server):
        env = telegram_env(tmp_path, server, TELEGRAM_BOT_TOKEN="654321:NOT-THE-TOKEN", **QUIET)
        for args in (("run",), ("run", "--webhook")):
            env["WEBHOOK_URL"] = f"http://127.0.0.1:{free_port()}/telegram"
            result = await asyncio.to_thread(run_command, tmp_path, env, *args)
            assert result.returncode == 2, result.stderr
            line = assert_one_line_error(result, "TELEGRAM_BOT_TOKEN", "@BotFather")
            assert "NOT-THE-TOKEN" not in line
        assert not api.sent(method="getUpdates") and not api.sent(method="setWebhook")


def test_an_unreachable_bot_api_is_one_line_naming_it(tmp_path: Path) -> None:
    env = clean_env(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=UNREACHABLE_API, **QUIET)
    result = run_command(tmp_path, env, "run")
    assert result.returncode == 1
    assert_one_line_error(result, "TELEGRAM_BASE_URL", UNREACHABLE_API)


async def test_a_taken_webhook_port_is_one_line_naming_it(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        async with local_bot_api() as (api, server):
            env = telegram_env(
                tmp_path,
                server,
                WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram",
                WEBHOOK_LISTEN="127.0.0.1",
                WEBHOOK_PORT=str(port),
                **QUIET,
            )
            result = await asyncio.to_thread(run_command, tmp_path, env, "run", "--webhook")
    assert result.returncode == 1
    assert_one_line_error(result, "WEBHOOK_PORT", str(port))
    assert api.webhook == {"url": ""}


async def test_an_announce_channel_name_is_resolved_at_start_up_or_refused_in_one_line(
    tmp_path: Path,
) -> None:
    from bot.app.botapi import check_bot_api
    from bot.config import load_settings

    async with local_bot_api() as (api, server):
        api.chats[-1001234] = {"id": -1001234, "type": "channel", "username": "herne_partner"}
        env = telegram_env(tmp_path, server, ANNOUNCE_CHANNEL_ID="@herne_partner", **QUIET)
        checked = await check_bot_api(load_settings(env))
        assert checked.announce_channel_id == -1001234
        env["ANNOUNCE_CHANNEL_ID"] = "@nobody_here"
        result = await asyncio.to_thread(run_command, tmp_path, env, "run")
        assert result.returncode == 2
        assert_one_line_error(result, "ANNOUNCE_CHANNEL_ID", "@nobody_here")
        assert not api.sent(method="getUpdates")
