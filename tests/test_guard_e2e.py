"""Availability on real processes: the webhook under hostile requests, one `run` per
database, and no token in the log at any level."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
from pathlib import Path

import httpx
import pytest

from bot.app.local_api import make_user
from bot.app.webhook import MAX_BODY, client_ip
from tests.processes import (
    TOKEN,
    WEBHOOK_HEADERS,
    SharedBot,
    assert_one_line_error,
    clean_env,
    run_command,
    stop_cleanly,
    wait_for,
)

# Each test starts real `python -m bot` processes.
pytestmark = pytest.mark.slow

MB = 1024 * 1024


def high_water_mark(pid: int) -> int:
    """The process's peak resident memory so far, in bytes (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


def post_raw(port: int, headers: dict[str, str], body_size: int, timeout: float = 10) -> bytes:
    """POST `body_size` bytes (sent as long as the server reads them); the response's first
    bytes, or b"" when the server closed without one."""
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    request = f"POST /telegram HTTP/1.1\r\nHost: 127.0.0.1\r\n{head}\r\n".encode()
    chunk = b"x" * (64 * 1024)
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request)
        sent = 0
        try:
            while sent < body_size:
                sock.sendall(chunk[: body_size - sent])
                sent += len(chunk)
        except OSError:
            pass  # the server refused and closed: what we want
        try:
            return sock.recv(200)
        except OSError:
            return b""


def headers_only(port: int, headers: dict[str, str], timeout: float = 10) -> bytes:
    """Announce a 50 MB body but send none of it: only a server that answers on the headers
    alone replies before the timeout."""
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    request = (
        f"POST /telegram HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {50 * MB}\r\n{head}\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request.encode())
        return sock.recv(200)


def test_client_ip_believes_forwarding_headers_only_from_trusted_proxies():
    proxies = (ipaddress.ip_network("10.0.0.0/8"),)
    forged = {"X-Real-IP": "6.6.6.6", "X-Forwarded-For": "6.6.6.6"}
    assert client_ip("203.0.113.9", forged, ()) == "203.0.113.9"
    assert client_ip("203.0.113.9", forged, proxies) == "203.0.113.9"
    chain = {"X-Forwarded-For": "6.6.6.6, 198.51.100.7, 10.1.1.1"}
    assert client_ip("10.0.0.2", chain, proxies) == "198.51.100.7"
    assert client_ip("10.0.0.2", {"X-Real-IP": "198.51.100.8"}, proxies) == "198.51.100.8"
    assert client_ip("10.0.0.2", {"X-Real-IP": "not an ip"}, proxies) == "10.0.0.2"


@pytest.mark.asyncio(loop_scope="session")
async def test_the_webhook_refuses_on_headers_and_bounds_memory(webhook_bot: SharedBot) -> None:
    api, base, port = webhook_bot.api, webhook_bot.base, webhook_bot.port
    bot = await webhook_bot.running()
    pid = bot.process.pid
    before = high_water_mark(pid)

    # A wrong secret is refused on the headers: no byte of the body is awaited.
    started = time.monotonic()
    response = await asyncio.to_thread(
        headers_only, port, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}
    )
    assert response.startswith(b"HTTP/1.1 403"), response
    assert b"Connection: close" in response, response
    assert time.monotonic() - started < 5
    # With the secret, a body over the limit is refused on its announced length.
    response = await asyncio.to_thread(headers_only, port, WEBHOOK_HEADERS)
    assert response.startswith(b"HTTP/1.1 413"), response

    # Eight 50 MB POSTs at once, as in the review: without the secret, and with it.
    size = 50 * MB
    attacks = [{"Content-Length": str(size)} for _ in range(4)] + [
        {"Content-Length": str(size), **WEBHOOK_HEADERS} for _ in range(4)
    ]
    responses = await asyncio.gather(
        *(asyncio.to_thread(post_raw, port, headers, size) for headers in attacks)
    )
    # The refusal comes before the body, and the server then closes the connection: a
    # client still sending may see the reset before the response (b"").
    assert all(r[:12] in (b"HTTP/1.1 403", b"") for r in responses[:4]), responses
    assert all(r[:12] in (b"HTTP/1.1 413", b"") for r in responses[4:]), responses
    # Chunked, so no length up front: stopped past the limit all the same.
    chunked = await asyncio.to_thread(
        post_raw, port, {"Transfer-Encoding": "chunked", **WEBHOOK_HEADERS}, 4 * MAX_BODY
    )
    assert not chunked.startswith(b"HTTP/1.1 200"), chunked
    growth = high_water_mark(pid) - before
    print(f"webhook peak memory growth under 8 x 50 MB POSTs: {growth / MB:.1f} MB")
    assert growth < 50 * MB, growth / MB

    async with httpx.AsyncClient(timeout=10) as client:
        nested = b'{"update_id": 5, "message": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
        response = await client.post(f"{base}/telegram", content=nested, headers=WEBHOOK_HEADERS)
        assert response.status_code == 400
        # Forged forwarding headers are not believed without WEBHOOK_TRUSTED_PROXIES.
        await client.post(f"{base}/telegram", json={}, headers={"X-Real-IP": "6.6.6.6"})

        user = make_user(301, "en")
        update = api.send_text(user, "/start")
        response = await client.post(f"{base}/telegram", json=update, headers=WEBHOOK_HEADERS)
        assert response.status_code == 200
    await wait_for(lambda: api.sent(user["id"], "sendMessage"), "reply", 30, bot)
    stderr = bot.stderr()
    assert "6.6.6.6" not in stderr and "from 127.0.0.1" in stderr, stderr
    # The webhook_bot fixture stops it cleanly at the end.


