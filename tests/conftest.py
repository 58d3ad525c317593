from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS = REPO_ROOT / "seeds"
SHARED = REPO_ROOT.parent / "shared"

# Corpus caches of the whole run, and of every process a test starts, go to a private folder,
# never to the user's cache. Set here, at import, because some test modules load a corpus
# while they are collected, before any fixture runs.
TEST_CACHE_DIR = tempfile.mkdtemp(prefix="dipreader-test-cache-")
os.environ["DIPREADER_CACHE_DIR"] = TEST_CACHE_DIR
atexit.register(shutil.rmtree, TEST_CACHE_DIR, ignore_errors=True)


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the sample corpus that a test may change."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for seed in SEEDS.iterdir():
        (folder / seed.name).write_bytes(seed.read_bytes())
    return folder


@pytest.fixture
def server():
    """A real HTTP server on 127.0.0.1 (`tests.fetch.server.LocalServer`), stopped after."""
    from tests.fetch.server import LocalServer

    local = LocalServer().start()
    try:
        yield local
    finally:
        local.stop()
