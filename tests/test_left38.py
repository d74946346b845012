"""Round 38: claims judged by all partner cities. A count of Herne's partner cities and the
oldest or newest partnership said of one partner city are confirmed or denied first, then
the list or the oldest and newest (bench/qa_probe_left38.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


def _first(answer) -> str:
    return to_plain(answer).split("\n")[0]


@pytest.mark.parametrize(
    ("question", "language", "verdict"),
    [
        ("Herne hat doch sieben Partnerstädte?", "de", "Nein."),
        ("Herne has eight sister cities, right?", "en", "Yes."),
        ("Правда, что у Херне двенадцать городов-партнёров?", "ru", "Нет."),
        ("Herne ma osiem miast partnerskich, prawda?", "pl", "Tak."),
        ("Herne'nin dokuz kardeş şehri var, doğru mu?", "tr", "Hayır."),
    ],
)
async def test_a_count_of_partner_cities_claimed_is_judged_before_the_list(
    shared_qa, question, language, verdict
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == "partners.list", answer.entry
    assert _first(answer) == verdict, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "verdict", "named"),
    [
        ("Konin ist die älteste Partnerschaft von Herne, oder?", "de", "Nein.", "Hénin-Beaumont"),
        ("I heard Luzhou is the most recent twin town, is that right?", "en", "Yes.", "Luzhou"),
        ("Ометепе — самый новый город-партнёр Херне, верно?", "ru", "Нет.", "Лучжоу"),
        ("Hénin-Beaumont to najstarsze partnerstwo Herne, prawda?", "pl", "Tak.", "1954"),
        ("Le jumelage le plus ancien, c'est celui avec Eisleben, non ?", "fr", "Non.", "1954"),
    ],
)
async def test_the_oldest_or_newest_claimed_of_a_partner_city_is_judged(
    shared_qa, question, language, verdict, named
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == "faq:oldest-newest-partnership", answer.entry
    assert _first(answer) == verdict, to_plain(answer)
    assert named in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # Asked, not claimed: the list without a verdict.
        ("Wie viele Partnerstädte hat Herne eigentlich?", "de"),
        ("Which is Herne's oldest partnership?", "en"),
        # A superlative of something the base does not rank is no claim about partnerships.
        ("The oldest church in Wakefield is the cathedral, right?", "en"),
    ],
)
async def test_no_verdict_without_a_claim_the_base_judges(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert not _first(answer).startswith(("Ja.", "Nein.", "Yes.", "No.")), to_plain(answer)
