"""Every screen in every language. A newcomer presses every button the menu leads to, asks
questions and uses every command; an admin walks every admin command, creates, changes and
cancels an event and writes a broadcast. The language detector the bot itself uses reads every
text and button label they were shown: English on a non-English screen (German on a
non-German one) is a leak, reported with its screen, language and text."""

from __future__ import annotations

import asyncio
import re
from collections import Counter, deque
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

import pytest
from babel.messages.pofile import read_po

from bot.app.application import build_application, running
from bot.app.local_api import ApiCall, LocalBotApi, LocalRequest, make_user
from bot.detection import lingua_detector
from bot.event_input import time_example
from bot.flood import UpdateBudget
from bot.i18n import DOMAIN, LANGUAGES, language_name
from bot.kb import load_yaml
from bot.resources import data_dir, locales_dir
from bot.users import utcnow
from handlers.events import ANY
from handlers.menus import MenuButton
from handlers.subscriptions import Toggle
from tests.conftest import ADMIN_CHAT_ID, Harness, replace_settings
from tests.deadline import Deadline
from tests.test_events import insert_event

# Titles an admin typed: like the knowledge base's names, they may be in any language.
TITLES = {
    "de": "Sommerfest im Kulturzentrum",
    "en": "Summer party at the culture centre",
    "ru": "Летний праздник в культурном центре",
    "pl": "Letni festyn w centrum kultury",
    "tr": "Kültür merkezinde yaz şenliği",
}
ADMIN_TITLE = "Konin 2027"
OFFICE_TEXT = "Konin, Herne, Wakefield?"
TYPED = (ADMIN_TITLE, "Rathaus Herne", "Rathaus", "Ola", "Jan")
# Pressed only when all else is walked: they end what the walk still uses (subscriptions, a
# draft, an event, the user's data).
LAST = re.compile(r"^(stp:1|erase:yes|bcd:\d+:(discard|send)|eva:(del|cancelyes|pub):)")
# Each kind of button (the first two words of its callback data) is pressed at most this
# often: every city, topic and sector, a sample of the organisations and FAQ entries.
PER_KIND = 10
NEWCOMER_COMMANDS = (
    "/help",
    "/events",
    "/subscribe",
    "/mysubscriptions",
    "/language",
    "/privacy",
    "/mydata",
    "/ask",
    "/office",
    "/cancel",
    "/nosuchcommand",
    "/stop",
    "/deleteme",
)
ADMIN_COMMANDS = (
    "/stats",
    "/questions",
    "/broadcasts",
    "/admins",
    "/grant",
    "/revoke",
    "/grant nobody",
    "/cancelevent",
)
# Words betray most leaks: a word of English (German) that the screen language's catalog and
# knowledge base never use. Lingua reads what no catalog holds (a new hard-coded sentence),
# on lines of at least LINGUA_WORDS words that have a word the screen language never uses:
# its trigram mode misreads short and common lines ("Pokaż na mapie" is German to it, "What
# do you want to change?" too).
LINGUA_WORDS = 3
LINGUA_SURE = 0.5


