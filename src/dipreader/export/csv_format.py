"""The `csv` export: one row per annotation, for pandas, R or a spreadsheet.

Cells hold exact values. Nothing is escaped against spreadsheet formula injection (a cell
starting with `=`, `+`, `-` or `@`): a quote such as "-3 % de croissance" must reach pandas
unchanged. docs/export-format.md tells spreadsheet users how to open the file as text.
"""

from __future__ import annotations

import csv
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
    lines: list[str] = []
    writer = csv.writer(_Sink(lines), lineterminator=_LINE_END)
    writer.writerow(COLUMNS)
    for entry in document["articles"]:
        for row in rows_of_article(entry):
            # csv.writer costs 0.3 s at 50k rows, scanning every character in C one by one.
            # Most rows hold no comma, quote or line break: csv.writer writes those as the
            # cells joined by commas (QUOTE_MINIMAL), which str.join does 6 times faster.
            # Any other row, or a cell that is not text, still goes through csv.writer.
            try:
                line = ",".join(row)
            except TypeError:
                writer.writerow(row)
                continue
            if (
                line.count(",") == _SEPARATORS
                and '"' not in line
                and "\r" not in line
                and "\n" not in line
            ):
                lines.append(line + _LINE_END)
            else:
                writer.writerow(row)
    return "".join(lines).encode("utf-8")


_LINE_END = "\r\n"
_SEPARATORS = len(COLUMNS) - 1


class _Sink:
    """What csv.writer writes to: the list of lines render_csv joins."""

    def __init__(self, lines: list[str]) -> None:
        self.write = lines.append


def rows_of_article(entry: Entry) -> Iterator[tuple[Any, ...]]:
    """Article tags, article notes, then each passage's tags and notes, in document order;
    each row the cells in COLUMNS order as text ("" where the row has no value), as
    csv.writer writes them."""
    article = (
        entry["id"],
        _text(entry["title"]),
        _text(entry["date"]),
        _text(entry["date_precision"]),
        _text(entry["source"]),
        _boolean(entry["read"]),
        _boolean(entry["starred"]),
    )
    anchors: list[tuple[tuple[Any, ...], list[dict[str, Any]], list[dict[str, Any]]]] = [
        (("", "", "", "", ""), list(iter_tag_refs(entry)), entry["notes"])
    ]
    for passage in entry["passages"]:
        anchor = (
            _text(passage["start"]),
            _text(passage["end"]),
            passage["quote"],
            passage["prefix"],
            passage["suffix"],
        )
        anchors.append((anchor, passage["tags"], passage["notes"]))
    for anchor, tags, notes in anchors:
        # Columns: the article's; annotation_id, kind, tag, tag_id, note; the passage's;
        # author, created, updated.
        for ref in tags:
            yield (
                *article,
                ref["annotation_id"],
                ref["kind"],
                ref["name"],
                ref["tag_id"],
                "",
                *anchor,
                ref["author"],
                ref["created"],
                ref["updated"],
            )
        for ref in notes:
            yield (
                *article,
                ref["annotation_id"],
                NOTE_KIND,
                "",
                "",
                ref["text"],
                *anchor,
                ref["author"],
                ref["created"],
                ref["updated"],
            )


def _text(value: Any) -> str:
    # As csv.writer writes a cell: None as an empty cell, numbers as str() does.
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _boolean(value: bool) -> str:
    # pandas.read_csv reads "true"/"false" columns as bool.
    return "true" if value else "false"
