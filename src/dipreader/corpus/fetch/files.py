"""Where fetched pages and feeds are saved, and saving them whole.

A page asked for as `https://www.exemple.fr/monde/un-sommet.html` is saved as
`DIR/www.exemple.fr/un-sommet-<key>.html`, the key being a hash of the address as asked: the
name is known before anything is fetched, which is how a page already saved is not fetched
again. Its sidecar (`…-<key>.fetch.json`) is written first, so a page is never on disk
without the record of where it came from. A feed document is saved as `DIR/feeds/NAME.xml`.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from dipreader.atomic import atomic_write
from dipreader.corpus.sources import url_key
from dipreader.corpus.sources.sidecar import FetchRecord, sidecar_path
from dipreader.folding import strip_marks

FEEDS_FOLDER = "feeds"
PAGE_SUFFIX = ".html"
FEED_SUFFIX = ".xml"
SLUG_LIMIT = 60
# A feed file larger than this is not one dipreader wrote (the client's cap is 5 MiB).
_MAX_OLD_FEED_BYTES = 64 * 1024 * 1024
# Endings of the last part of an address that say how the server made the page, not what it is.
_WEB_SUFFIX = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm|cgi)$", re.IGNORECASE)


def now_iso() -> str:
    """The current time, ISO 8601 in UTC to the second (as the sidecars and feed list say it)."""
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    return now.strftime("%Y-%m-%dT%H:%M:%SZ")


def slug(text: str, *, default: str = "page", limit: int = SLUG_LIMIT) -> str:
    """`text` as a short ASCII file name part: letters, digits and dashes, lower case."""
    ascii_text = strip_marks(text).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return words[:limit].rstrip("-") or default


def host_folder(url: str) -> str:
    """The folder a page of `url` goes in: its host (and port), safe as a file name."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    # A name IDNA does not take keeps its characters: the replacement below makes it safe.
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")
    name = re.sub(r"[^a-z0-9.-]+", "_", host.lower())
    name = re.sub(r"\.{2,}", ".", name).strip(".")[:100]
    try:
        port = parts.port
    except ValueError:
        port = None
    if port:
        name += f"_{port}"
    if not name or name == FEEDS_FOLDER:
        name = (name or "unknown-host") + "_"
    return name


def _last_part(url: str) -> str:
    segments = [s for s in unquote(urlsplit(url).path).split("/") if s]
    return _WEB_SUFFIX.sub("", segments[-1]) if segments else ""


def page_path(into: Path, url: str) -> Path:
    """Where the page at the (whole) address `url` is saved."""
    name = f"{slug(_last_part(url), default='index')}-{url_key(url)}{PAGE_SUFFIX}"
    return Path(into) / host_folder(url) / name


def feed_path(into: Path, name: str) -> Path:
    """Where the feed called `name` is saved."""
    return Path(into) / FEEDS_FOLDER / f"{slug(name, default='feed')}{FEED_SUFFIX}"


def save_page(path: Path, record: FetchRecord, body: bytes) -> None:
    """Write the page and its sidecar, the sidecar first; OSError if either cannot be."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(sidecar_path(path), record.to_json())
    atomic_write(path, body)


def read_old_feed(path: Path) -> bytes | None:
    """The feed document saved at `path` before, or None if there is none to read."""
    try:
        if path.stat().st_size > _MAX_OLD_FEED_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def save_feed(
    path: Path,
    body: bytes,
    old: bytes | None,
    old_keys: Iterable[str] | None,
    new_keys: Iterable[str],
    kept: Callable[[str], bool],
) -> Path | None:
    """Write a feed document over the one saved before, keeping the old one aside when some
    of its entries would otherwise be lost.

    `old_keys` are the old document's entries (None when it could not be read as a feed, so
    that nothing is known to be safe), `new_keys` the new one's, and `kept(key)` tells
    whether an entry is saved elsewhere (its page). Returns where the old one was kept, if it
    was. Raises OSError.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    aside = None
    if old is None and (path.exists() or path.is_symlink()):
        # There, but not read (too large, unreadable): nothing is known of it, so it is
        # moved aside whole rather than written over.
        return _move_aside(path, body)
    if old is not None and old != body:
        new = set(new_keys)
        lost = old_keys is None or any(k not in new and not kept(k) for k in old_keys)
        if lost:
            aside = _keep_aside(path, old)
    if old != body:
        atomic_write(path, body)
    return aside


def _move_aside(path: Path, body: bytes) -> Path:
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    for number in range(1, 100):
        extra = "" if number == 1 else f"-{number}"
        aside = path.with_name(f"{path.stem}-{stamp}{extra}{path.suffix}")
        if aside.exists() or aside.is_symlink():
            continue
        os.rename(path, aside)
        atomic_write(path, body, replace=False)
        return aside
    raise FileExistsError(path)


def _keep_aside(path: Path, data: bytes) -> Path:
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    for number in range(1, 100):
        extra = "" if number == 1 else f"-{number}"
        aside = path.with_name(f"{path.stem}-{stamp}{extra}{path.suffix}")
        try:
            atomic_write(aside, data, replace=False)
        except FileExistsError:
            continue
        return aside
    raise FileExistsError(path)
