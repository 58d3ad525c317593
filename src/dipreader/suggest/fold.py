"""A light French stemmer for theme cue phrases, and names damaged by a wrong encoding."""

from __future__ import annotations

# Longest suffix first; each pair is (suffix, replacement). Enough to bring the inflected forms
# of a cue phrase together ("commerciaux", "commerciales" -> "commercial"), not a full stemmer.
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ements", "ement"),
    ("ations", "ation"),
    ("atrices", "ateur"),
    ("atrice", "ateur"),
    ("ateurs", "ateur"),
    ("euses", "eux"),
    ("euse", "eux"),
    ("ieres", "ier"),
    ("iere", "ier"),
    ("elles", "el"),
    ("elle", "el"),
    ("iques", "ique"),
    ("ives", "if"),
    ("ive", "if"),
    ("ales", "al"),
    ("aux", "al"),
    ("ale", "al"),
    ("ees", "e"),
    ("ee", "e"),
    ("es", "e"),
    ("s", ""),
    ("x", ""),
)


def stem(word: str) -> str:
    """A folded French word reduced to a shared form for its plural and feminine variants.

    Expects `fold()`ed input. Short words are left alone: stripping them merges unrelated words.
    """
    if len(word) <= 3:
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: len(word) - len(suffix)] + replacement
            break
    # The feminine "e" last: "verte" and "vert", "engagee" and "engage" meet here.
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


LOST_LETTERS = "?\ufffd"


def is_damaged(words: tuple[str, ...]) -> bool:
    """Whether a folded name has letters lost to a wrong encoding: "nguy?n"."""
    return any(ch in word for word in words for ch in LOST_LETTERS)


def same_words(damaged: tuple[str, ...], intact: tuple[str, ...]) -> bool:
    """Whether two folded names are equal where `damaged` still has its letters: "nguy?n phu
    tr?ng" is "nguyen phu trong"."""
    return len(damaged) == len(intact) and all(
        len(a) == len(b) and all(x == y or x in LOST_LETTERS for x, y in zip(a, b, strict=True))
        for a, b in zip(damaged, intact, strict=True)
    )
