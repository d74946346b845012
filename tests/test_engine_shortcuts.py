"""The question engine's shortcuts (issue 12, thr17, eng19): each cache stays bounded, and each
prefilter or reused reading gives what the full computation gives."""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path

import numpy as np

import bot.detection
import bot.nlp
import bot.persons
import bot.search
import bot.understanding
from bot.i18n import LANGUAGES
from bot.model import _SUBLINEAR_TF, TF_COUNTS
from bot.nlp import LEMMA_LONGEST, fold_latin, lemma, word_spans, words_before
from bot.nlp import words as words_of
from bot.periods import Periods
from bot.qa import CONFIDENCE_THRESHOLD
from bot.search import SAID_CACHE
from bot.understanding import (
    FAQ_CANDIDATES,
    HERNE,
    JOINED_WORD,
    JOINED_WORDS,
    MAX_CUTS,
    SINCE_CUES,
    Bank,
    Reader,
    Scan,
    SectorMatcher,
    Understander,
    bank_dir,
    tells_history,
)


def test_the_sound_alike_form_is_cached_per_word_within_its_bound():
    said = bot.search._said
    words = [f"konin{n}" for n in range(SAID_CACHE + 100)] + ["lushou", "konninn", "beshiktash"]
    for word in words:
        assert said(word) == said.__wrapped__(word)
    assert said.cache_info().maxsize == SAID_CACHE
    assert said.cache_info().currsize <= SAID_CACHE


def _chat_language_in_full(understander: Understander, scan: Scan, user_language: str):
    """`_chat_language` without its prefilter: every language's chat words tried."""
    named = scan.named()
    folded = [fold_latin(w) for i, w in enumerate(scan.lowered) if i not in named]
    if not folded:
        return None
    found = []
    for language, variants in understander.reader.variants.items():
        chat = frozenset(variants) | {folded_word for _, folded_word in variants.values()}
        fillers = understander.reader.fillers.get(language, frozenset())
        if any(w in chat for w in folded) and all(w in chat or w in fillers for w in folded):
            found.append(language)
    if user_language in found:
        return user_language
    return found[0] if len(found) == 1 else None


async def test_the_chat_word_prefilter_reads_as_every_language_tried_does(qa):
    understander = qa.understander
    questions = [
        "mrb",
        "mrb abi",
        "thx",
        "naber ya",
        "slt",
        "привітики",
        "merci",
        "Wo liegt Konin?",
        "thx, where is Konin?",
        "Konin",
        "",
    ]
    for question in questions:
        scan = understander.reader.scan(question)
        for user_language in ("de", "en", "tr", "uk"):
            assert understander._chat_language(scan, user_language) == _chat_language_in_full(
                understander, scan, user_language
            ), (question, user_language)


async def test_the_period_of_the_last_scan_is_the_one_read_afresh(qa):
    reader = qa.understander.reader
    scan = reader.scan("Was ist im Sommer 2027 in Konin los?")
    first = reader.period_named(scan, "de")
    assert reader.period_named(scan, "de") is first  # kept for the same scan
    assert reader.period_named(reader.scan(scan.text), "de") == first  # read again, the same
    other = reader.scan("Was ist nächste Woche los?")
    assert reader.period_named(other, "de") != first
    assert reader.period_named(scan, "de") == first


async def test_events_named_reads_the_scan_understand_left_or_scans_afresh(qa):
    understander = qa.understander
    u, _ = understander.understand("Wann ist das Schachturnier in Konin?", "de")
    assert understander.scan_of(u) == understander.reader.scan(u.text)
    # Another question understood meanwhile (the bot answers several at once): the first
    # question's words are read again, not the other's.
    understander.understand("Wo liegt Wakefield?", "de")
    assert understander.scan_of(u) == understander.reader.scan(u.text)
    assert understander.scan_of(u).text == u.text


async def test_the_intent_models_smallest_idf_is_its_idfs_minimum(qa):
    model = qa.understander.intents
    assert model.commonest == float(model.idf.min())


def test_words_before_a_mark_are_those_of_the_text_cut_there():
    texts = [
        "Wo liegt Konin? Und seit wann sind wir Partner?",
        "my daughter sings in a choir, so where is Konin anyway? thx. bye!",
        "Je suis entraîneur à Hénin-Beaumont ; on voudrait venir — ça fait combien ?",
        "d'Ometepe, l'association... c'est où ?",
        "嗨 科宁在哪儿 来着。忘了！",
        "Herne'de 4.5 km, зв'язків: ok…",
        "",
    ]
    for text in texts:
        for offset in range(len(text) + 1):
            if offset < len(text) and (text[offset].isalnum() or text[offset] in "'’"):
                continue  # only a mark's place is asked for
            assert words_before(text, offset) == len(word_spans(text[:offset])), (text, offset)
    assert bot.nlp._word_ends.cache_info().maxsize == 4


async def test_the_faq_entries_like_a_vector_are_found_once_and_as_the_index_finds_them(qa):
    understander = qa.understander
    document = understander.reader.normalise(
        understander.reader.scan("Wer hat die Erklärung 2018 unterzeichnet?"), "de"
    ).document
    vector = understander.intents.vector(document)
    first = understander._faq_top(vector)
    assert first == understander.faq.top(vector, FAQ_CANDIDATES)
    first.append(("changed by a caller", 1.0))  # each caller gets its own list
    assert understander._faq_top(vector) == understander.faq.top(vector, FAQ_CANDIDATES)
    other = understander.intents.vector(document)  # the same values, another vector
    assert understander._faq_top(other) == understander.faq.top(other, FAQ_CANDIDATES)
    assert understander._top[0] is other  # only the last vector is kept


