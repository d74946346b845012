"""Round 35: a question about one city after a story naming another, and "where" asked in
colloquial, past or misspelt words. The clause that asks decides which city is asked about,
Herne included, for every fact kind; a story followed by "is that how it began?" asks how the
partnership began; "where was X again", "де той X" is where X lies. Wordings of neither the
probe nor a set; expectations from the knowledge base."""

from __future__ import annotations

import pytest

from bot.render import to_plain


def _region(shared_qa, city: str, language: str) -> str:
    return shared_qa.knowledge.cities[city].texts[language]["region"]


def _since(shared_qa, city: str) -> str:
    return (shared_qa.knowledge.cities[city].partner_since or "")[:4]


@pytest.mark.parametrize(
    ("question", "language", "story"),
    [
        (
            "Ich unterrichte Geige in Wakefield, meine Schüler reisen nach Herne: wo ist Herne?",
            "de",
            "wakefield",
        ),
        (
            "Soy panadera en Konin y mi sobrino vive en Herne; ¿en qué región está Herne?",
            "es",
            "konin",
        ),
        ("我在奥梅特佩种咖啡，我儿子在黑尔讷上学，黑尔讷在哪儿？", "zh", "ometepe"),
        ("Я вчителька з Коніна, донька поїхала до Герне. А де розташоване Герне?", "uk", "konin"),
    ],
)
async def test_herne_asked_after_a_story_of_a_partner_city_is_herne(
    shared_qa, question, language, story
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert answer.entry == "city.where:herne", (answer.entry, text)
    assert _region(shared_qa, "herne", language) in text, text
    assert _region(shared_qa, story, language) not in text, text


@pytest.mark.parametrize(
    ("question", "language", "city", "story"),
    [
        (
            "I'm a tailor from Aarhus and my cousin lives in Konin. "
            "Since when is Wakefield twinned with Herne?",
            "en",
            "wakefield",
            "konin",
        ),
        (
            "Je vis à Eisleben, mais dites-moi : depuis quand Beşiktaş est jumelée avec Herne ?",
            "fr",
            "besiktas",
            "eisleben",
        ),
        (
            "Mieszkam w Wakefield, a pytam o coś innego: od kiedy Luzhou jest partnerem Herne?",
            "pl",
            "luzhou",
            "wakefield",
        ),
    ],
)
async def test_since_when_after_a_story_of_another_city_is_the_clauses_city(
    shared_qa, question, language, city, story
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert answer.entry == f"city.since:{city}", (answer.entry, text)
    assert _since(shared_qa, city) in text, text
    assert _since(shared_qa, story) not in text, text


async def test_a_website_asked_after_the_askers_own_partner_city_is_the_asked_citys(shared_qa):
    answer = await shared_qa.answer(
        "Ben Luzhou'da öğretmenim, kuzenim Wakefield'da. Wakefield'ın web sitesi nedir?", "tr"
    )
    text = to_plain(answer)
    assert answer.entry == "city.website:wakefield", (answer.entry, text)
    assert (
        shared_qa.knowledge.cities["wakefield"].website.split("//")[1].removeprefix("www.") in text
    )


@pytest.mark.parametrize(
    ("question", "language"),
    [
        (
            "Mój pradziadek był górnikiem w Herne i mówił o Francji. "
            "Czy od tego zaczęła się przyjaźń z Hénin-Beaumont?",
            "pl",
        ),
        (
            "Oma erzählte immer von einer Grubenrettung in Frankreich. "
            "Hat so die Partnerschaft mit Hénin-Beaumont begonnen?",
            "de",
        ),
    ],
)
async def test_is_that_how_it_began_after_a_story_is_the_partnerships_history(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    # Its history, or the history entry that tells how it began.
    history = {
        e.id
        for e in shared_qa.knowledge.faq_history.get("henin-beaumont", [])
        if "1906" in (e.date or "")
    }
    assert answer.entry in {"city.history:henin-beaumont", *(f"faq:{i}" for i in history)}, (
        answer.entry,
        text,
    )
    assert "1906" in text, text


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        ("beşiktaş nerdeydi kanka unuttum", "tr", "besiktas"),
        ("где там этот белгород был, спс", "ru", "belgorod"),
        ("de ta ometepe c ou deja", "fr", "ometepe"),
        ("wo lag nochmal eisleben", "de", "eisleben"),
        ("卢瑟城艾斯莱本在哪儿来着", "zh", "eisleben"),
    ],
)
async def test_where_asked_colloquially_is_where_the_city_lies(shared_qa, question, language, city):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert answer.entry == f"city.where:{city}", (answer.entry, text)
    assert _region(shared_qa, city, language) in text, text


@pytest.mark.parametrize(
    ("question", "language", "entry"),
    [
        # Both cities in the clause that asks: the distance between them, not one city's fact.
        ("I live in Wakefield. How far is Konin from Herne?", "en", "city.distance"),
        # The story's city asked again by name: its own fact.
        ("Ich wohne in Konin. Wie viele Einwohner hat Konin?", "de", "city.population:konin"),
        # Where to eat is no question of where the city lies.
        ("Wo kann man in Konin gut essen gehen?", "de", None),
    ],
)
async def test_guards_keep_their_readings(shared_qa, question, language, entry):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    if entry is None:
        assert not (answer.entry or "").startswith("city.where"), (answer.entry, text)
    else:
        assert (answer.entry or "").startswith(entry), (answer.entry, text)
