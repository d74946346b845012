"""Understanding questions: normalisation, names as slots, the trained model and its storage."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

import bot.understanding
from bot.app.application import open_answerer
from bot.db import Database
from bot.kb import load_yaml
from bot.model import LinearModel, loads
from bot.nlp import (
    MAX_QUESTION_CHARS,
    clean,
    features,
    fold_latin,
    language_features,
    latin,
    words,
)
from bot.questions import QuestionLog
from bot.render import to_plain
from bot.resources import data_dir
from bot.search import EntityMatcher
from bot.understanding import (
    FAQ_SAME_QUESTION,
    MODEL_NAME,
    ONE_CITY_INTENTS,
    OUT_OF_SCOPE,
    SLOTS,
    Bank,
    Knowledge,
    Reader,
    bank_dir,
    known_share,
    load_understander,
    train_if_needed,
    training_payload,
)


@pytest.fixture
async def db(settings):
    database = await Database.open(settings.db_path)
    yield database
    await database.close()


@pytest.fixture(scope="module")
def reader(tmp_path_factory, seeded_db_file) -> Reader:
    """The shipped base and bank, read: a Reader only reads them (no test changes it), so the
    tests of this module share one instead of each copying and loading the base (~50 ms)."""
    path = tmp_path_factory.mktemp("reader") / "partnerbot.sqlite3"
    shutil.copyfile(seeded_db_file, path)

    async def load() -> Knowledge:
        database = await Database.open(path)
        try:
            return await Knowledge.load(database)
        finally:
            await database.close()

    return Reader(asyncio.run(load()), Bank.load(bank_dir()))


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


@pytest.mark.parametrize(
    ("question", "language", "sectors"),
    [
        ("Enerjide hangi firmalarla görüşebilirim?", "tr", ("energy",)),  # enerji, inflected
        ("¿Hay algo en enero?", "es", ()),  # January, not Turkish "enerji" inflected
    ],
)
async def test_a_sector_word_is_inflected_only_in_the_questions_language(
    reader, question, language, sectors
):
    assert reader.normalise(reader.scan(clean(question)), language).sectors == sectors


@pytest.mark.parametrize(
    ("question", "language", "sectors"),
    [
        ("Wer pflegt die Partnerschaft mit Wakefield?", "de", ()),  # pflegen, not Pflege
        ("Wer hilft bei Pflegediensten in Konin?", "de", ("health_economy",)),
        ("Where is Konin? Thanks, take care!", "en", ()),
        ("Who can help with elderly care in Konin?", "en", ("health_economy",)),
        ("Konin nerede? Sağlıcakla kalın", "tr", ()),
        ("Konin'de sağlık sektöründe kime başvurmalıyım?", "tr", ("health_economy",)),
        ("Kto opiekuje się partnerstwem z Koninem?", "pl", ()),
    ],
)
async def test_a_common_word_that_begins_like_a_sector_word_is_no_sector(
    reader, question, language, sectors
):
    assert reader.normalise(reader.scan(clean(question)), language).sectors == sectors


@pytest.mark.parametrize(
    ("question", "organisation"),
    [
        ("Как связаться с обществом партнёрских связей?", "partnership-association"),
        ("Jak się skontaktować ze stowarzyszeniem partnerskim?", "partnership-association"),
        ("Kardeş şehirler derneğinin adresi ne?", "partnership-association"),
        ("Wo finde ich die Website der Westfälischen Hochschule?", "westfaelische-hochschule"),
        ("Herne'de ev kiralamak istiyorum", None),  # a house in Herne, not the Herner EV
    ],
)
async def test_every_word_of_a_name_may_be_inflected(reader, question, organisation):
    found = [m.ids for m in reader.scan(clean(question)).entities if m.kind == "organisation"]
    assert found == ([(organisation,)] if organisation else [])


def test_an_apostrophe_leaves_the_word_a_name_is_in():
    assert words("Herne'de Konin'in") == ["herne", "konin"]  # Turkish suffixes
    french = words("le jumelage d'Hénin-Beaumont, l’île d'Ometepe")  # elisions
    assert french == ["le", "jumelage", "hénin", "beaumont", "île", "ometepe"]
    assert words("товариство партнерських зв'язків")[-1] == "зв'язків"  # a Ukrainian letter


@pytest.mark.parametrize(
    ("question", "cities", "others"),
    [
        ("Де знаходиться Конін?", {"konin"}, set()),
        ("Коли була остання поїздка до Коніна?", {"konin"}, set()),
        ("Що відбувалося в Бєлгороді у 2018 році?", {"belgorod"}, set()),
        ("Відколи Айслебен є містом-партнером Герне?", {"eisleben", "herne"}, set()),
        ("泸州什么时候成为黑尔讷的友好城市？", {"luzhou", "herne"}, set()),
        ("泸州市和科宁哪个大", {"luzhou", "konin"}, set()),
        ("贝西克塔什在哪里", {"besiktas"}, set()),
        ("Où se trouve Henin-Beaumont ?", {"henin-beaumont"}, set()),
        ("Depuis quand le jumelage d'Eisleben existe-t-il ?", {"eisleben"}, set()),
        ("¿Desde cuándo la isla de Ometepe está hermanada con Herne?", {"ometepe", "herne"}, set()),
        ("¿Qué es Besiktas?", {"besiktas"}, set()),
        ("Est-ce que Varsovie est jumelée avec Herne ?", {"herne"}, {"Warsaw"}),
        ("基辅是黑尔讷的友好城市吗？", {"herne"}, {"Kyiv"}),
        ("Чи є Відень містом-партнером?", set(), {"Vienna"}),
        ("¿Cómo contacto a la asociación de hermanamiento?", set(), {"partnership-association"}),
    ],
)
async def test_names_in_french_spanish_chinese_and_ukrainian_are_recognised(
    reader, question, cities, others
):
    scan = reader.scan(clean(question))
    found = {(m.kind, i) for m in scan.entities for i in m.ids}
    assert {i for kind, i in found if kind == "city"} == cities
    assert {i for kind, i in found if kind != "city"} == others


@pytest.mark.parametrize(
    ("question", "names"),
    [
        # Words a name's stem or beginning does not make a name: "comes" is no Viena,
        # "again" no Wiedeń, Turkish "topic" no Konin, French "they come" no Vienne.
        ("¿Cuándo viene el alcalde a Herne?", {"herne"}),
        ("Bis wann ist das Büro wieder da?", set()),
        ("Auf Wiedersehen und danke!", set()),
        ("Bu konu hakkında kim bilgi verir?", set()),
        ("Qu'est-ce qui se passe dans les semaines qui viennent ?", set()),
        # The names themselves, declined where the language declines names.
        ("¿Viena es ciudad hermanada?", {"Vienna"}),
        ("Czy Wiedeń jest miastem partnerskim?", {"Vienna"}),
        ("Jak daleko z Warszawy do Konina?", {"Warsaw", "konin"}),
        ("Was macht man in Konins Altstadt?", {"konin"}),
        ("Herne'deki dernek Beşiktaş'takilerle ne zaman buluşuyor?", {"herne", "besiktas"}),
        ("Что сейчас в Москве и в Белгороде?", {"Moscow", "belgorod"}),
    ],
)
async def test_a_name_is_found_by_its_stem_only_where_the_word_holds_it(reader, question, names):
    scan = reader.scan(clean(question))
    assert {i for m in scan.entities for i in m.ids} == names


@pytest.mark.parametrize(
    ("question", "words", "names"),
    [
        # A city's name run into the word before or after it is two words.
        ("Seit wann ist Herne mitKonin verbunden?", ["mit", "konin"], {"herne", "konin"}),
        ("where is wakefieldlocated", ["wakefield", "located"], {"wakefield"}),
        ("Где находитсяБелгород?", ["находится", "белгород"], {"belgorod"}),
        ("gdzie lezyherne", ["lezy", "herne"], {"herne"}),
        # Words that merely hold a name's letters, and a name's own inflections, stay whole.
        ("Wo ist die Kaserne in Konins Altstadt?", ["kaserne", "konins"], {"konin"}),
        ("Der Herner Verein und das Belgoroder Theater", ["herner"], {"herne", "belgorod"}),
        ("Kiedy w Koninie jest festyn?", ["koninie"], {"konin"}),
    ],
)
async def test_a_city_typed_without_a_space_is_a_word_of_its_own(reader, question, words, names):
    scan = reader.scan(clean(question))
    assert all(word in scan.lowered for word in words), scan.lowered
    assert {i for m in scan.entities for i in m.ids} == names


@pytest.mark.parametrize(
    ("question", "names"),
    [
        # One typo from one city's name: a letter swapped, left out, added or replaced, the
        # first letter of a long name too.
        ("seit wann is koinn partnerstadt von herne", {"konin", "herne"}),
        ("z yakoho roku luzhuo partner herne", {"luzhou", "herne"}),
        ("When was lelgorod founded?", {"belgorod"}),
        ("Combien d'habitants compte isleben ?", {"eisleben"}),
        # A name as it sounds: zh, sh and j alike, a letter typed twice or more.
        ("gde nahoditsa lujou", {"luzhou"}),
        ("DONDE ESTA LUSHOU", {"luzhou"}),
        ("Wo liegt Konninn?", {"konin"}),
        ("where is ometepeee", {"ometepe"}),
        # One word of a multi-word name mistyped.
        ("¿Qué web tiene Hnin-Beaumont?", {"henin-beaumont"}),
        ("В какой стране находится Энен-Бмон?", {"henin-beaumont"}),
        ("Wo liegt Lutherstat Eisleben?", {"eisleben"}),
        # A character of a Chinese name typed as another of the same reading.
        ("泸洲在哪个省", {"luzhou"}),
        # As it sounds in the asker's language: a w written ou, u or gu, an affricate written
        # tsch, dsch or dj, a diphthong written aj or ey; a name typed as a syllable and a word.
        ("ouakefild c'est où", {"wakefield"}),
        ("uakefild dónde está", {"wakefield"}),
        ("wo liegt Ludschou", {"luzhou"}),
        ("loudjou c'est où", {"luzhou"}),
        ("ajzleben gdzie to jest", {"eisleben"}),
        ("eyzleben nerede", {"eisleben"}),
        ("Wie viele Leute wohnen in Lu Zhou?", {"luzhou"}),
        ("lu-zhou nerede", {"luzhou"}),
        ("her ne zaman", set()),
        # A Russian or Ukrainian name ending in й, declined.
        ("Какой город-партнёр находится в Китае?", {"luzhou"}),
        ("партнер из Китая", {"luzhou"}),
        # Words stay words: a replaced letter in a short name, a typo on top of a name as it
        # sounds, a word the bank uses, a short word, a name's own neighbour in Chinese.
        ("Ist Berne eine Partnerstadt?", set()),
        ("Sehr geehrte Damen und Herren, wo liegt Ometepe?", {"ometepe"}),
        ("Quel genre de jumelage ?", set()),
        ("Bu konu hakkında kim bilgi verir?", set()),
        ("科学和技术", set()),
    ],
)
async def test_a_city_typed_with_a_typo_or_as_it_sounds_is_that_city(reader, question, names):
    scan = reader.scan(clean(question))
    assert {i for m in scan.entities for i in m.ids} == names


@pytest.mark.parametrize(
    "question",
    [
        "Я студентка-германістка зі Львова",
        "Ich studiere Germanistik",
        "I'm a germanist",
        "jestem polonistką",
        "я англіст",
        "германизм",
    ],
)
async def test_a_word_made_from_a_countrys_name_is_no_country(reader, question):
    assert reader.scan(clean(question)).entities == []
    # Its forms still are: "в Германии", "Almanya'da".
    assert reader.scan(clean("в Германии")).entities[0].ids == ("eisleben",)


def test_a_word_of_the_bank_is_never_a_typo_of_a_name():
    names = [("city", "Herne", ("herne",), None), ("city", "Konin", ("konin",), None)]
    assert EntityMatcher(names).find(["hernes", "koinn"])[1].ids == ("konin",)
    matcher = EntityMatcher(names, ["koinn"])
    assert [m.ids for m in matcher.find(["koinn"])] == []


def test_a_changed_faq_reads_its_own_words_again_and_not_the_banks():
    """The bank's words near a name are kept by the bank's key; the FAQ's, which the office
    changes, are read at each new matcher: together the same words as read at once."""
    names = [("city", "Herne", ("herne",), None), ("city", "Konin", ("konin",), None)]
    reads = []

    def bank_words() -> list[str]:
        reads.append(1)
        return ["koinn", "wohnen"]

    key = ("a bank read once", id(reads))
    first = EntityMatcher(names, bank_words, words_key=key, other_words=lambda: ["hernr"])
    again = EntityMatcher(names, bank_words, words_key=key, other_words=["kohnin", "heute"])
    assert reads == [1]
    assert first.near_words == EntityMatcher(names, ["koinn", "wohnen", "hernr"]).near_words
    assert again.near_words == EntityMatcher(names, ["koinn", "wohnen", "kohnin"]).near_words
    assert {"koinn", "kohnin"} <= again.near_words and "hernr" not in again.near_words


async def test_an_events_texts_name_the_cities_taking_part_not_their_countries(reader):
    text = "Jugendorchester aus Konin zu Gast in Herne\nMusik aus Polen, Eintritt frei."
    assert reader.cities_named(text) == ["konin", "herne"]
    assert reader.cities_named("Koncert orkiestry z Konina") == ["konin"]
    assert reader.cities_named("科宁青年乐团来黑尔讷演出") == ["konin", "herne"]


async def test_what_a_city_is_known_by_stands_for_it_unless_the_city_is_named(reader):
    scan = reader.scan(clean("Where is Luther's home town?"))
    normalised = reader.normalise(scan, "en")
    assert [(m.kind, m.ids) for m in scan.entities] == [("known_by", ("eisleben",))]
    # The placeholder for the classifier, the word for the FAQ index.
    surface, lemmas = normalised.document.split("\t")
    assert "xcityx" in surface and "luther" not in surface and "luther" in lemmas
    lake = reader.scan(clean("Wie viele Menschen leben im Nicaraguasee?"))
    assert [m.ids for m in lake.entities] == [("ometepe",)]
    beside = reader.scan(clean("What has Eisleben to do with Martin Luther?"))
    assert [(m.kind, m.ids) for m in beside.entities] == [("city", ("eisleben",))]
    # The bank's phrasings read such names as words, and so do events: a Luther exhibition
    # in Herne is no Eisleben event.
    assert reader.scan(clean("Where was Luther born?"), known_by=False).entities == []
    assert reader.cities_named("Luther-Ausstellung in Herne") == ["herne"]


def test_every_name_a_city_is_known_by_is_backed_by_one_of_its_sources():
    cities = {c["id"]: c for c in load_yaml((data_dir() / "cities.yaml").read_text())["cities"]}
    known_by = load_yaml((bank_dir() / "known_by.yaml").read_text())["known_by"]
    assert known_by
    for entry in known_by:
        city = cities[entry["city"]]
        assert city["partner"] and entry["source"] in city["sources"]
        assert entry["source"] in city["fact_sources"]["names"]
        assert set(entry["names"]) == {"de", "en", "ru", "pl", "tr", "fr", "es", "zh", "uk"}


def test_every_region_is_backed_by_its_citys_source_for_where_it_lies():
    cities = {c["id"]: c for c in load_yaml((data_dir() / "cities.yaml").read_text())["cities"]}
    regions = load_yaml((bank_dir() / "regions.yaml").read_text())["regions"]
    assert regions
    for entry in regions:
        city = cities[entry["city"]]
        assert city["partner"] and entry["source"] in city["fact_sources"]["where"]
        assert set(entry["names"]) == {"de", "en", "ru", "pl", "tr", "fr", "es", "zh", "uk"}


async def test_a_region_stands_for_its_partner_city_as_a_country_does(reader):
    scan = reader.scan(clean("które miasto partnerskie leży w Wielkopolsce?"))
    assert [(m.kind, m.ids) for m in scan.entities] == [("region", ("konin",))]
    # "Greater Poland" is a region, not Poland; "Sachsen" alone is another state.
    greater = reader.scan(clean("which partner city is in greater poland"))
    assert [(m.start, m.end) for m in greater.entities] == [(5, 7)]
    assert reader.scan(clean("Hat Herne eine Partnerstadt in Sachsen?")).entities[1:] == []


async def test_the_spelling_vocabulary_knows_a_word_in_its_own_language_only(db):
    speller = (await load_understander(db)).speller
    # "essen" is a word of the German bank; in a Turkish question it is the city's name.
    assert speller.knows("essen", "de") and not speller.knows("essen", "tr")
    assert not speller.knows("oberhausen", "en")


def small_bank(tmp_path):
    """The English bank and the places only: a training on all nine banks would prove
    nothing more here and costs half a minute of CPU."""
    bank = tmp_path / "questions"
    bank.mkdir()
    for name in ("en.yaml", "places.yaml"):
        shutil.copy(data_dir() / "questions" / name, bank / name)
    return bank


@dataclass(frozen=True)
class Retrained:
    """A copy of the seeded database after a start with a changed bank (`bank`), and the key
    of the model it held before."""

    db_path: Path
    bank: Path
    before: str


@pytest.fixture(scope="session")
def small_bank_model(tmp_path_factory, seeded_db_file) -> Retrained:
    """One training in a child for the tests that only read the model it stores (each costs
    seconds of CPU): the small bank with a phrasing of a new intent, as an editor adds one."""
    folder = tmp_path_factory.mktemp("retrained")
    db_path = folder / "partnerbot.sqlite3"
    shutil.copyfile(seeded_db_file, db_path)
    bank = small_bank(folder)
    (bank / "extra.yaml").write_text(
        'language: en\nintents:\n  test.zorblax:\n    - "zorblax quuxification"\n'
        '    - "zorblax quux"\n    - "any zorblax today?"\n',
        encoding="utf-8",
    )

    async def retrain() -> str:
        db = await Database.open(db_path)
        try:
            query = "SELECT key FROM question_models WHERE name = ?"
            before = await db.scalar(query, (MODEL_NAME,))
            await load_understander(db, bank)  # trains in the child and stores the model
            return before
        finally:
            await db.close()

    return Retrained(db_path, bank, asyncio.run(retrain()))


@pytest.fixture
async def retrained_db(small_bank_model):
    database = await Database.open(small_bank_model.db_path)
    yield database
    await database.close()


@pytest.mark.slow
async def test_the_stored_model_predicts_what_scikit_learn_predicts(small_bank_model, retrained_db):
    """The bot's numpy prediction (bot/model.py) of a model the training child stored,
    against scikit-learn fitted again on the same training phrasings, for both classifiers."""
    from bot.train import (
        INTENT_C,
        LANGUAGE_C,
        fit_sklearn,
        intent_examples,
        language_examples,
        unique,
    )

    db, bank = retrained_db, small_bank_model.bank
    arrays = loads(
        await db.scalar("SELECT data FROM question_models WHERE name = ?", (MODEL_NAME,))
    )
    reader = Reader(await Knowledge.load(db), Bank.load(bank))
    payload = training_payload(reader, Bank.load(bank))
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
        assert len(stored.classes) > 2


def test_calibration_holds_out_the_same_phrasings_when_one_is_added():
    """A fifth of the phrasings fit the softmax temperature; adding one to the bank must not
    swap the others in and out (a sample drawn from their numbers did, and every confidence
    moved with the temperature)."""
    from bot.train import CALIBRATION_SHARE, _held_out

    examples = [(f"wo liegt ort{g} {v}", "city.where", g) for g in range(2000) for v in range(3)]
    held = _held_out(examples)
    assert abs(len(held) / 2000 - CALIBRATION_SHARE) < 0.05
    # One phrasing inserted at the front renumbers every other group by one.
    shifted = [(d, label, g + 1) for d, label, g in examples]
    grown = [("ganz neue frage", "city.where", 0), *shifted]
    assert {g - 1 for g in _held_out(grown) if g} == held


@pytest.mark.slow
async def test_a_new_bank_phrasing_retrains_the_model(small_bank_model, retrained_db):
    db, bank = retrained_db, small_bank_model.bank
    after = await db.scalar("SELECT key FROM question_models WHERE name = ?", (MODEL_NAME,))
    assert after != small_bank_model.before
    understander = await load_understander(db, bank)
    u, _ = understander.understand("zorblax quux please", "en")
    assert u.intent == "test.zorblax"
    # A start with an unchanged bank loads the stored model instead of training.
    again = await load_understander(db, bank)
    assert again.intents.classes == understander.intents.classes
    key = await db.scalar("SELECT key FROM question_models WHERE name = ?", (MODEL_NAME,))
    assert key == after


def test_the_model_cache_keeps_the_models_used_last(tmp_path, monkeypatch):
    """Every change of the bank or the base trains a model of its own: the cache on disk
    keeps the models used last that fit in its bytes, so it does not grow with every model
    ever trained, and a large model leaves fewer of the others."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(bot.understanding, "CACHE_BYTES", 4)
    monkeypatch.setattr(bot.understanding, "CACHE_KEEP", 2)
    monkeypatch.setattr(bot.understanding, "_trained", {})
    directory = tmp_path / "partnerbot" / "question-models"

    def on_disk() -> list[str]:
        return sorted(p.name for p in directory.iterdir())

    for age, (key, data) in enumerate([("a", b"aa"), ("b", b"b"), ("c", b"c"), ("d", b"dd")]):
        bot.understanding._keep(key, data)
        # File times one hour apart, oldest first: coarse file-system clocks cannot tie them.
        os.utime(directory / f"{key}.npz", (1e9 + 3600 * age, 1e9 + 3600 * age))
    assert on_disk() == ["b.npz", "c.npz", "d.npz"]  # 4 bytes: "a" no longer fits
    assert list(bot.understanding._trained) == ["c", "d"]  # in memory, the CACHE_KEEP last
    # Reading a model from the disk counts as using it: "b" outlives the newer "c".
    bot.understanding._trained.clear()
    assert bot.understanding._cached("b") == b"b"
    bot.understanding._keep("e", b"e")
    assert on_disk() == ["b.npz", "d.npz", "e.npz"]
    # One model larger than the whole budget is still kept, alone.
    bot.understanding._keep("f", b"ffffff")
    assert on_disk() == ["f.npz"]