async def test_a_scans_names_positions_are_made_once_and_as_its_names_say(qa):
    scan = qa.understander.reader.scan("Wo liegt Konin und wie weit ist Hénin-Beaumont?")
    named = scan.named()
    assert named == {i for m in scan.entities for i in range(m.start, m.end)}
    assert named and scan.named() is named
    part = scan.part(3, len(scan.written))
    assert part.named() == {i for m in part.entities for i in range(m.start, m.end)}


async def test_a_cue_is_searched_only_where_its_longest_word_is_and_finds_what_a_search_finds(qa):
    reader = qa.understander.reader
    questions = [
        ("Seit wann besteht das mit Konin?", "de"),
        ("How long has the Konin thing been going on?", "en"),
        ("Which is bigger, Konin or Wakefield?", "en"),
        ("Welche Stadt ist größer: Konin oder Wakefield?", "de"),
        ("Konin mi daha büyük Wakefield mi?", "tr"),
        ("Konin ile olayı ne zamandan beri var?", "tr"),
        ("卢州和科宁哪个更大？", "zh"),
        ("Wo liegt Konin?", "de"),
    ]
    for text, language in questions:
        folded = fold_latin(text)
        since = {w for w, cue, _ in reader.cues("since", language) if cue.search(folded)}
        assert reader.lasting(text, language) == (set(SINCE_CUES) <= since), text
        found = [
            (m.start(), w)
            for w, cue, _ in reader.cues("compares", language)
            if (m := cue.search(folded))
        ]
        assert reader.compared(text, language) == (min(found)[1] if found else ""), text
        for kind in ("since", "compares", "asks"):
            for _, cue, needed in reader.cues(kind, language):
                # A cue's longest word is in every text it matches.
                assert needed in folded or not cue.search(folded), (text, needed)


async def test_the_cues_a_text_can_match_are_those_of_its_words_beginnings(qa):
    reader = qa.understander.reader
    kinds = reader._cue_texts
    for language in LANGUAGES:
        # The bank's own cues, written out, and questions of the language: texts that match many.
        texts = [
            cue.replace("...", " und dann ")
            for by_which in kinds.values()
            for cue in (c for cs in by_which.get(language, {}).values() for c in cs)
        ]
        texts += ["Seit wann besteht das mit Konin?", "Which is the biggest, Konin or Lens?"]
        for kind in kinds:
            for text in texts:
                folded = fold_latin(text)
                every = [
                    (w, cue) for w, cue, needed in reader.cues(kind, language) if cue.search(folded)
                ]
                indexed = [
                    (w, cue)
                    for w, cue, needed in reader.cues(kind, language, folded)
                    if cue.search(folded)
                ]
                assert indexed == every, (kind, language, text)


async def test_the_words_by_a_partner_noun_are_those_each_word_finds_by_itself(qa):
    reader = qa.understander.reader
    texts = [
        "die chinesische Partnerstadt, wie viele Einwohner hat sie?",
        "la ville jumelée chinoise et la polonaise",
        "польский город-побратим и китайский побратим",
        "Herne's twin town in Britain and the English twinned city",
        "partnerskie miasto polskie",
        "Wo liegt Konin?",
    ]
    for text in texts:
        folded = [fold_latin(w) for w in text.replace(",", " ").replace("?", " ").split()]
        for reach in range(4):
            assert reader.by_partner_nouns(folded, reach) == {
                i for i in range(len(folded)) if reader.by_partner_noun(folded, i, i + 1, reach)
            }, (text, reach)


async def test_a_sector_matcher_keeps_its_last_findings_and_finds_as_afresh(qa):
    reader = qa.understander.reader
    texts = [
        ("Gibt es Kontakte zur Logistik in Konin?", "de"),
        ("Welche Firmen aus der Energiewirtschaft sind dabei?", "de"),
        ("здоров'я і логістика у Білгороді", "uk"),
        ("Is there a chamber of commerce in Konin?", "en"),
        ("Gibt es Kontakte zur Logistik in Konin?", "de"),
    ]
    for matcher in (reader.sectors, reader.kinds, reader.described):
        for text, language in texts:
            scan = reader.scan(text)
            lemmas = [lemma(w, language) for w in scan.lowered]
            free = [True] * len(scan.folded)
            found = matcher.find(scan.folded, lemmas, free, language)
            assert found == matcher._find(scan.folded, lemmas, free, language), text
            assert matcher.find(scan.folded, lemmas, free, language) == found, text
            assert len(matcher._found) <= bot.understanding.SECTOR_FINDINGS


def test_words_without_an_apostrophe_are_kept_and_others_made_bare():
    bare_words = bot.understanding.bare_words
    for words in (["logistik", "konin"], ["здоров'я", "і"], ["zdorov`ja"], ["a’b", "ʼc"], []):
        assert bare_words(words) == [bot.understanding.bare(w) for w in words]


async def test_a_features_strongest_class_is_its_weight_rows_argmax(qa):
    model = qa.understander.intents
    for column in range(0, len(model.index), 97):
        assert model.leading(column) == model.classes[int(model.weights[column].argmax())]


