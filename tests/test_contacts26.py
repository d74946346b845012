"""Round 26: a sector named by the asker's own product, profession, institution or pastime
(data/questions/trades.yaml: lorries, charging points, physiotherapy, a dissertation,
photographers, a kindergarten) gets that sector's contacts in every language, and the words
that only look like one (a painting asked about, a continent, a dentist open on Sunday) do not
(bench/qa_probe_cont26.jsonl)."""

from __future__ import annotations

import re

import pytest

from bot.nlp import clean, fold_latin, lemma, words
from bot.render import to_plain
from bot.understanding import Bank, SectorMatcher, bank_dir

UNIVERSITIES = re.compile(r"ruhrvalley|hs-bochum|fh-dortmund|w-hs\.de")
ASSOCIATION = "partnerschaftlichen Beziehungen"


@pytest.mark.parametrize(
    ("question", "language", "sector"),
    [
        ("Unser Fuhrpark hat zwanzig Lastwagen", "de", "logistics"),
        ("we run a fleet of trucks", "en", "logistics"),
        ("у нас десять грузовиков", "ru", "logistics"),
        ("mamy pięć ciężarówek", "pl", "logistics"),
        ("üç kamyonumuz var", "tr", "logistics"),
        ("nous avons six camions", "fr", "logistics"),
        ("tenemos tres furgonetas", "es", "logistics"),
        ("我们有五辆卡车", "zh", "logistics"),
        ("у нас вісім вантажівок", "uk", "logistics"),
        ("Wir montieren Ladesäulen", "de", "energy"),
        ("nous posons des bornes de recharge", "fr", "energy"),
        ("Ich arbeite als Physiotherapeutin", "de", "health_economy"),
        ("soy fisioterapeuta", "es", "health_economy"),
        ("Piszę rozprawę doktorską", "pl", "science"),
        ("я аспирантка", "ru", "science"),
        ("我在读博", "zh", "science"),
        ("Ich bin Fotografin", "de", "culture"),
        ("fotoğrafçıyım", "tr", "culture"),
        ("я працюю вихователькою", "uk", "education"),
        ("je travaille dans une crèche", "fr", "education"),
    ],
)
def test_the_askers_trade_names_its_sector(shared_qa, question, language, sector):
    reader = shared_qa.understander.reader
    assert reader.normalise(reader.scan(clean(question)), language).sectors == (sector,)


def test_no_phrasing_of_the_bank_nor_faq_question_reads_a_trade_by_its_beginning(shared_qa):
    """A trade word of six letters or more is also read inflected (its beginning): none may
    begin a word of the bank's phrasings or the FAQ's questions ("Kita" is Turkish "kıta",
    "детсад" begins "детское"), so the classifier's examples stay the bank's own."""
    bank = Bank.load(bank_dir())
    with_trades = SectorMatcher(bank.sector_words(), bank.not_sectors)
    without = SectorMatcher(bank.sectors, bank.not_sectors)
    texts = [(language, phrasing) for language, _, phrasing in bank.phrasings]
    for entry in shared_qa.understander.reader.knowledge.faq.values():
        texts += [(language, q) for language, qs in entry.questions.items() for q in qs]
    for language, text in texts:
        tokens = words(text, language)
        folded = [fold_latin(w) for w in tokens]
        lemmas = [lemma(w, language) for w in tokens]
        free = [True] * len(tokens)
        found = with_trades.find(folded, lemmas, free, language)
        assert found == without.find(folded, lemmas, free, language), (language, text, found)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Who painted the Mona Lisa?", "en"),
        ("Wakefield hangi kıtada?", "tr"),
        ("¿cuánto camino hay hasta Konin?", "es"),
        ("Когда детско-молодёжный парламент ездил в Белгород?", "ru"),
        ("Чи є в Герне стоматолог, який говорить російською?", "uk"),
        ("моя дочь поёт в хоре", "ru"),
    ],
)
def test_words_that_only_look_like_a_trade_name_no_sector(shared_qa, question, language):
    reader = shared_qa.understander.reader
    assert reader.normalise(reader.scan(clean(question)), language).sectors == ()


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Our photo club would love to meet photographers from Konin. Who can arrange it?", "en"),
        ("Unsere Malgruppe möchte Künstlerinnen in Wakefield treffen – wer hilft uns?", "de"),
        ("Nasz klub fotograficzny chce poznać fotografów z Wakefield. Kto pomoże?", "pl"),
    ],
)
async def test_a_pastime_with_a_partner_city_gets_the_association(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    plain = to_plain(answer)
    assert not answer.fallback and answer.language == language, plain
    assert ASSOCIATION in plain and "Westring" not in plain, plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("My dissertation is on solar cells. Which institutes near Herne could help?", "en"),
        ("Ich bin Doktorandin in der Chemie und suche einen Partner in der Nähe von Herne.", "de"),
    ],
)
async def test_a_doctorate_near_herne_gets_the_universities(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    plain = to_plain(answer)
    assert not answer.fallback and answer.language == language, plain
    assert UNIVERSITIES.search(plain), plain


async def test_a_haulier_by_his_lorries_gets_the_logistics_contacts(shared_qa):
    answer = await shared_qa.answer(
        "Wir sind drei Brüder mit sieben Lastwagen und wollen Aufträge in Konin. Wer hilft?", "de"
    )
    plain = to_plain(answer)
    assert answer.entry == "contacts.sector:logistics,konin", plain
    assert "Westring 303" in plain
