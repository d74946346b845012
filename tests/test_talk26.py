"""Round 26 (talk26): small talk about the bot itself (which languages it speaks, named in the
question's language; a joke asked for, refused politely) and a journey's length asked of a
partner city, read by the bank's `journey` cues: the distance, saying that the base holds no
timetables or travel times (bench/qa_probe_talk26.jsonl)."""

from __future__ import annotations

import re

import pytest

from bot.render import to_plain
from bot.smalltalk import CANNOT, CAPABILITIES, SPOKEN, SmallTalk


@pytest.mark.parametrize(
    ("question", "language", "city", "km", "said"),
    [
        ("Wie lange fliegt man bis Ometepe?", "de", "ometepe", "9200", "reisezeit"),
        ("how long is the drive to Wakefield?", "en", "wakefield", "630", "travel time"),
        ("Сколько часов ехать на машине до Белгорода?", "ru", "belgorod", "2040", "в пути"),
        ("ile czasu leci się do Luzhou?", "pl", "luzhou", "8060", "podróży"),
        ("Eisleben'e arabayla kaç saat?", "tr", "eisleben", "300", "yolculuk süre"),
        ("combien de temps en voiture jusqu'à Konin ?", "fr", "konin", "760", "temps de trajet"),
        ("¿cuántas horas de vuelo hasta Beşiktaş?", "es", "besiktas", "2030", "tiempos de viaje"),
        ("坐飞机去奥梅特佩要多久？", "zh", "ometepe", "9200", "时刻表"),
        ("скільки годин летіти до Лучжоу?", "uk", "luzhou", "8060", "в дорозі"),
    ],
)
async def test_a_journey_is_the_distance_and_no_travel_time(
    shared_qa, question, language, city, km, said
):
    """Taught as distance questions, journey times cost the bank's cross-validation (round
    25); read by the cues, they get the distance and an honest word on travel times."""
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert answer.entry == f"city.distance:{city}", text
    assert km in re.sub(r"[\s.,\u202f\u00a0]", "", text)
    assert said in text.lower()
    understood, _ = shared_qa.understander.understand(question, language)
    assert understood.journey


async def test_a_distance_says_nothing_of_travel_times(shared_qa):
    answer = await shared_qa.answer("How far is Konin from Herne?", "en")
    text = to_plain(answer)
    assert answer.entry == "city.distance:konin" and "travel time" not in text


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("how long is the flight?", "en"),  # was every partner city's distance
        ("Wie lange dauert der Flug?", "de"),
        ("сколько лететь?", "ru"),
        ("how long does the train to Konin take?", "en"),  # a timetable (trap25's kinds)
        ("坐火车去泸州要多久？", "zh"),
        ("how long is the flight from Paris to Luzhou?", "en"),  # from another place
    ],
)
async def test_a_journey_of_no_partner_city_or_by_train_falls_back(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "named"),
    [
        ("Kannst du auch Türkisch?", "de", "Türkisch"),
        ("do you understand Polish?", "en", "Polish"),
        ("ты понимаешь по-английски?", "ru", "английский"),
        ("czy mogę pisać po ukraińsku?", "pl", "ukraiński"),
        ("Almanca biliyor musun?", "tr", "Almanca"),
        ("tu parles russe ?", "fr", "russe"),
        ("¿entiendes el chino?", "es", "chino"),
        ("你会说法语吗？", "zh", "法语"),
        ("можна писати тобі англійською?", "uk", "англійська"),
    ],
)
async def test_the_languages_it_speaks_are_named_in_the_questions_language(
    shared_qa, question, language, named
):
    answer = await shared_qa.answer(question, language)
    assert answer.smalltalk and not answer.fallback
    assert answer.language == language
    assert named in to_plain(answer)
    understood, _ = shared_qa.understander.understand(question, language)
    assert understood.intent == SPOKEN


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("tell me a joke", "en"),
        ("erzähl mir was lustiges", "de"),
        ("расскажи шутку", "ru"),
        ("dis-moi une blague", "fr"),  # "dis" is a French filler: left out of the cue too
        ("canta una canción", "es"),
    ],
)
async def test_a_joke_asked_for_is_refused_politely(shared_qa, question, language):
    """No answer, as the fallback gives none, but in words of its own, with the menu, and no
    question for the office (small talk is never logged)."""
    answer = await shared_qa.answer(question, language)
    assert answer.smalltalk and answer.fallback
    assert answer.language == language
    understood, _ = shared_qa.understander.understand(question, language)
    assert understood.intent == CANNOT


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("are you a robot? tell me a joke", "en"),
        ("ты бот? расскажи анекдот", "ru"),
        ("你是机器人吗？讲个笑话", "zh"),
    ],
)
async def test_what_the_bot_is_beside_a_joke_is_answered(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.smalltalk and not answer.fallback
    understood, _ = shared_qa.understander.understand(question, language)
    assert understood.intent == CAPABILITIES


def test_a_cues_filler_words_are_left_out_as_the_messages_are():
    talk = SmallTalk({"fr": {CANNOT: ["dis-moi une blague"]}}, {"fr": ["dis"]})
    assert talk.read(["dis", "moi", "une", "blague"], "fr") == CANNOT
    assert talk.read(["moi", "une", "blague"], "fr") == CANNOT