def test_a_words_script_is_kept_per_word_and_is_the_texts():
    for text in ("Konin", "Белгород", "泸州", "ok", "", "12", "Beşiktaş", "a" * 30 + "б" * 40):
        assert bot.detection.script(text) == bot.detection._written(text)[0]
    assert bot.detection._word_script.cache_info().maxsize == 4096


async def test_the_parts_of_a_message_are_cut_and_read_once_as_reading_them_afresh_does(qa):
    understander = qa.understander
    for text in (
        "Wo liegt Konin und seit wann sind wir Partner?",
        "Where is Wakefield, and how much is a hotel there?",
        "Since when is Luzhou a partner? Who signed the deed in Berlin?",
    ):
        whole, _ = understander.understand(text, "de")
        cuts = understander._cuts_of(whole)
        assert cuts and understander._cuts_of(whole) is cuts  # made once for the message
        fresh = understander._cuts(understander.reader.scan(whole.text), whole.language)
        assert [[p.written for p in cut] for cut in cuts] == [
            [p.written for p in cut] for cut in fresh
        ]
        for cut in cuts:
            for part in cut:
                read = understander._part_read(part, whole)
                assert understander._part_read(part, whole) is read
                again, _ = understander._read(part, whole.language, whole.language_clear, whole)
                assert read == again
        # Both readers of the cuts answer as they did when each read its parts itself.
        parts = understander.two_parts(whole, CONFIDENCE_THRESHOLD)
        known = understander.known_part(whole, CONFIDENCE_THRESHOLD)
        understander._parts = (None, None, [], {})
        assert understander.two_parts(whole, CONFIDENCE_THRESHOLD) == parts
        understander._parts = (None, None, [], {})
        assert understander.known_part(whole, CONFIDENCE_THRESHOLD) == known
    # Only the last message's cuts and readings are kept.
    other, _ = understander.understand("Wo liegt Konin? Und wie viele Einwohner hat es?", "de")
    understander.two_parts(other, CONFIDENCE_THRESHOLD)
    assert understander._parts[1] is other
    assert len(understander._parts[3]) <= 2 * MAX_CUTS


async def test_a_word_read_as_glued_words_or_a_compound_is_read_once_within_a_bound(qa):
    understander = qa.understander
    words = [
        ("logistikkooperationen", "de"),
        ("gesundheitswirtschaftskooperation", "de"),
        ("seitwann", "de"),
        ("whereis", "en"),
        ("partnercities", "en"),
        ("qwertzuiopasdf", "de"),
    ]
    for word, language in words:
        expected = understander._unglued(word, language) or understander._compound(word, language)
        assert understander._joined(word, language) == expected
        assert understander._joined(word, language) == expected  # from the cache
    assert understander._joined("logistikkooperationen", "de") is not None
    assert understander._joined.cache_info().maxsize == JOINED_WORDS
    for n in range(JOINED_WORDS + 50):
        understander._joined(f"unbekanntwort{n}", "de")
    assert understander._joined.cache_info().currsize <= JOINED_WORDS
    # A long word is read as it is: it never enters the cache, and none of its cuts is tried.
    long_word = "partnerschaft" * 10
    scan = understander.reader.scan(long_word)
    understander._joined.cache_clear()
    tried = []
    understander._unglued = lambda word, language: tried.append(word)  # type: ignore[method-assign]
    try:
        assert understander._spelt(scan, "de") is scan
    finally:
        del understander._unglued
    assert understander._joined.cache_info().currsize == 0 and not tried
    # One letter fewer than the bound, it is still read for glued words.
    assert len(long_word[:JOINED_WORD]) == JOINED_WORD
    assert understander._joined(long_word[:JOINED_WORD], "de") == understander._joined_words(
        long_word[:JOINED_WORD], "de"
    )


def test_a_word_longer_than_any_lemmatisers_input_is_its_own_lemma():
    # lemmagen3 reads 255 bytes of a word: beyond, it mangled the lemma or raised (a cut
    # inside a two-byte letter).
    bot.nlp.lemma.cache_clear()
    for word in ("äöüß" * 80, "ä" * (LEMMA_LONGEST + 1), "я" * 200, "abc" * 100):
        for language in ("de", "ru", "pl", "uk", "tr", "en"):
            assert lemma(word, language) == fold_latin(word)
    assert lemma("partnerschaften", "de") == "partnerschaft"  # a real word is lemmatised


async def test_a_hostile_word_of_two_byte_letters_is_understood_without_an_error(qa):
    rng = random.Random(0)
    word = "".join(rng.choice("abcdefghijklmnopqrstuvwxyzäöüß") for _ in range(4096))
    for language in ("de", "pl", "ru"):
        understanding, _ = qa.understander.understand(word, language)
        assert understanding.text
    assert (await qa.answer(word, "de")).fallback


