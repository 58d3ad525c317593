"""The structural check of a `json` export: every rule of the shipped JSON Schema, in plain
Python.

jsonschema takes about half a millisecond per object, so validating a file of 50,000
annotations with it takes half a minute; this takes well under a second. The schema stays the
published contract, and a test mutates a valid export at every place and checks that this
module and the schema accept and refuse exactly the same documents.
"""

from __future__ import annotations

import re
from typing import Any, NoReturn

from dipreader.export.errors import ImportFormatError
from dipreader.store.model import PERSON, THEME

# Patterns of the schema's $defs, with the same meaning.
_ID = re.compile(r"[^\s\x00-\x1f\x7f]{1,200}")
_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})"
)
_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
_PRECISIONS = ("year", "month", "day", None)

_TOP_KEYS = ("format", "schema_version", "vocabulary", "articles")
_TAG_KEYS = ("id", "kind", "name", "aliases", "colour", "description")
_ARTICLE_KEYS = (
    "id", "title", "date", "date_precision", "source", "correction", "read", "starred",
    "people", "themes", "other_tags", "notes", "passages",
)  # fmt: skip
_PROVENANCE_KEYS = ("annotation_id", "author", "created", "updated")
_TAG_REF_KEYS = ("tag_id", "kind", "name", *_PROVENANCE_KEYS)
_NOTE_KEYS = ("text", *_PROVENANCE_KEYS)
_PASSAGE_KEYS = ("start", "end", "quote", "prefix", "suffix", "tags", "notes")


class _Refusal:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, path: str, message: str) -> NoReturn:
        where = path.lstrip(".") or "the top level"
        raise ImportFormatError(
            f"{self.name} does not match the export schema at {where}: {message}"
        )


def check_structure(document: Any, name: str) -> None:
    """Raise ImportFormatError naming the first place where `document` breaks the schema.

    `format` and `schema_version` are expected to have been checked for a friendlier message
    already; they are checked here again so that this function alone equals the schema.
    """
    fail = _Refusal(name)
    _object(document, "", _TOP_KEYS, fail)
    if document["format"] != "dipreader-export":
        fail(".format", "must be 'dipreader-export'")
    if type(document["schema_version"]) is not int or document["schema_version"] != 1:
        fail(".schema_version", "must be 1")
    for i, tag in enumerate(_array(document["vocabulary"], ".vocabulary", fail)):
        _tag(tag, f".vocabulary[{i}]", fail)
    for i, article in enumerate(_array(document["articles"], ".articles", fail)):
        _article(article, f".articles[{i}]", fail)


def _tag(tag: Any, path: str, fail: _Refusal) -> None:
    _object(tag, path, _TAG_KEYS, fail)
    _string(tag["id"], f"{path}.id", fail, pattern=_ID)
    _string(tag["kind"], f"{path}.kind", fail, non_empty=True)
    _string(tag["name"], f"{path}.name", fail, non_empty=True)
    for i, alias in enumerate(_array(tag["aliases"], f"{path}.aliases", fail)):
        _string(alias, f"{path}.aliases[{i}]", fail, non_empty=True)
    _string(tag["colour"], f"{path}.colour", fail, nullable=True)
    _string(tag["description"], f"{path}.description", fail)


def _article(article: Any, path: str, fail: _Refusal) -> None:
    _object(article, path, _ARTICLE_KEYS, fail)
    _string(article["id"], f"{path}.id", fail, pattern=_ID)
    _string(article["title"], f"{path}.title", fail, nullable=True)
    _string(article["date"], f"{path}.date", fail, nullable=True, pattern=_DATE)
    if article["date_precision"] not in _PRECISIONS or isinstance(article["date_precision"], bool):
        fail(f"{path}.date_precision", "must be 'year', 'month', 'day' or null")
    _string(article["source"], f"{path}.source", fail, nullable=True)
    correction = article["correction"]
    _object(correction, f"{path}.correction", ("title", "date"), fail)
    _string(correction["title"], f"{path}.correction.title", fail, nullable=True)
    _string(correction["date"], f"{path}.correction.date", fail, nullable=True, pattern=_DATE)
    _boolean(article["read"], f"{path}.read", fail)
    _boolean(article["starred"], f"{path}.starred", fail)
    for key, kind in (("people", PERSON), ("themes", THEME)):
        for i, ref in enumerate(_array(article[key], f"{path}.{key}", fail)):
            _tag_ref(ref, f"{path}.{key}[{i}]", fail, kind=kind)
    other = article["other_tags"]
    if not isinstance(other, dict):
        fail(f"{path}.other_tags", "must be an object")
    for kind, refs in other.items():
        if not kind or kind in (PERSON, THEME):
            fail(f"{path}.other_tags", f"{kind!r} is not a kind for other_tags")
        for i, ref in enumerate(_array(refs, f"{path}.other_tags.{kind}", fail)):
            _tag_ref(ref, f"{path}.other_tags.{kind}[{i}]", fail)
    for i, note in enumerate(_array(article["notes"], f"{path}.notes", fail)):
        _note(note, f"{path}.notes[{i}]", fail)
    for i, passage in enumerate(_array(article["passages"], f"{path}.passages", fail)):
        _passage(passage, f"{path}.passages[{i}]", fail)


