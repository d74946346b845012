"""A message asking two things gets both answers, in the order asked; one that only looks cut
in two (two cities, a greeting, a question split into fragments) stays one question."""

from __future__ import annotations

import re

import pytest

from bot.app.local_api import make_user
from bot.qa import CONFIDENCE_THRESHOLD
from bot.render import to_plain
from tests.test_conversation import only_message


@pytest.fixture
def qa(shared_qa):
    """The worker's answerer (conftest's `shared_qa`): these tests only ask."""
    return shared_qa


def position(pattern: str, text: str) -> int:
    found = re.search(pattern, text)
    assert found, f"{pattern!r} not in {text!r}"
    return found.start()


@pytest.mark.parametrize(
    ("question", "language", "first", "second"),
    [
        # two kinds of answer about one city, the second part naming nothing
        (
            "Hey bot, quick one: where is Konin and since when are we twinned?",
            "en",
            "poland",
            "1991",
        ),
        ("Ile mieszkancow ma Konin i nad jaka rzeka lezy?", "pl", r"71\s427", "wart"),
        ("Wie viele Einwohner hat Wakefield und wie weit ist es weg?", "de", "109.766", r"630\skm"),
        # the second part names only Herne, the frame: it still asks about Konin
        ("chto za gorod Konin i s kakogo goda on partner Herne?", "ru", "польш", "1991"),
        (
            "Où se trouve Ometepe et depuis quand est-elle jumelée avec Herne ?",
            "fr",
            "nicaragua",
            "1988",
        ),
        # cut at a question mark; the order of the message is the order of the answer
        ("科宁人口多少？在哪里？", "zh", "71,427", "波兰"),
        ("Since when is Konin a partner? Where is it?", "en", "1991", "poland"),
    ],
)
async def test_both_parts_are_answered_in_the_order_asked(qa, question, language, first, second):
    answer = await qa.answer(question, language)
    text = to_plain(answer).lower()
    assert not answer.fallback and answer.language == language
    assert "+" in (answer.entry or ""), answer.entry
    assert position(first, text) < position(second, text)
    assert answer.confidence >= CONFIDENCE_THRESHOLD


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("How many people live in Konin and in Wakefield?", "en"),  # one kind, two cities
        ("Where are Konin and Wakefield?", "en"),  # a part that is only a name
        ("Hallo! Wo liegt Konin?", "de"),  # a greeting is no second question
        ("Since when, and how, did the partnership with Konin begin?", "en"),  # one family
        ("What happened between Herne and Belgorod in May 2015?", "en"),  # fragments
        # said after the question, not asked: no question mark of its own
        ("Since when is Wakefield a partner? My grandad was there in 1990", "en"),
        # an exclamation before the question is no question ("bonne santé" was read as one)
        ("Merci et bonne santé ! Où se trouve Wakefield ?", "fr"),
    ],
)
async def test_a_message_asking_one_thing_is_not_cut(qa, question, language):
    u, _ = qa.understander.understand(question, language)
    assert qa.understander.two_parts(u, CONFIDENCE_THRESHOLD) is None
    answer = await qa.answer(question, language)
    assert "+" not in (answer.entry or "")


async def test_two_cities_of_one_kind_are_one_answer_about_both(qa):
    answer = await qa.answer("Скільки мешканців у Коніні та у Вейкфілді?", "uk")
    text = to_plain(answer)
    assert answer.entry == "city.population:konin,wakefield"
    assert re.search(r"71\s427", text) and re.search(r"109\s766", text)


async def test_a_part_without_an_answer_leaves_the_message_one_question(qa):
    # "Is Paris a partner?" and "how far is it?": the base holds no distance to Paris, so the
    # message is answered as one question (the check's "no"), never half of it.
    answer = await qa.answer("Is Paris a partner city of Herne and how far away is it?", "en")
    assert "+" not in (answer.entry or "")
    assert "paris" in to_plain(answer).lower()


async def test_a_cut_is_bounded_on_a_message_of_many_joins(qa):
    question = " and ".join(["where is Konin"] * 60)
    u, _ = qa.understander.understand(question, "en")
    cuts = qa.understander._cuts(qa.understander.reader.scan(u.text), u.language)
    assert 0 < len(cuts) <= 3


async def test_both_answers_reach_the_user_in_one_message(harness):
    reply = only_message(
        await harness.send(
            make_user(700, "de"), "Wo liegt Konin und seit wann ist es Partnerstadt?"
        )
    )
    assert position("Polen", reply.text) < position("1991", reply.text)
