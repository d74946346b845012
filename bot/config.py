"""Settings read once from the environment (and `.env`) into one frozen object."""

from __future__ import annotations

import ipaddress
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from bot.i18n import LANGUAGES

# Herne's zone: event times without a zone of their own, what readers without one see, quiet
# hours and the daily and weekly jobs. One constant, so the three can never disagree.
HOME_ZONE = ZoneInfo("Europe/Berlin")
TELEGRAM_BASE_URL = "https://api.telegram.org/bot"
TELEGRAM_BASE_FILE_URL = "https://api.telegram.org/file/bot"


class ConfigError(Exception):
    """A setting has a value the bot cannot use; the message names the variable."""


@dataclass(frozen=True, slots=True)
class Settings:
    token: str | None = None
    base_url: str = TELEGRAM_BASE_URL
    base_file_url: str = TELEGRAM_BASE_FILE_URL
    db_path: Path = Path("partnerbot.sqlite3")
    admin_ids: frozenset[int] = frozenset()
    default_language: str = "de"
    broadcast_rate: float = 25.0
    webhook_url: str | None = None
    webhook_secret: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    # Proxies whose X-Real-IP / X-Forwarded-For are believed; anyone else could forge them.
    trusted_proxies: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    admin_chat_id: int | None = None
    announce_channel_id: int | str | None = None
    log_level: str = "INFO"
    heartbeat_file: Path | None = None
    retention_days: int = 365
    questions_per_minute: int = 20
    updates_per_minute: int = 60
    # Seconds before an event's start; how often due reminders are looked for.
    reminder_offsets: tuple[int, ...] = (86400, 3600)
    reminder_interval: float = 30.0

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admin_ids

    @property
    def heartbeat_path(self) -> Path:
        """The file the running bot touches so that a container health check can see it live."""
        return self.heartbeat_file or self.db_path.with_name(self.db_path.name + ".heartbeat")


def _blank_to_none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _int(name: str, raw: str, expects: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r}: expected {expects}") from None


def _positive(name: str, raw: str | None, default: int, unit: str) -> int:
    raw = _blank_to_none(raw)
    if raw is None:
        return default
    value = _int(name, raw, f"a whole number of {unit}, at least 1")
    if value < 1:
        raise ConfigError(f"{name}={raw!r}: expected a whole number of {unit}, at least 1")
    return value


def _bounded(name: str, raw: str | None, default: float, maximum: float, unit: str) -> float:
    """A number above 0 and at most `maximum`, e.g. a rate or an interval."""
    raw = _blank_to_none(raw) or str(default)
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not 0 < value <= maximum:
        raise ConfigError(f"{name}={raw!r}: expected {unit}, above 0 and at most {maximum:g}")
    return value


def _chat_id(name: str, raw: str | None) -> int | str | None:
    raw = _blank_to_none(raw)
    if raw is None:
        return None
    if raw.startswith("@") and len(raw) > 1:
        return raw
    return _int(name, raw, "a numeric chat id such as -1001234567890 or a @channelname")


def _url(name: str, raw: str | None) -> str | None:
    raw = _blank_to_none(raw)
    if raw is None:
        return None
    parsed = urlparse(raw)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ConfigError(
            f"{name}={raw!r}: expected an http(s) URL such as https://example.org/path"
        )
    return raw


_DURATION = re.compile(r"^(\d{1,7})([dhms]?)$")
_UNIT_SECONDS = {"d": 86400, "h": 3600, "m": 60, "s": 1, "": 1}


