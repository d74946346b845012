"""Round 36: a partner city's name misspelt and inflected in a colloquial question, a Chinese
name with one character heard for another, a partner city named beside what it is known by,
and thanks or a greeting sent from a partner city (bench/qa_probe_typo36.jsonl). Expectations
are computed from the knowledge base; the wordings are neither the probe's nor a set's."""

from __future__ import annotations

import pytest

from bot.render import to_plain

THANKS = "smalltalk.thanks"
GREETING = "smalltalk.greeting"


def _population(shared_qa, city: str) -> str:
    return str(shared_qa.knowledge.cities[city].population)[-3:]


def _since(shared_qa, city: str) -> str:
    return (shared_qa.knowledge.cities[city].partner_since or "")[:4]


@pytest.mark.parametrize(
    ("question", "language", "city", "fact"),
    [
        ("ile osób żyje w wakefildzie?", "pl", "wakefield", "population"),
        ("od kiedy herne współpracuje z wakfieldem?", "pl", "wakefield", "since"),
        ("wakfildda nüfus ne kadar", "tr", "wakefield", "population"),
        ("сколько людей в ветфилде проживает", "ru", "wakefield", "population"),
    ],
)
async def test_a_misspelt_inflected_name_is_the_city(shared_qa, question, language, city, fact):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert answer.entry == f"city.{fact}:{city}", (answer.entry, text)
    expected = _population(shared_qa, city) if fact == "population" else _since(shared_qa, city)
    assert expected in text.replace(" ", "").replace(".", "").replace(",", ""), text


@pytest.mark.parametrize(
    ("question", "city"),
    [("科凌在哪个国家？", "konin"), ("泸邹是在哪个省", "luzhou")],
)
async def test_a_chinese_name_with_a_character_heard_for_another_is_the_city(
    shared_qa, question, city
):
    answer = await shared_qa.answer(question, "zh")
    assert not answer.fallback, to_plain(answer)
    assert answer.entry is not None and answer.entry.endswith(f":{city}"), answer.entry


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("how many people live in tampere", "en"),  # a place nobody taught, no typo of a name
        ("сколько людей живет в вестфилде", "ru"),  # two letters from Уэкфилд as it sounds
        ("柳州有多少人口", "zh"),  # Liuzhou, a real city, not Luzhou
    ],
)
async def test_a_name_no_partner_city_sounds_like_is_no_partner_city(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert not (answer.entry or "").endswith((":wakefield", ":luzhou")), (
        answer.entry,
        to_plain(answer),
    )


@pytest.mark.parametrize(
    ("question", "language", "entry"),
    [
        ("¿Dónde está Eisleben, la tierra natal de Lutero?", "es", "city.where:eisleben"),
        ("Wie viele Leute wohnen in Luthers Geburtsort Eisleben?", "de", "city.population"),
    ],
)
async def test_a_city_beside_what_it_is_known_by_is_asked_its_fact(
    shared_qa, question, language, entry
):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert answer.entry is not None and entry in answer.entry, (answer.entry, to_plain(answer))


async def test_where_a_city_beside_what_it_is_known_by_lies_is_answered(shared_qa):
    # Read as the entry on Luther's birthplace or as where the city lies: either names its
    # Land; never the fallback, never a place called Luther.
    answer = await shared_qa.answer("Où est la patrie de Luther, Eisleben ?", "fr")
    assert not answer.fallback, to_plain(answer)
    assert "saxe-anhalt" in to_plain(answer).lower(), to_plain(answer)


async def test_what_a_city_is_known_by_asked_beside_it_is_still_the_entry(shared_qa):
    answer = await shared_qa.answer("Warum ist Eisleben für Luther so wichtig?", "de")
    assert answer.entry == "faq:eisleben-luther", (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language", "kind"),
    [
        ("merci bien, bonjour de Konin", "fr", THANKS),
        ("thank you so much, hello from Wakefield", "en", THANKS),
        ("спасибо тебе, большой привет из Белгорода", "ru", THANKS),
        ("Grüße aus Luzhou", "de", GREETING),
        ("谢谢你，从泸州向你问好", "zh", THANKS),
    ],
)
async def test_greetings_sent_from_a_partner_city_are_small_talk(
    shared_qa, question, language, kind
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == kind, (answer.entry, to_plain(answer))
    assert not answer.fallback


async def test_a_question_beside_greetings_from_a_city_is_asked(shared_qa):
    answer = await shared_qa.answer("Grüße aus Konin, seit wann seid ihr Partnerstädte?", "de")
    text = to_plain(answer)
    assert answer.entry == "city.since:konin", (answer.entry, text)
    assert _since(shared_qa, "konin") in text
