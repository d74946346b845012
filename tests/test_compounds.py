"""Words built from other words: German compounds of the bank's words, a sector's people, and
short names with Turkish case endings typed without the apostrophe."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("logistikkooperationen", "logistik kooperationen"),  # the last part inflected
        ("nanotechnologiezusammenarbeit", "nanotechnologie zusammenarbeit"),
        ("eishockeypartner", "eishockey partner"),
        # A joining s dropped.
        ("gesundheitswirtschaftskooperation", "gesundheitswirtschaft kooperation"),
    ],
)
async def test_a_german_compound_is_read_as_the_banks_words(qa, word, parts):
    assert qa.understander._compound(word, "de") == (parts, parts)


@pytest.mark.parametrize(
    ("word", "language"),
    [
        ("hundesalon", "de"),  # no word of the bank in it
        ("partnershipcooperation", "en"),  # English writes no compounds
    ],
)
async def test_a_word_not_made_of_the_banks_words_is_no_compound(qa, word, language):
    assert qa.understander._compound(word, language) is None


@pytest.mark.parametrize(
    ("text", "entry", "sector"),
    [
        ("Gibt es Nanotechnologiezusammenarbeit mit Belgorod?", "nanotech", "nanotechnology"),
        ("Wer sind die Eishockeypartner in Herne?", "herner-ev", "sport"),
        ("Energiepartnerschaft mit Belgorod?", "", "energy"),
    ],
)
async def test_a_compound_asks_what_its_parts_ask(qa, text, entry, sector):
    understood, _ = qa.understander.understand(text, "de")
    assert sector in understood.sectors
    answer = await qa.answer(text, "de")
    assert not answer.fallback
    assert entry in (answer.entry or "")


async def test_a_compound_question_is_still_unknown_without_the_banks_words(qa):
    assert (await qa.answer("Gibt es in Herne einen Hundesalon?", "de")).fallback


@pytest.mark.parametrize(
    "text",
    ["çindeki kardeş şehrimiz neresi", "Cinde kardes sehir var mi?", "Çin'deki kardeş şehir?"],
)
async def test_a_short_name_with_a_turkish_case_ending_is_the_name(qa, text):
    answer = await qa.answer(text, "tr")
    assert not answer.fallback and "Luzhou" in to_plain(answer)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Кто поможет логистам из Конина?", "ru"),
        ("Хто допоможе логістам з Коніна?", "uk"),
        ("Що порадите логістам?", "uk"),
    ],
)
async def test_a_word_for_a_sectors_people_names_the_sector(qa, text, language):
    understood, _ = qa.understander.understand(text, language)
    assert understood.sectors == ("logistics",)
