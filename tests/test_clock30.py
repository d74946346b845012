"""Round 30: a clock asked of a place a partner city lies in is the city's (Istanbul keeps
Beşiktaş's time zone), a place beside a partner city compared by its clock gets the city's
clock and the honest note on the place, and a place near one asked alone, or any of the held
place's other facts, stays out of scope (bench/qa_probe_time30.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Is Istanbul in a different time zone than Herne?", "en"),
        ("Сколько часов разницы между Стамбулом и Херне сейчас?", "ru"),
        ("Stambuł – która tam teraz godzina?", "pl"),
        ("Estambul, ¿qué hora tienen allí ahora?", "es"),
        ("伊斯坦布尔比黑尔讷快几个小时？", "zh"),
    ],
)
async def test_a_clock_asked_of_istanbul_is_besiktas(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert answer.entry == "city.time:besiktas", answer.entry


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("How many people live in Istanbul?", "en"),
        ("Wie weit ist Istanbul von Herne entfernt?", "de"),
        ("Istanbul'un belediye başkanı kim?", "tr"),
    ],
)
async def test_istanbuls_other_facts_are_not_besiktas(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert not (answer.entry or "").endswith("besiktas"), (answer.entry, to_plain(answer))


async def test_istanbul_is_still_no_partner_city(shared_qa):
    answer = await shared_qa.answer("Ist Istanbul auch eine Partnerstadt?", "de")
    assert answer.entry == "partners.check:istanbul", answer.entry


@pytest.mark.parametrize(
    ("question", "language", "city", "place"),
    [
        ("Haben Lens und Hénin-Beaumont die gleiche Zeitzone?", "de", "henin-beaumont", "Lens"),
        ("Is Chongqing in the same time zone as Luzhou?", "en", "luzhou", "Chongqing"),
        ("У Харкові такий же час, як у Бєлгороді?", "uk", "belgorod", "Харк"),
        ("Managua et Ometepe sont-elles dans le même fuseau horaire ?", "fr", "ometepe", "Managua"),
    ],
)
async def test_a_place_compared_by_its_clock_with_a_partner_city_gets_the_citys_clock(
    shared_qa, question, language, city, place
):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert answer.entry == f"city.time:{city}", answer.entry
    # The place's own clock is not in the base: the answer says so instead of claiming it.
    assert place in to_plain(answer), to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("What's the time in Kadıköy right now?", "en"),
        ("Сколько сейчас времени в Курске?", "ru"),
        ("Wie spät ist es gerade in Chongqing, gleich neben Luzhou?", "de"),
    ],
)
async def test_a_clock_of_a_place_near_a_partner_city_stays_out_of_scope(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, (answer.entry, to_plain(answer))


async def test_an_opening_time_in_turkish_is_no_clock(shared_qa):
    answer = await shared_qa.answer("Konin müzesi hafta sonu kaçta açılır?", "tr")
    assert answer.fallback, (answer.entry, to_plain(answer))
