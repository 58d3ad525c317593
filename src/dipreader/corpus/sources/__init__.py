"""Readers: one per file format, each turning a file's bytes into raw articles.

A reader is a function `read(data: bytes, context: SourceContext) -> list[RawArticle]`
living in a module of this package. `FORMATS` maps a file suffix to the reader's dotted
name; the module is imported only when a file of its format is read, so a corpus of `.txt`
files, `dipreader --version` and the app's first frame never import an HTML or feed parser.
Adding a format is one module here and one line in `FORMATS`.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from dipreader.corpus.decode import UndecodableError
from dipreader.corpus.model import ArticleDate

# Where an article's date came from, best first: a scraper's date header line, the page's
# or feed's own metadata, a date stated in the text, the HTTP Last-Modified of a fetched
# page, or the file's name.
DateSource = Literal["header", "metadata", "text", "http", "file"]

FORMATS: dict[str, str] = {
    ".txt": "dipreader.corpus.sources.plain:read_text",
    ".md": "dipreader.corpus.sources.plain:read_markdown",
    ".html": "dipreader.corpus.sources.html:read_html",
    ".htm": "dipreader.corpus.sources.html:read_html",
    ".xhtml": "dipreader.corpus.sources.html:read_html",
    ".xml": "dipreader.corpus.sources.feed:read_feed",
    ".rss": "dipreader.corpus.sources.feed:read_feed",
    ".atom": "dipreader.corpus.sources.feed:read_feed",
}

FEED_FORMATS = frozenset({".xml", ".rss", ".atom"})
# Formats a fetch saves with a sidecar that says where the file came from.
FETCHED_FORMATS = frozenset({".html", ".htm", ".xhtml"}) | FEED_FORMATS

# Formats whose parsing costs enough (an HTML extractor: 10-50 ms a page) that reading many
# such files at once is worth spreading over processes.
HEAVY_FORMATS = frozenset({".html", ".htm", ".xhtml"})


class SourceError(UndecodableError):
    """The file cannot become an article, and why (shown to the user as a warning)."""


@dataclass(frozen=True)
class SourceContext:
    """What a reader knows besides the bytes: the file, and what a fetch recorded about it."""

    path: Path
    url: str | None = None  # the page's address as asked for, from its fetch sidecar
    final_url: str | None = None  # where it was fetched from, after redirects
    http_charset: str | None = None  # the charset of the HTTP Content-Type, when fetched
    last_modified: ArticleDate | None = None  # the HTTP Last-Modified, when fetched


@dataclass(frozen=True)
class RawArticle:
    """One article as its source gives it, before cleaning.

    `text` is plain text, one paragraph per line (blank lines allowed). `id_basis` is what the
    article's id is a hash of: the normalised source text for files, the address for a page
    or feed entry that has one, so that an entry's summary and its fetched page are one
    article. The metadata fields are None when the format does not carry them; the cleaner
    prefers them to what it would guess from the text.
    """

    text: str
    id_basis: str
    title: str | None = None
    kicker: str | None = None
    date: ArticleDate | None = None
    date_source: DateSource | None = None
    authors: tuple[str, ...] = ()
    site: str | None = None
    url: str | None = None
    language: str | None = None
    summary_only: bool = False
    warnings: tuple[str, ...] = field(default=())


Reader = Callable[[bytes, SourceContext], list[RawArticle]]


def reader_for(suffix: str) -> Reader | None:
    """The reader of files ending in `suffix` (any case), imported now; None if unknown."""
    target = FORMATS.get(suffix.lower())
    if target is None:
        return None
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def is_web_address(url: str | None) -> bool:
    return bool(url) and url.strip().lower().startswith(("http://", "https://"))


def url_basis(url: str) -> str:
    """The id basis of an article known by its address."""
    return f"url {url.strip()}"


def url_key(url: str) -> str:
    """A short stable key of an address (file names of fetched pages)."""
    return hashlib.sha256(url.strip().encode("utf-8", "surrogateescape")).hexdigest()[:12]
