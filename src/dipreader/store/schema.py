"""The database file's layout, how a file is recognised, and how older layouts are upgraded.

The file is a TinyDB JSON file: `{table: {doc_id: document}}`. Schema 2 (current) has

- `meta`: one document, `{"uuid", "format": "dipreader-annotations", "schema": 2, "created",
  "generation"}`; `generation` counts checkpoints and ties the journal to the file
  (`journal.py`)
- `vocabulary`: tags, `{"uuid", "name", "kind", "aliases", ["colour"], ["description"]}`
- `annotations`: `{"uuid", "article_id", "tag_id" | "note", ["target"], "created", "updated",
  "author"}`; `target` is `{"start", "end", "exact", "prefix", "suffix"}`
- `states`: `{"uuid", "article_id", "read", "starred", ["title"], ["date"]}`, only for
  articles whose state is not the default
- `rejections`: suggestions the user turned down, `{"uuid", "article_id", "key", "created",
  "author"}`
- `history`: undo and redo steps, `{"uuid", "seq", "stack": "undo"|"redo", "description",
  "at", "changes": [{"table", "uuid", "before", "after"}]}`, `before`/`after` being whole
  documents (or null for "did not exist")

Every document carries its own `uuid`: TinyDB reuses doc ids, so nothing refers to them.

Schema 1 is the first prototype's layout (tables `tags`, `annotations`, `state`; annotations
pointing at tags by TinyDB doc id; no uuids, no history). Nobody outside the team has a file
in it, but it keeps the migration path exercised and tested from the first release on.

A migration takes the parsed data of schema N and returns schema N+1. It must convert the
documents inside `history` too (or empty `history`), since undo writes them back verbatim.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dipreader.store.defaults import default_vocabulary
from dipreader.store.records import new_id, now_iso, tag_to_doc

FORMAT = "dipreader-annotations"
SCHEMA_VERSION = 2
TABLES = ("meta", "vocabulary", "annotations", "states", "rejections", "history")

Data = dict[str, Any]


class NotADatabase(ValueError):
    """Valid JSON, but not laid out as a dipreader database."""


class NewerSchema(ValueError):
    def __init__(self, version: int) -> None:
        super().__init__(f"schema {version}")
        self.version = version


def new_database() -> Data:
    """The data of a new database: the meta document and the default theme vocabulary."""
    data: Data = {name: {} for name in TABLES}
    data["meta"]["1"] = {
        "uuid": new_id(),
        "format": FORMAT,
        "schema": SCHEMA_VERSION,
        "created": now_iso(),
    }
    for doc_id, tag in enumerate(default_vocabulary(), start=1):
        data["vocabulary"][str(doc_id)] = tag_to_doc(tag)
    return data


def schema_version(data: Any) -> int:
    """The schema a parsed file declares; NotADatabase or NewerSchema if it is not ours to
    read."""
    if not isinstance(data, dict):
        raise NotADatabase(f"the top level is a JSON {type(data).__name__}, not an object")
    meta = data.get("meta")
    if not isinstance(meta, dict) or not meta:
        raise NotADatabase("it has no 'meta' table")
    marker = next(iter(meta.values()))
    if not isinstance(marker, dict) or marker.get("format") != FORMAT:
        raise NotADatabase(f"its 'meta' table does not say format {FORMAT!r}")
    version = marker.get("schema")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise NotADatabase(f"its schema version is not a positive integer: {version!r}")
    if version > SCHEMA_VERSION:
        raise NewerSchema(version)
    return version


def check_tables(data: Data) -> None:
    """Every current table present, each a TinyDB table of documents; NotADatabase if not."""
    for name in TABLES:
        table = data.get(name)
        if not isinstance(table, dict):
            raise NotADatabase(f"table {name!r} is missing or not an object")
        for doc_id, doc in table.items():
            if not doc_id.isdigit() or not isinstance(doc, dict):
                raise NotADatabase(f"table {name!r} has an entry {doc_id!r} that is not a document")
    unknown = sorted(set(data) - set(TABLES))
    if unknown:
        raise NotADatabase(f"it has tables this version does not know: {', '.join(unknown)}")


def _v1_to_v2(data: Data) -> Data:
    tag_uuids: dict[str, str] = {}
    vocabulary: dict[str, Any] = {}
    for doc_id, doc in data.get("tags", {}).items():
        tag_uuids[doc_id] = new_id()
        vocabulary[doc_id] = {
            "uuid": tag_uuids[doc_id],
            "name": doc["name"],
            "kind": doc["kind"],
            "aliases": list(doc.get("aliases", [])),
            **({"colour": doc["colour"]} if doc.get("colour") else {}),
        }
    annotations: dict[str, Any] = {}
    for doc_id, doc in data.get("annotations", {}).items():
        new: dict[str, Any] = {"uuid": new_id(), "article_id": doc["article"]}
        if doc.get("tag") is not None:
            if str(doc["tag"]) not in tag_uuids:
                raise NotADatabase(f"annotation {doc_id} refers to tag {doc['tag']}, which is gone")
            new["tag_id"] = tag_uuids[str(doc["tag"])]
        if doc.get("note") is not None:
            new["note"] = doc["note"]
        if doc.get("passage") is not None:
            passage = doc["passage"]
            # Schema 1 kept no context around quotes; reanchor() copes with empty context.
            new["target"] = {
                "start": passage["start"],
                "end": passage["end"],
                "exact": passage["quote"],
                "prefix": "",
                "suffix": "",
            }
        new.update(created=doc["created"], updated=doc["created"], author=doc["author"])
        annotations[doc_id] = new
    states: dict[str, Any] = {}
    for doc_id, doc in data.get("state", {}).items():
        states[doc_id] = {
            "uuid": new_id(),
            "article_id": doc["article"],
            "read": bool(doc.get("read", False)),
            "starred": bool(doc.get("starred", False)),
            **{key: doc[key] for key in ("title", "date") if doc.get(key) is not None},
        }
    meta = dict(next(iter(data["meta"].values())))
    meta.update(uuid=meta.get("uuid") or new_id(), schema=2, created=meta.get("created", now_iso()))
    return {
        "meta": {"1": meta},
        "vocabulary": vocabulary,
        "annotations": annotations,
        "states": states,
        "rejections": {},
        "history": {},
    }


# MIGRATIONS[n] upgrades schema n to n + 1.
MIGRATIONS: dict[int, Callable[[Data], Data]] = {1: _v1_to_v2}


def migrate(data: Data, version: int) -> Data:
    """Upgrade `data` from schema `version` to the current one; NotADatabase if the old data
    is not what its schema promises."""
    while version < SCHEMA_VERSION:
        try:
            data = MIGRATIONS[version](data)
        except (KeyError, TypeError, AttributeError, StopIteration) as exc:
            raise NotADatabase(
                f"it does not match schema {version} (upgrading it failed at {exc!r})"
            ) from None
        version += 1
    return data
