"""Round 29: a fact of a partner city, or of Herne, asked inside the asker's own story. Where the
asker arrives is no frame of a question about Herne, a time difference between Herne and the
partner city the asker's family lives in stays one, and a population asked again of the city the
asker works in is that city's; a fact of the asker's own village or one the base does not hold
still falls back (bench/qa_probe_city29.jsonl)."""

from __future__ import annotations

import re

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Jutro ląduję w Kolonii. W jakim landzie leży Herne?", "pl"),
        ("J'arrive à Cologne en train mardi. Dans quel Land se trouve Herne ?", "fr"),
        ("Mañana aterrizo en Fráncfort. ¿En qué estado alemán queda Herne?", "es"),
        ("Ich steige morgen in Essen aus dem Zug. In welchem Bundesland liegt Herne?", "de"),
    ],
)
async def test_where_the_asker_arrives_is_no_frame_of_where_herne_lies(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert answer.entry == "city.where:herne", answer.entry


async def test_a_partner_check_of_the_askers_own_town_stays_one(shared_qa):
    answer = await shared_qa.answer("I live in Bochum. Is Herne twinned with Bochum?", "en")
    assert answer.entry == "partners.check:bochum", answer.entry


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        (
            "Meine Schwester lebt in Belgorod. Wie viele Stunden Unterschied gibt es zwischen "
            "Herne und Belgorod?",
            "de",
            "belgorod",
        ),
        (
            "Mi abuelo vive en Ometepe. ¿Cuántas horas de diferencia hay entre Herne y Ometepe?",
            "es",
            "ometepe",
        ),
        (
            "Моя тётя живёт в Лучжоу. Сколько часов разницы между Херне и Лучжоу?",
            "ru",
            "luzhou",
        ),
    ],
)
async def test_a_time_difference_after_the_askers_family_is_the_partner_citys_clock(
    shared_qa, question, language, city
):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert answer.entry == f"city.time:{city}", answer.entry
    assert re.search(r"\d{1,2}:\d{2}", to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language", "entry", "figure"),
    [
        (
            "Je travaille à l'office de tourisme de Wakefield et les visiteurs me demandent sans "
            "cesse combien d'habitants compte Wakefield.",
            "fr",
            "city.population:wakefield",
            r"109\W?766",
        ),
        (
            "Konin'de tur rehberiyim, misafirler hep Konin'in nüfusunu merak ediyor.",
            "tr",
            "city.population:konin",
            r"71\W?427",
        ),
        (
            "Ich bin Stadtführerin in Eisleben, und die Gäste wollen immer wissen, wie viele "
            "Einwohner Eisleben hat.",
            "de",
            "city.population:eisleben",
            r"22\W?639",
        ),
    ],
)
async def test_a_population_relayed_by_someone_working_in_the_city_is_its_own(
    shared_qa, question, language, entry, figure
):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert answer.entry == entry, answer.entry
    assert re.search(figure, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # The asker's own village near a partner city, asked about by name.
        ("Ich wohne bei Eisleben in Wimmelburg. Wie viele Leute wohnen in Wimmelburg?", "de"),
        # Who governs now, and tomorrow's weather: nothing the base holds, whoever asks.
        ("I coach football in Eisleben. Who runs the town hall in Eisleben these days?", "en"),
        (
            "Je suis guide à Ometepe. Les touristes demandent quel temps il fera demain à Ometepe.",
            "fr",
        ),
    ],
)
async def test_what_the_base_does_not_hold_still_falls_back(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, (answer.entry, to_plain(answer))
