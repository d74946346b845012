"""Round 30: the contacts of a sector the partnership association works in (education,
culture) are about the association, so a school's or a choir's exchange split between them and
how to reach the association is one group (`Understander._about`); and guards on the real
engine for the class: a group's exchange names the association, travelling with it gets its
trips, an exchange with Belgorod says it is on hold, school life in Herne stays out of scope
(bench/qa_probe_school30.jsonl)."""

from __future__ import annotations

import re

import pytest

from bot.render import to_plain
from tests.test_status27 import SUSPENDED  # the suspension, as each status note says it

ASSOCIATION = r"partnerschaftlichen|herne\.de"


@pytest.mark.parametrize(
    ("question", "language"),
    [
        (
            "Die Klasse 8b einer Realschule in Konin sucht Brieffreunde an einer Herner "
            "Schule – wer kann da helfen?",
            "de",
        ),
        ("Nasza szkoła podstawowa w Herne szuka szkoły partnerskiej w Eisleben, kto pomoże?", "pl"),
        ("Наша гімназія в Герне шукає школу-партнера в Коніні, хто підкаже, куди писати?", "uk"),
    ],
)
async def test_a_groups_exchange_names_the_association(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, (answer.entry, answer.confidence, text)
    assert answer.language == language
    assert re.search(ASSOCIATION, text, re.IGNORECASE), (answer.entry, text)


@pytest.mark.parametrize(
    ("question", "language", "trip", "contact"),
    [
        (
            "Czy z waszym stowarzyszeniem da się pojechać do Wakefield? Kogo pytać?",
            "pl",
            "wyjazd",
            "sekcj",
        ),
    ],
)
async def test_travelling_with_the_association_gets_its_trips(
    shared_qa, question, language, trip, contact
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer).lower()
    assert not answer.fallback, (answer.entry, text)
    assert re.search(trip, text) and re.search(contact, text), (answer.entry, text)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Our school choir wants to pair up with a choir in Belgorod, who do we contact?", "en"),
    ],
)
async def test_an_exchange_with_belgorod_says_it_is_on_hold(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, (answer.entry, text)
    assert re.search(SUSPENDED[language], text, re.IGNORECASE), text


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Which report card grades do pupils in Herne get?", "en"),
        ("Herne'de okullar eylülde mi açılıyor?", "tr"),
    ],
)
async def test_school_life_in_herne_stays_out_of_scope(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, (answer.entry, answer.confidence, to_plain(answer))


async def test_a_sector_the_association_works_in_is_about_the_association(shared_qa):
    understander = shared_qa.understander
    assert understander._about("contacts.sector", (), None, ("education",)) == {
        "partnership-association"
    }
    assert understander._about("contacts.sector", (), None, ("culture",)) == {
        "partnership-association"
    }
    assert "partnership-association" not in understander._about(
        "contacts.sector", (), None, ("logistics",)
    )
