"""Round 28: business and science contacts asked from the asker's side (a firm wanting clients
in a partner city, a founder in Herne, research partners in nanotechnology) get the economic
development company's card or the universities; a partner city's own organisation of a kind the
base holds only in Herne is not Herne's, and falls back (bench/qa_probe_biz28.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain
from bot.understanding import clean


@pytest.mark.parametrize(
    ("question", "language"),
    [
        (
            "Mein Kosmetikstudio möchte Kundschaft in Konin gewinnen – wer in Herne"
            " unterstützt uns?",
            "de",
        ),
        (
            "we're a small printing shop hoping to land contracts in Wakefield, who in Herne backs"
            " firms like us?",
            "en",
        ),
        ("Herne'de bir kafe açacağım, girişimcilere kim ekonomik destek veriyor?", "tr"),
    ],
)
async def test_a_firm_of_any_trade_gets_the_economic_development_company(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    plain = to_plain(answer)
    assert not answer.fallback, plain
    assert "Westring 303" in plain


async def test_research_partners_for_nanotechnology_are_the_universities(shared_qa):
    answer = await shared_qa.answer(
        "С каким вузом фирма может начать научный проект по нанотехнологиям рядом с Херне?", "ru"
    )
    assert answer.entry == "faq:nanotech-partners-herne", to_plain(answer)
    assert "ruhrvalley" in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Does Eisleben have an economic development office of its own?", "en"),
        ("科宁有自己的经济促进局吗？", "zh"),
    ],
)
async def test_a_partner_citys_own_agency_is_not_herne_s(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "fact"),
    [
        # Herne's own agency, for contacts in a partner city.
        (
            "Can Herne's economic development company help us with contacts in Konin?",
            "en",
            "Westring 303",
        ),
        # The association travels to the partner cities: they are not its seat.
        ("Fährt der Partnerschaftsverein auch mal nach Konin?", "de", "Konin"),
    ],
)
async def test_herne_s_bodies_beside_a_partner_city_stay_herne_s(
    shared_qa, question, language, fact
):
    answer = await shared_qa.answer(question, language)
    plain = to_plain(answer)
    assert not answer.fallback, plain
    assert fact in plain


def test_unheld_body_reads_the_city_nearest_the_description(shared_qa):
    reader = shared_qa.understander.reader

    def unheld(question: str, language: str) -> bool:
        scan = reader.described_bodies(reader.scan(clean(question)), language)
        return reader.unheld_body(scan, language)

    assert unheld("Hat Wakefield überhaupt eine Wirtschaftsförderung?", "de")
    # Belgorod holds universities, Herne the economic development company.
    assert not unheld("Hat Belgorod eine Universität?", "de")
    assert not unheld("Wo sitzt die Wirtschaftsförderung von Herne?", "de")
    # Too far from the city to be its own.
    assert not unheld("Konin: kann mir da irgendwer von der Wirtschaftsförderung helfen?", "de")
