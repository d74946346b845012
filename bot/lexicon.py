"""Words that are not learned from the question bank: function words (for grouping the
office's unanswered questions) and continents (a continent names the partner cities in it).
"""

from __future__ import annotations

from functools import cache

from bot.nlp import lemma, words

# Function words carry no topic. Question words are not here: they tell the intent.
STOPWORDS = {
    "de": """der die das den dem des ein eine einer eines einem einen und oder aber mit von zu
        zum zur im in ins am an auf aus bei für über unter vor nach um es ist sind war waren
        wird werden wurde wurden hat haben hatte hatten sein seine ihr ihre ich du er sie wir
        man mir mich mein meine sich auch noch schon nur so dann denn doch mal bitte gibt gab
        kann können könnte möchte will soll sollte mit etwas was dies diese dieser dieses
        denen dass da hier dort ja nein nicht kein keine""",
    "en": """the a an and or but of to in on at by for with from about into is are was were be
        been being has have had do does did i you he she it we they me my your our their
        there this that these those can could would should will shall may might please any
        some what tell me know so also just""",
    "ru": """и в во на с со к ко о об от до из за по для у а но или ли же бы не ни это этот эта
        эти то та те тот быть был была были есть мне меня мой моя я ты он она мы вы они их его
        ее её как так там тут здесь уже ещё еще пожалуйста можно можете скажите расскажите
        что""",
    "pl": """i w we na z ze do od o u a ale lub albo czy się to ten ta te tego tej jest są był
        była były być mi mnie mój moja ja ty on ona my wy oni ich jego jej jak tak tam tu już
        jeszcze proszę można może powiedz opowiedz co""",
    "tr": """ve ile bir bu şu o da de mi mı mu mü için gibi ama veya ya çok daha en ben sen biz
        siz onlar benim bana lütfen acaba ki ne""",
}

# Continents, named by the countries of the partner cities in them (ISO 3166-1).
CONTINENTS = {
    "asia": (("CN",), ["Asien", "Asia", "Азия", "Азии", "Azja", "Azji", "Asya", "Asya'da"]),
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
        ],
    ),
}


@cache
def stopwords(language: str) -> frozenset[str]:
    """The function words of `language` as lemmas (bot.nlp.lemma)."""
    return frozenset(lemma(word, language) for word in words(STOPWORDS[language], language))
