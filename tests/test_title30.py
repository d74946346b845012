"""Round 30: a title word is found by a question's word as a whole word, an inflection or a
compound's later part, never inside another word after a prefix ("cierto" in "concierto");
a period told beside the question about events to come is the asker's own plan, and the
answer is the next events (bench/qa_probe_title30.jsonl)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.event_titles import _title_keys
from bot.render import to_plain
from bot.users import utcnow
from tests.test_events import insert_event

GUITAR = {
    "es": "Concierto de guitarra con músicos de Hénin-Beaumont",
    "de": "Gitarrenkonzert mit Musikern aus Hénin-Beaumont",
    "en": "Guitar concert with musicians from Hénin-Beaumont",
}
HOCKEY = {
    "de": "Eishockeyturnier mit Spielern aus Konin",
    "en": "Ice hockey tournament with players from Konin",
    "pl": "Turniej hokeja na lodzie z zawodnikami z Konina",
    "ru": "Хоккейный турнир с игроками из Конина",
}


async def add_events(qa) -> None:
    now = utcnow()
    await insert_event(
        qa.db, "guitar", "henin-beaumont", "culture", now + timedelta(days=2), texts=GUITAR
    )
    await insert_event(qa.db, "hockey", "konin", "sport", now + timedelta(days=45), texts=HOCKEY)


@pytest.mark.parametrize(
    ("title_word", "inside", "found"),
    [
        ("eishockeyturnier", "hockey", True),  # a compound's later part
        ("gitarrenkonzert", "konzer", True),
        ("concierto", "cierto", False),  # after a prefix: another word
        ("information", "format", False),
        ("concierto", "concie", True),  # its beginning, as ever
    ],
)
def test_a_title_word_is_found_by_its_parts_not_by_a_run_after_a_prefix(title_word, inside, found):
    assert (inside in _title_keys(title_word)) is found


async def test_a_common_word_inside_a_title_word_names_no_event(qa):
    await add_events(qa)
    answer = await qa.answer("¿Es cierto que Wakefield está en Inglaterra?", "es")
    text = to_plain(answer)
    assert not (answer.entry or "").startswith("events."), text
    assert "inglaterra" in text.lower() and GUITAR["es"] not in text


@pytest.mark.parametrize(
    ("question", "language", "title"),
    [
        ("Wann spielen die Hockeyteams aus Konin ihr Turnier?", "de", HOCKEY["de"]),
        ("Wann ist das Gitarrenkonzert?", "de", GUITAR["de"]),
        ("¿Para cuándo el concierto de guitarra?", "es", GUITAR["es"]),
    ],
)
async def test_a_title_word_or_its_compound_still_names_the_event(qa, question, language, title):
    await add_events(qa)
    answer = await qa.answer(question, language)
    text = to_plain(answer)
    assert (answer.entry or "").startswith("events.upcoming"), text
    assert title in text


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Nächsten Monat habe ich Urlaub. Ist mit den Partnerstädten bald etwas los?", "de"),
        ("Got a few days off next month. Any twinning events coming up?", "en"),
        ("W przyszłym miesiącu mam urlop. Czy szykują się jakieś wydarzenia?", "pl"),
    ],
)
async def test_a_period_told_beside_the_question_gives_the_next_events(qa, question, language):
    await add_events(qa)
    u, _ = qa.understander.understand(question, language)
    assert u.intent == "events.upcoming" and u.period is None
    answer = await qa.answer(question, language)
    text = to_plain(answer)
    # The one before next month is as welcome as the one in it.
    assert any(title in text for title in GUITAR.values())
    assert any(title in text for title in HOCKEY.values())


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Was ist nächsten Monat mit den Partnerstädten los?", "de"),
        ("Any events next month?", "en"),
    ],
)
async def test_a_period_in_the_clause_that_asks_is_still_the_window(qa, question, language):
    u, _ = qa.understander.understand(question, language)
    assert u.intent == "events.upcoming" and u.period is not None
