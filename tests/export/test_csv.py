from __future__ import annotations

import csv
import io

import pytest

from dipreader.export.csv_format import COLUMNS, render_csv
from dipreader.export.document import build_document
from dipreader.export.snapshot import metadata_by_id

from .realistic import GONE_ARTICLE_ID, HOSTILE_NOTE, SEEDS, realistic_snapshot, seed_corpus


@pytest.fixture(scope="module")
def snapshot_and_rows():
    corpus = seed_corpus()
    snapshot = realistic_snapshot(corpus)
    document = build_document(snapshot, metadata_by_id(corpus.articles, SEEDS))
    data = render_csv(document)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    return snapshot, document, data, rows


def test_one_row_per_annotation_with_exact_values(snapshot_and_rows):
    snapshot, _document, _data, rows = snapshot_and_rows
    assert len(rows) == len(snapshot.annotations)
    assert {r["annotation_id"] for r in rows} == {a.id for a in snapshot.annotations}
    by_id = {r["annotation_id"]: r for r in rows}
    for annotation in snapshot.annotations:
        row = by_id[annotation.id]
        assert row["article_id"] == annotation.article_id
        assert (row["author"], row["created"], row["updated"]) == (
            annotation.author,
            annotation.created,
            annotation.updated,
        )
        if annotation.note is not None:
            assert (row["kind"], row["note"], row["tag"], row["tag_id"]) == (
                "note",
                annotation.note,
                "",
                "",
            )
        else:
            assert row["tag_id"] == annotation.tag_id and row["note"] == ""
        if annotation.target is None:
            assert row["start"] == row["end"] == row["quote"] == ""
        else:
            target = annotation.target
            assert (int(row["start"]), int(row["end"])) == (target.start, target.end)
            assert (row["quote"], row["prefix"], row["suffix"]) == (
                target.exact,
                target.prefix,
                target.suffix,
            )


def test_header_and_article_columns(snapshot_and_rows):
    _snapshot, _document, data, rows = snapshot_and_rows
    assert data.decode("utf-8").split("\r\n", 1)[0] == ",".join(COLUMNS)
    assert not data.startswith(b"\xef\xbb\xbf")
    gaza = [r for r in rows if r["article_id"] == "c69367fe4e06042e"]
    assert {(r["date"], r["date_precision"], r["read"], r["starred"]) for r in gaza} == {
        ("2026-02-21", "day", "true", "true")
    }
    assert {r["source"] for r in gaza} == {"001_acbf850183a4d512.txt"}
    gone = [r for r in rows if r["article_id"] == GONE_ARTICLE_ID]
    assert [(r["title"], r["date"], r["source"], r["tag"]) for r in gone] == [
        ("", "", "", "Donald Trump")
    ]


def test_hostile_text_survives_unchanged(snapshot_and_rows):
    _snapshot, _document, _data, rows = snapshot_and_rows
    (row,) = [r for r in rows if r["note"] == HOSTILE_NOTE]
    assert row["note"].startswith("=HYPERLINK(")  # exact value, documented: no formula guard


def test_rows_follow_document_order(snapshot_and_rows):
    _snapshot, _document, _data, rows = snapshot_and_rows
    assert [r["article_id"] for r in rows] == sorted(r["article_id"] for r in rows)
    gaza = [r for r in rows if r["article_id"] == "c69367fe4e06042e"]
    assert [r["kind"] for r in gaza] == [
        "person", "person", "theme", "theme", "organisation", "note",  # whole article
        "place",  # Washington D.C.
        "person", "person", "note",  # the meeting passage
    ]  # fmt: skip


def test_empty_export_is_just_the_header():
    data = render_csv({"articles": []})
    assert data == (",".join(COLUMNS) + "\r\n").encode()


def test_lone_carriage_returns_do_not_split_rows():
    from dipreader.export.snapshot import Snapshot
    from dipreader.store.model import Annotation

    stamp = "2026-01-01T00:00:00Z"
    odd = Annotation("1" * 32, "art", None, "a\rb\r\nc\n", None, stamp, stamp, "\r")
    data = render_csv(build_document(Snapshot(annotations=[odd]), {}))
    (row,) = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    assert (row["note"], row["author"]) == ("a\rb\r\nc\n", "\r")
