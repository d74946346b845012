"""Round 25: a partner city's facts as travellers ask them (how long the drive or the flight
is, whether to change the watch, what the city is known for), and two cities asked two
different things in one message (bench/qa_probe_fact25.jsonl)."""

from __future__ import annotations

import re

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language", "city", "km"),
    [
        ("Wie viele Stunden ist man mit dem Auto nach Konin unterwegs?", "de", "konin", "760"),
        ("how long is the car journey to eisleben?", "en", "eisleben", "300"),
        ("Сколько часов надо лететь до Лучжоу?", "ru", "luzhou", "8060"),
        ("Combien d'heures faut-il en voiture pour Wakefield ?", "fr", "wakefield", "630"),
        ("飞到韦克菲尔德要几个小时？", "zh", "wakefield", "630"),
    ],
)
async def test_a_journey_time_is_answered_with_the_distance(
    shared_qa, question, language, city, km
):
    """The base holds the distance as the crow flies, not timetables: a journey's length to a
    partner city is answered with it, never with the city's clock."""
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"city.distance:{city}", to_plain(answer)
    assert km in re.sub(r"[\s.,]", "", to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        ("Ich fliege nach Luzhou, muss ich da die Uhr umstellen?", "de", "luzhou"),
        ("going to ometepe soon, do I change my watch?", "en", "ometepe"),
        ("Еду в Белгород, нужно переводить часы?", "ru", "belgorod"),
    ],
)
async def test_changing_the_watch_asks_the_time_difference(shared_qa, question, language, city):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"city.time:{city}", to_plain(answer)


async def test_what_a_city_is_known_for_is_its_profile_not_a_trip_to_it(shared_qa):
    """The profile and the entry on the association's trips to Wakefield answer as one group;
    the far more probable of the two answers, not the one whose organisation adds a little."""
    answer = await shared_qa.answer("Вейкфілд чим відомий?", "uk")
    assert answer.entry == "city.profile:wakefield", to_plain(answer)
    assert "собор" in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Where is Konin, and how many people live in Belgorod?", "en"),
        ("Wo liegt Konin und wie viele Menschen leben in Belgorod?", "de"),
    ],
)
async def test_two_cities_asked_two_things_get_both_answers(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == "city.where:konin+city.population:belgorod", to_plain(answer)
    text = to_plain(answer)
    assert "339" in text and ("Poland" in text or "Polen" in text)


async def test_one_question_of_two_cities_is_not_cut_at_a_bare_name(shared_qa):
    """A cut "… Ometepe | y Luzhou de Herne?" names a city in each part, but its second part
    asks nothing of its own: one distance question of both cities."""
    answer = await shared_qa.answer("¿A cuántos km están Ometepe y Luzhou de Herne?", "es")
    assert answer.entry == "city.distance:ometepe,luzhou", to_plain(answer)
    text = to_plain(answer)
    assert "9.200" in text and "8.060" in text
