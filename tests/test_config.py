"""Settings: defaults, every variable read, and one clear line for each wrong value."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings


def test_defaults_follow_the_contract():
    settings = load_settings({})
    assert settings.token is None
    assert settings.base_url == "https://api.telegram.org/bot"
    assert settings.base_file_url == "https://api.telegram.org/file/bot"
    assert settings.db_path == Path("partnerbot.sqlite3")
    assert settings.admin_ids == frozenset()
    assert settings.default_language == "de"
    assert settings.broadcast_rate == 25
    assert (settings.webhook_listen, settings.webhook_port) == ("0.0.0.0", 8443)
    assert settings.log_level == "INFO"
    assert (settings.questions_per_minute, settings.updates_per_minute) == (20, 60)
    assert settings.trusted_proxies == ()


def test_every_variable_is_read():
    settings = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": "1:abc",
            "TELEGRAM_BASE_URL": "http://127.0.0.1:9000/bot",
            "TELEGRAM_BASE_FILE_URL": "http://127.0.0.1:9000/file/bot",
            "PARTNERBOT_DB": "/x/db.sqlite3",
            "ADMIN_IDS": " 12, 34 ",
            "DEFAULT_LANGUAGE": "TR",
            "BROADCAST_RATE": "1000",
            "WEBHOOK_URL": "https://bot.example.org/hook",
            "WEBHOOK_SECRET": "s3cr-et_",
            "WEBHOOK_LISTEN": "127.0.0.1",
            "WEBHOOK_PORT": "8080",
            "ADMIN_CHAT_ID": "-1001",
            "ANNOUNCE_CHANNEL_ID": "@herne_partner",
            "LOG_LEVEL": "debug",
            "QUESTIONS_PER_MINUTE": "5",
            "UPDATES_PER_MINUTE": "30",
            "WEBHOOK_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8,::1",
        }
    )
    assert settings.token == "1:abc"
    assert settings.base_url == "http://127.0.0.1:9000/bot"
    assert settings.admin_ids == {12, 34}
    assert settings.default_language == "tr"
    assert settings.broadcast_rate == 1000
    assert settings.webhook_port == 8080
    assert settings.admin_chat_id == -1001
    assert settings.announce_channel_id == "@herne_partner"
    assert settings.log_level == "DEBUG"
    assert (settings.questions_per_minute, settings.updates_per_minute) == (5, 30)
    assert [str(n) for n in settings.trusted_proxies] == ["127.0.0.1/32", "10.0.0.0/8", "::1/128"]
    assert settings.is_admin(12) and not settings.is_admin(99) and not settings.is_admin(None)


@pytest.mark.parametrize(
    ("name", "value", "expects"),
    [
        ("ADMIN_IDS", "12,abc", "numeric Telegram user ids"),
        ("DEFAULT_LANGUAGE", "it", "one of de, en, ru, pl, tr, fr, es, zh, uk"),
        ("BROADCAST_RATE", "0", "above 0 and at most 1000"),
        ("BROADCAST_RATE", "fast", "above 0 and at most 1000"),
        ("BROADCAST_RATE", "1001", "above 0 and at most 1000"),
        ("WEBHOOK_PORT", "http", "TCP port"),
        ("WEBHOOK_PORT", "70000", "TCP port"),
        ("TELEGRAM_BASE_URL", "ftp://example.org", "http(s) URL"),
        ("WEBHOOK_URL", "not a url", "http(s) URL"),
        ("WEBHOOK_SECRET", "has space", "A-Z"),
        ("ADMIN_CHAT_ID", "@group", "numeric chat id"),
        ("ANNOUNCE_CHANNEL_ID", "channel", "numeric chat id"),
        ("LOG_LEVEL", "LOUD", "DEBUG, INFO"),
        ("RETENTION_DAYS", "0", "RETENTION_DAYS"),
        ("QUESTIONS_PER_MINUTE", "many", "QUESTIONS_PER_MINUTE"),
        ("UPDATES_PER_MINUTE", "0", "updates per user, at least 1"),
        ("UPDATES_PER_MINUTE", "lots", "UPDATES_PER_MINUTE"),
        ("WEBHOOK_TRUSTED_PROXIES", "10.0.0.0/8,proxy", "IP addresses or networks"),
        ("REMINDER_OFFSETS", "1 week", "durations before the start"),
        ("REMINDER_INTERVAL", "0", "seconds"),
    ],
)
def test_a_wrong_value_names_the_variable_and_what_it_expects(name, value, expects):
    with pytest.raises(ConfigError) as raised:
        load_settings({name: value})
    message = str(raised.value)
    assert message.startswith(name)
    assert expects in message
    assert "\n" not in message


def test_settings_are_frozen():
    settings = load_settings({})
    with pytest.raises(AttributeError):
        settings.token = "x"  # type: ignore[misc]


@pytest.mark.parametrize("code", ["fr", "es", "zh", "uk"])
def test_every_registry_language_can_be_the_default(code):
    assert load_settings({"DEFAULT_LANGUAGE": code}).default_language == code


ENVIRONMENT_PROBE = (
    "import json, sys; from bot.cli import _environment; env = _environment(); print(json.dumps("
    "[env.get('DEFAULT_LANGUAGE'), env.get('ADMIN_IDS'), 'dotenv' in sys.modules]))"
)


@pytest.mark.parametrize(
    ("env_file", "expected"),
    [
        (None, [None, "7", False]),  # no .env: python-dotenv is not even imported
        ("DEFAULT_LANGUAGE=tr\nADMIN_IDS=1\n", ["tr", "7", True]),  # the real environment wins
        ("", [None, "7", True]),
    ],
)
def test_the_env_file_is_read_when_there_is_one(tmp_path, env_file, expected):
    if env_file is not None:
        (tmp_path / ".env").write_text(env_file)
    root = Path(__file__).resolve().parent.parent
    environment = {**os.environ, "PYTHONPATH": str(root), "ADMIN_IDS": "7"}
    environment.pop("DEFAULT_LANGUAGE", None)
    probe = subprocess.run(
        [sys.executable, "-c", ENVIRONMENT_PROBE],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        check=True,
        text=True,
    )
    assert json.loads(probe.stdout) == expected
