"""Gettext catalogs for the registry's languages, loaded and checked once, and per-language
translators.

Message ids are whole English sentences with named `%(placeholders)s`; values are HTML-escaped
and substituted after translation.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta, tzinfo
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import babel
from babel import Locale, UnknownLocaleError
from babel.dates import (
    format_date,
    format_datetime,
    format_time,
    format_timedelta,
    get_timezone_name,
)
from babel.numbers import format_decimal, format_percent
from babel.support import Translations

from bot.languages import REGISTRY
from bot.resources import cache_dir, write_cache

if TYPE_CHECKING:
    # Imported where catalogs are read and compiled: a start takes them compiled from the cache.
    from babel.messages.catalog import Catalog

LANGUAGES: tuple[str, ...] = tuple(REGISTRY)
# Each language named in itself: the same in every catalog, so not translated.
LANGUAGE_NAMES: dict[str, str] = {code: info.name for code, info in REGISTRY.items()}
DOMAIN = "messages"
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")


class CatalogError(Exception):
    """A catalog is missing, incomplete or inconsistent; start-up must not go on."""


class Html(str):
    """A string that is already safe HTML and must not be escaped again."""


def escape(value: object) -> str:
    if isinstance(value, Html):
        return value
    return html.escape(str(value), quote=False)


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def format_locale(language: str) -> str:
    info = REGISTRY.get(language)
    return info.locale if info else language


def language_name(code: str, reader: str, label: bool = False) -> str:
    """`code`'s name in the `reader`'s language as the middle of a sentence writes it."""
    name: str = Locale.parse(format_locale(reader)).languages.get(code, LANGUAGE_NAMES[code])
    return name[:1].upper() + name[1:] if label else name


# Every update asks it for its sender's language_code (a few dozen codes in all).
@lru_cache(maxsize=256)
def negotiate(code: str | None) -> str | None:
    """The supported language for a Telegram `language_code` such as `en-GB`, or None."""
    if not code:
        return None
    try:
        language = Locale.parse(code.replace("_", "-"), sep="-").language
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    for info in REGISTRY.values():
        if language in info.telegram:
            return info.code
    return None


# Answers format the same few numbers and dates again and again (a city's population, the day
# a partnership was signed), and Babel takes 10-20 us for each; the result depends only on the
# value (`typed`: 1 and 1.0 apart) and the locale.
FORMATTED = 1024


@lru_cache(maxsize=FORMATTED, typed=True)
def _decimal(value: float, locale: Locale) -> str:
    return format_decimal(value, locale=locale)


@lru_cache(maxsize=FORMATTED, typed=True)
def _date(value: date, format: str, locale: Locale) -> str:
    return format_date(value, format=format, locale=locale)


@dataclass(frozen=True)
class Translator:
    """Everything language-specific a reply needs: translated text and locale formatting.

    Values are HTML-escaped as they are substituted, for Telegram's HTML; a `plain` translator
    substitutes them as they are, for text that is escaped when it is rendered (bot/render.py).
    """

    language: str
    translations: Translations
    escapes: bool = True

    # Made once per catalog: every answer asks for it.
    @cached_property
    def plain(self) -> Translator:
        return replace(self, escapes=False) if self.escapes else self

    @property
    def formats(self) -> str:
        """The Babel locale for dates, times and numbers."""
        return format_locale(self.language)

    # Parsed once: Babel parses a locale given by name at every call (8 us of a 20 us date).
    @cached_property
    def locale(self) -> Locale:
        return Locale.parse(self.formats)

    def language_name(self, code: str, label: bool = False) -> str:
        """Another language named in this one ("Englisch", "angielski"), in the nominative:
        sentences are phrased so that no case ending is needed; `label` capitalises it for a
        button or the start of a line."""
        return language_name(code, self.language, label)

    def gettext(self, message: str, **values: object) -> str:
        return self._format(self.translations.gettext(message), values)

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        values.setdefault("count", self.number(n))
        return self._format(self.translations.ngettext(singular, plural, n), values)

    def pgettext(self, context: str, message: str, **values: object) -> str:
        # Babel types pgettext's result loosely; with a context it is always the text.
        return self._format(str(self.translations.pgettext(context, message)), values)

    def number(self, value: float) -> str:
        return _decimal(value, self.locale)

    def percent(self, fraction: float) -> str:
        return format_percent(fraction, locale=self.locale)

    def date(self, value: date, format: str = "long") -> str:
        return _date(value, format, self.locale)

    def datetime(self, value: dt.datetime, format: str = "medium", tz: tzinfo | None = None) -> str:
        return format_datetime(value, format=format, tzinfo=tz, locale=self.locale)

    def time(self, value: dt.datetime, format: str = "short", tz: tzinfo | None = None) -> str:
        return format_time(value, format=format, tzinfo=tz, locale=self.locale)

    def duration(self, value: timedelta) -> str:
        """A rounded length of time in words: "3 minutes", "1 hour"."""
        return format_timedelta(value, threshold=1.5, locale=self.locale)

    def timezone_name(self, tz: tzinfo | dt.datetime) -> str:
        """The zone's name; given a moment, the name in force then (summer or winter time)."""
        return get_timezone_name(tz, locale=self.locale)

    def _format(self, text: str, values: dict[str, object]) -> str:
        if not values:
            return text
        if not self.escapes:
            return text % values
        return text % {key: escape(value) for key, value in values.items()}


