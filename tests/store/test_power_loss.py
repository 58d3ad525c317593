"""Power cuts, simulated (`powercut.py`): every state a cut could leave opens and holds every
confirmed action; and the simulation does catch the two mistakes SIGKILL tests cannot see."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .powercut import simulate

SRC = Path(__file__).resolve().parents[2] / "src"
SIMULATOR = Path(__file__).with_name("powercut.py")

APPEND = """        try:
            while line:
                written = os.write(self._fd, line)
                line = line[written:]
            os.fdatasync(self._fd)"""
SYNC_FIRST = """        try:
            os.fdatasync(self._fd)
            while line:
                written = os.write(self._fd, line)
                line = line[written:]"""


def _sync_before_the_write(source: str) -> str:
    assert APPEND in source, "JournalWriter.append changed: update this mutation"
    return source.replace(APPEND, SYNC_FIRST)


def _no_fsync(source: str) -> str:
    assert source.count("os.fsync(") == 2, "atomic_write's fsyncs moved: update this mutation"
    return source.replace("os.fsync(handle.fileno())", "pass").replace("os.fsync(fd)", "pass")


MUTATIONS = {
    "fdatasync moved before the journal write": ("store/journal.py", _sync_before_the_write),
    "the fsyncs removed from atomic_write": ("atomic.py", _no_fsync),
}


def test_every_power_cut_state_opens_with_every_confirmed_action() -> None:
    report = simulate()
    assert report.failures == []
    # Crosses the open, every append, a checkpoint with its new journal, and the close.
    assert report.cuts > 300 and report.states == report.cuts * 6


@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_the_simulation_catches(tmp_path: Path, mutation: str) -> None:
    module, mutate = MUTATIONS[mutation]
    copy = tmp_path / "src"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / "dipreader" / module
    target.write_text(mutate(target.read_text(encoding="utf-8")), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(SIMULATOR)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(copy)},
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert any("lost" in failure for failure in report["failures"]), report
