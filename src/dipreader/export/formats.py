"""The export formats by name, for the CLI and the app alike."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dipreader.errors import DipreaderError

if TYPE_CHECKING:
    from dipreader.export.document import Document

FORMATS = ("json", "jsonl", "csv", "w3c")
# The file name ending each format is written with, and the endings read as that format.
SUFFIXES: dict[str, str] = {"json": ".json", "jsonl": ".jsonl", "csv": ".csv", "w3c": ".jsonld"}
_FORMAT_OF_SUFFIX = {suffix: name for name, suffix in SUFFIXES.items()} | {".ndjson": "jsonl"}


class FormatMismatch(DipreaderError):
    """The output file's name says one format and the format asked for is another."""


def format_named_by(path: Path | str) -> str | None:
    """The format a file name's ending stands for (`x.CSV` -> csv), or None."""
    return _FORMAT_OF_SUFFIX.get(Path(path).suffix.lower())


def format_for(path: Path | str | None, given: str | None) -> str:
    """The format to write: the one given, else the one the file's name ends in, else json.
    FormatMismatch when both are there and disagree: `-o out.csv --format json` wrote JSON
    into a file every tool then opened as CSV."""
    named = format_named_by(path) if path is not None else None
    if given is None:
        return named or "json"
    if named is not None and named != given:
        name = Path(path).name  # type: ignore[arg-type]
        raise FormatMismatch(
            f"{name} is named as {named} but --format is {given}: name the file "
            f"…{SUFFIXES[given]}, or leave out --format to write {named}"
        )
    return given


def render(document: Document, format_name: str) -> bytes:
    """The bytes of `document` written in one of FORMATS."""
    if format_name == "json":
        from dipreader.export.document import render_json

        return render_json(document)
    if format_name == "jsonl":
        from dipreader.export.document import render_jsonl

        return render_jsonl(document)
    if format_name == "csv":
        from dipreader.export.csv_format import render_csv

        return render_csv(document)
    if format_name == "w3c":
        from dipreader.export.w3c import render_w3c

        return render_w3c(document)
    raise ValueError(f"unknown export format {format_name!r} (known: {', '.join(FORMATS)})")
