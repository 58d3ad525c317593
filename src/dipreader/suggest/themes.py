"""Theme cue phrases found in an article, insensitive to accents, case, plural and feminine
endings, and articles."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from dipreader.suggest.fold import stem
from dipreader.suggest.model import Span
from dipreader.suggest.tokens import Token, tokenize

# Skipped on both sides of a match: "séquelles de la guerre" finds "séquelles des guerres".
ARTICLE_WORDS = frozenset(
    {"le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "a"}
)
# A phrase does not run across these: "le commerce. Les échanges" is not "commerce échanges".
_PHRASE_BREAK = re.compile(r"[,;:.!?()\[\]«»\"“”…\n]|\s[–—-]\s")


@dataclass(frozen=True)
class CueHit:
    """A cue phrase of theme `theme` found at `span`."""

    theme: str
    cue: str
    span: Span


@lru_cache(maxsize=65536)
def _stem(folded: str) -> str:
    return stem(folded)


class ThemeMatcher:
    """Cue phrases compiled once; `find` then costs one dictionary look-up per word."""

    def __init__(self, cues: Iterable[tuple[str, str]]) -> None:
        """`cues`: (theme, phrase) pairs. A phrase of only article words is ignored."""
        self._by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        for theme, phrase in cues:
            stems = tuple(
                _stem(t.folded) for t in tokenize(phrase) if t.folded not in ARTICLE_WORDS
            )
            if stems:
                self._by_first.setdefault(stems[0], []).append((stems, theme, phrase))
        for entries in self._by_first.values():
            entries.sort(key=lambda entry: -len(entry[0]))

    def find(self, text: str, tokens: list[Token]) -> list[CueHit]:
        """Every cue phrase in the text; at one place, each theme's longest phrase only."""
        content = [t for t in tokens if t.folded not in ARTICLE_WORDS]
        stems = [_stem(t.folded) for t in content]
        hits: list[CueHit] = []
        covered_until: dict[str, int] = {}
        for i, first in enumerate(stems):
            for cue_stems, theme, phrase in self._by_first.get(first, ()):
                n = len(cue_stems)
                if covered_until.get(theme, -1) > i or i + n > len(stems):
                    continue
                if stems[i : i + n] != list(cue_stems):
                    continue
                if any(
                    _PHRASE_BREAK.search(text, content[k - 1].end, content[k].start)
                    for k in range(i + 1, i + n)
                ):
                    continue
                start, end = content[i].start, content[i + n - 1].end
                hits.append(CueHit(theme, phrase, Span(start, end, text[start:end])))
                covered_until[theme] = i + n
        return hits