async def test_a_training_child_refuses_data_other_than_the_key_names(db, monkeypatch):
    """The child reads the base and the bank itself: when they are not what the bot asked a
    model for (changed in between), the bot gets a clear error and the database keeps the
    model it held."""
    query = "SELECT key, data FROM question_models WHERE name = ?"
    before = tuple(await db.fetchone(query, (MODEL_NAME,)))
    monkeypatch.setattr(bot.understanding, "model_key", lambda knowledge, bank: "0" * 64)
    with pytest.raises(RuntimeError, match=r"training failed: .*changed since the bot asked"):
        await train_if_needed(db)
    assert tuple(await db.fetchone(query, (MODEL_NAME,))) == before


async def test_an_office_entry_joins_the_faq_index_without_retraining(db):
    understander = await load_understander(db)
    key = await db.scalar("SELECT key FROM question_models WHERE name = ?", (MODEL_NAME,))
    log = QuestionLog(db)
    logged = await log.log("fallback", "Gibt es in Herne einen Zauberladen für Kinder?", "de")
    await log.answer([logged.id], "Nein, leider nicht.", 1, lambda rows: ["Antwort"])
    faq_id = await log.to_faq(logged.id)
    again = await load_understander(db)
    assert await db.scalar("SELECT key FROM question_models WHERE name = ?", (MODEL_NAME,)) == key
    assert again.intents is understander.intents
    u, closest = again.understand("gibt es einen Zauberladen für Kinder in Herne", "de")
    assert (u.intent, u.confidence >= 0.4) == (f"faq.{faq_id}", True)
    assert closest[0][1] >= FAQ_SAME_QUESTION
    # The office's own word, which the bank never uses, counts: the same frame around
    # another word is not the same question.
    _, closest = again.understand("Gibt es in Herne einen Hundesalon für Kinder?", "de")
    assert closest[0][1] < FAQ_SAME_QUESTION


