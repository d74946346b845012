"""Round 27: what a question asks beside a topic the base holds (a closing date, a departure or
kick-off time, the weather, a recommendation, a person's private address, a population of another
year) is read by the bank's `asks` cues; an answer that does not hold it is no answer, so these
fall back, while the held answers (a city's clock, the 1906 history, Belgorod's suspension, the
contacts) stay (bench/qa_probe_trap27.jsonl)."""

from __future__ import annotations

import re

import pytest

from bot.render import to_plain

CLOCK = re.compile(r"\d{1,2}:\d\d")


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("In welchem Jahr hat man die Grube in Courrières dichtgemacht?", "de"),
        ("In what year did the colliery at Courrières shut down?", "en"),
        ("В каком году закрыли шахту в Курьере?", "ru"),
        ("W którym roku zamknięto kopalnię Courrières?", "pl"),
        ("Courrières madeni hangi yıl kapatıldı?", "tr"),
        ("En quelle année la mine de Courrières a-t-elle fermé ?", "fr"),
        ("¿En qué año cerraron la mina de Courrières?", "es"),
        ("库里耶尔煤矿哪年关闭的？", "zh"),
        ("У якому році закрили шахту в Кур'єрі?", "uk"),
    ],
)
async def test_a_closing_asked_beside_the_1906_history_falls_back(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)
    assert "1906" not in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Has Herne closed down its partnership with Belgorod?", "en"),
        ("Партнерство с Белгородом закрыто?", "ru"),
        ("Коли закрили партнерство з Бєлгородом?", "uk"),
    ],
)
async def test_a_closing_asked_of_the_partnership_on_hold_gets_the_suspension(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert "2022" in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Um wie viel Uhr fährt die Fähre nach Ometepe?", "de"),
        ("What time does the Herner EV game face off on Friday?", "en"),
        ("Herner EV'nin maçı pazar günü saat kaçta?", "tr"),
        ("¿A qué hora sale el barco para Ometepe los domingos?", "es"),
        ("¿Hay un barco que va a Ometepe, y a qué hora?", "es"),
        ("科宁的比赛几点开赛？", "zh"),
    ],
)
async def test_a_departure_or_kick_off_time_falls_back(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)
    assert not CLOCK.search(to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language"),
    [("Şu anda Konin'de saat kaç?", "tr"), ("¿Qué hora es en este momento en Luzhou?", "es")],
)
async def test_the_clock_of_a_partner_city_stays(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert (answer.entry or "").startswith("city.time:")
    assert CLOCK.search(to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Regnet es oft in Wakefield?", "de"),
        ("What's the temperature in Luzhou in July?", "en"),
        ("Какой климат в Конине?", "ru"),
        ("Which café in Konin would you recommend?", "en"),
        ("Où manger une bonne tarte à Hénin-Beaumont ?", "fr"),
        ("Where does Konstantin Polezhaev live? I need his home address.", "en"),
        ("¿Me das el teléfono personal de Józef Nowicki?", "es"),
    ],
)
async def test_weather_recommendations_and_private_contacts_fall_back(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)


async def test_a_recommendation_of_whom_to_contact_is_the_contact(shared_qa):
    answer = await shared_qa.answer("Whom would you recommend I contact about logistics?", "en")
    assert not answer.fallback, to_plain(answer)
    assert answer.organisations


async def test_an_organisations_address_is_still_given(shared_qa):
    answer = await shared_qa.answer("What is the address of Business Herne?", "en")
    assert not answer.fallback, to_plain(answer)
    assert "Westring 303" in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "figure"),
    [
        ("Wie viele Einwohner hatte Wakefield im Jahr 2000?", "de", "109"),
        ("How many people lived in Herne in 1954?", "en", "1954"),
        ("Сколько жителей было в Конине в 2005 году?", "ru", "71"),
    ],
)
async def test_a_population_of_another_year_falls_back(shared_qa, question, language, figure):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)
    assert figure not in to_plain(answer)


async def test_a_population_of_the_figures_year_is_answered(shared_qa):
    answer = await shared_qa.answer("Wie viele Einwohner hatte Wakefield 2021?", "de")
    assert not answer.fallback, to_plain(answer)
    assert "109.766" in to_plain(answer)
