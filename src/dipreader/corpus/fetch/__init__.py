"""Fetching web pages and feeds into a corpus folder, and the user's list of feeds.

`fetch_urls` saves pages (or a feed and its entries' pages) for `dipreader fetch`;
`update_feeds` updates the feeds of `feeds.json` for `dipreader feeds update` and the app.
Both go through one `HttpClient`. Names are imported when first used, so that the command
line's start stays fast.
"""

from typing import TYPE_CHECKING

from dipreader.lazy import lazy_exports

if TYPE_CHECKING:
    from dipreader.corpus.fetch.feedlist import (
        Feed,
        FeedListError,
        add_feed,
        feeds_path,
        read_feeds,
        remove_feed,
    )
    from dipreader.corpus.fetch.feeds import describe_result, update_feeds
    from dipreader.corpus.fetch.files import feed_path, page_path
    from dipreader.corpus.fetch.http import FetchError, HttpClient, HttpResponse
    from dipreader.corpus.fetch.pages import FeedResult, FetchSummary, fetch_urls

__getattr__ = lazy_exports(
    __name__,
    {
        "dipreader.corpus.fetch.feedlist": (
            "Feed",
            "FeedListError",
            "add_feed",
            "feeds_path",
            "read_feeds",
            "remove_feed",
        ),
        "dipreader.corpus.fetch.feeds": ("describe_result", "update_feeds"),
        "dipreader.corpus.fetch.files": ("feed_path", "page_path"),
        "dipreader.corpus.fetch.http": ("FetchError", "HttpClient", "HttpResponse"),
        "dipreader.corpus.fetch.pages": ("FeedResult", "FetchSummary", "fetch_urls"),
    },
)

__all__ = [
    "Feed",
    "FeedListError",
    "FeedResult",
    "FetchError",
    "FetchSummary",
    "HttpClient",
    "HttpResponse",
    "add_feed",
    "describe_result",
    "feed_path",
    "feeds_path",
    "fetch_urls",
    "page_path",
    "read_feeds",
    "remove_feed",
    "update_feeds",
]
