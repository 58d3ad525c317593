from __future__ import annotations

from pathlib import Path

import pytest

from dipreader.suggest import Suggester


@pytest.fixture(autouse=True)
def private_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never read the real user's theme file."""
    folder = tmp_path / "config"
    monkeypatch.setenv("DIPREADER_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def suggester() -> Suggester:
    """The built-in suggester with no vocabulary and the built-in themes only."""
    return Suggester(user_themes=Path(__file__).parent / "no-such-themes.toml")
