"""Stretches of an article where a name is not a person of the story: photo credits, bylines,
the publisher's staff and address, links to other articles.

The cleaner removes most of these; this is the second line of defence for what it keeps
(a credit at the end of a caption paragraph, a footer in an unfamiliar layout).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from dipreader.folding import fold
from dipreader.suggest.lexicon import PersonLexicon
from dipreader.suggest.tokens import Token

_AFTER_CREDIT_WORD = re.compile(r"\s*(?::|©|/)")
_BYLINE_MAX_WORDS = 8
_LINE_HEAD_CHARS = 80


def blocked_ranges(text: str, tokens: list[Token], lexicon: PersonLexicon) -> SpanSet:
    """The ranges of `text` that hold no story person."""
    ranges: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        if _is_boilerplate_line(line, lexicon):
            ranges.append((line_start, line_end))
        copyright_at = line.find("©")
        if copyright_at >= 0:
            ranges.append((line_start + copyright_at, line_end))
        line_start = line_end + 1
    for token in tokens:
        if token.folded in lexicon.credit_words and _AFTER_CREDIT_WORD.match(text, token.end):
            # "Photo : Thanh Tuân/VNA": the credit runs to the end of its line.
            line_end = text.find("\n", token.end)
            ranges.append((token.start, len(text) if line_end < 0 else line_end))
    return SpanSet(ranges)


def _is_boilerplate_line(line: str, lexicon: PersonLexicon) -> bool:
    # Labels and prefixes are short: folding the start of a long paragraph is enough.
    folded = fold(line[:_LINE_HEAD_CHARS])
    if not folded:
        return False
    if folded.startswith(lexicon.link_line_prefixes):
        return True
    for label in lexicon.staff_labels:
        if folded.startswith(label) and folded[len(label) :].lstrip().startswith(":"):
            return True
    words = line.split(maxsplit=_BYLINE_MAX_WORDS)
    return (
        len(words) <= _BYLINE_MAX_WORDS
        and len(words) >= 2
        and fold(words[0]) in lexicon.byline_words
        and words[1][:1].isupper()
    )


class SpanSet:
    """Character ranges merged into disjoint ones, asked about in logarithmic time: a long
    article has thousands of credits and titles, and each name or cue asks about them."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def _nearest(self, start: int) -> int:
        """The index of the last range starting at or before `start` (-1 if none)."""
        return bisect.bisect_right(self._starts, start) - 1

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any range shares a character with [start, end)."""
        i = self._nearest(start)
        if i >= 0 and self._ends[i] > start:
            return True
        return i + 1 < len(self._starts) and self._starts[i + 1] < end

    def covers(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside one range."""
        i = self._nearest(start)
        return i >= 0 and end <= self._ends[i]
