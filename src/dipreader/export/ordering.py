"""Sort keys shared by every format, so that the same data always comes out in the same order."""

from __future__ import annotations

import unicodedata

from dipreader.store.model import BUILTIN_KINDS


def folded(text: str) -> str:
    """Text without case and accents, for ordering only (never for deciding identity)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def kind_key(kind: str) -> tuple[int, str]:
    """person, theme, then user-defined kinds alphabetically."""
    if kind in BUILTIN_KINDS:
        return (BUILTIN_KINDS.index(kind), "")
    return (len(BUILTIN_KINDS), kind)


def name_key(name: str) -> tuple[str, str]:
    # The exact name breaks ties between spellings that fold alike ("Trong", "Trọng").
    return (folded(name), name)
