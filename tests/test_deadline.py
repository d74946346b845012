"""The tests' deadlines (tests/deadline.py): a process that hangs still runs out of time."""

from __future__ import annotations

import subprocess
import time

from tests.deadline import CEILING, Deadline, waited_for_cpu


def test_a_blocked_process_runs_out_of_time_within_the_ceiling() -> None:
    # A process asleep waits for no CPU: only this process's own waits can lengthen the wait.
    with subprocess.Popen(["sleep", "30"]) as asleep:
        try:
            deadline = Deadline(0.2, asleep.pid)
            start = time.monotonic()
            while not deadline.passed():
                time.sleep(0.01)
            took = time.monotonic() - start
            assert waited_for_cpu(asleep.pid) >= 0.0
        finally:
            asleep.kill()
    assert 0.2 <= took <= 0.2 * CEILING + 0.1
    assert deadline.lost() >= 0.0
