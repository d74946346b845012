"""Sectors named by a trade (round 24): data/questions/trades.yaml's words ("haulier",
"technology transfer", "research lab") are read as their sector in questions but never fill a
phrasing's {sector} slot; a school exchange to Belgorod is the entry on exchanges now, not the
one on nanotechnology research."""

from __future__ import annotations

import re

import pytest

from bot.kb import load_yaml
from bot.nlp import clean, lemma, words
from bot.render import to_plain
from bot.understanding import Bank, _slot_values, bank_dir


@pytest.fixture
def qa(shared_qa):
    """The worker's answerer (conftest's `shared_qa`): these tests only ask."""
    return shared_qa


UNIVERSITIES = re.compile(r"ruhrvalley|hs-bochum|fh-dortmund|w-hs\.de")
ASSOCIATION = re.compile(r"partnerschaftlichen beziehungen", re.IGNORECASE)
SUSPENDED = re.compile(r"2022")


@pytest.mark.parametrize(
    ("question", "language", "sector"),
    [
        ("Wer hilft beim Technologietransfer mit Hochschulen?", "de", "science"),
        ("knowledge transfer with universities near Herne, who can help?", "en", "science"),
        ("Где найти лабораторию для совместных исследований?", "ru", "science"),
        ("Szukamy partnerów do transferu technologii", "pl", "science"),
        ("Laboratuvar ortağı arıyoruz", "tr", "science"),
        ("Un laboratoire de recherche pour coopérer ?", "fr", "science"),
        ("Busco transferencia de tecnología con universidades", "es", "science"),
        ("技术转移找谁？", "zh", "science"),
        ("Ми хочемо співпрацювати з лабораторією", "uk", "science"),
        ("We are a haulier looking for partners", "en", "logistics"),
        ("Nous vendons du matériel hospitalier", "fr", "health_economy"),
        ("Wir bauen Wärmepumpen", "de", "energy"),
        ("Nuestra galería busca contactos", "es", "culture"),
    ],
)
def test_a_trade_word_names_its_sector(qa, question, language, sector):
    reader = qa.understander.reader
    assert reader.normalise(reader.scan(clean(question)), language).sectors == (sector,)


def test_trade_words_never_fill_a_sector_slot(qa):
    bank = Bank.load(bank_dir())
    knowledge = qa.understander.reader.knowledge
    for language, by_sector in bank.trades.items():
        names = {t for terms in bank.sectors.get(language, {}).values() for t in terms}
        filled = set(_slot_values(knowledge, bank, language)["sector"])
        trades = {t for terms in by_sector.values() for t in terms} - names
        assert trades and not trades & filled, language


def test_trades_are_of_known_sectors_and_languages_and_name_no_missing_kind():
    bank = Bank.load(bank_dir())
    sectors = {s for by_sector in bank.sectors.values() for s in by_sector}
    raw = load_yaml((bank_dir() / "trades.yaml").read_text(encoding="utf-8"))["trades"]
    kinds = {t.lower() for by_kind in bank.kinds.values() for ts in by_kind.values() for t in ts}
    for sector, by_language in raw.items():
        assert sector in sectors
        assert set(by_language) == set(bank.sectors), sector
        for terms in by_language.values():
            assert not {str(t).lower() for t in terms} & kinds, sector


def test_no_phrasing_of_the_bank_nor_faq_question_names_a_trade_word(qa):
    """Trade words are read in questions only: none that the bank's phrasings or the FAQ's
    questions write (by lemma), so the classifier's examples stay the bank's own."""
    bank = Bank.load(bank_dir())
    texts: dict[str, list[str]] = {}
    for language, _, phrasing in bank.phrasings:
        texts.setdefault(language, []).append(phrasing)
    for entry in qa.understander.reader.knowledge.faq.values():
        for language, questions in entry.questions.items():
            texts.setdefault(language, []).extend(questions)
    for language, by_sector in bank.trades.items():
        names = {t for terms in bank.sectors.get(language, {}).values() for t in terms}
        written = {
            " ".join(lemma(w, language) for w in words(text, language))
            for text in texts.get(language, [])
        }
        for term in {t for terms in by_sector.values() for t in terms} - names:
            lemmas = " ".join(lemma(w, language) for w in words(term, language))
            found = [t for t in written if f" {lemmas} " in f" {t} "]
            assert not found, (language, term, found[:3])


@pytest.mark.parametrize(
    ("question", "language", "expected"),
    [
        ("tech transfer contacts near Herne?", "en", UNIVERSITIES),
        ("Kontakte für Technologietransfer in Herne?", "de", UNIVERSITIES),
        ("Трансфер технологий в Херне: к кому обратиться?", "ru", UNIVERSITIES),
        ("Our art gallery would like contacts in Konin, who can help?", "en", ASSOCIATION),
        ("Notre galerie cherche des contacts à Wakefield, qui contacter ?", "fr", ASSOCIATION),
    ],
)
async def test_a_sector_named_by_its_trade_gets_that_sectors_contacts(
    qa, question, language, expected
):
    answer = await qa.answer(question, language)
    assert not answer.fallback and answer.language == language, to_plain(answer)
    assert expected.search(to_plain(answer)), to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Kann mein Sohn beim Schüleraustausch nach Belgorod mitmachen?", "de"),
        ("Could my son join a pupil exchange to Belgorod?", "en"),
        ("Может ли моя дочь поехать по школьному обмену в Белгород?", "ru"),
        ("Czy mój syn może jechać na wymianę szkolną do Biełgorodu?", "pl"),
        ("Чи може моя донька поїхати за шкільним обміном до Бєлгорода?", "uk"),
    ],
)
async def test_a_school_exchange_to_belgorod_is_no_research_entry(qa, question, language):
    answer = await qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback and answer.entry != "faq:nanotech-belgorod-research", text
    assert SUSPENDED.search(text), text
