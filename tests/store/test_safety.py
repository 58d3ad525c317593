"""Files the store must refuse, and must never change: a refused file is byte-identical after."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dipreader.store import (
    AnnotationStore,
    StoreCorrupt,
    StoreError,
    StoreLocked,
    StoreNotFound,
    StoreTooNew,
)
from dipreader.store.schema import FORMAT, SCHEMA_VERSION

from .conftest import ARTICLE, on_disk

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"meta": {"1": {"format": "dipreader-annot', "not valid JSON"),
        (b"<<<<<<< HEAD\n{}\n=======\n", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2, 3]", "not a dipreader annotation database"),
        (b'{"_default": {"1": {"name": "x"}}}', "no 'meta' table"),
        (
            json.dumps({"meta": {"1": {"format": FORMAT, "schema": "two"}}}).encode(),
            "schema version",
        ),
    ],
)
def test_unreadable_files_are_left_byte_identical(
    db_path: Path, content: bytes, message: str
) -> None:
    db_path.write_bytes(content)
    for read_only in (False, True):
        with pytest.raises(StoreCorrupt, match=message) as caught:
            AnnotationStore.open(db_path, read_only=read_only)
        assert "left it untouched" in str(caught.value)
        assert db_path.read_bytes() == content
    assert sorted(p.name for p in db_path.parent.iterdir()) == [
        "annotations.json",
        "annotations.json.lock",
    ]


def test_damaged_document_is_refused_and_backup_is_named(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        store.tag_article(ARTICLE, "Tô Lâm", "person")
    with AnnotationStore.open(db_path):
        pass  # the second session keeps a copy of the file as it found it
    data = on_disk(db_path)
    (annotation,) = data["annotations"].values()
    del annotation["article_id"]
    damaged = json.dumps(data).encode()
    db_path.write_bytes(damaged)
    with pytest.raises(StoreCorrupt) as caught:
        AnnotationStore.open(db_path)
    message = str(caught.value)
    assert "annotations document 1" in message and "article_id" in message
    assert f"{db_path}.bak" in message
    assert db_path.read_bytes() == damaged
    with AnnotationStore.open(f"{db_path}.bak", read_only=True) as backup:
        assert len(backup.annotations()) == 1


def test_newer_schema_is_refused_untouched(db_path: Path) -> None:
    newer = {"meta": {"1": {"uuid": "x", "format": FORMAT, "schema": SCHEMA_VERSION + 1}}}
    content = json.dumps(newer).encode()
    db_path.write_bytes(content)
    for read_only in (False, True):
        with pytest.raises(StoreTooNew, match="newer dipreader"):
            AnnotationStore.open(db_path, read_only=read_only)
    assert db_path.read_bytes() == content


def test_empty_file_becomes_a_new_database(db_path: Path) -> None:
    db_path.write_bytes(b"")
    with AnnotationStore.open(db_path, read_only=True) as reader:
        assert reader.tags() and not reader.annotations()
    assert db_path.read_bytes() == b""
    db_path.write_bytes(b"  \n")
    with AnnotationStore.open(db_path) as store:
        store.tag_article(ARTICLE, "Tô Lâm", "person")
    assert len(on_disk(db_path)["annotations"]) == 1


def test_missing_file_and_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFound, match="no annotation database"):
        AnnotationStore.open(tmp_path / "none.json", read_only=True)
    assert not (tmp_path / "none.json").exists()
    with pytest.raises(StoreNotFound, match="does not exist"):
        AnnotationStore.open(tmp_path / "no" / "such" / "annotations.json")
    assert not (tmp_path / "no").exists()
    with pytest.raises(StoreError, match="is a folder"):
        AnnotationStore.open(tmp_path)


def test_stray_temp_files_are_cleaned_at_start(db_path: Path) -> None:
    AnnotationStore.open(db_path).close()
    stray = db_path.parent / f".{db_path.name}.k2j3h4.tmp"
    stray.write_bytes(b'{"half": ')
    unrelated = db_path.parent / ".other.json.x.tmp"
    unrelated.write_bytes(b"keep me")
    AnnotationStore.open(db_path, read_only=True).close()
    assert stray.exists()  # a reader holds no lock: the temp file may be a live writer's
    AnnotationStore.open(db_path).close()
    assert not stray.exists() and unrelated.exists()


def _hold_lock_in_child(db_path: Path) -> subprocess.Popen[str]:
    code = textwrap.dedent(
        f"""
        import sys, time
        from dipreader.store import AnnotationStore
        store = AnnotationStore.open({str(db_path)!r})
        print("locked", flush=True)
        sys.stdin.read()
        store.close()
        """
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "locked"
    return child


def test_second_writer_is_refused_with_the_holder_named(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        store.tag_article(ARTICLE, "Tô Lâm", "person")
    child = _hold_lock_in_child(db_path)
    try:
        with pytest.raises(StoreLocked) as caught:
            AnnotationStore.open(db_path, lock_timeout=0.2)
        message = str(caught.value)
        assert f"pid {child.pid}" in message
        assert "Close it there and try again" in message
        with AnnotationStore.open(db_path, read_only=True) as reader:
            assert len(reader.annotations()) == 1
    finally:
        child.communicate("")
    assert child.returncode == 0
    with AnnotationStore.open(db_path) as store:  # released when the holder closed
        assert len(store.annotations()) == 1


def test_lock_in_the_same_process_is_exclusive(db_path: Path) -> None:
    with AnnotationStore.open(db_path), pytest.raises(StoreLocked):
        AnnotationStore.open(db_path)


def test_a_symlinked_database_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "synced").mkdir()
    real = tmp_path / "synced" / "annotations.json"
    link = tmp_path / "annotations.json"
    link.symlink_to(real)
    with AnnotationStore.open(link) as store:
        store.tag_article(ARTICLE, "Tô Lâm", "person")
    assert link.is_symlink()
    assert len(on_disk(real)["annotations"]) == 1
