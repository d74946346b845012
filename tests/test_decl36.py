"""Round 36, the 2018 declaration and the partnerships' own signings asked by person, place or
venue: a mayor asked of 2018 or of the declaration is who signed it, a mayor asked now stays
unanswered; where and when a partnership was signed is that partnership's history, also in a
question of two parts; a hotel asked beside a signing is where it was signed
(bench/qa_probe_decl36.jsonl). Expectations are computed from the knowledge base."""

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


def _signing(qa):
    """The entry on the signing in Herne: the declaration's date, who signed it there, where."""
    (entry,) = [e for e in _signatories_of(qa, "belgorod") if "declaration.when" in e.intents]
    return entry


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        ("Wie hieß nochmal der Oberbürgermeister aus Belgorod im Januar 2018?", "de", "belgorod"),
        ("the mayor from besiktas back at the declaration, what was his name", "en", "besiktas"),
        ("как звали мэра конина во время декларации?", "ru", "konin"),
        ("2018年那位别尔哥罗德市长是谁？", "zh", "belgorod"),
        ("qui etait le maire de konin en 2018", "fr", "konin"),
    ],
)
async def test_a_mayor_asked_of_2018_is_who_signed_the_declaration(
    shared_qa, question, language, city
):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    # Who signed, or what the declaration is where read so: either names the city's signatories.
    assert (answer.entry or "").startswith("declaration."), (answer.entry, to_plain(answer))
    for entry in _signatories_of(shared_qa, city):
        assert entry.id in (answer.entry or ""), (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # Current mayors are held by no entry: the honest fallback, never the signatories.
        ("Wer ist heute Bürgermeister von Beşiktaş?", "de"),
        ("Who is Konin's mayor?", "en"),
        ("Кто мэр Белгорода сейчас?", "ru"),
        # A city the declaration does not concern: its mayor in 2018 is not held either.
        ("Who was Wakefield's mayor in 2018?", "en"),
    ],
)
async def test_a_mayor_asked_otherwise_is_not_the_declaration(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert "declaration" not in (answer.entry or ""), (answer.entry, to_plain(answer))
    assert answer.fallback, (answer.entry, to_plain(answer))


async def test_events_of_2018_are_no_mayor(shared_qa):
    # "мероприятия" begins like "мэр" folded ("mer"): no mayor is asked.
    answer = await shared_qa.answer("Какие мероприятия были с Белгородом в 2018 году?", "ru")
    assert not (answer.entry or "").startswith("declaration.who"), answer.entry


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        ("Where and when was the twinning with Ometepe signed?", "en", "ometepe"),
        ("Wo wurde der Partnerschaftsvertrag mit Luzhou unterschrieben, und wann?", "de", "luzhou"),
        ("Quand et où a-t-on signé le jumelage avec Konin ?", "fr", "konin"),
        ("Ometepe ile kardeşlik anlaşması nerede ve ne zaman imzalandı?", "tr", "ometepe"),
        ("¿Cuándo se firmó la hermandad con Beşiktaş y dónde?", "es", "besiktas"),
        ("Коли й де було підписано партнерство з Конином?", "uk", "konin"),
    ],
)
async def test_where_and_when_a_partnership_was_signed_is_its_history(
    shared_qa, question, language, city
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == f"city.history:{city}", (answer.entry, to_plain(answer))
    since = shared_qa.knowledge.cities[city].partner_since
    assert since and since[:4] in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # The declaration named by its word or its year stays the declaration.
        ("Wo und wann wurde die Erklärung mit Belgorod unterzeichnet?", "de"),
        ("Where was the partnership declaration with Konin signed in 2018?", "en"),
    ],
)
async def test_the_declaration_named_stays_the_declaration(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert "declaration" in (answer.entry or ""), (answer.entry, to_plain(answer))
    assert "city.history" not in (answer.entry or ""), answer.entry


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("签署2018年宣言的是哪家酒店？", "zh"),
        ("那份合作宣言在哪家酒店签的字", "zh"),
    ],
)
async def test_the_hotel_of_a_signing_is_where_it_was_signed(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert _signing(shared_qa).id in (answer.entry or ""), (answer.entry, to_plain(answer))


async def test_a_hotel_to_stay_in_is_no_signing(shared_qa):
    answer = await shared_qa.answer("黑尔讷哪家酒店好？", "zh")
    assert "declaration" not in (answer.entry or ""), (answer.entry, to_plain(answer))
