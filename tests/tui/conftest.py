"""Fixtures for the app's tests: a real database file in a temp folder, the sample corpus,
and a settings folder of the test's own (never the user's)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dipreader.config import CONFIG_DIR_ENV, load_config
from dipreader.corpus import Corpus, load_corpus
from dipreader.store import AnnotationStore
from dipreader.tui.app import DipreaderApp

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS = REPO_ROOT / "seeds"
SIZE = (120, 40)


def _seed_ids() -> dict[str, str]:
    """The sample articles' ids (hashes of their text), named by their dates."""
    by_date = {(a.date.iso() if a.date else "undated"): a.id for a in load_corpus(SEEDS).articles}
    return {
        "newest": by_date["2026-02-21"],
        "december": by_date["2024-12"],  # month precision
        "november": by_date["2024-11"],
        "july": by_date["2023-07"],
        "undated": by_date["undated"],
    }


_IDS = _seed_ids()
NEWEST = _IDS["newest"]  # the Gaza peace council meeting
DECEMBER = _IDS["december"]
NOVEMBER = _IDS["november"]
JULY = _IDS["july"]
UNDATED = _IDS["undated"]
ORDER = [NEWEST, DECEMBER, NOVEMBER, JULY, UNDATED]


def on_disk(path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """What is on disk, read with `json.loads` and not through the store: the database file,
    then the steps its journal (`<db>.journal`, JSON Lines after an 8-digit checksum) holds
    since the last checkpoint. Tables are keyed by each document's uuid."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    tables = {
        name: {doc["uuid"]: doc for doc in docs.values()}
        for name, docs in raw.items()
        if isinstance(docs, dict)
    }
    journal = path.with_name(path.name + ".journal")
    if journal.exists():
        lines = journal.read_text(encoding="utf-8").splitlines()
        for line in lines[1:]:  # the first line is the header
            step = json.loads(line.partition(" ")[2])
            for table, uuid, doc in step["changes"]:
                if doc is None:
                    tables.setdefault(table, {}).pop(uuid, None)
                else:
                    tables.setdefault(table, {})[uuid] = doc
    return tables


def disk_tags(path: Path) -> dict[str, dict[str, Any]]:
    return on_disk(path)["vocabulary"]


def disk_annotations(path: Path, article_id: str | None = None) -> list[dict[str, Any]]:
    docs = list(on_disk(path)["annotations"].values())
    return [d for d in docs if article_id is None or d["article_id"] == article_id]


def disk_tag_names(path: Path, article_id: str) -> set[tuple[str, str]]:
    """(kind, name) of every tag on the article, whole-article or passage."""
    tags = disk_tags(path)
    return {
        (tags[a["tag_id"]]["kind"], tags[a["tag_id"]]["name"])
        for a in disk_annotations(path, article_id)
        if a.get("tag_id")
    }


def disk_state(path: Path, article_id: str) -> dict[str, Any]:
    for doc in on_disk(path)["states"].values():
        if doc["article_id"] == article_id:
            return doc
    return {"read": False, "starred": False}


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv(CONFIG_DIR_ENV, str(folder))
    return folder


@pytest.fixture(scope="session")
def seed_corpus() -> Corpus:
    return load_corpus(SEEDS)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "annotations.json"


MakeApp = Callable[..., DipreaderApp]


@pytest.fixture
def make_app(db_path: Path, seed_corpus: Corpus) -> Iterator[MakeApp]:
    """Build an app on a real database file; every store opened is closed afterwards. No
    spaCy unless a test gives an `entities_loader`: the suite runs the same (and fast) with
    or without it installed."""
    stores: list[AnnotationStore] = []

    def build(
        corpus: Corpus | None = None,
        *,
        path: Path | None = None,
        read_only_reason: str | None = None,
        **app_args: Any,
    ) -> DipreaderApp:
        store = AnnotationStore.open(path or db_path, read_only=read_only_reason is not None)
        stores.append(store)
        if "corpus_source" not in app_args:
            app_args["corpus"] = corpus or seed_corpus
        app_args.setdefault("entities_loader", None)
        return DipreaderApp(
            store=store, config=load_config(), read_only_reason=read_only_reason, **app_args
        )

    yield build
    for store in stores:
        store.close()