@pytest.mark.parametrize(
    ("question", "user_language", "language"),
    [
        ("kogda Konin stal partnerom?", "de", "ru"),
        ("chto ty znaesh pro Belgorod", "en", "ru"),
        ("Besiktas ne zaman kardes sehir oldu", "de", "tr"),
        ("Ktore miasta partnerskie ma Herne", "de", "pl"),
        ("Белгород", "de", "ru"),
        ("Konin", "pl", "pl"),
        ("Quel temps fait-il à Paris ?", "tr", "fr"),
        ("Коли Конін став містом-партнером?", "ru", "uk"),
        ("泸州在哪里？", "de", "zh"),
        ("コニンはどこですか", "pl", "pl"),
    ],
)
async def test_the_question_language_wins_when_clear(db, question, user_language, language):
    understander = await load_understander(db)
    u, _ = understander.understand(question, user_language)
    assert u.language == language


async def test_answers_about_one_organisation_share_their_confidence(db):
    understander = await load_understander(db)
    assert understander.contacted["association.contact"] == {"partnership-association"}
    # The office's answer quotes the association's entry: it is about the association too.
    assert understander.contacted["office.contact"] >= {"partnership-association"}
    question = "Wer ist Vorsitzender des Partnerschaftsvereins?"
    u, closest = understander.understand(question, "de")
    assert u.organisations == ("partnership-association",)
    entry = understander.reader.knowledge.faq[closest[0][0]]
    assert "partnership-association" in entry.organisations
    # Reaching the association, its card and its FAQ entry all answer about it: the most
    # probable of them gets their probabilities together (times the known-word share; among
    # the intents that fit a question naming something, so a little more).
    reader = understander.reader
    document = reader.normalise(reader.scan(clean(question)), "de").document
    ranked = dict(understander.intents.ranked(understander.intents.vector(document)))
    together = ranked["association.contact"] + ranked["org.info"] + ranked["faq"]
    share = known_share(understander.intents, document)
    assert u.intent in ("association.contact", "org.info", f"faq.{entry.id}")
    assert u.confidence >= together * share > max(ranked.values()) * share


