"""Logging set-up: the level from LOG_LEVEL, quiet libraries, and the bot token never written.

python-telegram-bot logs its Bot API URL (token included) at DEBUG, httpx every request URL at
INFO, and a network error may carry the URL in its message or traceback.
"""

from __future__ import annotations

import logging
import re

# A Bot API token inside a URL or a message: digits, a colon, then the secret part.
_TOKEN = re.compile(r"\d{3,}:[A-Za-z0-9_-]{10,}")
REDACTED = "<token>"


class RedactToken(logging.Filter):
    """Replaces the token (and anything shaped like one) in a record's message and traceback."""

    def __init__(self, token: str | None):
        super().__init__()
        self.token = token

    def redact(self, text: str) -> str:
        if self.token:
            text = text.replace(self.token, REDACTED)
        return _TOKEN.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def configure_logging(level: str, token: str | None) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactToken(token))
    numeric = logging.getLevelName(level)
    # httpx logs each request URL at INFO; the scheduler two lines per job run (every 3 s
    # while a broadcast runs); at DEBUG python-telegram-bot dumps whole updates and replies
    # and aiosqlite every statement with its parameters, users' messages included.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    for talkative in ("telegram", "aiosqlite"):
        logging.getLogger(talkative).setLevel(max(numeric, logging.INFO))
