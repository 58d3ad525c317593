"""Building many long-lived objects without the cyclic garbage collector's full passes
(a corpus loaded, an export document built)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic cyclic garbage collection inside the block; the caller's setting after it.

    A corpus of 10,000 articles, or an export document of 50k annotations, adds some 100k
    objects that all survive the block. Allocating that many makes CPython run full
    collections, each walking every object of the process (the corpus and the store as
    well): a third of a cached corpus load, 0.15 s of a 0.8 s export in the benchmark,
    more in the app, whose heap is larger. Neither makes reference cycles (plain
    dataclasses, dicts, lists and strings), so pausing costs nothing but a delay in
    collecting cycles made meanwhile by other threads; reference counting still frees
    everything else at once.

    Process-wide, like `gc.disable` itself: collection resumes when the block ends, unless
    it was already off when the block began (a caller's own choice, or an overlapping
    export in another thread, which then turns it back on itself).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
