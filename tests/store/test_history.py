"""Undo and redo: every kind of change, persisted across a restart."""

from __future__ import annotations

from pathlib import Path

import pytest

from dipreader.store import AnnotationStore, StoreError
from dipreader.store.database import HISTORY_LIMIT

from .conftest import ARTICLE, TEXT, disk_docs, on_disk


def test_undo_and_redo_each_kind_of_change(store: AnnotationStore) -> None:
    tag = store.ensure_tag("Tô Lâm", "person")
    actions = [
        lambda: store.tag_article(ARTICLE, "Tô Lâm", "person"),
        lambda: store.tag_passage(ARTICLE, TEXT, 22, 28, "Tô Lâm", "person"),
        lambda: store.add_note(ARTICLE, "Note"),
        lambda: store.update_tag(tag.id, colour="#123456"),
        lambda: store.add_alias(tag.id, "To Lam (TBT)"),
        lambda: store.set_read(ARTICLE),
        lambda: store.set_starred(ARTICLE),
        lambda: store.correct(ARTICLE, title="Titre"),
        lambda: store.reject_suggestion(ARTICLE, "theme:health"),
    ]

    def snapshot() -> tuple:
        return (
            store.tags(),
            store.annotations(),
            store.states(),
            store.rejected_suggestions(ARTICLE),
        )

    snapshots = [snapshot()]
    for action in actions:
        action()
        snapshots.append(snapshot())
    for expected in reversed(snapshots[:-1]):
        assert store.undo() is not None
        assert snapshot() == expected
    assert store.undo() == "new tag Tô Lâm (person)"
    assert store.undo() is None and not store.can_undo
    store.redo()
    for expected in snapshots[1:]:
        assert store.redo() is not None
        assert snapshot() == expected
    assert store.redo() is None


def test_descriptions_are_human(store: AnnotationStore) -> None:
    store.tag_article(ARTICLE, "Tô Lâm", "person")
    assert store.undo_description == "tag a11d0ef0 with Tô Lâm (person)"
    store.tag_passage(ARTICLE, TEXT, 22, 28, "Tô Lâm", "person")
    assert store.undo_description == "tag «Tô Lâm» in a11d0ef0 with Tô Lâm (person)"
    assert store.undo() == "tag «Tô Lâm» in a11d0ef0 with Tô Lâm (person)"
    assert store.redo_description == "tag «Tô Lâm» in a11d0ef0 with Tô Lâm (person)"


def test_a_new_change_clears_redo(store: AnnotationStore, db_path: Path) -> None:
    store.tag_article(ARTICLE, "Tô Lâm", "person")
    store.undo()
    assert store.can_redo
    store.tag_article(ARTICLE, "education", "theme")
    assert not store.can_redo and store.redo() is None
    stacks = [doc["stack"] for doc in disk_docs(db_path, "history")]
    assert stacks == ["undo"]


def test_undo_survives_a_restart(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        store.tag_article(ARTICLE, "Tô Lâm", "person")
        store.tag_article(ARTICLE, "education", "theme")
        store.undo()
    with AnnotationStore.open(db_path) as store:
        assert store.redo_description == "tag a11d0ef0 with education (theme)"
        assert store.undo() == "tag a11d0ef0 with Tô Lâm (person)"
        assert store.annotations() == []
    with AnnotationStore.open(db_path) as store:
        assert store.redo() == "tag a11d0ef0 with Tô Lâm (person)"
        assert store.redo() == "tag a11d0ef0 with education (theme)"
    assert len(on_disk(db_path)["annotations"]) == 2


def test_history_is_bounded(store: AnnotationStore, db_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("dipreader.store.database.HISTORY_LIMIT", 3)
    for n in range(5):
        store.add_note(ARTICLE, f"note {n}")
    assert len(disk_docs(db_path, "history")) == 3
    assert [store.undo() for _ in range(4)][-1] is None
    assert [a.note for a in store.annotations()] == ["note 0", "note 1"]
    assert HISTORY_LIMIT >= 100


def test_undo_refuses_when_the_file_was_edited_behind_its_back(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        store.add_note(ARTICLE, "first")
        store.add_note(ARTICLE, "second")
    import json

    data = on_disk(db_path)
    for doc in data["annotations"].values():
        doc["note"] = doc["note"].upper()
    db_path.write_text(json.dumps(data), encoding="utf-8")
    with AnnotationStore.open(db_path) as store:
        with pytest.raises(StoreError, match="dropped from the history"):
            store.undo()
        assert store.undo_description == "note «first» in a11d0ef0"
        assert sorted(a.note for a in store.annotations()) == ["FIRST", "SECOND"]
