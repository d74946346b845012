"""Flood protection: one per-user budget for all updates and a tighter one for questions.

Counters are sliding windows of at most `limit` timestamps, kept only for users heard from in
the last window, so memory follows the users active in the last minute, never all users.
"""

from __future__ import annotations

import enum
import time
from collections import OrderedDict, deque
from collections.abc import Callable

WINDOW = 60.0


class Limit(enum.Enum):
    UPDATES = "updates"
    QUESTIONS = "questions"


class RateWindow:
    """At most `limit` hits per user in any `window` seconds."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float]):
        self.limit = limit
        self.window = window
        self._clock = clock
        # Least recently hit first, so expired users are found at the front.
        self._seen: OrderedDict[int, deque[float]] = OrderedDict()

    def hit(self, user_id: int) -> bool:
        """Count one hit; False (and nothing counted) when the user is over the limit."""
        now = self._clock()
        self.expire(now)
        recent = self._seen.get(user_id)
        if recent is None:
            recent = self._seen[user_id] = deque()
        else:
            self._seen.move_to_end(user_id)
        while recent and recent[0] <= now - self.window:
            recent.popleft()
        if len(recent) >= self.limit:
            return False
        recent.append(now)
        return True

    def free_in(self, user_id: int) -> float:
        """Seconds until the user's next hit would be counted again (0: now)."""
        recent = self._seen.get(user_id)
        if not recent or len(recent) < self.limit:
            return 0.0
        return max(0.0, recent[-self.limit] + self.window - self._clock())

    def expire(self, now: float) -> None:
        while self._seen:
            user_id, recent = next(iter(self._seen.items()))
            if recent and recent[-1] > now - self.window:
                return
            del self._seen[user_id]

    def __len__(self) -> int:
        return len(self._seen)


class UpdateBudget:
    """What one user may send per window: every update counts against `updates`, and a
    question also against `questions`. Beyond either the update is dropped; the first drop in
    a window may carry a notice (`take_notice`)."""

    def __init__(
        self,
        updates: int,
        questions: int,
        window: float = WINDOW,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.updates = RateWindow(updates, window, clock)
        self.questions = RateWindow(questions, window, clock)
        self.window = window
        self._clock = clock
        self._noticed: OrderedDict[int, float] = OrderedDict()

    def admit(self, user_id: int, question: bool) -> Limit | None:
        """Count the update; the limit it exceeds, or None when it may go on."""
        self._expire_notices(self._clock())
        if not self.updates.hit(user_id):
            return Limit.UPDATES
        if not question:
            self.questions.expire(self._clock())
        elif not self.questions.hit(user_id):
            return Limit.QUESTIONS
        return None

    def free_in(self, user_id: int, limit: Limit) -> float:
        window = self.questions if limit is Limit.QUESTIONS else self.updates
        return window.free_in(user_id)

    def take_notice(self, user_id: int) -> bool:
        """True for the first dropped update of the user in a window: tell them, once."""
        now = self._clock()
        self._expire_notices(now)
        if user_id in self._noticed:
            return False
        self._noticed[user_id] = now
        return True

    def _expire_notices(self, now: float) -> None:
        # Insertion order is time order: a user is added once and stays until expired.
        while self._noticed and next(iter(self._noticed.values())) <= now - self.window:
            self._noticed.popitem(last=False)

    def tracked_users(self) -> int:
        """How many users' counters are held now (for tests and benchmarks)."""
        return max(len(self.updates), len(self.questions), len(self._noticed))
