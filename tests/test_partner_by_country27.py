"""Round 27: a partner city named by its country's adjective beside a word for a partner city,
by a country's name in an adjective's place, or by its country beside a name the asker
guesses; a fact asked of it is the city's (bench/qa_probe_part27.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language", "entry", "said"),
    [
        (
            "Seit wann ist die britische Partnerstadt mit Herne verbunden?",
            "de",
            "wakefield",
            "1956",
        ),
        ("how many people live in the polish sister city?", "en", "konin", "71,427"),
        ("Od kiedy brytyjskie miasto partnerskie współpracuje z Herne?", "pl", "wakefield", "1956"),
        ("İngiliz kardeş şehrin nüfusu ne kadar?", "tr", "wakefield", "109.766"),
        ("Combien d'habitants compte la ville partenaire russe ?", "fr", "belgorod", "339"),
        ("¿Desde cuándo es socia de Herne la ciudad hermana polaca?", "es", "konin", "1991"),
        ("Скільки жителів у британському місті-побратимі?", "uk", "wakefield", "109"),
        ("黑尔讷的英国友城有多少人？", "zh", "wakefield", "109"),
    ],
)
async def test_a_partner_named_by_its_countrys_adjective_gets_its_fact(
    shared_qa, question, language, entry, said
):
    """The adjective beside a word for a partner city reads as the country, whose one partner
    city the fact is asked of: never the country's own figure, never the fallback."""
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert (answer.entry or "").partition(":")[2] == entry, answer.entry
    assert said in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Wie viele Menschen in Herne haben polnische Wurzeln?", "de"),
        ("Where can I buy chinese tea in Herne?", "en"),
        ("Я немного говорю по-польски, можно так?", "ru"),
        ("Je cherche un restaurant chinois près de la gare", "fr"),
        ("türk kahvesi nerede içilir", "tr"),
    ],
)
def test_an_adjective_elsewhere_is_a_word(shared_qa, question, language):
    """No word for a partner city beside it: the adjective names no country."""
    scan = shared_qa.understander.reader.scan(question)
    assert not [m for m in scan.entities if m.kind == "country"], scan.entities


async def test_the_countrys_own_figure_is_still_not_the_citys(shared_qa):
    answer = await shared_qa.answer("What is the population of Poland?", "en")
    assert answer.fallback, to_plain(answer)


async def test_a_country_in_an_adjectives_place_is_no_partner_check(shared_qa):
    """ "la ciudad hermana china" is where the partner city lies; "Ist China eine
    Partnerstadt?" still asks whether the country is one."""
    where = await shared_qa.answer("¿Dónde queda la ciudad hermana china?", "es")
    assert where.entry == "city.where:luzhou", to_plain(where)
    assert "Sichuan" in to_plain(where)
    check = await shared_qa.answer("Ist China eine Partnerstadt?", "de")
    assert check.entry == "partners.check:china", to_plain(check)


async def test_a_name_beside_its_own_country_is_what_the_asker_knows(shared_qa):
    """ "Is X the only one in its country?" is the list of that country's partner city; a
    question that reads surely without that still asks where the city lies."""
    only = await shared_qa.answer("is Beşiktaş herne's only twin town in turkey?", "en")
    assert only.entry == "partners.list:besiktas", to_plain(only)
    assert "only" in to_plain(only)
    lies = await shared_qa.answer("Is Konin in Poland?", "en")
    assert lies.entry == "city.where:konin", to_plain(lies)


async def test_the_name_of_a_countrys_partner_is_the_list_not_its_founding(shared_qa):
    answer = await shared_qa.answer("Rusya'daki kardeş şehrin ismi neydi?", "tr")
    assert answer.entry == "partners.list:belgorod", to_plain(answer)
    assert "Belgorod" in to_plain(answer)


async def test_an_entry_on_another_city_is_no_answer_for_a_country_named(shared_qa):
    """The Belgorod students' visit answered since when the partner city in Nicaragua has
    been one on main: now its own since-when."""
    answer = await shared_qa.answer("Die Partnerstadt in Nicaragua gehört seit wann dazu?", "de")
    assert answer.entry == "city.since:ometepe", to_plain(answer)
    assert "1988" in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "entry"),
    [
        ("Türkei?", "de", "besiktas"),
        ("nicaragua", "en", "ometepe"),
        ("Велика Британія?", "uk", "wakefield"),
    ],
)
async def test_a_partner_country_alone_is_its_partner_city(shared_qa, question, language, entry):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"partners.list:{entry}", to_plain(answer)
