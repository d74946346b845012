"""Round 26: a question about one of the base's organisations, by its name after an article,
by a description holding its city's name in any form, or asking its former name, gets that
organisation's card with the fact asked for (bench/qa_probe_org26.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain
from bot.understanding import _seat_turned


@pytest.mark.parametrize(
    ("question", "language", "organisation", "fact"),
    [
        ("¿De qué año es la Universidad Estatal de Bélgorod?", "es", "belsu", "1876"),
        ("En quelle année a été fondée l'université d'État de Belgorod ?", "fr", "belsu", "1876"),
        # The association's own entry says when it was founded.
        ("Wann wurde der Herner Partnerschaftsverein gegründet?", "de", None, "1995"),
        ("Wann wurde die Belgoroder Uni gegründet?", "de", "belsu", "1876"),
    ],
)
async def test_an_organisation_named_so_is_what_is_asked_about(
    shared_qa, question, language, organisation, fact
):
    answer = await shared_qa.answer(question, language)
    plain = to_plain(answer)
    assert not answer.fallback, plain
    if organisation is not None:
        assert answer.entry == f"org.info:{organisation}", answer.entry
    assert fact in plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("What was Shukhov University called in the nineties?", "en"),
        ("舒霍夫技术大学的旧名字是什么？", "zh"),
        ("Comment s'appelait l'université Choukhov avant 2003 ?", "fr"),
    ],
)
async def test_a_former_name_is_answered_by_the_renamed_universitys_card(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == "org.info:bstu", to_plain(answer)
    assert "1994" in to_plain(answer)


async def test_a_city_named_without_an_organisation_keeps_its_own_fact(shared_qa):
    answer = await shared_qa.answer("Wann wurde Belgorod gegründet?", "de")
    assert answer.entry == "city.founded:belgorod", to_plain(answer)


def test_a_name_is_turned_around_its_city_only_without_short_words():
    seats = {"belgorod", "herne"}
    assert _seat_turned("хоккейный клуб Белгород", seats) == "Белгород хоккейный клуб"
    assert _seat_turned("Partnerschaftsverein Herne", seats) == "Herne Partnerschaftsverein"
    assert _seat_turned("club de hockey de Belgorod", seats) is None
    assert _seat_turned("HC Belgorod", seats) is None
    assert _seat_turned("Hochschule Bochum", seats) is None
