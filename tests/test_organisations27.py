"""Round 27: an organisation of the base described by its kind beside its city's name ("the
hockey team of Herne", "агентство экономического развития города Херне") is that
organisation, with a preposition or a few words between them; a description that fits no
organisation, or fits it only far from the city, stays words (bench/qa_probe_org27.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain
from bot.understanding import DESCRIBED_GAP


@pytest.mark.parametrize(
    ("question", "language", "organisation", "fact"),
    [
        (
            "Wie lautet die Internetseite der Hockeymannschaft der Stadt Herne?",
            "de",
            "herner-ev",
            "herner-ev.com",
        ),
        (
            "¿Cuál es la web del equipo de hockey sobre hielo de Herne?",
            "es",
            "herner-ev",
            "herner-ev.com",
        ),
        ("黑尔讷的冰球俱乐部的网站是什么？", "zh", "herner-ev", "herner-ev.com"),
        (
            "Где расположено агентство экономического развития города Херне?",
            "ru",
            "business-herne",
            "Westring 303",
        ),
        # The hockey club of the other city is that city's, not Herne's.
        ("Что известно о хоккейном клубе из Белгорода?", "ru", "hc-belgorod", "2009"),
    ],
)
async def test_a_described_organisation_gets_its_card(
    shared_qa, question, language, organisation, fact
):
    answer = await shared_qa.answer(question, language)
    plain = to_plain(answer)
    assert answer.entry == f"org.info:{organisation}", plain
    assert fact in plain


async def test_the_association_described_with_words_between_says_when_it_was_founded(shared_qa):
    answer = await shared_qa.answer("Herne'deki kardeş şehir derneği hangi sene kurulmuş?", "tr")
    assert not answer.fallback
    assert "1995" in to_plain(answer)


async def test_the_office_of_another_organisation_is_that_organisations_card(shared_qa):
    # Read as the partnership office's reading, it names another organisation: its card.
    answer = await shared_qa.answer("Wo ist das Büro der Wirtschaftsförderung?", "de")
    assert answer.entry == "org.info:business-herne", to_plain(answer)
    assert "Westring 303" in to_plain(answer)


def _named(shared_qa, question: str, language: str) -> list[tuple[str, tuple[str, ...]]]:
    reader = shared_qa.understander.reader
    scan = reader.described_bodies(reader.scan(question), language)
    return [(m.kind, m.ids) for m in scan.entities]


def test_a_description_beside_its_city_is_one_name(shared_qa):
    assert _named(shared_qa, "wo trainiert die Eishockeymannschaft aus Herne", "de") == [
        ("organisation", ("herner-ev",))
    ]
    assert _named(shared_qa, "Herne'deki hokey kulübünün sahası", "tr") == [
        ("organisation", ("herner-ev",))
    ]


def test_a_description_that_fits_no_organisation_there_stays_words(shared_qa):
    # Herne holds no football club; Konin no hockey club; a hockey club far from Herne's
    # name is not described by it.
    assert _named(shared_qa, "the football club in Herne", "en") == [("city", ("herne",))]
    assert _named(shared_qa, "the hockey club in Konin", "en") == [("city", ("konin",))]
    far = "the hockey club " + "and so on " * DESCRIBED_GAP + "in Herne"
    assert _named(shared_qa, far, "en") == [("city", ("herne",))]
