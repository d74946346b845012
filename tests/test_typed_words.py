"""Words as people type them: drawn out, diminutive or short, fillers around a one-word
question, and the language of a few Cyrillic words."""

from __future__ import annotations

import pytest

from bot.nlp import drawn_out_readings, typed_latin_readings, undrawn
from bot.render import to_plain
from bot.understanding import Bank, bank_dir


@pytest.fixture
def qa(shared_qa):
    """The worker's answerer (conftest's `shared_qa`): these tests only ask."""
    return shared_qa


@pytest.mark.parametrize(
    ("typed", "readings"),
    [
        ("holaa", ["hola"]),  # a doubled last letter
        ("merciii", ["merci", "mercii"]),
        ("hallooo", ["halo", "haloo", "hallo", "halloo"]),  # every run once or twice
        ("спасибооо", ["спасибо", "спасибоо"]),
        ("hello", []),  # a double letter inside a word is how it is spelt
        ("boot", []),
        ("herne", []),
    ],
)
def test_a_drawn_out_word_is_read_with_its_letters_once_or_twice(typed, readings):
    assert drawn_out_readings(typed) == readings


def test_letters_typed_three_times_are_typed_once_for_language_detection():
    assert undrawn("merciii beaucouuup") == "merci beaucoup"
    assert undrawn("Schifffahrt") == "Schifahrt"  # still German to the detectors
    assert undrawn("hello") == "hello"


@pytest.mark.parametrize(
    ("typed", "readings"),
    [
        ("nakhoditsa", ["nahoditsya", "nahoditsa", "nakhoditsya"]),  # all at once first
        ("naxoditsya", ["nahoditsya"]),
        ("deklaraciyu", ["deklaratsiyu"]),
        ("nahoditsia", ["nahoditsya"]),
        ("obshchestvo", ["obschestvo"]),
        ("gde", []),  # spelt as the bank spells it
    ],
)
def test_latin_typed_russian_is_respelt_as_the_banks_transliteration(typed, readings):
    assert typed_latin_readings(typed) == readings


@pytest.mark.parametrize(
    ("text", "intent"),
    [("gde nakhoditsa konin", "city.where"), ("gde naxoditsya belgorod", "city.where")],
)
async def test_latin_typed_russian_spelt_otherwise_is_understood(qa, text, intent):
    understood, _ = qa.understander.understand(text, "ru")
    assert understood.language == "ru" and understood.intent == intent
    assert understood.confidence >= 0.9


def test_the_banks_variants_are_folded_and_point_to_a_word_of_the_bank():
    bank = Bank.load(bank_dir())
    assert bank.variants["uk"]["privitiki"] == ("привіт", "privit")
    assert bank.variants["ru"]["spasibki"] == ("спасибо", "spasibo")  # Cyrillic or Latin
    for language, variants in bank.variants.items():
        assert all(" " not in variant for variant in variants), language


@pytest.mark.parametrize(
    ("text", "language", "intent"),
    [
        ("holaa", "es", "smalltalk.greeting"),  # drawn out
        ("merciii", "fr", "smalltalk.thanks"),  # drawn out, and French
        ("привітики", "uk", "smalltalk.greeting"),  # a diminutive
        ("spasibki", "ru", "smalltalk.thanks"),  # a diminutive in Latin letters
        ("slt", "fr", "smalltalk.greeting"),  # a short form
        ("dankeschön", "de", "smalltalk.thanks"),
    ],
)
async def test_greetings_and_thanks_as_people_type_them_are_small_talk(qa, text, language, intent):
    answer = await qa.answer(text, language)
    assert not answer.fallback and answer.smalltalk
    assert answer.language == language
    understood, _ = qa.understander.understand(text, language)
    assert understood.intent == intent


async def test_a_variant_is_read_inside_a_question_too(qa):
    answer = await qa.answer("привітики, з якого року герне дружить з бешикташем", "uk")
    assert not answer.fallback and answer.language == "uk"
    assert "2016" in to_plain(answer)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("короче белгород lol", "ru", "белгород"),
        ("yani konin lol", "tr", "konin"),
        ("привет, короче белгород lol", "ru", "белгород"),  # after a greeting
    ],
)
async def test_fillers_around_a_name_are_chatter_around_a_one_word_question(
    qa, text, language, expected
):
    reader = qa.understander.reader
    scan = reader.scan(text.rsplit(",", 1)[-1])
    assert reader.normalise(scan, language, unfilled=True).document == "xcityx\txcityx"
    answer = await qa.answer(text, language)
    assert not answer.fallback and answer.language == language
    assert expected in to_plain(answer).lower()


