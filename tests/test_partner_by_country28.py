"""Round 28: a country named in a question about something else is no request for its partner
city; why there is a partner in a country is its history; a part of the country asked of its
one partner city is where that lies (bench/qa_probe_part28.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Wie viele Herner haben Wurzeln in Polen?", "de"),
        ("Сколько человек в Херне с польскими корнями?", "ru"),
    ],
)
async def test_roots_in_a_country_are_no_partner_city(shared_qa, question, language):
    """The country says where the roots are, not which partner city is asked about: Herne's
    Polish roots, not Konin's population or the list of the partner city in Poland."""
    answer = await shared_qa.answer(question, language)
    assert answer.entry == "faq:polish-roots-herne", to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "entry", "said"),
    [
        ("Why did Herne pick a twin town in Poland?", "en", "konin", "1989"),
        ("Why does Herne have a sister city in China?", "en", "luzhou", "2018"),
        (
            "Wieso gibt es eigentlich eine Herner Partnerstadt in Nicaragua?",
            "de",
            "ometepe",
            "1987",
        ),
        ("¿Por qué Herne tiene una ciudad hermanada en Francia?", "es", "henin-beaumont", "1906"),
    ],
)
async def test_why_a_partner_in_a_country_is_its_history(
    shared_qa, question, language, entry, said
):
    """Asked why (the bank's `why_cues`), the country's one partner city is asked how its
    partnership came about, however surely the list that names it reads."""
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"city.history:{entry}", to_plain(answer)
    assert said in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "entry"),
    [
        ("Wie heißt die Partnerstadt in China?", "de", "luzhou"),
        ("What's the name of the twin town in Britain?", "en", "wakefield"),
        ("Welche Partnerstadt liegt in der Türkei?", "de", "besiktas"),
        ("Welche Partnerstadt liegt in Sichuan?", "de", "luzhou"),
    ],
)
async def test_the_name_asked_of_a_countrys_partner_stays_the_list(
    shared_qa, question, language, entry
):
    """Its history or where does not replace the list that names the city asked for."""
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"partners.list:{entry}", to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "entry", "said"),
    [
        (
            "In welchem Bundesland liegt die Partnerstadt in Deutschland?",
            "de",
            "eisleben",
            "Sachsen-Anhalt",
        ),
        (
            "Dans quelle région se trouve la ville jumelle anglaise ?",
            "fr",
            "wakefield",
            "Yorkshire",
        ),
        ("W jakim województwie leży polskie miasto partnerskie?", "pl", "konin", "Wielkopolsk"),
        ("德国的友好城市在哪个州？", "zh", "eisleben", "萨克森"),
        ("Where exactly is the partner city in Nicaragua?", "en", "ometepe", "Lake Nicaragua"),
    ],
)
async def test_a_part_of_the_country_asked_of_its_partner_is_where_it_lies(
    shared_qa, question, language, entry, said
):
    """The list names the country only; the province, state or region is the city's where."""
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"city.where:{entry}", to_plain(answer)
    assert said in to_plain(answer)
