"""The question engine's CPU time per question, and where it goes.

python bench/engine_cpu.py [--repeat N] [--profile N]

Opens the engine as the bot does (`bot.app.application.open_answerer` on a fresh temporary
database seeded from data/), answers every question of bench/qa_set.jsonl and qa_tune.jsonl
once (warm-up: the word caches filled as in a running bot), then all of them `--repeat` times
(default 10), and prints the process's CPU time per question (`time.process_time`). With
`--profile N` it answers them once more under cProfile and prints the N functions with the
most time of their own, then the N with the most time in all. With `--repeat 0` it answers
nothing after the warm-up: timing the whole process both ways (e.g. with /usr/bin/time) gives
the engine's share without the start-up's. Never the sealed sets, never qa_select.jsonl.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

from qa_eval import read_set, user_language  # noqa: E402

from bot.app.application import open_answerer  # noqa: E402
from bot.db import Database  # noqa: E402
from bot.i18n import Catalogs  # noqa: E402
from bot.resources import locales_dir  # noqa: E402

SETS = ("qa_set.jsonl", "qa_tune.jsonl")


async def run(repeat: int, profile: int) -> None:
    questions = [
        (item.text, user_language(item.language_code, "de"))
        for name in SETS
        for item in read_set(BENCH / name)
    ]
    with tempfile.TemporaryDirectory(prefix="engine-cpu-") as tmp:
        db = await Database.open(Path(tmp) / "engine.sqlite3")
        try:
            qa = await open_answerer(db, Catalogs.load(locales_dir()))
            for text, language in questions:
                await qa.answer(text, language)
            started = time.process_time()
            for _ in range(repeat):
                for text, language in questions:
                    await qa.answer(text, language)
            spent = time.process_time() - started
            if repeat:
                count = repeat * len(questions)
                print(f"engine CPU per question: {1000 * spent / count:.3f} ms ({count} answers)")
            if profile:
                profiler = cProfile.Profile()
                profiler.enable()
                for text, language in questions:
                    await qa.answer(text, language)
                profiler.disable()
                stats = pstats.Stats(profiler)
                stats.sort_stats("tottime").print_stats(profile)
                stats.sort_stats("cumulative").print_stats(profile)
        finally:
            await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()
    asyncio.run(run(args.repeat, args.profile))


if __name__ == "__main__":
    main()
