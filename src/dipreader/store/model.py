"""The annotation store's records, as plain immutable values.

These are what the store hands out and what `dipreader.export` writes: nothing here touches
the database file.
"""

from __future__ import annotations

from dataclasses import dataclass

PERSON = "person"
THEME = "theme"
BUILTIN_KINDS = (PERSON, THEME)


@dataclass(frozen=True)
class Tag:
    """An entry of the user's vocabulary: a person, a theme, or a tag of a user-defined kind."""

    id: str  # stable uuid4 hex, never reused
    name: str  # as the user typed it
    kind: str  # "person", "theme", or a user-defined kind such as "place"
    aliases: tuple[str, ...] = ()
    colour: str | None = None  # a CSS-like colour ("#e5c07b") or None for the kind's default
    description: str = ""


@dataclass(frozen=True)
class TextTarget:
    """A passage of an article's cleaned text (`Article.text`).

    Offsets are character offsets, `exact == text[start:end]` when the text is unchanged; the
    quote and its context let the passage be found again when the cleaner changes.
    """

    start: int
    end: int
    exact: str
    prefix: str = ""  # up to 32 characters before the passage
    suffix: str = ""  # up to 32 characters after it


@dataclass(frozen=True)
class Annotation:
    """One tag or one note, on a whole article (`target is None`) or on a passage.

    A tag annotation has `tag_id` set and `note` None; a note has `note` set and `tag_id`
    None. A passage with two tags and a note is three annotations sharing one target.
    """

    id: str  # stable uuid4 hex
    article_id: str
    tag_id: str | None
    note: str | None
    target: TextTarget | None
    created: str  # ISO 8601, UTC, seconds: "2026-11-22T10:31:05Z"
    updated: str
    author: str


@dataclass(frozen=True)
class ArticleState:
    """What the user set on an article that is not an annotation."""

    article_id: str
    read: bool = False
    starred: bool = False
    title: str | None = None  # the user's correction of the title, if any
    date: str | None = None  # the user's correction of the date, "YYYY[-MM[-DD]]", if any


def short_id(article_id: str) -> str:
    """An article id as the undo history names it: its first 8 hex digits."""
    return article_id[:8]
