"""The benchmark's generated databases open in the store, whatever their size."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from dipreader.store import AnnotationStore

BENCH = Path(__file__).resolve().parents[1] / "bench"


def test_a_store_bench_database_smaller_than_the_history_opens_with_its_undo_steps(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.syspath_prepend(str(BENCH))
    sys.modules.pop("store_bench", None)
    from store_bench import build_database  # bench/ is a folder of scripts, not a package

    path = tmp_path / "small.json"
    build_database(path, 200, random.Random(1))  # fewer annotations than undo steps kept
    with AnnotationStore.open(path) as store:
        assert len(store.annotations()) == 200
        undone = 0
        while store.undo() is not None:
            undone += 1
        assert undone == 200 and store.annotations() == []


def test_a_store_bench_run_of_other_sizes_leaves_the_saved_results(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.syspath_prepend(str(BENCH))
    sys.modules.pop("store_bench", None)
    import store_bench

    saved = tmp_path / "store.json"
    monkeypatch.setattr(store_bench, "RESULTS", saved)
    small = ["--sizes", "200", "--actions", "3", "--whole-file-actions", "2"]
    monkeypatch.setattr(sys, "argv", ["store_bench.py", *small, "--baseline-actions", "2"])
    assert store_bench.main() == 0
    assert not saved.exists()  # the README's table comes from the default sizes
    assert "| 200 |" in capsys.readouterr().out
    chosen = tmp_path / "mine.json"
    monkeypatch.setattr(sys, "argv", ["store_bench.py", *small, "--output", str(chosen)])
    assert store_bench.main() == 0
    assert chosen.exists() and not saved.exists()
