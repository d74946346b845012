"""The spelling stage: one typo from one word of the bank is that word; nothing else is."""

from __future__ import annotations

import pytest

from bot.db import Database
from bot.nlp import clean, fold, fold_latin
from bot.spelling import MAX_LOOKUPS, Speller, vocabulary_arrays
from bot.understanding import load_understander


def speller(*words: tuple[str, str]) -> Speller:
    return Speller((language, fold_latin(word), word) for language, word in words)


VOCABULARY = (
    ("de", "unterschrieben"),
    ("de", "erklärung"),
    ("en", "declaration"),
    ("en", "partnership"),
    ("ru", "находится"),
    ("tr", "ülke"),
    ("tr", "ülkede"),
    ("en", "where"),
    ("en", "house"),
    ("en", "horse"),
)


@pytest.mark.parametrize(
    "typed, language, meant",
    [
        ("declaraton", "en", "declaration"),  # a letter left out
        ("declarattion", "en", "declaration"),  # one too many
        ("declarazion", "en", "declaration"),  # one replaced
        ("partnesrhip", "en", "partnership"),  # two swapped
        ("untershcrieben", "de", "unterschrieben"),
        ("erklarng", "de", "erklärung"),  # read without its umlaut
        # Swapped in Cyrillic, though two letters apart in Latin ones (тся / tsya).
        ("находитяс", "ru", "находится"),
        # One typo from two words that are forms of one lemma: either is what was meant.
        ("ulkee", "tr", "ülke"),
    ],
)
def test_one_typo_from_one_word_is_that_word(typed, language, meant):
    assert speller(*VOCABULARY).correct(typed, language) == (fold_latin(meant), meant)


@pytest.mark.parametrize(
    "typed, language",
    [
        ("partnership", "en"),  # known
        ("hopse", "en"),  # one typo from two different words: a guess, not a reading
        ("wehre", "de"),  # the English word is not German
        ("decl", "en"),  # too short to tell
        ("declaraxxon", "en"),  # two typos
        ("hundesalon", "de"),  # a word the bank never uses, and no typo of one
        ("declaration2", "en"),  # not a word
        ("x" * 5000, "en"),  # endless
    ],
)
def test_anything_else_stays_as_written(typed, language):
    assert speller(*VOCABULARY).correct(typed, language) is None


def test_the_vocabulary_is_stored_with_the_model_and_read_back():
    entries = [(language, fold_latin(word), word) for language, word in VOCABULARY]
    restored = Speller.from_arrays(vocabulary_arrays(entries))
    assert restored.correct("declaraton", "en") == ("declaration", "declaration")
    assert restored.correct("находитяс", "ru") == (fold_latin("находится"), "находится")
    assert Speller.from_arrays({}).correct("declaraton", "en") is None


@pytest.fixture
async def understander(settings):
    db = await Database.open(settings.db_path)
    yield await load_understander(db)
    await db.close()


@pytest.mark.parametrize(
    "typed, written, language",
    [
        (
            "wer hat die erklärung 2018 im parkhotel untershcrieben",
            "wer hat die erklärung 2018 im parkhotel unterschrieben",
            "de",
        ),
        ("who signed that 2018 declaraton thing", "who signed that 2018 declaration", "en"),
        ("Где находитяс Уэйкфилд?", "Где находится Уэйкфилд?", "ru"),
        ("Luzhou'nun nüfsu kaç?", "Luzhou'nun nüfusu kaç?", "tr"),
        (
            "who can help my company with logisitcs in Konin?",
            "who can help my company with logistics in Konin?",
            "en",
        ),
    ],
)
async def test_a_question_with_a_typo_is_understood_as_without_it(
    understander, typed, written, language
):
    meant, _ = understander.understand(written, language)
    u, _ = understander.understand(typed, language)
    assert u.language == language
    assert (u.intent, u.cities, u.sectors) == (meant.intent, meant.cities, meant.sectors)
    assert u.confidence >= 0.4 <= meant.confidence


