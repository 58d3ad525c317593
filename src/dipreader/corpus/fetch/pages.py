"""Fetching pages, and feeds with their entries' pages, into a corpus folder.

`dipreader fetch URL...` and `dipreader feeds update` both end here. A response that is a
feed is saved as a feed document and its entries' pages are fetched; anything else must be
a web page, saved with its sidecar. One address that fails is reported and the others go on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from dipreader.atomic import atomic_write
from dipreader.corpus.fetch.files import (
    feed_path,
    now_iso,
    page_path,
    read_old_feed,
    save_feed,
    save_page,
    slug,
)
from dipreader.corpus.fetch.http import FetchError, HttpClient, HttpResponse, check_url, resolve
from dipreader.corpus.sources import url_key
from dipreader.corpus.sources.sidecar import FetchRecord, sidecar_path

if TYPE_CHECKING:
    from dipreader.corpus.sources.feed import FeedEntry

# `progress(done, total, what)`: steps done, steps known so far (a feed adds its pages once
# it is read), and what is being fetched now.
Progress = Callable[[int, int, str], None]

_FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/x-rss+xml",
        "application/feed+xml",
    }
)
_PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# What may come before a feed's root element: a byte order mark, the XML declaration, other
# processing instructions (a stylesheet), comments and a doctype without an internal subset.
_PROLOGUE = re.compile(r"\A\ufeff?(?:\s+|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>\[]*>)*", re.DOTALL)
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>/]")
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_SNIFF_BYTES = 2048


@dataclass
class FeedResult:
    """What updating one feed did."""

    name: str
    url: str
    new: int = 0  # pages saved, and entries carrying their whole text first seen
    unchanged: bool = False  # a 304, or nothing new
    error: str | None = None  # the feed itself could not be fetched, read or saved
    page_errors: list[str] = field(default_factory=list)  # "address: reason", one per page

    @property
    def ok(self) -> bool:
        return self.error is None and not self.page_errors


@dataclass
class FetchSummary:
    """What `fetch_urls` did: pages saved, addresses whose page was there, feeds, failures."""

    saved: list[Path] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    feeds: list[FeedResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and all(feed.ok for feed in self.feeds)


class Tally:
    """Counts steps for a `Progress` callback, whose total grows as feeds are read."""

    def __init__(self, report: Progress | None, total: int) -> None:
        self.report, self.total, self.done = report, total, 0

    def grow(self, steps: int) -> None:
        self.total += steps

    def start(self, what: str) -> None:
        if self.report is not None:
            self.report(self.done, self.total, what)

    def finish(self, what: str) -> None:
        self.done += 1
        if self.report is not None:
            self.report(self.done, self.total, what)


def _mime(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _head_text(body: bytes) -> str:
    head = body[:_SNIFF_BYTES]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="replace")
    return head.decode("utf-8", errors="replace")


def is_feed(response: HttpResponse) -> bool:
    """Whether the response is a feed: said so by its type, or starting as one does."""
    if _mime(response.content_type) in _FEED_TYPES:
        return True
    head = _head_text(response.body)
    prologue = _PROLOGUE.match(head)
    return _FEED_ROOT.match(head, prologue.end() if prologue else 0) is not None


def _check_page(response: HttpResponse) -> None:
    if not response.body.strip():
        raise FetchError(response.url, "the page is empty")
    mime = _mime(response.content_type)
    if mime and mime not in _PAGE_TYPES and not _HTML_START.search(_head_text(response.body)):
        raise FetchError(response.url, f"not a web page or a feed ({mime})")


def _record(response: HttpResponse, url: str, feed: str | None) -> FetchRecord:
    return FetchRecord(
        url=url,
        final_url=response.final_url,
        fetched_at=now_iso(),
        last_modified=response.last_modified,
        etag=response.etag,
        content_type=response.content_type,
        feed=feed,
    )


def _save_as_page(response: HttpResponse, path: Path, url: str, feed: str | None) -> None:
    _check_page(response)
    try:
        save_page(path, _record(response, url, feed), response.body)
    except OSError as exc:
        raise FetchError(url, f"could not be saved as {path} ({exc.strerror or exc})") from None


def fetch_page(
    client: HttpClient, url: str, into: Path, *, feed: str | None = None, base: str | None = None
) -> Path | None:
    """Save the page asked for as `url` (relative to `base`, a feed's address, if it is
    relative) unless it is already there: its path, or None if nothing was fetched.
    Raises FetchError."""
    # Known by its whole address, never by a relative link as a feed wrote it: two sites'
    # `/article/1` are two pages (and two articles, whose ids are their addresses).
    address = resolve(base, url)
    path = page_path(into, address)
    if path.exists():
        return None
    response = client.get(address)
    if is_feed(response):
        raise FetchError(url, "a feed, not a page")
    _save_as_page(response, path, address, feed)
    return path


def _entry_key(link: str | None, title: str) -> str:
    return f"link {link}" if link else f"title {title}"


def _read_entries(url: str, data: bytes) -> list[FeedEntry]:
    """The entries of a feed document; FetchError saying why it is not one we take."""
    from dipreader.corpus.sources import SourceError
    from dipreader.corpus.sources.feed import entries

    try:
        return entries(data)
    except SourceError as exc:
        raise FetchError(url, str(exc)) from None
    except Exception as exc:  # a third-party parser's failure on odd input
        raise FetchError(url, f"not a readable feed ({type(exc).__name__}: {exc})") from None


def _old_keys(data: bytes | None) -> list[str] | None:
    if data is None:
        return []
    try:
        return [_entry_key(e.link, e.title) for e in _read_entries("", data)]
    except FetchError:
        return None


def take_feed(
    client: HttpClient,
    response: HttpResponse,
    into: Path,
    name: str,
    tally: Tally,
    *,
    saved_body: bytes | None = None,
    full_text_pages: bool = False,
) -> FeedResult:
    """Save a fetched feed as `DIR/feeds/NAME.xml` and fetch its entries' pages.

    For a 304, `saved_body` is the document saved before: its pages missing (failed last
    time, say) are fetched. Entries that carry their whole text are articles already: their
    pages are fetched only with `full_text_pages`.
    """
    url = response.url
    result = FeedResult(name=name, url=url)
    body = saved_body if response.not_modified and saved_body is not None else response.body
    try:
        found = _read_entries(url, body)
    except FetchError as exc:
        result.error = str(exc)
        return result
    base = response.final_url
    new = 0
    if not response.not_modified:
        path = feed_path(into, name)
        old = read_old_feed(path)
        old_keys = _old_keys(old)
        known = set(old_keys or ())

        def kept(key: str) -> bool:
            link = key.removeprefix("link ")
            if link == key:
                return False
            try:
                return page_path(into, resolve(base, link)).exists()
            except FetchError:
                return False

        try:
            save_feed(path, body, old, old_keys, [_entry_key(e.link, e.title) for e in found], kept)
            # Its address, so that the loader resolves the feed's relative links as here.
            atomic_write(sidecar_path(path), _record(response, url, None).to_json())
        except OSError as exc:
            result.error = f"{url}: could not be saved as {path} ({exc.strerror or exc})"
            return result
        new += sum(
            1
            for e in found
            if e.full_text and not full_text_pages and _entry_key(e.link, e.title) not in known
        )
    links = _unique(e.link for e in found if e.link and (full_text_pages or not e.full_text))
    saved, result.page_errors = _fetch_pages(client, links, into, url, base, tally)
    result.new = new + len(saved)
    result.unchanged = result.new == 0
    return result


def _unique(links: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(link for link in links if link))


def _fetch_pages(
    client: HttpClient, links: Sequence[str], into: Path, feed: str, base: str, tally: Tally
) -> tuple[list[Path], list[str]]:
    tally.grow(len(links))
    saved: list[Path] = []
    errors: list[str] = []
    for link in links:
        tally.start(link)
        try:
            path = fetch_page(client, link, into, feed=feed, base=base)
        except FetchError as exc:
            errors.append(str(exc))
        else:
            if path is not None:
                saved.append(path)
        tally.finish(link)
    return saved, errors


def feed_name_for(url: str) -> str:
    """The name of a feed fetched by its address alone: its host, less `www.`, and a key of
    the address (two feeds of one site are two files)."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return f"{slug(host, default='feed')}-{url_key(url)[:8]}"


