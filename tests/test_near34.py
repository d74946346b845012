"""Round 34: a fact of a place named beside a partner city that only says where it lies is no
fact of the partner city (bench/qa_probe_near34.jsonl), whatever word of the language the
place's name is too ("Avion" a plane, "Северный" northern), however it stands beside the
city: set apart by a comma, a dash or brackets, capitalised right before its landmark, right
after a word that places it, or described as a part of the city's surroundings ("a suburb
of", "пригород", "un pueblo de"). Asked whether it is a partner city, or since when it has
been one, the answer says no. The partner city's own facts beside a landmark stay its own.
Expectations are computed from the base."""

from __future__ import annotations

import pytest

from bot.render import to_plain


def _figure(qa, city: str) -> str:
    """The last three digits of the city's population, as every locale writes them."""
    return str(qa.knowledge.cities[city].population)[-3:]


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        # a name that is a word, set apart by a comma
        ("How many people live in Heath, next to Wakefield?", "en", "wakefield"),
        # written without capitals, set apart
        ("combien de gens vivent à pont, à côté d'hénin-beaumont", "fr", "henin-beaumont"),
        # capitalised right before the landmark
        ("Сколько жителей в Северном под Белгородом?", "ru", "belgorod"),
        ("Скільки жителів у Дубовому під Бєлгородом?", "uk", "belgorod"),
        # in brackets
        ("Wie viele Einwohner hat Blankenheim (Eisleben)?", "de", "eisleben"),
        # a part of the city's surroundings
        ("Altofts, a suburb of Wakefield: how many people live there?", "en", "wakefield"),
        ("Сколько людей живёт в Дубовом, пригороде Белгорода?", "ru", "belgorod"),
        # a name of two words that are words
        ("Ilu mieszkańców ma Nowa Wieś, wieś koło Konina?", "pl", "konin"),
        # after its landmark, set apart or anywhere in the sentence
        ("Недалеко от Белгорода, сколько жителей в Северном?", "ru", "belgorod"),
        ("Près d'Hénin-Beaumont, combien d'habitants compte Pont ?", "fr", "henin-beaumont"),
        # a comma alone: the partner city says where the place is
        ("What's the population of Heath, Wakefield?", "en", "wakefield"),
        # after its landmark where the language names that first
        ("Beşiktaş'ın hemen yanındaki Esentepe'nin nüfusu kaç?", "tr", "besiktas"),
    ],
)
async def test_a_place_beside_a_partner_city_gets_no_figure_of_the_city(
    shared_qa, question, language, city
):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, (answer.entry, to_plain(answer))
    assert _figure(shared_qa, city) not in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "place"),
    [
        ("Is Heath, near Wakefield, one of Herne's twin towns?", "en", "heath"),
        ("Czy Stare Miasto pod Koninem to miasto partnerskie Herne?", "pl", "stare miasto"),
        # since when it has been one asks whether it is one
        ("Seit wann ist Polleben bei Eisleben Partnerstadt von Herne?", "de", "polleben"),
        (
            "¿Desde cuándo es Tola, un pueblo cerca de Ometepe, ciudad hermana de Herne?",
            "es",
            "tola",
        ),
    ],
)
async def test_a_place_beside_a_partner_city_is_no_partner_city(
    shared_qa, question, language, place
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"partners.check:{place}", (answer.entry, to_plain(answer))


async def test_a_known_place_checked_beside_its_landmark_is_checked_alone(shared_qa):
    answer = await shared_qa.answer("Is Leeds, close to Wakefield, twinned with Herne?", "en")
    assert answer.entry == "partners.check:leeds", (answer.entry, to_plain(answer))


async def test_a_story_near_a_partner_city_still_asks_of_the_city(shared_qa):
    answer = await shared_qa.answer(
        "Ich wohne bei Konin, mein Nachbar sagt, wir sind Partnerstadt von Herne. Seit wann?", "de"
    )
    assert "1991" in to_plain(answer), (answer.entry, to_plain(answer))


async def test_a_fact_of_such_a_place_read_surer_than_the_check_is_no_check(shared_qa):
    answer = await shared_qa.answer("What time is it in Altofts, right next to Wakefield?", "en")
    assert answer.fallback, (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        ("Combien d'habitants compte Hénin-Beaumont, tout près de Lens ?", "fr", "henin-beaumont"),
        ("Wie viele Einwohner hat Konin (Polen)?", "de", "konin"),
        ("How many people live in Beşiktaş, a district of Istanbul?", "en", "besiktas"),
        ("Сколько людей живёт в Белгороде, возле Харькова?", "ru", "belgorod"),
    ],
)
async def test_the_partner_city_beside_a_landmark_keeps_its_figure(
    shared_qa, question, language, city
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"city.population:{city}", (answer.entry, to_plain(answer))
    assert _figure(shared_qa, city) in to_plain(answer)


async def test_a_partner_city_beside_another_keeps_both_figures(shared_qa):
    answer = await shared_qa.answer("Wie viele Einwohner haben Konin und Eisleben?", "de")
    text = to_plain(answer)
    assert _figure(shared_qa, "konin") in text and _figure(shared_qa, "eisleben") in text, text
