"""Round 36: a partner city in a modifier (bench/qa_probe_desc36.jsonl). Guests named by what
they do ("canoeists", "Trommler", "барабанщики") coming from a partner city are that city's
events to come, "none planned" where it has none; a place set apart as how far it lies from a
partner city ("…, ten minutes down the road from Wakefield", "…, в часе езды от Белгорода",
"…，离泸州两小时车程") is what is asked about, and gets no figure of the city. A distance or a
journey asked of the partner city itself stays its own. Expectations are computed from the base."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.render import to_plain
from bot.users import utcnow
from tests.test_events import insert_event

KAYAK = {
    "de": "Kajaktag mit Paddlern aus Konin",
    "en": "Kayak day with paddlers from Konin",
    "ru": "День каякинга с гребцами из Конина",
    "fr": "Journée kayak avec des pagayeurs de Konin",
}
DRUMS = {
    "de": "Trommelabend mit Gästen aus Luzhou",
    "en": "Drumming evening with guests from Luzhou",
    "ru": "Вечер барабанов с гостями из Лучжоу",
    "fr": "Soirée de percussions avec des invités de Luzhou",
}


async def add_events(qa) -> None:
    now = utcnow()
    await insert_event(qa.db, "kayak", "konin", "sport", now + timedelta(days=12), texts=KAYAK)
    await insert_event(qa.db, "drums", "luzhou", "culture", now + timedelta(days=50), texts=DRUMS)


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        ("I heard some canoeists from Konin are dropping by - when?", "en", "konin"),
        ("Trommler aus Luzhou kommen vorbei, was ist da los?", "de", "luzhou"),
        ("Барабанщики из Лучжоу едут к нам?", "ru", "luzhou"),
        ("Des grimpeurs de Konin débarquent à Herne, c'est quand ?", "fr", "konin"),
    ],
)
async def test_guests_named_by_what_they_do_are_their_citys_events(qa, question, language, city):
    await add_events(qa)
    answer = await qa.answer(question, language)
    text = to_plain(answer)
    assert answer.entry == f"events.upcoming:{city}", text
    mine, other = (KAYAK, DRUMS) if city == "konin" else (DRUMS, KAYAK)
    assert mine[language] in text
    assert other[language] not in text


async def test_guests_from_a_city_without_events_get_none_planned(qa):
    await add_events(qa)
    answer = await qa.answer("Skaters from Ometepe are heading to Herne, what's the deal?", "en")
    text = to_plain(answer)
    assert answer.entry == "events.upcoming:ometepe", text
    assert not answer.fallback
    assert KAYAK["en"] not in text and DRUMS["en"] not in text


async def test_guests_who_came_before_are_no_event_to_come(qa):
    await add_events(qa)
    answer = await qa.answer("When did cyclists from Konin first come to Herne?", "en")
    assert answer.entry != "events.upcoming:konin", to_plain(answer)


def _figure(qa, city: str) -> str:
    """The last three digits of the city's population, as every locale writes them."""
    return str(qa.knowledge.cities[city].population)[-3:]


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        (
            "How many people live in Altofts, ten minutes down the road from Wakefield?",
            "en",
            "wakefield",
        ),
        ("Wie viele Einwohner hat Polleben, fünf Kilometer von Eisleben?", "de", "eisleben"),
        ("Сколько людей живёт в Шебекино, в часе езды от Белгорода?", "ru", "belgorod"),
        ("Ilu mieszkańców ma Golina, dwadzieścia minut autem od Konina?", "pl", "konin"),
        ("Combien d'habitants à Lens, à dix minutes d'Hénin-Beaumont ?", "fr", "henin-beaumont"),
        ("¿Cuántos habitantes tiene Rivas, a una hora en lancha de Ometepe?", "es", "ometepe"),
        ("古蔺，离泸州两小时车程，有多少人？", "zh", "luzhou"),
        ("Konin'e on kilometre uzaklıktaki Golina'nın nüfusu ne kadar?", "tr", "konin"),
        ("Скільки людей живе в Шебекиному, пів години дорогою від Бєлгорода?", "uk", "belgorod"),
    ],
)
async def test_a_place_set_apart_as_a_way_from_a_partner_city_gets_no_figure_of_it(
    shared_qa, question, language, city
):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, (answer.entry, to_plain(answer))
    assert _figure(shared_qa, city) not in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "entry"),
    [
        # Nothing set apart: the distance of the partner city itself.
        ("How many kilometres is it from Konin to Herne?", "en", "city.distance:konin"),
        ("Сколько километров от Белгорода до Херне?", "ru", "city.distance:belgorod"),
        # A journey from the partner city: its distance, as before.
        ("How long is the drive from Konin to Herne?", "en", "city.distance:konin"),
        # The partner city described by a way from somewhere else keeps its own figure.
        (
            "How many people live in Wakefield, half an hour from Leeds?",
            "en",
            "city.population:wakefield",
        ),
    ],
)
async def test_a_partner_city_asked_of_itself_keeps_its_answer(
    shared_qa, question, language, entry
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == entry, to_plain(answer)
