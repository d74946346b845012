"""Partnerbot: the application core (configuration, storage, i18n, knowledge base, delivery)."""

import os

__version__ = "0.1.0"

# PTB 22 warns on every RetryAfter (and other time periods) until one opts in to the timedelta
# type that its next major version makes the only one; the bot reads such values only through
# helpers that accept either type (bot.app.sender.retry_after_seconds).
os.environ.setdefault("PTB_TIMEDELTA", "true")
