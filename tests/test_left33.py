"""Round 33, what round 32 left: the 2018 declaration called an agreement ("the 2018 accord",
"el acuerdo de 2018"), superlatives of things the base does not hold read surely as another
class or as the measure by how the superlative is said, keyword queries with a word of
another register, number words glued together or joined ("zweihundertfünfzigtausend", "two
hundred and fifty thousand", "п'ятдесят тисяч"); why a partnership began is still its history
(bench/qa_probe_left33.jsonl). Expectations are computed from the knowledge base."""

from __future__ import annotations

import pytest

from bot.render import to_plain
from bot.understanding import fold_latin


def _above(qa, figure):
    return {c.id for c in qa.knowledge.cities.values() if c.partner and c.population > figure}


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Which fields of cooperation did the 2018 agreement name?", "en"),
        ("¿Qué campos de cooperación nombraba el convenio de 2018?", "es"),
        ("Які сфери співпраці називала угода 2018 року?", "uk"),
    ],
)
async def test_the_declaration_called_an_agreement(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert (answer.entry or "").startswith("declaration."), (answer.entry, to_plain(answer))
    assert "declaration-fields" in (answer.entry or ""), (answer.entry, to_plain(answer))


async def test_an_agreement_of_2018_with_a_partner_city_is_that_citys(shared_qa):
    answer = await shared_qa.answer("What did Herne's 2018 agreement with Luzhou set up?", "en")
    assert answer.entry == "city.history:luzhou", (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("哪个友好城市的图书馆最大？", "zh"),
        ("¿Qué ciudad hermana tiene el teatro más grande?", "es"),
        ("Which partner city has the biggest university campus?", "en"),
        ("Welche Partnerstadt hat den größten Zoo?", "de"),
    ],
)
async def test_a_superlative_of_an_unheld_thing_falls_back(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("which partner city has the most people living there?", "en"),
        ("¿Qué ciudad hermana tiene más habitantes?", "es"),
        ("Nüfusu en fazla olan kardeş şehir hangisi?", "tr"),
    ],
)
async def test_a_ranking_by_population_still_ranks(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    biggest = max(
        (c for c in shared_qa.knowledge.cities.values() if c.partner), key=lambda c: c.population
    )
    assert answer.entry == f"city.population:{biggest.id}", (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "user"),
    [("treaty signatories 2018", "en"), ("protocol languages 2018", "en")],
)
async def test_a_keyword_query_with_a_word_of_another_register_stays_english(
    shared_qa, question, user
):
    answer = await shared_qa.answer(question, user)
    assert answer.language == user and not answer.fallback, (answer.language, to_plain(answer))


@pytest.mark.parametrize(
    ("text", "language", "figure"),
    [
        ("über zweihundertfünfzigtausend", "de", 250_000),
        ("mehr als fünfundzwanzigtausend", "de", 25_000),
        ("hundert tausend", "de", 100_000),
        ("more than two hundred and fifty thousand", "en", 250_000),
        ("понад п'ятдесят тисяч", "uk", 50_000),
        ("nüfusu yüzbinden fazla", "tr", 100_000),
        ("más de treinta y cinco mil", "es", 35_000),
        ("Konin and fifty", "en", 50),
    ],
)
def test_number_words_glued_or_joined_are_one_figure(shared_qa, text, language, figure):
    figures = shared_qa.understander.reader.figures(fold_latin(text), language)
    assert [f for _, f in figures] == [figure]


async def test_a_limit_in_glued_words_lists_the_cities_above_it(shared_qa):
    answer = await shared_qa.answer(
        "Welche Partnerstädte haben mehr als zweihundertfünfzigtausend Einwohner?", "de"
    )
    assert set(answer.cities) == _above(shared_qa, 250_000), (answer.entry, to_plain(answer))


async def test_a_limit_read_as_another_class_still_lists(shared_qa):
    answer = await shared_qa.answer(
        "В каких городах-побратимах проживает менее тридцати тысяч человек?", "ru"
    )
    below = {
        c.id for c in shared_qa.knowledge.cities.values() if c.partner and c.population < 30_000
    }
    assert set(answer.cities) == below, (answer.entry, to_plain(answer))


async def test_why_the_french_partnership_began_is_its_history(shared_qa):
    answer = await shared_qa.answer("How come Herne is twinned with Hénin-Beaumont?", "en")
    assert "1906" in to_plain(answer), (answer.entry, to_plain(answer))


async def test_how_a_partnership_came_about_is_still_its_history(shared_qa):
    answer = await shared_qa.answer("How did the twinning with Ometepe come about?", "en")
    assert answer.entry == "city.history:ometepe", (answer.entry, to_plain(answer))
