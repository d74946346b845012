"""Round 27: Belgorod's status asked indirectly, in a story or in slang ("is a trip there
feasible at the moment?", "did Herne break with Belgorod?", a friend from Kharkiv asking) is
answered with the suspension, by the bank's `on_hold` cues; questions about other things keep
their answers or their fallback (bench/qa_probe_bel27.jsonl)."""

from __future__ import annotations

import re

import pytest

from bot.render import to_plain

# The suspension, as each language's status note says it.
SUSPENDED = {
    "de": "ruhen|ausgesetzt",
    "en": "on hold|suspended",
    "ru": "приостанов",
    "pl": "zawiesz|zawiesi",
    "tr": "askı",
    "fr": "suspendu",
    "es": "suspend",
    "zh": "暂停",
    "uk": "призупин",
}


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Unser Posaunenchor wollte 2025 in Belgorod auftreten – ist sowas gerade machbar?", "de"),
        ("Warum hört man von Belgorod eigentlich nichts mehr, ist das nicht mehr aktiv?", "de"),
        ("my scout troop wants to camp near Belgorod next year, is that feasible?", "en"),
        ("Хотим отправить детский хор в Белгород на фестиваль, сейчас так можно?", "ru"),
        ("Sąsiad z Charkowa dopytuje, czy Herne wciąż trzyma z Biełgorodem", "pl"),
        ("Bizim halk dansları ekibi Belgorod'da sahne almak istiyor, bu artık olur mu?", "tr"),
        ("Mes cousins de Dnipro se demandent si Herne a coupé les ponts avec Belgorod", "fr"),
        ("Un colega de Kiev pregunta si Herne rompió con Bélgorod", "es"),
        ("别尔哥罗德和黑尔讷现在还有来往吗，是不是因为战争停了？", "zh"),
        ("Сусідка з Харкова цікавиться, чи Герне досі дружить з Бєлгородом", "uk"),
        ("Наш оркестр мріє зіграти в Бєлгороді, це взагалі можливо?", "uk"),
    ],
)
async def test_the_status_asked_indirectly_is_said(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert answer.language == language
    assert re.search(SUSPENDED[language], text, re.IGNORECASE), text


@pytest.mark.parametrize(
    ("question", "language", "entry", "figure"),
    [
        # Understood as a whole: the fact asked, the suspension beside it.
        (
            "Wie viele Leute wohnen in Belgorod, und gibt es die Partnerschaft noch?",
            "de",
            "city.population:belgorod",
            "339.978",
        ),
        ("since what year is belgorod twinned with us, is that still on?", "en", "city.", "1990"),
    ],
)
async def test_a_fact_asked_beside_it_keeps_its_answer(
    shared_qa, question, language, entry, figure
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert answer.entry is not None and answer.entry.startswith(entry), (answer.entry, text)
    assert figure in text
    assert re.search(SUSPENDED[language], text, re.IGNORECASE), text


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # Out of scope, read so surely that a cue ("geht das") does not make it a status.
        ("Wie ist das Wetter in Belgorod, geht das noch mit dem Schnee?", "de"),
        ("who runs belgorod these days, is the mayor still the same?", "en"),
        # What the base holds none of, asked with a cue: still the fallback.
        ("Gibt es in Belgorod noch eine Industrie- und Handelskammer?", "de"),
    ],
)
async def test_out_of_scope_questions_still_fall_back(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)


async def test_a_partnership_not_on_hold_is_never_said_to_be(shared_qa):
    for question, language in [
        ("Ist ein Schüleraustausch mit Konin derzeit möglich?", "de"),
        ("is a choir trip to wakefield possible this year?", "en"),
    ]:
        answer = await shared_qa.answer(question, language)
        text = to_plain(answer)
        assert answer.entry is None or "belgorod" not in answer.entry, answer.entry
        assert not re.search(SUSPENDED[language], text, re.IGNORECASE), text


def test_the_cues_read_the_class_and_not_its_look_alikes(shared_qa):
    reader = shared_qa.understander.reader
    assert reader.held_asked("hat herne mit belgorod schluss gemacht", "de")
    assert reader.held_asked("is the link with belgorod no longer there", "en")
    assert reader.held_asked("партнёрство с белгородом приостановлено?", "ru")
    assert reader.held_asked("黑尔讷和别尔哥罗德的关系还有效吗", "zh")
    assert not reader.held_asked("wie viele einwohner hat belgorod", "de")
    assert not reader.held_asked("how far is belgorod from herne", "en")
    assert not reader.held_asked("сколько жителей в белгороде", "ru")