def _networks(
    name: str, raw: str | None
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    networks = []
    for part in (_blank_to_none(raw) or "").replace(";", ",").split(","):
        if not part.strip():
            continue
        try:
            networks.append(ipaddress.ip_network(part.strip(), strict=False))
        except ValueError:
            raise ConfigError(
                f"{name}={raw!r}: expected comma-separated IP addresses or networks such as "
                "127.0.0.1,10.0.0.0/8"
            ) from None
    return tuple(networks)


def _reminder_offsets(raw: str | None) -> tuple[int, ...]:
    raw = _blank_to_none(raw)
    if raw is None:
        return (86400, 3600)
    offsets = set()
    for part in raw.replace(";", ",").split(","):
        match = _DURATION.match(part.strip().lower())
        if not match or int(match.group(1)) == 0:
            raise ConfigError(
                f"REMINDER_OFFSETS={raw!r}: expected durations before the start such as 1d,1h "
                "(units d, h, m or s)"
            )
        offsets.add(int(match.group(1)) * _UNIT_SECONDS[match.group(2)])
    return tuple(sorted(offsets, reverse=True))


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Build the settings from `environ` (default: os.environ); raise ConfigError on a bad value."""
    env = os.environ if environ is None else environ

    admin_ids: set[int] = set()
    for part in (env.get("ADMIN_IDS") or "").replace(";", ",").split(","):
        if part.strip():
            admin_ids.add(
                _int("ADMIN_IDS", part.strip(), "comma-separated numeric Telegram user ids")
            )

    default_language = (_blank_to_none(env.get("DEFAULT_LANGUAGE")) or "de").lower()
    if default_language not in LANGUAGES:
        raise ConfigError(
            f"DEFAULT_LANGUAGE={default_language!r}: expected one of {', '.join(LANGUAGES)}"
        )

    broadcast_rate = _bounded(
        "BROADCAST_RATE", env.get("BROADCAST_RATE"), 25, 1000, "messages per second"
    )

    port_raw = _blank_to_none(env.get("WEBHOOK_PORT")) or "8443"
    webhook_port = _int("WEBHOOK_PORT", port_raw, "a TCP port number from 1 to 65535")
    if not 0 < webhook_port < 65536:
        raise ConfigError(f"WEBHOOK_PORT={port_raw!r}: expected a TCP port number from 1 to 65535")

    webhook_secret = _blank_to_none(env.get("WEBHOOK_SECRET"))
    if webhook_secret is not None and not (
        1 <= len(webhook_secret) <= 256
        and all(c.isascii() and (c.isalnum() or c in "_-") for c in webhook_secret)
    ):
        raise ConfigError("WEBHOOK_SECRET: expected 1-256 characters, only A-Z, a-z, 0-9, _ and -")

    log_level = (_blank_to_none(env.get("LOG_LEVEL")) or "INFO").upper()
    if not isinstance(logging.getLevelName(log_level), int):
        raise ConfigError(
            f"LOG_LEVEL={log_level!r}: expected DEBUG, INFO, WARNING, ERROR or CRITICAL"
        )

    admin_chat = _chat_id("ADMIN_CHAT_ID", env.get("ADMIN_CHAT_ID"))
    if isinstance(admin_chat, str):
        raise ConfigError(f"ADMIN_CHAT_ID={admin_chat!r}: expected a numeric chat id")

    retention_days = _positive("RETENTION_DAYS", env.get("RETENTION_DAYS"), 365, "days")
    questions_per_minute = _positive(
        "QUESTIONS_PER_MINUTE", env.get("QUESTIONS_PER_MINUTE"), 20, "questions per user"
    )

    updates_per_minute = _positive(
        "UPDATES_PER_MINUTE", env.get("UPDATES_PER_MINUTE"), 60, "updates per user"
    )

    heartbeat = _blank_to_none(env.get("PARTNERBOT_HEARTBEAT_FILE"))
    reminder_interval = _bounded(
        "REMINDER_INTERVAL", env.get("REMINDER_INTERVAL"), 30, 3600, "seconds"
    )
    return Settings(
        token=_blank_to_none(env.get("TELEGRAM_BOT_TOKEN")),
        base_url=_url("TELEGRAM_BASE_URL", env.get("TELEGRAM_BASE_URL")) or TELEGRAM_BASE_URL,
        base_file_url=_url("TELEGRAM_BASE_FILE_URL", env.get("TELEGRAM_BASE_FILE_URL"))
        or TELEGRAM_BASE_FILE_URL,
        db_path=Path(_blank_to_none(env.get("PARTNERBOT_DB")) or "partnerbot.sqlite3"),
        admin_ids=frozenset(admin_ids),
        default_language=default_language,
        broadcast_rate=broadcast_rate,
        webhook_url=_url("WEBHOOK_URL", env.get("WEBHOOK_URL")),
        webhook_secret=webhook_secret,
        webhook_listen=_blank_to_none(env.get("WEBHOOK_LISTEN")) or "0.0.0.0",
        webhook_port=webhook_port,
        trusted_proxies=_networks("WEBHOOK_TRUSTED_PROXIES", env.get("WEBHOOK_TRUSTED_PROXIES")),
        admin_chat_id=admin_chat,
        announce_channel_id=_chat_id("ANNOUNCE_CHANNEL_ID", env.get("ANNOUNCE_CHANNEL_ID")),
        log_level=log_level,
        heartbeat_file=Path(heartbeat) if heartbeat else None,
        retention_days=retention_days,
        questions_per_minute=questions_per_minute,
        updates_per_minute=updates_per_minute,
        reminder_offsets=_reminder_offsets(env.get("REMINDER_OFFSETS")),
        reminder_interval=reminder_interval,
    )
