"""Writing an export file so that a crash never leaves a half-written or clobbered file."""

from __future__ import annotations

from pathlib import Path

from dipreader.atomic import atomic_write
from dipreader.export.errors import ExportError


def write_file_atomically(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write `data` to `path` atomically; without `overwrite`, never replace an existing file,
    even one created by another process while we write."""
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: folder {folder} does not exist")
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a folder")
    try:
        atomic_write(path, data, replace=overwrite)
    except FileExistsError:
        raise ExportError(f"{path} already exists; use --force to replace it") from None
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
