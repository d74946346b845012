"""What the question engine answers, written down to be compared after a change for speed.

python bench/answers_snapshot.py OUT.tsv [--limit N]

Asks the engine (`bot.app.application.open_answerer` on a fresh temporary database seeded from
data/, as bench/qa_eval.py opens it) every phrasing of the question bank (data/questions/*.yaml)
and every FAQ question, expanded as training expands them (each slot filled FILLINGS times with
the same seeded choices, and the spellings typed without the language's keyboard), then every
item of bench/qa_set.jsonl, qa_tune.jsonl and qa_weak.jsonl, the tuning sets with their events
fixtures (inserted at a fixed hour of today, so that two runs of a day see the same events). A
bank phrasing is asked from a user of each Telegram language in turn; a set's item from the
user language qa_eval.py gives it. Never the sealed sets, never qa_select.jsonl.

One line per question: its source, the user language, the question, then what the engine made
of it (language, whether detected, intent, confidence to the last bit, cities, organisations,
sectors, places, the closest FAQ entries) and the answer (language, fallback, entry, buttons and
its Telegram HTML). `diff` two files: a change for speed must leave them identical.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

from qa_eval import insert_events, read_set, user_language  # noqa: E402

import bot.compose  # noqa: E402
from bot.app.application import open_answerer  # noqa: E402
from bot.db import Database  # noqa: E402
from bot.i18n import LANGUAGES, Catalogs  # noqa: E402
from bot.render import to_html  # noqa: E402
from bot.resources import locales_dir  # noqa: E402
from bot.understanding import (  # noqa: E402
    FILLINGS,
    SLOTS,
    Bank,
    _augmented,
    _fill,
    _slot_values,
    bank_dir,
)

SETS = (
    ("qa_set.jsonl", None),
    ("qa_tune.jsonl", "qa_tune_events.json"),
    ("qa_weak.jsonl", "qa_weak_events.json"),
)


def bank_questions(qa, limit: int | None) -> list[tuple[str, str, str]]:
    """(source, user language, question) of every bank phrasing and FAQ question, expanded."""
    knowledge = qa.knowledge
    bank = Bank.load(bank_dir())
    sources = list(bank.phrasings)
    sources += [
        (language, f"faq.{entry.id}", q)
        for entry in knowledge.faq.values()
        for language, questions in entry.questions.items()
        for q in questions
    ]
    rng = random.Random(0)
    values = {
        language: _slot_values(knowledge, bank, language)
        for language in {s[0] for s in sources} | set(LANGUAGES)
    }
    questions = []
    for language, intent, phrasing in sources:
        for _ in range(FILLINGS if SLOTS.search(phrasing) else 1):
            for variant in _augmented(_fill(phrasing, values[language], rng), language):
                asker = LANGUAGES[len(questions) % len(LANGUAGES)]
                questions.append((f"bank:{language}:{intent}", asker, variant))
    return questions[:limit] if limit else questions


def _line(source: str, asker: str, question: str, u, closest, answer) -> str:
    fields = [
        source,
        asker,
        question,
        u.language,
        str(u.language_clear),
        u.intent,
        repr(u.confidence),
        ",".join(u.cities),
        ",".join(u.organisations),
        ",".join(u.sectors),
        "|".join(u.places),
        ";".join(f"{name}={similarity!r}" for name, similarity in closest),
        answer.language,
        str(answer.fallback),
        repr(answer.confidence),
        str(answer.entry),
        ";".join(f"{s.kind}:{s.id}:{s.label}" for s in answer.suggestions),
        to_html(answer),
    ]
    return "\t".join(
        f.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n") for f in fields
    )


async def ask_all(qa, questions: list[tuple[str, str, str]], out) -> None:
    for source, asker, question in questions:
        u, closest = qa.understander.understand(question, asker)
        answer = await qa.answer(question, asker)
        out.write(_line(source, asker, question, u, closest, answer) + "\n")


async def run(path: Path, limit: int | None) -> None:
    catalogs = Catalogs.load(locales_dir())
    # Events start at noon UTC of today plus their days, and the answers' clock (a city's
    # local time, alone or in a two-part answer; the events to come) reads noon: the same
    # answers all day long, with nothing masked.
    noon = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    bot.compose.utcnow = lambda: noon
    started = time.perf_counter()
    count = 0
    with tempfile.TemporaryDirectory(prefix="answers-") as tmp, path.open("w") as out:
        for number, (name, fixture) in enumerate((("bank", None), *SETS)):
            db = await Database.open(Path(tmp) / f"{number}.sqlite3")
            try:
                qa = await open_answerer(db, catalogs)
                if fixture:
                    events = json.loads((BENCH / fixture).read_text(encoding="utf-8"))
                    await insert_events(db, events, noon)
                if name == "bank":
                    questions = bank_questions(qa, limit)
                else:
                    questions = [
                        (f"{name}:{item.id}", user_language(item.language_code, "de"), item.text)
                        for item in read_set(BENCH / name)
                    ]
                await ask_all(qa, questions, out)
                count += len(questions)
                print(f"{name}: {len(questions)} questions")
            finally:
                await db.close()
    print(f"{count} answers written to {path} in {time.perf_counter() - started:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--limit", type=int, help="at most this many bank questions")
    args = parser.parse_args()
    asyncio.run(run(args.out, args.limit))


if __name__ == "__main__":
    main()
