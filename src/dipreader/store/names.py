"""How tag names and kinds are compared and checked.

Two spellings name the same tag when they fold to the same key: case, accents, punctuation
and spacing do not count, so "Nguyên Phu Trong" and "Nguyễn Phú Trọng" are one person. The
user's own spelling is what the store keeps; the folded key is only ever compared.
"""

from __future__ import annotations

import difflib
import functools
import re

from dipreader.corpus.text import utf8_encodable
from dipreader.folding import strip_marks
from dipreader.terminal import holds_unsafe

MAX_NAME_LENGTH = 200
_KIND_PATTERN = re.compile(r"[^\W\d_][\w-]{0,39}")
# Similarity at or above which two differently folded names are offered as likely duplicates.
LIKELY_DUPLICATE = 0.85


def _plain_letters(name: str) -> str:
    """Lower case, accents removed; punctuation and spaces still there."""
    return strip_marks(name)


def fold_name(name: str) -> str:
    """The key two names are compared by: no case, accents, punctuation or spacing.

    >>> fold_name("Nguyễn Phú Trọng") == fold_name("nguyen phu-trong")
    True
    """
    return "".join(ch for ch in _plain_letters(name) if ch.isalnum())


def name_words(name: str) -> tuple[str, ...]:
    """The folded words of a name, in order."""
    words = re.split(r"[^\w]+|_", _plain_letters(name))
    return tuple(word for word in words if word)


@functools.lru_cache(maxsize=1 << 16)
def _comparison_key(name: str) -> tuple[str, tuple[str, ...]]:
    # Cached: looking for duplicates compares one name with every tag of the vocabulary.
    return fold_name(name), name_words(name)


def name_similarity(a: str, b: str) -> float:
    """How likely two names are one tag, from 0 to 1 (1: they fold to the same key; 0 also
    for any pair clearly below the `LIKELY_DUPLICATE` threshold).

    Reordered words ("Trong Nguyen Phu") and a typo in a long name score high; a name that is
    a two-word part of the other ("Phu Trong") scores just at the duplicate threshold.
    """
    (folded_a, words_a), (folded_b, words_b) = _comparison_key(a), _comparison_key(b)
    if not folded_a or not folded_b:
        return 0.0
    if folded_a == folded_b:
        return 1.0
    if sorted(words_a) == sorted(words_b):
        return 0.95
    shorter, longer = sorted((set(words_a), set(words_b)), key=len)
    if len(shorter) >= 2 and shorter < longer:
        return LIKELY_DUPLICATE
    if min(len(folded_a), len(folded_b)) < 5:
        # Short names differ by one letter all the time ("Lâm" and "Lâu"): not a typo signal.
        return 0.0
    matcher = difflib.SequenceMatcher(None, folded_a, folded_b, autojunk=False)
    # The cheap upper bounds rule most names out before the real (quadratic) comparison.
    if matcher.real_quick_ratio() < LIKELY_DUPLICATE or matcher.quick_ratio() < LIKELY_DUPLICATE:
        return 0.0
    return matcher.ratio()


# A byte that is not UTF-8 (in a terminal set to another encoding, or a file name) reaches
# Python as a lone surrogate, which no file can store as text.
_NOT_TEXT = (
    "{what} must be text: it holds a byte that is not UTF-8 (is the terminal set to another "
    "encoding?)"
)


def not_text_message(what: str) -> str:
    return _NOT_TEXT.format(what=what)


def clean_name(name: str) -> str:
    """A tag name or alias as the user typed it, minus surrounding spaces; ValueError if it
    cannot be a name (empty, only punctuation, a control character, far too long)."""
    cleaned = name.strip()
    if not utf8_encodable(cleaned):
        raise ValueError(not_text_message("a tag name"))
    if not fold_name(cleaned):
        raise ValueError(f"a tag name needs at least one letter or digit: {name!r}")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise ValueError(f"a tag name is at most {MAX_NAME_LENGTH} characters")
    if holds_unsafe(cleaned) or "\n" in cleaned or "\t" in cleaned:
        raise ValueError(
            f"a tag name is one line of text without control characters or direction "
            f"overrides: {name!r}"
        )
    return cleaned


def normalize_kind(kind: str) -> str:
    """A tag kind in its stored form ("Place " -> "place"); ValueError if it is not a word."""
    normalized = kind.strip().casefold()
    if not _KIND_PATTERN.fullmatch(normalized):
        raise ValueError(
            f"a tag kind is one word of letters, digits, '-' or '_' starting with a letter "
            f"(at most 40 characters): {kind!r}"
        )
    return normalized
