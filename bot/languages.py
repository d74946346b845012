"""The languages Partnerbot speaks, read once from `locales/languages.yaml`: the one place that
says which languages exist and how each is formatted, detected, lemmatised and typed.

Everything else (catalogs, menus, the knowledge base's checks, the question engine) derives from
`REGISTRY`, so adding a language is its catalog, its translated data and one entry there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.resources import locales_dir

REGISTRY_FILE = "languages.yaml"
# How a text is cut into words: at spaces and punctuation, or (Chinese, written without
# spaces) one word per character, which the classifier then pairs into character bigrams.
TOKENS = ("words", "characters")
# How people type the language without its keyboard: its letters without diacritics (Beşiktaş
# -> Besiktas), or its Cyrillic transliterated to Latin letters (Когда -> kogda).
TYPED_WITHOUT_KEYBOARD = ("diacritics", "transliterated")


class RegistryError(ValueError):
    """The registry file is missing or malformed; start-up must not go on."""


@dataclass(frozen=True)
class LanguageInfo:
    code: str  # ISO 639-1, also the catalog's folder and the knowledge base's text key
    name: str  # the language named in itself, for the language picker
    locale: str  # the Babel locale for dates, times, numbers and plural rules
    telegram: tuple[str, ...]  # Telegram language_code primary subtags that mean this language
    detector: str  # the lingua `Language` member
    script: str  # ISO 15924 script of its letters: Latn, Cyrl, Hani
    letters: str  # letters of its script that no other language of the registry uses
    lemmatizer: str | None  # lemmagen3 language code
    stemmer: str | None  # Snowball (PyStemmer) algorithm: names' inflections, else lemmas
    tokens: str
    # Whether its names decline ("w Koninie", "Beşiktaş'ta", "в Белгороде"): a word of it
    # may be a name by the name's stem; in the other languages only by the whole name
    # (German "Konins"), or Spanish "viene" (comes) would be Viena.
    declines_names: bool
    # Whether a name that says where another lies comes first ("四川的泸州", "İstanbul'da
    # Beşiktaş"): the place asked about is then the last named, else the first ("Konin, near
    # Poznań").
    head_final: bool
    typed_without_keyboard: str | None
    stopwords: tuple[str, ...]  # function words, left out when questions are grouped by topic
    # Words of a sentence saying when a place was founded.
    founding_words: tuple[str, ...] = ()
    # The ways a transliterated language is spelled in Latin letters, each the letters spelled
    # unlike Russian (Ukrainian и -> y, х -> kh; я -> ya or ia); none: the common table only.
    transliterations: tuple[tuple[tuple[str, str], ...], ...] = ()
    # Whether it writes compounds as one word ("Logistikkooperation"), and the letters that
    # may join their parts ("Partnerschaftsverein": s); none: it writes no such compounds.
    compounds: bool = False
    compound_links: tuple[str, ...] = ()
    # Whether it writes every noun with a capital ("Dorf", "Einwohner"): a capital in the
    # middle of a sentence then tells no name.
    capitalised_nouns: bool = False


def _entry(raw: object, index: int) -> LanguageInfo:
    if not isinstance(raw, dict):
        raise RegistryError(f"{REGISTRY_FILE}: entry {index + 1} is not a mapping")
    code = raw.get("code")
    where = f"{REGISTRY_FILE}: language {code or index + 1}"
    try:
        info = LanguageInfo(
            code=str(code),
            name=str(raw["name"]),
            locale=str(raw.get("locale") or code),
            telegram=tuple(str(t).lower() for t in raw.get("telegram") or [code]),
            detector=str(raw["detector"]).upper(),
            script=str(raw.get("script", "Latn")),
            letters=str(raw.get("letters") or ""),
            lemmatizer=raw.get("lemmatizer"),
            stemmer=raw.get("stemmer"),
            tokens=str(raw.get("tokens", "words")),
            declines_names=bool(raw.get("declines_names", False)),
            head_final=bool(raw.get("head_final", False)),
            typed_without_keyboard=raw.get("typed_without_keyboard"),
            stopwords=tuple(str(raw.get("stopwords") or "").split()),
            founding_words=tuple(str(raw.get("founding_words") or "").split()),
            compounds=bool(raw.get("compounds", False)),
            compound_links=tuple(str(raw.get("compound_links") or "").split()),
            capitalised_nouns=bool(raw.get("capitalised_nouns", False)),
            transliterations=tuple(
                tuple((str(letter), str(spelled)) for letter, spelled in table.items())
                for table in raw.get("transliterations") or []
            ),
        )
    except KeyError as missing:
        raise RegistryError(f"{where}: {missing.args[0]} is missing") from None
    if not (info.code.isascii() and info.code.isalpha() and info.code.islower()):
        raise RegistryError(f"{where}: code must be a lower-case ISO 639-1 code")
    if info.tokens not in TOKENS:
        raise RegistryError(f"{where}: tokens must be one of {', '.join(TOKENS)}")
    if info.typed_without_keyboard not in (None, *TYPED_WITHOUT_KEYBOARD):
        raise RegistryError(
            f"{where}: typed_without_keyboard must be one of {', '.join(TYPED_WITHOUT_KEYBOARD)}"
        )
    return info


def load_registry(path: Path) -> dict[str, LanguageInfo]:
    """The registry's languages by code, in the file's order (the order menus list them)."""
    try:
        # libyaml's loader where there is one, as for the data (bot/kb/schema.py).
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        content = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise RegistryError(f"{path}: cannot be read: {exc}") from exc
    entries = content.get("languages") if isinstance(content, dict) else None
    if not isinstance(entries, list) or not entries:
        raise RegistryError(f"{path}: expected a non-empty list under 'languages:'")
    registry: dict[str, LanguageInfo] = {}
    for index, raw in enumerate(entries):
        info = _entry(raw, index)
        if info.code in registry:
            raise RegistryError(f"{path}: language {info.code} is listed twice")
        registry[info.code] = info
    return registry


REGISTRY: dict[str, LanguageInfo] = load_registry(locales_dir() / REGISTRY_FILE)
