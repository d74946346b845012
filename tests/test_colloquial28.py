"""Round 28: colloquial, misspelt and transliterated questions that fell back. Ukrainian or
Russian typed in the scholarly transliteration (š, č, ž), a short question word with a letter
left out, a consonant written with the other voice, and Ukrainian typed in Latin letters whose
word the training also spells in Latin (bench/qa_probe_colq28.jsonl)."""

from __future__ import annotations

import pytest

from bot.nlp import caron_spelt
from bot.render import to_plain
from bot.spelling import Speller


def test_carons_are_spelt_as_the_banks_transliteration_and_nothing_else_is():
    assert caron_spelt("Ščo cikavoho, čy žyve") == "Shcho cikavoho, chy zhyve"
    # Turkish cedillas and Polish dots are their languages' letters, not carons.
    assert caron_spelt("Beşiktaş, çok güzel") == "Beşiktaş, çok güzel"
    assert caron_spelt("gdzie żyje Konin") == "gdzie żyje Konin"


@pytest.mark.parametrize(
    ("question", "language", "entry"),
    [
        # Main: the fallback (0.13; 0.27): "ščo" folded to "sco", and the Latin form of
        # розташований was looked up as itself, a word the model never learned.
        ("Ščo cikavoho v Konini?", "uk", "city.profile:konin"),
        ("de roztashovanyj Lutszhou?", "uk", "city.where:luzhou"),
        # A short question word with a letter left out (main: the fallback, 0.28; 0.39).
        ("gdze jest ometepe?", "pl", "city.where:ometepe"),
        ("dode esta konin", "es", "city.where:konin"),
    ],
)
async def test_a_colloquial_spelling_is_read_as_the_banks_word(
    shared_qa, question, language, entry
):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert answer.entry == entry, answer.entry
    assert answer.language == language


async def test_a_question_typed_with_carons_is_answered_in_ukrainian(shared_qa):
    answer = await shared_qa.answer("De žyve bilše ljudej, u Konini čy u Vejkfildi?", "en")
    assert answer.language == "uk", to_plain(answer)
    assert answer.confidence > 0.9  # main: 0.41, at the threshold
    assert "71" in to_plain(answer) and "109" in to_plain(answer)


def test_a_letter_put_back_only_where_one_word_is_meant():
    speller = Speller(
        ("de", w, w) for w in ("liegt", "leigt", "liga", "lieder", "leute", "wohnt", "worte")
    )
    # "ligt" lacks one letter of liegt and of leigt, a phrasing's typo of it: one word.
    assert speller.correct("ligt", "de") == ("liegt", "liegt")
    # A four-letter word is never read with a letter replaced or swapped ("liag", "wotr").
    assert speller.correct("liag", "de") is None
    assert speller.correct("wotr", "de") is None
    # A consonant of the other voice is a typo of a five-letter word, another letter is not.
    assert speller.correct("worde", "de") == ("worte", "worte")
    assert speller.correct("worme", "de") is None


def test_no_letter_is_put_back_at_either_end_of_a_short_word():
    speller = Speller(("en", w, w) for w in ("sport", "ports", "where"))
    assert speller.correct("port", "en") is None  # "the port in Herne" is no sport
    assert speller.correct("whre", "en") == ("where", "where")


async def test_a_port_is_not_read_as_the_sport_sector(shared_qa):
    answer = await shared_qa.answer(
        "We ship containers through the port of Herne. Any business contacts in Konin?", "en"
    )
    assert "sport" not in (answer.entry or ""), answer.entry


async def test_a_short_real_word_is_not_read_as_a_sector_word(shared_qa):
    # "cara" is one letter from "carga" (freight): a common question word only is put back.
    answer = await shared_qa.answer("¿La vida es cara en Konin?", "es")
    assert "logistics" not in (answer.entry or ""), answer.entry