async def test_readers_of_one_bank_share_its_matchers_and_periods_built_as_afresh(qa):
    reader = qa.understander.reader
    bank = Bank.load(bank_dir())
    other = Reader(reader.knowledge, bank)
    assert other.sectors is reader.sectors and other.kinds is reader.kinds
    assert other.periods is reader.periods
    assert other.smalltalk is reader.smalltalk and other.place_names is reader.place_names
    assert other.other_countries is reader.other_countries
    bot.understanding._last_bank_readings._kept.clear()
    afresh = Reader(reader.knowledge, bank)
    assert afresh.smalltalk is not reader.smalltalk
    assert vars(afresh.smalltalk) == vars(reader.smalltalk)
    assert (afresh.place_names, afresh.other_countries) == (
        reader.place_names,
        reader.other_countries,
    )
    scan = reader.scan("Was ist im Sommer 2027 oder nächste Woche in Konin los?")
    free = [True] * len(scan.folded)
    assert reader.periods.find(scan.folded, free, "de") == Periods(bank.periods).find(
        scan.folded, free, "de"
    )
    fresh = SectorMatcher(bank.sectors, bank.not_sectors), SectorMatcher(bank.kinds)
    questions = [
        ("Wer hilft meiner Logistikfirma in Konin?", "de"),
        ("who can help my company with logistics in Konin?", "en"),
        ("контакты логистам в Белгороде", "ru"),
        ("Hangi okullar var?", "tr"),
        ("pflegt jemand Kontakte zur Pflege?", "de"),
    ]
    for text, language in questions:
        scan = reader.scan(text)
        lemmas = [lemma(w, language) for w in scan.lowered]
        free = [True] * len(scan.folded)
        for kept, built in zip((reader.sectors, reader.kinds), fresh, strict=True):
            found = kept.find(scan.folded, lemmas, free, language)
            assert found == built.find(scan.folded, lemmas, free, language), text
    # Another bank builds its own, and only the last bank's are kept.
    changed = dataclasses.replace(bank, digest=bank.digest + "x")
    third = Reader(reader.knowledge, changed)
    assert third.sectors is not reader.sectors and third.periods is not reader.periods
    assert third.smalltalk is not reader.smalltalk and third.place_names is not reader.place_names
    assert list(bot.understanding._last_sector_matchers._kept) == [changed.digest]


async def test_a_citys_entries_on_the_declaration_are_its_entries_of_that_topic_in_order(qa):
    knowledge = qa.knowledge
    for city in knowledge.cities:
        assert knowledge.faq_by_topic_city.get(("declaration", city), []) == [
            e for e in knowledge.faq_by_city.get(city, ()) if e.topic == "declaration"
        ]


async def test_an_entry_tells_history_exactly_when_its_city_lists_it_among_its_history(qa):
    knowledge = qa.knowledge
    told = 0
    for entry in knowledge.faq.values():
        main = next((c for c in entry.cities if c != HERNE), None)
        if main is None:
            continue
        listed = any(e is entry for e in knowledge.faq_history.get(main, ()))
        assert listed == tells_history(entry), entry.id
        told += listed
    assert told  # the shipped base has history entries


def _knows_by_the_index(speller, lowered: str, language: str) -> bool:
    """`Speller.knows` as it was: the word's hash searched among the index's keys and their
    deletions, each candidate folded and compared."""
    from bot.nlp import fold
    from bot.spelling import LONGEST_INDEXED, MIN_LENGTH, _found

    word = fold(lowered)
    if not MIN_LENGTH - 1 <= len(word) <= LONGEST_INDEXED:
        return False
    index = speller._indexed(language)
    if index is None:
        return False
    blob, starts, hashes, numbers = index
    return any(
        fold(blob[starts[n] : starts[n + 1] - 1]) == word for n in _found({word}, hashes, numbers)
    )


async def test_a_known_word_is_one_of_the_vocabularys_folded_words_as_the_index_says(qa):
    """eng23: `knows` looks the folded word up in `words(language)`, the index's keys, instead
    of searching the index: the same verdict for every word of every vocabulary, their
    one-letter deletions and additions, other languages' words, and words of no bank."""
    speller = qa.understander.speller
    rng = random.Random(23)
    languages = sorted(bot.understanding.LANGUAGES)
    asked = 0
    for language in languages:
        vocabulary = sorted(speller.words(language))
        sample = rng.sample(vocabulary, min(150, len(vocabulary)))
        others = [w for other in languages for w in sorted(speller.words(other))[:40]]
        probes = [*sample, *others, "Partnerstadt", "BEŞİKTAŞ", "xyzzy", "a", "x" * 40, ""]
        probes += [w[:-1] for w in sample] + [w + "e" for w in sample]
        for word in probes:
            assert speller.knows(word, language) == _knows_by_the_index(speller, word, language), (
                word,
                language,
            )
            asked += 1
    assert asked > 1000


def _known_part_in_full(understander: Understander, whole, threshold: float):
    """`known_part` as it was: both parts of every cut read."""
    for cut in understander._cuts_of(whole):
        if any(len(part.named()) == len(part.written) for part in cut):
            continue
        reads = [understander._part_read(part, whole) for part in cut]
        known = [
            r
            for r in reads
            if r.intent not in bot.understanding.NOT_A_PART and r.confidence >= threshold
        ]
        out = [
            r
            for r in reads
            if r.intent == bot.understanding.OUT_OF_SCOPE and r.confidence >= threshold
        ]
        if len(known) == 1 and len(out) == 1:
            whole_out = whole.confidence if whole.intent == bot.understanding.OUT_OF_SCOPE else 0.0
            if known[0].confidence >= max(out[0].confidence, whole_out):
                return known[0]
    return None


