"""History questions of round 23: a past year asked about as the topic ("Was war 2015 mit
Belgorod?", "2016'da ne oldu?") gets what the base holds of that year, never another year's
facts; a year it holds nothing of gets the fallback."""

from __future__ import annotations

import pytest

from bot.render import to_plain
from bot.understanding import YEAR_TOPICS, asked_year


@pytest.fixture
def qa(shared_qa):
    """The worker's answerer (conftest's `shared_qa`): these tests only ask."""
    return shared_qa


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # read as Belgorod's profile, its status, the fallback, Ometepe's founding
        ("Was war 2015 mit Belgorod?", "de", ("2015",)),
        ("Що було у 2015 році з Бєлгородом?", "uk", ("2015",)),
        ("What happened with the Belgorod partnership in July 2018?", "en", ("July 2018",)),
        ("2016'da ne oldu?", "tr", ("Hazinedar",)),
        ("Que s'est-il passé en 2019 avec Luzhou ?", "fr", ("2019",)),
        ("1987年奥梅特佩发生了什么？", "zh", ("1987",)),
        # two partnerships began that year: the one without an entry by its since sentence
        ("What happened in 1990?", "en", ("Eisleben", "Pohlmann")),
    ],
)
async def test_a_past_year_asked_about_gets_what_happened_then(qa, text, language, expected):
    answer = await qa.answer(text, language)
    assert not answer.fallback
    assert answer.language == language
    said = to_plain(answer)
    assert all(e in said for e in expected), said
    assert "1596" not in said  # Belgorod's profile is no answer


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Was war 2012 mit Konin?", "de"),
        ("what happened with Wakefield in 2003?", "en"),
        ("What happened in 2012?", "en"),
    ],
)
async def test_a_year_the_base_holds_nothing_of_gets_no_other_years_facts(qa, text, language):
    answer = await qa.answer(text, language)
    assert answer.fallback


async def test_a_month_dated_by_its_year_is_what_happened_that_month(qa):
    answer = await qa.answer(
        "Was ist im Juli 2018 mit der Partnerschaft mit Belgorod passiert?", "de"
    )
    assert not answer.fallback
    said = to_plain(answer)
    assert "2019" in said and "2022" in said  # the extension, and the suspension said
    assert (answer.entry or "").startswith("history.year:")
    u, _ = qa.understander.understand("Was war im Juli 2018 mit Belgorod?", "de")
    assert u.dated == (7,) and u.months == ()
    u, _ = qa.understander.understand("2018年7月和别尔哥罗德有什么事？", "zh")
    assert u.dated == (7,) and u.months == ()
    u, _ = qa.understander.understand("Was ist im Juli in Konin los?", "de")
    assert u.months == (7,) and u.dated == ()


@pytest.mark.parametrize(
    ("text", "language", "entry"),
    [
        # the answer says the year: kept
        ("Who signed the partnership with Belgorod in 1990?", "en", "city.history:belgorod"),
        # an entry of that year, whose text does not say it
        (
            "Welche Rolle spielte Konin bei der Erklärung von 2018?",
            "de",
            "faq:declaration-konin-besiktas-signed-before",
        ),
        # the year and month name the declaration, and its entry says both
        (
            "What laid the groundwork for the January 2018 declaration?",
            "en",
            "faq:declaration-groundwork",
        ),
        # a city's fact with a year is that fact (a population only of its figure's year since
        # round 27: "in 2015" falls back, tests/test_traps27.py)
        ("How many inhabitants did Belgorod have in 2021?", "en", "city.population:belgorod"),
    ],
)
async def test_an_answer_saying_the_year_or_a_citys_fact_is_kept(qa, text, language, entry):
    answer = await qa.answer(text, language)
    assert not answer.fallback
    assert (answer.entry or "").startswith(entry)


def test_the_year_asked_is_one_past_year():
    assert asked_year("Что было в 2015-м?", 2026) == 2015
    assert asked_year("2016'da ne oldu?", 2026) == 2016
    assert asked_year("1987年奥梅特佩发生了什么？", 2026) == 1987
    assert asked_year("Was ist 2027 los?", 2026) is None  # to come: the events' periods
    assert asked_year("zwischen 2015 und 2018", 2026) is None
    assert asked_year("71427 Einwohner", 2026) is None


async def test_the_entries_of_a_year_are_of_its_topics(qa):
    knowledge = qa.knowledge
    assert {e.id for e in knowledge.faq_by_year["2015"]} >= {
        "exchange-students-2015",
        "anniversary-25-belgorod-2015",
    }
    for entries in knowledge.faq_by_year.values():
        assert all(e.topic in YEAR_TOPICS and e.date for e in entries)
