"""The export formats by name, for the CLI and the app alike."""

from __future__ import annotations

from dipreader.export.document import Document

FORMATS = ("json", "jsonl", "csv", "w3c")


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
