"""`partnerbot ask`: one answer, or one JSON line per JSON line, through the bot's own path.

It runs the real Application offline and sends each question as a private message from a
user whose Telegram language is the one given, so the answer is exactly the bot's reply. It
does so on a throw-away copy of the database: its askers, logged questions and statistics
must never reach the live one (they would become broadcast recipients and figures).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import sqlite3
import sys
import tempfile
from argparse import Namespace
from pathlib import Path
from typing import TextIO

from telegram import Update

from bot.answer import Answer
from bot.app.application import build_application, running
from bot.app.context import BotContext
from bot.app.local_api import ApiCall, LocalBotApi, LocalRequest, make_user
from bot.config import Settings
from bot.db import Database, DatabaseError, schema_version
from bot.i18n import Catalogs, negotiate
from bot.kb.importer import seed_if_empty
from bot.render import to_plain
from bot.resources import data_dir
from bot.textual import html_to_text
from bot.understanding import train_if_needed
from handlers.errors import apology

log = logging.getLogger(__name__)

ASK_USER_ID = 1


class Asker:
    """Sends questions to the running Application and reads back its reply."""

    def __init__(self, settings: Settings, catalogs: Catalogs):
        self.api = LocalBotApi()
        self.application = build_application(settings, catalogs, LocalRequest(self.api))
        self._next_user = ASK_USER_ID
        # After the bot's own error handler (it logs the traceback and apologises to the user):
        # a question the bot failed on is told as failed, never answered a second time.
        self._failure: BaseException | None = None
        self.application.add_error_handler(self._note_failure)

    async def _note_failure(self, update: object, context: BotContext) -> None:
        self._failure = context.error

    async def ask(self, text: str, language_code: str | None) -> dict:
        # A new user each time: no stored /language choice of an earlier question applies.
        user = make_user(self._next_user, language_code, first_name="Ask")
        self._next_user += 1
        mark = len(self.api.calls)
        qa = self.application.bot_data.qa
        qa.last_answer, self._failure = None, None
        if text.strip():
            update = self.api.send_text(user, text)
            await self.application.process_update(Update.de_json(update, self.application.bot))
        replies = [
            c for c in self.api.calls[mark:] if c.method == "sendMessage" and c.error is None
        ]
        language = negotiate(language_code) or self.application.bot_data.settings.default_language
        if self._failure is not None:
            return self._failed(self._failure, language, replies)
        answer = qa.last_answer
        if answer is None:
            # Telegram never delivers an empty message; answer it the way the bot would.
            try:
                answer = await qa.answer(text, language)
            except Exception as exc:
                log.exception("answering a question failed")
                return self._failed(exc, language, replies)
        text = html_to_text(replies[-1].text) if replies else to_plain(answer)
        return _line(text, answer)

    def _failed(self, error: BaseException, language: str, replies: list[ApiCall]) -> dict:
        """The line of a question the bot failed on: what the user was told (the apology),
        as a fallback, and what failed (its traceback went to the log, on stderr)."""
        catalogs = self.application.bot_data.catalogs
        text = replies[-1].text if replies else apology(catalogs[language].gettext)
        return {
            **_line(html_to_text(text), None, language),
            "error": f"answering failed: {type(error).__name__}",
        }


def _line(text: str, answer: Answer | None, language: str | None = None) -> dict:
    """The JSON line of one question: what the user was told and the answer's fields; without
    an answer (none made, or the bot failed), a fallback in `language`."""
    return {
        "language": answer.language if answer else language,
        "text": text,
        "fallback": answer.fallback if answer else True,
        "sources": answer.sources if answer else [],
        "confidence": round(answer.confidence, 3) if answer else 0.0,
        "entry": answer.entry if answer else None,
    }


async def run_ask(
    settings: Settings,
    catalogs: Catalogs,
    args: Namespace,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
) -> int:
    with tempfile.TemporaryDirectory(prefix="partnerbot-ask-") as scratch:
        copy = await scratch_copy(settings.db_path, Path(scratch))
        return await _answer_all(
            dataclasses.replace(settings, db_path=copy), catalogs, args, stdin, stdout
        )


async def scratch_copy(live: Path, scratch: Path) -> Path:
    """A consistent copy of the live database in `scratch`.

    Without a live database, `ask` first makes it as the bot's first start would (migrated,
    the shipped knowledge base loaded, the question model trained and stored), so that this
    and every later `ask` copies a ready base instead of seeding and training a throw-away one
    each time (about three seconds of CPU). Where it cannot be made (a read-only directory), a
    fresh database is made in `scratch` on open, as before."""
    copy = scratch / "ask.sqlite3"
    if not await asyncio.to_thread(live.exists):
        await first_start(live)
    else:
        await refresh_derived(live)
    if await asyncio.to_thread(live.exists):
        db = await Database.open(live, migrate=False)
        try:
            await db.backup(copy)
        finally:
            await db.close()
    return copy


async def _answer_all(
    settings: Settings, catalogs: Catalogs, args: Namespace, stdin: TextIO, stdout: TextIO
) -> int:
    asker = Asker(settings, catalogs)
    async with running(asker.application):
        if not args.jsonl:
            result = await asker.ask(" ".join(args.question), args.lang)
            if args.json:
                stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
            else:
                stdout.write(result["text"] + "\n")
            return 0
        for line in stdin:
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                text, code = item["text"], item.get("language_code")
                if not isinstance(text, str) or not (code is None or isinstance(code, str)):
                    raise TypeError("text must be a string, language_code a string or null")
            except (ValueError, KeyError, TypeError) as exc:
                stdout.write(json.dumps({"error": f"bad input line: {exc}"}) + "\n")
            else:
                stdout.write(json.dumps(await asker.ask(text, code), ensure_ascii=False) + "\n")
            stdout.flush()
    return 0


async def refresh_derived(live: Path) -> None:
    """Store in the live database what a start builds from its data (the question model, the
    name guard's words, the entries' readings) when what it holds was built from other data or
    code, as the bot's own start would: else every `ask` on a base an older version wrote builds
    them again in its throw-away copy (about 2 s of CPU each time) until the bot next starts.
    Only those derived rows are written, and only to a base of this version's schema; a base
    that cannot be written keeps answering from the copy."""
    try:
        db = await Database.open(live, migrate=False)
    except DatabaseError as exc:
        log.warning("cannot read %s (%s): answering from a copy as it is", live, exc)
        return
    try:
        version = await db.scalar("PRAGMA user_version")
        if version == schema_version() and await db.scalar("SELECT count(*) FROM cities"):
            await train_if_needed(db)
    except (DatabaseError, sqlite3.Error) as exc:
        log.warning("kept %s as it is (%s): its question model is built in the copy", live, exc)
    finally:
        await db.close()


async def first_start(live: Path) -> None:
    """What the bot's first start does to a new database, and nothing it does for users."""
    try:
        db = await Database.open(live)
    except DatabaseError as exc:
        log.warning("no database made at %s (%s): answering from a throw-away one", live, exc)
        return
    try:
        if await seed_if_empty(db, data_dir()):
            log.info("made %s and seeded the knowledge base from %s", live, data_dir())
    finally:
        await db.close()
