"""The bot's long-lived objects frozen out of the garbage collector's way (bot/heap.py)."""

from __future__ import annotations

import gc
import weakref

from bot import heap
from bot.app.application import build_application, running
from bot.app.local_api import LocalBotApi, LocalRequest


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
