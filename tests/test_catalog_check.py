"""The broadcast screens walked by admins of every non-English language: every label in the
admin's language. The walk also feeds the session's catalog check (tests/catalog_check.py),
which fails the run on any string the extraction missed."""

from __future__ import annotations

import pytest

from bot.app.local_api import make_user, private_chat
from tests.catalog_check import (
    CatalogCheck,
    _Catalogs,
    _Fragments,
    _leaks,
    _recognise,
    _Screen,
)
from tests.conftest import ADMIN_ID
from tests.test_broadcast import last_with_buttons, replies
from tests.test_delivery import add_users, engine_harness
from tests.test_events import subscribe

BUTTONS = ("👁 Preview", "✖ Discard", "🏙 City: %(value)s", "🏷 Topic: %(value)s")


@pytest.mark.parametrize("language", ["de", "ru", "pl", "tr"])
async def test_the_broadcast_screens_speak_the_admins_language(settings, catalogs, language):
    admin = make_user(ADMIN_ID, language, first_name="Admin")
    t = catalogs[language]
    async with engine_harness(settings, catalogs, broadcast_rate=200.0) as bc:
        bc.api.chats[ADMIN_ID] = private_chat(admin)
        await add_users(bc, {801: language})
        await subscribe(bc, 801, None, "culture")
        prompt = last_with_buttons(await bc.send(admin, "/broadcast"))
        calls = await bc.press(admin, prompt.result, prompt.buttons()[0]["callback_data"])
        card = last_with_buttons(await bc.feed(bc.api.send_text(admin, "Hallo")))
        labels = [b["text"] for b in card.buttons()]
        for msgid in BUTTONS:
            wanted = t.pgettext("broadcast button", msgid, value="").strip()
            english = msgid.split("%")[0].strip()
            assert any(label.startswith(wanted) for label in labels), (wanted, labels)
            assert not any(label.startswith(english) for label in labels), labels
        topic = t.pgettext("broadcast button", "🏷 Topic: %(value)s", value="")
        calls = await bc.press_label(admin, card, topic.strip())
        [picker] = replies(calls, "editMessageReplyMarkup")
        labels = [b["text"] for b in picker.buttons()]
        assert t.pgettext("broadcast audience", "Any topic") in labels
        assert t.pgettext("broadcast button", "◀️ Back") in labels
        assert t.gettext("Culture") in labels and "culture" not in labels
        calls = await bc.press_label(admin, picker, t.pgettext("broadcast button", "◀️ Back"))
        card = last_with_buttons(calls)
        calls = await bc.press_label(admin, card, t.pgettext("broadcast button", "👁 Preview"))
        summary = last_with_buttons(calls)
        assert t.pgettext("broadcast button", "✅ Send now") in [
            b["text"] for b in summary.buttons()
        ]


def test_the_check_finds_an_english_label_on_a_german_screen(catalogs):
    found = _Catalogs.load()
    t = catalogs["de"]
    text = t.gettext("⭐ goes to everyone whose language has no version of its own.")
    assert _recognise(found, text) == "de"
    good = _Screen("sendMessage", 1, text, (t.pgettext("broadcast button", "👁 Preview"),))
    assert _leaks(found, "de", good) == []
    bad = _Screen("sendMessage", 1, text, ("👁 Preview", "✖ Discard"))
    assert set(_leaks(found, "de", bad)) == {"Preview", "Discard"}
    english = catalogs["en"].gettext(
        "⭐ goes to everyone whose language has no version of its own."
    )
    assert _recognise(found, english) == "en"


@pytest.mark.parametrize(
    ("spoken", "leaks"), [({"en"}, False), ({"pl"}, True), (set(), True), ({"en", "pl"}, True)]
)
def test_a_screen_is_judged_in_the_language_the_code_translated_in(catalogs, spoken, leaks):
    # A user asks in Polish, then in English, in one chat: the second answer (knowledge-base
    # text, which no catalog recognises) rightly carries English buttons. Judged by the chat's
    # last language alone, it was an English label on a Polish screen.
    t = catalogs["pl"]
    polish = t.gettext("⭐ goes to everyone whose language has no version of its own.")
    check = CatalogCheck()
    check.screens = [
        ("t", _Screen("sendMessage", 5, polish, (), frozenset({"pl"}))),
        ("t", _Screen("sendMessage", 5, "Luzhou: 4,254,149", ("📰 Source",), frozenset(spoken))),
    ]
    found = [f for f in check.findings() if "Source" in f]
    assert bool(found) == leaks, found


def test_the_fragments_a_text_contains_are_those_a_search_for_each_finds():
    """The check looks fragments up by their first characters instead of searching each
    text for each one: it must find exactly what that search finds, overlaps and fragments
    sharing a beginning included."""
    found = _Catalogs.load()
    fragments = set().union(*found.marks.values(), *found.english.values())
    marks = sorted(found.marks["de"])[:40] + sorted(found.english["ru"])[:40]
    texts = [
        " ".join(marks[i : i + 3]) + "\n" + marks[-i - 1][2:] + marks[i][:-1]
        for i in range(len(marks) - 3)
    ]
    texts += ["", "short", "Zauberladen für Kinder"]
    for text in texts:
        assert found.fragments.within(text) == {f for f in fragments if f in text}, text
    with pytest.raises(ValueError, match="shorter"):
        _Fragments(["too short"])
