"""Errors of export and import that a user can act on."""

from __future__ import annotations

from dipreader.errors import DipreaderError


class ExportError(DipreaderError):
    """An export cannot be written (the output exists, the data refers to a missing tag...)."""


class ImportFormatError(DipreaderError):
    """A file given to `dipreader import` is not a json export this version can read."""