async def test_the_known_part_skips_a_second_part_that_cannot_change_it_and_finds_the_same(qa):
    """eng23: a cut whose first part is neither understood nor surely out of scope gives
    `known_part` nothing, so its second part is not read; the part found is the one that
    reading every part finds."""
    understander = qa.understander
    texts = [
        "Where is Wakefield, and how much is a hotel there?",
        "Since when is Luzhou a partner? Who signed the deed in Berlin?",
        "Wo liegt Konin und seit wann sind wir Partner?",
        "Hallo und danke, wo liegt Konin?",
        "hmm und na ja und also",
        "Wie wird das Wetter morgen und wo liegt Konin?",
        'Konin " OR NEAR(Herne*, 2) AND -terms:x; DROP TABLE users; -- ' * 5,
        "Wann ist das nächste Fest in Konin, und wie viele Einwohner hat Wakefield, "
        "oder wo ist Belgorod; " * 3,
    ]
    skipped = 0
    for text in texts:
        whole, _ = understander.understand(text, "de")
        understander._parts = (None, None, [], {})
        found = understander.known_part(whole, CONFIDENCE_THRESHOLD)
        read = dict(understander._parts[3])
        cuts = understander._cuts_of(whole)
        skipped += sum(
            id(cut[0]) in read and id(cut[1]) not in read
            for cut in cuts
            if not any(len(part.named()) == len(part.written) for part in cut)
        )
        understander._parts = (None, None, [], {})
        assert found == _known_part_in_full(understander, whole, CONFIDENCE_THRESHOLD), text
    # The budget is taken: some cut's second part was never read.
    assert skipped


def _unglued_as_before(understander: Understander, word: str, language: str):
    """`_unglued` as it was: both slices of every cut lemmatised and looked up first."""
    from bot.spelling import MIN_LENGTH

    u = bot.understanding
    index, idf = understander.intents.index, understander.intents.idf
    paired = None
    for cut in range(len(word) - u.GLUED_SHORTEST, u.GLUED_PAIR_FIRST_SHORTEST - 1, -1):
        parts = (word[:cut], word[cut:])
        lemmas = [lemma(part, language) for part in parts]
        columns = index.lookup(["w:" + lemmas[0], "w:" + lemmas[1]])
        if min(columns) < 0 or not all(
            len(part) < MIN_LENGTH - 1 or understander.speller.knows(part, language)
            for part in parts
        ):
            continue
        if cut >= u.GLUED_FIRST_SHORTEST and all(
            idf.item(c) <= u.GLUED_COMMON_IDF for c in columns
        ):
            lowered = " ".join(parts)
            return fold_latin(lowered), lowered
        if paired is None and index.lookup([f"b:{lemmas[0]} {lemmas[1]}"])[0] >= 0:
            paired = parts
    if paired is not None:
        lowered = " ".join(paired)
        return fold_latin(lowered), lowered
    return None


async def test_glued_words_are_read_as_before_and_no_unknown_slice_is_lemmatised(qa, monkeypatch):
    """eng23: `_unglued` asks the speller about a cut's slices before lemmatising them: the
    same reading as before, and a misspelt word's slices no word of the bank never reach the
    lemmatiser (nor its cache)."""
    understander = qa.understander
    rng = random.Random(23)
    words = [
        ("whereis", "en"),
        ("seitwann", "de"),
        ("partnercities", "en"),
        ("dondeesta", "es"),
        ("woliegt", "de"),
        ("nezaman", "tr"),
        ("cuantoshabitantes", "es"),
        ("gdzieleży", "pl"),
        ("kogdakonin", "ru"),
    ]
    letters = "abcdefghijklmnopqrstuvwxyzäöü"
    words += [
        ("".join(rng.choice(letters) for _ in range(rng.randint(6, 20))), code)
        for code in ("de", "en", "pl", "tr", "fr", "es", "ru", "uk")
        for _ in range(15)
    ]
    found = 0
    for word, language in words:
        expected = _unglued_as_before(understander, word, language)
        assert understander._unglued(word, language) == expected, (word, language)
        found += expected is not None
    assert found >= 3
    lemmatised: list[str] = []
    real = bot.understanding.lemma

    def counting(word: str, language: str) -> str:
        lemmatised.append(word)
        return real(word, language)

    monkeypatch.setattr(bot.understanding, "lemma", counting)
    understander._unglued("qxzvbkwpartnrschft", "de")
    assert not lemmatised


def _questions() -> list[tuple[str, str]]:
    """The bench's questions (qa_set.jsonl) with their languages: the shortcuts below are read
    against the full computation on each."""
    path = Path(__file__).resolve().parents[1] / "bench" / "qa_set.jsonl"
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [(item["text"], item["expect_language"]) for item in items]


def _sectors_found_in_full(matcher: SectorMatcher, folded, lemmas, free, language):
    """`SectorMatcher._find` as it was before each word's reading was kept (`_found_alone`)."""
    found = []
    folded = bot.understanding.bare_words(folded)
    lemmas = bot.understanding.bare_words(lemmas)
    nots = matcher._not.get(language, {})
    position = 0
    while position < len(folded):
        hit = None
        other = next(
            (
                len(s)
                for s in nots.get(folded[position], ())
                if tuple(folded[position : position + len(s)]) == s
            ),
            0,
        )
        if other:
            position += other
            continue
        if free[position]:
            for forms in (folded, lemmas):
                for sequence, sector in matcher._phrases.get(forms[position], ()):
                    end = position + len(sequence)
                    if tuple(forms[position:end]) == sequence and all(free[position:end]):
                        hit = (position, end, sector)
                        break
                if hit:
                    break
            if hit is None:
                word = folded[position]
                prefixed = matcher._word_sector(word, lemmas[position], language)
                if prefixed is None:
                    prefixed = matcher._people.get((language, lemmas[position]))
                if prefixed is not None:
                    hit = (position, position + 1, prefixed)
        if hit:
            found.append(hit)
            position = hit[1]
        else:
            position += 1
    return found


