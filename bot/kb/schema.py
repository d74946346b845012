"""What the knowledge base's data files hold: their sections and vocabularies, the problems a
check reports, and the readers of the values more than one seam uses (YAML, URLs, event times)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import yaml

from bot.events import local_datetime

# libyaml's loader reads the shipped data several times faster than the pure-Python one (see
# bench/memory.py); the same safe subset either way, so a build without libyaml still works.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load_yaml(text: str) -> object:
    return yaml.load(text, Loader=YAML_LOADER)


SECTIONS = ("cities", "organisations", "faq", "events")
SECTORS = (
    "health_economy",
    "energy",
    "logistics",
    "science",
    "nanotechnology",
    "culture",
    "sport",
    "education",
)
ORGANISATION_KINDS = (
    "association",
    "business_development",
    "university",
    "university_alliance",
    "sports_club",
)
FAQ_TOPICS = (
    "declaration",
    "history",
    "exchange",
    "economy",
    "science",
    "contacts",
    "culture",
    "sport",
    "general",
)
# What a question may ask for besides its topic, which an FAQ entry's answer holds or not
# (data/faq.yaml `holds`; the question bank's `asks` cues tell it from a question): "Who signed
# the partnership with Wakefield?" asks for a signatory, which the entry on when it began lacks.
# A website asked of an organisation is answered by how to reach it (bot.compose); what led up to
# something ("What preceded the 2018 declaration?") is quoted first where an entry holds it, and
# so are the languages something was written in ("Could the Turkish side read it in Turkish?").
# What the base holds of no topic, asked beside one it holds (its facts are of another kind): when
# something closed down, when a match starts or a boat leaves, the weather, a recommendation, a
# person's private address; only an entry that tells it answers ("When was the partnership with
# Belgorod stopped?": the suspension). A population asked of a year is answered by a figure of
# that year only (bot/compose.py), whatever the answer holds. A text written for the asker (a
# poem, a song) or the bot's own opinion is nothing the bot is for, whatever topic it is asked
# about: the polite refusal (REFUSED). A price, a fee or a ticket to buy, and a recipe, are held
# by no entry either ("What does a night in the Parkhotel cost?" is no question on the
# declaration signed there), nor a place to eat, drink or stay (a venue, which no answer naming
# an organisation holds, unlike a recommendation of whom to turn to); only a membership's cost
# is answered, by whom to ask: the association's or the office's contact (bot/compose.py).
ASKED_FOR = (
    "signatory",
    "initiator",
    "count",
    "website",
    "hours",
    "background",
    "languages",
    "closing",
    "schedule",
    "weather",
    "recommendation",
    "private",
    "population",
    "composition",
    "opinion",
    "price",
    "recipe",
    "venue",
)
# A text written for the asker: refused, unless it is what guests bring to an event.
COMPOSITION = "composition"
REFUSED = frozenset({COMPOSITION, "opinion"})
WEBSITE = "website"
CLOSING = "closing"
POPULATION = "population"
RECOMMENDATION = "recommendation"
PRICE = "price"
BACKGROUND = "background"
SIGNATORY = "signatory"
COUNT = "count"
# A place to eat, drink or stay; beside a word for signing, the place of that signing (a hotel
# where the declaration was signed: bot/understanding.py `signing`), which no recommendation is.
VENUE = "venue"
LANGUAGES = "languages"
# What an answer on the declaration opens with when a question asks for it, whatever part of it
# the question is read as (bot/compose.py): never a reason to fall back.
OPENING = frozenset({BACKGROUND, LANGUAGES})
# An event's start or end in the venue's local time, as precise as its source:
# "2017", "2018-09", "2018-01-16" or "2018-01-16 19:00".
_EVENT_TIME = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?: (\d{2}):(\d{2}))?)?)?$")
_PRECISION_BY_PARTS = {1: "year", 2: "month", 3: "day", 5: "minute"}
# How an event time of each precision is written (the reverse of `event_time`).
EVENT_TIME_FORMAT = {
    "year": "%Y",
    "month": "%Y-%m",
    "day": "%Y-%m-%d",
    "minute": "%Y-%m-%d %H:%M",
}


@dataclass(frozen=True)
class Problem:
    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entry}: {self.field}: {self.message}"


class KnowledgeBaseError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


# One entry of a section as the YAML has it: checked field by field before anything trusts it.
Entry = dict[str, Any]


@dataclass
class KnowledgeBase:
    """The data files' content: {section: [entry dict, ...]}, plus where each section came from."""

    sections: dict[str, list[Entry]] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)


def is_url(value: object) -> bool:
    if not isinstance(value, str) or any(c.isspace() for c in value):
        return False
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and "." in parsed.netloc


def event_time(value: object, zone: ZoneInfo) -> tuple[datetime, str] | None:
    """("2018-09", Europe/Berlin) -> (its first moment in UTC, "month"); None if unreadable."""
    match = _EVENT_TIME.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    parts = [int(p) for p in match.groups() if p is not None]
    year, month, day, hour, minute = parts + [1, 1, 0, 0][len(parts) - 1 :]
    try:
        moment = datetime(year, month, day, hour, minute)
    except ValueError:
        return None
    return local_datetime(moment.date(), hour, minute, zone), _PRECISION_BY_PARTS[len(parts)]
