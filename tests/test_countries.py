"""A partner city named by its country: the dotted capital İ that split Turkish names in two
(round 22)."""

from __future__ import annotations

import pytest

from bot.nlp import word_spans, words
from bot.render import to_plain


def test_a_dotted_capital_i_lowers_to_one_letter_in_every_language():
    # Python lowers İ to i and a combining dot, which no word holds: "i", "ngiltere".
    assert words("İngiltere") == ["ingiltere"]
    assert words("İzmir'de kardeş şehir") == ["izmir", "kardeş", "şehir"]
    assert word_spans("İNGİLTERE İş") == [("İNGİLTERE", "ingiltere"), ("İş", "iş")]


@pytest.mark.parametrize(
    "question",
    [
        "İngiltere'deki kardeş şehir hangisi?",
        "Herne'nin İngiltere'deki kardeş şehri hangisi?",
        "İngiltere'deki kardeş şehrin nüfusu ne kadar?",
    ],
)
async def test_a_turkish_name_beginning_with_a_dotted_capital_i_is_found(shared_qa, question):
    answer = await shared_qa.answer(question, "tr")
    assert not answer.fallback
    assert "wakefield" in answer.cities, to_plain(answer)
