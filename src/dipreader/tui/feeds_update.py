"""`R`: update the feeds into the open corpus folder, in a worker, and show what is new.

The fetching itself is `dipreader.corpus.fetch.feeds.update_feeds`, the code behind
`dipreader feeds update`; this module only runs it off the UI thread, draws its progress and
reloads the corpus (unchanged files come from the corpus cache) without a restart.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.widgets import ProgressBar
from textual.worker import get_current_worker

if TYPE_CHECKING:
    from dipreader.corpus.fetch.feeds import FeedResult
    from dipreader.tui.main_screen import MainScreen


class FeedsProgress(Message):
    """The update has done `done` of `total` steps; `what` is the feed or page at hand."""

    def __init__(self, done: int, total: int, what: str) -> None:
        super().__init__()
        self.done, self.total, self.what = done, total, what


class FeedsUpdated(Message):
    """The update is over: each feed's result, and the corpus reloaded (None if it failed)."""

    def __init__(self, results: list[FeedResult], error: str | None) -> None:
        super().__init__()
        self.results, self.error = results, error


def corpus_folder(screen: MainScreen) -> Path | None:
    """The folder new articles go to: the open corpus, if it is one folder of the user's."""
    from dipreader.corpus import bundled_seeds

    source = screen.dip_app.corpus_source
    if not isinstance(source, Path) or not source.is_dir():
        return None
    if source.resolve() == bundled_seeds().resolve():
        return None
    return source


def start_update(screen: MainScreen) -> None:
    """What `R` does: say why not, or start the worker with its progress bar."""
    folder = corpus_folder(screen)
    if folder is None:
        screen.notify(
            "Feeds are saved into the corpus folder: open yours with `dipreader FOLDER`.",
            title="No corpus folder to update",
            severity="warning",
            markup=False,
        )
        return
    if any(w.group == "feeds" and w.is_running for w in screen.workers):
        screen.notify("The feeds are being updated already.", markup=False)
        return
    bar = ProgressBar(id="feeds-progress", show_eta=False)
    screen.query_one("#list-pane").mount(bar, after="#list-status")
    _update_worker(screen, folder)


@work(thread=True, exclusive=True, group="feeds", exit_on_error=False)
def _update_worker(screen: MainScreen, folder: Path) -> None:
    from dipreader.corpus.fetch.feeds import update_feeds
    from dipreader.errors import DipreaderError

    worker = get_current_worker()

    def progress(done: int, total: int, what: str) -> None:
        if not worker.is_cancelled:
            screen.post_message(FeedsProgress(done, total, what))

    try:
        results = update_feeds(folder, progress=progress)
    except DipreaderError as exc:  # the list of feeds cannot be read: said, nothing written
        screen.post_message(FeedsUpdated([], str(exc)))
        return
    except Exception as exc:  # never a traceback in the app: the toast says what broke
        screen.post_message(FeedsUpdated([], f"{type(exc).__name__}: {exc}"))
        return
    if any(result.new for result in results) and not worker.is_cancelled:
        screen.reload_corpus()
    screen.post_message(FeedsUpdated(results, None))


def show_progress(screen: MainScreen, event: FeedsProgress) -> None:
    for bar in screen.query("#feeds-progress").results(ProgressBar):
        bar.update(total=max(event.total, 1), progress=event.done)


def show_results(screen: MainScreen, event: FeedsUpdated) -> None:
    screen.query("#feeds-progress").remove()
    if event.error is not None:
        screen.notify(event.error, title="Feeds not updated", severity="error", markup=False)
        return
    if not event.results:
        screen.notify(
            "No feeds yet: add one with `dipreader feeds add URL`.",
            title="Feeds",
            markup=False,
        )
        return
    new = sum(result.new for result in event.results)
    failed = [result for result in event.results if result.error]
    pages_failed = sum(len(result.page_errors) for result in event.results)
    summary = f"{new} new article(s) from {len(event.results)} feed(s)"
    if pages_failed:
        summary += f"; {pages_failed} page(s) could not be fetched"
    screen.notify(summary, title="Feeds updated", markup=False, timeout=6)
    for result in failed:
        screen.notify(
            f"{result.name}: {result.error}",
            title="A feed could not be updated",
            severity="error",
            markup=False,
            timeout=10,
        )
