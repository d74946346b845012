"""One `partnerbot run` per database: two would both poll Telegram, send every broadcast and
reminder twice and fight over the same jobs."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class AlreadyRunning(Exception):
    """Another process holds the database's lock; the message says which database."""


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


@contextmanager
def single_instance(db_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `<database>.lock` while the block runs.

    flock is released by the kernel when the process ends, however it ends, so a crash never
    leaves a stale lock behind; the file itself stays, as removing it would race a new start.
    """
    path = lock_path(db_path)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
        os.close(fd)
        raise AlreadyRunning(
            f"{db_path} is already used by another `partnerbot run`"
            + (f" (process {holder})" if holder.isdigit() else "")
            + "; stop it first, or give this one its own PARTNERBOT_DB"
        ) from None
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)
