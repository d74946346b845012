"""A start on an untouched copy of the template takes the worker's engine (conftest's
`TemplateStarts`): it must answer as a start that loads it, and a copy written to must load
what it holds."""

from __future__ import annotations

import pytest

import bot.app.application
import bot.qa
import bot.understanding
from bot.app.application import open_answerer
from bot.db import Database
from bot.qa import QuestionAnswerer
from bot.understanding import load_understander

QUESTIONS = [
    ("Wo liegt Konin?", "de"),
    ("Who signed the 2018 declaration?", "en"),
    ("Какие города-партнёры у Херне?", "ru"),
    ("Kiedy Herne i Konin zostały miastami partnerskimi?", "pl"),
    ("Beşiktaş ile ortaklık ne zaman başladı?", "tr"),
    ("Wakefield est-il dans le Yorkshire ?", "fr"),
    ("hola", "es"),
]


async def test_a_start_on_an_untouched_copy_answers_as_one_that_loads_the_engine(
    harness, catalogs, template_starts
):
    started = harness.services.qa
    shared = template_starts.understander
    # A bot's own engine, with its own caches, on the worker's Reader.
    assert started.understander is not shared
    assert started.understander.reader is shared.reader
    db = harness.services.db
    loaded = QuestionAnswerer(db, await load_understander(db), catalogs)
    await loaded.count_forms()
    assert loaded.understander.reader is not shared.reader
    assert started.understander.entry_sectors == loaded.understander.entry_sectors
    assert started.understander.region_words == loaded.understander.region_words
    for question, language in QUESTIONS:
        assert await started.answer(question, language) == await loaded.answer(
            question, language
        ), question


async def test_a_copy_read_and_closed_is_still_untouched(settings, catalogs, template_starts):
    db = await Database.open(settings.db_path)
    try:
        qa = await open_answerer(db, catalogs)
        assert not (await qa.answer("Wo liegt Konin?", "de")).fallback
    finally:
        await db.close()
    assert template_starts.untouched(settings.db_path)
    db = await Database.open(settings.db_path)
    try:
        qa = await open_answerer(db, catalogs)
        assert qa.understander.reader is template_starts.understander.reader
    finally:
        await db.close()


@pytest.mark.parametrize("closed", [False, True], ids=["in-the-log", "checkpointed"])
async def test_a_start_on_a_written_copy_loads_what_it_holds(
    settings, catalogs, template_starts, closed
):
    knowledge = template_starts.understander.reader.knowledge
    entry = next(e for e in knowledge.faq.values() if "en" in e.answers and not e.office)
    written = "An answer written to this copy only."
    db = await Database.open(settings.db_path)
    try:
        async with db.transaction() as conn:
            await conn.execute(
                "UPDATE faq_texts SET answer = ? WHERE faq_id = ? AND language = 'en'",
                (written, entry.id),
            )
        if closed:  # the last connection closed: the log is written into the file
            await db.close()
            db = await Database.open(settings.db_path)
        assert not template_starts.untouched(settings.db_path)
        qa = await open_answerer(db, catalogs)
        assert qa.understander.reader is not template_starts.understander.reader
        assert qa.knowledge.faq[entry.id].answers["en"] == written
    finally:
        await db.close()


async def test_the_engine_and_a_reload_load_as_the_bot_does(settings, template_starts):
    # Only the application's start goes through the worker's engine; the engine's own
    # function, which a reload and the tests of loading call, is the bot's.
    assert bot.app.application.load_understander == template_starts.load
    assert bot.understanding.load_understander is load_understander
    assert bot.qa.load_understander is load_understander
