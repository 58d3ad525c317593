"""A long text read in pieces, on every core: what makes a 5 MB article's suggestions take
seconds, not tens of seconds.

The rules look at one paragraph at a time (a name, its title, a theme's phrase never cross a
blank line), so a text cut between paragraphs gives, piece by piece, what the whole gives:
`Suggester.gather` on each piece, its offsets shifted by where the piece starts, then the
people grouped and the themes counted over the whole. The pieces are always the same for a
text (`PIECE` characters, cut at the next paragraph), whatever the number of cores, so the
suggestions do not depend on the machine. One difference from reading the text whole: a
capitalised word opening a sentence is taken for an ordinary word when the piece it is in
has it in lower case elsewhere, where the whole text would look everywhere.

The pieces after the first are offered to spawned processes (a fork would copy an app's
threads' locks), started on first need and kept until the program ends, each building its own
`Suggester` from the same vocabulary and themes (again when they change); this
process reads the first, then takes back from the end every piece not yet started. A process
that cannot start, or fails, leaves its pieces to be read here.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING

from dipreader.suggest.model import Span

if TYPE_CHECKING:
    from dipreader.store.model import Tag
    from dipreader.suggest.lexicon import Theme
    from dipreader.suggest.suggester import Gathered, Suggester

# About 250 kB of text per piece: small enough to share a 5 MB text evenly between cores,
# large enough that sending a piece to a process is a small part of reading it.
PIECE = 250_000


def pieces(text: str, size: int | None = None) -> list[tuple[int, str]]:
    """`text` cut into pieces of about `size` characters, each ending with a paragraph; each
    with where it starts."""
    size = size or PIECE
    found: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        cut = text.find("\n\n", start + size)
        end = len(text) if cut == -1 else cut + 2
        found.append((start, text[start:end]))
        start = end
    return found


def gather_in_pieces(suggester: Suggester, text: str, *, size: int | None = None) -> Gathered:
    """`suggester.gather(text)`, the pieces after the first read in other processes."""
    parts = pieces(text, size or PIECE)
    readers = min(len(parts), os.cpu_count() or 1)  # this process and `readers - 1` others
    futures: list[Future[Gathered] | None] = [None] * len(parts)
    if readers > 1 and suggester.entities is None:
        try:
            pool = _pool(readers - 1)
            tags, themes = suggester.vocabulary_tags, suggester.themes
            for index, (_, piece) in enumerate(parts[1:], start=1):
                futures[index] = pool.submit(_gather_piece, tags, themes, piece)
        except (OSError, RuntimeError, ImportError):
            _drop_pool()
            futures = [None] * len(parts)
    try:
        # The first piece here, then, from the last, every piece no process has taken yet
        # (a process takes them from the first): the work shares itself out, however long
        # the processes take to start.
        mine = {0: suggester.gather(parts[0][1])}
        for index in range(len(parts) - 1, 0, -1):
            future = futures[index]
            if future is None or future.cancel():
                mine[index] = suggester.gather(parts[index][1])
            else:
                break
        results = []
        for index, ((start, piece), future) in enumerate(zip(parts, futures, strict=True)):
            gathered = mine.get(index)
            if gathered is None and future is not None:
                gathered = _result(future)
            results.append(_shifted(gathered or suggester.gather(piece), start))
    finally:
        for future in futures:
            if future is not None:
                future.cancel()
    whole = results[0]
    for more in results[1:]:
        whole.mentions += more.mentions
        whole.cues += more.cues
        whole.others += more.others
    return whole


def _result(future: Future[Gathered]) -> Gathered | None:
    try:
        return future.result()
    except Exception:  # a lost process costs time, not suggestions
        _drop_pool()
        return None


# The processes are started once and kept (starting one costs 0.3 s), until the program ends.
_POOL: ProcessPoolExecutor | None = None


def _pool(workers: int) -> ProcessPoolExecutor:
    global _POOL
    if _POOL is None:
        import atexit
        import multiprocessing

        _POOL = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        atexit.register(_drop_pool)
    return _POOL


def _drop_pool() -> None:
    global _POOL
    pool, _POOL = _POOL, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


# In a worker process: the suggester of the last vocabulary and themes it was given.
_SUGGESTER: tuple[tuple[Tag, ...], tuple[Theme, ...], Suggester] | None = None


def _gather_piece(tags: tuple[Tag, ...], themes: tuple[Theme, ...], piece: str) -> Gathered:
    """In a worker process: one piece's findings, by a `Suggester` built again only when the
    vocabulary or the themes changed."""
    global _SUGGESTER
    from dipreader.suggest.suggester import Suggester

    if _SUGGESTER is None or (_SUGGESTER[0], _SUGGESTER[1]) != (tags, themes):
        _SUGGESTER = (tags, themes, Suggester(tags, themes=themes))
    return _SUGGESTER[2].gather(piece)


def _shifted(gathered: Gathered, offset: int) -> Gathered:
    """The findings of a piece starting at `offset`, with offsets into the whole text (a
    mention's token numbers stay the piece's: nothing after gathering reads them)."""
    if offset == 0:
        return gathered

    def span(old: Span) -> Span:
        return Span(old.start + offset, old.end + offset, old.text)

    gathered.mentions = [
        replace(
            m,
            start=m.start + offset,
            end=m.end + offset,
            title_start=None if m.title_start is None else m.title_start + offset,
        )
        for m in gathered.mentions
    ]
    gathered.cues = [replace(hit, span=span(hit.span)) for hit in gathered.cues]
    gathered.others = [(tag, span(old)) for tag, old in gathered.others]
    return gathered
