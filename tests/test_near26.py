"""Round 26: a partner city named only to say where something else lies ("How many people live
in Golina? It's near Konin", "泸州旁边的合江") is not what is asked: that place's facts fall back,
asked as a partner it gets the direct no, and a place a partner city lies near asks where the
city is (bench/qa_probe_near26.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language", "figure"),
    [
        ("Wie viele Einwohner hat Kleczew? Das liegt direkt neben Konin", "de", "71.427"),
        ("how many people live in featherstone near wakefield", "en", "109,766"),
        ("Сколько жителей в Строителе? Это рядом с Белгородом", "ru", "339"),
        ("Ilu mieszkańców ma Kazimierz Biskupi koło Konina?", "pl", "71"),
        ("Sarıgöl'ün nüfusu ne kadar? Beşiktaş'ın yanında", "tr", "175"),
        ("Combien d'habitants à Leforest, à côté d'Hénin-Beaumont ?", "fr", "25"),
        ("¿Cuántos habitantes tiene Balgües? Está cerca de Ometepe", "es", "35.000"),
        ("合江有多少人口？就在泸州附近", "zh", "4,254,149"),
        ("Скільки мешканців у Грайвороні? Це неподалік від Бєлгорода", "uk", "339"),
    ],
)
async def test_a_fact_of_a_place_near_a_partner_city_falls_back(
    shared_qa, question, language, figure
):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)
    assert figure not in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "entry", "no"),
    [
        (
            "Is Featherstone, next to Wakefield, a twin town of Herne too?",
            "en",
            "partners.check:featherstone",
            "No",
        ),
        (
            "строитель рядом с белгородом тоже город-партнёр херне?",
            "ru",
            "partners.check:строитель",
            "Нет",
        ),
        ("泸州旁边的纳溪也是黑尔讷的友好城市吗？", "zh", "partners.check:纳溪", "不"),
    ],
)
async def test_a_place_near_a_partner_city_asked_as_a_partner_gets_the_no(
    shared_qa, question, language, entry, no
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == entry, to_plain(answer)
    assert to_plain(answer).startswith(no)


@pytest.mark.parametrize(
    ("question", "language", "entry"),
    [
        ("Is Ometepe close to Managua?", "en", "city.where:ometepe"),
        ("¿Ometepe queda cerca de Managua?", "es", "city.where:ometepe"),
    ],
)
async def test_a_place_a_partner_city_lies_near_asks_where_the_city_is(
    shared_qa, question, language, entry
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == entry, to_plain(answer)
    assert "Nicaragua" in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "entry"),
    [
        # The partner city named on its own, or nothing else named: it is what is asked about.
        ("I live near Wakefield. How many people live there?", "en", "city.population:wakefield"),
        ("Wakefield near Leeds, how many people live there?", "en", "city.population:wakefield"),
        ("Wie weit ist Konin von Herne entfernt?", "de", "city.distance:konin"),
        ("Is Herne close to Konin?", "en", "city.distance:konin"),
        ("Сколько жителей в Белгороде?", "ru", "city.population:belgorod"),
        ("泸州有多少人口？", "zh", "city.population:luzhou"),
    ],
)
async def test_the_partner_city_asked_about_keeps_its_answer(shared_qa, question, language, entry):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == entry, to_plain(answer)


async def test_a_story_near_a_partner_city_is_no_place_asked_as_a_partner(shared_qa):
    answer = await shared_qa.answer(
        "Ich betreibe eine kleine Biogasanlage bei Konin: an wen wende ich mich in Herne "
        "wegen Kontakten in der Energiewirtschaft?",
        "de",
    )
    assert not (answer.entry or "").startswith("partners.check"), to_plain(answer)