async def test_a_word_nobody_uses_still_weighs_as_unknown(understander):
    # "Hundesalom" is one letter from no word of the bank: it stays unknown, and the
    # question stays out of scope.
    u, _ = understander.understand("Gibt es in Herne einen Hundesalom?", "de")
    assert u.intent == "out_of_scope"


async def test_names_are_not_respelt(understander):
    # "Konim" is Konin's typo for the entity matcher, not the spelling stage's to change.
    u, _ = understander.understand("Wo liegt Konim?", "de")
    assert u.cities == ("konin",)


async def test_a_hostile_question_looks_up_a_bounded_number_of_words(understander, monkeypatch):
    calls = []
    correct = understander.speller.correct

    def counting(word: str, language: str):
        calls.append(word)
        return correct(word, language)

    monkeypatch.setattr(understander.speller, "correct", counting)
    words = " ".join(f"qzxv{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}" for i in range(700))
    understander.understand(words[:4096], "en")
    assert 0 < len(calls) <= MAX_LOOKUPS


def test_a_short_word_is_not_read_as_another_with_a_letter_replaced():
    vocabulary = speller(("en", "match"), ("en", "joint"), ("en", "declaration"))
    assert vocabulary.correct("march", "en") is None
    assert vocabulary.correct("point", "en") is None
    assert vocabulary.correct("mtach", "en") == ("match", "match")


@pytest.mark.parametrize(
    "chatty, plain, language",
    [
        (
            "warum is hénin-beaumont eig partnerstadt, eigentlich",
            "warum is hénin-beaumont partnerstadt",
            "de",
        ),
        ("когда херне и бешикташ подружились короче", "когда херне и бешикташ подружились", "ru"),
        ("ya belgorod hala kardeş şehir mi", "belgorod hala kardeş şehir mi", "tr"),
        ("hmm lol where is konin", "where is konin", "en"),
    ],
)
async def test_filler_words_are_left_out_of_a_question(understander, chatty, plain, language):
    reader = understander.reader
    assert reader.fillers[language]
    document = reader.normalise(reader.scan(clean(chatty)), language, unfilled=True).document
    assert document == reader.normalise(reader.scan(clean(plain)), language).document
    # The bank's phrasings keep theirs: the model stays the one cross-validation measures.
    assert document != reader.normalise(reader.scan(clean(chatty)), language).document


@pytest.mark.parametrize(
    "chatty, plain, language",
    [
        ("a ten konin to gdzie w ogóle jest", "a ten konin to gdzie jest", "pl"),
        ("by the way where is konin", "where is konin", "en"),
        ("en fait c'est où konin", "c'est où konin", "fr"),
        ("до речі де той конін", "де той конін", "uk"),
        ("abi konin nerde ya hiç duymadım", "konin nerde", "tr"),
    ],
)
async def test_a_filler_of_several_words_is_left_out_whole(understander, chatty, plain, language):
    reader = understander.reader
    document = reader.normalise(reader.scan(clean(chatty)), language, unfilled=True).document
    assert document == reader.normalise(reader.scan(clean(plain)), language).document


async def test_the_words_of_a_filler_phrase_alone_are_words(understander):
    """ "w" of "w ogóle" is the preposition of "w Koninie"; "fait" of "en fait" a verb."""
    reader = understander.reader
    for question, language in (("co się dzieje w Koninie", "pl"), ("qui a fait ça", "fr")):
        scan = reader.scan(clean(question))
        unfilled = reader.normalise(scan, language, unfilled=True).document
        assert unfilled == reader.normalise(scan, language).document


async def test_a_question_of_filler_words_only_keeps_them(understander):
    reader = understander.reader
    document = reader.normalise(reader.scan("hmm lol"), "en", unfilled=True).document
    assert document == "hmm lol\thmm lol"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("decclarationn", "declaration"),  # two letters more
        ("dclarationn", "declaration"),  # one left out, one doubled
        ("partnershhipp", "partnership"),
    ],
)
def test_a_long_word_two_typos_away_is_read_as_the_bank_word(typed, expected):
    assert speller(("en", "declaration"), ("en", "partnership")).correct(typed, "en") == (
        expected,
        expected,
    )


