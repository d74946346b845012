"""Concurrent updates with per-user order: one user's slow update never queues anyone else,
while each user's own updates run one after another, as conversations need."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

log = logging.getLogger(__name__)

# Users served at the same time. Each holds at most one slot (its queue runs inside it), so a
# flood from one account takes one slot, not all of them.
MAX_CONCURRENT_UPDATES = 32
# Updates of one user waiting behind the one running. The budget (bot/flood.py) drops a
# flood quickly; past this many waiting, an account sends faster than the bot can even drop,
# and the surplus is discarded unread.
MAX_WAITING_PER_USER = 100


def _user_of(update: object) -> int | None:
    if isinstance(update, Update) and update.effective_user is not None:
        return update.effective_user.id
    return None


class PerUserUpdateProcessor(BaseUpdateProcessor):
    def __init__(
        self,
        max_concurrent_updates: int = MAX_CONCURRENT_UPDATES,
        max_waiting_per_user: int = MAX_WAITING_PER_USER,
    ):
        super().__init__(max_concurrent_updates)
        self.max_waiting_per_user = max_waiting_per_user
        self._waiting: dict[int, deque[Awaitable[Any]]] = {}
        # Users whose surplus is being discarded: logged once per flood, not once per update.
        self._overflowing: set[int] = set()
        self.discarded = 0

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        user_id = _user_of(update)
        if user_id is None:
            await coroutine
            return
        waiting = self._waiting.get(user_id)
        if waiting is not None:
            # The task already running this user's updates runs this one after them.
            if len(waiting) < self.max_waiting_per_user:
                waiting.append(coroutine)
            else:
                coroutine.close()  # type: ignore[attr-defined]
                self.discarded += 1
                if user_id not in self._overflowing:
                    self._overflowing.add(user_id)
                    log.warning(
                        "user %s has %d updates waiting; discarding more unread",
                        user_id,
                        len(waiting),
                    )
            return
        waiting = self._waiting[user_id] = deque([coroutine])
        try:
            while waiting:
                try:
                    await waiting.popleft()
                except Exception:  # one failed update must not stop this user's later ones
                    log.exception("error while processing an update")
        finally:
            del self._waiting[user_id]
            self._overflowing.discard(user_id)
            # Only on cancellation (shutdown) can some be left: close them without running.
            for left in waiting:
                left.close()  # type: ignore[attr-defined]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free: each user's queue ends with the task that runs it."""
