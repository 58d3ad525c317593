"""The journal between checkpoints: what is on disk at every moment, and recovery from it."""

from __future__ import annotations

import errno
import json
import shutil
from pathlib import Path

import pytest

from dipreader.store import AnnotationStore, StoreCorrupt, StoreError
from dipreader.store import storage as storage_module
from dipreader.store.journal import journal_path

from .conftest import ARTICLE, disk_docs, on_disk


def _copy_database(db_path: Path, folder: Path) -> Path:
    """What a power cut would leave: the file and its journal as they are now."""
    folder.mkdir()
    shutil.copyfile(db_path, folder / db_path.name)
    shutil.copyfile(journal_path(db_path), journal_path(folder / db_path.name))
    return folder / db_path.name


def test_steps_go_to_the_journal_and_close_writes_the_file_whole(db_path: Path) -> None:
    store = AnnotationStore.open(db_path)
    file_before = db_path.read_bytes()
    tagged = store.tag_article(ARTICLE, "Tô Lâm", "person")
    assert db_path.read_bytes() == file_before
    assert [d["uuid"] for d in disk_docs(db_path, "annotations")] == [tagged.id]
    store.close()
    assert not journal_path(db_path).exists()
    plain = json.loads(db_path.read_text(encoding="utf-8"))
    assert [d["uuid"] for d in plain["annotations"].values()] == [tagged.id]


def test_a_session_without_changes_leaves_the_file_as_it_was(db_path: Path) -> None:
    AnnotationStore.open(db_path).close()
    before = db_path.read_bytes()
    with AnnotationStore.open(db_path) as store:
        store.tags()
    assert db_path.read_bytes() == before
    assert not journal_path(db_path).exists()


