"""Ruhr German as people in Herne type it (round 20): "dat", "liecht", "isset", "gibbet",
"sach ma" are read as the bank's words, "ma" and "ürgendwie" as fillers."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.fixture
def qa(shared_qa):
    """The worker's answerer (conftest's `shared_qa`): these tests only ask."""
    return shared_qa


@pytest.mark.parametrize(
    ("question", "entry", "expected"),
    [
        ("wo liecht denn ometepe?", "city.where:ometepe", "nicaragua"),
        ("sach ma, wo liecht dat eisleben ürgendwie", "city.where:eisleben", "sachsen"),
        ("wie weit isset bis konin?", "city.distance:konin", "km"),
    ],
)
async def test_ruhr_german_is_understood(qa, question, entry, expected):
    answer = await qa.answer(question, "de")
    assert not answer.fallback and answer.language == "de", to_plain(answer)
    assert answer.entry == entry
    assert expected in to_plain(answer).lower()
