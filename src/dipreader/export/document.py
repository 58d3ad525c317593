"""The `json` export: one document holding the vocabulary and every annotated article.

The document is the canonical form; jsonl, csv and w3c are all derived from it. Its layout
is described in docs/export-format.md and by the shipped JSON Schema.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from dipreader.corpus.model import ArticleDate
from dipreader.export import jsonbytes
from dipreader.export.errors import ExportError
from dipreader.export.ordering import kind_key, name_key
from dipreader.export.snapshot import ArticleMetadata, Snapshot
from dipreader.store.model import PERSON, THEME, Annotation, ArticleState, Tag, TextTarget

FORMAT_NAME = "dipreader-export"
SCHEMA_VERSION = 1

Document = dict[str, Any]
Entry = dict[str, Any]


def build_document(snapshot: Snapshot, metadata: Mapping[str, ArticleMetadata]) -> Document:
    """The export document of `snapshot`, with titles, dates and sources from `metadata`.

    Articles that have an annotation or a non-default state are included, sorted by id;
    those missing from `metadata` get null title, date and source.
    """
    tags_by_id = {t.id: t for t in snapshot.tags}
    # Folding a name is the dear part of a sort key: once per tag, not once per comparison.
    tag_keys = {tag_id: _tag_sort_key(tag) for tag_id, tag in tags_by_id.items()}
    by_article: dict[str, list[Annotation]] = defaultdict(list)
    for annotation in snapshot.annotations:
        by_article[annotation.article_id].append(annotation)
    entries = [
        _article_entry(
            article_id,
            metadata.get(article_id),
            snapshot.states.get(article_id) or ArticleState(article_id),
            by_article.get(article_id, []),
            tags_by_id,
            tag_keys,
        )
        for article_id in exported_article_ids(snapshot)
    ]
    return {
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION,
        "vocabulary": [_tag_entry(t) for t in sorted(snapshot.tags, key=_tag_sort_key)],
        "articles": entries,
    }


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
    tag_keys: Mapping[str, tuple],
) -> Entry:
    title = state.title if state.title is not None else (meta.title if meta else None)
    date = _effective_date(article_id, meta, state)
    # Tag references travel with their sort key, (the tag's key, annotation id): the same
    # order as (kind, folded name, name, tag id, annotation id), computed once per tag.
    article_tags: list[tuple[tuple, dict[str, Any]]] = []
    article_notes: list[dict[str, Any]] = []
    passages: dict[TextTarget, _Passage] = {}
    for annotation in annotations:
        target = annotation.target
        if annotation.tag_id is not None:
            keyed = _keyed_tag_ref(annotation, tags_by_id, tag_keys)
            if target is None:
                article_tags.append(keyed)
            else:
                _passage(passages, target).tags.append(keyed)
        elif annotation.note is not None:
            ref = _note_ref(annotation)
            if target is None:
                article_notes.append(ref)
            else:
                _passage(passages, target).notes.append(ref)
        else:
            raise ExportError(f"annotation {annotation.id} has neither a tag nor a note")
    by_kind: dict[str, list[tuple[tuple, dict[str, Any]]]] = defaultdict(list)
    for keyed in article_tags:
        by_kind[keyed[1]["kind"]].append(keyed)
    return {
        "id": article_id,
        "title": title,
        "date": date.iso() if date else None,
        "date_precision": date.precision if date else None,
        "source": meta.source if meta else None,
        "correction": {"title": state.title, "date": state.date},
        "read": state.read,
        "starred": state.starred,
        "people": _sorted_tag_refs(by_kind.pop(PERSON, [])),
        "themes": _sorted_tag_refs(by_kind.pop(THEME, [])),
        "other_tags": {kind: _sorted_tag_refs(refs) for kind, refs in by_kind.items()},
        "notes": _sorted_note_refs(article_notes),
        "passages": [
            _passage_entry(target, content)
            for target, content in sorted(passages.items(), key=lambda item: _target_key(item[0]))
        ],
    }


class _Passage:
    """The annotations of one passage, gathered before they are sorted."""

    __slots__ = ("notes", "tags")

    def __init__(self) -> None:
        self.tags: list[tuple[tuple, dict[str, Any]]] = []
        self.notes: list[dict[str, Any]] = []


def _passage(passages: dict[TextTarget, _Passage], target: TextTarget) -> _Passage:
    found = passages.get(target)
    if found is None:
        found = passages[target] = _Passage()
    return found


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


def _keyed_tag_ref(
    annotation: Annotation, tags_by_id: Mapping[str, Tag], tag_keys: Mapping[str, tuple]
) -> tuple[tuple, dict[str, Any]]:
    tag = tags_by_id.get(annotation.tag_id or "")
    if tag is None:
        raise ExportError(
            f"annotation {annotation.id} on article {annotation.article_id} refers to tag "
            f"{annotation.tag_id}, which is not in the vocabulary"
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
    return (tag_keys[tag.id], annotation.id), ref


def _note_ref(annotation: Annotation) -> dict[str, Any]:
    return {
        "annotation_id": annotation.id,
        "text": annotation.note,
        "author": annotation.author,
        "created": annotation.created,
        "updated": annotation.updated,
    }


def _sorted_tag_refs(keyed: list[tuple[tuple, dict[str, Any]]]) -> list[dict[str, Any]]:
    # Sorted on the key alone (never comparing refs), stable as `sorted` was on the flat key.
    keyed.sort(key=_first)
    return [ref for _key, ref in keyed]


def _first(pair: tuple[tuple, dict[str, Any]]) -> tuple:
    return pair[0]


def _sorted_note_refs(refs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(refs, key=lambda r: (r["created"], r["annotation_id"]))


def _target_key(target: TextTarget) -> tuple:
    return (target.start, target.end, target.exact, target.prefix, target.suffix)


def _passage_entry(target: TextTarget, content: _Passage) -> Entry:
    return {
        "start": target.start,
        "end": target.end,
        "quote": target.exact,
        "prefix": target.prefix,
        "suffix": target.suffix,
        "tags": _sorted_tag_refs(content.tags),
        "notes": _sorted_note_refs(content.notes),
    }
