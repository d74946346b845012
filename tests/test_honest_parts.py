"""Honest abstention and the parts of a question (round 19): everyday matters the base holds
nothing on fall back though they name a nationality and Herne; of a message asking two
things, the part the bot knows is answered when the other is out of scope; a clause of a
message read as out of scope does not answer for it unless it is read as surely."""

from __future__ import annotations

import pytest

from bot.qa import CONFIDENCE_THRESHOLD
from bot.render import to_plain
from bot.understanding import OUT_OF_SCOPE


@pytest.fixture
def qa(shared_qa):
    """The worker's answerer (conftest's `shared_qa`): these tests only ask."""
    return shared_qa


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Wird mein polnischer Führerschein in Herne anerkannt?", "de"),
        ("Jak wymienić polskie prawo jazdy w Herne?", "pl"),
        ("Mon permis de conduire français est-il valable à Herne ?", "fr"),
        ("中国驾照在黑尔讷能用吗？", "zh"),
        ("Herne'de Polonyalılar için iş var mı?", "tr"),
        ("黑尔讷有适合德国人的工作吗？", "zh"),
        ("How do I find a family doctor in Herne who speaks English?", "en"),
    ],
)
async def test_everyday_matters_asked_with_a_nationality_fall_back(qa, question, language):
    """A nationality is no question about Herne's Polish roots or the partner cities."""
    answer = await qa.answer(question, language)
    assert answer.fallback and answer.language == language, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "expected"),
    [
        ("Wie viele Menschen mit polnischen Wurzeln leben in Herne?", "de", "10"),
        ("Ilu Polaków mieszka w Herne?", "pl", "10"),
        ("How many people in Herne have Polish roots?", "en", "10"),
    ],
)
async def test_the_polish_roots_are_still_answered(qa, question, language, expected):
    answer = await qa.answer(question, language)
    assert not answer.fallback and answer.entry == "faq:polish-roots-herne", to_plain(answer)
    assert expected in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "expected"),
    [
        ("¿Dónde está Wakefield y cuánto cuesta un hotel allí?", "es", "yorkshire"),
        ("Gdzie leży Beşiktaş i ile kosztuje lot do Stambułu?", "pl", "stambu"),
        ("Де знаходиться Вейкфілд і скільки коштує квиток туди?", "uk", "йоркшир"),
    ],
)
async def test_the_known_part_of_two_is_answered(qa, question, language, expected):
    whole, _ = qa.understander.understand(question, language)
    # Read as a whole, the message is out of scope: the part it knows answers.
    assert whole.intent == OUT_OF_SCOPE
    known = qa.understander.known_part(whole, CONFIDENCE_THRESHOLD)
    assert known is not None and known.intent != OUT_OF_SCOPE
    answer = await qa.answer(question, language)
    assert not answer.fallback and answer.language == language, to_plain(answer)
    assert expected in to_plain(answer).lower()


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # both parts out of scope
        ("Wie wird das Wetter in Konin und wo kann ich dort gut essen?", "de"),
        # one question, cut at a comma only: the visa is what is asked
        ("Нужна ли виза, чтобы поехать из Херне в Белгород?", "ru"),
        ("Нужна ли виза, чтобы поехать в Белгород?", "ru"),
    ],
)
async def test_no_part_answers_for_a_question_out_of_scope(qa, question, language):
    answer = await qa.answer(question, language)
    assert answer.fallback, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Какие города охватывает декларация 2018 года?", "ru"),
        ("Für welche Städte gilt die Erklärung von 2018?", "de"),
        ("2018 bildirgesi hangi şehirleri kapsıyor?", "tr"),
    ],
)
async def test_the_cities_of_the_declaration_are_its_quartet(qa, question, language):
    answer = await qa.answer(question, language)
    text = to_plain(answer).lower()
    assert not answer.fallback, text
    assert "konin" in text or "конин" in text
