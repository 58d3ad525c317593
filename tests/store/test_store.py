"""The store's API, each change checked in the file on disk, read by plain json."""

from __future__ import annotations

from pathlib import Path

import pytest

from dipreader.store import (
    PERSON,
    THEME,
    AnnotationStore,
    InvalidValue,
    StoreReadOnly,
    TagConflict,
    UnknownRecord,
)
from dipreader.store.defaults import DEFAULT_THEMES
from dipreader.store.schema import FORMAT, SCHEMA_VERSION

from .conftest import ARTICLE, OTHER_ARTICLE, TEXT, disk_docs, on_disk


def test_new_database_is_created_with_the_default_themes(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        assert [t.kind for t in store.tags()] == [THEME] * len(DEFAULT_THEMES)
        assert store.kinds() == [PERSON, THEME]
    data = on_disk(db_path)
    assert set(data) == {"meta", "vocabulary", "annotations", "states", "rejections", "history"}
    (meta,) = data["meta"].values()
    assert meta["format"] == FORMAT and meta["schema"] == SCHEMA_VERSION
    names = {doc["name"] for doc in data["vocabulary"].values()}
    assert names == {name for name, _, _ in DEFAULT_THEMES}
    themes = list(data["vocabulary"].values())
    assert all(doc["colour"].startswith("#") and doc["description"] for doc in themes)
    assert len({doc["uuid"] for doc in themes}) == len(DEFAULT_THEMES)


def test_tag_article_is_on_disk_and_idempotent(store: AnnotationStore, db_path: Path) -> None:
    first = store.tag_article(ARTICLE, "Nguyễn Phú Trọng", "person")
    again = store.tag_article(ARTICLE, "nguyen phu trong", "Person")
    assert again == first
    (doc,) = disk_docs(db_path, "annotations")
    assert doc["uuid"] == first.id and doc["article_id"] == ARTICLE
    assert doc["author"] == "analyst" and doc["created"].endswith("Z")
    tag = next(d for d in disk_docs(db_path, "vocabulary") if d["uuid"] == doc["tag_id"])
    assert (tag["name"], tag["kind"]) == ("Nguyễn Phú Trọng", "person")


def test_find_tag_folds_names_and_aliases(store: AnnotationStore) -> None:
    tag = store.ensure_tag("Nguyễn Phú Trọng", "person")
    assert store.find_tag("NGUYEN PHU TRONG", "person") == tag
    assert store.find_tag("Nguyễn Phú Trọng", "theme") is None
    assert store.find_tag("Nguyễn Phú Trọng", "not a kind") is None
    assert store.untag_article(ARTICLE, "Nguyễn Phú Trọng", "not a kind") is False
    store.add_alias(tag.id, "Tổng Bí thư")
    assert store.find_tag("tong bi thu", "person") == store.get_tag(tag.id)
    assert store.ensure_tag("Nguyên Phu Trong", "person").id == tag.id


def test_similar_tags_offers_likely_duplicates(store: AnnotationStore) -> None:
    trong = store.ensure_tag("Nguyễn Phú Trọng", "person")
    store.ensure_tag("Tô Lâm", "person")
    assert store.similar_tags("Nguyên Phu Trong") == [trong]
    assert store.similar_tags("Trong Nguyen Phu", "person") == [trong]
    assert store.similar_tags("Nguyên Phu Trong", "theme") == []
    assert store.similar_tags("Joe Biden") == []


def test_vocabulary_order_and_kinds(store: AnnotationStore) -> None:
    store.ensure_tag("Hanoï", "Place")
    store.ensure_tag("Tô Lâm", "person")
    store.ensure_tag("Antony Blinken", "person")
    kinds = [t.kind for t in store.tags()]
    assert kinds == sorted(kinds, key=lambda k: {"person": 0, "theme": 1}.get(k, 2))
    assert [t.name for t in store.tags("person")] == ["Antony Blinken", "Tô Lâm"]
    assert store.kinds() == ["person", "theme", "place"]


def test_update_tag_keeps_names_unique(store: AnnotationStore, db_path: Path) -> None:
    a = store.ensure_tag("Tô Lâm", "person")
    b = store.ensure_tag("Lương Cường", "person")
    updated = store.update_tag(a.id, colour="#ff0000", description="Secrétaire général")
    assert updated.colour == "#ff0000"
    with pytest.raises(TagConflict):
        store.update_tag(b.id, name="to lam")
    with pytest.raises(TagConflict):
        store.add_alias(b.id, "TÔ LÂM")
    with pytest.raises(InvalidValue):
        store.update_tag(a.id, colour="red; rm -rf")
    doc = next(d for d in disk_docs(db_path, "vocabulary") if d["uuid"] == a.id)
    assert doc["colour"] == "#ff0000" and doc["description"] == "Secrétaire général"


def test_merge_and_remove_tags(store: AnnotationStore) -> None:
    good = store.ensure_tag("Nguyễn Phú Trọng", "person")
    store.tag_article(ARTICLE, "Nguyễn Phú Trọng", "person")
    typo = store.ensure_tag("Nguyen Phu Truong", "person")
    store.tag_article(ARTICLE, "Nguyen Phu Truong", "person")
    store.tag_article(OTHER_ARTICLE, "Nguyen Phu Truong", "person")
    merged = store.merge_tags(typo.id, good.id)
    assert "Nguyen Phu Truong" in merged.aliases
    assert {a.tag_id for a in store.annotations()} == {good.id}
    assert store.annotation_counts() == {ARTICLE: 1, OTHER_ARTICLE: 1}
    assert store.remove_tag(good.id) == 2
    assert store.annotations() == []
    store.undo()
    assert len(store.annotations()) == 2


def test_passages_and_notes(store: AnnotationStore, db_path: Path) -> None:
    start = TEXT.index("Tô Lâm")
    passage = store.tag_passage(ARTICLE, TEXT, start, start + 6, "Tô Lâm", "person")
    assert store.tag_passage(ARTICLE, TEXT, start, start + 6, "to lam", "person") == passage
    note = store.add_note(ARTICLE, "  à vérifier  ", text=TEXT, start=start, end=start + 6)
    article_note = store.add_note(ARTICLE, "Bon résumé.")
    assert note.note == "à vérifier" and article_note.target is None
    target = next(d for d in disk_docs(db_path, "annotations") if d["uuid"] == passage.id)["target"]
    assert target["exact"] == "Tô Lâm" and target["start"] == start
    assert TEXT.endswith(target["suffix"], 0, start + 6 + len(target["suffix"]))
    edited = store.edit_note(article_note.id, "Très bon résumé.")
    assert edited.updated >= article_note.updated
    assert [a.id for a in store.annotations(ARTICLE)] == [article_note.id, passage.id, note.id]
    store.remove_annotation(note.id)
    assert note.id not in {d["uuid"] for d in disk_docs(db_path, "annotations")}
    with pytest.raises(UnknownRecord):
        store.remove_annotation(note.id)
    with pytest.raises(InvalidValue):
        store.add_note(ARTICLE, "x", text=TEXT, start=3)
    with pytest.raises(InvalidValue):
        store.tag_passage(ARTICLE, TEXT, 10, 10_000, "Tô Lâm", "person")
    with pytest.raises(InvalidValue):
        store.add_note(ARTICLE, "bip\x07")


def test_untag_only_removes_the_whole_article_tag(store: AnnotationStore) -> None:
    store.tag_article(ARTICLE, "Tô Lâm", "person")
    store.tag_passage(ARTICLE, TEXT, 22, 28, "Tô Lâm", "person")
    assert store.untag_article(ARTICLE, "to lam", "person") is True
    assert store.untag_article(ARTICLE, "to lam", "person") is False
    assert store.untag_article(ARTICLE, "Nobody", "person") is False
    assert [a.target is not None for a in store.annotations(ARTICLE)] == [True]


def test_state_and_corrections(store: AnnotationStore, db_path: Path) -> None:
    assert store.state(ARTICLE).read is False
    store.set_read(ARTICLE)
    store.set_starred(ARTICLE)
    store.correct(ARTICLE, title="  Visite   d'État ", date="2024-11")
    (doc,) = disk_docs(db_path, "states")
    assert doc["read"] and doc["starred"]
    assert (doc["title"], doc["date"]) == ("Visite d'État", "2024-11")
    with pytest.raises(InvalidValue):
        store.correct(ARTICLE, date="2024-13")
    store.clear_correction(ARTICLE, title=True, date=True)
    store.set_read(ARTICLE, False)
    store.set_starred(ARTICLE, False)
    assert disk_docs(db_path, "states") == []
    assert store.states() == {}


def test_suggestion_rejections(store: AnnotationStore, db_path: Path) -> None:
    store.reject_suggestion(ARTICLE, "person:to lam")
    store.reject_suggestion(ARTICLE, "person:to lam")
    assert store.rejected_suggestions(ARTICLE) == {"person:to lam"}
    assert store.rejected_suggestions(OTHER_ARTICLE) == set()
    assert [d["key"] for d in disk_docs(db_path, "rejections")] == ["person:to lam"]
    store.undo()
    assert store.rejected_suggestions(ARTICLE) == set()
    store.redo()
    store.unreject_suggestion(ARTICLE, "person:to lam")
    assert disk_docs(db_path, "rejections") == []


def test_batch_is_one_step_and_one_write(store: AnnotationStore, db_path: Path) -> None:
    with store.batch():
        store.tag_article(ARTICLE, "Tô Lâm", "person")
        store.tag_article(ARTICLE, "education", "theme")
    assert store.undo_description == (
        f"tag {ARTICLE[:8]} with Tô Lâm (person); tag {ARTICLE[:8]} with education (theme)"
    )
    store.undo()
    assert store.annotations() == []


def test_failed_batch_leaves_nothing(store: AnnotationStore, db_path: Path) -> None:
    before = db_path.read_bytes()
    with pytest.raises(RuntimeError), store.batch("two tags"):
        store.tag_article(ARTICLE, "Tô Lâm", "person")
        raise RuntimeError("interrupted")
    assert db_path.read_bytes() == before
    assert store.annotations() == [] and store.find_tag("Tô Lâm", "person") is None
    assert not store.can_undo


def test_reopen_sees_everything(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        tagged = store.tag_passage(ARTICLE, TEXT, 22, 28, "Tô Lâm", "person")
        store.set_starred(ARTICLE)
        tags = store.tags()
    with AnnotationStore.open(db_path) as store:
        assert store.annotations() == [tagged]
        assert store.state(ARTICLE).starred
        assert store.tags() == tags


def test_read_only_refuses_changes(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        store.tag_article(ARTICLE, "Tô Lâm", "person")
    before = db_path.read_bytes()
    with AnnotationStore.open(db_path, read_only=True) as reader:
        assert reader.read_only and len(reader.annotations()) == 1
        with pytest.raises(StoreReadOnly):
            reader.tag_article(ARTICLE, "Lương Cường", "person")
        with pytest.raises(StoreReadOnly):
            reader.undo()
    assert db_path.read_bytes() == before


def test_insert_records_keeps_ids_and_is_one_step(store: AnnotationStore) -> None:
    from dipreader.store import Annotation, ArticleState, Tag

    tag = Tag(id="t" * 32, name="Hanoï", kind="place")
    note = Annotation(
        id="n" * 32,
        article_id=ARTICLE,
        tag_id=tag.id,
        note=None,
        target=None,
        created="2024-01-01T00:00:00Z",
        updated="2024-01-01T00:00:00Z",
        author="someone",
    )
    store.insert_records(tags=[tag], annotations=[note], states=[ArticleState(ARTICLE, read=True)])
    assert store.get_annotation(note.id) == note
    assert store.state(ARTICLE).read
    store.undo()
    assert store.annotations() == [] and store.find_tag("Hanoi", "place") is None


@pytest.mark.parametrize(
    "hostile",
    ["Jean \u202eDupont", "Jean \u2066Dupont\u2069", "Jean\x1b]0;x\x07", "Jean\u2028Dupont"],
    ids=["right-to-left override", "isolate", "escape", "line separator"],
)
def test_names_notes_and_titles_refuse_what_a_terminal_would_act_on(
    store: AnnotationStore, db_path, hostile: str
) -> None:
    before = on_disk(db_path)
    with pytest.raises(InvalidValue, match="control characters"):
        store.tag_article(ARTICLE, hostile, "person")
    if "\u2028" not in hostile:  # a note's line separator is a line break: taken
        with pytest.raises(InvalidValue, match="direction overrides"):
            store.add_note(ARTICLE, hostile)
        with pytest.raises(InvalidValue, match="direction overrides"):
            store.correct(ARTICLE, title=hostile)
    assert on_disk(db_path) == before


def test_a_note_keeps_its_line_separators(store: AnnotationStore, db_path) -> None:
    store.add_note(ARTICLE, "ligne\u2028deux\u2029trois")
    assert [d["note"] for d in disk_docs(db_path, "annotations")] == ["ligne\u2028deux\u2029trois"]
