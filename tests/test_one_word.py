"""Questions of a word or two: a city's fact asked of no city is asked of every partner city,
topic words the bank lacked are its phrasings, and the banks' words tell a short question's
language where one word's letters do not."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.fixture
def qa(shared_qa):
    """The worker's answerer (conftest's `shared_qa`): these tests only ask."""
    return shared_qa


PARTNERS = 8


@pytest.mark.parametrize(
    ("text", "language", "kind", "fact"),
    [
        ("Einwohner", "de", "population", "71.427"),
        ("population", "en", "population", "71,427"),
        ("Сколько жителей?", "ru", "population", "71"),
        ("人口", "zh", "population", "71"),
        ("website", "en", "website", "konin.pl"),
        ("country", "en", "where", "Poland"),
        ("Fläche", "de", "area", "18 km²"),
    ],
)
async def test_a_citys_fact_asked_of_no_city_is_every_partner_citys(qa, text, language, kind, fact):
    answer = await qa.answer(text, language)
    assert not answer.fallback
    assert (answer.entry or "").startswith(f"city.{kind}:")
    plain = to_plain(answer)
    assert fact in plain
    if kind in ("population", "where"):
        # Every partner city the base holds the fact for, Belgorod with its suspension.
        assert len(answer.cities) == PARTNERS
        assert "2022" in plain


async def test_a_bare_fact_lists_the_cities_as_the_list_of_partner_cities_heads_them(qa):
    answer = await qa.answer("Einwohner", "de")
    lines = to_plain(answer).splitlines()
    assert lines[0] == "Herne hat 8 Partnerstädte:"
    assert any("Konin hat 71.427 Einwohner (2021)" in line for line in lines[1:])


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # Three words or more without a city ask about something named otherwise, or refer back.
        ("Wann wurde es gegründet?", "de"),
        ("Where is it?", "en"),
    ],
)
async def test_a_longer_question_of_no_city_is_no_citys_fact(qa, text, language):
    understood, _ = qa.understander.understand(text, language)
    assert not understood.every
    assert not understood.intent.startswith("city.")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Который час?", "ru"),
        ("Saat kaç?", "tr"),
        ("What time is it?", "en"),
        ("Quelle heure est-il ?", "fr"),
        ("Wie spät?", "de"),
    ],
)
async def test_the_time_now_is_not_every_citys_clock(qa, text, language):
    # The bank's `time_now` cues: the time here and now is out of scope.
    assert (await qa.answer(text, language)).fallback


@pytest.mark.parametrize(
    ("text", "language"),
    [("local time", "en"), ("Zeitzone", "de"), ("часовой пояс", "ru"), ("当地时间", "zh")],
)
async def test_a_citys_clock_asked_of_no_city_is_every_partner_citys(qa, text, language):
    answer = await qa.answer(text, language)
    assert not answer.fallback
    assert (answer.entry or "").startswith("city.time:")
    assert len(answer.cities) >= PARTNERS - 1


async def test_the_association_founded_is_not_every_citys_founding(qa):
    understood, _ = qa.understander.understand("Когда основали общество?", "ru")
    assert not understood.intent.startswith("city.")


async def test_a_citys_fact_of_a_named_city_is_that_citys(qa):
    answer = await qa.answer("Einwohner Konin", "de")
    assert answer.entry == "city.population:konin"


@pytest.mark.parametrize(
    ("text", "user_language", "language"),
    [
        # One language's bank holds the words: that language, whatever the letters suggest.
        ("rock music", "de", "en"),
        ("rock music", "en", "en"),
        ("phone", "en", "en"),
        ("Einwohner", "en", "de"),
        ("time zone", "de", "en"),
        # A word of the user's bank too: the user's language.
        ("telefon", "tr", "tr"),
        ("Adresse", "fr", "fr"),
        # A word no bank holds, one typo from the user's bank's: the user's language.
        ("populaton", "en", "en"),
        ("populaton", "fr", "fr"),
        ("населеня", "uk", "uk"),
        # A name alone belongs to no language: the user's.
        ("Konin?", "en", "en"),
        ("Wakefield", "tr", "tr"),
    ],
)
async def test_a_short_questions_language_is_told_by_the_banks_words(
    qa, text, user_language, language
):
    answer = await qa.answer(text, user_language)
    assert answer.language == language
