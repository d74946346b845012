"""Round 27: a yes/no question checking what the asker half knows of a partner city ("it's in
Belgium, right?", "is X part of Ankara?", "the only partner city in Germany?") gets where the
city lies, or the list of the partner cities in that country, which confirms or corrects it;
never the check of the wrong place as a partner, nor a "yes" (bench/qa_probe_conf27.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain

YES = ("yes", "ja", "да", "tak", "evet", "oui", "sí", "是的", "так")


@pytest.mark.parametrize(
    ("question", "language", "entry", "fact"),
    [
        ("Wakefield is in Ireland, isn't it?", "en", "city.where:wakefield", "England"),
        ("Liegt Konin eigentlich in Tschechien?", "de", "city.where:konin", "Polen"),
        ("Ometepe, c'est au Mexique ?", "fr", "city.where:ometepe", "Nicaragua"),
        ("Czy Luzhou leży w Japonii?", "pl", "city.where:luzhou", "Chiny"),
        ("Hénin-Beaumont Belçika'da mı?", "tr", "city.where:henin-beaumont", "Fransa"),
        ("¿Eisleben está en Austria?", "es", "city.where:eisleben", "Alemania"),
        ("科宁在捷克吗？", "zh", "city.where:konin", "波兰"),
        ("Конін хіба в Чехії?", "uk", "city.where:konin", "Польща"),
    ],
)
async def test_a_wrong_country_said_of_a_partner_city_gets_where_it_lies(
    shared_qa, question, language, entry, fact
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert answer.entry == entry, text
    assert fact in text
    assert not text.casefold().startswith(YES)


async def test_the_country_of_another_partner_city_is_the_guess_not_a_second_city(shared_qa):
    answer = await shared_qa.answer("Is Konin in Turkey?", "en")
    assert answer.entry == "city.where:konin", to_plain(answer)
    assert "Poland" in to_plain(answer)
    assert "Beşiktaş" not in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "entry", "fact"),
    [
        (
            "My nephew starts an apprenticeship in Konin in the autumn. That's in Hungary, right?",
            "en",
            "city.where:konin",
            "Poland",
        ),
        (
            "Unser Kegelclub besucht im Herbst Wakefield. Das liegt in Irland, gell?",
            "de",
            "city.where:wakefield",
            "England",
        ),
        (
            "Сын едет на практику в Люксембург, нет, в Конин. Это же в Польше, правильно?",
            "ru",
            "city.where:konin",
            "Польша",
        ),
    ],
)
async def test_a_guess_after_a_story_asks_where_the_city_of_the_story_lies(
    shared_qa, question, language, entry, fact
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == entry, to_plain(answer)
    assert fact in to_plain(answer)


async def test_a_guess_after_a_story_naming_two_partner_cities_is_no_where(shared_qa):
    # Which of the two is meant is not said: never the first one's location as if it were.
    answer = await shared_qa.answer(
        "We flew from Belgorod to Konin last year. That's in Poland, right?", "en"
    )
    assert answer.entry != "city.where:belgorod", to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "only"),
    [
        ("Is Beşiktaş the only partner city in Turkey?", "en", "only"),
        ("Ist Luzhou die einzige Partnerstadt in China?", "de", "einzige"),
    ],
)
async def test_the_only_partner_city_in_a_country_is_said_to_be(
    shared_qa, question, language, only
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry is not None and answer.entry.startswith("partners.list:"), to_plain(answer)
    assert only in to_plain(answer)


async def test_the_only_partner_city_without_a_country_is_not_said_to_be(shared_qa):
    answer = await shared_qa.answer("Is Konin Herne's only partner city?", "en")
    assert "only partner city in Poland" not in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "entry"),
    [
        ("Is Gniezno a twin town of Herne as well?", "en", "partners.check:gniezno"),
        ("Ist Konin oder Gniezno eine Partnerstadt?", "de", "partners.check:konin,gniezno"),
    ],
)
async def test_a_place_asked_as_a_partner_keeps_the_check(shared_qa, question, language, entry):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == entry, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Is the football stadium in Konin big?", "en"),
        ("Where is Wakefield, Massachusetts?", "en"),
    ],
)
async def test_yes_no_questions_the_base_cannot_answer_still_fall_back(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)
