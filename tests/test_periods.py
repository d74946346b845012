"""Events asked about by period ("next week", "cet été", "下个月", "in 2027"): read in every
language, the list filtered to the period, and an honest answer when none falls in it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.periods import Period
from bot.render import to_plain
from bot.users import utcnow
from tests.test_events import insert_event

BERLIN = ZoneInfo("Europe/Berlin")


def plain(answer) -> str:
    return to_plain(answer).lower()


def noon(day: date) -> datetime:
    return datetime.combine(day, time(12), BERLIN)


@pytest.mark.parametrize(
    ("period", "today", "past", "expected"),
    [
        # Tuesday 1 December 2026
        (Period("week", 1), date(2026, 12, 1), False, (date(2026, 12, 7), date(2026, 12, 14))),
        (Period("weekend"), date(2026, 12, 1), False, (date(2026, 12, 5), date(2026, 12, 7))),
        # Sunday is still this weekend.
        (Period("weekend"), date(2026, 12, 6), False, (date(2026, 12, 5), date(2026, 12, 7))),
        (Period("month", 1), date(2026, 12, 1), False, (date(2027, 1, 1), date(2027, 2, 1))),
        (Period("month", -1), date(2026, 1, 15), True, (date(2025, 12, 1), date(2026, 1, 1))),
        (Period("year", -1), date(2026, 12, 1), True, (date(2025, 1, 1), date(2026, 1, 1))),
        (Period("year", year=2028), date(2026, 12, 1), False, (date(2028, 1, 1), date(2029, 1, 1))),
        # A season to come, the one under way, the last one over when what is over is asked.
        (Period("summer"), date(2026, 12, 1), False, (date(2027, 6, 1), date(2027, 9, 1))),
        (Period("summer"), date(2026, 12, 1), True, (date(2026, 6, 1), date(2026, 9, 1))),
        (Period("winter"), date(2027, 1, 10), False, (date(2026, 12, 1), date(2027, 3, 1))),
        (Period("summer", -1), date(2026, 7, 1), False, (date(2025, 6, 1), date(2025, 9, 1))),
        (
            Period("spring", years_on=1),
            date(2026, 4, 1),
            False,
            (date(2027, 3, 1), date(2027, 6, 1)),
        ),
        (Period("christmas"), date(2026, 12, 1), False, (date(2026, 12, 1), date(2026, 12, 25))),
        (Period("christmas"), date(2026, 12, 28), False, (date(2026, 12, 28), date(2027, 12, 25))),
    ],
)
def test_a_period_stands_for_its_days(period, today, past, expected):
    assert period.window(today, past=past) == expected


@pytest.mark.parametrize(
    ("question", "language", "period"),
    [
        ("Was ist nächste Woche los?", "de", Period("week", 1)),
        ("anything happening this weekend?", "en", Period("weekend")),
        ("что планируется летом?", "ru", Period("summer")),
        ("czy w przyszłym tygodniu jest coś z Koninem?", "pl", Period("week", 1)),
        ("gelecek ay etkinlik var mı?", "tr", Period("month", 1)),
        ("qu'est-ce qui est prévu cet été ?", "fr", Period("summer")),
        ("¿qué eventos hay el mes que viene?", "es", Period("month", 1)),
        ("明年春天有什么活动", "zh", Period("spring", years_on=1)),
        ("що було минулого року з Лучжоу?", "uk", Period("year", -1)),
        ("2027'de neler olacak?", "tr", Period("year", year=2027)),
        # "été" is also "been": no summer in "a été signé".
        ("Quand la déclaration a-t-elle été signée ?", "fr", None),
    ],
)
async def test_the_period_a_question_names_is_read_in_its_language(qa, question, language, period):
    understood = qa.understander.understand(question, language)[0]
    assert understood.period == period


async def test_events_of_a_period_are_those_on_in_it(qa):
    today = utcnow().astimezone(BERLIN).date()
    next_week = Period("week", 1).window(today)[0] + timedelta(days=2)
    await insert_event(
        qa.db,
        "exchange",
        "konin",
        "youth_education",
        noon(next_week),
        texts={
            "en": "School exchange in Konin",
            "de": "Schüleraustausch in Konin",
            "fr": "Échange scolaire à Konin",
            "zh": "科宁学生交流",
        },
    )
    later = noon(next_week + timedelta(days=60))
    await insert_event(
        qa.db,
        "lanterns",
        "luzhou",
        "culture",
        later,
        texts={
            "en": "Lantern exhibition",
            "de": "Laternenausstellung",
            "fr": "Exposition de lanternes",
            "zh": "灯笼展",
        },
    )
    for question, language, inside, outside in [
        ("Was ist nächste Woche los?", "de", "schüleraustausch", "laternen"),
        ("what's on next week?", "en", "school exchange", "lantern"),
        ("des événements la semaine prochaine ?", "fr", "échange scolaire", "lanternes"),
        ("下周有什么活动？", "zh", "学生交流", "灯笼"),
    ]:
        answer = await qa.answer(question, language)
        assert answer.entry == "events.upcoming", question
        assert inside in plain(answer) and outside not in plain(answer), question


async def test_a_period_with_no_event_says_so_and_gives_the_next_after_it(qa):
    today = utcnow().astimezone(BERLIN).date()
    soon = noon(today + timedelta(days=3))
    await insert_event(
        qa.db,
        "concert",
        "henin-beaumont",
        "culture",
        soon,
        texts={"en": "Brass band concert", "de": "Blaskonzert"},
    )
    year = today.year + 2
    await insert_event(
        qa.db,
        "coffee",
        "ometepe",
        "culture",
        noon(date(year + 1, 1, 20)),
        texts={"en": "Coffee evening", "de": "Kaffeeabend"},
    )
    answer = await qa.answer(f"Is anything planned in {year}?", "en")
    text = plain(answer)
    assert f"nothing is planned for {year} yet; after it, 1 event:" in text
    assert "coffee evening" in text and "brass band" not in text
    answer = await qa.answer(f"Was ist {year + 1} geplant?", "de")
    assert "kaffeeabend" in plain(answer) and "blaskonzert" not in plain(answer)
    answer = await qa.answer(f"Was ist {year + 2} geplant?", "de")
    assert f"für {year + 2} ist noch nichts geplant, danach auch nicht" in plain(answer)


async def test_a_period_over_lists_the_archive_of_it(qa):
    now = utcnow()
    today = now.astimezone(BERLIN).date()
    last_year = noon(date(today.year - 1, 6, 15))
    await insert_event(
        qa.db,
        "delegation",
        "luzhou",
        "official",
        last_year,
        texts={"en": "Delegation from Luzhou", "uk": "Делегація з Лучжоу"},
    )
    await insert_event(
        qa.db,
        "choir",
        "wakefield",
        "culture",
        now - timedelta(hours=30),
        texts={"en": "Choir concert", "uk": "Хоровий концерт"},
    )
    answer = await qa.answer("що було минулого року з Лучжоу?", "uk")
    assert answer.entry == "events.past:luzhou"
    assert "делегація" in plain(answer) and "хоровий" not in plain(answer)
    answer = await qa.answer("What happened last year?", "en")
    assert "delegation from luzhou" in plain(answer) and "choir concert" not in plain(answer)


async def test_a_trip_to_one_city_lists_that_citys_events(qa):
    """The association's regular trips go to Wakefield and Konin; "is anyone going to
    Wakefield?" gets the Wakefield events under it, not Konin's."""
    start = utcnow() + timedelta(days=10)
    await insert_event(
        qa.db, "konin", "konin", "youth_education", start, texts={"de": "Schüleraustausch in Konin"}
    )
    await insert_event(
        qa.db,
        "trip",
        "wakefield",
        "official",
        start + timedelta(days=40),
        texts={"de": "Vereinsreise nach Wakefield"},
    )
    answer = await qa.answer("fährt jemand nach Wakefield?", "de")
    assert "vereinsreise nach wakefield" in plain(answer)
    assert "schüleraustausch" not in plain(answer)
