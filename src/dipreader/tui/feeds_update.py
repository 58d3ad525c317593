"""`R`: update the feeds into the open corpus folder, in a worker, and show what is new.

The fetching itself is `dipreader.corpus.fetch.feeds.update_feeds`, the code behind
`dipreader feeds update`; this module only runs it off the UI thread, draws its progress and
reloads the corpus (unchanged files come from the corpus cache) without a restart.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import ProgressBar
from textual.worker import get_current_worker

from dipreader.tui.folding import visible
from dipreader.tui.quiet_static import QuietStatic

if TYPE_CHECKING:
    from dipreader.corpus.fetch.feeds import FeedResult
    from dipreader.tui.main_screen import MainScreen


class FeedsProgress(Message):
    """The update has done `done` of `total` steps; `what` is the feed or page at hand."""

    def __init__(self, done: int, total: int, what: str) -> None:
        super().__init__()
        self.done, self.total, self.what = done, total, what


class FeedsUpdated(Message):
    """The update is over: each feed's result (or why none could be updated), and how many
    articles the list gained."""

    def __init__(self, results: list[FeedResult], error: str | None, added: int = 0) -> None:
        super().__init__()
        self.results, self.error, self.added = results, error, added


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


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
    if screen.dip_app.read_only_reason:
        screen.notify(
            "The app is read-only: it adds no file to the corpus either.",
            title="Feeds not updated",
            severity="warning",
            markup=False,
        )
        return
    folder = corpus_folder(screen)
    if folder is None:
        screen.notify(
            "Feeds are saved into the corpus folder: open yours with `dipreader FOLDER`.",
            title="No corpus folder to update",
            severity="warning",
            markup=False,
        )
        return
    if screen.query("#feeds-progress"):
        screen.notify("The feeds are being updated already.", markup=False)
        return
    # Mounted now, so that a second `R` sees it before the worker has started.
    box = Vertical(
        QuietStatic(Content("Updating the feeds…"), id="feeds-status"),
        ProgressBar(id="feeds-bar", show_eta=False, show_percentage=False),
        id="feeds-progress",
    )
    screen.query_one("#list-pane").mount(box, after="#list-status")
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
    added = 0
    if any(result.new for result in results) and not worker.is_cancelled:
        try:
            added = screen.reload_corpus()
        except Exception as exc:  # the pages are saved; the list shows them at next start
            screen.post_message(FeedsUpdated(results, f"the corpus could not be read: {exc}"))
            return
    screen.post_message(FeedsUpdated(results, None, added))


def _short_name(what: str) -> str:
    """A feed's name as it is; a page's address by its last part, which names the story."""
    if not what.startswith(("http://", "https://")):
        return what
    from urllib.parse import urlsplit

    parts = urlsplit(what)
    return parts.path.rstrip("/").rsplit("/", 1)[-1] or parts.netloc


def show_progress(screen: MainScreen, event: FeedsProgress) -> None:
    # The total grows as feeds are read and list their pages: steps, not a percentage.
    for bar in screen.query("#feeds-bar").results(ProgressBar):
        bar.update(total=max(event.total, 1), progress=event.done)
    for status in screen.query("#feeds-status").results(QuietStatic):
        doing = visible(_short_name(event.what))
        status.set_content(Content(f"Feeds {event.done}/{event.total}: {doing}"))


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
    failed = [result for result in event.results if result.error]
    updated = len(event.results) - len(failed)
    summary = f"{plural(event.added, 'new article')} in the list" if event.added else "Nothing new"
    summary += f", from {plural(updated, 'feed')}"
    if failed:
        summary += f" ({len(failed)} failed)"
    screen.notify(summary, title="Feeds updated", markup=False, timeout=6)
    for result in failed:
        screen.notify(
            f"{result.name}: {result.error}",
            title="A feed could not be updated",
            severity="error",
            markup=False,
            timeout=10,
        )
    page_errors = [error for result in event.results for error in result.page_errors]
    if page_errors:
        shown = "\n".join(page_errors[:3])
        more = f"\n… and {len(page_errors) - 3} more" if len(page_errors) > 3 else ""
        screen.notify(
            shown + more,
            title=f"{plural(len(page_errors), 'page')} could not be fetched",
            severity="warning",
            markup=False,
            timeout=10,
        )
