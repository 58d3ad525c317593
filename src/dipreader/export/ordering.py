"""Sort keys shared by every format, so that the same data always comes out in the same order."""

from __future__ import annotations

from dipreader.store.model import BUILTIN_KINDS
from dipreader.store.names import fold_name


def kind_key(kind: str) -> tuple[int, str]:
    """person, theme, then user-defined kinds alphabetically."""
    if kind in BUILTIN_KINDS:
        return (BUILTIN_KINDS.index(kind), "")
    return (len(BUILTIN_KINDS), kind)


def name_key(name: str) -> tuple[str, str]:
    """Names as the app orders them (no case, accents, punctuation or spacing); the exact
    name breaks ties between spellings that fold alike ("Trong", "Trọng")."""
    return (fold_name(name), name)
