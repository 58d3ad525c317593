"""Passage anchors: a span of `Article.text` kept both as offsets and as a quote in context,
so a passage can be found again after the cleaner changes the text around it."""

from __future__ import annotations

import re

from dipreader.store.model import TextTarget

CONTEXT_CHARS = 32


def make_target(text: str, start: int, end: int) -> TextTarget:
    """The anchor of `text[start:end]`; ValueError for an empty or out-of-range span."""
    if not (0 <= start < end <= len(text)):
        raise ValueError(
            f"a passage needs 0 <= start < end <= {len(text)} (the text's length); "
            f"got start={start}, end={end}"
        )
    return _target_at(text, start, end)


def _target_at(text: str, start: int, end: int) -> TextTarget:
    return TextTarget(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def reanchor(target: TextTarget, text: str) -> TextTarget | None:
    """Where `target` is in `text` now, or None if its quote cannot be found.

    The offsets are kept when they still select the quote. Otherwise every occurrence of the
    quote (spacing may differ) is scored by how much of the stored context surrounds it, and
    the best one wins; among equals, the one nearest the old position.
    """
    if not target.exact:
        return None
    if 0 <= target.start <= target.end <= len(text) and (
        text[target.start : target.end] == target.exact
    ):
        return target
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(target.exact), text)]
    if not spans:
        spans = _whitespace_tolerant_spans(target.exact, text)
    if not spans:
        return None

    def score(span: tuple[int, int]) -> tuple[int, int]:
        start, end = span
        context = _common_suffix(target.prefix, text[max(0, start - CONTEXT_CHARS) : start])
        context += _common_prefix(target.suffix, text[end : end + CONTEXT_CHARS])
        return (context, -abs(start - target.start))

    start, end = max(spans, key=score)
    return _target_at(text, start, end)


def _whitespace_tolerant_spans(quote: str, text: str) -> list[tuple[int, int]]:
    words = quote.split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(word) for word in words)
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])
