"""`make run`: a newcomer's tags never go into the repository's hand-made annotations.json."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from dipreader.cli import main

REPO = Path(__file__).resolve().parent.parent


def planned(target: str, tmp_path: Path) -> str:
    """The commands `make TARGET` would run on a fresh machine (nothing installed yet)."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    venv = tmp_path / "venv"
    done = subprocess.run(
        ["make", "-n", "-C", str(REPO), target, f"VENV={venv}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_make_run_opens_a_copy_of_the_gold_and_installs_no_test_tools(tmp_path: Path):
    commands = planned("run", tmp_path)
    assert "cp annotations.json my-annotations.json" in commands
    assert "dipreader --db my-annotations.json" in commands
    assert "--db annotations.json" not in commands
    installs = [line for line in commands.splitlines() if "pip install" in line and "-e" in line]
    assert installs and all("[test]" not in line for line in installs)


def test_make_test_installs_the_test_tools(tmp_path: Path):
    assert "-e '.[test]'" in planned("test", tmp_path)


def test_the_gold_has_no_undo_steps(tmp_path: Path, capsys):
    # A first `u` must not take away a hand-made annotation.
    copy = tmp_path / "annotations.json"
    shutil.copy(REPO / "annotations.json", copy)
    assert main(["undo", "--db", str(copy)]) == 1
    assert "nothing to undo" in capsys.readouterr().out
