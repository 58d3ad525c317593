"""Reading a database from disk: the file, its journal, and every reason to refuse them.

Nothing here writes the database: a file is parsed, upgraded and checked completely in memory
first, so a file dipreader cannot read is left exactly as it was.
"""

from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dipreader.store import schema
from dipreader.store.errors import (
    StoreCorrupt,
    StoreError,
    StoreNotFound,
    StoreNotWritable,
    StoreTooNew,
)
from dipreader.store.files import parse_json
from dipreader.store.journal import (
    JournalContents,
    JournalCorrupt,
    apply_steps,
    file_fingerprint,
    journal_path,
    read_journal,
)
from dipreader.store.storage import database_id, generation


@dataclass
class LoadedData:
    data: dict[str, Any]
    raw: bytes | None  # the file's bytes as found (None: no file)
    found_schema: int | None  # None: a new database (no file, or an empty one)
    replayed_steps: int  # journal steps applied on top of the file
    damaged_journal_tail: bool  # the replayed journal's last line was cut short or garbled


def backups_of(path: Path) -> list[Path]:
    candidates = [path.with_name(path.name + ".bak"), *path.parent.glob(f"{path.name}.bak-*")]
    return sorted(p for p in candidates if p.is_file())


def left_untouched_note(path: Path) -> str:
    """The end of an error about an unreadable file: it is intact, and where backups are."""
    backups = backups_of(path)
    if not backups:
        return "dipreader left it untouched; there is no backup of it next to it."

    def described(backup: Path) -> str:
        stamp = datetime.datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        return f"{backup} ({stamp})"

    return "dipreader left it untouched. Backups: " + ", ".join(described(b) for b in backups)


_HEAD = b'{"meta":'  # how the store writes a file: its meta table first, no spaces
_HEAD_BYTES = 4096  # the meta table is a couple of hundred bytes


def looks_current(path: Path) -> bool:
    """At a glance (two small reads, no parse of the records): is `path` a whole file that
    this version of the store wrote, with no journal to replay? False says nothing is
    wrong, only that it takes a full `load` to know: another writer's layout, an older or
    newer schema, a journal left by a crash, a file cut short."""
    if journal_path(path).exists():
        return False
    try:
        with path.open("rb") as file:
            head = file.read(_HEAD_BYTES)
            file.seek(-1, os.SEEK_END)
            last = file.read(1)
    except OSError:
        return False
    if not head.startswith(_HEAD) or last != b"}":
        return False
    try:
        text = head.decode("utf-8", errors="replace")
        meta, _ = json.JSONDecoder().raw_decode(text, len(_HEAD))
    except ValueError:
        return False
    records = list(meta.values()) if isinstance(meta, dict) else []
    return (
        len(records) == 1
        and isinstance(records[0], dict)
        and records[0].get("format") == schema.FORMAT
        and records[0].get("schema") == schema.SCHEMA_VERSION
    )


def check_location(path: Path, *, read_only: bool) -> None:
    if path.is_dir():
        raise StoreError(f"{path} is a folder; give the path of a file, such as annotations.json")
    if not path.parent.is_dir():
        what = (
            f"there is no annotation database at {path}" if read_only else f"cannot create {path}"
        )
        raise StoreNotFound(f"{what}: the folder {path.parent} does not exist")


