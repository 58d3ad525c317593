"""Accent- and case-insensitive text: the one folding every layer compares by.

Vietnamese names lose their diacritics in many wire stories ("Nguyên Phu Trong" for
"Nguyễn Phú Trọng"), and French text is typed with and without accents, so names, search
terms and cue phrases are compared with the marks stripped.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that do not decompose into a base letter and a combining mark, but that a reader
# treats as accented forms of a plain letter (Vietnamese đ above all), and typographic
# apostrophes and dashes that a keyboard types as ASCII.
BASE_LETTERS: dict[str, str] = {
    "đ": "d",
    "ð": "d",
    "ø": "o",
    "ł": "l",
    "æ": "ae",
    "œ": "oe",
    "ß": "ss",
    "ı": "i",
    "’": "'",
    "ʼ": "'",
    "‘": "'",
    "‐": "-",
    "‑": "-",
    "–": "-",
}
_BASE_TABLE = str.maketrans(BASE_LETTERS)
# Combining marks of Latin and Vietnamese text (tone marks, horn, dot below) and their kin.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def strip_marks(text: str) -> str:
    """`text` case-folded, accents removed, special letters mapped to plain ones.

    Spaces and punctuation stay where they were: "Nguyễn Phú-Trọng" -> "nguyen phu-trong".
    """
    return _COMBINING.sub("", unicodedata.normalize("NFD", text.casefold().translate(_BASE_TABLE)))


def fold(text: str) -> str:
    """`text` as a key: no accents, case or spacing. "Nguyễn  Phú Trọng" -> "nguyen phu trong",
    and "Tô  Lâm" folds like "to lam"."""
    return " ".join(strip_marks(text).split())
