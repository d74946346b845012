"""The bot's long-lived objects kept out of the cyclic garbage collector's way.

After start-up the process holds about 108,000 objects the collector tracks (the question
engine's models and caches, the knowledge base, python-telegram-bot's handlers) that live as
long as the process. Each full collection walked every one of them: about 50 ms, and with the
garbage a question leaves behind (its rateable answer, the users cache) one came about every
1,600 questions: some 30 microseconds of CPU a question, and a 50 ms hold of the event loop
each time. `settle` collects once and freezes what is left (`gc.freeze`): full collections then
walk only what came after, about 9 ms each (bench/README.md, throughput).

Frozen objects are still freed when their last reference goes; only a cycle among them would
never be found. The engine's models sit in cycles (each `LinearModel` and `Vocabulary` holds an
`lru_cache` of its own bound method), so replacing them (`QuestionAnswerer.reload`) first
`thaw`s the heap and settles it again afterwards, which frees the replaced ones.

Before any of that, `prepare` fixes glibc's mmap threshold: a block of 128 KiB or more that
no free chunk of the heap holds gets a mapping of its own, given back whole when freed. glibc
raises the threshold to the size of each such block freed (up to 32 MiB), so once the question
model's arrays had been unpacked every later large block (the unpacking's own buffers, the
models' tables) came from the heap, transient and long-lived ones interleaved, and 19 MB of the
heap stayed free yet resident for the process's life: 15 MB of RSS (bench/README.md, memory).
"""

from __future__ import annotations

import ctypes
import gc
from functools import cache

# glibc's mallopt parameter (malloc.h) and the value of its documented default.
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 128 * 1024


_paused = False


def pause_collection() -> None:
    """Pause the cyclic collector while the bot starts (`partnerbot run`, `console`, `ask`),
    until `resume_collection` at the end of post_init. A start makes some 80,000 objects the
    collector tracks, nearly all of which live as long as the process: the two hundred
    collections they set off found next to nothing (a few hundred unreachable objects; the same
    peak RSS without them) and cost 7 % of a cold start's CPU."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection() -> None:
    """End the pause `pause_collection` began; nothing when it began none. What the start made
    is frozen first (`gc.freeze`, no collection): left young, every object of it would be
    walked again by the first collections after the pause, which is what the pause saved."""
    global _paused
    if _paused:
        gc.freeze()
        gc.enable()
        _paused = False


def prepare() -> None:
    """Keep the mmap threshold at glibc's default instead of letting it grow: before the bot
    loads its models, so that their large transient buffers never land in the heap."""
    libc = _libc()
    if libc is not None:
        libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def settle() -> None:
    """Collect, then freeze every object left: they are the process's long-lived ones; and
    give the C heap's free pages back to the system."""
    gc.collect()
    gc.freeze()
    _trim()


def _trim() -> None:
    """Return the free memory at the C heap's top and in its free chunks to the system
    (glibc's `malloc_trim`): building the engine (the bank's words, the models' vocabularies)
    frees more than it keeps, and without this the process's RSS keeps that peak."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@cache
def _libc() -> ctypes.CDLL | None:
    """glibc, or None elsewhere (musl, macOS: nothing to tune): the C library the process has
    loaded, found among its own symbols (`ctypes.util.find_library` would run `ldconfig` in a
    child process at each start)."""
    try:
        libc = ctypes.CDLL(None)
    except OSError:
        return None
    return libc if hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt") else None


def thaw() -> bool:
    """Give the frozen objects back to the collector; True when there were any (then `settle`
    again once the objects being replaced are gone)."""
    if not gc.get_freeze_count():
        return False
    gc.unfreeze()
    return True
