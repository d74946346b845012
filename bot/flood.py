"""Flood protection: at most N questions per user in any minute, one notice per window."""

from __future__ import annotations

import enum
import time
from collections import deque
from collections.abc import Callable

WINDOW = 60.0


class Verdict(enum.Enum):
    ALLOW = "allow"
    REFUSE_WITH_NOTICE = "notice"  # the first refusal in a window: tell the user once
    REFUSE = "refuse"


class FloodGuard:
    def __init__(
        self, limit: int, window: float = WINDOW, clock: Callable[[], float] = time.monotonic
    ):
        self.limit = limit
        self.window = window
        self._clock = clock
        self._seen: dict[int, deque[float]] = {}
        self._noticed: dict[int, float] = {}

    def hit(self, user_id: int) -> Verdict:
        now = self._clock()
        recent = self._seen.setdefault(user_id, deque())
        while recent and recent[0] <= now - self.window:
            recent.popleft()
        if len(recent) < self.limit:
            recent.append(now)
            return Verdict.ALLOW
        noticed = self._noticed.get(user_id)
        if noticed is not None and now - noticed < self.window:
            return Verdict.REFUSE
        self._noticed[user_id] = now
        self._prune(now)
        return Verdict.REFUSE_WITH_NOTICE

    def forget(self, user_id: int) -> None:
        self._seen.pop(user_id, None)
        self._noticed.pop(user_id, None)

    def _prune(self, now: float) -> None:
        """Drop users quiet for a whole window, so memory follows the active users only."""
        if len(self._seen) < 10_000:
            return
        for user_id in [u for u, r in self._seen.items() if not r or r[-1] <= now - self.window]:
            self.forget(user_id)
