"""Every button press is answered (no spinning client), a double tap included, and an edit that
changes nothing is a success: no apology to the user, no error notice to the admins."""

from __future__ import annotations

import handlers
from bot.app.local_api import make_user
from bot.callbacks import CallbackData
from tests.conftest import ADMIN_CHAT_ID, ADMIN_ID

APOLOGY = "something went wrong"
USER_COMMANDS = (
    "/start",
    "/help",
    "/subscribe",
    "/mysubscriptions",
    "/events",
    "/language",
    "Where is Konin?",  # an answer: rating and entry buttons
    "Wie wird das Wetter morgen in Herne?",  # none: the office buttons
)
ADMIN_COMMANDS = ("/broadcasts", "/editevent", "/cancelevent", "/questions", "/newevent")


def _answered(calls) -> bool:
    return any(c.method == "answerCallbackQuery" and c.error is None for c in calls)


def _complaints(calls) -> list:
    return [
        c
        for c in calls
        if c.method == "sendMessage"
        and (APOLOGY in (c.params.get("text") or "") or c.chat_id == ADMIN_CHAT_ID)
    ]


def _with_buttons(calls) -> list:
    return [c for c in calls if c.error is None and isinstance(c.result, dict) and c.buttons()]


async def _crawl(harness, user, commands, skip=()) -> int:
    """Press every button reachable from `commands`, each twice in a row."""
    queue, seen, presses = [], set(), 0
    for command in commands:
        queue += _with_buttons(await harness.send(user, command))
    while queue and presses < 300:
        call = queue.pop(0)
        for button in call.buttons():
            data = button.get("callback_data")
            if data is None or data in seen or data.startswith(skip):
                continue
            seen.add(data)
            for _ in range(2):
                calls = await harness.press(user, call.result, data)
                presses += 1
                assert _answered(calls), data
                assert not _complaints(calls), (data, _complaints(calls))
                queue += _with_buttons(calls)
    return presses


async def test_every_users_button_is_answered_even_on_a_double_tap(harness):
    # "erase" would end the walk; /deleteme has its own tests.
    presses = await _crawl(harness, make_user(610001, "en"), USER_COMMANDS, skip=("erase",))
    assert presses > 40


async def test_every_admin_button_is_answered_even_on_a_double_tap(harness):
    admin = make_user(ADMIN_ID, "en", first_name="Admin")
    await harness.send(make_user(610002, "de"), "Wie wird das Wetter morgen in Herne?")
    # Publishing or cancelling would reach every subscriber: pressed in their own tests.
    presses = await _crawl(harness, admin, ADMIN_COMMANDS, skip=("eva:pub", "eva:cancelyes"))
    assert presses > 10


async def test_a_button_no_handler_takes_is_answered(harness):
    user = make_user(610003, "de")
    message = (await harness.send(user, "/start"))[0].result
    prefixes = sorted({cls.prefix for cls in _subclasses(CallbackData)})
    assert len(prefixes) > 15
    for data in ["zzz:1", "", *[f"{p}:x:y:z:w" for p in prefixes], *prefixes]:
        for who in (user, make_user(ADMIN_ID, "en")):
            calls = await harness.press(who, message, data)
            assert _answered(calls), data
            assert not _complaints(calls), data


def _subclasses(cls) -> list:
    assert handlers.register  # every feature's button types are defined on import
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found
