"""Round 31: a partner city named by a description instead of its name. Istanbul around a
word for a partner city or district, or beside the city named by its country, describes
Beşiktaş; a country's name pointed at by 那个 before a partner noun is where the city lies;
an organisation is told from its city's others of its kind by its own names' words or its
founding year (bench/qa_probe_desc31.jsonl)."""

from __future__ import annotations

import re

import pytest

from bot.render import to_plain

STATUS = re.compile(r"on hold|suspend|ruht|ruhen|ausgesetzt|приостанов|zawies|askıya|暂停|призупин")


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("İstanbul'daki kardeş ilçede kaç kişi yaşıyor?", "tr"),
        ("Ile osób mieszka w dzielnicy partnerskiej Herne w Stambule?", "pl"),
        ("¿Cuánta gente vive en el distrito hermanado de Estambul?", "es"),
    ],
)
async def test_the_partner_district_in_istanbul_is_besiktas(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert answer.entry == "city.population:besiktas", answer.entry


async def test_istanbul_beside_the_turkish_partner_city_describes_it(shared_qa):
    answer = await shared_qa.answer(
        "How many inhabitants has the Turkish partner district, the one in Istanbul?", "en"
    )
    assert answer.entry == "city.population:besiktas", (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Is Istanbul one of Herne's partner cities?", "en"),
        ("Wie viele Leute wohnen in Istanbul?", "de"),
    ],
)
async def test_istanbul_asked_about_itself_stays_a_place(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert not (answer.entry or "").endswith("besiktas"), (answer.entry, to_plain(answer))


async def test_a_country_pointed_at_before_a_partner_noun_is_where_the_city_lies(shared_qa):
    answer = await shared_qa.answer("法国那个友好城市有多少居民？", "zh")
    assert "henin-beaumont" in (answer.entry or ""), (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language", "body", "website"),
    [
        (
            "Which website does the technological university in the Russian twin have?",
            "en",
            "bstu",
            "bstu.ru",
        ),
        (
            "Welche Universität der russischen Partnerstadt stammt von 1876, und ihre Website?",
            "de",
            "belsu",
            "bsuedu.ru",
        ),
        ("俄罗斯友城的研究大学网站是什么？", "zh", "belsu", "bsuedu.ru"),
    ],
)
async def test_an_organisation_told_apart_in_a_described_city(
    shared_qa, question, language, body, website
):
    answer = await shared_qa.answer(question, language)
    plain = to_plain(answer).lower()
    assert body in (answer.entry or ""), (answer.entry, plain)
    assert website in plain
    assert STATUS.search(plain), plain
