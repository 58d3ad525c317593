"""Imports the database must not take are refused whole, in one line, leaving no file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dipreader.cli import main
from dipreader.corpus import bundled_seeds, load_corpus
from dipreader.store import AnnotationStore

SRC = Path(__file__).resolve().parents[2] / "src"


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


@pytest.mark.parametrize("format_name", ["json", "jsonl", "csv", "w3c"])
def test_a_file_name_that_is_not_utf8_is_exported_readably(
    tmp_path: Path, format_name: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = min(bundled_seeds().iterdir())
    # A name with the byte 0xff, as a file copied from another system may have.
    (corpus / b"art\xffcle.txt".decode("utf-8", "surrogateescape")).write_bytes(seed.read_bytes())
    (article,) = load_corpus(corpus).articles
    db = tmp_path / "db.json"
    with AnnotationStore.open(db) as store:
        store.tag_article(article.id, "Tô Lâm", "person")
    out = tmp_path / f"out.{format_name}"
    assert (
        main(["export", str(corpus), "--db", str(db), "--format", format_name, "-o", str(out)]) == 0
    )
    text = out.read_bytes().decode("utf-8")  # valid UTF-8 throughout
    if format_name != "w3c":
        assert "art\\\\xffcle.txt" in text or "art\\xffcle.txt" in text


def _import_refused(tmp_path: Path, document: dict, db: Path, capsys) -> str:
    damaged = tmp_path / "refused.json"
    damaged.write_text(json.dumps(document), encoding="utf-8")
    assert main(["import", str(damaged), "--db", str(db)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("dipreader: error: ") and error.count("\n") == 1
    return error


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        ("a note of 30,000 characters", "at most 20000 characters"),
        ("a note with an escape sequence", "control characters"),
        ("a tag name of 10,000 characters", "at most 200 characters"),
        ("two tags of one name", "nothing was imported"),  # refused by the store itself
    ],
)
def test_an_import_is_held_to_the_stores_rules_and_refused_whole(
    tmp_path: Path, export_with_a_passage: dict, capsys, damage: str, said: str
) -> None:
    document = export_with_a_passage
    tag = document["articles"][0]["passages"][0]["tags"][0]
    note = {key: tag[key] for key in ("author", "created", "updated")}
    if damage == "a note of 30,000 characters":
        document["articles"][0]["notes"] = [
            {**note, "annotation_id": "c" * 32, "text": "n" * 30_000}
        ]
    elif damage == "a note with an escape sequence":
        document["articles"][0]["notes"] = [
            {**note, "annotation_id": "c" * 32, "text": "vu\x1b]0;titre\x07"}
        ]
    elif damage == "a tag name of 10,000 characters":
        document["vocabulary"][0]["name"] = "N" * 10_000
    else:
        document["vocabulary"].append(
            {**document["vocabulary"][0], "id": "f" * 32, "name": "tô lâm"}
        )
    existing = tmp_path / "existing.json"
    with AnnotationStore.open(existing) as store:
        store.add_note(document["articles"][0]["id"], "before the import")
    before = existing.read_bytes()
    assert said in _import_refused(tmp_path, document, existing, capsys)
    assert existing.read_bytes() == before
    error = _import_refused(tmp_path, document, tmp_path / "new.json", capsys)
    assert said in error and len(error) < 400
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("new")) == []


# The child reports its own peak (VmHWM: this program's memory since it started, unlike
# rusage, which counts the forking parent's too).
PEAK_CHILD = """
import sys
from dipreader.cli import main
code = main(sys.argv[1:])
peak = next(l for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(peak.split()[1], file=sys.stdout)
sys.exit(code)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc/self/status")
def test_a_200_mb_import_is_refused_by_its_size_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as file:  # sparse: 200 MB that take no disk, and no time to write
        file.truncate(200 * 2**20)
    db = tmp_path / "db.json"
    done = subprocess.run(
        [sys.executable, "-c", PEAK_CHILD, "import", str(huge), "--db", str(db)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "200 MB" in done.stderr and "up to 128 MB" in done.stderr
    assert int(done.stdout.split()[-1]) < 150 * 1024  # KiB: the 200 MB were never read
    assert not db.exists()
