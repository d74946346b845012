"""Round 36: a named attribute of an organisation (bench/qa_probe_org36.jsonl). Wanting to join
and asking a figure of it (how many members, since when) gets its card, which holds the figure;
where a club plays or what it is called gets that club's card even when an upcoming event's
title shares a word with the question ("games", "players"), unless the event names the club; and
a text in Cyrillic or Chinese that names a university by its German name names its city in the
reader's script too. Expectations are computed from the knowledge base; the wordings are neither
the probe's nor a set's."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from bot.render import to_plain
from bot.users import utcnow
from tests.test_events import insert_event

ASSOCIATION = "partnership-association"
CONTACT = "association.contact"
NON_LATIN = ("ru", "uk", "zh")

GAMES = {
    "de": "Schach-Spiele mit Spielern und Mannschaften aus Wakefield",
    "en": "Chess games with players and teams from Wakefield",
    "pl": "Rozgrywki szachowe z graczami i drużynami z Wakefield",
    "ru": "Шахматные игры с игроками и командами из Уэйкфилда",
}


def _association(qa):
    return qa.knowledge.organisations[ASSOCIATION]


def _club(qa):
    """Herne's one sports club in the base (the question names it by what it is)."""
    clubs = [
        o
        for o in qa.knowledge.organisations.values()
        if o.kind == "sports_club" and o.city_id == "herne"
    ]
    assert len(clubs) == 1
    return clubs[0]


@pytest.mark.parametrize(
    ("question", "language", "figure"),
    [
        (
            "Ich will in den Partnerschaftsverein eintreten – wie viele Mitglieder zählt er?",
            "de",
            "members",
        ),
        ("Keen to join the twinning association; how many members has it got?", "en", "members"),
        ("Хочу вступить в общество партнёрских связей. Сколько там членов?", "ru", "members"),
        (
            "Chciałbym się zapisać do stowarzyszenia partnerskiego; ilu członków liczy?",
            "pl",
            "members",
        ),
        (
            "Je voudrais adhérer à l'association de jumelage : depuis quand existe-t-elle ?",
            "fr",
            "founded",
        ),
        (
            "Quiero hacerme socio de la asociación de hermanamiento, ¿en qué año se fundó?",
            "es",
            "founded",
        ),
        ("我打算加入友好城市协会，请问有多少会员？", "zh", "members"),
    ],
)
async def test_joining_and_asking_a_figure_gets_the_figure(shared_qa, question, language, figure):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    association = _association(shared_qa)
    value = association.members_approx if figure == "members" else association.founded
    assert value is not None
    assert str(value) in text, (answer.entry, text)
    assert ASSOCIATION in answer.organisations


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("How can I sign up with the twinning association?", "en"),
        ("Как записаться в общество партнёрских связей?", "ru"),
    ],
)
async def test_joining_alone_is_still_how_to_reach_it(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.entry is not None and CONTACT in answer.entry, answer.entry


async def test_a_figure_of_a_city_beside_joining_stays_the_citys(shared_qa):
    answer = await shared_qa.answer(
        "I want to join the association. How many people live in Konin?", "en"
    )
    assert answer.entry == "city.population:konin", answer.entry


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Wo hat der Eishockeyclub aus Herne seine Heimspiele?", "de"),
        ("which rink does Herne's hockey team play its games on?", "en"),
        ("Gdzie drużyna hokejowa z Herne rozgrywa swoje mecze?", "pl"),
        ("Как называется хоккейная команда Херне, где её игры?", "ru"),
    ],
)
async def test_where_the_club_plays_is_its_card_not_an_event_sharing_a_word(qa, question, language):
    await insert_event(
        qa.db, "chess", "wakefield", "sport", utcnow() + timedelta(days=15), texts=GAMES
    )
    answer = await qa.answer(question, language)
    text = to_plain(answer)
    club = _club(qa)
    assert club.id in answer.organisations, (answer.entry, text)
    assert not (answer.entry or "").startswith("events."), answer.entry
    assert GAMES[language] not in text


async def test_an_event_that_names_the_club_is_still_the_event(qa):
    club = _club(qa)
    titles = {"de": f"Freundschaftsspiel: {club.name} gegen Spieler aus Wakefield"}
    await insert_event(
        qa.db, "friendly", "wakefield", "sport", utcnow() + timedelta(days=15), texts=titles
    )
    answer = await qa.answer(
        f"Wann und wo spielt der {club.name} gegen die Spieler aus Wakefield?", "de"
    )
    assert titles["de"] in to_plain(answer), (answer.entry, to_plain(answer))


def _universities(qa):
    return [
        o
        for o in qa.knowledge.organisations.values()
        if o.kind == "university"
        and all(o.texts.get(lang, {}).get("location") for lang in NON_LATIN)
    ]


def test_texts_in_cyrillic_or_chinese_name_a_universitys_city_in_that_script(shared_qa):
    """Every organisation's description and FAQ answer in ru, uk or zh that names a university
    by its German name ("Hochschule Bochum") names the university's city as its `location`
    writes it in that language ("Бохум", "波鸿")."""
    knowledge = shared_qa.knowledge
    universities = _universities(shared_qa)
    assert universities
    texts = [
        (f"org {o.id}", lang, o.texts.get(lang, {}).get("description") or "")
        for o in knowledge.organisations.values()
        for lang in NON_LATIN
    ] + [
        (f"faq {e.id}", lang, e.answers.get(lang, ""))
        for e in knowledge.faq.values()
        for lang in NON_LATIN
    ]
    checked = 0
    for where, lang, text in texts:
        for university in universities:
            if university.name not in text:
                continue
            city = university.texts[lang]["location"]
            # A case ending may follow in Cyrillic ("в Бохуме", "у Дортмунді").
            stem = city[:-1] if lang != "zh" and len(city) > 4 else city
            assert re.search(re.escape(stem), text), (where, lang, university.id, text)
            checked += 1
    assert checked >= 9
