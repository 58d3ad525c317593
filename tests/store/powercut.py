"""A power-cut simulator for the store, in the spirit of SQLite's crash-test VFS and ALICE.

The store runs for real in a folder while its system calls are watched. Before and after each
call that can change what is on disk, every state a power cut could leave is built: the
folder's names as of its last fsync or as they are now, and each file's bytes as of its last
fsync, as they are now, or torn (what was synced plus part of what was not). Each state is
copied to a folder of its own and opened; it must open, and hold every action whose call had
returned before the cut.

Run as a script (`python powercut.py`), it prints the figures as JSON: the mutation tests run
it on altered copies of the code.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WATCHED = (
    "open",
    "write",
    "fsync",
    "fdatasync",
    "replace",
    "rename",
    "link",
    "unlink",
    "ftruncate",
)


@dataclass
class Disk:
    """What the simulated disk holds durably, next to what the real folder holds now."""

    folder: Path
    durable_names: dict[str, int] = field(default_factory=dict)
    durable_bytes: dict[int, bytes] = field(default_factory=dict)
    last_seen: dict[int, bytes] = field(default_factory=dict)  # an inode's bytes, once named

    def now(self) -> dict[str, int]:
        names = {}
        for entry in os.scandir(self.folder):
            if entry.is_file(follow_symlinks=False) and not entry.name.endswith(".lock"):
                names[entry.name] = entry.inode()
                self.last_seen[entry.inode()] = Path(entry.path).read_bytes()
        return names

    def sync_all(self) -> None:
        self.durable_names = self.now()
        self.durable_bytes = {ino: self.last_seen[ino] for ino in self.durable_names.values()}

    def states(self) -> Iterator[tuple[str, dict[str, bytes]]]:
        current = self.now()
        for names_kind, names in (("names synced", self.durable_names), ("names now", current)):
            for mode in ("bytes synced", "bytes now", "bytes torn"):
                files = {}
                for name, ino in names.items():
                    now_bytes = self.last_seen.get(ino, b"")
                    synced = self.durable_bytes.get(ino, b"")
                    if mode == "bytes now":
                        files[name] = now_bytes
                    elif mode == "bytes torn" and now_bytes.startswith(synced):
                        unsynced = now_bytes[len(synced) :]
                        files[name] = synced + unsynced[: len(unsynced) // 2]
                    else:
                        files[name] = synced
                yield f"{names_kind}, {mode}", files


@dataclass
class Report:
    cuts: int = 0
    states: int = 0
    failures: list[str] = field(default_factory=list)


@contextmanager
def watching(disk: Disk, on_cut: Callable[[str], None]) -> Iterator[None]:
    """Call `on_cut` before and after each watched system call, and track fsyncs."""
    originals = {name: getattr(os, name) for name in WATCHED}
    busy = False

    def wrap(name: str) -> Callable[..., Any]:
        original = originals[name]

        def watched(*args: Any, **kwargs: Any) -> Any:
            nonlocal busy
            if busy:
                return original(*args, **kwargs)
            busy = True
            try:
                on_cut(f"before {name}")
                result = original(*args, **kwargs)
                if name in ("fsync", "fdatasync"):
                    _synced(disk, args[0])
                elif name == "open" and kwargs.get("flags", args[1] if len(args) > 1 else 0) & (
                    os.O_CREAT
                ):
                    # A new file (or one truncated): nothing of it is durable yet.
                    info = os.fstat(result)
                    if info.st_size == 0:
                        disk.durable_bytes.pop(info.st_ino, None)
                on_cut(f"after {name}")
                return result
            finally:
                busy = False

        return watched

    for name in WATCHED:
        setattr(os, name, wrap(name))
    try:
        yield
    finally:
        for name, original in originals.items():
            setattr(os, name, original)


def _synced(disk: Disk, fd: int) -> None:
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        disk.durable_names = disk.now()
        return
    disk.now()
    if info.st_ino in disk.last_seen:
        disk.durable_bytes[info.st_ino] = disk.last_seen[info.st_ino]


def simulate(actions: int | None = None) -> Report:
    from dipreader.store import AnnotationStore
    from dipreader.store.storage import CHECKPOINT_EVERY

    total = actions if actions is not None else CHECKPOINT_EVERY + 6
    report = Report()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "live"
        folder.mkdir()
        db = folder / "annotations.json"
        with AnnotationStore.open(db) as store:
            store.tag_article("f" * 16, "Before", "person")
        confirmed: list[str] = []
        disk = Disk(folder)
        disk.sync_all()
        checking = Path(scratch) / "state"

        def on_cut(where: str) -> None:
            report.cuts += 1
            for kind, files in disk.states():
                report.states += 1
                shutil.rmtree(checking, ignore_errors=True)
                checking.mkdir()
                for name, data in files.items():
                    (checking / name).write_bytes(data)
                try:
                    with AnnotationStore.open(checking / db.name, read_only=True) as reopened:
                        present = {a.id for a in reopened.annotations()}
                except Exception as exc:  # any refusal to open is a failure here
                    report.failures.append(f"{where}, {kind}: does not open ({exc})")
                    continue
                lost = [i for i in confirmed if i not in present]
                if lost:
                    report.failures.append(
                        f"{where} after {len(confirmed)} confirmed, {kind}: {len(lost)} lost"
                    )

        with watching(disk, on_cut):
            store = AnnotationStore.open(db)
            for n in range(total):
                confirmed.append(store.tag_article(f"{n % 5:016x}", f"P {n}", "person").id)
            store.close()
    return report


if __name__ == "__main__":
    result = simulate(int(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(json.dumps({"cuts": result.cuts, "states": result.states, "failures": result.failures}))