async def test_an_faq_entry_about_organisations_of_other_sectors_is_not_the_answer(db):
    understander = await load_understander(db)
    closest = [("nanotech-partners-herne", 0.9), ("polish-roots-herne", 0.4)]
    closest.append(("business-herne-contact", 0.3))
    # The universities Herne chose for nanotechnology are no logistics contacts, nor is an
    # entry about no sector at all (Herne's Polish roots for "logistics firms exporting to
    # Poland")...
    assert understander._entry_for(closest, (), ("logistics",)) == closest[2]
    assert understander._entry_for(closest[:2], (), ("logistics",)) is None
    # ... but they are for science, and for a question naming no sector.
    assert understander._entry_for(closest, (), ("science",)) == closest[0]
    assert understander._entry_for(closest, (), ()) == closest[0]
    # An entry is about the sectors its questions name as well as its organisations'.
    rock = understander.reader.knowledge.faq["plan-rock-exchange"]
    assert not rock.organisations and understander._sectors(rock) == {"culture"}
    u, _ = understander.understand("黑尔讷有哪些物流公司可以联系？", "zh")
    assert u.sectors == ("logistics",) and u.intent == "contacts.sector"


async def test_a_dated_faq_entry_of_another_year_than_the_question_names_is_not_the_answer(db):
    understander = await load_understander(db)
    closest = [("belgorod-extension-2018", 0.9), ("belgorod-aid-convoys", 0.4)]
    # The 2018 extension does not answer who signed in 1990 ...
    extension = understander.reader.knowledge.faq["belgorod-extension-2018"]
    assert "1990" not in " ".join(extension.answers.values())
    assert understander._entry_for(closest, ("belgorod",), (), frozenset({"1990"})) != closest[0]
    # Nor is an entry about other organisations than the question names.
    about = [("ruhrvalley-office-2021", 0.9), ("association-about", 0.5)]
    association = ("partnership-association",)
    assert understander._entry_for(about, (), (), frozenset(), association) == about[1]
    assert understander._entry_for(about, (), (), frozenset(), ("ruhrvalley",)) == about[0]
    assert understander._entry_for(about, (), ()) == about[0]
    # ... but it answers a question naming its year, a year its answer names, or none.
    for years in ({"2018"}, {"2019"}, set()):
        assert understander._entry_for(closest, ("belgorod",), (), frozenset(years)) == closest[0]
    u, _ = understander.understand(
        "Wer hat 1990 den Partnerschaftsvertrag mit Belgorod unterschrieben?", "de"
    )
    assert u.intent != "faq.belgorod-extension-2018"


