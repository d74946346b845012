"""Round 33, after the merges: the base holds one declaration, Herne's of January 2018. A
question about another declaration, named by a name the base does not know ("the Balfour
declaration", "la declaración de Brexit"), falls back instead of getting the 2018 declaration's
entry; the 2018 declaration asked by a name the base knows, by its year or with a capital a
sentence's start explains, is still answered."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("what led up to the Brexit declaration?", "en"),
        ("who wrote the Balfour declaration?", "en"),
        ("Wer hat die Erklärung von Balfour unterschrieben?", "de"),
        ("¿Qué llevó a la declaración de Balfour?", "es"),
        ("Qui a rédigé la déclaration Balfour ?", "fr"),
    ],
)
async def test_another_declaration_named_falls_back(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, (answer.entry, to_plain(answer))
    assert "2018" not in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Who signed the Herne declaration?", "en"),
        ("When was the Belgorod declaration signed?", "en"),
        ("Wer hat die Erklärung von 2018 unterschrieben?", "de"),
        ("Jakie obszary współpracy wymienia ta deklaracja? Pytam, bo pracuję w energetyce", "pl"),
    ],
)
async def test_the_2018_declaration_named_by_what_the_base_knows_is_answered(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert answer.entry.startswith(("declaration.", "faq:declaration")), answer.entry
