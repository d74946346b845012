"""Deadlines for the tests' waits that a loaded machine does not break and a hang still does:
the time the waiting processes spent ready to run but waiting for a CPU does not count."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

# However loaded the machine, a wait fails after this many times its seconds.
CEILING = 10.0


def waited_for_cpu(pid: int | None = None) -> float:
    """Seconds the threads of process `pid` (this one by default) have spent ready to run but
    waiting for a CPU (the kernel's schedstat run delay); 0.0 where the kernel does not say or
    the process is gone."""
    total = 0
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid or 'self'}/task").iterdir():
            with contextlib.suppress(OSError, ValueError, IndexError):
                total += int((task / "schedstat").read_text().split()[1])
    return total / 1e9


class Deadline:
    """`seconds` of wall clock, plus the time this process and the processes `pids` (a bot and
    the Bot API it talks to) waited for a CPU meanwhile, at most CEILING times `seconds` in
    all. A process that hangs, blocked or spinning on the CPU it has, waits for no CPU: it
    still fails after `seconds`; one slowed by the machine's load gets the time it lost
    (a start that costs 2 s of CPU took over 60 s of wall clock at load 14)."""

    def __init__(self, seconds: float, *pids: int):
        self.seconds = seconds
        self._start = time.monotonic()
        self._pids: tuple[int | None, ...] = (None, *pids)
        self._before = {pid: waited_for_cpu(pid) for pid in self._pids}
        self._latest = dict(self._before)

    def lost(self) -> float:
        """Seconds the processes waited for a CPU since the deadline was set."""
        for pid in self._pids:
            # A process that has left (or a thread that ended) no longer counts what it waited.
            self._latest[pid] = max(self._latest[pid], waited_for_cpu(pid))
        return sum(self._latest[pid] - self._before[pid] for pid in self._pids)

    def passed(self) -> bool:
        elapsed = time.monotonic() - self._start
        if elapsed <= self.seconds:
            return False
        return elapsed > min(self.seconds + self.lost(), CEILING * self.seconds)

    def __str__(self) -> str:
        return f"{self.seconds:.0f} s (and {self.lost():.0f} s waiting for a CPU)"
