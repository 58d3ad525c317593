"""Crash-safe file writing: the one way dipreader writes a file of the user's.

A write goes to a temporary file in the same folder, is fsynced, and is then renamed over the
target (or hard-linked to it, when an existing file must not be replaced); the folder is
fsynced so the new name itself survives a power cut. At every instant the path holds the old
file or the new one, whole.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def _current_umask() -> int:
    # os.umask can only be read by setting it; done once, at import, before any thread runs.
    mask = os.umask(0)
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~_current_umask()


def temp_prefix(path: Path) -> str:
    """The prefix of the temporary files written next to `path` (to find strays after a crash)."""
    return f".{path.name}."


def fsync_folder(folder: Path) -> None:
    """Make the folder's entries (a rename, a new name) durable, where the platform allows."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, replace: bool = True) -> None:
    """Write `data` to `path` so that a crash at any point leaves the old file or the new one.

    An existing file keeps its permissions. With `replace=False` an existing file is never
    replaced, not even one another process creates while we write: FileExistsError.
    Other failures raise OSError.
    """
    path = Path(path)
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        mode = _NEW_FILE_MODE
    if not replace and path.exists():
        raise FileExistsError(path)
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=TEMP_SUFFIX)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(temp, path)
        else:
            _link_new(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    fsync_folder(path.parent)


def _link_new(temp: Path, path: Path) -> None:
    try:
        os.link(temp, path)  # fails if the name exists: no window for a race
    except FileExistsError:
        raise
    except OSError:
        # Some file systems (FAT, some network shares) have no hard links: check, then rename,
        # which can only lose a race against a file created at this very moment.
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(temp, path)
