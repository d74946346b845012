"""Round 33: questions the base cannot answer must not get the nearest entry
(bench/qa_probe_scope33.jsonl). A fact of a place beside a partner city, said by a
"neighbour" word ("Nachbargemeinde von", "соседней с", "sąsiednia gmina"), is no fact of the
partner city; when a place in a partner city opens, closes or leaves is no clock of the city;
why partners were sought at universities in places is no check of those places; a message
starting with a name that is also a word ("Курган", "Ordu") asks whether that is a partner
city; a c said k ("conin") is a typo of the name. Expectations are computed from the base."""

from __future__ import annotations

import pytest

from bot.nlp import fold_latin
from bot.render import to_plain
from bot.search import _said


def _figure(qa, city: str) -> str:
    """The last three digits of the city's population, as every locale writes them."""
    return str(qa.knowledge.cities[city].population)[-3:]


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        (
            "Wie viele Einwohner hat Klostermansfeld, die Nachbargemeinde von Eisleben?",
            "de",
            "eisleben",
        ),
        ("Сколько жителей в Борисовке, соседней с Белгородом?", "ru", "belgorod"),
        ("Ilu mieszkańców ma Rychwał, sąsiednia gmina Konina?", "pl", "konin"),
        ("Скільки людей у Грайвороні, сусідньому з Бєлгородом?", "uk", "belgorod"),
        ("Beşiktaş'tan pek uzak olmayan Eyüp'ün nüfusu ne kadar?", "tr", "besiktas"),
        (
            "How many people live in Featherstone, the neighbouring town of Wakefield?",
            "en",
            "wakefield",
        ),
    ],
)
async def test_a_place_beside_a_partner_city_by_a_neighbour_word_falls_back(
    shared_qa, question, language, city
):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, (answer.entry, to_plain(answer))
    assert _figure(shared_qa, city) not in to_plain(answer)


async def test_the_partner_city_itself_beside_a_neighbour_word_keeps_its_figure(shared_qa):
    answer = await shared_qa.answer(
        "Wie viele Einwohner hat Eisleben, der Nachbar von Hettstedt?", "de"
    )
    assert answer.entry == "city.population:eisleben", (answer.entry, to_plain(answer))
    assert _figure(shared_qa, "eisleben") in to_plain(answer)


async def test_a_distance_from_a_place_beside_a_partner_city_is_no_ranking(shared_qa):
    answer = await shared_qa.answer("Wie weit ist Golina, das Dorf bei Konin, von Herne weg?", "de")
    assert answer.fallback, (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Um wie viel Uhr öffnet der Zoo in Wakefield?", "de"),
        ("¿A qué hora cierra el mercado de Konin?", "es"),
        ("Во сколько отходит автобус из Белгорода?", "ru"),
        ("What time does the ferry to Ometepe leave?", "en"),
        ("la bibliothèque d'Eisleben, elle ferme à quelle heure ?", "fr"),
    ],
)
async def test_hours_of_a_place_in_a_partner_city_are_no_clock(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        ("Wie spät ist es jetzt in Wakefield?", "de", "wakefield"),
        ("¿Qué hora es ahora en Konin?", "es", "konin"),
        ("Который сейчас час в Белгороде?", "ru", "belgorod"),
    ],
)
async def test_a_partner_citys_clock_is_still_its_clock(shared_qa, question, language, city):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"city.time:{city}", (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Czemu Herne szukało partnerów na uczelniach w Gelsenkirchen i Bochum?", "pl"),
        ("¿Por qué Herne buscaba socios en las universidades de Dortmund y Gelsenkirchen?", "es"),
        ("чому Герне звернулося до вишів Дортмунда?", "uk"),
    ],
)
async def test_why_partners_were_sought_at_universities_is_no_partner_check(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert not (answer.entry or "").startswith("partners."), (answer.entry, to_plain(answer))
    assert not answer.fallback, to_plain(answer)
    assert "nano" in fold_latin(to_plain(answer))


async def test_why_a_place_is_no_partner_city_is_still_the_check(shared_qa):
    answer = await shared_qa.answer("Warum ist Dortmund keine Partnerstadt von Herne?", "de")
    assert answer.entry == "partners.check:dortmund", (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language", "place"),
    [
        ("Курган — побратим Херне?", "ru", "Курган"),
        ("Суми — місто-партнер Герне?", "uk", "Суми"),
        ("Дніпро — побратим Герне чи ні?", "uk", "Дніпро"),
    ],
)
async def test_a_leading_name_that_is_also_a_word_is_checked(shared_qa, question, language, place):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"partners.check:{place.lower()}", (answer.entry, to_plain(answer))


async def test_a_partner_city_checked_is_still_one(shared_qa):
    answer = await shared_qa.answer("Конін — побратим Герне?", "uk")
    assert answer.entry in ("partners.check:konin", "city.since:konin"), (
        answer.entry,
        to_plain(answer),
    )
    assert not to_plain(answer).startswith("Ні")


@pytest.mark.parametrize(
    ("question", "language"),
    [("Welche Partnerstädte hat Herne?", "de"), ("Nenn mir alle Partnerstädte", "de")],
)
async def test_the_list_stays_the_list(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == "partners.list", (answer.entry, to_plain(answer))


async def test_a_c_said_k_is_a_typo_of_the_name(shared_qa):
    assert _said("conin") == _said("konin")
    answer = await shared_qa.answer("cuántos habitantes tiene conin", "es")
    assert answer.entry == "city.population:konin", (answer.entry, to_plain(answer))
    assert _figure(shared_qa, "konin") in to_plain(answer)