def _forms(value: str | Sequence[str] | None) -> tuple[str, ...]:
    """A message's id or translation as its forms: one, or singular and plurals."""
    if value is None:
        return ("",)
    return (value,) if isinstance(value, str) else tuple(value)


def _check_catalog(path: Path, catalog: Catalog, template_ids: set[Any]) -> list[str]:
    problems = []
    ids = {message.id for message in catalog if message.id}
    for missing in sorted(map(str, template_ids - ids)):
        problems.append(f"{path}: message {missing!r} is missing")
    for message in catalog:
        if not message.id:
            continue
        label = f"{path}:{message.lineno}: {message.id!r}"
        if message.fuzzy:
            problems.append(f"{label} is marked fuzzy")
        strings = _forms(message.string)
        if not all(strings):
            problems.append(f"{label} is not translated")
            continue
        wanted: set[str] = set().union(*(placeholders(s) for s in _forms(message.id)))
        for string in strings:
            if placeholders(string) - wanted or (
                not isinstance(message.id, tuple) and placeholders(string) != wanted
            ):
                problems.append(
                    f"{label} has placeholders {sorted(placeholders(string))}, "
                    f"expected {sorted(wanted)}"
                )
    if catalog.num_plurals < 1:
        problems.append(f"{path}: the Plural-Forms header is missing")
    return problems


def read_catalog(path: Path, language: str) -> Catalog:
    from babel.messages.pofile import read_po

    try:
        with path.open("rb") as fp:
            return read_po(fp, locale=language, domain=DOMAIN)
    except FileNotFoundError:
        raise CatalogError(f"{path}: catalog missing") from None
    except Exception as exc:  # babel raises several types for a malformed file
        raise CatalogError(f"{path}: cannot be read: {exc}") from exc


class Catalogs:
    """Every registry language's catalog, compiled in memory from the committed .po files at
    start-up."""

    def __init__(self, translators: dict[str, Translator]):
        self._translators = translators

    @classmethod
    def load(cls, directory: Path) -> Catalogs:
        """Read, check and compile the catalogs; what was compiled from the same files before
        is taken from the machine's cache (parsing the .po files was a tenth of a cold start)."""
        template_path = directory / f"{DOMAIN}.pot"
        paths = {
            language: directory / language / "LC_MESSAGES" / f"{DOMAIN}.po"
            for language in LANGUAGES
        }
        cache = _compiled_cache(template_path, paths)
        compiled = _read_compiled(cache) if cache else None
        if compiled is None or set(compiled) != set(LANGUAGES):
            compiled = _compile(template_path, paths)
            if cache:
                _write_compiled(cache, compiled)
        return cls(
            {
                language: Translator(language, Translations(io.BytesIO(data), domain=DOMAIN))
                for language, data in compiled.items()
            }
        )

    def __getitem__(self, language: str) -> Translator:
        return self._translators[language]

    def __iter__(self) -> Iterator[Translator]:
        return iter(self._translators.values())


def _compile(template_path: Path, paths: dict[str, Path]) -> dict[str, bytes]:
    """Every language's .mo, after checking its catalog against the template."""
    from babel.messages.mofile import write_mo

    template = read_catalog(template_path, "en")
    template_ids = {message.id for message in template if message.id}
    compiled: dict[str, bytes] = {}
    problems: list[str] = []
    for language, path in paths.items():
        catalog = read_catalog(path, language)
        problems += _check_catalog(path, catalog, template_ids)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        compiled[language] = buffer.getvalue()
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise CatalogError(f"incomplete translations:\n  {shown}{more}")
    return compiled


def _compiled_cache(template_path: Path, paths: dict[str, Path]) -> Path | None:
    """Where the .mo files compiled from exactly these files (and this code and Babel) are
    kept; None without a home directory or a file to read (compiling says what is wrong)."""
    digest = hashlib.sha256(f"babel={babel.__version__}".encode())
    try:
        digest.update(Path(__file__).read_bytes())
        for path in (template_path, *paths.values()):
            digest.update(str(path.relative_to(template_path.parent)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    except OSError:
        return None
    folder = cache_dir("catalogs")
    return folder / f"{digest.hexdigest()}.json" if folder else None


def _read_compiled(path: Path) -> dict[str, bytes] | None:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        return {language: base64.b64decode(data) for language, data in stored.items()}
    except (OSError, ValueError, AttributeError, TypeError):
        return None


def _write_compiled(path: Path, compiled: dict[str, bytes]) -> None:
    """Written whole or not at all; a cache that cannot be written is no error."""
    text = json.dumps({k: base64.b64encode(v).decode("ascii") for k, v in compiled.items()})
    write_cache(path, text.encode("utf-8"))


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; it is translated where it is shown."""
    return message
