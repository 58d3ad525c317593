"""Reading a `json` export back into store records, refusing anything it cannot trust."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

from dipreader.corpus.model import ArticleDate
from dipreader.export.document import FORMAT_NAME, SCHEMA_VERSION, has_content
from dipreader.export.errors import ImportFormatError
from dipreader.export.snapshot import Snapshot
from dipreader.export.structure import check_structure
from dipreader.store import validate
from dipreader.store.errors import InvalidValue
from dipreader.store.model import Annotation, ArticleState, Tag, TextTarget

# An export of 50,000 annotations is about 30 MB; parsing one costs about ten times its size
# in memory. A larger file is refused by its size, before a byte of it is read.
MAX_IMPORT_BYTES = 128 * 1024 * 1024


def read_export(path: Path) -> Snapshot:
    try:
        with Path(path).open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > MAX_IMPORT_BYTES:
                raise ImportFormatError(
                    f"{path} is {size / 2**20:.0f} MB: dipreader imports files of up to "
                    f"{MAX_IMPORT_BYTES // 2**20} MB (split the export, or import it in parts)"
                )
            # Read one byte past the limit: a file growing while it is read is refused too.
            data = file.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise ImportFormatError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFormatError(f"{path} is over {MAX_IMPORT_BYTES // 2**20} MB")
    return parse_export(data, name=str(path))


def parse_export(data: bytes, *, name: str) -> Snapshot:
    """The records of a `json` export; `name` is used in error messages."""
    document = _decode(data, name)
    _check_format_and_version(document, name)
    check_structure(document, name)
    tags = tuple(
        _tag(entry, f"{name}: vocabulary[{i}]") for i, entry in enumerate(document["vocabulary"])
    )
    checker = _ReferenceChecker(tags, name)
    annotations: list[Annotation] = []
    states: dict[str, ArticleState] = {}
    for index, entry in enumerate(document["articles"]):
        where = f"articles[{index}] (article {entry['id']})"
        checker.new_article(entry["id"], where)
        annotations.extend(_annotations_of_entry(entry, checker, where))
        state = _state_of_entry(entry, name, where)
        if has_content(state):
            states[state.article_id] = state
    return Snapshot(tags=tags, annotations=tuple(annotations), states=states)


def _decode(data: bytes, name: str) -> dict[str, Any]:
    # Both the parser and the surrogate walk recurse: a document nested a thousand deep is
    # refused as such, by either.
    try:
        return _decoded(data, name)
    except RecursionError:
        raise ImportFormatError(f"{name} is nested too deeply to be a dipreader export") from None


def _decoded(data: bytes, name: str) -> dict[str, Any]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"{name} is not UTF-8 text (byte {exc.start})") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(
            f"{name} is not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
            " (only the json export format can be imported, not jsonl, csv or w3c)"
        ) from None
    if not isinstance(document, dict):
        raise ImportFormatError(f"{name} is not a dipreader json export (not a JSON object)")
    broken = _first_lone_surrogate(document, "")
    if broken is not None:
        # JSON lets "\ud800" through, but it is no character: the database could not store it.
        raise ImportFormatError(f"{name}: {broken} holds an invalid \\u escape (a lone surrogate)")
    return document


def _first_lone_surrogate(value: Any, path: str) -> str | None:
    """The path of the first string (or key) that is not valid Unicode text, if any."""
    if isinstance(value, str):
        if value.isascii():
            return None
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return path.lstrip(".") or "the top level"
        return None
    if isinstance(value, dict):
        for key, child in value.items():
            found = _first_lone_surrogate(key, path) or _first_lone_surrogate(
                child, f"{path}.{key}"
            )
            if found is not None:
                return found
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found = _first_lone_surrogate(child, f"{path}[{index}]")
            if found is not None:
                return found
    return None


def _check_format_and_version(document: dict[str, Any], name: str) -> None:
    found = document.get("format")
    if found != FORMAT_NAME:
        hint = ""
        if document.get("type") == "AnnotationCollection":
            hint = " (it is a w3c export; only the json format can be imported)"
        raise ImportFormatError(
            f"{name} is not a dipreader json export: format is {found!r}, "
            f"expected {FORMAT_NAME!r}{hint}"
        )
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFormatError(f"{name}: schema_version {version!r} is not a positive integer")
    if version > SCHEMA_VERSION:
        raise ImportFormatError(
            f"{name} was written by a newer dipreader (export schema version {version}); "
            f"this version reads up to {SCHEMA_VERSION}: upgrade dipreader to import it"
        )


def _tag(entry: dict[str, Any], where: str) -> Tag:
    # The store's own rules, so that an import holds nothing the app could not have written.
    try:
        for text in (entry["name"], *entry["aliases"]):
            validate.tag_name(text)
        validate.tag_kind(entry["kind"])
        validate.description(entry["description"])
        validate.colour(entry["colour"])
    except InvalidValue as exc:
        raise ImportFormatError(f"{where}: {_shortened(str(exc))}") from None
    return Tag(
        id=entry["id"],
        name=entry["name"],
        kind=entry["kind"],
        aliases=tuple(entry["aliases"]),
        colour=entry["colour"],
        description=entry["description"],
    )


class _ReferenceChecker:
    """Cross-reference checks the schema cannot express: unique ids, tags that exist."""

    def __init__(self, tags: tuple[Tag, ...], name: str) -> None:
        self._name = name
        self._tags: dict[str, Tag] = {}
        for tag in tags:
            if tag.id in self._tags:
                self.fail(f"vocabulary has tag id {tag.id} twice")
            self._tags[tag.id] = tag
        self._annotation_ids: set[str] = set()
        self._article_ids: set[str] = set()

    def new_article(self, article_id: str, where: str) -> None:
        if article_id in self._article_ids:
            self.fail(f"{where}: article {article_id} appears twice")
        self._article_ids.add(article_id)

    def annotation_id(self, annotation_id: str, where: str) -> str:
        if annotation_id in self._annotation_ids:
            self.fail(f"{where}: annotation id {annotation_id} appears twice")
        self._annotation_ids.add(annotation_id)
        return annotation_id

    def tag_ref(self, ref: dict[str, Any], where: str) -> str:
        tag = self._tags.get(ref["tag_id"])
        if tag is None:
            self.fail(f"{where}: tag {ref['tag_id']} is not in the vocabulary")
        if (tag.kind, tag.name) != (ref["kind"], ref["name"]):
            self.fail(
                f"{where}: says {ref['kind']} {ref['name']!r} but vocabulary tag {tag.id} is "
                f"{tag.kind} {tag.name!r} (edit the vocabulary entry to rename a tag)"
            )
        return tag.id

    def fail(self, message: str) -> NoReturn:
        raise ImportFormatError(f"{self._name}: {message}")


def _annotations_of_entry(
    entry: dict[str, Any], checker: _ReferenceChecker, where: str
) -> Iterator[Annotation]:
    article_id = entry["id"]
    listed = [(f"people[{i}]", ref) for i, ref in enumerate(entry["people"])]
    listed += [(f"themes[{i}]", ref) for i, ref in enumerate(entry["themes"])]
    for kind, refs in entry["other_tags"].items():
        for i, ref in enumerate(refs):
            if ref["kind"] != kind:
                checker.fail(f"{where}: other_tags.{kind}[{i}] is of kind {ref['kind']!r}")
            listed.append((f"other_tags.{kind}[{i}]", ref))
    for path, ref in listed:
        yield _annotation(article_id, ref, None, checker, f"{where} {path}", is_tag=True)
    for i, ref in enumerate(entry["notes"]):
        yield _annotation(article_id, ref, None, checker, f"{where} notes[{i}]", is_tag=False)
    for p, passage in enumerate(entry["passages"]):
        at = f"{where} passages[{p}]"
        if passage["start"] > passage["end"]:
            checker.fail(f"{at}: start {passage['start']} is after end {passage['end']}")
        if passage["quote"] and passage["end"] - passage["start"] != len(passage["quote"]):
            # The quote is the text between the offsets, as the store took it: offsets that
            # do not span it point at some other text. (A passage migrated from the first
            # prototype's files has no quote, only offsets.)
            checker.fail(
                f"{at}: start {passage['start']} and end {passage['end']} do not span its "
                f"quote of {len(passage['quote'])} characters"
            )
        target = TextTarget(
            start=passage["start"],
            end=passage["end"],
            exact=passage["quote"],
            prefix=passage["prefix"],
            suffix=passage["suffix"],
        )
        for i, ref in enumerate(passage["tags"]):
            yield _annotation(article_id, ref, target, checker, f"{at}.tags[{i}]", is_tag=True)
        for i, ref in enumerate(passage["notes"]):
            yield _annotation(article_id, ref, target, checker, f"{at}.notes[{i}]", is_tag=False)


def _shortened(message: str, limit: int = 300) -> str:
    """An error quoting the refused value, cut to what a terminal line can show."""
    return message if len(message) <= limit else message[: limit - 1] + "…"


def _annotation(
    article_id: str,
    ref: dict[str, Any],
    target: TextTarget | None,
    checker: _ReferenceChecker,
    where: str,
    *,
    is_tag: bool,
) -> Annotation:
    # The id is checked first, so an entry with two faults is reported for its id, as always.
    annotation_id = checker.annotation_id(ref["annotation_id"], where)
    if not is_tag:
        try:
            validate.note(ref["text"])
        except InvalidValue as exc:
            checker.fail(f"{where}: {_shortened(str(exc))}")
    return Annotation(
        id=annotation_id,
        article_id=article_id,
        tag_id=checker.tag_ref(ref, where) if is_tag else None,
        note=None if is_tag else ref["text"],
        target=target,
        created=ref["created"],
        updated=ref["updated"],
        author=ref["author"],
    )


def _state_of_entry(entry: dict[str, Any], name: str, where: str) -> ArticleState:
    correction = entry["correction"]
    if correction["date"] is not None:
        try:
            ArticleDate.parse(correction["date"])
        except ValueError:
            raise ImportFormatError(
                f"{name}: {where}: corrected date {correction['date']!r} is not a calendar date"
            ) from None
    return ArticleState(
        article_id=entry["id"],
        read=entry["read"],
        starred=entry["starred"],
        title=correction["title"],
        date=correction["date"],
    )
