"""Round 26: city facts and two-city questions as fresh users ask them: two cities' since-when
with a remark after it, a story naming an event's word before the question, a city named alone
before its question, a sector told beside a city's fact, Chinese names with a character left
out, names and verbs typed by ear, the area in Turkish as two words
(bench/qa_probe_city26.jsonl)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.render import to_plain
from bot.users import utcnow
from tests.test_events import insert_event

BRASS = {
    "de": "Konzert einer Blaskapelle aus Wakefield",
    "en": "Concert by a brass band from Wakefield",
    "ru": "Концерт духового оркестра из Уэйкфилда",
}


@pytest.mark.parametrize(
    ("question", "language", "entry", "years"),
    [
        (
            "Seit wann sind Ometepe und Beşiktaş unsere Partnerstädte? Das kommt in den Kalender",
            "de",
            "city.since:ometepe,besiktas",
            ("1988", "2016"),
        ),
        (
            "since when are wakefield and luzhou our twin towns? it's for the club calendar",
            "en",
            "city.since:wakefield,luzhou",
            ("1956", "2019"),
        ),
        (
            "Depuis quand sommes-nous jumelés avec Wakefield et avec Konin ? C'est pour le "
            "calendrier",
            "fr",
            "city.since:wakefield,konin",
            ("1956", "1991"),
        ),
    ],
)
async def test_two_cities_since_when_with_a_remark_get_both_years(
    shared_qa, question, language, entry, years
):
    """The joining word between two partner cities' names joins the names: no cut between two
    questions there, whatever the remark after the question reads as alone."""
    answer = await shared_qa.answer(question, language)
    assert answer.entry == entry, to_plain(answer)
    assert all(year in to_plain(answer) for year in years)


async def test_a_real_second_question_is_still_cut(shared_qa):
    answer = await shared_qa.answer("Where is Konin and how many people live in Belgorod?", "en")
    assert answer.entry == "city.where:konin+city.population:belgorod", to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        (
            "My uncle conducts a brass band and says we've been twinned with Wakefield for "
            "ages. Which year did it begin?",
            "en",
        ),
        (
            "Ich spiele in einer Blaskapelle, wir sind doch schon lange mit Wakefield "
            "befreundet. Seit welchem Jahr eigentlich?",
            "de",
        ),
    ],
)
async def test_an_event_word_told_before_the_question_names_no_event(qa, question, language):
    await insert_event(
        qa.db, "brass", "wakefield", "culture", utcnow() + timedelta(days=20), texts=BRASS
    )
    answer = await qa.answer(question, language)
    assert answer.entry == "city.since:wakefield", to_plain(answer)
    assert "1956" in to_plain(answer)


async def test_an_event_named_in_the_question_itself_is_still_that_event(qa):
    await insert_event(
        qa.db, "brass", "wakefield", "culture", utcnow() + timedelta(days=20), texts=BRASS
    )
    answer = await qa.answer("I play the trumpet myself. When is the brass band concert?", "en")
    assert answer.entry.startswith("events.upcoming"), to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "entry", "expected"),
    [
        (
            "Meine Tochter studiert dort. Wakefield, wofür ist es bekannt?",
            "de",
            "city.profile:wakefield",
            "kathedral",
        ),
        (
            "Soy de León: Wakefield, ¿por qué es famosa?",
            "es",
            "city.profile:wakefield",
            "catedral",
        ),
        (
            "Wakefield чем знаменит? Дочка едет туда учиться",
            "ru",
            "city.profile:wakefield",
            "собор",
        ),
    ],
)
async def test_a_city_named_before_its_question_or_a_study_told_beside_it(
    shared_qa, question, language, entry, expected
):
    """A city named alone before the question is its subject; a sector the asker tells
    (studying) is no sector asked about when the question is a city's own fact."""
    answer = await shared_qa.answer(question, language)
    assert answer.entry == entry, to_plain(answer)
    assert expected in to_plain(answer).lower()


async def test_whom_to_contact_still_takes_the_sector_told_before(shared_qa):
    answer = await shared_qa.answer("We build wind turbines. Who can we talk to in Konin?", "en")
    assert answer.entry.startswith("contacts.sector:energy"), to_plain(answer)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("奥梅特岛在哪里", "city.where:ometepe"),  # 佩 left out
        ("别尔哥德有多少人", "city.population:belgorod"),  # 罗 left out
        ("韦克菲德在哪", "city.where:wakefield"),  # 尔 left out
    ],
)
async def test_a_chinese_name_with_one_character_left_out(shared_qa, question, entry):
    answer = await shared_qa.answer(question, "zh")
    assert answer.entry == entry, to_plain(answer)


async def test_a_short_chinese_name_needs_all_its_characters(shared_qa):
    """科宁 with a character left out is one character: no name."""
    answer = await shared_qa.answer("宁在哪里", "zh")
    assert "konin" not in (answer.entry or "")


@pytest.mark.parametrize(
    ("question", "language", "entry"),
    [
        ("wo liegt eigentlich Bjelgorod", "de", "city.where:belgorod"),
        ("где находица Бешикташ?", "ru", "city.where:besiktas"),
        ("де знаходица Конін?", "uk", "city.where:konin"),
    ],
)
async def test_names_and_verbs_typed_by_ear(shared_qa, question, language, entry):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == entry, to_plain(answer)


async def test_the_area_written_as_two_words_in_turkish(shared_qa):
    answer = await shared_qa.answer("Beşiktaş'ın yüz ölçümü ne kadar büyük?", "tr")
    assert answer.entry == "city.area:besiktas", to_plain(answer)
    assert "18 km²" in to_plain(answer)
