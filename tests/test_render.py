"""Rendering composed answers: every kind of answer the engine gives, in several languages,
becomes Telegram HTML that uses only the tags Telegram accepts, balanced, and plain text that is
that message without markup. (When the engine stopped building HTML, a one-off recording of the
old engine's 630 messages proved the new rendering byte for byte the same; the recording was
then dropped, as it pinned today's texts and Babel's zone names rather than behaviour.)"""

from __future__ import annotations

import ast
import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

import bot
from bot.answer import Answer, Bullet, Heading, Note, Paragraph
from bot.app.application import open_answerer
from bot.compose import CITY_KINDS, compose
from bot.db import Database
from bot.render import to_html, to_plain
from bot.textual import html_to_text
from bot.understanding import Knowledge
from tests.test_compose import add_office_entry, understood
from tests.test_events import insert_event

LANGUAGES = ("en", "de", "ru", "zh", "uk", "tr")
CITIES = ("belgorod", "konin", "henin-beaumont", "besiktas", "luzhou")
# The local time changes by the minute: its answers are checked for their shape only.
TIMELESS_KINDS = tuple(kind for kind in CITY_KINDS if kind != "time")
# Events on fixed days, so that their lines are the same on every run.
FIXED = datetime(2031, 5, 14, 16, 0, tzinfo=UTC)


def questions() -> list[tuple[str, str, dict[str, list[str]]]]:
    """(intent, language, slots) for every kind of answer compose gives."""
    asked: list[tuple[str, str, dict[str, list[str]]]] = []
    for language in LANGUAGES:
        for kind in TIMELESS_KINDS:
            for city in CITIES:
                asked.append((f"city.{kind}", language, {"cities": [city]}))
            asked.append((f"city.{kind}", language, {"cities": ["konin", "belgorod"]}))
        asked += [
            ("city.population", language, {"cities": ["konin"], "places": ["Kraków"]}),
            ("city.distance", language, {"cities": ["belgorod"], "places": ["Moscow"]}),
            ("city.since", language, {}),
            ("city.distance", language, {}),
            ("city.history", language, {"cities": ["herne"]}),
            ("city.profile", language, {"cities": ["herne"]}),
            ("partners.list", language, {}),
            ("partners.list", language, {"cities": ["konin"]}),
            ("partners.list", language, {"cities": ["belgorod"]}),
            ("partners.check", language, {"cities": ["konin"]}),
            ("partners.check", language, {"cities": ["belgorod", "wakefield"]}),
            ("partners.check", language, {"cities": ["herne"]}),
            ("partners.check", language, {"places": ["Paris", "<b>Atlantis</b> & Co"]}),
            ("contacts.sector", language, {"sectors": ["science"]}),
            ("contacts.sector", language, {"sectors": ["logistics"], "cities": ["konin"]}),
            ("contacts.sector", language, {"sectors": ["nanotechnology", "sport"]}),
            ("contacts.sector", language, {"cities": ["konin"]}),
            ("contacts.business", language, {}),
            ("org.info", language, {"organisations": ["ruhrvalley", "business-herne"]}),
            ("declaration.when", language, {}),
            ("declaration.who", language, {"cities": ["konin"]}),
            ("declaration.about", language, {}),
            ("declaration.fields", language, {}),
            ("faq.eisleben-luther", language, {}),
            ("faq.office-1", language, {}),
            ("association.contact", language, {}),
            ("office.contact", language, {}),
            ("smalltalk.greeting", language, {}),
            ("smalltalk.thanks", language, {}),
            ("smalltalk.goodbye", language, {}),
            ("bot.capabilities", language, {}),
            ("events.past", language, {}),
            ("events.past", language, {"cities": ["belgorod"]}),
            ("events.past", language, {"cities": ["ometepe"]}),
        ]
    return asked


EVENT_QUESTIONS = [
    ("events.upcoming", language, slots)
    for language in LANGUAGES
    for slots in (
        {},
        {"cities": ["konin"]},
        {"cities": ["wakefield"]},
        {"cities": ["belgorod"]},
        {"cities": ["konin", "luzhou"]},
    )
]


def key(intent: str, language: str, slots: dict[str, list[str]], stage: str = "") -> str:
    return json.dumps([stage, intent, language, slots], ensure_ascii=False, sort_keys=True)


async def add_events(db: Database) -> None:
    """More upcoming events than an answer lists, one changed, one with markup in its title."""
    day = 86400
    for n in range(7):
        start = datetime.fromtimestamp(FIXED.timestamp() + n * day, UTC)
        await insert_event(db, f"w{n}", "wakefield", "sport", start)
    await insert_event(
        db, "k1", "konin", "culture", FIXED, texts={"en": "Fish & Chips <fair>", "de": "Chor"}
    )
    await insert_event(db, "l1", "luzhou", "culture", FIXED, zone="Asia/Shanghai")
    async with db.transaction() as conn:
        await conn.execute("UPDATE events SET status = 'changed' WHERE id = 'w1'")


