"""Updating the feeds of the user's list: `dipreader feeds update`, and the app's worker.

Each feed is fetched with a conditional GET (the ETag and Last-Modified its last update
got), saved as `DIR/feeds/NAME.xml`, and its entries' pages are fetched into `DIR`. What each
update learnt is written to the list once the run ends; feeds not updated keep their state.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dipreader.corpus.fetch.feedlist import Feed, editing, feeds_path, read_feeds, select_feeds
from dipreader.corpus.fetch.files import feed_path, now_iso
from dipreader.corpus.fetch.http import FetchError, HttpClient
from dipreader.corpus.fetch.pages import FeedResult, Progress, Tally, take_feed

__all__ = ["FeedResult", "describe_result", "update_feeds"]


@dataclass(frozen=True)
class _State:
    """What one update learnt of a feed, to keep in the list."""

    etag: str | None
    last_modified: str | None
    fetched_into: str | None
    checked: str
    result: str


def describe_result(result: FeedResult) -> str:
    """One line for a feed's outcome: "3 new", "unchanged", "1 new, 2 pages failed",
    "failed: why"."""
    if result.error is not None:
        return f"failed: {result.error}"
    if not result.page_errors:
        return "unchanged" if result.unchanged else f"{result.new} new"
    count = len(result.page_errors)
    return f"{result.new} new, {count} page{'s' if count > 1 else ''} failed"


def _folder(feed: Feed, into: Path | None) -> Path:
    if into is not None:
        return Path(into)
    return Path(feed.into) if feed.into else Path.cwd()


def _update_one(
    client: HttpClient, feed: Feed, into: Path, tally: Tally, full_text_pages: bool
) -> tuple[FeedResult, _State]:
    checked = now_iso()
    folder = str(into.resolve())
    etag, last_modified, fetched_into = feed.etag, feed.last_modified, feed.fetched_into
    # Only the copy the server's ETag and date are of may be "not modified": asked into
    # another folder, or after its file was removed, the feed is fetched whole.
    saved = None
    if fetched_into == folder:
        try:
            saved = feed_path(into, feed.name).read_bytes()
        except OSError:
            saved = None

    def failed(error: str) -> tuple[FeedResult, _State]:
        result = FeedResult(name=feed.name, url=feed.url, error=error)
        return result, _State(etag, last_modified, fetched_into, checked, describe_result(result))

    try:
        if saved is not None:
            response = client.get(feed.url, etag=etag, last_modified=last_modified)
        else:
            response = client.get(feed.url)
    except FetchError as exc:
        return failed(str(exc))
    result = take_feed(
        client,
        response,
        into,
        feed.name,
        tally,
        saved_body=saved,
        full_text_pages=full_text_pages,
    )
    result.name, result.url = feed.name, feed.url
    if result.error is None:
        # A 304 may carry a fresh ETag; a 200 replaces both (a header it lacks is gone).
        if response.not_modified:
            etag = response.etag or etag
            last_modified = response.last_modified or last_modified
        else:
            etag, last_modified = response.etag, response.last_modified
        fetched_into = folder
    return result, _State(etag, last_modified, fetched_into, checked, describe_result(result))


def update_feeds(
    into: Path | None,
    names: Sequence[str] = (),
    *,
    progress: Progress | None = None,
    client: HttpClient | None = None,
    full_text_pages: bool = False,
    feeds_file: Path | None = None,
) -> list[FeedResult]:
    """Update the feeds called `names` (names or addresses; all with none), in list order.

    `into` is the corpus folder for all of them; None means each feed's own folder, or the
    current one. `progress(done, total, what)` is called as feeds and pages are fetched
    (`total` grows as feeds are read). One feed failing does not stop the others: each
    result says what happened. Raises FeedListError (a DipreaderError) before fetching
    anything if the list cannot be read or a name is not in it, and after, if what was
    learnt cannot be written to it.
    """
    path = feeds_file or feeds_path()
    chosen = select_feeds(read_feeds(path), names)
    tally = Tally(progress, len(chosen))
    own = client is None
    client = client or HttpClient()
    results: list[FeedResult] = []
    states: dict[tuple[str, str], _State] = {}
    try:
        for feed in chosen:
            tally.start(feed.name)
            result, state = _update_one(client, feed, _folder(feed, into), tally, full_text_pages)
            results.append(result)
            states[feed.name, feed.url] = state
            tally.finish(feed.name)
    finally:
        if own:
            client.close()
        if states:
            _remember(states, path)
    return results


def _remember(states: dict[tuple[str, str], _State], path: Path) -> None:
    # Into the list as it is now: a feed added or removed during the run stays so.
    with editing(path) as feeds:
        for feed in feeds:
            state = states.get((feed.name, feed.url))
            if state is None:
                continue
            feed.etag, feed.last_modified = state.etag, state.last_modified
            feed.fetched_into = state.fetched_into
            feed.last_checked, feed.last_result = state.checked, state.result
