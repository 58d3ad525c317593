"""`dipreader export` and `dipreader import` end to end, on real database files made through
the store's public API."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from dipreader.cli import main
from dipreader.export.schema import export_schema
from dipreader.store import AnnotationStore

from .realistic import HOSTILE_NOTE, SEEDS, seed_corpus
from .w3c_suite import must_failures, must_validators

GAZA, COMMISSION, CALL, UNDATED = (
    "c69367fe4e06042e",
    "db209d44f20b79fb",
    "0f98363752d242e3",
    "f7b640336f895577",
)
GONE = "00000000deadbeef"


def populate(db: Path) -> None:
    """A database as an analyst leaves it: the app's own calls, a renamed default theme,
    user kinds, passages with several annotations, corrections, and an article that left the
    corpus."""
    corpus = seed_corpus()
    gaza = corpus.get(GAZA)
    text = gaza.text
    meeting = text.index("a rencontré le président")
    with AnnotationStore.open(db, author="linh") as store:
        store.tag_article(GAZA, "Tô Lâm", "person")
        store.tag_article(GAZA, "Donald Trump", "person")
        store.tag_article(GAZA, "Middle East / Gaza peace", "theme")
        store.tag_article(GAZA, "Washington", "place")
        store.tag_passage(GAZA, text, meeting, meeting + 24, "Donald Trump", "person")
        store.tag_passage(GAZA, text, meeting, meeting + 24, "high-level diplomacy", "theme")
        store.add_note(GAZA, HOSTILE_NOTE, text=text, start=meeting, end=meeting + 24)
        store.add_note(GAZA, "Première rencontre depuis 2017.")
        store.set_read(GAZA)
        store.set_starred(GAZA)
        store.tag_article(COMMISSION, "trade & economy", "theme")
        store.tag_article(COMMISSION, "ASEAN", "organisation")
        store.correct(COMMISSION, title="Le chef de la CCRE en visite")
        store.add_note(COMMISSION, "à vérifier")
        store.add_note(COMMISSION, "à vérifier")  # twice: two notes, both kept by an import
        store.correct(UNDATED, date="2024-06")
        store.tag_article(CALL, "To Lam", "person")  # folds to Tô Lâm: the same tag
        store.tag_article(GONE, "Donald Trump", "person")
        trade = store.find_tag("trade & economy", "theme")
        store.update_tag(trade.id, name="Commerce et économie", colour="#ffaa00")
        store.add_alias(store.find_tag("Tô Lâm", "person").id, "SG Tô Lâm")


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def db(workdir) -> Path:
    path = workdir / "annotations.json"
    populate(path)
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_to_stdout_and_file_are_the_same_valid_document(db, workdir, capsys):
    code, out, err = run(capsys, "export")
    assert code == 0
    assert "1 annotated article(s) are not in the corpus" in err and GONE in err
    document = json.loads(out)
    validator = Draft202012Validator(
        export_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(document)] == []
    assert run(capsys, "export", "-o", "out.json")[0] == 0
    assert (workdir / "out.json").read_text(encoding="utf-8") == out
    entries = {e["id"]: e for e in document["articles"]}
    assert set(entries) == {GAZA, COMMISSION, CALL, UNDATED, GONE}
    assert entries[GONE]["title"] is None and entries[GONE]["people"][0]["name"] == "Donald Trump"
    assert entries[CALL]["people"][0]["name"] == "Tô Lâm"
    assert entries[COMMISSION]["themes"][0]["name"] == "Commerce et économie"
    assert entries[COMMISSION]["title"] == "Le chef de la CCRE en visite"
    assert entries[GAZA]["source"] == "001_acbf850183a4d512.txt"
    (passage,) = entries[GAZA]["passages"]
    assert [t["name"] for t in passage["tags"]] == ["Donald Trump", "high-level diplomacy"]
    assert passage["notes"][0]["author"] == "linh"


def test_round_trip_through_a_new_database_is_byte_identical(db, workdir, capsys):
    assert run(capsys, "export", "-o", "first.json")[0] == 0
    code, out, _ = run(capsys, "import", "first.json", "--db", "restored.json")
    assert code == 0 and "(new database)" in out
    assert run(capsys, "export", "--db", "restored.json", "-o", "second.json")[0] == 0
    assert (workdir / "second.json").read_bytes() == (workdir / "first.json").read_bytes()


def test_importing_twice_adds_nothing_and_leaves_the_file_alone(db, workdir, capsys):
    run(capsys, "export", "-o", "first.json")
    run(capsys, "import", "first.json", "--db", "copy.json")
    before = (workdir / "copy.json").read_bytes()
    code, out, _ = run(capsys, "import", "first.json", "--db", "copy.json")
    assert code == 0
    assert "annotations: 0 new, 14 already present" in out
    assert "conflicts (kept the database's version): 0" in out
    assert (workdir / "copy.json").read_bytes() == before


def test_merge_into_a_working_database_reports_conflicts_and_keeps_ours(db, workdir, capsys):
    run(capsys, "export", "-o", "theirs.json")
    theirs = json.loads((workdir / "theirs.json").read_text(encoding="utf-8"))
    gaza = next(e for e in theirs["articles"] if e["id"] == GAZA)
    gaza["notes"][0]["text"] = "leur version"
    gaza["notes"][0]["updated"] = "2027-01-01T00:00:00Z"
    theme = next(t for t in theirs["vocabulary"] if t["name"] == "Commerce et économie")
    theme["colour"] = "#000000"
    (workdir / "theirs.json").write_text(json.dumps(theirs, ensure_ascii=False), "utf-8")
    with AnnotationStore.open(db) as store:
        ours = {a.id: a for a in store.annotations()}
        store.untag_article(GAZA, "Washington", "place")  # they still have it: comes back
    code, out, _ = run(capsys, "import", "theirs.json")
    assert code == 0
    assert "annotations: 1 new, 12 already present" in out
    assert "conflicts (kept the database's version): 2" in out
    assert "differs in colour" in out and "differs in note, updated" in out
    with AnnotationStore.open(db, read_only=True) as store:
        after = {a.id: a for a in store.annotations()}
        assert after == ours
        assert store.find_tag("Commerce et économie", "theme").colour == "#ffaa00"


def test_import_is_one_undo_step(db, workdir, capsys):
    run(capsys, "export", "-o", "first.json")
    run(capsys, "import", "first.json", "--db", "restored.json")
    with AnnotationStore.open(workdir / "restored.json") as store:
        assert len(store.annotations()) == 14
        assert store.undo() == "import first.json"
        assert store.annotations() == [] and store.states() == {}
        # Undone too: the file's vocabulary replaced the default themes of the new database.
        assert {t.name for t in store.tags()} >= {"trade & economy", "war legacy"}


def test_dry_run_changes_nothing(db, workdir, capsys):
    run(capsys, "export", "-o", "first.json")
    code, out, _ = run(capsys, "import", "first.json", "--db", "nope.json", "--dry-run")
    assert code == 0 and out.startswith("would import") and "annotations: 14 new" in out
    assert not (workdir / "nope.json").exists()
    before = db.read_bytes()
    with AnnotationStore.open(db) as store:
        store.untag_article(GAZA, "Washington", "place")
    changed = db.read_bytes()
    code, out, _ = run(capsys, "import", "first.json", "--dry-run")
    assert "annotations: 1 new" in out
    assert db.read_bytes() == changed != before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "is not JSON"),
        (b'{"format": "other"}', "is not a dipreader json export"),
        (b'{"format": "dipreader-export", "schema_version": 9}', "newer dipreader"),
        (
            b'{"format": "dipreader-export", "schema_version": 1, "vocabulary": [], '
            b'"articles": [{"id": "x"}]}',
            r"articles\[0\]",
        ),
    ],
)
def test_bad_files_exit_2_and_leave_the_database_byte_identical(
    db, workdir, capsys, content, message
):
    (workdir / "bad.json").write_bytes(content)
    before = db.read_bytes()
    code, out, err = run(capsys, "import", "bad.json")
    assert code == 2 and out == ""
    assert err.startswith("dipreader: error: bad.json") and re.search(message, err)
    assert db.read_bytes() == before


def test_existing_output_needs_force(db, workdir, capsys):
    target = workdir / "out.csv"
    target.write_text("do not lose me")
    code, _, err = run(capsys, "export", "--format", "csv", "-o", "out.csv")
    assert code == 2 and "already exists; use --force" in err
    assert target.read_text() == "do not lose me"
    assert run(capsys, "export", "--format", "csv", "-o", "out.csv", "--force")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("article_id,")


def test_output_cannot_be_the_database(db, capsys):
    before = db.read_bytes()
    code, _, err = run(capsys, "export", "-o", str(db), "--force")
    assert code == 2 and "is the annotation database" in err
    assert db.read_bytes() == before


def test_missing_database_is_a_clear_error(workdir, capsys):
    code, out, err = run(capsys, "export", "--db", "absent.json")
    assert code == 2 and out == "" and "no annotation database" in err
    assert not (workdir / "absent.json").exists()


def test_csv_export_round_trips_through_the_csv_module(db, capsys):
    code, out, _ = run(capsys, "export", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert len(rows) == 14
    notes = [r for r in rows if r["kind"] == "note"]
    assert sorted(r["note"] for r in notes) == sorted(
        [HOSTILE_NOTE, "Première rencontre depuis 2017.", "à vérifier", "à vérifier"]
    )


def test_jsonl_lines_are_the_json_entries(db, capsys):
    document = json.loads(run(capsys, "export")[1])
    code, out, _ = run(capsys, "export", "--format", "jsonl")
    assert code == 0
    # splitlines breaks at U+2028 too, which the hostile note holds: jsonl escapes it.
    assert [json.loads(line) for line in out.splitlines()] == document["articles"]


def test_w3c_export_of_a_real_database_passes_the_musts(db, capsys):
    validators = must_validators()
    code, out, _ = run(capsys, "export", "--format", "w3c")
    assert code == 0
    items = json.loads(out)["first"]["items"]
    assert len(items) == 14
    assert {item["id"]: must_failures(validators, item) for item in items} == {
        item["id"]: [] for item in items
    }
    assert all(item["id"].startswith("urn:uuid:") for item in items)


def test_corpus_argument_names_sources_relative_to_it(db, workdir, capsys):
    corpus = workdir / "mon corpus"
    (corpus / "2026").mkdir(parents=True)
    shutil.copy(SEEDS / "001_acbf850183a4d512.txt", corpus / "2026" / "gaza.txt")
    code, out, err = run(capsys, "export", str(corpus))
    assert code == 0
    entries = {e["id"]: e for e in json.loads(out)["articles"]}
    assert entries[GAZA]["source"] == "2026/gaza.txt"
    assert entries[COMMISSION]["source"] is None  # not in this corpus: metadata null
    assert "4 annotated article(s) are not in the corpus" in err


def test_export_works_while_the_app_holds_the_database(db, capsys):
    with AnnotationStore.open(db):
        code, out, _ = run(capsys, "export")
    assert code == 0 and json.loads(out)["articles"]


def test_import_waits_then_names_the_holder(db, workdir, capsys, monkeypatch):
    import dipreader.cli.export_cmds as export_cmds

    monkeypatch.setattr(export_cmds, "LOCK_WAIT_SECONDS", 0.2)
    run(capsys, "export", "-o", "first.json")
    with AnnotationStore.open(db):
        code, _, err = run(capsys, "import", "first.json")
    assert code == 2 and "dipreader: error:" in err


def test_command_module_imports_nothing_heavy():
    probe = (
        "import sys, dipreader.cli.export_cmds\n"
        "heavy = {'dipreader.store', 'dipreader.export.reader', 'jsonschema', 'tinydb',"
        " 'textual'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_cli_offers_exactly_the_formats_the_package_writes():
    from dipreader.cli.export_cmds import FORMATS as OFFERED
    from dipreader.export.formats import FORMATS, render

    assert OFFERED == FORMATS
    with pytest.raises(ValueError, match="unknown export format 'xml'"):
        render({"articles": []}, "xml")


def test_a_record_the_store_refuses_aborts_the_whole_import(db, workdir, capsys):
    run(capsys, "export", "-o", "theirs.json")
    theirs = json.loads((workdir / "theirs.json").read_text(encoding="utf-8"))
    theirs["vocabulary"].append(
        {"id": "e" * 32, "kind": "place", "name": "Huế", "aliases": [], "colour": "Rouge!",
         "description": ""}
    )  # fmt: skip
    gaza = next(e for e in theirs["articles"] if e["id"] == GAZA)
    gaza["notes"].append({**gaza["notes"][0], "annotation_id": "f" * 32, "text": "nouvelle"})
    (workdir / "theirs.json").write_text(json.dumps(theirs, ensure_ascii=False), "utf-8")
    with AnnotationStore.open(db, read_only=True) as store:
        before = (store.tags(), store.annotations())
    code, out, err = run(capsys, "import", "theirs.json")
    assert code == 2 and out == ""
    assert "not a colour" in err  # refused as it is read, before the database is opened
    with AnnotationStore.open(db, read_only=True) as store:
        assert (store.tags(), store.annotations()) == before


@pytest.mark.parametrize(
    ("name", "written_as"),
    [("out.csv", "csv"), ("out.JSONL", "jsonl"), ("out.ndjson", "jsonl"), ("out.jsonld", "w3c"),
     ("out.json", "json"), ("out.txt", "json"), ("out", "json")],
)  # fmt: skip
def test_the_output_s_name_gives_the_format(db, workdir, capsys, name: str, written_as: str):
    assert main(["export", "--db", str(db), "-o", name]) == 0
    assert (workdir / name).read_bytes() == _rendered(db, written_as, capsys)


def test_a_name_and_a_format_that_disagree_are_refused_before_writing(db, workdir, capsys):
    assert main(["export", "--db", str(db), "--format", "json", "-o", "out.csv"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("dipreader: error: out.csv is named as csv but --format is json")
    assert not (workdir / "out.csv").exists()
    assert main(["export", "--db", str(db), "--format", "csv", "-o", "out.csv"]) == 0


def _rendered(db: Path, format_name: str, capsys) -> bytes:
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--format", format_name]) == 0
    return capsys.readouterr().out.encode("utf-8")
