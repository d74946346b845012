"""Round 38: who in Herne looks after the partner cities, where online to read about them,
whether Herne lies in the Ruhr area, and municipal services the base holds nothing on
(bench/qa_probe_office38.jsonl). Who looks after the twin towns gets the association; a website
about Herne's partner cities gets Herne's site; the Ruhr gets Herne's location; rubbish
collection falls back instead of the business contacts. Expectations are computed from the
knowledge base; the wordings are neither the probe's nor a set's."""

from __future__ import annotations

import pytest
import yaml

from bot.render import to_plain
from bot.resources import data_dir


def herne_fact(field: str, language: str) -> str:
    cities = yaml.safe_load((data_dir() / "cities.yaml").read_text(encoding="utf-8"))["cities"]
    herne = next(city for city in cities if city["id"] == "herne")
    value = herne[field]
    return value[language] if isinstance(value, dict) else value


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("who deals with the twin towns in Herne?", "en"),
        ("Herne'de kardeş şehirlerden kim sorumlu oluyor?", "tr"),
        ("¿Quién lleva las ciudades hermanas de Herne?", "es"),
    ],
)
async def test_who_looks_after_the_partner_cities_is_the_association(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback
    assert answer.entry is not None and answer.entry.startswith("association.contact"), (
        answer.entry,
        to_plain(answer),
    )


async def test_a_website_about_hernes_partner_cities_is_hernes_site(shared_qa):
    answer = await shared_qa.answer(
        "Auf welcher Seite im Internet stehen Hernes Partnerstädte?", "de"
    )
    site = herne_fact("website", "de").removeprefix("https://").removeprefix("www.")
    assert site in to_plain(answer), (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("is Herne part of the Ruhr?", "en"),
        ("Ist Herne im Ruhrgebiet?", "de"),
        ("Czy Herne leży w Zagłębiu Ruhry?", "pl"),
        ("Herne Ruhr'da mı?", "tr"),
        ("¿Está Herne en el Ruhr?", "es"),
    ],
)
async def test_whether_herne_is_in_the_ruhr_gets_its_region(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == "city.where:herne", (answer.entry, to_plain(answer))
    assert herne_fact("region", language) in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Qui s'occupe des ordures à Herne ?", "fr"),
        ("Кто в Херне отвечает за вывоз мусора?", "ru"),
    ],
)
async def test_rubbish_collection_is_no_business_contact(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, (answer.entry, to_plain(answer))
