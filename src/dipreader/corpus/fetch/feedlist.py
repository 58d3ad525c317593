"""The user's list of feeds: `feeds.json` in the configuration folder.

Each feed has a name, an address, the folder its articles go in (optional), when it was
added, and what the last update learnt: the server's ETag and Last-Modified (for the next
conditional GET) and the folder whose copy of the feed they are of, when it was checked and
how that went. A list that cannot be read is
reported and never written over: the user may have edited it by hand, and fixing it is theirs
to do. Changes are made under a lock, on the list as it is on disk at that moment, so that
an update running in the app does not undo a feed added meanwhile from the command line.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from dipreader.atomic import atomic_write
from dipreader.corpus.fetch.files import now_iso, slug
from dipreader.corpus.fetch.http import check_url
from dipreader.corpus.text import utf8_encodable
from dipreader.errors import DipreaderError
from dipreader.terminal import holds_unsafe

FEEDS_FILE = "feeds.json"
FORMAT = 1
_LOCK_TIMEOUT = 10.0
_OPTIONAL = (
    "into",
    "added",
    "etag",
    "last_modified",
    "fetched_into",
    "last_checked",
    "last_result",
)


class FeedListError(DipreaderError):
    """The feed list cannot be read or written, or does not have the feed asked for."""


@dataclass
class Feed:
    """One feed of the list, and what its last update learnt."""

    name: str
    url: str
    into: str | None = None  # the folder its articles go in; None: the current folder
    added: str | None = None  # ISO 8601 UTC
    etag: str | None = None
    last_modified: str | None = None
    fetched_into: str | None = None  # the folder whose copy the ETag and Last-Modified are of
    last_checked: str | None = None  # ISO 8601 UTC
    last_result: str | None = None  # "3 new", "unchanged", "failed: why"
    extra: dict[str, Any] = field(default_factory=dict, repr=False)  # keys of a newer version

    def to_json(self) -> dict[str, Any]:
        fields = {"name": self.name, "url": self.url}
        fields.update({key: getattr(self, key) for key in _OPTIONAL})
        return {**self.extra, **fields}

    def matches(self, name_or_url: str) -> bool:
        """Whether the user means this feed by `name_or_url`."""
        given = name_or_url.strip()
        return given == self.name or same_url(given, self.url)


def feeds_path() -> Path:
    """Where the feed list lives."""
    from dipreader.config import config_dir

    return config_dir() / FEEDS_FILE


def same_url(first: str, second: str) -> bool:
    """Whether two addresses are the same feed (scheme and host are not case-sensitive)."""

    def norm(url: str) -> str:
        url = url.strip()
        parts = urlsplit(url)
        head = f"{parts.scheme}://{parts.netloc}"
        return head.lower() + url[len(head) :] if url.lower().startswith(head.lower()) else url

    try:
        return norm(first) == norm(second)
    except ValueError:
        return first.strip() == second.strip()


def _feed_from(item: Any, number: int, path: Path) -> Feed:
    def bad(why: str) -> FeedListError:
        return FeedListError(
            f"cannot read the feed list {path}: feed {number} {why}; the file was left as it "
            "is (fix it or move it away)"
        )

    if not isinstance(item, dict):
        raise bad("is not an object")
    for key in ("name", "url"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise bad(f'has no "{key}"')
        if not utf8_encodable(item[key]):
            raise bad(f'has a "{key}" that is not text (a stray surrogate)')
    values = {}
    for key in _OPTIONAL:
        value = item.get(key)
        if value is not None and not (isinstance(value, str) and utf8_encodable(value)):
            raise bad(f'has a "{key}" that is not text')
        values[key] = value
    extra = {k: v for k, v in item.items() if k not in ("name", "url", *_OPTIONAL)}
    return Feed(name=item["name"], url=item["url"], extra=extra, **values)


def read_feeds(path: Path | None = None) -> list[Feed]:
    """The feeds of the list (none if there is no list yet); FeedListError if it cannot be
    read or is not a feed list."""
    path = path or feeds_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise FeedListError(f"cannot read the feed list {path}: {exc.strerror or exc}") from None
    left = "the file was left as it is (fix it or move it away)"
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FeedListError(f"cannot read the feed list {path}: not JSON ({exc}); {left}") from None
    except RecursionError:
        raise FeedListError(f"cannot read the feed list {path}: nested too deep; {left}") from None
    if not isinstance(document, dict) or not isinstance(document.get("feeds"), list):
        raise FeedListError(
            f'cannot read the feed list {path}: no "feeds" list in it; {left}'
        ) from None
    version = document.get("format", FORMAT)
    if not isinstance(version, int) or version > FORMAT:
        raise FeedListError(
            f"the feed list {path} was written by a newer dipreader (format {version}); "
            "update dipreader to use it"
        )
    return [_feed_from(item, n, path) for n, item in enumerate(document["feeds"], start=1)]


def write_feeds(feeds: Sequence[Feed], path: Path | None = None) -> None:
    """Write the list whole (atomically); FeedListError if it cannot be written."""
    path = path or feeds_path()
    document = {"format": FORMAT, "feeds": [feed.to_json() for feed in feeds]}
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    # A list kept elsewhere behind a link (a dotfiles folder) is written where it lives; the
    # link stays a link.
    target = path.resolve() if path.is_symlink() else path
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, text.encode("utf-8"))
    except OSError as exc:
        raise FeedListError(f"cannot write the feed list {path}: {exc.strerror or exc}") from None


@contextlib.contextmanager
def editing(path: Path | None = None) -> Iterator[list[Feed]]:
    """The list as it is on disk, locked against other writers; written back when the block
    ends without an error. A list that cannot be read raises before the block runs."""
    from filelock import FileLock, Timeout

    path = path or feeds_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(path.with_name(path.name + ".lock"), timeout=_LOCK_TIMEOUT)
        lock.acquire()
    except Timeout:
        raise FeedListError(
            f"the feed list {path} is being changed by another dipreader; try again"
        ) from None
    except OSError as exc:
        raise FeedListError(f"cannot lock the feed list {path}: {exc.strerror or exc}") from None
    try:
        feeds = read_feeds(path)
        yield feeds
        write_feeds(feeds, path)
    finally:
        lock.release()


def default_name(url: str) -> str:
    """A feed's name when the user gives none: its host, less `www.`, as a slug."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return slug(host, default="feed")


