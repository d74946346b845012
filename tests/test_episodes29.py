"""Round 29: episodes of the partnerships' history asked in other words: the aid to Belgorod in
the early 1990s told by what it brought, a count of its vehicles that no entry holds, a
partnership's history asked beside the asker's own sector, when ruhrvalley's office opened in
Herne and the association's founding (bench/qa_probe_hist29.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Czy Herne przekazało kiedyś leki dla dzieci z Biełgorodu?", "pl"),
        ("Herne a-t-elle fait parvenir des remèdes aux enfants hospitalisés à Belgorod ?", "fr"),
        ("黑尔讷以前是不是给别尔哥罗德医院里的孩子捐过药？", "zh"),
    ],
)
async def test_medicine_for_belgorods_children_is_the_aid_of_the_early_1990s(
    shared_qa, question, language
):
    # The aid is told by what it brought, not by the word "convoy": its entry, which says
    # the early 1990s and that the exact year is not verified, and the partnership's hold.
    answer = await shared_qa.answer(question, language)
    assert answer.entry == "faq:belgorod-aid-convoys", to_plain(answer)
    assert "2022" in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("How many trucks did Herne send to Belgorod?", "en"),
        ("Wie viele LKW sind damals Richtung Belgorod gefahren?", "de"),
        ("¿Cuántas toneladas de ayuda llegaron a Bélgorod desde Herne?", "es"),
        ("Скільки машин із допомогою Герне відправило до Бєлгорода?", "uk"),
    ],
)
async def test_a_count_of_the_aids_vehicles_is_not_held(shared_qa, question, language):
    # No entry holds how many vehicles or tonnes went: the honest fallback, never the aid's
    # entry as if it answered, nor Belgorod's status.
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Kto zaaranżował pierwsze spotkania Herne z Koninem? Piszę referat na studia.", "pl"),
        ("Как вообще начались связи Херне с Конином? Я пишу курсовую в университете.", "ru"),
        ("How did Herne's friendship with Luzhou begin? I teach at a school there.", "en"),
    ],
)
async def test_a_history_asked_beside_the_askers_sector_is_the_history(
    shared_qa, question, language
):
    # The sector is told after the question, of the asker (a school paper, a thesis, a job):
    # it does not make the partnership's history a question about that sector's contacts.
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert not (answer.entry or "").startswith("contacts."), text
    assert "1989" in text or "2018" in text, text


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Hochschulallianz ruhrvalley in Herne – seit wann haben die dort ein Büro?", "de"),
    ],
)
async def test_when_ruhrvalleys_office_opened(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == "faq:ruhrvalley-office-2021", to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Давно ли существует общество друзей городов-партнёров в Херне?", "ru"),
        ("L'association de jumelage de Herne existe depuis combien de temps ?", "fr"),
    ],
)
async def test_how_long_the_association_has_existed(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert "1995" in to_plain(answer), to_plain(answer)
