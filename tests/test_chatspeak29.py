"""Round 29: chat-speak the spelling stage does not reach. An apologetic or chatty opening
("sorry, dumb question", "извините за беспокойство", "kusura bakma"), a chat abbreviation of
a question word ("qd", "cdo", "wen", "када"), a slang verb for two towns that made friends
("сдружились", "здружилися"), and Chinese internet spellings ("神马", "肿么", "木有"), which
are no tokens of their own (bench/qa_probe_colq29.jsonl)."""

from __future__ import annotations

import time

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language", "entry", "year"),
    [
        # Main: the fallback (0.22): the apology and "када" weakened a slang verb no phrasing uses.
        (
            "сорян за беспокойство, а када херне с белгородом сдружились",
            "ru",
            "city.since:belgorod",
            "1990",
        ),
        # Main: the fallback (0.15): "sorki", "głupie pytanie" and "jak coś" outweighed "kiedy".
        (
            "sorki za głupie pytanie, jak coś to kiedy herne i wakefield się zaprzyjaźniły",
            "pl",
            "city.since:wakefield",
            "1956",
        ),
        # Main: Konin's history (0.46), the slang verb read as how it began.
        (
            "перепрошую за турботу, а шось відомо, коли герне з коніном здружилися",
            "uk",
            "city.since:konin",
            "1991",
        ),
        # Main: Konin's profile (0.96): "cdo" (cuándo) was no word of the bank.
        (
            "perdona la pregunta tonta, cdo se hermanaron herne y konin",
            "es",
            "city.since:konin",
            "1991",
        ),
    ],
)
async def test_a_chatty_question_is_read_as_what_it_asks(
    shared_qa, question, language, entry, year
):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert answer.entry == entry, answer.entry
    assert answer.language == language
    assert year in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "main"),
    [
        # Answered on main too, but only just: the openings are now left out.
        (
            "dsl de te déranger, jsp si tu sais, qd est-ce que herne et luzhou se sont jumelées",
            "fr",
            0.42,
        ),
        ("soz if this is a dumb question but wen did herne n besiktas twin", "en", 0.41),
        ("sry für die doofe frage, kp seit wann eisleben partnerstadt is", "de", 0.59),
        ("kusura bakma, aptalca bi soru ama besiktas ne zamandan beri kardeş şehir", "tr", 0.59),
    ],
)
async def test_an_apologetic_opening_no_longer_weakens_the_question(
    shared_qa, question, language, main
):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert (answer.entry or "").startswith("city.since:"), answer.entry
    assert answer.confidence > main + 0.2, answer.confidence


def test_chinese_chat_spellings_are_respelt_before_the_question_is_read(shared_qa):
    reader = shared_qa.understander.reader
    assert reader.respelt("科宁是神马时候成为友好城市的") == "科宁是什么时候成为友好城市的"
    assert reader.respelt("现在肿么样，还有木有交流") == "现在怎么样，还有没有交流"
    # Nothing else changes: a character of a chat spelling alone is no chat spelling.
    assert reader.respelt("马上告诉我有没有") == "马上告诉我有没有"
    assert reader.respelt("Where is Konin?") == "Where is Konin?"


async def test_a_chinese_chat_spelling_is_answered(shared_qa):
    # Main: the status at 0.53, one reading from the threshold.
    answer = await shared_qa.answer("别尔哥罗德现在肿么样了捏", "zh")
    assert answer.entry == "city.status:belgorod", answer.entry
    assert answer.confidence > 0.8
    assert "暂停" in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # An apology before a question the base cannot answer still falls back.
        ("sorry to bother you, wots the weather in konin tmrw", "en"),
        ("извините за беспокойство, скока стоит такси в белгороде", "ru"),
        ("dsl, il fait combien à wakefield mtn", "fr"),
        ("打扰一下，泸州有神马好吃滴", "zh"),
    ],
)
async def test_an_apology_before_a_question_out_of_scope_still_falls_back(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, (answer.entry, answer.confidence)


async def test_an_apology_alone_is_still_small_talk(shared_qa):
    for question, language in (("извините", "ru"), ("perdón", "es"), ("不好意思", "zh")):
        answer = await shared_qa.answer(question, language)
        assert (answer.entry or "").startswith("smalltalk."), (question, answer.entry)


async def test_a_real_word_that_is_also_chat_is_left_alone(shared_qa):
    # Spanish "q" and French "c" are words the bank itself uses: no variant replaces them.
    reader = shared_qa.understander.reader
    assert "q" not in reader.variants["es"] and "c" not in reader.variants["fr"]
    # Turkish "bi" stays a word of its own and a question with it is still answered.
    answer = await shared_qa.answer("bi sorum olacak: eisleben hangi eyalette", "tr")
    assert answer.entry == "city.where:eisleben", answer.entry


def test_respelling_a_long_message_stays_cheap(shared_qa):
    reader = shared_qa.understander.reader
    text = ("神马木有肿么介个酱紫" * 410)[:4096]
    started = time.perf_counter()
    respelt = reader.respelt(text)
    assert time.perf_counter() - started < 0.05
    assert "神马" not in respelt and len(respelt) == len(text)
