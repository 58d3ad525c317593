from __future__ import annotations

import os

import pytest

from dipreader.export.atomic import write_file_atomically
from dipreader.export.errors import ExportError


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_new_file(tmp_path):
    target = tmp_path / "out.json"
    write_file_atomically(target, b"{}\n", overwrite=False)
    assert target.read_bytes() == b"{}\n"
    assert leftovers(tmp_path) == []


def test_existing_file_is_kept_without_overwrite(tmp_path):
    target = tmp_path / "out.json"
    target.write_bytes(b"weeks of work")
    with pytest.raises(ExportError, match="already exists; use --force"):
        write_file_atomically(target, b"new", overwrite=False)
    assert target.read_bytes() == b"weeks of work"
    assert leftovers(tmp_path) == []


def test_overwrite_replaces_and_keeps_no_temp(tmp_path):
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    write_file_atomically(target, b"new", overwrite=True)
    assert target.read_bytes() == b"new"
    assert leftovers(tmp_path) == []


def test_replacing_a_file_never_writes_through_its_hard_links(tmp_path):
    # A replace swaps the name; a writer that truncates in place would change `other` too.
    target, other = tmp_path / "out.json", tmp_path / "other.json"
    target.write_bytes(b"old")
    os.link(target, other)
    write_file_atomically(target, b"new", overwrite=True)
    assert (target.read_bytes(), other.read_bytes()) == (b"new", b"old")


def test_missing_folder_and_folder_target(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        write_file_atomically(tmp_path / "nope" / "out.json", b"x", overwrite=True)
    with pytest.raises(ExportError, match="is a folder"):
        write_file_atomically(tmp_path, b"x", overwrite=True)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a read-only folder")
def test_unwritable_folder_is_a_clear_error(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="cannot write"):
            write_file_atomically(folder / "out.json", b"x", overwrite=False)
    finally:
        folder.chmod(0o700)