@pytest.mark.parametrize(
    ("question", "language", "intent"),
    [
        # The association by a bare word the matcher does not take for its name (the bank
        # teaches "сколько членов в обществе" itself since round 25: "when" alone is the case).
        ("Когда основали общество?", "ru", "faq.association-about"),
        ("协会有官网吗", "zh", "association.contact"),
        # Nothing but a city's fact, and no city: not understood, not another intent.
        ("Wann wurde es gegründet?", "de", "out_of_scope"),
    ],
)
async def test_a_question_naming_no_place_is_no_citys_fact(db, question, language, intent):
    understander = await load_understander(db)
    reader = understander.reader
    document = reader.normalise(reader.scan(clean(question)), language).document
    best = understander.intents.ranked(understander.intents.vector(document))[0][0]
    assert best in ONE_CITY_INTENTS  # what the classifier alone would answer
    u, _ = understander.understand(question, language)
    assert u.intent == intent and not u.cities and not u.places
    assert (u.confidence >= 0.4) == (intent != "out_of_scope")


async def test_a_question_naming_an_organisation_and_no_city_is_not_about_a_city(db):
    understander = await load_understander(db)
    u, _ = understander.understand("Le comité de jumelage a-t-il un site internet ?", "fr")
    assert u.organisations == ("partnership-association",) and not u.cities
    assert not u.intent.startswith("city.") and u.confidence >= 0.4


