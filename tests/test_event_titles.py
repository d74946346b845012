"""Events named by what they are ("when is the chess tournament?"): the index of event titles,
how it follows the events table, and the answers it leads to."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from bot.event_titles import EventTitles, terms
from bot.render import to_plain
from bot.users import utcnow
from tests.test_events import insert_event

CHESS = {
    "de": "Schach-Jugendturnier mit Konin",
    "en": "Youth chess tournament with Konin",
    "pl": "Młodzieżowy turniej szachowy z Koninem",
    "ru": "Молодёжный шахматный турнир с Конином",
    "zh": "与科宁的青少年国际象棋比赛",
}
WORKSHOP = {"de": "Töpferwerkstatt für Kinder", "en": "Pottery workshop for children"}


def plain(answer) -> str:
    return to_plain(answer).lower()


def first_event(answer) -> str:
    """The first event an answer lists: its first bullet."""
    return next((line for line in plain(answer).splitlines() if line.startswith("•")), "")


@pytest.mark.parametrize(
    ("question", "language", "expected"),
    [
        ("wann ist das schachturnier", "de", "schach"),  # a compound's first part
        ("when's the chess thing with konin", "en", "chess"),
        ("kiedy turniej szachowy z Koninem", "pl", "szach"),
        ("когда шахматный турнир?", "ru", "шахмат"),
        ("国际象棋比赛什么时候", "zh", "象棋"),
    ],
)
async def test_a_question_naming_an_event_by_what_it_is_gets_that_event_first(
    qa, question, language, expected
):
    start = utcnow() + timedelta(days=20)
    await insert_event(
        qa.db, "pottery", "herne", "culture", start - timedelta(days=5), texts=WORKSHOP
    )
    await insert_event(qa.db, "chess", "konin", "sport", start, texts=CHESS)
    answer = await qa.answer(question, language)
    assert not answer.fallback
    assert answer.entry.startswith("events.upcoming")
    assert expected in first_event(answer)
    assert any(s.kind == "menu" and s.id == "events" for s in answer.suggestions)


async def test_the_index_follows_the_events_table(qa):
    """An event added, retitled or cancelled after the first question counts at once."""
    assert (await qa.answer("wann ist das schachturnier", "de")).fallback
    start = utcnow() + timedelta(days=10)
    await insert_event(qa.db, "chess", "konin", "sport", start, texts=CHESS)
    assert "schach" in first_event(await qa.answer("wann ist das schachturnier", "de"))
    async with qa.db.transaction() as conn:
        await conn.execute(
            "UPDATE event_texts SET title = 'Schach-Seniorenturnier' WHERE event_id = 'chess' "
            "AND language = 'de'"
        )
    assert "seniorenturnier" in first_event(await qa.answer("wann ist das schachturnier", "de"))
    async with qa.db.transaction() as conn:
        await conn.execute("UPDATE events SET status = 'cancelled' WHERE id = 'chess'")
    assert (await qa.answer("wann ist das schachturnier", "de")).fallback


async def test_the_index_is_not_rebuilt_while_nothing_changes(qa):
    await insert_event(qa.db, "chess", "konin", "sport", utcnow() + timedelta(days=3), texts=CHESS)
    await qa.answer("when's the chess thing", "en")
    built = qa._titles
    await qa.answer("when's the chess thing", "en")
    assert qa._titles is built
    # The engine's own bookkeeping (which cities the texts name) is no change.
    async with qa.db.transaction() as conn:
        await conn.execute("UPDATE events SET cities_read = NULL")
    await qa.answer("when's the chess thing", "en")
    assert qa._titles is built


async def test_a_draft_or_an_event_that_is_over_is_not_named(qa):
    await insert_event(
        qa.db, "chess", "konin", "sport", utcnow() + timedelta(days=3), texts=CHESS, published=False
    )
    assert (await qa.answer("wann ist das schachturnier", "de")).fallback
    past = utcnow() - timedelta(days=30)
    await insert_event(qa.db, "old", "konin", "sport", past, past + timedelta(hours=2), texts=CHESS)
    assert (await qa.answer("wann ist das schachturnier", "de")).fallback


async def test_a_faq_question_sharing_a_word_with_an_event_keeps_its_answer(qa):
    hockey = {"de": "Eishockey-Trainingslager in Konin", "en": "Ice hockey training camp in Konin"}
    await insert_event(qa.db, "camp", "konin", "sport", utcnow() + timedelta(days=9), texts=hockey)
    answer = await qa.answer("Wann ist das Eishockeyspiel gegen Belgorod?", "de")
    assert answer.entry == "faq:plan-hockey-match"
    assert "trainingslager" in first_event(
        await qa.answer("Wann fängt das Eishockey-Trainingslager an?", "de")
    )


async def test_a_kind_of_event_not_in_the_table_gets_no_other_event(qa):
    await insert_event(qa.db, "chess", "konin", "sport", utcnow() + timedelta(days=3), texts=CHESS)
    for question in ("wann ist das schwimmfest?", "Wann ist das Schwimmturnier?"):
        assert "schach" not in first_event(await qa.answer(question, "de"))


async def test_a_question_read_as_events_lists_the_one_it_names_first(qa):
    start = utcnow() + timedelta(days=20)
    await insert_event(
        qa.db, "pottery", "herne", "culture", start - timedelta(days=5), texts=WORKSHOP
    )
    await insert_event(qa.db, "chess", "konin", "sport", start, texts=CHESS)
    answer = await qa.answer(
        "Welche Veranstaltungen gibt es demnächst, etwa ein Schachturnier?", "de"
    )
    assert answer.entry.startswith("events.upcoming")
    assert "schach" in first_event(answer)
    assert "töpfer" in plain(answer)  # the others follow


async def test_ten_thousand_events_are_looked_up_in_a_few_milliseconds(qa):
    reader = qa.understander.reader
    consonants, vowels = "bcdfghjklmnpqrstvwxz", "aeiou"
    # 400 made-up words, 25 events each; the kinds in 2,500 events each name none in particular.
    made_up = [
        f"{consonants[n % 20]}{vowels[n // 20 % 5]}{consonants[n // 100]}ola" for n in range(400)
    ]
    kinds = ["Chess tournament", "Concert", "Pottery workshop", "Football match"]
    rows = [(f"e{i}", "en", f"{kinds[i % 4]} {made_up[i % 400]}") for i in range(10_000)]
    started = time.process_time()
    titles = EventTitles(rows, reader, 1, {}, 0)
    built = time.process_time() - started
    question = terms(reader.scan(f"when is the chess tournament {made_up[7]}"), "en", reader)
    started = time.process_time()
    for _ in range(20):
        matches = titles.match(question, qa.understander.intents)
    per_question = (time.process_time() - started) / 20
    assert matches and all(int(m.event_id[1:]) % 400 == 7 for m in matches)
    assert per_question < 0.02, per_question
    # A second build reads only titles it has not read before.
    started = time.process_time()
    EventTitles(rows, reader, 2, {}, 0, titles.known)
    assert time.process_time() - started < built


async def test_a_question_read_as_events_to_come_naming_one_that_is_over_gets_the_archive(qa):
    """ "What happened at the choir concert?" read as events to come: the concert is over, so
    the archive, with it first; an event to come of that kind keeps the list of events to come."""
    choir = {
        "de": "Chorkonzert mit Sängern aus Eisleben",
        "en": "Choir concert with singers from Eisleben",
    }
    past = utcnow() - timedelta(days=20)
    await insert_event(
        qa.db, "choir", "eisleben", "culture", past, past + timedelta(hours=2), texts=choir
    )
    await insert_event(qa.db, "chess", "konin", "sport", utcnow() + timedelta(days=9), texts=CHESS)
    answer = await qa.answer("what happened at the choir concert", "en")
    assert answer.entry.startswith("events.past")
    assert "choir" in first_event(answer)
    answer = await qa.answer("when is the chess tournament", "en")
    assert answer.entry.startswith("events.upcoming")
    assert "chess" in first_event(answer)


async def test_events_to_come_asked_with_soon_and_visits_are_not_the_archive(qa):
    """ "Anything coming up soon? Events, visits": a past visit is named by "visit" alone, but
    "coming" and "soon" say events to come: the list of events to come, not the archive."""
    past = utcnow() - timedelta(days=40)
    visit = {
        "en": "Visit of a delegation from the partner city Konin",
        "de": "Besuch einer Delegation aus der Partnerstadt Konin",
    }
    await insert_event(
        qa.db, "visit", "konin", "official", past, past + timedelta(hours=5), texts=visit
    )
    await insert_event(qa.db, "chess", "konin", "sport", utcnow() + timedelta(days=9), texts=CHESS)
    for question, language in [
        (
            "Anything coming up soon with the partner cities? Events, visits, that kind of thing",
            "en",
        ),
        ("Steht demnächst was an mit den Partnerstädten? Besuche, Veranstaltungen, sowas", "de"),
    ]:
        answer = await qa.answer(question, language)
        assert answer.entry.startswith("events.upcoming"), answer.entry
        assert any(w in first_event(answer).lower() for w in ("chess", "schach"))
