"""Imports the database must not take are refused whole, in one line, leaving no file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dipreader.cli import main
from dipreader.corpus import bundled_seeds, load_corpus
from dipreader.store import AnnotationStore


@pytest.fixture
def export_with_a_passage(tmp_path: Path) -> dict:
    article = min(load_corpus(bundled_seeds()).articles, key=lambda a: a.id)
    source = tmp_path / "source.json"
    with AnnotationStore.open(source) as store:
        store.tag_passage(article.id, article.text, 0, 10, "Tô Lâm", "person")
    exported = tmp_path / "export.json"
    assert main(["export", "--db", str(source), "-o", str(exported)]) == 0
    return json.loads(exported.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("end", "said"),
    [(2**64, "must be an integer from 0 to"), (99_999_999, "do not span its quote")],
)
def test_an_offset_out_of_reach_is_refused_and_leaves_no_database(
    tmp_path: Path, export_with_a_passage: dict, capsys, end: int, said: str
) -> None:
    export_with_a_passage["articles"][0]["passages"][0]["end"] = end
    damaged = tmp_path / "damaged.json"
    damaged.write_text(json.dumps(export_with_a_passage), encoding="utf-8")
    new = tmp_path / "new.json"
    assert main(["import", str(damaged), "--db", str(new)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("dipreader: error: ") and error.count("\n") == 1 and said in error
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("new")) == []
