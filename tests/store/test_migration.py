"""Upgrading a hand-written schema 1 file: data carried over, the original kept as a backup."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dipreader.store import AnnotationStore, StoreCorrupt
from dipreader.store.schema import SCHEMA_VERSION

from .conftest import ARTICLE, OTHER_ARTICLE

SCHEMA_1 = Path(__file__).parent / "data" / "annotations-schema1.json"


@pytest.fixture
def old_file(db_path: Path) -> Path:
    shutil.copyfile(SCHEMA_1, db_path)
    return db_path


def test_schema_1_is_upgraded_with_a_backup(old_file: Path) -> None:
    original = old_file.read_bytes()
    with AnnotationStore.open(old_file) as store:
        assert store.schema_version == SCHEMA_VERSION
        trong = store.find_tag("tong bi thu", "person")
        assert trong is not None and trong.name == "Nguyễn Phú Trọng"
        assert store.kinds() == ["person", "theme", "place"]
        by_article = {a: store.annotations(a) for a in (ARTICLE, OTHER_ARTICLE)}
        whole, passage = by_article[ARTICLE]
        assert whole.tag_id == trong.id and whole.author == "lan"
        assert passage.target is not None and passage.target.exact == "agent orange"
        assert (passage.target.start, passage.target.prefix) == (10, "")
        place, note = by_article[OTHER_ARTICLE]
        assert store.get_tag(place.tag_id or "").name == "Hanoï"
        assert note.note == "Vérifier la date." and note.updated == note.created
        assert store.state(OTHER_ARTICLE).title == "Visite officielle"
        assert store.state(OTHER_ARTICLE).date == "2024-11"
        assert not store.can_undo
        store.tag_article(ARTICLE, "Tô Lâm", "person")
    backup = old_file.with_name(old_file.name + ".bak-1")
    assert backup.read_bytes() == original
    data = json.loads(old_file.read_text(encoding="utf-8"))
    assert next(iter(data["meta"].values()))["schema"] == SCHEMA_VERSION
    assert all(isinstance(doc["uuid"], str) for doc in data["annotations"].values())
    assert len(data["annotations"]) == 5


def test_read_only_upgrades_in_memory_only(old_file: Path) -> None:
    original = old_file.read_bytes()
    with AnnotationStore.open(old_file, read_only=True) as store:
        assert len(store.annotations()) == 4
    assert old_file.read_bytes() == original
    assert not old_file.with_name(old_file.name + ".bak-1").exists()


def test_an_existing_backup_is_never_overwritten(old_file: Path) -> None:
    first_backup = old_file.with_name(old_file.name + ".bak-1")
    first_backup.write_bytes(b"an older backup")
    AnnotationStore.open(old_file).close()
    assert first_backup.read_bytes() == b"an older backup"
    assert old_file.with_name(old_file.name + ".bak-1.2").read_bytes() == SCHEMA_1.read_bytes()


def test_a_schema_1_file_that_breaks_its_promises_is_refused(db_path: Path) -> None:
    data = json.loads(SCHEMA_1.read_text(encoding="utf-8"))
    data["annotations"]["1"]["tag"] = 99
    content = json.dumps(data).encode()
    db_path.write_bytes(content)
    with pytest.raises(StoreCorrupt, match="tag 99"):
        AnnotationStore.open(db_path)
    assert db_path.read_bytes() == content
