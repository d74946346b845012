"""Belgorod and the 2018 declaration: what a question about them names is answered (issue 9)."""

from __future__ import annotations

import re

import pytest

from bot.render import to_plain


def plain(answer) -> str:
    return to_plain(answer).lower()


@pytest.mark.parametrize(
    ("question", "language", "field"),
    [
        ("Ging es bei der Erklärung mit Belgorod auch um Nanotechnik?", "de", "nanotechnologie"),
        ("Was the declaration about energy too?", "en", "energy"),
    ],
)
async def test_a_field_named_in_a_declaration_question_gets_the_fields(
    qa, question, language, field
):
    answer = await qa.answer(question, language)
    assert not answer.fallback
    assert answer.entry.startswith("declaration."), answer.entry
    assert "declaration-fields" in answer.entry
    assert field in plain(answer)


async def test_belgorods_nanotechnology_says_where_herne_looked_for_partners(qa):
    answer = await qa.answer(
        "Welche Hochschulen sollten für die Nanotechnologie mit Belgorod Partner werden?", "de"
    )
    text = plain(answer)
    assert "bochum" in text and "dortmund" in text and "gelsenkirchen" in text
    assert re.search("ruht|ausgesetzt", text)  # the Belgorod rule
