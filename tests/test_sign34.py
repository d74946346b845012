"""Round 34, who signed the 2018 declaration asked city by city: a partner city that signed
gets every city's signatories, one the declaration does not concern the honest no with the
cities it does; a partner city signed *with* is that partnership's signing, its history
(bench/qa_probe_sign34.jsonl). Expectations are computed from the knowledge base."""

from __future__ import annotations

import pytest

from bot.render import to_plain


def _declaration_entries(qa):
    return [e for e in qa.knowledge.faq.values() if e.topic == "declaration"]


def _signatories_of(qa, city):
    """The entries on the declaration naming who signed for `city` alone (not the four)."""
    return [
        e
        for e in _declaration_entries(qa)
        if city in e.cities and "signatory" in e.holds and len(set(e.cities) - {"herne"}) < 3
    ]


def _concerned(qa):
    return {c for e in _declaration_entries(qa) for c in e.cities}


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        ("Did Beşiktaş put its signature on the declaration as well?", "en", "besiktas"),
        ("Hat Konin das Papier von 2018 vorab unterschrieben?", "de", "konin"),
        ("Konin'in temsilcisi imzayı Herne'de bizzat mı attı?", "tr", "konin"),
    ],
)
async def test_a_partner_city_that_signed_gets_its_signatories(shared_qa, question, language, city):
    answer = await shared_qa.answer(question, language)
    assert (answer.entry or "").startswith("declaration.who"), (answer.entry, to_plain(answer))
    for entry in _signatories_of(shared_qa, city):
        assert entry.id in (answer.entry or ""), (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Кто кроме Херне и Белгорода подписывал декларацию?", "ru"),
        ("Who signed the 2018 declaration?", "en"),
    ],
)
async def test_who_signed_names_every_citys_signatories(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert (answer.entry or "").startswith("declaration.who"), (answer.entry, to_plain(answer))
    for city in _concerned(shared_qa) - {"herne"}:
        assert any(e.id in (answer.entry or "") for e in _signatories_of(shared_qa, city)), (
            city,
            answer.entry,
        )


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        ("Hat Ometepe die Erklärung ebenfalls unterzeichnet?", "de", "ometepe"),
        ("¿Hénin-Beaumont firmó también la declaración?", "es", "henin-beaumont"),
        ("Did Konin and Wakefield both sign the declaration?", "en", "wakefield"),
    ],
)
async def test_a_city_the_declaration_does_not_concern_gets_an_honest_no(
    shared_qa, question, language, city
):
    assert city not in _concerned(shared_qa)
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback
    assert (answer.entry or "").startswith(f"declaration.outside:{city}"), answer.entry
    text = to_plain(answer)
    for concerned in _concerned(shared_qa):
        assert shared_qa.knowledge.cities[concerned].name(language) in text, (concerned, text)
    # The city's own partnership is not what was asked.
    assert f"city.history:{city}" not in (answer.entry or "")


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        ("Wann wurde mit Konin unterschrieben, weißt du das?", "de", "konin"),
        ("коли підписали з Коніном", "uk", "konin"),
        ("Konin'le ne zaman imzalandı?", "tr", "konin"),
        ("和科宁是什么时候签的？", "zh", "konin"),
        ("a z Beşiktaşem kiedy podpisano?", "pl", "besiktas"),
        ("а с бешикташем когда подписывали", "ru", "besiktas"),
    ],
)
async def test_signed_with_a_partner_city_is_that_partnership(shared_qa, question, language, city):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"city.history:{city}", (answer.entry, to_plain(answer))
    since = shared_qa.knowledge.cities[city].partner_since
    assert since and since[:4] in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "expected"),
    [
        # The declaration named, by its word or its year, stays the declaration.
        ("Когда подписали декларацию с Конином?", "ru", "declaration"),
        ("When did Herne sign with Beşiktaş in 2018?", "en", "declaration"),
        # Another signing with the city, read as such, stays it.
        ("When was the extension with Belgorod signed?", "en", "belgorod-extension-2018"),
        # Since when, asked without signing, is the city's.
        ("Seit wann ist Beşiktaş Partnerstadt?", "de", "city.since:besiktas"),
    ],
)
async def test_neighbouring_readings_stay(shared_qa, question, language, expected):
    answer = await shared_qa.answer(question, language)
    assert expected in (answer.entry or ""), (answer.entry, to_plain(answer))
    assert "city.history" not in (answer.entry or "") or expected.startswith("city.")


def _covering(qa):
    """The entry on the declaration saying which cities it covers and how many, least else."""
    concerned = _concerned(qa)
    return min(
        (e for e in _declaration_entries(qa) if "count" in e.holds and concerned <= set(e.cities)),
        key=lambda e: len(e.holds),
    )


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Quelles villes la déclaration couvre-t-elle ?", "fr"),
        ("Какие города охватывает декларация?", "ru"),
    ],
)
async def test_which_cities_the_declaration_covers(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"faq:{_covering(shared_qa).id}", (answer.entry, to_plain(answer))


async def test_a_city_named_beside_the_declarations_word_without_signing(shared_qa):
    answer = await shared_qa.answer("Was Wakefield part of the declaration?", "en")
    assert (answer.entry or "").startswith("declaration.outside:wakefield"), answer.entry


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # The declaration's word misspelt or typed in Latin letters still names it.
        ("wann wurde die erklaerung mit konin unterzeichnet", "de"),
        ("kogda podpisali deklaraciju s koninom", "ru"),
    ],
)
async def test_the_declarations_word_as_typed_keeps_the_declaration(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert "declaration" in (answer.entry or ""), (answer.entry, to_plain(answer))
    assert "city.history" not in (answer.entry or ""), answer.entry


async def test_the_fields_asked_stay_the_fields(shared_qa):
    answer = await shared_qa.answer("Which sectors does the 2018 declaration cover?", "en")
    assert (answer.entry or "").startswith("declaration.fields"), answer.entry


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # Words that begin like signing and are none: subscribing, signing up, a visa.
        ("Can I sign up for the trip to Konin too?", "en"),
        ("Можно тоже подписаться на новости о Конине?", "ru"),
        ("Як підписатися на новини про Бешикташ теж?", "uk"),
        ("Is there a sign language course in Konin too?", "en"),
        ("去科宁需要签证吗？贝希克塔什也要吗？", "zh"),
    ],
)
async def test_no_signing_is_no_declaration(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert "declaration" not in (answer.entry or ""), (answer.entry, to_plain(answer))
