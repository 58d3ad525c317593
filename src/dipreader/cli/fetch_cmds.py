"""`dipreader fetch` and `dipreader feeds`: bring web pages and feeds into a corpus folder.

Exit status: 0 when everything was fetched, 1 when some page or feed failed (the summary
says which and why), 2 for a usage error (a bad address, an unknown feed, an unreadable
feed list).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from dipreader.cli.common import emit
from dipreader.terminal import one_line_for_terminal as one_line

if TYPE_CHECKING:
    from dipreader.corpus.fetch import FeedResult, FetchSummary, HttpClient

EXIT_OK = 0
EXIT_FAILED = 1


def _add_timeout(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="give up on a server that is silent this long (default: 10 to connect, 30 to read)",
    )


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("fetch", help="save web pages, or a feed and its pages, into a folder")
    p.add_argument("urls", nargs="+", metavar="URL", help="a page's or a feed's address")
    p.add_argument(
        "--into", metavar="DIR", default=".", help="the corpus folder (default: the current one)"
    )
    _add_timeout(p)
    p.set_defaults(run=run_fetch)

    p = sub.add_parser("feeds", help="keep a list of feeds and fetch their new articles")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    a = actions.add_parser("add", help="add a feed to the list")
    a.add_argument("url", metavar="URL", help="the feed's address")
    a.add_argument("--name", metavar="NAME", help="what to call it (default: from its host)")
    a.add_argument(
        "--into", metavar="DIR", help="its corpus folder (default: where `update` is run)"
    )
    a.set_defaults(run=run_add)

    a = actions.add_parser("list", help="list the feeds and how their last update went")
    a.set_defaults(run=run_list)

    a = actions.add_parser("remove", help="remove a feed from the list (its files stay)")
    a.add_argument("feed", metavar="NAME|URL", help="the feed's name or address")
    a.set_defaults(run=run_remove)

    a = actions.add_parser("update", help="fetch the feeds' new articles")
    a.add_argument("names", nargs="*", metavar="NAME", help="the feeds to update (default: all)")
    a.add_argument(
        "--into", metavar="DIR", help="the corpus folder for all (default: each feed's own)"
    )
    _add_timeout(a)
    a.set_defaults(run=run_update)


def _client(args: argparse.Namespace) -> HttpClient:
    from dipreader.corpus.fetch import FetchError, HttpClient

    timeout = getattr(args, "timeout", None)
    if timeout is not None and not timeout > 0:
        raise FetchError("--timeout", "must be a number of seconds above 0")
    return HttpClient(connect_timeout=timeout, read_timeout=timeout)


@contextlib.contextmanager
def _progress() -> Iterator[Callable[[int, int, str], None] | None]:
    """A progress bar on stderr when it is a terminal; nothing when it is a file or pipe."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(
        # Not markup: the description is a page's address or a feed's name.
        TextColumn("{task.description}", style="progress.description", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task("fetching", total=None)

    def report(done: int, total: int, what: str) -> None:
        what = one_line(what)
        short = what if len(what) <= 50 else what[:49] + "…"
        bar.update(task, completed=done, total=total, description=short)

    with bar:
        yield report


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _print_feed(result: FeedResult) -> None:
    from dipreader.corpus.fetch import describe_result

    emit(one_line(f"{result.name}: {describe_result(result)}"))
    for error in result.page_errors:
        emit(f"  failed: {one_line(error)}")


def _print_summary(summary: FetchSummary, into: Path) -> None:
    if summary.saved:
        emit(one_line(f"saved {_plural(len(summary.saved), 'page')} in {into}"))
    if summary.already:
        emit(f"{_plural(len(summary.already), 'page')} already there, not fetched again")
    for feed in summary.feeds:
        _print_feed(feed)
    for error in summary.errors:
        emit(f"failed: {one_line(error)}")


def run_fetch(args: argparse.Namespace) -> int:
    from dipreader.corpus.fetch import fetch_urls
    from dipreader.corpus.fetch.http import check_url

    # Every address is checked before any is fetched: a typo is a usage error, not a failure.
    urls = [check_url(url) for url in args.urls]
    into = Path(args.into)
    with _client(args) as client, _progress() as report:
        summary = fetch_urls(urls, into, client=client, progress=report)
    _print_summary(summary, into)
    _warn_unreadable(summary.saved)
    return EXIT_OK if summary.ok else EXIT_FAILED


def _warn_unreadable(saved: list[Path]) -> None:
    """Say which saved pages hold no article dipreader can read (a home page, a login
    wall): they stay on disk as fetched, and the corpus will skip them."""
    from dipreader.cli.common import warn
    from dipreader.corpus.decode import UndecodableError
    from dipreader.corpus.load import read_articles

    for path in saved:
        if path.suffix.lower() not in (".html", ".htm", ".xhtml"):
            continue
        try:
            read_articles(path)
        except (OSError, UndecodableError) as exc:
            warn(f"{path}: saved, but it holds no article to read ({exc}); it will be skipped")


def run_add(args: argparse.Namespace) -> int:
    from dipreader.corpus.fetch import add_feed

    feed = add_feed(args.url, name=args.name, into=Path(args.into) if args.into else None)
    where = f" (into {feed.into})" if feed.into else ""
    emit(one_line(f"added {feed.name}: {feed.url}{where}"))
    emit(one_line(f"fetch its articles with: dipreader feeds update {feed.name}"))
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    from dipreader.corpus.fetch import read_feeds

    feeds = read_feeds()
    if not feeds:
        emit("no feeds yet: add one with `dipreader feeds add URL`")
        return EXIT_OK
    rows = [
        tuple(
            one_line(cell)
            for cell in (
                feed.name,
                feed.url if not feed.into else f"{feed.url} -> {feed.into}",
                (feed.last_checked or "never").replace("T", " ").removesuffix("Z"),
                feed.last_result or "",
            )
        )
        for feed in feeds
    ]
    header = ("name", "url", "last checked", "last result")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    for row in [header, *rows]:
        line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
        emit(f"{line}  {row[3]}".rstrip())
    return EXIT_OK


def run_remove(args: argparse.Namespace) -> int:
    from dipreader.corpus.fetch import remove_feed

    feed = remove_feed(args.feed)
    emit(one_line(f"removed {feed.name}: {feed.url} (its saved files are kept)"))
    return EXIT_OK


def run_update(args: argparse.Namespace) -> int:
    from dipreader.corpus.fetch import read_feeds, update_feeds

    if not read_feeds() and not args.names:
        emit("no feeds yet: add one with `dipreader feeds add URL`")
        return EXIT_OK
    into = Path(args.into) if args.into else None
    with _client(args) as client, _progress() as report:
        results = update_feeds(into, args.names, progress=report, client=client)
    for result in results:
        _print_feed(result)
    return EXIT_OK if all(result.ok for result in results) else EXIT_FAILED
