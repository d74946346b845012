"""Words that are not learned from the question bank: function words (for grouping the
office's unanswered questions; the registry lists them) and continents (a continent names the
partner cities in it).
"""

from __future__ import annotations

from functools import cache

from bot.languages import REGISTRY
from bot.nlp import lemma, words

# Continents, named by the countries of the partner cities in them (ISO 3166-1), in every
# language with the forms people type. Listed here rather than taken from Babel's territory
# names, which would load every locale's whole data (about 1.7 MB each) at start-up.
CONTINENTS = {
    "asia": (
        ("CN",),
        [
            "Asien",
            "Asia",
            "Азия",
            "Азии",
            "Azja",
            "Azji",
            "Asya",
            "Asya'da",
            "Asie",
            "亚洲",
            "Азія",
            "Азії",
        ],
    ),
    "america": (
        ("NI",),
        [
            "Amerika",
            "Mittelamerika",
            "Lateinamerika",
            "America",
            "Central America",
            "Latin America",
            "Америка",
            "Америке",
            "Центральная Америка",
            "Латинская Америка",
            "Ameryka",
            "Ameryce",
            "Ameryka Środkowa",
            "Ameryka Łacińska",
            "Orta Amerika",
            "Latin Amerika",
            "Amérique",
            "Amérique centrale",
            "Amérique latine",
            "América",
            "Centroamérica",
            "América Central",
            "Latinoamérica",
            "美洲",
            "中美洲",
            "拉丁美洲",
            "Америці",
            "Центральна Америка",
            "Латинська Америка",
        ],
    ),
}


@cache
def stopwords(language: str) -> frozenset[str]:
    """The function words of `language` as lemmas (bot.nlp.lemma)."""
    info = REGISTRY.get(language)
    listed = " ".join(info.stopwords) if info else ""
    return frozenset(lemma(word, language) for word in words(listed, language))
