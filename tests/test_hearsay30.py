"""Round 30: a claim relayed to be checked ("is it true that ...?", "stimmt es, dass ...?"):
its frame is left out as fillers are and names no event, so the claim is what is answered
(bench/qa_probe_true30.jsonl)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.render import to_plain
from bot.users import utcnow
from tests.test_events import insert_event

GUITAR = {
    "es": "Concierto de guitarra con músicos de Konin",
    "en": "Guitar concert with musicians from Konin",
    "de": "Gitarrenkonzert mit Musikern aus Konin",
}


@pytest.mark.parametrize(
    ("question", "language", "expected"),
    [
        ("¿Es cierto que Bélgorod se fundó en el siglo XVI?", "es", "1596"),
        ("Un amigo dice que Beşiktaş mide 18 km², ¿es cierto?", "es", "18 km"),
    ],
)
async def test_the_frame_of_a_claim_names_no_event_whose_title_holds_its_word(
    qa, question, language, expected
):
    # "cierto" stands inside "concierto": the frame of the claim is no event's name, and the
    # claim gets the city's fact, not the city's (empty) list of events.
    await insert_event(
        qa.db, "guitar", "konin", "culture", utcnow() + timedelta(days=12), texts=GUITAR
    )
    answer = await qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert not (answer.entry or "").startswith("events."), to_plain(answer)
    assert expected in to_plain(answer)


async def test_an_event_asked_about_inside_the_frame_is_still_that_event(qa):
    await insert_event(
        qa.db, "guitar", "konin", "culture", utcnow() + timedelta(days=12), texts=GUITAR
    )
    answer = await qa.answer("¿Es verdad que viene un concierto de guitarra?", "es")
    assert (answer.entry or "").startswith("events.upcoming"), to_plain(answer)
    assert "guitarra" in to_plain(answer).lower()


@pytest.mark.parametrize(
    ("text", "language", "frame"),
    [
        ("Is it true that Konin lies on the Warta?", "en", ["is", "it", "true", "that"]),
        ("Stimmt es, dass Wakefield am Calder liegt?", "de", ["stimmt", "es", "dass"]),
        ("Правда ли, что Конин стоит на Варте?", "ru", ["правда", "ли", "что"]),
        ("Konin Warta kıyısında mı, doğru mu?", "tr", ["doğru", "mu"]),
        ("科宁在瓦尔塔河边，是真的吗？", "zh", ["是", "真", "的", "吗"]),
        ("Чи правда, що Конін стоїть на Варті?", "uk", ["чи", "правда", "що"]),
    ],
)
async def test_the_frame_of_a_claim_is_read_as_fillers(shared_qa, text, language, frame):
    reader = shared_qa.understander.reader
    scan = reader.scan(text)
    found = sorted(scan.lowered[i] for i in reader.fillers_in(scan, language))
    assert found == sorted(frame)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Кажуть, що Бєлгород обрав нового мера. Чи правда?", "uk"),
        ("Il paraît que le maire de Konin a démissionné, c'est vrai ?", "fr"),
    ],
)
async def test_a_claim_the_base_cannot_confirm_keeps_the_fallback(shared_qa, question, language):
    # A current mayor is nothing the base holds: no city's founding or first contacts.
    answer = await shared_qa.answer(question, language)
    assert answer.fallback or answer.entry == "faq:current-mayors-unverified", to_plain(answer)
