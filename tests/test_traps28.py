"""Round 28: a text written for the asker (a poem, a song) or the bot's own opinion is refused
whatever partner city the question names, a distance between two countries is no distance the
base holds, and a question written all in lower case may name a place nobody taught as a
partner check; the partner cities' own answers stay (bench/qa_probe_trap28.jsonl)."""

from __future__ import annotations

import pytest

from bot.render import to_plain


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Mach mir bitte ein Gedicht zu Eisleben.", "de"),
        ("Could you come up with a little poem on Wakefield?", "en"),
        ("Придумай стихи о Конине.", "ru"),
        ("Ułóż wiersz o Wakefield.", "pl"),
        ("Konin için kısa bir şiir yazabilir misin?", "tr"),
        ("Peux-tu écrire un petit poème sur Wakefield ?", "fr"),
        ("¿Puedes hacer una rima sobre Konin?", "es"),
        ("能不能写一首关于科宁的诗？", "zh"),
        ("Склади вірш про Вейкфілд.", "uk"),
    ],
)
async def test_a_poem_about_a_partner_city_is_refused(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)
    # The polite refusal where the city was read, the fallback where nothing was.
    assert answer.entry in (None, "smalltalk.cannot"), answer.entry
    assert "1956" not in to_plain(answer) and "1991" not in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Was halten Sie von der Regierung in Polen?", "de"),
        ("In your opinion, which party governs Turkey best?", "en"),
        ("Co myślisz o polityce w Turcji?", "pl"),
        ("Sizce Türkiye'de hangi parti kazanır?", "tr"),
        ("¿Qué opinas del gobierno de Nicaragua?", "es"),
    ],
)
async def test_an_opinion_asked_is_refused(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "said"),
    [
        ("What's the story behind the Wakefield twinning?", "en", "1956"),
        ("Erzähl mir etwas über Konin.", "de", "1991"),
    ],
)
async def test_a_story_or_a_profile_asked_is_still_answered(shared_qa, question, language, said):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert said in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Wie weit liegen Polen und Frankreich auseinander?", "de"),
        ("What's the distance from Poland to Russia?", "en"),
        ("Quelle est la distance entre la Pologne et la Turquie ?", "fr"),
        ("¿Qué distancia hay de Francia a Rusia?", "es"),
    ],
)
async def test_a_distance_between_two_countries_falls_back(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert answer.fallback, to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("How far from Herne is Luzhou?", "en"),
        ("Wie weit ist es nach Frankreich?", "de"),
    ],
)
async def test_a_distance_to_one_partner_city_stays(shared_qa, question, language):
    answer = await shared_qa.answer(question, language)
    assert not answer.fallback, to_plain(answer)
    assert "km" in to_plain(answer)


@pytest.mark.parametrize(
    ("question", "language", "no", "listed"),
    [
        ("is oldham one of herne's twin towns as well", "en", "not", "Konin"),
        ("samsun da herne'nin kardeş şehri mi", "tr", "değil", "Konin"),
        ("¿zaragoza también es una ciudad hermanada con herne?", "es", "no", "Konin"),
    ],
)
async def test_an_unknown_place_in_a_lower_case_partner_check_is_not_a_partner(
    shared_qa, question, language, no, listed
):
    answer = await shared_qa.answer(question, language)
    text = to_plain(answer)
    assert not answer.fallback, text
    assert no in text and listed in text
    assert answer.entry is not None and answer.entry.startswith("partners.check:"), answer.entry


async def test_a_lower_case_check_of_a_partner_city_still_says_yes(shared_qa):
    answer = await shared_qa.answer("is luzhou one of herne's twin towns", "en")
    assert not answer.fallback
    assert "2019" in to_plain(answer)