async def collect(tmp_path: Path, seeded_db_file: Path, catalogs, render) -> dict[str, str]:
    """Every answer of questions() and EVENT_QUESTIONS (before and after events are added),
    rendered by `render`, by key."""
    path = tmp_path / "render.sqlite3"
    shutil.copyfile(seeded_db_file, path)
    db = await Database.open(path)
    try:
        # Opened before the base changes, so that the stored question model serves.
        qa = await open_answerer(db, catalogs)
        # Characters HTML must escape.
        await add_office_entry(db, 'Ja, <gern> & "gut". Bis bald!')
        knowledge = await Knowledge.load(db)
        rendered: dict[str, str] = {}
        for intent, language, slots in questions() + EVENT_QUESTIONS:
            answer = await compose(
                understood(intent, language, **slots), knowledge, db, catalogs[language]
            )
            rendered[key(intent, language, slots)] = "" if answer is None else render(answer)
        await add_events(db)
        for intent, language, slots in EVENT_QUESTIONS:
            answer = await compose(
                understood(intent, language, **slots), knowledge, db, catalogs[language]
            )
            rendered[key(intent, language, slots, "events")] = render(answer)
        # The honest fallback: a question without a letter or digit is never understood.
        for language in LANGUAGES:
            rendered[key("fallback", language, {})] = render(await qa.answer("?!", language))
        return rendered
    finally:
        await db.close()


TAG = re.compile(r"</?([a-z]+)[^>]*>")


async def test_telegram_messages_use_balanced_tags_telegram_accepts(
    tmp_path, seeded_db_file, catalogs
):
    rendered = await collect(tmp_path, seeded_db_file, catalogs, to_html)
    assert len(rendered) > 500
    for key, message in rendered.items():
        open_tags: list[str] = []
        for match in TAG.finditer(message):
            name = match.group(1)
            assert name in {"b", "i", "a", "code"}, (key, match.group(0))
            if match.group(0).startswith("</"):
                assert open_tags and open_tags.pop() == name, (key, message)
            else:
                open_tags.append(name)
        assert not open_tags, (key, message)
        # Every < and > left is part of a tag: the texts themselves are escaped.
        assert "<" not in TAG.sub("", message) and ">" not in TAG.sub("", message), key


async def test_plain_text_is_the_message_without_markup(tmp_path, seeded_db_file, catalogs):
    plain = await collect(tmp_path, seeded_db_file, catalogs, to_plain)
    html = await collect(tmp_path, seeded_db_file, catalogs, to_html)
    assert plain == {key: html_to_text(message) for key, message in html.items()}
    assert any("Fish & Chips <fair>" in text for text in plain.values())


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_local_time_is_plain_text_with_the_suspension_under_it(
    tmp_path, seeded_db_file, catalogs, language
):
    db = await Database.open(shutil.copyfile(seeded_db_file, tmp_path / "time.sqlite3"))
    try:
        knowledge = await Knowledge.load(db)
        u = understood("city.time", language, cities=["belgorod", "luzhou"])
        answer = await compose(u, knowledge, db, catalogs[language])
    finally:
        await db.close()
    assert answer is not None
    belgorod, luzhou = answer.paragraphs
    assert belgorod.lines[1] == knowledge.cities["belgorod"].texts[language]["status_note"]
    assert len(luzhou.lines) == 1 and knowledge.cities["luzhou"].name(language) in luzhou.lines[0]
    assert html_to_text(to_html(answer)) == to_plain(answer)


@pytest.mark.parametrize("module", ["compose", "qa", "understanding"])
def test_the_engine_holds_no_markup(module):
    tree = ast.parse((Path(bot.__file__).parent / f"{module}.py").read_text())
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not imported & {"escape", "Html", "html", "bot.render"}
    markup = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.search(r"</?(b|i|u|s|a|code|pre|blockquote)\b[^>]*>", node.value)
    ]
    assert not markup


def test_rendering_escapes_every_text_once():
    answer = Answer(
        [
            Paragraph((Heading("<Konin>", "🇵🇱", " (A & B)"), "x < y")),
            Paragraph((Bullet("5 > 4: ", "Fish & Chips", " – <new>"), Note("&amp;"))),
        ],
        "en",
        1.0,
        False,
    )
    assert to_html(answer) == (
        "🇵🇱 <b>&lt;Konin&gt;</b> (A &amp; B)\nx &lt; y\n\n"
        "• 5 &gt; 4: <b>Fish &amp; Chips</b> – &lt;new&gt;\n<i>&amp;amp;</i>"
    )
    assert to_plain(answer) == ("🇵🇱 <Konin> (A & B)\nx < y\n\n• 5 > 4: Fish & Chips – <new>\n&amp;")
    assert html_to_text(to_html(answer)) == to_plain(answer)
