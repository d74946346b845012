"""Round 28: the partnerships' history asked in new ways: a partner country named only by its
adjective ("a French mining town"), Hénin-Beaumont's former name and merger, the oldest
partnership asked colloquially and the first paper signed with Luzhou
(bench/qa_probe_hist28.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("So why exactly is a French colliery town one of Herne's twins?", "en"),
        ("Wie kam Herne eigentlich zu einer französischen Bergbaustadt als Partnerin?", "de"),
        ("D'où vient le jumelage de Herne avec une cité minière française ?", "fr"),
        ("Звідки в Херне побратимство з французьким шахтарським містом?", "uk"),
    ],
)
async def test_the_french_mining_town_by_its_adjective_is_the_courrieres_history(
    shared_qa, question, language
):
    # No city and no country is named: the adjective stands for the one partner city in
    # France, whose partnership began with the rescue of 1906, not the oldest partnership.
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert "1906" in text, text


@pytest.mark.parametrize(
    ("question", "language", "year"),
    [
        ("How did Herne end up with a Nicaraguan twin town?", "en", "1987"),
        ("Как завязалась дружба Херне с китайским городом?", "ru", "2018"),
    ],
)
async def test_another_countrys_adjective_is_its_citys_history(shared_qa, question, language, year):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert year in text, text


@pytest.mark.parametrize(
    ("question", "language", "entry"),
    [
        ("Kann ich dir auch auf Französisch schreiben?", "de", "smalltalk.languages"),
        ("How many people in Herne have Polish roots?", "en", "faq:polish-roots-herne"),
    ],
)
async def test_an_adjective_naming_a_language_or_roots_is_no_history(
    shared_qa, question, language, entry
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == entry, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("An old stamp reads Hénin-Liétard. Is that town gone now?", "en"),
        ("Hénin et Beaumont, c'étaient deux communes distinctes autrefois ?", "fr"),
        ("Энен-Бомон когда-то состоял из двух посёлков?", "ru"),
    ],
)
async def test_the_former_name_and_the_two_towns_are_the_1971_merger(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert "1971" in text, text


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("bon, c'est avec qui que herne est jumelée depuis la plus longue date ?", "fr"),
        ("¿y con qué ciudad lleva herne hermanada desde hace más años?", "es"),
        ("herne en uzun zamandır hangi şehirle kardeş şehir?", "tr"),
    ],
)
async def test_the_longest_partnership_asked_colloquially_is_the_oldest(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert "1954" in text, text


async def test_the_first_paper_signed_with_luzhou_is_its_history_not_the_oldest_partnership(
    shared_qa,
):
    answer = await shared_qa.answer("黑尔讷同泸州最早签署的那份文件是什么时候？", "zh")
    text = to_plain(answer)
    assert not answer.fallback, text
    assert "2018" in text, text
    assert "1954" not in text, text
