"""The mapping between character offsets (what the store keeps) and (row, column) locations
(what the reader's TextArea uses).

Pure: no Textual.
"""

from __future__ import annotations

import bisect
import re

_NEWLINE = re.compile("\n")


class LineIndex:
    """Offsets <-> (row, column) for a text split on `\\n` (as the TextArea splits it)."""

    def __init__(self, text: str) -> None:
        # One C-speed search per line, not a Python step per character (a 5 MB article).
        self._starts = [0, *(match.end() for match in _NEWLINE.finditer(text))]
        self._length = len(text)

    def location(self, offset: int) -> tuple[int, int]:
        offset = min(max(offset, 0), self._length)
        row = bisect.bisect_right(self._starts, offset) - 1
        return row, offset - self._starts[row]

    def offset(self, location: tuple[int, int]) -> int:
        row, column = location
        row = min(max(row, 0), len(self._starts) - 1)
        return min(self._starts[row] + column, self._length)