async def test_a_question_of_filler_words_only_still_keeps_them(qa):
    reader = qa.understander.reader
    document = reader.normalise(reader.scan("hmm lol"), "en", unfilled=True).document
    assert document == "hmm lol\thmm lol"


@pytest.mark.parametrize(
    ("text", "user_language", "language"),
    [
        # No letter of Ukrainian's own, and Russian as well: the user's Russian.
        ("погода в херне завтра", "ru", "ru"),
        ("погода в херне завтра", "uk", "uk"),
        # A Ukrainian letter decides, and so does plain Russian the detectors are sure of.
        ("скільки років Коніну", "ru", "uk"),
        ("когда основали общество", "uk", "ru"),
    ],
)
async def test_a_few_cyrillic_words_without_a_ukrainian_letter_keep_the_users_language(
    qa, text, user_language, language
):
    understood, _ = qa.understander.understand(text, user_language)
    assert understood.language == language


@pytest.mark.parametrize(
    ("text", "user_language", "intent"),
    [
        ("mrb", "tr", "smalltalk.greeting"),  # lingua reads it as Spanish
        ("mrb", "de", "smalltalk.greeting"),  # Turkish typed from a German client
        ("mrb abi", "en", "smalltalk.greeting"),  # with a filler
        ("tşk", "de", "smalltalk.thanks"),
        ("günaydın", "tr", "smalltalk.greeting"),  # once in the bank, it was no word of it
        ("gunaydin", "en", "smalltalk.greeting"),
        ("ne yapabilirsin", "tr", "bot.capabilities"),
        ("naber ya", "tr", "smalltalk.greeting"),  # lingua reads it as German
        ("nbr hocam", "de", "smalltalk.greeting"),
    ],
)
async def test_turkish_chat_short_forms_are_turkish_small_talk(qa, text, user_language, intent):
    answer = await qa.answer(text, user_language)
    assert not answer.fallback and answer.smalltalk
    assert answer.language == "tr"
    understood, _ = qa.understander.understand(text, user_language)
    assert understood.intent == intent


async def test_fillers_without_a_short_form_decide_no_language(qa):
    # "ok" is a Polish filler, and no short form: the user's language stays.
    understood, _ = qa.understander.understand("ok", "de")
    assert understood.language == "de"


async def test_a_turkish_filler_and_chat_word_beside_a_name_are_turkish(qa):
    # "reis" is rice in German, and "nerde" a short form of "nerede".
    answer = await qa.answer("reis wakefield nerde", "en")
    assert not answer.fallback and answer.language == "tr"
    assert "ngiltere" in to_plain(answer)


@pytest.mark.parametrize(
    ("text", "language", "intent"),
    [
        ("seitwann ist konin partnerstadt", "de", "city.since"),
        ("whereis konin", "en", "city.where"),
        ("howmany people live in konin", "en", "city.population"),
        ("dondeesta luzhou", "es", "city.where"),
        ("гденаходится конин", "ru", "city.where"),
        # Two words the bank holds side by side, one of two letters or rarer than the
        # commonest fifth.
        ("woliegt eigentlich konin", "de", "city.where"),
        ("wakefield nezaman kardeş şehir oldu", "tr", "city.since"),
        ("cuantoshabitantes tiene wakefield", "es", "city.population"),
    ],
)
async def test_two_common_words_run_together_are_read_as_both(qa, text, language, intent):
    u, _ = qa.understander.understand(text, language)
    assert (u.intent, u.language) == (intent, language)
    assert u.confidence >= 0.9


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Gibt es in Herne einen Hundesalon?", "de"),
        ("is there a therapist in herne", "en"),
        ("Де в Герне подати документи на тимчасовий захист?", "uk"),
    ],
)
async def test_a_word_nobody_typed_together_stays_unknown(qa, text, language):
    # Not two of the bank's commonest words: still a word the bank never uses.
    assert (await qa.answer(text, language)).fallback
