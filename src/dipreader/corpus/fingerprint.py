"""What makes a corpus cache stale: the cleaning code, the readers and the parsers.

A fingerprint of the source of the modules that decide what an article looks like once
cleaned, of the format registry, of the Unicode database (NFC) and of the installed parsers'
versions: any change to one of them, and every cache is rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

# The modules whose code decides what an article looks like once cleaned.
_CLEANING_MODULES = (
    "cache",
    "clean",
    "fingerprint",
    "dates",
    "decode",
    "load",
    "model",
    "rules",
    "layout",
    "patterns",
    "shapes",
    "text",
    "sources/__init__",
    "sources/plain",
    "sources/html",
    "sources/page_meta",
    "sources/markup",
    "sources/feed",
    "sources/sidecar",
    # Shared with the other layers, and deciding titles and dates here too.
    "../sentences",
    "../folding",
)
# The parsers whose output is what the readers keep: another version, another text.
_PARSERS = ("trafilatura", "htmldate", "justext", "lxml", "feedparser")


@lru_cache(maxsize=1)
def rules_version() -> str:
    """A fingerprint of the cleaning code: any change to it (a rule added, a bug fixed in the
    cleaner, another Unicode database for NFC, another reader) makes every cache stale."""
    from dipreader.corpus.sources import FORMATS

    return code_fingerprint(Path(__file__).parent, FORMATS)


def parser_versions() -> str:
    """The installed versions of the parsers, read from their dist-info folders' names (not
    imported: a corpus of text files does not pay for an HTML parser)."""
    import importlib.util

    found = []
    for name in _PARSERS:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.origin:
            found.append(f"{name}=absent")
            continue
        site = Path(spec.origin).parent.parent
        try:
            infos = [n for n in os.listdir(site) if n.lower().startswith(f"{name}-")]
        except OSError:
            infos = []
        found.append(f"{name}={','.join(sorted(infos)) or 'unknown'}")
    return "|".join(found)


def code_fingerprint(folder: Path, readers: Mapping[str, object]) -> str:
    """The fingerprint of the cleaning modules' source in `folder`, of the `readers` (suffix
    to reader) and of the parsers' versions."""
    from dipreader import __version__
    from dipreader.corpus.cache import FORMAT

    digest = hashlib.sha256(f"{FORMAT}|{__version__}|{unicodedata.unidata_version}".encode())
    for suffix, reader in sorted(readers.items()):
        name = reader if isinstance(reader, str) else getattr(reader, "__qualname__", reader)
        module = "" if isinstance(reader, str) else getattr(reader, "__module__", "")
        digest.update(f"|{suffix}={module}.{name}".encode())
    digest.update(parser_versions().encode())
    for name in _CLEANING_MODULES:
        try:
            digest.update((folder / f"{name}.py").read_bytes())
        except OSError:  # no source next to the bytecode: the version number must do
            digest.update(name.encode())
    return digest.hexdigest()[:24]