def check_writable(path: Path) -> None:
    """StoreNotWritable if dipreader must not or cannot write the database at `path`: a file
    whose permissions allow no writing (which a rename would replace regardless, even as
    root), a read-only file system, a folder it may not write in."""
    folder = path.parent
    try:
        read_only_fs = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        read_only_fs = False
    if read_only_fs:
        raise StoreNotWritable(
            f"cannot write {path}: the file system holding {folder} is read-only"
        )
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise StoreNotWritable(f"cannot write {path}: {exc.strerror or exc}") from None
    if mode is not None and (not mode & 0o222 or not os.access(path, os.W_OK)):
        raise StoreNotWritable(
            f"{path} is read-only: its permissions allow no writing, so dipreader leaves it "
            f"as it is (to make changes: chmod u+w {path.name})"
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreNotWritable(
            f"cannot write {path}: no permission to write in the folder {folder}"
        )


def _parse(path: Path, raw: bytes) -> tuple[dict[str, Any], int]:
    """The data of an existing file at the current schema, and the schema it was in."""
    try:
        data = parse_json(raw)
    except UnicodeDecodeError:
        raise StoreCorrupt(
            f"{path} is not a dipreader database: it is not UTF-8 text. "
            + left_untouched_note(path)
        ) from None
    except ValueError as exc:
        line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
        position = f" at line {line}, column {column}" if line else ""
        raise StoreCorrupt(
            f"{path} is not valid JSON ({getattr(exc, 'msg', exc)}{position}). "
            + left_untouched_note(path)
        ) from None
    try:
        version = schema.schema_version(data)
        if version < schema.SCHEMA_VERSION:
            data = schema.migrate(data, version)
        schema.check_tables(data)
    except schema.NewerSchema as exc:
        raise StoreTooNew(
            f"{path} was written by a newer dipreader (database schema {exc.version}; this "
            f"version reads up to {schema.SCHEMA_VERSION}). It was left untouched: upgrade "
            "dipreader to open it."
        ) from None
    except schema.NotADatabase as exc:
        raise StoreCorrupt(
            f"{path} is not a dipreader annotation database: {exc}. " + left_untouched_note(path)
        ) from None
    return data, version


def load(path: Path, *, read_only: bool) -> LoadedData:
    """The database at `path` with its journal replayed. A missing or empty (zero bytes, or
    only whitespace) file is a new database, except that a reader has nothing to read in a
    missing one (StoreNotFound)."""
    # The journal is read before the file: a writer replaces the file before it starts a
    # journal of the next generation, so a reader racing a checkpoint finds the file at the
    # journal's generation or later, never earlier.
    journal = _read_journal(path)
    try:
        raw: bytes | None = path.read_bytes()
    except FileNotFoundError:
        if read_only:
            raise StoreNotFound(f"there is no annotation database at {path} yet") from None
        raw = None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from None
    if raw is None or not raw.strip():
        data, found = schema.new_database(), None
    else:
        data, found = _parse(path, raw)
    replayed, damaged = _replay_journal(path, journal, data, raw or b"")
    return LoadedData(data, raw, found, replayed, damaged)


def _read_journal(path: Path) -> JournalContents | None:
    journal = journal_path(path)
    try:
        return read_journal(journal)
    except JournalCorrupt as exc:
        raise StoreCorrupt(
            f"{journal}, the journal of recent changes to {path}, is damaged ({exc}). Both "
            "files were left untouched."
        ) from None
    except OSError as exc:
        raise StoreError(f"cannot read {journal}: {exc.strerror}") from None


def _replay_journal(
    path: Path, contents: JournalContents | None, data: dict[str, Any], raw: bytes
) -> tuple[int, bool]:
    """Apply the journal's steps to `data`: (steps applied, whether its last line was
    damaged). A journal that is not this file's is refused, both files left untouched."""
    journal = journal_path(path)
    if contents is None:
        return 0, False
    current = generation(data)
    if contents.generation < current:
        return 0, False  # a checkpoint already wrote these steps into the file
    if contents.database is not None and contents.database != database_id(data):
        raise StoreCorrupt(
            f"{journal} belongs to another database (id {contents.database}), not to {path} "
            f"(id {database_id(data) or 'none'}): it was not applied. Both files were left "
            "untouched. If the journal was copied here by mistake, move it elsewhere and open "
            "the database again; if the database file was replaced, put its own file back."
        )
    if contents.generation > current or (
        contents.file is not None and contents.file != file_fingerprint(raw)
    ):
        raise StoreCorrupt(
            f"{journal} holds changes made to another version of {path} than the one there "
            "now (was the file replaced, or restored from a backup?): it was not applied. "
            "Both were left untouched: to open the database as it is, move the journal "
            "elsewhere."
        )
    apply_steps(data, contents.steps)
    return len(contents.steps), contents.torn_tail
