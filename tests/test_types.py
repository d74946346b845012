"""mypy, strict on the Telegram-free core as pyproject.toml configures it ([tool.mypy])."""

import fcntl
import os
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

import pytest

from bot.resources import cache_dir

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_mypy_passes_strict_on_the_core():
    """mypy keeps its cache in the machine's cache (~/.cache/partnerbot/mypy): in the tree's
    own `.mypy_cache` a fresh clone checked every module and its imports anew (about 20 s of
    CPU, 2 s warm). Unlike Python's bytecode, mypy trusts a cached module while the source's
    hash is the same, whichever clone wrote it; its cache is one SQLite file that two runs must
    not write at once (the second gives up after 5 s), hence the lock."""
    env = dict(os.environ)
    cache = cache_dir("mypy")
    with ExitStack() as stack:
        if cache is not None:
            try:
                cache.mkdir(parents=True, exist_ok=True)
                lock = stack.enter_context((cache / "lock").open("w"))
            except OSError:
                pass  # no machine cache: the tree's own
            else:
                fcntl.flock(lock, fcntl.LOCK_EX)
                env["MYPY_CACHE_DIR"] = str(cache)
        result = subprocess.run(
            [sys.executable, "-m", "mypy"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
    assert result.returncode == 0, result.stdout + result.stderr
