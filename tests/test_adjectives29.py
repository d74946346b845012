"""Round 29: a partner city asked by a country's adjective or its people after round 28's
merges: a country where Herne has no partner city named by its adjective beside a word for one
gets the list, and since when Herne has been twinned with a partner country's people is that
country's city's since-when (bench/qa_probe_adj29.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Ist eine schwedische Partnerstadt von Herne geplant?", "de"),
        ("Has Herne got an Austrian twin town as well?", "en"),
        ("Есть ли у Херне финский побратим?", "ru"),
        ("Czy Herne ma węgierskie miasto partnerskie?", "pl"),
        ("Y a-t-il une ville jumelle suédoise ?", "fr"),
    ],
)
async def test_a_country_without_a_partner_city_by_its_adjective_gets_the_list(
    shared_qa, question, language
):
    # The adjective names a country where Herne has no partner city: the list of all eight
    # says so (or the direct no with it, where the adjective is a place the base knows:
    # "Austrian"), not the fallback.
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert answer.entry == "partners.list" or (answer.entry or "").startswith("partners.check:"), (
        answer.entry,
        text,
    )
    assert "1991" in text or "Konin" in text, text


@pytest.mark.parametrize(
    ("question", "language", "city", "year"),
    [
        ("How long has Herne been partnered with the Brits?", "en", "Wakefield", "1956"),
        ("Seit welchem Jahr ist Herne mit den Franzosen verschwistert?", "de", "Hénin", "1954"),
        ("Від якого року Герне дружить з китайцями?", "uk", "Лучжоу", "2019"),
        ("Od którego roku Herne przyjaźni się z Polakami?", "pl", "Konin", "1991"),
    ],
)
async def test_since_when_twinned_with_a_partner_countrys_people_is_its_citys_since(
    shared_qa, question, language, city, year
):
    # No city and no country is named, only its people: the country's one partner city's
    # since-when, not the oldest and newest partnerships or the fallback.
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert (answer.entry or "").startswith("city.since:"), (answer.entry, text)
    assert year in text, text
    assert city in text, text


@pytest.mark.parametrize(
    ("question", "language", "entry"),
    [
        # A partner country's adjective beside a word for a partner city stays that city.
        ("Wie viele Einwohner hat die russische Partnerstadt?", "de", "city.population:belgorod"),
        # An adjective of the bank beside it is no country ("the newest").
        ("Which is Herne's newest sister city?", "en", None),
    ],
)
async def test_known_adjectives_beside_a_partner_word_stay_as_read(
    shared_qa, question, language, entry
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    if entry is not None:
        assert answer.entry == entry, (answer.entry, text)
    else:
        assert answer.entry != "partners.list", (answer.entry, text)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Wo gibt es in Herne einen schwedischen Supermarkt?", "de"),
        ("Is there an Austrian café in Herne?", "en"),
    ],
)
async def test_a_foreign_adjective_without_a_word_for_a_partner_city_stays_out_of_scope(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "no"),
    [
        ("Is Rotherham one of Herne's twin towns?", "en", "No"),
        ("Is Barnsley one of the sister cities of Herne?", "en", "No"),
    ],
)
async def test_a_town_named_right_before_a_word_for_a_partner_city_gets_the_direct_no(
    shared_qa, question, language, no
):
    # Written with a capital right before the word, it is a town asked about, not a country's
    # adjective: the direct no with the list, not the list alone.
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert (answer.entry or "").startswith("partners.check:"), (answer.entry, text)
    assert no in text, text
