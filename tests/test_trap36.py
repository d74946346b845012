"""Round 36: trap35's traps of the partner list after its merge. A word that sets a city aside
in a list ("dışında", "fuera de", "за пределами") also says where someone lives or what came
before: a question read surely as a fact of the city it names keeps that reading. A name
nobody taught, in a question that speaks of partners yet is read as nothing surely, is the
place asked about (the direct no with the list); without a word of partners it is not.
Expectations are computed from the base."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        (
            "Ometepe'nin hemen dışında bir evim var, annem Herne ile kardeş şehir olduğumuzu "
            "söylüyor. Ne zamandan beri?",
            "tr",
            "ometepe",
        ),
        ("Konin kardeş şehir olmadan önce Herne ile bir anlaşma yapmış mıydı?", "tr", "konin"),
        ("Vivo fuera de Konin. ¿Desde cuándo es ciudad hermana de Herne?", "es", "konin"),
        ("Я живу за пределами Белгорода. С какого года он побратим Херне?", "ru", "belgorod"),
    ],
)
async def test_a_city_asked_about_beside_a_word_that_sets_aside_is_asked_about(
    shared_qa, question, language, city
):
    answer = await shared_qa.answer(question, language)
    said = to_plain(answer)
    assert answer.entry != "partners.list" and answer.cities == [city], (answer.entry, said)
    assert str(shared_qa.knowledge.cities[city].partner_since)[:4] in said, said


@pytest.mark.parametrize(
    ("question", "language", "place", "no"),
    [
        ("Чи є Любешів містом-партнером Герне?", "uk", "Любешів", "Ні"),
        ("Czy Wyszkow jest partnerem Herne?", "pl", "Wyszkow", "Nie"),
    ],
)
async def test_a_name_nobody_taught_asked_as_a_partner_is_no_partner_city(
    shared_qa, question, language, place, no
):
    answer = await shared_qa.answer(question, language)
    said = to_plain(answer)
    assert (answer.entry or "").startswith("partners.check"), (answer.entry, said)
    assert said.startswith(no) and place in said, said
    partners = [c for c in shared_qa.knowledge.cities.values() if c.partner]
    assert all(c.name(language) in said for c in partners), said


async def test_a_name_nobody_taught_without_a_word_of_partners_is_no_partner_check(shared_qa):
    answer = await shared_qa.answer("Что такое Кремль?", "ru")
    assert answer.fallback, (answer.entry, to_plain(answer))
