from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dipreader.corpus.fetch import http
from dipreader.corpus.fetch.http import HttpClient


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private configuration folder (where feeds.json lives) for each test."""
    folder = tmp_path / "config"
    monkeypatch.setenv("DIPREADER_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def quick_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    """Clients the command line makes wait little: a test server answers at once or never."""
    monkeypatch.setattr(http, "DEFAULT_BACKOFF", 0.01)
    monkeypatch.setattr(http, "DEFAULT_CONNECT_TIMEOUT", 2.0)
    monkeypatch.setattr(http, "DEFAULT_READ_TIMEOUT", 2.0)


@pytest.fixture
def client() -> Iterator[HttpClient]:
    with HttpClient(connect_timeout=2, read_timeout=2, backoff=0.01, max_retry_after=2) as made:
        yield made


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder
