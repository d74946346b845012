"""Round 35: an event to come asked by what it is or who comes, not by its title words
("the gig from …", "young athletes from … are coming: when?"), is the events of the partner
city named, "none planned" where it has none, while a fact, a since-when or a past visit stays
what it was; "next month or so" is the coming month from today, a plain "next month" the
calendar month (bench/qa_probe_event35.jsonl)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.periods import COMING_DAYS, Period
from bot.qa import CONFIDENCE_THRESHOLD
from bot.render import to_plain
from bot.users import utcnow
from tests.test_events import insert_event

BRASS = {
    "de": "Blechbläserabend mit Musikern aus Luzhou in Herne",
    "en": "Brass evening with musicians from Luzhou in Herne",
    "pl": "Wieczór dętej muzyki z muzykami z Luzhou w Herne",
    "ru": "Вечер духовой музыки с музыкантами из Лучжоу в Херне",
}
ROWING = {
    "de": "Ruderausflug mit Gästen aus Konin",
    "en": "Rowing outing with guests from Konin",
    "pl": "Wycieczka wioślarska z gośćmi z Konina",
    "ru": "Гребная прогулка с гостями из Конина",
}


async def add_events(qa) -> None:
    now = utcnow()
    await insert_event(qa.db, "brass", "luzhou", "culture", now + timedelta(days=9), texts=BRASS)
    await insert_event(qa.db, "rowing", "konin", "sport", now + timedelta(days=70), texts=ROWING)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("When is the gig from Luzhou on?", "en"),
        ("Wann ist der Auftritt der Gäste aus Luzhou?", "de"),
        ("Kiedy będzie występ artystów z Luzhou?", "pl"),
        ("Когда приедут артисты из Лучжоу?", "ru"),
    ],
)
async def test_an_event_asked_by_its_kind_or_guests_is_the_citys_event(qa, question, language):
    await add_events(qa)
    answer = await qa.answer(question, language)
    text = to_plain(answer)
    assert answer.entry == "events.upcoming:luzhou", text
    assert BRASS[language] in text
    assert ROWING[language] not in text


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Junge Sportler aus Ometepe kommen nach Herne, wann denn?", "de"),
        ("When is the show from Ometepe coming to Herne?", "en"),
    ],
)
async def test_a_city_without_events_to_come_has_none_planned(qa, question, language):
    await add_events(qa)
    answer = await qa.answer(question, language)
    text = to_plain(answer)
    assert answer.entry == "events.upcoming:ometepe", text
    assert not answer.fallback
    assert BRASS[language] not in text and ROWING[language] not in text


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # What was, or since when: history, not an event to come.
        ("When did the first delegation from Luzhou come to Herne?", "en"),
        ("Seit wann kommen Gäste aus Luzhou nach Herne?", "de"),
        ("Od kiedy Luzhou jest miastem partnerskim? Przyjadą artyści?", "pl"),
        # A fact of the city, beside the guests.
        ("Wie viele Einwohner hat Luzhou, woher die Musiker kommen?", "de"),
    ],
)
async def test_history_and_facts_are_not_read_as_an_event_described(qa, question, language):
    u, _ = qa.understander.understand(question, language)
    assert not qa.understander.describes_event(u)
    assert qa.understander.event_described(u, CONFIDENCE_THRESHOLD) is None


async def test_a_past_visit_is_not_answered_with_events_to_come(qa):
    await add_events(qa)
    answer = await qa.answer("When did the first delegation from Luzhou come to Herne?", "en")
    assert not (answer.entry or "").startswith("events.upcoming"), to_plain(answer)


async def test_a_question_without_a_partner_city_is_left_as_read(qa):
    await add_events(qa)
    u, _ = qa.understander.understand("When is the show for kids in Herne?", "en")
    assert qa.understander.event_described(u, CONFIDENCE_THRESHOLD) is None


def test_the_coming_month_is_the_days_from_today():
    today = date(2026, 12, 3)
    start, end = Period("coming").window(today)
    assert start == today and end == today + timedelta(days=COMING_DAYS)
    # The calendar month after this one is another window.
    assert Period("month", 1).window(today) == (date(2027, 1, 1), date(2027, 2, 1))


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("anything on over the next month or so?", "en"),
        ("Was ist im nächsten Monat oder so los?", "de"),
        ("Что будет в ближайший месяц?", "ru"),
    ],
)
async def test_next_month_or_so_lists_the_events_of_the_coming_weeks(qa, question, language):
    await add_events(qa)
    answer = await qa.answer(question, language)
    text = to_plain(answer)
    assert answer.entry == "events.upcoming", text
    assert BRASS[language] in text  # in nine days, before next month
    assert ROWING[language] not in text  # in ten weeks


async def test_a_plain_next_month_stays_the_calendar_month(qa):
    u, _ = qa.understander.understand("What's on next month?", "en")
    assert u.period == Period("month", 1)
    u, _ = qa.understander.understand("What's on next month or so?", "en")
    assert u.period == Period("coming")
