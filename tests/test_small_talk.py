"""Small talk read by the bank's `smalltalk:` cues (round 23): complaints, praise, laughter,
"ok", "?" or an emoji alone get a short reply in the message's language, never "I don't know";
a question after a greeting or thanks is still answered, and a question naming a place is
never small talk. Round 24: who made the bot, its name, apologies, "test", "do you speak
Polish?" and "I love Herne" (Herne or a country named may be small talk)."""

from __future__ import annotations

import pytest

from bot.render import to_plain
from bot.smalltalk import (
    CAPABILITIES,
    CHATTER,
    COMPLAINT,
    GOODBYE,
    GREETING,
    THANKS,
    SmallTalk,
    key,
    laughter,
)


@pytest.fixture
def qa(shared_qa):
    """The worker's answerer (conftest's `shared_qa`): these tests only ask."""
    return shared_qa


@pytest.mark.parametrize(
    ("text", "user_language", "language", "intent"),
    [
        ("you are useless", "en", "en", COMPLAINT),
        ("that was not my question", "en", "en", COMPLAINT),
        ("du bist nutzlos", "de", "de", COMPLAINT),  # read as what the bot can do before
        ("это не то что я спрашивал", "ru", "ru", COMPLAINT),
        ("nie o to pytalem", "pl", "pl", COMPLAINT),
        ("işe yaramazsın", "tr", "tr", COMPLAINT),
        ("c'est faux", "fr", "fr", COMPLAINT),
        ("eso no es lo que pregunté", "es", "es", COMPLAINT),
        ("这不是我问的", "zh", "zh", COMPLAINT),
        ("ти марний", "uk", "uk", COMPLAINT),
        ("you're awesome", "en", "en", CHATTER),
        ("toller bot!", "de", "de", CHATTER),
        ("классный бот", "ru", "ru", CHATTER),
        ("harikasin", "tr", "tr", CHATTER),
        ("haha", "en", "en", CHATTER),  # was Polish, and fell back
        ("jajaja", "es", "es", CHATTER),
        ("ахахах", "ru", "ru", CHATTER),
        ("哈哈哈", "zh", "zh", CHATTER),
        ("mdr", "fr", "fr", CHATTER),
        ("lol", "uk", "uk", CHATTER),  # laughter every language types alike: the user's
        ("hmm", "de", "de", CHATTER),
        ("iyi aksamlar", "en", "tr", GREETING),  # no English "i'm _" (iyi was "i" once)
        ("😂😂", "tr", "tr", CHATTER),
        ("ok 👍", "pl", "pl", CHATTER),
        ("?", "fr", "fr", CAPABILITIES),
        ("how r u", "en", "en", GREETING),
        ("kak dela", "ru", "ru", GREETING),
        ("привет, меня зовут Оля", "ru", "ru", GREETING),
        ("siema, jestem Kasia", "pl", "pl", GREETING),
        ("t'es un robot ?", "fr", "fr", CAPABILITIES),
        ("благодарю!", "ru", "ru", THANKS),
        ("bye 👋", "en", "en", GOODBYE),  # was French
        ("thanks, bye", "en", "en", GOODBYE),
        ("no", "en", "en", CHATTER),  # a Polish filler: not Polish from an English user
        ("heyy", "en", "en", GREETING),
        ("okkk", "de", "de", CHATTER),
    ],
)
async def test_small_talk_is_answered_in_its_language(qa, text, user_language, language, intent):
    answer = await qa.answer(text, user_language)
    assert not answer.fallback and answer.smalltalk
    assert answer.language == language
    if intent is not None:
        understood, _ = qa.understander.understand(text, user_language)
        assert understood.intent == intent


@pytest.mark.parametrize(
    ("text", "user_language", "language", "intent"),
    [
        ("who made you?", "en", "en", CAPABILITIES),
        ("wer hat dich gebaut?", "de", "de", CAPABILITIES),
        ("как тебя зовут?", "ru", "ru", CAPABILITIES),
        ("¿cómo te llamas?", "es", "es", CAPABILITIES),
        ("seni kim yaptı?", "tr", "tr", CAPABILITIES),
        ("tu es un robot ou un humain ?", "fr", "fr", CAPABILITIES),  # was the office's reply
        ("sorry", "en", "en", CHATTER),  # was the list of the partner cities' locations
        ("przepraszam", "pl", "pl", CHATTER),
        ("pardon", "tr", "tr", CHATTER),  # was Spanish, and fell back
        ("тест", "uk", "uk", CHATTER),
        ("测试", "zh", "zh", CHATTER),
        ("dzień dobry, mam pytanie", "pl", "pl", GREETING),
        ("від тебе ніякої користі", "uk", "uk", COMPLAINT),
        ("du bist echt zu nix zu gebrauchen", "de", "de", COMPLAINT),
    ],
)
async def test_more_small_talk_people_write(qa, text, user_language, language, intent):
    answer = await qa.answer(text, user_language)
    assert not answer.fallback and answer.smalltalk
    assert answer.language == language
    understood, _ = qa.understander.understand(text, user_language)
    assert understood.intent == intent


