"""The database's documents and the model's records, converted both ways.

A document is what sits in a TinyDB table; a record is the frozen dataclass the rest of
dipreader sees. Reading checks each field, so a hand-edited file with a wrong value is refused
with the table and document named, instead of failing somewhere later.
"""

from __future__ import annotations

import datetime
import getpass
import os
import uuid
from collections.abc import Mapping
from typing import Any

from dipreader.store.model import Annotation, ArticleState, Tag, TextTarget

Doc = dict[str, Any]


class BadDocument(ValueError):
    """A document does not have the fields its table requires."""


def new_id() -> str:
    return uuid.uuid4().hex


def now_iso() -> str:
    """The current time as the store writes it: ISO 8601, UTC, seconds."""
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    return now.strftime("%Y-%m-%dT%H:%M:%SZ")


def default_author() -> str:
    """The OS user, which is who annotations are by unless the caller says otherwise."""
    try:
        return getpass.getuser()
    except Exception:
        # getuser raises when neither the environment nor the password database knows the user
        # (a container running under a bare uid).
        return f"uid-{os.getuid()}" if hasattr(os, "getuid") else "unknown"


def _field(doc: Mapping[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    if name not in doc:
        raise BadDocument(f"missing field {name!r}")
    value = doc[name]
    # bool is an int in Python, but never a valid offset or count here.
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise BadDocument(f"field {name!r} has a wrong value: {value!r}")
    return value


def _optional(doc: Mapping[str, Any], name: str, kind: type) -> Any:
    value = doc.get(name)
    if value is not None and not isinstance(value, kind):
        raise BadDocument(f"field {name!r} has a wrong value: {value!r}")
    return value


def tag_to_doc(tag: Tag) -> Doc:
    doc: Doc = {"uuid": tag.id, "name": tag.name, "kind": tag.kind, "aliases": list(tag.aliases)}
    if tag.colour is not None:
        doc["colour"] = tag.colour
    if tag.description:
        doc["description"] = tag.description
    return doc


def tag_from_doc(doc: Mapping[str, Any]) -> Tag:
    aliases = _field(doc, "aliases", list)
    if not all(isinstance(alias, str) for alias in aliases):
        raise BadDocument("field 'aliases' must be a list of strings")
    return Tag(
        id=_field(doc, "uuid", str),
        name=_field(doc, "name", str),
        kind=_field(doc, "kind", str),
        aliases=tuple(aliases),
        colour=_optional(doc, "colour", str),
        description=_optional(doc, "description", str) or "",
    )


def target_to_doc(target: TextTarget) -> Doc:
    return {
        "start": target.start,
        "end": target.end,
        "exact": target.exact,
        "prefix": target.prefix,
        "suffix": target.suffix,
    }


def target_from_doc(doc: Any) -> TextTarget:
    if not isinstance(doc, Mapping):
        raise BadDocument("field 'target' must be an object")
    start, end = _field(doc, "start", int), _field(doc, "end", int)
    if not 0 <= start <= end:
        raise BadDocument(f"passage offsets out of order: {start}..{end}")
    return TextTarget(
        start=start,
        end=end,
        exact=_field(doc, "exact", str),
        prefix=_field(doc, "prefix", str),
        suffix=_field(doc, "suffix", str),
    )


def annotation_to_doc(annotation: Annotation) -> Doc:
    doc: Doc = {"uuid": annotation.id, "article_id": annotation.article_id}
    # Absent rather than null: an article-level tag is the common case and the file is
    # rewritten whole on every action, so every byte saved is saved 50,000 times.
    if annotation.tag_id is not None:
        doc["tag_id"] = annotation.tag_id
    if annotation.note is not None:
        doc["note"] = annotation.note
    if annotation.target is not None:
        doc["target"] = target_to_doc(annotation.target)
    doc.update(created=annotation.created, updated=annotation.updated, author=annotation.author)
    return doc


def annotation_from_doc(doc: Mapping[str, Any]) -> Annotation:
    # The common, valid case checked in one go: this runs for every annotation at open.
    get = doc.get
    fields = (get("uuid"), get("article_id"), get("created"), get("updated"), get("author"))
    tag_id, note, target = get("tag_id"), get("note"), get("target")
    if (
        all(type(value) is str for value in fields)
        and (tag_id is None) != (note is None)
        and type(tag_id if note is None else note) is str
    ):
        return Annotation(
            id=fields[0],
            article_id=fields[1],
            tag_id=tag_id,
            note=note,
            target=None if target is None else target_from_doc(target),
            created=fields[2],
            updated=fields[3],
            author=fields[4],
        )
    return _checked_annotation_from_doc(doc)


def _checked_annotation_from_doc(doc: Mapping[str, Any]) -> Annotation:
    """annotation_from_doc for a document that is probably bad: says what is wrong."""
    tag_id = _optional(doc, "tag_id", str)
    note = _optional(doc, "note", str)
    if (tag_id is None) == (note is None):
        raise BadDocument("an annotation has either a 'tag_id' or a 'note'")
    target = doc.get("target")
    return Annotation(
        id=_field(doc, "uuid", str),
        article_id=_field(doc, "article_id", str),
        tag_id=tag_id,
        note=note,
        target=None if target is None else target_from_doc(target),
        created=_field(doc, "created", str),
        updated=_field(doc, "updated", str),
        author=_field(doc, "author", str),
    )


def state_to_doc(state: ArticleState, doc_uuid: str) -> Doc:
    doc: Doc = {
        "uuid": doc_uuid,
        "article_id": state.article_id,
        "read": state.read,
        "starred": state.starred,
    }
    if state.title is not None:
        doc["title"] = state.title
    if state.date is not None:
        doc["date"] = state.date
    return doc


def state_from_doc(doc: Mapping[str, Any]) -> ArticleState:
    _field(doc, "uuid", str)
    return ArticleState(
        article_id=_field(doc, "article_id", str),
        read=_field(doc, "read", bool),
        starred=_field(doc, "starred", bool),
        title=_optional(doc, "title", str),
        date=_optional(doc, "date", str),
    )


def rejection_doc(article_id: str, key: str, author: str) -> Doc:
    return {
        "uuid": new_id(),
        "article_id": article_id,
        "key": key,
        "created": now_iso(),
        "author": author,
    }


def check_rejection_doc(doc: Mapping[str, Any]) -> tuple[str, str]:
    """(article id, suggestion key) of a rejection document."""
    _field(doc, "uuid", str)
    return _field(doc, "article_id", str), _field(doc, "key", str)
