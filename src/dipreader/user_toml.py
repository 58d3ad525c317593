"""Reading a TOML file the user may have written (settings, themes): missing is fine,
anything else wrong is said with the file's path."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from dipreader.errors import DipreaderError


def read_user_toml(path: Path, error: type[DipreaderError], what: str) -> dict[str, Any] | None:
    """The table in `path`, or None if there is no such file. `error` is raised, naming the
    file as `what` ("the settings file"), if it cannot be read or is not TOML."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"cannot read {what} {path}: {exc}") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path} is not valid TOML: {exc}") from exc
