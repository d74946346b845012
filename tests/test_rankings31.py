"""Round 31: a ranking over the partner cities ("Which partner city is the biggest?", "the two
nearest", "sort them by population", "more than 1,000 km away") is composed from the cities'
own figures; Herne is no partner city of its own and never ranked; a ranking by what the base
does not hold falls back; comparisons of two cities and the oldest partnership's entry stay as
they were (bench/qa_probe_rank31.jsonl). Expectations are computed from the knowledge base."""

from __future__ import annotations

import pytest

from bot.compose import distance_km
from bot.render import to_plain


def _partners(qa):
    return [c for c in qa.knowledge.cities.values() if c.partner]


def _km(qa, city):
    herne = qa.knowledge.cities["herne"]
    return distance_km(herne.lat, herne.lon, city.lat, city.lon)


def _by(qa, measure):
    """The partner cities' ids, by `measure`, largest or farthest first."""
    value = {"population": lambda c: c.population, "distance": lambda c: _km(qa, c)}[measure]
    return [c.id for c in sorted(_partners(qa), key=value, reverse=True)]


@pytest.mark.parametrize(
    ("question", "language", "measure", "last"),
    [
        ("Welche Partnerstadt hat eigentlich die meisten Einwohner?", "de", "population", False),
        ("which twin town has the most people living in it?", "en", "population", False),
        ("Какой из городов-партнёров Херне самый маленький?", "ru", "population", True),
        ("Które z miast partnerskich Herne jest najmniejsze?", "pl", "population", True),
        ("Herne'ye en yakın kardeş şehir neresi?", "tr", "distance", True),
        ("Quelle ville jumelée se trouve le plus loin de Herne ?", "fr", "distance", False),
        ("¿Qué ciudad hermanada queda más lejos de Herne?", "es", "distance", False),
        ("黑尔讷的友好城市里，离黑尔讷最近的是哪个？", "zh", "distance", True),
    ],
)
async def test_the_one_partner_city_a_superlative_asks_for(
    shared_qa, question, language, measure, last
):
    ranked = _by(shared_qa, measure)
    expected = ranked[-1] if last else ranked[0]
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"city.{measure}:{expected}", (answer.entry, to_plain(answer))
    city = shared_qa.knowledge.cities[expected]
    assert city.name(language) in to_plain(answer)


async def test_the_first_few_in_order_with_belgorod_on_hold(shared_qa):
    answer = await shared_qa.answer("Was sind die vier größten Partnerstädte von Herne?", "de")
    assert answer.entry == "city.population:" + ",".join(_by(shared_qa, "population")[:4])
    text = to_plain(answer)
    belgorod = shared_qa.knowledge.cities["belgorod"]
    if "belgorod" in answer.cities:
        assert belgorod.status_since[:4] in text and "ruht" in text, text


async def test_a_sorted_list_holds_every_partner_city_and_not_herne(shared_qa):
    answer = await shared_qa.answer("Сортируй городов-партнёров по расстоянию от Херне", "ru")
    nearest_first = list(reversed(_by(shared_qa, "distance")))
    assert answer.entry == "city.distance:" + ",".join(nearest_first), answer.entry
    assert "herne" not in answer.cities


@pytest.mark.parametrize(
    ("question", "language", "limit", "above"),
    [
        ("Which twin towns are more than 1,500 km from Herne?", "en", 1500, True),
        ("Які міста-партнери розташовані ближче ніж 1000 км від Герне?", "uk", 1000, False),
    ],
)
async def test_the_partner_cities_beyond_a_distance(shared_qa, question, language, limit, above):
    answer = await shared_qa.answer(question, language)
    expected = {c.id for c in _partners(shared_qa) if (_km(shared_qa, c) > limit) == above}
    assert set(answer.cities) == expected, (answer.cities, to_plain(answer))


async def test_three_partner_cities_named_are_ranked_among_themselves(shared_qa):
    answer = await shared_qa.answer(
        "Konin, Beşiktaş oder Eisleben: welche dieser Partnerstädte ist die größte?", "de"
    )
    named = ["konin", "besiktas", "eisleben"]
    expected = [c for c in _by(shared_qa, "population") if c in named]
    assert answer.entry == "city.population:" + ",".join(expected), answer.entry


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Which partner city has the nicest weather?", "en"),
        ("Какой город-партнёр самый богатый?", "ru"),
        ("Herne'nin en güzel kardeş şehri hangisi?", "tr"),
        ("Яке місто-партнер Герне найцікавіше?", "uk"),
    ],
)
async def test_a_ranking_by_what_the_base_does_not_hold_falls_back(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "entry"),
    [
        ("Hat Konin mehr Einwohner als Eisleben?", "de", "city.population:konin,eisleben"),
        ("Is Wakefield further from Herne than Konin?", "en", "city.distance:wakefield,konin"),
        ("Which is Herne's oldest twinning?", "en", "faq:oldest-newest-partnership"),
    ],
)
async def test_comparisons_and_the_oldest_partnership_stay_as_they_were(
    shared_qa, question, language, entry
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == entry, (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("What is the biggest company in Konin?", "en"),
        ("Where is the nearest partner city office?", "en"),
        ("Welche ist die größte Stadt in Polen?", "de"),
    ],
)
async def test_a_superlative_about_something_else_is_no_ranking(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert (
        not (answer.entry or "").startswith(("city.population:", "city.distance:"))
        or len(answer.cities) <= 1
    ), (answer.entry, to_plain(answer))


async def test_a_continent_names_its_partner_cities_by_their_time_zones(shared_qa):
    answer = await shared_qa.answer("Welche europäische Partnerstadt ist am weitesten weg?", "de")
    european = [
        c
        for c in _by(shared_qa, "distance")
        if shared_qa.knowledge.cities[c].timezone.startswith("Europe/")
    ]
    assert answer.entry == "city.distance:" + ",".join(european), answer.entry


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("partner cities more than 999999999999999999999999999999 km away", "en"),
        ("Partnerstädte mit mehr als 1.000.000.000.000.000.000.000.000.000.000 Einwohnern", "de"),
        ("哪些友好城市超过99999999999999999999999999999999万公里", "zh"),
    ],
)
async def test_a_figure_too_long_to_rank_by_is_no_figure(shared_qa, question, language):
    # A run of digits no population or distance has was read as the ranking's figure and its
    # heading could not be written (Babel's decimals stop at 28 digits): an exception.
    answer = await shared_qa.answer(question, language)
    assert answer.language == language
    assert "999999" not in to_plain(answer) and "000.000.000.000" not in to_plain(answer)
