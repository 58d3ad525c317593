"""The store's in-memory view of the documents, as records, indexed the ways the API asks.

Kept in step with the file by the database layer (`rebuild` on open, `changed` on every
document written, undone or redone), so reads never scan the tables.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dipreader.store.model import Annotation, ArticleState, Tag
from dipreader.store.names import fold_name
from dipreader.store.records import (
    BadDocument,
    Doc,
    annotation_from_doc,
    check_rejection_doc,
    state_from_doc,
    tag_from_doc,
)


class StoreIndex:
    """Records by id, annotations by article, tags by folded name."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.tags: dict[str, Tag] = {}
        self.annotations: dict[str, Annotation] = {}
        self.by_article: dict[str, dict[str, Annotation]] = {}
        self.states: dict[str, ArticleState] = {}
        self.state_uuids: dict[str, str] = {}  # article id -> uuid of its state document
        self.rejections: dict[str, dict[str, str]] = {}  # article id -> key -> document uuid
        self._tag_keys: dict[tuple[str, str], str] | None = None
        self._spellings: dict[str, tuple[str, ...]] = {}  # tag id -> folded name, aliases

    # -- DocumentListener ------------------------------------------------------------------

    def rebuild(self, data: dict[str, dict[str, Doc]]) -> None:
        self._reset()
        handlers: dict[str, Callable[[Doc | None, Doc | None], None]] = {
            "vocabulary": self._tag_changed,
            "annotations": self._annotation_changed,
            "states": self._state_changed,
            "rejections": self._rejection_changed,
        }
        for table, handler in handlers.items():
            for doc_id, doc in data[table].items():
                try:
                    handler(None, doc)
                except BadDocument as exc:
                    raise BadDocument(f"{table} document {doc_id}: {exc}") from None
        for annotation in self.annotations.values():
            if annotation.tag_id is not None and annotation.tag_id not in self.tags:
                raise BadDocument(
                    f"annotation {annotation.id} uses tag {annotation.tag_id}, "
                    "which is not in the vocabulary"
                )

    def changed(self, table: str, before: Doc | None, after: Doc | None) -> None:
        handler = {
            "vocabulary": self._tag_changed,
            "annotations": self._annotation_changed,
            "states": self._state_changed,
            "rejections": self._rejection_changed,
        }.get(table)
        if handler is not None:
            handler(before, after)

    # -- per table -------------------------------------------------------------------------

    def _tag_changed(self, before: Doc | None, after: Doc | None) -> None:
        if before is not None:
            old = self.tags.pop(before["uuid"], None)
            if old is not None:
                self._forget_spellings(old)
        if after is not None:
            tag = tag_from_doc(after)
            self.tags[tag.id] = tag
            self._learn_spellings(tag)

    def _annotation_changed(self, before: Doc | None, after: Doc | None) -> None:
        if before is not None:
            old = self.annotations.pop(before["uuid"], None)
            if old is not None:
                on_article = self.by_article.get(old.article_id, {})
                on_article.pop(old.id, None)
                if not on_article:
                    self.by_article.pop(old.article_id, None)
        if after is not None:
            annotation = annotation_from_doc(after)
            self.annotations[annotation.id] = annotation
            self.by_article.setdefault(annotation.article_id, {})[annotation.id] = annotation

    def _state_changed(self, before: Doc | None, after: Doc | None) -> None:
        if before is not None:
            self.states.pop(before["article_id"], None)
            self.state_uuids.pop(before["article_id"], None)
        if after is not None:
            state = state_from_doc(after)
            if state.article_id in self.states:
                raise BadDocument(f"a second state for article {state.article_id}")
            self.states[state.article_id] = state
            self.state_uuids[state.article_id] = after["uuid"]

    def _rejection_changed(self, before: Doc | None, after: Doc | None) -> None:
        if before is not None:
            article_id, key = before["article_id"], before["key"]
            keys = self.rejections.get(article_id, {})
            keys.pop(key, None)
            if not keys:
                self.rejections.pop(article_id, None)
        if after is not None:
            article_id, key = check_rejection_doc(after)
            self.rejections.setdefault(article_id, {})[key] = after["uuid"]

    # -- lookups ---------------------------------------------------------------------------

    def tag_keys(self) -> dict[tuple[str, str], str]:
        """(kind, folded name or alias) -> tag id."""
        if self._tag_keys is None:
            keys: dict[tuple[str, str], str] = {}
            # Names win over aliases if a hand-edited file lets the two collide.
            for tag in self.tags.values():
                for folded in self._spellings[tag.id][1:]:
                    keys.setdefault((tag.kind, folded), tag.id)
            for tag in self.tags.values():
                keys[(tag.kind, self._spellings[tag.id][0])] = tag.id
            self._tag_keys = keys
        return self._tag_keys

    # The keys are kept up to date one tag at a time: rebuilding them for each tag created
    # would cost milliseconds per action with a large vocabulary.
    def _forget_spellings(self, tag: Tag) -> None:
        folded = self._spellings.pop(tag.id)
        if self._tag_keys is None:
            return
        for spelling in folded:
            if self._tag_keys.get((tag.kind, spelling)) == tag.id:
                del self._tag_keys[(tag.kind, spelling)]
        # Another tag may share one of those spellings (only a hand-edited file allows it):
        # a rebuild gives the spelling back to it.
        if any(
            other.kind == tag.kind and set(self._spellings[other.id]) & set(folded)
            for other in self.tags.values()
        ):
            self._tag_keys = None

    def _learn_spellings(self, tag: Tag) -> None:
        folded = (fold_name(tag.name), *(fold_name(alias) for alias in tag.aliases))
        self._spellings[tag.id] = folded
        if self._tag_keys is None:
            return
        for spelling in folded[1:]:
            self._tag_keys.setdefault((tag.kind, spelling), tag.id)
        self._tag_keys[(tag.kind, folded[0])] = tag.id

    def tag_usage(self) -> dict[str, int]:
        usage: dict[str, int] = dict.fromkeys(self.tags, 0)
        for annotation in self.annotations.values():
            if annotation.tag_id is not None:
                usage[annotation.tag_id] = usage.get(annotation.tag_id, 0) + 1
        return usage

    def article_tag(self, article_id: str, tag_id: str, target: Any) -> Annotation | None:
        """The annotation putting `tag_id` on that article (target None) or passage."""
        for annotation in self.by_article.get(article_id, {}).values():
            if annotation.tag_id == tag_id and _same_span(annotation.target, target):
                return annotation
        return None


def _same_span(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    return (a.start, a.end) == (b.start, b.end)
