"""Round 38: "where will the fencing tournament take place?" about an event to come is answered
by the upcoming events' list, whose line names each event's venue as its card does (📍), with
the /events button kept; an event without a venue gets no pin (bench/qa_probe_tune38.jsonl)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.render import to_plain
from bot.users import utcnow
from tests.test_events import insert_event

FENCING = {
    "de": "Fechtturnier Herne–Konin",
    "en": "Herne–Konin fencing tournament",
    "ru": "Турнир по фехтованию Херне — Конин",
    "pl": "Turniej szermierczy Herne–Konin",
    "tr": "Herne–Konin eskrim turnuvası",
    "fr": "Tournoi d'escrime Herne–Konin",
    "es": "Torneo de esgrima Herne–Konin",
    "zh": "黑尔讷—科宁击剑比赛",
    "uk": "Турнір з фехтування Герне — Конін",
}
VENUE = "Sporthalle Eickel, Herne"


async def add_fencing(qa, venue: str | None = VENUE) -> None:
    await insert_event(
        qa.db, "fencing", "konin", "sport", utcnow() + timedelta(days=30), texts=FENCING
    )
    async with qa.db.transaction() as conn:
        await conn.execute("UPDATE events SET venue = ? WHERE id = 'fencing'", (venue,))


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Wo wird das Fechtturnier ausgetragen?", "de"),
        ("where's the fencing tournament going to be?", "en"),
        ("Где будет проходить турнир по фехтованию?", "ru"),
        ("Gdzie odbędzie się turniej szermierczy?", "pl"),
        ("Eskrim turnuvası nerede olacak?", "tr"),
        ("Le tournoi d'escrime, c'est où ?", "fr"),
        ("¿Dónde se celebra el torneo de esgrima?", "es"),
        ("击剑比赛在什么地方举行？", "zh"),
        ("Де пройде турнір з фехтування?", "uk"),
    ],
)
async def test_where_an_event_takes_place_names_its_venue(qa, question, language):
    await add_fencing(qa)
    answer = await qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert answer.entry.startswith("events.upcoming"), text
    assert FENCING[language] in text and VENUE in text, text
    assert ("menu", "events") in [(s.kind, s.id) for s in answer.suggestions]


async def test_an_event_without_a_venue_has_no_pin(qa):
    await add_fencing(qa, venue=None)
    answer = await qa.answer("When is the fencing tournament?", "en")
    text = to_plain(answer)
    assert FENCING["en"] in text and "📍" not in text, text


@pytest.mark.parametrize(
    ("question", "language", "month"),
    [
        ("Wann fuhren Herner zum 25. Jubiläum nach Belgorod?", "de", "mai 2015"),
        ("when did Herne people travel to Belgorod for the 25th anniversary?", "en", "may 2015"),
        ("Когда херненцы были в Белгороде на 25-летии?", "ru", "мае 2015"),
        ("Quand est-on allé à Belgorod pour les 25 ans du jumelage ?", "fr", "mai 2015"),
        ("Коли Герне відвідало Бєлгород з нагоди 25-річчя?", "uk", "травні 2015"),
    ],
)
async def test_an_anniversary_asked_of_belgorod_tells_how_it_was_marked(
    shared_qa, question, language, month
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer).lower()
    assert not answer.fallback, text
    assert "2015" in text and month in text, text


@pytest.mark.parametrize(
    "question",
    [
        "y a cb d'adhérents dans l'asso de jumelage ?",
        "l'asso du jumelage, elle compte cb d'adhérents",
    ],
)
async def test_cb_for_combien_asks_the_associations_member_count(shared_qa, question):
    answer = await shared_qa.answer(question, "fr")
    text = to_plain(answer)
    assert not answer.fallback and "270" in text, text


@pytest.mark.parametrize(
    "question",
    [
        "İşbirliği bildirgesinden önce Herne'de ne tür bir etkinlik vardı?",
        "Bildirgenin imzalanmasından önce neler yapılmıştı?",
    ],
)
async def test_what_came_before_the_declaration_in_turkish_is_its_groundwork(shared_qa, question):
    answer = await shared_qa.answer(question, "tr")
    text = to_plain(answer)
    assert not answer.fallback and "Business International" in text, text