def add_feed(
    url: str, *, name: str | None = None, into: Path | None = None, path: Path | None = None
) -> Feed:
    """Add a feed to the list; FeedListError (or FetchError for an address that is not a web
    address) if it cannot be, or if its name or address is already there."""
    url = check_url(url)
    name = " ".join((name or default_name(url)).split())
    if not name:
        raise FeedListError("a feed's name cannot be empty")
    if holds_unsafe(name):
        # It is printed on every update and names a file: nothing a terminal would act on.
        raise FeedListError(
            "a feed's name cannot contain control characters or direction overrides"
        )
    folder = str(Path(into).expanduser().resolve()) if into is not None else None
    feed = Feed(name=name, url=url, into=folder, added=now_iso())
    with editing(path) as feeds:
        for other in feeds:
            if same_url(other.url, url):
                raise FeedListError(f"{url} is already in the feed list, as {other.name!r}")
            # Two names with one slug would share a feed file.
            if other.name == name or slug(other.name) == slug(name):
                raise FeedListError(
                    f"a feed named {other.name!r} is already in the list ({other.url}); "
                    "give this one another name with --name"
                )
        feeds.append(feed)
    return feed


def remove_feed(name_or_url: str, path: Path | None = None) -> Feed:
    """Remove the feed called `name_or_url` (or at that address) and return it."""
    with editing(path) as feeds:
        for index, feed in enumerate(feeds):
            if feed.matches(name_or_url):
                del feeds[index]
                return feed
        raise FeedListError(f"no feed named {name_or_url!r} (dipreader feeds list shows them)")


def select_feeds(feeds: Sequence[Feed], names: Sequence[str]) -> list[Feed]:
    """The feeds `names` (names or addresses) mean, in list order; all with no names."""
    if not names:
        return list(feeds)
    unknown = [n for n in names if not any(f.matches(n) for f in feeds)]
    if unknown:
        listed = ", ".join(repr(n) for n in unknown)
        raise FeedListError(f"no feed named {listed} (dipreader feeds list shows them)")
    return [f for f in feeds if any(f.matches(n) for n in names)]
