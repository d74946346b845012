"""The periods a question about events names ("nächste Woche", "this weekend", "cet été",
"下个月", "in 2027", "before Christmas"), read with data/questions/periods.yaml, and the dates
each stands for on a given day."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.nlp import fold_latin, words

# A period's unit as periods.yaml writes it: "week", "weekend", "month", "year", "christmas"
# ("before Christmas": from today to Christmas Eve), "coming" (roughly the coming month from
# today: "next month or so", "d'ici un mois", "в ближайший месяц"), or a season.
SEASONS = ("spring", "summer", "autumn", "winter")
UNITS = ("week", "weekend", "month", "year", "christmas", "coming", *SEASONS)
# The days "the coming month or so" stands for, today the first: a month's worth, whatever
# the day of the month it is asked on (a plain "next month" is the calendar month).
COMING_DAYS = 31
# The month each season begins with (meteorological seasons: winter is December to February).
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
_SPEC = re.compile(r"^(?P<unit>[a-z]+)(?P<offset>[+-]\d+)?$")
# A year a question names that may be a period of events: this round's calendar, not the
# partnerships' history (1954, 1990) nor a number that only looks like a year.
FIRST_YEAR, LAST_YEAR = 2000, 2099


@dataclass(frozen=True)
class Period:
    unit: str  # one of UNITS
    offset: int = 0  # 0: this (or the coming one), 1: next, -1: last
    year: int | None = None  # a year named: "in 2027", "im Sommer 2027"
    # A season of a year named from today's: "next year's spring" is 1, "last year's" -1.
    years_on: int | None = None

    def window(self, today: date, past: bool = False) -> tuple[date, date]:
        """The first day of the period and the day after its last, on `today`; `past`: the
        question asks what is over, so "im Sommer" is the last summer, not the next."""
        if self.unit in SEASONS:
            return self._season(today, past)
        if self.unit == "year":
            year = self.year if self.year is not None else today.year + self.offset
            return date(year, 1, 1), date(year + 1, 1, 1)
        if self.unit == "month":
            first = _add_months(today.replace(day=1), self.offset)
            return first, _add_months(first, 1)
        if self.unit == "week":
            monday = today - timedelta(days=today.weekday()) + timedelta(weeks=self.offset)
            return monday, monday + timedelta(days=7)
        if self.unit == "coming":
            if past:
                return today - timedelta(days=COMING_DAYS), today + timedelta(days=1)
            return today, today + timedelta(days=COMING_DAYS)
        if self.unit == "weekend":
            # On Sunday, this weekend is the one under way (Saturday was yesterday).
            saturday = today + timedelta(days=5 - today.weekday())
            saturday += timedelta(weeks=self.offset)
            return saturday, saturday + timedelta(days=2)
        # "christmas": until Christmas Eve, this year's or, once it is over, next year's.
        eve = date(today.year, 12, 24)
        if today > eve:
            eve = date(today.year + 1, 12, 24)
        return today, eve + timedelta(days=1)

    def _season(self, today: date, past: bool) -> tuple[date, date]:
        def starting(year: int) -> tuple[date, date]:
            first = date(year, _SEASON_START[self.unit], 1)
            return first, _add_months(first, 3)

        if self.year is not None:
            return starting(self.year)
        if self.years_on is not None:
            return starting(today.year + self.years_on)
        seasons = [starting(year) for year in range(today.year - 2, today.year + 2)]
        under_way = [s for s in seasons if s[0] <= today < s[1]]
        coming = next(s for s in seasons if s[0] > today)
        over = [s for s in seasons if s[1] <= today][-1]
        if self.offset > 0:
            return coming
        if self.offset < 0:
            return over
        # "im Sommer": the one under way, else the next, or the last when what is over is asked.
        return under_way[0] if under_way else over if past else coming


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def parse_spec(spec: str) -> Period:
    """ "week+1" -> Period("week", 1); "summer-1" -> the last summer."""
    match = _SPEC.match(spec)
    if match is None or match["unit"] not in UNITS:
        raise ValueError(f"period {spec!r}: a unit ({', '.join(UNITS)}) and an offset (+1, -1)")
    return Period(match["unit"], int(match["offset"] or 0))


class Periods:
    """The periods of periods.yaml, as sequences of folded words, longest first."""

    def __init__(self, table: dict[str, dict[str, list[str]]]) -> None:
        # language -> first folded word -> (folded words, period), longest first
        self._phrases: dict[str, dict[str, list[tuple[tuple[str, ...], Period]]]] = {}
        for language, by_spec in table.items():
            by_first = self._phrases.setdefault(language, {})
            for spec, written in by_spec.items():
                period = parse_spec(spec)
                for phrase in written:
                    folded = tuple(fold_latin(w) for w in words(phrase, language))
                    if folded:
                        by_first.setdefault(folded[0], []).append((folded, period))
            for phrases in by_first.values():
                phrases.sort(key=lambda p: -len(p[0]))

    def find(
        self, folded: list[str], free: list[bool], language: str
    ) -> tuple[Period | None, list[tuple[int, int]]]:
        """The period a question names among its free positions, and the spans naming it.
        A year beside a season ("im Sommer 2027", "明年春天") dates that season; a year
        alone ("in 2027") is that year."""
        found: list[tuple[int, int, Period]] = []
        by_first = self._phrases.get(language, {})
        i = 0
        while i < len(folded):
            for phrase, period in by_first.get(folded[i], ()):
                end = i + len(phrase)
                if tuple(folded[i:end]) == phrase and all(free[i:end]):
                    found.append((i, end, period))
                    i = end - 1
                    break
            i += 1
        years = [
            (i, int(w))
            for i, w in enumerate(folded)
            if free[i] and len(w) == 4 and w.isdecimal() and FIRST_YEAR <= int(w) <= LAST_YEAR
        ]
        spans = [(s, e) for s, e, _ in found] + [(i, i + 1) for i, _ in years]
        seasons = [p for _, _, p in found if p.unit in SEASONS]
        relative_years = [p for _, _, p in found if p.unit == "year"]
        named_year = years[0][1] if len(years) == 1 else None
        if seasons:
            season = seasons[0]
            if named_year is not None:
                return Period(season.unit, year=named_year), spans
            if relative_years and season.offset == 0:
                return Period(season.unit, years_on=relative_years[0].offset), spans
            return season, spans
        if found:
            return found[0][2], spans
        if named_year is not None:
            return Period("year", year=named_year), spans
        return None, spans
