"""Crash-safe file writing, and the TinyDB storage and table built on it.

A write goes to a temporary file in the database's folder, is fsynced, and is renamed over the
database (then the folder is fsynced so the rename itself survives a power cut): at every
instant the path holds either the old file or the new one, whole. While the store holds the
lock nobody else writes the file, so the parsed data stays in memory and is never re-read.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage
from tinydb.table import Table

from dipreader.store.errors import StoreReadOnly

TEMP_SUFFIX = ".tmp"


def _current_umask() -> int:
    # os.umask can only be read by setting it; done once, at import, before any thread runs.
    mask = os.umask(0)
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~_current_umask()


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


def fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash at any point leaves the old or new file."""
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        mode = _NEW_FILE_MODE
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def remove_stray_temp_files(path: Path) -> list[Path]:
    """Delete temporary files a killed writer left next to `path`; return what was removed.

    Only call this while holding the database's lock: another writer's temp file is not stray.
    """
    removed = []
    for candidate in path.parent.glob(f"{temp_prefix(path)}*{TEMP_SUFFIX}"):
        if candidate.is_file():
            candidate.unlink(missing_ok=True)
            removed.append(candidate)
    return removed


def parse_json(raw: bytes) -> Any:
    """Parse JSON with orjson, falling back to the stdlib for what orjson refuses but Python's
    own json module writes (NaN, Infinity). Raises json.JSONDecodeError or UnicodeDecodeError."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw.decode("utf-8"))


def serialize(data: Mapping[str, Any]) -> bytes:
    return orjson.dumps(data)


class AtomicJSONStorage(Storage):
    """A TinyDB storage holding the parsed database in memory and writing it atomically.

    `deferred()` batches TinyDB's per-table writes so that one user action, which touches
    several tables, reaches the disk as one atomic file replacement.
    """

    def __init__(self, path: Path, data: dict[str, dict[str, Any]], *, writable: bool) -> None:
        super().__init__()
        self.path = path
        self._data = data
        self._writable = writable
        self._defer_depth = 0
        self._dirty = False

    def read(self) -> dict[str, dict[str, Any]]:
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if not self._writable:
            raise StoreReadOnly(f"{self.path} is open read-only")
        self._data = data
        self._dirty = True
        if self._defer_depth == 0:
            self.flush()

    def begin_deferred(self) -> None:
        self._defer_depth += 1

    def end_deferred(self) -> None:
        """Leave a deferred block; the outermost one writes what changed (if anything)."""
        self._defer_depth -= 1
        if self._defer_depth == 0 and self._dirty:
            self.flush()

    def abandon_deferred(self) -> None:
        """Leave all deferred blocks without writing: the caller will reload from disk."""
        self._defer_depth = 0
        self._dirty = False

    def flush(self) -> None:
        atomic_write(self.path, serialize(self._data))
        self._dirty = False


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
