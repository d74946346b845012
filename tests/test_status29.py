"""Round 29: Belgorod's status asked inside a plan ("is that realistic?", "c'est
envisageable ?") or colloquially ("how are things going with ...") is answered with the
suspension, also where the plan reads as an FAQ entry or a contact of the city
(`Understander.held_over`); facts, other cities and out-of-scope questions keep their
answers (bench/qa_probe_bel29.jsonl)."""

from __future__ import annotations

import re

import pytest

from bot.render import to_plain
from tests.test_status27 import SUSPENDED  # the suspension, as each status note says it

STATUS = "city.status:belgorod"


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # Read on main as an FAQ entry or a contact of the city: the past pupils' visit, the
        # students' visit of 2015, the exchanges entry, nanotechnology research, education
        # contacts.
        (
            "Wir sind ein Gymnasium: Austauschschüler aus Belgorod dieses Jahr aufnehmen, "
            "ist das realistisch?",
            "de",
        ),
        ("Unsere Tanzschule will Lehrer aus Belgorod einladen – ist das eine Option?", "de"),
        ("Хотим пригласить студентов из Белгорода на стажировку в Херне, получится?", "ru"),
        ("Наш клуб хочет сыграть с белгородцами, реально ли это?", "ru"),
        ("Un échange universitaire avec Belgorod, c'est envisageable ?", "fr"),
        ("Un proyecto universitario con Bélgorod, ¿es viable?", "es"),
        ("我们学校想和别尔哥罗德的中学建立联系，可以吗？", "zh"),
        ("Спільний проєкт з університетом Бєлгорода — це реально?", "uk"),
        # Not understood on main (the fallback): the cue says the status is asked.
        (
            "our chess club wants to invite players from Belgorod for a friendly this winter, "
            "is that realistic?",
            "en",
        ),
        ("Zaproszenie chóru z Biełgorodu na festiwal w Herne – czy to realne?", "pl"),
        ("Belgorod'la işler nasıl gidiyor?", "tr"),
    ],
)
async def test_a_plan_or_a_colloquial_asking_gets_the_status(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert answer.entry == STATUS, (answer.entry, text)
    assert answer.language == language
    assert re.search(SUSPENDED[language], text, re.IGNORECASE), text


@pytest.mark.parametrize(
    ("question", "language", "entry"),
    [
        # A plan's cue beside a fact or an organisation asked: the fact, the organisation.
        (
            "Wie viele Einwohner hat Belgorod, ist das realistisch geschätzt?",
            "de",
            "city.population:belgorod",
        ),
        (
            "Könnten wir nachlesen, wann Schüler aus Belgorod in Herne zu Besuch waren?",
            "de",
            "faq:",
        ),
        ("Können wir herausfinden, wie spät es in Belgorod ist?", "de", "city.time:belgorod"),
        ("can we contact the Belgorod State University?", "en", "org.info:belsu"),
    ],
)
async def test_what_is_asked_beside_a_cue_keeps_its_answer(shared_qa, question, language, entry):
    answer = await shared_qa.answer(question, language)
    assert answer.entry is not None and answer.entry.startswith(entry), answer.entry


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("is a trip to Konin an option for our choir this year?", "en"),
        ("Партнёрство с Вейкфилдом ещё реально работает?", "ru"),
    ],
)
async def test_a_partnership_not_on_hold_is_never_said_to_be(shared_qa, question, language):
    text = to_plain(await shared_qa.answer(question, language))
    assert not re.search(SUSPENDED[language], text, re.IGNORECASE), text


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Können wir morgen in Belgorod mit Regen rechnen?", "de"),
        ("Как там мэр Белгорода поживает?", "ru"),
    ],
)
async def test_out_of_scope_without_a_cue_still_falls_back(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)
