"""The TinyDB storage and table of the database file.

While the store holds the lock nobody else writes the file, so the parsed data stays in
memory and is never re-read. A committed step is appended to the journal (`journal.py`);
every `CHECKPOINT_EVERY` steps, and on close, the whole file is rewritten atomically.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from tinydb.storages import Storage
from tinydb.table import Table

from dipreader.store.errors import StoreLockLost, StoreReadOnly
from dipreader.store.files import aside_path, atomic_write, serialize
from dipreader.store.journal import Change, JournalWriter, file_fingerprint, journal_path

# Steps appended to the journal before the file is rewritten whole. 0 turns the journal off:
# every step then rewrites the file (what the benchmark compares against).
CHECKPOINT_EVERY = 64
# ... or once the journal holds this much, whichever comes first.
CHECKPOINT_BYTES = 2 * 1024 * 1024


def generation(data: Mapping[str, Any]) -> int:
    """The checkpoint generation a database's data is at (0 before the first)."""
    meta = next(iter(data["meta"].values()))
    value = meta.get("generation", 0)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def database_id(data: Mapping[str, Any]) -> str:
    """The database's own id (`meta.uuid`), which its journals carry."""
    return str(next(iter(data["meta"].values())).get("uuid", ""))


def lock_lost_message(path: Path) -> str:
    return (
        f"the lock file {path.name}.lock was deleted or replaced by another program while this "
        f"dipreader had {path} open, so another dipreader may be writing it now: to keep its "
        "changes, this one saves nothing more. Every change confirmed until now is saved. "
        "Close and open the database again."
    )


class AtomicJSONStorage(Storage):
    """A TinyDB storage keeping the parsed database in memory; only `commit` and
    `checkpoint` write, so one user action, which touches several tables, is one durable
    step."""

    def __init__(
        self,
        path: Path,
        data: dict[str, dict[str, Any]],
        *,
        writable: bool,
        lock_held: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__()
        self.path = path
        self._data = data
        self._writable = writable
        self._lock_held = lock_held
        self.stopped: str | None = None  # why this store no longer writes (its lock was lost)
        self._journal: JournalWriter | None = None
        self._file_identity: tuple[int, ...] | None = None

    def read(self) -> dict[str, dict[str, Any]]:
        return self._data

    def reset(self, data: dict[str, dict[str, Any]]) -> None:
        """Take `data`, just read back from disk, as the current state."""
        self._data = data

    def start_journal(self, raw: bytes) -> None:
        """Journal the next steps on top of the file as it is now, whose bytes are `raw`."""
        self._check_lock()
        if self._journal is not None:
            self._journal.close()
        self._journal = self._new_journal(raw)
        self._file_identity = _identity(self.path)

    def _new_journal(self, raw: bytes) -> JournalWriter:
        return JournalWriter(
            journal_path(self.path),
            generation(self._data),
            database_id(self._data),
            file_fingerprint(raw),
        )

    def _lock_lost(self) -> bool:
        """Whether this store has stopped writing, noting it now if its lock was just lost."""
        if self.stopped is None and self._lock_held is not None and not self._lock_held():
            self.stopped = lock_lost_message(self.path)
        return self.stopped is not None

    def _check_lock(self) -> None:
        """Stop for good, before writing anything, once the lock is no longer ours."""
        if self._lock_lost():
            raise StoreLockLost(self.stopped or "")

    def _files_in_place(self) -> bool:
        """Whether the file and the journal are still the ones this store wrote. Another
        program (a sync tool, `git checkout`, a user) may replace or delete them despite the
        lock, and steps journaled on top of a file that is no longer there would be lost."""
        journal = self._journal
        return (
            journal is not None
            and journal.is_open
            and journal.in_place()
            and _identity(self.path) == self._file_identity
        )

    def _set_aside_foreign_file(self) -> None:
        """Keep a file that replaced ours under a name of its own before writing ours back."""
        if self.path.exists() and _identity(self.path) != self._file_identity:
            self.path.rename(aside_path(self.path, time.strftime(".replaced-%Y%m%d-%H%M%S")))

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if not self._writable:
            raise StoreReadOnly(f"{self.path} is open read-only")
        self._data = data

    def commit(self, changes: list[Change]) -> None:
        """Make a step's changes (already applied in memory) durable."""
        self._check_lock()
        journal = self._journal
        if (
            journal is None
            or journal.steps >= CHECKPOINT_EVERY
            or journal.size >= CHECKPOINT_BYTES
            or not self._files_in_place()
        ):
            self._set_aside_foreign_file()
            self.checkpoint()
        else:
            journal.append(changes)
        if self._lock_lost():
            # Taken while we wrote: another writer may have read the files before our write.
            raise StoreLockLost(
                f"{self.stopped} This last change was being saved at that moment: check that "
                "it is there."
            )

    def checkpoint(self, *, keep_journal: bool = True) -> None:
        """Rewrite the whole file atomically at the next generation, then start a fresh
        journal (the old one, of an older generation, is obsolete the moment the file is
        replaced)."""
        self._check_lock()
        meta = next(iter(self._data["meta"].values()))
        meta["generation"] = generation(self._data) + 1
        raw = serialize(self._data)
        atomic_write(self.path, raw)
        self._file_identity = _identity(self.path)
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        if keep_journal and CHECKPOINT_EVERY > 0:
            self._journal = self._new_journal(raw)
        else:
            journal_path(self.path).unlink(missing_ok=True)

    def close(self) -> None:
        """Leave a complete file and no journal (nothing to do for a reader)."""
        if self._journal is not None and self._lock_lost():
            # Another writer may own the files now; our journaled steps were replayed by it,
            # or stay in our journal for the next open.
            self._journal.close()
            self._journal = None
        if self._writable and self._journal is not None:
            if self._journal.steps:
                self._set_aside_foreign_file()
                self.checkpoint(keep_journal=False)
            elif self._journal.in_place():
                self._journal.remove()
            else:
                # Nothing changed since the file was last written: a file that replaced it
                # since is left as it is.
                self._journal.close()
            self._journal = None


def _identity(path: Path) -> tuple[int, ...] | None:
    """What tells this version of the file from any other: the inode alone does not, since a
    deleted file's inode number is soon reused."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)


class _IntKeyedView(MutableMapping):
    """A table's raw `{"1": doc}` dict seen with int keys, which TinyDB's updaters expect."""

    __slots__ = ("_raw",)

    def __init__(self, raw: dict[str, Any]) -> None:
        self._raw = raw

    def __getitem__(self, doc_id: int) -> Any:
        return self._raw[str(doc_id)]

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        self._raw[str(doc_id)] = doc

    def __delitem__(self, doc_id: int) -> None:
        del self._raw[str(doc_id)]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self._raw

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in self._raw)

    def __len__(self) -> int:
        return len(self._raw)


class InPlaceTable(Table):
    """A TinyDB table that updates its documents where they are.

    TinyDB's own `_update_table` copies the whole table twice per write to convert its keys
    between str and int (18 ms at 50,000 documents); this one hands the updater a key-converting
    view of the stored dict instead.
    """

    def _update_table(self, updater: Callable[[dict[int, Mapping]], None]) -> None:
        tables = self._storage.read()
        raw = tables.setdefault(self.name, {})
        updater(_IntKeyedView(raw))  # type: ignore[arg-type]
        self._storage.write(tables)
        self.clear_cache()
