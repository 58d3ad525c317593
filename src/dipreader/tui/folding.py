"""Accent- and case-insensitive matching (by `dipreader.folding`, as the store and the
suggester compare) that can point back into the original text, and `visible`: untrusted text
made safe to draw (by `dipreader.terminal`, the one sanitiser).

Pure functions: no Textual, so they are tested without a terminal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from dipreader.folding import fold, strip_marks
from dipreader.terminal import pictured


def _search_table() -> dict[int, str]:
    # Every letter of Latin scripts (Vietnamese included), combining mark and typographic
    # punctuation that folding changes, folded once: a corpus is then folded by one
    # `str.translate` per article instead of a Unicode decomposition (10,000 articles: 5 s).
    table: dict[int, str] = {}
    ranges = (range(0x80, 0x250), range(0x300, 0x370), range(0x1E00, 0x1F00), range(0x2010, 0x2020))
    for code in (code for block in ranges for code in block):
        folded = strip_marks(chr(code))
        if folded != chr(code).casefold():
            table[code] = folded
    return table


_SEARCH_TABLE = _search_table()


_SEARCH_REPLACEMENTS = {chr(code): folded for code, folded in _SEARCH_TABLE.items()}
# Characters whose folded form holds another of the table's characters ("ǣ" folds to "æ",
# itself in the table): replaced after the others, so that their output is left as it is.
_REPLACED_LAST = {
    c for c, folded in _SEARCH_REPLACEMENTS.items() if set(folded) & set(_SEARCH_REPLACEMENTS)
}
assert not any(set(_SEARCH_REPLACEMENTS[c]) & _REPLACED_LAST for c in _REPLACED_LAST), (
    "a folded form that would be folded again"
)


def fold_for_search(text: str) -> str:
    """`fold` for a whole NFC text (what the corpus gives), fast; spaces are left as they are,
    which substring search does not mind.

    The same as `text.casefold().translate(_SEARCH_TABLE)`, in a fraction of the time: an
    article uses a dozen of the table's characters, so each of those is replaced through the
    whole text at C speed (translating char by char costs a dictionary lookup for each of
    the corpus's 40 million characters).
    """
    folded = text.casefold()
    if folded.isascii():
        return folded
    present = set(folded)
    for char in sorted(present & _SEARCH_REPLACEMENTS.keys(), key=_REPLACED_LAST.__contains__):
        folded = folded.replace(char, _SEARCH_REPLACEMENTS[char])
    return folded


@lru_cache(maxsize=8192)
def fold_char(ch: str) -> str:
    """One character folded as `fold` folds it; any whitespace becomes one space."""
    return " " if ch.isspace() else strip_marks(ch)


@dataclass(frozen=True)
class FoldedText:
    """A folded copy of a text, and for each folded character the index it came from."""

    folded: str
    origin: Sequence[int]
    length: int  # of the original text

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span that the folded span [start, end) came from."""
        if start >= end:
            at = self.origin[start] if start < len(self.origin) else self.length
            return at, at
        return self.origin[start], self.origin[end - 1] + 1


def fold_with_origin(text: str) -> FoldedText:
    """Fold `text` character by character, keeping where each folded character came from.

    Unlike `fold`, spaces are not collapsed, so the mapping stays exact.
    """
    parts: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        folded = fold_char(ch)
        parts.append(folded)
        origin.extend([index] * len(folded))
    return FoldedText("".join(parts), origin, len(text))


def _needle_pattern(needle: str) -> re.Pattern[str] | None:
    words = fold(needle).split()
    if not words:
        return None
    # Whole words only, any run of spaces between them: "Lâm" must not light up "Lamarck".
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)")


def find_mentions(text: FoldedText, needles: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of the original text where any of `needles` occurs as whole words."""
    spans: list[tuple[int, int]] = []
    for needle in needles:
        pattern = _needle_pattern(needle)
        if pattern is None:
            continue
        for match in pattern.finditer(text.folded):
            spans.append(text.original_span(match.start(), match.end()))
    return sorted(set(spans))


_NEXT_WORD = re.compile(r"[ \u00a0]+([^\W\d_][\w’'-]*)")


def name_completions(text: str, typed: str, limit: int = 3) -> list[str]:
    """Capitalised names in `text` that what was typed starts: "le hoai tr" -> ["Lê Hoài Trung"].

    The typed words match whole words, accents and case ignored, the last one as a prefix;
    the match then runs on over capitalised words, as names do. Most frequent first.
    """
    words = fold(typed).split()
    if not words:
        return []
    *whole, last = words
    body = "".join(rf"{re.escape(w)}\s+" for w in whole) + rf"{re.escape(last)}\w*"
    folded = fold_with_origin(text)
    found: dict[str, int] = {}
    for match in re.finditer(rf"(?<!\w){body}", folded.folded):
        start, end = folded.original_span(match.start(), match.end())
        for _ in range(3):
            more = _NEXT_WORD.match(text, end)
            # Capitalised words go on a name; an initial ("D" of "D.C.") is left out.
            if more is None or not more.group(1)[0].isupper() or len(more.group(1)) < 2:
                break
            end = more.end()
        name = " ".join(text[start:end].split())
        if name[:1].isupper():  # a name, not "les" for "le"
            found[name] = found.get(name, 0) + 1
    # What was typed, as the text spells it, comes before longer names that it starts.
    typed_folded = " ".join(words)
    ranked = sorted(found, key=lambda name: (fold(name) != typed_folded, -found[name]))
    return ranked[:limit]


def matches_all_terms(folded_haystack: str, query: str) -> bool:
    """Incremental search: every word of the query occurs somewhere in the folded text."""
    return contains_all(folded_haystack, fold(query).split())


def contains_all(folded_haystack: str, terms: Sequence[str]) -> bool:
    """Every one of `terms` (already folded: `fold(query).split()`) occurs in the text."""
    return all(term in folded_haystack for term in terms)


# The app's form of the one sanitiser: the same length, so offsets into the text stay valid.
visible = pictured
