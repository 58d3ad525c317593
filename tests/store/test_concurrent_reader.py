"""A reader opening the database while a writer tags and checkpoints sees a consistent, ever
more complete database, never a false corruption."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from dipreader.store import AnnotationStore

SRC = Path(__file__).resolve().parents[2] / "src"

WRITER = textwrap.dedent(
    """
    import sys
    from dipreader.store import AnnotationStore
    from dipreader.store import storage
    storage.CHECKPOINT_EVERY = 3
    store = AnnotationStore.open(sys.argv[1])
    print("ready", flush=True)
    n = 0
    while True:
        store.tag_article(f"{n % 5:016x}", f"Person {n}", "person")
        n += 1
    """
)


def test_reader_during_writes_and_checkpoints(tmp_path: Path) -> None:
    db_path = tmp_path / "annotations.json"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path)],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == b"ready"
        seen: list[int] = []
        deadline = time.monotonic() + 1.5
        while time.monotonic() < deadline:
            with AnnotationStore.open(db_path, read_only=True) as reader:
                annotations = reader.annotations()
                # Each step made a tag and its annotation together.
                assert len(reader.tags("person")) == len(annotations)
                seen.append(len(annotations))
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.communicate()
    assert seen == sorted(seen)
    assert seen[-1] > seen[0], "the writer made no progress: the test proves nothing"