class Walk:
    """One user pressing every button of every screen they reach, breadth first."""

    def __init__(self, harness: Harness, user: dict):
        self.harness = harness
        self.user = user
        self.language = user["language_code"]
        self.shown: list[tuple[str, str]] = []  # (screen, text or button label)
        self.calls: list[ApiCall] = []
        self.pressed: set[str] = set()
        self.kinds: Counter[str] = Counter()
        self.waiting: deque[tuple[str, ApiCall]] = deque()
        self.last: list[tuple[str, ApiCall, str]] = []

    def take(self, screen: str, calls: list[ApiCall]) -> list[ApiCall]:
        for call in calls:
            if call.error is not None or (
                call.chat_id != self.user["id"] and call.method != "answerCallbackQuery"
            ):
                continue
            self.calls.append(call)
            if call.text:
                self.shown.append((screen, call.text))
            for button in call.buttons():
                self.shown.append((f"{screen} [button]", button["text"]))
            if call.buttons() and isinstance(call.result, dict):
                self.waiting.append((screen, call))
        return calls

    async def send(self, text: str, screen: str | None = None) -> list[ApiCall]:
        return self.take(screen or text, await self.harness.send(self.user, text))

    async def press(self, screen: str, call: ApiCall, data: str) -> list[ApiCall]:
        label = next(b["text"] for b in call.buttons() if b.get("callback_data") == data)
        self.pressed.add(data)
        where = f"{screen} > {label}"
        return self.take(where, await self.harness.press(self.user, call.result, data))

    async def walk(self) -> None:
        """Press every button not pressed yet; those LAST matches at the very end."""
        while self.waiting or self.last:
            if not self.waiting:
                await self.press(*self.last.pop(0))
                continue
            screen, call = self.waiting.popleft()
            for button in call.buttons():
                data = button.get("callback_data")
                kind = ":".join([p for p in (data or "").split(":") if not p.isdigit()][:2])
                # Another language's button switches the screens to it.
                other_language = kind.startswith("lang:") and data != f"lang:{self.language}"
                if not data or data in self.pressed or other_language:
                    continue
                if self.kinds[kind] >= PER_KIND:
                    continue
                self.pressed.add(data)
                self.kinds[kind] += 1
                if LAST.match(data):
                    self.last.append((screen, call, data))
                else:
                    await self.press(screen, call, data)


def bank_questions(language: str) -> list[str]:
    """One phrasing of a few kinds of question from the language's bank, names filled in."""
    path = data_dir() / "questions" / f"{language}.yaml"
    if not path.exists():
        return []
    intents = load_yaml(path.read_text(encoding="utf-8"))["intents"]
    names = {"city": "Konin", "city2": "Wakefield", "org": "Stadt Herne", "place": "Paris"}
    kinds = ("city.profile", "partners.list", "city.since", "events.upcoming", "out_of_scope")
    asked = []
    for kind in kinds:
        phrasings = [p for p in intents.get(kind, []) if "{sector}" not in p]
        if phrasings:
            asked.append(phrasings[min(2, len(phrasings) - 1)].format(**names))
    return asked


# ---- what may and what may not be on a screen --------------------------------------------

_WORD = re.compile(r"[^\W\d_]{2,}")
# What is no language: addresses, commands, environment variables, markup, quotations (the
# titles of sources and of what admins typed), numbers and symbols.
_NOT_LANGUAGE = re.compile(
    r"\S*https?://\S+|www\.\S+|\S+@\S+|\S+\.(?:com|de|ru|pl|tr|fr|net|org|cn)\b|/\w+|"
    r"\b[A-Z][A-Z_]*_[A-Z_]+\b|<[^>]+>|&\w+;|\"[^\"]*\"|„[^“]*“|«[^»]*»|“[^”]*”"
)


