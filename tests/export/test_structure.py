"""The import's structural check and the shipped JSON Schema accept and refuse the same
documents: a small export, mutated at every place in every way that matters."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from dipreader.export.document import build_document
from dipreader.export.errors import ImportFormatError
from dipreader.export.schema import export_schema
from dipreader.export.snapshot import Snapshot
from dipreader.export.structure import check_structure
from dipreader.store.model import Annotation, ArticleState, Tag, TextTarget

PERSON = Tag("a" * 32, "Tô Lâm", "person", aliases=("To Lam",), colour="#e5c07b")
THEME = Tag("b" * 32, "war legacy", "theme", description="MIA, dioxine")
PLACE = Tag("c" * 32, "Hanoï", "place")
TARGET = TextTarget(4, 9, "Hanoï", "à ", ", le")

# Replacement values: every JSON type, and strings that are right for some fields only.
VALUES = (
    None, True, 3, -1, 1.5, "", "a b", "2024-06", "2026-11-22T10:31:05Z", "person", "year",
    [], {"x": 1},
)  # fmt: skip


def small_document() -> dict[str, Any]:
    def annotation(n: int, tag: Tag | None = None, note: str | None = None, target=None):
        stamp = f"2026-11-22T10:3{n}:05Z"
        tag_id = tag.id if tag else None
        return Annotation(f"{n:032x}", "art1", tag_id, note, target, stamp, stamp, "linh")

    snapshot = Snapshot(
        tags=(PERSON, THEME, PLACE),
        annotations=(
            annotation(1, PERSON),
            annotation(2, THEME),
            annotation(3, PLACE),
            annotation(4, note="note"),
            annotation(5, PLACE, target=TARGET),
            annotation(6, note="sur le passage", target=TARGET),
        ),
        states={
            "art1": ArticleState("art1", read=True),
            "art2": ArticleState("art2", title="Titre", date="2024-06"),
        },
    )
    return build_document(snapshot, {})


def places(value: Any, path: tuple = ()) -> Iterator[tuple]:
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from places(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from places(child, (*path, index))


def mutations(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    shapes_seen = set()
    for path in places(document):
        # Items of one list share a shape: mutating the first one of each is enough.
        shape = tuple("*" if isinstance(part, int) else part for part in path)
        if shape in shapes_seen:
            continue
        shapes_seen.add(shape)
        parent_path, last = path[:-1], path[-1] if path else None
        for value in VALUES:
            if path:
                changed = copy.deepcopy(document)
                _at(changed, parent_path)[last] = value
                yield f"{path} = {value!r}", changed
        node = _at(document, path)
        if isinstance(node, dict):
            for key in node:
                changed = copy.deepcopy(document)
                del _at(changed, path)[key]
                yield f"{path} without {key!r}", changed
            changed = copy.deepcopy(document)
            _at(changed, path)["extra"] = 1
            yield f"{path} with 'extra'", changed
            if path and path[-1] == "other_tags":
                for kind in ("person", "theme", "", "organisation"):
                    changed = copy.deepcopy(document)
                    _at(changed, path)[kind] = []
                    yield f"{path} with kind {kind!r}", changed


def _at(document: Any, path: tuple) -> Any:
    for part in path:
        document = document[part]
    return document


def accepted_by_checker(document: Any) -> bool:
    try:
        check_structure(document, "f.json")
    except ImportFormatError:
        return False
    return True


def test_checker_and_schema_agree_on_every_mutation():
    validator = Draft202012Validator(export_schema())
    document = small_document()
    assert validator.is_valid(document) and accepted_by_checker(document)
    disagreements = []
    count = 0
    for label, mutated in mutations(document):
        count += 1
        by_schema, by_checker = validator.is_valid(mutated), accepted_by_checker(mutated)
        if by_schema != by_checker:
            disagreements.append(f"{label}: schema {by_schema}, checker {by_checker}")
    assert count > 1000
    assert disagreements == []


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("articles", 0, "passages", 0, "start"), "4", r"articles\[0\]\.passages\[0\]\.start"),
        (("vocabulary", 0, "aliases", 0), "", r"vocabulary\[0\]\.aliases\[0\]: must not be empty"),
        (("articles", 0, "people", 0, "kind"), "theme", "must be 'person' here"),
        (("articles", 1, "date"), "2024-06\n", "'2024-06\\\\n' is not in the expected form"),
    ],
)
def test_refusals_name_the_place(path, value, message):
    document = small_document()
    _at(document, path[:-1])[path[-1]] = value
    with pytest.raises(ImportFormatError, match=message):
        check_structure(document, "f.json")


def test_integral_floats_are_not_offsets():
    # JSON Schema counts 4.0 as an integer; an offset into a text must be a real integer.
    document = json.loads(json.dumps(small_document()))
    document["articles"][0]["passages"][0]["start"] = 4.0
    with pytest.raises(ImportFormatError, match="must be an integer"):
        check_structure(document, "f.json")
