"""Writing an export file so that a crash never leaves a half-written or clobbered file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from dipreader.export.errors import ExportError


def write_file_atomically(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write `data` to `path` via a synced temp file in the same folder.

    Without `overwrite`, an existing file is never replaced, even one created by another
    process while we write: the final step is a hard link, which fails if the name exists.
    """
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: folder {folder} does not exist")
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a folder")
    if not overwrite and path.exists():
        raise ExportError(f"{path} already exists; use --force to replace it")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(f"cannot write in {folder}: {exc.strerror}") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _publish(tmp, path, overwrite=overwrite)
        _fsync_folder(folder)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _publish(tmp: Path, path: Path, *, overwrite: bool) -> None:
    if overwrite:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise ExportError(f"{path} already exists; use --force to replace it") from None
    except OSError:
        # Some file systems (FAT, some network shares) have no hard links: fall back to a
        # check-then-rename, which can only lose a race against a file created just now.
        if path.exists():
            raise ExportError(f"{path} already exists; use --force to replace it") from None
        os.replace(tmp, path)


def _fsync_folder(folder: Path) -> None:
    # Makes the new directory entry durable; not possible on every platform.
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
