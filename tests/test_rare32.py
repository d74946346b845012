"""Round 32: the facts the base holds asked in rare, formal, official or colloquial words (the
bank's `synonyms`: "headcount", "Einwohnerschaft", "меморандум", "censo"), superlatives of the
partnerships in other words ("the doyenne", "la más remota", "самое недавнее"), the limits of
a ranking with the number in words ("ponad dwieście tysięcy", "超过三十万", "50 binin") and the
first of one named partnership (when it began) (bench/qa_probe_rare32.jsonl). Expectations are
computed from the knowledge base."""

from __future__ import annotations

import pytest

from bot.compose import distance_km
from bot.render import to_plain
from bot.understanding import fold_latin


def _partners(qa):
    return [c for c in qa.knowledge.cities.values() if c.partner]


def _farthest(qa):
    herne = qa.knowledge.cities["herne"]
    return max(_partners(qa), key=lambda c: distance_km(herne.lat, herne.lon, c.lat, c.lon)).id


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        ("How big is Konin's headcount?", "en", "konin"),
        ("Wie groß ist die Einwohnerschaft der Kommune Wakefield?", "de", "wakefield"),
        ("¿Qué dice el censo de Beşiktaş?", "es", "besiktas"),
        ("Combien d'âmes vivent à Eisleben ?", "fr", "eisleben"),
    ],
)
async def test_a_population_asked_in_other_words(shared_qa, question, language, city):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"city.population:{city}", (answer.entry, to_plain(answer))
    figure = shared_qa.knowledge.cities[city].population
    assert str(figure)[-3:] in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Какие сферы назывались в меморандуме 2018 года?", "ru"),
        ("¿Qué ámbitos nombraba el memorando de 2018?", "es"),
    ],
)
async def test_the_declaration_asked_as_a_memorandum(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert (answer.entry or "").startswith("declaration.fields"), (answer.entry, to_plain(answer))


async def test_the_declaration_languages_asked_as_tongues(shared_qa):
    answer = await shared_qa.answer("Which tongues was the 2018 memorandum penned in?", "en")
    text = to_plain(answer).lower()
    assert "polish" in text and "turkish" in text, (answer.entry, text)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Quelle est la doyenne des villes jumelles de Herne ?", "fr"),
        ("Какое побратимство у Херне самое недавнее?", "ru"),
        ("Herne'nin en kıdemli kardeş şehri hangisi?", "tr"),
        ("Which twinning of Herne is the most longstanding one?", "en"),
    ],
)
async def test_the_oldest_or_newest_in_other_words_is_the_entry(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == "faq:oldest-newest-partnership", (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("¿Cuál es la ciudad hermana más remota?", "es"),
        ("Welche Partnerkommune liegt am entlegensten?", "de"),
        ("黑尔讷最偏远的友好城市是哪个？", "zh"),
    ],
)
async def test_the_most_remote_partner_city(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"city.distance:{_farthest(shared_qa)}", (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language", "limit", "above"),
    [
        ("Które miasta partnerskie mają ponad dwieście tysięcy mieszkańców?", "pl", 200_000, True),
        ("哪些友好城市人口超过三十万？", "zh", 300_000, True),
        ("Hangi kardeş şehirlerin nüfusu 50 binin altında?", "tr", 50_000, False),
        ("Какие города-партнёры превышают сто тысяч жителей?", "ru", 100_000, True),
    ],
)
async def test_a_population_limit_written_in_words(shared_qa, question, language, limit, above):
    answer = await shared_qa.answer(question, language)
    expected = {
        c.id
        for c in _partners(shared_qa)
        if (c.population > limit if above else c.population < limit)
    }
    kind, _, ids = (answer.entry or "").partition(":")
    assert kind == "city.population" and set(ids.split(",")) == expected, (
        answer.entry,
        to_plain(answer),
    )


@pytest.mark.parametrize(
    ("text", "language", "figure"),
    [
        ("more than two hundred thousand", "en", 200_000),
        ("mehr als hunderttausend", "de", 100_000),
        ("больше 100 тысяч", "ru", 100_000),
        ("plus de cent mille", "fr", 100_000),
        ("超过20万", "zh", 200_000),
        ("一万五千", "zh", 15_000),
        ("more than 2,000 km", "en", 2_000),
    ],
)
def test_numbers_in_words_and_digits_are_one_figure(shared_qa, text, language, figure):
    figures = shared_qa.understander.reader.figures(fold_latin(text), language)
    assert [f for _, f in figures] == [figure]


async def test_the_first_of_one_named_partnership_is_when_it_began(shared_qa):
    answer = await shared_qa.answer("科宁和黑尔讷最早是哪一年结为友好城市的？", "zh")
    since = shared_qa.knowledge.cities["konin"].partner_since[:4]
    assert answer.entry == "city.since:konin" and since in to_plain(answer), (
        answer.entry,
        to_plain(answer),
    )


async def test_the_oldest_partnership_plainly_asked_stays_the_entry(shared_qa):
    answer = await shared_qa.answer("Welche Partnerstadt ist die älteste?", "de")
    assert answer.entry == "faq:oldest-newest-partnership"
