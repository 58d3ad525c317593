from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dipreader.store import AnnotationStore

ARTICLE = "a11d0ef0997eda5b"
OTHER_ARTICLE = "acbf850183a4d512"
TEXT = (
    "Le secrétaire général Tô Lâm a rencontré le président américain à Hanoï. "
    "Les deux dirigeants ont évoqué le commerce et la coopération en matière de santé."
)


def on_disk(path: Path) -> dict[str, Any]:
    """What is durable on disk, read without the store: the database file as plain JSON, plus
    the steps of its journal (if the journal is of the file's generation) replayed on it."""
    data = json.loads(path.read_text(encoding="utf-8"))
    journal = path.with_name(path.name + ".journal")
    if not journal.exists():
        return data
    lines = [line.split(b" ", 1)[1] for line in journal.read_bytes().split(b"\n")[:-1]]
    header = json.loads(lines[0])
    (meta,) = data["meta"].values()
    if header["generation"] != meta.get("generation", 0):
        return data
    for line in lines[1:]:
        for table, doc_uuid, doc in json.loads(line)["changes"]:
            docs = data[table]
            key = next((k for k, d in docs.items() if d["uuid"] == doc_uuid), None)
            if doc is None:
                docs.pop(key, None)
            else:
                docs[key or f"journal-{doc_uuid}"] = doc
    return data


def disk_docs(path: Path, table: str) -> list[dict[str, Any]]:
    return list(on_disk(path)[table].values())


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "annotations.json"


@pytest.fixture
def store(db_path: Path):
    with AnnotationStore.open(db_path, author="analyst") as opened:
        yield opened
