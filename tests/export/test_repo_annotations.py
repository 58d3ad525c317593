"""The repository's own annotation of the seed articles, exported in every format."""

from __future__ import annotations

import json
import shutil

import pytest
from jsonschema import Draft202012Validator

from dipreader.cli import main
from dipreader.export.schema import export_schema

from .realistic import REPO_ROOT
from .w3c_suite import must_failures, must_validators

REPO_ANNOTATIONS = REPO_ROOT / "annotations.json"


@pytest.fixture
def copy_of_repo_db(tmp_path, monkeypatch):
    if not REPO_ANNOTATIONS.is_file():
        pytest.skip(f"no {REPO_ANNOTATIONS.name} at the top of the repository yet")
    monkeypatch.chdir(tmp_path)
    # A copy: a writable open would leave a .bak and a lock beside the repository's file.
    shutil.copy(REPO_ANNOTATIONS, tmp_path / "annotations.json")
    return tmp_path


def test_repo_annotations_export_validly_and_round_trip(copy_of_repo_db, capsys):
    assert main(["export", "-o", "first.json"]) == 0
    document = json.loads((copy_of_repo_db / "first.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(export_schema())
    assert [e.message for e in validator.iter_errors(document)] == []
    assert document["articles"], "the repository's database annotates the seeds"
    assert main(["import", "first.json", "--db", "restored.json"]) == 0
    assert main(["export", "--db", "restored.json", "-o", "second.json"]) == 0
    first, second = (copy_of_repo_db / name for name in ("first.json", "second.json"))
    assert second.read_bytes() == first.read_bytes()


def test_repo_annotations_pass_the_w3c_musts(copy_of_repo_db, capsys):
    validators = must_validators()
    assert main(["export", "--format", "w3c", "-o", "w3c.jsonld"]) == 0
    collection = json.loads((copy_of_repo_db / "w3c.jsonld").read_text(encoding="utf-8"))
    items = collection["first"]["items"]
    assert items
    assert {item["id"]: must_failures(validators, item) for item in items} == {
        item["id"]: [] for item in items
    }
