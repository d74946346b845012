"""The language of a short question told by its words (round 22): a word only one language's
bank uses decides against a language whose bank uses none of the question's words on its own
(`Understander._word_owner`); and German as Herne chats it (Ruhr fillers, short forms)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.fixture
def qa(shared_qa):
    """The worker's answerer (conftest's `shared_qa`): these tests only ask."""
    return shared_qa


@pytest.mark.parametrize(
    ("question", "user", "language", "expected"),
    [
        # lingua reads "info über" as Spanish (0.85); "über" is only the German bank's word.
        ("info über eisleben", "en", "de", "luther"),
        ("info über eisleben", "es", "de", "luther"),
        # Ukrainian words ("вступити") against lingua's and a Russian user's Russian.
        ("як вступити в товариство", "ru", "uk", "товариств"),
        ("котра зараз година в лучжоу", "ru", "uk", "лучжоу"),
    ],
)
async def test_a_word_only_one_language_uses_decides(qa, question, user, language, expected):
    answer = await qa.answer(question, user)
    assert answer.language == language, to_plain(answer)
    assert not answer.fallback
    assert expected in to_plain(answer).lower()


@pytest.mark.parametrize(
    ("question", "user", "language"),
    [
        # Russian in Latin letters: the banks hold no Latin Russian words, so Polish "stal"
        # is no word of Polish's own here.
        ("kogda konin stal partnerom", "pl", "ru"),
        ("kogda Luzhou stal gorodom-partnerom Herne?", "de", "ru"),
        # A word several banks use decides nothing ("info": en, pl, fr, es).
        ("info on konin", "de", "en"),
        # Where the detector's language has a word of its own, nothing changes.
        ("where is konin", "de", "en"),
        ("wo liegt konin", "fr", "de"),
    ],
)
async def test_words_many_languages_share_decide_nothing(qa, question, user, language):
    answer = await qa.answer(question, user)
    assert answer.language == language, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("ey wann war dat mit besiktas", "2016"),
        ("boah, wo liecht dat konin", "polen"),
        ("ey wann wurd das mit luzou nochmal festgemacht", "2018"),
    ],
)
async def test_german_chat_is_read(qa, question, expected):
    answer = await qa.answer(question, "de")
    assert not answer.fallback and answer.language == "de", to_plain(answer)
    assert expected in to_plain(answer).lower()
