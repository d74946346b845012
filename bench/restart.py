"""A restarted bot's first answer: seconds from the process's start to its reply.

python bench/restart.py [--runs N] [--question TEXT] [TREE ...]

Each run starts a real `python -m bot run` against the local Bot API served over HTTP on
127.0.0.1 (`bot.app.local_api`), on a fresh copy of a database the same code has already
started on (seeded, its question model and start-up readings stored: a restart, not a first
start), with a question already waiting in `getUpdates`, as after a crash; it prints when the
process first polled and when its reply to the question came, each counted from the process's
start, then the minimum, median and maximum of each over the runs. TREE (default: this
checkout) is a source tree whose `bot` the processes import (PYTHONPATH); with several, their
runs alternate (A B A B ...), so that a comparison holds while the machine's load drifts.
About 3 s a run on an idle 2-core machine.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app.local_api import LocalBotApi, LocalBotApiServer, make_user  # noqa: E402

TOKEN = "123456:BENCH-RESTART"
TIMEOUT = 120.0


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a running process (/proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def start_and_answer(tree: Path, database: Path, question: str) -> tuple[float, float, float]:
    """(seconds to the first getUpdates, seconds to the reply, CPU seconds by the reply) of one
    start on `database`."""
    api = LocalBotApi()
    server = LocalBotApiServer(api, TOKEN)
    await server.start()
    user = make_user(42, "de")
    api.send_text(user, question)
    started = time.monotonic()
    process = await server.start_bot(
        database.parent,
        PYTHONPATH=str(tree),
        PARTNERBOT_DB=str(database),
        PARTNERBOT_HEARTBEAT_FILE=str(database.with_suffix(".heartbeat")),
    )
    polled = answered = cpu = float("nan")
    try:
        while process.returncode is None and time.monotonic() - started < TIMEOUT:
            if polled != polled and api.sent(method="getUpdates"):
                polled = time.monotonic() - started
            if api.sent(42, "sendMessage"):
                answered = time.monotonic() - started
                cpu = cpu_seconds(process.pid)
                break
            await asyncio.sleep(0.005)
    finally:
        if process.returncode is None:
            process.terminate()
            await process.wait()
        await server.stop()
    return polled, answered, cpu


def summary(figures: list[float]) -> str:
    return f"{min(figures):6.2f} {statistics.median(figures):6.2f} {max(figures):6.2f}"


async def measure(trees: list[Path], runs: int, question: str, workdir: Path) -> None:
    seeded = []
    for number, tree in enumerate(trees):
        # The first start seeds the database and stores what later starts read; its answer
        # stores what the first answer builds. Not counted.
        database = workdir / f"seeded-{number}" / "partnerbot.sqlite3"
        database.parent.mkdir()
        await start_and_answer(tree, database, question)
        seeded.append(database)
    results: list[list[tuple[float, float, float]]] = [[] for _ in trees]
    for run in range(runs):
        for number, tree in enumerate(trees):
            copy = workdir / f"run-{run}-{number}" / "partnerbot.sqlite3"
            copy.parent.mkdir()
            shutil.copyfile(seeded[number], copy)
            results[number].append(await start_and_answer(tree, copy, question))
    print(f"{runs} runs each, seconds from the process's start (min median max)")
    for tree, figures in zip(trees, results, strict=True):
        print(f"{tree}")
        print(f"  polling            {summary([figure[0] for figure in figures])}")
        print(f"  first answer       {summary([figure[1] for figure in figures])}")
        print(f"  its CPU by then    {summary([figure[2] for figure in figures])}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--question", default="Wo liegt Konin?")
    parser.add_argument("trees", nargs="*", type=Path, default=[ROOT], metavar="TREE")
    options = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    # The local server logs the long poll the stopped bot leaves open; that is expected here.
    logging.getLogger("tornado.access").setLevel(logging.CRITICAL)
    workdir = Path(tempfile.mkdtemp(prefix="partnerbot-restart-"))
    try:
        asyncio.run(
            measure(
                [tree.resolve() for tree in options.trees], options.runs, options.question, workdir
            )
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