def test_two_replaced_letters_are_another_word_not_a_typo():
    # "verglichen" is a German word the bank does not use, two letters from "herzlichen".
    vocabulary = speller(("de", "herzlichen"), ("de", "verbunden"))
    assert vocabulary.correct("verglichen", "de") is None
    assert vocabulary.correct("erfunden", "de") is None
    # one typo away is still read first: "verbunen" is "verbunden"
    assert vocabulary.correct("verbunen", "de") == ("verbunden", "verbunden")


def test_a_short_word_is_not_read_two_typos_away():
    assert speller(("en", "venue")).correct("veenuee", "en") is None
    assert speller(("en", "partner")).correct("paartnerr", "en") == ("partner", "partner")


def test_the_speller_knows_the_words_of_each_language():
    vocabulary = speller(("uk", "енергетика"), ("ru", "энергетика"))
    assert vocabulary.knows("енергетика", "uk") and not vocabulary.knows("енергетика", "ru")
    assert not vocabulary.knows("енергетик", "uk")


def test_a_languages_index_is_built_when_a_word_of_it_is_first_read():
    built = speller(*VOCABULARY)
    assert not built._sorted and not built._index
    assert built.correct("declaraton", "en") == ("declaration", "declaration")
    assert built.knows("unterschrieben", "de")
    # Knowing a word reads the language's sorted words; only a typo's lookup builds the
    # deletion index (a start's first question seldom has one).
    assert set(built._sorted) == {"en", "de"} and set(built._index) == {"en"}
    assert built.correct("declaraton", "fr") is None and built._index["fr"] is None
    # `prepare` builds it before any typo: the same index a typo's lookup builds.
    built.prepare("de")
    looked_up = speller(*VOCABULARY)
    looked_up.correct("unterschriben", "de")
    for mine, theirs in zip(built._index["de"], looked_up._index["de"], strict=True):
        assert (mine == theirs) if isinstance(mine, str) else (mine == theirs).all()


async def test_a_question_read_in_a_language_builds_its_index_before_any_typo(
    understander, monkeypatch
):
    """The deletion index is a start's cost, paid by the first question read in the language
    (as the cues are), not by the first one with a typo: at 10,000 entries a language's build
    took 10-23 ms of CPU, the latency bench's tail (round 24)."""
    monkeypatch.setattr(understander, "speller", speller(*VOCABULARY))
    understander.understand("Wo liegt Konin?", "de")
    assert set(understander.speller._index) == {"de"}
    assert understander.speller._index["de"] is not None
    understander.understand("Wer hat das untershcrieben?", "de")
    assert set(understander.speller._index) == {"de"}


def test_a_known_word_is_one_of_the_languages_words_whatever_was_built_before():
    words = [
        "ab", "abcd", "zwölf", "Äpfel", "straße", "strasse", "erklärung", "erklarung",
        "unterschrieben", "x" * 24, "y" * 25, "z" * 26, "партнерство", "ülkede",
    ]  # fmt: skip
    probes = [*words, "abc", "apfel", "äpfel", "erklarungen", "unterschriebe", "y" * 26, "a"]
    for build_index_first in (False, True):
        built = Speller(("de", fold_latin(word), word.lower()) for word in words)
        if build_index_first:
            built.correct("unterschriben", "de")
        known = {probe for probe in probes if built.knows(probe.lower(), "de")}
        assert known == {w for w in probes if fold(w.lower()) in built.words("de")}
        assert {"abcd", "zwölf", "äpfel", "apfel", "y" * 25, "erklarung"} <= known
        assert not known & {"ab", "abc", "z" * 26, "erklarungen", "unterschriebe", "a"}
        assert not built.knows("zwölf", "en")
