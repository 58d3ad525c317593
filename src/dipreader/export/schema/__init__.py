"""The JSON Schema of the `json` export, shipped inside the package."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

SCHEMA_FILE = "export-v1.schema.json"


@cache
def export_schema() -> dict[str, Any]:
    """The draft 2020-12 schema that every `json` export of schema version 1 satisfies."""
    return json.loads(files(__name__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8"))
