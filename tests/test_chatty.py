"""Chatty questions, round 15: chat words of several languages, a Latin word that spells a
name of another script, a partner city asked by its country, two Chinese questions split by a
space."""

from __future__ import annotations

import pytest

from bot.render import to_plain
from bot.understanding import Bank, bank_dir


@pytest.fixture
def qa(shared_qa):
    """The worker's answerer (conftest's `shared_qa`): these tests only ask."""
    return shared_qa


@pytest.mark.parametrize(
    ("text", "user_language"),
    [
        # English, German, French and Chinese chat: lingua reads it as French.
        ("thx", "en"),
        ("thx", "de"),
        ("thx", "zh"),
        ("thx", "fr"),
    ],
)
async def test_chat_words_of_several_languages_are_the_users(qa, text, user_language):
    answer = await qa.answer(text, user_language)
    assert not answer.fallback and answer.smalltalk
    assert answer.language == user_language


@pytest.mark.parametrize(
    ("text", "language", "intent"),
    [
        ("howdy", "en", "smalltalk.greeting"),  # once in the bank: no word of it
        ("sup", "en", "smalltalk.greeting"),
        ("cheers mate", "en", "smalltalk.thanks"),  # "mate" is chatter
        ("grax", "es", "smalltalk.thanks"),
        ("q onda", "es", "smalltalk.greeting"),
        ("eyw", "tr", "smalltalk.thanks"),
        ("cc", "fr", "smalltalk.greeting"),  # coucou
        ("3q", "zh", "smalltalk.thanks"),
    ],
)
async def test_chat_greetings_and_thanks_are_small_talk(qa, text, language, intent):
    answer = await qa.answer(text, language)
    assert not answer.fallback and answer.smalltalk
    assert answer.language == language
    understood, _ = qa.understander.understand(text, language)
    assert understood.intent == intent


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("donde qeda konin", "es", "polonia"),  # qeda: queda
        ("xfa dime donde esta konin", "es", "polonia"),  # xfa: por favor, chatter
        ("cachai donde queda luzhou", "es", "sichuan"),
        ("шо такое конин", "ru", "польш"),
    ],
)
async def test_chat_spellings_inside_a_question(qa, text, language, expected):
    answer = await qa.answer(text, language)
    assert not answer.fallback and answer.language == language
    assert expected in to_plain(answer).lower()


def test_gerne_is_a_german_word_not_ukrainian_herne():
    assert "gerne" in Bank.load(bank_dir()).not_names


async def test_gerne_typed_in_latin_letters_is_no_name(qa):
    reader = qa.understander.reader
    assert reader.scan("ja gerne").entities == []
    # Герне in Cyrillic letters is still Herne.
    assert [m.ids for m in reader.scan("де знаходиться Герне").entities] == [("herne",)]
    answer = await qa.answer("ja gerne", "de")
    assert not answer.fallback and answer.smalltalk
    assert "Partnerstädte" not in to_plain(answer)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("cual es la ciudad hermana de herne en china", "es", "luzhou"),
        ("hay alguna ciudad hermana en rusia?", "es", "bélgorod"),
        ("quelle ville jumelle est en chine", "fr", "luzhou"),
        ("英国的友城是哪个", "zh", "韦克菲尔德"),
    ],
)
async def test_a_partner_city_asked_by_its_country(qa, text, language, expected):
    answer = await qa.answer(text, language)
    assert not answer.fallback and answer.language == language
    assert expected in to_plain(answer).lower()
    assert answer.entry is not None and answer.entry.startswith("partners.list")


async def test_two_chinese_questions_split_by_a_space_are_both_answered(qa):
    answer = await qa.answer("威克菲尔德在哪 人口多少", "zh")
    assert not answer.fallback
    text = to_plain(answer)
    assert "英格兰" in text and "109,766" in text
