"""End to end: real `python -m bot` processes against the local Bot API served over real HTTP."""

from __future__ import annotations

import asyncio
import json
import random
import socket
import sqlite3
from contextlib import closing
from pathlib import Path

import httpx
import pytest

from bot.app.local_api import make_user
from bot.i18n import LANGUAGES
from tests.processes import (
    GREETING_WORDS,
    MAIN_MENU_BUTTONS,
    REPLY_TIMEOUT,
    SECRET,
    START_TIMEOUT,
    TOKEN,
    WEBHOOK_HEADERS,
    SharedBot,
    assert_one_line_error,
    clean_env,
    free_port,
    healthcheck,
    local_bot_api,
    read_heartbeat,
    run_command,
    seeded_copy,
    telegram_env,
    wait_for,
)

# Each test starts real `python -m bot` processes.
pytestmark = pytest.mark.slow


# ---- long polling ---------------------------------------------------------------------------


@pytest.mark.asyncio(loop_scope="session")
async def test_polling_answers_each_user_in_their_language(polling_bot: SharedBot) -> None:
    users = {
        "ru": make_user(101, "ru"),
        "tr": make_user(102, "tr"),
        "pl": make_user(103, "pl"),
        "en": make_user(104, "en-GB"),
        "de": make_user(105, "ja"),  # not supported: DEFAULT_LANGUAGE, German
    }
    api, env = polling_bot.api, polling_bot.env
    bot = await polling_bot.running()
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
    menus = {(default_scope, language) for language in (*LANGUAGES, "")}
    # Set once the bot answers: a restart answers what waited for it first.
    await wait_for(lambda: menus <= set(api.commands), "command menus", START_TIMEOUT, bot)
    assert api.commands[(default_scope, "")] == api.commands[(default_scope, "de")]
    assert api.commands[(default_scope, "de")] != api.commands[(default_scope, "ru")]

    heartbeat = polling_bot.root / "partnerbot.heartbeat"
    await wait_for(lambda: read_heartbeat(heartbeat), "heartbeat file", START_TIMEOUT, bot)
    assert read_heartbeat(heartbeat)["mode"] == "polling"
    code, err = await healthcheck(env, polling_bot.root)
    assert code == 0, err
    # The polling_bot fixture stops it cleanly at the end.


# ---- webhook --------------------------------------------------------------------------------


@pytest.mark.asyncio(loop_scope="session")
async def test_webhook_refuses_wrong_secret_and_answers_right_one(webhook_bot: SharedBot) -> None:
    api, base = webhook_bot.api, webhook_bot.base
    bot = await webhook_bot.running()
    async with httpx.AsyncClient(timeout=10) as client:
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

        for junk in (b"null", b"[]", b"{}", b'{"update_id": 1, "message": 3}'):
            response = await client.post(f"{base}/telegram", content=junk, headers=WEBHOOK_HEADERS)
            assert response.status_code == 400, junk

        accepted = api.send_text(user, "/start")
        response = await client.post(f"{base}/telegram", json=accepted, headers=WEBHOOK_HEADERS)
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

    heartbeat = webhook_bot.root / "partnerbot.heartbeat"
    await wait_for(lambda: read_heartbeat(heartbeat), "heartbeat file", START_TIMEOUT, bot)
    assert read_heartbeat(heartbeat)["mode"] == "webhook"
    code, err = await healthcheck(webhook_bot.env, webhook_bot.root)
    assert code == 0, err
    # The webhook_bot fixture stops it cleanly at the end and sees the healthcheck fail then.


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


def test_dotenv_is_read_and_the_real_environment_wins(tmp_path: Path, seeded_db_file: Path) -> None:
    seeded_copy(seeded_db_file, tmp_path)
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


def test_backup_copies_the_database_and_never_overwrites(
    tmp_path: Path, seeded_db_file: Path
) -> None:
    seeded_copy(seeded_db_file, tmp_path)
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


async def test_a_taken_webhook_port_is_one_line_naming_it(
    tmp_path: Path, seeded_db_file: Path
) -> None:
    # The bot opens its database (seeding an empty one, which trains the question model when
    # the machine's cache lacks it) before it binds the port: it starts on the template.
    seeded_copy(seeded_db_file, tmp_path)
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