async def test_a_sector_matcher_reads_each_word_alone_once_and_finds_as_word_by_word(qa):
    reader = qa.understander.reader
    texts = [*_questions(), ("здоров'я і логістика у Білгороді", "uk")]
    for matcher in (reader.sectors, reader.kinds, reader.described):
        for text, language in texts:
            scan = reader.scan(text)
            lemmas = [lemma(w, language) for w in scan.lowered]
            for free in ([True] * len(scan.folded), [i % 3 != 1 for i in range(len(scan.folded))]):
                assert matcher._find(scan.folded, lemmas, free, language) == (
                    _sectors_found_in_full(matcher, scan.folded, lemmas, free, language)
                ), text
        assert matcher._word_found.cache_info().maxsize == bot.understanding.PREFIX_WORDS


async def test_a_claims_tag_is_found_by_its_length_as_tag_by_tag(qa):
    reader = qa.understander.reader
    for language, tags in reader.claim_tags.items():
        for tag in tags:
            for before in (["stimmt", "das"], []):
                scan = dataclasses.replace(reader.scan("x"), folded=[*before, *tag])
                by_tag = next(
                    (
                        range(len(scan.folded) - len(t), len(scan.folded))
                        for t in tags
                        if 0 < len(scan.folded) - len(t) and tuple(scan.folded[-len(t) :]) == t
                    ),
                    None,
                )
                assert reader.claim_tag(scan, language) == by_tag, (language, tag)


def _names_found_in_full(matcher, folded, partial=True):
    """`EntityMatcher.find` as it was: every form of a name of several words tried at every
    position, whether one can begin there or not."""
    matches = []
    position = 0
    while position < len(folded):
        hit = matcher._multi_word_name(
            folded, position, matcher.multi_words(folded[position]), partial
        )
        if hit is None:
            for kind, ids in matcher.single_word(folded[position]):
                hit = bot.search.EntityMatch(kind, ids, position, position + 1)
                break
        if hit is None:
            hit = matcher._split(folded, position)
        if hit is not None:
            matches.append(hit)
            position = hit.end
        else:
            position += 1
    return matches


async def test_names_of_several_words_are_sought_only_where_one_can_begin_and_found_as_everywhere(
    qa,
):
    reader = qa.understander.reader
    texts = [text for text, _ in _questions()] + [
        "Hnin-Beaumont und Lutherstat Eisleben",
        "贝克塔什在哪",
        "黑尔讷友好城市关系促进协会",
    ]
    for text in texts:
        folded = [fold_latin(w) for w in words_of(text)]
        for partial in (True, False):
            assert reader.matcher.find(folded, partial) == _names_found_in_full(
                reader.matcher, folded, partial
            ), text


def test_the_people_a_word_names_are_kept_per_word_and_are_those_its_surnames_say():
    for word in ("pohlmann", "польмана", "pohlman", "dudda", "konin", "", "herne"):
        assert bot.persons._surname_of(word) == {
            person
            for person, surnames, _ in bot.persons._folded()
            if any(bot.persons._is(word, s) for s in surnames)
        }


async def test_a_word_is_known_in_the_languages_that_know_it_each(qa):
    speller = qa.understander.speller
    languages = list(LANGUAGES)
    for text, _ in _questions():
        for word in words_of(text.lower()):
            assert speller.knowing(word, languages) == [
                code for code in languages if speller.knows(word, code)
            ]


def test_a_texts_script_is_its_letters_and_kept_for_the_last_texts_only():
    for text in ("Wo liegt Konin und was gibt es dort?", "Где находится Белгород и что там?"):
        assert bot.detection._text_written(text) == bot.detection._written(text)
    assert bot.detection._text_written.cache_info().maxsize == 4


async def test_a_where_cue_is_sought_only_where_its_first_word_stands_and_found_as_everywhere(qa):
    understander = qa.understander
    reader = understander.reader
    texts = list(_questions())
    for language, cues in reader.where_cues.items():
        # Each cue written out beside a city, whole and as the beginning of a longer word.
        for cue in (c for which in ("asks", "beside") for c in cues.get(which, ())):
            texts.append((f"{' '.join(cue)} Konin", language))
            texts.append((f"Konin {' '.join(cue)}xy ?", language))
    for text, language in texts:
        scan = reader.scan(text)
        assert understander._where_only(scan, language) == _where_only_in_full(
            understander, scan, language
        ), text


