"""Round 32: a question after a story and an indirect question (bench/qa_probe_long32.jsonl):
the sentence that asks is read with the partner city the story names carried into it, and an
indirect question's frame ("je me demandais", "我想知道") is left out as fillers are."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        (
            "Meine Tochter macht ein freiwilliges Jahr in Mittelamerika. Sie wohnt auf Ometepe "
            "bei einer Gastfamilie. Die hat ihr von Herne erzählt. Wann hat der Rat von Herne "
            "die Partnerschaft mit der Insel beschlossen?",
            "de",
        ),
        (
            "Moja siostra pojechała do Nikaragui. Na Ometepe spotkała ludzi, którzy znają "
            "Herne. Bardzo się zdziwiłyśmy. Kiedy rada Herne podjęła decyzję o tym partnerstwie?",
            "pl",
        ),
    ],
)
async def test_the_asking_sentence_carries_the_partner_city_of_the_story(
    shared_qa, question, language
):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert "1987" in to_plain(answer), (answer.entry, to_plain(answer))


async def test_an_indirect_question_after_a_story_asks_without_a_question_mark(shared_qa):
    answer = await shared_qa.answer(
        "Our church collected money for a clinic on Ometepe. The island made us very welcome. "
        "I'd like to know when Herne's council decided on the partnership with it.",
        "en",
    )
    assert "1987" in to_plain(answer), (answer.entry, to_plain(answer))


async def test_a_question_naming_its_own_partner_city_keeps_it_after_a_story(shared_qa):
    answer = await shared_qa.answer(
        "Mein Bruder wohnt seit Jahren in Konin. Er arbeitet dort als Lehrer. "
        "Wir haben neulich über Herne gesprochen. Seit wann ist Wakefield Partnerstadt?",
        "de",
    )
    assert answer.entry == "city.since:wakefield", (answer.entry, to_plain(answer))


@pytest.mark.parametrize(
    ("framed", "bare", "language"),
    [
        (
            "Je me demandais comment le jumelage avec la ville polonaise a débuté",
            "Comment le jumelage avec la ville polonaise a débuté ?",
            "fr",
        ),
        (
            "Me pregunto cómo comenzó el hermanamiento con la ciudad polaca",
            "¿Cómo comenzó el hermanamiento con la ciudad polaca?",
            "es",
        ),
        (
            "我想知道黑尔讷跟那座波兰城市的关系是怎么开始的",
            "黑尔讷跟那座波兰城市的关系是怎么开始的？",
            "zh",
        ),
    ],
)
async def test_an_indirect_question_is_read_as_what_it_frames(shared_qa, framed, bare, language):
    as_framed = await shared_qa.answer(framed, language)
    as_bare = await shared_qa.answer(bare, language)
    assert not as_bare.fallback, to_plain(as_bare)
    assert as_framed.entry == as_bare.entry, (as_framed.entry, as_bare.entry)


async def test_no_idea_whom_to_ask_still_asks_whom(shared_qa):
    answer = await shared_qa.answer(
        "Nie mam pojęcia, do kogo się zwrócić w sprawie współpracy z klubem hokejowym w Herne",
        "pl",
    )
    assert "herner ev" in to_plain(answer).lower(), (answer.entry, to_plain(answer))
