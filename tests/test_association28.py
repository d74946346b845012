"""Round 28: who in Herne runs the twinning, asked in new ways: a choir or dance group of a
partner city looking for its counterpart goes to the association, the partner-city offices
asked as a "representation" opened in Shamrock-Park, and the French answer on the trips names
the association (bench/qa_probe_who28.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain

# Every answer naming the association names it by its own (German) name.
ASSOCIATION_NAME = "partnerschaftlichen Beziehungen"


@pytest.mark.parametrize(
    ("question", "language"),
    [
        (
            "Un grupo de danza folclórica de Luzhou quiere conocer a bailarines de Herne, "
            "¿quién nos ayuda?",
            "es",
        ),
        (
            "Luzhou'daki çocuk korosu Herne'de bir koroyla tanışmak istiyor; kiminle iletişime "
            "geçelim?",
            "tr",
        ),
    ],
)
async def test_a_group_looking_for_its_counterpart_is_sent_to_the_association(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    plain = to_plain(answer)
    assert not answer.fallback, plain
    assert ASSOCIATION_NAME in plain


async def test_the_french_trips_answer_names_the_association(shared_qa):
    answer = await shared_qa.answer("Le comité part-il souvent en voyage à Konin ?", "fr")
    plain = to_plain(answer)
    assert "voyages à Wakefield et à Konin" in plain
    assert "Association pour la promotion" in plain


async def test_the_offices_asked_as_representations_opened_in_shamrock_park(shared_qa):
    answer = await shared_qa.answer(
        "Kardeş şehirlerin Herne'deki temsilcilikleri ne zaman açıldı?", "tr"
    )
    assert "Shamrock-Park" in to_plain(answer)
