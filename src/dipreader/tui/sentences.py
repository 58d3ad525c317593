"""Sentences and paragraphs of an article's text, and the mapping between character offsets
(what the store keeps) and (row, column) locations (what the reader's TextArea uses).

Pure: no Textual.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# Words that end with a full stop without ending a sentence, in French wire copy.
_ABBREVIATIONS = frozenset(
    [
        "m",
        "mm",
        "mme",
        "mmes",
        "mlle",
        "mlles",
        "dr",
        "pr",
        "me",
        "st",
        "ste",
        "ss",
        "mgr",
        "gal",
        "gen",
        "col",
        "cdt",
        "lt",
        "sgt",
        "av",
        "bd",
        "etc",
        "cf",
        "ex",
        "env",
        "no",
        "nos",
        "vol",
        "p",
        "pp",
        "art",
        "al",
        "vs",
    ]
)
# A run of terminal punctuation, closing quotes/brackets, then the space before the next one.
_SENTENCE_END = re.compile(r"[.!?…]+[»”\"')\]]*(?=\s+)")
_NEXT_STARTS_SENTENCE = re.compile(r"\s+[«“\"'(\[]?\s*[A-ZÀ-ÖØ-Þ0-9]")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


def _ends_sentence(text: str, dot_start: int, end: int) -> bool:
    if not _NEXT_STARTS_SENTENCE.match(text, end):
        return False
    if text[dot_start] != ".":
        return True
    word = re.search(r"(\w+)$", text[:dot_start])
    if word is None:
        return True
    token = word.group(1)
    # "J. Biden", "U.S." and "M. Blinken" are initials or titles, not the end of a sentence.
    if len(token) == 1 and token.isupper():
        return False
    return token.casefold() not in _ABBREVIATIONS


def split_sentences(text: str, separator: str = "\n\n") -> list[Sentence]:
    """The sentences of `text`, whose paragraphs are joined by `separator`.

    A paragraph break always ends a sentence; spans exclude surrounding whitespace.
    """
    sentences: list[Sentence] = []
    offset = 0
    for number, paragraph in enumerate(text.split(separator)):
        start = 0
        for match in _SENTENCE_END.finditer(paragraph):
            if _ends_sentence(paragraph, match.start(), match.end()):
                sentences.append(Sentence(offset + start, offset + match.end(), number))
                start = match.end()
                while start < len(paragraph) and paragraph[start].isspace():
                    start += 1
        tail = paragraph[start:].rstrip()
        if tail.strip():
            lead = len(tail) - len(tail.lstrip())
            sentences.append(Sentence(offset + start + lead, offset + start + len(tail), number))
        offset += len(paragraph) + len(separator)
    return sentences


def sentence_at(sentences: list[Sentence], offset: int) -> int:
    """Index of the sentence containing `offset`, or the nearest one before it."""
    if not sentences:
        raise ValueError("no sentences")
    starts = [s.start for s in sentences]
    return max(0, bisect.bisect_right(starts, offset) - 1)


class LineIndex:
    """Offsets <-> (row, column) for a text split on `\\n` (as the TextArea splits it)."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        for index, ch in enumerate(text):
            if ch == "\n":
                self._starts.append(index + 1)
        self._length = len(text)

    def location(self, offset: int) -> tuple[int, int]:
        offset = min(max(offset, 0), self._length)
        row = bisect.bisect_right(self._starts, offset) - 1
        return row, offset - self._starts[row]

    def offset(self, location: tuple[int, int]) -> int:
        row, column = location
        row = min(max(row, 0), len(self._starts) - 1)
        return min(self._starts[row] + column, self._length)
