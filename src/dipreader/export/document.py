"""The `json` export: one document holding the vocabulary and every annotated article.

The document is the canonical form; jsonl, csv and w3c are all derived from it. Its layout
is described in docs/export-format.md and by the shipped JSON Schema.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from dipreader.collector import collector_paused
from dipreader.corpus.model import ArticleDate
from dipreader.export import jsonbytes
from dipreader.export.errors import ExportError
from dipreader.export.ordering import kind_key, name_key
from dipreader.export.snapshot import ArticleMetadata, Snapshot
from dipreader.store.model import PERSON, THEME, Annotation, ArticleState, Tag

FORMAT_NAME = "dipreader-export"
SCHEMA_VERSION = 1

Document = dict[str, Any]
Entry = dict[str, Any]


def build_document(snapshot: Snapshot, metadata: Mapping[str, ArticleMetadata]) -> Document:
    """The export document of `snapshot`, with titles, dates and sources from `metadata`.

    Articles that have an annotation or a non-default state are included, sorted by id;
    those missing from `metadata` get null title, date and source.
    """
    with collector_paused():
        return _build_document(snapshot, metadata)


def _build_document(snapshot: Snapshot, metadata: Mapping[str, ArticleMetadata]) -> Document:
    tags_by_id = {t.id: t for t in snapshot.tags}
    by_article: dict[str, list[Annotation]] = defaultdict(list)
    for annotation in snapshot.annotations:
        by_article[annotation.article_id].append(annotation)
    # Each article's annotations in the order every list of its entry wants them, so the
    # lists fill in order. (Sorted per article: a tenth of the comparisons of one sort.)
    listing_key = _listing_key(tags_by_id)
    for listed in by_article.values():
        listed.sort(key=listing_key)
    entries = [
        _article_entry(
            article_id,
            metadata.get(article_id),
            snapshot.states.get(article_id) or ArticleState(article_id),
            by_article.get(article_id, []),
            tags_by_id,
        )
        for article_id in exported_article_ids(snapshot)
    ]
    return {
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION,
        "vocabulary": [_tag_entry(t) for t in sorted(snapshot.tags, key=_tag_sort_key)],
        "articles": entries,
    }


def _listing_key(tags_by_id: Mapping[str, Tag]) -> Callable[[Annotation], tuple]:
    """The sort key that puts annotations in the order of the document's lists.

    Tag references: by kind, folded name, name and tag id (the vocabulary's order, folded
    once per tag: the tag's rank stands for it), then annotation id. Notes: by creation
    time, then id. Tags and notes never share a list. Annotations that are in error come
    first, as they were given, so an article raises on the same one as it always did.
    """
    ranked = sorted(tags_by_id.values(), key=_tag_sort_key)
    rank = {tag.id: n for n, tag in enumerate(ranked, start=2)}

    def key(annotation: Annotation) -> tuple:
        if annotation.tag_id is not None:
            tag_rank = rank.get(annotation.tag_id)
            return _IN_ERROR if tag_rank is None else (tag_rank, annotation.id)
        if annotation.note is not None:
            return (1, annotation.created, annotation.id)
        return _IN_ERROR

    return key


_IN_ERROR = (0,)


def exported_article_ids(snapshot: Snapshot) -> list[str]:
    """Ids of the articles an export has an entry for, sorted."""
    annotated = {a.article_id for a in snapshot.annotations}
    with_state = {i for i, state in snapshot.states.items() if has_content(state)}
    return sorted(annotated | with_state)


def articles_missing_from(snapshot: Snapshot, metadata: Mapping[str, ArticleMetadata]) -> list[str]:
    """Ids of exported articles that the corpus does not have, sorted."""
    return [i for i in exported_article_ids(snapshot) if i not in metadata]


def has_content(state: ArticleState) -> bool:
    """Whether a state says anything beyond the defaults of a never-touched article."""
    return state != ArticleState(state.article_id)


def render_json(document: Document) -> bytes:
    """Deterministic UTF-8 JSON: sorted keys, two-space indent, a final newline."""
    return jsonbytes.indented(document)


def render_jsonl(document: Document) -> bytes:
    """One article entry per line, in the document's order, U+2028 and U+2029 escaped (many
    line readers, Python's str.splitlines among them, would split a record on them)."""
    return jsonbytes.compact_lines(document["articles"])


def iter_tag_refs(entry: Entry) -> Iterable[dict[str, Any]]:
    """The article-level tag references of an entry, in document order."""
    yield from entry["people"]
    yield from entry["themes"]
    for kind in sorted(entry["other_tags"], key=kind_key):
        yield from entry["other_tags"][kind]


def _tag_sort_key(tag: Tag) -> tuple:
    return (kind_key(tag.kind), name_key(tag.name), tag.id)


def _tag_entry(tag: Tag) -> dict[str, Any]:
    return {
        "id": tag.id,
        "kind": tag.kind,
        "name": tag.name,
        "aliases": list(tag.aliases),
        "colour": tag.colour,
        "description": tag.description,
    }


def _article_entry(
    article_id: str,
    meta: ArticleMetadata | None,
    state: ArticleState,
    annotations: list[Annotation],
    tags_by_id: Mapping[str, Tag],
) -> Entry:
    """The article's entry; `annotations` come in listing order (see `_listing_key`)."""
    title = state.title if state.title is not None else (meta.title if meta else None)
    date = _effective_date(article_id, meta, state)
    people: list[dict[str, Any]] = []
    themes: list[dict[str, Any]] = []
    other_tags: dict[str, list[dict[str, Any]]] = {}
    notes: list[dict[str, Any]] = []
    # By (start, end, quote, prefix, suffix): what makes two targets equal, and their order.
    passages: dict[tuple, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {}
    for annotation in annotations:
        target = annotation.target
        if target is not None:
            anchor = (target.start, target.end, target.exact, target.prefix, target.suffix)
            passage = passages.get(anchor)
            if passage is None:
                passage = passages[anchor] = ([], [])
        if annotation.tag_id is not None:
            tag = tags_by_id.get(annotation.tag_id)
            if tag is None:
                raise ExportError(
                    f"annotation {annotation.id} on article {annotation.article_id} refers to "
                    f"tag {annotation.tag_id}, which is not in the vocabulary"
                )
            ref = {
                "annotation_id": annotation.id,
                "tag_id": tag.id,
                "kind": tag.kind,
                "name": tag.name,
                "author": annotation.author,
                "created": annotation.created,
                "updated": annotation.updated,
            }
            if target is not None:
                passage[0].append(ref)
            elif tag.kind == PERSON:
                people.append(ref)
            elif tag.kind == THEME:
                themes.append(ref)
            else:
                other_tags.setdefault(tag.kind, []).append(ref)
        elif annotation.note is not None:
            ref = {
                "annotation_id": annotation.id,
                "text": annotation.note,
                "author": annotation.author,
                "created": annotation.created,
                "updated": annotation.updated,
            }
            (notes if target is None else passage[1]).append(ref)
        else:
            raise ExportError(f"annotation {annotation.id} has neither a tag nor a note")
    return {
        "id": article_id,
        "title": title,
        "date": date.iso() if date else None,
        "date_precision": date.precision if date else None,
        "source": meta.source if meta else None,
        "correction": {"title": state.title, "date": state.date},
        "read": state.read,
        "starred": state.starred,
        "people": people,
        "themes": themes,
        "other_tags": other_tags,
        "notes": notes,
        "passages": [
            {
                "start": anchor[0],
                "end": anchor[1],
                "quote": anchor[2],
                "prefix": anchor[3],
                "suffix": anchor[4],
                "tags": tags,
                "notes": passage_notes,
            }
            for anchor, (tags, passage_notes) in sorted(passages.items(), key=_first)
        ],
    }


def _first(item: tuple[tuple, Any]) -> tuple:
    return item[0]


def _effective_date(
    article_id: str, meta: ArticleMetadata | None, state: ArticleState
) -> ArticleDate | None:
    if state.date is None:
        return meta.date if meta else None
    try:
        return ArticleDate.parse(state.date)
    except ValueError:
        raise ExportError(
            f"article {article_id}: the corrected date {state.date!r} is not YYYY[-MM[-DD]]"
        ) from None
