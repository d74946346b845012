"""Round 28: when a question is about events. A trip or plan told beside a question that asks
something else, not understood on its own, is no question about events; visits both ways
(guests from a partner city coming to Herne, Herne's people going there) are
(bench/qa_probe_evt28.jsonl)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.qa import CONFIDENCE_THRESHOLD
from bot.render import to_plain
from bot.users import utcnow
from tests.test_events import insert_event

BAND = {
    "en": "Wind band from Konin plays in Herne",
    "de": "Blasorchester aus Konin spielt in Herne",
    "fr": "L'orchestre d'harmonie de Konin joue à Herne",
    "pl": "Orkiestra dęta z Konina gra w Herne",
    "tr": "Konin'den nefesli orkestra Herne'de çalıyor",
    "zh": "科宁管乐团在黑尔讷演出",
}


async def add_band(qa) -> None:
    await insert_event(qa.db, "band", "konin", "culture", utcnow() + timedelta(days=30), texts=BAND)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # Main read each as the city's events (0.42-0.62): the trip told, not the question.
        ("Im Mai fahren wir mit dem Kegelclub nach Konin. Kann man dort gut wandern?", "de"),
        ("We're visiting Konin with the scouts in May. Can you swim in the lakes there?", "en"),
        ("My parents are flying out to Ometepe in February. Do people there speak Spanish?", "en"),
    ],
)
async def test_a_trip_told_beside_a_question_not_understood_is_no_events_question(
    qa, question, language
):
    await add_band(qa)
    answer = await qa.answer(question, language)
    assert answer.fallback and answer.entry is None, to_plain(answer)
    assert BAND["en"] not in to_plain(answer) and BAND["de"] not in to_plain(answer)


async def test_the_plan_alone_made_the_events_reading(qa):
    understander = qa.understander
    told, _ = understander.understand(
        "Im Mai fahren wir mit dem Kegelclub nach Konin. Kann man dort gut wandern?", "de"
    )
    assert told.intent == "events.upcoming"
    assert understander.plans_only(told)
    # Its question asks about events: as read.
    asked, _ = understander.understand(
        "Im Mai fahren wir mit dem Kegelclub nach Konin. Gibt es dort dann Veranstaltungen?", "de"
    )
    assert asked.intent == "events.upcoming" and asked.confidence >= CONFIDENCE_THRESHOLD
    assert not understander.plans_only(asked)
    # No question mark: no question apart from its story.
    assert not understander.plans_only(
        understander.understand("wir fahren im Mai nach Konin und wollen wandern", "de")[0]
    )


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Our choir is going to Wakefield in spring. Is anything happening there then?", "en"),
        ("Wir fahren im Mai nach Konin. Ist da gerade was los?", "de"),
    ],
)
async def test_a_trip_told_beside_an_events_question_still_lists_events(qa, question, language):
    answer = await qa.answer(question, language)
    assert answer.entry is not None and answer.entry.startswith("events.upcoming"), to_plain(answer)


async def test_a_fact_asked_beside_a_trip_keeps_its_answer(qa):
    await insert_event(
        qa.db,
        "fair",
        "henin-beaumont",
        "culture",
        utcnow() + timedelta(days=40),
        texts={"de": "Handwerkermarkt in Hénin-Beaumont", "en": "Craft fair in Hénin-Beaumont"},
    )
    answer = await qa.answer(
        "Unser Turnverein reist im August nach Hénin-Beaumont. Gab es früher zwei Orte, die "
        "dann eine Stadt wurden?",
        "de",
    )
    assert not (answer.entry or "").startswith("events."), to_plain(answer)
    assert "1971" in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # Main: the fallback (0.24).
        ("Des gens de Konin passent bientôt par Herne ?", "fr"),
        ("Czy ktoś z Konina odwiedzi nas wkrótce w Herne?", "pl"),
        ("Konin'den Herne'ye bu yıl kimse gelecek mi?", "tr"),
        ("科宁那边有人要来黑尔讷吗？", "zh"),
    ],
)
async def test_guests_from_a_partner_city_coming_to_herne_are_its_events(qa, question, language):
    await add_band(qa)
    answer = await qa.answer(question, language)
    assert answer.entry == "events.upcoming:konin", to_plain(answer)
    assert BAND[language] in to_plain(answer)
