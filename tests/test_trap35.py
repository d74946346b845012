"""Round 35: traps of the partner list (bench/qa_probe_trap35.jsonl). A place nobody taught,
asked to be a partner city, gets the direct no with the list: in Chinese found by the frame
around it. A Chinese partner
city's name typed by its reading is that city. What something costs is no fact of a city or
the office, whatever they name. A list that sets partner cities aside, by name or by country,
leaves them out. Expectations are computed from the base."""

from __future__ import annotations

import pytest

from bot.render import to_plain


def _partners(qa) -> list:
    return [c for c in qa.knowledge.cities.values() if c.partner]


def _bullets(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("•")]


@pytest.mark.parametrize(
    ("question", "language", "place", "no"),
    [
        # Chinese: the characters before the copula right before Herne's name
        ("广安是黑尔讷的友好城市吗", "zh", "广安", "不是"),
        ("请问昭通也是黑尔讷的姐妹城市吗？", "zh", "昭通", "不是"),
        ("昭通跟黑尔讷结好了吗", "zh", "昭通", "不是"),
    ],
)
async def test_a_place_nobody_taught_is_no_partner_city(shared_qa, question, language, place, no):
    answer = await shared_qa.answer(question, language)
    said = to_plain(answer)
    assert not answer.fallback, (answer.entry, said)
    assert (answer.entry or "").startswith("partners.check"), (answer.entry, said)
    assert said.startswith(no) and place in said, said
    assert all(c.name(language) in said for c in _partners(shared_qa)), said


@pytest.mark.parametrize(
    "question",
    [
        # one character, then both, of the same reading as the name's own
        "芦州从哪一年开始是黑尔讷的友好城市",
        "卢洲是黑尔讷的友好城市吗？哪年开始的",
    ],
)
async def test_a_chinese_name_typed_by_its_reading_is_the_partner_city(shared_qa, question):
    luzhou = shared_qa.knowledge.cities["luzhou"]
    answer = await shared_qa.answer(question, "zh")
    said = to_plain(answer)
    assert answer.cities == ["luzhou"], (answer.entry, said)
    assert str(luzhou.partner_since)[:4] in said and not said.startswith("不是"), said


async def test_a_word_before_the_copula_that_the_bank_uses_is_no_place(shared_qa):
    answer = await shared_qa.answer("那个城市也是黑尔讷的友好城市吗", "zh")
    assert not (answer.entry or "").startswith("partners.check:"), answer.entry


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Was kostet ein Stellplatz am Shamrock-Park im Monat?", "de"),
        ("сколько стоит виза в Польшу для жителя Херне", "ru"),
        ("How much is the rent for an office in Konin?", "en"),
        ("¿Cuánto es el alquiler de un piso en Wakefield?", "es"),
    ],
)
async def test_a_price_gets_the_fallback_not_a_fact_of_what_it_names(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    said = to_plain(answer)
    assert answer.fallback, (answer.entry, said)
    for city in _partners(shared_qa):
        assert str(city.population)[-3:] not in said, said


async def test_what_joining_the_association_costs_is_its_contact(shared_qa):
    answer = await shared_qa.answer("Wie viel kostet die Mitgliedschaft im Verein?", "de")
    assert (answer.entry or "").startswith("association.contact"), answer.entry


@pytest.mark.parametrize(
    ("question", "language", "aside"),
    [
        ("Which twin towns does Herne have besides the one in Poland?", "en", {"konin"}),
        ("Welche Partnerstädte hat Herne außer Luzhou und Ometepe?", "de", {"luzhou", "ometepe"}),
        ("побратимы Херне за исключением Уэйкфилда", "ru", {"wakefield"}),
        ("Herne'nin Fransa dışındaki kardeş şehirleri hangileri?", "tr", {"henin-beaumont"}),
        ("villes jumelées de Herne en dehors de la Chine", "fr", {"luzhou"}),
        ("除了波兰以外，黑尔讷有哪些友好城市？", "zh", {"konin"}),
    ],
)
async def test_a_list_leaves_out_what_it_sets_aside(shared_qa, question, language, aside):
    answer = await shared_qa.answer(question, language)
    said = to_plain(answer)
    listed = "\n".join(_bullets(said))
    assert not answer.fallback and answer.entry == "partners.list", (answer.entry, said)
    for city in _partners(shared_qa):
        assert (city.name(language) in listed) == (city.id not in aside), (city.id, said)


async def test_the_list_of_a_country_keeps_its_city(shared_qa):
    answer = await shared_qa.answer("Jakie miasta partnerskie ma Herne w Polsce?", "pl")
    assert answer.cities == ["konin"], (answer.entry, to_plain(answer))


async def test_a_partner_city_asked_beside_one_set_aside_is_checked(shared_qa):
    # the word setting Wakefield aside is no place nobody taught ("No: Besides is not ...")
    answer = await shared_qa.answer(
        "Besides Wakefield, is Konin a partner city of Herne too?", "en"
    )
    said = to_plain(answer)
    assert "besides" not in (answer.entry or "").lower(), (answer.entry, said)
    assert not said.startswith("No"), (answer.entry, said)
