"""A newcomer in every language finds the office, an event's calendar file and a city's
contacts, and comes back to the menu, by pressing buttons only; labels are cut at a word."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from bot.app.local_api import make_user
from bot.flood import UpdateBudget
from bot.i18n import LANGUAGES
from bot.textual import shorten
from bot.users import utcnow
from handlers.events import EventButton
from handlers.menus import MenuButton
from tests.test_events import insert_event

TITLES = {
    "de": "Sommerfest im Kulturzentrum",
    "en": "Summer party at the culture centre",
    "ru": "Летний праздник в культурном центре",
    "pl": "Letni festyn w centrum kultury",
    "tr": "Kültür merkezinde yaz şenliği",
    "fr": "Fête d'été au centre culturel",
    "es": "Fiesta de verano en el centro cultural",
    "zh": "文化中心夏日庆典",
    "uk": "Літнє свято в культурному центрі",
}


def shown(calls, method="editMessageText"):
    found = [c for c in calls if c.method == method and c.error is None]
    assert len(found) == 1, [(c.method, c.text) for c in calls]
    return found[0]


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_newcomer_reaches_office_calendar_and_contacts_by_buttons_only(
    harness, catalogs, language
):
    t = catalogs[language]
    db = harness.services.db
    await insert_event(db, "walk", "herne", "culture", utcnow() + timedelta(days=9), texts=TITLES)
    user = make_user(720000 + LANGUAGES.index(language), language, first_name="Neu")
    # Opening the chat is the only thing typed.
    [menu] = [c for c in await harness.send(user, "/start") if c.buttons()]
    greeting = menu.text
    menu_label = t.pgettext("button", "🏠 Menu")
    back_label = t.pgettext("button", "◀️ Back")

    # The office: the prompt replaces the menu; leaving it says that nothing was sent.
    office = shown(
        await harness.press_label(
            user, menu, t.pgettext("menu button", "🙋 Ask the partnership office")
        )
    )
    assert office.text == t.gettext(
        "Write your message to the partnership office now, in one message. The office will see "
        "your name and your message and can answer you here. Send /cancel to stop."
    )
    calls = await harness.press_label(user, office, menu_label)
    menu = shown(calls)
    assert menu.text == greeting
    [note] = [c for c in calls if c.method == "sendMessage"]
    assert note.text == t.gettext(
        "Your message to the office was not sent: you went on to something else. "
        "To write to the office, send /office or tap 🙋 in the menu."
    )

    # An event's calendar file, and back to the list and the menu.
    listing = shown(await harness.press_label(user, menu, t.pgettext("menu button", "📅 Events")))
    assert TITLES[language] in listing.text
    card = shown(await harness.press(user, listing.result, EventButton("open", "walk").pack()))
    assert TITLES[language] in card.text
    calls = await harness.press_label(user, card, t.gettext("📆 Add to calendar"))
    filename, content = shown(calls, "sendDocument").files["document"][:2]
    assert filename == "walk.ics" and b"BEGIN:VEVENT" in content
    calls = await harness.press_label(user, card, t.gettext("📍 Show on map"))
    assert shown(calls, "sendLocation").params["latitude"] == 51.5
    assert shown(await harness.press_label(user, card, back_label)).text == listing.text
    menu = shown(await harness.press_label(user, listing, menu_label))
    assert menu.text == greeting

    # A city's contacts, an organisation's card, and home again.
    cities = shown(
        await harness.press_label(user, menu, t.pgettext("menu button", "🏙 Partner cities"))
    )
    name = harness.services.qa.index.cities["belgorod"].name(language)
    city = shown(await harness.press_label(user, cities, name))
    assert name in city.text
    contacts = shown(
        await harness.press_label(user, city, t.pgettext("button", "🤝 Contacts in this city"))
    )
    organisations = [
        o for o in harness.services.qa.index.organisations.values() if o.city_id == "belgorod"
    ]
    assert len(contacts.buttons()) == len(organisations) + 2  # and Back, Menu
    first = organisations[0]
    org = shown(await harness.press(user, contacts.result, contacts.buttons()[0]["callback_data"]))
    assert first.local_name(language) in org.text
    assert {b.get("url") for b in org.buttons()} >= {first.website}
    assert shown(await harness.press_label(user, org, back_label)).text == contacts.text
    assert shown(await harness.press_label(user, org, menu_label)).text == greeting


async def test_every_screen_of_the_menu_has_a_way_home(harness):
    user = make_user(720100, "pl")
    [menu] = [c for c in await harness.send(user, "/start") if c.buttons()]
    home = MenuButton("home").pack()
    for section in ("cities", "events", "contacts", "subscriptions", "language", "help"):
        screen = shown(await harness.press(user, menu.result, MenuButton(section).pack()))
        assert home in [b.get("callback_data") for b in screen.buttons()], section
    for command in ("/help", "/events", "/subscribe", "/language"):
        [reply] = [c for c in await harness.send(user, command) if c.method == "sendMessage"]
        assert home in [b.get("callback_data") for b in reply.buttons()], command


@pytest.mark.parametrize(
    ("label", "limit", "expected"),
    [
        ("Partnership with Beşiktaş signed", 60, "Partnership with Beşiktaş signed"),
        (
            "Exchange of pupils and teachers with Relationships",
            40,
            "Exchange of pupils and teachers with…",
        ),
        (
            "„Business International“ in Herne mit Gästen aus Konin",
            30,
            "„Business International“ in…",
        ),
        # A quotation or bracket the cut would leave open is left out whole.
        ("Treffen „Business International in Herne“ mit Gästen", 30, "Treffen…"),
        ("Tag der offenen Tür (Stadtwerke Herne und Partner)", 35, "Tag der offenen Tür…"),
        ("Wirtschaftsförderungsgesellschaft", 12, "Wirtschafts…"),
    ],
)
def test_labels_are_cut_at_a_word_with_an_ellipsis(label, limit, expected):
    cut = shorten(label, limit)
    assert cut == expected and len(cut) <= limit


async def test_the_rate_limit_notice_says_when_the_user_can_write_again(harness):
    now = [1000.0]
    harness.services.flood = UpdateBudget(60, 2, clock=lambda: now[0])
    user = make_user(720200, "ru")
    await harness.send(user, "Где находится Конин?")
    now[0] += 15
    await harness.send(user, "Где находится Конин?")
    [notice] = [c for c in await harness.send(user, "Где находится Конин?") if c.text]
    # The first question leaves the window 60 s after it came, 45 s from now.
    assert "через 45 секунд;" in notice.text
    now[0] += 44
    assert not await harness.send(user, "Где находится Конин?")
    now[0] += 1
    [answer] = await harness.send(user, "Где находится Конин?")
    assert "Конин" in answer.text


async def test_no_shipped_label_is_cut_mid_word_or_inside_a_quotation(harness):
    index = harness.services.qa.index
    labels = [o.local_name(lang) for o in index.organisations.values() for lang in LANGUAGES]
    labels += [
        row[0] for row in await harness.services.db.fetchall("SELECT title FROM event_texts")
    ]
    assert labels
    for label in labels:
        for limit in (20, 30, 60):
            cut = shorten(label, limit)
            assert len(cut) <= limit, label
            stem = cut.removesuffix("…")
            # Only a first word longer than the limit is cut inside (nowhere else to cut).
            if cut != " ".join(label.split()) and " " in label[: limit - 1]:
                # The cut ends at a word's end: its last word is a whole word of the label.
                marks = '„“”«»()"‚‘’,;:–-'
                # Chinese puts no space before a quotation: the quotation marks end words too.
                words = re.split(r'[\s„“”«»()"]+', label)
                whole = {word.strip(marks) for word in words}
                assert stem.split()[-1].strip(marks) in whole, (label, cut)
                for mark, closing in (("„", "“”"), ("«", "»"), ("(", ")")):
                    after = stem[stem.index(mark) :] if mark in stem else closing[0]
                    assert any(close in after for close in closing), (label, cut)