def fetch_urls(
    urls: Sequence[str],
    into: Path,
    *,
    client: HttpClient | None = None,
    progress: Progress | None = None,
    full_text_pages: bool = False,
) -> FetchSummary:
    """Save each address's page in `into`, or, for a feed, the feed and its entries' pages.

    A page already saved is not fetched again. Failures are collected in the summary, never
    raised: one address that fails does not stop the others.
    """
    summary = FetchSummary()
    tally = Tally(progress, len(urls))
    own = client is None
    client = client or HttpClient()
    try:
        for url in urls:
            tally.start(url)
            _fetch_one(client, url, Path(into), summary, tally, full_text_pages)
            tally.finish(url)
    finally:
        if own:
            client.close()
    return summary


def _fetch_one(
    client: HttpClient,
    url: str,
    into: Path,
    summary: FetchSummary,
    tally: Tally,
    full_text_pages: bool,
) -> None:
    try:
        url = check_url(url)
        path = page_path(into, url)
        if path.exists():
            summary.already.append(url)
            return
        response = client.get(url)
        if is_feed(response):
            name = feed_name_for(response.url)
            summary.feeds.append(
                take_feed(client, response, into, name, tally, full_text_pages=full_text_pages)
            )
            return
        _save_as_page(response, path, url, None)
    except FetchError as exc:
        summary.errors.append(str(exc))
        return
    summary.saved.append(path)