def _provenance(ref: dict[str, Any], path: str, fail: _Refusal) -> None:
    _string(ref["annotation_id"], f"{path}.annotation_id", fail, pattern=_ID)
    _string(ref["author"], f"{path}.author", fail)
    _string(ref["created"], f"{path}.created", fail, pattern=_TIMESTAMP)
    _string(ref["updated"], f"{path}.updated", fail, pattern=_TIMESTAMP)


def _tag_ref(ref: Any, path: str, fail: _Refusal, kind: str | None = None) -> None:
    _object(ref, path, _TAG_REF_KEYS, fail)
    _provenance(ref, path, fail)
    _string(ref["tag_id"], f"{path}.tag_id", fail, pattern=_ID)
    _string(ref["kind"], f"{path}.kind", fail, non_empty=True)
    if kind is not None and ref["kind"] != kind:
        fail(f"{path}.kind", f"must be {kind!r} here")
    _string(ref["name"], f"{path}.name", fail, non_empty=True)


def _note(note: Any, path: str, fail: _Refusal) -> None:
    _object(note, path, _NOTE_KEYS, fail)
    _provenance(note, path, fail)
    _string(note["text"], f"{path}.text", fail)


# No article is anywhere near a billion characters; a larger offset is damage, and one past
# 2**64 could not even be written back to the database.
MAX_OFFSET = 1_000_000_000


def _passage(passage: Any, path: str, fail: _Refusal) -> None:
    _object(passage, path, _PASSAGE_KEYS, fail)
    for key in ("start", "end"):
        value = passage[key]
        if type(value) is not int or not 0 <= value <= MAX_OFFSET:
            fail(f"{path}.{key}", f"must be an integer from 0 to {MAX_OFFSET}")
    for key in ("quote", "prefix", "suffix"):
        _string(passage[key], f"{path}.{key}", fail)
    for i, ref in enumerate(_array(passage["tags"], f"{path}.tags", fail)):
        _tag_ref(ref, f"{path}.tags[{i}]", fail)
    for i, note in enumerate(_array(passage["notes"], f"{path}.notes", fail)):
        _note(note, f"{path}.notes[{i}]", fail)


def _object(value: Any, path: str, keys: tuple[str, ...], fail: _Refusal) -> None:
    if not isinstance(value, dict):
        fail(path, "must be an object")
    missing = [key for key in keys if key not in value]
    if missing:
        fail(path, f"{missing[0]!r} is missing")
    extra = sorted(set(value) - set(keys))
    if extra:
        fail(path, f"{extra[0]!r} is not a field of the format")


def _array(value: Any, path: str, fail: _Refusal) -> list[Any]:
    if not isinstance(value, list):
        fail(path, "must be an array")
    return value


def _string(
    value: Any,
    path: str,
    fail: _Refusal,
    *,
    nullable: bool = False,
    non_empty: bool = False,
    pattern: re.Pattern[str] | None = None,
) -> None:
    if value is None and nullable:
        return
    if not isinstance(value, str):
        fail(path, "must be a string" + (" or null" if nullable else ""))
    if non_empty and not value:
        fail(path, "must not be empty")
    if pattern is not None and not pattern.fullmatch(value):
        fail(path, f"{value!r} is not in the expected form")


def _boolean(value: Any, path: str, fail: _Refusal) -> None:
    if not isinstance(value, bool):
        fail(path, "must be true or false")
