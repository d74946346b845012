"""Round 24 (uk24): Herne's Ukrainian and Russian residents as they type. A partner country's
adjective that names its language ("по-русски", "російською", "англійською мовою") is a word,
not the country, in questions and the bank alike (`bot.understanding._languages_named`); chat
words and a partnership's "situation" are read as the bank's words (`variants` in
data/questions)."""

from __future__ import annotations

import pytest

from bot.render import to_plain
from bot.search import EntityMatch
from bot.understanding import _languages_named


@pytest.fixture
def qa(shared_qa):
    """The worker's answerer (conftest's `shared_qa`): these tests only ask."""
    return shared_qa


@pytest.mark.parametrize(
    ("question", "user"),
    [
        # Read as Russia, Belgorod's country: the visit of Russian students in 2015.
        ("Чи можна писати російською?", "uk"),
        ("а російською можна?", "uk"),
        ("можно писать по-русски?", "ru"),
        ("ты говоришь по-русски?", "ru"),
        ("бот понимает русский язык?", "ru"),
        # Read as England, Wakefield's region: Herne's residents with Polish roots.
        ("можна англійською?", "uk"),
        ("на английском можно?", "ru"),
    ],
)
async def test_a_language_asked_about_is_no_country(qa, question, user):
    # The FAQ's entry on the bot's languages, or small talk's "what I can do" (talk24: "do you
    # speak _" is small talk), which names the languages too; since talk26, small talk's own
    # reply on the languages, named in the question's language.
    answer = await qa.answer(question, user)
    assert answer.entry in (
        "faq:bot-languages",
        "bot.capabilities",
        "smalltalk.languages",
    ), to_plain(answer)
    assert "2015" not in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "user"),
    [
        # Too few words the model knows once the country is gone: the honest fallback (since
        # talk26, the cues' "можно на _" read it as asking which languages the bot speaks).
        ("а по-русски можно?", "ru"),
        ("можно на русском?", "ru"),
    ],
)
async def test_a_short_language_question_is_never_the_students_visit(qa, question, user):
    answer = await qa.answer(question, user)
    assert answer.entry in (None, "faq:bot-languages", "smalltalk.languages"), to_plain(answer)


async def test_the_declaration_in_a_language_is_the_declarations_languages(qa):
    answer = await qa.answer("Чи є декларація російською мовою?", "uk")
    assert "declaration-languages" in (answer.entry or ""), to_plain(answer)


@pytest.mark.parametrize(
    ("question", "user", "expected"),
    [
        # The adjective beside a noun of its own case is the country's, as before.
        ("Чи приїжджали російські студенти до Герне?", "uk", "2015"),
        ("русские студенты приезжали в Херне?", "ru", "2015"),
        ("Які міста-партнери в Англії?", "uk", "Вейкфілд"),
    ],
)
async def test_an_adjective_of_the_country_is_still_the_country(qa, question, user, expected):
    answer = await qa.answer(question, user)
    assert not answer.fallback, to_plain(answer)
    assert expected in to_plain(answer)


def _entity(kind: str, at: int) -> EntityMatch:
    return EntityMatch(kind, ("belgorod",), at, at + 1)


@pytest.mark.parametrize(
    ("words", "at", "language_named"),
    [
        (["а", "по", "русски", "можно"], 2, True),
        (["можна", "по", "російськи"], 2, True),
        (["писати", "польською"], 1, True),
        (["з", "польською", "стороною"], 1, False),
        (["розумієш", "російську"], 1, True),
        (["польську", "громаду"], 0, False),
        (["на", "польском"], 1, True),
        (["на", "польском", "рынке"], 1, False),
        (["русский", "язык"], 0, True),
        (["польською", "мовою"], 0, True),
        # The Ukrainian plural is no adverb, though both fold alike ("rosiyski").
        (["російські", "студенти"], 0, False),
    ],
)
def test_which_adjectives_name_a_language(words, at, language_named):
    found = [_entity("country", at)]
    kept = _languages_named(words, words, found)
    assert (kept == []) is language_named


def test_a_name_in_latin_letters_is_left_as_it_was():
    found = [_entity("country", 1)]
    assert _languages_named(["po", "russki"], ["po", "russki"], found) == found


@pytest.mark.parametrize(
    ("question", "user", "expected"),
    [
        # "щас" and "ситуація" were words no bank holds: the fallback.
        ("че там с белгородом щас", "ru", "приостановлено"),
        ("Яка ситуація з Бєлгородом?", "uk", "призупинено"),
        ("Какая ситуация с Белгородом?", "ru", "приостановлено"),
        ("Whereabouts is Konin?", "en", "Poland"),
    ],
)
async def test_chat_words_read_as_the_banks(qa, question, user, expected):
    answer = await qa.answer(question, user)
    assert not answer.fallback, to_plain(answer)
    assert expected in to_plain(answer)
