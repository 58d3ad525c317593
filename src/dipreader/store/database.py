"""The database as a whole: opening it safely, changing it in atomic steps, undo and redo.

This layer knows documents and tables, not tags or articles. Every change goes through
`put`/`delete` inside a `transaction`, which makes the step durable once, when it ends, and
records the before and after image of each document it touched as one history step; `undo`
writes the before images back, `redo` the after images.

A transaction with `undoable=False` is durable the same way but is no step: it is for what
the user did not do as an edit (the app marking an article read as it opens it). Undo only
writes a step back over documents that are as the step left them, so such a change must also
`rewrite_history` of the documents it touched, as if it had always been there.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import orjson
from tinydb import TinyDB
from tinydb.table import Table

from dipreader.store import opening, schema
from dipreader.store.errors import StoreCorrupt, StoreError, StoreNotWritable, StoreReadOnly
from dipreader.store.files import aside_path, atomic_write, remove_stray_temp_files
from dipreader.store.journal import journal_path
from dipreader.store.lock import DatabaseLock, not_writable_reason
from dipreader.store.records import BadDocument, Doc, new_id, now_iso
from dipreader.store.storage import CHECKPOINT_EVERY, AtomicJSONStorage, InPlaceTable

# Undo steps kept. Each is a few hundred bytes rewritten with every action; a thousand is
# days of work and well under a megabyte.
HISTORY_LIMIT = 1000
UNDOABLE_TABLES = ("vocabulary", "annotations", "states", "rejections")


class DocumentListener(Protocol):
    """Whoever keeps derived indexes of the documents (the store)."""

    def rebuild(self, data: dict[str, dict[str, Doc]]) -> None:
        """Index every document; raise BadDocument naming the first bad one."""

    def changed(self, table: str, before: Doc | None, after: Doc | None) -> None:
        """One document was inserted (before None), replaced, or deleted (after None)."""


class _TinyDB(TinyDB):
    table_class = InPlaceTable


@dataclass
class Transaction:
    """The changes of one user action, which become one undo step."""

    description: str | None
    changes: list[dict[str, Any]] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    failed: bool = False
    depth: int = 0  # how deep inside the outermost transaction the current code runs
    undoable: bool = True  # False: durable, but not an undo step (see the module's docstring)

    def summary(self) -> str:
        return self.description or "; ".join(self.parts) or "change"


def _copy(doc: Doc | None) -> Doc | None:
    # Documents are plain JSON values; an orjson round trip is the fastest deep copy of them.
    return None if doc is None else orjson.loads(orjson.dumps(doc))


class Database:
    """An open database file. Use `open_database`."""

    def __init__(
        self,
        path: Path,
        data: dict[str, Any],
        *,
        read_only: bool,
        lock: DatabaseLock | None,
        listener: DocumentListener,
    ) -> None:
        self.path = path
        self.read_only = read_only
        self._lock = lock
        self._listener = listener
        self._tx: Transaction | None = None
        self._closed = False
        # What the user should know about how the files were found (a damaged journal).
        self.notices: list[str] = []
        # (table, uuid) of each document written since the last durable commit.
        self._pending: dict[tuple[str, str], None] = {}
        self._load(data)

    # -- loading -------------------------------------------------------------------------

    def _load(self, data: dict[str, Any]) -> None:
        """Index `data`; StoreCorrupt if a document is not what its table requires."""
        try:
            doc_ids = {name: self._index_uuids(name, data[name]) for name in schema.TABLES}
            undo, redo = self._history_stacks(data["history"])
            self._listener.rebuild(data)
        except BadDocument as exc:
            raise StoreCorrupt(
                f"{self.path} is a dipreader database with a damaged document: {exc}. "
                + opening.left_untouched_note(self.path)
            ) from None
        if hasattr(self, "storage"):
            self.storage.reset(data)
        else:
            self.storage = AtomicJSONStorage(
                self.path,
                data,
                writable=not self.read_only,
                lock_held=self._lock.still_held if self._lock is not None else None,
            )
        storage = self.storage
        tinydb = _TinyDB(storage=lambda: storage)
        self._tables: dict[str, Table] = {name: tinydb.table(name) for name in schema.TABLES}
        self._doc_ids = doc_ids
        self._undo, self._redo = undo, redo
        self._next_seq = max((seq for seq, _ in undo + redo), default=0) + 1

    @staticmethod
    def _index_uuids(table: str, docs: dict[str, Doc]) -> dict[str, int]:
        index: dict[str, int] = {}
        for doc_id, doc in docs.items():
            doc_uuid = doc.get("uuid")
            if not isinstance(doc_uuid, str) or not doc_uuid:
                raise BadDocument(f"{table} document {doc_id}: missing field 'uuid'")
            if doc_uuid in index:
                raise BadDocument(f"{table} documents {index[doc_uuid]} and {doc_id} share a uuid")
            index[doc_uuid] = int(doc_id)
        return index

    @staticmethod
    def _history_stacks(
        history: dict[str, Doc],
    ) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
        undo: list[tuple[int, str]] = []
        redo: list[tuple[int, str]] = []
        for doc_id, entry in history.items():
            seq, stack, changes = entry.get("seq"), entry.get("stack"), entry.get("changes")
            valid = (
                isinstance(seq, int)
                and stack in ("undo", "redo")
                and isinstance(entry.get("description"), str)
                and isinstance(changes, list)
                and all(
                    isinstance(c, dict)
                    and c.get("table") in UNDOABLE_TABLES
                    and isinstance(c.get("uuid"), str)
                    and all(isinstance(c.get(k), dict | None) for k in ("before", "after"))
                    for c in changes
                )
            )
            if not valid:
                raise BadDocument(f"history document {doc_id} is not a valid undo step")
            (undo if stack == "undo" else redo).append((seq, entry["uuid"]))
        return sorted(undo), sorted(redo)

    def _reload_from_disk(self) -> None:
        """Make memory match the file again after a change failed half-way."""
        self._pending.clear()
        try:
            self._load(opening.load(self.path, read_only=True).data)
        except Exception as exc:
            self._closed = True
            self.release()
            raise StoreError(
                f"{self.path} could not be read back after a failed change ({exc}); "
                "the database was closed to protect it. Open it again."
            ) from exc

    # -- reading -------------------------------------------------------------------------

    def meta(self) -> Doc:
        return dict(next(iter(self.storage.read()["meta"].values())))

    def get(self, table: str, doc_uuid: str) -> Doc | None:
        """The stored document (do not modify it), or None."""
        doc_id = self._doc_ids[table].get(doc_uuid)
        return None if doc_id is None else self.storage.read()[table][str(doc_id)]

    # -- changing ------------------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"{self.path} is closed")

    def _check_writable(self) -> None:
        self._check_open()
        if self.read_only:
            raise StoreReadOnly(
                f"{self.path} is open read-only: close the other dipreader to make changes"
            )
        if self.storage.stopped is not None:
            raise StoreError(self.storage.stopped)

    @contextmanager
    def transaction(
        self, description: str | None = None, *, undoable: bool = True
    ) -> Iterator[Transaction]:
        """One atomic, durable, undoable step; nested transactions join the outermost one.

        The step is made durable once, when the outermost transaction ends; if anything in
        it fails, memory is reset from disk and nothing of the step remains. With
        `undoable=False` the change is durable but leaves no undo step (nor clears redo).
        """
        self._check_writable()
        if self._tx is not None:
            tx = self._tx
            if tx.undoable != undoable:
                # Joined, one half would be undone with the other or neither would.
                raise StoreError("a change outside the undo history cannot be part of a step")
            changed_before = len(tx.changes)
            tx.depth += 1
            try:
                yield tx
            except BaseException:
                # A failure after this part changed something leaves the step half-done.
                tx.failed = tx.failed or len(tx.changes) > changed_before
                raise
            finally:
                tx.depth -= 1
            # Only the outermost step's own parts describe it, not what they did inside.
            if description and tx.depth == 0 and len(tx.changes) > changed_before:
                tx.parts.append(description)
            return
        tx = self._tx = Transaction(description, undoable=undoable)
        try:
            yield tx
            if tx.failed:
                raise StoreError("a part of this change failed, so none of it was saved")
            if tx.changes and tx.undoable:
                self._push_undo_step(tx)
            self._tx = None
            self._commit()
        except OSError as exc:
            self._abort(tx)
            raise StoreError(
                f"could not save {self.path}: {exc.strerror or exc}. The change was not saved."
            ) from exc
        except BaseException:
            self._abort(tx)
            raise

    def _abort(self, tx: Transaction) -> None:
        self._tx = None
        if self._pending:
            self._reload_from_disk()

    def _commit(self) -> None:
        """Make every document written since the last commit durable, as one step."""
        if not self._pending:
            return
        changes = [
            [table, doc_uuid, self.get(table, doc_uuid)] for table, doc_uuid in self._pending
        ]
        self.storage.commit(changes)
        self._pending.clear()

    def put(self, table: str, doc: Doc) -> None:
        """Insert or replace the document with `doc["uuid"]`, as part of the transaction."""
        tx = self._require_tx()
        before = _copy(self.get(table, doc["uuid"]))
        self._write(table, doc["uuid"], doc)
        tx.changes.append(
            {"table": table, "uuid": doc["uuid"], "before": before, "after": _copy(doc)}
        )
        self._listener.changed(table, before, doc)

    def delete(self, table: str, doc_uuid: str) -> None:
        tx = self._require_tx()
        before = _copy(self.get(table, doc_uuid))
        if before is None:
            return
        self._write(table, doc_uuid, None)
        tx.changes.append({"table": table, "uuid": doc_uuid, "before": before, "after": None})
        self._listener.changed(table, before, None)

    def _require_tx(self) -> Transaction:
        if self._tx is None:
            raise RuntimeError("database changes must happen inside a transaction")
        return self._tx

    def _write(self, table: str, doc_uuid: str, doc: Doc | None) -> None:
        """Insert, replace (doc given) or remove (doc None) a document through TinyDB."""
        self._pending[(table, doc_uuid)] = None
        tinydb_table = self._tables[table]
        doc_id = self._doc_ids[table].get(doc_uuid)
        if doc is None:
            if doc_id is not None:
                tinydb_table.remove(doc_ids=[doc_id])
                del self._doc_ids[table][doc_uuid]
        elif doc_id is None:
            self._doc_ids[table][doc_uuid] = tinydb_table.insert(dict(doc))
        else:
            replacement = dict(doc)

            def replace(stored: dict) -> None:
                stored.clear()
                stored.update(replacement)

            tinydb_table.update(replace, doc_ids=[doc_id])

    # -- history -------------------------------------------------------------------------

    def _push_undo_step(self, tx: Transaction) -> None:
        for _, entry_uuid in self._redo:
            self._write("history", entry_uuid, None)
        self._redo.clear()
        entry = {
            "uuid": new_id(),
            "seq": self._next_seq,
            "stack": "undo",
            "description": tx.summary(),
            "at": now_iso(),
            "changes": tx.changes,
        }
        self._next_seq += 1
        self._write("history", entry["uuid"], entry)
        self._undo.append((entry["seq"], entry["uuid"]))
        while len(self._undo) > HISTORY_LIMIT:
            _, oldest = self._undo.pop(0)
            self._write("history", oldest, None)

    def rewrite_history(self, table: str, rewrite: Callable[[Doc], Doc]) -> None:
        """Rewrite the recorded changes of `table`'s documents in every undo and redo step,
        inside a transaction with `undoable=False`.

        `rewrite(change)` gets one recorded change (`{"table", "uuid", "before", "after"}`,
        not to be modified) and returns it as it would have been had the outside change
        always been there (or the same change). A change left with equal before and after
        images is dropped, and so is a step left with no change: undoing it would do nothing.
        """
        tx = self._require_tx()
        if tx.undoable:
            raise RuntimeError("only a change outside the undo history rewrites the history")
        for stack in (self._undo, self._redo):
            for position in range(len(stack) - 1, -1, -1):
                entry_uuid = stack[position][1]
                entry = self.get("history", entry_uuid)
                if entry is None:
                    continue
                changes = [
                    rewrite(change) if change["table"] == table else change
                    for change in entry["changes"]
                ]
                if changes == entry["changes"]:
                    continue
                changes = [c for c in changes if c["before"] != c["after"]]
                if changes:
                    self._write("history", entry_uuid, {**entry, "changes": changes})
                else:
                    self._write("history", entry_uuid, None)
                    del stack[position]

    def _step_description(self, stack: list[tuple[int, str]]) -> str | None:
        if not stack:
            return None
        entry = self.get("history", stack[-1][1])
        return entry["description"] if entry else None

    @property
    def undo_description(self) -> str | None:
        return self._step_description(self._undo)

    @property
    def redo_description(self) -> str | None:
        return self._step_description(self._redo)

    def undo(self) -> str | None:
        return self._replay(self._undo, self._redo, "undo")

    def redo(self) -> str | None:
        return self._replay(self._redo, self._undo, "redo")

    def _replay(
        self, source: list[tuple[int, str]], target: list[tuple[int, str]], action: str
    ) -> str | None:
        """Undo (write before images, last change first) or redo (after images, in order) the
        top step of `source`, and move it onto `target`."""
        self._check_writable()
        if self._tx is not None:
            raise StoreError(f"cannot {action} in the middle of a change")
        if not source:
            return None
        entry = self.get("history", source[-1][1])
        assert entry is not None
        changes = entry["changes"] if action == "redo" else list(reversed(entry["changes"]))
        expected, wanted = ("before", "after") if action == "redo" else ("after", "before")
        if not self._replayable(changes, expected, wanted):
            # Only an edit of the file by hand gets here; keeping the step would block every
            # later undo behind it.
            source.pop()
            self._write("history", entry["uuid"], None)
            self._commit()
            raise StoreError(
                f"cannot {action} {entry['description']!r}: what it changed has been changed "
                "since outside dipreader; the step was dropped from the history"
            )
        try:
            for change in changes:
                before = _copy(self.get(change["table"], change["uuid"]))
                after = change[wanted]
                self._write(change["table"], change["uuid"], _copy(after))
                self._listener.changed(change["table"], before, after)
            source.pop()
            moved = {**entry, "stack": "redo" if action == "undo" else "undo"}
            moved["seq"] = self._next_seq
            self._next_seq += 1
            self._write("history", entry["uuid"], moved)
            target.append((moved["seq"], entry["uuid"]))
            self._commit()
        except OSError as exc:
            self._reload_from_disk()
            raise StoreError(f"could not save {self.path}: {exc.strerror or exc}") from exc
        except BaseException:
            self._reload_from_disk()
            raise
        return entry["description"]

    def _replayable(self, changes: list[Doc], expected: str, wanted: str) -> bool:
        """Whether each document is, when its turn comes, as the step left (undo) or found
        (redo) it. A step may touch one document twice, so the check follows the replay."""
        simulated: dict[tuple[str, str], Doc | None] = {}
        for change in changes:
            key = (change["table"], change["uuid"])
            current = simulated[key] if key in simulated else self.get(*key)
            if current != change[expected]:
                return False
            simulated[key] = change[wanted]
        return True

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    # -- closing -------------------------------------------------------------------------

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def close(self) -> None:
        """Write the file whole (so it needs no journal) and release the lock."""
        if self._closed:
            return
        self._closed = True
        try:
            self.storage.close()
        except OSError as exc:
            raise StoreError(
                f"could not write {self.path} on closing ({exc.strerror or exc}); every change "
                f"is safe in {journal_path(self.path)} and is applied when it is next opened"
            ) from exc
        finally:
            self.release()

    @property
    def closed(self) -> bool:
        return self._closed


def open_database(
    path: Path,
    *,
    read_only: bool,
    lock_timeout: float,
    user: str,
    listener: DocumentListener,
) -> Database:
    """Open (or create) the database at `path`, validating it completely before anything is
    written (see `opening.load` for what is refused, and for new and empty files)."""
    if path.is_symlink():
        # Replacing the link by a file would cut it off from what it pointed to (a synced
        # folder, say): work on the file itself, with the lock and journal next to it.
        path = path.resolve()
    opening.check_location(path, read_only=read_only)
    lock: DatabaseLock | None = None
    if not read_only:
        opening.check_writable(path)
        lock = DatabaseLock(path, user)
        lock.acquire(lock_timeout)
    try:
        if lock is not None:
            remove_stray_temp_files(path)
        loaded = opening.load(path, read_only=read_only)
        database = Database(path, loaded.data, read_only=read_only, lock=lock, listener=listener)
        if loaded.damaged_journal_tail and read_only:
            database.notices.append(_damaged_journal_notice(path, "it is ignored"))
        if not read_only:
            _start_writing(database, loaded)
        return database
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def _start_writing(database: Database, loaded: opening.LoadedData) -> None:
    """Back up the file as found, bring it up to date if needed, and start a journal."""
    path = database.path
    try:
        if loaded.found_schema is not None and loaded.found_schema < schema.SCHEMA_VERSION:
            atomic_write(aside_path(path, f".bak-{loaded.found_schema}"), loaded.raw or b"")
        elif loaded.raw is not None and loaded.raw.strip():
            # The last good copy: the file as this session found it valid.
            atomic_write(path.with_name(path.name + ".bak"), loaded.raw)
        if loaded.damaged_journal_tail:
            # A copy, not a rename: until the checkpoint below is written, the journal is
            # where its good steps live.
            journal = journal_path(path)
            aside = aside_path(journal, time.strftime(".damaged-%Y%m%d-%H%M%S"))
            atomic_write(aside, journal.read_bytes(), replace=False)
            database.notices.append(
                _damaged_journal_notice(
                    path, f"every change before it was applied; the journal is kept as {aside.name}"
                )
            )
        if (
            loaded.found_schema != schema.SCHEMA_VERSION
            or loaded.replayed_steps
            or loaded.damaged_journal_tail
        ):
            # New, upgraded, or behind its journal: write it whole before anything else.
            database.storage.checkpoint()
        elif CHECKPOINT_EVERY > 0:
            database.storage.start_journal(loaded.raw or b"")
    except OSError as exc:
        raise StoreNotWritable(
            f"cannot write next to {path}: {not_writable_reason(exc, path)}"
        ) from None


def _damaged_journal_notice(path: Path, outcome: str) -> str:
    return (
        f"the last line of {journal_path(path).name} is cut short or damaged (a change being "
        f"saved when dipreader stopped, never confirmed): {outcome}"
    )
