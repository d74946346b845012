"""Round 37: claims to confirm or correct. A relayed claim ("Is it true that …?", "…, stimmt
das?", "听说…") is answered by the fact that settles it; a particle ("ведь", "doch",
"przecież") makes a claim of a partnership's first year, judged as a tagged one is; a place
said of the partner city asked where it lies is confirmed or denied first
(bench/qa_probe_claim37.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


def _first(answer) -> str:
    return to_plain(answer).split("\n")[0]


@pytest.mark.parametrize(
    ("question", "language", "entry", "fact"),
    [
        # Said to be a district, no city of its own: where it lies (a district of Istanbul).
        ("Stimmt es, dass Beşiktaş nur ein Bezirk von Istanbul ist?", "de", "where", "18"),
        ("Czy to prawda, że Beşiktaş jest tylko dzielnicą Stambułu?", "pl", "where", "18"),
        # Said to be centuries old, or two towns merged: its founding.
        ("Apparently Belgorod is several centuries old, is that so?", "en", "founded", "1596"),
        ("Чи правда, що Белгород має кілька століть історії?", "uk", "founded", "1596"),
        (
            "Говорят, Энен-Бомон появился из слияния двух городов, это правда?",
            "ru",
            "founded",
            "1971",
        ),
    ],
)
async def test_a_relayed_claim_gets_the_fact_that_settles_it(
    shared_qa, question, language, entry, fact
):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert (answer.entry or "").startswith(f"city.{entry}:"), answer.entry
    assert fact in to_plain(answer)


async def test_a_relayed_claim_about_a_fact_the_base_does_not_hold_falls_back(shared_qa):
    answer = await shared_qa.answer(
        "Stimmt es, dass der Bürgermeister von Konin neu gewählt wurde?", "de"
    )
    assert answer.fallback, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "since", "claimed"),
    [
        ("Eisleben ist doch seit 1985 Partnerstadt?", "de", "1990", "1985"),
        ("Бешикташ ведь партнёр Херне с 2012 года?", "ru", "2016", "2012"),
        ("Przecież Ometepe jest partnerem od 1999 roku?", "pl", "1988", "1999"),
    ],
)
async def test_a_particle_makes_a_claim_of_the_first_year(
    shared_qa, catalogs, question, language, since, claimed
):
    answer = await shared_qa.answer(question, language)
    expected = catalogs[language].plain.gettext(
        "No: since %(year)s, not %(claimed)s.", year=since, claimed=claimed
    )
    assert _first(answer) == expected, to_plain(answer)


async def test_a_particle_without_a_year_claims_nothing(shared_qa):
    answer = await shared_qa.answer("Wann ist Konin doch gleich Partnerstadt geworden?", "de")
    assert (answer.entry or "").startswith("city.since:konin"), answer.entry
    assert not _first(answer).startswith(("Nein", "Ja")), to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "verdict", "country"),
    [
        ("Wakefield liegt in Irland, oder?", "de", "No.", "Vereinigtes Königreich"),
        ("Ометепе находится в Мексике?", "ru", "No.", "Никарагуа"),
        ("Beşiktaş Ankara'da, değil mi?", "tr", "No.", "Türkiye"),
        ("Is Konin in Poland?", "en", "Yes.", "Poland"),
        ("Luzhou est en Chine, non ?", "fr", "Yes.", "Chine"),
    ],
)
async def test_a_place_said_of_a_partner_city_is_confirmed_or_denied_first(
    shared_qa, catalogs, question, language, verdict, country
):
    answer = await shared_qa.answer(question, language)
    assert _first(answer) == catalogs[language].plain.gettext(verdict), to_plain(answer)
    assert country in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # Asked where, with the country: no claim to judge.
        ("Wo liegt Konin in Polen?", "de"),
        # A negated claim is left without a verdict rather than judged the wrong way round.
        ("Konin is not in Russia, right?", "en"),
        # The asker's own country, in a clause of its own.
        ("Ich wohne in Spanien, wo liegt Konin?", "de"),
    ],
)
async def test_no_verdict_where_no_place_is_claimed_of_the_city(
    shared_qa, catalogs, question, language
):
    answer = await shared_qa.answer(question, language)
    assert (answer.entry or "").startswith("city.where:konin"), answer.entry
    plain = catalogs[language].plain
    assert _first(answer) not in (plain.gettext("Yes."), plain.gettext("No.")), to_plain(answer)
