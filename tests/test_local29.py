"""Round 29: a price, a ticket, a recipe, opening hours or a place to eat asked about a partner
city, an organisation or the association's trips is nothing the base holds, whatever entry the
names pull the question to; what joining the association costs is still how to reach it, and
the partner cities' own answers stay (bench/qa_probe_oos29.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Wie teuer ist ein Abendessen im Parkhotel?", "de"),
        ("What do the association's coach trips to Wakefield cost per person?", "en"),
        ("Сколько стоит съездить с обществом в Конин?", "ru"),
        ("Ile kosztuje wyjazd ze stowarzyszeniem do Wakefield?", "pl"),
        ("Herner EV maçına bilet fiyatı ne kadar?", "tr"),
        ("Combien coûte le voyage de l'association à Konin ?", "fr"),
        ("¿Cuánto cuesta el viaje de la asociación a Wakefield?", "es"),
        ("跟协会去科宁旅行要多少钱？", "zh"),
        ("Скільки коштує поїздка з товариством до Вейкфілда?", "uk"),
    ],
)
async def test_a_price_is_held_by_no_entry(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Was kostet es, Mitglied im Partnerschaftsverein zu werden?", "de"),
        ("how much does membership of the twinning association cost", "en"),
        ("¿Cuánto cuesta hacerse miembro de la asociación de ciudades hermanas?", "es"),
    ],
)
async def test_what_joining_the_association_costs_is_how_to_reach_it(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert answer.entry is not None and answer.entry.startswith("association.contact")


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Gib mir bitte ein Rezept für türkische Baklava.", "de"),
        ("any recipe for a proper polish cheesecake?", "en"),
        ("Jaki jest przepis na sernik z Konina?", "pl"),
        ("Como se prepara el nacatamal de Ometepe? una receta por favor", "es"),
    ],
)
async def test_a_recipe_falls_back(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("On the association's trip to Konin, any good places for dinner?", "en"),
        ("Is the Luther museum in Eisleben open until six?", "en"),
        ("Bis wie viel Uhr hat das Lutherhaus in Eisleben auf?", "de"),
    ],
)
async def test_a_place_to_eat_or_opening_hours_fall_back(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language", "said"),
    [
        (
            "Which organisation would you recommend for energy contacts in Wakefield?",
            "en",
            "Wirtschaftsf",
        ),
        ("How big is Eisleben, how many people live there?", "en", "22"),
        ("Ile kilometrów jest z Herne do Wakefield?", "pl", "km"),
        ("Jest Opole miastem partnerskim Herne?", "pl", "Konin"),
    ],
)
async def test_the_partner_cities_own_answers_stay(shared_qa, question, language, said):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert said in to_plain(answer)
