"""The one sentence splitter: the corpus derives a title from a lead's first sentence, the
suggester knows where a sentence starts, the reader selects sentences.

French wire copy puts full stops inside sentences ("M. Blinken", "J. Biden", "U.S.", "1.5"),
so a full stop ends a sentence only when the next word starts like a sentence and the word
before it is no title, abbreviation or initial. Linear in the text's length: each stop looks
at a bounded window before it, never at the whole text (the splitter this replaced searched
the text before every stop, and took minutes on a 400 kB article).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

# Words that end with a full stop without ending a sentence, in French (and English) news copy.
ABBREVIATIONS = frozenset(
    [
        "m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "me", "st", "ste", "ss", "mgr",
        "gal", "gen", "col", "cdt", "lt", "sgt", "av", "bd", "etc", "cf", "ex", "env", "no", "nos",
        "vol", "p", "pp", "art", "al", "vs", "mr", "mrs", "ms", "jr", "sr", "prof", "fig", "janv",
        "fevr", "févr", "avr", "juil", "sept", "oct", "nov", "déc", "dec"
    ]
)  # fmt: skip
# A run of terminal punctuation and closing quotes/brackets, followed by a space.
_STOP = re.compile(r"[.!?…]+[»”\"')\]]*(?=\s)")
# The next sentence starts with a capital or a digit, maybe after an opening quote or bracket.
_NEXT_STARTS_SENTENCE = re.compile(r"\s+[«“\"'(\[]?\s*[A-ZÀ-ÖØ-ÞĐƠƯ0-9]")
# The word before a stop, looked for in a window this wide: abbreviations are short, and a
# word that fills the window is no abbreviation.
_WORD_WINDOW = 12
_LAST_WORD = re.compile(r"(\w+)$")


@dataclass(frozen=True)
class Sentence:
    """`text[start:end]`, in paragraph number `paragraph`."""

    start: int
    end: int
    paragraph: int


def _ends_sentence(text: str, stop_start: int, stop_end: int) -> bool:
    if not _NEXT_STARTS_SENTENCE.match(text, stop_end):
        return False
    if text[stop_start] != ".":
        return True
    window_start = max(0, stop_start - _WORD_WINDOW)
    word = _LAST_WORD.search(text, window_start, stop_start)
    if word is None:
        return True
    token = word.group(1)
    if word.start() == window_start and window_start > 0:
        return True  # a long word: no abbreviation
    # "J. Biden", "U.S." and "M. Blinken" are initials or titles, not the end of a sentence.
    if len(token) == 1 and token.isupper():
        return False
    return token.casefold() not in ABBREVIATIONS


def sentence_ends(text: str) -> Iterator[int]:
    """Offsets just after each sentence-ending stop in `text` (a paragraph's end is not
    included: the caller knows its paragraphs)."""
    for match in _STOP.finditer(text):
        if _ends_sentence(text, match.start(), match.end()):
            yield match.end()


def split_sentences(text: str, separator: str = "\n\n") -> list[Sentence]:
    """The sentences of `text`, whose paragraphs are joined by `separator`.

    A paragraph break always ends a sentence; spans exclude surrounding whitespace.
    """
    sentences: list[Sentence] = []
    offset = 0
    for number, paragraph in enumerate(text.split(separator)):
        start = 0
        for end in sentence_ends(paragraph):
            sentences.append(Sentence(offset + start, offset + end, number))
            start = end
            while start < len(paragraph) and paragraph[start].isspace():
                start += 1
        tail = paragraph[start:].rstrip()
        if tail.strip():
            lead = len(tail) - len(tail.lstrip())
            sentences.append(Sentence(offset + start + lead, offset + start + len(tail), number))
        offset += len(paragraph) + len(separator)
    return sentences


def first_sentence(text: str) -> str:
    """The first sentence of one paragraph, without the stop that ends it."""
    end = next(sentence_ends(text), len(text))
    return text[:end].strip().rstrip(" .")


def sentence_at(sentences: Sequence[Sentence], offset: int, starts: Sequence[int] = ()) -> int:
    """Index of the sentence containing `offset`, or the nearest one before it. `starts`, the
    sentences' starts, saves building them again for each call on a long text."""
    if not sentences:
        raise ValueError("no sentences")
    keys = starts or [s.start for s in sentences]
    return max(0, bisect.bisect_right(keys, offset) - 1)
