"""Questions wrapped in a story (round 23): the places a story told before the question names
(where the asker lives, comes from, works) are no slot of the question
(`Understander._story_told`), and a question that refers to the story's one partner city by a
pronoun is read with its name when it reads, alone, as another kind (`Understander.focus`)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.fixture
def qa(shared_qa):
    """The worker's answerer (conftest's `shared_qa`): these tests only ask."""
    return shared_qa


@pytest.mark.parametrize(
    ("question", "user", "expected"),
    [
        # The asker's own town in the story made the population Bochum's (the fallback).
        (
            "Ich wohne seit 20 Jahren in Bochum, mein Sohn studiert jetzt in Wakefield – wie "
            "viele Leute wohnen da eigentlich?",
            "de",
            "109.766",
        ),
        # Leeds in the story and "it" in the question: the council's decision on Ometepe.
        (
            "I'm a vet from Leeds and heard the link to Ometepe started in the eighties – when "
            "did Herne's council actually decide on it?",
            "en",
            "1987",
        ),
        ("I was in Paris last year. How many people live in Konin?", "en", "71,427"),
    ],
)
async def test_the_places_of_a_story_are_no_slot(qa, question, user, expected):
    answer = await qa.answer(question, user)
    assert not answer.fallback, to_plain(answer)
    assert expected in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "user"),
    [
        # A place joined to the question by a comma is what it asks about.
        ("How many people live in Lens, next to Hénin-Beaumont?", "en"),
        ("Combien d'habitants à Lens, à côté d'Hénin-Beaumont ?", "fr"),
    ],
)
async def test_a_place_in_the_question_is_still_asked_about(qa, question, user):
    answer = await qa.answer(question, user)
    assert answer.fallback, to_plain(answer)


async def test_a_place_the_question_names_again_is_asked_about(qa):
    answer = await qa.answer("I live in Bochum. Is Bochum a partner city of Herne?", "en")
    assert not answer.fallback
    text = to_plain(answer)
    assert "Bochum is not one of Herne's partner cities" in text, text
