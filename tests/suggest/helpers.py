"""Articles and tags made from literal text, for the suggestion tests."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path

from dipreader.corpus.model import Article
from dipreader.store.model import PERSON, Tag
from dipreader.suggest import Suggestion


def article_of(text: str, article_id: str = "0123456789abcdef") -> Article:
    """An article whose cleaned text is `text` (paragraphs separated by blank lines)."""
    return Article(
        id=article_id,
        title="Titre de test",
        paragraphs=tuple(text.split(Article.PARAGRAPH_SEPARATOR)),
        source=Path("test.txt"),
    )


def tag(name: str, kind: str = PERSON, aliases: Sequence[str] = ()) -> Tag:
    return Tag(id=uuid.uuid4().hex, name=name, kind=kind, aliases=tuple(aliases))


def names(suggestions: Sequence[Suggestion], kind: str = PERSON) -> list[str]:
    return [s.name for s in suggestions if s.kind == kind]
