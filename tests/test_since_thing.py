"""Since when a partnership named by a vague word has lasted (round 20): "the Wakefield
thing", "lo de Wakefield", "Konin olayı" asked since when is the partnership's start, not the
city's founding or its events; without the vague word, or asking when an event is, the
reading is as before."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.fixture
def qa(shared_qa):
    """The worker's answerer (conftest's `shared_qa`): these tests only ask."""
    return shared_qa


@pytest.mark.parametrize(
    ("question", "language", "year"),
    [
        ("the Wakefield thing, since when is that a thing", "en", "1956"),
        ("this Ometepe connection, when did that start?", "en", "1988"),
        ("Konin olayı ne zamandan beri var", "tr", "1991"),
        ("Wakefield işi ne zamandır var?", "tr", "1956"),
        ("ce truc avec Wakefield, ça date de quand ?", "fr", "1956"),
        ("lo de Wakefield, ¿desde cuándo existe?", "es", "1956"),
        ("跟科宁这事有多久了？", "zh", "1991"),
        ("wie lange gibt es das mit Konin schon?", "de", "1991"),
    ],
)
async def test_the_thing_with_a_city_asked_since_when_is_the_partnership(
    qa, question, language, year
):
    answer = await qa.answer(question, language)
    assert not answer.fallback and answer.language == language, to_plain(answer)
    assert answer.entry.startswith("city.since:"), answer.entry
    assert year in to_plain(answer)


def test_both_cues_are_needed(qa):
    reader = qa.understander.reader
    assert reader.lasting("lo de Wakefield, ¿desde cuándo existe?", "es")
    # The city itself asked since when it exists: its founding, no partnership.
    assert not reader.lasting("¿Desde cuándo existe Wakefield?", "es")
    # A vague word without since when: what the thing is, not since when.
    assert not reader.lasting("the Wakefield thing, what is it?", "en")
    assert not reader.lasting("when is the Wakefield trip?", "en")


@pytest.mark.parametrize(
    ("question", "language", "intent"),
    [
        ("Wann wurde Belgorod gegründet?", "de", "city.founded"),
        ("¿Desde cuándo existe Belgorod?", "es", "city.founded"),
    ],
)
def test_the_city_asked_without_the_vague_word_keeps_its_reading(qa, question, language, intent):
    understood, _ = qa.understander.understand(question, language)
    assert understood.intent == intent