async def test_no_question_the_bank_refuses_is_worded_like_a_shipped_faq_question(db):
    # An entry worded all but like the question wins over the bank's "out of scope" (the
    # office's answers): the shipped base must stay far from every question the bank refuses.
    understander = await load_understander(db)
    for language, intent, phrasing in Bank.load(bank_dir()).phrasings:
        if intent == OUT_OF_SCOPE:
            _, closest = understander.understand(SLOTS.sub("Konin", phrasing), language)
            assert not closest or closest[0][1] < FAQ_SAME_QUESTION, (phrasing, closest[0])


def test_a_name_is_matched_as_it_sounds():
    matcher = EntityMatcher([("city", "Wakefield", ("wakefield",), None)])
    found = matcher.find(["vakefild", "partner"])
    assert [(m.ids, m.start, m.end) for m in found] == [(("wakefield",), 0, 1)]


def test_the_faq_index_holds_each_entrys_normalised_mean_question():
    from bot.train import faq_index, fit

    docs = [
        ("luther born eisleben\tluther bear eisleben", "luther"),
        ("where was luther born\twhere be luther bear", "luther"),
        ("mine disaster courrieres\tmine disaster courrieres", "mine"),
        ("rescue team shamrock\trescue team shamrock", "mine"),
        ("hockey club game\thockey club game", "hockey"),
    ]
    model = fit([d for d, _ in docs], ["x", "x", "y", "y", "z"], features, 1.0)
    index = faq_index(model, docs)
    for entry in ("luther", "mine", "hockey"):
        total: dict[int, float] = {}
        for doc, owner in docs:
            if owner == entry:
                columns, values = model.vector(doc)
                for column, value in zip(columns.tolist(), values.tolist(), strict=True):
                    total[column] = total.get(column, 0.0) + value
        norm = sum(v * v for v in total.values()) ** 0.5
        number = index.entries.index(entry)
        stored = {
            column: float(index.values[position])
            for column in range(len(index.indptr) - 1)
            for position in range(index.indptr[column], index.indptr[column + 1])
            if index.members[position] == number
        }
        assert stored.keys() == total.keys()
        assert all(abs(stored[c] - v / norm) < 1e-6 for c, v in total.items())
    assert index.top(model.vector("where was luther born\twhere be luther bear"), 1)[0][0] == (
        "luther"
    )


def test_training_skips_phrasings_whose_slot_the_base_has_no_value_for(reader, tmp_path):
    """A base without organisations or partner cities (a migrated database not yet seeded, an
    import of part of a base) still trains: the phrasings with such a slot teach nothing."""
    small = tmp_path / "questions"
    small.mkdir()
    for name in ("en.yaml", "places.yaml"):
        shutil.copyfile(bank_dir() / name, small / name)
    bank = Bank.load(small)
    full = training_payload(Reader(reader.knowledge, bank), bank)
    bare = dataclasses.replace(reader.knowledge, organisations={}, cities={})
    payload = training_payload(Reader(bare, bank), bank)
    slotted = {
        group
        for group, (_, _, phrasing) in enumerate(bank.phrasings)
        if re.search(r"\{(city2?|org)\}", phrasing)
    }
    assert slotted
    groups = {e["group"] for e in payload["intents"]}
    assert groups and not groups & slotted
    assert groups == {e["group"] for e in full["intents"]} - slotted


async def test_training_reads_a_bounded_sample_of_a_large_faq(db, monkeypatch, tmp_path):
    import bot.understanding

    monkeypatch.setattr(bot.understanding, "FAQ_TAUGHT", 50)
    # The FAQ is sampled whatever the bank says: the English bank alone (a tenth of the
    # normalising) leaves every FAQ question of every language to sample.
    small = tmp_path / "questions"
    small.mkdir()
    for name in ("en.yaml", "places.yaml"):
        shutil.copyfile(bank_dir() / name, small / name)
    bank = Bank.load(small)
    reader = Reader(await Knowledge.load(db), bank)
    payload = training_payload(reader, bank)
    bank_groups = len(bank.phrasings)
    taught = {e["group"] for e in payload["intents"] if e["group"] >= bank_groups}
    assert len(taught) == 50
    # Every other question of an entry answered by its own text is in the FAQ index, once.
    own = [
        (language, q)
        for entry in reader.knowledge.faq.values()
        if not entry.intents
        for language, questions in entry.questions.items()
        for q in questions
    ]
    taught_own = {
        e["group"] for e in payload["intents"] if e.get("entry") and e["group"] >= bank_groups
    }
    assert taught_own and len(payload["index"]) == len(own) - len(taught_own)
    assert {e["entry"] for e in payload["index"]} <= set(reader.knowledge.faq)


