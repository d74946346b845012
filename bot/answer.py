"""The answer the question engine returns: plain text in paragraphs of typed lines, with what
answered it and the buttons to offer. bot/render.py turns it into Telegram HTML or plain text."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    """What the lines below are about: a city (with its flag), an organisation, the events.
    `after` follows the title unemphasised: the organisation's own name, the cities listed."""

    title: str
    flag: str = ""
    after: str = ""


@dataclass(frozen=True)
class Bullet:
    """One item of a list; `emphasis` (an event's title) follows `text`, then `after`."""

    text: str
    emphasis: str = ""
    after: str = ""


@dataclass(frozen=True)
class Note:
    """A remark about the answer rather than part of it (the language an entry is shown in)."""

    text: str


Line = str | Heading | Bullet | Note


@dataclass(frozen=True)
class Paragraph:
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Suggestion:
    """A button under an answer: ("city", id), ("org", id) or ("faq", id) open an entry;
    ("menu", section) opens a main-menu section (events, cities, contacts); ("link", url)."""

    kind: str
    id: str
    label: str


@dataclass
class Answer:
    paragraphs: list[Paragraph]
    language: str
    confidence: float
    fallback: bool
    sources: list[str] = field(default_factory=list)
    entry: str | None = None  # what answered: faq:<id>, org.info:<id>, <intent>:<ids>
    cities: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    # A greeting, thanks, goodbye or "what can you do": answered with the menu, never logged
    # or counted as a question.
    smalltalk: bool = False
    # What the quoted knowledge holds of what a question may ask for besides its topic (a
    # signatory, an initiator, a count: data/faq.yaml `holds`).
    holds: frozenset[str] = frozenset()
