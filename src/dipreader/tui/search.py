"""The app's search: what a query means, and finding it in every article without reading one.

A query is words and quoted phrases, accents and case ignored. A word matches the start of a
word of the text (`lam` finds "Lâm" and "Lamarck", never "Islam"); a quoted phrase matches
whole words (`"to lam"` finds "Tô Lâm", not "Washington Lambert"). Every term must be there.

Pure: no Textual, so it is tested without a terminal.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from dipreader.corpus import Article
from dipreader.folding import fold
from dipreader.tui.folding import fold_for_search

# Straight and typographic double quotes, and French guillemets, open and close a phrase.
_PHRASE = re.compile(r'["“”«»]([^"“”«»]*)["“”«»]?')


@dataclass(frozen=True)
class SearchTerm:
    text: str  # folded; a phrase's words joined by one space
    whole: bool  # a quoted phrase: whole words at both ends; a word: the start of a word


def search_terms(query: str) -> list[SearchTerm]:
    """The terms of a query: `to lam "viet nam"` -> the words `to`, `lam`, the phrase
    `viet nam`. A quote left open runs to the end."""
    terms: list[SearchTerm] = []
    at = 0
    for match in _PHRASE.finditer(query):
        terms += [SearchTerm(word, False) for word in fold(query[at : match.start()]).split()]
        phrase = " ".join(fold(match[1]).split())
        if phrase:
            terms.append(SearchTerm(phrase, True))
        at = match.end()
    terms += [SearchTerm(word, False) for word in fold(query[at:]).split()]
    return list(dict.fromkeys(terms))


# Folded text is nearly all ASCII; a character past it is taken as part of a word (mostly a
# letter; a symbol rarely sits against one). The same rule for the index's UTF-8 bytes and for
# a text, so that both find the same articles.
_WORD_BYTES = frozenset(b for b in range(256) if b >= 0x80 or chr(b).isalnum())


def _is_word(text: str | bytes, index: int) -> bool:
    code = text[index] if isinstance(text, bytes) else ord(text[index])
    return code >= 0x80 or code in _WORD_BYTES


def find_term(
    text: str | bytes, needle: str | bytes, whole: bool, start: int = 0, end: int | None = None
) -> int:
    """Where `needle` first occurs in text[start:end] as a search term does, or -1: after a
    non-word character (if it starts with a word character) and, for a phrase, before one."""
    end = len(text) if end is None else end
    if not needle:
        return -1
    check_start = _is_word(needle, 0)
    check_end = whole and _is_word(needle, len(needle) - 1)
    at = text.find(needle, start, end)  # type: ignore[arg-type]
    while at != -1:
        after = at + len(needle)
        if (not check_start or at == 0 or not _is_word(text, at - 1)) and (
            not check_end or after >= len(text) or not _is_word(text, after)
        ):
            return at
        at = text.find(needle, at + 1, end)  # type: ignore[arg-type]
    return -1


def term_spans(folded: str, terms: Sequence[SearchTerm]) -> Iterator[tuple[int, int]]:
    """Every place in a folded text that a term matches, for highlighting."""
    for term in terms:
        at = find_term(folded, term.text, term.whole)
        while at != -1:
            yield at, at + len(term.text)
            at = find_term(folded, term.text, term.whole, at + len(term.text))


class _Block:
    """The folded texts of a run of articles, end to end, and where each one starts."""

    __slots__ = ("ids", "starts", "text")

    def __init__(self, ids: list[str], texts: list[bytes], separator: bytes) -> None:
        self.ids = ids
        self.starts = [0]
        for text in texts:
            self.starts.append(self.starts[-1] + len(text) + len(separator))
        self.text = separator.join(texts) + separator

    def matching(
        self, first: tuple[bytes, bool], others: Sequence[tuple[bytes, bool]], found: set[str]
    ) -> None:
        text, starts = self.text, self.starts
        at = find_term(text, *first)
        while at != -1:
            n = bisect_right(starts, at) - 1
            start, end = starts[n], starts[n + 1] - 1
            if all(find_term(text, needle, whole, start, end) != -1 for needle, whole in others):
                found.add(self.ids[n])
            at = find_term(text, *first, end)  # the next article that has it


class SearchIndex:
    """Every article's title and text, folded once, so that a search reads no article.

    The folded texts are kept end to end in blocks of UTF-8 bytes (folded French is nearly all
    ASCII: one byte a character, where a str holding a single "’" takes two for every
    character), so that a term is looked for in a few hundred articles at a time by one
    C-speed scan rather than by a Python loop over each text. A folded term is found in the
    bytes exactly where it is found in the text; NUL, which no article holds, keeps one
    article's text from running into the next. Blocks, not one block: each is joined at its
    exact size, with no second copy of the corpus while it is built.
    """

    _SEPARATOR = b"\0"
    _BLOCK_ARTICLES = 256

    def __init__(self, articles: Sequence[Article]) -> None:
        self._blocks: list[_Block] = []
        self._ids: list[str] = []
        for first in range(0, len(articles), self._BLOCK_ARTICLES):
            run = articles[first : first + self._BLOCK_ARTICLES]
            texts = [fold_for_search(searchable(a)).encode() for a in run]
            block = _Block([a.id for a in run], texts, self._SEPARATOR)
            self._blocks.append(block)
            self._ids += block.ids

    def matching(self, terms: Sequence[SearchTerm]) -> set[str]:
        """Ids of the articles holding every one of `terms`."""
        if not terms:
            return set(self._ids)
        if any(self._SEPARATOR.decode() in term.text for term in terms):
            return set()  # no article holds a NUL: `normalise_text` removes control characters
        # The longest term first: usually the rarest, so the fewest articles to check.
        needles = sorted({(t.text.encode(), t.whole) for t in terms}, key=lambda t: -len(t[0]))
        first, *others = needles
        found: set[str] = set()
        for block in self._blocks:
            block.matching(first, others, found)
        return found


def searchable(article: Article) -> str:
    """The text a search looks in: title, kicker and paragraphs."""
    # Joined here, not read from `Article.text`: that is cached on the article, and reading
    # it for every article would keep a second copy of the whole corpus for the app's life.
    paragraphs = Article.PARAGRAPH_SEPARATOR.join(article.paragraphs)
    return f"{article.title}\n{article.kicker or ''}\n{paragraphs}"


def article_matches(article: Article, terms: Sequence[SearchTerm]) -> bool:
    """Whether `SearchIndex.matching` would list the article, folding it now (no index yet)."""
    folded = fold_for_search(searchable(article))
    return all(find_term(folded, term.text, term.whole) != -1 for term in terms)
