"""The bot's long-lived objects frozen out of the garbage collector's way (bot/heap.py)."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

from bot import heap
from bot.app.application import build_application, running
from bot.app.local_api import LocalBotApi, LocalRequest
from bot.i18n import LANGUAGES


class Cycle:
    def __init__(self) -> None:
        self.me = self


async def test_only_the_bots_own_process_freezes_and_a_reload_frees_what_it_replaced(
    settings, catalogs
):
    assert gc.get_freeze_count() == 0
    # As the tests build it: nothing frozen (what is frozen is never collected).
    async with running(build_application(settings, catalogs, LocalRequest(LocalBotApi()))):
        assert gc.get_freeze_count() == 0
    application = build_application(
        settings, catalogs, LocalRequest(LocalBotApi()), settle_heap=True
    )
    try:
        async with running(application):
            frozen = gc.get_freeze_count()
            assert frozen > 10_000
            qa = application.bot_data.qa
            # What the replaced engine holds in a reference cycle (as its models' caches do)
            # is found only by the collector, which skips frozen objects.
            held = Cycle()
            qa.understander.held = held
            replaced = weakref.ref(held)
            del held
            heap.settle()  # as if it had been there at start-up
            assert replaced() is not None
            await qa.reload()
            # Settled again, without what the reload replaced.
            assert replaced() is None
            assert gc.get_freeze_count() > 10_000
            answer = await qa.answer("Wo liegt Konin?", "de")
            assert not answer.fallback
    finally:
        gc.unfreeze()
    assert not heap.thaw()


# In a process of its own: a block is taken from the heap whenever a free chunk there fits,
# whatever the threshold, and the test session's heap holds many.
MAPPED = """
import ctypes, sys
from bot import heap

class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split())]

libc = heap._libc()
if libc is None or not hasattr(libc, "mallinfo2"):
    sys.exit(3)  # glibc 2.33 or later only
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
libc.mallinfo2.restype = MallInfo2
if sys.argv[1] == "prepared":
    heap.prepare()
# Left to itself, glibc now raises its threshold to 8 MiB and serves the next 512 KiB from
# the heap, where freeing it gives nothing back while anything lies above it.
libc.free(libc.malloc(8 * 2**20))
mapped = libc.mallinfo2().hblks
block = libc.malloc(512 * 2**10)
print(libc.mallinfo2().hblks - mapped)
"""


def test_a_large_block_gets_its_own_mapping_even_after_a_larger_one_was_freed():
    def mapped(how: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", MAPPED, how],
            capture_output=True,
            text=True,
            cwd=Path(heap.__file__).parents[1],
            check=False,
        )
        if done.returncode == 3:
            pytest.skip("glibc 2.33 or later only")
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert mapped("prepared") == "1"
    assert mapped("as glibc starts") == "0"  # what the bot's process had before


async def test_a_bot_on_the_network_settles_and_sets_its_menus_once_it_has_answered(
    settings, catalogs
):
    api = LocalBotApi()
    application = build_application(
        settings, catalogs, LocalRequest(api), deliver=True, settle_heap=True
    )
    application.bot_data.networked = True  # as on Telegram, where each menu is a round trip
    try:
        async with running(application):
            # Started, and answering: neither the collection nor the menus held it up.
            assert gc.get_freeze_count() == 0
            assert not api.sent(method="setMyCommands")
            [job] = application.job_queue.get_jobs_by_name("after-start")
            # Run however late: the first answers may hold the loop past its moment.
            assert job.next_t is not None and job.job.misfire_grace_time is None
            await job.run(application)
            assert gc.get_freeze_count() > 10_000
            assert {language for _, language in api.commands} == {*LANGUAGES, ""}
    finally:
        gc.unfreeze()


async def test_the_collector_is_paused_while_the_bot_starts_and_only_then(settings, catalogs):
    assert gc.isenabled() and gc.get_freeze_count() == 0
    heap.pause_collection()
    try:
        assert not gc.isenabled()
        async with running(build_application(settings, catalogs, LocalRequest(LocalBotApi()))):
            # Resumed once post_init has loaded everything, which is frozen, not collected.
            assert gc.isenabled()
            assert gc.get_freeze_count() > 10_000
    finally:
        gc.enable()
        gc.unfreeze()
    # A pause someone else began is not the heap's to end.
    gc.disable()
    try:
        heap.resume_collection()
        assert not gc.isenabled()
    finally:
        gc.enable()