async def tolerated(harness: Harness) -> re.Pattern:
    """The names a screen may show in any language, as one pattern, longest first."""
    index = harness.services.qa.index
    names = {"Partnerbot", "Telegram", "JSON", *TYPED, *TITLES.values()}
    # insert_event's descriptions: the title and its language code, "… (en)".
    names |= {f"{title} ({code})" for code, title in TITLES.items()}
    # Each language named in itself, as the language menu shows it.
    names |= {language_name(code, code, label) for code in LANGUAGES for label in (False, True)}
    for city in index.cities.values():
        names |= {texts.get(f) or "" for texts in city.texts.values() for f in ("name", "region")}
        names |= set(city.aliases)
    for organisation in index.organisations.values():
        names |= {organisation.name, organisation.address or "", *organisation.aliases}
        names |= {t.get("name_local") or "" for t in organisation.texts.values()}
        names |= {t.get("location") or "" for t in organisation.texts.values()}
    db = harness.services.db
    names |= {row[0] for row in await db.fetchall("SELECT title FROM event_texts")}
    names |= {row[0] or "" for row in await db.fetchall("SELECT venue FROM events")}
    parts = sorted((re.escape(n) for n in names if n.strip()), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


@dataclass
class Vocabulary:
    """Words by language: all that its catalog and texts use (what betrays English or German
    elsewhere), and those a screen in it may show. The latter do not trust a translation that
    is its English message id unchanged, unless it is a label of at most two words ("Sport",
    "Link"): a sentence left in English is the leak itself."""

    words: dict[str, set[str]]
    trusted: dict[str, set[str]]


async def vocabularies(harness: Harness) -> Vocabulary:
    words = {language: set() for language in LANGUAGES}
    trusted = {language: set() for language in LANGUAGES}
    for language, (every, own) in _catalog_words().items():
        words.setdefault(language, set()).update(every)
        trusted.setdefault(language, set()).update(own)
    db = harness.services.db
    for sql in (
        "SELECT language, name || ' ' || country || ' ' || region || ' ' || profile || ' ' || "
        "coalesce(status_note, '') FROM city_texts",
        "SELECT language, coalesce(name_local, '') || ' ' || coalesce(location, '') || ' ' || "
        "description FROM organisation_texts",
        "SELECT language, answer || ' ' || questions FROM faq_texts",
        "SELECT language, title || ' ' || description FROM event_texts",
    ):
        for language, text in await db.fetchall(sql):
            for found in (words, trusted):
                found.setdefault(language, set()).update(_words(text))
    for language in LANGUAGES:
        for found in (words, trusted):
            found[language] |= _bank_words(language)
    return Vocabulary(words, trusted)


@cache
def _bank_words(language: str) -> frozenset[str]:
    """The words of the language's question bank: how people write it."""
    path = data_dir() / "questions" / f"{language}.yaml"
    if not path.exists():
        return frozenset()
    bank = load_yaml(path.read_text(encoding="utf-8"))
    texts = [p for phrasings in bank.get("intents", {}).values() for p in phrasings or ()]
    texts += [t for terms in (bank.get("sectors") or {}).values() for t in terms or ()]
    return frozenset(w for text in texts for w in _words(str(text)))


@cache
def _catalog_words() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """language -> (every word of its catalog, the words of what its translators wrote)."""
    every: dict[str, set[str]] = {"en": set()}
    own: dict[str, set[str]] = {"en": set()}
    for language in LANGUAGES:
        with (locales_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as fp:
            catalog = read_po(fp)
        for message in catalog:
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            english = set().union(*(_words(_strip_placeholders(text)) for text in ids))
            every["en"] |= english
            own["en"] |= english
            for text in strings:
                written = _words(_strip_placeholders(text))
                every.setdefault(language, set()).update(written)
                if text not in ids or len(_WORD.findall(text)) <= 2:
                    own.setdefault(language, set()).update(written)
    return {language: (frozenset(every[language]), frozenset(own[language])) for language in every}


def _strip_placeholders(text: str) -> str:
    return re.sub(r"%\(\w+\)[sdif]|<[^>]+>", " ", text)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def leaks(language: str, shown, names: re.Pattern, vocabulary: Vocabulary) -> list[str]:
    """Lines of `shown` in English or German where `language` is wanted, each with why: the
    words that betray it, or lingua's reading."""
    detector = lingua_detector()
    own = vocabulary.trusted.get(language, set())
    found: dict[str, None] = {}
    for screen, text in shown:
        for line in text.splitlines():
            line_words = [
                w.lower() for w in _WORD.findall(names.sub(" ", _NOT_LANGUAGE.sub(" ", line)))
            ]
            unknown = [w for w in line_words if w not in own]
            if not unknown:
                continue
            for other in {"en", "de"} - {language}:
                why = ", ".join(w for w in unknown if w in vocabulary.words[other])
                if not why and len(line_words) >= LINGUA_WORDS:
                    # New words, which no catalog holds: lingua reads the whole line.
                    values = {
                        v.language.iso_code_639_1.name.lower(): v.value
                        for v in detector.compute_language_confidence_values(" ".join(line_words))
                    }
                    if values.get(other, 0.0) >= LINGUA_SURE > values.get(language, 0.0):
                        why = f"lingua {values[other]:.2f}"
                if why:
                    found[f"[{language}] {screen}: {line!r} ({other}: {why})"] = None
    return list(found)


# ---- the walk ------------------------------------------------------------------------------


async def _newcomer(harness: Harness, language: str, admin_id: int) -> Walk:
    user = make_user(731000 + LANGUAGES.index(language), language, first_name="Ola")
    walk = Walk(harness, user)
    # By buttons only from /start: the office, an event's calendar file, a city's contacts.
    await walk.send("/start")
    await walk.walk()
    t = harness.services.catalogs[language]
    office_prompt = t.gettext(
        "Write your message to the partnership office now, in one message. The office will see "
        "your name and your message and can answer you here. Send /cancel to stop."
    )
    assert any(c.text == office_prompt for c in walk.calls), "the office prompt"
    files = [c.files["document"][0] for c in walk.calls if c.method == "sendDocument"]
    assert "walk.ics" in files, f"the event's calendar file ({files})"
    contacts = t.pgettext("button", "🤝 Contacts in this city")
    assert any(screen.endswith(f"> {contacts}") for screen, _ in walk.shown), "city contacts"
    home = MenuButton("home").pack()
    greeting_shown = [
        c
        for c in walk.calls
        if c.method == "editMessageText"
        and any(b.get("callback_data") == MenuButton("office").pack() for b in c.buttons())
    ]
    assert greeting_shown and home in walk.pressed, "back to the menu"

    for question in bank_questions(language):
        await walk.send(question, f"question {question!r}")
        await walk.walk()

    # A message to the office, the office's answer, and a reply to it (what they type is
    # theirs: a name here).
    await walk.send("/office")
    calls = await walk.send(OFFICE_TEXT, "/office: the message")
    [post] = [c for c in calls if c.chat_id == ADMIN_CHAT_ID and c.method == "sendMessage"]
    office = make_user(admin_id, language, first_name="Jan")
    group = harness.api.chats[ADMIN_CHAT_ID]
    reply = harness.api.send_text(office, OFFICE_TEXT, chat=group, reply_to_message=post.result)
    calls = walk.take("the office's answer", await harness.feed(reply))
    [answer] = [c for c in calls if c.chat_id == walk.user["id"] and c.method == "sendMessage"]
    follow_up = harness.api.send_text(walk.user, OFFICE_TEXT, reply_to_message=answer.result)
    assert walk.take("a reply to the office's answer", await harness.feed(follow_up))
    for command in NEWCOMER_COMMANDS:
        await walk.send(command)
        await walk.walk()
    return walk


async def _admin(harness: Harness, language: str, admin_id: int) -> Walk:
    walk = Walk(harness, make_user(admin_id, language, first_name="Jan"))
    await walk.send("/start")
    for command in ADMIN_COMMANDS:
        await walk.send(command)
        await walk.walk()

    # /newevent to its preview, through every step.
    calls = await walk.send("/newevent")
    for step in ("nev:city:", "nev:topic:", "nev:place:"):
        [screen] = [c for c in calls if c.buttons()]
        data = next(
            b["callback_data"] for b in screen.buttons() if b["callback_data"].startswith(step)
        )
        calls = await walk.press("/newevent", screen, data)
    day = (utcnow() + timedelta(days=40)).date().isoformat()
    for answer in (
        ADMIN_TITLE,
        "/skip",
        day,
        time_example(language),
        "/skip",
        "Rathaus",
        "/skip",
        "/skip",
    ):
        await walk.send(answer, f"/newevent: {answer}")
    await walk.send("/newevent", "/newevent again")
    await walk.send("/cancel", "/newevent: /cancel")
    await walk.walk()

    # /editevent: every field's prompt, then a new value and a translation.
    await walk.send("/editevent")
    await walk.walk()
    for field_name, value in (("venue", "Rathaus Herne"), ("date", day), ("start", "25:99")):
        [screen] = [
            c
            for c in reversed(walk.calls)
            if any(b.get("callback_data", "").startswith("eva:field:") for b in c.buttons())
        ][:1]
        data = next(
            b["callback_data"]
            for b in screen.buttons()
            if b["callback_data"].endswith(f":{field_name}")
        )
        await walk.press("/editevent", screen, data)
        await walk.send(value, f"/editevent {field_name}: {value}")
        await walk.walk()

    # /broadcast: a draft in the admin's language, and every button of its card.
    calls = await walk.send("/broadcast")
    [screen] = [c for c in calls if c.buttons()]
    await walk.press("/broadcast", screen, f"bcn:{language}")
    await walk.send(TITLES.get(language, ADMIN_TITLE), "/broadcast: the text")
    await walk.walk()
    return walk


async def _subscriber(harness: Harness, language: str) -> Walk:
    """Someone subscribed to everything, who hears of what the admin does."""
    walk = Walk(harness, make_user(733000 + LANGUAGES.index(language), language, first_name="Ewa"))
    [screen] = [c for c in await walk.send("/subscribe") if c.buttons()]
    await walk.press("/subscribe", screen, Toggle(ANY, ANY, 1).pack())
    return walk


async def _deliveries_done(harness: Harness) -> None:
    deadline = Deadline(30)
    while await harness.services.db.scalar(
        "SELECT count(*) FROM delivery_jobs WHERE state NOT IN ('done', 'cancelled')"
    ):
        assert not deadline.passed(), f"deliveries still running after {deadline}"
        await asyncio.sleep(0.05)


@pytest.mark.usefixtures("quick_charts")  # the admin's /stats: a chart in each language
@pytest.mark.parametrize("language", LANGUAGES)
async def test_every_screen_speaks_the_readers_language(settings, catalogs, language):
    admin_id = 732000 + LANGUAGES.index(language)
    settings = replace_settings(settings, admin_ids=frozenset({admin_id}))
    api = LocalBotApi()
    api.chats[ADMIN_CHAT_ID] = {"id": ADMIN_CHAT_ID, "type": "supergroup", "title": "Office"}
    application = build_application(settings, catalogs, LocalRequest(api), deliver=True)
    async with running(application):
        harness = Harness(application, api)
        harness.services.flood = UpdateBudget(10**6, 10**6)
        await insert_event(
            harness.services.db,
            "walk",
            "konin",
            "culture",
            utcnow() + timedelta(days=9),
            texts=TITLES,
        )
        reader = await _subscriber(harness, language)
        newcomer = await _newcomer(harness, language, admin_id)
        mark = len(api.calls)
        admin = await _admin(harness, language, admin_id)
        # What the admin's event and broadcast sent the subscriber: announcement, change
        # notices, the broadcast.
        await _deliveries_done(harness)
        assert len(reader.take("delivered", api.calls[mark:])) >= 3
        names = await tolerated(harness)
        vocabulary = await vocabularies(harness)
        # Telegram's command menus: the language's own, and the admin's chat menu.
        menus = [
            (f"command menu {scope} {code}", command["description"])
            for (scope, code), commands in api.commands.items()
            if code == language or str(admin_id) in scope
            for command in commands
        ]
    assert len(menus) > 20, menus
    shown = reader.shown + newcomer.shown + admin.shown + menus
    assert len(shown) > 500, len(shown)
    found = leaks(language, shown, names, vocabulary)
    assert not found, f"{len(found)} lines in another language:\n" + "\n".join(found)


# Lines the issue found, and lines that must pass: (language, line, is it a leak).
DETECTOR_CASES = [
    ("tr", "🗑 Discard", True),
    ("tr", "🏙 Any city", True),
    ("pl", "subskrybenci tematu culture", True),
    ("de", "🏙 City: any", True),
    ("ru", "Источник: Stadt Herne, the town's website", True),
    ("en", "Wochenübersicht", True),
    # No catalog holds these words: lingua reads them.
    ("pl", "Gremlins swallowed everything yesterday", True),
    ("en", "Gremlins verschluckten gestern alles", True),
    ("pl", "📍 Pokaż na mapie", False),
    ("en", "What do you want to change?", False),
    ("de", "🌐 Website", False),
    ("tr", "Abone olundu: Spor", False),
    ("ru", 'Источник: WAZ, "Herne verlängert Partnerschaft" (2018)', False),
    ("pl", "Adres: Westring 303, Herne", False),
]


async def test_the_detector_tells_a_leak_from_a_name(harness):
    names, vocabulary = await tolerated(harness), await vocabularies(harness)
    for language, line, leak in DETECTOR_CASES:
        assert bool(leaks(language, [("screen", line)], names, vocabulary)) is leak, line
