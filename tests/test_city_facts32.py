"""Round 32: two or three kinds of fact of one partner city asked in one message ("Wakefield:
population, distance and website?", "konin einwohner homepage", "泸州在哪里，那边现在几点了？")
get each fact in the order asked, with its sources; a fact the base does not hold is said
plainly not to be known beside those it holds, never answered with the nearest entry; at most
MAX_FACTS facts are composed (bench/qa_probe_two32.jsonl). Expectations come from the
knowledge base and the catalogs."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.compose import compose
from bot.render import to_plain
from bot.understanding import MAX_FACTS
from bot.users import utcnow
from tests.test_events import insert_event

UNKNOWN = "I have no information on the other part of your question."


def _said(qa, language: str, message: str) -> str:
    return qa.catalogs[language].plain.gettext(message)


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


@pytest.mark.parametrize(
    ("question", "language", "city", "kinds"),
    [
        (
            "Wakefield – Einwohner, Entfernung nach Herne und Internetseite?",
            "de",
            "wakefield",
            ("population", "distance", "website"),
        ),
        ("konin mieszkancy strona www", "pl", "konin", ("population", "website")),
        ("besiktas nufusu yuzolcumu", "tr", "besiktas", ("population", "area")),
        ("Eisleben: sitio web y a qué distancia", "es", "eisleben", ("website", "distance")),
        ("泸州在哪里，那边现在几点了？", "zh", "luzhou", ("where", "time")),
    ],
)
async def test_each_fact_asked_of_one_city_in_the_order_asked(
    shared_qa, question, language, city, kinds
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == "+".join(f"city.{kind}:{city}" for kind in kinds), to_plain(answer)
    text = to_plain(answer)
    place = shared_qa.knowledge.cities[city]
    if "population" in kinds:
        assert str(place.population) in _digits(text), text
    if "website" in kinds:
        assert place.website.split("//")[-1] in text, text
    # Every fact's sources, as the fact composed alone gives them.
    read, _ = shared_qa.understander.understand(question, language)
    t = shared_qa.catalogs[language].plain
    for kind in kinds:
        alone = replace(read, intent=f"city.{kind}", cities=(city,), asks=())
        fact = await compose(alone, shared_qa.knowledge, shared_qa.db, t)
        assert fact is not None and fact.sources, kind
        assert set(fact.sources) <= set(answer.sources), (kind, answer.sources)
    assert _said(shared_qa, language, UNKNOWN) not in text


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("How many people live in Konin and who is the mayor there?", "en"),
        ("Сколько жителей в Конине и кто там мэр?", "ru"),
        ("Konin'in nüfusu ne kadar, hava durumu nasıl?", "tr"),
    ],
)
async def test_a_fact_no_city_holds_is_said_unknown_beside_the_one_held(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert answer.entry == "city.population:konin", text
    assert str(shared_qa.knowledge.cities["konin"].population) in _digits(text), text
    assert text.endswith(_said(shared_qa, language, UNKNOWN)), text


async def test_a_fact_this_city_lacks_is_said_unknown_not_taken_from_another(shared_qa):
    wakefield = shared_qa.knowledge.cities["wakefield"]
    assert "km²" not in wakefield.texts["en"]["profile"]  # the base holds no area of it
    answer = await shared_qa.answer("Wakefield: area and population?", "en")
    text = to_plain(answer)
    assert answer.entry == "city.population:wakefield", text
    assert "km²" not in text, text
    assert text.endswith(_said(shared_qa, "en", UNKNOWN)), text


async def test_more_facts_than_one_reply_composes_are_left_for_another_message(shared_qa):
    answer = await shared_qa.answer("Beşiktaş: Einwohner, Fläche, Entfernung und Uhrzeit?", "de")
    text = to_plain(answer)
    parts = answer.entry.split("+")
    assert len(parts) == MAX_FACTS, answer.entry
    assert parts == ["city.population:besiktas", "city.area:besiktas", "city.distance:besiktas"]
    note = shared_qa.catalogs["de"].plain.ngettext(
        "I have answered %(count)s of the things you asked; please ask about the rest in "
        "another message.",
        "I have answered the first %(count)s of the things you asked; please ask about the "
        "rest in another message.",
        MAX_FACTS,
    )
    assert text.endswith(note), text


async def test_a_fact_and_whats_coming_up_there(qa):
    await insert_event(
        qa.db,
        "lesung",
        "eisleben",
        "culture",
        utcnow() + timedelta(days=12),
        texts={"en": "Reading with authors from Eisleben", "de": "Lesung mit Gästen aus Eisleben"},
    )
    answer = await qa.answer("How far is Eisleben and is anything on with them soon?", "en")
    text = to_plain(answer)
    assert answer.entry.startswith("city.distance:eisleben+events.upcoming"), text
    assert "Reading with authors from Eisleben" in text


@pytest.mark.parametrize(
    ("question", "language", "entry"),
    [
        # One kind of fact of two cities is one question about both.
        (
            "How many people live in Konin and in Wakefield?",
            "en",
            "city.population:konin,wakefield",
        ),
        # One fact alone, without a note.
        ("Wie viele Einwohner hat Konin?", "de", "city.population:konin"),
    ],
)
async def test_guards_one_kind_stays_one_answer(shared_qa, question, language, entry):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == entry, to_plain(answer)
    assert _said(shared_qa, language, UNKNOWN) not in to_plain(answer)


async def test_a_mayor_who_signed_is_no_unheld_fact(shared_qa):
    answer = await shared_qa.answer(
        "Which mayor signed the partnership with Belgorod, and since when is it a partner?", "en"
    )
    text = to_plain(answer)
    assert "Pohlmann" in text, text
    assert _said(shared_qa, "en", UNKNOWN) not in text


async def test_a_clock_word_of_an_event_is_the_events(qa):
    await insert_event(
        qa.db,
        "fencing",
        "konin",
        "sport",
        utcnow() + timedelta(days=9),
        texts={"en": "Fencing tournament with fencers from Konin", "de": "Fechtturnier"},
    )
    answer = await qa.answer(
        "What time does the fencing tournament with Konin start, and how far away is it?", "en"
    )
    assert "city.time" not in answer.entry, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Which club plays ice hockey in Herne and where is their rink?", "en"),
        ("Wer spielt in Herne Eishockey und in welcher Halle ist das?", "de"),
    ],
)
async def test_where_beside_an_entry_asks_of_the_entrys_subject_not_of_herne(
    qa, question, language
):
    # An event whose title holds the hall's generic word ("Hallen") is not what is asked.
    await insert_event(
        qa.db,
        "jazz",
        "wakefield",
        "culture",
        utcnow() + timedelta(days=15),
        texts={
            "en": "Jazz evening at the Flottmann-Hallen",
            "de": "Jazzabend in den Flottmann-Hallen",
        },
    )
    answer = await qa.answer(question, language)
    text = to_plain(answer)
    assert answer.entry == "faq:herner-ev", (answer.entry, text)
    assert "Gysenberghalle" in text
