"""Words that are not learned from the question bank: function words (for grouping the
office's unanswered questions; the registry lists them) and continents (a continent names the
partner cities in it).
"""

from __future__ import annotations

from functools import cache

from bot.languages import REGISTRY
from bot.nlp import fold_latin, lemma, words

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


# The months, January first, as questions name them: Babel's stand-alone and format names
# (CLDR), and the forms after "in" that a lemmatiser may miss (Russian, Ukrainian and Polish
# locatives, Turkish locatives typed without the apostrophe). Listed rather than read from
# Babel for the same reason as the continents. Chinese months are read as a number before 月
# ("12月", "十二月"), not by these names.
MONTHS: dict[str, list[str]] = {
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November "
    "Dezember".split(),
    "en": "January February March April May June July August September October November "
    "December".split(),
    "ru": "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь "
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря "
    "январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре".split(),
    "pl": "styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień październik "
    "listopad grudzień stycznia lutego marca kwietnia maja czerwca lipca sierpnia września "
    "października listopada grudnia styczniu lutym marcu kwietniu maju czerwcu lipcu sierpniu "
    "wrześniu październiku listopadzie grudniu".split(),
    "tr": "Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık "
    "ocakta şubatta martta nisanda mayısta haziranda temmuzda ağustosta eylülde ekimde "
    "kasımda aralıkta".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre "
    "décembre".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre".split(),
    "zh": "一月 二月 三月 四月 五月 六月 七月 八月 九月 十月 十一月 十二月".split(),
    "uk": "січень лютий березень квітень травень червень липень серпень вересень жовтень "
    "листопад грудень січня лютого березня квітня травня червня липня серпня вересня жовтня "
    "листопада грудня січні лютому березні квітні травні червні липні серпні вересні жовтні "
    "листопаді грудні".split(),
}
# Month names that are common words too ("May I ask ...?", "the march"): months only after one
# of these words, or before a number ("May 2027", "March 3rd").
_AMBIGUOUS_MONTHS = {"en": frozenset({"may", "march"})}
_BEFORE_MONTH = {
    "en": frozenset(
        "in of early mid late next this until till from by since during for before after "
        "around".split()
    )
}
_CHINESE_NUMERALS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


class Months:
    """The months a question names, in its own language and inflection: "im Januar", "w
    styczniu", "в январе", "Aralık'ta", "12月", "十二月"."""

    def __init__(self) -> None:
        # language -> folded form or lemma -> month (1-12)
        self._forms: dict[str, dict[str, int]] = {}
        for language, names in MONTHS.items():
            if language == "zh":
                continue
            forms = self._forms.setdefault(language, {})
            for position, name in enumerate(names):
                # Twelve names to a set of forms, January first.
                month = position % 12 + 1
                for word in words(name, language):
                    forms.setdefault(fold_latin(word), month)
                    forms.setdefault(lemma(word, language), month)
        # Spellings of one region or keyboard: Austrian "Jänner", "Maerz", Latin American
        # "setiembre".
        for language, extra in (("de", {"janner": 1, "maerz": 3}), ("es", {"setiembre": 9})):
            self._forms[language].update(extra)

    def find(
        self,
        folded: list[str],
        lemmas: list[str],
        free: list[bool],
        language: str,
        dated: bool = False,
    ) -> list[tuple[int, int, int]]:
        """(start, end, month) of each month named among the free positions; not a month of
        a given year ("May 2015", "2015年5月"), which dates something rather than asks
        about a month; `dated`: only those."""
        if language == "zh":
            return self._chinese(folded, free, dated)
        forms = self._forms.get(language)
        if not forms:
            return []
        ambiguous = _AMBIGUOUS_MONTHS.get(language, frozenset())
        found = []
        for i, word in enumerate(folded):
            month = forms.get(word) or forms.get(lemmas[i])
            if month is None or not free[i] or _year(folded, i + 1) != dated:
                continue
            if word in ambiguous and not (
                (i > 0 and folded[i - 1] in _BEFORE_MONTH.get(language, ()))
                or (i + 1 < len(folded) and folded[i + 1][:1].isdigit())
            ):
                continue
            found.append((i, i + 1, month))
        return found

    def days(self, folded: list[str], lemmas: list[str], language: str) -> set[int]:
        """The positions of the days of the dates a question names ("16 January 2018", "am 16.
        Januar", "16 de enero", "January 16", "1月16日"): the day is part of the date, no word
        of the question ("Who signed on 16 January?" is no question about the 16 signatures).
        A month of a given year counts here too."""
        if language == "zh":
            return {
                i
                for i in range(2, len(folded) - 1)
                if _day(folded[i]) and folded[i - 1] == "月" and folded[i + 1] == "日"
            }
        forms = self._forms.get(language)
        if not forms:
            return set()
        months = {i for i, word in enumerate(folded) if word in forms or lemmas[i] in forms} - {
            i for i, word in enumerate(folded) if word in _AMBIGUOUS_MONTHS.get(language, ())
        }
        found = set()
        for i, word in enumerate(folded):
            if not _day(word):
                continue
            # "16 January", "16 de enero", "January 16"; "16. Januar" is read as "16 Januar".
            linked = folded[i + 1 : i + 2] == [_OF_MONTH.get(language)] and i + 2 in months
            if i + 1 in months or linked or i - 1 in months:
                found.add(i)
        return found

    @staticmethod
    def _chinese(
        folded: list[str], free: list[bool], dated: bool = False
    ) -> list[tuple[int, int, int]]:
        found = []
        for i, word in enumerate(folded):
            if word != "月" or not free[i] or i == 0:
                continue
            before = folded[i - 1]
            if before.isdecimal() and 1 <= int(before) <= 12:
                if (i >= 3 and folded[i - 2] == "年") == dated:
                    found.append((i - 1, i + 1, int(before)))
                continue
            # 十 (10), 十一 (11), 十二 (12), 一 ... 九
            start, number = i - 1, _CHINESE_NUMERALS.get(before)
            if before == "十":
                number = 10
            elif number is not None and i >= 2 and folded[i - 2] == "十":
                start, number = i - 2, 10 + number
            of_year = start >= 1 and folded[start - 1] == "年"
            if number is not None and 1 <= number <= 12 and all(free[start:i]) and of_year == dated:
                found.append((start, i + 1, number))
        return found


# The word between a day and its month ("16 de enero").
_OF_MONTH = {"es": "de"}


def _day(word: str) -> bool:
    return word.isdecimal() and len(word) <= 2 and 1 <= int(word) <= 31


def _year(folded: list[str], position: int) -> bool:
    return position < len(folded) and len(folded[position]) == 4 and folded[position].isdigit()
