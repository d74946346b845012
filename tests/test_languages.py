"""The language registry, and what the engine derives from it: detection by script and letters,
Chinese cut into characters, lemmas and transliteration per language."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.detection import LanguageGuess, script
from bot.i18n import LANGUAGES, format_locale, negotiate
from bot.languages import REGISTRY, RegistryError, load_registry
from bot.lexicon import CONTINENTS, stopwords
from bot.nlp import lemma, transliterations, words


def test_the_registry_holds_the_nine_languages_in_picker_order():
    assert LANGUAGES == ("de", "en", "ru", "pl", "tr", "fr", "es", "zh", "uk")
    assert REGISTRY["zh"].tokens == "characters" and REGISTRY["zh"].script == "Hani"
    assert format_locale("en") == "en_GB" and format_locale("fr") == "fr"


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("  - code: xx\n    detector: french\n", "name is missing"),
        ("  - code: XX\n    name: X\n    detector: french\n", "lower-case"),
        ("  - code: xx\n    name: X\n    detector: french\n    tokens: syllables\n", "tokens"),
        ("  - code: de\n    name: X\n    detector: german\n", "listed twice"),
    ],
)
def test_a_malformed_registry_entry_is_refused_with_its_reason(tmp_path: Path, entry, problem):
    path = tmp_path / "languages.yaml"
    path.write_text("languages:\n  - code: de\n    name: Deutsch\n    detector: german\n" + entry)
    with pytest.raises(RegistryError, match=problem):
        load_registry(path)


def test_telegram_codes_of_the_new_languages_are_understood():
    assert [negotiate(c) for c in ("zh-hans", "zh-CN", "uk-UA", "fr-BE", "es-NI")] == [
        "zh",
        "zh",
        "uk",
        "fr",
        "es",
    ]


@pytest.fixture
def guess() -> LanguageGuess:
    return LanguageGuess(None, LANGUAGES)


def test_ukrainian_letters_make_ukrainian_never_russian(guess):
    assert guess("Скільки мешканців у", "Скільки мешканців у Коніні?", "ru") == ("uk", True)
    # A Ukrainian name form tells it too when the other words could be either.
    assert guess("Де знаходиться", "Де знаходиться Конін?", "de") == ("uk", True)
    # A bare name with a Ukrainian letter is Ukrainian; without, it is the Cyrillic language
    # the user speaks, else Russian.
    assert guess("", "Бєлгород", "de") == ("uk", True)
    assert guess("", "Херне", "uk") == ("uk", True)
    assert guess("", "Херне", "de") == ("ru", True)
    assert guess("Сколько жителей в", "Сколько жителей в Конине?", "de") == ("ru", True)


def test_chinese_is_told_by_its_script_even_when_short(guess):
    assert script("泸州什么时候成为黑尔讷的友好城市？") == "Hani"
    assert guess("在 哪", "泸州在哪", "de") == ("zh", True)
    assert guess("什 么 时 候 成 为 的 友 好 城 市", "泸州什么时候…", "en") == ("zh", True)


def test_french_and_spanish_are_answered_in_their_language(guess):
    assert guess("Où se trouve", "Où se trouve Konin ?", "de") == ("fr", True)
    assert guess("Desde cuándo es ciudad hermana de", "¿Desde cuándo es…", "de") == ("es", True)


def test_a_script_no_language_of_ours_uses_keeps_the_users_language(guess):
    assert guess("はどこの国にありますか", "コニンはどこの国にありますか？", "pl") == ("pl", False)


def test_chinese_is_cut_into_characters_and_other_text_into_words():
    assert words("泸州在哪里？Herne'de 2018") == ["泸", "州", "在", "哪", "里", "herne", "2018"]
    assert stopwords("zh") >= {"的", "吗"}


def test_lemmas_and_typing_follow_the_registry():
    assert lemma("villes", "fr") == "ville"
    assert lemma("ciudades", "es") == "ciudad"
    assert lemma("містами", "uk") == lemma("місто", "uk")
    assert transliterations("Де знаходиться Конін?", "uk") == [
        "De znakhodytsya Konin?",
        "De znakhodytsia Konin?",
    ]
    assert transliterations("Где находится Конин?", "ru") == ["Gde nahoditsya Konin?"]


def test_continents_are_named_in_every_registry_language():
    asia = CONTINENTS["asia"][1]
    assert {"Asien", "Asie", "亚洲", "Азія"} <= set(asia)
