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
    """The database file as any JSON reader sees it (not through the store)."""
    return json.loads(path.read_text(encoding="utf-8"))


def disk_docs(path: Path, table: str) -> list[dict[str, Any]]:
    return list(on_disk(path)[table].values())


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "annotations.json"


@pytest.fixture
def store(db_path: Path):
    with AnnotationStore.open(db_path, author="analyst") as opened:
        yield opened