@pytest.mark.parametrize(
    ("question", "language", "months"),
    [
        ("Was ist im Januar und im Maerz los?", "de", (1, 3)),
        ("Что будет в январе?", "ru", (1,)),
        ("chto budet v dekabre", "ru", (12,)),  # Russian in Latin letters
        ("Czy coś się dzieje w październiku?", "pl", (10,)),
        ("Чи є щось у березні?", "uk", (3,)),
        ("Aralık'ta ne var? aralikta?", "tr", (12,)),
        ("¿Hay algo en setiembre?", "es", (9,)),
        ("十二月和5月有活动吗", "zh", (12, 5)),
        ("一个月以后呢", "zh", ()),  # "one month" is no month's name
        ("May I ask what is on in May?", "en", (5,)),  # the first May asks
        ("we march to Konin", "en", ()),
        ("What happened in May 2015?", "en", ()),  # a date, not a month asked about
        ("2015年5月发生了什么", "zh", ()),
    ],
)
def test_months_are_read_in_their_language_and_inflection(reader, question, language, months):
    normalised = reader.normalise(reader.scan(clean(question)), language)
    assert normalised.months == months
    assert ("xmonthx" in normalised.document) == bool(months)


@pytest.mark.parametrize(
    ("question", "language", "asks"),
    [
        ("who signed the partnership with Wakefield?", "en", ("signatory",)),
        ("Wer hat 1956 die Urkunde mit Wakefield unterschrieben?", "de", ("signatory",)),
        ("Кто подписывал договор с Уэйкфилдом?", "ru", ("signatory",)),
        ("Хто підписав угоду з Вейкфілдом?", "uk", ("signatory",)),
        ("kto podpisal umowe z Wakefield", "pl", ("signatory",)),  # without diacritics
        ("Konin ile kardeşlik kimin fikriydi?", "tr", ("initiator",)),
        ("¿De quién fue la idea del hermanamiento con Konin?", "es", ("initiator",)),
        ("czyj to był pomysł, żeby współpracować z Koninem?", "pl", ("initiator",)),
        ("Combien d'élèves ont participé à l'échange en 1995 ?", "fr", ("count",)),
        ("1995年交流有多少学生参加？", "zh", ("count",)),
        ("how many pupils took part in the exchange in 1995?", "en", ("count",)),
        # A question of its topic alone asks for nothing more.
        ("When was the partnership with Wakefield signed?", "en", ()),
        ("Wie viele Leute wohnen in Konin?", "de", ()),
        ("Who do I ask to sign up for the trip to Konin?", "en", ()),
        ("сколько лет назад подписали договор с белгородом", "ru", ()),
        ("Qui organise les voyages à Konin ?", "fr", ()),
        # A short cue word is a whole word; a present-tense "who arranges" asks for a contact.
        ("Którego dnia podpisano deklarację?", "pl", ()),
        ("Wann werden die Verträge mit Konin unterschrieben?", "de", ()),
        ("Wer vermittelt Kontakte in der Logistik?", "de", ()),
        ("谁能帮我介绍一下科宁的企业？", "zh", ()),
        ("Wer hat den Kontakt zu Konin vermittelt?", "de", ("initiator",)),
        ("is there a homepage of the twinning association", "en", ("website",)),
        ("Czy stowarzyszenie ma stronę internetową?", "pl", ("website",)),
        ("友好城市协会有官网吗", "zh", ("website",)),
    ],
)
async def test_what_a_question_asks_for_besides_its_topic_is_read_by_the_banks_cues(
    reader, question, language, asks
):
    assert reader.asked_for(question, language) == asks


def test_a_bank_cue_asking_for_what_no_entry_can_hold_is_refused(tmp_path):
    (tmp_path / "en.yaml").write_text(
        "language: en\nintents: {}\nasks:\n  mayor: [who is the mayor]\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="mayor"):
        Bank.load(tmp_path)


@pytest.mark.parametrize(
    ("question", "language", "expected", "unexpected"),
    [
        # The base holds the 1990 signatories, the 2018 extension's, the declaration's for Konin.
        ("кто подписал договор с белгородом в 1990 году", "ru", "польман|pohlmann", "полежаев"),
        (
            "Wer hat 2018 die Verlängerung der Partnerschaft mit Belgorod unterschrieben?",
            "de",
            "dudda",
            "polezhaev",
        ),
        ("Who signed the 2018 declaration for Konin?", "en", "nowicki", None),
        (
            "how did konin become a partner in the first place, who introduced them",
            "en",
            "hénin",
            None,
        ),
    ],
)
async def test_a_question_asking_for_what_the_base_holds_gets_it(
    db, catalogs, question, language, expected, unexpected
):
    answer = await (await open_answerer(db, catalogs)).answer(question, language)
    text = to_plain(answer).lower()
    assert not answer.fallback and re.search(expected, text), text
    assert unexpected is None or unexpected not in text


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # The base holds when these partnerships began, not who signed or whose idea they were.
        ("who signed the partnership with Wakefield?", "en"),
        ("Wer hat 1990 bei der Partnerschaft mit Eisleben unterschrieben?", "de"),
        ("Кто подписывал договор с Уэйкфилдом в 1956-м?", "ru"),
        ("Wakefield ile kardeşlik kimin fikriydi?", "tr"),
        ("谁提议和泸州结为友好城市的？", "zh"),
        ("¿Cuántos alumnos participaron en el intercambio con Konin en 1995?", "es"),
    ],
)
async def test_a_question_asking_for_what_the_base_lacks_falls_back(
    db, catalogs, question, language
):
    answer = await (await open_answerer(db, catalogs)).answer(question, language)
    assert answer.fallback, answer.entry


def test_the_language_sample_keeps_its_examples_when_one_is_added(monkeypatch):
    """The language classifier's sample is chosen by a checksum of each phrasing: a phrasing
    added to the bank keeps or drops only its own examples (a sample drawn by position redrew
    every one)."""
    from zlib import crc32

    import bot.train
    from bot.train import language_examples

    monkeypatch.setattr(bot.train, "LANGUAGE_EXAMPLES", 600)
    spoken = [
        {"doc": f"frage {i} {v}", "labels": [language], "group": i, "phrasing": crc32(b"%d" % i)}
        for i, language in enumerate(["de", "en", "ru"] * 200)
        for v in range(2)
    ]
    kept = language_examples({"languages": spoken})
    assert len(kept) == 600
    assert all(150 < sum(label == g for _, label, _ in kept) < 250 for g in ("de", "en", "ru"))
    added = [
        {"doc": f"neue frage {v}", "labels": ["de"], "group": 9999, "phrasing": crc32(b"neu")}
        for v in range(2)
    ]
    others = {e for e in language_examples({"languages": [*added, *spoken]}) if e[2] != 9999}
    # At most the two variants of one other phrasing make room for the new one's.
    assert others <= set(kept) and len(set(kept) - others) <= 2


