"""The document's lists in their documented order, whatever the input order: the document is
compared with one built the plain way (each list sorted on its full key), and errors are
raised on the same annotation as before."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dipreader.export.document import build_document, exported_article_ids
from dipreader.export.errors import ExportError
from dipreader.export.ordering import kind_key, name_key
from dipreader.export.snapshot import ArticleMetadata, Snapshot
from dipreader.store.model import PERSON, THEME, Annotation, ArticleState, Tag, TextTarget


def plain_articles(snapshot: Snapshot) -> list[dict[str, Any]]:
    """The articles as the documented rules order them, with no metadata or states."""
    assert not snapshot.states
    tags = {t.id: t for t in snapshot.tags}
    entries = []
    for article_id in exported_article_ids(snapshot):
        whole: dict[str, list[dict[str, Any]]] = defaultdict(list)
        notes: list[dict[str, Any]] = []
        passages: dict[tuple, dict[str, list[dict[str, Any]]]] = {}
        for a in snapshot.annotations:
            if a.article_id != article_id:
                continue
            common = {"annotation_id": a.id, "author": a.author, "created": a.created}
            common["updated"] = a.updated
            t = a.target
            anchor = None if t is None else (t.start, t.end, t.exact, t.prefix, t.suffix)
            place = passages.setdefault(anchor, {"tags": [], "notes": []}) if anchor else None
            if a.tag_id is not None:
                tag = tags[a.tag_id]
                ref = {"tag_id": tag.id, "kind": tag.kind, "name": tag.name, **common}
                (place["tags"] if place else whole[tag.kind]).append(ref)
            else:
                (place["notes"] if place else notes).append({"text": a.note, **common})
        entries.append(
            {
                "id": article_id,
                "title": None,
                "date": None,
                "date_precision": None,
                "source": None,
                "correction": {"title": None, "date": None},
                "read": False,
                "starred": False,
                "people": by_tag(whole.pop(PERSON, [])),
                "themes": by_tag(whole.pop(THEME, [])),
                "other_tags": {kind: by_tag(refs) for kind, refs in whole.items()},
                "notes": by_time(notes),
                "passages": [
                    {
                        **dict(
                            zip(("start", "end", "quote", "prefix", "suffix"), anchor, strict=True)
                        ),
                        "tags": by_tag(content["tags"]),
                        "notes": by_time(content["notes"]),
                    }
                    for anchor, content in sorted(passages.items())
                ],
            }
        )
    return entries


def by_tag(refs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def key(r: dict[str, Any]) -> tuple:
        return (kind_key(r["kind"]), name_key(r["name"]), r["tag_id"], r["annotation_id"])

    return sorted(refs, key=key)


def by_time(refs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(refs, key=lambda r: (r["created"], r["annotation_id"]))


# Few values of everything, so that names fold alike, passages are shared, times tie and
# tags share names across kinds.
NAMES = ["Trong", "Trọng", "trong", "TRONG", "Tô Lâm", "To-Lam", "b", "B"]
KINDS = ["person", "theme", "place", "événement", "organisation"]
TARGETS = [TextTarget(0, 4, "abcd"), TextTarget(0, 4, "abcd", "p"), TextTarget(2, 3, "c")]
STAMPS = ["2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z"]


@st.composite
def tangled_snapshots(draw) -> Snapshot:
    tag_ids = draw(st.lists(st.sampled_from(["0" * 32, "1" * 32, "2" * 32, "f" * 32, "e1" * 16])))
    tags = [
        Tag(tag_id, draw(st.sampled_from(NAMES)), draw(st.sampled_from(KINDS)))
        for tag_id in dict.fromkeys(tag_ids)
    ]
    annotations = []
    for _ in range(draw(st.integers(0, 25))):
        is_tag = bool(tags) and draw(st.booleans())
        annotations.append(
            Annotation(
                # Ids repeat too: equal keys must keep the input's order, as `sorted` did.
                id=draw(st.sampled_from(["a", "b", "c", "d"])),
                article_id=draw(st.sampled_from(["x", "y"])),
                tag_id=draw(st.sampled_from(tags)).id if is_tag else None,
                note=None if is_tag else draw(st.sampled_from(["n1", "n2"])),
                target=draw(st.none() | st.sampled_from(TARGETS)),
                created=draw(st.sampled_from(STAMPS)),
                updated=STAMPS[0],
                author=draw(st.sampled_from(["", "linh"])),
            )
        )
    return Snapshot(tags=tags, annotations=annotations)


@settings(max_examples=300, deadline=None)
@given(tangled_snapshots(), st.randoms())
def test_every_list_is_in_its_documented_order(snapshot, rng):
    assert build_document(snapshot, {})["articles"] == plain_articles(snapshot)
    shuffled = list(snapshot.annotations)
    rng.shuffle(shuffled)
    reordered = Snapshot(snapshot.tags, shuffled)
    assert build_document(reordered, {})["articles"] == plain_articles(reordered)


STAMP = "2026-11-22T10:31:05Z"
TAG = Tag("a" * 32, "Tô Lâm", "person")


def annotation(id_: str, article_id: str, tag_id: str | None, note: str | None) -> Annotation:
    return Annotation(id_, article_id, tag_id, note, None, STAMP, STAMP, "")


UNKNOWN_TAG = annotation("unknown", "b", "f" * 32, None)
EMPTY = annotation("empty", "b", None, None)
GOOD = [annotation("tag", "b", TAG.id, None), annotation("note", "b", None, "texte")]


@pytest.mark.parametrize(
    ("annotations", "message"),
    [
        ([*GOOD, UNKNOWN_TAG, EMPTY], "annotation unknown on article b refers to tag"),
        ([EMPTY, *GOOD, UNKNOWN_TAG], "annotation empty has neither a tag nor a note"),
        ([annotation("z", "c", None, None), EMPTY], "annotation empty has"),
    ],
)
def test_the_first_annotation_in_error_is_named(annotations, message):
    with pytest.raises(ExportError, match=message):
        build_document(Snapshot([TAG], annotations), {})


def test_a_bad_corrected_date_is_named_before_the_article_s_annotations():
    states = {"b": ArticleState("b", date="2024-13")}
    with pytest.raises(ExportError, match="article b: the corrected date"):
        build_document(Snapshot([TAG], [*GOOD, UNKNOWN_TAG], states), {})


class Spy(Mapping[str, ArticleMetadata]):
    """Empty metadata that notes whether the garbage collector was on when looked up."""

    def __init__(self) -> None:
        self.collector_on: list[bool] = []

    def __getitem__(self, key: str) -> ArticleMetadata:
        self.collector_on.append(gc.isenabled())
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


@pytest.fixture
def collector_state():
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_no_automatic_collection_while_the_document_is_built(collector_state):
    gc.enable()
    spy = Spy()
    build_document(Snapshot([TAG], GOOD), spy)
    assert spy.collector_on == [False] and gc.isenabled()
    with pytest.raises(ExportError):
        build_document(Snapshot([TAG], [UNKNOWN_TAG]), spy)
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off(collector_state):
    gc.disable()
    build_document(Snapshot([TAG], GOOD), {})
    assert not gc.isenabled()
