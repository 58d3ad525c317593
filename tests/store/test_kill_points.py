"""A writer killed with SIGKILL at fixed points inside the journal append and inside the
checkpoint, at the shipped interval, never leaves a database that does not open, and never
loses a change whose call had returned.

The random kills of `test_kill.py` rarely land inside the few instructions between a write
and its fsync; here the child kills itself right there, by wrapping the system calls the
store makes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dipreader.store import AnnotationStore
from dipreader.store.storage import CHECKPOINT_EVERY

SRC = Path(__file__).resolve().parents[2] / "src"

# The child runs `ACTIONS` tags and kills itself at the first `CALL` made once `ARM_AT`
# actions have returned (the checkpoint is in the action after the CHECKPOINT_EVERY-th).
CHILD = textwrap.dedent(
    """
    import os, signal, sys
    db, call, arm_at, actions = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    import dipreader.atomic as atomic
    from dipreader.store import AnnotationStore
    from dipreader.store import journal as journal_module

    armed = False

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    def killing(original, *, half=False):
        def wrapped(*args, **kwargs):
            if armed:
                if half:  # a write cut in the middle, as a power cut can leave it
                    fd, data = args
                    original(fd, bytes(data[: max(1, len(data) // 2)]))
                die()
            return original(*args, **kwargs)
        return wrapped

    if call == "write-half":
        os.write = killing(os.write, half=True)
    elif call == "new-journal":
        journal_module.JournalWriter.__init__ = killing(journal_module.JournalWriter.__init__)
    elif call == "folder-fsync":
        atomic.fsync_folder = killing(atomic.fsync_folder)
    else:
        setattr(os, call, killing(getattr(os, call)))

    store = AnnotationStore.open(db)
    for n in range(actions):
        armed = n >= arm_at
        annotation = store.tag_article(f"{n % 7:016x}", f"Person {n}", "person")
        print(annotation.id, flush=True)
    print("not killed", flush=True)
    """
)

IN_APPEND = 10  # an ordinary action: its step goes to the journal
IN_CHECKPOINT = CHECKPOINT_EVERY  # the action whose commit rewrites the file
POINTS = {
    # inside the journal append
    "append: the line half written": ("write-half", IN_APPEND),
    "append: written, before fdatasync": ("fdatasync", IN_APPEND),
    # inside the checkpoint
    "checkpoint: temp file written, before its fsync": ("fsync", IN_CHECKPOINT),
    "checkpoint: before the rename": ("replace", IN_CHECKPOINT),
    "checkpoint: renamed, before the folder fsync": ("folder-fsync", IN_CHECKPOINT),
    "checkpoint: file written, before the new journal": ("new-journal", IN_CHECKPOINT),
}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("point", list(POINTS))
def test_a_kill_at_a_fixed_point_loses_nothing_confirmed(tmp_path: Path, point: str) -> None:
    call, arm_at = POINTS[point]
    db_path = tmp_path / "annotations.json"
    with AnnotationStore.open(db_path) as store:  # an existing database, as a user has one
        store.tag_article("f" * 16, "Before", "person")
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(db_path), call, str(arm_at), str(CHECKPOINT_EVERY + 8)],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    confirmed = child.stdout.decode().split("\n")[:-1]
    assert "not killed" not in confirmed
    assert len(confirmed) == arm_at  # killed inside the very next action
    with AnnotationStore.open(db_path) as store:
        kept = {a.id for a in store.annotations()}
        assert set(confirmed) <= kept
        assert len(kept) in (arm_at + 1, arm_at + 2)  # "Before", and the killed one or not
        store.tag_article("e" * 16, "After", "person")  # and it goes on
    with AnnotationStore.open(db_path, read_only=True) as store:
        assert set(confirmed) <= {a.id for a in store.annotations()}
