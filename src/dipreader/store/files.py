"""The database file's bytes: writing them safely (see `dipreader.atomic`), cleaning up after
a killed writer, and parsing them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson

from dipreader.atomic import TEMP_SUFFIX, atomic_write, temp_prefix

__all__ = ["atomic_write", "parse_json", "remove_stray_temp_files", "serialize"]


def remove_stray_temp_files(path: Path) -> list[Path]:
    """Delete temporary files a killed writer left next to `path`; return what was removed.

    Only call this while holding the database's lock: another writer's temp file is not stray.
    """
    removed = []
    for candidate in path.parent.glob(f"{temp_prefix(path)}*{TEMP_SUFFIX}"):
        if candidate.is_file():
            candidate.unlink(missing_ok=True)
            removed.append(candidate)
    return removed


def parse_json(raw: bytes) -> Any:
    """Parse JSON with orjson, falling back to the stdlib for what orjson refuses but Python's
    own json module writes (NaN, Infinity). Raises json.JSONDecodeError or UnicodeDecodeError."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw.decode("utf-8"))


def serialize(data: Mapping[str, Any]) -> bytes:
    return orjson.dumps(data)
