"""Round 34: how two partner cities are linked, and where a partnership has its roots. Two
partner cities asked how they are linked get what the base holds of their link (the history
entry naming both, else the declaration both are party to), else both partnerships' history,
saying the base holds no link; Herne and one partner city, that partnership's history; a
partnership's roots asked, with or without a guess, its history. Wordings of neither the probe
nor a set; expectations from the knowledge base."""

from __future__ import annotations

import pytest

from bot.render import to_plain


def _years(shared_qa, city: str) -> str:
    return (shared_qa.knowledge.cities[city].partner_since or "")[:4]


def _history_naming(shared_qa, one: str, other: str):
    """The history entry of the base naming both cities (the link it holds)."""
    return next(
        e
        for e in shared_qa.knowledge.faq.values()
        if e.topic == "history" and {one, other} <= set(e.cities)
    )


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Hénin-Beaumont i Konin – jaki mają ze sobą związek?", "pl"),
        ("Что общего между Конином и Энен-Бомоном?", "ru"),
        ("was hat henin beaumont mit konin zu tun", "de"),
    ],
)
async def test_a_pair_the_history_links_gets_that_history(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    link = _history_naming(shared_qa, "konin", "henin-beaumont")
    assert answer.entry == f"faq:{link.id}", (answer.entry, text)
    assert link.date is not None and link.date[:4] in text, text


@pytest.mark.parametrize(
    ("question", "language", "cities"),
    [
        ("Beşiktaş ve Belgorod arasında nasıl bir ilişki var?", "tr", ("besiktas", "belgorod")),
        ("What have Konin and Belgorod got to do with one another?", "en", ("konin", "belgorod")),
        (
            "Що спільного між Бешикташем, Коніном і Бєлгородом?",
            "uk",
            ("besiktas", "konin", "belgorod"),
        ),
    ],
)
async def test_declaration_partners_get_the_declaration(shared_qa, question, language, cities):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    entry = shared_qa.knowledge.faq[(answer.entry or "").partition(":")[2]]
    assert entry.topic == "declaration" and set(cities) <= set(entry.cities), answer.entry
    assert entry.date is not None and entry.date[:4] in text, text


@pytest.mark.parametrize(
    ("question", "language", "one", "other"),
    [
        ("Welche Verbindung gibt es zwischen Luzhou und Eisleben?", "de", "luzhou", "eisleben"),
        ("¿Qué tienen en común Ometepe y Wakefield?", "es", "ometepe", "wakefield"),
        ("奥梅特佩跟艾斯莱本有啥联系？", "zh", "ometepe", "eisleben"),
    ],
)
async def test_an_unlinked_pair_gets_both_histories_saying_so(
    shared_qa, question, language, one, other
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert answer.entry == f"city.history:{one},{other}", (answer.entry, text)
    first = text.split("\n\n")[0]
    for city in (one, other):
        assert shared_qa.knowledge.cities[city].name(language) in first, first
        assert _years(shared_qa, city) in text, text


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        ("What links Herne and Wakefield?", "en", "wakefield"),
        ("Quel est le lien entre Herne et Ometepe ?", "fr", "ometepe"),
    ],
)
async def test_herne_and_one_partner_city_get_the_partnership_s_history(
    shared_qa, question, language, city
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"city.history:{city}", (answer.entry, to_plain(answer))
    assert _years(shared_qa, city) in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        ("Wo liegen die Ursprünge der Partnerschaft mit Beşiktaş? Beim Fußball?", "de", "besiktas"),
        ("¿De dónde surge el hermanamiento con Luzhou?", "es", "luzhou"),
        ("Konin ile kardeşliğin kökeni ne, kilise mi?", "tr", "konin"),
        ("jakie sa korzenie partnerstwa z wakefield", "pl", "wakefield"),
    ],
)
async def test_a_partnership_s_roots_are_its_history(shared_qa, question, language, city):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert answer.entry == f"city.history:{city}", (answer.entry, text)
    assert _years(shared_qa, city) in text, text


@pytest.mark.parametrize(
    ("question", "language", "entry"),
    [
        # A hyperlink asked for is the website, not how two cities are linked.
        ("Is there a link to the websites of Konin and Wakefield?", "en", "city.website"),
        # Two cities' populations stay their populations.
        ("Сколько жителей в Конине и в Энен-Бомоне?", "ru", "city.population"),
    ],
)
async def test_neighbouring_readings_stay(shared_qa, question, language, entry):
    answer = await shared_qa.answer(question, language)
    assert (answer.entry or "").startswith(entry), (answer.entry, to_plain(answer))


async def test_a_flight_from_somewhere_is_no_partnership_s_roots(shared_qa):
    answer = await shared_qa.answer("Откуда лучше лететь в Конин?", "ru")
    assert not (answer.entry or "").startswith("city.history"), answer.entry


async def test_herne_and_a_partner_on_hold_say_it_is_on_hold(shared_qa):
    # Read as the aid convoys of the early 1990s on main: the link is the partnership, which
    # is on hold, and the answer says since when.
    answer = await shared_qa.answer(
        "Wie ist der aktuelle Stand der Beziehung zwischen Herne und Belgorod?", "de"
    )
    text = to_plain(answer)
    belgorod = shared_qa.knowledge.cities["belgorod"]
    assert not answer.fallback, text
    assert belgorod.status_since is not None and belgorod.status_since[:4] in text, text
