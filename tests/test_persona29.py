"""Round 29: a word of an upcoming event's title told in the asker's own story ("I'm a potter,
…") is no question about that event, where the question asks something else and still asks
it without that word; a question that names the event by what it is still gets it
(bench/qa_probe_evw29.jsonl)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.event_titles import positions_of
from bot.qa import CONFIDENCE_THRESHOLD
from bot.render import to_plain
from bot.users import utcnow
from tests.test_events import insert_event

POTTERY = {
    "en": "Pottery course with potters from Hénin-Beaumont",
    "de": "Töpferkurs mit Töpferinnen und Töpfern aus Hénin-Beaumont",
    "fr": "Cours de poterie avec des potiers d'Hénin-Beaumont",
    "ru": "Гончарный курс с гончарами из Энен-Бомона",
    "es": "Curso de cerámica con alfareros de Hénin-Beaumont",
}
RACE = {
    "en": "Cycling race with riders from Konin",
    "de": "Radrennen mit Radsportlern aus Konin",
    "pl": "Wyścig kolarski z kolarzami z Konina",
}


async def add_events(qa) -> None:
    now = utcnow()
    await insert_event(
        qa.db, "pottery", "henin-beaumont", "culture", now + timedelta(days=25), texts=POTTERY
    )
    await insert_event(qa.db, "race", "konin", "sport", now + timedelta(days=35), texts=RACE)


def events_listed(text: str) -> bool:
    return any(title in text for titles in (POTTERY, RACE) for title in titles.values())


@pytest.mark.parametrize(
    ("question", "language", "expected"),
    [
        # Main answered each with the event whose title holds the asker's trade or sport.
        ("Potter by trade, just curious – which country is Hénin-Beaumont in?", "en", "france"),
        ("Ich bin Töpferin, seit wann ist Hénin-Beaumont Partnerstadt?", "de", "1954"),
        ("Je suis potier, depuis quand Hénin-Beaumont est-elle jumelée avec Herne ?", "fr", "1954"),
        ("I race bikes at weekends – what country is Konin in?", "en", "pol"),
    ],
)
async def test_a_title_word_in_the_askers_story_keeps_the_fact_asked(
    qa, question, language, expected
):
    await add_events(qa)
    answer = await qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback and not (answer.entry or "").startswith("events."), text
    assert expected in text.lower() and not events_listed(text)


async def test_a_title_word_beside_a_contact_question_keeps_the_contact(qa):
    await add_events(qa)
    answer = await qa.answer(
        "As a potter starting a small firm in Herne, whom do I ask about business promotion?", "en"
    )
    text = to_plain(answer)
    assert not (answer.entry or "").startswith("events."), text
    assert "business herne" in text.lower() and not events_listed(text)


@pytest.mark.parametrize(
    ("question", "language", "title"),
    [
        ("When does the pottery course start?", "en", POTTERY["en"]),
        ("Wann ist der Töpferkurs mit Hénin-Beaumont?", "de", POTTERY["de"]),
        ("Is the cycling race with Konin soon?", "en", RACE["en"]),
        ("Kiedy jest wyścig kolarski?", "pl", RACE["pl"]),
    ],
)
async def test_a_question_naming_the_event_still_gets_it(qa, question, language, title):
    await add_events(qa)
    answer = await qa.answer(question, language)
    assert (answer.entry or "").startswith("events.upcoming"), to_plain(answer)
    assert title in to_plain(answer)


async def test_the_question_read_without_the_title_words(qa):
    understander = qa.understander
    u, _ = understander.understand("Potter by trade, where exactly is Hénin-Beaumont?", "en")
    scan = understander.scan_of(u)
    at = positions_of(scan, "en", {"potter"})
    assert [scan.lowered[i] for i in sorted(at)] == ["potter"]
    rest = understander.without(u, at)
    assert rest is not None and rest.intent == u.intent
    assert rest.confidence >= CONFIDENCE_THRESHOLD and rest.cities == u.cities
    # Nothing left of its own but a name: no reading.
    only, _ = understander.understand("pottery Konin", "en")
    at = positions_of(understander.scan_of(only), "en", {"pottery"})
    assert at and understander.without(only, at) is None
    # No word taken away: the reading as it was.
    assert understander.without(u, set()) is u


async def test_told_words_only_beside_a_question_mark_and_in_few_clauses(qa):
    understander = qa.understander
    u, _ = understander.understand("Potter by trade, where exactly is Hénin-Beaumont?", "en")
    scan = understander.scan_of(u)
    told = understander.told(u)
    assert [scan.lowered[i] for i in sorted(told)] == ["potter", "by", "trade"]
    # No question mark: nothing is told beside a question.
    plain, _ = understander.understand("potter by trade, where is Hénin-Beaumont", "en")
    assert understander.told(plain) == frozenset()
    # A long list of clauses is not read clause by clause (the cost stays bounded).
    long, _ = understander.understand("potter, " * 300 + "where is Hénin-Beaumont?", "en")
    assert understander.told(long) == frozenset()
