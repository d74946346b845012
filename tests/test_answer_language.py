"""The answer's language and English as people type it (round 21): where lingua and the bank's
model disagree about a short or colloquial question, each less than sure, the two together
decide; English tag words, chat spellings and short forms of the question words are read."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.fixture
def qa(shared_qa):
    """The worker's answerer (conftest's `shared_qa`): these tests only ask."""
    return shared_qa


@pytest.mark.parametrize(
    ("question", "user", "language", "expected"),
    [
        # lingua reads the first as English (0.62), the bank's model as German (0.74).
        ("haste ne nummer vom partnerschaftsverein?", "de", "de", "verein zur förderung"),
        ("haste ne nummer vom partnerschaftsverein?", "en", "de", "verein zur förderung"),
        # "коли" is Ukrainian: the bank's model says so, lingua reads Russian.
        ("коли фестиваль", "uk", "uk", "заход"),
        # Where both agree nothing changes.
        ("how far is konin", "de", "en", "km"),
        ("сколько жителей в белгороде", "uk", "ru", "339"),
    ],
)
async def test_short_questions_are_answered_in_their_language(
    qa, question, user, language, expected
):
    answer = await qa.answer(question, user)
    assert answer.language == language, to_plain(answer)
    assert not answer.fallback
    assert expected in to_plain(answer).lower()


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("wheres konin innit", "city.where:konin"),
        ("konin is in poland innit?", "city.where:konin"),
        ("wher is ometepe", "city.where:ometepe"),
        ("whre is ometepe", "city.where:ometepe"),
        ("hw far is konin from herne", "city.distance:konin"),
    ],
)
async def test_english_as_typed_is_understood(qa, question, entry):
    answer = await qa.answer(question, "en")
    assert not answer.fallback and answer.language == "en", to_plain(answer)
    assert answer.entry == entry
