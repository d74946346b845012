"""What a question asks: its language, the kind of answer (intent) and the things it names.

The interface between understanding (this module) and composing answers (bot/compose.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from bot.db import Database
from bot.search import City, Organisation, load_cities, load_organisations


@dataclass(frozen=True)
class Understanding:
    text: str  # cleaned, bounded question as the user wrote it
    language: str  # the language to answer in
    language_clear: bool  # the question's own language was detected
    intent: str  # "city.since", "faq.<id>", "out_of_scope", "smalltalk.greeting", ...
    confidence: float  # classifier probability of `intent` (0..1)
    cities: tuple[str, ...] = ()  # city ids named, in order, each once
    organisations: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()  # sector slugs named
    places: tuple[str, ...] = ()  # names of places that are NOT partner cities, as written


@dataclass(frozen=True)
class FaqEntry:
    id: str
    topic: str
    sources: list[str]
    cities: list[str]
    organisations: list[str]
    answers: dict[str, str]  # language -> answer (plain text)
    questions: dict[str, list[str]] = field(default_factory=dict)  # language -> phrasings


@dataclass
class Knowledge:
    """The knowledge base in memory, loaded once at start (and again after a change)."""

    cities: dict[str, City]
    organisations: dict[str, Organisation]
    faq: dict[str, FaqEntry]

    @classmethod
    async def load(cls, db: Database) -> Knowledge:
        return cls(await load_cities(db), await load_organisations(db), await load_faq(db))


async def load_faq(db) -> dict[str, FaqEntry]:
    cities: dict[str, list[str]] = {}
    for row in await db.fetchall("SELECT faq_id, city_id FROM faq_cities ORDER BY rowid"):
        cities.setdefault(row[0], []).append(row[1])
    organisations: dict[str, list[str]] = {}
    for row in await db.fetchall(
        "SELECT faq_id, organisation_id FROM faq_organisations ORDER BY rowid"
    ):
        organisations.setdefault(row[0], []).append(row[1])
    entries: dict[str, FaqEntry] = {}
    for row in await db.fetchall("SELECT id, topic, sources FROM faq ORDER BY rowid"):
        entries[row[0]] = FaqEntry(
            row[0],
            row[1],
            json.loads(row[2]),
            cities.get(row[0], []),
            organisations.get(row[0], []),
            {},
        )
    for row in await db.fetchall("SELECT faq_id, language, answer, questions FROM faq_texts"):
        entry = entries[row[0]]
        entry.answers[row[1]] = row[2]
        entry.questions[row[1]] = json.loads(row[3])
    return entries
