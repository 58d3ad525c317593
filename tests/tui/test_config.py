"""The settings file: read, validated, and the theme line changed without touching the rest."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from dipreader.config import (
    ConfigError,
    config_path,
    load_config,
    save_theme,
    unknown_binding_ids,
)
from dipreader.tui.keys import KEYS, known_ids


def test_no_file_means_the_defaults_in_the_overridden_folder(config_dir: Path):
    assert config_path() == config_dir / "config.toml"
    config = load_config()
    assert config.theme is None and config.keymap == {}


def test_keys_are_read_and_checked(config_dir: Path):
    config_dir.mkdir()
    path = config_dir / "config.toml"
    path.write_text('[keys]\ntag_person = "P"\nquit = "q, ctrl+q"\ntypo = "z"\n')
    config = load_config()
    assert config.keymap == {"tag_person": "P", "quit": "q,ctrl+q", "typo": "z"}
    assert unknown_binding_ids(config, known_ids()) == ["typo"]
    for bad in ("[keys]\nquit = 3\n", '[keys]\nquit = "q,"\n', 'keys = "q"\n', "theme = 1\n"):
        path.write_text(bad)
        with pytest.raises(ConfigError, match=str(path)):
            load_config()


def test_every_binding_id_is_unique():
    ids = [spec.id for spec in KEYS]
    assert len(ids) == len(set(ids))


def test_saving_the_theme_keeps_comments_and_keys(config_dir: Path):
    config_dir.mkdir()
    path = config_dir / "config.toml"
    original = '# my settings\n\n[keys]\n# capital P for people\ntag_person = "P"\n'
    path.write_text(original)
    save_theme("nord")
    text = path.read_text()
    assert text.startswith("# my settings\n") and "# capital P for people" in text
    assert tomllib.loads(text) == {"theme": "nord", "keys": {"tag_person": "P"}}
    save_theme("gruvbox")
    assert path.read_text().count("theme =") == 1
    assert load_config().theme == "gruvbox"


def test_saving_the_theme_creates_the_folder_and_file(config_dir: Path):
    save_theme('odd "name"')
    assert load_config().theme == 'odd "name"'


def test_a_broken_file_is_not_overwritten(config_dir: Path):
    config_dir.mkdir()
    path = config_dir / "config.toml"
    path.write_text("[keys\n")
    with pytest.raises(ConfigError, match="not saved"):
        save_theme("nord")
    assert path.read_text() == "[keys\n"
