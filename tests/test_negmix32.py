"""Round 32: negated or doubting claims read as the question about the same fact, questions
answered in their main language (its function words, not the nouns they borrow), and
compliments as small talk (bench/qa_probe_negmix32.jsonl)."""

from __future__ import annotations

import re

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("you're such a smart bot", "en"),
        ("du bist ein richtig kluger Bot", "de"),
        ("какой же ты толковый бот", "ru"),
        ("jesteś naprawdę bystry", "pl"),
        ("sen gerçekten çok akıllısın", "tr"),
        ("tu es vraiment malin", "fr"),
        ("eres muy inteligente", "es"),
        ("你真是个机智的机器人", "zh"),
        ("ти справді тямущий бот", "uk"),
    ],
)
async def test_a_compliment_is_small_talk(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert answer.smalltalk and (answer.entry or "").startswith("smalltalk."), answer.entry


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # Praise and nobody praised, or words no compliment holds: not small talk.
        ("what is the best", "en"),
        ("du bist wo", "de"),
    ],
)
async def test_praise_words_alone_are_no_compliment(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert not (answer.entry or "").startswith("smalltalk."), to_plain(answer)


@pytest.mark.parametrize(
    ("question", "user", "language", "must"),
    [
        ("сколько inhabitants живёт в Конине?", "ru", "ru", r"71[\s.,\u00a0\u202f]?427"),
        ("Konin 的 population 有多少？", "en", "zh", r"71[\s.,\u00a0\u202f]?427|7[.,]1\d*万"),
        ("quelle est la population de Konin, die Einwohnerzahl ?", "de", "fr", r"71"),
        ("хто contact person для business development у Герне?", "uk", "uk", r"westring"),
    ],
)
async def test_the_answer_is_in_the_questions_main_language(
    shared_qa, question, user, language, must
):
    answer = await shared_qa.answer(question, user)
    assert answer.language == language, to_plain(answer)
    assert re.search(must, to_plain(answer).lower()), to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "must"),
    [
        (
            "Beşiktaş hasn't signed the 2018 declaration, has it?",
            "en",
            r"hazinedar|nowicki|beforehand",
        ),
        ("Konin wcale nie podpisywał deklaracji z 2018 roku, co?", "pl", r"nowicki|wcześniej"),
        ("2018年的宣言科宁没有签吧？", "zh", r"诺维茨基|nowicki|此前"),
        ("Mit Belgorod ist wohl nichts mehr, oder?", "de", r"ruht|ausgesetzt|ruhen"),
        ("З Бєлгородом більше нічого, так?", "uk", r"призупин"),
    ],
)
async def test_a_negated_claim_is_answered_with_the_fact(shared_qa, question, language, must):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert re.search(must, to_plain(answer).lower()), to_plain(answer)


async def test_a_negated_claim_of_a_year_gets_no_verdict(shared_qa, catalogs):
    answer = await shared_qa.answer("Wakefield wasn't twinned with Herne in 1960, was it?", "en")
    first = to_plain(answer).split("\n")[0]
    t = catalogs["en"].plain
    assert first != t.gettext("No: since %(year)s, not %(claimed)s.", year="1956", claimed="1960")
