"""Words that are not learned from the question bank: function words (for grouping the
office's unanswered questions; the registry lists them) and continents (a continent names the
partner cities in it).
"""

from __future__ import annotations

from functools import cache

from babel import Locale

from bot.languages import REGISTRY
from bot.nlp import lemma, words

# Continents, named by the countries of the partner cities in them (ISO 3166-1), with their
# UN M.49 regions, whose names Babel knows in every language; the inflected forms people type
# are listed by hand.
_REGIONS = {"asia": ("142",), "america": ("019", "013", "419")}
_INFLECTED = {
    "asia": (("CN",), ["Asien", "Asia", "Азия", "Азии", "Azja", "Azji", "Asya", "Asya'da", "Азії"]),
    "america": (
        ("NI",),
        [
            "Amerika",
            "Mittelamerika",
            "America",
            "Central America",
            "Latin America",
            "Америка",
            "Америке",
            "Ameryka",
            "Ameryce",
            "Orta Amerika",
            "Lateinamerika",
            "Amérique",
            "Америці",
        ],
    ),
}


CONTINENTS = {
    continent: (
        codes,
        list(
            dict.fromkeys(
                names
                + [
                    Locale.parse(info.locale).territories[region]
                    for info in REGISTRY.values()
                    for region in _REGIONS[continent]
                ]
            )
        ),
    )
    for continent, (codes, names) in _INFLECTED.items()
}


@cache
def stopwords(language: str) -> frozenset[str]:
    """The function words of `language` as lemmas (bot.nlp.lemma)."""
    info = REGISTRY.get(language)
    listed = " ".join(info.stopwords) if info else ""
    return frozenset(lemma(word, language) for word in words(listed, language))
