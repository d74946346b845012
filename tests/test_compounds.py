"""Words built from other words: German compounds of the bank's words, a sector's people, and
short names with Turkish case endings typed without the apostrophe."""

from __future__ import annotations

import pytest

import bot.understanding
from bot.nlp import fold
from bot.render import to_plain
from bot.spelling import LONGEST_INDEXED


@pytest.fixture
def qa(shared_qa):
    """The worker's answerer (conftest's `shared_qa`): these tests only ask."""
    return shared_qa


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


async def test_a_compound_of_thousands_of_letters_tries_only_cuts_a_word_could_make(
    qa, monkeypatch
):
    """A part before the last is a vocabulary word, none longer than LONGEST_INDEXED: a
    3,900-letter word made of one bank word repeated is cut a few dozen times at each level,
    not at each of its letters (thousands of long slices folded: 45 ms of CPU against 8)."""
    folded: list[int] = []

    def counting(text: str) -> str:
        folded.append(len(text))
        return fold(text)

    monkeypatch.setattr(bot.understanding, "fold", counting)
    word = "partnerschaft" * 300
    # Three parts cannot cover it: no compound.
    assert qa.understander._compound(word, "de") is None
    # Each level tries at most LONGEST_INDEXED + a joining letter's cuts, with or without a
    # joining letter (about 150 folds in all; every cut tried before: over 22,000).
    assert 0 < len(folded) <= 4 * len(("", "s", "es", "n", "en")) * (LONGEST_INDEXED + 2)


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
