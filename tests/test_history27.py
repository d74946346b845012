"""Round 27: how a partnership or a town came to be, asked as why, how or from what it began:
the Courrières disaster behind the twinning with Hénin-Beaumont (the go-between of Konin's first
contacts, whose entry names it), a partner city asked by its country, the 1971 merger that made
Hénin-Beaumont, and a death toll no entry holds (bench/qa_probe_hist27.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("¿De dónde surgió la amistad con Hénin-Beaumont?", "es"),
        ("Из чего выросла дружба с Энен-Бомоном?", "ru"),
        ("Звідки виникли зв'язки з Енен-Бомоном?", "uk"),
    ],
)
async def test_the_go_betweens_own_beginning_is_its_history(shared_qa, question, language):
    # Konin's first contacts name Hénin-Beaumont, as their go-between: that entry is not how
    # Hénin-Beaumont's own partnership began.
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert "1906" in text, text
    assert "1989" not in text, text


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("What role did Hénin-Beaumont play in the contacts with Konin?", "en"),
        ("Welche Rolle hatte Hénin-Beaumont bei den ersten Kontakten nach Konin?", "de"),
    ],
)
async def test_the_go_between_asked_with_konin_stays_konins_first_contacts(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == "faq:konin-first-contacts-1989", to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "year"),
    [
        ("Why is there a twin town of Herne in China?", "en", "2018"),
        ("黑尔讷为什么在尼加拉瓜有友好城市？", "zh", "1987"),
        ("Почему у Херне есть побратим в Нидерландах?", "ru", None),
    ],
)
async def test_a_partner_asked_why_by_its_country_is_its_history(
    shared_qa, question, language, year
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    if year is None:  # no partner city there: nothing of a partnership's history
        assert not (answer.entry or "").startswith("city.history"), text
    else:
        assert (answer.entry or "").startswith("city.history"), text
        assert year in text, text


async def test_roots_in_a_country_stay_the_polish_roots(shared_qa):
    answer = await shared_qa.answer("How many people in Herne have roots in Poland?", "en")
    assert answer.entry == "faq:polish-roots-herne", to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Czy Hénin-Beaumont utworzono z dwóch dawnych gmin?", "pl"),
        ("Hénin-Beaumont regroupe-t-elle deux anciennes communes ?", "fr"),
        ("Did Hénin-Beaumont result from joining two municipalities?", "en"),
    ],
)
async def test_a_towns_merger_is_when_it_came_into_being(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert "1971" in text, text
    assert "liétard" in text.casefold(), text


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("How many people were killed at Courrières in 1906?", "en"),
        ("Wie viele Tote gab es in Courrières?", "de"),
        ("库里耶尔矿难遇难人数是多少", "zh"),
    ],
)
async def test_a_death_toll_no_entry_holds_falls_back(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)


async def test_a_count_the_base_holds_is_still_answered(shared_qa):
    answer = await shared_qa.answer("How many people live in Hénin-Beaumont?", "en")
    assert answer.entry == "city.population:henin-beaumont", to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Wer hat damals geholfen, den Kontakt zu Konin herzustellen?", "de"),
        ("Who helped Herne make its first contact with Konin?", "en"),
        ("Хто допоміг Герне знайти контакт із Коніном?", "uk"),
    ],
)
async def test_who_helped_the_first_contacts_is_how_the_partnership_began(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert "1989" in to_plain(answer), to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Кто может помочь наладить контакт с фирмами в Конине?", "ru"),
        ("Кто в Херне помогает с контактами для бизнеса в Уэйкфилде?", "ru"),
        ("Хто допоможе налагодити контакти з фірмами в Коніні?", "uk"),
    ],
)
async def test_help_with_contacts_to_come_stays_business_contacts(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.entry == "contacts.business", to_plain(answer)
