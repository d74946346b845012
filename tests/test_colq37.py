"""Round 37: slang, dialect and sound-spelt names in colloquial questions, a trailing thanks after
a real question, a partner city asked by the kind of place it lies in, and asking the bot to
answer in another language (bench/qa_probe_colq37.jsonl). Expectations are computed from the
knowledge base; the wordings are neither the probe's nor a set's."""

from __future__ import annotations

import pytest

from bot.render import to_plain

LANGUAGES_TALK = "smalltalk.languages"


def _since(shared_qa, city: str) -> str:
    return (shared_qa.knowledge.cities[city].partner_since or "")[:4]


@pytest.mark.parametrize(
    ("question", "language", "city", "fact"),
    [
        # Slang fillers and a question word run together ("nezamandır"), around a question the
        # engine reads without them.
        ("vallahi moruk luzhou nezamandır kardeş şehir", "tr", "luzhou", "since"),
        ("aga kanki ometepe nezamandır herne ile kardeş", "tr", "ometepe", "since"),
    ],
)
async def test_slang_fillers_leave_the_question(shared_qa, question, language, city, fact):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert answer.entry == f"city.{fact}:{city}", (answer.entry, text)
    assert _since(shared_qa, city) in text, text


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        # A name with a vowel heard otherwise, stemmed as the name but a word of no bank,
        # then thanks: the question wins, in the question's language.
        ("wo liegt besiktis, danke", "de", "besiktas"),
        ("besiktis c dans quelle ville, merci", "fr", "besiktas"),
    ],
)
async def test_a_name_heard_otherwise_and_thanks_is_the_question(
    shared_qa, question, language, city
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert answer.language == language, (answer.language, text)
    assert answer.entry == f"city.where:{city}", (answer.entry, text)


@pytest.mark.parametrize(
    ("question", "language", "city"),
    [
        # What Herne has to do with a partner city named by its country, in slang.
        ("wat hat herne mit frankreich am hut", "de", "henin-beaumont"),
        ("слышь, а с францией у херне чё за тема", "ru", "henin-beaumont"),
        ("шо за тема в херне з польщею", "uk", "konin"),
        ("c koi le délire entre herne et la pologne", "fr", "konin"),
        ("whats the craic wiv herne an ometepe", "en", "ometepe"),
    ],
)
async def test_herne_and_a_partner_named_by_its_country_in_slang_is_their_history(
    shared_qa, question, language, city
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert answer.entry == f"city.history:{city}", (answer.entry, text)
    assert _since(shared_qa, city) in text, text


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("can u answer me in french", "en"),
        ("¿me podés responder en inglés?", "es"),
        ("можешь ответить по-немецки?", "ru"),
        ("możesz mi odpowiedzieć po niemiecku?", "pl"),
        ("fransızca yanıt verir misin", "tr"),
        ("可以用法语回答我吗", "zh"),
        ("réponds-moi en allemand", "fr"),
    ],
)
async def test_asking_for_answers_in_another_language_is_small_talk(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert answer.entry == LANGUAGES_TALK, (answer.entry, text)


async def test_the_deal_with_herne_and_a_partner_is_its_history(shared_qa):
    answer = await shared_qa.answer("so whats the deal wiv herne an konin", "en")
    text = to_plain(answer)
    assert not answer.fallback, text
    assert answer.entry == "city.history:konin", (answer.entry, text)
    assert _since(shared_qa, "konin") in text


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Which partner city has the most inhabitants?", "en"),  # a ranking, no where
        ("¿Cuántos habitantes tiene Konin?", "es"),
        ("you're a bot?", "en"),
    ],
)
async def test_neighbours_keep_their_answers(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert answer.entry != "city.where:konin", text
