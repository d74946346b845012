"""Round 26: the 2018 declaration's parts asked indirectly (the languages it was written in,
what it grew out of), the first agreement with a partner city before its partnership, the name
Hénin-Beaumont has had since 1971, the association's founding, and a trip to a partner city on
hold told beside a question about the association (bench/qa_probe_decl26.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


def _first_entry(entry: str | None) -> str:
    """The first FAQ entry an answer quotes ("declaration.about:a,b" -> "a")."""
    return (entry or "").partition(":")[2].split(",")[0]


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Welche Sprachfassungen der Erklärung von 2018 gibt es?", "de"),
        ("Was the 2018 declaration translated into Polish as well?", "en"),
        ("Декларацию 2018 года переводили на турецкий?", "ru"),
        ("Czy deklarację z 2018 roku przetłumaczono na polski?", "pl"),
        ("2018年的宣言有几种语言的文本？", "zh"),
    ],
)
async def test_the_declarations_languages_open_its_answer(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert _first_entry(answer.entry) == "declaration-languages", to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("From which meeting did the 2018 declaration emerge?", "en"),
        ("Что послужило основой для декларации 2018 года?", "ru"),
        ("¿Cuál fue el punto de partida de la declaración de 2018?", "es"),
        ("2018年的宣言是由哪个活动促成的？", "zh"),
        ("Який захід дав поштовх декларації 2018 року?", "uk"),
    ],
)
async def test_what_the_declaration_grew_out_of_is_its_groundwork(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert "business international" in to_plain(answer).casefold(), to_plain(answer)


async def test_a_language_asked_of_the_bot_is_no_reason_to_fall_back(shared_qa):
    answer = await shared_qa.answer("Which languages do you speak?", "en")
    assert not answer.fallback, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("When did Herne and Luzhou sign their very first agreement?", "en"),
        ("Quel est le premier accord conclu entre Herne et Luzhou ?", "fr"),
        ("Kiedy Herne i Luzhou zawarły swoje pierwsze porozumienie?", "pl"),
    ],
)
async def test_the_first_agreement_with_a_partner_city_is_its_history(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert "2018" in text and "1954" not in text, text


async def test_the_oldest_partnership_is_still_the_oldest_and_newest_entry(shared_qa):
    answer = await shared_qa.answer("Welche ist Hernes älteste Partnerstadt?", "de")
    assert answer.entry == "faq:oldest-newest-partnership", to_plain(answer)


async def test_a_joining_word_between_two_names_cuts_no_question_in_two(shared_qa):
    answer = await shared_qa.answer("What did Herne and Luzhou sign first?", "en")
    assert "+" not in (answer.entry or ""), answer.entry
    assert "2018" in to_plain(answer), to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("In welchem Jahr bekam Hénin-Beaumont seinen Namen?", "de"),
        ("Since when has Hénin-Beaumont been called that?", "en"),
        ("Какое название было у Энен-Бомона раньше?", "ru"),
    ],
)
async def test_henin_beaumonts_name_dates_from_1971(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert "1971" in to_plain(answer), to_plain(answer)


async def test_the_association_by_its_translated_name_shortened(shared_qa):
    answer = await shared_qa.answer("Коли засновано товариство сприяння партнерству?", "uk")
    assert "1995" in to_plain(answer), to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "held"),
    [
        (
            "Unser Sportverein möchte eine Reise nach Belgorod planen – hilft der "
            "Partnerschaftsverein dabei?",
            "de",
            "ausgesetzt",
        ),
        ("Does the partnership association have a section for Belgorod?", "en", "on hold"),
    ],
)
async def test_an_answer_about_the_association_says_belgorod_is_on_hold(
    shared_qa, question, language, held
):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert held in to_plain(answer), to_plain(answer)


async def test_no_entry_near_enough_is_no_history_elsewhere(shared_qa):
    """The FAQ index of a large base may leave no entry near a question while the reading
    still has one to fit (bench/qa_latency.py at 10,000 entries raised ValueError here)."""
    understander = shared_qa.understander
    fitting = next(iter(understander.reader.knowledge.faq))
    assert not understander._history_elsewhere([], (fitting, 0.5), ("luzhou",))