def _where_only_in_full(understander: Understander, scan: Scan, language: str):
    """`Understander._where_only` as it was before its cues were picked by their first word:
    every cue tried at every position."""
    city = None
    for m in scan.entities:
        if m.kind == "city" and len(m.ids) == 1 and city in (None, m.ids[0]):
            city = m.ids[0]
        elif m.kind not in ("country", bot.understanding.REGION):
            return None
    if city is None or any(understander._other_land(m, city) for m in scan.entities):
        return None
    reader = understander.reader
    cues = reader.where_cues.get(language, {})
    folded = scan.folded
    covered = set(scan.named())
    asked = False
    for which in ("asks", "beside"):
        for cue in cues.get(which, ()):
            for i in range(len(folded) - len(cue) + 1):
                if bot.understanding._begins_cue(folded, cue, i, which == "asks"):
                    covered.update(range(i, i + len(cue)))
                    asked = asked or which == "asks"
    if not asked or bot.understanding._cue_in(folded, cues.get("not", ()), lambda w, c: w == c):
        return None
    function = bot.understanding.stopwords(language)
    fillers = reader.fillers.get(language, frozenset())
    others = sum(
        1
        for i, word in enumerate(folded)
        if i not in covered
        and any(c.isalnum() for c in word)
        and word not in fillers
        and lemma(scan.lowered[i], language) not in function
    )
    return city, others


async def test_cues_beside_a_position_are_found_as_by_comparing_every_cue(qa):
    reader = qa.understander.reader
    tables = [reader.near, reader.twinned, reader.asker]
    for text, language in _questions():
        folded = reader.scan(text).folded
        for table in tables:
            for cues in table.get(language, {}).values():
                for position in range(len(folded) + 2):
                    assert bot.understanding._cues_from(folded, cues, position) == [
                        len(c) for c in cues if tuple(folded[position : position + len(c)]) == c
                    ]
                    assert bot.understanding._cues_until(folded, cues, position) == [
                        len(c)
                        for c in cues
                        if len(c) <= position and tuple(folded[position - len(c) : position]) == c
                    ]


async def test_a_cue_whose_first_word_the_text_lacks_is_passed_and_the_rest_found_as_before(qa):
    reader = qa.understander.reader
    u = bot.understanding
    for text, language in _questions():
        question = reader.scan(text).folded
        for table in (reader.signing, reader.where_cues):
            for cues in table.get(language, {}).values():
                # The question, and each cue written out in it with its last word longer: the
                # cues of one word are looked for all at once.
                for folded in (question, *([*question, *c[:-1], c[-1] + "x"] for c in cues)):
                    for last in (u._begins, u._holds, u._equal, u._stem):
                        assert u._cue_in(folded, cues, last) == any(
                            tuple(folded[i : i + len(c) - 1]) == c[:-1]
                            and last(folded[i + len(c) - 1], c[-1])
                            for c in cues
                            for i in range(len(folded) - len(c) + 1)
                        ), (text, cues)


def test_the_sublinear_tf_table_holds_what_the_log_gives_for_every_count():
    def computed(counts: np.ndarray) -> bytes:
        return (1.0 + np.log(counts)).astype(np.float32).tobytes()

    every = np.arange(1, TF_COUNTS, dtype=np.int64)
    assert _SUBLINEAR_TF.take(every).tobytes() == computed(every)
    rng = random.Random(37)
    for size in range(1, 200):
        counts = np.array([rng.randrange(1, TF_COUNTS) for _ in range(size)], np.int64)
        assert _SUBLINEAR_TF.take(counts).tobytes() == computed(counts)


def _sounded_in_full(matcher, folded, free):
    """`EntityMatcher.sounded` as it was: every cut word compared with every city's name as
    it sounds, and every Chinese name tried at every free Chinese character."""
    free = set(free)
    found = []
    for i, word in enumerate(folded):
        if (
            i not in free
            or not word.isalpha()
            or word in matcher._words
            or bot.search._HAN.match(word)
        ):
            continue
        cuts = [word, *(word[: -len(e)] for e in bot.search._CASE_ENDINGS if word.endswith(e))]
        near = {
            ids
            for said_cut in [
                bot.search._said(cut) for cut in cuts if len(cut) >= bot.search.SOUNDED_LEAST
            ]
            for said, entries in matcher._said_names().items()
            if bot.search.OSA.distance(said_cut, said, score_cutoff=1) <= 1
            for kind, ids in entries
            if kind == "city"
        }
        if len(near) == 1:
            found.append(bot.search.EntityMatch("city", near.pop(), i, i + 1))
    for i, word in enumerate(folded):
        if i not in free or not bot.search._HAN.match(word):
            continue
        for sequence, ids in matcher._han_city_names():
            end = i + len(sequence)
            written = folded[i:end]
            if len(written) != len(sequence) or not free.issuperset(range(i, end)):
                continue
            wrong = [(w, n) for w, n in zip(written, sequence, strict=True) if w != n]
            match = bot.search.EntityMatch("city", ids, i, end)
            if (
                len(wrong) == 1
                and matcher._heard.get(wrong[0][0], "-") == matcher._heard.get(wrong[0][1], "+")
                and match not in found
            ):
                found.append(match)
    return found


