"""Round 38: traps, places the base does not hold asked like ones it does. A name nobody
taught of four letters ("York", "Nysą") is a place as a longer one is, where only names are
capitalised; a reading of an FAQ entry that speaks of partners lets the unknown name be
checked; a distance from a partner
city to a capitalised name nobody taught (in a language that capitalises only names) is no
distance from Herne; in Chinese, a name after Herne's, between "和" and "有没有" or "从", is the
place asked about. Expectations are computed from the base."""

from __future__ import annotations

import pytest

from bot.render import to_plain


def _partners_listed(shared_qa, language: str, said: str) -> bool:
    partners = [c for c in shared_qa.knowledge.cities.values() if c.partner]
    return all(c.name(language) in said for c in partners)


@pytest.mark.parametrize(
    ("question", "language", "place", "no"),
    [
        ("Is York a twin town of Herne?", "en", "York", "No"),
        ("Czy Herne ma partnerstwo z Nysą?", "pl", "Nys", "Nie"),
        ("Чи має Херне партнерство з Полтавою?", "uk", "Полтав", "Ні"),
        ("黑尔讷和南京有没有结为友好城市？", "zh", "南京", "不是"),
        ("黑尔讷和杭州从哪年开始结为友好城市？", "zh", "杭州", "不是"),
    ],
)
async def test_a_name_nobody_taught_asked_as_a_partner_gets_the_direct_no(
    shared_qa, question, language, place, no
):
    answer = await shared_qa.answer(question, language)
    said = to_plain(answer)
    assert (answer.entry or "").startswith("partners.check"), (answer.entry, said)
    assert said.startswith(no) and place in said, said
    assert _partners_listed(shared_qa, language, said), said


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("How far is Wakefield from York?", "en"),
        ("How far is Wakefield from Leeds?", "en"),
    ],
)
async def test_a_distance_to_a_name_nobody_taught_is_not_the_distance_from_herne(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, (answer.entry, to_plain(answer))


async def test_a_distance_to_a_place_the_city_texts_name_still_measures_from_herne(shared_qa):
    answer = await shared_qa.answer("How far is Belgorod from Moscow?", "en")
    said = to_plain(answer)
    assert answer.entry == "city.distance:belgorod" and "km" in said, (answer.entry, said)