def test_an_faq_centroid_weighs_each_language_equally():
    """An entry asked in one language many times (and in Latin letters too) and once in
    Chinese: the Chinese question still finds its entry, with each language's questions
    averaged on their own before the languages are."""
    from bot.train import faq_index, fit

    docs = [(f"gde nahoditsya muzey nomer {i}\tgde muzey {i}", "museum") for i in range(30)]
    docs += [("博 物 馆 在 哪 里\t博 物 馆 在 哪 里", "museum")]
    docs += [("kogda osnovan klub\tkogda klub", "club"), ("俱 乐 部 成 立\t俱 乐 部 成 立", "club")]
    languages = ["ru"] * 30 + ["zh", "ru", "zh"]
    # Every word in two documents at least, as the model's vocabulary needs.
    model = fit([d for d, _ in docs] * 2, (["x"] * 31 + ["y"] * 2) * 2, features, 1.0)
    question = model.vector("博 物 馆 在 哪 里\t博 物 馆 在 哪 里")
    mixed = dict(faq_index(model, docs).top(question))
    by_language = dict(faq_index(model, docs, languages).top(question))
    assert by_language["museum"] > 2 * mixed["museum"]
    assert by_language["museum"] > 0.5


@pytest.mark.parametrize(
    ("question", "language", "kinds"),
    [
        ("Gibt es in Konin eine Industrie- und Handelskammer?", "de", ("chamber_of_commerce",)),
        ("Wann ist die nächste Fachmesse in Wakefield?", "de", ("trade_fair",)),
        ("podajcie kontakt do izby handlowej w Koninie", "pl", ("chamber_of_commerce",)),
        ("Нужен нотариус и адвокат в Херне", "ru", ("lawyer",)),
        ("Beşiktaş Ticaret Odası'nın telefonu", "tr", ("chamber_of_commerce",)),
        ("黑尔讷有会说中文的税务顾问吗", "zh", ("tax_adviser",)),
        ("Who can help my company with logistics in Konin?", "en", ()),
        ("Czy coś się dzieje w maju?", "pl", ()),
        # A Christmas market may be an event of the events table: no kind.
        ("Когда рождественская ярмарка в Конине?", "ru", ()),
        ("¿Cuándo es la feria de Navidad en Konin?", "es", ()),
    ],
)
async def test_kinds_of_organisation_are_read_in_any_inflection(reader, question, language, kinds):
    assert reader.kinds_named(reader.scan(clean(question)), language) == kinds


async def test_no_answerable_phrasing_names_a_kind_the_base_holds_none_of(reader):
    """kinds.yaml makes a question fall back: no phrasing of the bank nor question of the FAQ
    that has an answer may name such a kind (out-of-scope phrasings may)."""
    phrasings = Bank.load(bank_dir()).phrasings
    phrasings += [
        (language, f"faq.{entry.id}", question)
        for entry in reader.knowledge.faq.values()
        for language, questions in entry.questions.items()
        for question in questions
    ]
    naming = [
        (language, intent, text)
        for language, intent, text in phrasings
        if intent != OUT_OF_SCOPE and reader.kinds_named(reader.scan(clean(text)), language)
    ]
    assert not naming, "\n".join(map(repr, naming))


async def test_the_most_probable_group_of_answers_answers_not_the_most_probable_intent(
    db, monkeypatch
):
    understander = await load_understander(db)
    ranked = [
        ("contacts.business", 0.32),
        ("org.info", 0.23),
        ("association.contact", 0.23),
        ("faq", 0.11),
        ("out_of_scope", 0.11),
    ]
    monkeypatch.setattr(understander.intents, "ranked", lambda vector: ranked)
    association = ("partnership-association",)
    closest = [("association-about", 0.5)]
    # Split between the association's card, its entry and how to reach it, the question is
    # about the association, however probable business contacts are on their own.
    intent, confidence = understander._intent(None, (), association, (), (), closest, ())
    assert intent == "org.info" and confidence == pytest.approx(0.57)
    # Without the card (no organisation named) and with an FAQ entry about something else,
    # how to reach the association stands alone, and the single most probable reading answers.
    other = [("polish-roots-herne", 0.5)]
    intent, confidence = understander._intent(None, (), (), (), (), other, ())
    assert intent == "contacts.business" and confidence == pytest.approx(0.32)


@pytest.mark.parametrize(
    ("question", "language", "expected", "unexpected"),
    [
        # What the two cities signed or agreed in 2018 is the declaration (January), not the
        # school visit of the same year that also names both cities.
        ("so what did herne and belgorod sign back in 2018", "en", "declaration", "gymnasium"),
        ("Herne und Belgorod haben 2018 was vereinbart, was denn?", "de", "erklärung", "gymnasium"),
        ("黑尔讷和别尔哥罗德2018年签了什么", "zh", "宣言", "中学"),
        # Going to Belgorod on an exchange now is a question of the partnership's status.
        ("czy da się jeszcze pojechać do Biełgorodu na wymianę", "pl", "2022", None),
    ],
)
async def test_what_herne_and_belgorod_agreed_in_2018_and_going_there_now(
    db, catalogs, question, language, expected, unexpected
):
    answer = await (await open_answerer(db, catalogs)).answer(question, language)
    text = to_plain(answer).lower()
    assert not answer.fallback and re.search(expected, text), text
    assert unexpected is None or unexpected not in text
