"""Writing an export file so that a crash never leaves a half-written or clobbered file, and
never over a file that is not the user's to replace."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from dipreader.atomic import atomic_write
from dipreader.export.errors import ExportError
from dipreader.store.files import database_owning, is_store_file


def check_output_target(path: Path, database: Path | None, *, overwrite: bool) -> None:
    """ExportError if an export must not be written to `path`: one of the files of the
    annotation database (or of another database next to it), a folder, something that is
    not a regular file (a device, a FIFO, a socket, `/proc/self/fd/1` of a pipe), or an
    existing file when `overwrite` is not given. `--force` does not lift the first three:
    replacing them is never what was meant."""
    path = Path(path)
    if database is not None and is_store_file(database, path):
        if _is_database_itself(database, path):
            raise ExportError(f"{path} is the annotation database: choose another output file")
        raise ExportError(
            f"{path} is one of the files the store keeps next to the annotation database "
            f"{database} (its journal, lock or a backup): choose another output file"
        )
    owner = database_owning(path)
    if owner is not None:
        raise ExportError(
            f"{path} would be the journal, lock or a backup of {owner}, if that is an "
            "annotation database: choose another output file"
        )
    try:
        mode = os.stat(path).st_mode  # following symlinks: what a write would reach
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise ExportError(
            f"{path} is a folder: give a file name to write, such as "
            f"{Path(path) / 'annotations-export.json'}"
        )
    if not stat.S_ISREG(mode):
        raise ExportError(
            f"{path} is not a regular file (a device, a pipe or a socket): give the name "
            "of a file to write, or leave out -o to write to the standard output"
        )
    if not overwrite:
        raise ExportError(f"{path} already exists; use --force to replace it")


def _is_database_itself(database: Path, path: Path) -> bool:
    try:
        return os.path.samefile(database, path)
    except OSError:
        return os.path.realpath(database) == os.path.realpath(path)


def write_file_atomically(
    path: Path, data: bytes, *, overwrite: bool, database: Path | None = None
) -> None:
    """Write `data` to `path` atomically, after `check_output_target`; without `overwrite`,
    never replace an existing file, even one created by another process while we write."""
    path = Path(path)
    check_output_target(path, database, overwrite=overwrite)
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: folder {folder} does not exist")
    try:
        atomic_write(path, data, replace=overwrite)
    except FileExistsError:
        raise ExportError(f"{path} already exists; use --force to replace it") from None
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
