"""Words the question engine recognises, per language: function words, what a question asks
for (intents), and the sectors of business contacts. Written as plain words; they are stemmed
and folded with the same code as questions and entries, so inflected forms match.
"""

from __future__ import annotations

from functools import cache

from bot.nlp import stem, words

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

# What a question asks for. A cue is one word or several in sequence.
INTENTS = {
    "since": {
        "de": [
            "seit wann",
            "wann",
            "seit",
            "jahr",
            "gegründet",
            "begann",
            "beginn",
            "unterzeichnet",
        ],
        "en": ["since when", "when", "since", "year", "how long", "began", "start", "signed"],
        "ru": ["когда", "с какого", "как давно", "год", "году", "подписан", "подписано"],
        "pl": ["od kiedy", "kiedy", "rok", "roku", "jak długo", "podpisano", "podpisana"],
        "tr": [
            "ne zaman",
            "ne zamandan beri",
            "beri",
            "yıl",
            "yılında",
            "hangi yıl",
            "imzalandı",
            "kaç yılından",
        ],
    },
    "where": {
        "de": [
            "fluss",
            "an welchem fluss",
            "wo",
            "liegt",
            "land",
            "welchem land",
            "region",
            "lage",
            "befindet",
            "bundesland",
        ],
        "en": [
            "river",
            "which river",
            "where",
            "located",
            "country",
            "which country",
            "region",
            "lie",
            "lies",
            "situated",
            "state",
            "province",
        ],
        "ru": [
            "реке",
            "река",
            "стоит",
            "где",
            "находится",
            "расположен",
            "страна",
            "стране",
            "какой стране",
            "регион",
            "области",
            "земле",
        ],
        "pl": [
            "rzece",
            "rzeka",
            "gdzie",
            "leży",
            "położony",
            "położone",
            "kraj",
            "kraju",
            "jakim kraju",
            "region",
            "województwie",
            "województwo",
        ],
        "tr": [
            "nehir",
            "nehri",
            "kıyısında",
            "nerede",
            "nerde",
            "hangi ülke",
            "ülke",
            "ülkede",
            "bölge",
            "bulunuyor",
            "yer",
            "eyalet",
            "eyaleti",
            "ilde",
        ],
    },
    "population": {
        "de": ["einwohner", "einwohnerzahl", "bevölkerung", "wie viele menschen", "groß", "leben"],
        "en": [
            "population",
            "inhabitants",
            "residents",
            "how many people",
            "people live",
            "big",
            "live",
            "lives",
        ],
        "ru": [
            "жителей",
            "население",
            "жители",
            "сколько людей",
            "численность",
            "большой",
            "человек",
            "живёт",
            "живет",
            "проживает",
        ],
        "pl": [
            "mieszkańców",
            "mieszkańcy",
            "ludność",
            "ilu ludzi",
            "liczba ludności",
            "duży",
            "mieszka",
            "osób",
        ],
        "tr": ["nüfus", "nüfusu", "kaç kişi", "kişi yaşıyor", "büyük", "sakin", "yaşıyor"],
    },
    "website": {
        "de": ["website", "webseite", "internetseite", "homepage", "internet", "link"],
        "en": ["website", "web site", "homepage", "site", "internet", "link", "url"],
        "ru": ["сайт", "сайта", "веб-сайт", "интернет", "ссылка"],
        "pl": ["strona", "strony", "stronę", "internetowa", "witryna", "link"],
        "tr": ["web sitesi", "site", "sitesi", "internet", "bağlantı", "link"],
    },
    "status": {
        "de": [
            "austausch",
            "organisieren",
            "reise",
            "schüleraustausch",
            "status",
            "passiert",
            "noch aktiv",
            "aktiv",
            "ruht",
            "ausgesetzt",
            "beendet",
            "stand",
            "auf eis",
            "eingefroren",
        ],
        "en": [
            "exchange",
            "exchange trip",
            "organise",
            "organize",
            "status",
            "happened",
            "still active",
            "active",
            "suspended",
            "ended",
            "on hold",
            "on ice",
            "frozen",
        ],
        "ru": [
            "обмен",
            "поездку",
            "организовать",
            "статус",
            "случилось",
            "произошло",
            "действует",
            "приостановлено",
            "прекращено",
        ],
        "pl": [
            "wymianę",
            "wymiana",
            "zorganizować",
            "wyjazd",
            "status",
            "stało",
            "aktualne",
            "aktywne",
            "zawieszone",
            "zakończone",
            "trwa",
        ],
        "tr": [
            "değişim",
            "gezi",
            "düzenlemek",
            "durum",
            "durumu",
            "ne oldu",
            "aktif",
            "askıya",
            "askıda",
            "bitti",
            "devam",
        ],
    },
    # Answered by the city's profile, which states them where a source gives them.
    "area": {
        "de": ["fläche", "quadratkilometer", "km²"],
        "en": ["area", "square kilometres", "square kilometers", "km²"],
        "ru": ["площадь", "квадратных километров", "км²"],
        "pl": ["powierzchnia", "powierzchnię", "kilometrów kwadratowych", "km²"],
        "tr": ["yüzölçümü", "alan", "alanı", "kilometrekare", "km²"],
    },
    "founded": {
        "de": ["gegründet", "gründung", "gründungsjahr"],
        "en": ["founded", "foundation", "established"],
        "ru": ["основан", "основана", "основания", "основали"],
        "pl": ["założono", "założony", "założone", "założenia"],
        "tr": ["kuruldu", "kuruluş", "kurulmuş"],
    },
    "distance": {
        "de": ["wie weit", "entfernung", "entfernt", "kilometer", "km"],
        "en": ["how far", "distance", "away", "kilometres", "kilometers", "km"],
        "ru": ["далеко", "расстояние", "километров", "км"],
        "pl": ["jak daleko", "odległość", "daleko", "kilometrów", "km"],
        "tr": ["ne kadar uzak", "uzaklık", "mesafe", "uzak", "kilometre", "km"],
    },
    "time": {
        "de": ["uhrzeit", "wie spät", "zeitzone", "ortszeit"],
        "en": ["what time", "time zone", "timezone", "local time"],
        "ru": ["который час", "сколько времени", "часовой пояс", "местное время"],
        "pl": ["która godzina", "strefa czasowa", "czas lokalny"],
        "tr": ["saat kaç", "saat dilimi", "yerel saat"],
    },
    "contacts": {
        "de": [
            "kontakt",
            "kontakte",
            "ansprechpartner",
            "erreiche",
            "erreichen",
            "partner finden",
            "wer hilft",
            "unternehmen",
            "firmen",
        ],
        "en": ["contact", "contacts", "reach", "get in touch", "who can help", "companies"],
        "ru": ["контакт", "контакты", "связаться", "обратиться", "компании"],
        "pl": ["kontakt", "kontakty", "skontaktować", "firmy"],
        "tr": ["iletişim", "ulaşabilirim", "ulaşmak", "irtibat", "şirket"],
    },
}

