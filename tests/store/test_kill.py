"""A writer killed with SIGKILL at random moments never leaves a corrupt database, and never
loses a change whose call had returned."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dipreader.store import AnnotationStore

from .conftest import on_disk

SRC = Path(__file__).resolve().parents[2] / "src"
ROUNDS = 6

# Checkpoints every few steps, so kills land in whole-file rewrites as well as in journal
# appends, and in the recovery an open does after the previous kill.
CHILD = textwrap.dedent(
    """
    import sys
    from dipreader.store import AnnotationStore
    from dipreader.store import storage
    storage.CHECKPOINT_EVERY = 5
    store = AnnotationStore.open(sys.argv[1], lock_timeout=5)
    round_ = sys.argv[2]
    n = 0
    while True:
        article = f"{n % 7:016x}"
        annotation = store.tag_article(article, f"Person {round_}-{n}", "person")
        print(annotation.id, flush=True)
        n += 1
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_loses_nothing_committed(tmp_path: Path) -> None:
    db_path = tmp_path / "annotations.json"
    rng = random.Random(20261122)
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    committed: set[str] = set()
    for round_ in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(db_path), str(round_)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        time.sleep(rng.uniform(0.3, 0.8))
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate()
        assert child.returncode == -signal.SIGKILL, err.decode()
        # A line cut off by the kill was never completely printed: its call may not have
        # returned yet, so it promises nothing.
        lines = out.decode().split("\n")[:-1]
        committed.update(lines)

        on_file = {doc["uuid"] for doc in on_disk(db_path)["annotations"].values()}
        assert committed <= on_file, f"round {round_}: lost {len(committed - on_file)}"
    assert len(committed) > ROUNDS * 10, "the child hardly ran: the test proves nothing"

    with AnnotationStore.open(db_path) as store:
        assert committed <= {a.id for a in store.annotations()}
        assert len(store.tags("person")) == len(store.annotations())
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