def test_checkpoint_every_so_many_steps(db_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(storage_module, "CHECKPOINT_EVERY", 3)
    with AnnotationStore.open(db_path) as store:
        for n in range(4):
            store.add_note(ARTICLE, f"note {n}")
        plain = json.loads(db_path.read_text(encoding="utf-8"))
        assert len(plain["annotations"]) == 4  # the fourth step made a checkpoint
        store.add_note(ARTICLE, "note 4")
        assert len(json.loads(db_path.read_text(encoding="utf-8"))["annotations"]) == 4
        assert len(on_disk(db_path)["annotations"]) == 5


def test_crash_recovery_replays_the_journal(db_path: Path, tmp_path: Path) -> None:
    store = AnnotationStore.open(db_path)
    tagged = store.tag_article(ARTICLE, "Tô Lâm", "person")
    store.set_starred(ARTICLE)
    crashed = _copy_database(db_path, tmp_path / "crashed")
    store.close()
    with AnnotationStore.open(crashed, read_only=True) as reader:
        assert reader.annotations() == [tagged] and reader.state(ARTICLE).starred
    assert journal_path(crashed).exists()  # a reader changes nothing
    with AnnotationStore.open(crashed) as recovered:
        assert recovered.annotations() == [tagged]
        assert recovered.undo() == "star a11d0ef0"
    plain = json.loads(crashed.read_text(encoding="utf-8"))
    assert [d["uuid"] for d in plain["annotations"].values()] == [tagged.id]


def test_torn_last_line_is_ignored(db_path: Path, tmp_path: Path) -> None:
    store = AnnotationStore.open(db_path)
    tagged = store.tag_article(ARTICLE, "Tô Lâm", "person")
    crashed = _copy_database(db_path, tmp_path / "crashed")
    store.close()
    with journal_path(crashed).open("ab") as journal:
        journal.write(b'1234abcd {"changes": [["annotations", "x", {"uu')
    with AnnotationStore.open(crashed) as recovered:
        assert recovered.annotations() == [tagged]


def test_damaged_journal_is_refused_and_both_files_kept(db_path: Path, tmp_path: Path) -> None:
    store = AnnotationStore.open(db_path)
    store.tag_article(ARTICLE, "Tô Lâm", "person")
    store.tag_article(ARTICLE, "education", "theme")
    crashed = _copy_database(db_path, tmp_path / "crashed")
    store.close()
    journal = journal_path(crashed)
    lines = journal.read_bytes().split(b"\n")
    lines[1] = lines[1].replace(b"annotations", b"annotatiXns")
    journal.write_bytes(b"\n".join(lines))
    before = crashed.read_bytes(), journal.read_bytes()
    with pytest.raises(StoreCorrupt, match="line 2"):
        AnnotationStore.open(crashed)
    assert (crashed.read_bytes(), journal.read_bytes()) == before


def test_journal_of_another_file_is_refused(db_path: Path, tmp_path: Path) -> None:
    AnnotationStore.open(db_path).close()
    restored = db_path.read_bytes()  # the "backup" a user will restore
    store = AnnotationStore.open(db_path)
    store.add_note(ARTICLE, "checkpointed")
    store.close()
    store = AnnotationStore.open(db_path)
    store.add_note(ARTICLE, "only in the journal")
    crashed = _copy_database(db_path, tmp_path / "crashed")
    store.close()
    crashed.write_bytes(restored)
    with pytest.raises(StoreCorrupt, match="move the journal elsewhere"):
        AnnotationStore.open(crashed)
    assert crashed.read_bytes() == restored


def test_a_journal_older_than_the_file_is_dropped(db_path: Path, tmp_path: Path) -> None:
    store = AnnotationStore.open(db_path)
    store.add_note(ARTICLE, "one")
    crashed = _copy_database(db_path, tmp_path / "crashed")
    store.close()
    # The file already has the step (a checkpoint happened before the journal was replaced).
    shutil.copyfile(db_path, crashed)
    with AnnotationStore.open(crashed) as store:
        assert [a.note for a in store.annotations()] == ["one"]


def test_a_failed_append_changes_nothing(db_path: Path, monkeypatch) -> None:
    with AnnotationStore.open(db_path) as store:
        store.add_note(ARTICLE, "kept")
        journal_size = journal_path(db_path).stat().st_size

        def disk_full(fd: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        with monkeypatch.context() as patch:
            patch.setattr("dipreader.store.journal.os.fdatasync", disk_full)
            with pytest.raises(StoreError, match="No space left"):
                store.add_note(ARTICLE, "lost")
        assert journal_path(db_path).stat().st_size == journal_size
        assert [a.note for a in store.annotations()] == ["kept"]
        assert store.undo_description == "note «kept» in a11d0ef0"
        store.add_note(ARTICLE, "after")
    with AnnotationStore.open(db_path) as store:
        assert [a.note for a in store.annotations()] == ["kept", "after"]


def test_without_journal_every_step_rewrites_the_file(db_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(storage_module, "CHECKPOINT_EVERY", 0)
    with AnnotationStore.open(db_path) as store:
        store.add_note(ARTICLE, "one")
        assert not journal_path(db_path).exists()
        assert len(json.loads(db_path.read_text(encoding="utf-8"))["annotations"]) == 1


def test_a_file_replaced_behind_the_store_is_set_aside(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        store.add_note(ARTICLE, "one")
        foreign = b'{"someone": "else"}'
        db_path.write_bytes(b"")  # a sync tool or an editor writing in place...
        db_path.unlink()
        db_path.write_bytes(foreign)  # ... or replacing the file
        store.add_note(ARTICLE, "two")
        (aside,) = db_path.parent.glob(f"{db_path.name}.replaced-*")
        assert aside.read_bytes() == foreign
        assert [d["note"] for d in disk_docs(db_path, "annotations")] == ["one", "two"]
    with AnnotationStore.open(db_path) as store:
        assert [a.note for a in store.annotations()] == ["one", "two"]


def test_a_deleted_journal_is_rewritten_into_the_file(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        store.add_note(ARTICLE, "one")
        journal_path(db_path).unlink()  # "one" now lives only in memory
        store.add_note(ARTICLE, "two")
        plain = json.loads(db_path.read_text(encoding="utf-8"))
        assert sorted(d["note"] for d in plain["annotations"].values()) == ["one", "two"]


def test_an_idle_session_leaves_a_replaced_file_alone(db_path: Path) -> None:
    AnnotationStore.open(db_path).close()
    store = AnnotationStore.open(db_path)
    newer = on_disk(db_path)
    newer["annotations"]["1"] = {
        "uuid": "b" * 32,
        "article_id": ARTICLE,
        "note": "from git",
        "created": "2026-01-01T00:00:00Z",
        "updated": "2026-01-01T00:00:00Z",
        "author": "colleague",
    }
    pulled = json.dumps(newer).encode()
    db_path.write_bytes(pulled)
    store.close()
    assert db_path.read_bytes() == pulled
