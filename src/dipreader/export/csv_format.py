"""The `csv` export: one row per annotation, for pandas, R or a spreadsheet.

Cells hold exact values. Nothing is escaped against spreadsheet formula injection (a cell
starting with `=`, `+`, `-` or `@`): a quote such as "-3 % de croissance" must reach pandas
unchanged. docs/export-format.md tells spreadsheet users how to open the file as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from dipreader.export.document import Document, Entry, iter_tag_refs

NOTE_KIND = "note"

COLUMNS = (
    "article_id",
    "title",
    "date",
    "date_precision",
    "source",
    "read",
    "starred",
    "annotation_id",
    "kind",
    "tag",
    "tag_id",
    "note",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "author",
    "created",
    "updated",
)


def render_csv(document: Document) -> bytes:
    """UTF-8 CSV (no byte-order mark), a header row, RFC 4180 `\\r\\n` line ends.

    The csv module quotes a field only if it holds a character of the line terminator: with
    `\\n` alone, a lone `\\r` in a note would go out bare and split the row when read back.
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for entry in document["articles"]:
        writer.writerows(rows_of_article(entry))
    return buffer.getvalue().encode("utf-8")


def rows_of_article(entry: Entry) -> Iterator[dict[str, Any]]:
    """Article tags, article notes, then each passage's tags and notes, in document order."""
    article = {
        "article_id": entry["id"],
        "title": entry["title"],
        "date": entry["date"],
        "date_precision": entry["date_precision"],
        "source": entry["source"],
        "read": _boolean(entry["read"]),
        "starred": _boolean(entry["starred"]),
    }
    for ref in iter_tag_refs(entry):
        yield {**article, **_tag_cells(ref)}
    for ref in entry["notes"]:
        yield {**article, **_note_cells(ref)}
    for passage in entry["passages"]:
        anchor = {
            "start": passage["start"],
            "end": passage["end"],
            "quote": passage["quote"],
            "prefix": passage["prefix"],
            "suffix": passage["suffix"],
        }
        for ref in passage["tags"]:
            yield {**article, **anchor, **_tag_cells(ref)}
        for ref in passage["notes"]:
            yield {**article, **anchor, **_note_cells(ref)}


def _tag_cells(ref: dict[str, Any]) -> dict[str, Any]:
    return {
        "annotation_id": ref["annotation_id"],
        "kind": ref["kind"],
        "tag": ref["name"],
        "tag_id": ref["tag_id"],
        **_provenance(ref),
    }


def _note_cells(ref: dict[str, Any]) -> dict[str, Any]:
    return {
        "annotation_id": ref["annotation_id"],
        "kind": NOTE_KIND,
        "note": ref["text"],
        **_provenance(ref),
    }


def _provenance(ref: dict[str, Any]) -> dict[str, Any]:
    return {"author": ref["author"], "created": ref["created"], "updated": ref["updated"]}


def _boolean(value: bool) -> str:
    # pandas.read_csv reads "true"/"false" columns as bool.
    return "true" if value else "false"
