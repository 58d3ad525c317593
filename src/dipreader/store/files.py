"""The database file's bytes: writing them safely (see `dipreader.atomic`), cleaning up after
a killed writer, and parsing them; and which files next to it are the store's own."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import orjson

from dipreader.atomic import TEMP_SUFFIX, atomic_write, temp_prefix

__all__ = [
    "aside_path",
    "atomic_write",
    "database_owning",
    "is_store_file",
    "is_store_file_name",
    "parse_json",
    "remove_stray_temp_files",
    "serialize",
    "store_files",
]

# What the store names its files after the database's name `X`: `X.journal`, `X.lock` and
# `X.bak` (the last good copy); and, with a number or a time after them, the backups made
# before a schema upgrade (`X.bak-<schema>`), a file that replaced the database while it was
# open (`X.replaced-<time>`) and journals set aside (`X.journal.damaged-<time>`,
# `X.journal.foreign-<time>`). Writing any of them by hand can make the database unreadable
# or lose a backup, so nothing but the store may write them.
_FIXED_SUFFIXES = ("", ".journal", ".lock", ".bak")
_NUMBERED_SUFFIXES = (".bak-", ".replaced-", ".journal.damaged-", ".journal.foreign-")


def aside_path(path: Path, suffix: str) -> Path:
    """A free name next to `path` for a copy kept aside: `<name><suffix>`, or with `.2`,
    `.3`… after it when that is taken (two copies in one second must not overwrite)."""
    candidate = path.with_name(path.name + suffix)
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}{suffix}.{n}")
        n += 1
    return candidate


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


def is_store_file_name(database_name: str, name: str) -> bool:
    """Whether a file called `name` next to the database called `database_name` is the
    database or one of its store's files (journal, lock, backups, set-aside copies, the
    temporary files of an atomic write)."""
    if name.startswith(database_name):
        rest = name[len(database_name) :]
        if rest in _FIXED_SUFFIXES or rest.startswith(_NUMBERED_SUFFIXES):
            return True
    prefix = temp_prefix(Path(database_name))
    return (
        name.startswith(prefix)
        and name.endswith(TEMP_SUFFIX)
        and len(name) >= len(prefix) + len(TEMP_SUFFIX)
    )


def _locations(path: Path) -> set[tuple[str, str]]:
    """(folder, name) of `path` with its folder resolved, and of `path` fully resolved: the
    store works on what a symlinked database points to, and a write to a symlink replaces
    the link itself, so both places count."""
    path = Path(os.path.abspath(path))
    resolved = Path(os.path.realpath(path))
    return {
        (os.path.realpath(path.parent), path.name),
        (str(resolved.parent), resolved.name),
    }


def store_files(database: Path) -> list[Path]:
    """The store's files of `database` that exist now, the database included."""
    found = []
    for folder, name in _locations(database):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        found += [Path(e.path) for e in entries if is_store_file_name(name, e.name)]
    return found


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def is_store_file(database: Path, candidate: Path) -> bool:
    """Whether writing `candidate` would write `database` or one of its store's files.

    Paths are compared resolved (`./X.journal`, `sub/../X.lock`, a symlinked folder or file
    are all seen through), names by `is_store_file_name` (whether the file exists yet or
    not), and an existing file also by identity, which catches a hard link to one of them
    under another name.
    """
    for folder, name in _locations(candidate):
        for db_folder, db_name in _locations(database):
            if folder == db_folder and is_store_file_name(db_name, name):
                return True
    identity = _identity(candidate)
    if identity is None:
        return False
    return any(_identity(existing) == identity for existing in store_files(database))


def _database_names(name: str) -> Iterator[str]:
    """The names of the databases whose store file a file called `name` would be."""
    for end in range(1, len(name)):
        for start in (0, 1):  # a temporary file's name starts with a dot, then the name
            base = name[start:end]
            if base and is_store_file_name(base, name):
                yield base


def database_owning(candidate: Path) -> Path | None:
    """An existing file next to `candidate` of which `candidate` would be a store file (the
    journal, lock or a backup of another database there), if there is one."""
    for folder, name in _locations(candidate):
        for base in _database_names(name):
            owner = Path(folder) / base
            if owner.is_file():
                return owner
    return None
