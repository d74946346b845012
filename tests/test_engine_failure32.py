"""Round 32: an exception inside the question engine costs the one question it was raised on.
`partnerbot ask --jsonl` writes that line (the user's apology, as a fallback, and what failed)
and goes on; the traceback goes to the log, never to the output. On Telegram and in the
console the user gets the translated apology."""

from __future__ import annotations

import io
import json
import logging
from argparse import Namespace

import pytest

from bot.app.ask import run_ask
from bot.app.console import run_console
from bot.app.local_api import make_user
from bot.understanding import Understander

TRIGGER = "Wakefield"  # the engine fails on every question naming it, and only on those


class EngineBroke(RuntimeError):
    pass


@pytest.fixture
def broken_engine(monkeypatch):
    understand = Understander.understand

    def failing(self, question, user_language):
        if TRIGGER in question:
            raise EngineBroke("the engine broke on this question")
        return understand(self, question, user_language)

    monkeypatch.setattr(Understander, "understand", failing)


async def test_ask_jsonl_writes_a_line_for_a_failed_question_and_goes_on(
    settings, catalogs, broken_engine, caplog
):
    lines = [
        json.dumps({"text": "Wo liegt Konin?", "language_code": "de"}),
        json.dumps({"text": f"Seit wann ist {TRIGGER} Partnerstadt?", "language_code": "ru"}),
        "not json",
        json.dumps({"text": "Wo liegt Hénin-Beaumont?", "language_code": "en"}),
    ]
    out = io.StringIO()
    args = Namespace(jsonl=True, json=False, question=[], lang=None)
    with caplog.at_level(logging.ERROR):
        assert await run_ask(settings, catalogs, args, io.StringIO("\n".join(lines)), out) == 0
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(results) == 4, out.getvalue()
    assert "Polen" in results[0]["text"] and "error" not in results[0]
    failed = results[1]
    assert failed["fallback"] is True and failed["sources"] == []
    assert failed["language"] == "ru"
    assert failed["text"] == catalogs["ru"].gettext(
        "Sorry, something went wrong on my side. The team has been told; "
        "please try again in a moment."
    )
    assert "EngineBroke" in failed["error"]
    assert "error" in results[2] and "language" not in results[2]
    assert "France" in results[3]["text"] or "Frankreich" in results[3]["text"]
    assert "Traceback" not in out.getvalue()
    assert any(r.exc_info and r.exc_info[0] is EngineBroke for r in caplog.records)


async def test_ask_one_question_the_engine_fails_on_answers_with_the_apology(
    settings, catalogs, broken_engine
):
    out = io.StringIO()
    args = Namespace(jsonl=False, json=True, question=[f"{TRIGGER}?"], lang="pl")
    assert await run_ask(settings, catalogs, args, io.StringIO(), out) == 0
    result = json.loads(out.getvalue())
    assert result["fallback"] is True and result["language"] == "pl"
    assert "EngineBroke" in result["error"]


async def test_a_telegram_user_gets_the_apology_in_their_language(harness, broken_engine):
    calls = await harness.send(make_user(3201, "uk"), f"Коли {TRIGGER} став партнером?")
    to_user = [c for c in calls if c.method == "sendMessage" and c.chat_id == 3201]
    assert len(to_user) == 1
    catalog = harness.services.catalogs["uk"]
    assert to_user[0].params["text"] == catalog.gettext(
        "Sorry, something went wrong on my side. The team has been told; "
        "please try again in a moment."
    )
    calls = await harness.send(make_user(3201, "uk"), "Де знаходиться Конін?")
    assert any("Польщ" in (c.params.get("text") or "") for c in calls)


async def test_the_console_shows_the_apology_and_answers_the_next_message(
    settings, catalogs, broken_engine
):
    out = io.StringIO()
    stdin = io.StringIO(f"Where is {TRIGGER}?\nWhere is Konin?\n")
    assert await run_console(settings, catalogs, 7, "en", False, stdin, out) == 0
    shown = out.getvalue()
    failed, _, after = shown.partition("something went wrong on my side")
    assert failed and after, shown
    assert "Poland" in after
