"""Understanding questions: normalisation, names as slots, the trained model and its storage."""

from __future__ import annotations

import random
import shutil

import numpy as np
import pytest

from bot.db import Database
from bot.model import LinearModel, loads
from bot.nlp import MAX_QUESTION_CHARS, clean, features, fold_latin, language_features, latin
from bot.resources import data_dir
from bot.understanding import (
    MODEL_NAME,
    Bank,
    Knowledge,
    Reader,
    bank_dir,
    load_understander,
    training_payload,
)


@pytest.fixture
async def db(settings):
    database = await Database.open(settings.db_path)
    yield database
    await database.close()


@pytest.fixture
async def reader(db):
    return Reader(await Knowledge.load(db), Bank.load(bank_dir()))


def test_questions_are_cut_between_words_and_cleaned():
    text = clean("Konin\u200b " * 1000)
    assert len(text) <= MAX_QUESTION_CHARS and text.endswith("Konin")
    assert clean("a\x00b\u202e c\n\td") == "a b c d"


def test_russian_in_latin_letters_meets_cyrillic():
    assert fold_latin("Когда Белгород") == "kogda belgorod"
    assert fold_latin("BEŞİKTAŞ Kraków") == "besiktas krakow"
    assert latin("Чем знаменит Конин?") == "Chem znamenit Konin?"


async def test_names_become_placeholders_so_one_phrasing_serves_every_city(reader):
    documents = {
        reader.normalise(reader.scan(clean(question)), language).document.split("\t")[0]
        for question, language in [
            ("Wo liegt Konin?", "de"),
            ("Wo liegt Wakefield?", "de"),
            ("Wo liegt Белгород?", "de"),
            ("wo liegt eislebn", "de"),  # typo, lower case
        ]
    }
    assert documents == {"wo liegt xcityx"}


async def test_a_repeated_name_counts_once(reader):
    scan = reader.scan(clean("Konin " * 700))
    assert reader.normalise(scan, "en").document == "xcityx\txcityx"


async def test_sectors_and_places_are_recognised_in_any_inflection(reader):
    scan = reader.scan(clean("Kto pomoże w logistyce w Koninie, a nie w Paryżu?"))
    normalised = reader.normalise(scan, "pl")
    assert normalised.sectors == ("logistics",)
    kinds = {m.kind: m.ids for m in scan.entities}
    assert kinds["city"] == ("konin",) and kinds["place"] == ("Paris",)


# Fits both classifiers with scikit-learn again, as a training does: seconds.
@pytest.mark.slow
async def test_the_stored_model_predicts_what_scikit_learn_predicts(db, reader):
    """The bot's numpy prediction (bot/model.py) against scikit-learn's own, on the
    training phrasings of both classifiers."""
    from bot.train import (
        INTENT_C,
        LANGUAGE_C,
        fit_sklearn,
        intent_examples,
        language_examples,
        unique,
    )

    arrays = loads(
        await db.scalar("SELECT data FROM question_models WHERE name = ?", (MODEL_NAME,))
    )
    payload = training_payload(reader, Bank.load(bank_dir()))
    for prefix, analyzer, examples, c in [
        ("intent", features, intent_examples(payload), INTENT_C),
        ("language", language_features, language_examples(payload), LANGUAGE_C),
    ]:
        stored = LinearModel.from_arrays(arrays, prefix, analyzer)
        pairs = unique(examples)
        vectorizer, classifier = fit_sklearn(
            [d for d, _ in pairs], [label for _, label in pairs], analyzer, c
        )
        sample = random.Random(0).sample([d for d, _ in pairs], 400)
        expected = classifier.predict(vectorizer.transform(sample))
        got = [stored.classes[int(np.argmax(stored.probabilities(d)))] for d in sample]
        assert got == list(expected)
        assert stored.classes == list(classifier.classes_)


async def test_a_new_bank_phrasing_retrains_the_model(db, tmp_path):
    bank = tmp_path / "questions"
    shutil.copytree(data_dir() / "questions", bank)
    before = await db.scalar("SELECT key FROM question_models WHERE name = ?", (MODEL_NAME,))
    (bank / "extra.yaml").write_text(
        'language: en\nintents:\n  test.zorblax:\n    - "zorblax quuxification"\n'
        '    - "zorblax quux"\n    - "any zorblax today?"\n',
        encoding="utf-8",
    )
    understander = await load_understander(db, bank)
    after = await db.scalar("SELECT key FROM question_models WHERE name = ?", (MODEL_NAME,))
    assert after != before
    u, _ = understander.understand("zorblax quux please", "en")
    assert u.intent == "test.zorblax"
    # A start with an unchanged bank loads the stored model instead of training.
    again = await load_understander(db, bank)
    assert again.intents.classes == understander.intents.classes


@pytest.mark.parametrize(
    ("question", "user_language", "language"),
    [
        ("kogda Konin stal partnerom?", "de", "ru"),
        ("chto ty znaesh pro Belgorod", "en", "ru"),
        ("Besiktas ne zaman kardes sehir oldu", "de", "tr"),
        ("Ktore miasta partnerskie ma Herne", "de", "pl"),
        ("Белгород", "de", "ru"),
        ("Konin", "pl", "pl"),
        ("Quel temps fait-il à Paris ?", "tr", "tr"),
    ],
)
async def test_the_question_language_wins_when_clear(db, question, user_language, language):
    understander = await load_understander(db)
    u, _ = understander.understand(question, user_language)
    assert u.language == language
