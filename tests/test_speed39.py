"""Session 36 (speed39): an anniversary's dated entries are sought among the city's own entries
(`Knowledge.faq_by_city`), not by walking the whole FAQ per question, which at 10,000 entries
made such a question the slowest of the bench's; what is found is what walking all finds."""

from __future__ import annotations

import re
from types import SimpleNamespace

import bot.compose
from bot.render import to_plain


class CountedFaq(dict):
    """The FAQ's entries, counting each walk over them."""

    walks = 0

    def values(self):  # type: ignore[override]
        CountedFaq.walks += 1
        return super().values()


def _walking_all(city, anniversary, knowledge, language):
    """`_anniversary_entries` as round 38 found them: every entry of the base looked at."""
    parts = (city.partner_since or "").split("-")
    if not parts[0].isdigit():
        return []
    year = str(int(parts[0]) + anniversary)
    number = re.compile(rf"(?<!\d){anniversary}(?!\d)")
    return [
        e
        for e in dict.values(knowledge.faq)
        if city.id in e.cities
        and (e.date or "").startswith(year)
        and language in e.answers
        and number.search(e.answers[language])
    ]


async def test_an_anniversary_is_composed_without_walking_the_whole_faq(qa, monkeypatch):
    knowledge = qa.knowledge
    monkeypatch.setattr(knowledge, "faq", CountedFaq(knowledge.faq))
    walked = []
    anniversary_entries = bot.compose._anniversary_entries

    def counted(*args):
        before = CountedFaq.walks
        found = anniversary_entries(*args)
        walked.append(CountedFaq.walks - before)
        return found

    monkeypatch.setattr(bot.compose, "_anniversary_entries", counted)
    answer = await qa.answer(
        "when did Herne people travel to Belgorod for the 25th anniversary?", "en"
    )
    text = to_plain(answer).lower()
    assert "2015" in text and "may 2015" in text, text
    assert walked and walked == [0] * len(walked)


async def test_an_anniversarys_entries_are_those_walking_the_whole_faq_finds(qa):
    knowledge = qa.knowledge
    found_any = False
    for city in knowledge.cities.values():
        for anniversary in (5, 10, 20, 25, 30, 40, 50, 60):
            for language in ("de", "en", "zh", "uk"):
                t = SimpleNamespace(language=language)  # only its language is read
                got = bot.compose._anniversary_entries(city, anniversary, knowledge, t)
                assert got == _walking_all(city, anniversary, knowledge, language)
                found_any = found_any or bool(got)
    assert found_any