# Question words that any answer of the asked kind explains. "Who" and "why" are not here:
# they ask for something only a matching entry holds (a signatory, a reason).
QUESTION_WORDS = {
    "de": "wie was welche welcher welches welchen wo wann wieviel wie viele",
    "en": "how what which where when many much",
    "ru": "как что какой какая какое какие каком где когда сколько чем",
    "pl": "jak co jaki jaka jakie który która które którym gdzie kiedy ile czym",
    "tr": "nasıl ne hangi nerede nerde zaman kaç nedir",
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

# Words that only say "partnership" and fit any answer about a partner city.
PARTNERSHIP_WORDS = {
    "de": "partnerstadt partnerstädte städtepartnerschaft partnerschaft partner stadt herne "
    "herner ist mit",
    "en": "partner city cities twin town twinning partnership sister herne herne's is with",
    "ru": "город города городом партнёр партнер партнёрство партнерство побратим херне херне's с",
    "pl": "miasto miasta miastem partnerskie partnerskim partnerstwo partner herne z",
    "tr": "kardeş şehir şehri şehirdir ortaklık ortaklığı herne herne'nin ile",
}

SECTOR_WORDS = {
    "health_economy": {
        "de": ["gesundheitswirtschaft", "gesundheit", "medizin"],
        "en": ["health", "healthcare", "medicine", "medical"],
        "ru": ["здравоохранение", "здоровье", "медицина", "медицинский"],
        "pl": ["zdrowie", "zdrowia", "medycyna", "medyczny"],
        "tr": ["sağlık", "tıp", "sağlık ekonomisi"],
    },
    "energy": {
        "de": ["energie"],
        "en": ["energy"],
        "ru": ["энергетика", "энергия"],
        "pl": ["energia", "energetyka"],
        "tr": ["enerji"],
    },
    "logistics": {
        "de": ["logistik"],
        "en": ["logistics"],
        "ru": ["логистика"],
        "pl": ["logistyka"],
        "tr": ["lojistik"],
    },
    "science": {
        "de": ["wissenschaft", "forschung", "hochschule", "universität"],
        "en": ["science", "research", "university", "universities"],
        "ru": ["наука", "исследования", "университет", "вуз"],
        "pl": ["nauka", "badania", "uczelnia", "uniwersytet"],
        "tr": ["bilim", "araştırma", "üniversite"],
    },
    "nanotechnology": {
        "de": ["nanotechnologie", "nano"],
        "en": ["nanotechnology", "nano"],
        "ru": ["нанотехнологии", "нанотехнология", "нано"],
        "pl": ["nanotechnologia", "nano"],
        "tr": ["nanoteknoloji", "nano"],
    },
    "culture": {
        "de": ["kultur", "musik", "rockmusiker"],
        "en": ["culture", "music", "musicians"],
        "ru": ["культура", "музыка", "музыканты"],
        "pl": ["kultura", "muzyka", "muzycy"],
        "tr": ["kültür", "müzik", "müzisyen"],
    },
    "sport": {
        "de": ["sport", "eishockey", "verein"],
        "en": ["sport", "sports", "ice hockey"],
        "ru": ["спорт", "хоккей"],
        "pl": ["sport", "hokej"],
        "tr": ["spor", "hokey", "buz hokeyi"],
    },
    "education": {
        "de": ["bildung", "schule", "schüler", "studium"],
        "en": ["education", "school", "pupils", "students"],
        "ru": ["образование", "школа", "школьники", "студенты"],
        "pl": ["edukacja", "szkoła", "uczniowie", "studenci"],
        "tr": ["eğitim", "okul", "öğrenci"],
    },
}


def phrase_stems(phrase: str, language: str) -> tuple[str, ...]:
    return tuple(stem(word, language) for word in words(phrase, language))


@cache
def stopwords(language: str) -> frozenset[str]:
    return frozenset(phrase_stems(STOPWORDS[language], language))


@cache
def partnership_words(language: str) -> frozenset[str]:
    return frozenset(phrase_stems(PARTNERSHIP_WORDS[language], language))


@cache
def question_words(language: str) -> frozenset[str]:
    return frozenset(phrase_stems(QUESTION_WORDS[language], language))


def _cue_table(
    table: dict[str, dict[str, list[str]]], language: str
) -> dict[str, list[tuple[str, ...]]]:
    """key -> its cue phrases in `language` as stem sequences, longest first."""
    return {
        key: sorted({phrase_stems(cue, language) for cue in cues[language]}, key=len, reverse=True)
        for key, cues in table.items()
    }


@cache
def intent_cues(language: str) -> dict[str, list[tuple[str, ...]]]:
    return _cue_table(INTENTS, language)


@cache
def sector_cues(language: str) -> dict[str, list[tuple[str, ...]]]:
    return _cue_table(SECTOR_WORDS, language)
