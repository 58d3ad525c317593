"""What the files around the store can do to it: a lock file deleted or replaced, a journal
from elsewhere or damaged, a file without write permission, a lock path that is no file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dipreader.cli import main
from dipreader.corpus import bundled_seeds, load_corpus
from dipreader.store import (
    AnnotationStore,
    StoreCorrupt,
    StoreError,
    StoreLockLost,
    StoreNotWritable,
)
from dipreader.tui.store_opening import PendingStore

from .conftest import OTHER_ARTICLE

LOCK = ".lock"
JOURNAL = ".journal"
# `tag` resolves the id in a corpus: the first of the bundled samples.
ARTICLE = min(article.id for article in load_corpus(bundled_seeds()).articles)


def sibling(db: Path, suffix: str) -> Path:
    return db.with_name(db.name + suffix)


def people(db: Path) -> list[str]:
    with AnnotationStore.open(db, read_only=True) as store:
        return sorted(store.get_tag(a.tag_id).name for a in store.annotations() if a.tag_id)


# -- the lock taken away -------------------------------------------------------------------


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_a_second_writer_let_in_by_a_lost_lock_keeps_its_change(
    db_path: Path, how: str, capsys
) -> None:
    first = AnnotationStore.open(db_path)
    first.tag_article(ARTICLE, "Tô Lâm", "person")
    lock = sibling(db_path, LOCK)
    if how == "deleted":
        lock.unlink()
    else:  # what `export -o db.json.lock --force` or a sync tool does: a new file, renamed
        replacement = db_path.with_name("elsewhere")
        replacement.write_text("{}", encoding="utf-8")
        os.replace(replacement, lock)
    # The second writer is let in (the name holds a file nobody locks) and is told `tagged`.
    assert main(["tag", ARTICLE, "--db", str(db_path), "--person", "Lương Cường"]) == 0
    assert "tagged" in capsys.readouterr().out
    # The first writer notices before it writes, says so, and writes nothing more.
    with pytest.raises(StoreLockLost, match="deleted or replaced"):
        first.tag_article(OTHER_ARTICLE, "Phạm Minh Chính", "person")
    assert first.stopped_reason
    with pytest.raises(StoreError, match="saves nothing more"):
        first.add_note(ARTICLE, "still refused")
    first.close()
    assert people(db_path) == ["Lương Cường", "Tô Lâm"]
    assert not list(db_path.parent.glob(f"{db_path.name}.replaced-*"))


def test_a_lost_lock_with_nobody_else_in_loses_nothing_confirmed(db_path: Path) -> None:
    store = AnnotationStore.open(db_path)
    store.tag_article(ARTICLE, "Tô Lâm", "person")
    sibling(db_path, LOCK).unlink()
    with pytest.raises(StoreLockLost):
        store.tag_article(ARTICLE, "Lương Cường", "person")
    store.close()  # writes nothing: the journal keeps the confirmed change for the next open
    assert people(db_path) == ["Tô Lâm"]
    with AnnotationStore.open(db_path) as store:
        assert people(db_path) == ["Tô Lâm"]


def test_a_released_lock_leaves_the_next_holders_note_alone(db_path: Path) -> None:
    first = AnnotationStore.open(db_path)
    sibling(db_path, LOCK).unlink()
    second = AnnotationStore.open(db_path)
    note = sibling(db_path, LOCK).read_bytes()
    assert b'"pid"' in note
    first.close()
    assert sibling(db_path, LOCK).read_bytes() == note  # truncated through its own file only
    with pytest.raises(StoreError):
        AnnotationStore.open(db_path)  # still held by the second
    second.close()


# -- journals that are not this file's ---------------------------------------------------


def _left_with_journal(db: Path, name: str) -> bytes:
    """The files as a writer killed after one change leaves them: the change only in the
    journal, which is returned."""
    store = AnnotationStore.open(db)
    store.tag_article(ARTICLE, name, "person")
    state, journal = db.read_bytes(), sibling(db, JOURNAL).read_bytes()
    store.close()
    db.write_bytes(state)
    sibling(db, JOURNAL).write_bytes(journal)
    return journal


def test_a_journal_of_another_database_is_refused_keeping_both(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    _left_with_journal(a, "Tô Lâm")
    # Both new, so both at the same generation: only the ids tell the journals apart.
    sibling(a, JOURNAL).write_bytes(_left_with_journal(b, "Lương Cường"))
    before = (a.read_bytes(), sibling(a, JOURNAL).read_bytes())
    for read_only in (True, False):
        with pytest.raises(StoreCorrupt, match="belongs to another database") as caught:
            AnnotationStore.open(a, read_only=read_only)
        assert "move it elsewhere" in str(caught.value)
        assert (a.read_bytes(), sibling(a, JOURNAL).read_bytes()) == before


def test_a_journal_of_another_version_of_the_file_is_refused(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        store.add_note(ARTICLE, "as written by dipreader")
    journal = _left_with_journal(db_path, "Lương Cường")
    assert people(db_path) == ["Lương Cường"]  # the journal is this file's: replayed
    # The file replaced by another version at the same generation (an editor, `git checkout`).
    edited = db_path.read_bytes().replace(b"as written by dipreader", b"edited by hand")
    db_path.write_bytes(edited)
    sibling(db_path, JOURNAL).write_bytes(journal)
    with pytest.raises(StoreCorrupt, match="another version"):
        AnnotationStore.open(db_path)
    assert (db_path.read_bytes(), sibling(db_path, JOURNAL).read_bytes()) == (edited, journal)


def test_a_journal_of_an_older_release_is_still_replayed(db_path: Path) -> None:
    store = AnnotationStore.open(db_path)
    store.tag_article(ARTICLE, "Tô Lâm", "person")
    journal = sibling(db_path, JOURNAL)
    raw, state = journal.read_bytes(), db_path.read_bytes()
    store.close()
    # Rewrite the header as releases before journal ids wrote it: generation only.
    from dipreader.store.journal import MAGIC, encode_line

    header, _, steps = raw.partition(b"\n")
    generation = json.loads(header.partition(b" ")[2])["generation"]
    db_path.write_bytes(state)
    journal.write_bytes(encode_line({"journal": MAGIC, "generation": generation}) + steps)
    assert people(db_path) == ["Tô Lâm"]


# -- a damaged last line -------------------------------------------------------------------


def _crashed_with_damaged_tail(db: Path) -> bytes:
    """The files as a writer killed during its second append leaves them, garbled."""
    store = AnnotationStore.open(db)
    store.tag_article(ARTICLE, "Tô Lâm", "person")
    store.tag_article(ARTICLE, "Lương Cường", "person")
    state, journal = db.read_bytes(), sibling(db, JOURNAL).read_bytes()
    store.close()
    db.write_bytes(state)
    lines = journal.split(b"\n")
    last = bytearray(lines[-2])
    last[len(last) // 2] ^= 0x20  # one flipped bit in the last complete line
    damaged = b"\n".join([*lines[:-2], bytes(last), b""])
    sibling(db, JOURNAL).write_bytes(damaged)
    return damaged


def test_a_damaged_last_journal_line_is_kept_aside_and_told(db_path: Path, capsys) -> None:
    damaged = _crashed_with_damaged_tail(db_path)
    assert main(["tags", ARTICLE, "--db", str(db_path)]) == 0  # a reader: told, nothing moved
    assert "cut short or damaged" in capsys.readouterr().err
    assert sibling(db_path, JOURNAL).read_bytes() == damaged
    assert main(["tag", ARTICLE, "--db", str(db_path), "--theme", "commerce"]) == 0
    error = capsys.readouterr().err
    (aside,) = db_path.parent.glob(f"{db_path.name}.journal.damaged-*")
    assert aside.name in error and "cut short or damaged" in error
    assert aside.read_bytes() == damaged
    with AnnotationStore.open(db_path) as store:
        names = sorted(store.get_tag(a.tag_id).name for a in store.annotations(ARTICLE))
        assert names == ["Tô Lâm", "commerce"]
        assert store.notices == []  # told once: the journal is whole again


# -- files that must not or cannot be written ----------------------------------------------


def test_a_database_without_write_permission_is_not_rewritten(db_path: Path, capsys) -> None:
    with AnnotationStore.open(db_path) as store:
        store.tag_article(ARTICLE, "Tô Lâm", "person")
    db_path.chmod(0o444)
    before = (db_path.read_bytes(), db_path.stat().st_ino)
    with pytest.raises(StoreNotWritable, match="read-only"):
        AnnotationStore.open(db_path)
    assert main(["tag", ARTICLE, "--db", str(db_path), "--person", "Lương Cường"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "chmod u+w" in error
    assert (db_path.read_bytes(), db_path.stat().st_ino) == before
    assert not sibling(db_path, JOURNAL).exists()
    pending = PendingStore(db_path)
    try:  # the app reads it, and says why it does not write
        assert pending.open().read_only
        assert "permissions allow no writing" in (pending.read_only_reason or "")
    finally:
        pending.close()
    assert (db_path.read_bytes(), db_path.stat().st_ino) == before


@pytest.mark.parametrize("shape", ["symlink loop", "folder", "link to another file"])
def test_a_lock_path_that_is_not_a_plain_file_is_one_clear_line(
    db_path: Path, shape: str, capsys
) -> None:
    AnnotationStore.open(db_path).close()
    lock = sibling(db_path, LOCK)
    lock.unlink()
    bystander = db_path.with_name("bystander.txt")
    bystander.write_text("keep me", encoding="utf-8")
    if shape == "symlink loop":
        lock.symlink_to(lock.name)
    elif shape == "folder":
        lock.mkdir()
    else:
        lock.symlink_to(bystander.name)
    for command in (["tag", ARTICLE, "--person", "Tô Lâm"], ["undo"]):
        assert main([*command, "--db", str(db_path)]) == 2
        error = capsys.readouterr().err
        assert error.startswith("dipreader: error: ") and error.count("\n") == 1
        assert "Traceback" not in error and str(lock) in error
    assert bystander.read_text(encoding="utf-8") == "keep me"
    pending = PendingStore(db_path)
    try:
        assert pending.open().read_only and "Changes are not saved" in pending.read_only_reason
    finally:
        pending.close()


# -- what a terminal in another encoding sends ----------------------------------------------


@pytest.mark.parametrize("option", ["--person", "--theme", "--note"])
def test_a_byte_that_is_not_utf8_in_an_option_is_one_clear_line(
    db_path: Path, option: str, capsys
) -> None:
    with AnnotationStore.open(db_path) as store:
        store.tag_article(ARTICLE, "Tô Lâm", "person")
    before = db_path.read_bytes()
    # How Python hands over argv holding the byte 0xff: a lone surrogate.
    value = b"Nguy\xffn".decode("utf-8", "surrogateescape")
    assert main(["tag", ARTICLE, "--db", str(db_path), option, value]) == 2
    error = capsys.readouterr().err
    assert error.startswith("dipreader: error: ") and error.count("\n") == 1
    assert "not UTF-8" in error
    assert db_path.read_bytes() == before
