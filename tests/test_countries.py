"""A partner city named by its country: the dotted capital İ that split Turkish names in two, a
partner city's country by another name (data/questions/countries.yaml), a country with no
partner city (places.yaml, `countries_without_partner`) (round 22)."""

from __future__ import annotations

import pytest

from bot.kb import load_yaml
from bot.nlp import word_spans, words
from bot.render import to_plain
from bot.resources import data_dir
from bot.understanding import _declined, bank_dir

LANGUAGES = {"de", "en", "ru", "pl", "tr", "fr", "es", "zh", "uk"}


def test_every_other_name_of_a_country_is_backed_by_its_citys_source_for_where_it_lies():
    cities = {c["id"]: c for c in load_yaml((data_dir() / "cities.yaml").read_text())["cities"]}
    countries = load_yaml((bank_dir() / "countries.yaml").read_text())["countries"]
    for entry in countries:
        city = cities[entry["city"]]
        assert city["partner"] and entry["source"] in city["fact_sources"]["where"]
        assert set(entry["names"]) <= LANGUAGES


def test_every_country_without_a_partner_city_is_named_in_every_language():
    places = load_yaml((bank_dir() / "places.yaml").read_text())["countries_without_partner"]
    for place in places:
        assert set(place) == LANGUAGES, place


def test_a_dotted_capital_i_lowers_to_one_letter_in_every_language():
    # Python lowers İ to i and a combining dot, which no word holds: "i", "ngiltere".
    assert words("İngiltere") == ["ingiltere"]
    assert words("İzmir'de kardeş şehir") == ["izmir", "kardeş", "şehir"]
    assert word_spans("İNGİLTERE İş") == [("İNGİLTERE", "ingiltere"), ("İş", "iş")]


@pytest.mark.parametrize(
    "question",
    [
        "İngiltere'deki kardeş şehir hangisi?",
        "Herne'nin İngiltere'deki kardeş şehri hangisi?",
        "İngiltere'deki kardeş şehrin nüfusu ne kadar?",
    ],
)
async def test_a_turkish_name_beginning_with_a_dotted_capital_i_is_found(shared_qa, question):
    answer = await shared_qa.answer(question, "tr")
    assert not answer.fallback
    assert "wakefield" in answer.cities, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        ("Welche Partnerstadt hat Herne in Grossbritannien und seit wann?", "de", "wakefield"),
        ("Does Herne have a twin town in the UK?", "en", "wakefield"),
        ("Herne a-t-elle une ville jumelle en Grande-Bretagne ?", "fr", "wakefield"),
        ("¿Tiene Herne una ciudad hermana en Gran Bretaña?", "es", "wakefield"),
        ("Яке місто-побратим Герне у Великій Британії?", "uk", "wakefield"),
        ("Hat Herne eine Partnerstadt in der Volksrepublik China?", "de", "luzhou"),
        ("Есть ли у Херне город-партнёр в КНР?", "ru", "luzhou"),
    ],
)
async def test_a_partner_citys_country_by_another_name_names_it(
    shared_qa, question, language, city
):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback
    assert city in answer.cities, to_plain(answer)
    # Never "No: Großbritannien is not one of Herne's partner cities".
    assert not answer.entry.startswith("partners.check"), answer.entry


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Is there a partner city in Italy?", "en"),
        ("Gibt es auch eine Partnerstadt in Spanien?", "de"),
        ("Czy Herne ma miasto partnerskie we Włoszech?", "pl"),
        ("Herne'nin İtalya'da kardeş şehri var mı?", "tr"),
    ],
)
async def test_a_country_without_a_partner_city_gets_the_honest_no(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.entry.startswith("partners.check:"), answer.entry
    text = to_plain(answer)
    assert "Konin" in text and "Wakefield" in text, text


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        ("I'm from Spain, where is Konin?", "en", "konin"),
        ("Soy de España, ¿dónde está Ometepe?", "es", "ometepe"),
    ],
)
async def test_a_country_beside_a_partner_city_is_no_place_asked_about(
    shared_qa, question, language, city
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"city.where:{city}", answer.entry


@pytest.mark.parametrize(
    ("question", "language", "city", "figure"),
    [
        ("How many people live in Herne's twin town in Britain?", "en", "wakefield", "109"),
        ("İngiltere'deki kardeş şehrin nüfusu ne kadar?", "tr", "wakefield", "109"),
        ("Ile osób mieszka w mieście partnerskim w Polsce?", "pl", "konin", "71"),
        ("Сколько жителей в городе-побратиме Херне в Великобритании?", "ru", "wakefield", "109"),
    ],
)
async def test_a_fact_asked_of_the_one_partner_city_in_a_country_is_the_citys(
    shared_qa, question, language, city, figure
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"city.population:{city}", answer.entry
    assert figure in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "expected"),
    [
        ("Welche Partnerstadt liegt in Polen?", "de", "partners.list"),
        ("Which partner city is in Sichuan?", "en", "partners.list"),
        ("How many people live in Sichuan?", "en", "out_of_scope"),
        ("Wie viele Einwohner hat Polen?", "de", "out_of_scope"),
    ],
)
def test_the_list_and_a_countrys_own_fact_stay_what_they_are(
    shared_qa, question, language, expected
):
    understanding, _ = shared_qa.understander.understand(question, language)
    assert understanding.intent == expected


def test_a_country_without_a_partner_city_is_read_as_written_or_declined_only():
    spain, belgium = frozenset({"ispaniya", "hiszpania", "spanien"}), frozenset({"belgien"})
    assert _declined("ispanii", spain) and _declined("hiszpanii", spain)
    # No close spelling, no adjective or people made from the name.
    assert not _declined("begin", belgium)
    assert not _declined("hiszpansku", spain) and not _declined("spanisch", spain)
