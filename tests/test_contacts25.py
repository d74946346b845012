"""Round 25: who looks after a partnership, its contact person and the association's contact
details asked in a word or two get the association; companies in a partner city working with
Herne get the business contacts; a port asked about as a city's feature is no trade
(bench/qa_probe_cont25.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Wer kümmert sich um die Partnerschaft mit Luzhou?", "de"),
        ("Who looks after the partnership with Wakefield?", "en"),
        ("Kto zajmuje się partnerstwem z Koninem?", "pl"),
        ("谁负责和泸州的友好城市关系？", "zh"),
        ("Хто займається партнерством з Коніном?", "uk"),
        ("Qui s'occupe du jumelage avec Wakefield ?", "fr"),
    ],
)
async def test_who_looks_after_a_partnership_is_the_association(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.entry and answer.entry.startswith("association.contact"), to_plain(answer)
    assert answer.language == language
    assert "partnerschaftlichen Beziehungen" in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Kto odpowiada za kontakty z Wakefield w ramach partnerstwa?", "pl"),
        ("Хто опікується зв’язками з Бешикташем?", "uk"),
        ("和科宁的友好城市关系找谁联系？", "zh"),
        ("Konin ile ortaklık için irtibat kişisi var mı?", "tr"),
    ],
)
async def test_the_contact_person_for_a_partnership_is_the_association(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert answer.entry and answer.entry.startswith("association.contact"), to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Telefonnummer?", "de"),
        ("contact details?", "en"),
        ("dane kontaktowe?", "pl"),
        ("coordonnées ?", "fr"),
        ("correo electrónico?", "es"),
        ("adres e-mail?", "pl"),
    ],
)
async def test_contact_details_asked_in_a_word_or_two_get_the_association(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert answer.language == language, to_plain(answer)
    plain = to_plain(answer)
    assert "partnerschaftlichen Beziehungen" in plain
    assert "@" not in plain  # no address is verified: none is invented


@pytest.mark.parametrize(
    ("question", "language", "more"),
    [
        ("Which companies in Belgorod work with Herne?", "en", "2022"),
        ("Welche Firmen in Belgorod arbeiten mit Herne zusammen?", "de", "2022"),
    ],
)
async def test_companies_in_a_partner_city_get_the_business_contacts(
    shared_qa, question, language, more
):
    answer = await shared_qa.answer(question, language)
    plain = to_plain(answer)
    assert answer.entry and answer.entry.startswith("contacts."), plain
    assert "Westring 303" in plain and more in plain


async def test_a_care_home_in_spanish_is_health_economy(shared_qa):
    answer = await shared_qa.answer(
        "Llevo una residencia de mayores y me gustaría contactar con centros de Wakefield, "
        "¿quién se encarga de eso?",
        "es",
    )
    assert answer.entry, to_plain(answer)
    assert answer.entry.startswith("contacts.sector:health_economy,wakefield"), answer.entry
    assert "Westring 303" in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [("Is there a port in Konin?", "en"), ("Hat Konin einen Hafen?", "de")],
)
async def test_a_port_asked_about_as_a_citys_feature_is_no_trade(shared_qa, question, language):
    # Why "port", "Hafen", "puerto" are no logistics trade words (data/questions/trades.yaml):
    # read so, these questions got the logistics contacts instead of the honest fallback.
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        ("Belgorod'da lojistik firmalarıyla bağlantı kurmak istiyorum", "tr", "belgorod"),
        ("Konin'de lojistik firmalarıyla bağlantı kurmak istiyorum", "tr", "konin"),
    ],
)
async def test_business_contacts_naming_a_business_sector_get_that_sectors_contacts(
    shared_qa, question, language, city
):
    # Read as general business contacts, these listed every organisation of the city named
    # (Belgorod's universities and hockey club) for a logistics firm.
    answer = await shared_qa.answer(question, language)
    plain = to_plain(answer)
    assert answer.entry == f"contacts.sector:logistics,{city}", plain
    assert "Westring 303" in plain
    assert "Herner EV" not in plain and "bsuedu" not in plain
    if city == "belgorod":
        assert "2022" in plain
