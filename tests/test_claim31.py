"""Round 31: a claim asked to be confirmed ("…, oder?", "…, right?", "…, так?", "…吧？"): the
past years, the places beside a partner city and the people it names are what it claims, not
the period, the place or the person asked about; the answer holds the base's own fact and, for
the year a partnership began, says whether the claim is right (bench/qa_probe_claim31.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


def _first(answer) -> str:
    return to_plain(answer).split("\n")[0]


@pytest.mark.parametrize(
    ("question", "language", "since", "claimed"),
    [
        ("Wakefield ist seit 1962 mit Herne verschwistert, gell?", "de", "1956", "1962"),
        ("Hénin-Beaumont has been Herne's twin since 1949, hasn't it?", "en", "1954", "1949"),
        ("Конин дружит с Херне с 1993 года, верно?", "ru", "1991", "1993"),
        ("Eisleben jest miastem partnerskim Herne od 1999 roku, tak?", "pl", "1990", "1999"),
        ("Ometepe 1991'den beri Herne'nin kardeş şehri, değil mi?", "tr", "1988", "1991"),
        # A frame of hearsay ending the claim is its tag too.
        ("Eisleben ist seit 1994 Partnerstadt von Herne, stimmt das?", "de", "1990", "1994"),
    ],
)
async def test_a_wrong_year_of_a_partnerships_beginning_is_corrected(
    shared_qa, catalogs, question, language, since, claimed
):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    expected = catalogs[language].plain.gettext(
        "No: since %(year)s, not %(claimed)s.", year=since, claimed=claimed
    )
    assert _first(answer) == expected, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "since"),
    [
        ("Beşiktaş est jumelée avec Herne depuis 2016, non ?", "fr", "2016"),
        ("Вейкфілд — партнер Герне з 1956 року, правильно?", "uk", "1956"),
    ],
)
async def test_a_right_year_of_a_partnerships_beginning_is_confirmed(
    shared_qa, catalogs, question, language, since
):
    answer = await shared_qa.answer(question, language)
    expected = catalogs[language].plain.gettext("Yes, since %(year)s.", year=since)
    assert _first(answer) == expected, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "claimed", "told"),
    [
        # A visit claimed in the wrong year: the visit, not that year's other story.
        (
            "Die Gymnasiasten der Schule Nr. 2 aus Belgorod kamen 2020 nach Herne, nicht wahr?",
            "de",
            "2020",
            "2018",
        ),
        ("别尔哥罗德二中的学生2014年来过黑尔讷吧？", "zh", "2014", "2018"),
        (
            "Herne's children's and youth parliament went to Belgorod in 2019, right?",
            "en",
            "2019",
            "2017",
        ),
    ],
)
async def test_a_claimed_year_is_no_period_asked_about(
    shared_qa, question, language, claimed, told
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert not (answer.entry or "").startswith(("history.year", "events.")), (answer.entry, text)
    assert told in text and claimed not in text, (answer.entry, text)


@pytest.mark.parametrize(
    ("question", "language", "where"),
    [
        ("Die Urkunde mit Luzhou wurde in Shanghai unterschrieben, oder?", "de", "berlin"),
        ("Партнёрство с Бешикташем подписали в Анкаре в 2016 году, да?", "ru", "херне"),
    ],
)
async def test_a_claimed_place_beside_a_partner_city_is_no_partner_check(
    shared_qa, question, language, where
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer).lower()
    assert not answer.fallback, text
    assert not (answer.entry or "").startswith("partners."), (answer.entry, text)
    assert where in text, (answer.entry, text)


async def test_a_claim_of_who_signed_gets_the_signatories_without_a_verdict(shared_qa, catalogs):
    # The year is right, the signatory wrong: no "yes" for the year.
    answer = await shared_qa.answer(
        "Die Partnerschaft mit Belgorod hat 1990 Frank Dudda unterschrieben, ne?", "de"
    )
    text = to_plain(answer)
    assert "Pohlmann" in text, (answer.entry, text)
    assert catalogs["de"].plain.gettext("Yes, since %(year)s.", year="1990") not in text


async def test_a_year_claimed_of_a_suspension_gets_no_verdict_on_the_beginning(shared_qa, catalogs):
    answer = await shared_qa.answer("Die Partnerschaft mit Belgorod ruht seit 2019, richtig?", "de")
    text = to_plain(answer)
    assert "2022" in text, (answer.entry, text)
    assert "Nein" not in _first(answer), text


@pytest.mark.parametrize(
    ("question", "language", "year"),
    [
        # No tag: the year is what is asked about.
        ("Was passierte 2016 zwischen Herne und Beşiktaş?", "de", "2016"),
        ("Co się stało w 2015 roku między Herne a Biełgorodem?", "pl", "2015"),
    ],
)
async def test_a_year_asked_about_stays_the_period(shared_qa, question, language, year):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert year in to_plain(answer)


@pytest.mark.parametrize(
    ("text", "language", "tag"),
    [
        ("Konin ist seit 1991 Partnerstadt, oder etwa nicht?", "de", ["oder", "etwa", "nicht"]),
        ("Konin joined in 1991, didn't it?", "en", ["didn", "it"]),
        ("Конин партнёр с 1991 года, не так ли?", "ru", ["не", "так", "ли"]),
        ("Konin 1991'den beri kardeş şehir, değil mi?", "tr", ["değil", "mi"]),
        ("Konin est jumelée depuis 1991, n'est-ce pas ?", "fr", ["est", "ce", "pas"]),
        ("科宁是1991年成为友好城市的对吧？", "zh", ["对", "吧"]),
    ],
)
async def test_the_tag_of_a_claim_is_found_at_its_end(shared_qa, text, language, tag):
    reader = shared_qa.understander.reader
    scan = reader.scan(text)
    found = reader.claim_tag(scan, language)
    assert found is not None
    assert [scan.lowered[i] for i in found] == tag


async def test_a_tag_word_inside_a_question_is_no_tag(shared_qa):
    reader = shared_qa.understander.reader
    scan = reader.scan("Ist Konin richtig weit weg von Herne?")
    assert reader.claim_tag(scan, "de") is None


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("How big is Castleford? It lies close to Wakefield, doesn't it", "en"),
        ("Сколько жителей в Старом Осколе? Он ведь недалеко от Белгорода, да?", "ru"),
    ],
)
async def test_a_place_asked_about_before_the_claim_stays_asked(shared_qa, question, language):
    # The claim is the sentence its tag ends; a place asked about before it is no claim, and
    # the partner city beside it does not answer for it.
    answer = await shared_qa.answer(question, language)
    assert answer.fallback or (answer.entry or "").startswith("partners."), (
        answer.entry,
        to_plain(answer),
    )
