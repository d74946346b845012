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


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Was ging der Erklärung von 2018 voraus?", "de"),
        ("What was the background to the 2018 declaration with Belgorod?", "en"),
        ("Какая предыстория у декларации 2018 года?", "ru"),
        ("2018年合作宣言的背景是什么？", "zh"),
    ],
)
async def test_what_led_up_to_the_declaration_is_part_of_its_answer(qa, question, language):
    answer = await qa.answer(question, language)
    assert not answer.fallback
    assert answer.entry.startswith("declaration."), answer.entry
    assert "declaration-groundwork" in answer.entry
    assert "business international" in plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "website"),
    [
        ("quel est le site de l'Université d'État de Belgorod ?", "fr", "bsuedu.ru"),
        ("¿Cuál es la web de la Universidad Estatal de Bélgorod?", "es", "bsuedu.ru"),
        ("what's the website of Belgorod State Technological University", "en", "bstu.ru"),
    ],
)
async def test_a_university_named_as_people_translate_it_is_the_university(
    qa, question, language, website
):
    """Not the city's website: the city's name inside the university's is no city question."""
    answer = await qa.answer(question, language)
    assert answer.entry.startswith("org.info:"), answer.entry
    assert website in plain(answer)
    assert "beladm.ru" not in plain(answer)