def _sound_alike_texts() -> list[str]:
    """Questions with names as they sound (Latin, Cyrillic, Chinese with a character heard
    wrong), every city's name in every script with a letter changed, and words of four
    scripts alternating, as the latency bench's hostile question has them."""
    rng = random.Random(38)
    scripts = (
        "abcdefghijklmnopqrstuvwxyz",
        "абвгдежзиклмнопрстуфхцчшщыэюя",
        "的一是不了人我在有他这中大来上个们到说科林宁泸邹州",
    )
    texts = [
        "скока народу в ветфилде",
        "how many people live in vetfilt or vekfilt",
        "科林是哪个国家的城市",
        "泸邹有多少人 科宁 泸洲 科林 黑尔讷",
        "beshiktashta ne var, lushoudan haber, belgoroda gidiyorum",
        "Hennen-Bomon, Ajsleben, Wejkfild, Belgorodde, Lutherstadt Aisleben",
    ]
    texts += [text for text, _ in _questions()[:200]]
    texts.append(
        " ".join(
            "".join(rng.choice(script) for _ in range(rng.randint(2, 8))) for script in scripts * 60
        )
    )
    return texts


async def test_sound_alike_names_are_compared_within_one_letter_of_length_and_found_as_in_full(
    qa, monkeypatch
):
    """`sounded` compares a cut word only with the names whose sound is at most a letter
    longer or shorter (one edit cannot bridge more), and a Chinese name only where one of its
    characters stands where it is written: what it finds is what comparing all finds."""
    matcher = qa.understander.reader.matcher
    rng = random.Random(7)
    texts = _sound_alike_texts()
    for said in list(matcher._said_names())[:40]:
        word = list(said)
        word[rng.randrange(len(word))] = rng.choice("aeiouktsl")
        texts.append(f"wo ist {''.join(word)} und {said}e")
    compared: list[tuple[str, str]] = []
    distance = bot.search.OSA.distance

    class Counting:
        @staticmethod
        def distance(a, b, score_cutoff=None):
            compared.append((a, b))
            return distance(a, b, score_cutoff=score_cutoff)

    found_any = False
    for text in texts:
        folded = [fold_latin(w) for w in words_of(text)]
        free = range(len(folded))
        expected = _sounded_in_full(matcher, folded, free)
        compared.clear()
        monkeypatch.setattr(bot.search, "OSA", Counting)
        got = matcher.sounded(folded, free)
        monkeypatch.undo()
        assert got == expected, text
        found_any = found_any or bool(got)
        assert all(abs(len(a) - len(b)) <= 1 for a, b in compared), text
    assert found_any
    # Chinese: only the names sharing a character at its place are tried; none for characters
    # no city's name holds.
    folded = list("的一是不了人我在有他")
    assert all(matcher._han_candidates(folded, i) == [] for i in range(len(folded)))
    names = matcher._han_city_names()
    for number, (sequence, _) in enumerate(names):
        wrong = ["的", *sequence[1:]]
        assert number in matcher._han_candidates(wrong, 0)


async def test_marks_before_words_are_read_once_per_text_and_mark(qa):
    """`_marked_before` is kept for the last texts: a question's readings ask it of the same
    text and marks again and again; what it keeps is what reading the text gives."""
    marked = bot.understanding._marked_before
    marked.cache_clear()
    qa.understander.understand(
        "Wann ist das nächste Fest in Konin, und wie viele Einwohner hat Wakefield, oder wo "
        "ist Belgorod; wer ist Bürgermeister (von Herne)?",
        "de",
    )
    info = marked.cache_info()
    assert info.hits > 0
    assert info.currsize <= info.maxsize <= 256
    for text in ("a, b (c) d; e. f", "Konin, Wakefield - Herne (NRW), Belgorod!", ""):
        for marks in (
            bot.understanding._APART,
            bot.understanding._COMMA,
            bot.understanding._OPENING,
            bot.understanding._CLOSING,
        ):
            assert marked(text, marks) == marked.__wrapped__(text, marks)


async def test_a_typed_multi_word_name_is_read_once_per_window_and_found_as_from_the_whole_rest(
    qa,
):
    """`_typed_multi` reads the words from a position as far as the longest multi-word name
    reaches, once per such window: what it finds is what reading all the words after the
    position finds, and a window met again is not read again."""
    matcher = qa.understander.reader.matcher
    texts = [text for text, _ in _questions()] + [
        "Hnin-Beaumont und Lutherstat Eisleben, Hénin-Beaumon, Lutherstadt Eislebn",
        "Энен-Бмон и Лютерштадт Айслебен",
        "卢洲在哪 泸洲 友好城市",
        "in Herne und de Herne, in Herne und de Herne, in Herne und de Herne",
    ]
    for text in texts:
        folded = [fold_latin(w) for w in words_of(text)]
        for position in range(len(folded)):
            hit = matcher._typed_multi(folded, position)
            last = position + 1 >= len(folded)
            rest = None if last else matcher._typed_window.__wrapped__(tuple(folded[position:]))
            if rest is None:
                assert hit is None, (text, position)
            else:
                assert hit == bot.search.EntityMatch(
                    rest[0], rest[1], position, position + rest[2]
                ), (text, position)
    assert matcher._typed_window.cache_info().maxsize == bot.search.TYPED_WINDOWS
    folded = [fold_latin(w) for w in words_of("Hnin-Beaumont, Hnin-Beaumont und Hnin-Beaumont")]
    matcher._typed_window.cache_clear()
    windows = {tuple(folded[p : p + matcher._multi_longest]) for p in range(len(folded) - 1)}
    for _ in range(3):
        for position in range(len(folded)):
            matcher._typed_multi(folded, position)
    info = matcher._typed_window.cache_info()
    assert info.misses == len(windows) and info.hits > 0
