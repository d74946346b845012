"""Round 23: a place beside a partner city where its partnership was sealed is the scene, not
what is asked; places that are no partner cities asked as partners get the direct no, and
their facts the honest fallback (bench/qa_probe_adj23.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("¿Cuándo se firmó en Berlín el acta de hermanamiento con Luzhou?", "es"),
        ("When was the twinning deed with Luzhou signed in Berlin?", "en"),
        ("Wann wurde in Berlin die Urkunde mit Luzhou unterzeichnet?", "de"),
        ("Когда в Берлине подписали договор с Лучжоу?", "ru"),
    ],
)
async def test_a_place_where_a_partnership_was_sealed_is_the_scene(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert answer.entry in ("city.history:luzhou", "city.since:luzhou"), answer.entry
    assert "2019" in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "entry"),
    [
        # A place fact asked of the place and the city stays one.
        ("How far is Berlin from Luzhou?", "en", "city.distance:luzhou"),
        # The place asked as a partner still gets its "no".
        (
            "Is Dortmund a partner city since 1990 like Konin?",
            "en",
            "partners.check:konin,dortmund",
        ),
        ("Ist Bochum seit 1990 Partnerstadt, so wie Konin?", "de", "partners.check:konin,bochum"),
    ],
)
async def test_a_place_asked_about_beside_a_partner_city_stays_asked(
    shared_qa, question, language, entry
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == entry, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "no"),
    [
        ("ist bochum eigentlich ne partnerstadt von herne?", "de", "Nein"),
        ("Herne and Paris are twinned, right?", "en", "No"),
        ("Дортмунд является городом-партнёром Херне?", "ru", "Нет"),
        ("czy warszawa to miasto partnerskie herne", "pl", "Nie"),
        ("Dortmund Herne'nin kardeş şehri mi?", "tr", "Hayır"),
        ("Herne a-t-elle une ville jumelle en Espagne ?", "fr", "Non"),
        ("¿Dortmund es ciudad hermana de Herne?", "es", "No"),
        ("北京是黑尔讷的姐妹城市吗？", "zh", "不"),
        ("Київ — місто-партнер Герне?", "uk", "Ні"),
    ],
)
async def test_a_place_that_is_no_partner_city_gets_the_direct_no(
    shared_qa, question, language, no
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert answer.entry.startswith("partners.check:"), text
    assert no in text, text


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Wie viele Einwohner hat Dortmund?", "de"),
        ("how many people live in bochum", "en"),
        ("Ilu mieszkańców ma Poznań?", "pl"),
        ("成都有多少人口？", "zh"),
    ],
)
async def test_a_place_that_is_no_partner_citys_facts_get_the_fallback(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "place"),
    [
        ("Ist Sichuan eine Partnerstadt von Herne?", "de", "Sichuan"),
        ("Is China a partner city of Herne?", "en", "China"),
        ("Is Yorkshire a twin town of Herne?", "en", "Yorkshire"),
        ("Czy Wielkopolska jest miastem partnerskim Herne?", "pl", "Wielkopolska"),
        ("Sichuan Herne'nin kardeş şehri mi?", "tr", "Sichuan"),
        ("Сычуань — город-побратим Херне?", "ru", "Сычуань"),
        ("四川是黑尔讷的友好城市吗？", "zh", "四川"),
    ],
)
async def test_a_region_or_country_asked_as_if_it_were_a_city_is_none(
    shared_qa, question, language, place
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"partners.check:{place.casefold()}", to_plain(answer)
    assert answer.cities == [], answer.cities


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        ("Welche Partnerstadt liegt in Polen?", "de", "konin"),
        ("Does Herne have a twin town in the UK?", "en", "wakefield"),
        ("Herne'nin Çin'de kardeş şehri var mı?", "tr", "luzhou"),
        ("İngiltere'deki kardeş şehir hangisi?", "tr", "wakefield"),
        ("黑尔讷在中国有友好城市吗？", "zh", "luzhou"),
        ("Есть ли у Херне побратим в Китае?", "ru", "luzhou"),
        ("Which partner city is in Sichuan?", "en", "luzhou"),
    ],
)
async def test_a_region_or_country_named_where_a_partner_city_lies_names_it(
    shared_qa, question, language, city
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"partners.list:{city}", to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "place"),
    [
        ("Is Liuzhou a partner city of Herne?", "en", "liuzhou"),
        ("Konya Herne'nin kardeş şehri mi?", "tr", "konya"),
        ("苏州是黑尔讷的友好城市吗？", "zh", "苏州"),
        ("Is Ometepec a twin town of Herne?", "en", "ometepec"),
    ],
)
async def test_a_real_place_a_letter_from_a_partner_citys_name_is_no_partner(
    shared_qa, question, language, place
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"partners.check:{place}", to_plain(answer)
