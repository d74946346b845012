"""Robustness to colloquial and misspelled questions: the inspectable sets' answerable items,
each copied with one kind of generated noise, and the share answered right per noise kind.

A set with its own events fixture is skipped (its event items need their events). Every noisy
copy is judged as its item (same language, must, must_not); an item the noise cannot change
(no word long enough, no diacritics) is left out of that kind. Seeded, so reproducible:
    python bench/qa_noise.py [--seeds 0 1] [JSONL ...]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from qa_eval import (
    DEV_SET,
    REPO,
    Item,
    ask_engine,
    read_set,
    use_repository,
)

SETS = [
    DEV_SET,
    *(
        REPO / "bench" / name
        for name in (
            "qa_set.jsonl",
            "qa_tune6.jsonl",
            "qa_tune7.jsonl",
            "qa_tune8.jsonl",
            "qa_tune9.jsonl",
            "qa_tune10.jsonl",
            "qa_tune11.jsonl",
        )
    ),
]
WORD = re.compile(r"[^\W\d_]+")
# Chatter around a question, as people type it in a chat (per language, then shared).
PREFIXES = {
    "de": ["hey sorry kurze frage", "hallo, mal ne frage:", "moin"],
    "en": ["hey sorry quick q", "hi, quick question:", "yo"],
    "ru": ["привет, короче", "слушай, вопрос:", "здрасьте"],
    "uk": ["привіт, коротше", "слухай, питання:", "добрий день"],
    "pl": ["hej sorki, szybkie pytanie", "cześć, pytanko:", "siema"],
    "tr": ["selam pardon kısa bir soru", "merhaba, bir sorum var:", "hocam"],
    "fr": ["salut désolé petite question", "coucou, question rapide :", "bonjour"],
    "es": ["hola perdón una pregunta rápida", "oye, una duda:", "buenas"],
    "zh": ["你好，问一下", "请问", "哈喽"],
}
SUFFIXES = ["lol", "😅", "🙏🙏", "thx", "??", ":)", "xd"]


def typo(word: str, rng: random.Random) -> str:
    """One typo: a letter left out, two swapped, one replaced or one doubled."""
    i = rng.randrange(len(word))
    kind = rng.choice(("drop", "swap", "replace", "double"))
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "swap" and i < len(word) - 1 and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "replace":
        letters = sorted({c for c in word.lower() if c.isalpha()} | set("aeinorst")) or ["e"]
        other = rng.choice([c for c in letters if c != word[i].lower()] or ["x"])
        return word[:i] + other + word[i + 1 :]
    return word[: i + 1] + word[i] + word[i + 1 :]


def in_word(
    text: str, rng: random.Random, fits: Callable[[str], bool], change: Callable
) -> str | None:
    """`text` with `change` applied to one random word that `fits`, or None if none does."""
    spans = [m.span() for m in WORD.finditer(text) if fits(m.group())]
    if not spans:
        return None
    start, end = rng.choice(spans)
    return text[:start] + change(text[start:end], rng) + text[end:]


def doubled(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    return word[: i + 1] + word[i] + word[i + 1 :]


def typo_long(item: Item, rng: random.Random) -> str | None:
    return in_word(item.text, rng, lambda w: len(w) >= 6 and w.islower(), typo)


def typo_short(item: Item, rng: random.Random) -> str | None:
    return in_word(item.text, rng, lambda w: 4 <= len(w) <= 5 and w.islower(), typo)


def typo_name(item: Item, rng: random.Random) -> str | None:
    """A typo in a capitalised word (mostly city names) of five letters or more."""
    return in_word(item.text, rng, lambda w: len(w) >= 5 and w[0].isupper(), typo)


def double_letter(item: Item, rng: random.Random) -> str | None:
    return in_word(item.text, rng, lambda w: len(w) >= 4, doubled)


def no_diacritics(item: Item, rng: random.Random) -> str | None:
    """Accents and umlauts dropped (Latin script only: Cyrillic й, ё stay)."""
    out = (
        "".join(
            c
            if not ("LATIN" in unicodedata.name(c, "") and unicodedata.decomposition(c))
            else unicodedata.normalize("NFKD", c)[0]
            for c in item.text
        )
        .replace("ł", "l")
        .replace("ß", "ss")
        .replace("ı", "i")
    )
    return out if out != item.text else None


def missing_space(item: Item, rng: random.Random) -> str | None:
    """Two words run together (one space left out between two words)."""
    spaces = [m.start() for m in re.finditer(r"(?<=[^\W\d_]) (?=[^\W\d_])", item.text)]
    if not spaces:
        return None
    i = rng.choice(spaces)
    return item.text[:i] + item.text[i + 1 :]


def chatter(item: Item, rng: random.Random) -> str | None:
    """A greeting or apology before, chat noise after, no capitals, no final punctuation."""
    prefix = rng.choice(PREFIXES.get(item.expect_language, PREFIXES["en"]))
    body = item.text.rstrip("?!.？。 ").lower()
    return f"{prefix} {body} {rng.choice(SUFFIXES)}"


def emoji(item: Item, rng: random.Random) -> str | None:
    return f"{item.text} {rng.choice(['😅', '🙏', '🤔', '👍🏻', '😂😂'])}"


KINDS: dict[str, Callable[[Item, random.Random], str | None]] = {
    "typo_6+": typo_long,
    "typo_short": typo_short,
    "typo_name": typo_name,
    "double_letter": double_letter,
    "no_diacritics": no_diacritics,
    "missing_space": missing_space,
    "chatter": chatter,
    "emoji": emoji,
}


async def run(paths: list[Path], seeds: list[int], show: bool) -> None:
    import logging

    logging.basicConfig(level=logging.WARNING)
    from bot.app.application import open_answerer
    from bot.db import Database
    from bot.i18n import Catalogs
    from bot.resources import locales_dir

    items = [
        item
        for path in paths
        if path.exists()
        for item in read_set(path)
        if not item.fallback and item.category != "events_upcoming"
    ]
    started = time.process_time()
    with tempfile.TemporaryDirectory(prefix="qa-noise-") as tmp:
        db = await Database.open(Path(tmp) / "noise.sqlite3")
        try:
            qa = await open_answerer(db, Catalogs.load(locales_dir()))
            clean = await ask_engine(qa, items, "de")
            right = sum(o.correct for o in clean)
            print(f"{len(items)} answerable items of {len(paths)} sets")
            print(f"{'clean':<15} {100 * right / len(items):5.1f} % ({right}/{len(items)})")
            total = [0, 0]
            for kind, noise in KINDS.items():
                cells = []
                for seed in seeds:
                    rng = random.Random(f"{kind}-{seed}")
                    noisy = [
                        replace(item, text=text)
                        for item in items
                        if (text := noise(item, rng)) is not None
                    ]
                    outcomes = await ask_engine(qa, noisy, "de")
                    good = sum(o.correct for o in outcomes)
                    fell = sum(o.fallback for o in outcomes)
                    total[0] += good
                    total[1] += len(outcomes)
                    cells.append(
                        f"seed {seed}: {100 * good / max(1, len(outcomes)):5.1f} % "
                        f"({good}/{len(outcomes)}, fallback {fell})"
                    )
                    if show:
                        for o in outcomes:
                            if not o.correct:
                                print(f"   {kind} [{o.item.id}] {o.item.text!r}")
                print(f"{kind:<15} " + "   ".join(cells))
            print(f"{'all noise':<15} {100 * total[0] / total[1]:5.1f} % ({total[0]}/{total[1]})")
        finally:
            await db.close()
    print(f"(CPU {time.process_time() - started:.1f} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", metavar="JSONL", help="default: inspectable sets")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args(argv)
    use_repository()
    paths = [Path(p) for p in args.sets] or SETS
    asyncio.run(run(paths, args.seeds, args.show_failures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
