"""The user's settings file: key remapping and the remembered theme.

`config.toml` in the platformdirs config directory (or in `$DIPREADER_CONFIG_DIR`, which tests
use so they never touch the real one)::

    theme = "nord"

    [keys]
    # binding id = "key" or "key1,key2"; `?` in the app lists every id
    tag_person = "P"
    quit = "q,ctrl+q"

The user edits this file by hand, so saving the theme changes only the `theme` line and keeps
everything else, comments included. Imports nothing heavy: the CLI loads it before Textual.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from dipreader.errors import DipreaderError
from dipreader.user_toml import read_user_toml

CONFIG_DIR_ENV = "DIPREADER_CONFIG_DIR"
CONFIG_FILE_NAME = "config.toml"
_THEME_LINE = re.compile(r"^\s*theme\s*=")
_TABLE_HEADER = re.compile(r"^\s*\[")


class ConfigError(DipreaderError):
    """The settings file cannot be read or does not say what dipreader expects."""


@dataclass(frozen=True)
class Config:
    path: Path
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)


def config_dir() -> Path:
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("dipreader", appauthor=False))


def config_path() -> Path:
    return config_dir() / CONFIG_FILE_NAME


def load_config(path: Path | None = None) -> Config:
    """Read the settings; a missing file means the defaults."""
    path = path or config_path()
    data = read_user_toml(path, ConfigError, "the settings file")
    if data is None:
        return Config(path)

    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise ConfigError(f'{path}: `theme` must be a string, such as theme = "nord"')
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        raise ConfigError(f'{path}: `keys` must be a table: [keys] then lines id = "key"')
    keymap: dict[str, str] = {}
    for binding_id, value in keys.items():
        if not isinstance(value, str) or any(not k.strip() for k in value.split(",")):
            raise ConfigError(
                f"{path}: [keys] {binding_id} must be a key or comma-separated keys, "
                f'such as {binding_id} = "ctrl+t"'
            )
        keymap[binding_id] = ",".join(k.strip() for k in value.split(","))
    return Config(path, theme or None, keymap)


def unknown_binding_ids(config: Config, known: set[str]) -> list[str]:
    """Ids in the user's [keys] table that no binding has (typos, or removed actions)."""
    return sorted(set(config.keymap) - known)


def _with_theme_line(text: str, theme: str) -> str:
    # json.dumps(ensure_ascii=False) writes a valid TOML basic string for any theme name.
    new_line = f"theme = {json.dumps(theme, ensure_ascii=False)}"
    lines = text.splitlines()
    first_table = next((i for i, ln in enumerate(lines) if _TABLE_HEADER.match(ln)), len(lines))
    for index in range(first_table):
        if _THEME_LINE.match(lines[index]):
            lines[index] = new_line
            break
    else:
        lines.insert(first_table, new_line)
        if first_table < len(lines) - 1:
            lines.insert(first_table + 1, "")
    return "\n".join(lines) + "\n"


def save_theme(theme: str, path: Path | None = None) -> None:
    """Remember `theme`, changing only the `theme` line of the settings file."""
    path = path or config_path()
    try:
        old_text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        old_text = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the settings file {path}: {exc}") from exc
    new_text = _with_theme_line(old_text, theme)
    try:
        old = tomllib.loads(old_text)
        new = tomllib.loads(new_text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML, so the theme was not saved: {exc}") from exc
    old["theme"] = theme
    if new != old:
        # A `theme =` line inside a multi-line string, say: refuse rather than damage the file.
        raise ConfigError(f"{path}: could not change the theme line safely; edit it by hand")
    _write_atomically(path, new_text)


def _write_atomically(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=".config-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temp_name, path)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ConfigError(f"cannot write the settings file {path}: {exc}") from exc
