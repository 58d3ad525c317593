"""The plain inputs of an export: what the store holds and what the corpus says of each article.

Exports are built from these values, not from a live store or corpus, so the formats can be
tested (and reused by the app) without opening a database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dipreader.corpus.model import Article, ArticleDate
from dipreader.store.model import Annotation, ArticleState, Tag

if TYPE_CHECKING:
    from dipreader.store import AnnotationStore


@dataclass(frozen=True)
class Snapshot:
    """Everything the store holds that an export writes: vocabulary, annotations, states."""

    tags: Sequence[Tag] = ()
    annotations: Sequence[Annotation] = ()
    states: Mapping[str, ArticleState] = field(default_factory=dict)


@dataclass(frozen=True)
class ArticleMetadata:
    """What the corpus says about an article, before the user's corrections."""

    id: str
    title: str
    date: ArticleDate | None
    source: str  # a path relative to the corpus root, with forward slashes


def snapshot_from_store(store: AnnotationStore) -> Snapshot:
    return Snapshot(
        tags=tuple(store.tags()),
        annotations=tuple(store.annotations()),
        states=dict(store.states()),
    )


def metadata_from_article(article: Article, corpus_root: Path | None = None) -> ArticleMetadata:
    """The article's metadata, its source named relative to `corpus_root` when inside it.

    A relative source keeps exports identical on every analyst's machine, wherever the
    corpus folder lives.
    """
    return ArticleMetadata(
        id=article.id,
        title=article.title,
        date=article.date,
        source=_relative_source(Path(article.source), corpus_root),
    )


def metadata_by_id(
    articles: Sequence[Article], corpus_root: Path | None = None
) -> dict[str, ArticleMetadata]:
    return {a.id: metadata_from_article(a, corpus_root) for a in articles}


def _relative_source(source: Path, corpus_root: Path | None) -> str:
    if corpus_root is None:
        return source.as_posix()
    root = corpus_root.resolve()
    resolved = source.resolve()
    if resolved == root:
        return source.name
    try:
        return resolved.relative_to(root).as_posix()
    except ValueError:
        return source.as_posix()
