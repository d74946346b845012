"""The `partnerbot` command line (see CONTRACT.md): run, console, ask, kb, backup, healthcheck."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bot import heap
from bot.config import ConfigError, Settings, load_settings
from bot.db import Database, DatabaseError
from bot.i18n import LANGUAGES, CatalogError, Catalogs
from bot.instance import AlreadyRunning, single_instance
from bot.logs import configure_logging
from bot.resources import locales_dir

EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="partnerbot",
        description="Partnerbot: the town-twinning bot of Herne and its partner cities.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", help="run on Telegram (needs TELEGRAM_BOT_TOKEN)")
    run.add_argument("--webhook", action="store_true", help="receive updates by webhook")

    console = commands.add_parser("console", help="chat with the bot in this terminal")
    console.add_argument("--user-id", type=int, default=1, metavar="N")
    console.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        metavar="L",
        help="your Telegram language: " + ", ".join(LANGUAGES),
    )
    console.add_argument("--admin", action="store_true", help="chat as an admin")

    ask = commands.add_parser("ask", help="answer one question (or JSON lines from stdin)")
    ask.add_argument(
        "--lang",
        default=None,
        metavar="L",
        help="the asker's Telegram language code (default: DEFAULT_LANGUAGE)",
    )
    output = ask.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the answer as JSON")
    output.add_argument(
        "--jsonl",
        action="store_true",
        help='read {"text": ..., "language_code": ...} lines from stdin',
    )
    ask.add_argument("question", nargs="*", metavar="QUESTION")

    kb = commands.add_parser("kb", help="check, import or export the knowledge base")
    kb.add_argument("action", choices=("check", "import", "export"))
    kb.add_argument(
        "file", type=Path, metavar="FILE", help="a data file, or a folder of them such as data/"
    )

    backup = commands.add_parser("backup", help="copy the live database consistently")
    backup.add_argument("destination", type=Path, metavar="DEST")

    commands.add_parser("healthcheck", help="exit 0 when the running bot is healthy")
    return parser


def _environment() -> dict[str, str]:
    """The real environment over the `.env` file of the working directory."""
    env_file = Path.cwd() / ".env"
    if not env_file.exists():  # what python-dotenv reads as empty too; most starts have none
        return dict(os.environ)
    # Imported only then: python-dotenv and its parser's regular expressions cost every start
    # of every command (`ask`, a restart, the image's healthcheck every 30 s) some 20-50 ms.
    from dotenv import dotenv_values

    from_file = {k: v for k, v in dotenv_values(env_file).items() if v is not None}
    return {**from_file, **os.environ}


def _fail(message: str, code: int = 1) -> int:
    print(f"partnerbot: {message}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings(_environment())
    except ConfigError as exc:
        return _fail(f"configuration error: {exc}", EXIT_USAGE)
    interactive = args.command in ("console", "ask", "kb", "backup") or (
        args.command is None and not settings.token
    )
    # In a terminal the log would drown the output; it shows warnings unless LOG_LEVEL is set.
    level = settings.log_level if "LOG_LEVEL" in os.environ or not interactive else "WARNING"
    configure_logging(level, settings.token)
    try:
        return _dispatch(args, settings)
    except (CatalogError, DatabaseError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    command = args.command
    if command is None:
        if settings.token:
            command, args.webhook = "run", bool(settings.webhook_url)
        else:
            print(
                "partnerbot: TELEGRAM_BOT_TOKEN is not set, so this is the local console "
                "(partnerbot console); set it to run on Telegram.",
                file=sys.stderr,
            )
            command, args.user_id, args.lang, args.admin = "console", 1, None, False
    if command == "backup":
        return asyncio.run(_backup(settings, args.destination))
    if command == "healthcheck":
        return healthcheck(settings)

    if command == "kb":
        from bot.kb_cli import run_kb

        return asyncio.run(run_kb(settings, args.action, args.file))

    # What follows starts the bot: its imports, catalogs and models (bot/heap.py).
    heap.pause_collection()
    catalogs = Catalogs.load(locales_dir())
    if command == "ask":
        from bot.app.ask import run_ask

        if not args.jsonl and not args.question:
            return _fail("ask needs a QUESTION, or --jsonl with JSON lines on stdin", EXIT_USAGE)
        return asyncio.run(run_ask(settings, catalogs, args))
    if command == "console":
        from bot.app.console import run_console

        return asyncio.run(run_console(settings, catalogs, args.user_id, args.lang, args.admin))
    if command == "run":
        return _run(settings, catalogs, webhook=args.webhook)
    raise AssertionError(command)


def _run(settings: Settings, catalogs: Catalogs, webhook: bool) -> int:
    if not settings.token:
        return _fail(
            "TELEGRAM_BOT_TOKEN is not set; set it to your bot's token from "
            "@BotFather, or try the bot locally with `partnerbot console`",
            EXIT_USAGE,
        )
    if webhook and not settings.webhook_url:
        return _fail(
            "WEBHOOK_URL is not set; --webhook needs the public https URL that "
            "Telegram should post updates to",
            EXIT_USAGE,
        )
    # Fail before connecting to Telegram when the database cannot be used.
    asyncio.run(_check_database(settings))
    try:
        with single_instance(settings.db_path):
            return _run_alone(settings, catalogs, webhook)
    except AlreadyRunning as exc:
        return _fail(str(exc))


def _run_alone(settings: Settings, catalogs: Catalogs, webhook: bool) -> int:
    # Likewise for the token and the Bot API: python-telegram-bot would log a traceback.
    from bot.app.botapi import BotApiError, check_bot_api

    try:
        settings = asyncio.run(check_bot_api(settings))
    except BotApiError as exc:
        return _fail(str(exc), EXIT_USAGE if exc.usage else 1)

    # Imported once the Bot API has answered: a refused token is told without the second of
    # CPU that importing the application and its handlers costs.
    from bot.app.application import build_application, run_polling

    application = build_application(settings, catalogs, settle_heap=True)
    if webhook:
        from bot.app.webhook import WebhookError, serve_webhook

        try:
            asyncio.run(serve_webhook(application))
        except WebhookError as exc:
            return _fail(str(exc))
    else:
        run_polling(application)
    return 0


async def _check_database(settings: Settings) -> None:
    db = await Database.open(settings.db_path)
    await db.close()


async def _backup(settings: Settings, destination: Path) -> int:
    if not settings.db_path.exists():
        return _fail(f"{settings.db_path}: no database to back up (PARTNERBOT_DB)")
    db = await Database.open(settings.db_path, migrate=False)
    try:
        await db.backup(destination)
    finally:
        await db.close()
    print(f"backed up {settings.db_path} to {destination}")
    return 0


def healthcheck(settings: Settings, max_age: float = 60.0) -> int:
    """For a container HEALTHCHECK: the webhook's /healthz answers, or the heartbeat is fresh."""
    # Imported here only: every other command's start would import it for nothing.
    import urllib.request

    try:
        beat = json.loads(settings.heartbeat_path.read_text())
    except (OSError, ValueError):
        return _fail(f"{settings.heartbeat_path}: no heartbeat; is the bot running?")
    if beat.get("mode") == "webhook":
        # A wildcard WEBHOOK_LISTEN answers on loopback; a specific address only on itself.
        host = settings.webhook_listen
        if host in ("0.0.0.0", "::"):
            host = "127.0.0.1"
        url = f"http://{f'[{host}]' if ':' in host else host}:{beat['port']}/healthz"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return 0 if response.status == 200 else _fail(f"{url}: {response.status}")
        except OSError as exc:
            return _fail(f"{url}: {exc}")
    age = time.time() - float(beat.get("time", 0))
    if age > max_age:
        return _fail(f"heartbeat is {age:.0f} s old")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