@pytest.mark.parametrize(
    ("text", "user_language", "language"),
    [
        ("I love Herne!", "en", "en"),
        ("Ich liebe Herne ❤️", "de", "de"),
        ("j'adore Herne", "fr", "fr"),  # was Spanish, and fell back
        ("ты говоришь по-польски?", "ru", "ru"),  # Polish read as Poland: Herne's Polish roots
        ("mówisz po polsku?", "pl", "pl"),
        ("你会说波兰语吗？", "zh", "zh"),
    ],
)
async def test_herne_or_a_language_named_in_small_talk(qa, text, user_language, language):
    answer = await qa.answer(text, user_language)
    assert not answer.fallback and answer.smalltalk
    assert answer.language == language
    assert answer.cities == []


@pytest.mark.parametrize(
    ("text", "user_language", "expected"),
    [
        ("I love Herne, since when is Konin a partner city?", "en", "1991"),
        ("Polen?", "de", "konin"),
        ("Is Poland a partner city?", "en", "poland"),
        ("sorry, where is konin?", "en", "poland"),
        ("mam pytanie, gdzie jest Konin?", "pl", "wielkopol"),
    ],
)
async def test_a_name_beside_small_talk_is_still_a_question(qa, text, user_language, expected):
    import re

    answer = await qa.answer(text, user_language)
    assert not answer.fallback and not answer.smalltalk
    assert re.search(expected, to_plain(answer).lower())


async def test_the_replies_are_translated(qa):
    complaint = await qa.answer("das war nicht meine frage", "de")
    assert "Konin" in to_plain(complaint) and "Menü" in to_plain(complaint)
    chatter = await qa.answer("haha", "uk")
    assert "Герне" in to_plain(chatter)


@pytest.mark.parametrize(
    ("text", "user_language", "expected"),
    [
        ("hi! where is konin?", "en", "poland"),
        ("hallo! wo liegt konin?", "de", "polen"),
        ("privet, kogda vejkfild stal partnerom?", "ru", "1956"),
        ("merci ! et ometepe c'est où ?", "fr", "nicaragua"),
        ("thx! and who signed the 2018 declaration?", "en", "polezhaev|dudda"),
        ("hello, is paris a partner city?", "en", "paris"),
        ("haha ok, where is wakefield", "en", "yorkshire"),
    ],
)
async def test_a_question_beside_small_talk_is_answered(qa, text, user_language, expected):
    import re

    answer = await qa.answer(text, user_language)
    assert not answer.fallback and not answer.smalltalk
    assert re.search(expected, to_plain(answer).lower())


@pytest.mark.parametrize(
    ("text", "user_language"),
    [
        ("hi, what's the weather in konin tomorrow?", "en"),
        ("hallo, wie wird das wetter morgen", "de"),
    ],
)
async def test_an_out_of_scope_question_beside_a_greeting_is_no_small_talk(qa, text, user_language):
    answer = await qa.answer(text, user_language)
    assert not answer.smalltalk


def test_cues_cover_the_whole_message_only():
    talk = SmallTalk(
        {
            "en": {
                GREETING: ["hi", "my name is _"],
                COMPLAINT: ["you are useless", "wrong"],
                CHATTER: ["ok"],
            }
        },
        {"en": ["um"]},
    )
    assert talk.read(["hi", "my", "name", "is", "anna"], "en") == GREETING
    assert talk.read(["um", "you", "are", "usless"], "en") == COMPLAINT  # one typo
    assert talk.read(["hi", "where", "is", "it"], "en") is None  # a question
    assert talk.read(["ok", "hi", "wrong"], "en") == COMPLAINT  # the first of KINDS
    assert talk.read(["haha"], "en") == CHATTER
    assert talk.read(["um"], "en") == CHATTER
    assert talk.read(["um"], "en", fillers_alone=False) is None
    assert talk.read(["hi"], "de") is None


def test_laughter_that_is_a_cues_word_is_read_either_way():
    talk = SmallTalk({"es": {GREETING: ["estás ahí", "hola"]}}, {"es": []})
    assert talk.read(["estas", "ahi"], "es") == GREETING  # "ahi" reads as laughter too
    assert talk.read(["hola", "jaja"], "es") == GREETING
    assert talk.read(["ahi"], "es") == CHATTER  # laughter alone, as before
    assert talk.read(["hola", "ahi"], "es") == GREETING


@pytest.mark.parametrize(
    ("word", "laughs"),
    [
        ("haha", True),
        ("ahahah", True),
        ("jajaja", True),
        ("хахаха", True),
        ("hehe", True),
        ("lol", True),
        ("xDDD", True),
        ("哈", True),
        ("hello", False),
        ("ja", False),
        ("hey", False),
        ("hah", False),
    ],
)
def test_laughter(word, laughs):
    assert laughter(key(word)) is laughs
