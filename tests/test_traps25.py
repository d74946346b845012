"""Round 25: two partner cities asked as each other's twins, facts the base holds none of about
a partner city (its football club, its university's rector, its trains) and well-known places
typed in lower case or in Chinese get the honest fallback or the direct no, never one partner
city's own answer (bench/qa_probe_trap25.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Is Konin twinned with Wakefield?", "en"),
        ("Ist Eisleben eine Partnerstadt von Wakefield?", "de"),
        ("Конин и Уэйкфилд побратимы друг другу?", "ru"),
        ("Czy Konin jest miastem partnerskim Wakefield?", "pl"),
        ("Beşiktaş, Konin'in kardeş şehri mi?", "tr"),
        ("Hénin-Beaumont est-elle jumelée avec Konin ?", "fr"),
        ("¿Ometepe está hermanada con Konin?", "es"),
        ("泸州是科宁的友好城市吗？", "zh"),
    ],
)
async def test_two_partner_cities_asked_as_each_others_twins_fall_back(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "years"),
    [
        ("Beşiktaş ile Luzhou ne zamandan beri kardeş şehir?", "tr", ("2016", "2019")),
        (
            "Depuis quand Herne est-elle jumelée avec Wakefield et avec Konin ?",
            "fr",
            ("1956", "1991"),
        ),
        (
            "Was ist älter, die Partnerschaft mit Wakefield oder die mit Konin?",
            "de",
            ("1956", "1991"),
        ),
        ("Od kiedy Konin i Wakefield są miastami partnerskimi?", "pl", ("1991", "1956")),
    ],
)
async def test_two_partner_cities_asked_as_herne_s_are_still_both_answered(
    shared_qa, question, language, years
):
    answer = await shared_qa.answer(question, language)
    plain = to_plain(answer)
    assert not answer.fallback, plain
    assert all(year in plain for year in years), plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Welcher Fußballverein spielt in Beşiktaş?", "de"),
        ("Quel est le club de foot de Hénin-Beaumont ?", "fr"),
        ("Who is the rector of the university in Belgorod?", "en"),
        ("Хто ректор університету в Бєлгороді?", "uk"),
        ("Konin'e tren saat kaçta?", "tr"),
        ("Wann fährt der nächste Zug nach Eisleben?", "de"),
    ],
)
async def test_what_the_base_holds_none_of_about_a_partner_city_falls_back(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "no"),
    [
        ("dresden herne nin kardes sehri mi", "tr", "Hayır"),
        ("德累斯顿是黑尔讷的伙伴城市吗", "zh", "不是"),
        ("¿Es León una ciudad hermana de Herne?", "es", "No"),
        ("ist magdeburg ne partnerstadt von herne?", "de", "Nein"),
    ],
)
async def test_a_well_known_place_in_lower_case_or_chinese_gets_the_direct_no(
    shared_qa, question, language, no
):
    answer = await shared_qa.answer(question, language)
    plain = to_plain(answer)
    assert answer.entry is not None and answer.entry.startswith("partners.check:"), plain
    assert plain.startswith(no), plain


async def test_the_base_s_own_hockey_club_is_still_answered(shared_qa):
    answer = await shared_qa.answer("Welcher Eishockeyverein spielt in Herne?", "de")
    assert not answer.fallback, to_plain(answer)
    assert "Herner EV" in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Qui est Jan Kowalski de Konin ?", "fr"),
        ("Konin'den Jan Kowalski kim?", "tr"),
        ("Kim jest John Smith z Wakefield?", "pl"),
    ],
)
async def test_a_person_nobody_taught_falls_back_in_the_question_s_language(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)
    assert answer.language == language, to_plain(answer)
