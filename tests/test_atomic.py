from __future__ import annotations

import os
from pathlib import Path

import pytest

from dipreader.atomic import atomic_write


def test_replaces_whole_and_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "annotations.json"
    target.write_bytes(b"old")
    target.chmod(0o600)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annotations.json"]


def test_without_replace_an_existing_file_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"mine")
    with pytest.raises(FileExistsError):
        atomic_write(target, b"theirs", replace=False)
    assert target.read_bytes() == b"mine"
    atomic_write(tmp_path / "new.json", b"x", replace=False)
    assert (tmp_path / "new.json").read_bytes() == b"x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.json", "out.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "annotations.json"
    target.write_bytes(b"old")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annotations.json"]
