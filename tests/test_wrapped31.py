"""Round 31: a message that carries more than the bare question — the asker introduced
before it, small talk, a surname spelt for another language — is answered for what it asks
(bench/qa_probe_wrap31.jsonl): the asker's own country is no slot, their trade does not
draw the reading away, "how are you today" is a greeting, and a transliterated name does
not choose the answer's language."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language", "entry"),
    [
        (
            "Hi, I'm an engineer working in Germany. Since when is Wakefield a partner city?",
            "en",
            "city.since:wakefield",
        ),
        (
            "Dzień dobry, pracuję jako pielęgniarka w Niemczech. Od kiedy Wakefield jest "
            "miastem partnerskim Herne?",
            "pl",
            "city.since:wakefield",
        ),
    ],
)
async def test_the_askers_own_country_is_no_city_asked_about(shared_qa, question, language, entry):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == entry, (answer.entry, to_plain(answer))


async def test_the_askers_trade_does_not_draw_the_question_away(shared_qa):
    answer = await shared_qa.answer(
        "Buenas, soy maestro de primaria en Quito y preparo una lección. "
        "¿En qué idiomas se redactó la declaración de cooperación de 2018?",
        "es",
    )
    assert (answer.entry or "").startswith("declaration."), answer.entry
    assert "turco" in to_plain(answer).lower()


async def test_a_country_told_of_is_the_subject_when_the_question_names_none(shared_qa):
    answer = await shared_qa.answer(
        "Mein Opa stammt aus Polen. Welche Partnerstadt hat Herne dort?", "de"
    )
    assert "konin" in to_plain(answer).lower(), to_plain(answer)


async def test_whom_to_ask_after_an_introduction_keeps_the_introduction(shared_qa):
    answer = await shared_qa.answer(
        "Wir sind eine kleine Spedition und suchen Partner in Konin. Wen sollen wir fragen?",
        "de",
    )
    assert not (answer.entry or "").startswith(("bot.", "city.")), answer.entry


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Hallo, wie geht es dir heute?", "de"),
        ("Привіт! Як у тебе справи сьогодні?", "uk"),
        ("Selam, bugün nasılsınız?", "tr"),
        ("Bonsoir, comment allez-vous aujourd'hui ?", "fr"),
    ],
)
async def test_how_are_you_today_is_a_greeting(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert answer.entry == "smalltalk.greeting", answer.entry


async def test_a_transliterated_surname_does_not_choose_the_language(shared_qa):
    answer = await shared_qa.answer("宣言 polezhaev 签字 次数", "zh")
    assert answer.language == "zh", (answer.language, to_plain(answer))
