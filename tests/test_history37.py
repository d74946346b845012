"""Round 37: the history of a partnership asked in people's own words
(bench/qa_probe_hist37.jsonl). Why Herne has a partner city described and not named (by its
country or region: "in the north of France", or by the country's adjective) is that
partnership's history; a town named by its former name ("Hénin-Liétard") and asked what it is
called now is the city's founding; why a partner city matters is its profile; when the council
decided is the partnership's history; the last town twinned is the newest partnership.
Expectations are computed from the base."""

from __future__ import annotations

import pytest

from bot.render import to_plain


def _year(shared_qa, entry: str) -> str:
    return (shared_qa.knowledge.faq[entry].date or "")[:4]


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Wieso hat Herne eine Partnerstadt im Norden Frankreichs?", "de"),
        ("What is the reason Herne got a twin town in the north of France?", "en"),
        ("Z jakiego powodu Herne ma partnera we Francji, na północy kraju?", "pl"),
    ],
)
async def test_why_a_partner_city_in_a_region_of_its_country_is_its_history(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == "city.history:henin-beaumont", to_plain(answer)
    assert _year(shared_qa, "henin-courrieres-1906") in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Why is Herne twinned with a Polish town at all?", "en"),
        ("Pourquoi un jumelage avec une ville polonaise ?", "fr"),
    ],
)
async def test_why_a_partner_city_by_its_countrys_adjective_is_its_history(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == "city.history:konin", to_plain(answer)
    assert _year(shared_qa, "konin-first-contacts-1989") in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("I found Hénin-Liétard on an old map, what is that town called nowadays?", "en"),
        ("Na starej pocztówce jest Hénin-Liétard. Co to za miasto dzisiaj?", "pl"),
    ],
)
async def test_a_former_name_asked_about_is_the_citys_founding(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    # The founding tells the merger, and so does the profile.
    assert answer.entry in ("city.founded:henin-beaumont", "city.profile:henin-beaumont"), to_plain(
        answer
    )
    assert _year(shared_qa, "henin-formation-1971") in to_plain(answer)


async def test_a_former_name_beside_a_fact_asked_keeps_that_fact(shared_qa):
    answer = await shared_qa.answer("Since when is Hénin-Liétard a partner?", "en")
    assert answer.entry == "city.since:henin-beaumont", to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Weshalb ist Eisleben so berühmt?", "de"),
        ("Eisleben neden önemli bir yer?", "tr"),
    ],
)
async def test_why_a_partner_city_matters_is_what_it_is_known_for(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert answer.entry in ("city.profile:eisleben", "faq:eisleben-luther"), to_plain(answer)


async def test_a_person_known_for_a_city_stays_that_entry(shared_qa):
    answer = await shared_qa.answer("Why is Luther famous?", "en")
    assert answer.entry == "faq:eisleben-luther", to_plain(answer)


async def test_the_councils_decision_is_the_partnerships_history(shared_qa):
    answer = await shared_qa.answer("When did Herne's council vote to twin with Ometepe?", "en")
    assert answer.entry.startswith("city.history:ometepe"), to_plain(answer)
    assert _year(shared_qa, "ometepe-council-1987") in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Welche Stadt kam als letzte zu Hernes Partnerstädten?", "de"),
        ("¿Y cuál fue la última ciudad hermanada?", "es"),
        ("Which town was the last to twin with Herne?", "en"),
    ],
)
async def test_the_last_town_twinned_is_the_newest_partnership(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == "faq:oldest-newest-partnership", to_plain(answer)
    newest = max(
        (c for c in shared_qa.knowledge.cities.values() if c.partner and c.partner_since),
        key=lambda c: c.partner_since,
    )
    assert newest.partner_since[:4] in to_plain(answer)


async def test_a_death_toll_at_the_mine_is_not_the_history(shared_qa):
    answer = await shared_qa.answer("Why did so many miners die at Courrières?", "en")
    assert answer.entry != "city.history:henin-beaumont", to_plain(answer)
