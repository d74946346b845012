"""Answering off the event loop: a hostile question may cost the engine hundreds of
milliseconds of CPU, and on the loop that is the time every other user waits.

Each answer runs in a worker thread with a loop of its own (the engine's database reads work
from any loop: aiosqlite hands each result back to the loop that asked). The interpreter
passes the GIL between threads at a short interval, so the bot's loop keeps serving others
while a long answer is worked out, and a short answer is not stuck behind a long one.
bench/flood.py measures both: the loop's longest hold and a victim's latency under attack.
"""

from __future__ import annotations

import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor
from functools import cache

from bot.qa import Answer, QuestionAnswerer

# Each user's updates run one after another (bot/app/updates.py), so one account keeps at most
# one worker busy; a few workers let short answers overtake a long one.
WORKERS = 4
# Seconds a thread may keep the GIL while another waits (CPython's default is 0.005). Each
# step of the loop's work waits up to this long behind a busy answer; measured with
# bench/flood.py, 0.5 ms cut a victim's p99 under attack from about 1.3 s to 0.3 s.
SWITCH_INTERVAL = 0.0005


@cache
def _pool() -> ThreadPoolExecutor:
    sys.setswitchinterval(SWITCH_INTERVAL)
    return ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="answer")


async def answer_off_loop(qa: QuestionAnswerer, question: str, language: str) -> Answer:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_pool(), lambda: asyncio.run(qa.answer(question, language)))
