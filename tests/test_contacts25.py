"""Round 25: the association's contact details asked in a word or two get the association; a
business question naming an economic sector gets that sector's contacts; a port asked about as
a city's feature is no trade (bench/qa_probe_cont25.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Kontaktdaten?", "de"),
        ("contact details?", "en"),
        ("dane kontaktowe?", "pl"),
        ("coordonnées ?", "fr"),
        ("correo electrónico?", "es"),
        ("adres e-mail?", "pl"),
        ("контактні дані?", "uk"),
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
