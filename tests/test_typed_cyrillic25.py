"""Round 25: Russian and Ukrainian typed in Latin letters the way a German or Polish keyboard
spells them ("schto", "czto", "znachodytsja") are read as Russian or Ukrainian and answered in
that language, whichever language the models read them as (bench/qa_probe_lat25.jsonl)."""

from __future__ import annotations

import pytest

from bot.nlp import latin_skeleton, typed_latin_readings
from bot.render import to_plain


@pytest.mark.parametrize(
    ("typed", "reading"),
    [
        ("schto", "shto"),  # German sch for ш
        ("tschto", "chto"),  # German tsch for ч
        ("schtscho", "scho"),  # German schtsch for щ, not read again as ш
        ("czto", "chto"),  # Polish cz for ч
        ("szczas", "schas"),  # Polish szcz for щ
        ("partnerstwom", "partnerstvom"),  # w for в
        ("izwiestno", "izvestno"),  # Polish ie after a consonant
        ("znajesch", "znaesh"),  # je for е
        ("znajesch", "znayesh"),  # or Ukrainian є
        ("deklarazija", "deklaratsiya"),  # German z for ц before the i of -ция
        ("znachodytsja", "znahodytsya"),  # ch for х
        ("schywe", "zhyve"),  # German sch for ж
    ],
)
def test_a_german_or_polish_keyboards_spelling_is_read_as_the_banks(typed, reading):
    assert reading in typed_latin_readings(typed)


def test_the_latin_skeleton_joins_the_spellings_of_one_ukrainian_word():
    assert latin_skeleton("znakhodytsya") == latin_skeleton("znahoditsya") == "znahoditsia"


@pytest.mark.parametrize(
    ("question", "user", "language", "expected"),
    [
        ("shto ty znaesh pro Konin", "de", "ru", "польш"),  # read as Spanish before
        ("czto izwiestno o Luzhou", "pl", "ru", "кита"),  # read as Polish before
        ("schto s partnerstwom s Belgorodom", "de", "ru", "2022"),
        ("kogda podpisali deklaraziju", "de", "ru", "2018"),
        ("deklaratsiya", "de", "ru", "2018"),  # one word, read as Turkish before
        ("de znachodytsja Konin", "de", "uk", "польщ"),
        ("skilky ljudej schywe u Konini", "de", "uk", "71"),
        ("jak dowho Herne i Konin pobratymy", "de", "uk", "1991"),
    ],
)
async def test_russian_and_ukrainian_typed_on_another_keyboard_are_answered_in_them(
    shared_qa, question, user, language, expected
):
    answer = await shared_qa.answer(question, user)
    assert not answer.fallback, to_plain(answer)
    assert answer.language == language, to_plain(answer)
    assert expected in to_plain(answer).lower()


@pytest.mark.parametrize(
    ("question", "user", "language"),
    [
        # Words Russian shares with the Latin-script banks are no sign of it.
        ("Belgorod status", "en", "en"),
        ("Konin kontakt", "de", "de"),
        # Polish, German and Spanish typed without diacritics stay what they are.
        ("co slychac z Bielgorodem", "pl", "pl"),
        ("jak sie skontaktowac ze stowarzyszeniem partnerskim", "de", "pl"),
        ("welche Veranstaltungen gibt es demnaechst", "pl", "de"),
        ("que pasa con Belgorod", "de", "es"),
        # A capitalised word inside is a name, whichever language's: no Russian "Ukrainy".
        ("Jak daleko jest Biełgorod od Ukrainy?", "pl", "pl"),
        # A word one typo from the user's bank is the user's misspelling.
        ("deklaracjia", "pl", "pl"),
    ],
)
async def test_latin_script_languages_are_not_read_as_typed_cyrillic(
    shared_qa, question, user, language
):
    answer = await shared_qa.answer(question, user)
    assert answer.language == language, to_plain(answer)
