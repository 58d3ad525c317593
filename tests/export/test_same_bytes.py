"""The fast writers against the stdlib writers that defined the formats: the same bytes, and
the same error where the stdlib fails.

The `stdlib_*` functions below are the writers as they were before orjson and the csv fast
path (json.dumps, csv.DictWriter): they are the definition of an export's bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dipreader.export import jsonbytes
from dipreader.export.csv_format import COLUMNS
from dipreader.export.document import build_document, iter_tag_refs
from dipreader.export.formats import FORMATS, render
from dipreader.export.snapshot import Snapshot, metadata_by_id
from dipreader.export.w3c import build_collection
from dipreader.store.model import Annotation, Tag, TextTarget

from .realistic import SEEDS, TAGS, realistic_snapshot, seed_corpus
from .test_properties import snapshots


def stdlib_json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()


def stdlib_jsonl(document: dict[str, Any]) -> bytes:
    lines = []
    for entry in document["articles"]:
        text = json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        lines.append(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n")
    return "".join(lines).encode("utf-8")


def stdlib_csv(document: dict[str, Any]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for entry in document["articles"]:
        writer.writerows(_dict_rows(entry))
    return buffer.getvalue().encode("utf-8")


def _dict_rows(entry: dict[str, Any]) -> Iterator[dict[str, Any]]:
    article = {
        "article_id": entry["id"],
        "title": entry["title"],
        "date": entry["date"],
        "date_precision": entry["date_precision"],
        "source": entry["source"],
        "read": "true" if entry["read"] else "false",
        "starred": "true" if entry["starred"] else "false",
    }

    def tag(ref: dict[str, Any]) -> dict[str, Any]:
        return {"kind": ref["kind"], "tag": ref["name"], "tag_id": ref["tag_id"], **common(ref)}

    def note(ref: dict[str, Any]) -> dict[str, Any]:
        return {"kind": "note", "note": ref["text"], **common(ref)}

    def common(ref: dict[str, Any]) -> dict[str, Any]:
        keys = ("annotation_id", "author", "created", "updated")
        return {key: ref[key] for key in keys}

    for ref in iter_tag_refs(entry):
        yield {**article, **tag(ref)}
    for ref in entry["notes"]:
        yield {**article, **note(ref)}
    for passage in entry["passages"]:
        anchor = {key: passage[key] for key in ("start", "end", "quote", "prefix", "suffix")}
        for ref in passage["tags"]:
            yield {**article, **anchor, **tag(ref)}
        for ref in passage["notes"]:
            yield {**article, **anchor, **note(ref)}


STDLIB = {
    "json": stdlib_json,
    "jsonl": stdlib_jsonl,
    "csv": stdlib_csv,
    "w3c": lambda document: stdlib_json(build_collection(document)),
}


def assert_same_bytes_in_every_format(document: dict[str, Any]) -> None:
    for name in FORMATS:
        assert render(document, name) == STDLIB[name](document), name


def test_every_character_is_written_as_the_stdlib_writes_it():
    # Every code point but the surrogates, a few thousand to a string so a failure is local.
    text = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    chunks = [text[i : i + 4096] for i in range(0, len(text), 4096)]
    for chunk in chunks:
        value = {"text": chunk, "list": [chunk[:7], {"x": chunk[-7:]}]}
        assert jsonbytes.indented(value) == stdlib_json(value), repr(chunk[:20])
        assert jsonbytes.compact_lines([value]) == stdlib_jsonl({"articles": [value]})


def test_keys_are_sorted_by_code_point_as_the_stdlib_sorts_them():
    # Astral characters after the last BMP ones (UTF-16 order would put them first).
    keys = ["", "a", "B", "é", "\u00ff", "\u0100", "\ue000", "\uffff", "\U00010000", "😀", "aa"]
    value = {key: [{k: k for k in keys}] for key in keys}
    assert jsonbytes.indented(value) == stdlib_json(value)
    assert jsonbytes.compact_lines([value]) == stdlib_jsonl({"articles": [value]})


def test_layout_of_empty_and_nested_containers():
    value = {"a": [], "b": {}, "c": [[], [[]], [{}]], "d": [1, -2, True, False, None, ""]}
    assert jsonbytes.indented(value) == stdlib_json(value)
    assert jsonbytes.indented([]) == stdlib_json([])


@pytest.mark.parametrize("level", [0, 1, 2, 3])
def test_array_items_are_the_items_of_the_whole_layout(level):
    items = [{"k": [1, {"x": "a\nb"}], "e": {}}, [], "s", 3]
    value: Any = ["first", items]
    for _ in range(level - 1):
        value = {"k": value}
    whole = stdlib_json(items if level == 0 else value)
    inner = jsonbytes.array_items(items, level)
    indent = b"  " * (level + 1)
    assert b"[\n" + indent + inner + b"\n" + indent[2:] + b"]" in whole
    assert jsonbytes.array_items([], level) == b""


def test_realistic_export_is_byte_identical_to_the_stdlib_writers():
    corpus = seed_corpus()
    document = build_document(realistic_snapshot(corpus), metadata_by_id(corpus.articles, SEEDS))
    assert_same_bytes_in_every_format(document)


def test_empty_export_is_byte_identical_to_the_stdlib_writers():
    assert_same_bytes_in_every_format(build_document(Snapshot(), {}))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(snapshots())
def test_any_export_is_byte_identical_to_the_stdlib_writers(snapshot):
    assert_same_bytes_in_every_format(build_document(snapshot, {}))


# Text that csv.writer has to quote, and some that it must not.
CSV_TEXT = st.text(alphabet=',"\r\n \t;=é\u2028x', max_size=8)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(CSV_TEXT, CSV_TEXT, CSV_TEXT), min_size=1, max_size=6))
def test_csv_cells_that_need_quotes_and_those_that_do_not(cells):
    stamp = "2026-11-22T10:31:05Z"
    tag = Tag("a" * 32, 'Nom, "dit" X', "person")
    annotations = []
    for n, (note, author, quote) in enumerate(cells):
        target = TextTarget(n, n + len(quote), quote, quote, quote) if n % 2 else None
        annotations.append(Annotation(f"{n:032x}", "a1", None, note, target, stamp, stamp, author))
        annotations.append(Annotation(f"t{n}", quote or "x", tag.id, None, None, stamp, stamp, ""))
    document = build_document(Snapshot([tag], annotations), {})
    assert render(document, "csv") == stdlib_csv(document)


def test_csv_cells_of_other_types_are_written_as_csv_writer_writes_them():
    corpus = seed_corpus()
    document = build_document(realistic_snapshot(corpus), metadata_by_id(corpus.articles, SEEDS))
    entry = document["articles"][0]
    entry["people"][0]["author"] = 12  # not text: the row goes through csv.writer
    entry["title"] = 3.5
    assert render(document, "csv") == stdlib_csv(document)


class Text(str):
    """A str subclass: orjson refuses it here, the stdlib writes it as text."""


def one_note_document(note: str, start: int = 2) -> dict[str, Any]:
    stamp = "2026-11-22T10:31:05Z"
    annotation = Annotation("b" * 32, "a1", None, note, TextTarget(start, 9, "q"), stamp, stamp, "")
    plain = Annotation("c" * 32, "a1", TAGS[0].id, None, None, stamp, stamp, "linh")
    return build_document(Snapshot(TAGS, [annotation, plain]), {})


def test_what_orjson_would_write_otherwise_is_written_by_the_stdlib():
    for document in (
        one_note_document(Text("une note")),
        one_note_document("beyond 64 bits", start=2**70),
    ):
        assert_same_bytes_in_every_format(document)


@pytest.mark.parametrize("name", ["json", "jsonl", "w3c"])
def test_a_lone_surrogate_fails_as_it_always_did(name):
    document = one_note_document("half a pair: \ud800")
    with pytest.raises(UnicodeEncodeError):
        STDLIB[name](document)
    with pytest.raises(UnicodeEncodeError):
        render(document, name)


def test_w3c_items_split_across_articles_are_one_array():
    stamp = "2026-11-22T10:31:05Z"
    annotations = [
        Annotation(
            f"{n:032x}",
            f"article-{n % 3}",
            TAGS[n % len(TAGS)].id,
            None,
            None,
            stamp,
            stamp,
            "linh",
        )
        for n in range(10)
    ]
    document = build_document(Snapshot(TAGS, annotations), {})
    data = render(document, "w3c")
    assert data == stdlib_json(build_collection(document))
    assert len(json.loads(data)["first"]["items"]) == 10
    assert render(build_document(Snapshot(TAGS, annotations[::-1]), {}), "w3c") == data
