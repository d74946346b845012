"""Round 32: a superlative of what the base does not hold ("the biggest festival") is no
ranking by population; Herne's own country beside a partner noun is its one partner city there;
a partner city described by its island and lake beside its country is that city; a short
keyword query in Latin letters whose words the user's bank holds is in the user's language
(bench/qa_probe_left32.jsonl). Expectations are computed from the knowledge base."""

from __future__ import annotations

import pytest

from bot.render import to_plain


def _only_partner_in(qa, country_of: str) -> str:
    """The one partner city in the country Herne lies in (or another city's country)."""
    cities = qa.knowledge.cities
    code = cities[country_of].country_code
    (city,) = [c.id for c in cities.values() if c.partner and c.country_code == code]
    return city


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Which twin town throws the biggest street party?", "en"),
        ("In welcher Partnerstadt gibt es den größten Weihnachtsmarkt?", "de"),
        ("В каком городе-партнёре Херне самый большой стадион?", "ru"),
        ("Hangi kardeş şehirde en büyük müze var?", "tr"),
        ("哪个友好城市的狂欢节最大？", "zh"),
    ],
)
async def test_a_superlative_of_what_the_base_does_not_hold_falls_back(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, (answer.entry, to_plain(answer))
    assert answer.language == language


@pytest.mark.parametrize(
    ("question", "language", "way"),
    [
        ("Welche Partnerstadt hat die meisten Einwohner?", "de", max),
        ("Which twin town is the smallest?", "en", min),
        ("Какой город-побратим Херне самый большой?", "ru", max),
    ],
)
async def test_a_ranking_by_what_the_base_holds_still_ranks(shared_qa, question, language, way):
    partners = [c for c in shared_qa.knowledge.cities.values() if c.partner]
    expected = way(partners, key=lambda c: c.population)
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"city.population:{expected.id}", (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language", "intent"),
    [
        ("Seit wann gibt es die deutsche Partnerstadt von Herne?", "de", "city.since"),
        ("How many people live in Herne's German sister city?", "en", "city.population"),
        ("Как далеко от Херне немецкий город-побратим?", "ru", "city.distance"),
        ("Od kiedy Herne ma partnerskie miasto w Niemczech?", "pl", None),
        ("Quelle est la population de la ville jumelle allemande de Herne ?", "fr", None),
    ],
)
async def test_herne_s_own_country_beside_a_partner_noun_is_its_partner_city_there(
    shared_qa, question, language, intent
):
    expected = _only_partner_in(shared_qa, "herne")
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback and expected in answer.cities, (answer.entry, to_plain(answer))
    assert "herne" not in answer.cities
    if intent:
        assert answer.entry == f"{intent}:{expected}", answer.entry
    else:
        assert shared_qa.knowledge.cities[expected].name(language) in to_plain(answer)


async def test_herne_s_own_country_asked_of_herne_stays_herne(shared_qa):
    answer = await shared_qa.answer("In welchem Bundesland in Deutschland liegt Herne?", "de")
    assert "eisleben" not in answer.cities, (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language", "intent"),
    [
        ("Ile osób żyje na wyspie na jeziorze w Nikaragui?", "pl", "city.population"),
        ("Сколько жителей на острове посреди озера в Никарагуа?", "ru", "city.population"),
        ("How many inhabitants does the island on the lake in Nicaragua have?", "en", None),
        ("Скільки мешканців на острові в озері в Нікарагуа?", "uk", "city.population"),
    ],
)
async def test_an_island_in_a_lake_in_its_country_is_the_partner_city(
    shared_qa, question, language, intent
):
    expected = _only_partner_in(shared_qa, "ometepe")
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback and list(answer.cities) == [expected], (
        answer.entry,
        to_plain(answer),
    )
    if intent:
        assert answer.entry == f"{intent}:{expected}"


async def test_the_country_asked_about_itself_stays_out_of_scope(shared_qa):
    answer = await shared_qa.answer("Wie viele Menschen leben in Nicaragua?", "de")
    assert answer.fallback, (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "user"),
    [
        ("declaration signatures 2018", "en"),
        ("2018 declaration signatures polezhaev", "en"),
        ("signatures déclaration 2018", "fr"),
        ("firmas declaración 2018", "es"),
    ],
)
async def test_a_keyword_query_is_in_the_users_language_when_their_bank_holds_it(
    shared_qa, question, user
):
    answer = await shared_qa.answer(question, user)
    assert answer.language == user, (answer.language, to_plain(answer))
    assert not answer.fallback


async def test_a_french_sentence_from_an_english_user_stays_french(shared_qa):
    answer = await shared_qa.answer("quelle est la population de Konin", "en")
    assert answer.language == "fr", to_plain(answer)