@pytest.mark.asyncio(loop_scope="session")
async def test_a_second_run_on_the_same_database_is_refused_in_one_line(
    polling_bot: SharedBot, tmp_path: Path
) -> None:
    # At the default log level: DEBUG lines would precede the one line.
    env = {k: v for k, v in polling_bot.env.items() if k != "LOG_LEVEL"}
    bot = await polling_bot.running()
    second = await asyncio.to_thread(run_command, tmp_path, env, "run")
    assert second.returncode == 1, second.stderr
    line = assert_one_line_error(second, "partnerbot.sqlite3", "already")
    assert "Traceback" not in line
    assert bot.returncode is None  # the first goes on
    await stop_cleanly(bot)
    # Once the first has stopped, a new one starts (and serves the other tests).
    again = await polling_bot.running()
    assert again is not bot and again.returncode is None


@pytest.mark.asyncio(loop_scope="session")
async def test_the_token_is_never_logged_even_at_debug(polling_bot: SharedBot) -> None:
    api = polling_bot.api
    bot = await polling_bot.running()
    user = make_user(302, "en")
    api.send_text(user, "Where is Konin?")
    await wait_for(lambda: api.sent(user["id"], "sendMessage"), "reply", 30, bot)
    # Unanswered, so it is written to the office inbox: an INSERT with the text.
    api.send_text(user, "How will the weather be tomorrow in Herne?")
    await wait_for(lambda: len(api.sent(user["id"], "sendMessage")) == 2, "reply", 30, bot)
    stderr = polling_bot.stderr()
    secret_part = TOKEN.split(":", 1)[1]
    assert " DEBUG " in stderr  # the log does run at DEBUG
    assert TOKEN not in stderr and secret_part not in stderr
    # Users' messages stay out of it too: python-telegram-bot's update dumps are left out.
    assert "Where is Konin?" not in stderr and "weather" not in stderr
    # The polling_bot fixture reads the whole log again once the bot has stopped.


@pytest.mark.asyncio(loop_scope="session")
async def test_a_flooding_user_gets_five_answers_and_a_victim_is_answered(
    polling_bot: SharedBot,
) -> None:
    api = polling_bot.api  # QUESTIONS_PER_MINUTE=5
    bot = await polling_bot.running()
    attacker, victim = make_user(303, "en"), make_user(304, "en")
    group = {"id": -303, "type": "supergroup", "title": "Flood"}
    hostile = ("Konin " * 700)[:4000]
    for n in range(12):
        if n % 3 == 2:
            api.send_text(attacker, f"@partnerbot_local_bot {hostile}", chat=group)
        else:
            api.send_text(attacker, ("/ " if n % 3 else "") + hostile)
    api.send_text(victim, "Where is Konin?")
    await wait_for(lambda: api.sent(victim["id"], "sendMessage"), "victim's answer", 30, bot)

    def attacker_replies() -> list:
        return api.sent(attacker["id"], "sendMessage") + api.sent(-303, "sendMessage")

    await wait_for(lambda: len(attacker_replies()) >= 6, "attacker's replies", 60, bot)
    await asyncio.sleep(1)  # anything beyond would have come by now
    texts = [call.text for call in attacker_replies()]
    notices = [text for text in texts if "5 questions per minute" in text]
    assert len(notices) == 1 and len(texts) == 6, texts


@pytest.mark.parametrize(
    ("name", "value"), [("UPDATES_PER_MINUTE", "0"), ("WEBHOOK_TRUSTED_PROXIES", "my-proxy")]
)
def test_a_wrong_new_setting_stops_start_up_with_one_line(
    tmp_path: Path, name: str, value: str
) -> None:
    env = clean_env(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, **{name: value})
    result = run_command(tmp_path, env, "run")
    assert result.returncode == 2
    assert_one_line_error(result, name, repr(value))
