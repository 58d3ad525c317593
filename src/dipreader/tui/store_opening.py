"""Opening the annotation database off the first frame: `build_app` checks the file up front
(cheaply: parsed, not indexed), the app's load worker opens it. No Textual here."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dipreader.store import AnnotationStore


def check_database(path: Path, *, read_only: bool) -> None:
    """Raise what opening `path` would raise for an unreadable file (not JSON, not a
    database, too new, no such folder), without indexing it. Nothing is written. Locks and
    per-record problems are left to the real open.

    A file that looks, at a glance, like one this store wrote and closed is not parsed here
    (at 50,000 annotations that is 0.15 s before the first frame): damage inside such a
    file is still found by the real open, in the load worker, and stops the app with the
    same message.
    """
    from dipreader.store import opening

    path = path.expanduser()
    if path.is_symlink():
        path = path.resolve()
    opening.check_location(path, read_only=read_only)
    if not opening.looks_current(path):
        opening.load(path, read_only=read_only)


class PendingStore:
    """A database to open once, from whichever thread asks first; the others wait for it.

    Opening a database read-write that is locked, or that cannot be written here (read-only
    file or file system, no permission), falls back to read-only, and `read_only_reason` says
    why (as it does for `--read-only`, and once the store stopped writing because its lock
    was taken away)."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._read_only_reason: str | None = (
            "opened with --read-only; changes are not saved." if read_only else None
        )
        self._lock = threading.Lock()
        self._store: AnnotationStore | None = None
        self._closed = False

    @property
    def read_only_reason(self) -> str | None:
        if self._read_only_reason is None and self._store is not None:
            return self._store.stopped_reason
        return self._read_only_reason

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def open(self) -> AnnotationStore:
        """The store, opened now if nobody has yet; raises the store's errors."""
        with self._lock:
            if self._store is None:
                if self._closed:
                    raise RuntimeError("the database was closed before it was opened")
                self._store = self._open()
            return self._store

    def _open(self) -> AnnotationStore:
        from dipreader.store import AnnotationStore, StoreLocked, StoreNotWritable

        if self.read_only:
            return AnnotationStore.open(self.path, read_only=True)
        try:
            return AnnotationStore.open(self.path)
        except (StoreLocked, StoreNotWritable) as exc:
            # Another window has it, or it cannot be written here: reading is still safe.
            store = AnnotationStore.open(self.path, read_only=True)
            self._read_only_reason = f"{exc} Changes are not saved in this window."
            return store

    def close(self) -> None:
        """Close the store if it was opened (waiting for an open under way); never opens."""
        with self._lock:
            self._closed = True
            if self._store is not None:
                self._store.close()
