"""Round 27: confident readings that fell back anyway. What the asker tells of themselves beside a
partner city (a farm near it, a job in it) is their situation, not what is asked; a superlative
with since when asks for the partnership that began first or last; a second question the base
holds nothing for leaves the first answered, saying so (bench/qa_probe_abst27.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language", "entry", "said"),
    [
        (
            "Wir haben einen Reiterhof nahe Wakefield. Seit wann ist die Stadt Partnerstadt von "
            "Herne?",
            "de",
            "city.since:wakefield",
            "1956",
        ),
        (
            "My sister runs a bakery next to Konin. Since when has it been twinned with Herne?",
            "en",
            "city.since:konin",
            "1991",
        ),
        (
            "Мой брат держит кафе рядом с Конином. Сколько там жителей?",
            "ru",
            "city.population:konin",
            "71",
        ),
        (
            "Mam sad jabłoniowy niedaleko Konina. Ilu ludzi tam mieszka?",
            "pl",
            "city.population:konin",
            "71",
        ),
        (
            "Wakefield yakınlarında bir fırınımız var. Ne zamandan beri Herne ile kardeş şehir?",
            "tr",
            "city.since:wakefield",
            "1956",
        ),
        (
            "Nous avons une ferme près de Wakefield. Depuis quand la ville est-elle jumelée avec "
            "Herne ?",
            "fr",
            "city.since:wakefield",
            "1956",
        ),
        (
            "Mi tío tiene un taller cerca de Konin. ¿Desde cuándo es ciudad hermana de Herne?",
            "es",
            "city.since:konin",
            "1991",
        ),
        ("我家在艾斯莱本附近开农场。那里有多少人口？", "zh", "city.population:eisleben", "22"),
        (
            "Мій батько має ферму біля Вейкфілда. Відколи місто є партнером Герне?",
            "uk",
            "city.since:wakefield",
            "1956",
        ),
    ],
)
async def test_the_askers_own_story_near_a_partner_city_keeps_its_answer(
    shared_qa, question, language, entry, said
):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert (answer.entry or "").startswith(entry), answer.entry
    assert said in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "figure"),
    [
        # Where the asker is, right after "in", is the place "there" asks about.
        ("We live in Crigglestone near Wakefield. How many people live there?", "en", "109"),
        ("Я живу в Разумном под Белгородом. Сколько там жителей?", "ru", "339"),
        # Named again in the question, the place is what is asked about.
        ("Ich arbeite in Polleben bei Eisleben. Wie viele Einwohner hat Polleben?", "de", "22"),
    ],
)
async def test_a_place_the_asker_names_near_a_partner_city_still_falls_back(
    shared_qa, question, language, figure
):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)
    assert figure not in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "year"),
    [
        ("Which twin town did Herne get first, and since when?", "en", "1954"),
        ("Какой город-партнёр Херне старейший и с какого года?", "ru", "1954"),
        ("Które miasto jest najmłodszym partnerem Herne i od kiedy?", "pl", "2019"),
        ("Herne'nin en yeni kardeş şehri ne zamandan beri kardeş şehir, hangisi?", "tr", "2019"),
    ],
)
async def test_the_first_or_last_partnership_with_since_when(shared_qa, question, language, year):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert year in to_plain(answer)


async def test_the_askers_own_city_before_a_question_about_the_association(shared_qa):
    answer = await shared_qa.answer(
        "Ich bin Hausmeister in Konin. Wie erreiche ich den Partnerschaftsverein?", "de"
    )
    assert answer.entry == "association.contact:association-contact", to_plain(answer)


async def test_the_askers_own_city_does_not_make_a_hotel_question_answerable(shared_qa):
    answer = await shared_qa.answer("I run a hotel in Konin. How much is a double room?", "en")
    assert answer.fallback, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "year", "rest"),
    [
        (
            "С какого года Вейкфилд партнёр Херне? Кто тогда подписал договор?",
            "ru",
            "1956",
            "По другой части вашего вопроса у меня нет информации.",
        ),
        (
            "Since when has Wakefield been a partner? Who put their signature under it?",
            "en",
            "1956",
            "I have no information on the other part of your question.",
        ),
    ],
)
async def test_a_second_question_the_base_does_not_hold_leaves_the_first_answered(
    shared_qa, question, language, year, rest
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert year in text
    assert text.endswith(rest)


async def test_one_question_for_what_its_answer_does_not_hold_still_falls_back(shared_qa):
    answer = await shared_qa.answer("Who signed the partnership with Wakefield?", "en")
    assert answer.fallback, to_plain(answer)
